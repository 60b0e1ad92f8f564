"""REFI-QDA export: the .qdpx and .qdc validate against the standard's schemas, and a round trip
demo project -> .qdpx -> new project keeps documents, codes, informants, groups and codings."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project
from qualcode.refi import export_refi, import_refi

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "refi_samples"


def schema(name: str) -> xmlschema.XMLSchema:
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is missing")
    return xmlschema.XMLSchema(str(SAMPLES / name))


@pytest.fixture(scope="module")
def exported(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("refi")
    with Project.open(demo_path) as demo:
        export_refi(demo, folder / "demo.qdpx")
        export_refi(demo, folder / "demo.qdc")
    return {"qdpx": folder / "demo.qdpx", "qdc": folder / "demo.qdc"}


def test_qdpx_validates_against_project_schema(exported):
    with zipfile.ZipFile(exported["qdpx"]) as archive:
        names = archive.namelist()
        qde = archive.read("project.qde").decode("utf-8")
    schema("Project-mrt2019.xsd").validate(qde)
    assert "project.qde" in names
    assert sum(n.startswith("sources/") and n.endswith(".txt") for n in names) == 17
    assert 'plainTextPath="internal://' in qde


def test_qdc_validates_against_codebook_schema(exported):
    schema("Codebook.xsd").validate(exported["qdc"].read_text(encoding="utf-8"))


def test_sources_are_utf8_and_selections_count_code_points(exported, demo_path):
    with Project.open(demo_path) as demo:
        texts = {d: demo.document(d)["text"] for d in demo.documents()["name"]}
    with zipfile.ZipFile(exported["qdpx"]) as archive:
        stored = {archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("sources/")}
    assert stored == set(texts.values())


def _state(project: Project) -> dict:
    docs = {row.name: project.document(row.name)["text"] for row in project.documents().itertuples()}
    doc_informant = {row.name: row.informant for row in project.documents().itertuples()}
    codes = {(r.key, r.name, r.parent if isinstance(r.parent, str) else None, r.color, r.definition)
             for r in project.codes().itertuples()}
    informants = {(r.key, r.group, r.role, r.organisation, tuple(sorted((k, str(v)) for k, v in r.attributes.items())))
                  for r in project.informants().itertuples()}
    groups = {(r.key, r.name) for r in project.groups().itertuples()}
    codings = sorted((r.document, r.code, r.coder, r.start, r.end, r.quote, r.memo if isinstance(r.memo, str) else None)
                     for r in project.codings().itertuples())
    return {"documents": docs, "doc_informant": doc_informant, "codes": codes, "informants": informants,
            "groups": groups, "codings": codings, "coders": set(project.coders()["name"])}


def test_round_trip_demo_project(exported, demo_path, tmp_path):
    with Project.open(demo_path) as demo:
        before = _state(demo)
    with Project.create(tmp_path / "copy.qualcode") as copy:
        result = import_refi(copy, exported["qdpx"])
        after = _state(copy)
    assert result.skipped == {}
    assert result.found == {"codes": 43, "sources": 17, "selections": len(before["codings"])}
    assert (result.documents, result.codes, result.codings) == (17, 43, len(before["codings"]))
    assert after["documents"] == before["documents"]
    assert after["doc_informant"] == before["doc_informant"]
    assert after["codes"] == before["codes"]
    assert after["informants"] == before["informants"]
    assert after["groups"] == before["groups"]
    assert after["coders"] == before["coders"]
    assert after["codings"] == before["codings"]
    assert len(before["codings"]) > 500


def test_export_is_stable(demo_path, tmp_path):
    with Project.open(demo_path) as demo:
        export_refi(demo, tmp_path / "a.qdpx")
        export_refi(demo, tmp_path / "b.qdpx")
    with zipfile.ZipFile(tmp_path / "a.qdpx") as a, zipfile.ZipFile(tmp_path / "b.qdpx") as b:
        assert a.read("project.qde") == b.read("project.qde")


def test_cli_export_and_import(demo_path, tmp_path):
    runner = CliRunner()
    out = tmp_path / "demo.qdpx"
    result = runner.invoke(main, ["refi-export", str(demo_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "17 documents" in result.output
    target = tmp_path / "new.qualcode"
    result = runner.invoke(main, ["refi-import", str(target), str(out)])
    assert result.exit_code == 0, result.output
    assert f"created {target}" in result.output and "43 codes" in result.output
    result = runner.invoke(main, ["refi-export", str(demo_path), "-o", str(tmp_path / "x.zip")])
    assert result.exit_code == 1 and "use .qdpx (project) or .qdc (codebook)" in result.output


def test_qdc_round_trip_into_existing_project(project, exported):
    before = set(project.codes()["key"])
    result = import_refi(project, exported["qdc"])
    assert result.kind == "qdc" and result.codes == 43
    codes = project.codes().set_index("key")
    assert before | {"E1", "E8"} <= set(codes.index)
    assert codes.loc["E1", "parent"] is None or not isinstance(codes.loc["E1", "parent"], str)
