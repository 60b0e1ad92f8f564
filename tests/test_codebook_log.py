"""The codebook change log: reasons on merge and delete, the log read from the audit trail, its summary,
its table for papers (read back from XLSX and DOCX) and its timeline."""

from __future__ import annotations

import json
import sqlite3

import docx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project
from qualcode.project.codebook_log import (
    KINDS,
    LOG_COLUMNS,
    codebook_change_summary,
    codebook_changes,
    codebook_timeline_chart,
)

from .conftest import one_document_project

TEXT = "Kami rapat. Dana desa turun. Warga hadir.\n"
MERGE_WHY = "D and C1 describe the same experience"
DELETE_WHY = "never used in the pilot"

# The log after the scripted sequence, written out by hand: kind, actor, key then, key now, old, new, details,
# reason. The first row is the codebook loaded when the project was made (codes A and B, no actor).
EXPECTED = [
    ("loaded", None, None, None, None, None, "codebook t: 2 codes, 2 new, 0 updated", None),
    ("added", "rina", "C", "C1", None, None, "Gamma", None),
    ("added", "rina", "D", None, None, None, "Delta", None),
    ("renamed", "budi", "C", "C1", "C", "C1", "key: C -> C1; name: Gamma -> Gamma one", None),
    ("edited", "rina", "A", "A", None, None, "definition: (none) -> Talk of agency", None),
    ("moved", "rina", "D", None, None, "A", "(top level) -> A", None),
    ("merged", "rina", "D", None, "D", "C1", "into C1: 2 codings moved", MERGE_WHY),
    ("deleted", "budi", "B", None, None, None, "0 codings deleted", DELETE_WHY),
]
FIELDS = ["kind", "actor", "key", "key_now", "old", "new", "details", "reason"]


@pytest.fixture
def path(tmp_path):
    return one_document_project(tmp_path / "log.qualcode", TEXT)


def script(p: Project) -> None:
    """Add two codes, rename one, edit one, move one under another, merge with a reason, delete with a reason."""
    p.add_code("C", "Gamma", actor="rina")
    p.add_code("D", "Delta", actor="rina")
    p.edit_code("C", key="C1", name="Gamma one", actor="budi")
    p.edit_code("A", definition="Talk of agency", actor="rina")
    p.move_code("D", "A", actor="rina")
    p.add_coding("w", 0, 10, "D", "rina")  # coding events do not touch the codebook: not in the log
    p.add_coding("w", 12, 28, "D", "rina")
    p.add_coding("w", 30, 41, "C1", "rina")
    p.merge_codes("D", "C1", actor="rina", reason=MERGE_WHY)
    p.delete_code("B", actor="budi", reason=f"  {DELETE_WHY}  ")


def rows(log: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in log[FIELDS].itertuples(index=False, name=None)]


def test_reasons_reach_the_event_payload(path):
    with Project.open(path) as p:
        script(p)
        p.add_code("E", "Epsilon", actor="rina", reason="   ")  # a blank reason is no reason
    conn = sqlite3.connect(path)
    got = {a: json.loads(payload) for a, payload in
           conn.execute("SELECT action, payload FROM events WHERE action IN ('code.merge', 'code.delete')")}
    last_add = json.loads(conn.execute("SELECT payload FROM events WHERE action = 'code.add' "
                                       "ORDER BY id DESC LIMIT 1").fetchone()[0])
    conn.close()
    assert got["code.merge"]["reason"] == MERGE_WHY
    assert got["code.delete"]["reason"] == DELETE_WHY  # stripped
    assert "reason" not in last_add


def test_scripted_sequence_gives_the_log_written_by_hand(path):
    with Project.open(path) as p:
        assert rows(codebook_changes(p)) == EXPECTED[:1]
        script(p)
        log = codebook_changes(p)
        assert list(log.columns) == LOG_COLUMNS
        assert rows(log) == EXPECTED
        # the times and events are those of the audit trail, oldest first
        conn = sqlite3.connect(path)
        events = conn.execute("SELECT id, at FROM events WHERE action LIKE 'code%.%' AND action != 'coder.add' "
                              "ORDER BY id").fetchall()
        conn.close()
        assert list(zip(log["event"], log["at"], strict=True)) == events
        # key_now agrees with the codebook as it is
        assert set(log["key_now"].dropna()) <= set(p.codes()["key"])


def test_undone_change_leaves_the_log_and_a_redo_brings_it_back(path):
    with Project.open(path) as p:
        script(p)
        p.undo("budi")  # budi's latest: the delete of B
        log = codebook_changes(p)
        assert rows(log) == EXPECTED[:-1]
        assert "B" in set(p.codes()["key"])
        p.redo("budi")
        assert rows(codebook_changes(p)) == EXPECTED
        assert "B" not in set(p.codes()["key"])


