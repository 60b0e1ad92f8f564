"""Saturation: the cumulative code curve against an independent count on the demo, and Guest, Namey & Chen's
(2020) base size / run length / new-information threshold method on a worked example."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import docx
import pypdf
import pytest
from docx.text.paragraph import Paragraph

from qualcode.analysis.saturation import saturation_point
from qualcode.analysis.saturation import saturation_runs as ratio_runs
from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError
from qualcode.project import Project
from qualcode.project.saturation import (
    saturation_chart,
    saturation_curve,
    saturation_facts,
    saturation_runs,
    saturation_table,
)

from .markdown_reader import read as markdown_read
from .markdown_reader import render
from .test_report import HTML_OWN, MD_OWN, compile_latex

HTML_ELEMENTS = HTML_OWN | {"caption"}

# A hand-worked example, base 4, run 2, threshold 0.05 (5%). Codes are letters.
#
#   interview  codes                      new codes (not in any earlier interview)
#   1          a b c d e                  a b c d e
#   2          a b f g                    f g
#   3          c h i j                    h i j
#   4          a k l m n o p q r s t      k l m n o p q r s t
#   -- base: interviews 1-4, distinct codes a..t = 20 (the denominator, fixed)
#   5          a u                        u
#   6          b v                        v
#   7          w                          w
#   8          a                          -
#   9          b                          -
#   10         x                          x
#
#   run (interviews)  codes in the run not used before it   ratio
#   5-6               u v     = 2                           2/20 = 0.10   > 0.05
#   6-7               v w     = 2  (u came in 5)            2/20 = 0.10   > 0.05
#   7-8               w       = 1                           1/20 = 0.05   <= 0.05  -> saturation at interview 8
#   8-9               none    = 0                           0/20 = 0.00
#   9-10              x       = 1                           1/20 = 0.05
#
# With a threshold of 0 the first run without new codes is 8-9: saturation at interview 9.
WORKED = ["abcde", "abfg", "chij", "aklmnopqrst", "au", "bv", "w", "a", "b", "x"]
WORKED_RUNS = [(5, 6, 20, 2, 0.10, False), (6, 7, 20, 2, 0.10, False), (7, 8, 20, 1, 0.05, True),
               (8, 9, 20, 0, 0.0, True), (9, 10, 20, 1, 0.05, True)]


def test_worked_example_runs_and_point():
    runs = ratio_runs([set(s) for s in WORKED], base=4, run=2, threshold=0.05)
    got = [(r.run_start, r.run_end, r.base_codes, r.new_in_run, round(r.ratio, 10), r.below_threshold)
           for r in runs.itertuples()]
    assert got == WORKED_RUNS
    assert saturation_point(runs) == 8
    assert saturation_point(ratio_runs([set(s) for s in WORKED], base=4, run=2, threshold=0.0)) == 9


def test_worked_example_not_reached_and_too_short():
    # Base 2 (interviews 1-2: a..g = 7 codes), run 3, by hand:
    #   3-5: h i j, k..t, u = 14;  4-6: k..t, u v = 12;  5-7: u v w = 3;  6-8: v w = 2;  7-9: w = 1;
    #   8-10: x = 1. Every ratio is at least 1/7 > 0.05: saturation not reached.
    runs = ratio_runs([set(s) for s in WORKED], base=2, run=3, threshold=0.05)
    assert list(runs["run_start"]) == [3, 4, 5, 6, 7, 8]
    assert list(runs["new_in_run"]) == [14, 12, 3, 2, 1, 1]
    assert saturation_point(runs) is None
    assert ratio_runs([set(s) for s in WORKED[:5]], base=4, run=2).empty


@pytest.mark.parametrize("kwargs, field", [({"base": 0}, "base"), ({"run": 0}, "run"), ({"base": 2.5}, "base"),
                                           ({"threshold": 1.5}, "threshold"), ({"threshold": -0.1}, "threshold")])
def test_bad_parameters_name_the_field(kwargs, field):
    with pytest.raises(InputError, match=rf"^{field} "):
        ratio_runs([set("a")] * 8, **kwargs)


def _independent(path: Path, *, order_by_date: bool = False) -> dict[str | None, list[tuple[str, int, int]]]:
    """(document, cumulative codes, cumulative top-level codes) per interview, read with sqlite3 alone."""
    db = sqlite3.connect(path)
    parents = dict(db.execute("SELECT c.key, p.key FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"))

    def top(key: str) -> str:
        while parents.get(key):
            key = parents[key]
        return key

    docs = db.execute("""SELECT d.id, d.name, g.key, i.attributes FROM documents d
                         LEFT JOIN informants i ON i.id = d.informant_id LEFT JOIN groups g ON g.id = i.group_id
                         WHERE d.source_type = 'interview' ORDER BY d.id""").fetchall()
    codes: dict[int, set[str]] = {}
    for doc, key in db.execute("SELECT cg.document_id, c.key FROM codings cg JOIN codes c ON c.id = cg.code_id"):
        codes.setdefault(doc, set()).add(key)
    db.close()
    docs = [d for d in docs if d[0] in codes]
    if order_by_date:  # ISO dates sort as text
        docs.sort(key=lambda d: json.loads(d[3] or "{}").get("interview_date", "9999"))
    out: dict[str | None, list[tuple[str, int, int]]] = {}
    for group in [None, *sorted({d[2] for d in docs if d[2]})]:
        seen: set[str] = set()
        rows = []
        for doc, name, g, _ in docs:
            if group is None or g == group:
                seen |= codes[doc]
                rows.append((name, len(seen), len({top(k) for k in seen})))
        out[group] = rows
    return out


def test_curve_matches_independent_count_on_demo(demo_path):
    expected = _independent(demo_path)
    with Project.open(demo_path) as p:
        curve = saturation_curve(p)
        by_group = saturation_curve(p, by="group")
    got = list(zip(curve["document"], curve["cumulative_codes"], curve["cumulative_top_level"], strict=True))
    assert got == expected[None]
    assert list(curve["position"]) == list(range(1, len(expected[None]) + 1))
    assert curve["new_codes"].sum() == expected[None][-1][1]
    for group in ("agency", "community", "leadership"):
        part = by_group[by_group["group"] == group]
        got = list(zip(part["document"], part["cumulative_codes"], part["cumulative_top_level"], strict=True))
        assert got == expected[group], group


def test_curve_in_date_order_on_demo(demo_path):
    expected = _independent(demo_path, order_by_date=True)
    with Project.open(demo_path) as p:
        curve = saturation_curve(p, order="attribute:interview_date")
        dated = saturation_curve(p, order="attribute:interview_date", by="group")
    assert list(zip(curve["document"], curve["cumulative_codes"], curve["cumulative_top_level"], strict=True)) \
        == expected[None]
    assert list(curve["order_value"]) == sorted(curve["order_value"])
    leadership = dated[dated["group"] == "leadership"]
    assert [(d, c) for d, c, _ in expected["leadership"]] == list(zip(leadership["document"],
                                                                       leadership["cumulative_codes"], strict=True))


def _coded_interview(project: Project, tmp_path: Path, name: str, informant: str, code: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(f"Text of {name}.", encoding="utf-8")
    project.import_document(path, informant=informant, source_type="interview", name=name)
    project.add_coding(name, 0, 4, code, "rina")


def test_order_reads_dates_and_numbers_by_kind(project, tmp_path):
    """Dates by date and numbers by value, whatever their text: 10 comes after 9, 2021-03-02 after 2021-01-15."""
    project.add_informant("I-02", "community")
    project.edit_informant("I-01", attributes={"seen": "2021-03-02", "rank": "10"})
    project.edit_informant("I-09", attributes={"seen": "2021-01-15", "rank": "9"})
    project.edit_informant("I-02", attributes={"seen": "2021-02-01", "rank": "11"})
    project.set_attribute_type("seen", "date")
    project.set_attribute_type("rank", "number")
    _coded_interview(project, tmp_path, "first", "I-01", "A")
    _coded_interview(project, tmp_path, "second", "I-09", "B")
    _coded_interview(project, tmp_path, "third", "I-02", "A")
    assert list(saturation_curve(project)["document"]) == ["first", "second", "third"]
    assert list(saturation_curve(project, order="attribute:seen")["document"]) == ["second", "third", "first"]
    by_rank = saturation_curve(project, order="attribute:rank")
    assert list(by_rank["document"]) == ["second", "first", "third"]
    assert list(by_rank["cumulative_codes"]) == [1, 2, 2]


def test_runs_and_facts_on_demo_match_a_count_by_hand(demo_path):
    expected = _independent(demo_path)[None]
    cumulative = [c for _, c, _ in expected]
    with Project.open(demo_path) as p:
        runs = saturation_runs(p, base=4, run=2, threshold=0.05)
        facts = saturation_facts(p, base=4, run=2, threshold=0.05)
        table = saturation_table(p)
    base_codes = cumulative[3]
    # new codes in run start..end = cumulative after end minus cumulative before start
    want = [(s, s + 1, cumulative[s] - cumulative[s - 2]) for s in range(5, len(cumulative))]
    assert list(zip(runs["run_start"], runs["run_end"], runs["new_in_run"], strict=True)) == want
    assert set(runs["base_codes"]) == {base_codes}
    first = next(end for start, end, new in want if new / base_codes <= 0.05)
    assert facts["saturated_at"] == first
    assert facts["interviews"] == len(expected) and facts["codes_total"] == cumulative[-1]
    assert f"reached at interview {first}" in facts["statement"]
    assert "base size of 4 interviews" in facts["statement"] and "threshold of 5%" in facts["statement"]
    assert len(table.frame) == len(runs)


def test_empty_project_and_too_few(project):
    assert saturation_curve(project).empty
    assert saturation_runs(project).empty
    facts = saturation_facts(project)
    assert facts["interviews"] == 0 and facts["saturated_at"] is None
    assert "too few interviews" in facts["statement"]
    with pytest.raises(InputError, match="no coded interview"):
        saturation_chart(project)


def test_source_types_and_coders(demo_path):
    with Project.open(demo_path) as p:
        every = saturation_curve(p, source_types=None)
        documents = p.documents()
        rina = saturation_curve(p, coders=["rina"])
        rina_codings = p.codings(coders=["rina"])
    coded = set(documents[documents["codings"] > 0]["name"])
    assert set(every["document"]) == coded
    interviews = rina_codings[rina_codings["source_type"] == "interview"]
    assert rina["cumulative_codes"].iloc[-1] == interviews["code"].nunique()


@pytest.mark.parametrize("kwargs, pattern", [({"order": "attribute:nosuch"}, "nosuch"),
                                             ({"order": "by date"}, "order"),
                                             ({"by": "colour"}, "by")])
def test_bad_options_name_the_field(demo_path, kwargs, pattern):
    with Project.open(demo_path) as p, pytest.raises(InputError, match=pattern):
        saturation_curve(p, **kwargs)


def test_chart_marks_saturation(demo_path):
    with Project.open(demo_path) as p:
        spec = saturation_chart(p, labels={"position": "Wawancara"}, title="Saturasi").to_dict()
        facts = saturation_facts(p)
    assert spec["title"] == "Saturasi"
    texts = [layer for layer in spec["layer"] if layer["mark"].get("type") == "text"]
    assert texts and spec["layer"][0]["encoding"]["x"]["title"] == "Wawancara"
    marked = [v for data in spec["datasets"].values() for v in data if "label" in v]
    assert [v["position"] for v in marked] == [facts["saturated_at"]]


# -- the saturation table of the narrative report --------------------------------------------

HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> _x_ *y* [klik](http://evil.example) `k` ' \
          '# 50% & $5 ~ ^ {a} \\ | "kutip" 😀 ŋ'
COLUMNS = ["Run start", "Run end", "Codes in the base", "New codes in the run", "Saturation ratio",
           "At or below the threshold"]


def _run_values(cells: list[str]) -> tuple[int, int, int, int, float, bool]:
    """A row of the report's table read back as numbers: the ratio from its percentage, yes/no as a bool."""
    start, end, base, new, percent, below = (c.strip() for c in cells)
    assert percent.endswith("%") and below in ("yes", "no"), cells
    return int(start), int(end), int(base), int(new), float(percent[:-1]) / 100, below == "yes"


