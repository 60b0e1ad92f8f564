"""qualcode.suggest on a generated corpus: learnable codes score high, shuffled labels stay at chance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qualcode import suggest

CODE_WORDS = {
    "budget": ["anggaran", "dana", "biaya", "rupiah", "alokasi", "belanja"],
    "data": ["DTKS", "verifikasi", "pendataan", "basis", "validasi", "sensus"],
    "coord": ["koordinasi", "rapat", "forum", "kerjasama", "lintas", "komunikasi"],
}
NEUTRAL = ["kami", "warga", "desa", "kemarin", "pagi", "kantor", "jalan", "rumah", "pasar", "hari", "orang", "bapak"]


def corpus(seed: int = 0, documents: int = 30, sentences: int = 20) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for d in range(documents):
        for _ in range(sentences):
            words = list(rng.choice(NEUTRAL, size=6))
            label = {c: False for c in CODE_WORDS}
            if rng.random() < 0.45:
                code = list(CODE_WORDS)[rng.integers(len(CODE_WORDS))]
                words += list(rng.choice(CODE_WORDS[code], size=2, replace=False))
                label[code] = True
            rng.shuffle(words)
            rows.append({"text": " ".join(words).capitalize() + ".", "document_id": d})
            labels.append(label)
    return pd.DataFrame(rows), pd.DataFrame(labels)


def test_learnable_codes_score_high():
    units, labels = corpus()
    table = suggest.evaluate(units, labels, languages="id")
    assert list(table["code"]) == [*CODE_WORDS, "micro", "macro"]
    assert list(table.columns) == suggest.EVALUATION_COLUMNS
    per_code = table.set_index("code")
    for code in CODE_WORDS:
        assert per_code.loc[code, "f1"] > 0.8, table
        assert per_code.loc[code, "train_units"] == labels[code].sum()
        assert per_code.loc[code, "warning"] == ""
    assert per_code.loc["micro", "f1"] > 0.8 and per_code.loc["macro", "f1"] > 0.8


def test_shuffled_labels_stay_at_chance():
    units, labels = corpus()
    rng = np.random.default_rng(1)
    shuffled = pd.DataFrame({c: rng.permutation(labels[c].to_numpy()) for c in labels.columns})
    table = suggest.evaluate(units, shuffled, languages="id").set_index("code")
    for code in CODE_WORDS:
        rate = shuffled[code].mean()
        # predicting every unit positive gives F1 = 2p / (1 + p): the ceiling of chance
        assert table.loc[code, "f1"] < 0.5, table
        assert table.loc[code, "f1"] <= 2 * rate / (1 + rate) + 0.1, table
        assert not table.loc[code, "suggested"]


def test_no_document_in_both_train_and_test():
    units, labels = corpus(documents=12)
    for train, test in suggest.document_folds(units["document_id"], 5):
        assert not set(units["document_id"].iloc[train]) & set(units["document_id"].iloc[test])
        assert len(train) + len(test) == len(units)
    table = suggest.evaluate(units, labels, languages="id")
    tested = []
    for train_docs, test_docs in table.attrs["folds"]:
        assert not set(train_docs) & set(test_docs)
        tested += test_docs
    assert sorted(tested) == list(range(12))


def test_train_predicts_and_warns_for_rare_codes():
    units, labels = corpus()
    labels["rare"] = False
    labels.loc[[3, 50, 400], "rare"] = True
    model = suggest.train(units, labels, languages={d: "id" for d in range(30)})
    assert model.codes == [*CODE_WORDS, "rare"] and model.positives["rare"] == 3
    new = pd.DataFrame({"text": ["Anggaran dan dana desa kurang.", "Rapat koordinasi lintas dinas.",
                                 "Pagi hari di pasar."], "document_id": [99, 99, 99]})
    predicted = model.predict(new, languages="id")
    assert predicted.loc[0, "budget"] and not predicted.loc[0, "coord"]
    assert predicted.loc[1, "coord"] and not predicted.loc[1, "budget"]
    assert not predicted.loc[2, ["budget", "data", "coord"]].any()
    table = suggest.evaluate(units, labels, languages="id").set_index("code")
    assert "fewer than 8" in table.loc["rare", "warning"]


def test_features_drop_stop_words_and_punctuation():
    assert suggest.normalise(["Kami dan mereka, ANGGARAN!"], ["id"]) == ["anggaran"]


def test_one_document_is_refused():
    units, labels = corpus(documents=1)
    with pytest.raises(suggest.InputError, match="two documents"):
        suggest.train(units, labels, languages="id")


def test_keyword_suggestions():
    units = pd.DataFrame({"id": [1, 2, 3], "text": ["Rapat Koordinasi bulanan.", "Anggaran turun.", "Tidak ada."]})
    codes = pd.DataFrame([{"key": "C", "name": "Koordinasi", "include": "rapat koordinasi; forum\nkerja sama"},
                          {"key": "B", "name": "Budget", "include": "anggaran, dana"}])
    assert suggest.keywords(codes.iloc[0].to_dict()) == ["koordinasi", "rapat koordinasi", "forum", "kerja sama"]
    found = suggest.keyword_suggestions(units, codes, language="id")
    assert sorted(zip(found["unit_id"], found["code"], strict=True)) == [(1, "C"), (2, "B")]
    assert (found["score"] == suggest.KEYWORD_SCORE).all()


def test_training_carries_its_evaluation_and_reports_progress():
    units, labels = corpus(documents=10)
    calls: list[tuple[int, int]] = []
    model = suggest.train(units, labels, languages="id", progress=lambda done, total: calls.append((done, total)))
    total = (5 + 1) * len(CODE_WORDS)  # five folds and the final fit, per code
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [d for d, _ in calls] == list(range(total + 1))
    pd.testing.assert_frame_equal(model.evaluation, suggest.evaluate(units, labels, languages="id"))
    assert model.suggested_codes() == list(CODE_WORDS)
    for code in CODE_WORDS:  # the model's threshold is the one its evaluation reports
        assert model.thresholds[code] == model.evaluation.set_index("code").loc[code, "threshold"]


def test_codes_below_the_f1_floor_are_not_suggested():
    units, labels = corpus()
    rng = np.random.default_rng(2)
    labels["noise"] = rng.random(len(units)) < 0.15  # enough examples, nothing to learn
    model = suggest.train(units, labels, languages="id")
    row = model.evaluation.set_index("code").loc["noise"]
    assert row["f1"] < suggest.MIN_F1 and not row["suggested"]
    assert "F1 below" in row["warning"]
    assert "noise" not in model.suggested_codes() and set(CODE_WORDS) <= set(model.suggested_codes())
