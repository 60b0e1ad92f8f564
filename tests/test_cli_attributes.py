"""`qualcode attributes list|set|remove|infer`: kinds declared, refused with the informant and value named and the
project unchanged, made text again, and suggested (and applied) from the values."""

from __future__ import annotations

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import snapshot


def run(*args: str):
    return CliRunner().invoke(main, ["attributes", *args])


def test_cli_attributes_set_list_remove(project):
    project.add_informant("I-02", "agency", attributes={"age": "40", "zone": "north"})
    project.add_informant("I-03", "agency", attributes={"age": "52", "zone": "south"})
    path = str(project.path)
    project.close()
    out = run("set", path, "age", "number", "--by", "sri")
    assert out.exit_code == 0 and "age: number" in out.output, out.output
    out = run("set", path, "zone", "category", "--categories", "south, north")
    assert out.exit_code == 0, out.output
    out = run("list", path)
    assert out.exit_code == 0
    assert out.output.splitlines() == ["age\tnumber\t2 informants", "zone\tcategory\t2 informants\tsouth, north"]
    with Project.open(path) as p:
        assert p.attribute_types().set_index("name")["categories"].to_dict() == {"age": [], "zone": ["south", "north"]}
        assert p.history()["actor"].iloc[1] == "sri"
    out = run("remove", path, "age")
    assert out.exit_code == 0 and "age: text" in out.output
    assert "age\ttext (not declared)\t2 informants" in run("list", path).output


def test_cli_attributes_set_refused_names_informant_attribute_and_value(project):
    project.add_informant("I-02", "agency", attributes={"since": "2021-02-30"})
    path = str(project.path)
    project.close()
    before = snapshot(path)
    out = run("set", path, "since", "date")
    assert out.exit_code == 1
    assert "informant 'I-02'" in out.output and "attribute 'since'" in out.output and "'2021-02-30'" in out.output
    out = run("set", path, "since", "colour")
    assert out.exit_code == 2 and "'colour' is not one of" in out.output
    out = run("remove", path, "since")
    assert out.exit_code == 1 and "unknown attribute type 'since'" in out.output
    assert snapshot(path) == before


def test_cli_attributes_infer_suggests_and_applies(project):
    for n, (age, zone) in enumerate([("40", "north"), ("52", "south"), ("33", "north"), ("61", "south")]):
        project.add_informant(f"P-{n}", "agency", attributes={"age": age, "zone": zone, "name": f"person {n}"})
    path = str(project.path)
    project.close()
    before = snapshot(path)
    out = run("infer", path)
    assert out.exit_code == 0
    assert out.output.splitlines() == ["age\ttext -> number", "name\ttext -> text",
                                       "zone\ttext -> category\tnorth, south"]
    assert snapshot(path) == before
    out = run("infer", path, "--apply")
    assert out.exit_code == 0 and "declared 2 attribute kinds" in out.output
    with Project.open(path) as p:
        assert p.attribute_types().set_index("name")["kind"].to_dict() == {"age": "number", "zone": "category",
                                                                          "name": "text"}
        assert p.history()["description"].iloc[0] == "declare the kinds of 2 attributes"


def test_cli_informant_commands_check_declared_kinds(project, tmp_path):
    project.set_attribute_type("age", "number")
    path = str(project.path)
    project.close()
    before = snapshot(path)
    out = CliRunner().invoke(main, ["informants", "add", path, "I-05", "--group", "agency", "--attr", "age=old"])
    assert out.exit_code == 1 and "informant 'I-05': attribute 'age' is number, and 'old' is not" in out.output
    sheet = tmp_path / "more.csv"
    sheet.write_text("key,group,age\nI-06,agency,40\nI-07,agency,forty\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["informants", "import", path, str(sheet)])
    assert out.exit_code == 1
    assert f"{sheet}, line 3: informant 'I-07': attribute 'age'" in out.output and "'forty'" in out.output
    assert snapshot(path) == before
    out = CliRunner().invoke(main, ["informants", "add", path, "I-05", "--group", "agency", "--attr", "age=41.5"])
    assert out.exit_code == 0, out.output
