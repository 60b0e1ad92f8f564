"""Codebook files: the shipped Bryson codebook, validation errors, YAML round trip."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from qualcode.codebook import load_codebook, parse_codebook, save_codebook
from qualcode.errors import CodebookError

ROOT = Path(__file__).resolve().parent.parent
BRYSON = ROOT / "codebooks" / "bryson_cross_sector.yaml"


def test_bryson_codebook_shape():
    book = load_codebook(BRYSON)
    top = book.children_of(None)
    assert [c.key for c in top] == [f"E{i}" for i in range(1, 9)]
    sub = {c.key: [k.key for k in book.children_of(c.key)] for c in top}
    assert all(len(children) >= 3 for children in sub.values())
    assert sub["E3"] == [f"E3.{i}" for i in range(1, 8)]
    assert len(sub["E8"]) == 5
    names = {c.key: c.name.lower() for c in book.codes}
    for key, word in (("E3.1", "trust"), ("E3.2", "communication"), ("E3.3", "legitimacy"), ("E3.4", "leadership"),
                      ("E3.7", "planning"), ("E8.2", "tiered"), ("E8.4", "open information"), ("E8.5", "data")):
        assert word in names[key], key
    for code in book.codes:
        for field in ("name", "name_alt", "definition", "include", "exclude", "example", "color"):
            assert getattr(code, field), f"{code.key} lacks {field}"
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", code.color)
    assert len({c.color.lower() for c in book.codes}) == len(book.codes)


def test_round_trip(tmp_path):
    book = load_codebook(BRYSON)
    out = tmp_path / "again.yaml"
    save_codebook(book, out)
    again = load_codebook(out)
    assert again.codes == book.codes
    assert again.title == book.title
    save_codebook(book, tmp_path / "again.json")
    assert load_codebook(tmp_path / "again.json").codes == book.codes


def test_flat_form_with_parent_keys():
    book = parse_codebook({"name": "flat", "codes": [
        {"key": "B.1", "name": "child", "parent": "B"}, {"key": "B", "name": "parent"}]})
    assert [c.key for c in book.codes] == ["B", "B.1"]


def _write(tmp_path, text):
    path = tmp_path / "book.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("codes:\n  - key: A\n    name: a\n  - key: A\n    name: again\n", "duplicate code key 'A'"),
        ("codes:\n  - key: A\n    name: a\n    parent: Z\n", "parent 'Z' is not a code"),
        ("codes:\n  - key: A\n    name: a\n    color: red\n", "'color' must be #RGB or #RRGGBB, got 'red'"),
        ("codes:\n  - key: A\n    name: a\n    colour: '#fff'\n", "unknown field(s) colour"),
        ("codes:\n  - key: A\n", "field 'name' is missing"),
        ("codes:\n  - name: nameless\n", "field 'key' is missing"),
        ("codes: []\n", "'codes' must be a non-empty list"),
        ("- just\n- a list\n", "expected a mapping"),
        ("codes:\n  - key: A\n    name: a\n    parent: B\n  - key: B\n    name: b\n    parent: A\n", "cycle"),
        ("codes:\n  - key: A\n    name: a: b\n", "malformed YAML at line 3"),
        ("codes:\n\t- key: A\n", "malformed YAML at line 2"),
        ("codes:\n  - key: 'bad key!'\n    name: a\n", "key may hold"),
    ],
)
def test_invalid_codebooks_name_the_problem(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_missing_codebook_file(tmp_path):
    with pytest.raises(CodebookError, match="no such codebook file"):
        load_codebook(tmp_path / "nope.yaml")


def test_malformed_json(tmp_path):
    path = tmp_path / "book.json"
    path.write_text('{"codes": [', encoding="utf-8")
    with pytest.raises(CodebookError, match="malformed JSON at line 1"):
        load_codebook(path)
