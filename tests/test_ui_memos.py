"""Memos in the app through AppTest: the Memos page writes, lists, filters, shows as plain text, edits, links,
deletes after a confirmation and undoes; the Code page's memo panel writes a memo on the selected passage; the
Codebook page lists a code's memos; a signed-in coder cannot change another author's memo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import copy_project, open_page
from .test_ui_assignments import sign_in

HOSTILE = "<script>alert(1)</script> **bold** [link](http://evil.example)\n\n# heading"


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    return copy_project(demo_path, tmp_path / "demo.qualcode")


def memos_page(path: Path, coder: str | None = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("memos", path, lang, coder=coder, **state)


def memos_of(path: Path, **filters):
    with Project.open(path) as p:
        return p.memos(**filters)


def submit(at: AppTest, label: str) -> AppTest:
    """Click the form's submit button with ``label``."""
    next(b for b in at.button if b.label == label).click()
    return at.run()


def listed(at: AppTest):
    return next(d.value for d in at.dataframe if "Title" in d.value.columns)


def test_write_a_code_memo_and_see_its_text_as_typed(demo_copy):
    at = memos_page(demo_copy)
    assert not at.exception
    assert any(i.value == "No memos yet." for i in at.info)
    at.selectbox(key="memo_new_kind").set_value("code").run()
    at.selectbox(key="memo_new_target").set_value("E3.1")
    at.text_input(key="memo_new_title").input("Where E3.1 ends")
    at.text_area(key="memo_new_text").input(HOSTILE)
    at = submit(at, "Save memo")
    assert not at.exception
    frame = memos_of(demo_copy)
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["kind"], row["target"], row["title"], row["text"], row["author"]) == \
        ("code", "E3.1", "Where E3.1 ends", HOSTILE, "rina")
    assert any("Memo 'Where E3\\.1 ends' saved\\." in s.value or "Memo 'Where E3\\.1 ends' saved." in s.value
               for s in at.success), [s.value for s in at.success]
    assert HOSTILE in [t.value for t in at.text]  # shown as plain text, never rendered
    assert list(listed(at)["Title"]) == ["Where E3.1 ends"]
    assert listed(at).iloc[0]["About"] == "Code: E3.1"


def test_a_refused_memo_keeps_what_was_typed(demo_copy):
    at = memos_page(demo_copy)
    at.selectbox(key="memo_new_kind").set_value("document").run()  # no document chosen
    at.text_input(key="memo_new_title").input("Unfinished")
    at.text_area(key="memo_new_text").input("Half a thought")
    at = submit(at, "Save memo")
    assert any("a document memo needs a target" in e.value for e in at.error), [e.value for e in at.error]
    assert memos_of(demo_copy).empty
    assert at.text_input(key="memo_new_title").value == "Unfinished"
    assert at.text_area(key="memo_new_text").value == "Half a thought"


def test_filters_list_what_the_api_finds(demo_copy):
    with Project.open(demo_copy) as p:
        p.add_memo("project", title="Week 1", text="access to the dinas", author="rina")
        p.add_memo("code", "E3.1", title="E3.1 rule", text="shared goals", author="budi")
        p.add_memo("informant", "I-05", title="I-05 broker", text="between Bappeda and Dinsos", author="budi")
        p.add_memo("document", "I-05 Bappeda", title="Bappeda", text="planning", author="rina")
    at = memos_page(demo_copy)
    assert len(listed(at)) == 4
    at.selectbox(key="memo_f_author").set_value("budi").run()
    assert list(listed(at)["Title"]) == list(memos_of(demo_copy, author="budi")["title"])
    at.selectbox(key="memo_f_author").set_value(None)
    at.selectbox(key="memo_f_informant").set_value("I-05").run()
    assert sorted(listed(at)["Title"]) == sorted(memos_of(demo_copy, informant="I-05")["title"]) == \
        ["Bappeda", "I-05 broker"]
    at.selectbox(key="memo_f_informant").set_value(None)
    at.text_input(key="memo_f_text").input("GOALS").run()
    assert list(listed(at)["Title"]) == ["E3.1 rule"]
    at.selectbox(key="memo_f_kind").set_value("project").run()
    assert any(i.value == "No memo matches these filters." for i in at.info)


