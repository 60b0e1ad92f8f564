"""What a paper prints around a table, in APA 7 style: a bold "Table N" line, the title in italics on
the next line, the table, then a note that starts with an italic "*Note.*".

A :class:`~qualcode.export.tables.Table` carries a title (a few words), a caption (one or two sentences
on what the table shows) and notes (how to read it). APA has no caption line under the title: the caption
opens the note. Without a title the caption becomes the title. Word gets a real ``SEQ Table`` field, so
that a table pasted into a paper takes its place in the paper's numbering when fields are updated.

Example
-------
>>> apa_parts("Quotes by code", "Segments per code.", "l. = line.")
('Quotes by code', 'Segments per code. l. = line.')
>>> apa_parts(None, "segments per code", None)
('Segments per code', '')
"""

from __future__ import annotations

from typing import Any

TABLE_LABEL = "Table"
NOTE_LABEL = "Note."
#: The number a one-table file shows before its reader updates the fields.
FIRST_NUMBER = 1


def sentence(text: str | None) -> str:
    """``text`` stripped, with a capital first letter (the rest as written: keys and names keep their case).

    >>> sentence("  segments per code by group, E1.1 first")
    'Segments per code by group, E1.1 first'
    """
    text = (text or "").strip()
    return text[:1].upper() + text[1:]


def apa_parts(title: str | None, caption: str | None, notes: str | None) -> tuple[str, str]:
    """The title line and the note text (without "Note.") of a table; either may be empty."""
    title, caption, notes = sentence(title), sentence(caption), (notes or "").strip()
    if not title:
        title, caption = caption.rstrip("."), ""
    note = " ".join(part for part in (caption, notes) if part)
    return title, note


def add_docx_heading(doc: Any, title: str) -> None:
    """The bold "Table N" line (N a ``SEQ Table`` field) and the italic title under it, both kept with the table."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    label = doc.add_paragraph()
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_after = 0
    label.add_run(f"{TABLE_LABEL} ").bold = True

    def field_run(kind: str | None = None, text: str | None = None, instruction: str | None = None) -> None:
        run = label.add_run()
        run.bold = True
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        if instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)
        if text:
            run.text = text

    field_run("begin")
    field_run(instruction=f" SEQ {TABLE_LABEL} \\* ARABIC ")
    field_run("separate")
    field_run(text=str(FIRST_NUMBER))
    field_run("end")
    if title:
        line = doc.add_paragraph()
        line.paragraph_format.keep_with_next = True
        line.add_run(title).italic = True


def add_docx_note(doc: Any, note: str) -> None:
    """The note under a table: an italic "Note." and the text."""
    from docx.shared import Pt

    if not note:
        return
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.add_run(NOTE_LABEL).italic = True
    paragraph.add_run(f" {note}")


def markdown_parts(title: str, note: str, escape: Any) -> tuple[str, str]:
    """The Markdown before and after a table: "**Table 1**", the title in italics, "*Note.* ..."; ``escape``
    makes user text literal."""
    head = f"**{TABLE_LABEL} {FIRST_NUMBER}**\n\n" + (f"*{escape(title)}*\n\n" if title else "")
    tail = f"\n*{NOTE_LABEL}* {escape(note)}\n" if note else ""
    return head, tail
