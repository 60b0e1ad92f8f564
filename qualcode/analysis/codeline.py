"""Code lines (MAXQDA calls them codelines and document portraits): where each code falls along a document,
turn by turn, with the speaker of each turn, so that a reader sees at a glance which themes the informant
raises, when, and after which of the interviewer's questions.

A coding is placed on the document's speaker turns: its *start turn* is the turn holding its first character,
its *end turn* the turn holding its last, so a coding spanning several turns spans them. Turns are numbered
from 1 in reading order; text before the first turn (a header) is turn 0, and the blank space between two turns
belongs to the turn before it. A document without speaker turns has no turn numbers (missing values) and is
drawn by character position.

Inputs are plain frames: codings with ``document_id``, ``start``, ``end`` (end-exclusive character offsets);
turns with ``document_id``, ``start``, ``end``, ``speaker`` in reading order.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from ..errors import InputError

XS = ("turn", "char")
SELECTION = "mark"  # the point selection of the code marks: field "coding_id"
#: Colours of the codes' families where the codebook gives none (Okabe and Ito's colour-blind-safe palette).
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
#: Fills of the speaker band: the interviewers' turns dark, everyone else's light, so that the two read apart.
ASKER_FILLS = ("#3a3a3a", "#6e6e6e", "#555555", "#242424")
OTHER_FILLS = ("#c8c8c8", "#e3e3e3", "#b0b0b0", "#d6d6d6", "#bcbcbc", "#ececec")
#: Speaker labels that name the one asking (Indonesian and English transcripts).
ASKERS = {"p", "q", "pewawancara", "peneliti", "penanya", "interviewer", "researcher", "moderator"}
QUOTE_WORDS = 12  # words of a quote the tooltip shows
WIDTH = 560  # with the code labels beside it, fits the app's page without scrolling
ROW = 16  # pixels per code row


def turn_numbers(turn_starts: Sequence[int] | np.ndarray, positions: Sequence[int] | np.ndarray) -> np.ndarray:
    """The turn (numbered from 1; 0 before the first turn) holding each character position.

    Parameters
    ----------
    turn_starts : sequence of int
        The turns' first characters, ascending.
    positions : sequence of int
        Character positions (a coding's first character, or its last: ``end - 1``).

    Example
    -------
    >>> turn_numbers([10, 50, 90], [0, 10, 49, 50, 200]).tolist()
    [0, 1, 1, 2, 3]
    """
    starts = np.asarray(turn_starts, dtype=np.int64)
    return np.searchsorted(starts, np.asarray(positions, dtype=np.int64), side="right").astype(np.int64)


def place_codings(codings: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """``codings`` with ``start_turn``, ``end_turn`` and ``speaker`` (of the start turn) added.

    Documents without turns get missing values (``<NA>``) in all three; text before the first turn is turn 0
    and has no speaker.
    """
    for frame, what, needed in ((codings, "codings", ("document_id", "start", "end")),
                                (turns, "turns", ("document_id", "start", "speaker"))):
        for column in needed:
            if column not in frame.columns:
                raise InputError(f"{what} lack column '{column}'; need {', '.join(needed)}")
    out = codings.copy()
    start_turn = pd.array([pd.NA] * len(out), dtype="Int64")
    end_turn = pd.array([pd.NA] * len(out), dtype="Int64")
    speaker = pd.array([pd.NA] * len(out), dtype="string")
    by_document = {d: part.sort_values("start", kind="stable") for d, part in turns.groupby("document_id")}
    for document_id, rows in out.groupby("document_id").indices.items():
        part = by_document.get(document_id)
        if part is None or part.empty:
            continue
        starts = part["start"].to_numpy(np.int64)
        speakers = np.array(["", *part["speaker"].fillna("").astype(str)], dtype=object)
        first = turn_numbers(starts, out["start"].to_numpy(np.int64)[rows])
        last = turn_numbers(starts, out["end"].to_numpy(np.int64)[rows] - 1)
        start_turn[rows], end_turn[rows] = first, last
        speaker[rows] = [s or pd.NA for s in speakers[first]]
    out["start_turn"], out["end_turn"], out["speaker"] = start_turn, end_turn, speaker
    return out


def speaker_fills(turns: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The speakers of ``turns`` (interviewers first) and the band's fill of each: dark for the one asking
    (a label of :data:`ASKERS`, or else the first speaker of a document), light for the others.

    >>> speaker_fills(pd.DataFrame({"document_id": [1, 1, 2, 2], "speaker": ["P", "I", "Ana", "Budi"]}))
    (['P', 'Ana', 'I', 'Budi'], ['#3a3a3a', '#6e6e6e', '#c8c8c8', '#e3e3e3'])
    """
    askers: list[str] = []
    others: list[str] = []
    if len(turns):
        for _, part in turns.groupby("document_id", sort=False):
            names = list(dict.fromkeys(str(v) for v in part["speaker"].dropna()))
            asking = [n for n in names if n.strip().rstrip("0123456789. ").lower() in ASKERS] or names[:1]
            askers += [n for n in asking if n not in askers]
            others += [n for n in names if n not in asking and n not in others]
    others = [n for n in others if n not in askers]
    fills = [ASKER_FILLS[i % len(ASKER_FILLS)] for i in range(len(askers))]
    fills += [OTHER_FILLS[i % len(OTHER_FILLS)] for i in range(len(others))]
    return askers + others, fills


def first_words(text: object, words: int = QUOTE_WORDS) -> str:
    """The first ``words`` words of ``text`` on one line, with an ellipsis when there were more.

    >>> first_words("one  two\\nthree four", 3)
    'one two three…'
    """
    if not isinstance(text, str):
        return ""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def family_colors(keys: Sequence[str], parents: Mapping[str, str | None], colors: Mapping[str, str | None]
                  ) -> dict[str, str]:
    """Each code's colour: its own from the codebook, else its top-level code's, else a colour of
    :data:`PALETTE` per top-level family (in the order of ``keys``)."""
    def top(key: str) -> str:
        seen = {key}
        while (parent := parents.get(key)) and parent not in seen:
            seen.add(parent)
            key = parent
        return key

    families: dict[str, str] = {}
    for key in keys:
        families.setdefault(top(key), PALETTE[len(families) % len(PALETTE)])
    out = {}
    for key in keys:
        family = top(key)
        out[key] = colors.get(key) or colors.get(family) or families[family]
    return out


def codeline(marks: pd.DataFrame, turns: pd.DataFrame, documents: Sequence[Mapping[str, object]], *,
             x: str = "turn", codes: Sequence[str], code_labels: Mapping[str, str], colors: Mapping[str, str],
             title: str = "", labels: Mapping[str, str] | None = None) -> alt.VConcatChart:
    """Code lines of one or more documents, stacked.

    Each document is one panel: a band along the top showing the speaker of each turn, and below it one row per
    code with a mark per coding, from its start to its end (turns or characters).

    Parameters
    ----------
    marks : DataFrame
        One row per coding: ``document_id``, ``coding_id``, ``code``, ``coder``, ``start``, ``end``,
        ``start_turn``, ``end_turn``, ``speaker``, ``quote`` (as :func:`place_codings` gives).
    turns : DataFrame
        One row per turn: ``document_id``, ``turn`` (from 1), ``speaker``, ``start``, ``end``.
    documents : sequence of mappings
        The panels in order, each with ``id`` and ``title`` (a document without turns is drawn by character
        whatever ``x`` says, and its title should say so).
    x : {"turn", "char"}
        Place codings by turn number or by character position.
    codes : sequence of str
        The code rows, top to bottom (codebook order).
    code_labels, colors : mapping
        Each code's row label ("E1.1 Name") and colour.
    title : str
        The chart's title.
    labels : mapping, optional
        Titles in the reader's language: ``turn``, ``char``, ``code``, ``speaker``, ``coder``, ``quote``,
        ``characters``; English by default.

    Returns
    -------
    altair.VConcatChart
        The panels one above the other (a concatenation even of one). The code marks carry a point selection named
        ``"mark"`` on the field ``coding_id`` (what a front end reads back when a mark is clicked).
    """
    if x not in XS:
        raise InputError(f"x must be one of {', '.join(XS)}; got {x!r}")
    shown = {"turn": "Turn", "char": "Character position", "code": "Code", "speaker": "Speaker",
             "coder": "Coder", "quote": "Quote", "characters": "Characters", **dict(labels or {})}
    speaker_row = shown["speaker"]
    rows = [code_labels.get(c, c) for c in codes]
    while speaker_row in rows:  # a code named like the band's row must not share it
        speaker_row += " "
    speakers, fills = speaker_fills(turns)
    coders = sorted({str(c) for c in marks["coder"]}) if len(marks) else []
    mark = alt.selection_point(name=SELECTION, fields=["coding_id"], on="click")
    panels = []
    for document in documents:
        doc_id = document["id"]
        own_turns = turns[turns["document_id"] == doc_id] if len(turns) else turns
        own = marks[marks["document_id"] == doc_id] if len(marks) else marks
        by_turn = x == "turn" and len(own_turns) > 0
        panels.append(_panel(own, own_turns, by_turn=by_turn, rows=[speaker_row, *rows], speaker_row=speaker_row,
                             code_labels=code_labels, colors=colors, codes=codes, speakers=speakers, fills=fills,
                             coders=coders, shown=shown, selection=mark, title=str(document["title"])))
    with warnings.catch_warnings():
        # one selection over every panel is what is meant (Altair 6 says it merged them; Altair 5 merges silently)
        warnings.filterwarnings("ignore", message="Automatically deduplicated selection", category=UserWarning)
        # a concatenation even of one panel, so that its title (document, informant, group) stays under the chart's
        chart = alt.vconcat(*panels, spacing=24).resolve_scale(x="independent")
        return chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=14)) if title else chart


