"""Suggestion benchmark: train on 20,000 coded units and score 100,000 units, against bare scikit-learn.

Data (generated with numpy, seeded, not timed): sentences of 6-14 words drawn from a
2,000-word Indonesian-looking vocabulary; 10 codes, each with 30 words of its own, of which
a coded sentence carries 2 (about 30 % of the sentences carry one code). The training set
is 20,000 units in 200 documents of 100; the scoring set 100,000 units in 1,000 documents.

Each side runs in a fresh process (``python -m bench.bench_suggest --side ...``), so its peak
resident memory (VmHWM on Linux) is its own; one run each, warm-up included.

- qualcode train: :func:`qualcode.suggest.train`: spaCy tokens without stop words, TF-IDF
  word 1-2-grams + char_wb 3-5-grams, 5-fold GroupKFold out-of-fold scores (thresholds and the
  evaluation) and the final fit, 10 codes, so 60 classifier fits.
- qualcode score: :meth:`SuggestModel.predict` of the 100,000 units.
- baseline train: the same two TfidfVectorizers on the raw lower-cased texts and one
  ``LogisticRegression`` fit per code (10 fits, no cross-validation, no tokeniser).
- baseline score: that vectoriser's ``transform`` and ``predict_proba`` of the 100,000 units.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

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
    """This process's peak resident memory. On Linux VmHWM, which starts afresh at exec; ru_maxrss would
    carry over the high-water mark of the parent that started the process."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _micro_f1(predicted: np.ndarray, truth: np.ndarray) -> float:
    return float(2 * (predicted & truth).sum() / (predicted.sum() + truth.sum()))


def _qualcode(train_units, train_labels, score_units) -> tuple[float, float, np.ndarray]:
    from qualcode import suggest

    t0 = time.perf_counter()
    model = suggest.train(train_units, train_labels, languages="id")
    t_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    predicted = model.predict(score_units, languages="id").to_numpy()
    return t_train, time.perf_counter() - t0, predicted


def _baseline(train_units, train_labels, score_units) -> tuple[float, float, np.ndarray]:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    t0 = time.perf_counter()
    word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2,
                           max_features=200_000, dtype=np.float32)
    texts = train_units["text"]
    x = sp.hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    models = [LogisticRegression(class_weight="balanced", solver="liblinear").fit(x, train_labels[c])
              for c in train_labels.columns]
    t_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    texts = score_units["text"]
    x = sp.hstack([word.transform(texts), char.transform(texts)]).tocsr()
    predicted = np.column_stack([m.predict_proba(x)[:, 1] >= 0.5 for m in models])
    return t_train, time.perf_counter() - t0, predicted


def side(name: str, train_n: int, score_n: int) -> dict[str, float]:
    """One side's figures, measured in this process."""
    train_units, train_labels = generate(train_n, 100, seed=1)
    score_units, score_labels = generate(score_n, 100, seed=2)
    data_mb = peak_mb()
    t_train, t_score, predicted = (_qualcode if name == "qualcode" else _baseline)(train_units, train_labels,
                                                                                   score_units)
    return {"train_s": t_train, "score_s": t_score, "data_mb": data_mb, "peak_mb": peak_mb(),
            "micro_f1": _micro_f1(predicted, score_labels.to_numpy())}


def _in_fresh_process(name: str, train_n: int, score_n: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-m", "bench.bench_suggest", "--side", name, "--train", str(train_n),
                          "--score", str(score_n)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(*, train_units: int = 20_000, score_units: int = 100_000) -> list[dict]:
    ours = _in_fresh_process("qualcode", train_units, score_units)
    bare = _in_fresh_process("baseline", train_units, score_units)
    print(f"suggest: train on {train_units:,} units x {CODES} codes, score {score_units:,} units")
    for name, f in (("qualcode", ours), ("baseline", bare)):
        print(f"  {name}: train {f['train_s']:.1f} s, score {f['score_s']:.1f} s "
              f"({score_units / f['score_s']:,.0f} units/s), peak RSS {f['peak_mb']:.0f} MB "
              f"({f['data_mb']:.0f} MB with the data only), micro F1 on the scored units {f['micro_f1']:.3f}")
    return [
        {"benchmark": "suggest", "measure": f"train on {train_units:,} coded units x {CODES} codes "
                                            f"(5-fold grouped CV + final fit; peak RSS {ours['peak_mb']:.0f} MB)",
         "qualcode": f"{ours['train_s']:.1f} s",
         "baseline": f"{bare['train_s']:.1f} s, bare TF-IDF + one LogisticRegression fit per code "
                     f"(peak RSS {bare['peak_mb']:.0f} MB)",
         "ratio": f"{ours['train_s'] / bare['train_s']:.2f}"},
        {"benchmark": "suggest", "measure": f"score {score_units:,} units (micro F1 {ours['micro_f1']:.3f}; "
                                            f"peak RSS {ours['peak_mb']:.0f} MB)",
         "qualcode": f"{ours['score_s']:.1f} s",
         "baseline": f"{bare['score_s']:.1f} s, bare TF-IDF transform + predict_proba "
                     f"(micro F1 {bare['micro_f1']:.3f}; peak RSS {bare['peak_mb']:.0f} MB)",
         "ratio": f"{ours['score_s'] / bare['score_s']:.2f}"},
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_suggest", description=__doc__.splitlines()[0])
    parser.add_argument("--side", choices=["qualcode", "baseline"], help="measure one side in this process")
    parser.add_argument("--train", type=int, default=20_000)
    parser.add_argument("--score", type=int, default=100_000)
    args = parser.parse_args(argv)
    if args.side:
        print(json.dumps(side(args.side, args.train, args.score)))
    else:
        for row in run(train_units=args.train, score_units=args.score):
            print(row)


if __name__ == "__main__":
    main()
