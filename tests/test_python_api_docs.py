"""docs/python-api.md lists every public attribute of Project, and nothing else, with its docstring's first
paragraph."""

from __future__ import annotations

import importlib.util
import inspect
import re
from pathlib import Path

from qualcode.project import Project
from qualcode.project.core import ProjectCore

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "python-api.md"
# A listed name: "- `add_coding(...)`", "- `Project.open(...)`" or "- `user` (property)"
LISTED = re.compile(r"^- `(?:Project\.)?(\w+)[(`]", re.M)


def _generator():
    spec = importlib.util.spec_from_file_location("make_api_docs", ROOT / "scripts" / "make_api_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def public_project_attributes() -> set[str]:
    """Written out here rather than taken from the generator, so that a fault there cannot hide a missing name."""
    names = set()
    for name in dir(Project):
        owner = next(cls for cls in Project.__mro__ if name in vars(cls))
        if not name.startswith("_") and owner is not object and owner.__module__.startswith("qualcode.project"):
            names.add(name)
    return names


def test_docs_python_api_md_is_current():
    expected = _generator().render()
    actual = DOC.read_text(encoding="utf-8")
    assert actual == expected, "docs/python-api.md is stale: run `make docs-api`"


def test_every_public_attribute_is_listed_and_nothing_else():
    listed = LISTED.findall(DOC.read_text(encoding="utf-8"))
    attributes = public_project_attributes()
    assert {"open", "create", "add_coding", "matrix", "agreement", "undo", "sign_in", "user"} <= attributes
    assert sorted(attributes - set(listed)) == [], "public Project attributes missing from docs/python-api.md"
    assert sorted(set(listed) - attributes) == [], "docs/python-api.md names what Project does not have"
    assert len(listed) == len(set(listed)), "a name is listed twice"


def test_each_line_is_the_docstring_or_a_stated_stand_in():
    generator = _generator()
    for name in generator.UNDOCUMENTED:
        assert name in public_project_attributes(), f"UNDOCUMENTED names {name!r}, which Project does not have"
        value = inspect.getattr_static(Project, name)
        function = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
        assert not inspect.getdoc(function), f"{name} has a docstring now: remove it from UNDOCUMENTED"
    lines = {m.group(1): line for line in DOC.read_text(encoding="utf-8").splitlines()
             if (m := LISTED.match(line))}
    assert lines["add_coding"].endswith(": Code text[start:end] of a document (0-based, end-exclusive code points). "
                                        "Returns the coding id.")
    assert all(not line.endswith(": ") for line in lines.values()), "a listed name without a description"


def test_a_new_method_makes_the_page_stale(monkeypatch):
    def tag_document(self, document: str, tag: str) -> None:
        """Tag a document."""

    tag_document.__module__ = ProjectCore.__module__
    monkeypatch.setattr(ProjectCore, "tag_document", tag_document, raising=False)
    assert "tag_document" in public_project_attributes()
    page = _generator().render()
    assert "- `tag_document(document, tag)`: Tag a document." in page
    assert page != DOC.read_text(encoding="utf-8")
