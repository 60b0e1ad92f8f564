"""Blind coding on the Code page: with the project setting on, a coder sees only their own codings and the
"Show codings of" filter is gone; supervisors and admins still see everyone's."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import one_document_project, open_page

TEXT = "Pewawancara: Apa kabar? 😀\n\nInforman: Baik. Data DTKS belum sesuai.\n\nPewawancara: Oke.\n"


@pytest.fixture
def shared(tmp_path) -> Path:
    """One document coded by rina and budi; sari is a supervisor, ani an admin."""
    path = one_document_project(tmp_path / "blind.qualcode", TEXT, coders={
        "rina": "coder", "budi": "coder", "sari": "supervisor", "ani": "admin"})
    with Project.open(path) as p:
        p.add_coding("w", 0, 11, "A", "rina")
        p.add_coding("w", TEXT.index("Data"), TEXT.index("Data") + 9, "B", "budi")
    return path


def blind(path: Path, on: bool = True) -> None:
    with Project.open(path) as p:
        p.set_blind_coding(on, actor="sari")


def page(path: Path, coder: str, **state) -> AppTest:
    """The Code page with its codings table shown (it is behind a toggle)."""
    return open_page("code", path, coder=coder, code_table_on=True, **state)


def has_filter(at: AppTest) -> bool:
    return any(s.key == "code_filter" for s in at.selectbox)


def test_without_blind_coding_the_filter_shows_others(shared):
    at = page(shared, "rina", code_filter="\u0000all")
    assert not at.exception
    assert has_filter(at)
    assert sorted(at.dataframe[-1].value["Coder"]) == ["budi", "rina"]


def test_blind_coder_sees_only_their_own_codings(shared):
    blind(shared)
    at = page(shared, "rina")
    assert not at.exception
    assert not has_filter(at)
    assert list(at.dataframe[-1].value["Coder"]) == ["rina"]
    assert any("only your own codings" in c.value for c in at.caption)
    at = page(shared, "budi")
    assert list(at.dataframe[-1].value["Coder"]) == ["budi"]


def test_blind_coding_overrides_a_remembered_filter(shared):
    blind(shared)
    for remembered in ("\u0000all", "budi"):
        at = page(shared, "rina", code_filter=remembered)
        assert not at.exception
        assert list(at.dataframe[-1].value["Coder"]) == ["rina"]


def test_blind_coder_cannot_open_anothers_band(shared):
    blind(shared)
    with Project.open(shared) as p:
        theirs = int(p.codings(coders=["budi"]).iloc[0]["id"])
    at = page(shared, "rina", tx_clicked=[theirs])
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == "edit_code"]


@pytest.mark.parametrize("who", ["sari", "ani"])
def test_supervisor_and_admin_still_see_everyone(shared, who):
    blind(shared)
    at = page(shared, who, code_filter="\u0000all")
    assert not at.exception
    assert has_filter(at)
    assert sorted(at.dataframe[-1].value["Coder"]) == ["budi", "rina"]


def test_turning_blind_coding_off_brings_the_filter_back(shared):
    blind(shared)
    assert not has_filter(page(shared, "rina"))
    blind(shared, on=False)
    at = page(shared, "rina", code_filter="budi")
    assert has_filter(at)
    assert list(at.dataframe[-1].value["Coder"]) == ["budi"]
