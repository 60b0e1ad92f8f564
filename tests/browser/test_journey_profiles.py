"""Journey: a supervisor opens the Charts page, chooses Group profiles, reads the bars of the demo (each share
counted independently from SQLite), clicks one and reads its passages (those Project.cell_quotes gives); an
empty project shows what to do first."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, copy_demo, main, open_page, query, selected, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

BARS = "g.mark-rect path[aria-label]"  # the bars as Vega draws them in SVG
WHO = """
SELECT k.key, g.key, i.key FROM codings x JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
JOIN informants i ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
"""


def chart(page):
    return main(page).locator('[data-testid="stVegaLiteChart"]').first


def choose_profiles(page) -> None:
    main(page).locator('[data-testid="stRadio"]').get_by_text(t("charts_kind_profiles"), exact=True).click()
    settle(page)
    chart(page).locator(BARS).first.wait_for(timeout=WAIT)


def bars(page) -> dict[tuple[str, str], tuple[str, object]]:
    """Each bar's (code label, column label) -> (aria label, the bar's share), read from the SVG Vega drew."""
    found = {}
    for label in chart(page).locator(BARS).evaluate_all("(ps) => ps.map((p) => p.getAttribute('aria-label'))"):
        fields = dict(part.split(": ", 1) for part in label.split("; "))
        found[(fields[t("col_code")], fields[t("tri_axis_group")])] = (label, float(fields[t("prof_value_informants")]))
    return found


def test_profiles_chart_and_a_click_to_the_passages(demo_path, tmp_path):
    demo = copy_demo(demo_path, tmp_path)
    groups = dict(query(demo, "SELECT key, name FROM groups"))
    codes = dict(query(demo, "SELECT key, name FROM codes"))
    sizes = dict(query(demo, "SELECT g.key, count(*) FROM informants i JOIN groups g ON g.id = i.group_id "
                             "GROUP BY g.key"))
    who: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, group, informant in query(demo, WHO):
        who[(code, group)].add(informant)
    expected = {(f"{c} {codes[c]}", groups[g]): round(len(i) * 100 / sizes[g], 1) for (c, g), i in who.items()}
    code, column = "E3.4", "leadership"  # Leadership, in the leadership group: several passages
    with Project.open(demo) as p:
        passages = sorted(int(i) for i in p.cell_quotes(code, column, by="group")["id"])
    assert len(passages) > 2

    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "charts")
        choose_profiles(page)
        drawn = bars(page)
        assert {cell: value for cell, (_, value) in drawn.items() if value} == expected
        # black and white: each bar's share is printed with its group's name beside it
        texts = chart(page).locator("g.mark-text text").evaluate_all("(ts) => ts.map((t) => t.textContent)")
        assert f"{expected[(f'{code} {codes[code]}', groups[column])]:.1f} {groups[column]}" in texts

        label, _ = drawn[(f"{code} {codes[code]}", groups[column])]
        target = chart(page).locator(f'{BARS}[aria-label="{label}"]')
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        page.mouse.click(box["x"] + min(box["width"] / 2, 20), box["y"] + box["height"] / 2)
        settle(page)
        assert selected(page, t("col_code")).startswith(f"{code} ")
        assert selected(page, t("tri_axis_group")) == groups[column]
        main(page).locator('[class*="st-key-prof_open_"]').first.wait_for(timeout=WAIT)
        keys = main(page).locator('[class*="st-key-prof_open_"]').evaluate_all(
            "(els) => els.map((e) => [...e.classList].find((c) => c.startsWith('st-key-prof_open_')))")
        assert sorted(int(k.rsplit("_", 1)[1]) for k in keys) == passages
        shown = main(page).inner_text()
        marks = ",".join("?" * len(passages))
        for (quote,) in query(demo, f"SELECT quote FROM codings WHERE id IN ({marks})", *passages):
            assert f"⟦{quote}⟧" in shown


def test_empty_project_shows_what_to_do(tmp_path):
    path = Path(tmp_path) / "empty.qualcode"
    Project.create(path, name="Empty").close()
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "charts")
        main(page).locator('[data-testid="stRadio"]').get_by_text(t("charts_kind_profiles"), exact=True).click()
        settle(page)
        main(page).get_by_text(t("prof_no_codes")).wait_for(timeout=WAIT)
        assert chart(page).count() == 0
