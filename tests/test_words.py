"""Word frequency, the group comparison by log-likelihood, the stop list and the concordance.

The counts are checked against a count written here in plain Python: the same spaCy tokenizer and
stop lists, and the rule of :mod:`qualcode.analysis.words` restated (letters kept, ends trimmed,
clitics dropped), with a character mask for the sentences and the codings instead of interval maths.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import pandas as pd
import pytest
import spacy
from scipy.stats import chi2
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
from spacy.lang.id.stop_words import STOP_WORDS as INDONESIAN

from qualcode.analysis.words import compare_counts, log_likelihood, word_counts
from qualcode.errors import InputError, NotFoundError, PermissionDeniedError
from qualcode.project import Project
from qualcode.search import find_hits

from .conftest import assert_refused, copy_project


@pytest.fixture
def demo(demo_path, tmp_path):
    with Project.open(copy_project(demo_path, tmp_path / "demo.qualcode")) as p:
        yield p


@functools.cache
def blank(language: str) -> spacy.language.Language:
    return spacy.blank(language)


def code_mask(p: Project, code: str, document_id: int, length: int) -> list[bool]:
    """Which characters of a document ``code``'s codings (any coder) cover."""
    codings = p.codings(codes=[code])
    coded = [False] * length
    for c in codings[codings["document_id"] == document_id].itertuples():
        coded[c.start:c.end] = [True] * (c.end - c.start)
    return coded


def independent_counts(p: Project, *, documents=None, code=None, extra_stop=(), coded_mask=None) -> pd.DataFrame:
    """word, count, documents, informants over the sentences of ``documents`` (names; all by default),
    or only where ``code``'s codings lie (or where ``coded_mask(document_id, length)`` is true), counted
    token by token with a character mask."""
    stop = {w.lower() for w in (*INDONESIAN, *ENGLISH, *extra_stop)}
    docs = p.documents()
    units = p.units(kind="sentence")
    codings = p.codings(codes=[code]) if code else None
    counts: Counter[str] = Counter()
    where: dict[str, set[str]] = {}
    who: dict[str, set[str]] = {}
    for doc in docs.itertuples():
        if documents is not None and doc.name not in documents:
            continue
        text = p.document(int(doc.id))["text"]
        mask = [False] * len(text)
        for u in units[units["document_id"] == doc.id].itertuples():
            mask[u.start:u.end] = [True] * (u.end - u.start)
        if codings is not None:
            coded = [False] * len(text)
            for c in codings[codings["document_id"] == doc.id].itertuples():
                coded[c.start:c.end] = [True] * (c.end - c.start)
            if not any(coded):
                continue
            mask = [m and c for m, c in zip(mask, coded, strict=True)]
        if coded_mask is not None:
            coded = coded_mask(int(doc.id), len(text))
            if not any(coded):
                continue
            mask = [m and c for m, c in zip(mask, coded, strict=True)]
        for token in blank(doc.language).make_doc(text):
            raw = token.text
            if raw.isspace() or raw.startswith("-") or not all(mask[token.idx:token.idx + len(raw)]):
                continue
            word = raw.lower()
            while word and not word[0].isalnum():
                word = word[1:]
            while word and not word[-1].isalnum():
                word = word[:-1]
            if not any(ch.isalpha() for ch in word) or word in stop or raw.lower() in stop:
                continue
            counts[word] += 1
            where.setdefault(word, set()).add(doc.name)
            if isinstance(doc.informant, str):
                who.setdefault(word, set()).add(doc.informant)
    return pd.DataFrame([(w, n, len(where[w]), len(who.get(w, ()))) for w, n in counts.items()],
                        columns=["word", "count", "documents", "informants"])


