"""REFI-QDA import: every real sample file made by other programs, and the variations the standard
allows (namespace spellings, Project.qde, Sources/, GUID case and braces, BOM/CRLF texts, cases,
sets, notes, non-text sources)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qualcode.errors import DuplicateError, ImportFormatError
from qualcode.project import Project
from qualcode.refi import import_refi

from .conftest import assert_refused, snapshot

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "refi_samples"

# Counted by reading each file's XML: <Code> elements, sources (<TextSource>, <PDFSource> ...) and
# selections (<PlainTextSelection> ...), and what of them qualcode stores.
SAMPLE_COUNTS = {
    "paper_themes_MAXQDA24_ICLS_just10.qdpx": {"codes": 307, "sources": 10, "selections": 0, "documents": 10,
                                               "skipped": {}},
    "ponte_target-atlas-project.qdpx": {"codes": 3, "sources": 0, "selections": 0, "documents": 0, "skipped": {}},
    # NVivo wrote both sources' plain text as a single newline: nothing to code, reported as empty.
    "qc_cproctor_nvivo_project.qdpx": {"codes": 262, "sources": 2, "selections": 0, "documents": 0,
                                       "skipped": {"empty text sources": 2}},
    "uto_tag_Taguette141_codebook.qdc": {"codes": 3, "sources": 0, "selections": 0, "documents": 0, "skipped": {}},
}


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in (".qdpx", ".qdc"))


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is missing")
def test_every_sample_file_is_counted_here():
    assert sorted(p.name for p in sample_files()) == sorted(SAMPLE_COUNTS)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is missing")
@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_import_real_sample(name, tmp_path):
    expected = SAMPLE_COUNTS[name]
    with Project.create(tmp_path / "p.qualcode") as project:
        result = import_refi(project, SAMPLES / name)
        info = project.info()
    assert result.found == {k: expected[k] for k in ("codes", "sources", "selections")}
    assert result.skipped == expected["skipped"]
    assert info["codes"] == expected["codes"] == result.codes
    assert info["documents"] == expected["documents"]
    assert info["codings"] == expected["selections"]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is missing")
def test_sample_details(tmp_path):
    with Project.create(tmp_path / "maxqda.qualcode") as project:
        result = import_refi(project, SAMPLES / "paper_themes_MAXQDA24_ICLS_just10.qdpx")
        assert [w.split(" not kept")[0] for w in result.warnings] == ["document set 'ICLS 2024' (5 documents)",
                                                                      "document set 'ICLS 2025' (5 documents)"]
        codes = project.codes().set_index("key")
        docs = project.documents()
        top = codes.loc["Additional_Themes_and_Ideas"]
        assert top["color"] == "#ef8256" and top["definition"].startswith("This category encompasses")
        assert codes.loc["THEME_-_Affordances", "parent"] == "Additional_Themes_and_Ideas"
        assert "ICLS 2024 3-10" in set(docs["name"])
        text = project.document("ICLS 2024 3-10")["text"]
        assert text.startswith("Mapping the Complexity of Learning") and "\r" not in text
    with Project.create(tmp_path / "atlas.qualcode") as project:
        import_refi(project, SAMPLES / "ponte_target-atlas-project.qdpx")
        codes = project.codes().set_index("key")
        assert codes.loc["2022-05-10T02_05_59Z_19e4dce", "parent"] == "Commits"
    with Project.create(tmp_path / "nvivo.qualcode") as project:
        import_refi(project, SAMPLES / "qc_cproctor_nvivo_project.qdpx")
        codes = project.codes()
        # the same name under two parents gets two keys
        assert {"programming", "programming-2"} <= set(codes["key"])


RAW = "\ufeffP: halo\r\nI: ya baik 😅\r\nP: terima kasih\r\n"
PLAIN = RAW[1:]  # what the CRLF-counting program's positions refer to (BOM not counted)


def qde(ns_prefix: str = "qda") -> str:
    p = f"{ns_prefix}:" if ns_prefix else ""
    xmlns = f'xmlns:{ns_prefix}="urn:QDA-XML:project:1.0"' if ns_prefix else ""
    s1, e1 = PLAIN.index("ya baik"), PLAIN.index("ya baik") + len("ya baik")
    s2, e2 = PLAIN.index("terima kasih"), PLAIN.index("terima kasih") + len("terima kasih")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<{p}Project {xmlns} name="Other tool" origin="OtherQDA 1.0">
 <{p}Users><{p}User guid="{{aaaaaaaa-0000-0000-0000-000000000001}}" name="ana"/></{p}Users>
 <{p}CodeBook><{p}Codes>
  <{p}Code guid="BBBBBBBB-0000-0000-0000-000000000001" name="Trust building" isCodable="true" color="#112233">
   <{p}Description>Talk about trust.</{p}Description>
   <{p}Code guid="BBBBBBBB-0000-0000-0000-000000000002" name="Small wins" isCodable="true"/>
  </{p}Code>
 </{p}Codes></{p}CodeBook>
 <{p}Variables>
  <{p}Variable guid="CCCCCCCC-0000-0000-0000-000000000001" name="role" typeOfVariable="Text"/>
  <{p}Variable guid="CCCCCCCC-0000-0000-0000-000000000002" name="age" typeOfVariable="Integer"/>
 </{p}Variables>
 <{p}Cases>
  <{p}Case guid="DDDDDDDD-0000-0000-0000-000000000001" name="Ana">
   <{p}VariableValue><{p}VariableRef targetGUID="cccccccc-0000-0000-0000-000000000001"/><{p}TextValue>head</{p}TextValue></{p}VariableValue>
   <{p}VariableValue><{p}VariableRef targetGUID="CCCCCCCC-0000-0000-0000-000000000002"/><{p}IntegerValue>41</{p}IntegerValue></{p}VariableValue>
   <{p}SourceRef targetGUID="{{eeeeeeee-0000-0000-0000-000000000001}}"/>
  </{p}Case>
  <{p}Case guid="DDDDDDDD-0000-0000-0000-000000000002" name="Budi"/>
 </{p}Cases>
 <{p}Sources>
  <{p}TextSource guid="EEEEEEEE-0000-0000-0000-000000000001" name="Interview Ana" plainTextPath="eeeeeeee-0000-0000-0000-000000000001.txt">
   <{p}PlainTextSelection guid="FFFFFFFF-0000-0000-0000-000000000001" startPosition="{s1}" endPosition="{e1}" creatingUser="AAAAAAAA-0000-0000-0000-000000000001">
    <{p}Coding guid="FFFFFFFF-0000-0000-0000-0000000000a1" creatingUser="aaaaaaaa-0000-0000-0000-000000000001"><{p}CodeRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/><{p}NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/></{p}Coding>
   </{p}PlainTextSelection>
   <{p}PlainTextSelection guid="FFFFFFFF-0000-0000-0000-000000000002" startPosition="{s2}" endPosition="{e2}">
    <{p}Coding guid="FFFFFFFF-0000-0000-0000-0000000000a2" creatingUser="12345678-0000-0000-0000-000000000009"><{p}CodeRef targetGUID="BBBBBBBB-0000-0000-0000-000000000001"/></{p}Coding>
   </{p}PlainTextSelection>
  </{p}TextSource>
  <{p}TextSource guid="EEEEEEEE-0000-0000-0000-000000000002" name="Field note">
   <{p}PlainTextContent>Observed a meeting.</{p}PlainTextContent>
   <{p}Coding guid="FFFFFFFF-0000-0000-0000-0000000000a3"><{p}CodeRef targetGUID="BBBBBBBB-0000-0000-0000-000000000001"/></{p}Coding>
  </{p}TextSource>
  <{p}PDFSource guid="EEEEEEEE-0000-0000-0000-000000000003" name="Report" path="internal://report.pdf">
   <{p}PDFSelection guid="FFFFFFFF-0000-0000-0000-000000000003" page="1" firstX="0" firstY="0" secondX="5" secondY="5"/>
   <{p}PDFSelection guid="FFFFFFFF-0000-0000-0000-000000000004" page="2" firstX="0" firstY="0" secondX="5" secondY="5"/>
  </{p}PDFSource>
  <{p}AudioSource guid="EEEEEEEE-0000-0000-0000-000000000004" name="Recording" path="internal://rec.mp3">
   <{p}AudioSelection guid="FFFFFFFF-0000-0000-0000-000000000005" begin="0" end="10"/>
  </{p}AudioSource>
 </{p}Sources>
 <{p}Notes>
  <{p}Note guid="99999999-0000-0000-0000-000000000001" name="memo"><{p}PlainTextContent>Key passage.</{p}PlainTextContent></{p}Note>
 </{p}Notes>
 <{p}Sets>
  <{p}Set guid="77777777-0000-0000-0000-000000000001" name="Leaders"><{p}MemberSource targetGUID="EEEEEEEE-0000-0000-0000-000000000001"/></{p}Set>
 </{p}Sets>
</{p}Project>"""  # noqa: E501 (one element a line, the way REFI-QDA peers write it)


