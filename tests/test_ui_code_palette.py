"""The code palette's events on the Code page through AppTest: ``tx_code`` (a span and codes) and
``tx_coding`` (change or remove one coding) seeded as the component's callbacks leave them, then one run.
Each test reads the rows back from the SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.codebook import Code
from qualcode.project import Project

from .conftest import one_document_project, open_page, snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TEXT = "Pewawancara: Apa kabar? 😀\n\nInforman: Baik. Data DTKS belum sesuai.\n\nPewawancara: Oke.\n"
PASSAGE = "Data DTKS belum sesuai."
START = TEXT.index(PASSAGE)
END = START + len(PASSAGE)


@pytest.fixture
def small(tmp_path) -> Path:
    return one_document_project(tmp_path / "palette.qualcode", TEXT,
                                codes=(Code("A", "Alpha", name_alt="Alfa"), Code("B", "Beta")))


def page(path: Path, coder: str = "rina", **state) -> AppTest:
    return open_page("code", path, coder=coder, **state)


def rows(path: Path) -> list[tuple]:
    """(code, coder, start, end, quote) of every coding, sorted."""
    with Project.open(path) as p:
        table = p.codings()
    return sorted(table[["code", "coder", "start", "end", "quote"]].itertuples(index=False, name=None))


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def transcript_data(at: AppTest) -> dict:
    """What the page sent to the transcript component in its last run, with ``codings`` the records of every
    band the view then holds (the run sends only what changed). Where this helper saw the message before,
    it applies the new one as the browser does and checks that it comes to what the server says the view holds."""
    for node in _nodes(at.main):
        if getattr(node, "type", None) == "bidi_component":
            data = json.loads(node.proto.json)
            message, held = data["codings"], at.session_state["tx_bands"]
            seen = getattr(at, "_bands_seen", None)
            if message["base"] is None or (seen and seen["version"] in (message["base"], message["version"])):
                rows = {} if message["base"] is None else dict(seen["rows"])
                for gone in message["gone"]:
                    rows.pop(gone, None)
                for i, s, e, k, c in zip(message["id"], message["start"], message["end"], message["code"],
                                         message["coder"], strict=True):
                    rows[i] = (s, e, message["codes"][k], message["coders"][c])
                assert rows == held["rows"], "the change sent does not bring the view to the codings shown"
                at._bands_seen = {"version": message["version"], "rows": rows}
            data["codings"] = records(held["rows"], message)
            return data
    raise LookupError("no transcript on the page")


def records(rows: dict, message: dict) -> list[dict]:
    """The bands the view holds, one record per coding in the text's order, as the browser draws them."""
    names = dict(zip(message["codes"], message["names"], strict=True))
    colors = dict(zip(message["codes"], message["colors"], strict=True))
    return [{"id": i, "start": s, "end": e, "code": k, "name": names[k], "color": colors[k], "coder": c}
            for i, (s, e, k, c) in sorted(rows.items(), key=lambda item: (item[1][0], item[1][1], item[0]))]


def code(at: AppTest, start: int, end: int, codes: list[str]) -> AppTest:
    """What the palette's `code` event leaves in session state, then the run it causes."""
    at.session_state["tx_code"] = {"start": start, "end": end, "codes": codes}
    return at.run()


def change(at: AppTest, coding_id: int, action: str, code_key: str | None = None) -> AppTest:
    at.session_state["tx_coding"] = {"id": coding_id, "action": action, "code": code_key}
    return at.run()


def test_palette_gets_codes_recent_sentences_and_strings(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "B", "rina")
    data = transcript_data(page(small, lang="id"))
    assert [c["key"] for c in data["codes"]] == ["A", "B"]
    assert data["codes"][0]["label"] == "A · Alfa / Alpha" and data["codes"][0]["name_alt"] == "Alfa"
    assert data["recent"] == ["B"] and data["may_code"] is True
    assert data["strings"]["pal_filter"] == "Saring kode…"
    assert [TEXT[s:e] for s, e in data["sentences"]][:2] == ["Apa kabar?", "😀"] or \
        TEXT[data["sentences"][0][0]:data["sentences"][0][1]].startswith("Apa kabar?")
    assert all(0 <= s < e <= len(TEXT) for s, e in data["sentences"])


