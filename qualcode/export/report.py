"""The narrative report: a document with a title page, contents, a chapter per code and a section per sub-code.

Each section gives what the codebook says about the code (definition, include, exclude), how often each
informant group speaks of it, where it is present and what the supervisor judged, then its quotes as block
quotes with their citations and memos: what MAXQDA's Smart Publisher or NVivo's coding summary give.
Written as Word (real Heading 1/2 styles, a contents field, the Quote style), Markdown, LaTeX (a complete
document) or HTML (a standalone page). User text is always text: escaped for Markdown, LaTeX and HTML.

Pure: the writers take a :class:`Report` of plain values; :mod:`qualcode.project.report` builds one from
a project. The "paper" layout of the quote table is a report with everything but its headings and quotes
switched off.

Example
-------
>>> import io
>>> report = Report("Study", [Section("E1", "Trust", quotes=[Quote("Kami percaya.", "(I-01, community)")])],
...                 title_page=False, contents=False)
>>> out = io.StringIO()
>>> write_report(report, out, "md")
>>> print(out.getvalue(), end="")
# Study
<BLANKLINE>
## E1 Trust
<BLANKLINE>
> Kami percaya. (I-01, community)
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .latex import check_engine
from .tables import file_format, latex_escape, markdown_escape

REPORT_FORMATS = ("docx", "md", "tex", "html")
SUFFIX_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex", ".html": "html", ".htm": "html"}
#: The words a report prints around the project's own text.
WORDS = {
    "contents": "Contents", "definition": "Definition.", "include": "Include.", "exclude": "Exclude.",
    "group": "Informant group", "codings": "Codings", "informants": "Informants", "total": "Total",
    "coverage": "Coverage:", "verdict": "Verdict:", "no_verdict": "no verdict yet.", "memo": "Memo.",
    "no_quotes": "No coded passages.",
}
Target = str | Path | IO[str] | IO[bytes]


@dataclass(frozen=True)
class Quote:
    """One quoted passage: its text, its citation ("(I-01, community, l. 29)") and its memo, if any."""

    text: str
    citation: str = ""
    memo: str | None = None


@dataclass(frozen=True)
class GroupCount:
    """How often one informant group speaks of a code: its codings and the informants they come from
    (None where that means nothing: codings of documents without an informant)."""

    group: str
    codings: int
    informants: int | None


@dataclass(frozen=True)
class Verdict:
    """The supervisor's latest verdict on a code ("partial agreement"), or on the code between two groups
    (``between``: "Community and Related agencies")."""

    verdict: str
    rationale: str = ""
    by: str = ""
    at: str = ""
    between: str = ""


@dataclass(frozen=True)
class Section:
    """A code's part of the report: a chapter (``level`` 1), a section (2) or a subsection (3 and deeper).

    Everything but the heading is optional: a section with only ``quotes`` prints its heading and quotes.
    ``counts`` is the table of codings and informants by group (with ``counts_note`` under it, say "with
    sub-codes"); ``pattern`` the coverage ("all 3 groups"); ``show_verdict`` prints ``verdict`` (or that
    there is none) and the ``pair_verdicts``; ``quotes`` None prints no quotes part at all, an empty list
    says there are none.
    """

    key: str
    name: str | None
    level: int = 1
    definition: str | None = None
    include: str | None = None
    exclude: str | None = None
    counts: Sequence[GroupCount] = ()
    counts_note: str | None = None
    pattern: str | None = None
    verdict: Verdict | None = None
    pair_verdicts: Sequence[Verdict] = ()
    show_verdict: bool = False
    quotes: Sequence[Quote] | None = None

    @property
    def heading(self) -> str:
        name = " ".join(str(self.name or "").split())
        return f"{self.key} {name}".strip() if name and name != self.key else str(self.key)


@dataclass(frozen=True)
class SummaryTable:
    """A table of the report's opening, printed after the title page's details: a ``title`` over it, the
    ``columns``' headings, the ``rows`` as they print (cell texts) and a ``note`` under it.

    ``align`` holds each column's alignment, ``l`` or ``r``; by default the first column left and the others
    right, as in the tables of counts.

    Raises
    ------
    InputError
        A row or ``align`` of another length than ``columns``, or an alignment other than ``l`` and ``r``.
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    note: str | None = None
    align: str | None = None

    def __post_init__(self) -> None:
        n = len(self.columns)
        for k, row in enumerate(self.rows, start=1):
            if len(row) != n:
                raise InputError(f"rows: row {k} of table {self.title!r} has {len(row)} cells, expected {n}")
        if self.align is not None and (len(self.align) != n or set(self.align) - {"l", "r"}):
            raise InputError(f"align: expected one of l or r for each of the {n} columns, got {self.align!r}")

    @property
    def right(self) -> list[bool]:
        """Whether each column is aligned right."""
        if self.align is not None:
            return [a == "r" for a in self.align]
        return [k > 0 for k in range(len(self.columns))]


