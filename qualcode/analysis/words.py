"""Word frequencies and the comparison of two corpora by log-likelihood: pure functions, no SQL.

**What counts as a word.** Each document's text is split into tokens by a blank spaCy pipeline of
the document's language (:func:`qualcode.segment.pipeline`: tokenizer rules only, no model is
downloaded). A token becomes a word by lower-casing it and trimming characters that are neither
letters nor digits from both ends ("'s" -> "s"); it counts when what is left holds at least one
letter. So punctuation, symbols and numbers written in digits ("2021", "9,5") are dropped, and so
are the clitics spaCy's Indonesian rules split off with their hyphen ("-nya", "-lah", "-pun"),
while "COVID-19" and reduplications such as "anak-anak" (one token in spaCy's Indonesian rules)
are words. Only tokens lying wholly inside the regions a caller passes count:
the project passes the document's sentences, which leave out speaker labels ("Pewawancara:"), and
for a code the stretches its codings cover (overlaps counted once).

**Form.** Words are counted by their lower-cased surface form. spaCy has no lemmatizer for
Indonesian, and its English lemmatizer needs either a trained pipeline (a model download) or the
separate ``spacy-lookups-data`` tables, so lemmas are not offered: "anak" and "anak-anak", "plan"
and "plans" are different words.

**Stop words.** spaCy's stop lists for Indonesian and English (both, whatever a document's
language, since Indonesian interviews mix in English words) plus the project's own stop list. A
word is left out when it, or its token before trimming, is a stop word.

**Comparison.** For each word, the log-likelihood G2 of Rayson & Garside (2000) compares its
frequency in corpus A (``a`` of ``c`` words) with corpus B (``b`` of ``d`` words)::

    E1 = c (a + b) / (c + d)        E2 = d (a + b) / (c + d)
    G2 = 2 (a ln(a / E1) + b ln(b / E2))        (a term with a = 0 or b = 0 is 0)

G2 follows a chi-square distribution with one degree of freedom, so ``p = erfc(sqrt(G2 / 2))``;
3.84 is significant at p < .05, 6.63 at p < .01, 10.83 at p < .001. ``c`` and ``d`` are the words
counted in each corpus (stop words left out). Beside it, the ratio of relative frequencies
``(a / c) / (b / d)``, blank when ``b`` is 0.

Reference
---------
Rayson, P., & Garside, R. (2000). Comparing corpora using frequency profiling. In *Proceedings of
the Workshop on Comparing Corpora* (pp. 1-6). Association for Computational Linguistics.
https://doi.org/10.3115/1117729.1117730
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import InputError, check_choice
from ..segment import pipeline

#: Forms words are counted by (see the module: no lemmas without a model).
FORMS = ("surface",)
FORM_PHRASES = {"surface": "lower-cased surface form (no lemmatizer: spaCy has none for Indonesian)"}
STOP_LANGUAGES = ("id", "en")
WORD_COLUMNS = ["word", "count", "share", "documents", "informants"]
COMPARE_COLUMNS = ["word", "count_a", "share_a", "count_b", "share_b", "log_likelihood", "p", "ratio", "more_in"]
WORD_NUMBER_KINDS = {"share": "percent"}
# p is left as computed: most are far below .001, which two decimals would print as .00
COMPARE_NUMBER_KINDS = {"share_a": "percent", "share_b": "percent", "log_likelihood": "decimal", "ratio": "decimal"}
TOKEN_CHUNK = 200_000  # characters per tokenizer call, within the pipeline's max_length

Region = tuple[int, int]


@dataclass(frozen=True)
class DocumentWords:
    """One document to count: its text, language, informant, and the regions whose words count.

    ``regions``: (start, end) offsets into ``text``, end-exclusive; None counts the whole text.
    """

    document_id: int
    text: str
    language: str = "id"
    informant: str | None = None
    regions: Sequence[Region] | None = field(default=None)


@lru_cache(maxsize=1)
def language_stop_words() -> frozenset[str]:
    """spaCy's stop words for Indonesian and English, lower-cased."""
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.id.stop_words import STOP_WORDS as INDONESIAN

    return frozenset(w.lower() for w in (*INDONESIAN, *ENGLISH))


def stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """The stop words in force: spaCy's Indonesian and English lists plus ``extra`` (lower-cased)."""
    return language_stop_words() | {str(w).strip().lower() for w in extra if str(w).strip()}


def normalize(token: str) -> str | None:
    """The word a token counts as, or None when it is no word (see the module).

    >>> [normalize(t) for t in ("Anak-anak", "-nya", "2021", ",", "COVID-19", "'s", "(Dinas")]
    ['anak-anak', None, None, None, 'covid-19', 's', 'dinas']
    """
    span = _word_span(token)
    return None if span is None else token[span[0]:span[1]].lower()