def _same_runs(got: list[tuple], want: list[tuple]) -> None:
    """Equal, the ratios to the 0.1 percentage point the table prints."""
    assert [g[:4] + g[5:] for g in got] == [w[:4] + w[5:] for w in want]
    assert all(abs(g[4] - w[4]) <= 0.0005 + 1e-12 for g, w in zip(got, want, strict=True)), (got, want)


class _Tables(HTMLParser):
    """Every element of a page, its text, and each table's caption and rows of cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.texts: list[str] = []
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = "".join(self._caption)
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.texts.append(data)
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def _html_tables(text: str) -> _Tables:
    reader = _Tables()
    reader.feed(text)
    reader.close()
    return reader


def _pdf_runs(pdf: Path) -> tuple[str, list[tuple]]:
    """The first page's text and the rows of the runs table on it (six figures on a line)."""
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    rows = re.findall(r"^(\d+) (\d+) (\d+) (\d+) ([\d.]+%) (yes|no)$", text, re.M)
    return text, [_run_values(list(row)) for row in rows]


def _written(project: Project, folder: Path) -> dict[str, Path]:
    from qualcode.project.report import export_report

    paths = {fmt: folder / f"report.{fmt}" for fmt in ("docx", "md", "tex", "html")}
    for fmt, path in paths.items():
        export_report(project, path, fmt)
    return paths


