"""Journey l: a researcher switches the language selectbox to Bahasa Indonesia and visits every page of the
demo through the sidebar: no exception anywhere; the navigation, every page's title and a few key labels are
the catalogue's Indonesian text; the language stays Indonesian across pages, also after "Open in Code page"."""

from __future__ import annotations

import pytest

from qualcode.ui.i18n import LANGUAGES, t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, copy_demo, main, nav_titles, open_page, pick_coder, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

# the pages in navigation order (app.py's PAGES): title key, and labels of that page that must be Indonesian
PAGES = [
    ("overview", ["groups", "codebook"]),
    ("proj_title", ["proj_open_or_create"]),
    ("code_page", ["document", "codes_to_apply"]),
    ("sg_title", []),
    ("codebook", []),
    ("search_title", ["search_query"]),
    ("qry_title", ["qry_text", "qry_coders"]),
    ("words_title", ["words_scope"]),
    ("tri_title", ["tri_by", "tri_measure"]),
    ("charts_title", ["charts_kind"]),
    ("sat_title", ["sat_order", "sat_base"]),
    ("fw_title", ["col_informant"]),
    ("agr_title", ["agr_coders"]),
    ("sug_title", ["sug_coder"]),
    ("hist_title", ["hist_filter_actor"]),
    ("memo_title_page", ["memo_kind", "memo_words"]),
]


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory):
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_bahasa"))


def heading(page) -> str:
    return main(page).locator("h1").first.inner_text().strip()


def test_every_page_in_bahasa_indonesia(demo):
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url)
        choose(page, t("language"), LANGUAGES["id"], scope=page.locator('[data-testid="stSidebar"]'))
        page.wait_for_function("(h) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.trim() === h",
                               arg=t("overview", "id"), timeout=WAIT)
        pick_coder(page, "rina")
        assert nav_titles(page) == [t(key, "id") for key, _ in PAGES]

        for key, labels in PAGES:
            title = t(key, "id")
            page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
            page.wait_for_function(
                "(h) => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.trim() === h",
                arg=title, timeout=WAIT)
            settle(page)
            for label in labels:  # waited for: the page may still be drawing below its title
                main(page).get_by_text(t(label, "id"), exact=True).filter(visible=True).first.wait_for(timeout=WAIT)
            assert page.locator('[data-testid="stSidebar"]').get_by_text(t("language", "id"), exact=True).count()

        # a quote opened from Triangulation lands on the Code page, still in Indonesian and with the coder kept
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=t("tri_title", "id")).first.click()
        main(page).get_by_role("button", name=t("tri_open_code", "id")).first.wait_for(timeout=WAIT)
        settle(page)
        click(page, t("tri_open_code", "id"))
        page.locator(".qc-transcript .qc-focus").wait_for(timeout=WAIT)
        settle(page)
        assert heading(page) == t("code_page", "id")
        assert nav_titles(page) == [t(key, "id") for key, _ in PAGES]
