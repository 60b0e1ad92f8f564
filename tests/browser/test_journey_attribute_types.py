"""Journey: on the Project page's Informants tab, an admin declares an attribute a number and is refused with the
informant and the value named, then declares another a category from its values prefilled in the categories
field; the project file holds the kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, main, open_page, tab, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "typed.qualcode"
    with Project.create(path, name="Typed") as p:
        p.add_group("g", "Group")
        for key, age, zone in [("P-1", "40", "north"), ("P-2", "old", "south"), ("P-3", "33", "north"),
                               ("P-4", "61", "south")]:
            p.add_informant(key, "g", attributes={"age": age, "zone": zone})
    return path


def test_declare_attribute_kinds(project):
    with streamlit_server(project) as url, chromium_page(height=1800) as page:  # the section sits below the table
        open_page(page, url, "project")
        tab(page, t("informants"))
        main(page).get_by_role("heading", name=t("attr_heading")).wait_for(timeout=WAIT)

        choose(page, t("attr_col_name"), "age", search="")
        choose(page, t("attr_col_kind"), t("attr_kind_number"), search="")
        click(page, t("attr_set"))
        error = main(page).locator('[data-testid="stAlertContentError"]')
        expect(error).to_contain_text("informant 'P-2': attribute 'age' is number, and 'old' is not", timeout=WAIT)
        with Project.open(project) as p:
            assert not p.attribute_types().set_index("name").at["age", "declared"]

        tab(page, t("informants"))
        choose(page, t("attr_col_name"), "zone", search="")
        choose(page, t("attr_col_kind"), t("attr_kind_category"), search="")
        field = widget(page, "stTextInput", t("attr_categories")).locator("input")
        expect(field).to_have_value("north, south", timeout=WAIT)
        field.fill("south, north, east")
        field.press("Enter")
        click(page, t("attr_set"))
        main(page).get_by_text(t("attr_set_done").format(name="zone", kind=t("attr_kind_category"))).wait_for(
            timeout=WAIT)
        with Project.open(project) as p:
            frame = p.attribute_types().set_index("name")
        assert frame.at["zone", "kind"] == "category" and frame.at["zone", "categories"] == ["south", "north", "east"]
