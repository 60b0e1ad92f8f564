"""Pages on a big project list the first rows of a long list and say so: the row changes of one batch of
codings on the History page, whose every-field view is drawn only once opened."""

from __future__ import annotations

from qualcode.project import CodingSpec, Project
from qualcode.ui.pages.history import SHOWN_CHANGES

from .conftest import one_document_project, open_page

TEXT = "Pewawancara: Apa kabar?\n\nInforman: Baik. Data DTKS belum sesuai. " + "Kata " * 300 + "\n"


def test_history_lists_the_first_changes_of_a_big_batch(tmp_path):
    path = one_document_project(tmp_path / "big.qualcode", TEXT)
    total = SHOWN_CHANGES + 5
    with Project.open(path) as p:
        p.add_codings([CodingSpec("w", k, k + 4, "A", "rina") for k in range(total)])
    at = open_page("history", path, coder="rina")
    assert not at.exception
    changes = at.dataframe[1].value
    assert len(changes) == SHOWN_CHANGES
    assert any(c.value == f"The first {SHOWN_CHANGES:,} of the {total:,} rows this change touched."
               for c in at.caption)
    assert len(at.json) == 0  # the every-field view waits until it is opened
    at.session_state["hist_before_after"] = True
    at.run()
    assert not at.exception
    assert len(at.json) == 1


def test_history_of_a_small_event_says_nothing_about_a_cut(tmp_path):
    path = one_document_project(tmp_path / "small.qualcode", TEXT)
    with Project.open(path) as p:
        p.add_codings([CodingSpec("w", k, k + 4, "A", "rina") for k in range(3)])
    at = open_page("history", path, coder="rina")
    assert not at.exception
    assert len(at.dataframe[1].value) == 3
    assert not any("rows this change touched" in c.value for c in at.caption)
