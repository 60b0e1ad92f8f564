"""Text search: the pure find_hits and Project.search with its filters."""

from __future__ import annotations

import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.search import find_hits

EMOJI_TEXT = "😀 data DTKS 👩🏽‍⚕️ data"


# -- find_hits ------------------------------------------------------------------------

def test_offsets_are_code_points_after_emoji():
    hits = find_hits(EMOJI_TEXT, "data")
    assert [(s, e) for s, e, *_ in hits] == [(2, 6), (18, 22)]
    for start, end, _before, match, _after in hits:
        assert EMOJI_TEXT[start:end] == match == "data"
    (start, end, before, match, after), = find_hits(EMOJI_TEXT, "DTKS", context=3)
    assert EMOJI_TEXT[start:end] == match and (before, after) == ("ta ", " 👩🏽")


def test_whole_word_versus_substring():
    text = "Data DTKS, database, metadata; data_set and data."
    assert [m for _, _, _, m, _ in find_hits(text, "data")] == ["Data", "data", "data", "data", "data"]
    assert [(s, m) for s, _, _, m, _ in find_hits(text, "data", whole_word=True)] == [(0, "Data"), (44, "data")]
    # Unicode-aware: accented letters are word characters.
    assert find_hits("café cafe", "caf", whole_word=True) == []
    assert [s for s, *_ in find_hits("café cafe", "cafe", whole_word=True)] == [5]
    assert [s for s, *_ in find_hits("über-data über", "über", whole_word=True)] == [0, 10]


def test_case():
    text = "DTKS dtks Dtks"
    assert len(find_hits(text, "dtks")) == 3
    assert [s for s, *_ in find_hits(text, "dtks", case_sensitive=True)] == [5]
    assert find_hits(text, "DTKS", case_sensitive=True)[0][:2] == (0, 4)


def test_query_is_literal_not_a_pattern():
    text = "biaya (Rp.) 1.000 atau 1x000"
    assert [m for _, _, _, m, _ in find_hits(text, "1.000")] == ["1.000"]
    assert [m for _, _, _, m, _ in find_hits(text, "(Rp.)")] == ["(Rp.)"]
    assert find_hits(text, "(Rp.)", whole_word=True)[0][3] == "(Rp.)"


def test_context_trimmed_at_edges_and_newlines_flattened():
    text = "data\nsatu dua tiga\nempat data"
    first, last = find_hits(text, "data", context=8)
    assert first == (0, 4, "", "data", " satu du")
    assert last == (25, 29, "a\nempat ".replace("\n", " "), "data", "")
    assert find_hits(text, "dua", context=0) == [(10, 13, "", "dua", "")]
    assert find_hits(text, "dua", context=500)[0][2:] == ("data satu ", "dua", " tiga empat data")


@pytest.mark.parametrize("query", ["", "   ", "\n\t", None])
def test_empty_query_refused(query):
    with pytest.raises(InputError, match="search query is empty"):
        find_hits("some text", query)


@pytest.mark.parametrize("context", [-1, 2.5, True, "60"])
def test_bad_context_refused(context):
    with pytest.raises(InputError, match="context must be a whole number >= 0"):
        find_hits("some text", "text", context=context)


# -- Project.search -----------------------------------------------------------------

@pytest.fixture
def library(project, tmp_path):
    """Three documents: an interview of I-01 (community), an observation of I-09 (leadership),
    a regulation with no informant."""
    files = {
        "wawancara": ("I-01", "interview", "P: Data DTKS?\nI: Datanya belum, data DTKS lama. 😀 data"),
        "observasi": ("I-09", "observation", "Kepala dinas membuka database; DATA dibahas."),
        "perbup": (None, "document", "Pasal 1: data terpadu kesejahteraan sosial (DTKS)."),
    }
    for name, (informant, source_type, text) in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        project.import_document(path, informant=informant, source_type=source_type)
    return project


def test_search_columns_order_and_offsets(library):
    hits = library.search("data")
    assert list(hits.columns) == ["document_id", "document", "informant", "group", "source_type",
                                  "start", "end", "before", "match", "after"]
    assert list(hits["document"]) == ["wawancara"] * 4 + ["observasi"] * 2 + ["perbup"]
    assert list(hits.sort_values(["document_id", "start"]).index) == list(hits.index)
    for row in hits.itertuples():
        text = library.document(int(row.document_id))["text"]
        assert text[row.start:row.end] == row.match
    last = hits[hits["document"] == "wawancara"].iloc[-1]
    assert (last["match"], last["after"]) == ("data", "")  # after the emoji, at the very end
    first = hits.iloc[0]
    assert (first["informant"], first["group"], first["source_type"]) == ("I-01", "community", "interview")
    assert hits.iloc[-1][["informant", "group"]].isna().all()


def test_search_whole_word_and_case(library):
    assert len(library.search("data", whole_word=True)) == 5  # not 'Datanya', not 'database'
    exact = library.search("data", whole_word=True, case_sensitive=True)
    assert list(exact["document"]) == ["wawancara", "wawancara", "perbup"]
    assert list(library.search("DATA", case_sensitive=True)["document"]) == ["observasi"]


def test_search_filters(library):
    assert set(library.search("data", groups=["leadership"])["document"]) == {"observasi"}
    assert set(library.search("data", groups=["community", "leadership"])["document"]) == {"wawancara", "observasi"}
    assert set(library.search("DTKS", informants=["I-01"])["document"]) == {"wawancara"}
    assert set(library.search("DTKS", source_types=["document"])["document"]) == {"perbup"}
    assert library.search("DTKS", groups=["community"], source_types=["observation"]).empty
    assert library.search("data", groups=["agency"]).empty  # a known group without documents
    assert len(library.search("data", groups=[], informants=None)) == 7  # empty list: no filter


def test_search_context(library):
    row = library.search("DTKS", source_types=["document"], context=5).iloc[0]
    assert (row["before"], row["match"], row["after"]) == ("ial (", "DTKS", ").")  # trimmed at the text's end
    first = library.search("P:", context=4).iloc[0]
    assert (first["start"], first["before"], first["after"]) == (0, "", " Dat")  # trimmed at its start
    flat = library.search("DTKS?", context=4).iloc[0]
    assert flat["after"] == " I: "  # the newline became a space


def test_search_no_hits_has_columns(library):
    hits = library.search("tidak ada")
    assert hits.empty and list(hits.columns)[-3:] == ["before", "match", "after"]


def test_search_refusals(library):
    for query in ("", "  "):
        with pytest.raises(InputError, match="search query is empty"):
            library.search(query)
    with pytest.raises(NotFoundError, match="unknown group 'pers' in search filter; known: community, agency"):
        library.search("data", groups=["pers"])
    with pytest.raises(NotFoundError, match="unknown informant 'I-77'.*known: I-01"):
        library.search("data", informants=["I-77"])
    with pytest.raises(NotFoundError, match="unknown source type 'video'.*known: interview, observation, document"):
        library.search("data", source_types=["video"])
    with pytest.raises(InputError, match="context"):
        library.search("data", context=-5)
