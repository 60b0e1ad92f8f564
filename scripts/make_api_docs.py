"""Print docs/python-api.md: every public attribute of Project, grouped by the module of its concern (`make docs-api`).

A method's line is its signature (without annotations) and the first paragraph of its docstring. A method without
a docstring takes its line from UNDOCUMENTED below; the test (tests/test_python_api_docs.py) fails when a name
there has a docstring of its own, so the list only shrinks.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from qualcode.project import Project

INTRO = """# Python API

`from qualcode.project import Project` is the API the command line, every page of the app and the benchmarks
use; a script can use it the same way:

```python
from qualcode.project import Project

with Project.open("study.qualcode") as project:
    print(project.info())
    codings = project.codings(coders=["rina"])  # a DataFrame, one row per coding
```

`Project.open(path, user=name)` acts for a signed-in user: a method that needs a permission checks that user's
role, and every write is recorded under their name. Every method that writes runs in one transaction, so one that raises
leaves the file exactly as it was. Errors are `qualcode.errors.QualcodeError` subclasses whose message names
the field, file or line at fault.

What makes a table or a file out of a whole project is a function taking a `Project`, in the package of its
concern: `qualcode.project.catalog.export_table` and `export_transcript`, `qualcode.refi.export_refi` and
`import_refi`, `qualcode.merge.merge_projects` (see [architecture.md](architecture.md)). `project.store`, the
SQL queries of the file, is there for those functions; a front end or a script calls the methods below.

This page lists every public method and property of `Project`, grouped by the module of `qualcode/project/`
that defines it; each line is the first paragraph of the docstring, where the full description, the
parameters and the errors are. It is generated (`make docs-api`) and a test keeps it complete.
"""

# Modules in the order the package docstring lists them; a new concern module goes after these.
ORDER = ("base", "core", "codings", "codebook_edit", "analysis", "agreement", "suggestions", "history", "accounts")

# Public methods without a docstring yet: the line shown for each until it has one.
UNDOCUMENTED = {
    "add_coder": "Add the coder ``name`` with ``role`` (one of CODER_ROLES); returns their id. DuplicateError when "
                 "the name exists.",
    "add_group": "Add an informant group; returns its id. DuplicateError when the key exists.",
    "add_informant": "Add an informant to ``group``, with role, organisation and other attributes; returns their id.",
    "close": "Close the project file (a ``with Project.open(...)`` block closes it at its end).",
    "coders": "Every coder with their role and number of codings, as a DataFrame.",
    "create": "Create a new project file and open it; ProjectFileError when a file already exists at ``path``.",
    "documents": "Every document (without its text) with its informant, group, source type, language, length "
                 "and number of codings, as a DataFrame.",
    "edit_group": "Change fields of a group (key, name, name_alt, description, sort); an unknown field is refused.",
    "edit_informant": "Change fields of an informant (key, group, role, organisation, attributes); an unknown field "
                      "is refused.",
    "groups": "Every informant group with its number of informants, as a DataFrame.",
    "informants": "Every informant with group, role, organisation, attributes and number of documents, as a "
                  "DataFrame.",
    "name": "The project's name (the file name without its suffix unless one was given).",
    "path": "The path of the project file.",
    "units": "The turn and sentence units (of one document, or of all) with their offsets and speaker, as a "
             "DataFrame.",
}


def public_names() -> dict[str, type]:
    """Every public attribute of Project defined in qualcode.project -> the class that defines it."""
    found = {}
    for name in dir(Project):
        if name.startswith("_"):
            continue
        owner = next(cls for cls in Project.__mro__ if name in cls.__dict__)
        if owner is not object and owner.__module__.startswith("qualcode.project"):
            found[name] = owner
    return found


def _function(value: Any) -> Any:
    if isinstance(value, property):
        return value.fget
    return getattr(value, "__func__", value)  # classmethod, staticmethod


def markdown(paragraph: str) -> str:
    """A docstring paragraph on one line, its reST (``x``, :meth:`~a.b`) written as Markdown code."""
    text = " ".join(line.strip() for line in paragraph.strip().splitlines())
    text = re.sub(r":(?:meth|func|class|attr|mod|data):`~?([^`]+)`", r"`\1`", text)
    return re.sub(r"``([^`]+)``", r"`\1`", text)


def summary(owner: type, name: str) -> str:
    """The first paragraph of the docstring, on one line, or the UNDOCUMENTED line."""
    doc = inspect.getdoc(_function(owner.__dict__[name])) or ""
    paragraph = doc.split("\n\n")[0].strip()
    return markdown(paragraph or UNDOCUMENTED.get(name, ""))


def heading(owner: type, name: str) -> str:
    value = owner.__dict__[name]
    if isinstance(value, property):
        return f"`{name}` (property)"
    parameters = list(inspect.signature(_function(value)).parameters.values())
    if isinstance(value, classmethod) or (parameters and parameters[0].name == "self"):
        parameters = parameters[1:]
    signature = inspect.Signature([p.replace(annotation=inspect.Parameter.empty) for p in parameters])
    prefix = "Project." if isinstance(value, classmethod | staticmethod) else ""
    return f"`{prefix}{name}{signature}`"


def render() -> str:
    by_module: dict[str, list[tuple[str, type]]] = {}
    for name, owner in public_names().items():
        by_module.setdefault(owner.__module__, []).append((name, owner))

    def place(module: str) -> tuple[int, str]:
        short = module.rpartition(".")[2]
        return (ORDER.index(short) if short in ORDER else len(ORDER), module)

    parts = [INTRO]
    for module in sorted(by_module, key=place):
        classes = sorted({owner.__name__ for _, owner in by_module[module]})
        doc = inspect.getdoc(importlib.import_module(module)) or ""
        parts.append(f"## {module} ({', '.join(classes)})\n")
        if doc:
            parts.append(markdown(doc.split("\n\n")[0]) + "\n")
        parts += [f"- {heading(owner, name)}: {summary(owner, name)}" for name, owner in sorted(by_module[module])]
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
