"""The methods appendix as a document: a title, details, a methods paragraph and one table per checklist.

Written as Word (a real table per checklist, the header row repeated on each page), Markdown (CommonMark
tables) or LaTeX (a complete document, longtable). Every piece of text is the project's or the author's:
escaped for Markdown and LaTeX, so that it shows as typed and never as markup. A blank answer keeps its
marker (say "[to be completed by the authors]") as text, bold in Word and LaTeX so that it stands out.

Pure: :func:`write_appendix` takes an :class:`Appendix` of plain values; :mod:`qualcode.project.methods`
builds one from a project.

Example
-------
>>> import io
>>> out = io.StringIO()
>>> doc = Appendix("Methods", paragraphs=[("Methods text", "We interviewed 13 informants.")],
...                checklists=[Checklist("COREQ", ("No.", "Item", "Answer"), [("12", "Sample size", "13.")])])
>>> write_appendix(doc, out, "md")
>>> print(out.getvalue(), end="")
# Methods
<BLANKLINE>
## Methods text
<BLANKLINE>
We interviewed 13 informants.
<BLANKLINE>
## COREQ
<BLANKLINE>
| No. | Item | Answer |
| --- | --- | --- |
| 12 | Sample size | 13. |
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from .latex import check_engine, latex_escape, latex_preamble
from .report import _one_line
from .tables import file_format, markdown_escape

APPENDIX_FORMATS = ("docx", "md", "tex")
SUFFIX_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex"}
Target = str | Path | IO[str] | IO[bytes]


@dataclass(frozen=True)
class Checklist:
    """One checklist table: its heading, column headings, rows of text, and which rows' last cell is a blank
    to fill in (``blank``, row indexes) and a note under it."""

    heading: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    blank: frozenset[int] = frozenset()
    note: str | None = None
    #: Relative widths of the columns (default: equal).
    widths: Sequence[float] = ()


@dataclass(frozen=True)
class Appendix:
    """A methods appendix: title, (label, value) details, (heading, text) paragraphs, then the checklists."""

    title: str
    details: Sequence[tuple[str, str]] = ()
    paragraphs: Sequence[tuple[str, str]] = ()
    checklists: Sequence[Checklist] = field(default_factory=list)


def write_appendix(appendix: Appendix, path_or_file: Target, fmt: str | None = None, *,
                   latex_engine: str = "pdflatex") -> None:
    """Write ``appendix`` to a path or an open file.

    Parameters
    ----------
    fmt : {"docx", "md", "tex"}, optional
        Default: from the suffix of the path (.docx, .md, .markdown, .tex).
    latex_engine : {"pdflatex", "lualatex", "xelatex"}
        The engine the LaTeX document is for.

    Raises
    ------
    InputError
        Unknown format or engine, no format and no known suffix, or Word to a text stream.
    """
    fmt = file_format(path_or_file, fmt, APPENDIX_FORMATS, SUFFIX_FORMATS, "appendix")
    latex_engine = check_engine(latex_engine)
    if fmt == "docx":
        _write_docx(appendix, path_or_file)
        return
    text = markdown_appendix(appendix) if fmt == "md" else latex_appendix(appendix, engine=latex_engine)
    if isinstance(path_or_file, str | Path):
        Path(path_or_file).write_text(text, encoding="utf-8", newline="")
    elif isinstance(path_or_file, io.TextIOBase):
        path_or_file.write(text)
    else:
        path_or_file.write(text.encode("utf-8"))  # type: ignore[arg-type]


def appendix_bytes(appendix: Appendix, fmt: str, *, latex_engine: str = "pdflatex") -> bytes:
    """The appendix written in ``fmt`` as bytes (for a download)."""
    buffer = io.BytesIO()
    write_appendix(appendix, buffer, fmt, latex_engine=latex_engine)
    return buffer.getvalue()


# -- Markdown ---------------------------------------------------------------------------------

def markdown_appendix(appendix: Appendix) -> str:
    """The appendix as CommonMark with GitHub tables; all text escaped (:func:`markdown_escape`)."""
    def esc(text: Any) -> str:
        return markdown_escape(_one_line(text), lines=False)

    out = [f"# {esc(appendix.title)}"]
    if appendix.details:
        out.append("\n".join(f"- **{esc(label)}:** {esc(value)}" for label, value in appendix.details))
    for heading, text in appendix.paragraphs:
        out += [f"## {esc(heading)}", markdown_escape(_one_line(text))]
    for table in appendix.checklists:
        out.append(f"## {esc(table.heading)}")
        lines = ["| " + " | ".join(esc(c) for c in table.columns) + " |",
                 "| " + " | ".join("---" for _ in table.columns) + " |"]
        for k, row in enumerate(table.rows):
            cells = [esc(c) for c in row]
            if k in table.blank:
                cells[-1] = f"*{cells[-1]}*"
            lines.append("| " + " | ".join(cells) + " |")
        out.append("\n".join(lines))
        if table.note:
            out.append(f"*{esc(table.note)}*")
    return "\n\n".join(out) + "\n"


# -- LaTeX ------------------------------------------------------------------------------------

def latex_appendix(appendix: Appendix, *, engine: str = "pdflatex") -> str:
    """The appendix as a complete LaTeX document (article, longtable); text through :func:`latex_escape`."""
    engine = check_engine(engine)

    def tex(value: Any) -> str:
        return latex_escape(_one_line(value), engine=engine)

    def cell(value: Any) -> str:
        # a narrow column breaks "Interviewer/facilitator" after its slash rather than running into the next
        return tex(value).replace("/", r"/\allowbreak{}")

    fonts = [] if engine == "pdflatex" else [r"\usepackage{fontspec}"]
    out = [f"% A qualcode methods appendix. Compile with {engine}.",
           r"\documentclass[10pt,a4paper]{article}", *latex_preamble(engine), *fonts,
           r"\usepackage[margin=2cm]{geometry}", r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{0.5em}",
           r"\setlength{\emergencystretch}{3em}", r"\tolerance=2000", r"\frenchspacing",
           r"\setcounter{secnumdepth}{0}", r"\begin{document}",
           r"{\Large\bfseries " + tex(appendix.title) + r"\par}"]
    if appendix.details:
        out.append(r"\begin{tabular}{@{}l>{\raggedright\arraybackslash}p{0.75\linewidth}@{}}")
        out += [r"\textbf{" + tex(label) + "} & " + tex(value) + r" \\" for label, value in appendix.details]
        out.append(r"\end{tabular}\par")
    for heading, text in appendix.paragraphs:
        out += [r"\section{" + tex(heading) + "}", tex(text) + r"\par"]
    for table in appendix.checklists:
        out.append(r"\section{" + tex(table.heading) + "}")
        n = len(table.columns)
        weights = list(table.widths) if len(table.widths) == n else [1.0] * n
        total = sum(weights)
        # widths in parts of the line less the column separations, so that the table fits the text block
        spec = "".join(r">{\raggedright\arraybackslash}p{" + f"{w / total:.3f}" +
                       r"\dimexpr\linewidth-" + str(2 * n) + r"\tabcolsep\relax}" for w in weights)
        head = " & ".join(r"\textbf{" + tex(c) + "}" for c in table.columns) + r" \\"
        out += [r"{\small", r"\begin{longtable}{@{}" + spec + "@{}}", r"\toprule", head, r"\midrule",
                r"\endfirsthead", r"\toprule", head, r"\midrule", r"\endhead", r"\bottomrule", r"\endfoot"]
        for k, row in enumerate(table.rows):
            cells = [cell(c) for c in row]
            if k in table.blank:
                cells[-1] = r"\textbf{" + cells[-1] + "}"
            out.append(" & ".join(cells) + r" \\")
        out += [r"\end{longtable}", "}"]
        if table.note:
            out.append(r"{\small\itshape " + tex(table.note) + r"\par}")
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


# -- Word -------------------------------------------------------------------------------------

def _write_docx(appendix: Appendix, target: Target) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt

    from .docx_layout import layout_table, use_body_font
    from .report import _xml_text as x
    from .report import docx_details

    if isinstance(target, io.TextIOBase):
        raise InputError("a Word appendix needs a file path or a binary file, not a text stream")
    out: str | IO[bytes] = str(target) if isinstance(target, str | Path) else target  # type: ignore[assignment]
    doc = Document()
    use_body_font(doc)
    section = doc.sections[0]
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(0.8)
    width = int(section.page_width or Inches(8.5)) - 2 * Inches(0.8)
    doc.add_paragraph(x(_one_line(appendix.title)), style="Title")
    docx_details(doc, appendix.details)
    for heading, text in appendix.paragraphs:
        doc.add_heading(x(_one_line(heading)), level=1)
        doc.add_paragraph(x(_one_line(text)))
    for item in appendix.checklists:
        doc.add_heading(x(_one_line(item.heading)), level=1)
        table = doc.add_table(rows=1 + len(item.rows), cols=len(item.columns))
        table.style = "Table Grid"
        rows = table._tbl.tr_lst
        header = rows[0]
        repeat = OxmlElement("w:tblHeader")  # the header row again on every page
        header.get_or_add_trPr().append(repeat)
        repeat.set(qn("w:val"), "true")
        for r, values in enumerate([item.columns, *item.rows]):
            for c, (tc, value) in enumerate(zip(rows[r].tc_lst, values, strict=True)):
                paragraph = tc.p_lst[0]
                run = OxmlElement("w:r")
                paragraph.append(run)
                text = OxmlElement("w:t")
                text.set(qn("xml:space"), "preserve")
                text.text = x(_one_line(value))
                props = OxmlElement("w:rPr")
                if r == 0 or (c == len(values) - 1 and r - 1 in item.blank):
                    props.append(OxmlElement("w:b"))
                size = OxmlElement("w:sz")
                size.set(qn("w:val"), "18")  # 9 pt: four columns on a portrait page
                props.append(size)
                run.append(props)
                run.append(text)
        weights = list(item.widths) if len(item.widths) == len(item.columns) else [1.0] * len(item.columns)
        layout_table(table, [int(width * w / sum(weights)) for w in weights])
        if item.note:
            note = doc.add_paragraph()
            note.paragraph_format.space_before = Pt(3)
            note.add_run(x(_one_line(item.note))).italic = True
    doc.save(out)