def other_tool_archive(path: Path, ns_prefix: str = "qda") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Project.qde", qde(ns_prefix).encode("utf-8"))
        archive.writestr("Sources/EEEEEEEE-0000-0000-0000-000000000001.txt", RAW.encode("utf-8"))
        archive.writestr("Sources/report.pdf", b"%PDF-1.4 not really")
    return path


@pytest.mark.parametrize("ns_prefix", ["qda", ""])
def test_import_other_tool_variations(tmp_path, ns_prefix):
    archive = other_tool_archive(tmp_path / "other.qdpx", ns_prefix)
    with Project.create(tmp_path / "p.qualcode") as project:
        result = import_refi(project, archive, language="en")
        text = project.document("Interview Ana")["text"]
        assert text == "P: halo\nI: ya baik 😅\nP: terima kasih\n"
        codings = {(r.document, r.code, r.coder, r.quote, r.memo if isinstance(r.memo, str) else None)
                   for r in project.codings().itertuples()}
        assert codings == {
            ("Interview Ana", "Small_wins", "ana", "ya baik", "Key passage."),
            ("Interview Ana", "Trust_building", "imported", "terima kasih", None),
            ("Field note", "Trust_building", "imported", "Observed a meeting.", None),
        }
        informants = project.informants().set_index("key")
        assert informants.loc["Ana", "group"] == "Leaders"  # from the set holding her source
        assert informants.loc["Ana", "role"] == "head" and informants.loc["Ana", "attributes"] == {"age": "41"}
        assert informants.loc["Budi", "group"] == "imported"
        docs = project.documents().set_index("name")
        assert docs.loc["Interview Ana", "informant"] == "Ana"
        codes = project.codes().set_index("key")
        assert codes.loc["Small_wins", "parent"] == "Trust_building"
        assert codes.loc["Trust_building", "color"] == "#112233"
        assert codes.loc["Trust_building", "definition"] == "Talk about trust."
    assert result.found == {"codes": 2, "sources": 4, "selections": 5}
    assert result.skipped == {"pdf sources": 1, "pdf selections": 2, "audio sources": 1, "audio selections": 1}
    assert "not imported: 1 audio selections, 1 audio sources, 2 pdf selections, 1 pdf sources" in result.summary()


