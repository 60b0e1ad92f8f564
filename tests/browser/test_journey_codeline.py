"""Journey: on the Charts page a reader chooses Code line, sees the demo's first document drawn turn by turn under
its speaker band, clicks a mark, reads its passage and opens it in the Code page; an empty project says it has
nothing to draw. The codings are read independently with SQLite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, click, copy_demo, main, open_page, pick_coder, query, selected, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

RECTS = "g.mark-rect path[aria-label]"  # Vega's rectangles in SVG: the speaker band's and the code marks'
CODINGS = """SELECT x.id, x.start, x.end, x.quote, k.key, d.name, d.text, c.name FROM codings x
             JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
             JOIN coders c ON c.id = x.coder_id
             WHERE d.id = (SELECT min(id) FROM documents) ORDER BY x.start, x.id"""


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_codeline"))


def chart(page):
    return main(page).locator('[data-testid="stVegaLiteChart"]').first


def choose_codeline(page) -> None:
    widget(page, "stRadio", t("charts_kind")).get_by_text(t("charts_kind_codeline"), exact=True).click()
    settle(page)


def labels(page) -> list[str]:
    rects = chart(page).locator(RECTS)
    rects.first.wait_for(timeout=WAIT)
    return rects.evaluate_all("(ps) => ps.map((p) => p.getAttribute('aria-label'))")


def test_codeline_journey(demo):
    rows = query(demo, CODINGS)
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "charts")
        pick_coder(page, "rina")
        choose_codeline(page)
        shown = labels(page)
        # one mark per coding (the aria label carries its characters), one band rectangle per turn
        marks = [a for a in shown if f"{t('col_coder')}: " in a]
        spans = sorted(re.search(r"Characters: (\d+)–(\d+)", a).groups() for a in marks)
        assert spans == sorted((str(r[1]), str(r[2])) for r in rows)
        turns = query(demo, "SELECT speaker FROM units WHERE kind = 'turn' AND document_id = "
                            "(SELECT min(id) FROM documents) ORDER BY start")
        band = [a for a in shown if a not in marks]
        assert [re.search(r"Speaker: ([^;]+)", a).group(1) for a in band] == [s for (s,) in turns]

        # a real click on one mark: its passage shows as text, then the Code page opens at it
        # (one alone on its strip: a coder's two codings of a code in one turn lie on top of each other)
        starts = [s for (s,) in query(demo, "SELECT start FROM units WHERE kind = 'turn' AND document_id = "
                                            "(SELECT min(id) FROM documents) ORDER BY start")]

        def place(r):
            return (sum(s <= r[1] for s in starts), sum(s <= r[2] - 1 for s in starts), r[4], r[7])

        def meet(a, b):
            return a[2:] == b[2:] and a[0] <= b[1] and b[0] <= a[1]

        alone = [r for r in rows if sum(meet(place(r), place(o)) for o in rows) == 1]
        coding_id, start, end, quote, code, document, text, coder = alone[len(alone) // 2]
        label = next(a for a in marks if f"Characters: {start}–{end}" in a and f"Coder: {coder}" in a)
        target = chart(page).locator(RECTS).nth(shown.index(label))
        target.scroll_into_view_if_needed()
        box = target.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        settle(page)
        assert selected(page, t("cline_mark")).startswith(f"{document} · #{coding_id} · {code} ")
        assert quote in main(page).locator('[data-testid="stText"]').all_inner_texts()
        click(page, t("cline_open_code"))
        main(page).get_by_role("heading", name=t("code_page")).wait_for(timeout=WAIT)
        page.locator(".qc-transcript .qc-focus").wait_for(timeout=WAIT)
        settle(page)
        assert selected(page, t("document")).rstrip(" \u2713\u25cb") == document
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        assert line.strip()[:60] in page.locator(".qc-transcript .qc-focus").inner_text()


def test_codeline_empty_project(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "charts")
        choose_codeline(page)
        main(page).get_by_text(t("cline_no_documents")).wait_for(timeout=WAIT)
        assert main(page).locator('[data-testid="stVegaLiteChart"]').count() == 0
