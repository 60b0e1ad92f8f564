"""Project suggestions: training on a coder's codings, review flow, stored models, cold start."""

from __future__ import annotations

import io

import joblib
import numpy as np
import pandas as pd
import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project

WORDS = {"A": ["anggaran", "dana", "biaya", "rupiah", "alokasi"], "B": ["koordinasi", "rapat", "forum", "lintas"]}
NEUTRAL = ["warga", "desa", "kemarin", "pagi", "kantor", "jalan", "rumah", "pasar", "hari", "orang"]


@pytest.fixture
def corpus(project: Project, tmp_path) -> Project:
    """Six documents of 24 sentences; rina codes A and B sentences of the first four, except two of each."""
    rng = np.random.default_rng(0)
    for d in range(6):
        sentences, kinds = [], []
        for _ in range(24):
            kind = rng.choice(["A", "B", "", ""])
            words = list(rng.choice(NEUTRAL, size=5)) + (list(rng.choice(WORDS[kind], size=2, replace=False))
                                                         if kind else [])
            rng.shuffle(words)
            sentences.append(" ".join(words).capitalize() + ".")
            kinds.append(kind)
        path = tmp_path / f"doc{d}.txt"
        path.write_text(" ".join(sentences), encoding="utf-8")
        project.import_document(path, language="id")
        if d < 4:
            units = project.units(f"doc{d}", kind="sentence")
            for (start, end), kind in list(zip(zip(units["start"], units["end"], strict=True), kinds, strict=True))[2:]:
                if kind:
                    project.add_coding(f"doc{d}", int(start), int(end), kind, "rina")
    return project


def test_train_evaluate_and_run(corpus: Project):
    summary = corpus.suggest_train(coder="rina")
    assert summary["model_version"] == 1 and summary["units"] == 4 * 24 and summary["codes"] == 2
    table = corpus.suggest_evaluate(coder="rina").set_index("code")
    assert table.loc["micro", "f1"] > 0.8
    before = corpus.codings()
    added = corpus.suggest_run(coder="rina")
    assert added > 0
    open_ = corpus.suggestions()
    assert len(open_) == added and set(open_["status"]) == {"open"}
    assert (open_["model_version"] == "v1").all()
    for row in open_.itertuples():
        assert corpus.document(row.document)["text"][row.start:row.end] == row.text
    # nothing is coded without accept
    pd.testing.assert_frame_equal(corpus.codings(), before)
    # suggestions reach uncoded documents and the uncoded sentences of coded ones, never rina's own codings
    coded = {(r.document_id, r.start, r.code) for r in before.itertuples()}
    assert not [r for r in open_.itertuples() if (r.document_id, r.start, r.code) in coded]
    assert {"doc4", "doc5"} <= set(open_["document"])
    # a second run adds nothing new
    assert corpus.suggest_run(coder="rina") == 0


def test_review_flow(corpus: Project):
    corpus.suggest_run(coder="rina", documents=["doc4"])
    queue = corpus.suggestions(document="doc4")
    first, second, third = (queue.iloc[i] for i in range(3))
    coding_id = corpus.review_suggestion(int(first["id"]), "accept", reviewer="budi")
    coding = corpus.codings(coders=["budi"]).set_index("id").loc[coding_id]
    assert (coding["document"], coding["start"], coding["end"], coding["code"]) == \
        ("doc4", first["start"], first["end"], first["code"])
    assert coding["memo"] == f"suggested (score {first['score']:.2f}, model v1)"
    assert corpus.review_suggestion(int(second["id"]), "reject", reviewer="budi") is None
    assert corpus.review_suggestion(int(third["id"]), "skip", reviewer="budi") is None
    assert len(corpus.codings(coders=["budi"])) == 1
    statuses = corpus.suggestions(status=None).set_index("id")["status"]
    assert statuses[first["id"]] == "accepted" and statuses[second["id"]] == "rejected"
    assert statuses[third["id"]] == "skipped"
    # rejected and accepted pairs are never proposed again, even by a new model
    corpus.suggest_train(coder="rina")
    corpus.suggest_run(coder="rina", documents=["doc4"])
    again = corpus.suggestions(status=None)
    assert len(again[(again["unit_id"] == second["unit_id"]) & (again["code"] == second["code"])]) == 1
    assert second["id"] not in set(corpus.suggestions()["id"])
    with pytest.raises(InputError, match="already rejected"):
        corpus.review_suggestion(int(second["id"]), "accept", reviewer="budi")
    with pytest.raises(InputError, match="unknown decision"):
        corpus.review_suggestion(int(third["id"]), "maybe", reviewer="budi")
    with pytest.raises(NotFoundError):
        corpus.review_suggestion(10_000, "accept", reviewer="budi")