def test_report_tables_the_runs_in_every_format(demo_path, tmp_path):
    from qualcode.project.report import build_report

    with Project.open(demo_path) as p:  # the demo declares interview_date a date: the report orders by it
        runs = saturation_runs(p, order="attribute:interview_date")
        facts = saturation_facts(p, order="attribute:interview_date")
        report = build_report(p)
        paths = _written(p, tmp_path)
    want = [(int(r.run_start), int(r.run_end), int(r.base_codes), int(r.new_in_run), float(r.ratio),
             bool(r.below_threshold)) for r in runs.itertuples()]
    assert len(want) >= 5 and any(w[5] for w in want) and not all(w[5] for w in want)
    assert "Saturation" not in dict(report.details)  # the table's note states it
    (table,) = report.tables
    assert table.title == "Saturation (Guest, Namey & Chen 2020)" and table.note == facts["statement"]

    # Word: a table with a header row between its title and the statement
    document = docx.Document(str(paths["docx"]))
    first = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in first.rows]
    assert cells[0] == COLUMNS
    _same_runs([_run_values(row) for row in cells[1:]], want)
    assert all(run.bold for cell in first.rows[0].cells for run in cell.paragraphs[0].runs)
    body = list(document.element.body.iterchildren())
    at = body.index(first._tbl)
    assert Paragraph(body[at - 1], document).text == table.title
    assert Paragraph(body[at + 1], document).text == facts["statement"]

    # Markdown, as a renderer reads it: the first table of the page
    rows = markdown_read(paths["md"].read_text(encoding="utf-8")).rows
    assert rows[0] == COLUMNS
    _same_runs([_run_values(row) for row in rows[1:1 + len(want)]], want)

    # HTML: the first table, under its caption
    page = _html_tables(paths["html"].read_text(encoding="utf-8"))
    assert page.tables[0]["caption"] == table.title and page.tables[0]["rows"][0] == COLUMNS
    _same_runs([_run_values(row) for row in page.tables[0]["rows"][1:]], want)

    # LaTeX, compiled: the title page of the PDF
    compile_latex(paths["tex"].read_text(encoding="utf-8"), "pdflatex", tmp_path / "tex")
    text, pdf_rows = _pdf_runs(tmp_path / "tex" / "report.pdf")
    _same_runs(pdf_rows, want)
    assert table.title in text and "reached at interview" in text


