"""Journey: on the Triangulation page a supervisor lays the matrix out by an informant attribute (gender), types a
Where condition and sees the heat map change to the counts SQLite gives for it; a mistake in the condition shows
its caret and the page keeps the matrix."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, copy_demo, main, open_page, query, settle, widget
from .test_journey_triangulation import heatmap_cells

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

# codings per code x informant gender, read with SQLite's own JSON functions
BY_GENDER = """
SELECT k.key, json_extract(i.attributes, '$.gender'), count(*) FROM codings x
JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
JOIN informants i ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
WHERE json_extract(i.attributes, '$.gender') IS NOT NULL {where}
GROUP BY 1, 2
"""


@pytest.fixture
def demo(demo_path, tmp_path) -> Path:
    return copy_demo(demo_path, tmp_path)


def counts(path: Path, where: str = "") -> dict[tuple[str, str], int]:
    return {(code, gender): n for code, gender, n in query(path, BY_GENDER.format(where=where))}


def by_key(cells: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """The heat map's cells by code key (the chart shows "E1.1 Name")."""
    return {(code.split(" ", 1)[0], column): value for (code, column), value in cells.items()}


def type_where(page, text: str) -> None:
    box = widget(page, "stTextInput", t("where_label")).locator("input")
    box.fill(text)
    box.press("Enter")
    settle(page)


def test_where_condition_changes_the_matrix(demo):
    everything = counts(demo)
    leadership = counts(demo, "AND g.key = 'leadership'")
    assert leadership and sum(leadership.values()) < sum(everything.values())
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "triangulation")
        choose(page, t("tri_by"), t("tri_axis_attribute").format(name="gender"), search="gender")
        cells = by_key(heatmap_cells(page))
        assert {column for _, column in cells} == {"L", "P"}
        assert {k: int(v) for k, v in cells.items() if int(v)} == everything

        type_where(page, "group = leadership")
        cells = by_key(heatmap_cells(page))
        assert {k: int(v) for k, v in cells.items() if int(v)} == leadership

        type_where(page, "group = leadership AND colour = red")
        main(page).get_by_text(t("where_error"), exact=True).wait_for(timeout=WAIT)
        caret = main(page).locator('[data-testid="stCode"]').first.inner_text().splitlines()
        assert caret[0].startswith("condition error at position 23")
        assert caret[2].index("^") - caret[1].index("group") == 23
        cells = by_key(heatmap_cells(page))  # the page goes on, without the condition
        assert {k: int(v) for k, v in cells.items() if int(v)} == everything
