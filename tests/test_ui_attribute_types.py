"""The Project page's attribute types through AppTest: setting a kind, a refused kind's error naming the informant
and the value, categories prefilled from the values, suggestions accepted, and the same in Bahasa Indonesia."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.project import Project

from .conftest import open_page


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    with Project.create(path, name="Study") as p:
        p.add_group("g", "Group")
        for n, (age, zone, since) in enumerate([("40", "north", "2021-03-09"), ("52", "south", "2021-02-30"),
                                                ("33", "north", "2021-04-01"), ("61", "south", "2021-04-02")]):
            p.add_informant(f"P-{n}", "g", attributes={"age": age, "zone": zone, "since": since})
    return path


def kinds(path: Path) -> dict[str, str]:
    with Project.open(path) as p:
        return p.attribute_types().set_index("name")["kind"].to_dict()


def errors(at) -> str:
    """The page's errors as a reader sees them (Markdown escapes taken out)."""
    return "\n".join(e.value for e in at.error).replace("\\", "")


def test_set_a_kind_on_the_project_page(study):
    at = open_page("project", study)
    table = next(d.value for d in at.dataframe if "Kind" in d.value.columns)
    assert list(table["Attribute"]) == ["age", "since", "zone"] and set(table["Kind"]) == {"text"}
    at.selectbox(key="attr_name").select("age").run()
    at.selectbox(key="attr_kind").select("number").run()
    at.button(key="attr_set").click().run()
    assert not at.exception and not at.error
    assert "Attribute age is now number." in [s.value for s in at.success]
    assert kinds(study)["age"] == "number"
    table = next(d.value for d in at.dataframe if "Kind" in d.value.columns).set_index("Attribute")
    assert table.at["age", "Kind"] == "number" and bool(table.at["age", "Declared"])
    at.button(key="attr_remove").click().run()
    assert kinds(study)["age"] == "text"


def test_a_refused_kind_shows_the_informant_attribute_and_value(study):
    at = open_page("project", study)
    at.selectbox(key="attr_name").select("since").run()
    at.selectbox(key="attr_kind").set_value("date").run()
    at.button(key="attr_set").click().run()
    message = errors(at)
    assert "informant 'P-1'" in message and "attribute 'since'" in message and "'2021-02-30'" in message
    assert kinds(study)["since"] == "text"


def test_category_prefilled_from_the_values_and_suggestions_accepted(study):
    at = open_page("project", study)
    at.selectbox(key="attr_name").select("zone").run()
    at.selectbox(key="attr_kind").select("category").run()
    assert at.text_input(key="attr_categories").value == "north, south"
    at.text_input(key="attr_categories").set_value("south, north, east").run()
    at.button(key="attr_set").click().run()
    with Project.open(study) as p:
        assert p.attribute_types().set_index("name").at["zone", "categories"] == ["south", "north", "east"]
    at.button(key="attr_suggest").click().run()
    suggested = next(d.value for d in at.dataframe if "Suggested" in d.value.columns).set_index("Attribute")
    assert suggested["Suggested"].to_dict() == {"age": "number"}  # since has a bad date; zone is declared
    at.button(key="attr_accept").click().run()
    assert not at.error
    assert kinds(study) == {"zone": "category", "age": "number", "since": "text"}


def test_attribute_types_in_bahasa_indonesia(study):
    at = open_page("project", study, lang="id")
    assert "Jenis atribut" in [h.value for h in at.subheader]
    at.selectbox(key="attr_name").select("since").run()
    at.selectbox(key="attr_kind").set_value("date").run()
    at.button(key="attr_set").click().run()
    message = errors(at)
    assert "informan 'P-1'" in message and "berjenis tanggal" in message and "format YYYY-MM-DD" in message
    at.selectbox(key="attr_name").set_value("age").run()
    at.selectbox(key="attr_kind").set_value("number").run()
    at.button(key="attr_set").click().run()
    assert "Atribut age sekarang berjenis angka." in [s.value for s in at.success]


def test_empty_state_without_attributes(tmp_path):
    path = tmp_path / "bare.qualcode"
    with Project.create(path) as p:
        p.add_group("g", "Group")
    at = open_page("project", path)
    assert any("No attributes yet" in i.value for i in at.info)
