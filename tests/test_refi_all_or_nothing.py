"""A REFI-QDA import is whole or does not happen: every problem is named and the project stays as it was,
unless the rest is imported on purpose (skip_missing); hostile and huge input is refused with a clear
message; a killed import into a new project leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from qualcode.errors import ImportFormatError, IncompleteImportError
from qualcode.project import Project
from qualcode.refi import import_refi, import_refi_path
from qualcode.refi import read as refi_read

from .conftest import snapshot

CODES = """<CodeBook><Codes>
  <Code guid="bbbbbbbb-0000-0000-0000-000000000001" name="Trust" isCodable="true"/>
 </Codes></CodeBook>"""


def selection(n: int, start: int, end: int, code: str = "bbbbbbbb-0000-0000-0000-000000000001") -> str:
    return (f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{n:012d}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="dddddddd-0000-0000-0000-{n:012d}"><CodeRef targetGUID="{code}"/></Coding>'
            "</PlainTextSelection>")


def source(n: int, name: str, body: str = "", path: str | None = None) -> str:
    path = path if path is not None else f"internal://eeeeeeee-0000-0000-0000-{n:012d}.txt"
    name_attr = f' name="{name}"' if name else ""
    return (f'<TextSource guid="eeeeeeee-0000-0000-0000-{n:012d}"{name_attr} plainTextPath="{path}">'
            f"{body}</TextSource>")


def archive(path: Path, sources: str, files: dict[str, str], extra: str = "") -> Path:
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Study" '
           f'origin="SomeQDA 2"><Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="ana"/></Users>'
           f"{CODES}<Sources>{sources}</Sources>{extra}</Project>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", qde.encode("utf-8"))
        for name, text in files.items():
            zf.writestr(name, text.encode("utf-8") if isinstance(text, str) else text)
    return path


GOOD = "Kami membangun kepercayaan bersama warga."


def flawed(tmp_path: Path) -> Path:
    """One good source and five problems: a missing text, a path outside the archive, a text that is not
    UTF-8, a selection beyond its text and a coding of a code that is not in the codebook."""
    return archive(tmp_path / "flawed.qdpx", "".join([
        source(1, "Good", selection(1, 5, 14)),
        source(2, "Missing", selection(2, 0, 4)),
        source(3, "Outside", selection(3, 0, 4), path="relative://../../etc/passwd"),
        source(4, "Latin-1"),
        source(5, "Short", selection(4, 0, 4) + selection(5, 10, 400)),
        source(6, "Unknown code", selection(6, 0, 4, code="bbbbbbbb-0000-0000-0000-00000000dead")),
    ]), {
        "sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD,
        "sources/eeeeeeee-0000-0000-0000-000000000004.txt": "Caf\xe9 ol\xe9".encode("latin-1"),
        "sources/eeeeeeee-0000-0000-0000-000000000005.txt": "Pendek sekali.",
        "sources/eeeeeeee-0000-0000-0000-000000000006.txt": "Kode yang tidak dikenal.",
    })


PROBLEMS = [
    "source 'Missing': its text (internal://eeeeeeee-0000-0000-0000-000000000002.txt) is not in the archive",
    "source 'Outside': its text 'relative://../../etc/passwd' is outside the archive",
    "source 'Latin-1': sources/eeeeeeee-0000-0000-0000-000000000004.txt is not UTF-8 text",
    "source 'Short': selection CCCCCCCC-0000-0000-0000-000000000005 at 10-400 does not fit its text (14 characters)",
    "source 'Unknown code': a coding at 0-4 refers to code BBBBBBBB-0000-0000-0000-00000000DEAD, which is not in "
    "the codebook",
]


def test_every_problem_is_named_and_nothing_is_imported(project, tmp_path):
    file = flawed(tmp_path)
    before = snapshot(project.path)
    with pytest.raises(IncompleteImportError) as caught:
        import_refi(project, file)
    assert len(caught.value.problems) == len(PROBLEMS)
    for expected, problem in zip(PROBLEMS, caught.value.problems, strict=True):
        assert problem.startswith(expected)
    message = str(caught.value)
    assert str(file) in message and "nothing imported: 5 problems" in message and "--skip-missing" in message
    assert snapshot(project.path) == before


def test_skip_missing_imports_the_rest_and_lists_what_was_left_out(project, tmp_path):
    result = import_refi(project, flawed(tmp_path), skip_missing=True)
    assert [p[:40] for p in result.left_out] == [p[:40] for p in PROBLEMS]
    assert set(project.documents()["name"]) == {"Good", "Short", "Unknown code"}
    quotes = sorted(project.codings()["quote"])
    assert quotes == ["Pend", "membangun"]
    assert any(line.startswith("left out: source 'Missing'") for line in result.report_lines())


def test_cli_refuses_then_skips_on_purpose(tmp_path):
    from click.testing import CliRunner

    from qualcode.cli import main

    file = flawed(tmp_path)
    target = tmp_path / "new.qualcode"
    refused = CliRunner().invoke(main, ["refi-import", str(target), str(file)])
    assert refused.exit_code != 0 and "nothing imported: 5 problems" in refused.output
    assert not target.exists()  # the new project was never written
    done = CliRunner().invoke(main, ["refi-import", str(target), str(file), "--skip-missing"])
    assert done.exit_code == 0, done.output
    assert "left out: source 'Missing'" in done.output and "positions read as" in done.output
    with Project.open(target) as project:
        assert len(project.documents()) == 3


def test_unnamed_source_takes_its_file_name(project, tmp_path):
    file = archive(tmp_path / "unnamed.qdpx", source(1, "", selection(1, 0, 4), path="internal://Interview Budi.txt"),
                   {"sources/Interview Budi.txt": GOOD})
    import_refi(project, file)
    assert list(project.documents()["name"]) == ["Interview Budi"]


def test_case_codings_link_cases_and_are_not_codes(project, tmp_path):
    """NVivo and QualCoder link a case to a document with a coding whose CodeRef is the case."""
    case = "ffffffff-0000-0000-0000-000000000001"
    body = (selection(1, 0, 4) + f'<PlainTextSelection guid="cccccccc-0000-0000-0000-000000000009" startPosition="0" '
            f'endPosition="{len(GOOD)}"><Coding guid="dddddddd-0000-0000-0000-000000000009">'
            f'<CodeRef targetGUID="{case}"/></Coding></PlainTextSelection>')
    cases = f'<Cases><Case guid="{case}" name="Budi"/></Cases>'
    file = archive(tmp_path / "cases.qdpx", source(1, "Interview", body),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD}, extra=cases)
    result = import_refi(project, file)
    assert result.left_out == [] and result.codes == 1
    assert list(project.codings()["quote"]) == ["Kami"]
    assert project.documents().set_index("name").loc["Interview", "informant"] == "Budi"


def test_selection_memo_in_description_and_note_is_read_once(project, tmp_path):
    body = ('<PlainTextSelection guid="cccccccc-0000-0000-0000-000000000001" startPosition="0" endPosition="4">'
            "<Description>Kata pembuka.</Description>"
            '<Coding guid="dddddddd-0000-0000-0000-000000000001"><CodeRef targetGUID="bbbbbbbb-0000-0000-0000-'
            '000000000001"/><NoteRef targetGUID="99999999-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>'
            '<PlainTextSelection guid="cccccccc-0000-0000-0000-000000000002" startPosition="5" endPosition="14">'
            "<Description>Hanya di sini.</Description>"
            '<Coding guid="dddddddd-0000-0000-0000-000000000002"><CodeRef targetGUID="bbbbbbbb-0000-0000-0000-'
            '000000000001"/></Coding></PlainTextSelection>')
    notes = ('<Notes><Note guid="99999999-0000-0000-0000-000000000001" creationDateTime="2026-01-01T00:00:00Z">'
             "<PlainTextContent>Kata pembuka.</PlainTextContent></Note></Notes>")
    file = archive(tmp_path / "memo.qdpx", source(1, "Interview", body),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD}, extra=notes)
    import_refi(project, file)
    memos = dict(zip(project.codings()["quote"], project.codings()["memo"], strict=True))
    assert memos == {"Kami": "Kata pembuka.", "membangun": "Hanya di sini."}


def nested_codebook(path: Path, depth: int) -> Path:
    opening = "".join(f'<Code guid="bbbbbbbb-0000-0000-0000-{n:012d}" name="level {n}" isCodable="true">'
                      for n in range(1, depth + 1))
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                    f"{opening}{'</Code>' * depth}</Codes></CodeBook>", encoding="utf-8")
    return path


def test_ten_thousand_levels_of_codes_are_refused_clearly(project, tmp_path):
    before = snapshot(project.path)
    with pytest.raises(ImportFormatError, match=r"code 'level 201' is nested 201 levels deep; at most 200 levels"):
        import_refi(project, nested_codebook(tmp_path / "deep.qdc", 10_000))
    assert snapshot(project.path) == before


def test_codes_up_to_the_depth_limit_are_imported(project, tmp_path):
    result = import_refi(project, nested_codebook(tmp_path / "deep.qdc", refi_read.MAX_CODE_DEPTH))
    assert result.codes == refi_read.MAX_CODE_DEPTH
    codes = project.codes().set_index("key")
    assert codes.loc["level_200", "parent"] == "level_199" and codes.loc["level_2", "parent"] == "level_1"


def test_one_source_above_the_limit_is_refused_naming_it(project, tmp_path, monkeypatch):
    monkeypatch.setattr(refi_read, "MAX_SOURCE_BYTES", 2 * 1024 * 1024)  # the real limit is 20 MB; same check
    text = "".join(f"Kalimat wawancara yang panjang sekali nomor {n}. " for n in range(60_000))  # about 3 MB
    file = archive(tmp_path / "big.qdpx", source(1, "Huge") + source(2, "Small"),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": text,
                    "sources/eeeeeeee-0000-0000-0000-000000000002.txt": GOOD})
    before = snapshot(project.path)
    with pytest.raises(IncompleteImportError, match=r"source 'Huge': sources/eeeeeeee-0000-0000-0000-000000000001.txt "
                                                    r"is 3 MB, above the limit of 2 MB per source"):
        import_refi(project, file)
    assert snapshot(project.path) == before
    import_refi(project, file, skip_missing=True)
    assert list(project.documents()["name"]) == ["Small"]


def test_the_source_limit_is_documented():
    assert refi_read.MAX_SOURCE_BYTES == 20 * 1024 * 1024 and refi_read.MAX_CODE_DEPTH == 200
    guide = (Path(__file__).resolve().parents[1] / "docs" / "exchange.md").read_text(encoding="utf-8")
    assert "20 MB" in guide and "200 levels" in guide


KILL_DURING_IMPORT = """
import os, signal, sys
from qualcode.store import Store
real = Store.insert_units
def die(self, *args, **kwargs):
    real(self, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # as if the machine stopped mid-import
Store.insert_units = die
from qualcode.refi import import_refi_path
import_refi_path(sys.argv[1], sys.argv[2])
"""


def test_a_killed_import_into_a_new_project_leaves_no_file(tmp_path):
    file = archive(tmp_path / "good.qdpx", source(1, "Good", selection(1, 5, 14)) + source(2, "Two"),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD,
                    "sources/eeeeeeee-0000-0000-0000-000000000002.txt": "Teks kedua."})
    target = tmp_path / "study.qualcode"
    run = subprocess.run([sys.executable, "-c", KILL_DURING_IMPORT, str(target), str(file)], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, env={**os.environ})
    assert run.returncode == -9, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.qdpx"]
    result, created = import_refi_path(target, file)  # the same import, not killed, then lands whole
    assert created and result.documents == 2 and target.exists()


def test_qdc_code_sets_are_named_in_the_report(project, tmp_path):
    qdc = tmp_path / "sets.qdc"
    qdc.write_text('<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette">'
                   '<Codes><Code guid="bbbbbbbb-0000-0000-0000-000000000001" name="Trust" isCodable="true"/>'
                   '<Code guid="bbbbbbbb-0000-0000-0000-000000000002" name="Power" isCodable="true"/></Codes>'
                   '<Sets><Set guid="77777777-0000-0000-0000-000000000001" name="Relations">'
                   '<MemberCode targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/>'
                   '<MemberCode targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/></Set></Sets></CodeBook>',
                   encoding="utf-8")
    result = import_refi(project, qdc)
    assert result.codes == 2
    assert result.warnings == ["code set 'Relations' (2 codes: Trust, Power) not kept: qualcode has no sets of "
                               "codes; its codes were imported"]


def test_what_is_not_kept_is_named(project, tmp_path):
    """Free-standing notes, links, document variables and sets of documents no informant belongs to have no
    place in qualcode: each is named in the report rather than dropped without a word."""
    body = (selection(1, 0, 4) + '<VariableValue><VariableRef targetGUID="11111111-0000-0000-0000-000000000001"/>'
            "<TextValue>2019</TextValue></VariableValue>")
    extra = ('<Variables><Variable guid="11111111-0000-0000-0000-000000000001" name="year" typeOfVariable="Text"/>'
             "</Variables>"
             '<Notes><Note guid="99999999-0000-0000-0000-000000000001" name="journal">'
             "<PlainTextContent>Field diary.</PlainTextContent></Note></Notes>"
             '<Links><Link guid="88888888-0000-0000-0000-000000000001" name="x" '
             'originGUID="eeeeeeee-0000-0000-0000-000000000001" targetGUID="eeeeeeee-0000-0000-0000-000000000001"/>'
             "</Links>"
             '<Sets><Set guid="77777777-0000-0000-0000-000000000001" name="Wave 1">'
             '<MemberSource targetGUID="eeeeeeee-0000-0000-0000-000000000001"/></Set></Sets>')
    # Variables must come before Sources in the schema, but the reader takes the elements in any order
    file = archive(tmp_path / "extras.qdpx", source(1, "Interview", body),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD}, extra=extra)
    result = import_refi(project, file)
    assert result.codings == 1
    assert result.warnings == [
        "1 note that is not a coding's memo not kept (qualcode keeps memos on codings)",
        "1 link not kept (qualcode has no links or graphs)",
        "document set 'Wave 1' (1 document) not kept: qualcode groups informants, and no informant of the file "
        "belongs to this set",
        "document variables not kept: year (qualcode keeps a document's source_type and language; informants keep "
        "their variables)",
    ]


def test_file_times_are_stored_in_the_projects_form(project, tmp_path):
    """UTC as "Z", another offset, no offset, and QualCoder's "+00:00Z" all become the project's UTC form."""
    times = ["2024-05-06T07:08:09Z", "2024-05-06T09:08:09+02:00", "2024-05-06T07:08:09", "2024-05-06T07:08:09+00:00Z"]
    body = "".join(
        f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{n:012d}" startPosition="{a}" endPosition="{b}">'
        f'<Coding guid="dddddddd-0000-0000-0000-{n:012d}" creationDateTime="{t}"><CodeRef '
        'targetGUID="bbbbbbbb-0000-0000-0000-000000000001"/></Coding></PlainTextSelection>'
        for n, (t, (a, b)) in enumerate(zip(times, [(0, 4), (5, 14), (15, 26), (27, 34)], strict=True), start=1))
    file = archive(tmp_path / "times.qdpx", source(1, "Interview", body),
                   {"sources/eeeeeeee-0000-0000-0000-000000000001.txt": GOOD})
    import_refi(project, file)
    assert set(project.codings()["created_at"]) == {"2024-05-06T07:08:09+00:00"}