def test_code_event_adds_every_code_in_one_step(small):
    at = page(small, tx_selection={"start": START - 1, "end": END + 2})
    at = code(at, START - 1, END + 2, ["A", "B"])  # the spaces around are trimmed, as Apply does
    assert not at.exception
    assert rows(small) == [("A", "rina", START, END, PASSAGE), ("B", "rina", START, END, PASSAGE)]
    assert "Coded 2" in at.success[0].value
    assert "tx_code" not in at.session_state  # applied once: the next run adds nothing
    assert "tx_selection" not in at.session_state and at.session_state["tx_cleared"] == 1
    assert sorted(c["code"] for c in transcript_data(at)["codings"]) == ["A", "B"]  # the bands, same run
    assert transcript_data(at)["recent"][0] in {"A", "B"}
    at.run()
    assert len(rows(small)) == 2
    # both codings are one step of rina's undo
    at.button(key="undo").click().run()
    assert rows(small) == []
    assert transcript_data(at)["codings"] == []


def test_text_goes_with_the_first_view_of_a_document_only(small, tmp_path):
    at = page(small)
    first = transcript_data(at)
    assert first["text"] == TEXT and first["turns"] and first["sentences"]
    at = code(at, START, END, ["A"])
    again = transcript_data(at)
    assert again["doc_key"] == first["doc_key"]
    assert (again["text"], again["turns"], again["sentences"]) == (None, None, None)  # the browser keeps them
    assert [c["code"] for c in again["codings"]] == ["A"]
    # another document: its text goes with its first view
    other = tmp_path / "other.txt"
    other.write_text("Informan: Dokumen kedua.\n", encoding="utf-8")
    with Project.open(small) as p:
        p.import_document(other, informant="I-1", name="other")
    at.run()  # the new document shows in the list
    at.selectbox(key="code_doc").set_value("other").run()
    assert not at.exception
    assert transcript_data(at)["text"] == "Informan: Dokumen kedua.\n"


def sent(at: AppTest) -> dict:
    """The codings message of the last run, as sent (not applied)."""
    transcript_data(at)  # checks that the change sent comes to what the view holds
    component = next(n for n in _nodes(at.main) if getattr(n, "type", None) == "bidi_component")
    return json.loads(component.proto.json)["codings"]


def test_a_redraw_sends_only_the_codings_that_changed(small):
    with Project.open(small) as p:
        kept = p.add_coding("w", 0, 11, "B", "rina")
    at = page(small)
    first = sent(at)
    assert first["base"] is None and first["id"] == [kept]  # a new view gets every band
    at = code(at, START, END, ["A"])
    added = sent(at)
    with Project.open(small) as p:
        new = int(p.codings(codes=["A"]).iloc[0]["id"])
    assert (added["base"], added["id"], added["gone"]) == (first["version"], [new], [])  # the new band only
    assert added["codes"][added["code"][0]] == "A" and added["coders"][added["coder"][0]] == "rina"
    at.run()  # nothing changed: nothing sent, the version stays
    assert (sent(at)["id"], sent(at)["gone"], sent(at)["version"]) == ([], [], added["version"])
    at = change(at, new, "change", "B")
    changed = sent(at)
    assert changed["id"] == [new] and changed["codes"][changed["code"][0]] == "B" and changed["gone"] == []
    at = change(at, new, "remove")
    assert (sent(at)["id"], sent(at)["gone"]) == ([], [new])
    # a view that missed a change asks for everything (`need_text`, whose callback forgets what was sent):
    # the next run sends every band and the text again
    del at.session_state["tx_sent"]
    del at.session_state["tx_bands"]
    at.run()
    again = sent(at)
    assert again["base"] is None and again["id"] == [kept] and transcript_data(at)["text"] == TEXT