def _worked_project(path: Path) -> Path:
    """The hand-worked example above as a project whose name, group and code names are markup."""
    with Project.create(path, name=f"Studi {HOSTILE}") as p:
        p.add_group("g", f"Grup {HOSTILE}")
        codes = sorted(set("".join(WORKED)))
        p.load_codebook(Codebook("w", [Code(c, f"Kode {c} {HOSTILE}") for c in codes]))
        for k, letters in enumerate(WORKED, start=1):
            p.add_informant(f"I-{k:02}", "g")
            file = path.parent / f"w{k}.txt"
            file.write_text(" ".join(f"Kalimat {c}." for c in letters) + "\n", encoding="utf-8")
            p.import_document(file, informant=f"I-{k:02}", name=f"w{k}")
            text = p.document(f"w{k}")["text"]
            for c in letters:
                start = text.index(f"Kalimat {c}.")
                p.add_coding(f"w{k}", start, start + len(f"Kalimat {c}."), c, "rina")
    return path


def test_report_table_of_the_worked_example_with_markup_everywhere(tmp_path):
    """The hand-worked runs in every format of a project whose every name is markup; the names stay text."""
    from qualcode.project.report import build_report

    with Project.open(_worked_project(tmp_path / "worked.qualcode")) as p:
        report = build_report(p)
        paths = _written(p, tmp_path)
    assert [_run_values(list(row)) for row in report.tables[0].rows] == WORKED_RUNS
    assert "reached at interview 8" in report.tables[0].note

    document = docx.Document(str(paths["docx"]))
    assert f"Studi {HOSTILE}" in [par.text for par in document.paragraphs]
    _same_runs([_run_values([c.text for c in row.cells]) for row in document.tables[0].rows[1:]], WORKED_RUNS)

    rendered = _html_tables(render(paths["md"].read_text(encoding="utf-8")))  # as a Markdown renderer shows it
    assert set(rendered.elements) <= MD_OWN, set(rendered.elements) - MD_OWN
    assert f"Studi {HOSTILE}" in "".join(rendered.texts)
    assert rendered.tables[0]["rows"][0] == COLUMNS
    _same_runs([_run_values(row) for row in rendered.tables[0]["rows"][1:]], WORKED_RUNS)
    # a group's counts further on: its name one cell of text
    assert any(row[0] == f"Grup {HOSTILE}" for t in rendered.tables[1:] for row in t["rows"])

    html_text = paths["html"].read_text(encoding="utf-8")
    page = _html_tables(html_text)
    assert set(page.elements) <= HTML_ELEMENTS, set(page.elements) - HTML_ELEMENTS
    assert "<script" not in html_text and f"Studi {HOSTILE}" in "".join(page.texts)
    _same_runs([_run_values(row) for row in page.tables[0]["rows"][1:]], WORKED_RUNS)

    compile_latex(paths["tex"].read_text(encoding="utf-8"), "pdflatex", tmp_path / "tex")
    text, pdf_rows = _pdf_runs(tmp_path / "tex" / "report.pdf")
    _same_runs(pdf_rows, WORKED_RUNS)
    assert "Saturation (Guest, Namey & Chen 2020)" in text and "# 50% & $5 ~ ^ {a}" in text


def test_report_with_too_few_interviews_states_it_without_a_table(project, tmp_path):
    from qualcode.project.report import build_report

    _coded_interview(project, tmp_path, "first", "I-01", "A")
    report = build_report(project)
    assert report.tables == []
    assert "too few interviews" in dict(report.details)["Saturation"]


def test_summary_table_refuses_rows_of_another_width():
    from qualcode.export.report import SummaryTable

    with pytest.raises(InputError, match="rows: row 2"):
        SummaryTable("T", ["a", "b"], [["1", "2"], ["3"]])
    with pytest.raises(InputError, match="align"):
        SummaryTable("T", ["a", "b"], [], align="lc")
