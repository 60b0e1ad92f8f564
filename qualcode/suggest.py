"""Machine-assisted code suggestions: features, training, grouped evaluation and cold-start keywords.

UI-free and project-free: functions take plain frames. A unit frame has the columns ``text`` and
``document_id``; labels are a frame of booleans, one column per code key, aligned with the units.

Features are the tokens of a blank spaCy pipeline of the document's language
(:func:`qualcode.segment.pipeline`), lower-cased, stop words and punctuation removed, turned
into TF-IDF word 1-2-grams plus character 3-5-grams (``char_wb``). Each code gets its own
one-vs-rest ``LogisticRegression(class_weight="balanced")``; its decision threshold is the one
that maximises F1 on out-of-fold scores of a grouped cross-validation (``GroupKFold`` by
document), so the units of one document are never in both the training and the test part.
The TF-IDF vocabulary is fitted on all units given (no labels are used for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.matcher import PhraseMatcher

from .errors import InputError
from .segment import pipeline

MIN_POSITIVES = 8  # fewer positives than this: the evaluation row carries a warning
DEFAULT_THRESHOLD = 0.5
KEYWORD_SCORE = 0.5
EVALUATION_COLUMNS = ["code", "train_units", "precision", "recall", "f1", "threshold", "warning"]


# -- features ------------------------------------------------------------------------

def normalise(texts: Iterable[str], languages: Sequence[str]) -> list[str]:
    """Each text as its lower-cased tokens joined by spaces, without stop words, punctuation and spaces."""
    texts = list(texts)
    out: list[str] = [""] * len(texts)
    by_language: dict[str, list[int]] = {}
    for i, lang in enumerate(languages):
        by_language.setdefault(lang or "xx", []).append(i)
    for lang, rows in by_language.items():
        nlp = pipeline(lang)
        stop = nlp.Defaults.stop_words
        for i, doc in zip(rows, nlp.tokenizer.pipe(texts[i] for i in rows), strict=True):
            out[i] = " ".join(
                low for tok in doc
                if not (tok.is_punct or tok.is_space) and (low := tok.lower_) not in stop and low.strip()
            )
    return out


def _languages(units: pd.DataFrame, languages: str | Mapping[Any, str] | Sequence[str]) -> list[str]:
    """One language per unit from a single code, a mapping document_id -> code, or a per-unit sequence."""
    if isinstance(languages, str):
        return [languages] * len(units)
    if isinstance(languages, Mapping):
        missing = sorted({d for d in units["document_id"] if d not in languages}, key=str)
        if missing:
            raise InputError(f"no language given for document(s) {', '.join(map(str, missing[:10]))}")
        return [languages[d] for d in units["document_id"]]
    langs = list(languages)
    if len(langs) != len(units):
        raise InputError(f"languages: {len(langs)} given for {len(units)} units")
    return langs


@dataclass
class Features:
    """Word 1-2-gram and char_wb 3-5-gram TF-IDF of normalised unit texts."""

    word: TfidfVectorizer = field(default_factory=lambda: TfidfVectorizer(
        analyzer="word", tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=(1, 2),
        sublinear_tf=True, dtype=np.float32))
    char: TfidfVectorizer = field(default_factory=lambda: TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), lowercase=False, sublinear_tf=True, min_df=2,
        max_features=200_000, dtype=np.float32))

    def fit_transform(self, normalised: list[str]) -> sp.csr_matrix:
        return sp.hstack([self.word.fit_transform(normalised), self.char.fit_transform(normalised)]).tocsr()

    def transform(self, normalised: list[str]) -> sp.csr_matrix:
        return sp.hstack([self.word.transform(normalised), self.char.transform(normalised)]).tocsr()


# -- models --------------------------------------------------------------------------

def _classifier() -> LogisticRegression:
    return LogisticRegression(class_weight="balanced", solver="liblinear", max_iter=1000)


class _Constant:
    """Stands in for a classifier when a code's labels are all one value."""

    def __init__(self, value: float) -> None:
        self.value = float(value)

    def predict_proba(self, x: Any) -> np.ndarray:
        p = np.full(x.shape[0], self.value)
        return np.column_stack([1 - p, p])