def test_import_into_existing_project_and_failure_changes_nothing(project, tmp_path):
    archive = other_tool_archive(tmp_path / "other.qdpx")
    result = import_refi(project, archive, language="en")
    assert result.documents == 2 and result.codes == 2
    # the same file again: its sources are already documents, so nothing is added at all
    assert_refused(project, lambda: import_refi(project, archive, language="en"), DuplicateError,
                   "has the same text as document")


def test_bad_language_refused_before_writing(project, tmp_path):
    archive = other_tool_archive(tmp_path / "other.qdpx")
    before = snapshot(project.path)
    with pytest.raises(Exception, match="language"):
        import_refi(project, archive, language="")
    assert snapshot(project.path) == before


def test_not_a_refi_file(project, tmp_path):
    bad = tmp_path / "bad.qdpx"
    bad.write_text("hello", encoding="utf-8")
    assert_refused(project, lambda: import_refi(project, bad), ImportFormatError, str(bad), "not a .qdpx")
    no_qde = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(no_qde, "w") as archive:
        archive.writestr("sources/a.txt", "x")
    assert_refused(project, lambda: import_refi(project, no_qde), ImportFormatError, "no project.qde")
    broken = tmp_path / "broken.qdc"
    broken.write_text("<CodeBook><Codes>", encoding="utf-8")
    assert_refused(project, lambda: import_refi(project, broken), ImportFormatError, str(broken), "malformed XML")
