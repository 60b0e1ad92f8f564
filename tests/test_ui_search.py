"""The Search page through AppTest: keyword in context with filters, and auto-coding of ticked hits only."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import data_editor, open_page, snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "qualcode/ui/pages/search.py"


def search_page(project_path: str = "", lang: str = "en", **state) -> AppTest:
    return open_page("search", project_path, lang, **state)


def search(at: AppTest, query: str, *, whole_word: bool = False, groups: list[str] | None = None) -> AppTest:
    at.text_input(key="search_query").input(query)
    at.checkbox(key="search_whole_word").set_value(whole_word)
    if groups is not None:
        at.multiselect(key="search_groups").set_value(groups)
    return at.button(key="search_submit").click().run()


def hits(at: AppTest):
    return data_editor(at, f"search_editor_{at.session_state['_search_v']}").value


def tick(at: AppTest, rows: list[int]) -> None:
    """What ticking boxes in the "Code this" column sends (AppTest cannot click editor cells)."""
    at.session_state[f"search_editor_{at.session_state['_search_v']}"] = {
        "edited_rows": {r: {"tick": True} for r in rows}, "added_rows": [], "deleted_rows": []}



# -- rendering ---------------------------------------------------------------------------

def test_no_project():
    at = search_page("")
    assert not at.exception
    assert "No project is open" in at.info[0].value


def test_empty_project_has_nothing_to_search(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = search_page(str(path))
    assert not at.exception
    assert "no documents yet" in at.info[0].value


def test_demo_search_shows_hits_in_context(demo_path):
    at = search_page(str(demo_path), coder="rina")
    assert not at.exception
    assert any("Search the documents" in c.value for c in at.caption)
    at = search(at, "koordinasi", whole_word=True)
    assert not at.exception
    table = hits(at)
    with Project.open(demo_path) as p:
        expected = p.search("koordinasi", whole_word=True)
    assert len(table) == len(expected) > 2
    assert list(table.columns) == ["tick", "document", "informant", "group", "before", "match", "after"]
    assert not table["tick"].any()  # nothing is ticked until the user ticks it
    assert set(table["match"].str.lower()) == {"koordinasi"}
    assert any(f"{len(expected)} hits in" in c.value for c in at.caption)


def test_filters_and_no_hits(demo_path):
    at = search_page(str(demo_path), coder="rina")
    at = search(at, "data", groups=["leadership"])
    assert set(hits(at)["group"]) == {"leadership"}
    at = search(at, "zzqqxx-no-such-word", groups=[])
    assert not at.exception
    assert "No hits." in [i.value for i in at.info]


def test_empty_query_is_an_error_not_a_traceback(demo_path):
    at = search(search_page(str(demo_path)), "   ")
    assert not at.exception
    assert "search query is empty" in at.error[0].value


def test_page_in_bahasa_indonesia(demo_path):
    at = search(search_page(str(demo_path), "id", coder="rina"), "DTKS")
    assert not at.exception
    assert at.title[0].value == "Cari"
    assert any(b.label == "Kodekan hasil yang dicentang" for b in at.button)


# -- auto-coding ----------------------------------------------------------------------------

def test_autocode_two_ticked_hits(demo_copy):
    at = search(search_page(str(demo_copy), coder="rina"), "koordinasi", whole_word=True)
    table = hits(at)
    picked = table.iloc[[0, 3]]
    with Project.open(demo_copy) as p:
        full = p.search("koordinasi", whole_word=True).iloc[[0, 3]]
        before = set(p.codings()["id"])
    tick(at, [0, 3])
    at.run()
    at.selectbox(key="search_code").set_value("E3.1").run()  # the button turns on once a code is picked
    at.button(key="search_autocode").click().run()
    assert not at.exception
    assert any("2 codings added with E3\\.1 by rina" in s.value for s in at.success)
    assert at.get("progress")[0].value == 100
    assert not hits(at)["tick"].any()  # the ticks are cleared after coding

    with Project.open(demo_copy) as p:
        codings = p.codings()
        new = codings[~codings["id"].isin(before)].sort_values(["document_id", "start"])
        assert len(new) == 2
        assert list(new["code"]) == ["E3.1", "E3.1"] and list(new["coder"]) == ["rina", "rina"]
        assert list(new["document"]) == list(picked["document"])
        assert list(zip(new["document_id"], new["start"], new["end"], strict=True)) == \
            list(zip(full["document_id"], full["start"], full["end"], strict=True))
        for row in new.itertuples():
            text = p.document(int(row.document_id))["text"]
            assert row.quote == text[row.start:row.end] and row.quote.lower() == "koordinasi"

    with Project.open(demo_copy) as p:
        step = p.can_undo("rina")
        assert step.possible and step.description == "code 2 search hits as E3.1"
        assert p.undo("rina") == "code 2 search hits as E3.1"
        assert set(p.codings()["id"]) == before  # one undo (Code or History page) takes them all back


def test_autocode_skips_hits_already_coded(demo_copy):
    at = search(search_page(str(demo_copy), coder="rina"), "koordinasi", whole_word=True)
    for _ in range(2):
        tick(at, [1])
        at.run()
        at.selectbox(key="search_code").set_value("E3.1").run()  # the button turns on once a code is picked
        at.button(key="search_autocode").click().run()
    assert not at.exception
    assert any("0 codings added" in s.value for s in at.success)
    assert any("1 ticked hit skipped" in i.value for i in at.info)


def test_nothing_ticked_codes_nothing(demo_copy):
    before = snapshot(demo_copy)
    at = search(search_page(str(demo_copy), coder="rina"), "DTKS")
    at.selectbox(key="search_code").set_value("E3.1").run()
    at.button(key="search_autocode").click().run()
    assert not at.exception
    assert "Tick the hits" in at.warning[0].value
    assert snapshot(demo_copy) == before


def test_autocode_needs_a_coder(demo_path):
    at = search(search_page(str(demo_path)), "DTKS")
    assert not at.exception
    assert any("Pick or create your coder name" in i.value for i in at.info)
    assert not any(b.label == "Auto-code ticked hits" for b in at.button)


def test_no_code_is_picked_before_the_user_picks_one(demo_path):
    at = search(search_page(str(demo_path), coder="rina"), "DTKS")
    assert not at.exception
    picker = at.selectbox(key="search_code")
    assert picker.value is None and picker.placeholder == "Choose a code first"
    assert at.button(key="search_autocode").disabled
    picker.set_value("E3.1").run()
    assert not at.button(key="search_autocode").disabled
