"""The Query page through AppTest: running a query, the error caret, the form, counts, drill-down to the Code
page, saved queries with a confirmed delete, and coding the reviewed results."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.ui.query_parts import compose

from .conftest import data_editor, open_page

QUERY = "E4.4 NOT E4.2 WITHIN turn"


def page(path, lang: str = "en", **state) -> AppTest:
    return open_page("query", path, lang, **state)


def result_table(at: AppTest):
    """The result table (its columns are the quote table's, without a tick column)."""
    return next(t.value for t in at.dataframe if "citation" in t.value.columns and "tick" not in t.value.columns)


def matrix_table(at: AppTest):
    return next(t.value for t in at.dataframe if "all" in list(t.value.index))


def run(at: AppTest, text: str) -> AppTest:
    at.text_input(key="qry_text").input(text)
    return at.button(key="qry_submit").click().run()


def test_no_project():
    at = page("")
    assert not at.exception
    assert at.info and "project" in at.info[0].value.lower()


def test_a_query_shows_its_passages_and_counts(demo_path):
    at = run(page(demo_path, coder="rina"), QUERY)
    assert not at.exception
    with Project.open(demo_path) as p:
        want = p.run_query(QUERY)
        counts = p.query_matrix(QUERY, by="group")
    table = result_table(at)
    assert table["quote"].tolist() == want["quote"].tolist()
    assert any(f"{len(want)} passages" in c.value for c in at.caption)
    shown = matrix_table(at)
    assert shown.loc["all"].tolist() == counts.loc["all"].tolist()
    at.selectbox(key="qry_by").set_value("source_type").run()
    with Project.open(demo_path) as p:
        by_type = p.query_matrix(QUERY, by="source_type")
    assert matrix_table(at).loc["all"].tolist() == by_type.loc["all"].tolist()
    at.selectbox(key="qry_by").set_value("attribute:gender").run()
    with Project.open(demo_path) as p:
        by_gender = p.query_matrix(QUERY, by="attribute:gender")
    assert list(matrix_table(at).columns) == list(by_gender.columns) == ["L", "P"]
    assert matrix_table(at).loc["all"].tolist() == by_gender.loc["all"].tolist()
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download XLSX"}


def test_an_error_shows_where(demo_path):
    at = run(page(demo_path), "E4.4 AND (E4.2 WITHIN turn")
    assert not at.exception
    assert "position 15" in at.error[0].value
    assert at.code[0].value == "E4.4 AND (E4.2 WITHIN turn\n" + " " * 15 + "^"


def test_in_bahasa_indonesia(demo_path):
    at = run(page(demo_path, "id"), "E4.4 AND (E4.2")
    assert at.title[0].value == "Kueri"
    assert "kesalahan kueri pada posisi 14" in at.error[0].value


def test_the_form_writes_the_query(demo_path):
    at = page(demo_path)
    at.selectbox(key="qry_b_code_a").set_value("E3.1")
    at.selectbox(key="qry_b_op").set_value("AND")
    at.selectbox(key="qry_b_code_b").set_value("E3.2")
    at.selectbox(key="qry_b_scope").set_value("sentence")
    at.multiselect(key="qry_b_groups").set_value(["community"])
    at.button(key="qry_b_put").click().run()
    assert at.text_input(key="qry_text").value == "E3.1 AND E3.2 WITHIN sentence WHERE group = community"
    at.button(key="qry_submit").click().run()
    assert len(result_table(at)) == 2  # the demo's two sentences of I-02


def test_compose_quotes_what_the_language_would_misread():
    assert compose("AND", "OR", "E 1", groups=["team a"]) == "\"AND\" OR \"E 1\" WHERE group = \"team a\""
    assert compose("E1", "NOT", "E2", scope="turn") == "E1 NOT E2 WITHIN turn"
    assert compose("E1") == "E1"


def test_open_a_passage_on_the_code_page(demo_path):
    at = run(page(demo_path, coder="rina"), QUERY)
    with Project.open(demo_path) as p:
        second = p.run_query(QUERY).iloc[1]
    at.selectbox(key="qry_open").set_value(1)
    at.button(key="qry_open_code").click().run()
    assert not at.exception
    assert at.title[0].value == "Code"
    assert at.session_state["code_doc"] == second["document"]
    assert at.session_state["code_focus"] == second["start"]


def test_save_run_and_delete_with_confirmation(demo_copy):
    at = run(page(demo_copy, coder="rina"), QUERY)
    at.text_input(key="qry_save_name").input("gaps")
    at.button(key="qry_save").click().run()
    assert any("Saved as “gaps”" in s.value for s in at.success)
    with Project.open(demo_copy) as p:
        assert p.saved_query("gaps")["text"] == QUERY and p.saved_query("gaps")["author"] == "rina"
    at.text_input(key="qry_text").input("E1.1").run()
    at.button(key="qry_saved_run").click().run()
    assert at.text_input(key="qry_text").value == QUERY
    at.button(key="qry_saved_delete").click().run()
    with Project.open(demo_copy) as p:
        assert len(p.saved_queries()) == 1  # asked first, nothing deleted yet
    at.button(key="qry_saved_cancel").click().run()
    assert not [b for b in at.button if b.key == "qry_saved_confirm"]
    at.button(key="qry_saved_delete").click().run()
    at.button(key="qry_saved_confirm").click().run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert p.saved_queries().empty
        assert p.history()["description"].iloc[0] == "delete saved query 'gaps'"


def test_code_the_reviewed_results(demo_copy):
    with Project.open(demo_copy) as p:
        p.add_coder("sari")
    at = run(page(demo_copy, coder="sari"), QUERY)
    at.selectbox(key="qry_code").set_value("E5").run()
    key = f"qry_review_{at.session_state['_qry_v']}"
    review = data_editor(at, key).value
    assert review["tick"].all() and len(review) > 3
    at.session_state[key] = {"edited_rows": {0: {"tick": False}, 2: {"tick": False}}, "added_rows": [],
                             "deleted_rows": []}
    at.run()
    assert at.button(key="qry_code_button").label == f"Code {len(review) - 2} passages"
    at.button(key="qry_code_button").click().run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        want = p.run_query(QUERY).drop(index=[0, 2])
        sari = p.codings(coders=["sari"])
        assert set(zip(sari["document_id"], sari["start"], sari["end"], strict=True)) == \
            set(zip(want["document_id"], want["start"], want["end"], strict=True))
        assert set(sari["code"]) == {"E5"}
        assert p.undo("sari") == f"code {len(want)} query results as E5"


def test_the_code_pickers_start_empty_and_stay_so(demo_path):
    at = page(demo_path, coder="rina")
    assert at.selectbox(key="qry_b_code_a").value is None and at.selectbox(key="qry_b_code_b").value is None
    at = run(at, QUERY)
    assert at.selectbox(key="qry_b_code_a").value is None
    assert at.selectbox(key="qry_code").value is None
    assert not [b for b in at.button if b.key == "qry_code_button"]  # nothing to code before a code is picked
