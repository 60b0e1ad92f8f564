"""Every page on the demo, under the installed pandas (3: missing text is NaN): no exception, and no
missing value shown as "None", "nan" or "<NA>"."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from qualcode.project import Project
from qualcode.ui.cells import missing, text

from .conftest import open_page

PAGES = ["overview", "project", "code", "survey_grid", "codebook", "search", "query", "words", "triangulation",
         "charts", "saturation", "framework", "agreement", "suggestions", "history", "memos"]
LEAKED = re.compile(r"(?<![\w\\])(None|nan|NaN|<NA>|NaT)(?!\w)")


def shown_texts(at) -> list[str]:
    """The text of every element that renders Markdown or plain text."""
    out = []
    for kind in ("markdown", "caption", "info", "success", "warning", "error", "text", "title", "header",
                 "subheader"):
        out += [str(e.value) for e in at.get(kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        for widget in at.get(kind):
            out += [str(o) for o in widget.options]
    return out


def check_page(at, page: str) -> None:
    assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
    for value in shown_texts(at):
        assert not LEAKED.search(value), f"{page}: a missing value shown as text: {value!r}"
    for table in at.dataframe:  # st.dataframe and st.data_editor
        # a missing cell (None, NaN, pd.NA) shows as the placeholder: empty
        assert table.proto.HasField("placeholder") and table.proto.placeholder == "", f"{page}: {table.proto.id}"
        for column in table.value.columns:
            cells = [v for v in table.value[column] if isinstance(v, str)]
            assert not [v for v in cells if v in ("None", "nan", "<NA>")], f"{page}: column {column!r}"


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("page", PAGES)
def test_page_shows_no_missing_value_as_text(demo_path, page, lang):
    at = open_page(page, demo_path, lang=lang, coder="rina")
    check_page(at, page)


def test_demo_has_missing_values_to_show(demo_path):
    """The walk above is only meaningful if the demo holds missing cells of each kind."""
    with Project.open(demo_path) as p:
        codings, docs, codes = p.codings(), p.documents(), p.codes()
    assert codings["memo"].isna().sum() > 100
    assert docs["informant"].isna().any()
    assert codes["parent"].isna().any()
    assert pd.api.types.is_string_dtype(codings["memo"]) or codings["memo"].dtype == object


def test_band_dialog_on_the_demo_for_a_coding_without_memo(demo_copy):
    with Project.open(demo_copy) as p:
        rows = p.codings(document="I-01 Ketua LKS", coders=["rina"])
    bare = int(rows[rows["memo"].isna()]["id"].iloc[0])
    at = open_page("code", demo_copy, coder="rina", tx_clicked=[bare])
    check_page(at, "code")
    assert at.text_area(key="edit_memo").value == ""


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values_become_empty_text(value):
    assert missing(value) and text(value) == ""


@pytest.mark.parametrize("value", ["", "memo", 0, 0.0, [1], ["a", None], False])
def test_present_values_stay(value):
    assert not missing(value)
    assert text(value) == str(value)


def test_every_table_of_the_app_shows_missing_cells_empty():
    """Every st.dataframe and st.data_editor call in the app passes ``placeholder`` (cells.py's rule), including
    those on pages or in states the walk above does not reach."""
    import ast
    from pathlib import Path

    ui = Path(__file__).resolve().parents[1] / "qualcode" / "ui"
    missing_placeholder = []
    for path in sorted(ui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("dataframe", "data_editor")
                    and not any(k.arg == "placeholder" for k in node.keywords)):
                missing_placeholder.append(f"{path.relative_to(ui)}:{node.lineno}")
    assert missing_placeholder == []