def test_limit_per_code(corpus: Project):
    assert corpus.suggest_run(coder="rina", limit_per_code=2) <= 4
    counts = corpus.suggestions()["code"].value_counts()
    assert (counts <= 2).all()
    scores = corpus.suggestions(code="A")["score"]
    assert list(scores) == sorted(scores, reverse=True)


def test_model_of_another_sklearn_version_is_retrained(corpus: Project):
    corpus.suggest_train(coder="rina")
    row = corpus.store.latest_model(corpus._coder("rina")["id"])
    corpus.store.set_model_sklearn_version(row["id"], "0.0.1")
    model, version = corpus._model("rina")
    assert version == 2
    latest = corpus.store.latest_model(corpus._coder("rina")["id"])
    assert latest["version"] == 2 and latest["sklearn_version"] != "0.0.1"
    assert model.codes == ["A", "B"]
    # an up-to-date model is loaded, not retrained
    assert corpus._model("rina")[1] == 2
    assert joblib.load(io.BytesIO(latest["blob"])).codes == ["A", "B"]


def test_cold_start_uses_keywords(project: Project, tmp_path):
    path = tmp_path / "cold.txt"
    path.write_text("Anggaran desa turun. Kami ke pasar. Beta sangat penting.", encoding="utf-8")
    project.import_document(path, language="id")
    project.edit_code("A", include="anggaran; dana desa")
    project.ensure_coder("rina")
    added = project.suggest_run(coder="rina")
    found = project.suggestions()
    assert added == len(found) >= 1
    assert set(found["model_version"]) == {"keywords"}
    assert set(zip(found["text"], found["code"], strict=True)) == {("Anggaran desa turun.", "A"),
                                                                   ("Beta sangat penting.", "B")}
    assert project.codings().empty


def test_errors(corpus: Project, project: Project):
    with pytest.raises(NotFoundError):
        corpus.suggest_train(coder="nobody")
    corpus.ensure_coder("budi")
    with pytest.raises(InputError, match="no codings"):
        corpus.suggest_train(coder="budi")
    with pytest.raises(InputError, match="status"):
        corpus.suggestions(status="done")


def test_cli_train_evaluate_list(corpus: Project):
    import csv

    from click.testing import CliRunner

    from qualcode.cli import main

    path = str(corpus.path)
    corpus.close()

    def run(*args):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    trained = run("suggest", "train", path, "--coder", "rina").output
    assert "trained model v1 on 96 sentences of 4 documents, 2 codes" in trained
    assert "2 of 2 codes make suggestions (at least 8 examples and F1 >= 0.30)" in trained
    rows = list(csv.DictReader(io.StringIO(run("suggest", "evaluate", path, "--coder", "rina").stdout)))
    assert [r["code"] for r in rows] == ["A", "B", "micro", "macro"] and float(rows[2]["f1"]) > 0.8
    assert [r["suggested"] for r in rows[:2]] == ["True", "True"]
    listed = run("suggest", "list", path, "--coder", "rina", "--document", "doc5", "--code", "A")
    assert "added" in listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert rows and {r["document"] for r in rows} == {"doc5"} and {r["code"] for r in rows} == {"A"}
    bad = CliRunner().invoke(main, ["suggest", "train", path, "--coder", "nobody"])
    assert bad.exit_code == 1 and "unknown coder 'nobody'" in bad.output


