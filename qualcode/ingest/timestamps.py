"""Turns of a plain transcript from the time markers at the start of its lines.

Transcripts typed while listening to a recording mark where each turn begins in the recording, in one of
three forms: ``00:01:23`` (bare, followed by a space), ``[01:23]`` or ``(00:01:23)``, optionally followed by
a speaker label (``[00:01:23] Pewawancara: ...``). Each marked line starts a turn that runs to the line
before the next marker; the turn's ``start_time`` is its marker and its ``end_time`` the next turn's
``start_time`` (the last turn has none: where it ends is known only from the recording).

A text is taken as timed only when at least two lines start with a marker and the markers never go back in
time; otherwise (a single "10:30 we met" line, say) no turns are returned and speaker labels decide the turns
as before.
"""

from __future__ import annotations

import re
from typing import Any

from qualcode.ingest.base import ParsedUnit

_STAMP = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
MARKER_RE = re.compile(
    rf"^[ \t]*(?:\[(?P<square>{_STAMP})\]|\((?P<round>{_STAMP})\)|(?P<bare>{_STAMP})(?=[ \t]))[ \t]*",
    re.MULTILINE,
)
# the speaker label that may follow a marker; the same shape qualcode.segment recognises
_LABEL_RE = re.compile(r"(?P<label>[^\W\d_][\w .'/()\-]{0,39}?)[ \t]*:[ \t]+(?=\S)")


def marker_seconds(stamp: str) -> float:
    """``"01:23"`` -> 83.0, ``"1:02:03.5"`` -> 3723.5.

    Example
    -------
    >>> marker_seconds("00:01:23"), marker_seconds("01:23"), marker_seconds("1:00:00,250")
    (83.0, 83.0, 3600.25)
    """
    total = 0.0
    for part in stamp.replace(",", ".").split(":"):
        total = total * 60 + float(part)
    return total


def timed_turns(text: str) -> list[ParsedUnit]:
    """One turn per line that starts with a time marker (see the module docstring), or ``[]``.

    A turn spans from its marker to the last non-space character before the next marker;
    ``meta['speech_start']`` is where its words begin (after the marker and any label), ``meta['timestamp']``
    the marker as written.

    Example
    -------
    >>> turns = timed_turns("[00:00:05] P: Mulai.\\n(00:00:09) I: Ya.")
    >>> [(t.speaker, t.meta["start_time"], t.meta.get("end_time")) for t in turns]
    [('P', 5.0, 9.0), ('I', 9.0, None)]
    """
    markers = list(MARKER_RE.finditer(text))
    starts = [marker_seconds(m["square"] or m["round"] or m["bare"]) for m in markers]
    if len(markers) < 2 or any(later < earlier for earlier, later in zip(starts, starts[1:], strict=False)):
        return []
    turns: list[ParsedUnit] = []
    for n, match in enumerate(markers):
        limit = markers[n + 1].start() if n + 1 < len(markers) else len(text)
        end = limit
        while end > match.end() and text[end - 1].isspace():
            end -= 1
        if end <= match.end():
            return []  # a marker with no words after it: not a transcript of marked turns
        begin = match.start() + len(match[0]) - len(match[0].lstrip())
        speech = match.end()
        speaker = None
        label = _LABEL_RE.match(text, speech, end)
        if label is not None and "\n" not in label[0]:
            speaker, speech = label["label"].strip(), label.end()
        meta: dict[str, Any] = {"speech_start": speech, "timestamp": match["square"] or match["round"] or match["bare"],
                                "start_time": starts[n]}
        if n + 1 < len(markers):
            meta["end_time"] = starts[n + 1]
        turns.append(ParsedUnit("turn", begin, end, speaker, meta))
    return turns
