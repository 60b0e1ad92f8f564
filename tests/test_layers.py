"""The house rules of DESIGN.md section 2: streamlit only in qualcode/ui, click only in the CLI package
(qualcode/cli/), SQL in the store."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qualcode"


def modules():
    return [(p.relative_to(PACKAGE.parent).as_posix(), p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")]


def test_streamlit_only_in_ui():
    offenders = [name for name, src in modules()
                 if re.search(r"^\s*(import streamlit|from streamlit)", src, re.M)
                 and not name.startswith("qualcode/ui/")]
    assert offenders == []


def test_click_only_in_cli():
    offenders = [name for name, src in modules()
                 if re.search(r"^\s*(import click|from click)", src, re.M)
                 and not name.startswith("qualcode/cli/")]
    assert offenders == []


def test_sql_only_in_the_store_package():
    sql = re.compile(r"\b(SELECT\s+[\w*]|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+TABLE)\b")
    offenders = [name for name, src in modules() if sql.search(src) and not name.startswith("qualcode/store/")]
    assert offenders == []


def test_export_and_analysis_take_plain_data():
    """export/ and analysis/ work on plain data and never import the project package; what builds a table
    from a whole project is a function taking a Project, in qualcode/project/catalog.py."""
    imports_project = re.compile(r"^\s*(from\s+(qualcode\.|\.\.)project\b|import\s+qualcode\.project\b"
                                 r"|from\s+(qualcode|\.\.)\s+import\s+[^\n]*\bproject\b)", re.M)
    offenders = [name for name, src in modules()
                 if name.startswith(("qualcode/export/", "qualcode/analysis/")) and imports_project.search(src)]
    assert offenders == []


def test_no_type_checking_stubs_in_the_project_package():
    """Each part of Project inherits what it calls (from qualcode/project/base.py or the part it builds on),
    so none declares another's methods under ``if TYPE_CHECKING:``."""
    offenders = [name for name, src in modules() if name.startswith("qualcode/project/") and "TYPE_CHECKING" in src]
    assert offenders == []


def test_every_xml_read_uses_defusedxml():
    """Parsers come from defusedxml; the standard library may lend only its types (Element, ParseError)."""
    offenders = []
    for name, src in modules():
        if re.search(r"^\s*(import xml\b|import lxml|from lxml)", src, re.M):
            offenders.append(name)
        for imported in re.findall(r"^\s*from xml\S* import (.+)$", src, re.M):
            if not {n.strip() for n in imported.split(",")} <= {"Element", "ParseError"}:
                offenders.append(name)
    assert offenders == []


def test_no_innerhtml_in_ui():
    offenders = [name for name, src in modules() if "innerHTML" in src]
    assert offenders == []
