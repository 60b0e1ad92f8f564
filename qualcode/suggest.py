"""Machine-assisted code suggestions: features, training, grouped evaluation and cold-start keywords.

UI-free and project-free: functions take plain frames. A unit frame has the columns ``text`` and
``document_id``; labels are a frame of booleans, one column per code key, aligned with the units.

Features are the tokens of a blank spaCy pipeline of the document's language
(:func:`qualcode.segment.pipeline`), lower-cased, stop words and punctuation removed, turned
into TF-IDF word 1-2-grams plus character 3-5-grams (``char_wb``). Each code gets its own
one-vs-rest ``LogisticRegression(class_weight="balanced")``. One grouped cross-validation
(``GroupKFold`` by document, so the units of one document are never in both the training and
the test part) gives out-of-fold scores; from them come each code's decision threshold (the one
with the highest F1) and the evaluation. A code with too few examples or a low cross-validated
F1 makes no suggestions. The TF-IDF vocabulary is fitted on all units given (no labels are used
for it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
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

MIN_POSITIVES = 8  # a code with fewer positive units makes no suggestions
DEFAULT_THRESHOLD = 0.5
KEYWORD_SCORE = 0.5
MIN_F1 = 0.3  # a code whose cross-validated F1 is lower makes no suggestions
EVALUATION_COLUMNS = ["code", "train_units", "precision", "recall", "f1", "threshold", "suggested", "warning"]


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
        for i, doc in zip(rows, map(nlp.tokenizer, (texts[i] for i in rows)), strict=True):
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
        return _sorted(sp.hstack([self.word.fit_transform(normalised), self.char.fit_transform(normalised)]).tocsr())

    def transform(self, normalised: list[str]) -> sp.csr_matrix:
        return _sorted(sp.hstack([self.word.transform(normalised), self.char.transform(normalised)]).tocsr())


def _sorted(x: sp.csr_matrix) -> sp.csr_matrix:
    """Sorted column indices once, so that row slices for the folds do not each sort them again."""
    x.sort_indices()
    return x


# -- models --------------------------------------------------------------------------

def _classifier() -> LogisticRegression:
    return LogisticRegression(class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0)


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


def document_folds(groups: Iterable[Any], n_splits: int = 5) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train indices, test indices) of a GroupKFold by document; at most one fold per document."""
    documents = np.asarray(list(groups))
    n = min(n_splits, len(np.unique(documents)))
    if n < 2:
        raise InputError("grouped cross-validation needs units from at least two documents", key="err_cv_documents")
    return list(GroupKFold(n_splits=n).split(np.zeros(len(documents)), groups=documents))


Progress = Callable[[int, int], None]  # (fits done, fits in all)


def _cross_validate(x: sp.csr_matrix, y: np.ndarray, groups: np.ndarray, n_splits: int,
                    tick: Callable[[], None]) -> tuple[np.ndarray, np.ndarray, list[tuple[list, list]]]:
    """Out-of-fold probabilities (one column per code), each unit's fold number and the folds' documents."""
    scores = np.zeros(y.shape, dtype=float)
    fold_of = np.zeros(len(y), dtype=int)
    folds = []
    for number, (train_idx, test_idx) in enumerate(document_folds(groups, n_splits)):
        fold_of[test_idx] = number
        folds.append((sorted(set(groups[train_idx].tolist())), sorted(set(groups[test_idx].tolist()))))
        x_train, x_test = x[train_idx], x[test_idx]
        for j in range(y.shape[1]):
            scores[test_idx, j] = _fit(x_train, y[train_idx, j]).predict_proba(x_test)[:, 1]
            tick()
    return scores, fold_of, folds


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


def _evaluation(y: np.ndarray, scores: np.ndarray, fold_of: np.ndarray, codes: list[str]) -> pd.DataFrame:
    """Precision, recall and F1 per code of the out-of-fold scores, plus "micro" and "macro" rows.

    The units of each fold are judged with a threshold chosen on the other folds' scores only, so
    no figure is tuned on the units it measures.
    """
    predicted = np.zeros(y.shape, dtype=bool)
    for number in np.unique(fold_of):
        held, rest = fold_of == number, fold_of != number
        for j in range(len(codes)):
            predicted[held, j] = scores[held, j] >= best_threshold(y[rest, j], scores[rest, j])
    truth = y.astype(bool)
    tp = (predicted & truth).sum(axis=0)
    fp = (predicted & ~truth).sum(axis=0)
    fn = (~predicted & truth).sum(axis=0)
    rows = []
    for j, code in enumerate(codes):
        p, r, f = _prf(tp[j], fp[j], fn[j])
        positives = int(y[:, j].sum())
        if positives < MIN_POSITIVES:
            warning = f"only {positives} positive units (fewer than {MIN_POSITIVES}); not suggested"
        elif f < MIN_F1:
            warning = f"F1 below {MIN_F1:.2f}; not suggested"
        else:
            warning = ""
        rows.append([code, positives, p, r, f, best_threshold(y[:, j], scores[:, j]), not warning, warning])
    per_code = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    p, r, f = _prf(tp.sum(), fp.sum(), fn.sum())
    summary = [["micro", int(y.sum()), p, r, f, np.nan, bool(per_code["suggested"].any()), ""],
               ["macro", int(y.sum()), float(per_code["precision"].mean()), float(per_code["recall"].mean()),
                float(per_code["f1"].mean()), np.nan, bool(per_code["suggested"].any()), ""]]
    return pd.concat([per_code, pd.DataFrame(summary, columns=EVALUATION_COLUMNS)], ignore_index=True)


