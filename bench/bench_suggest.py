"""Suggestion benchmark: train on 20,000 coded units, score 100,000 units (``python -m bench.bench_suggest``).

Data (generated with numpy, seeded, not timed): sentences of 6-14 words drawn from a
2,000-word Indonesian-looking vocabulary; 10 codes, each with 30 words of its own, of which
a coded sentence carries 2 (about 30 % of the sentences carry one code). The training set
is 20,000 units in 200 documents of 100; the scoring set 100,000 units in 1,000 documents.

Timed, one run each (the process is fresh, so spaCy and scikit-learn warm-up is included):

- train: :func:`qualcode.suggest.train` (tokenising, TF-IDF word 1-2-grams + char_wb 3-5-grams,
  5-fold GroupKFold out-of-fold scores for the thresholds and the final fit, 10 codes).
- score: :meth:`SuggestModel.predict` of the 100,000 units.

Peak memory is the process's maximum resident set size (``resource.getrusage``) after each step.
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np
import pandas as pd

from qualcode import suggest

CODES = 10
VOCAB = 2000
CODE_WORDS = 30


def _word(rng: np.random.Generator) -> str:
    syllables = ["ka", "ta", "ma", "na", "ra", "sa", "la", "pa", "ba", "da", "ga", "ja", "ku", "tu", "mi", "ni", "ri",
                 "si", "lo", "po", "be", "de", "an", "ng", "er"]
    return "".join(rng.choice(syllables, size=rng.integers(2, 4)))


def generate(units: int, per_document: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    words_rng = np.random.default_rng(0)  # the same vocabulary for training and scoring
    vocab = np.array(sorted({_word(words_rng) for _ in range(VOCAB * 2)})[:VOCAB])
    code_words = vocab[: CODES * CODE_WORDS].reshape(CODES, CODE_WORDS)
    neutral = vocab[CODES * CODE_WORDS:]
    texts, labels = [], np.zeros((units, CODES), dtype=bool)
    lengths = rng.integers(6, 15, size=units)
    coded = rng.random(units) < 0.3
    which = rng.integers(0, CODES, size=units)
    for i in range(units):
        words = list(rng.choice(neutral, size=lengths[i]))
        if coded[i]:
            words += list(rng.choice(code_words[which[i]], size=2, replace=False))
            labels[i, which[i]] = True
            rng.shuffle(words)
        texts.append(" ".join(words).capitalize() + ".")
    frame = pd.DataFrame({"text": texts, "document_id": np.arange(units) // per_document})
    return frame, pd.DataFrame(labels, columns=[f"C{j}" for j in range(CODES)])


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> dict[str, float]:
    train_units, train_labels = generate(20_000, 100, seed=1)
    score_units, score_labels = generate(100_000, 100, seed=2)
    before = peak_mb()
    t0 = time.perf_counter()
    model = suggest.train(train_units, train_labels, languages="id")
    t_train = time.perf_counter() - t0
    after_train = peak_mb()
    t0 = time.perf_counter()
    predicted = model.predict(score_units, languages="id")
    t_score = time.perf_counter() - t0
    after_score = peak_mb()
    truth = score_labels.to_numpy()
    pred = predicted.to_numpy()
    tp = (pred & truth).sum()
    f1 = 2 * tp / (pred.sum() + truth.sum())
    figures = {"train_s": t_train, "score_s": t_score, "rss_before_mb": before, "rss_after_train_mb": after_train,
               "rss_after_score_mb": after_score, "micro_f1_on_scored": float(f1)}
    print(f"train 20,000 units x {CODES} codes: {t_train:.1f} s (peak RSS {after_train:.0f} MB, "
          f"{before:.0f} MB with the data only)")
    print(f"score 100,000 units: {t_score:.1f} s ({100_000 / t_score:,.0f} units/s; peak RSS {after_score:.0f} MB)")
    print(f"micro F1 of the scored units against their generated labels: {f1:.3f}")
    return figures


if __name__ == "__main__":
    main()