def test_edit_link_delete_after_confirming_and_undo(demo_copy):
    with Project.open(demo_copy) as p:
        first = p.add_memo("project", title="Week 1", text="first", author="rina")
        second = p.add_memo("code", "E2.1", title="E2.1", text="second", author="rina")
    at = memos_page(demo_copy, memo_pick=first)
    at.text_area(key=f"memo_edit_text_{first}").input("first, revised")
    at = submit(at, "Save changes")
    assert not at.exception
    assert memos_of(demo_copy).set_index("id").at[first, "text"] == "first, revised"
    at.selectbox(key=f"memo_link_{first}").set_value(second)
    at.button(key=f"memo_link_btn_{first}").click().run()
    with Project.open(demo_copy) as p:
        assert list(p.memo_links(first)["linked_memo_id"]) == [second]
    at.button(key=f"memo_delete_{first}").click().run()
    assert any("Delete the memo 'Week 1'" in w.value for w in at.warning)
    assert len(memos_of(demo_copy)) == 2  # asked first, nothing deleted yet
    at.button(key=f"memo_delete_yes_{first}").click().run()
    assert not at.exception
    assert list(memos_of(demo_copy)["id"]) == [second]
    at.button(key="memo_undo").click().run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert p.memo(first)["text"] == "first, revised" and len(p.memo_links(first)) == 1


def test_report_download_is_offered_for_the_memos_listed(demo_copy):
    with Project.open(demo_copy) as p:
        p.add_memo("code", "E3.1", title="E3.1 rule", text="shared goals", author="budi")
    at = memos_page(demo_copy)
    at.selectbox(key="memo_report_fmt").set_value("md")
    at.selectbox(key="memo_report_by").set_value("code").run()
    assert not at.exception
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == ["Download memo report"]


def test_indonesian_page(demo_copy):
    with Project.open(demo_copy) as p:
        p.add_memo("group", "agency", title="Dinas", text="teks", author="rina")
    at = memos_page(demo_copy, lang="id")
    assert not at.exception
    assert at.title[0].value == "Memo"
    assert listed_id(at).iloc[0]["Tentang"] == "Kelompok informan: agency"


def listed_id(at: AppTest):
    return next(d.value for d in at.dataframe if "Judul" in d.value.columns)


def test_code_page_panel_writes_a_memo_on_the_selection(demo_copy):
    with Project.open(demo_copy) as p:
        text = p.document("I-02 TKSK Kecamatan")["text"]
    chosen = (text.index("\n", 200), text.index("\n", 200) + 52)  # from a line break: the browser's selection
    chunk = text[chosen[0]:chosen[1]]  # the memo links the passage without its surrounding blanks
    start, end = chosen[0] + len(chunk) - len(chunk.lstrip()), chosen[1] - (len(chunk) - len(chunk.rstrip()))
    assert chosen != (start, end)
    at = open_page("code", demo_copy, coder="budi", code_doc="I-02 TKSK Kecamatan")
    assert any(e.label == "Memos on this document (0)" for e in at.expander)
    at.session_state["tx_selection"] = {"start": chosen[0], "end": chosen[1]}
    at.run()
    assert any(f"({start}–{end})" in c.value for c in at.caption), [c.value for c in at.caption]
    at.text_input(key="code_memo_title").input("A telling passage")
    at.text_area(key="code_memo_text").input("Why it matters.")
    at = submit(at, "Save memo")
    assert not at.exception
    with Project.open(demo_copy) as p:
        memo = p.memos().iloc[0]
        assert (memo["kind"], memo["target"], memo["author"], memo["text"]) == \
            ("document", "I-02 TKSK Kecamatan", "budi", "Why it matters.")
        link = p.memo_links(int(memo["id"])).iloc[0]
        assert (link["document"], link["start"], link["end"], link["quote"]) == \
            ("I-02 TKSK Kecamatan", start, end, text[start:end])
        assert p.history(actor="budi").iloc[0]["description"] == "write memo 'A telling passage'"
        p.undo("budi")  # memo and link are one step
        assert p.memos().empty and p.memo_links().empty
    assert any(e.label == "Memos on this document (0)" for e in at.run().expander)


def test_codebook_page_lists_a_codes_memos(demo_copy):
    with Project.open(demo_copy) as p:
        first = p.codes()["key"].iloc[0]
        p.add_memo("code", first, title="About the first code", text="plain *text*", author="rina")
    at = open_page("codebook", demo_copy, coder="rina")
    assert not at.exception
    assert any(e.label == "Memos on this code (1)" for e in at.expander)
    assert "plain *text*" in [t.value for t in at.text]


def test_a_signed_in_coder_cannot_change_anothers_memo(demo_copy, monkeypatch):
    with Project.open(demo_copy) as p:
        p.add_user("budi", "budi-secret", "coder")
        theirs = p.add_memo("project", title="Not budi's", text="x", author="rina")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(demo_copy))
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    at = sign_in("budi", "budi-secret")
    at.switch_page("qualcode/ui/pages/memos.py").run()
    assert not at.exception
    assert any(c.value.startswith("Written by someone else") for c in at.caption)
    assert not [b for b in at.button if b.key == f"memo_delete_{theirs}"]
