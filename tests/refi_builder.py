"""Build REFI-QDA archives the way other programs write them, for import tests.

Positions are computed here independently of qualcode: a UTF-16 position is the number of
UTF-16-LE code units of the raw text before the passage (``len(raw[:i].encode("utf-16-le")) // 2``),
a code point position is the Python index; with ``crlf_as_two`` the raw text keeps its CRLF line
ends, otherwise positions refer to the text with LF line ends.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

# Hungarian interview lines with emoji before most coded passages, as in the exports that showed the problem
HUNGARIAN = [
    "Kérdező: Hogyan kezdődött az együttműködés a hivatallal? 🙂",
    "Válaszadó: Először a polgármesteri hivatal hívott össze minket 👍 egy közös megbeszélésre.",
    "Kérdező: Ki vállalta a vezetést? 🤔",
    "Válaszadó: A szociális osztály vezetője 😊 vállalta, és bizalmat épített a civilekkel.",
    "Kérdező: Milyen nehézségek voltak? 😬 Őszintén.",
    "Válaszadó: A pénzügyi keret 💰 hiányzott, ezért a munka lassan haladt 🐢 az első évben.",
    "Kérdező: És ma? 🙏",
    "Válaszadó: Ma már rendszeres egyeztetés folyik 🗓️ minden hónapban, közös célokkal.",
]
# (code guid suffix, passage) pairs; each passage occurs once in the text
PASSAGES = [
    ("01", "egy közös megbeszélésre"),
    ("02", "vállalta, és bizalmat épített a civilekkel"),
    ("01", "A pénzügyi keret"),
    ("02", "hiányzott, ezért a munka lassan haladt"),
    ("01", "az első évben.\nKérdező: És ma?"),  # across a line end
    ("02", "minden hónapban, közös célokkal"),
]


@dataclass
class Style:
    """How a program writes: origin, position unit, line ends, BOM."""

    origin: str | None
    utf16: bool = True
    crlf: bool = True  # the .txt has CRLF line ends
    crlf_as_two: bool = True  # positions count a CRLF as two (else they refer to the LF text)
    bom: bool = True
    extra: dict = field(default_factory=dict)


NVIVO_WINDOWS = Style("NVivo for Windows 12.6 (12.6.1.970)")
NVIVO_MAC = Style("NVivo for Mac 12.7.0 (3873)", crlf=False)


def interview_text(lines: list[str] = HUNGARIAN) -> str:
    """The interview with LF line ends: what qualcode stores."""
    return "\n".join(lines) + "\n"


def position(raw: str, index: int, style: Style) -> int:
    """The position a program of ``style`` writes for Python index ``index`` of the text it counted."""
    return len(raw[:index].encode("utf-16-le")) // 2 if style.utf16 else index


def qdpx(path: Path, style: Style, *, passages: list[tuple[str, str]] = PASSAGES, text: str | None = None,
         shift: int = 0) -> Path:
    """An archive with one coded interview written in ``style``; ``shift`` moves every position (to make a
    file no reading fits)."""
    plain = text if text is not None else interview_text()
    raw = plain.replace("\n", "\r\n") if style.crlf else plain
    counted = raw if style.crlf_as_two else plain
    selections = []
    for n, (code, passage) in enumerate(passages, start=1):
        needle = passage.replace("\n", "\r\n") if counted is raw and style.crlf else passage
        index = counted.index(needle)
        start, end = position(counted, index, style), position(counted, index + len(needle), style)
        selections.append(
            f'<PlainTextSelection guid="cccccccc-0000-0000-0000-{n:012d}" startPosition="{start + shift}" '
            f'endPosition="{end + shift}" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">'
            f'<Coding guid="dddddddd-0000-0000-0000-{n:012d}" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">'
            f'<CodeRef targetGUID="bbbbbbbb-0000-0000-0000-0000000000{code}"/></Coding></PlainTextSelection>')
    origin = f" origin={quoteattr(style.origin)}" if style.origin is not None else ""
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interjúk"{origin}>
 <Users><User guid="aaaaaaaa-0000-0000-0000-000000000001" name="Kata"/></Users>
 <CodeBook><Codes>
  <Code guid="bbbbbbbb-0000-0000-0000-000000000001" name="Nehézségek" isCodable="true"/>
  <Code guid="bbbbbbbb-0000-0000-0000-000000000002" name="Vezetés" isCodable="true"/>
 </Codes></CodeBook>
 <Sources>
  <TextSource guid="eeeeeeee-0000-0000-0000-000000000001" name="Interjú 1"
              plainTextPath="internal://eeeeeeee-0000-0000-0000-000000000001.txt">
   {"".join(selections)}
  </TextSource>
 </Sources>
</Project>"""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde.encode("utf-8"))
        archive.writestr("sources/eeeeeeee-0000-0000-0000-000000000001.txt",
                         ("\ufeff" if style.bom else "").encode("utf-8") + raw.encode("utf-8"))
    return path
