"""Journey f: a supervisor on the Triangulation page of the demo switches axis and measure, clicks a heat-map
cell, reads its quotes, opens one in the Code page and saves a verdict; SQLite is checked independently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, copy_demo, main, nav, open_page, pick_coder, query, selected, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

RECTS = "g.mark-rect path[aria-label]"  # the heat map's rectangles as Vega draws them in SVG
CELL_COUNT = """
SELECT k.key, g.key, count(*), count(DISTINCT i.id) FROM codings x
JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
JOIN informants i ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
GROUP BY k.key, g.key
"""
CELL_CODINGS = """
SELECT x.id, x.start, x.quote, d.name, d.text FROM codings x
JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
JOIN informants i ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
WHERE k.key = ? AND g.key = ? ORDER BY x.id
"""


def heatmap(page):
    """The triangulation heat map (the page's first chart; the co-occurrence map comes after it)."""
    return page.locator('[data-testid="stVegaLiteChart"]').first


def heatmap_cells(page) -> dict[tuple[str, str], str]:
    """Each heat-map rectangle's aria label ("<axis>: <column>; code: <code>; <measure>: <value>"), by its
    (code, column); read from the SVG that Vega drew."""
    rects = heatmap(page).locator(RECTS)
    rects.first.wait_for(timeout=WAIT)
    cells = {}
    for label in rects.evaluate_all("(ps) => ps.map((p) => p.getAttribute('aria-label'))"):
        parts = [p.split(": ", 1)[1] for p in label.split("; ")]
        cells[(parts[1], parts[0])] = parts[2]
    return cells


def click_cell(page, code: str, column: str) -> None:
    """A real mouse click on the heat-map rectangle of ``code`` (its key) x ``column`` (as the chart names it),
    left of its printed number."""
    pattern = re.compile(rf"^[^;]*: {re.escape(column)}; [^;]*: {re.escape(code)}[ ;]")  # "E1.1 Name"
    cell = heatmap(page).locator(RECTS)
    for i in range(cell.count()):
        if pattern.match(cell.nth(i).get_attribute("aria-label") or ""):
            target = cell.nth(i)
            break
    else:
        raise AssertionError(f"no heat-map cell {code} x {column}")
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.15, box["y"] + box["height"] / 2)
    settle(page)


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_triangulation"))


def test_triangulation_journey(demo):
    counts = {(code, group): (n, informants) for code, group, n, informants in query(demo, CELL_COUNT)}
    # a cell with a handful of quotes: few enough to read, more than one so the list is a list
    code, group = next(cell for cell, (n, _) in sorted(counts.items()) if 3 <= n <= 4)
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "triangulation")
        pick_coder(page, "rina")

        # switch axis: columns follow (source types, then informants, then groups again)
        choose(page, t("tri_by"), t("tri_axis_source_type"))
        assert {column for _, column in heatmap_cells(page)} == {"interview", "observation", "document"}
        choose(page, t("tri_by"), t("tri_axis_informant"))
        # each informant with their group's name, so that a reader sees which group a column belongs to
        informants = {f"{k} ({g})" for k, g in query(demo, "SELECT i.key, g.name FROM informants i "
                                                           "JOIN groups g ON g.id = i.group_id")}
        shown = {column for _, column in heatmap_cells(page)}
        assert shown <= informants and len(shown) > 5
        choose(page, t("tri_by"), t("tri_axis_group"))
        # groups by their names and codes by key and name, as `qualcode chart heatmap` draws them
        group_keys = dict(query(demo, "SELECT name, key FROM groups"))
        code_names = dict(query(demo, "SELECT key, name FROM codes"))
        labels = heatmap_cells(page)
        assert {column for _, column in labels} == set(group_keys)
        assert {label for label, _ in labels} == {f"{k} {n}" for k, n in code_names.items()}
        cells = {(label.split(" ", 1)[0], group_keys[column]): v for (label, column), v in labels.items()}
        assert {k: int(v) for k, v in cells.items() if int(v)} == {k: n for k, (n, _) in counts.items()}

        # switch measure: informants with a coding, counted independently
        choose(page, t("tri_measure"), t("tri_m_informants"))
        cells = {(label.split(" ", 1)[0], group_keys[column]): v for (label, column), v in heatmap_cells(page).items()}
        assert {k: int(v) for k, v in cells.items() if int(v)} == {k: i for k, (_, i) in counts.items()}
        choose(page, t("tri_measure"), t("tri_m_segments"))

        # click a cell: the pickers follow it and its quotes are the codings of that code x group
        group_name = {key: name for name, key in group_keys.items()}[group]
        click_cell(page, code, group_name)
        expect_cell(page, code, group)
        rows = query(demo, CELL_CODINGS, code, group)
        shown_ids = quote_ids(page)
        assert shown_ids == sorted(r[0] for r in rows)
        shown = main(page).inner_text()
        for _, _, quote, _, _ in rows:
            assert f"⟦{quote}⟧" in shown

        # open one in the Code page: its document, its passage's line focused
        coding_id, start, quote, document, text = rows[0]
        click(page, t("tri_open_code"), scope=page.locator(f".st-key-tri_open_{coding_id}"))
        main(page).get_by_role("heading", name=t("code_page")).wait_for(timeout=WAIT)
        page.locator(".qc-transcript .qc-focus").wait_for(timeout=WAIT)
        settle(page)
        # the picker marks a document assigned to the coder: done (✓) or not yet (○)
        assert selected(page, t("document")).rstrip(" \u2713\u25cb") == document
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        focused = page.locator(".qc-transcript .qc-focus").inner_text()
        assert line.strip()[:60] in focused
        assert page.locator(".qc-transcript .qc-focus").count() == 1

        # back to Triangulation: click the cell again and save a verdict on its code
        nav(page, t("tri_title"))
        click_cell(page, code, group_name)
        expect_cell(page, code, group)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=t("tri_save_verdict")))
        form.locator('[data-testid="stRadio"]').get_by_text(t("tri_v_partial_agreement"), exact=True).click()
        rationale = "Agencies say it often, <b>community</b> rarely: *partial*."
        widget(page, "stTextArea", t("tri_rationale"), scope=form).locator("textarea").fill(rationale)
        click(page, t("tri_save_verdict"), scope=form)
        stored = query(demo, """SELECT k.key, v.group_a_id, v.group_b_id, v.verdict, v.rationale, c.name
                                FROM verdicts v JOIN codes k ON k.id = v.code_id
                                JOIN coders c ON c.id = v.supervisor_id""")
        assert stored == [(code, None, None, "partial_agreement", rationale, "rina")]
        # the page confirms it (a success message), and the rationale's markup stayed text
        main(page).locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=WAIT)
        assert page.locator("b", has_text="community").count() == 0


def expect_cell(page, code: str, group: str) -> None:
    """The cell pickers under the heat map show ``code`` and ``group``."""
    assert selected(page, t("col_code")).split(" · ")[0] == code
    assert selected(page, t("tri_axis_group")).split(" · ")[0] == group


def quote_ids(page) -> list[int]:
    """Coding ids of the quotes listed under the cell (each quote has an Open button keyed by its id)."""
    keys = page.locator('[class*="st-key-tri_open_"]').evaluate_all(
        "(els) => els.map((e) => [...e.classList].find((c) => c.startsWith('st-key-tri_open_')))")
    return sorted(int(k.rsplit("_", 1)[1]) for k in keys)
