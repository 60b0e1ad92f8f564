"""Project.change_counter and Project.document_codings_since: what a view of a document reads after a change,
whichever connection made it."""

from __future__ import annotations

from qualcode.project import Project

from .conftest import one_document_project

TEXT = "Pewawancara: Apa kabar?\n\nInforman: Baik. Data DTKS belum sesuai.\n\nPewawancara: Oke.\n"


def test_counter_grows_with_writes_of_any_connection(tmp_path):
    path = one_document_project(tmp_path / "c.qualcode", TEXT)
    with Project.open(path) as mine, Project.open(path) as other:
        before = mine.change_counter()
        assert mine.change_counter() == before  # reading changes nothing
        other.add_coding("w", 0, 11, "A", "budi")
        after = mine.change_counter()
        assert after > before
        other.set_blind_coding(True, actor="budi")
        assert mine.change_counter() > after


def test_delta_reads_only_what_changed(tmp_path):
    path = one_document_project(tmp_path / "d.qualcode", TEXT)
    with Project.open(path) as view, Project.open(path) as other:
        doc = view.document("w")["id"]
        first = view.document_codings_since(doc, 0)
        assert first.full and first.rows == [] and first.gone == frozenset()
        a = other.add_coding("w", 0, 11, "A", "rina")
        b = other.add_coding("w", 13, 20, "B", "budi")
        step = view.document_codings_since(doc, first.until)
        assert not step.full and [(r["id"], r["code"], r["coder"]) for r in step.rows] == [(a, "A", "rina"),
                                                                                            (b, "B", "budi")]
        assert view.document_codings_since(doc, step.until).rows == []  # nothing new
        other.update_coding(a, code="B")
        other.remove_coding(b)
        step = view.document_codings_since(doc, step.until)
        assert not step.full and [(r["id"], r["code"]) for r in step.rows] == [(a, "B")] and step.gone == {b}
        other.edit_code("B", color="#123456")  # not a coding: the whole list again, with the new colour
        step = view.document_codings_since(doc, step.until)
        assert step.full and [(r["id"], r["color"]) for r in step.rows] == [(a, "#123456")]


def test_delta_hides_what_blind_coding_hides(tmp_path):
    path = one_document_project(tmp_path / "b.qualcode", TEXT)
    with Project.open(path) as p:
        p.add_user("rina", "rina-secret", "coder")
        p.add_user("budi", "budi-secret", "coder")
        p.set_blind_coding(True, actor="rina")
    with Project.open(path) as view, Project.open(path) as other:
        view.act_as("rina")
        doc = view.document("w")["id"]
        since = view.document_codings_since(doc, 0).until
        theirs = other.add_coding("w", 0, 11, "A", "budi")
        mine = other.add_coding("w", 13, 20, "A", "rina")
        step = view.document_codings_since(doc, since)
        assert [r["id"] for r in step.rows] == [mine] and theirs in step.gone
