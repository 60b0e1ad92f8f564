"""The Project API: groups, informants (CSV/XLSX), documents, codebook loading, codings."""

from __future__ import annotations

import openpyxl
import pytest

from qualcode.errors import DuplicateError, InputError, NotFoundError
from qualcode.project import CodingSpec


def test_groups_and_informants(project):
    groups = project.groups()
    assert list(groups["key"]) == ["community", "agency", "leadership"]
    assert list(groups["informants"]) == [1, 0, 1]
    project.edit_group("agency", name="Regency/city agencies", name_alt="Dinas terkait")
    assert project.groups().set_index("key").loc["agency", "name_alt"] == "Dinas terkait"
    project.edit_informant("I-01", group="agency", attributes={"gender": "P"})
    row = project.informants().set_index("key").loc["I-01"]
    assert row["group"] == "agency" and row["attributes"] == {"gender": "P"}
    with pytest.raises(InputError, match="cannot edit colour"):
        project.edit_group("agency", colour="red")


def test_import_informants_csv_extra_columns_become_attributes(project, tmp_path):
    sheet = tmp_path / "informants.csv"
    sheet.write_text("key,group,role,organisation,gender,years\nI-02,community,TKSK,Kecamatan A,L,7\n"
                     "I-05,agency,Kabid,Bappeda,P,\n", encoding="utf-8")
    assert project.import_informants(sheet) == 2
    rows = project.informants().set_index("key")
    assert rows.loc["I-02", "attributes"] == {"gender": "L", "years": "7"}
    assert rows.loc["I-05", "attributes"] == {"gender": "P"}
    assert rows.loc["I-05", "organisation"] == "Bappeda"


def test_import_informants_xlsx(project, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Key", "Group", "Role", "Organisation", "Kecamatan"])
    sheet.append(["I-03", "community", "Ketua Karang Taruna", "Karang Taruna", "Cibeureum"])
    path = tmp_path / "informants.xlsx"
    book.save(path)
    assert project.import_informants(path) == 1
    assert project.informants().set_index("key").loc["I-03", "attributes"] == {"kecamatan": "Cibeureum"}


def test_import_document_with_informant_and_source_type(project, transcript):
    doc = project.import_document(transcript, informant="I-01", source_type="interview", language="id")
    assert doc.turns == 4 and doc.sentences >= 6
    docs = project.documents()
    assert docs.loc[0, "informant"] == "I-01" and docs.loc[0, "group"] == "community"
    turns = project.units(doc.name, kind="turn")
    assert list(turns["speaker"]) == ["Pewawancara", "Informan", "Pewawancara", "Informan"]


def test_codings_dataframe(project, transcript):
    doc = project.import_document(transcript, informant="I-01")
    text = project.document(doc.name)["text"]
    start = text.index("Koordinasinya jarang")
    end = text.index("😅") + 1
    cid = project.add_coding(doc.name, start, end, "A.1", "rina", memo="jarang")
    project.add_codings([CodingSpec(doc.id, start, start + 13, "B", "budi")])
    frame = project.codings()
    assert len(frame) == 2
    row = frame.set_index("id").loc[cid]
    assert row["quote"] == "Koordinasinya jarang, Pak. Biasanya lewat WhatsApp saja 😅"
    assert (row["informant"], row["group"], row["source_type"]) == ("I-01", "community", "interview")
    assert (row["code"], row["parent_code"], row["coder"], row["memo"]) == ("A.1", "A", "rina", "jarang")
    assert list(project.codings(coders=["budi"])["code"]) == ["B"]
    assert list(project.codings(codes=["A.1"])["id"]) == [cid]
    assert set(project.coders()["name"]) == {"rina", "budi"}


def test_remove_coding_and_events(project, transcript):
    doc = project.import_document(transcript, informant="I-01")
    cid = project.add_coding(doc.name, 0, 5, "A", "rina")
    removed = project.remove_coding(cid, actor="rina")
    assert removed["quote"] == "Trans"
    assert project.codings().empty
    actions = [e["action"] for e in project.store.events()]
    assert actions[:2] == ["coding.remove", "coding.add"]
    with pytest.raises(NotFoundError, match="no coding with id"):
        project.remove_coding(cid)


def test_code_quote_occurrence(project, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("ya ya ya. Tidak.", encoding="utf-8")
    project.import_document(path, source_type="document")
    cid = project.code_quote("d", "ya", "B", "rina", occurrence=3)
    assert project.store.coding_by_id(cid)["start"] == 6


def test_codebook_reload_updates_not_duplicates(project, tmp_path):
    book = tmp_path / "b.yaml"
    book.write_text("codes:\n  - key: A\n    name: Alpha renamed\n  - key: C\n    name: Gamma\n", encoding="utf-8")
    project.load_codebook(book)
    codes = project.codes().set_index("key")
    assert list(codes.index) == ["A", "A.1", "B", "C"]
    assert codes.loc["A", "name"] == "Alpha renamed"
    assert project.codebook().children_of("A")[0].key == "A.1"


def test_duplicate_keys_refused(project):
    with pytest.raises(DuplicateError, match="group 'agency' already exists"):
        project.add_group("agency")
    with pytest.raises(DuplicateError, match="informant 'I-01' already exists"):
        project.add_informant("I-01", "agency")
    with pytest.raises(InputError, match="unknown coder role"):
        project.add_coder("x", role="boss")


def test_renaming_keys_is_checked(project):
    from .conftest import snapshot

    before = snapshot(project.path)
    with pytest.raises(DuplicateError, match="group 'agency' already exists"):
        project.edit_group("community", key="agency")
    with pytest.raises(InputError, match="new group key is empty"):
        project.edit_group("community", key="  ")
    with pytest.raises(DuplicateError, match="informant 'I-09' already exists"):
        project.edit_informant("I-01", key="I-09")
    with pytest.raises(InputError, match="name is empty"):
        project.edit_group("community", name="")
    assert snapshot(project.path) == before
    project.edit_informant("I-01", key="I-01b")
    project.edit_group("community", key="community")  # renaming to itself is fine
    assert "I-01b" in set(project.informants()["key"])