def _fit(x: sp.csr_matrix, y: np.ndarray) -> Any:
    if y.min() == y.max():
        return _Constant(float(y[0]) if len(y) else 0.0)
    return _classifier().fit(x, y)


def document_folds(groups: Sequence[Any], n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indices, test indices) of a GroupKFold by document; at most one fold per document."""
    groups = np.asarray(list(groups))
    n = min(n_splits, len(np.unique(groups)))
    if n < 2:
        raise InputError("grouped cross-validation needs units from at least two documents")
    return list(GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups))


def _oof_scores(x: sp.csr_matrix, y: np.ndarray, groups: np.ndarray, n_splits: int) -> np.ndarray:
    """Out-of-fold probabilities, one column per code."""
    scores = np.zeros(y.shape, dtype=float)
    for train, test in document_folds(groups, n_splits):
        for j in range(y.shape[1]):
            scores[test, j] = _fit(x[train], y[train, j]).predict_proba(x[test])[:, 1]
    return scores


def best_threshold(y: np.ndarray, scores: np.ndarray) -> float:
    """The score threshold (predict positive when score >= threshold) with the highest F1."""
    if y.sum() == 0:
        return DEFAULT_THRESHOLD
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], y[order].astype(float)
    tp = np.cumsum(t)
    k = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (k + t.sum())
    last = np.r_[s[1:] != s[:-1], True]  # only cut between distinct scores
    f1 = np.where(last, f1, -1)
    best = int(np.argmax(f1))
    return float(s[best])


@dataclass
class SuggestModel:
    """A trained suggestion model: features, one classifier and threshold per code."""

    codes: list[str]
    features: Features
    classifiers: dict[str, Any]
    thresholds: dict[str, float]
    positives: dict[str, int]
    units: int
    sklearn_version: str = sklearn.__version__

    def scores(self, units: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str]) -> pd.DataFrame:
        """Probability of every code for every unit (index of ``units``, one column per code)."""
        if len(units) == 0:
            return pd.DataFrame(columns=self.codes, index=units.index, dtype=float)
        x = self.features.transform(normalise(units["text"], _languages(units, languages)))
        return pd.DataFrame({c: self.classifiers[c].predict_proba(x)[:, 1] for c in self.codes}, index=units.index)

    def predict(self, units: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str]) -> pd.DataFrame:
        """Booleans: score at or above the code's threshold."""
        scores = self.scores(units, languages=languages)
        return scores.ge(pd.Series(self.thresholds))


def _check(units: pd.DataFrame, labels: pd.DataFrame) -> np.ndarray:
    for column in ("text", "document_id"):
        if column not in units.columns:
            raise InputError(f"units need a '{column}' column")
    if len(labels) != len(units):
        raise InputError(f"labels: {len(labels)} rows for {len(units)} units")
    if labels.shape[1] == 0:
        raise InputError("no codes to train")
    return labels.to_numpy(dtype=bool).astype(int)


def train(units_frame: pd.DataFrame, labels: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str],
          n_splits: int = 5) -> SuggestModel:
    """Fit features and one classifier per code (labels' columns); thresholds from grouped CV.

    Raises InputError when the units come from fewer than two documents.
    """
    y = _check(units_frame, labels)
    groups = units_frame["document_id"].to_numpy()
    features = Features()
    x = features.fit_transform(normalise(units_frame["text"], _languages(units_frame, languages)))
    oof = _oof_scores(x, y, groups, n_splits)
    codes = [str(c) for c in labels.columns]
    return SuggestModel(
        codes=codes, features=features,
        classifiers={c: _fit(x, y[:, j]) for j, c in enumerate(codes)},
        thresholds={c: best_threshold(y[:, j], oof[:, j]) for j, c in enumerate(codes)},
        positives={c: int(y[:, j].sum()) for j, c in enumerate(codes)}, units=len(units_frame),
    )


