"""The Words page through AppTest: scopes, the table, a picked word's concordance and coding its hits, the
comparison, the charts and the stop list."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import copy_project, data_editor, open_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def words_page(project_path: object = "", lang: str = "en", **state) -> AppTest:
    return open_page("words", project_path, lang, **state)


def shown_table(at: AppTest):
    return next(t for t in at.dataframe if "word" in t.value.columns and "count" in t.value.columns).value


def test_no_project_and_empty_project(tmp_path):
    at = words_page("")
    assert not at.exception and "No project is open" in at.info[0].value
    Project.create(tmp_path / "empty.qualcode").close()
    at = words_page(tmp_path / "empty.qualcode")
    assert not at.exception and "no documents yet" in at.info[0].value


def test_project_table_equals_the_api_and_group_scope(demo_path):
    at = words_page(demo_path)
    assert not at.exception
    with Project.open(demo_path) as p:
        expected = p.word_frequencies()
        community = p.word_frequencies(by="group", value="community")
    shown = shown_table(at)
    assert list(shown["word"]) == list(expected["word"]) and list(shown["count"]) == list(expected["count"])
    assert any("different words" in c.value for c in at.caption)
    at.selectbox(key="words_by").set_value("group").run()
    at.selectbox(key="words_value").set_value("community").run()
    assert not at.exception
    assert list(shown_table(at)["word"]) == list(community["word"])
    assert len(at.get("download_button")) >= 5 + 4  # five table formats, PNG and SVG of both charts


def test_query_scope_typed_or_copied_from_a_saved_query(demo_path, tmp_path):
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    with Project.open(path) as p:
        p.save_query("gotong royong", "E6.1 AND E6.2", actor="rina")
        expected = p.word_frequencies(by="query", value="E6.1 AND E6.2")
        wider = p.word_frequencies(by="query", value="E6.1 OR E6.2")
    at = words_page(path)
    at.selectbox(key="words_by").set_value("query").run()
    assert not at.exception
    assert any("Type a coding query" in i.value for i in at.info)
    at.selectbox(key="words_saved_query").set_value("gotong royong").run()
    assert at.text_input(key="words_query").value == "E6.1 AND E6.2"
    shown = shown_table(at)
    assert list(shown["word"]) == list(expected["word"]) and list(shown["count"]) == list(expected["count"])
    at.text_input(key="words_query").set_value("E6.1 OR E6.2").run()
    assert list(shown_table(at)["count"]) == list(wider["count"])
    at.text_input(key="words_query").set_value("E6.1 OR").run()
    assert not at.exception and any("position 7" in e.value for e in at.error)


def test_where_condition_narrows_the_documents(demo_path):
    with Project.open(demo_path) as p:
        expected = p.word_frequencies(where="gender = P")
    at = words_page(demo_path)
    at.text_input(key="words_where").set_value("gender = P").run()
    assert not at.exception
    shown = shown_table(at)
    assert list(shown["word"]) == list(expected["word"]) and list(shown["count"]) == list(expected["count"])
    at.text_input(key="words_where").set_value("gender = X").run()
    assert not at.exception and at.error and "^" in at.code[0].value


def test_in_indonesian(demo_path):
    at = words_page(demo_path, lang="id")
    assert not at.exception
    assert at.title[0].value == "Kata"


def test_picking_a_row_opens_the_concordance_and_codes_ticked_hits(demo_path, tmp_path):
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    at = words_page(path, coder="rina")
    with Project.open(path) as p:
        hits = p.concordance("dtks")
        before = len(p.codings(coders=["rina"]))
    # AppTest cannot click a dataframe row: set the word pick_word copies from it (tested below; the click
    # itself in tests/browser/test_journey_words.py)
    at.session_state["words_word"] = "dtks"
    at.run()
    assert not at.exception
    editor_key = "words_kwic_0"
    shown = data_editor(at, editor_key).value
    assert list(shown["match"].str.lower()) == ["dtks"] * len(hits)
    assert list(shown["before"]) == list(hits["before"])
    assert any(f"{len(hits)} hits" in c.value for c in at.caption)
    at.selectbox(key="words_code").set_value("E2.1").run()
    at.session_state[editor_key] = {"edited_rows": {0: {"tick": True}, 2: {"tick": True}}, "added_rows": [],
                                    "deleted_rows": []}
    at.button(key="words_autocode").click().run()
    assert not at.exception
    assert any(s.value.startswith("2 codings added with E2") and "by rina" in s.value for s in at.success)
    with Project.open(path) as p:
        added = p.codings(coders=["rina"]).sort_values("id").tail(2)
        assert len(p.codings(coders=["rina"])) == before + 2
        assert list(added["code"]) == ["E2.1", "E2.1"]
        assert sorted(zip(added["document_id"], added["start"], strict=True)) == \
            sorted(zip(hits["document_id"].iloc[[0, 2]], hits["start"].iloc[[0, 2]], strict=True))


def test_pick_word_callback_copies_the_selected_row():
    def script():
        import pandas as pd
        import streamlit as st

        from qualcode.ui.words_parts import FRAME_KEY, TABLE_KEY, pick_word
        st.session_state[FRAME_KEY] = pd.DataFrame({"word": ["data", "desa"], "count": [3, 2]})
        st.session_state[TABLE_KEY] = {"selection": {"rows": [1]}}
        pick_word()
        st.session_state[TABLE_KEY] = {"selection": {"rows": []}}  # a cleared selection keeps the word
        pick_word()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert at.session_state["words_word"] == "desa"


def test_compare_tab_shows_the_log_likelihood(demo_path):
    at = words_page(demo_path)
    at.selectbox(key="words_a").set_value("community")
    at.selectbox(key="words_b").set_value("leadership").run()
    assert not at.exception
    with Project.open(demo_path) as p:
        expected = p.compare_words("community", "leadership")
    shown = next(t.value for t in at.dataframe if "log_likelihood" in t.value.columns)
    assert list(shown["word"]) == list(expected["word"])
    assert list(shown["log_likelihood"]) == list(expected["log_likelihood"])
    assert any("Rayson & Garside" in c.value for c in at.caption)  # the formula, in the UI language


def test_stop_list_editor_saves_and_the_table_follows(demo_path, tmp_path):
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    at = words_page(path, coder="rina")
    at.text_area(key="words_stop_text").input("nggak\nYa, hehe")
    at.button(key="words_stop_save").click().run()
    assert not at.exception
    with Project.open(path) as p:
        assert p.stop_list() == ["hehe", "nggak", "ya"]
        assert p.history(limit=1).iloc[0]["description"] == "change the stop list: 3 added, 0 removed"
    assert not {"nggak", "ya", "hehe"} & set(shown_table(at)["word"])
    at.text_area(key="words_stop_text").input("2021")
    at.button(key="words_stop_save").click().run()
    assert any("2021" in e.value and "is not a word" in e.value for e in at.error)


def test_a_signed_in_coder_reads_but_cannot_edit_the_stop_list(demo_path, tmp_path, monkeypatch):
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    with Project.open(path) as p:
        p.add_user("budi", "budi-secret", "coder")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(path))
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="login_name").set_value("budi")
    at.text_input(key="login_password").set_value("budi-secret")
    at.button(key="FormSubmitter:login-Sign in").click().run()
    at.switch_page("qualcode/ui/pages/words.py").run()
    assert not at.exception
    assert not shown_table(at).empty
    assert at.text_area(key="words_stop_text").disabled
    assert any("Only a supervisor or an admin" in c.value for c in at.caption)
