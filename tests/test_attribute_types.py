"""Typed informant attributes: each kind accepted and refused on every write path with an error naming the
informant, the attribute and the value; declaring a kind checks the values already there; suggestions read
from the values; undo of a type change; REFI-QDA export writes typed variables (read back with defusedxml,
independently of qualcode's reader) and import declares them again."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import xmlschema
from defusedxml.ElementTree import fromstring

from qualcode.errors import InputError, NotFoundError, PermissionDeniedError, UndoConflictError
from qualcode.project import Project
from qualcode.refi import export_refi, import_refi

from .conftest import assert_refused, snapshot

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "refi_samples"
NS = {"q": "urn:QDA-XML:project:1.0"}

# kind, categories, values it accepts, values it refuses
CASES = [
    ("number", None, ["42", "-3.5", "1e3", " 7 "], ["3,5", "forty", "nan", "12 years"]),
    ("date", None, ["2021-03-09", "2024-02-29"], ["2023-02-29", "9/3/2021", "2021-3-9", "2021-13-01"]),
    ("category", ["urban", "rural"], ["urban", "rural"], ["Urban", "suburban"]),
    ("text", None, ["anything at all", "42"], []),
]


def informants_frame(project: Project) -> pd.DataFrame:
    frame = project.informants()
    return frame.assign(attributes=frame["attributes"].map(lambda a: sorted(a.items())))


@pytest.fixture
def typed(project: Project) -> Project:
    """The small project with attribute ``x`` of no value anywhere yet (so any kind may be declared)."""
    return project


@pytest.mark.parametrize(("kind", "categories", "good", "bad"), CASES)
def test_add_informant_checks_the_kind(typed, kind, categories, good, bad):
    typed.set_attribute_type("x", kind, categories)
    for n, value in enumerate(good):
        typed.add_informant(f"G-{n}", "community", attributes={"x": value})
        assert typed.informants().set_index("key").at[f"G-{n}", "attributes"]["x"] == value  # kept as typed
    for n, value in enumerate(bad):
        assert_refused(typed, lambda v=value, n=n: typed.add_informant(f"B-{n}", "community", attributes={"x": v}),
                       InputError, f"informant 'B-{n}'", "attribute 'x'", f"'{value.strip()}'")


@pytest.mark.parametrize(("kind", "categories", "good", "bad"), CASES)
def test_edit_informant_checks_the_kind(typed, kind, categories, good, bad):
    typed.set_attribute_type("x", kind, categories)
    for value in good:
        typed.edit_informant("I-01", attributes={"x": value, "note": "free text"})
        assert typed.informants().set_index("key").at["I-01", "attributes"]["x"] == value
    for value in bad:
        assert_refused(typed, lambda v=value: typed.edit_informant("I-01", attributes={"x": v}),
                       InputError, "informant 'I-01'", "attribute 'x'", f"'{value}'")


@pytest.mark.parametrize(("kind", "categories", "good", "bad"), CASES)
def test_import_sheet_checks_the_kind_and_stays_all_or_nothing(typed, tmp_path, kind, categories, good, bad):
    typed.set_attribute_type("x", kind, categories)
    rows = [f"G-{n},agency,{value.strip()}" for n, value in enumerate(good)]
    sheet = tmp_path / "good.csv"
    sheet.write_text("key,group,x\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert typed.import_informants(sheet) == len(good)
    for value in bad:
        # a good row first: it must not stay behind when the bad row after it is refused
        sheet = tmp_path / "bad.csv"
        sheet.write_text(f"key,group,x\nOK-1,agency,{good[0]}\nBAD-1,agency,\"{value}\"\n", encoding="utf-8")
        before = informants_frame(typed)
        with pytest.raises(InputError) as info:
            typed.import_informants(sheet)
        message = str(info.value)
        for fragment in ("line 3", "informant 'BAD-1'", "attribute 'x'", f"'{value.strip()}'"):
            assert fragment in message, message
        pd.testing.assert_frame_equal(informants_frame(typed), before)


def test_declaring_a_kind_checks_existing_values_and_writes_nothing_when_one_does_not_fit(project):
    project.add_informant("I-02", "agency", attributes={"age": "34", "since": "2021-03-09"})
    project.add_informant("I-03", "agency", attributes={"age": "about fifty", "since": "2021-02-30"})
    assert_refused(project, lambda: project.set_attribute_type("age", "number"), InputError,
                   "informant 'I-03'", "attribute 'age'", "'about fifty'")
    assert_refused(project, lambda: project.set_attribute_type("since", "date"), InputError,
                   "informant 'I-03'", "attribute 'since'", "'2021-02-30'")
    assert_refused(project, lambda: project.set_attribute_types({"age": ("text", None), "since": ("date", None)}),
                   InputError, "'2021-02-30'")  # all of them or none: age stays undeclared too
    assert not project.attribute_types().set_index("name").at["age", "declared"]


def test_bad_declarations_are_refused(project):
    project.add_informant("I-02", "agency", attributes={"zone": "north"})
    for call, fragment in [
        (lambda: project.set_attribute_type("zone", "colour"), "unknown attribute kind 'colour'"),
        (lambda: project.set_attribute_type("zone", "category"), "needs its categories"),
        (lambda: project.set_attribute_type("zone", "category", ["north", ""]), "a category is empty"),
        (lambda: project.set_attribute_type("zone", "category", ["north", "north"]), "listed twice"),
        (lambda: project.set_attribute_type("zone", "number", ["1"]), "only for the kind category"),
        (lambda: project.set_attribute_type("group", "text"), "informant column"),
        (lambda: project.set_attribute_type(" ", "text"), "attribute name is empty"),
    ]:
        assert_refused(project, call, InputError, fragment)
    assert_refused(project, lambda: project.remove_attribute_type("zone"), NotFoundError,
                   "unknown attribute type 'zone'")


def test_attribute_types_lists_declared_and_used_names_with_counts(project):
    project.add_informant("I-02", "agency", attributes={"zone": "north", "age": "40"})
    project.add_informant("I-03", "agency", attributes={"zone": "south", "age": ""})
    project.set_attribute_type("zone", "category", ["south", "north", "east"])
    project.set_attribute_type("planned", "date")  # declared before any informant has it
    frame = project.attribute_types()
    assert list(frame["name"]) == ["zone", "planned", "age"]
    assert frame.set_index("name").to_dict("index") == {
        "zone": {"kind": "category", "categories": ["south", "north", "east"], "informants": 2, "declared": True},
        "planned": {"kind": "date", "categories": [], "informants": 0, "declared": True},
        "age": {"kind": "text", "categories": [], "informants": 1, "declared": False},  # empty values do not count
    }


def test_attribute_values_are_in_the_order_of_their_kind(project):
    ages, days = ["9", "100", "34", "34", "-2.5"], ["2021-12-01", "2021-02-03", "2020-07-15"]
    for n, (age, day) in enumerate(zip(ages, [*days, days[0], days[1]], strict=True)):
        project.add_informant(f"P-{n}", "agency", attributes={"age": age, "day": day, "zone": "b" if n else "a"})
    assert project.attribute_values("age") == sorted(set(ages), key=str)  # as text before a kind is declared
    project.set_attribute_type("age", "number")
    project.set_attribute_type("day", "date")
    project.set_attribute_type("zone", "category", ["c", "b", "a"])
    assert project.attribute_values("age") == sorted(set(ages), key=float)
    assert project.attribute_values("day") == sorted(set(days), key=date.fromisoformat)
    assert project.attribute_values("zone") == ["c", "b", "a"]  # every category, in its order
    with pytest.raises(NotFoundError, match="unknown attribute 'height'"):
        project.attribute_values("height")


def test_infer_attribute_types_on_a_hand_made_set(project):
    rows = [  # 8 informants: age all numbers, visit all dates, zone 2 values, job 8 values, mixed both
        ("34", "2021-03-09", "urban", "teacher", "12"),
        ("51", "2021-03-11", "rural", "nurse", "2021-03-09"),
        ("28.5", "2021-04-01", "urban", "farmer", "12"),
        ("40", "2021-04-02", "rural", "head of office", "x"),
        ("61", "2021-04-03", "urban", "driver", "12"),
        ("19", "2021-04-04", "urban", "student", "12"),
        ("45", "2021-04-05", "rural", "trader", "12"),
        ("38", "2021-04-06", "urban", "cook", "12"),
    ]
    for n, (age, visit, zone, job, mixed) in enumerate(rows):
        project.add_informant(f"P-{n}", "agency",
                              attributes={"age": age, "visit": visit, "zone": zone, "job": job, "mixed": mixed})
    before = snapshot(project.path)
    frame = project.infer_attribute_types().set_index("name")
    assert snapshot(project.path) == before  # nothing written
    assert frame["suggested"].to_dict() == {"age": "number", "visit": "date", "zone": "category", "job": "text",
                                            "mixed": "category"}
    assert frame.at["zone", "categories"] == ["rural", "urban"]
    assert frame.at["mixed", "categories"] == ["12", "2021-03-09", "x"]
    assert frame["change"].to_dict() == {"age": True, "visit": True, "zone": True, "job": False, "mixed": True}
    accepted = frame[frame["change"]]
    assert project.set_attribute_types({name: (row.suggested, row.categories or None)
                                        for name, row in accepted.iterrows()}) == 4
    assert project.attribute_types().set_index("name")["kind"].to_dict() == {
        "age": "number", "visit": "date", "zone": "category", "mixed": "category", "job": "text"}


def test_a_type_change_is_undone_and_redone_through_history(project):
    project.add_informant("I-02", "agency", attributes={"age": "34"})
    project.set_attribute_type("age", "number", actor="sri")
    project.set_attribute_type("age", "category", ["34", "35"], actor="sri")
    history = project.history()
    assert history["description"].iloc[0] == "declare attribute age as category"
    project.undo("sri")
    assert project.attribute_types().set_index("name").at["age", "kind"] == "number"
    project.undo("sri")
    assert not project.attribute_types().set_index("name").at["age", "declared"]
    project.add_informant("I-03", "agency", attributes={"age": "old"})  # text again: anything goes
    project.edit_informant("I-03", attributes={"age": "70"})
    project.redo("sri")
    assert project.attribute_types().set_index("name").at["age", "kind"] == "number"
    project.remove_attribute_type("age", actor="sri")
    assert project.history()["description"].iloc[0] == "make attribute age text again"
    project.undo("sri")
    assert project.attribute_types().set_index("name").at["age", "kind"] == "number"


def test_undo_and_redo_cannot_bring_back_a_value_that_does_not_fit(project):
    # an edit made while age was text, undone after age became a number, would restore "forty"
    project.add_informant("I-02", "agency", attributes={"age": "forty"}, actor="rina")
    project.edit_informant("I-02", attributes={"age": "40"}, actor="rina")
    project.set_attribute_type("age", "number", actor="sri")
    before = informants_frame(project)
    with pytest.raises(UndoConflictError, match="'forty' is not a number"):
        project.undo("rina")
    pd.testing.assert_frame_equal(informants_frame(project), before)
    assert project.attribute_types().set_index("name").at["age", "kind"] == "number"
    # a kind brought back by undo over a value entered while it was text
    project.remove_attribute_type("age", actor="sri")
    project.edit_informant("I-02", attributes={"age": "tua"}, actor="budi")
    with pytest.raises(UndoConflictError, match="'tua' is not a number"):
        project.undo("sri")
    assert not project.attribute_types().set_index("name").at["age", "declared"]
    project.edit_informant("I-02", attributes={"age": "41"}, actor="budi")
    project.undo("sri")  # fits now
    assert project.attribute_types().set_index("name").at["age", "kind"] == "number"


def test_only_who_may_edit_informants_may_declare_kinds(project):
    project.add_user("ana", "password-ana-1", role="coder")
    project.add_informant("I-02", "agency", attributes={"age": "40"})
    project.set_attribute_type("age", "number")
    with Project.open(project.path, user="ana") as ana:
        assert_refused(ana, lambda: ana.set_attribute_type("age", "text"), PermissionDeniedError,
                       "may not import documents, informants or groups")
        assert_refused(ana, lambda: ana.remove_attribute_type("age"), PermissionDeniedError, "may not")
        assert ana.attribute_types().set_index("name").at["age", "kind"] == "number"  # reading is for everyone


# -- REFI-QDA ------------------------------------------------------------------------------------------------

def typed_project(path: Path) -> Project:
    p = Project.create(path, name="Typed")
    p.add_group("g", "Group")
    p.add_informant("A", "g", attributes={"age": "34", "share": "1e3", "since": "2021-03-09", "zone": "north",
                                          "note": "likes tea"})
    p.add_informant("B", "g", attributes={"age": "-5", "share": "2.50", "since": "2024-02-29", "zone": "south"})
    p.set_attribute_type("age", "number")
    p.set_attribute_type("share", "number")
    p.set_attribute_type("since", "date")
    p.set_attribute_type("zone", "category", ["south", "north", "west"])
    return p


def read_variables(qdpx: Path) -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, str]]]:
    """The file's variables (name -> typeOfVariable) and each case's values ((case, name) -> (element, text)),
    read with defusedxml alone."""
    with zipfile.ZipFile(qdpx) as archive:
        root = fromstring(archive.read("project.qde"))
    names, types = {}, {}
    for var in root.iterfind("q:Variables/q:Variable", NS):
        names[var.get("guid")] = var.get("name")
        types[var.get("name")] = var.get("typeOfVariable")
    values = {}
    for case in root.iterfind("q:Cases/q:Case", NS):
        for vv in case.iterfind("q:VariableValue", NS):
            ref, value = list(vv)
            values[(case.get("name"), names[ref.get("targetGUID")])] = (value.tag.split("}")[1], value.text)
    return types, values


def test_refi_export_writes_typed_variables_that_validate(tmp_path):
    with typed_project(tmp_path / "t.qualcode") as p:
        export_refi(p, tmp_path / "t.qdpx")
    types, values = read_variables(tmp_path / "t.qdpx")
    assert types == {"group": "Text", "age": "Integer", "share": "Float", "since": "Date", "zone": "Text",
                     "note": "Text"}
    assert values[("A", "age")] == ("IntegerValue", "34")
    assert values[("B", "age")] == ("IntegerValue", "-5")
    assert values[("A", "share")] == ("FloatValue", "1000")  # xsd:decimal has no exponent
    assert values[("B", "share")] == ("FloatValue", "2.50")
    assert values[("B", "since")] == ("DateValue", "2024-02-29")
    assert values[("A", "zone")] == ("TextValue", "north")
    assert values[("A", "note")] == ("TextValue", "likes tea")
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is missing")
    with zipfile.ZipFile(tmp_path / "t.qdpx") as archive:
        xmlschema.XMLSchema(str(SAMPLES / "Project-mrt2019.xsd")).validate(archive.read("project.qde").decode())


def test_refi_round_trip_declares_the_kinds_again(tmp_path):
    with typed_project(tmp_path / "t.qualcode") as p:
        export_refi(p, tmp_path / "t.qdpx")
        original = p.attribute_types()
        values = p.informants().set_index("key")["attributes"].to_dict()
    with Project.create(tmp_path / "back.qualcode") as back:
        result = import_refi(back, tmp_path / "t.qdpx")
        assert result.warnings == []
        frame = back.attribute_types().set_index("name")
        assert frame.loc[["age", "share", "since", "zone"], "kind"].to_dict() == {
            "age": "number", "share": "number", "since": "date", "zone": "category"}
        assert frame.at["zone", "categories"] == ["south", "north", "west"]
        assert not frame.at["note", "declared"]
        got = back.informants().set_index("key")["attributes"].to_dict()
    assert set(original["name"]) == set(frame.index)
    assert got["A"]["since"] == values["A"]["since"] and got["B"]["age"] == values["B"]["age"]
    assert got["A"]["share"] == "1000"  # the number, written as a decimal


def test_refi_import_reads_other_programs_types(tmp_path):
    """Boolean -> category true/false (1/0 read as true/false), DateTime -> date, Integer -> number; a typed
    variable whose values do not fit stays text, with a warning."""
    guids = {n: f"{n:08d}-0000-4000-8000-000000000000" for n in range(1, 9)}
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="other" origin="elsewhere">
  <Variables>
    <Variable guid="{guids[1]}" name="consent" typeOfVariable="Boolean"/>
    <Variable guid="{guids[2]}" name="met" typeOfVariable="DateTime"/>
    <Variable guid="{guids[3]}" name="children" typeOfVariable="Integer"/>
    <Variable guid="{guids[4]}" name="odd" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="{guids[5]}" name="P1">
      <VariableValue><VariableRef targetGUID="{guids[1]}"/><BooleanValue>1</BooleanValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{guids[2]}"/>
        <DateTimeValue>2021-03-09T10:30:00Z</DateTimeValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{guids[3]}"/><IntegerValue>3</IntegerValue></VariableValue>
      <VariableValue><VariableRef targetGUID="{guids[4]}"/><TextValue>n/a</TextValue></VariableValue>
    </Case>
    <Case guid="{guids[6]}" name="P2">
      <VariableValue><VariableRef targetGUID="{guids[1]}"/><BooleanValue>false</BooleanValue></VariableValue>
    </Case>
  </Cases>
</Project>"""
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
    with Project.create(tmp_path / "in.qualcode") as p:
        result = import_refi(p, path)
        frame = p.attribute_types().set_index("name")
        attributes = p.informants().set_index("key")["attributes"].to_dict()
    assert frame.at["consent", "kind"] == "category" and frame.at["consent", "categories"] == ["true", "false"]
    assert frame.at["met", "kind"] == "date" and frame.at["children", "kind"] == "number"
    assert not frame.at["odd", "declared"]
    assert any("variable 'odd' kept as text" in w and "'n/a'" in w for w in result.warnings)
    assert attributes["P1"] == {"consent": "true", "met": "2021-03-09", "children": "3", "odd": "n/a"}
    assert attributes["P2"] == {"consent": "false"}