def _panel(marks: pd.DataFrame, turns: pd.DataFrame, *, by_turn: bool, rows: list[str], speaker_row: str,
           code_labels: Mapping[str, str], colors: Mapping[str, str], codes: Sequence[str], speakers: list[str],
           fills: list[str], coders: list[str], shown: Mapping[str, str], selection: alt.Parameter,
           title: str) -> alt.LayerChart:
    """One document's band of speakers over its code marks."""
    # rows are placed by number (0: the speaker band), so that each coder's strip of a row sits exactly in it
    index = {label: n for n, label in enumerate(rows)}
    band_records = []
    for t in turns.itertuples(index=False):
        a, b = (t.turn - 0.5, t.turn + 0.5) if by_turn else (int(t.start), int(t.end))
        band_records.append({"row": speaker_row, "x": a, "x2": b, "y": -0.45, "y2": 0.45,
                             "speaker": str(t.speaker or ""), "turn": int(t.turn),
                             "chars": f"{int(t.start)}–{int(t.end)}"})
    strip = 0.9 / max(1, len(coders))  # each coder's share of a row, so that two coders' marks never hide each other
    mark_records = []
    for m in marks.itertuples(index=False):
        if by_turn:
            a, b = int(m.start_turn) - 0.45, int(m.end_turn) + 0.45
            place = str(int(m.start_turn)) if m.start_turn == m.end_turn else f"{int(m.start_turn)}–{int(m.end_turn)}"
        else:
            a, b = int(m.start), int(m.end)
            place = "" if pd.isna(m.start_turn) else (
                str(int(m.start_turn)) if m.start_turn == m.end_turn else f"{int(m.start_turn)}–{int(m.end_turn)}")
        label = code_labels.get(m.code, m.code)
        top = index[label] - 0.45 + coders.index(str(m.coder)) * strip
        mark_records.append({"row": label, "x": a, "x2": b, "y": top, "y2": top + strip * 0.9,
                             "coding_id": int(m.coding_id), "code": m.code, "coder": str(m.coder),
                             "speaker": "" if pd.isna(m.speaker) else str(m.speaker), "turn": place,
                             "chars": f"{int(m.start)}–{int(m.end)}", "quote": first_words(m.quote)})
    x_title = shown["turn"] if by_turn else shown["char"]
    x_scale = alt.Scale(zero=False, nice=False) if by_turn else alt.Scale(zero=True, nice=False)
    x_axis = alt.Axis(tickMinStep=1, format="d") if by_turn else alt.Axis(format="d")
    y = alt.Y("y:Q", title=None, scale=alt.Scale(domain=[-0.5, len(rows) - 0.5], reverse=True, nice=False,
                                                 zero=False),
              axis=alt.Axis(values=list(range(len(rows))), labelExpr=f"{json.dumps(rows)}[datum.value]",
                            labelLimit=240, labelOverlap=False, grid=False))
    band = alt.Chart(alt.InlineData(values=band_records or [{"row": speaker_row}])).mark_rect(
        stroke="white", strokeWidth=0.5).encode(
        x=alt.X("x:Q", title=x_title, scale=x_scale, axis=x_axis), x2="x2:Q", y=y, y2="y2:Q",
        fill=alt.Fill("speaker:N", title=shown["speaker"],
                      scale=alt.Scale(domain=speakers or [""], range=fills or ["#c8c8c8"]),
                      legend=alt.Legend(orient="top", direction="horizontal") if speakers else None),
        tooltip=[alt.Tooltip("speaker:N", title=shown["speaker"]), alt.Tooltip("turn:Q", title=shown["turn"]),
                 alt.Tooltip("chars:N", title=shown["characters"])],
    )
    labels = [code_labels.get(c, c) for c in codes]
    layer_marks = alt.Chart(alt.InlineData(values=mark_records or [{"row": rows[0]}])).mark_rect(
        opacity=0.85, stroke="#333333", strokeWidth=0.4, cornerRadius=1).encode(
        x=alt.X("x:Q", title=x_title, scale=x_scale, axis=x_axis), x2="x2:Q", y=y, y2="y2:Q",
        color=alt.Color("row:N", title=shown["code"],
                        scale=alt.Scale(domain=labels or [""], range=[colors.get(c, "#999999") for c in codes]
                                        or ["#999999"]),
                        # under the chart, not beside it: the rows already name the codes, so the page keeps
                        # its width for the turns
                        legend=alt.Legend(symbolLimit=0, labelLimit=220, columns=2, orient="bottom",
                                          direction="vertical", symbolStrokeWidth=0, symbolSize=120)),
        tooltip=[alt.Tooltip("row:N", title=shown["code"]), alt.Tooltip("speaker:N", title=shown["speaker"]),
                 alt.Tooltip("turn:N", title=shown["turn"]), alt.Tooltip("chars:N", title=shown["characters"]),
                 alt.Tooltip("coder:N", title=shown["coder"]), alt.Tooltip("quote:N", title=shown["quote"])],
    ).add_params(selection)
    if not mark_records:  # the placeholder row must draw nothing (an empty InlineData drops the layer's fields)
        layer_marks = layer_marks.transform_filter("isValid(datum.coding_id)")
    if not band_records:
        band = band.transform_filter("isValid(datum.turn)")
    return alt.LayerChart(layer=[band, layer_marks]).properties(
        title=alt.TitleParams(title, anchor="start", fontSize=12), width=WIDTH, height=ROW * len(rows))
