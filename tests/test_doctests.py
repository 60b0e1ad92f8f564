"""The ``>>>`` examples in the library's docstrings run as tests, so an example cannot drift from the code.

Collected here rather than with pytest's ``--doctest-modules`` so that ``testpaths`` stays ``tests`` and the
modules are imported by their package names, the way a user imports them. Modules are found by walking the
package, so a new or moved module is picked up without a list to keep.

An example that needs a file on disk (a project, a transcript) carries ``# doctest: +SKIP`` and its docstring
says so with the words "not run as a doctest", which the last test checks.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import qualcode

# Scripts Streamlit runs, not modules: importing one renders a page.
SCRIPTS = ("qualcode.ui.app", "qualcode.ui.pages")
SKIP_REASON = "not run as a doctest"


def _is_script(name: str) -> bool:
    return name.rpartition(".")[2] == "__main__" or any(name == s or name.startswith(s + ".") for s in SCRIPTS)


def library_doctests() -> list[doctest.DocTest]:
    names = [info.name for info in pkgutil.walk_packages(qualcode.__path__, "qualcode.") if not _is_script(info.name)]
    finder = doctest.DocTestFinder(exclude_empty=True)
    found = []
    for name in ["qualcode", *names]:
        found.extend(test for test in finder.find(importlib.import_module(name)) if test.examples)
    return sorted(found, key=lambda test: test.name)


DOCTESTS = library_doctests()


def _skipped(test: doctest.DocTest) -> bool:
    return any(example.options.get(doctest.SKIP) for example in test.examples)


def test_the_library_has_examples():
    # guards the walk above: finding nothing would make every test below pass vacuously
    assert len(DOCTESTS) >= 30


@pytest.mark.parametrize("test", DOCTESTS, ids=[test.name for test in DOCTESTS])
def test_docstring_example(test: doctest.DocTest):
    if all(example.options.get(doctest.SKIP) for example in test.examples):
        pytest.skip(f"{test.name}: every example needs a file on disk")
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=report.append)
    if result.failed:
        pytest.fail("".join(report), pytrace=False)


def test_a_skipped_example_says_why():
    unexplained = [test.name for test in DOCTESTS if _skipped(test) and SKIP_REASON not in (test.docstring or "")]
    assert unexplained == []