def test_codes_with_few_examples_get_no_suggestions(corpus: Project):
    units = corpus.units("doc0", kind="sentence")
    for start, end in list(zip(units["start"], units["end"], strict=True))[:3]:
        corpus.add_coding("doc0", int(start), int(end), "A.1", "rina")
    assert corpus.suggest_run(coder="rina") > 0
    assert "A.1" not in set(corpus.suggestions()["code"])
    assert "fewer than 8" in corpus.suggest_evaluate(coder="rina").set_index("code").loc["A.1", "warning"]


def recode_as_subcode(project: Project, code: str, sub: str) -> None:
    """Replace rina's codings of ``code`` by codings of ``sub`` on the same spans."""
    for row in project.codings(coders=["rina"], codes=[code]).itertuples():
        project.update_coding(int(row.id), code=sub)


def test_sub_codes_train_their_parent_and_only_the_most_specific_is_suggested(corpus: Project):
    recode_as_subcode(corpus, "A", "A.1")
    summary = corpus.suggest_train(coder="rina")
    assert summary["codes"] == 3  # A.1 and B coded, A learnt from A.1's units
    table = corpus.suggest_model_evaluation("rina").set_index("code")
    assert table.loc["A", "train_units"] == table.loc["A.1", "train_units"] > 0
    assert table.loc["A", "suggested"] and table.loc["A.1", "suggested"]
    corpus.suggest_run(coder="rina")
    found = corpus.suggestions()
    assert "A.1" in set(found["code"])
    # a unit suggested A.1 is not also suggested its parent A
    assert not set(found[found["code"] == "A"]["unit_id"]) & set(found[found["code"] == "A.1"]["unit_id"])
    # nor are units rina coded A.1 suggested A
    coded = corpus.codings(coders=["rina"], codes=["A.1"])
    spans = set(zip(coded["document"], coded["start"], strict=True))
    assert not [r for r in found.itertuples() if r.code in ("A", "A.1") and (r.document, r.start) in spans]


def test_accept_as_another_code(corpus: Project):
    corpus.suggest_run(coder="rina", documents=["doc5"])
    first = corpus.suggestions(code="A").iloc[0]
    before = corpus.codings()
    with pytest.raises(NotFoundError):
        corpus.review_suggestion(int(first["id"]), "accept", reviewer="budi", code="Z")
    pd.testing.assert_frame_equal(corpus.codings(), before)
    assert corpus.suggestions(status=None).set_index("id").loc[first["id"], "status"] == "open"
    coding_id = corpus.review_suggestion(int(first["id"]), "accept", reviewer="budi", code="A.1")
    coding = corpus.codings(coders=["budi"]).set_index("id").loc[coding_id]
    assert coding["code"] == "A.1" and (coding["start"], coding["end"]) == (first["start"], first["end"])
    assert coding["memo"].startswith("suggested as A (score")


def test_evaluation_is_stored_with_the_model(corpus: Project):
    assert corpus.suggest_model_evaluation("rina") is None
    calls = []
    summary = corpus.suggest_train(coder="rina", progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1] == (4 + 1) * 2  # four coded documents: four folds, plus the final fit
    stored = corpus.suggest_model_evaluation("rina")
    assert list(stored["code"]) == ["A", "B", "micro", "macro"]
    pd.testing.assert_frame_equal(stored, pd.DataFrame(summary["evaluation"], columns=stored.columns))
    fresh = corpus.suggest_evaluate(coder="rina")
    np.testing.assert_allclose(stored["f1"], fresh["f1"])
    assert list(stored["suggested"]) == list(fresh["suggested"])


def test_model_without_an_evaluation_is_retrained(corpus: Project):
    corpus.suggest_train(coder="rina")
    row = corpus.store.latest_model(corpus._coder("rina")["id"])
    model = joblib.load(io.BytesIO(row["blob"]))
    model.evaluation = None  # as saved before models kept their evaluation
    buffer = io.BytesIO()
    joblib.dump(model, buffer)
    with corpus.store.atomic():
        corpus.store.insert_model(row["coder_id"], row["sklearn_version"], row["summary"], buffer.getvalue())
    assert corpus._model("rina")[1] == 3