@dataclass(frozen=True)
class Report:
    """A report: a title, the sections in order, and what opens it.

    ``details`` are (label, value) lines of the title page (date, coders, counts); ``tables`` follow them
    (:class:`SummaryTable`: the saturation runs); ``notes`` a paragraph after those (what a citation counts,
    which filters were used). ``title_page`` False prints the title as
    the first line instead of on a page of its own; ``contents`` False leaves out the table of contents.
    """

    title: str
    sections: Sequence[Section]
    subtitle: str | None = None
    details: Sequence[tuple[str, str]] = ()
    tables: Sequence[SummaryTable] = ()
    notes: str | None = None
    title_page: bool = True
    contents: bool = True
    words: dict[str, str] = field(default_factory=lambda: dict(WORDS))


def write_report(report: Report, path_or_file: Target, fmt: str | None = None, *,
                 latex_engine: str = "pdflatex") -> None:
    """Write ``report`` to a path or an open file.

    Parameters
    ----------
    report : Report
    path_or_file : str, Path or file object
        DOCX needs a path or a binary file; the others take text or binary files (UTF-8).
    fmt : {"docx", "md", "tex", "html"}, optional
        Default: from the suffix of the path (.docx, .md, .markdown, .tex, .html, .htm).
    latex_engine : {"pdflatex", "lualatex", "xelatex"}
        The engine the LaTeX file is for: its preamble (fontenc and inputenc, or fontspec), and for
        pdflatex the characters it cannot typeset replaced (see :func:`qualcode.export.tables.latex_escape`).

    Raises
    ------
    InputError
        Unknown format or engine, no format and no known suffix, or DOCX to a text stream.
    """
    fmt = _format(path_or_file, fmt)
    latex_engine = check_engine(latex_engine)
    if fmt == "docx":
        _write_docx(report, path_or_file)
        return
    if fmt == "md":
        text = markdown_report(report)
    elif fmt == "tex":
        text = latex_report(report, engine=latex_engine)
    else:
        text = html_report(report)
    _write_text(text, path_or_file)


def report_bytes(report: Report, fmt: str, *, latex_engine: str = "pdflatex") -> bytes:
    """The report written in ``fmt`` as bytes (for a download)."""
    buffer = io.BytesIO()
    write_report(report, buffer, fmt, latex_engine=latex_engine)
    return buffer.getvalue()


# -- the parts every format prints ----------------------------------------------------------

def lines_of(text: str | None) -> list[str]:
    """A passage's lines without blank ones and surrounding spaces: how a block quote prints it.

    >>> lines_of("Informan: ya.\\r\\n\\n  Betul. ")
    ['Informan: ya.', 'Betul.']
    """
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def docx_details(doc: Any, details: Sequence[tuple[str, str]]) -> None:
    """The "Label: value" lines of a Word title page, the label bold (the report's and the appendix's)."""
    from docx.shared import Pt  # python-docx only when Word is written

    for label, value in details:
        line = doc.add_paragraph()
        line.paragraph_format.space_after = Pt(2)
        line.add_run(_xml_text(f"{label}: ")).bold = True
        line.add_run(_xml_text(_one_line(value)))


def _one_line(text: str | None) -> str:
    return " ".join(str(text or "").split())


_REFERENCE = re.compile(r"\b(ss?|ll?)\. (?=\d)")