def _word_span(token: str) -> tuple[int, int] | None:
    """Where the word lies in a token once non-alphanumeric ends are trimmed; None for no word."""
    if token.isalpha():  # most tokens: nothing to trim
        return 0, len(token)
    if token.startswith("-"):  # a clitic spaCy's Indonesian rules split off: "-nya", "-lah", "-pun"
        return None
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    if not any(ch.isalpha() for ch in token[start:end]):
        return None
    return start, end


def clean_words(words: Iterable[str], what: str = "stop word") -> list[str]:
    """Words as a stop list keeps them: trimmed, lower-cased, each once, sorted.

    Raises InputError naming an entry that is no word (no letter: see :func:`normalize`).

    >>> clean_words([" Ya ", "nggak", "ya"])
    ['nggak', 'ya']
    """
    kept: set[str] = set()
    for raw in words:
        text = str(raw).strip()
        if not text:
            continue
        word = normalize(text)
        if word is None or word != text.lower():
            raise InputError(f"{what} {text!r} is not a word: give letters (digits, hyphens and apostrophes "
                             "inside a word are fine)", key="err_stop_word", word=text)
        kept.add(word)
    return sorted(kept)


def merge_regions(regions: Iterable[Region]) -> list[Region]:
    """Overlapping or touching (start, end) regions merged, sorted; empty ones dropped.

    >>> merge_regions([(5, 9), (0, 3), (2, 4), (9, 12), (20, 20)])
    [(0, 4), (5, 12)]
    """
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in regions):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def intersect_regions(first: Iterable[Region], second: Iterable[Region]) -> list[Region]:
    """The stretches inside both sets of regions (each merged first).

    >>> intersect_regions([(0, 10), (20, 30)], [(5, 25)])
    [(5, 10), (20, 25)]
    """
    a, b = merge_regions(first), merge_regions(second)
    out: list[Region] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if start < end:
            out.append((start, end))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


def tokens(text: str, language: str) -> list[tuple[int, int, str]]:
    """Every token of ``text`` as (start, end, token text), from the blank spaCy pipeline of ``language``.

    >>> tokens("Ya, anak-anak.", "id")
    [(0, 2, 'Ya'), (2, 3, ','), (4, 13, 'anak-anak'), (13, 14, '.')]
    """
    nlp = pipeline(language)
    found: list[tuple[int, int, str]] = []
    for offset in range(0, len(text), TOKEN_CHUNK):
        # a chunk may cut a word at its edge; texts that long are rare and the cut costs one token
        for token in nlp.make_doc(text[offset:offset + TOKEN_CHUNK]):
            if not token.is_space:
                start = offset + token.idx
                found.append((start, start + len(token.text), token.text))
    return found


def inside(starts: np.ndarray, ends: np.ndarray, regions: Sequence[Region]) -> np.ndarray:
    """Whether each span (starts[i], ends[i]) lies wholly inside one of the merged ``regions``."""
    if not len(regions):
        return np.zeros(len(starts), dtype=bool)
    bounds = np.asarray(regions, dtype=np.int64)
    slot = np.searchsorted(bounds[:, 0], starts, side="right") - 1
    ok = slot >= 0
    safe = np.where(ok, slot, 0)
    return ok & (ends <= bounds[safe, 1])


def document_words(doc: DocumentWords, stop: Collection[str]) -> list[tuple[int, int, str]]:
    """The counted words of one document as (start, end, word): tokens inside its regions that are words
    and no stop words; ``text[start:end].lower() == word`` (the trimmed token).

    >>> document_words(DocumentWords(1, "P: Data-nya, 2021.", regions=[(3, 18)]), stop_words())
    [(3, 7, 'data')]
    """
    found = tokens(doc.text, doc.language)
    if doc.regions is not None and found:
        regions = merge_regions(doc.regions)
        keep = inside(np.fromiter((t[0] for t in found), np.int64, len(found)),
                      np.fromiter((t[1] for t in found), np.int64, len(found)), regions)
        found = [t for t, k in zip(found, keep, strict=True) if k]
    words = []
    for start, _, text in found:
        span = _word_span(text)
        if span is None:
            continue
        lower = text.lower()
        word = lower if span[1] - span[0] == len(text) else text[span[0]:span[1]].lower()
        if word not in stop and lower not in stop:
            words.append((start + span[0], start + span[1], word))
    return words


