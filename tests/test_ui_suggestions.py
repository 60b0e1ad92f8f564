"""The Suggestions page through AppTest: empty states, training with its evaluation, proposing suggestions and
reviewing them (Accept codes the unit as the reviewer, Reject and Skip code nothing), on real project files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import copy_project, open_page


def page(path: Path | str, coder: str | None = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("suggestions", path, lang, **({"coder": coder} if coder else {}), **state)


def rows(path: Path, sql: str, *args) -> list[dict]:
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def suggestion(path: Path, suggestion_id: int) -> dict:
    return rows(path, "SELECT * FROM suggestions WHERE id = ?", suggestion_id)[0]


def codings(path: Path) -> list[dict]:
    return rows(path, "SELECT c.*, r.name AS coder, k.key AS code, d.text AS doc_text FROM codings c "
                      "JOIN coders r ON r.id = c.coder_id JOIN codes k ON k.id = c.code_id "
                      "JOIN documents d ON d.id = c.document_id ORDER BY c.id")


def first_open(path: Path) -> dict:
    """The suggestion the queue shows: the open one with the highest score."""
    with Project.open(path) as p:
        queue = p.suggestions(status="open")
    queue = queue.sort_values("score", ascending=False, kind="stable")
    return queue.iloc[0].to_dict()


@pytest.fixture(scope="module")
def suggested_demo(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with a model trained on rina's codings and its open suggestions, made once through the API
    (training through the page is test_train_run_and_review's); tests take a copy."""
    path = copy_project(demo_path, tmp_path_factory.mktemp("suggested") / "demo.qualcode")
    with Project.open(path) as p:
        p.suggest_train(coder="rina")
        assert p.suggest_run(coder="rina") > 0
    return path


@pytest.fixture
def suggested(suggested_demo: Path, tmp_path: Path) -> Path:
    return copy_project(suggested_demo, tmp_path / "demo.qualcode")


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click()
    return at.run(timeout=300)  # training and cross-validation on the demo take a while


# -- empty states ------------------------------------------------------------------------------

def test_no_coders(project):
    at = page(project.path, coder=None)
    assert not at.exception
    assert "no coders yet" in at.info[0].value


def test_demo_renders_before_training(demo_copy):
    at = page(demo_copy)
    assert not at.exception
    assert at.selectbox(key="sug_coder").value == "rina"
    assert any("No suggestions yet" in i.value for i in at.info)
    assert any("Train the model" in c.value for c in at.caption)
    assert any("Nothing is coded until you press Accept" in c.value for c in at.caption)


def test_demo_renders_in_bahasa(demo_copy):
    at = page(demo_copy, lang="id")
    assert not at.exception
    assert at.title[0].value == "Saran kode"


def test_no_coder_disables_review(suggested):
    at = page(suggested, coder=None)
    assert not at.exception
    assert any("left to review" in c.value for c in at.caption)
    assert at.button(key="sug_accept").disabled
    assert any("Choose a coder" in i.value for i in at.info)


# -- train, suggest, review --------------------------------------------------------------------

def test_train_run_and_review(demo_copy):
    before = len(codings(demo_copy))
    at = page(demo_copy)
    at = click(at, "sug_train")
    assert not at.exception
    assert any("trained on rina" in s.value for s in at.success)
    evaluation = next(d.value for d in at.dataframe if "Precision" in d.value.columns)
    assert {"micro", "macro"} <= set(evaluation["Code"])
    at = click(at, "sug_run")
    assert not at.exception
    made = [m.value for m in list(at.success) + list(at.info) if "new suggestion" in m.value]
    assert made and not made[0].startswith("0 ")
    assert len(codings(demo_copy)) == before  # suggesting codes nothing
    assert any("left to review" in c.value for c in at.caption)

    # Accept the first suggestion shown.
    shown = first_open(demo_copy)
    assert any(t.value == shown["text"] for t in at.text)
    at = click(at, "sug_accept")
    assert not at.exception
    assert suggestion(demo_copy, int(shown["id"]))["status"] == "accepted"
    after = codings(demo_copy)
    assert len(after) == before + 1
    new = after[-1]
    assert new["coder"] == "rina" and new["code"] == shown["code"]
    assert (new["start"], new["end"]) == (int(shown["start"]), int(shown["end"]))
    assert new["quote"] == new["doc_text"][new["start"]:new["end"]]
    assert "suggested" in (new["memo"] or "")

    # Reject the next one.
    shown = first_open(demo_copy)
    at = click(at, "sug_reject")
    assert not at.exception
    assert suggestion(demo_copy, int(shown["id"]))["status"] == "rejected"
    assert len(codings(demo_copy)) == before + 1

    # Skip the next one: no coding either.
    shown = first_open(demo_copy)
    at = click(at, "sug_skip")
    assert not at.exception
    assert suggestion(demo_copy, int(shown["id"]))["status"] == "skipped"
    assert len(codings(demo_copy)) == before + 1
    assert first_open(demo_copy)["id"] != shown["id"]

    # Accept the next one as another code: the coding gets the chosen code.
    shown = first_open(demo_copy)
    assert at.selectbox(key="sug_accept_code").value == shown["code"]
    other = next(k for k in ("E1.1", "E2.1") if k != shown["code"])
    at.selectbox(key="sug_accept_code").set_value(other)
    at = click(at, "sug_accept")
    assert not at.exception
    new = codings(demo_copy)[-1]
    assert len(codings(demo_copy)) == before + 2
    assert (new["code"], new["start"], new["coder"]) == (other, int(shown["start"]), "rina")
    assert new["memo"].startswith(f"suggested as {shown['code']}")
    # the next suggestion starts again from its own code
    assert at.selectbox(key="sug_accept_code").value == first_open(demo_copy)["code"]

    # The evaluation is kept with the model: a new visit shows it without training again.
    again = page(demo_copy)
    assert not again.exception
    kept = next(d.value for d in again.dataframe if "Precision" in d.value.columns)
    pd.testing.assert_frame_equal(kept, evaluation)
    assert any("F1 below" in w.value or "too few examples" in w.value for w in again.warning)


def test_filters(suggested):
    at = page(suggested)
    with Project.open(suggested) as p:
        queue = p.suggestions(status="open")
    code = str(queue.iloc[0]["code"])
    at.selectbox(key="sug_code").set_value(code)
    at = at.run()
    assert not at.exception
    assert not at.button(key="sug_accept").disabled
    shown = next(m.value for m in at.markdown if "score" in m.value)
    assert code.replace(".", "\\.") in shown or code in shown
    documents = set(queue["document"])
    with Project.open(suggested) as p:
        names = list(p.documents()["name"])
    missing = next((d for d in names if d not in documents), None)
    if missing is not None:
        at.selectbox(key="sug_document").set_value(missing)
        at = at.run()
        assert not at.exception
        assert any("No open suggestions" in i.value for i in at.info)