def _citation(text: str | None) -> str:
    """A citation on one line, its "s. 12" or "ll. 29–31" never broken after the abbreviation."""
    return _REFERENCE.sub("\\1.\u00a0", _one_line(text))


def _verdict_text(verdict: Verdict | None, words: dict[str, str]) -> str:
    """"partial agreement: rationale (rina, 2026-12-03 06:11 UTC)." or the words for no verdict."""
    if verdict is None or not verdict.verdict:
        return words["no_verdict"]
    text = verdict.verdict
    if verdict.rationale.strip():
        text += f": {_one_line(verdict.rationale)}"
    who = ", ".join(p for p in (verdict.by, verdict.at) if p)
    return f"{text} ({who})." if who else f"{text}."


def _verdict_lines(section: Section, words: dict[str, str]) -> list[tuple[str, str]]:
    """(label, text) of each verdict line: the whole code's, then each pair of groups'."""
    lines = [(words["verdict"], _verdict_text(section.verdict, words))]
    for verdict in section.pair_verdicts:
        lines.append((words["verdict"].rstrip(":") + f" ({verdict.between}):", _verdict_text(verdict, words)))
    return lines


def _count_rows(section: Section, words: dict[str, str]) -> list[tuple[str, str, str]]:
    rows = [(c.group, str(c.codings), "\u2013" if c.informants is None else str(c.informants))
            for c in section.counts]
    if _has_total(section):
        rows.append((words["total"], str(sum(c.codings for c in section.counts)),
                     str(sum(c.informants or 0 for c in section.counts))))
    return rows


def _count_header(words: dict[str, str]) -> tuple[str, str, str]:
    return words["group"], words["codings"], words["informants"]


def _has_total(section: Section) -> bool:
    """Whether the last row of the counts is their total (it is set apart)."""
    return len(section.counts) > 1


def _has_body(section: Section) -> bool:
    return bool(section.definition or section.include or section.exclude or section.counts or section.pattern
                or section.show_verdict)


# -- Markdown ---------------------------------------------------------------------------------

def markdown_report(report: Report) -> str:
    """The report as CommonMark: ``#`` title, ``##`` chapters, ``###`` sections; user text escaped
    (:func:`qualcode.export.tables.markdown_escape`), so that it renders as typed and never as HTML."""
    w = report.words
    esc = markdown_escape
    out = [f"# {_md_heading(report.title)}"]
    if report.subtitle:
        out.append(esc(_one_line(report.subtitle)))
    if report.details:
        out.append("\n".join(f"- **{esc(label, lines=False)}:** {esc(_one_line(value), lines=False)}"
                             for label, value in report.details))
    for table in report.tables:
        out += [f"**{esc(_one_line(table.title), lines=False)}**", _md_table(table.columns, table.rows, table.right)]
        if table.note:
            out.append(f"*{esc(_one_line(table.note), lines=False)}*")
    if report.notes:
        out.append(esc(_one_line(report.notes)))
    if report.contents and report.sections:
        entries = [f"{'  ' * (min(s.level, 3) - 1)}- {esc(s.heading, lines=False)}" for s in report.sections]
        out += [f"## {w['contents']}", "\n".join(entries)]
    for section in report.sections:
        out.append(f"{'#' * (min(section.level, 4) + 1)} {_md_heading(section.heading)}")
        for label, text in (("definition", section.definition), ("include", section.include),
                            ("exclude", section.exclude)):
            if text and text.strip():
                out.append(f"**{w[label]}** {esc(_one_line(text), lines=False)}")
        if section.counts:
            out.append(_md_table(_count_header(w), _count_rows(section, w), [False, True, True]))
            if section.counts_note:
                out.append(f"*{esc(_one_line(section.counts_note), lines=False)}*")
        if section.pattern:
            out.append(f"**{w['coverage']}** {esc(_one_line(section.pattern), lines=False)}")
        if section.show_verdict:
            out += [f"**{esc(label, lines=False)}** {esc(text, lines=False)}"
                    for label, text in _verdict_lines(section, w)]
        if section.quotes is not None and not section.quotes and _has_body(section):
            out.append(f"*{w['no_quotes']}*")
        for quote in section.quotes or ():
            lines = lines_of(quote.text) or [""]
            if quote.citation:
                lines[-1] = f"{lines[-1]} {_citation(quote.citation)}".strip()
            out.append("\n>\n".join(f"> {esc(line)}" for line in lines))
            if quote.memo and quote.memo.strip():
                memo = "  \n".join(esc(line) for line in lines_of(quote.memo))
                out.append(f"*{w['memo']}* {memo}")
    return "\n\n".join(out) + "\n"


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool]) -> str:
    """A pipe table, every cell escaped (a ``|`` in a cell stays text) and on one line."""
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(markdown_escape(_one_line(c), lines=False) for c in cells) + " |"
    rule = "| " + " | ".join("---:" if r else "---" for r in right) + " |"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def _md_heading(text: str) -> str:
    """A heading's text escaped; a ``#`` at its end too, which would otherwise close the heading."""
    escaped = markdown_escape(_one_line(text), lines=False)
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


