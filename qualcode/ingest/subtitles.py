"""WebVTT (.vtt) and SubRip (.srt) importer: subtitle cues become speaker turns.

Automatic transcription tools (Zoom, Teams, Otter, Whisper) export subtitles
with one short cue per few seconds. For coding, what matters is who said what:
consecutive cues of the same speaker are merged into one turn, written as one
paragraph "Name: words", and returned as a ``ParsedUnit(kind="turn")`` with the
time span it covers. The speaker comes from a WebVTT voice tag ``<v Name>`` or
a leading "Name:" in the cue text; cues without either have no speaker (and
are merged only with neighbouring cues that have none, so no words are ever
attributed to a speaker the file does not name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import ParsedDocument, ParsedUnit
from qualcode.ingest.decode import decode_bytes, read_bytes

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:[ \t]+.*)?$")  # cue settings may follow
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>")
_TAG = re.compile(r"</?[A-Za-z0-9][^<>]*>")  # <i>, </v>, <c.x>, <00:00:01.000>, <font ...>
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # {\an8} positioning codes some SRT files carry
_ENTITY = re.compile(r"&(amp|lt|gt|nbsp|lrm|rlm);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f"}
_SPACES = re.compile(r"[ \t\n]+")
_NAME_LABEL = re.compile(r"^([^\W\d_][\w.'\- ]{0,40}?)[ \t]*:[ \t]+(\S.*)$", re.DOTALL)
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")
_EXPECTED = "expected a timing line like '00:01:02.500 --> 00:01:05.000'"


@dataclass
class _Turn:
    speaker: str | None
    start: float
    end: float
    words: list[str] = field(default_factory=list)
    cues: set[int] = field(default_factory=set)


def read_subtitles(path: Path) -> ParsedDocument:
    """Read a .vtt or .srt file into one paragraph and one turn unit per speaker turn."""
    path = Path(path)
    text, encoding = decode_bytes(read_bytes(path), path)
    is_vtt = path.suffix.lower() == ".vtt"
    turns = _merge_turns(_parse_cues(text, path, is_vtt))
    if not turns:
        raise ImportFormatError(path, f"no subtitle cues were found ({_EXPECTED}, then the cue text)")
    paragraphs: list[str] = []
    units: list[ParsedUnit] = []
    offset = 0
    for turn in turns:
        words = " ".join(turn.words)
        paragraph = f"{turn.speaker}: {words}" if turn.speaker else words
        meta = {"start_time": turn.start, "end_time": turn.end, "cues": len(turn.cues)}
        units.append(ParsedUnit("turn", offset, offset + len(paragraph), turn.speaker, meta))
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    metadata = {
        "encoding": encoding,
        "format": "webvtt" if is_vtt else "srt",
        "cues": len(set().union(*(turn.cues for turn in turns))),
    }
    return ParsedDocument(text="\n\n".join(paragraphs), source=path, units=units, metadata=metadata)


def _parse_cues(text: str, path: Path, is_vtt: bool) -> list[tuple[float, float, list[tuple[str | None, str]]]]:
    """Return (start, end, [(speaker, words), ...]) per cue, in file order."""
    if "-->" not in text:
        return []
    cues = []
    for first, block in _blocks(text):
        if is_vtt and (block[0].startswith("WEBVTT") or block[0].split(maxsplit=1)[0] in _VTT_SKIPPED_BLOCKS):
            continue
        if "-->" in block[0]:
            at = 0
        elif len(block) > 1 and "-->" in block[1]:
            at = 1  # a cue identifier or SRT index comes first
        else:
            raise ImportFormatError(path, f"line {first}: text outside a cue ({_EXPECTED} before it)")
        start, end = _timing(block[at], first + at, path)
        for n, line in enumerate(block[at + 1 :], start=first + at + 1):
            if "-->" in line:
                raise ImportFormatError(path, f"line {n}: '-->' inside cue text (a blank line missing before it?)")
        pieces = _pieces("\n".join(block[at + 1 :]))
        if pieces:
            cues.append((start, end, pieces))
    return cues


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Split into blank-line separated blocks, each with its first line number (1-based)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                blocks.append((number, current))
            current.append(line)
        else:
            current = []
    return blocks


def _timing(line: str, number: int, path: Path) -> tuple[float, float]:
    match = _TIMING.match(line)
    if match is None or int(match[3]) > 59 or int(match[7]) > 59 or int(match[2]) > 59 or int(match[6]) > 59:
        raise ImportFormatError(path, f"line {number}: malformed timestamp line {line.strip()!r}; {_EXPECTED}")
    start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
    if end < start:
        raise ImportFormatError(path, f"line {number}: cue ends ({end:.3f}s) before it starts ({start:.3f}s)")
    return start, end


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> float:
    millis = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction.ljust(3, "0"))
    return millis / 1000


def _pieces(raw: str) -> list[tuple[str | None, str]]:
    """Split cue text at voice tags into (speaker, plain words); fall back to a "Name:" label."""
    parts: list[tuple[str | None, str]] = []
    speaker: str | None = None
    position = 0
    for match in _VOICE.finditer(raw):
        parts.append((speaker, raw[position : match.start()]))
        speaker = _plain(match[1] or "") or None
        position = match.end()
    parts.append((speaker, raw[position:]))
    pieces = []
    for voice, part in parts:
        words = _plain(part)
        if not words:
            continue
        if voice is None and (label := _NAME_LABEL.match(words)):
            voice, words = label[1].strip(), label[2]
        pieces.append((voice, words))
    return pieces


def _plain(markup: str) -> str:
    """Cue markup to plain text: tags removed, VTT entities decoded, line breaks to spaces."""
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", markup))
    text = _ENTITY.sub(lambda m: _ENTITIES[m[1]], text)
    return _SPACES.sub(" ", text).strip(" ")


def _merge_turns(cues: list[tuple[float, float, list[tuple[str | None, str]]]]) -> list[_Turn]:
    turns: list[_Turn] = []
    for index, (start, end, pieces) in enumerate(cues):
        for speaker, words in pieces:
            if not turns or turns[-1].speaker != speaker:
                turns.append(_Turn(speaker, start, end))
            turn = turns[-1]
            turn.words.append(words)
            turn.end = max(turn.end, end)
            turn.cues.add(index)
    return turns
