"""Speaker turns and sentences, with offsets into the stored text.

Turns are found from the labels transcripts commonly use ("P:", "Pewawancara:",
"Informan 3:", "[00:01:23] Name:", "Q:"/"A:"); sentences come from a blank
spaCy pipeline of the document's language with the rule-based sentencizer, so
no model download is needed. Every unit satisfies ``text[start:end]`` being its
own text (0-based, end-exclusive code points, like spaCy's ``start_char`` and
``end_char``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from .errors import InputError
from .ingest.base import ParsedUnit

# Labels recognised even when they occur once; any other "Name:" must recur to count as a speaker.
KNOWN_LABELS = {
    "p", "i", "q", "a", "r", "t", "j", "pewawancara", "peneliti", "penanya", "informan", "narasumber",
    "responden", "interviewer", "interviewee", "researcher", "respondent", "moderator", "participant",
}
TIMESTAMP = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
LABEL_RE = re.compile(
    rf"^[ \t]*(?:[\[(](?P<ts>{TIMESTAMP})[\])][ \t]*|(?P<bare_ts>{TIMESTAMP})[ \t]+)?"
    r"(?P<label>[^\W\d_][\w .'/()\-]{0,39}?)[ \t]*:[ \t]+(?=\S)",
    re.MULTILINE,
)
MAX_CHUNK = 200_000  # characters per spaCy call; long turn-less documents are split at paragraphs


@dataclass
class Unit:
    kind: str  # "turn" or "sentence"
    idx: int
    start: int
    end: int
    speaker: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=16)
def pipeline(language: str) -> Language:
    """A blank spaCy pipeline for an ISO 639-1 code with the sentencizer added.

    Languages spaCy has no tokenizer rules for fall back to its multi-language
    pipeline ('xx') rather than failing the import.
    """
    code = (language or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InputError(f"language must be an ISO 639 code such as 'id' or 'en', got {language!r}")
    try:
        nlp = spacy.blank(code)
    except (ImportError, KeyError, ValueError):
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.max_length = MAX_CHUNK + 1000
    return nlp


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return total


BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank stretches of text[start:end] separated by blank lines, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in BLANK_LINE.finditer(text, start, end):
        _add_trimmed(spans, text, pos, m.start())
        pos = m.end()
    _add_trimmed(spans, text, pos, end)
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    kept = len(piece.rstrip())
    if kept > lead:
        spans.append((start + lead, start + kept))


def _header_end(text: str) -> int:
    """End of a leading header block ("Tanggal: ...", "Lokasi: ..."), or 0 when there is none.

    A header is a first paragraph of two or more lines, followed by more text,
    whose "Field: value" labels do not repeat within it and at least one of
    which is no speaker label: it occurs nowhere else and is not a known label.
    A transcript's first exchange ("P: ...", "I: ...") repeats its labels later.
    """
    paragraphs = _paragraphs(text, 0, len(text))
    if len(paragraphs) < 2:
        return 0
    start, end = paragraphs[0]
    lines = text[start:end].split("\n")
    labels = [m.group("label").strip().lower() for line in lines if (m := LABEL_RE.match(line))]
    if len(lines) < 2 or not labels or len(set(labels)) != len(labels):
        return 0
    later = Counter(m.group("label").strip().lower() for m in LABEL_RE.finditer(text, end))
    if any(later[label] == 0 and _base_label(label) not in KNOWN_LABELS for label in labels):
        return end
    return 0


def detect_turns(text: str) -> list[ParsedUnit]:
    """Speaker turns from labelled lines; an empty list when the text has no recognisable labels.

    A turn spans from its label to the last non-space character before the next
    label; ``meta['speech_start']`` is where the words after the label begin.
    """
    body_start = _header_end(text)
    matches = [m for m in LABEL_RE.finditer(text, body_start)]
    counts = Counter(m.group("label").strip().lower() for m in matches)
    speakers = [
        m for m in matches
        if m.group("ts") or m.group("bare_ts")
        or _base_label(m.group("label")) in KNOWN_LABELS or counts[m.group("label").strip().lower()] >= 2
    ]
    if len(speakers) < 2:
        return []
    turns = []
    for n, m in enumerate(speakers):
        limit = speakers[n + 1].start() if n + 1 < len(speakers) else len(text)
        line_start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        end = limit
        while end > m.end() and text[end - 1].isspace():
            end -= 1
        meta: dict[str, Any] = {"speech_start": m.end()}
        stamp = m.group("ts") or m.group("bare_ts")
        if stamp:
            meta["timestamp"] = stamp
            meta["start_time"] = _seconds(stamp)
        turns.append(ParsedUnit("turn", line_start, end, m.group("label").strip(), meta))
    return turns


def _base_label(label: str) -> str:
    """'Informan 3' -> 'informan'; 'P' -> 'p'."""
    return re.sub(r"[\s\d.]+$", "", label.strip()).lower()


def _sentences(text: str, regions: list[tuple[int, int, str | None]], nlp: Language) -> list[Unit]:
    """Sentence units of every region (a turn's words, or the whole text), one spaCy batch for all."""
    pieces: list[tuple[int, int, str | None]] = []
    for r_start, r_end, speaker in regions:
        for p_start, p_end in _paragraphs(text, r_start, r_end):
            for c_start in range(p_start, p_end, MAX_CHUNK):
                pieces.append((c_start, min(c_start + MAX_CHUNK, p_end), speaker))
    units: list[Unit] = []
    docs = nlp.pipe((text[s:e] for s, e, _ in pieces), batch_size=256)
    for (c_start, _, speaker), doc in zip(pieces, docs, strict=True):
        for sent in doc.sents:
            chunk = sent.text
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            s, e = c_start + sent.start_char + lead, c_start + sent.end_char - trail
            if e > s:
                units.append(Unit("sentence", len(units), s, e, speaker))
    return units


def _speech_start(text: str, turn: ParsedUnit) -> int:
    """Where a turn's words begin: after its label, whether detected here or given by an importer."""
    if "speech_start" in turn.meta:
        return int(turn.meta["speech_start"])
    if turn.speaker and text.startswith(f"{turn.speaker}:", turn.start):
        pos = turn.start + len(turn.speaker) + 1
        while pos < turn.end and text[pos] in " \t":
            pos += 1
        return pos
    return turn.start


def segment(text: str, language: str, turns: list[ParsedUnit] | None = None) -> list[Unit]:
    """Turns (given by the importer, or detected) and the sentences inside them.

    Sentences never include a turn's speaker label and never cross a blank line.

    Example
    -------
    >>> units = segment("P: Apa kabar? Baik.\\n\\nI: Ya. Baik sekali.", "id")
    >>> [(u.kind, u.speaker) for u in units][:3]
    [('turn', 'P'), ('turn', 'I'), ('sentence', 'P')]
    """
    nlp = pipeline(language)
    if turns is None or not turns:
        turns = detect_turns(text)
    units = [
        Unit("turn", i, t.start, t.end, t.speaker, {**t.meta, "speech_start": _speech_start(text, t)})
        for i, t in enumerate(turns)
    ]
    if turns:
        # Text before the first turn (a header) still gets sentences, with no speaker.
        regions = [(0, turns[0].start, None)] + [(_speech_start(text, t), t.end, t.speaker) for t in turns]
    else:
        regions = [(0, len(text), None)]
    return units + _sentences(text, regions, nlp)