# -- HTML ---------------------------------------------------------------------------------------

CSS = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;line-height:1.5}"
       "header.title{text-align:center;margin:4em 0;page-break-after:always}"
       "header.title h1{font-size:2em}dl{display:inline-grid;grid-template-columns:auto auto;gap:.2em 1em;"
       "text-align:left}dt{font-weight:bold}dd{margin:0}nav ul{list-style:none;padding-left:1.2em}"
       "blockquote{margin:1em 2.5em;font-style:normal}blockquote p{margin:0}"
       "cite{font-style:normal}.memo{margin:0 2.5em 1em;font-size:.9em}"
       "table{border-collapse:collapse;margin:.5em 0}th,td{border-bottom:1px solid #999;padding:.2em .6em;"
       "text-align:left}"
       "td.n,th.n{text-align:right}.note{font-size:.9em;font-style:italic}"
       "header table{margin:1.5em auto .3em}caption{font-weight:bold;padding-bottom:.3em}")


def html_report(report: Report) -> str:
    """The report as a standalone HTML page; every piece of user text goes through :func:`html.escape`.
    Anchors are numbered (``s1``, ``s2`` ...), never made from user text."""
    w = report.words
    e = html.escape
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(_one_line(report.title))}</title>", f"<style>{CSS}</style>", "</head>", "<body>"]
    head = [f"<h1>{e(_one_line(report.title))}</h1>"]
    if report.subtitle:
        head.append(f'<p class="subtitle">{e(_one_line(report.subtitle))}</p>')
    if report.details:
        head.append("<dl>" + "".join(f"<dt>{e(label)}</dt><dd>{e(_one_line(value))}</dd>"
                                     for label, value in report.details) + "</dl>")
    for table in report.tables:
        head.append(_html_table(table.columns, table.rows, table.right, caption=table.title))
        if table.note:
            head.append(f'<p class="note">{e(_one_line(table.note))}</p>')
    if report.notes:
        head.append(f'<p class="note">{e(_one_line(report.notes))}</p>')
    out.append(('<header class="title">' if report.title_page else "<header>") + "".join(head) + "</header>")
    if report.contents and report.sections:
        out.append(f"<nav><h2>{e(w['contents'])}</h2>{_html_contents(report.sections)}</nav>")
    for n, section in enumerate(report.sections, start=1):
        level = min(section.level, 4) + 1
        out.append(f'<section id="s{n}"><h{level}>{e(section.heading)}</h{level}>')
        for label, text in (("definition", section.definition), ("include", section.include),
                            ("exclude", section.exclude)):
            if text and text.strip():
                out.append(f"<p><strong>{e(w[label])}</strong> {e(_one_line(text))}</p>")
        if section.counts:
            out.append(_html_table(_count_header(w), _count_rows(section, w), [False, True, True]))
            if section.counts_note:
                out.append(f'<p class="note">{e(_one_line(section.counts_note))}</p>')
        if section.pattern:
            out.append(f"<p><strong>{e(w['coverage'])}</strong> {e(_one_line(section.pattern))}</p>")
        if section.show_verdict:
            out += [f"<p><strong>{e(label)}</strong> {e(text)}</p>" for label, text in _verdict_lines(section, w)]
        if section.quotes is not None and not section.quotes and _has_body(section):
            out.append(f"<p><em>{e(w['no_quotes'])}</em></p>")
        for quote in section.quotes or ():
            paragraphs = [f"<p>{e(line)}</p>" for line in lines_of(quote.text)] or ["<p></p>"]
            if quote.citation:
                paragraphs[-1] = paragraphs[-1][:-4] + f" <cite>{e(_citation(quote.citation))}</cite></p>"
            out.append("<blockquote>" + "".join(paragraphs) + "</blockquote>")
            if quote.memo and quote.memo.strip():
                memo = "<br>".join(e(line) for line in lines_of(quote.memo))
                out.append(f'<p class="memo"><em>{e(w["memo"])}</em> {memo}</p>')
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