def test_summary_counts(path):
    with Project.open(path) as p:
        empty = codebook_change_summary(p)
        script(p)
        summary = codebook_change_summary(p)
        codes_now = len(p.codes())
    assert empty["changes"] == 1 and empty["by_kind"]["loaded"] == 1 and empty["people"] == 0
    expected_kinds = {k: sum(r[0] == k for r in EXPECTED) for k in KINDS}
    assert summary["by_kind"] == expected_kinds
    assert summary["by_kind"] == {"loaded": 1, "added": 2, "renamed": 1, "edited": 1, "moved": 1, "merged": 1,
                                  "deleted": 1, "other": 0}
    assert summary["changes"] == len(EXPECTED)
    assert summary["people"] == 2 and summary["actors"] == ["budi", "rina"]
    assert summary["merges_and_deletes"] == 2 and summary["with_reason"] == 2
    assert summary["codes_now"] == codes_now == 2  # A and C1
    conn = sqlite3.connect(path)
    first, last = conn.execute("SELECT min(at), max(at) FROM events WHERE action LIKE 'code.%' "
                               "OR action = 'codebook.load'").fetchone()
    conn.close()
    assert (summary["first"], summary["last"]) == (first, last)


def test_a_new_project_has_no_changes():
    with Project.create(":memory:") as p:
        assert codebook_changes(p).empty and list(codebook_changes(p).columns) == LOG_COLUMNS
        summary = codebook_change_summary(p)
        assert summary["changes"] == 0 and summary["first"] is None and summary["codes_now"] == 0
        assert codebook_timeline_chart(p).to_dict()["layer"]


def _xlsx_rows(path) -> list[list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(values) if r[:3] == ["at", "actor", "kind"])
    return values[start:start + 1 + len(EXPECTED)]


def _picked(header: list, body: list[list]) -> list[tuple]:
    """The cells of FIELDS from rows read back (a blank cell as None), found by the header's names."""
    at = [list(header).index(f) for f in FIELDS]
    return [tuple(None if row[i] in ("", None) else row[i] for i in at) for row in body]


def test_table_read_back_from_xlsx_and_docx_and_the_export_catalogue(path, tmp_path):
    with Project.open(path) as p:
        script(p)
    runner = CliRunner()
    for name, args in (("log.xlsx", ["codebook", "log", str(path), "-o"]),
                       ("export.xlsx", ["export", str(path), "codebook-log", "-o"]),
                       ("log.docx", ["codebook", "log", str(path), "-o"])):
        result = runner.invoke(main, [*args, str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    for name in ("log.xlsx", "export.xlsx"):
        table = _xlsx_rows(tmp_path / name)
        assert table[0][:len(LOG_COLUMNS)] == LOG_COLUMNS
        assert _picked(table[0], table[1:]) == EXPECTED
    document = docx.Document(str(tmp_path / "log.docx"))
    grid = document.tables[0]
    cells = [[c.text.replace("\u200b", "") for c in r.cells] for r in grid.rows]  # Word's break hints
    assert cells[0] == LOG_COLUMNS
    assert _picked(cells[0], cells[1:]) == EXPECTED
    text = "\n".join(par.text for par in document.paragraphs)
    assert "Codebook change log" in text and "changes undone are left out" in text


def test_cli_timeline_and_bad_suffix(path, tmp_path):
    with Project.open(path) as p:
        script(p)
    runner = CliRunner()
    out = tmp_path / "timeline.svg"
    result = runner.invoke(main, ["codebook", "log", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg") and ">C<" in svg and ">D<" in svg  # marks labelled with their key
    bad = runner.invoke(main, ["codebook", "log", str(path), "-o", str(tmp_path / "log.pdf")])
    assert bad.exit_code != 0 and "cannot tell the format" in bad.output


def test_timeline_chart_data(path):
    with Project.open(path) as p:
        script(p)
        log = codebook_changes(p)
        chart = codebook_timeline_chart(p, labels={"merged": "digabung"}, title="Changes")
    spec = chart.to_dict()
    data = next(iter(spec["datasets"].values()))
    assert [d["kind"] for d in data] == [("digabung" if k == "merged" else k) for k in log["kind"]]
    assert [d["key"] for d in data] == [k or "" for k in log["key"]]
    assert [d["reason"] for d in data] == [r or "" for r in log["reason"]]
    shapes = [layer["encoding"].get("shape") for layer in spec["layer"]]
    assert any(s and len(s["scale"]["range"]) == len(set(log["kind"])) for s in shapes)
    assert spec["title"] == "Changes"


def test_cli_merge_and_delete_take_a_reason(path):
    runner = CliRunner()
    with Project.open(path) as p:
        p.add_code("C", "Gamma", actor="rina")
        p.add_coding("w", 0, 10, "C", "rina")
    merged = runner.invoke(main, ["codebook", "merge", str(path), "C", "A", "--reason", "same idea", "--by", "rina"])
    assert merged.exit_code == 0, merged.output
    refused = runner.invoke(main, ["codebook", "delete", str(path), "B", "--reason", "unused"], input="n\n")
    assert refused.exit_code != 0  # asked, and the answer was no
    deleted = runner.invoke(main, ["codebook", "delete", str(path), "B", "--reason", "unused", "--by", "budi",
                                   "--yes"])
    assert deleted.exit_code == 0, deleted.output
    with Project.open(path) as p:
        got = rows(codebook_changes(p))[-2:]
        assert sorted(p.codes()["key"]) == ["A"] and len(p.codings(codes=["A"])) == 1
    assert got == [("merged", "rina", "C", None, "C", "A", "into A: 1 coding moved", "same idea"),
                   ("deleted", "budi", "B", None, None, None, "0 codings deleted", "unused")]
