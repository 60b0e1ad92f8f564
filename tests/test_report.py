"""The narrative report and the paper layout of the quote table, read back as their readers read them: Word
through python-docx, Markdown rendered by markdown-it-py, HTML by the standard library's parser, LaTeX
compiled by pdflatex and lualatex. Expected values come from Project.codings() and the codebook, not from
the report's own builder."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from qualcode.cli import main
from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError, NotFoundError
from qualcode.export.report import Quote, Report, Section, lines_of, write_report
from qualcode.project import Project
from qualcode.project.report import build_report, export_report, select_quotes

from .conftest import copy_project
from .markdown_reader import render

RATIONALE_OLD = "Only agencies say so."
RATIONALE = "Every group speaks of trust & of <b>distrust</b>, *equally*."
PAIR = "Community and agencies contradict each other."
HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> _x_ *y* [klik](http://evil.example) `k` ' \
          '# 50% & $5 ~ ^ {a} \\ | "kutip" 😀 ŋ'
# a citation at the end of a block quote; no line break after "s." or "ll." (a no-break space)
CITE = re.compile(r" \((?P<who>[^,()]+), (?P<group>[^,()]+), (?P<ref>(?:ss?|ll?)\.\u00a0[0-9]+(?:–[0-9]+)?)\)$")


# -- fixtures -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    """The demo with verdicts: on E3.1 an older and a newer whole-code verdict and a pairwise one."""
    path = copy_project(demo_path, tmp_path_factory.mktemp("report") / "demo.qualcode")
    with Project.open(path) as p:
        p.set_verdict("E3.1", "dissonance", supervisor="sari", rationale=RATIONALE_OLD)
        p.set_verdict("E3.1", "agreement", supervisor="sari", rationale=RATIONALE)
        p.set_verdict("E3.1", "dissonance", supervisor="sari", rationale=PAIR, groups=["agency", "community"])
    return path


@pytest.fixture(scope="module")
def demo_docx(demo, tmp_path_factory) -> docx.Document:
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    with Project.open(demo) as p:
        export_report(p, out)
    return docx.Document(str(out))


@pytest.fixture
def hostile(tmp_path) -> Path:
    """A project whose every name and text is markup in some format: group, code, definition, memo, verdict,
    project name and the transcript itself."""
    path = tmp_path / "hostile.qualcode"
    with Project.create(path, name=f"Studi {HOSTILE}") as p:
        p.add_group("g", f"Grup {HOSTILE}")
        p.add_informant("I-1", "g")
        p.load_codebook(Codebook("t", [Code("K", f"Kode {HOSTILE}", definition=f"Definisi {HOSTILE}",
                                            include=f"Masuk {HOSTILE}", exclude=f"Keluar {HOSTILE}")]))
        file = tmp_path / "w.txt"
        file.write_text(f"Informan: {HOSTILE}\n\n# Judul\n1. satu\n> kutip\n- butir\n", encoding="utf-8")
        p.import_document(file, informant="I-1", name="w")
        text = p.document("w")["text"]
        p.add_coding("w", 0, len(text.rstrip("\n")), "K", "rina", memo=f"Memo {HOSTILE}")
        p.set_verdict("K", "silence", supervisor="sari", rationale=f"Alasan {HOSTILE}")
    return path


# -- readers ------------------------------------------------------------------------------

def docx_blocks(document) -> list[tuple[str, object]]:
    """The body in order: ("p", Paragraph) and ("table", rows of cell texts read from the XML)."""
    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            blocks.append(("p", Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            table = DocxTable(child, document)
            rows = [[_Cell(tc, table).text for tc in tr.tc_lst] for tr in child.tr_lst]
            blocks.append(("table", rows))
    return blocks


def docx_sections(document) -> list[dict]:
    """Each heading (Heading N) with what follows it: quotes (Quote style), the paragraph after each quote
    (its memo, if it starts so), other paragraphs and tables."""
    sections: list[dict] = []
    for kind, item in docx_blocks(document):
        if kind == "p" and item.style.name.startswith("Heading"):
            sections.append({"heading": item.text, "level": int(item.style.name.split()[-1]), "quotes": [],
                             "memos": {}, "paragraphs": [], "tables": []})
        elif not sections:
            continue
        elif kind == "table":
            sections[-1]["tables"].append(item)
        elif item.style.name == "Quote":
            sections[-1]["quotes"].append(item.text)
        elif item.text.startswith("Memo.") and sections[-1]["quotes"]:
            sections[-1]["memos"][len(sections[-1]["quotes"]) - 1] = item.text
        elif item.text:
            sections[-1]["paragraphs"].append(item.text)
    return sections


class HTMLSections(HTMLParser):
    """Every element of an HTML page, and per h2-h5 heading the texts of its block quotes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.sections: list[dict] = []
        self.texts: list[str] = []
        self._heading: list[str] | None = None
        self._quote: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag in ("h2", "h3", "h4", "h5"):
            self._heading = []
        elif tag == "blockquote":
            self._quote = []
        elif tag == "p" and self._quote:
            self._quote.append("\n")

    def handle_endtag(self, tag):
        if tag in ("h2", "h3", "h4", "h5") and self._heading is not None:
            self.sections.append({"heading": "".join(self._heading), "quotes": []})
            self._heading = None
        elif tag == "blockquote" and self._quote is not None:
            self.sections[-1]["quotes"].append("".join(self._quote).strip("\n"))
            self._quote = None

    def handle_data(self, data):
        self.texts.append(data)
        for part in (self._heading, self._quote):
            if part is not None:
                part.append(data)


