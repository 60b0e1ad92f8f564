"""The Survey grid page through AppTest: empty states, filter and sort, coding a whole answer (by the button
and by a code's key) and part of one, undo, blind coding, a clicked cell and Bahasa Indonesia."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page
from .test_survey_grid import answer_span, csv_frame, make_survey


def grid_page(path: object, lang: str = "en", **state) -> AppTest:
    return open_page("survey_grid", path, lang, **{"coder": "rina", **state})


def shown(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def part_button(at: AppTest):
    return next(b for b in at.button if b.key.startswith("FormSubmitter:sg_part_form-"))


def test_empty_states(tmp_path):
    at = grid_page("")
    assert not at.exception and "No project is open" in at.info[0].value
    Project.create(tmp_path / "empty.qualcode").close()
    for lang, words in (("en", "No survey imported yet"), ("id", "Belum ada survei yang diimpor")):
        at = grid_page(tmp_path / "empty.qualcode", lang)
        assert not at.exception and words in at.info[0].value and "qualcode import-survey" in at.info[0].value
        assert not at.dataframe


def test_filter_and_sort_show_the_respondents_pandas_finds(tmp_path):
    path = make_survey(tmp_path)
    csv = csv_frame(tmp_path)
    at = grid_page(path)
    assert not at.exception
    assert list(shown(at)["Respondent"]) == list(csv["id"])
    assert list(shown(at)["q1"]) == list(csv["q1"])  # answers as plain text, quotes and commas kept
    at.selectbox(key="sg_sort").set_value("age").run()
    at.toggle(key="sg_descending").set_value(True).run()
    age = pd.to_numeric(csv["age"].replace("", None))
    expected = csv.assign(age=age).sort_values("age", ascending=False, kind="stable", na_position="last")
    assert list(shown(at)["Respondent"]) == list(expected["id"])
    at.text_input(key="sg_where").set_value("region = south").run()
    assert list(shown(at)["Respondent"]) == list(expected.loc[expected["region"] == "south", "id"])
    at.text_input(key="sg_where").set_value("age > 1000").run()
    assert not at.exception and any("No respondent matches" in i.value for i in at.info)
    at.text_input(key="sg_where").set_value("region = = south").run()
    assert not at.exception and at.error and at.code  # the condition with its caret


def test_code_a_whole_answer_then_filter_by_code_and_not_coded_then_undo(tmp_path):
    path = make_survey(tmp_path)
    csv = csv_frame(tmp_path).set_index("id")
    at = grid_page(path)
    at.selectbox(key="sg_respondent").set_value("R03")
    at.selectbox(key="sg_question").set_value("q1")
    at.selectbox(key="sg_code").set_value("B").run()
    assert any(t.value == csv.loc["R03", "q1"] for t in at.text)
    at.button(key="sg_code_whole").click().run()
    assert not at.exception
    assert any("R03" in s.value and "Undo" in s.value for s in at.success)
    with Project.open(path) as p:
        stored = p.codings(coders=["rina"])
        api = p.survey_answers(respondent="R03").set_index("question").loc["q1"]
        own = answer_span(p, "R03", "q1", csv.loc["R03", "q1"])  # the answer found in the document's text
    assert len(stored) == 1 and stored.iloc[0]["code"] == "B"
    assert (int(stored.iloc[0]["start"]), int(stored.iloc[0]["end"])) == (int(api["start"]), int(api["end"])) == own
    assert shown(at).set_index("Respondent").loc["R03", "q1 · codes"] == "B"
    at.selectbox(key="sg_filter_code").set_value("B").run()
    assert list(shown(at)["Respondent"]) == ["R03"]
    at.selectbox(key="sg_filter_code").set_value(None)
    at.selectbox(key="sg_filter_question").set_value("q1")
    at.checkbox(key="sg_not_coded").check().run()
    assert list(shown(at)["Respondent"]) == [r for r in csv.index if csv.loc[r, "q1"] and r != "R03"]
    at.button(key="sg_undo").click().run()
    assert not at.exception
    with Project.open(path) as p:
        assert p.codings(coders=["rina"]).empty
    assert "R03" in list(shown(at)["Respondent"])


def test_code_part_of_an_answer_and_a_code_key(tmp_path):
    path = make_survey(tmp_path)
    with Project.open(path) as p:
        p.edit_code("A", hotkey="K", actor="rina")
    at = grid_page(path)
    at.selectbox(key="sg_respondent").set_value("R04")
    at.selectbox(key="sg_question").set_value("q1")
    at.selectbox(key="sg_code").set_value("A.1").run()
    at.text_input(key="sg_part_words").set_value("queues")
    at.number_input(key="sg_part_nth").set_value(2)
    part_button(at).click().run()
    assert not at.exception and any("Coded part" in s.value for s in at.success)
    at.text_input(key="sg_part_words").set_value("nurses")
    part_button(at).click().run()
    assert any("not in the answer" in e.value for e in at.error)
    at.button(key="sg_hot_A").click().run()  # the button a press of K clicks
    with Project.open(path) as p:
        stored = p.codings(coders=["rina"]).sort_values("id")
        doc = p.document("survey clinic R04")["text"]
        start, end = answer_span(p, "R04", "q1", "Queues, queues and queues")
    assert list(stored["code"]) == ["A.1", "A"]
    part = stored.iloc[0]
    assert doc[int(part["start"]):int(part["end"])] == "queues"
    assert int(part["start"]) == doc.index("queues", doc.index("queues", start) + 1)  # the second "queues"
    assert (int(stored.iloc[1]["start"]), int(stored.iloc[1]["end"])) == (start, end)
    assert any("[K]" in o for o in at.selectbox(key="sg_code").options)
    # a free selection with the mouse: the answer opens in the Code page's transcript
    at.button(key="sg_open_code").click().run()
    assert not at.exception and at.title[0].value == "Code"
    assert at.session_state["code_doc"] == "survey clinic R04" and at.session_state["code_focus"] == start


def test_blind_coding_shows_a_coder_their_own_codes_only(tmp_path):
    path = make_survey(tmp_path)
    with Project.open(path) as p:
        r01 = answer_span(p, "R01", "q1", "The clinic is far, very far.")
        p.add_coding("survey clinic R01", *r01, "B", "budi")
        p.set_blind_coding(True, actor="budi")
    at = grid_page(path)
    assert not at.exception and shown(at).set_index("Respondent").loc["R01", "q1 · codes"] == ""
    assert at.selectbox(key="sg_filter_code").set_value("B").run() and any("No respondent" in i.value for i in at.info)
    at = grid_page(path, coder="budi")
    assert shown(at).set_index("Respondent").loc["R01", "q1 · codes"] == "B"


def test_a_clicked_cell_picks_its_respondent_and_question():
    def script():
        import pandas as pd
        import streamlit as st

        from qualcode.ui.survey_grid_parts import COLUMNS, FRAME, TABLE, pick_cell
        st.session_state[FRAME] = pd.DataFrame({"Respondent": ["R1", "R2"], "age": ["3", "4"], "q1": ["a", "b"],
                                                "q1 · codes": ["", "A"]})
        st.session_state[COLUMNS] = {"Respondent": None, "age": None, "q1": "q1", "q1 · codes": "q1"}
        st.session_state[TABLE] = {"selection": {"cells": [[1, "q1 · codes"]]}}
        pick_cell()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert at.session_state["sg_respondent"] == "R2" and at.session_state["sg_question"] == "q1"


def test_bahasa_indonesia(tmp_path):
    path = make_survey(tmp_path)
    at = grid_page(path, "id")
    assert not at.exception
    assert at.title[0].value == "Kisi survei"
    assert "Responden" in shown(at).columns and "q1 · kode" in shown(at).columns
    assert any(c.value.startswith("Responden 1–8 dari 8") for c in at.caption)
    assert at.button(key="sg_code_whole").label == "Kodekan seluruh jawaban"


def test_pages_of_fifty_and_a_new_condition_goes_back_to_the_first(tmp_path):
    path = tmp_path / "many.qualcode"
    rows = pd.DataFrame({"id": [f"P{i:03d}" for i in range(120)], "age": [str(20 + i % 50) for i in range(120)],
                         "answer": [f"answer number {i}" for i in range(120)]})
    rows.to_csv(tmp_path / "many.csv", index=False)
    with Project.create(path) as p:
        p.add_group("all")
        p.add_coder("rina")
        p.add_code("A", "Alpha")
        p.import_survey(tmp_path / "many.csv", id_column="id", questions=["answer"], attributes={"age": "number"},
                        group="all")
    at = grid_page(path)
    assert list(shown(at)["Respondent"]) == list(rows["id"][:50])
    at.button(key="sg_next").click().run()
    at.button(key="sg_next").click().run()
    assert list(shown(at)["Respondent"]) == list(rows["id"][100:])
    assert at.button(key="sg_next").disabled and any(c.value.startswith("Respondents 101–120 of 120 · page 3 of 3")
                                                     for c in at.caption)
    at.number_input(key="sg_page").set_value(2).run()
    assert list(shown(at)["Respondent"]) == list(rows["id"][50:100])
    at.text_input(key="sg_where").set_value("age >= 60").run()
    older = rows[pd.to_numeric(rows["age"]) >= 60]
    assert at.number_input(key="sg_page").value == 1 and list(shown(at)["Respondent"]) == list(older["id"][:50])