def test_code_event_without_text_or_code_is_refused(small):
    before = snapshot(small)
    gap = TEXT.index("\n\n")
    at = code(page(small), gap, gap + 2, ["A"])
    assert "holds no text" in at.warning[0].value
    at = code(at, START, END, [])
    assert "Choose at least one code" in at.warning[0].value
    assert snapshot(small) == before


def test_code_event_with_an_unknown_code_adds_nothing(small):
    before = snapshot(small)
    at = code(page(small), START, END, ["A", "Z9"])
    assert not at.exception
    assert at.error and "Z9" in at.error[0].value
    assert snapshot(small) == before  # not even the known code A


def test_code_event_refuses_a_duplicate(small):
    with Project.open(small) as p:
        p.add_coding("w", START, END, "A", "rina")
    before = snapshot(small)
    at = code(page(small), START, END, ["B", "A"])
    assert at.error and "already coded" in at.error[0].value.replace("\\", "")
    assert snapshot(small) == before


def test_coding_event_changes_and_removes(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", START, END, "A", "rina", memo="m")
    at = change(page(small), cid, "change", "B")
    assert not at.exception and "Saved" in at.success[0].value
    assert rows(small) == [("B", "rina", START, END, PASSAGE)]
    with Project.open(small) as p:
        assert p.coding(cid)["memo"] == "m"  # only the code changed
    assert [c["code"] for c in transcript_data(at)["codings"]] == ["B"]
    at = change(at, cid, "remove")
    assert "Deleted" in at.success[0].value
    assert rows(small) == [] and transcript_data(at)["codings"] == []
    at.button(key="undo").click().run()  # the removal is undone with the same id
    assert rows(small) == [("B", "rina", START, END, PASSAGE)]


def test_coding_event_to_an_unknown_code_changes_nothing(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", START, END, "A", "rina")
    before = snapshot(small)
    at = change(page(small), cid, "change", "Z9")
    assert at.error and "Z9" in at.error[0].value
    at = change(at, cid, "rename", "B")
    assert at.error and "rename" in at.error[0].value
    assert snapshot(small) == before


def test_blind_coder_cannot_change_anothers_coding(small):
    with Project.open(small) as p:
        theirs = p.add_coding("w", START, END, "A", "budi")
        p.set_blind_coding(True, actor="rina")
    before = snapshot(small)
    at = change(page(small), theirs, "remove")
    assert at.error and f"Coding {theirs} is not shown" in at.error[0].value
    at = change(at, theirs, "change", "B")
    assert at.error and snapshot(small) == before
    assert transcript_data(at)["codings"] == []  # budi's band was never drawn for rina


def test_filtered_out_coding_is_not_changed(small):
    """Without blind coding, a coding of a coder the filter does not show is not changed either."""
    with Project.open(small) as p:
        theirs = p.add_coding("w", START, END, "A", "budi")
    before = snapshot(small)
    at = change(page(small), theirs, "change", "B")  # the filter shows rina's codings only
    assert at.error and snapshot(small) == before
    at.selectbox(key="code_filter").set_value("budi").run()
    at = change(at, theirs, "change", "B")
    assert rows(small) == [("B", "budi", START, END, PASSAGE)]


@pytest.fixture
def served(small, monkeypatch) -> Path:
    with Project.open(small) as p:
        p.add_user("sri", "sri-secret-1", "supervisor")
        p.add_user("rina", "rina-secret", "coder")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(small))
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    return small


def signed_in(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    at.button(key="FormSubmitter:login-Sign in").click()
    at.run()
    at.session_state["code_filter"] = "\u0000all"
    return at.switch_page("qualcode/ui/pages/code.py").run()


def test_signed_in_coder_cannot_change_a_supervisors_coding(served):
    with Project.open(served) as p:
        theirs = p.add_coding("w", START, END, "A", "sri")
    at = signed_in("rina", "rina-secret")
    before = snapshot(served)  # signing in records itself
    assert not at.exception
    assert transcript_data(at)["may_code"] is True
    assert transcript_data(at)["editable"] == ["rina"]  # the palette offers to change her own codings only
    assert [c["coder"] for c in transcript_data(at)["codings"]] == ["sri"]  # shown, but not hers to change
    at = change(at, theirs, "remove")
    assert at.error and "may not" in at.error[0].value
    at = change(at, theirs, "change", "B")
    assert at.error and snapshot(served) == before
    at = code(at, START, END, ["B"])  # her own coding of the same passage is fine
    assert rows(served) == [("A", "sri", START, END, PASSAGE), ("B", "rina", START, END, PASSAGE)]


def test_signed_in_supervisor_may_change_a_coders_coding(served):
    with Project.open(served) as p:
        theirs = p.add_coding("w", START, END, "A", "rina")
    at = signed_in("sri", "sri-secret-1")
    assert transcript_data(at)["editable"] is None  # every coder's coding
    at = change(at, theirs, "change", "B")
    assert not at.error
    assert rows(served) == [("B", "rina", START, END, PASSAGE)]


def test_another_connections_coding_shows_after_a_rerun(small):
    """The page's cached reads follow the file: a coding written by another connection (another coder's
    session or process on the same file) is drawn on the next run, and a removal disappears."""
    at = page(small, code_filter="\u0000all")
    assert transcript_data(at)["codings"] == []
    with Project.open(small) as other:
        theirs = other.add_coding("w", START, END, "A", "budi")
    at.run()
    drawn = transcript_data(at)["codings"]
    assert [(c["id"], c["coder"], c["code"], c["start"], c["end"]) for c in drawn] == \
        [(theirs, "budi", "A", START, END)]
    with Project.open(small) as other:
        other.update_coding(theirs, code="B")
        other.add_coding("w", 0, 11, "B", "budi")
    at.run()
    assert sorted((c["code"], c["start"]) for c in transcript_data(at)["codings"]) == [("B", 0), ("B", START)]
    with Project.open(small) as other:
        other.remove_coding(theirs)
    at.run()
    assert [(c["code"], c["start"]) for c in transcript_data(at)["codings"]] == [("B", 0)]


def test_a_code_colour_changed_elsewhere_shows(small):
    with Project.open(small) as p:
        p.add_coding("w", START, END, "A", "rina")
    at = page(small)
    with Project.open(small) as other:
        other.edit_code("A", color="#123456")
    at.run()
    assert [c["color"] for c in transcript_data(at)["codings"]] == ["#123456"]


def test_codings_table_only_on_demand(small):
    with Project.open(small) as p:
        p.add_coding("w", START, END, "A", "rina")
    at = page(small)
    assert not at.dataframe
    at.toggle(key="code_table_on").set_value(True).run()
    table = at.dataframe[-1].value
    assert isinstance(table, pd.DataFrame) and list(table["Quote"]) == [PASSAGE]
    at = code(at, 0, 11, ["B"])  # with the table shown, it shows the new coding too
    assert len(at.dataframe[-1].value) == 2


def test_switching_document_drops_a_pending_code_event(small, tmp_path):
    other = tmp_path / "v.txt"
    other.write_text("Informan: Dokumen kedua yang cukup panjang.\n", encoding="utf-8")
    with Project.open(small) as p:
        p.import_document(other, informant="I-1", name="v")
    at = page(small)
    at.session_state["tx_code"] = {"start": 10, "end": 20, "codes": ["A"]}  # sent for w; a valid span of v too
    at.selectbox(key="code_doc").set_value("v").run()
    assert not at.exception
    assert rows(small) == []