def read_html(text: str) -> HTMLSections:
    reader = HTMLSections()
    reader.feed(text)
    reader.close()
    return reader


def split_quote(text: str) -> tuple[str, dict]:
    """A block quote's passage and its citation's fields."""
    match = CITE.search(text)
    assert match, f"no citation at the end of {text[-80:]!r}"
    return text[:match.start()], match.groupdict()


def passages(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per passage (code, document, start, end), as a quote is, counted independently."""
    return codings.groupby(["code", "document", "start", "end"], as_index=False).agg(
        quote=("quote", "first"), informant=("informant", "first"), group=("group", "first"),
        memos=("memo", lambda m: [x for x in m if isinstance(x, str) and x.strip()]),
        exemplar=("exemplar", "any"))


def quoted(text: str) -> str:
    return "\n".join(lines_of(text))


# -- the demo in Word ----------------------------------------------------------------------

def test_word_report_has_a_chapter_per_code_and_a_section_per_sub_code_in_codebook_order(demo, demo_docx):
    with Project.open(demo) as p:
        codes = p.codes()
        name = p.name
    sections = docx_sections(demo_docx)
    expected = [(f"{k} {n}", 2 if isinstance(parent, str) else 1)
                for k, n, parent in zip(codes["key"], codes["name"], codes["parent"], strict=True)]
    assert [(s["heading"], s["level"]) for s in sections] == expected
    title = [p for p in demo_docx.paragraphs if p.style.name == "Title"]
    assert [p.text for p in title] == [name]
    assert any(p.style.name == "Subtitle" for p in demo_docx.paragraphs)


def test_word_report_has_a_contents_field_with_every_heading(demo_docx):
    body = demo_docx.element.body
    instructions = [t.text for t in body.iter(qn("w:instrText"))]
    assert any(re.match(r'\s*TOC \\o "1-3"', t) for t in instructions)
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds.count("begin") == kinds.count("end") >= 1
    entries = [p.text for p in demo_docx.paragraphs if p.style.name.startswith("toc ")]
    headings = [s["heading"] for s in docx_sections(demo_docx)]
    assert entries == headings
    flag = demo_docx.settings.element.find(qn("w:updateFields"))
    assert flag is not None and flag.get(qn("w:val")) == "true"  # Word fills in the page numbers on opening


def test_word_report_quotes_every_passage_under_its_code_with_its_citation_and_memos(demo, demo_docx):
    with Project.open(demo) as p:
        expected = passages(p.codings())
    sections = {s["heading"].split()[0]: s for s in docx_sections(demo_docx)}
    assert sum(len(s["quotes"]) for s in sections.values()) == len(expected)
    for code, part in expected.groupby("code"):
        section = sections[code]
        shown = [split_quote(q) for q in section["quotes"]]
        assert len(shown) == len(part)
        for row in part.itertuples():
            i = next(i for i, (text, _) in enumerate(shown) if text == quoted(row.quote))
            fields = shown[i][1]
            assert fields["who"] == (row.informant if isinstance(row.informant, str) else row.document.replace(
                "(", "[").replace(")", "]"))
            if isinstance(row.group, str):
                assert fields["group"] == row.group
            for memo in row.memos:
                assert memo in section["memos"][i]
    memos = sum(len(s["memos"]) for s in sections.values())
    assert memos == sum(1 for m in expected["memos"] if m) > 0


def test_word_report_gives_definitions_counts_coverage_and_the_latest_verdicts(demo, demo_docx):
    with Project.open(demo) as p:
        codes = p.codes().set_index("key")
        codings = p.codings()
        groups = p.groups()
    sections = {s["heading"].split()[0]: s for s in docx_sections(demo_docx)}
    trust = sections["E3.1"]
    assert f"Definition. {' '.join(codes.at['E3.1', 'definition'].split())}" in trust["paragraphs"]
    # counts per group, counted here from the codings
    own = codings[codings["code"] == "E3.1"]
    want = [[name, str((own["group"] == key).sum()), str(own[own["group"] == key]["informant"].nunique())]
            for key, name in zip(groups["key"], groups["name"], strict=True)]
    rows = trust["tables"][0]
    assert rows[0] == ["Informant group", "Codings", "Informants"]
    assert rows[1:1 + len(want)] == want
    assert rows[-1][:2] == ["Total", str(len(own))]
    # the latest whole-code verdict, then the pair's
    whole = next(t for t in trust["paragraphs"] if t.startswith("Verdict: "))
    assert re.fullmatch(rf"Verdict: agreement: {re.escape(RATIONALE)} \(sari, \d{{1,2}} [A-Z][a-z]+ \d{{4}}\)\.", whole)
    assert not any(RATIONALE_OLD in t for t in trust["paragraphs"])
    pair = next(t for t in trust["paragraphs"] if t.startswith("Verdict (Community and stakeholders and Related "))
    assert "dissonance" in pair and PAIR in pair
    assert "Verdict: no verdict yet." in sections["E3.2"]["paragraphs"]
    # coverage from the groups that have codings of the code
    for code in ("E2.4", "E3.1", "E4.3"):
        present = [g for g in groups["key"] if ((codings["code"] == code) & (codings["group"] == g)).any()]
        label = ("silent" if not present else f"all {len(groups)} groups" if len(present) == len(groups)
                 else f"one group only: {present[0]}" if len(present) == 1 else f"{len(present)} of {len(groups)} "
                 "groups")
        assert f"Coverage: {label}" in sections[code]["paragraphs"], code
    # a parent without codings of its own counts its sub-codes and lists no quotes itself
    family = codings[codings["code"].str.startswith("E3.")]
    parent = sections["E3"]
    assert parent["tables"][0][-1][:2] == ["Total", str(len(family))]
    assert "Counted with its sub-codes." in parent["paragraphs"] and not parent["quotes"]
    assert "No coded passages." in sections["E4.3"]["paragraphs"]  # a sub-code nobody coded says so


# -- exemplars and filters ----------------------------------------------------------------

def md_sections(text: str) -> dict[str, list[str]]:
    """Code key -> its block quotes, from the Markdown as markdown-it-py renders it."""
    return {s["heading"].split()[0]: s["quotes"] for s in read_html(render(text)).sections}


def test_exemplars_only_are_exactly_the_flagged_passages(demo, tmp_path):
    path = copy_project(demo, tmp_path / "flags.qualcode")
    with Project.open(path) as p:
        codings = p.codings()
        chosen = [codings[codings["code"] == "E3.1"].iloc[2], codings[codings["code"] == "E8.5"].iloc[0]]
        for row in chosen:
            p.set_exemplar(int(row["id"]))
        out = io.StringIO()
        export_report(p, out, "md", exemplars="only")
    shown = {(code, split_quote(q)[0]) for code, quotes in md_sections(out.getvalue()).items() for q in quotes}
    assert shown == {(row["code"], quoted(row["quote"])) for row in chosen}


def test_n_per_informant_keeps_at_most_n_with_exemplars_first(demo, tmp_path):
    path = copy_project(demo, tmp_path / "n.qualcode")
    with Project.open(path) as p:
        codings = p.codings()
        every = passages(codings)
        # an informant with several passages of one code: flag their last one
        many = every[every["informant"].notna()].groupby(["code", "informant"]).filter(lambda g: len(g) >= 3)
        code, informant = many.iloc[0]["code"], many.iloc[0]["informant"]
        last = codings[(codings["code"] == code) & (codings["informant"] == informant)].sort_values(
            ["document", "start"]).iloc[-1]
        p.set_exemplar(int(last["id"]))
        out = io.StringIO()
        export_report(p, out, "md", exemplars=2)
    sections = md_sections(out.getvalue())
    per = {}
    for key, quotes in sections.items():
        for q in quotes:
            text, fields = split_quote(q)
            per.setdefault((key, fields["who"]), []).append(text)
    assert max(len(v) for v in per.values()) <= 2
    want = every.assign(who=every["informant"].fillna(every["document"].str.replace("(", "[").str.replace(")", "]")))
    counts = want.groupby(["code", "who"]).size()
    assert {k: len(v) for k, v in per.items()} == {k: min(2, n) for k, n in counts.items()}
    assert quoted(last["quote"]) in per[(code, informant)]  # the exemplar made it in although it comes last
    one = io.StringIO()
    with Project.open(path) as p:
        export_report(p, one, "md", exemplars="1", codes=[code])
    assert [split_quote(q)[0] for q in md_sections(one.getvalue())[code]
            if split_quote(q)[1]["who"] == informant] == [quoted(last["quote"])]


def test_select_quotes_ranks_exemplars_first_and_keeps_reading_order():
    quotes = pd.DataFrame({"code": ["A"] * 4 + ["B"], "informant": ["I-1", "I-1", "I-1", None, None],
                           "document": ["d", "d", "d", "obs", "obs"], "quote": list("pqrst"),
                           "exemplar": [False, False, True, False, True]})
    assert select_quotes(quotes, 2)["quote"].tolist() == ["p", "r", "s", "t"]
    assert select_quotes(quotes, "only")["quote"].tolist() == ["r", "t"]
    assert select_quotes(quotes, "all")["quote"].tolist() == list("pqrst")
    for bad in (0, "-1", "some", 1.5, True):
        with pytest.raises(InputError, match="exemplars"):
            select_quotes(quotes, bad)


def test_filters_by_codes_groups_and_coders_match_the_codings(demo, tmp_path):
    out = tmp_path / "filtered.docx"
    result = CliRunner().invoke(main, ["report", str(demo), "-o", str(out), "--codes", "E3", "--groups",
                                       "community", "--coders", "rina"])
    assert result.exit_code == 0, result.output
    with Project.open(demo) as p:
        codings = p.codings(coders=["rina"])
        codes = p.codes()
    family = [k for k, parent in zip(codes["key"], codes["parent"], strict=True) if k == "E3" or parent == "E3"]
    kept = codings[codings["code"].isin(family) & (codings["group"] == "community")]
    sections = docx_sections(docx.Document(str(out)))
    assert [s["heading"].split()[0] for s in sections] == family
    expected = passages(kept)
    for section in sections:
        key = section["heading"].split()[0]
        mine = kept if key == "E3" else kept[kept["code"] == key]
        assert section["tables"][0][1] == ["Community and stakeholders", str(len(mine)),
                                           str(mine["informant"].nunique())]
        assert len(section["tables"][0]) == 2  # one group: no other rows, no total
        assert sorted(split_quote(q)[0] for q in section["quotes"]) == sorted(
            quoted(q) for q in expected[expected["code"] == key]["quote"])
        assert all(split_quote(q)[1]["group"] == "community" for q in section["quotes"])


def test_a_chosen_sub_code_keeps_its_parent_as_a_heading_only(demo):
    with Project.open(demo) as p:
        report = build_report(p, codes=["E5.4"])
    assert [(s.key, s.level, s.show_verdict) for s in report.sections] == [("E5", 1, False), ("E5.4", 2, True)]
    assert report.sections[0].quotes is None and not report.sections[0].counts


def test_bad_filters_name_what_is_wrong(demo):
    with Project.open(demo) as p:
        with pytest.raises(NotFoundError, match="unknown code 'E9'"):
            build_report(p, codes=["E9"])
        with pytest.raises(NotFoundError, match="unknown group 'x'"):
            build_report(p, groups=["x"])
        with pytest.raises(NotFoundError, match="unknown coder 'zed'"):
            build_report(p, coders=["zed"])
        with pytest.raises(InputError, match="report layout"):
            build_report(p, layout="poster")
        with pytest.raises(InputError, match="report format"):
            export_report(p, io.BytesIO(), "pdf")


# -- escaping -----------------------------------------------------------------------------

MD_OWN = {"h1", "h2", "h3", "h4", "h5", "p", "ul", "li", "strong", "em", "blockquote", "table", "thead", "tbody",
          "tr", "th", "td", "br"}
HTML_OWN = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "h5", "p", "dl",
            "dt", "dd", "nav", "ul", "li", "a", "section", "strong", "em", "table", "tr", "th", "td",
            "blockquote", "cite", "br"}


def test_markdown_report_renders_user_text_as_text(hostile):
    with Project.open(hostile) as p:
        out = io.StringIO()
        export_report(p, out, "md")
    page = read_html(render(out.getvalue()))
    assert set(page.elements) <= MD_OWN, set(page.elements) - MD_OWN
    text = "".join(page.texts)
    for piece in (f"Studi {HOSTILE}", f"K Kode {HOSTILE}", f"Definisi {HOSTILE}", f"Memo {HOSTILE}",
                  f"Alasan {HOSTILE}", f"Grup {HOSTILE}", f"Informan: {HOSTILE}", "# Judul", "1. satu", "> kutip"):
        assert piece in text, piece


def test_html_report_escapes_user_text(hostile):
    with Project.open(hostile) as p:
        out = io.StringIO()
        export_report(p, out, "html")
    page = read_html(out.getvalue())
    assert set(page.elements) <= HTML_OWN, set(page.elements) - HTML_OWN
    assert page.elements.count("blockquote") == 1
    text = "".join(page.texts)
    for piece in (f"Studi {HOSTILE}", f"Definisi {HOSTILE}", f"Memo {HOSTILE}", f"Alasan {HOSTILE}",
                  f"Informan: {HOSTILE}"):
        assert piece in text, piece
    assert "<script" not in out.getvalue() and "onerror=" not in out.getvalue().replace("onerror=&quot;", "")


def test_word_report_keeps_user_text_and_drops_what_xml_cannot_hold(tmp_path):
    report = Report("Judul \x07 <b>", [Section("K", "Kode\x0b", definition="a\x00b",
                                                quotes=[Quote("sa\x01tu\n\ndua", "(I-1, g, s. 1)", "m\x02")])])
    out = tmp_path / "control.docx"
    write_report(report, out)
    document = docx.Document(str(out))
    assert document.paragraphs[6].text == "Judul \ufffd <b>"
    section = docx_sections(document)[0]
    assert section["quotes"] == ["sa\ufffdtu\ndua (I-1, g, s.\u00a01)"]
    assert section["memos"][0] == "Memo. m\ufffd"


# -- LaTeX, compiled ------------------------------------------------------------------------

def compile_latex(tex: str, engine: str, where: Path) -> str:
    """Compile ``tex`` twice (the contents need a second run) with ``engine``; the log. Fails on an error or on
    an overfull box wider than 3 pt."""
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed")
    where.mkdir(parents=True, exist_ok=True)
    (where / "report.tex").write_text(tex, encoding="utf-8")
    for _ in range(2):
        run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "report.tex"],
                             cwd=where, capture_output=True, timeout=600)
        log = (where / "report.log").read_text(encoding="utf-8", errors="replace")
        assert run.returncode == 0, log[-3000:]
    overfull = [float(w) for w in re.findall(r"Overfull \\[hv]box \(([0-9.]+)pt too", log)]
    assert all(w <= 3 for w in overfull), overfull
    assert (where / "report.pdf").stat().st_size > 1000
    return log


@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_demo_report_compiles_with_contents(demo, tmp_path, engine):
    with Project.open(demo) as p:
        out = io.StringIO()
        export_report(p, out, "tex", latex_engine=engine)
        keys = p.codes()["key"].tolist()
    tex = out.getvalue()
    assert r"\tableofcontents" in tex and tex.count(r"\begin{quote}") > 400
    compile_latex(tex, engine, tmp_path / engine)
    toc = (tmp_path / engine / "report.toc").read_text(encoding="utf-8")
    assert [k for k in keys if f"{{{k} " in toc] == keys  # every code in the contents


@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_hostile_report_compiles(hostile, tmp_path, engine):
    with Project.open(hostile) as p:
        out = io.StringIO()
        export_report(p, out, "tex", latex_engine=engine)
    compile_latex(out.getvalue(), engine, tmp_path / engine)


# -- the paper layout of the quote table ------------------------------------------------------

def test_paper_layout_is_headings_and_quotes_only(demo, tmp_path):
    out = tmp_path / "quotes.md"
    result = CliRunner().invoke(main, ["export", str(demo), "quotes", "-o", str(out), "--layout", "paper",
                                       "--coders", "budi"])
    assert result.exit_code == 0, result.output
    with Project.open(demo) as p:
        codings = p.codings(coders=["budi"])
        codes = p.codes()
    page = read_html(render(out.read_text(encoding="utf-8")))
    quoted_codes = set(codings["code"])
    parents = {p_ for k, p_ in zip(codes["key"], codes["parent"], strict=True) if k in quoted_codes and
               isinstance(p_, str)}
    assert [s["heading"].split()[0] for s in page.sections] == [k for k in codes["key"]
                                                                if k in quoted_codes | parents]
    assert sum(len(s["quotes"]) for s in page.sections) == len(passages(codings))
    assert "table" not in page.elements and "Definition." not in "".join(page.texts)
    assert "Quotes by code and group" in "".join(page.texts)
    for fmt in ("docx", "tex", "html"):
        result = CliRunner().invoke(main, ["export", str(demo), "quotes", "-o", str(tmp_path / f"q.{fmt}"),
                                           "--layout", "paper"])
        assert result.exit_code == 0, result.output
    assert not docx.Document(str(tmp_path / "q.docx")).tables
    refused = CliRunner().invoke(main, ["export", str(demo), "matrix", "-o", str(tmp_path / "m.md"), "--layout",
                                        "paper"])
    assert refused.exit_code == 2 and "quotes table only" in refused.output
    refused = CliRunner().invoke(main, ["export", str(demo), "quotes", "-o", str(tmp_path / "q.csv"), "--layout",
                                        "paper"])
    assert refused.exit_code == 2 and "not csv" in refused.output


def test_title_page_counts_in_the_singular_and_plural(tmp_path, transcript):
    from qualcode.project.report import build_report

    with Project.create(tmp_path / "one.qualcode", name="One") as p:
        p.add_group("community", "Community")
        p.add_informant("I-01", "community")
        p.import_document(transcript, informant="I-01")
        assert dict(build_report(p).details)["Data"] == "1 document from 1 informant in 1 informant group"
        p.add_group("agency", "Agency")
        p.add_informant("I-02", "agency")
        assert dict(build_report(p).details)["Data"] == "1 document from 2 informants in 2 informant groups"