def evaluate(units_frame: pd.DataFrame, labels: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str],
             n_splits: int = 5) -> pd.DataFrame:
    """Grouped cross-validated precision, recall and F1 per code, plus "micro" and "macro" rows.

    Each outer fold (GroupKFold by document) picks thresholds by an inner grouped CV on its
    training part only, then scores its held-out documents, so the figures are not tuned on the
    units they measure. ``threshold`` is the mean of the folds' thresholds. ``attrs["folds"]``
    holds (train document ids, test document ids) of each outer fold.
    """
    y = _check(units_frame, labels)
    groups = units_frame["document_id"].to_numpy()
    x = Features().fit_transform(normalise(units_frame["text"], _languages(units_frame, languages)))
    codes = [str(c) for c in labels.columns]
    tp, fp, fn = (np.zeros(len(codes)) for _ in range(3))
    thresholds: list[list[float]] = [[] for _ in codes]
    folds = []
    for train_idx, test_idx in document_folds(groups, n_splits):
        folds.append((sorted(set(groups[train_idx].tolist())), sorted(set(groups[test_idx].tolist()))))
        inner_splits = min(3, len(np.unique(groups[train_idx])))
        inner = _oof_scores(x[train_idx], y[train_idx], groups[train_idx], inner_splits) if inner_splits >= 2 else None
        for j in range(len(codes)):
            threshold = best_threshold(y[train_idx, j], inner[:, j]) if inner is not None else DEFAULT_THRESHOLD
            thresholds[j].append(threshold)
            pred = _fit(x[train_idx], y[train_idx, j]).predict_proba(x[test_idx])[:, 1] >= threshold
            truth = y[test_idx, j].astype(bool)
            tp[j] += np.sum(pred & truth)
            fp[j] += np.sum(pred & ~truth)
            fn[j] += np.sum(~pred & truth)
    rows = []
    for j, code in enumerate(codes):
        p, r, f = _prf(tp[j], fp[j], fn[j])
        positives = int(y[:, j].sum())
        warning = (f"only {positives} positive units (fewer than {MIN_POSITIVES}); figures are unreliable"
                   if positives < MIN_POSITIVES else "")
        rows.append([code, positives, p, r, f, float(np.mean(thresholds[j])), warning])
    p, r, f = _prf(tp.sum(), fp.sum(), fn.sum())
    rows.append(["micro", int(y.sum()), p, r, f, np.nan, ""])
    per_code = pd.DataFrame(rows[:-1], columns=EVALUATION_COLUMNS)
    rows.append(["macro", int(y.sum()), float(per_code["precision"].mean()), float(per_code["recall"].mean()),
                 float(per_code["f1"].mean()), np.nan, ""])
    frame = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    frame.attrs["folds"] = folds
    return frame


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


# -- cold start ----------------------------------------------------------------------

def keywords(code: Mapping[str, Any]) -> list[str]:
    """Keywords of a code: its name plus the pieces of its ``include`` text split on , ; and newlines."""
    pieces = [str(code.get("name") or "")] + re.split(r"[,;\n]", str(code.get("include") or ""))
    seen: dict[str, None] = {}
    for piece in pieces:
        word = piece.strip().strip(".:-*•").strip()
        if word:
            seen.setdefault(word.lower(), None)
    return list(seen)


def keyword_suggestions(units: pd.DataFrame, codes: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """Units whose text contains a keyword of a code (spaCy PhraseMatcher on lower-cased tokens).

    ``units`` needs ``id`` and ``text``; ``codes`` needs ``key``, ``name`` and ``include``.
    Returns unit_id, code, score (a constant :data:`KEYWORD_SCORE`) and keyword, one row per
    (unit, code) pair.
    """
    nlp = pipeline(language)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for code in codes.to_dict("records"):
        patterns = [nlp.make_doc(k) for k in keywords(code)]
        patterns = [p for p in patterns if len(p)]
        if patterns:
            matcher.add(str(code["key"]), patterns)
    rows: dict[tuple[int, str], str] = {}
    for unit_id, doc in zip(units["id"], nlp.tokenizer.pipe(units["text"]), strict=True):
        for match_id, start, end in matcher(doc):
            rows.setdefault((int(unit_id), nlp.vocab.strings[match_id]), doc[start:end].text)
    return pd.DataFrame([(u, c, KEYWORD_SCORE, k) for (u, c), k in rows.items()],
                        columns=["unit_id", "code", "score", "keyword"])
