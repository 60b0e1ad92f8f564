"""The demo project built from transcripts_sample/: what `make run` opens."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qualcode.errors import ProjectFileError
from qualcode.project import Project

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "transcripts_sample"
DOUBLE_CODED = {"I-01", "I-02", "I-05", "I-06", "I-09", "I-10"}


@pytest.fixture(scope="module")
def demo(demo_path):
    with Project.open(demo_path) as p:
        yield p


def test_demo_shape(demo):
    info = demo.info()
    assert info["groups"] == 3 and info["informants"] >= 12 and info["documents"] >= 17
    codes = demo.codes()
    top = codes[codes["parent"].isna()]
    assert list(top["key"]) == [f"E{i}" for i in range(1, 9)]
    assert all((codes["parent"] == key).sum() >= 3 for key in top["key"])
    assert len(demo.coders()) >= 2
    assert set(demo.documents()["source_type"]) == {"interview", "observation", "document"}
    groups = demo.informants().groupby("group")["key"].count()
    assert groups["agency"] == 4 and groups["leadership"] == 4 and groups["community"] >= 4


def test_every_sample_text_is_within_length(demo):
    docs = demo.documents()
    for row in docs.itertuples():
        words = len(demo.document(row.id)["text"].split())
        if row.source_type == "interview":
            assert 1500 <= words <= 4000, (row.name, words)
        else:
            assert 500 <= words <= 1600, (row.name, words)
    assert set(docs["language"]) == {"id", "en"}


def test_interviews_have_speaker_turns(demo):
    for row in demo.documents().itertuples():
        if row.source_type == "interview":
            speakers = set(demo.units(row.id, kind="turn")["speaker"])
            assert len(speakers) >= 2, (row.name, speakers)


def test_double_coded_documents_by_two_coders_with_disagreement(demo):
    codings = demo.codings()
    by_informant = codings.groupby("informant")["coder"].agg(set)
    for key in DOUBLE_CODED:
        assert by_informant[key] == {"rina", "budi"}, key
    for key in set(by_informant.index) - DOUBLE_CODED:
        assert by_informant[key] == {"rina"}, key
    pair = codings[codings["informant"].isin(DOUBLE_CODED)]
    rina = set(pair[pair.coder == "rina"][["document", "start", "end", "code"]].itertuples(index=False))
    budi = set(pair[pair.coder == "budi"][["document", "start", "end", "code"]].itertuples(index=False))
    overlap = len(rina & budi) / len(rina | budi)
    assert 0.3 < overlap < 0.95  # they agree often, not always


def test_demo_codings_match_their_csv_quotes(demo):
    """Every demo coding's offsets slice exactly its quote, and every CSV row became a coding."""
    rows = 0
    for sheet in (SAMPLE / "codings").glob("*.csv"):
        with sheet.open(encoding="utf-8") as fh:
            rows += sum(1 for _ in csv.DictReader(fh))
    codings = demo.codings()
    assert len(codings) == rows
    for row in codings.itertuples():
        assert demo.document(row.document_id)["text"][row.start:row.end] == row.quote
    assert demo.check() == []


def test_themes_are_uneven(demo):
    counts = demo.codings(coders=["rina"]).pivot_table(index="code", columns="group", values="id", aggfunc="count")
    assert "E4.3" not in counts.index  # a code nobody speaks to
    assert counts.loc["E5.4"].dropna().index.tolist() == ["community"]
    assert counts.loc["E2.4"].dropna().index.tolist() == ["agency"]


def test_demo_refuses_existing_path(demo_path):
    from qualcode.demo import build_demo

    with pytest.raises(ProjectFileError, match="already exists"):
        build_demo(demo_path)
