"""Selection positions from other programs land on the text the program meant.

The files are built by tests/refi_builder.py, which counts positions by encoding the text (UTF-16-LE
units, CRLF kept or not) rather than with qualcode's conversion; every imported quote is compared with
the passage the file was built to mark.
"""

from __future__ import annotations

import pytest

from qualcode.project import Project
from qualcode.refi import import_refi
from qualcode.refi.positions import CODE_POINTS, Reading, SourcePositions, known_reading

from .refi_builder import NVIVO_MAC, NVIVO_WINDOWS, PASSAGES, Style, interview_text, qdpx


def imported(tmp_path, style, **build):
    archive = qdpx(tmp_path / "in.qdpx", style, **build)
    with Project.create(tmp_path / "p.qualcode") as project:
        result = import_refi(project, archive, language="en")
        text = project.document("Interjú 1")["text"]
        codings = sorted((r.start, r.end, r.code, r.quote) for r in project.codings().itertuples())
    return result, text, codings


def expected_quotes():
    return sorted(passage for _code, passage in PASSAGES)


@pytest.mark.parametrize("style", [NVIVO_WINDOWS, NVIVO_MAC], ids=["windows", "mac"])
def test_nvivo_utf16_positions_land_on_every_passage(tmp_path, style):
    result, text, codings = imported(tmp_path, style)
    assert text == interview_text()  # BOM dropped, CRLF made LF, emoji kept
    assert sorted(quote for *_, quote in codings) == expected_quotes()
    assert all(text[start:end] == quote for start, end, _code, quote in codings)
    assert result.reading == Reading(utf16=True, crlf_as_two=True).describe()
    assert result.reading_basis.startswith("the usual reading of NVivo for")
    assert (result.selections, result.suspicious, result.warnings) == (len(PASSAGES), 0, [])
    assert any("UTF-16 code units" in line and "6 of 6 selections" in line for line in result.report_lines())


def test_read_as_code_points_the_same_nvivo_file_would_be_wrong(tmp_path):
    """The failure the reading prevents: the emoji before each passage shift code-point readings."""
    archive = qdpx(tmp_path / "in.qdpx", NVIVO_WINDOWS)
    with Project.create(tmp_path / "p.qualcode") as project:
        import_refi(project, archive)
    raw = interview_text().replace("\n", "\r\n")
    positions = SourcePositions("\ufeff" + raw)
    utf16 = len(raw[:raw.index("egy közös")].encode("utf-16-le")) // 2
    first = interview_text().index("egy közös")
    assert positions.offset(utf16, Reading(True, True)) == first
    assert positions.offset(utf16, CODE_POINTS) != first


@pytest.mark.parametrize("style, reading", [
    (Style("SomeQDA 3.1"), Reading(True, True)),
    (Style("SomeQDA 3.1", crlf_as_two=False), Reading(True, False)),
    (Style("SomeQDA 3.1", utf16=False), Reading(False, True)),
    (Style(None, utf16=False, crlf_as_two=False, bom=False), Reading(False, False)),
], ids=["utf16-crlf2", "utf16-crlf1", "codepoints-crlf2", "codepoints-crlf1-no-origin"])
def test_unknown_origin_reading_is_detected(tmp_path, style, reading):
    result, text, codings = imported(tmp_path, style)
    assert sorted(quote for *_, quote in codings) == expected_quotes()
    assert result.reading == reading.describe()
    assert result.reading_basis.startswith("detected from word boundaries")
    assert result.suspicious == 0 and result.warnings == []


def test_no_reading_fits_gives_a_warning_naming_the_count(tmp_path):
    result, _text, codings = imported(tmp_path, Style("SomeQDA 3.1"), shift=2, passages=PASSAGES[:5])
    assert len(codings) == 5  # imported, but not silently
    assert result.suspicious >= 4
    assert any(f"{result.suspicious} of 5 selections do not start and end on word boundaries" in w
               for w in result.warnings)


def test_a_known_origin_that_counted_otherwise_is_flagged(tmp_path):
    """An NVivo file whose positions are code points (say, a future NVivo): the warning says which reading fits."""
    style = Style("NVivo for Windows 14.0", utf16=False)
    result, *_ = imported(tmp_path, style)
    assert result.reading == Reading(True, True).describe()
    assert result.suspicious >= 4
    assert any("read as Unicode code points, a CRLF line end counted as two more of them would" in w
               for w in result.warnings)


def test_plain_text_without_emoji_or_crlf_needs_no_choice(tmp_path):
    text = "Satu dua tiga.\nEmpat lima enam.\n"
    style = Style("SomeQDA", crlf=False, bom=False)
    result, stored, codings = imported(tmp_path, style, text=text, passages=[("01", "dua tiga"), ("02", "lima")])
    assert [quote for *_, quote in codings] == ["dua tiga", "lima"]
    assert result.reading == CODE_POINTS.describe()
    assert result.reading_basis == "every reading puts the selections at the same place"


def test_positions_inside_a_surrogate_pair_do_not_fit():
    positions = SourcePositions("a😊b")
    reading = Reading(utf16=True, crlf_as_two=True)
    assert [positions.offset(p, reading) for p in range(5)] == [0, 1, 2, 2, 3]
    assert [positions.splits_pair(p, reading) for p in range(5)] == [False, False, True, False, False]
    assert positions.offset(5, reading) is None  # beyond the end


def test_crlf_and_utf16_together():
    raw = "x😊\r\ny😊\r\nz"
    positions = SourcePositions(raw)
    text = positions.text
    assert text == "x😊\ny😊\nz"
    for index, char in enumerate(raw):
        if char in "xyz":
            unit = len(raw[:index].encode("utf-16-le")) // 2
            assert text[positions.offset(unit, Reading(True, True))] == char


def test_known_origins():
    assert known_reading("NVivo for Mac 15.0.0") == Reading(True, True)
    assert known_reading("nvivo 12") == Reading(True, True)
    assert known_reading("qualcode 0.3.0") == CODE_POINTS
    assert known_reading("QualCoder 3.6") == Reading(False, False)
    assert known_reading("qc 1.7.8") == Reading(False, False)
    assert known_reading("qcat 2") is None
    assert known_reading("MAXQDA 24 (Release 24.7.0)") is None
    assert known_reading("ATLAS.ti for Windows 23.2.3.27778") is None
    assert known_reading(None) is None


def test_spans_that_ignore_words_keep_the_standard_reading(tmp_path):
    """Selections cut inside words fit every reading about equally badly: the standard's reading is kept (with a
    warning), rather than one that happens to fit a few more."""
    words = [w.strip(".,?:") for w in dict.fromkeys(interview_text().split())]
    inside = [("01", w[3:-3]) for w in words if len(w) >= 9 and interview_text().count(w[3:-3]) == 1]
    assert len(inside) >= 10
    result, _text, codings = imported(tmp_path, Style("SomeQDA 3.1", utf16=False, crlf=False), passages=inside)
    assert sorted(quote for *_, quote in codings) == sorted(p for _c, p in inside)
    assert result.reading == CODE_POINTS.describe()
    assert result.suspicious == len(inside) and result.warnings
