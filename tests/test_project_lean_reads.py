"""The lean reads the pages open with: whether anything is coded, codings per coder and document, the framework
matrix from each cell's first codings, the first row changes of a big event, informants' document counts."""

from __future__ import annotations

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError
from qualcode.project import CodingSpec, Project

TEXT = "Warga berkumpul di balai desa. Kepala desa membuka rapat. Semua orang setuju membangun jembatan.\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("jembatan", "sumur"), encoding="utf-8")
    with Project.create(tmp_path / "p.qualcode") as p:
        p.add_group("community")
        p.add_informant("I-1", "community")
        p.add_informant("I-2", "community")
        p.load_codebook(Codebook("t", [Code("A", "Alpha"), Code("B", "Beta")]))
        p.import_document(tmp_path / "a.txt", informant="I-1", name="a")
        p.import_document(tmp_path / "b.txt", informant="I-1", name="b")
        p.add_coder("rina")
        p.add_coder("budi")
        yield p


def test_has_codings_follows_the_coders(project):
    assert not project.has_codings()
    project.add_coding("a", 0, 5, "A", "rina")
    assert project.has_codings()
    assert project.has_codings(coders=["rina"])
    assert not project.has_codings(coders=["budi"])


def test_coder_document_counts_match_the_codings(project):
    project.add_codings([CodingSpec("a", 0, 5, "A", "rina"), CodingSpec("a", 6, 12, "B", "rina"),
                         CodingSpec("b", 0, 5, "A", "budi")])
    counts = project.coder_document_counts()
    assert list(counts.columns) == ["coder", "document_id", "document", "codings"]
    got = {(r.coder, r.document, int(r.codings)) for r in counts.itertuples()}
    full = project.codings()
    expected = {(c, d, len(part)) for (c, d), part in full.groupby(["coder", "document"])}
    assert got == expected == {("rina", "a", 2), ("budi", "b", 1)}


def test_framework_reads_past_duplicates_to_find_distinct_quotes(project):
    # the same passage coded again and again fills the cell's first codings; the second quote comes later
    project.add_coding("a", 0, 5, "A", "rina")
    for coder in [f"c{n}" for n in range(12)]:
        project.add_coding("a", 0, 5, "A", coder)  # same span and quote, another coder each
    project.add_coding("b", 31, 56, "A", "rina")
    cell = project.framework_matrix().at["I-1", "A"]
    assert cell.startswith("14× · ")
    assert "“Warga”" in cell and "“Kepala desa membuka rapat”" in cell


def test_framework_cells_count_every_coding_in_reading_order(project):
    project.add_codings([CodingSpec("b", 6, 15, "A", "rina"), CodingSpec("a", 31, 42, "A", "budi"),
                         CodingSpec("a", 0, 5, "A", "rina")])
    assert project.framework_matrix().at["I-1", "A"] == "3× · “Warga” · “Kepala desa”"
    assert project.framework_matrix(quotes=0).at["I-1", "A"] == "3×"
    assert project.framework_matrix().at["I-2", "A"] == ""


def test_history_changes_of_a_big_event_can_be_cut(project):
    project.add_codings([CodingSpec("a", k, k + 3, "A", "rina") for k in range(20)])
    event = int(project.history(limit=1)["id"].iloc[0])
    assert project.history_change_count(event) == 20
    every = project.history_changes(event)
    first = project.history_changes(event, limit=5)
    assert len(every) == 20 and len(first) == 5
    assert list(first["id"]) == list(every["id"][:5])
    with pytest.raises(InputError, match="limit"):
        project.history_changes(event, limit=-1)


def test_informants_count_their_documents(project):
    counts = dict(zip(project.informants()["key"], project.informants()["documents"], strict=True))
    assert counts == {"I-1": 2, "I-2": 0}
