"""Read Markdown as a renderer does (markdown-it-py, CommonMark with GitHub's tables and raw HTML allowed,
as GitHub, GitLab and most editors render it): the HTML elements it makes and the text of each table cell."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

# Elements the table writer itself emits: a bold "Table 1", the title and "Note." in italics, paragraphs, the
# table and <br> for line breaks.
OWN_ELEMENTS = {"p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "br"}


def render(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[str] = []
        self.rows: list[list[str]] = []
        self.paragraphs: list[str] = []
        self._cell: list[str] | None = None
        self._para: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "p":
            self._para = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "p" and self._para is not None:
            self.paragraphs.append("".join(self._para))
            self._para = None

    def handle_data(self, data):
        for part in (self._cell, self._para):
            if part is not None:
                part.append(data)


def read(text: str) -> _Reader:
    """The rendered HTML of ``text`` read back: ``elements`` (every tag, in order), ``rows`` (cell texts,
    header row first) and ``paragraphs`` (their texts)."""
    reader = _Reader()
    reader.feed(render(text))
    return reader
