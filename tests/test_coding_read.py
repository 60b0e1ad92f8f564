"""Reading one coding as a plain dict: missing values are None, never NaN or pd.NA."""

from __future__ import annotations

import pytest

from qualcode.errors import NotFoundError
from qualcode.project import Project

DOC = "I-01_wawancara"


@pytest.fixture
def coded(project, transcript):
    project.import_document(transcript, informant="I-01")
    project.add_coding(DOC, 0, 10, "A", "rina", memo="first")
    project.add_coding(DOC, 20, 30, "A.1", "rina")  # no memo
    return project


def test_coding_without_memo_has_none(coded):
    cid = int(coded.codings(codes=["A.1"])["id"].iloc[0])
    row = coded.coding(cid)
    assert type(row) is dict
    assert row["memo"] is None
    assert (row["id"], row["document"], row["code"], row["parent_code"], row["coder"]) == (cid, DOC, "A.1", "A", "rina")
    assert (row["start"], row["end"], row["quote"]) == (20, 30, coded.document(DOC)["text"][20:30])
    assert row["group"] == "community" and row["informant"] == "I-01"
    assert isinstance(row["created_at"], str)


def test_coding_with_memo_and_without_informant(coded, tmp_path):
    cid = int(coded.codings(codes=["A"])["id"].iloc[0])
    assert coded.coding(cid)["memo"] == "first"
    loose = tmp_path / "loose.txt"
    loose.write_text("Catatan observasi tanpa informan.\n", encoding="utf-8")
    coded.import_document(loose, source_type="observation")
    other = coded.add_coding("loose", 0, 7, "B", "budi")
    row = coded.coding(other)
    assert row["informant"] is None and row["group"] is None and row["parent_code"] is None


def test_unknown_coding_is_not_found(coded):
    with pytest.raises(NotFoundError, match="no coding with id 999"):
        coded.coding(999)


def test_blind_coding_hides_another_coders_coding(coded):
    budi = coded.add_coding(DOC, 40, 50, "B", "budi")
    coded.add_user("rina", "rahasia-rina-1", "coder")
    coded.set_blind_coding(True, actor="admin")
    with Project.open(coded.path, user="rina") as as_rina:
        assert as_rina.coding(int(coded.codings(codes=["A"])["id"].iloc[0]))["coder"] == "rina"
        with pytest.raises(NotFoundError):
            as_rina.coding(budi)


def test_code_as_a_plain_dict(coded):
    child = coded.code("A.1")
    assert type(child) is dict and child["parent"] == "A" and child["name"] == "Alpha one"
    assert child["name_alt"] is None and child["definition"] is None
    assert coded.code("A")["parent"] is None and coded.code("A")["name_alt"] == "Alfa"
    with pytest.raises(NotFoundError, match="unknown code 'Z'"):
        coded.code("Z")
