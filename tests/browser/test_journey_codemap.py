"""Journey: a supervisor opens the code map of the demo on the Charts page, joins codes by sentence, clicks a line
and reads the passages where both codes occur (equal to edge_passages), then opens one in the Code page; a
project with nothing coded shows the empty state."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qualcode.project import Project
from qualcode.project.codemap import codemap_data, edge_passages
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, click, copy_demo, main, open_page, pick_coder, selected, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

ROOT = Path(__file__).resolve().parents[2]


def codemap(page):
    return main(page).locator('[data-testid="stVegaLiteChart"]').first


def free_edge(nodes, edges, taken: set[tuple[str, str]]) -> tuple[str, str]:
    """An edge, not the heaviest (the picker's first choice) nor one of ``taken``, whose middle lies clear of every
    circle: a click there can only mean that line."""
    where = {k: (x, y) for k, x, y in zip(nodes["key"], nodes["x"], nodes["y"], strict=True)}
    radius = dict(zip(nodes["key"], nodes["radius"], strict=True))
    ordered = edges.sort_values(["weight", "code_a", "code_b"], ascending=[False, True, True], kind="stable")
    for a, b in list(zip(ordered["code_a"], ordered["code_b"], strict=True))[1:]:
        middle = (np.array(where[a]) + np.array(where[b])) / 2
        if (a, b) not in taken and all(np.hypot(*(middle - np.array(where[k]))) > radius[k] + 10 for k in where):
            return a, b
    raise AssertionError("no edge with a free middle")


def click_edge(page, nodes, a: str, b: str) -> None:
    """A real mouse click at the middle of the line a-b, its pixel place computed from the layout: the chart's
    scales put one layout unit on one pixel, so the place is the plot's corner plus the offset from the domain's
    corner (y grows upwards)."""
    chart = codemap(page)
    chart.scroll_into_view_if_needed()
    chart.locator("g.mark-symbol").first.wait_for(timeout=WAIT)
    box = chart.locator("svg path.background").first.bounding_box()  # the plot area, inside padding and title
    x0 = float((nodes["x"] - nodes["radius"]).min() - 90.0)
    y1 = float((nodes["y"] + nodes["radius"]).max() + 45.0)
    xa, ya = nodes.set_index("key").loc[a, ["x", "y"]]
    xb, yb = nodes.set_index("key").loc[b, ["x", "y"]]
    mx, my = (xa + xb) / 2, (ya + yb) / 2
    page.mouse.click(box["x"] + (mx - x0), box["y"] + (y1 - my))
    settle(page)


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_codemap"))


def test_codemap_journey(demo):
    with Project.open(demo) as p:
        nodes, edges = codemap_data(p, mode="unit")
        _, first = codemap_data(p, mode="overlap")  # the picker keeps an edge chosen there
        labels = {k: f"{k} · {n}" for k, n in zip(p.codes()["key"], p.codes()["name"], strict=True)}
        a, b = free_edge(nodes, edges, set(zip(first["code_a"], first["code_b"], strict=True)))
        expected = edge_passages(p, a, b, mode="unit")
    with streamlit_server(demo) as url, chromium_page(width=1600, height=1200) as page:
        open_page(page, url, "charts")
        pick_coder(page, "rina")
        codemap(page).locator("svg, canvas").first.wait_for(timeout=WAIT)
        main(page).get_by_text(t("cmap_mode_unit"), exact=True).click()
        settle(page)
        codemap(page).locator("g.mark-symbol").first.wait_for(timeout=WAIT)
        before = selected(page, t("cmap_edge"))
        assert not before.startswith(f"{labels[a].replace(' · ', ' ')} — ")
        click_edge(page, nodes, a, b)
        assert selected(page, t("cmap_edge")).startswith(f"{labels[a].replace(' · ', ' ')} — "
                                                         f"{labels[b].replace(' · ', ' ')}")
        shown = main(page).locator('[class*="st-key-cmap_passage_"] [data-testid="stText"]').all_inner_texts()
        assert shown == expected["quote"].tolist() and len(shown) == len(expected) > 0
        click(page, t("tri_open_code"), scope=page.locator(".st-key-cmap_open_0"))
        main(page).get_by_role("heading", name=t("code_page")).wait_for(timeout=WAIT)
        assert selected(page, t("document")).rstrip(" \u2713\u25cb") == expected.iloc[0]["document"]


def test_nothing_coded_shows_the_empty_state(tmp_path):
    path = tmp_path / "empty.qualcode"
    with Project.create(path) as p:
        p.load_codebook(ROOT / "codebooks" / "bryson_cross_sector.yaml")
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "charts")
        main(page).get_by_text(t("cmap_no_codings")).wait_for(timeout=WAIT)
        assert main(page).locator('[data-testid="stVegaLiteChart"]').count() == 0