def word_counts(documents: Iterable[DocumentWords], *, stop: Collection[str], form: str = "surface") -> pd.DataFrame:
    """The word frequency table of some documents.

    Parameters
    ----------
    documents : iterable of DocumentWords
        The texts with the regions whose words count.
    stop : collection of str
        Lower-cased stop words (:func:`stop_words`).
    form : {"surface"}
        What a word is counted by; see :data:`FORMS`.

    Returns
    -------
    DataFrame
        Columns :data:`WORD_COLUMNS`: each word, how often it occurs, its share of all counted words
        (a proportion), and in how many documents and informants' documents it occurs. Most frequent
        first, ties alphabetical. ``attrs["words"]`` is the number of words counted (the share's
        denominator), ``attrs["number_kinds"]`` marks the share a percentage.

    Example
    -------
    >>> table = word_counts([DocumentWords(1, "Data, data dan DTKS.", "id", "I-1")], stop=stop_words())
    >>> table[["word", "count", "documents"]].values.tolist()
    [['data', 2, 1], ['dtks', 1, 1]]
    """
    check_choice(form, FORMS, "word form")
    counts: Counter[str] = Counter()
    in_documents: dict[str, set[int]] = {}
    in_informants: dict[str, set[str]] = {}
    for doc in documents:
        words = [w for _, _, w in document_words(doc, stop)]
        counts.update(words)
        for word in set(words):
            in_documents.setdefault(word, set()).add(doc.document_id)
            if doc.informant is not None:
                in_informants.setdefault(word, set()).add(doc.informant)
    total = sum(counts.values())
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    frame = pd.DataFrame({
        "word": [w for w, _ in rows],
        "count": np.array([n for _, n in rows], dtype=np.int64),
        "share": np.array([n / total for _, n in rows], dtype=float) if total else np.array([], dtype=float),
        "documents": np.array([len(in_documents[w]) for w, _ in rows], dtype=np.int64),
        "informants": np.array([len(in_informants.get(w, ())) for w, _ in rows], dtype=np.int64),
    }, columns=WORD_COLUMNS)
    frame.attrs = {"words": int(total), "number_kinds": dict(WORD_NUMBER_KINDS)}
    return frame


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Rayson & Garside's (2000) log-likelihood G2 of a word occurring ``a`` times in ``c`` words of corpus A
    and ``b`` times in ``d`` words of corpus B (formula in the module docstring).

    >>> round(log_likelihood(10, 0, 100, 100), 4)  # 2 * 10 * ln(10 / 5)
    13.8629
    """
    if min(a, b) < 0 or c <= 0 or d <= 0 or a > c or b > d:
        raise InputError(f"log-likelihood needs 0 <= a <= c, 0 <= b <= d and c, d > 0; got a={a}, b={b}, c={c}, d={d}")
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2 * ((a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0))


def compare_counts(a: pd.DataFrame, b: pd.DataFrame, *, names: tuple[str, str] = ("A", "B")) -> pd.DataFrame:
    """Compare two word frequency tables (from :func:`word_counts`) word by word.

    Returns
    -------
    DataFrame
        Columns :data:`COMPARE_COLUMNS`, one row per word of either table: counts and shares in A and B,
        the log-likelihood G2 with its p (chi-square, 1 df), the ratio of relative frequencies
        (share in A / share in B; missing when B lacks the word), and ``more_in``: the name of the
        corpus where the word is relatively more frequent (empty when equal). Highest G2 first, ties by
        word. ``attrs["words"]`` holds (c, d), the words counted in each.

    Example
    -------
    >>> a = pd.DataFrame({"word": ["data", "dana"], "count": [30, 10]})
    >>> b = pd.DataFrame({"word": ["data", "dana"], "count": [10, 30]})
    >>> compare_counts(a, b, names=("x", "y"))[["word", "more_in"]].values.tolist()
    [['dana', 'y'], ['data', 'x']]
    """
    c, d = int(a["count"].sum()), int(b["count"].sum())
    if c == 0 or d == 0:
        empty = names[0] if c == 0 else names[1]
        raise InputError(f"no words to compare in {empty}: a comparison needs words on both sides",
                         key="err_words_compare_empty", side=empty)
    counts = pd.DataFrame({"word": sorted(set(a["word"]) | set(b["word"]))})
    counts["count_a"] = counts["word"].map(a.set_index("word")["count"]).fillna(0).astype(np.int64)
    counts["count_b"] = counts["word"].map(b.set_index("word")["count"]).fillna(0).astype(np.int64)
    counts["share_a"] = counts["count_a"] / c
    counts["share_b"] = counts["count_b"] / d
    g2 = [log_likelihood(x, y, c, d) for x, y in zip(counts["count_a"], counts["count_b"], strict=True)]
    counts["log_likelihood"] = np.array(g2, dtype=float)
    counts["p"] = [math.erfc(math.sqrt(g / 2)) for g in g2]
    # blank where B lacks the word: the ratio would be infinite
    counts["ratio"] = counts["share_a"] / counts["share_b"].where(counts["count_b"] > 0)
    counts["more_in"] = np.select([counts["share_a"] > counts["share_b"], counts["share_a"] < counts["share_b"]],
                                  [names[0], names[1]], "")
    counts = counts.sort_values(["log_likelihood", "word"], ascending=[False, True], kind="mergesort")
    frame = counts[COMPARE_COLUMNS].reset_index(drop=True)
    frame.attrs = {"words": (c, d), "number_kinds": dict(COMPARE_NUMBER_KINDS)}
    return frame


__all__ = ["COMPARE_COLUMNS", "FORMS", "WORD_COLUMNS", "DocumentWords", "clean_words", "compare_counts",
           "document_words", "intersect_regions", "log_likelihood", "merge_regions", "normalize", "stop_words",
           "tokens", "word_counts"]
