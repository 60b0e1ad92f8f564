"""How a REFI-QDA file counts selection positions, and turning them into offsets of the stored text.

REFI-QDA 1.5 (section 10.2) counts ``startPosition``/``endPosition`` in
Unicode code points, which is what qualcode writes and QualCoder reads. Not
every program follows it: NVivo counts UTF-16 code units (every character
outside the Basic Multilingual Plane, such as an emoji, counts two), and a
program may count a CRLF line end in the source text as two characters or as
one. A :class:`Reading` names one such convention.

The reading of a file is taken from the exporting program (the project's
``origin``; :data:`KNOWN_ORIGINS`) or, for a program not in that table,
detected: under each reading the selections are moved onto the text, and the
reading under which most of them start and end on word boundaries wins.
Readings that put every selection at the same place (a text without CRLF and
without characters outside the BMP) need no choice.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..ingest.base import normalize_text


@dataclass(frozen=True)
class Reading:
    """One way of counting positions: in code points or UTF-16 code units, a CRLF as two characters or one."""

    utf16: bool
    crlf_as_two: bool

    def describe(self) -> str:
        unit = "UTF-16 code units" if self.utf16 else "Unicode code points"
        return f"{unit}, a CRLF line end counted as {'two' if self.crlf_as_two else 'one'}"


CODE_POINTS = Reading(utf16=False, crlf_as_two=True)  # the standard; CRLF as two because the .txt holds both
READINGS = (CODE_POINTS, Reading(False, False), Reading(True, True), Reading(True, False))

# Programs whose reading is known, by a pattern their ``origin`` attribute begins with (case-insensitive);
# docs/exchange.md says how each was established. A program not listed is detected from its selections.
KNOWN_ORIGINS: tuple[tuple[str, Reading], ...] = (
    (r"qualcode\b", CODE_POINTS),  # ours: writes LF text, so CRLF never arises
    (r"nvivo\b", Reading(utf16=True, crlf_as_two=True)),  # real NVivo 12.6 Windows / 12.7 Mac exports
    (r"qualcoder\b", Reading(utf16=False, crlf_as_two=False)),  # Python offsets; CRLF only in its MAXQDA option
    (r"qc \d", Reading(utf16=False, crlf_as_two=False)),  # cproctor's qualitative-coding: whole lines, LF text
)

ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
BOUNDARY_SHARE = 0.9  # below this share of selections on word boundaries, the reading is reported as doubtful
CLEAR_MARGIN = 0.1  # share of the selections by which another reading must fit better than the standard's


def known_reading(origin: str | None) -> Reading | None:
    """The reading of the program named by ``origin``, or None when it is not in :data:`KNOWN_ORIGINS`."""
    name = (origin or "").strip()
    return next((reading for pattern, reading in KNOWN_ORIGINS if re.match(pattern, name, re.IGNORECASE)), None)


class SourcePositions:
    """Moves positions counted in the raw text of one source (BOM removed) onto its stored text."""

    def __init__(self, raw: str) -> None:
        self.raw = raw.removeprefix("\ufeff")
        self.text = normalize_text(self.raw)
        self._crlf = [m.start() for m in re.finditer("\r\n", self.raw)]
        self._astral = {False: self._astral_starts(self.text), True: self._astral_starts(self.raw)}

    @staticmethod
    def _astral_starts(text: str) -> list[int]:
        """UTF-16 offsets at which the characters outside the BMP begin (each takes two units)."""
        return [m.start() + n for n, m in enumerate(ASTRAL.finditer(text))]

    @property
    def ambiguous(self) -> bool:
        """Whether readings can disagree on this source at all."""
        return bool(self._crlf or self._astral[False])

    def splits_pair(self, position: int, reading: Reading) -> bool:
        """Whether ``position`` falls between the two UTF-16 units of one character (never under the right
        reading)."""
        if not reading.utf16:
            return False
        starts = self._astral[reading.crlf_as_two and bool(self._crlf)]
        before = bisect.bisect_left(starts, position)
        return bool(before) and starts[before - 1] + 1 == position

    def offset(self, position: int, reading: Reading) -> int | None:
        """The offset in :attr:`text` of ``position`` under ``reading`` (one between the halves of a UTF-16 pair
        moves past the character), or None when it is outside the text."""
        on_raw = reading.crlf_as_two and bool(self._crlf)
        if reading.utf16:
            starts = self._astral[on_raw]
            before = bisect.bisect_left(starts, position)  # characters beginning before this position
            if before and starts[before - 1] + 1 == position:
                position += 1  # the second half of a pair: count the whole character
            position -= before
        if on_raw:
            if position > len(self.raw):
                return None
            position -= bisect.bisect_left(self._crlf, position - 1) if position > 0 else 0
        return position if 0 <= position <= len(self.text) else None

    def on_boundary(self, offset: int) -> bool:
        """Whether ``offset`` of :attr:`text` is not inside a word."""
        text = self.text
        return offset <= 0 or offset >= len(text) or not (text[offset - 1].isalnum() and text[offset].isalnum())


@dataclass
class Fit:
    """How the selections land under one reading."""

    reading: Reading
    fitting: int = 0  # selections inside the text, starting and ending on word boundaries
    outside: int = 0  # selections that do not fit the text at all


Spans = Sequence[tuple[int, int]]


def fits(sources: Iterable[tuple[SourcePositions, Spans]], readings: Sequence[Reading]) -> list[Fit]:
    """How the selections ``(start, end)`` of each source land under each reading."""
    result = [Fit(reading) for reading in readings]
    for positions, spans in sources:
        for fit in result:
            for start, end in spans:
                a, b = positions.offset(start, fit.reading), positions.offset(end, fit.reading)
                if a is None or b is None or a >= b:
                    fit.outside += 1
                elif (positions.on_boundary(a) and positions.on_boundary(b)
                      and not positions.splits_pair(start, fit.reading)
                      and not positions.splits_pair(end, fit.reading)):
                    fit.fitting += 1
    return result


@dataclass
class Choice:
    """The reading chosen for a file, why, and how well the selections fit it."""

    reading: Reading
    basis: str
    selections: int = 0
    fitting: int = 0
    better: Reading | None = None  # a reading that would fit clearly better than a known origin's

    @property
    def suspicious(self) -> int:
        return self.selections - self.fitting

    def describe(self) -> str:
        return f"positions read as {self.reading.describe()} ({self.basis})"

    def warning(self) -> str | None:
        """A warning when too many selections do not start and end on word boundaries, else None."""
        if not self.selections or self.fitting >= BOUNDARY_SHARE * self.selections:
            return None
        text = (f"{self.suspicious} of {self.selections} selections do not start and end on word boundaries "
                f"when read as {self.reading.describe()}: check the imported quotes")
        if self.better is not None:
            text += f"; read as {self.better.describe()} more of them would"
        return text


def choose(origin: str | None, sources: Sequence[tuple[SourcePositions, Spans]]) -> Choice:
    """The reading for a file exported by ``origin`` whose sources hold these selections."""
    total = sum(len(spans) for _, spans in sources)
    known = known_reading(origin)
    undecided = [(p, spans) for p, spans in sources if p.ambiguous and spans]
    if not undecided:
        reading = known or CODE_POINTS
        fit = fits(sources, [reading])[0]
        return Choice(reading, "every reading puts the selections at the same place", total, fit.fitting)
    all_fits = fits(sources, READINGS)
    # Another reading replaces the standard's only when clearly more selections fit it: selections made by hand
    # start and end on word boundaries under the right reading, but spans that ignore words fit every reading
    # about equally, and then the standard is the better guess.
    margin = max(3, CLEAR_MARGIN * sum(len(spans) for _, spans in undecided))
    best = all_fits[0]
    for fit in all_fits[1:]:
        if fit.outside < best.outside or fit.fitting >= best.fitting + margin:
            best = fit
    if known is not None:
        mine = next(f for f in all_fits if f.reading == known)
        choice = Choice(known, f"the usual reading of {origin.strip()}" if origin else "", total, mine.fitting)
        if best.fitting > mine.fitting:
            choice.better = best.reading
        return choice
    what = origin.strip() if origin and origin.strip() else "an unnamed program"
    return Choice(best.reading, f"detected from word boundaries; {what} is not a program whose reading is known",
                  total, best.fitting)
