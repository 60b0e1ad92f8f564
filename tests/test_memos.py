"""Memos: every kind written, linked, edited, undone, filtered and searched; refusals leave the file as it was."""

from __future__ import annotations

import io
import sqlite3
import zipfile

import docx
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.errors import CodingError, DuplicateError, InputError, NotFoundError, PermissionDeniedError
from qualcode.project import Project
from qualcode.project.memos import MEMO_COLUMNS, MEMO_KINDS
from qualcode.refi import export_refi, import_refi, import_refi_path

from .conftest import assert_refused, copy_project
from .markdown_reader import render
from .test_refi_all_or_nothing import GOOD, archive, selection, source
from .test_refi_export import schema
from .test_report import HOSTILE, MD_OWN, compile_latex, docx_sections, read_html


@pytest.fixture
def demo(demo_path, tmp_path):
    with Project.open(copy_project(demo_path, tmp_path / "demo.qualcode")) as p:
        yield p


def raw_memos(path) -> list[dict]:
    """The memos table as a reader of the SQLite file sees it."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM memos ORDER BY id")]
    finally:
        conn.close()


def one_of_each(p: Project) -> dict[str, int]:
    """A memo of every kind; returns their ids by kind."""
    coding = int(p.codings(coders=["rina"]).iloc[0]["id"])
    targets = {"project": None, "document": "I-09 Kepala Dinas", "code": "E3.1", "informant": "I-05",
               "group": "leadership", "coding": coding}
    return {kind: p.add_memo(kind, targets[kind], title=f"On the {kind}", text=f"**{kind}** notes\n\n- a point",
                             author="rina") for kind in MEMO_KINDS}


def test_every_kind_is_written_with_what_it_is_about(demo):
    ids = one_of_each(demo)
    frame = demo.memos().set_index("id")
    assert list(demo.memos().columns) == MEMO_COLUMNS
    assert sorted(frame.index) == sorted(ids.values())
    coding = demo.coding(int(raw_memos(demo.path)[-1]["target_id"]))
    doc09 = demo.documents().set_index("name").loc["I-09 Kepala Dinas"]
    i05 = demo.informants().set_index("key").loc["I-05"]
    expected = {  # kind: (target, document, code, informant, group), from the project's own tables
        "project": ("", None, None, None, None),
        "document": ("I-09 Kepala Dinas", "I-09 Kepala Dinas", None, doc09["informant"], doc09["group"]),
        "code": ("E3.1", None, "E3.1", None, None),
        "informant": ("I-05", None, None, "I-05", i05["group"]),
        "group": ("leadership", None, None, None, "leadership"),
        "coding": (f"coding {coding['id']}", coding["document"], coding["code"], coding["informant"],
                   coding["group"]),
    }
    for kind, memo_id in ids.items():
        row = frame.loc[memo_id]
        assert row["kind"] == kind
        assert (row["target"], row["document"], row["code"], row["informant"], row["group"]) == expected[kind], kind
        assert row["title"] == f"On the {kind}" and row["author"] == "rina" and row["links"] == 0
        assert row["text"] == f"**{kind}** notes\n\n- a point"  # Markdown kept as written
        assert row["created_at"] == row["changed_at"]
    stored = {r["id"]: r for r in raw_memos(demo.path)}
    assert stored[ids["project"]]["target_id"] is None
    assert stored[ids["code"]]["target_id"] == int(demo.codes().set_index("key").loc["E3.1", "id"])
    assert stored[ids["coding"]]["target_id"] == coding["id"]


def test_a_coding_memo_is_separate_from_the_short_memo_of_the_coding(demo):
    coding_id = demo.add_coding("I-01 Ketua LKS", 0, 40, "E1.1", "rina", memo="short note")
    memo_id = demo.add_memo("coding", coding_id, title="Why E1.1 here", text="A longer argument.", author="rina")
    assert demo.coding(coding_id)["memo"] == "short note"
    demo.edit_memo(memo_id, text="A longer argument, revised.")
    assert demo.coding(coding_id)["memo"] == "short note"
    assert demo.memo(memo_id)["text"] == "A longer argument, revised."


def test_links_to_passages_and_memos(demo):
    ids = one_of_each(demo)
    text = demo.document("I-02 TKSK Kecamatan")["text"]
    start = text.index(" ") + 1
    end = start + 60
    passage = demo.link_passage(ids["code"], "I-02 TKSK Kecamatan", start, end)
    to_memo = demo.link_memo(ids["code"], ids["project"])
    links = demo.memo_links(ids["code"]).set_index("id")
    assert links.at[passage, "quote"] == text[start:end]
    assert (links.at[passage, "document"], links.at[passage, "start"], links.at[passage, "end"]) == \
        ("I-02 TKSK Kecamatan", start, end)
    assert links.at[to_memo, "linked_memo_id"] == ids["project"]
    assert links.at[to_memo, "linked_title"] == "On the project"
    assert demo.memos().set_index("id").at[ids["code"], "links"] == 2
    # the passage link makes the code memo one of the document's and the informant's memos
    assert ids["code"] in set(demo.memos(document="I-02 TKSK Kecamatan")["id"])
    assert ids["code"] in set(demo.memos(informant="I-02")["id"])
    assert ids["code"] not in set(demo.memos(informant="I-03")["id"])
    demo.unlink(to_memo)
    assert list(demo.memo_links(ids["code"])["id"]) == [passage]


def test_edit_and_undo_every_step(demo):
    memo_id = demo.add_memo("project", title="Day 1", text="Started coding.", author="rina")
    other = demo.add_memo("document", "I-01 Ketua LKS", title="LKS", author="rina")
    link = demo.link_memo(other, memo_id)
    demo.link_passage(memo_id, "I-01 Ketua LKS", 10, 30)
    assert demo.edit_memo(memo_id, title="Day one", text="Started coding E1.") is True
    assert demo.edit_memo(memo_id, title="Day one") is False  # nothing changed: no event
    edited = demo.memo(memo_id)
    assert (edited["title"], edited["text"]) == ("Day one", "Started coding E1.")
    assert edited["changed_at"] >= edited["created_at"]
    history = demo.history(actor="rina")
    assert list(history["description"][:2]) == ["edit memo 'Day one'", "link memo 'Day 1' to I-01 Ketua LKS 10:30"]

    before_delete = raw_memos(demo.path)
    demo.delete_memo(memo_id)
    assert memo_id not in set(demo.memos()["id"])
    assert demo.memo_links(other).empty  # the other memo's link to it went too
    demo.undo("rina")  # the delete: memo and both links back
    assert raw_memos(demo.path) == before_delete
    assert list(demo.memo_links(other)["id"]) == [link]
    assert len(demo.memo_links(memo_id)) == 1
    demo.undo("rina")  # the edit
    assert (demo.memo(memo_id)["title"], demo.memo(memo_id)["text"]) == ("Day 1", "Started coding.")
    demo.undo("rina")  # the passage link
    assert demo.memo_links(memo_id).empty
    demo.redo("rina")
    assert len(demo.memo_links(memo_id)) == 1
    for _ in range(3):  # passage link, memo link, second memo
        demo.undo("rina")
    demo.undo("rina")
    assert demo.memos().empty


def test_a_memo_outlives_its_target_and_undo_gives_it_back(demo):
    demo.add_code("Z9", "Last code")
    code_memo = demo.add_memo("code", "Z9", title="On Z9", author="rina")
    last = demo.add_coding("I-01 Ketua LKS", 5, 25, "E1.1", "rina")  # the highest coding id
    coding_memo = demo.add_memo("coding", last, title="On the last coding", author="rina")
    demo.remove_coding(last, actor="rina")
    frame = demo.memos().set_index("id")
    assert frame.at[coding_memo, "kind"] == "coding" and frame.at[coding_memo, "target"] == ""
    assert frame.at[coding_memo, "target_id"] is None
    again = demo.add_coding("I-01 Ketua LKS", 30, 50, "E1.1", "rina")
    assert again == last  # SQLite gave the id again: the memo must not be taken for this coding's
    assert demo.memos().set_index("id").at[coding_memo, "target"] == ""
    demo.undo("rina")  # the new coding
    demo.undo("rina")  # the removal: the coding and the memo's target are back
    assert demo.memos().set_index("id").at[coding_memo, "target"] == f"coding {last}"
    demo.delete_code("Z9")
    assert demo.memos().set_index("id").at[code_memo, "target"] == ""
    exported = demo.memo_report()  # a memo without its target still prints
    assert "On Z9" in [s.heading for s in exported.sections]


def test_filters_and_search_match_a_plain_python_filter(demo):
    coding = demo.codings(coders=["budi"]).iloc[3]
    specs = [  # kind, target, title, text, author, day
        ("project", None, "Journal: first week", "Access to the **dinas** was slow.", "rina", "2026-01-05"),
        ("project", None, "Journal: second week", "Interviews with agencies.", "budi", "2026-01-12"),
        ("document", "I-05 Bappeda", "Bappeda planning", "Mentions RPJMD targets.", "rina", "2026-01-06"),
        ("code", "E3.1", "What counts as E3.1", "Shared *goals* only.", "budi", "2026-01-07"),
        ("code", str(coding["code"]), "Coding rule", "Boundary with E3.1.", "rina", "2026-01-08"),
        ("informant", "I-05", "I-05 as a broker", "Links Bappeda and Dinsos.", "budi", "2026-01-09"),
        ("group", "agency", "Agencies", "Agencies talk about data.", "rina", "2026-01-10"),
        ("coding", int(coding["id"]), "This passage", "Strong example of DATA sharing.", "budi", "2026-01-11"),
    ]
    ids = []
    for kind, target, title, text, author, day in specs:
        ids.append(demo.add_memo(kind, target, title=title, text=text, author=author))
        demo.store.conn.execute("UPDATE memos SET created_at = ? WHERE id = ?", (f"{day}T09:00:00+00:00", ids[-1]))
    passage_doc = demo.document("I-06 Dinkes")
    demo.link_passage(ids[0], "I-06 Dinkes", 0, 20)
    informant_of = {name: inf for name, inf in zip(demo.documents()["name"], demo.documents()["informant"],
                                                   strict=True)}
    records = [dict(zip(("kind", "target", "title", "text", "author", "day"), s, strict=True), id=i)
               for s, i in zip(specs, ids, strict=True)]

    def about_code(r, key):
        return (r["kind"] == "code" and r["target"] == key) or (r["kind"] == "coding" and coding["code"] == key)

    def about_document(r, name):
        return (r["kind"] == "document" and r["target"] == name) or \
            (r["kind"] == "coding" and coding["document"] == name) or (r["id"] == ids[0] and name == "I-06 Dinkes")

    def about_informant(r, key):
        return (r["kind"] == "informant" and r["target"] == key) or \
            (r["kind"] == "document" and informant_of[r["target"]] == key) or \
            (r["kind"] == "coding" and coding["informant"] == key) or \
            (r["id"] == ids[0] and informant_of[passage_doc["name"]] == key)

    cases = [
        ({"kind": "project"}, lambda r: r["kind"] == "project"),
        ({"author": "budi"}, lambda r: r["author"] == "budi"),
        ({"code": "E3.1"}, lambda r: about_code(r, "E3.1")),
        ({"code": str(coding["code"])}, lambda r: about_code(r, coding["code"])),
        ({"informant": "I-05"}, lambda r: about_informant(r, "I-05")),
        ({"informant": str(coding["informant"])}, lambda r: about_informant(r, coding["informant"])),
        ({"informant": "I-06"}, lambda r: about_informant(r, "I-06")),
        ({"document": "I-05 Bappeda"}, lambda r: about_document(r, "I-05 Bappeda")),
        ({"document": "I-06 Dinkes"}, lambda r: about_document(r, "I-06 Dinkes")),
        ({"since": "2026-01-07", "until": "2026-01-10"}, lambda r: "2026-01-07" <= r["day"] <= "2026-01-10"),
        ({"text": "data"}, lambda r: "data" in (r["title"] + " " + r["text"]).lower()),
        ({"text": "Journal", "author": "rina"}, lambda r: "journal" in r["title"].lower() and r["author"] == "rina"),
        ({"kind": "code", "since": "2026-01-08"}, lambda r: r["kind"] == "code" and r["day"] >= "2026-01-08"),
    ]
    for filters, keep in cases:
        got = list(demo.memos(**filters)["id"])
        expected = [r["id"] for r in sorted(records, key=lambda r: (r["day"], r["id"]), reverse=True) if keep(r)]
        assert got == expected, filters
        assert got, filters  # each case finds something, so the comparison means something
    assert demo.memos(text="no such words anywhere").empty


def test_refusals_leave_the_file_as_it_was(demo):
    memo_id = demo.add_memo("code", "E1.1", title="E1.1", author="rina")
    assert_refused(demo, lambda: demo.add_memo("case", "I-01", title="x", author="rina"), InputError,
                   "unknown memo kind 'case'", "project, document, code, informant, group, coding")
    assert_refused(demo, lambda: demo.add_memo("project", "I-01", title="x", author="rina"), InputError,
                   "a project memo has no target")
    assert_refused(demo, lambda: demo.add_memo("code", None, title="x", author="rina"), InputError,
                   "a code memo needs a target")
    assert_refused(demo, lambda: demo.add_memo("code", "E9.9", title="x", author="rina"), NotFoundError,
                   "unknown code 'E9.9'")
    assert_refused(demo, lambda: demo.add_memo("document", "No such", title="x", author="rina"), NotFoundError,
                   "unknown document 'No such'")
    assert_refused(demo, lambda: demo.add_memo("coding", 999999, title="x", author="rina"), NotFoundError,
                   "no coding with id 999999")
    assert_refused(demo, lambda: demo.add_memo("group", "leadership", title="  ", author="rina"), InputError,
                   "memo title is empty")
    assert_refused(demo, lambda: demo.add_memo("project", title="x", author=""), InputError, "memo author is empty")
    assert_refused(demo, lambda: demo.edit_memo(memo_id, title=""), InputError, "memo title is empty")
    assert_refused(demo, lambda: demo.edit_memo(4242, title="x"), NotFoundError, "no memo with id 4242")
    assert_refused(demo, lambda: demo.link_passage(memo_id, "I-01 Ketua LKS", 30, 10), CodingError,
                   "span 30:10 is invalid")
    assert_refused(demo, lambda: demo.link_memo(memo_id, memo_id), InputError, "cannot link to itself")
    demo.link_passage(memo_id, "I-01 Ketua LKS", 10, 30)
    assert_refused(demo, lambda: demo.link_passage(memo_id, "I-01 Ketua LKS", 10, 30), DuplicateError,
                   "already links 'I-01 Ketua LKS' 10:30")
    assert_refused(demo, lambda: demo.unlink(777), NotFoundError, "no memo link with id 777")
    assert_refused(demo, lambda: demo.memos(since="last week"), InputError, "since must be a day as YYYY-MM-DD")
    assert_refused(demo, lambda: demo.memos(until="2026-02-30"), InputError, "until must be a day")
    assert_refused(demo, lambda: demo.memos(code="nope"), NotFoundError, "unknown code 'nope'")


def test_a_coder_writes_as_themselves_and_edits_only_their_own(demo):
    demo.add_user("sri", "supervisor-pass-1", "supervisor")
    demo.add_user("budi", "budi-pass-12345", "coder")
    demo.add_user("rina", "rina-pass-12345", "coder")
    path = demo.path
    with Project.open(path, user="rina") as rina:
        mine = rina.add_memo("project", title="rina's journal", text="day 1")
        assert rina.memo(mine)["author"] == "rina"
        assert rina.may_edit_memo(mine)
    with Project.open(path, user="budi") as budi:
        assert not budi.may_edit_memo(mine)
        assert_refused(budi, lambda: budi.edit_memo(mine, text="changed"), PermissionDeniedError,
                       "budi (coder) may not change or delete another coder's codings")
        assert_refused(budi, lambda: budi.delete_memo(mine), PermissionDeniedError, "may not")
        assert_refused(budi, lambda: budi.link_passage(mine, "I-01 Ketua LKS", 0, 5), PermissionDeniedError,
                       "may not")
        assert_refused(budi, lambda: budi.add_memo("project", title="as rina", author="rina"),
                       PermissionDeniedError, "may not")
        own = budi.add_memo("code", "E2.1", title="budi's", author="budi")
        budi.link_memo(own, mine)  # linking from one's own memo to another's is fine
        assert budi.memo(own)["author"] == "budi"
    with Project.open(path, user="sri") as sri:
        assert sri.edit_memo(mine, text="day 1, checked") is True
        assert sri.history(actor="sri")["description"].iloc[0] == "edit memo 'rina's journal'"
        sri.undo("sri")
        assert sri.memo(mine)["text"] == "day 1"


# -- the memo report --------------------------------------------------------------------------------------

def report_project(p: Project) -> dict[str, int]:
    """Memos on a code (with a passage and a memo link), on a coding of another code, and a journal entry."""
    journal = p.add_memo("project", title="Week 1", text="Started.\n\nSecond paragraph.", author="rina")
    rule = p.add_memo("code", "E3.1", title="E3.1 boundary", text="Shared goals only.", author="budi")
    coding = p.codings(coders=["rina"]).iloc[0]
    on_coding = p.add_memo("coding", int(coding["id"]), title="A strong passage", text="Keep for the paper.",
                           author="rina")
    p.link_passage(rule, "I-03 Karang Taruna", 100, 180)
    p.link_memo(rule, journal)
    return {"journal": journal, "rule": rule, "coding": on_coding, "coding_code": coding["code"]}


def test_word_report_by_kind_read_back(demo, tmp_path):
    report_project(demo)
    out = tmp_path / "memos.docx"
    assert demo.export_memos(out) == 3
    sections = docx_sections(docx.Document(str(out)))
    chapters = [s["heading"] for s in sections if s["level"] == 1]
    assert chapters == ["Project journal", "Codes", "Codings"]  # the kinds present, in MEMO_KINDS order
    memos = {s["heading"]: s for s in sections if s["level"] == 2}
    assert list(memos) == ["Week 1", "E3.1 boundary", "A strong passage"]
    passage = demo.document("I-03 Karang Taruna")["text"][100:180]
    rule = memos["E3.1 boundary"]["quotes"]
    assert rule[0].startswith("Shared goals only. (budi, ")
    assert rule[1].startswith("\n".join(line.strip() for line in passage.splitlines() if line.strip()))
    assert rule[1].endswith("(I-03 Karang Taruna, 100\u2013180)")
    assert rule[2] == "See memo: Week 1"
    assert memos["Week 1"]["quotes"][0].startswith("Started.\nSecond paragraph. (rina, ")


def test_report_by_code_puts_coding_memos_under_their_code(demo, tmp_path):
    ids = report_project(demo)
    out = io.StringIO()
    demo.export_memos(out, "html", by="code")
    page = read_html(out.getvalue())
    headings = [s["heading"] for s in page.sections]
    code_name = demo.codes().set_index("key").at[ids["coding_code"], "name"]
    expected_codes = sorted({"E3.1", ids["coding_code"]}, key=list(demo.codes()["key"]).index)
    names = dict(zip(demo.codes()["key"], demo.codes()["name"], strict=True))
    chapters = {f"{k} {n}" for k, n in names.items()}
    assert [h for h in headings if h in chapters] == [f"{k} {names[k]}" for k in expected_codes]
    assert headings.index("A strong passage") == headings.index(f"{ids['coding_code']} {code_name}") + 1
    assert headings[-2:] == ["Not about a code", "Week 1"]
    only_budi = io.StringIO()
    assert demo.export_memos(only_budi, "md", by="code", author="budi") == 1


def test_markdown_report_shows_user_text_as_text(demo):
    memo = demo.add_memo("project", title=f"Judul {HOSTILE}", text=f"# Not a heading\n\n{HOSTILE}\n<b>x</b>",
                         author="rina")
    demo.link_passage(memo, "I-01 Ketua LKS", 0, 30)
    out = io.StringIO()
    demo.export_memos(out, "md")
    rendered = render(out.getvalue())
    page = read_html(rendered)
    assert set(page.elements) <= MD_OWN, set(page.elements) - MD_OWN
    text = "".join(page.texts)
    for piece in (f"Judul {HOSTILE}", "# Not a heading", HOSTILE, "<b>x</b>"):
        assert piece in text, piece


def test_latex_report_compiles(demo, tmp_path):
    report_project(demo)
    demo.add_memo("code", "E1.1", title=f"Sulit {HOSTILE}", text=HOSTILE, author="rina")
    out = io.StringIO()
    demo.export_memos(out, "tex")
    log = compile_latex(out.getvalue(), "pdflatex", tmp_path / "tex")
    assert "Output written" in log


def test_report_refuses_an_unknown_grouping(demo):
    with pytest.raises(InputError, match="unknown memo report grouping \\(by\\) 'group'"):
        demo.memo_report(by="group")


# -- the command line ------------------------------------------------------------------------------------

def test_cli_add_list_and_export(demo, tmp_path):
    path = str(demo.path)
    runner = CliRunner()
    coding = int(demo.codings(coders=["budi"]).iloc[0]["id"])
    demo.close()
    run = runner.invoke(main, ["memos", "add", path, "--kind", "code", "--target", "E2.1", "--title", "E2.1 note",
                               "--text", "Text *here*", "--author", "budi",
                               "--passage", "I-02 TKSK Kecamatan", "5", "25"])
    assert run.exit_code == 0, run.output
    run = runner.invoke(main, ["memos", "add", path, "--kind", "coding", "--target", str(coding), "--title",
                               "On a coding", "--author", "rina"])
    assert run.exit_code == 0, run.output
    run = runner.invoke(main, ["memos", "add", path, "--kind", "code", "--target", "E9", "--title", "x",
                               "--author", "rina"])
    assert run.exit_code == 1 and "unknown code 'E9'" in run.output and "Traceback" not in run.output
    with Project.open(path) as p:
        frame = p.memos()
        assert sorted(frame["title"]) == ["E2.1 note", "On a coding"]
        note = frame.set_index("title").loc["E2.1 note"]
        links = p.memo_links(int(note["id"]))
        assert (links.iloc[0]["document"], links.iloc[0]["start"], links.iloc[0]["end"]) == \
            ("I-02 TKSK Kecamatan", 5, 25)
        assert p.history(actor="budi")["description"].iloc[0] == "link memo 'E2.1 note' to I-02 TKSK Kecamatan 5:25"
    run = runner.invoke(main, ["memos", "list", path, "--author", "budi"])
    assert run.exit_code == 0
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].split("\t")[2:] == ["code", "E2.1", "budi", "E2.1 note"]
    run = runner.invoke(main, ["memos", "list", path, "--since", "yesterday"])
    assert run.exit_code == 1 and "since must be a day as YYYY-MM-DD" in run.output
    out = tmp_path / "memos.docx"
    run = runner.invoke(main, ["memos", "export", path, "-o", str(out), "--by", "code"])
    assert run.exit_code == 0 and "wrote 2 memos" in run.output, run.output
    headings = [s["heading"] for s in docx_sections(docx.Document(str(out))) if s["level"] == 2]
    assert sorted(headings) == ["E2.1 note", "On a coding"]
    table = tmp_path / "memos.csv"
    run = runner.invoke(main, ["memos", "list", path, "-o", str(table)])
    assert run.exit_code == 0
    assert sorted(pd.read_csv(table)["title"]) == ["E2.1 note", "On a coding"]


# -- REFI-QDA ----------------------------------------------------------------------------------------------

def memo_facts(p: Project) -> tuple[set, set]:
    """Memos as what they are about (a coding by its document, span, code and coder), title, text, author and
    times, and their links (a passage by document and span with its quote, a memo by title): what must survive
    a round trip whatever the ids."""
    memos = p.memos()
    titles = dict(zip(memos["id"], memos["title"], strict=True))
    facts = set()
    for row in memos.to_dict("records"):
        about = row["target"]
        if row["kind"] == "coding":
            c = p.coding(int(row["target_id"]))
            about = (c["document"], c["start"], c["end"], c["code"], c["coder"])
        facts.add((row["kind"], about, row["title"], row["text"], row["author"], row["created_at"],
                   row["changed_at"]))
    links = set()
    for link in p.memo_links().to_dict("records"):
        if link["linked_memo_id"] is None:
            text = p.document(link["document"])["text"]
            assert link["quote"] == text[int(link["start"]):int(link["end"])]
            links.add((titles[link["memo_id"]], link["document"], int(link["start"]), int(link["end"]), link["quote"]))
        else:
            links.add((titles[link["memo_id"]], titles[link["linked_memo_id"]]))
    return facts, links


def test_memos_of_every_kind_round_trip_through_refi(demo, tmp_path):
    ids = one_of_each(demo)
    demo.add_memo("project", title="Journal by sri", text="Not a coder, still an author.", author="sri")
    demo.edit_memo(ids["document"], text="Edited: **document** notes")
    demo.link_passage(ids["code"], "I-02 TKSK Kecamatan", 15, 95)
    demo.link_passage(ids["project"], "I-09 Kepala Dinas", 0, 12)
    demo.link_memo(ids["informant"], ids["group"])
    demo.link_memo(ids["group"], ids["project"])
    before = memo_facts(demo)
    codings_before = len(demo.codings())
    out = tmp_path / "memos.qdpx"
    export_refi(demo, out)
    with zipfile.ZipFile(out) as zf:
        qde = zf.read("project.qde").decode("utf-8")
    schema("Project-mrt2019.xsd").validate(qde)
    result, created = import_refi_path(tmp_path / "back.qualcode", out)
    assert created and result.memos == 7 and result.codings == codings_before  # passage links are no codings
    assert "link" not in " ".join(result.warnings)  # every <Link> was a memo's
    with Project.open(tmp_path / "back.qualcode") as back:
        after = memo_facts(back)
        assert {m[0] for m in after[0]} == set(MEMO_KINDS)
        assert after == before


def test_other_programs_notes_on_the_project_a_source_and_a_code_become_memos(project, tmp_path):
    body = selection(1, 0, 4) + '<NoteRef targetGUID="99999999-0000-0000-0000-000000000002"/>'
    notes = ('<Notes><Note guid="99999999-0000-0000-0000-000000000001" name="Field diary" '
             'creatingUser="aaaaaaaa-0000-0000-0000-000000000001" creationDateTime="2025-05-01T08:00:00Z">'
             "<PlainTextContent>Day one.</PlainTextContent></Note>"
             '<Note guid="99999999-0000-0000-0000-000000000002" name="About the interview">'
             "<PlainTextContent>Tense start.</PlainTextContent></Note></Notes>"
             '<NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/>')
    file = archive(tmp_path / "notes.qdpx", source(1, "Interview", body),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD}, extra=notes)
    result = import_refi(project, file)
    assert result.memos == 2 and result.codings == 1 and not any("note" in w for w in result.warnings)
    memos = project.memos().set_index("title")
    assert memos.at["Field diary", "kind"] == "project" and memos.at["Field diary", "author"] == "ana"
    assert memos.at["Field diary", "created_at"] == "2025-05-01T08:00:00+00:00"
    assert (memos.at["About the interview", "kind"], memos.at["About the interview", "target"]) == \
        ("document", "Interview")
    assert project.coding(int(project.codings().iloc[0]["id"]))["memo"] is None  # not taken for a coding memo


def test_blind_coding_hides_memos_on_others_codings(demo):
    demo.add_user("budi", "budi-pass-12345", "coder")
    demo.add_user("rina", "rina-pass-12345", "coder")
    rinas = int(demo.codings(coders=["rina"]).iloc[0]["id"])
    on_rinas = demo.add_memo("coding", rinas, title="On rina's coding", author="rina")
    journal = demo.add_memo("project", title="Journal", author="rina")
    demo.set_blind_coding(True, actor="sri")
    with Project.open(demo.path, user="budi") as budi:
        assert list(budi.memos()["id"]) == [journal]
        with pytest.raises(NotFoundError, match=f"no memo with id {on_rinas}"):
            budi.memo(on_rinas)
    with Project.open(demo.path, user="rina") as rina:
        assert set(rina.memos()["id"]) == {journal, on_rinas}
