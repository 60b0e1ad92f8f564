"""The Code page's player (AppTest): a document with a recording shows it, with its turns' times sent to the
transcript; one without shows none; a recording whose file is gone is named in a warning."""

from __future__ import annotations

import json
import shutil

import pytest

from qualcode.project import Project
from qualcode.ui.i18n import t

from .conftest import one_document_project, open_page
from .test_media import tone

TEXT = "[00:00:01] P: Bagaimana koordinasinya?\n[00:00:03] I: Jarang sekali.\n[00:00:04.5] P: Oke.\n"


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def players(at) -> list:
    return [n for n in _nodes(at.main) if getattr(n, "type", None) in ("audio", "video")]


def sent(at) -> dict:
    return next(json.loads(n.proto.json) for n in _nodes(at.main) if getattr(n, "type", None) == "bidi_component")


@pytest.fixture
def path(tmp_path):
    path = one_document_project(tmp_path / "rec.qualcode", TEXT)
    with Project.open(path) as p:
        file = tmp_path / "other.txt"
        file.write_text("P: Tanpa rekaman.\n\nI: Ya.\n", encoding="utf-8")
        p.import_document(file, informant="I-1", name="tanpa")
        p.link_media("w", tone(tmp_path / "wawancara.wav", 6.0))
    return path


def test_a_document_with_a_recording_has_a_player_and_timed_turns(path):
    at = open_page("code", path, coder="rina", code_doc="w")
    assert not at.exception
    found = players(at)
    assert len(found) == 1 and found[0].type == "audio"
    assert found[0].proto.start_time == 0
    # the turns' times, written out from TEXT; the last ends where the recording does
    with Project.open(path) as p:
        starts = [int(s) for s in p.turn_times("w")["start"]]
    assert sent(at)["times"] == [[starts[0], 1.0, 3.0], [starts[1], 3.0, 4.5], [starts[2], 4.5, 6.0]]
    # the file name is the researcher's: escaped for Markdown
    assert any(c.value.startswith("Recording: wawancara\\.wav. ") and "Ctrl+Space" in c.value for c in at.caption)


def test_a_document_without_one_has_none(path):
    at = open_page("code", path, coder="rina", code_doc="tanpa")
    assert not at.exception
    assert players(at) == []
    assert sent(at)["times"] == []
    assert not any("Ctrl+Space" in c.value for c in at.caption)


def test_a_missing_recording_is_named_and_the_transcript_still_shows(path, tmp_path):
    shutil.rmtree(tmp_path / "rec.qualcode.media")
    at = open_page("code", path, coder="rina", code_doc="w", lang="id")
    assert not at.exception
    assert players(at) == []
    assert any("wawancara\\.wav" in w.value and "hilang" in w.value for w in at.warning)
    assert sent(at)["text"] == TEXT
    assert t("med_play_from", "id") == "Putar dari {time}"