@dataclass
class SuggestModel:
    """A trained suggestion model: features, one classifier and threshold per code, and its evaluation."""

    codes: list[str]
    features: Features
    classifiers: dict[str, Any]
    thresholds: dict[str, float]
    positives: dict[str, int]
    units: int
    evaluation: pd.DataFrame | None = None
    sklearn_version: str = sklearn.__version__

    def suggested_codes(self) -> list[str]:
        """Codes trusted to make suggestions: enough examples and a cross-validated F1 of at least MIN_F1."""
        if self.evaluation is None:
            return []
        table = self.evaluation.set_index("code")
        return [c for c in self.codes if c in table.index and bool(table.loc[c, "suggested"])]

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
        raise InputError("no codes to train", key="err_no_codes_to_train")
    return labels.to_numpy(dtype=bool).astype(int)


def _prepared(units_frame: pd.DataFrame, labels: pd.DataFrame,
              languages: str | Mapping[Any, str] | Sequence[str]) -> tuple[np.ndarray, np.ndarray, Features, Any]:
    y = _check(units_frame, labels)
    groups = units_frame["document_id"].to_numpy()
    document_folds(groups)  # refuse a single document before the costly part
    features = Features()
    x = features.fit_transform(normalise(units_frame["text"], _languages(units_frame, languages)))
    return y, groups, features, x


def _counter(progress: Progress | None, total: int) -> Callable[[], None]:
    done = 0
    if progress is not None:
        progress(0, total)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)
    return tick


def train(units_frame: pd.DataFrame, labels: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str],
          n_splits: int = 5, progress: Progress | None = None) -> SuggestModel:
    """Fit features and one classifier per code (labels' columns), with thresholds and the evaluation
    from one grouped cross-validation (see :func:`evaluate`).

    ``progress(done, total)`` is called after every classifier fit. Raises InputError when the
    units come from fewer than two documents.
    """
    y, groups, features, x = _prepared(units_frame, labels, languages)
    codes = [str(c) for c in labels.columns]
    n_folds = len(document_folds(groups, n_splits))
    tick = _counter(progress, (n_folds + 1) * len(codes))
    scores, fold_of, folds = _cross_validate(x, y, groups, n_splits, tick)
    evaluation = _evaluation(y, scores, fold_of, codes)
    evaluation.attrs["folds"] = folds
    classifiers = {}
    for j, c in enumerate(codes):
        classifiers[c] = _fit(x, y[:, j])
        tick()
    return SuggestModel(
        codes=codes, features=features, classifiers=classifiers,
        thresholds={c: best_threshold(y[:, j], scores[:, j]) for j, c in enumerate(codes)},
        positives={c: int(y[:, j].sum()) for j, c in enumerate(codes)}, units=len(units_frame),
        evaluation=evaluation,
    )


def evaluate(units_frame: pd.DataFrame, labels: pd.DataFrame, *, languages: str | Mapping[Any, str] | Sequence[str],
             n_splits: int = 5, progress: Progress | None = None) -> pd.DataFrame:
    """Grouped cross-validated precision, recall and F1 per code, plus "micro" and "macro" rows.

    Out-of-fold scores come from a GroupKFold by document, so a document's units are never in
    both the training and the test part; each fold's units are judged with thresholds chosen on
    the other folds' scores. ``threshold`` is the one chosen on all out-of-fold scores (the one a
    trained model uses); ``suggested`` is False for codes with fewer than MIN_POSITIVES examples
    or an F1 below MIN_F1, and ``warning`` says why. ``attrs["folds"]`` holds (train document
    ids, test document ids) of each fold.
    """
    y, groups, _, x = _prepared(units_frame, labels, languages)
    codes = [str(c) for c in labels.columns]
    tick = _counter(progress, len(document_folds(groups, n_splits)) * len(codes))
    scores, fold_of, folds = _cross_validate(x, y, groups, n_splits, tick)
    frame = _evaluation(y, scores, fold_of, codes)
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
    for unit_id, doc in zip(units["id"], map(nlp.tokenizer, units["text"]), strict=True):
        for match_id, start, end in matcher(doc):
            rows.setdefault((int(unit_id), nlp.vocab.strings[match_id]), doc[start:end].text)
    return pd.DataFrame([(u, c, KEYWORD_SCORE, k) for (u, c), k in rows.items()],
                        columns=["unit_id", "code", "score", "keyword"])
