"""The Framework page's cell memos through AppTest: a cell lists exactly the memos on its informant, on its code
and on the code's codings in the informant's documents (checked against a filter of every memo written here),
as plain text; writing one from the cell stores it on the informant or the code, the other side in its title."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.project.paper import framework_paper

from .conftest import copy_project, open_page

HOSTILE = "<b>bold?</b> **not bold** [link](http://evil.example)"


@pytest.fixture
def cell(demo_path, tmp_path) -> tuple[Path, str, str]:
    """A copy of the demo with memos in and around one informant x code cell; returns (path, informant, code)."""
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    with Project.open(path) as p:
        codings = p.codings()
        counts = codings.groupby(["informant", "code"]).size()
        informant, code = counts[counts > 1].index[0]
        mine = codings[(codings["informant"] == informant) & (codings["code"] == code)]
        other_informant = next(i for i in p.informants()["key"] if i != informant)
        other_code = next(c for c in codings["code"] if c != code)
        elsewhere = codings[(codings["informant"] != informant) & (codings["code"] == code)]
        beside = codings[(codings["informant"] == informant) & (codings["code"] != code)]
        doc = p.document(mine.iloc[0]["document"])
        # in the cell
        p.add_memo("informant", informant, title="On the informant", text=HOSTILE, author="rina")
        p.add_memo("code", code, title="On the code", text="Where the code ends.", author="budi")
        p.add_memo("coding", int(mine.iloc[0]["id"]), title="On a coding in the cell", author="rina")
        linked = p.add_memo("code", code, title="Code memo with a passage", author="rina")
        p.link_passage(linked, doc["name"], 0, 20, actor="rina")
        # not in the cell
        p.add_memo("project", title="Journal entry", author="rina")
        p.add_memo("informant", other_informant, title="Another informant", author="rina")
        near = p.add_memo("informant", other_informant, title="Another informant, passage here", author="rina")
        p.link_passage(near, doc["name"], 5, 30, actor="rina")
        p.add_memo("code", other_code, title="Another code", author="rina")
        p.add_memo("document", doc["name"], title="On the document", author="rina")
        if not elsewhere.empty:
            p.add_memo("coding", int(elsewhere.iloc[0]["id"]), title="Same code, other informant", author="rina")
        if not beside.empty:
            p.add_memo("coding", int(beside.iloc[0]["id"]), title="Same informant, other code", author="rina")
    return path, informant, code


def expected_titles(path: Path, informant: str, code: str) -> list[str]:
    """The cell's memos by a plain filter of every memo: on the informant, on the code, or on a coding of the
    code in one of the informant's documents; newest first."""
    with Project.open(path) as p:
        every = p.memos()
    keep = ((every["kind"] == "informant") & (every["target"] == informant)) \
        | ((every["kind"] == "code") & (every["target"] == code)) \
        | ((every["kind"] == "coding") & (every["code"] == code) & (every["informant"] == informant))
    return list(every[keep].sort_values(["created_at", "id"], ascending=False)["title"])


def page(path: Path, informant: str, code: str, coder: str | None = "rina", lang: str = "en") -> AppTest:
    state = {"coder": coder} if coder else {}
    return open_page("framework", path, lang, fw_informant=informant, fw_code=code, **state)


def memo_box(at: AppTest, label: str = "on this informant and code"):
    return next(e for e in at.expander if label in e.label)


def shown_titles(at: AppTest, label: str = "on this informant and code") -> list[str]:
    return [m.value.strip("*").replace("\\", "") for m in memo_box(at, label).markdown]


def test_the_cell_shows_exactly_its_memos_as_plain_text(cell):
    path, informant, code = cell
    expected = expected_titles(path, informant, code)
    assert {"On the informant", "On the code", "On a coding in the cell", "Code memo with a passage"} \
        == set(expected) and len(expected) == 4
    at = page(path, informant, code)
    assert not at.exception
    box = memo_box(at)
    assert box.label == f"Memos on this informant and code ({len(expected)})"
    assert shown_titles(at) == expected
    assert HOSTILE in [t.value for t in box.text]  # as typed, not rendered


def test_another_cell_shows_other_memos_and_bahasa(cell):
    path, informant, code = cell
    with Project.open(path) as p:
        other = next(i for i in p.informants()["key"] if i != informant)
    at = page(path, other, code, lang="id")
    assert not at.exception
    assert shown_titles(at, "tentang informan dan kode ini") == expected_titles(path, other, code)


def test_a_cell_without_memos(demo_path):
    with Project.open(demo_path) as p:
        informant, code = p.informants()["key"].iloc[0], p.codes()["key"].iloc[0]
    at = page(demo_path, informant, code, coder=None)
    assert not at.exception
    box = memo_box(at)
    assert box.label == "Memos on this informant and code (0)"
    assert any("No memo on this informant" in c.value for c in box.caption)
    assert any("Pick your name" in i.value for i in box.info)  # no writing without a name


@pytest.mark.parametrize("on", ["informant", "code"])
def test_writing_a_memo_from_the_cell(cell, on):
    path, informant, code = cell
    before = expected_titles(path, informant, code)
    at = page(path, informant, code)
    at.radio(key="fw_memo_on").set_value(on)
    at.text_input(key="fw_memo_title").input("Trust comes late")
    at.text_area(key="fw_memo_text").input(HOSTILE)
    at.button(key="fw_memo_save").click()
    at = at.run()
    assert not at.exception
    with Project.open(path) as p:
        every = p.memos()
    new = every[~every["title"].isin(before) & (every["kind"] != "project")]
    new = new[new["title"].str.contains("Trust comes late", regex=False)]
    assert len(new) == 1
    row = new.iloc[0]
    other = code if on == "informant" else informant
    assert (row["kind"], row["target"], row["title"], row["text"], row["author"]) == \
        (on, informant if on == "informant" else code, f"{other} · Trust comes late", HOSTILE, "rina")
    after = expected_titles(path, informant, code)
    assert after == [row["title"], *before]
    assert shown_titles(at) == after
    assert memo_box(at).label == f"Memos on this informant and code ({len(after)})"


def test_a_memo_without_title_is_refused_and_kept(cell):
    path, informant, code = cell
    with Project.open(path) as p:
        count = len(p.memos())
    at = page(path, informant, code)
    at.text_area(key="fw_memo_text").input("Some thought")
    at.button(key="fw_memo_save").click()
    at = at.run()
    assert not at.exception
    assert at.error and "title" in at.error[0].value.lower()
    assert at.text_area(key="fw_memo_text").value == "Some thought"
    with Project.open(path) as p:
        assert len(p.memos()) == count


def test_framework_export_is_unchanged_by_memos(cell, demo_path):
    """The matrix a download holds is the same with memos as without: memos stay on the page."""
    path, _, _ = cell
    frames = []
    for source in (demo_path, path):
        with Project.open(source) as p:
            frames.append(framework_paper(p, p.framework_matrix(), coders=None, rollup=False).frame)
    pd.testing.assert_frame_equal(frames[0], frames[1])