def as_dict(frame: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    return {r.word: (int(r.count), int(r.documents), int(r.informants)) for r in frame.itertuples()}


# -- counts against an independent count ---------------------------------------------------------

def test_project_counts_equal_an_independent_count(demo):
    table = demo.word_frequencies()
    expected = independent_counts(demo)
    assert as_dict(table) == as_dict(expected)
    assert table.attrs["words"] == expected["count"].sum()
    assert table["share"].tolist() == pytest.approx((table["count"] / expected["count"].sum()).tolist())
    assert list(table["count"]) == sorted(table["count"], reverse=True)
    # speaker labels are not counted: "Pewawancara:" labels every question
    assert "pewawancara" not in set(table["word"])
    assert not demo.concordance("pewawancara")["counted"].any() and len(demo.concordance("pewawancara")) > 100


def test_group_informant_source_type_and_document_scopes(demo):
    docs = demo.documents()
    community = list(docs.loc[docs["group"] == "community", "name"])
    assert as_dict(demo.word_frequencies(by="group", value="community")) == \
        as_dict(independent_counts(demo, documents=community))
    informant = docs.dropna(subset=["informant"]).iloc[0]
    own = list(docs.loc[docs["informant"] == informant["informant"], "name"])
    assert as_dict(demo.word_frequencies(by="informant", value=informant["informant"])) == \
        as_dict(independent_counts(demo, documents=own))
    observations = list(docs.loc[docs["source_type"] == "observation", "name"])
    assert observations
    assert as_dict(demo.word_frequencies(by="source_type", value="observation")) == \
        as_dict(independent_counts(demo, documents=observations))
    name = docs.iloc[2]["name"]
    assert as_dict(demo.word_frequencies(by="document", value=name)) == \
        as_dict(independent_counts(demo, documents=[name]))
    assert as_dict(demo.word_frequencies(by="document", value=int(docs.iloc[2]["id"]))) == \
        as_dict(independent_counts(demo, documents=[name]))


def test_code_scope_counts_overlapping_codings_once(demo):
    codings = demo.codings()
    code = codings["code"].value_counts().index[0]
    table = demo.word_frequencies(by="code", value=code)
    assert as_dict(table) == as_dict(independent_counts(demo, code=code))
    # code the same passage again under another coder: overlapping codings count once
    first = codings[codings["code"] == code].iloc[0]
    before = as_dict(table)
    demo.add_coding(int(first["document_id"]), int(first["start"]), int(first["end"]), code, "extra-coder")
    assert as_dict(demo.word_frequencies(by="code", value=code)) == before
    # one coder's codings only
    coder = codings.loc[codings["code"] == code, "coder"].iloc[0]
    only = demo.word_frequencies(by="code", value=code, coders=[coder])
    assert only["count"].sum() <= table["count"].sum()


def test_query_scope_counts_the_words_of_the_result_passages(demo):
    a, b = "E6.1", "E6.2"  # codes whose codings overlap in the demo

    def both(document_id, length):  # A AND B: the characters both codes cover
        return [x and y for x, y in zip(code_mask(demo, a, document_id, length),
                                        code_mask(demo, b, document_id, length), strict=True)]

    def either(document_id, length):  # A OR B: the characters either covers, overlaps once
        return [x or y for x, y in zip(code_mask(demo, a, document_id, length),
                                       code_mask(demo, b, document_id, length), strict=True)]

    expected_and = independent_counts(demo, coded_mask=both)
    assert not expected_and.empty
    assert as_dict(demo.word_frequencies(by="query", value=f"{a} AND {b}")) == as_dict(expected_and)
    assert as_dict(demo.word_frequencies(by="query", value=f"{a} OR {b}")) == \
        as_dict(independent_counts(demo, coded_mask=either))
    # a query of one code is that code's scope
    assert as_dict(demo.word_frequencies(by="query", value=a)) == as_dict(demo.word_frequencies(by="code", value=a))
    # the concordance keeps the hits inside the result passages
    word = demo.word_frequencies(by="query", value=f"{a} AND {b}")["word"].iloc[0]
    hits = demo.concordance(word, by="query", value=f"{a} AND {b}")
    assert len(hits) >= 1
    for hit in hits.itertuples():
        text = demo.document(int(hit.document_id))["text"]
        inside = both(int(hit.document_id), len(text))
        assert all(inside[hit.start:hit.end])
    # a query that does not parse says where
    with pytest.raises(InputError, match="position 8"):
        demo.word_frequencies(by="query", value=f"{a} AND")
    with pytest.raises(InputError):
        demo.word_frequencies(by="query")


def test_where_keeps_only_the_documents_a_condition_holds_for(demo):
    informants = demo.informants()
    docs = demo.documents()
    women = {k for k, a in zip(informants["key"], informants["attributes"], strict=True)
             if (a or {}).get("gender") == "P"}
    names = list(docs.loc[docs["informant"].isin(women), "name"])
    assert names and len(names) < len(docs)
    assert as_dict(demo.word_frequencies(where="gender = P")) == as_dict(independent_counts(demo, documents=names))
    community = list(docs.loc[docs["informant"].isin(women) & (docs["group"] == "community"), "name"])
    assert as_dict(demo.word_frequencies(by="group", value="community", where="gender = P")) == \
        as_dict(independent_counts(demo, documents=community))
    word = demo.word_frequencies(where="gender = P")["word"].iloc[0]
    hits = demo.concordance(word, where="gender = P")
    assert set(hits["document"]) <= set(names) and len(hits) >= 1
    with pytest.raises(InputError, match="position"):
        demo.word_frequencies(where="gender = X")  # not a declared category of the demo


def test_stop_list_is_audited_undone_and_applied(demo):
    top = demo.word_frequencies()["word"].head(3).tolist()
    assert demo.stop_list() == []
    assert demo.add_stop_words([top[0].upper(), " " + top[1]], actor="sri") == sorted(top[:2])
    assert demo.history(limit=1).iloc[0]["description"] == "change the stop list: 2 added, 0 removed"
    table = demo.word_frequencies()
    assert not set(top[:2]) & set(table["word"])
    assert as_dict(table) == as_dict(independent_counts(demo, extra_stop=top[:2]))
    assert demo.remove_stop_words([top[0]], actor="sri") == [top[1]]
    demo.undo("sri")
    assert demo.stop_list() == sorted(top[:2])
    demo.undo("sri")
    assert demo.stop_list() == []
    assert demo.set_stop_list([], actor="sri") == []  # unchanged: nothing written
    assert_refused(demo, lambda: demo.add_stop_words(["2021"], actor="sri"), InputError, "'2021' is not a word")
    assert_refused(demo, lambda: demo.set_stop_list("ya", actor="sri"), InputError, "a list of words")


def test_only_settings_permission_changes_the_stop_list(demo):
    demo.add_user("sri", "supervisor-pass-1", "supervisor")
    demo.add_user("budi", "budi-pass-12345", "coder")
    with Project.open(demo.path, user="budi") as budi:
        assert_refused(budi, lambda: budi.add_stop_words(["ya"]), PermissionDeniedError,
                       "may not change project settings")
        assert not budi.word_frequencies().empty  # reading is for everyone
    with Project.open(demo.path, user="sri") as sri:
        assert sri.add_stop_words(["ya"]) == ["ya"]
        assert sri.history(limit=1).iloc[0]["actor"] == "sri"


def test_bad_scopes_name_what_is_wrong(demo):
    with pytest.raises(InputError, match="unknown word scope"):
        demo.word_frequencies(by="team", value="x")
    with pytest.raises(InputError, match="name the group"):
        demo.word_frequencies(by="group")
    with pytest.raises(InputError, match="takes no value"):
        demo.word_frequencies(value="community")
    with pytest.raises(InputError, match="unknown word form"):
        demo.word_frequencies(form="lemma")
    for by, value, fragment in (("group", "nobody", "unknown group 'nobody'"), ("code", "E99", "unknown code 'E99'"),
                                ("source_type", "diary", "unknown source type 'diary'"),
                                ("informant", "I-99", "unknown informant 'I-99'")):
        with pytest.raises(NotFoundError, match=fragment):
            demo.word_frequencies(by=by, value=value)
    with pytest.raises(InputError, match="not 'community' with itself"):
        demo.compare_words("community", "community")


# -- the comparison ------------------------------------------------------------------------------

def test_log_likelihood_on_a_hand_worked_example():
    # "dana": a = 30 of c = 1000 words in A, b = 10 of d = 2000 words in B.
    # E1 = c (a + b) / (c + d) = 1000 * 40 / 3000 = 13.3333...
    # E2 = d (a + b) / (c + d) = 2000 * 40 / 3000 = 26.6666...
    # a ln(a / E1) = 30 ln(2.25)  = 30 * 0.8109302162 = 24.3279064860
    # b ln(b / E2) = 10 ln(0.375) = 10 * -0.9808292530 = -9.8082925301
    # G2 = 2 (24.3279064860 - 9.8082925301) = 29.0392279118
    # ratio of relative frequencies = (30 / 1000) / (10 / 2000) = 0.03 / 0.005 = 6
    assert log_likelihood(30, 10, 1000, 2000) == pytest.approx(29.0392279118, abs=1e-9)
    a = pd.DataFrame({"word": ["dana", "lain"], "count": [30, 970]})
    b = pd.DataFrame({"word": ["dana", "lain", "baru"], "count": [10, 1980, 10]})
    table = compare_counts(a, b, names=("kota", "desa")).set_index("word")
    dana = table.loc["dana"]
    assert dana["count_a"] == 30 and dana["count_b"] == 10
    assert dana["log_likelihood"] == pytest.approx(29.0392279118, abs=1e-9)
    assert dana["ratio"] == pytest.approx(6.0)
    assert dana["p"] == pytest.approx(chi2.sf(29.0392279118, 1))
    assert dana["more_in"] == "kota"
    # "baru": a = 0, b = 10. E2 = 2000 * 10 / 3000 = 6.6667; G2 = 2 * 10 ln(10 / 6.6667) = 20 ln(1.5) = 8.1093
    assert table.loc["baru", "log_likelihood"] == pytest.approx(20 * math.log(1.5))
    assert math.isnan(table.loc["baru", "ratio"]) is False and table.loc["baru", "ratio"] == 0
    assert table.loc["baru", "more_in"] == "desa"
    assert list(table.index) == ["dana", "baru", "lain"]  # highest G2 first
    assert table.attrs["words"] == (1000, 2000)


def test_group_comparison_on_the_demo_follows_the_formula(demo):
    table = demo.compare_words("community", "leadership").set_index("word")
    docs = demo.documents()
    a = independent_counts(demo, documents=list(docs.loc[docs["group"] == "community", "name"])).set_index("word")
    b = independent_counts(demo, documents=list(docs.loc[docs["group"] == "leadership", "name"])).set_index("word")
    c, d = a["count"].sum(), b["count"].sum()
    assert set(table.index) == set(a.index) | set(b.index)
    for word in table.index[:20]:
        x = int(a["count"].get(word, 0))
        y = int(b["count"].get(word, 0))
        e1, e2 = c * (x + y) / (c + d), d * (x + y) / (c + d)
        g2 = 2 * ((x * math.log(x / e1) if x else 0) + (y * math.log(y / e2) if y else 0))
        assert table.loc[word, "log_likelihood"] == pytest.approx(g2), word
        if y:
            assert table.loc[word, "ratio"] == pytest.approx((x / c) / (y / d)), word
        else:
            assert pd.isna(table.loc[word, "ratio"])


def test_comparison_needs_words_on_both_sides():
    empty = word_counts([], stop=set())
    some = pd.DataFrame({"word": ["a"], "count": [1]})
    with pytest.raises(InputError, match="no words to compare in B"):
        compare_counts(some, empty)


# -- the concordance -----------------------------------------------------------------------------

def test_concordance_equals_the_search_hits(demo):
    table = demo.word_frequencies().set_index("word")
    for word in ("data", "dinas", table.index[10]):
        found = demo.concordance(word)
        expected = [(int(d.id), *hit) for d in demo.documents().itertuples()
                    for hit in find_hits(demo.document(int(d.id))["text"], word, whole_word=True)]
        got = list(zip(found["document_id"], found["start"], found["end"], found["before"], found["match"],
                       found["after"], strict=True))
        assert got == expected, word
        # every counted occurrence is a hit, and the hits marked counted are exactly the count
        assert int(found["counted"].sum()) == int(table.loc[word, "count"]), word
    # the Search page finds the same passages
    search = demo.search("data", whole_word=True)
    found = demo.concordance("data")
    assert list(zip(search["document_id"], search["start"], strict=True)) == \
        list(zip(found["document_id"], found["start"], strict=True))


def test_concordance_of_a_code_keeps_the_hits_inside_its_codings(demo):
    codings = demo.codings()
    code = codings["code"].value_counts().index[0]
    mine = codings[codings["code"] == code]
    found = demo.concordance("data", by="code", value=code)
    expected = []
    for doc_id in sorted(mine["document_id"].unique()):
        spans = mine[mine["document_id"] == doc_id]
        for hit in find_hits(demo.document(int(doc_id))["text"], "data", whole_word=True):
            if any(s <= hit[0] and hit[1] <= e for s, e in zip(spans["start"], spans["end"], strict=True)):
                expected.append((int(doc_id), hit[0]))
    assert list(zip(found["document_id"], found["start"], strict=True)) == expected
    counted = demo.word_frequencies(by="code", value=code).set_index("word").loc["data", "count"]
    assert int(found["counted"].sum()) == int(counted)