_NUMBER = ' class="n"'


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool], *,
                caption: str | None = None) -> str:
    """A table with a header row, every cell escaped; numbers (``right``) aligned right."""
    def line(tag: str, cells: Sequence[str]) -> str:
        return "<tr>" + "".join(f"<{tag}{_NUMBER if r else ''}>{html.escape(_one_line(c))}</{tag}>"
                                for c, r in zip(cells, right, strict=True)) + "</tr>"
    head = f"<caption>{html.escape(_one_line(caption))}</caption>" if caption else ""
    return "<table>" + head + line("th", header) + "".join(line("td", row) for row in rows) + "</table>"


def _html_contents(sections: Sequence[Section]) -> str:
    """Nested lists of links to the sections, by their numbered anchors."""
    out, depth = [], 0
    for n, section in enumerate(sections, start=1):
        level = min(section.level, 3)
        if level > depth:
            out.append("<ul><li>" * (level - depth))
        else:
            out.append("</li></ul>" * (depth - level) + "</li><li>")
        depth = level
        out.append(f'<a href="#s{n}">{html.escape(section.heading)}</a>')
    out.append("</li></ul>" * depth)
    return "".join(out)


# -- LaTeX ------------------------------------------------------------------------------------

def latex_report(report: Report, *, engine: str = "pdflatex") -> str:
    """The report as a complete LaTeX document (article class: a chapter is a ``\\section``), for
    ``engine``; run it twice for the table of contents. User text goes through
    :func:`qualcode.export.tables.latex_escape`."""
    engine = check_engine(engine)
    w = report.words

    def tex(value: Any) -> str:
        return _latex(value, engine)

    if engine == "pdflatex":
        fonts = [r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{lmodern}",
                 r"\usepackage{textcomp}"]
    else:
        fonts = [r"\usepackage{fontspec}"]
    out = [
        f"% A qualcode report. Compile with {engine}, twice (the second run fills in the contents).",
        "% Packages: " + ", ".join(["fontenc, inputenc, lmodern, textcomp" if engine == "pdflatex" else "fontspec",
                                    "geometry", "array", "booktabs", "longtable", "hyperref"]) + ".",
        r"\documentclass[11pt,a4paper]{article}", *fonts, r"\usepackage[margin=2.5cm]{geometry}",
        r"\usepackage{array}", r"\usepackage{booktabs}", r"\usepackage{longtable}",
        r"\usepackage[hidelinks]{hyperref}", r"\setlength{\parindent}{0pt}",
        r"\setlength{\parskip}{0.5em}",
        # transcripts in any language, hyphenated by English rules, and long figures: lines stay in the margin
        r"\setlength{\emergencystretch}{3em}", r"\tolerance=2000",
        r"\frenchspacing",  # one space after a full stop, also after "s." and "ll." of a citation
        r"\setcounter{secnumdepth}{0}", r"\setcounter{tocdepth}{3}",
        r"\hypersetup{pdftitle={" + tex(_one_line(report.title)) + "}}", r"\begin{document}",
    ]
    if report.title_page:
        out += [r"\begin{titlepage}", r"\centering", r"\vspace*{4cm}",
                r"{\LARGE\bfseries " + tex(_one_line(report.title)) + r"\par}"]
        if report.subtitle:
            out += [r"\vspace{1em}", r"{\large " + tex(_one_line(report.subtitle)) + r"\par}"]
        if report.details:
            out += [r"\vspace{3em}", r"\begin{tabular}{@{}p{0.25\linewidth}p{0.6\linewidth}@{}}"]
            out += [r"\textbf{" + tex(label) + "} & " + tex(_one_line(value)) + r" \\"
                    for label, value in report.details]
            out += [r"\end{tabular}\par"]
        out += _latex_summaries(report.tables, tex)
        if report.notes:
            out += [r"\vspace{2em}", r"\begin{minipage}{0.85\linewidth}\small " + tex(_one_line(report.notes)),
                    r"\end{minipage}"]
        out += [r"\end{titlepage}"]
    else:
        out += [r"{\Large\bfseries " + tex(_one_line(report.title)) + r"\par}"]
        if report.subtitle:
            out += [tex(_one_line(report.subtitle)) + r"\par"]
        out += _latex_summaries(report.tables, tex)
        if report.notes:
            out += [r"{\small " + tex(_one_line(report.notes)) + r"\par}"]
    if report.contents and report.sections:
        out += [r"\renewcommand{\contentsname}{" + tex(w["contents"]) + "}", r"\tableofcontents", r"\clearpage"]
    commands = {1: "section", 2: "subsection"}
    for section in report.sections:
        out.append(f"\\{commands.get(section.level, 'subsubsection')}{{{tex(section.heading)}}}")
        for label, text in (("definition", section.definition), ("include", section.include),
                            ("exclude", section.exclude)):
            if text and text.strip():
                out.append(r"\textbf{" + tex(w[label]) + "} " + tex(_one_line(text)) + r"\par")
        if section.counts:
            out += _latex_tabular(_count_header(w), _count_rows(section, w), r"@{}p{0.5\linewidth}rr@{}", tex,
                                  total=_has_total(section))
            if section.counts_note:
                out.append(r"{\small\itshape " + tex(_one_line(section.counts_note)) + r"\par}")
        if section.pattern:
            out.append(r"\textbf{" + tex(w["coverage"]) + "} " + tex(_one_line(section.pattern)) + r"\par")
        if section.show_verdict:
            out += [r"\textbf{" + tex(label) + "} " + tex(text) + r"\par" for label, text in _verdict_lines(section, w)]
        if section.quotes is not None and not section.quotes and _has_body(section):
            out.append(r"\textit{" + tex(w["no_quotes"]) + r"}\par")
        for quote in section.quotes or ():
            lines = [tex(line) for line in lines_of(quote.text)] or [""]
            if quote.citation:
                lines[-1] = f"{lines[-1]} {tex(_citation(quote.citation))}".strip()
            out += [r"\begin{quote}", "\\par\n".join(lines), r"\end{quote}"]
            if quote.memo and quote.memo.strip():
                memo = r"\newline ".join(tex(line) for line in lines_of(quote.memo))
                out.append(r"{\leftskip=2.5em\small\textit{" + tex(w["memo"]) + "} " + memo + r"\par}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _latex_tabular(header: Sequence[str], rows: Sequence[Sequence[str]], spec: str, tex: Callable[[Any], str], *,
                   total: bool = False, long: bool = False) -> list[str]:
    """A booktabs table's lines: the header row in bold, the last row set apart when it is a ``total``;
    ``long``: a longtable, which breaks across pages and repeats its header."""
    env = "longtable" if long else "tabular"
    out = [f"\\begin{{{env}}}{{{spec}}}", r"\toprule", " & ".join(r"\textbf{" + tex(_one_line(h)) + "}" for h in header)
           + r" \\", r"\midrule"]
    if long:
        out.append(r"\endhead")
    for k, row in enumerate(rows):
        if total and k == len(rows) - 1:
            out.append(r"\midrule")
        out.append(" & ".join(tex(_one_line(c)) for c in row) + r" \\")
    return [*out, r"\bottomrule", f"\\end{{{env}}}" + ("" if long else r"\par")]


def _latex_summaries(tables: Sequence[SummaryTable], tex: Callable[[Any], str]) -> list[str]:
    """The summary tables of the opening: a bold title, the table (columns of equal width, 90% of the line
    between them, headings that wrap) and its note in a small italic."""
    out: list[str] = []
    for table in tables:
        n = len(table.columns)
        width = f"\\dimexpr\\linewidth*9/{10 * n}-2\\tabcolsep\\relax"
        spec = "@{}" + "".join((r">{\raggedleft\arraybackslash}" if r else r">{\raggedright\arraybackslash}")
                               + f"p{{{width}}}" for r in table.right) + "@{}"
        out += [r"\vspace{2em}", r"{\bfseries " + tex(_one_line(table.title)) + r"\par}", r"\begingroup\small"]
        out += _latex_tabular(table.columns, table.rows, spec, tex, long=True)
        if table.note:
            out += [r"\begin{minipage}{0.9\linewidth}\itshape " + tex(_one_line(table.note)), r"\end{minipage}\par"]
        out.append(r"\endgroup")
    return out


def _latex(value: Any, engine: str) -> str:
    """``value`` escaped for LaTeX and for what ``engine`` can typeset (line breaks are the caller's)."""
    return latex_escape(value, engine=engine)


# -- Word -------------------------------------------------------------------------------------

def _write_docx(report: Report, target: Target) -> None:
    """Word: the title page, a TOC field, Heading 1/2/3 for the codes, the Quote style for quotes.

    The contents field holds its entries without page numbers, so that a reader that does not update fields
    (LibreOffice keeps a field's last result) still lists the codes; Word is asked to update the field, and
    with it the page numbers, when it opens the file."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Inches, Pt

    from .docx_layout import use_body_font

    out = _binary_target(target)
    doc = Document()
    use_body_font(doc)
    quote_style = doc.styles["Quote"]  # as APA sets a block quote: indented half an inch, upright
    quote_style.font.italic = False
    quote_style.paragraph_format.left_indent = Inches(0.5)
    quote_style.paragraph_format.right_indent = Inches(0)
    section = doc.sections[0]
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(1)
    width = int(section.page_width or Inches(8.5)) - 2 * Inches(1)
    w = report.words
    x = _xml_text
    if report.title_page:
        for _ in range(2 if report.tables else 6):  # room for the tables on the title page
            doc.add_paragraph()
    doc.add_paragraph(x(_one_line(report.title)), style="Title")
    if report.subtitle:
        doc.add_paragraph(x(_one_line(report.subtitle)), style="Subtitle")
    docx_details(doc, report.details)
    for summary in report.tables:
        heading = doc.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(x(_one_line(summary.title))).bold = True
        n = len(summary.columns)
        _docx_table(doc, summary.columns, summary.rows, summary.right, [width // n] * n)
        if summary.note:
            note = doc.add_paragraph()
            note.paragraph_format.space_before = Pt(3)
            note.add_run(x(_one_line(summary.note))).italic = True
    if report.notes:
        note = doc.add_paragraph()
        note.paragraph_format.space_before = Pt(12)
        note.add_run(x(_one_line(report.notes))).italic = True
    if report.title_page:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if report.contents and report.sections:
        doc.add_paragraph(x(w["contents"]), style="TOC Heading")
        styles = [_toc_style(doc, level) for level in (1, 2, 3)]
        entries = [_styled(doc, styles[min(item.level, 3) - 1].style_id) for item in report.sections]
        _field(entries[0], r' TOC \o "1-3" \h \z \u ', None, close=False)
        for entry, item in zip(entries, report.sections, strict=True):
            entry.add_run(x(item.heading))
        _field_end(entries[-1])
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for item in report.sections:
        _styled(doc, f"Heading{min(item.level, 3)}").add_run(x(item.heading))
        for label, text in (("definition", item.definition), ("include", item.include), ("exclude", item.exclude)):
            if text and text.strip():
                line = doc.add_paragraph()
                line.add_run(w[label]).bold = True
                line.add_run(" " + x(_one_line(text)))
        if item.counts:
            number = Inches(1.1)
            _docx_table(doc, _count_header(w), _count_rows(item, w), [False, True, True],
                        [min(width - 2 * number, Inches(3.5)), number, number], total=_has_total(item))
            if item.counts_note:
                note = doc.add_paragraph()
                note.paragraph_format.space_before = Pt(3)
                note.add_run(x(_one_line(item.counts_note))).italic = True
            else:
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
        if item.pattern:
            line = doc.add_paragraph()
            line.add_run(w["coverage"]).bold = True
            line.add_run(" " + x(_one_line(item.pattern)))
        if item.show_verdict:
            for label, text in _verdict_lines(item, w):
                line = doc.add_paragraph()
                line.add_run(x(label)).bold = True
                line.add_run(" " + x(text))
        if item.quotes is not None and not item.quotes and _has_body(item):
            doc.add_paragraph().add_run(w["no_quotes"]).italic = True
        for quote in item.quotes or ():
            block = _styled(doc, "Quote")
            lines = lines_of(quote.text)
            for k, text in enumerate(lines):
                run = block.add_run(x(text))
                if k < len(lines) - 1:
                    run.add_break()
            if quote.citation:
                block.add_run((" " if lines else "") + x(_citation(quote.citation))).italic = False
            if quote.memo and quote.memo.strip():
                memo = doc.add_paragraph()
                memo.paragraph_format.left_indent = memo.paragraph_format.right_indent = Inches(0.6)
                memo.add_run(w["memo"]).italic = True
                notes = lines_of(quote.memo)
                for k, text in enumerate(notes):
                    run = memo.add_run((" " if k == 0 else "") + x(text))
                    run.font.size = Pt(10)
                    if k < len(notes) - 1:
                        run.add_break()
    if report.contents and report.sections:
        _update_fields_on_open(doc)
    doc.save(out)


def _docx_table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[bool],
                widths: Sequence[int], *, total: bool = False) -> Any:
    """A Word table in the Table Grid style: a bold header row, numbers (``right``) aligned right, the last row
    in bold when it is a ``total``, the columns fixed at ``widths`` (EMU)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import _Cell

    from .docx_layout import layout_table

    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for r, values in enumerate([header, *rows]):
        cells = [_Cell(tc, table) for tc in table._tbl.tr_lst[r].tc_lst]  # not row.cells: it rebuilds the grid
        for cell, value, flush in zip(cells, values, right, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.add_run(_xml_text(_one_line(value))).bold = r == 0 or (total and r == len(rows))
            if flush:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    layout_table(table, widths)
    return table


def _styled(doc: Any, style_id: str) -> Any:
    """A new paragraph in the style with this id, set in the XML: python-docx's lookup of a style by name scans
    every style of the document for each paragraph (a thousand quotes took seconds)."""
    paragraph = doc.add_paragraph()
    paragraph._p.style = style_id
    return paragraph


def _toc_style(doc: Any, level: int) -> Any:
    """Word's built-in "toc N" paragraph style, added when the template lacks it (indented by level)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Inches

    name = f"toc {level}"
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.left_indent = Inches(0.25 * (level - 1))
        style.paragraph_format.space_after = 0
        return style


def _field(paragraph: Any, instruction: str, result: str | None, *, close: bool = True) -> None:
    """A complex field in ``paragraph``: begin, the instruction, separate, ``result`` and (``close``) end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run._r.append(mark)

    char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(instr)
    char("separate")
    if result:
        paragraph.add_run(result)
    if close:
        char("end")


def _field_end(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(mark)


def _update_fields_on_open(doc: Any) -> None:
    """Ask Word to update the fields (the contents' page numbers) when it opens the file."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    flag = settings.find(qn("w:updateFields"))
    if flag is None:
        flag = OxmlElement("w:updateFields")
        settings.append(flag)
    flag.set(qn("w:val"), "true")


#: Characters XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; surrogates; two
#: non-characters): Word cannot hold them, so they show as the replacement character.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", str(text))


# -- targets ------------------------------------------------------------------------------------

def _format(target: Target, fmt: str | None) -> str:
    return file_format(target, fmt, REPORT_FORMATS, SUFFIX_FORMATS, "report")


def _binary_target(target: Target) -> str | IO[bytes]:
    if isinstance(target, str | Path):
        return str(target)
    if isinstance(target, io.TextIOBase):
        raise InputError("a Word report needs a file path or a binary file, not a text stream")
    return target  # type: ignore[return-value]


def _write_text(text: str, target: Target) -> None:
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8", newline="")
        return
    stream: IO[Any] = target
    if isinstance(stream, io.TextIOBase):
        stream.write(text)
    else:
        stream.write(text.encode("utf-8"))
