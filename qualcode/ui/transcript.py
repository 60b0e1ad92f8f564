"""The transcript component (components v2, inline JS and CSS).

The component draws what Python sends and reports four events; the callbacks copy
them into plain session-state keys so that pages, and AppTest, work from those keys alone:

- ``select`` -> ``<key>_selection`` ``{"start", "end"}``: the reader selected a passage (code points); with the
  palette (``may_code``) only once the palette closes without coding it (Esc, a click elsewhere), so that
  selecting and pressing a key cost no rerun, and the side panel then shows that passage;
- ``span_click`` -> ``<key>_clicked`` ``[coding id, ...]``: the reader asked for a band's full dialog (memo);
- ``code`` -> ``<key>_code`` ``{"start", "end", "codes": [key, ...]}``: codes chosen in the palette for a span;
- ``coding`` -> ``<key>_coding`` ``{"id", "action": "change" | "remove", "code": key | None}``: a band's
  coding changed or removed from the palette (the palette asked for confirmation before a removal).

The document's text, turns and sentences go to the browser once per document (``<key>_sent`` remembers
which), and its codings once in full, then as what changed (:func:`band_message`; ``<key>_bands`` remembers
what the view holds): on a 300,000-character transcript with 5,000 codings the text and the bands would
otherwise be most of every redraw's message. A view that has not got them (a new page load keeps none) or
missed a change sends ``need_text``, and the next run sends everything again.

With ``times`` (a document with a recording, :mod:`qualcode.ui.media_parts`) each timed turn shows its time;
a click on it plays the page's player from there, and transcript.js highlights the turn being heard.

The palette (JS) opens next to a selection or a clicked band; it lists ``codes`` with the coder's
``recent`` codes first, numbered 1-9, and filters by key or by name in either language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

_HERE = Path(__file__).resolve().parent
_component = st.components.v2.component(
    "qualcode_transcript",
    css=(_HERE / "transcript.css").read_text(encoding="utf-8"),
    # one ES module: the view (transcript.js, with the default export) and its code palette (palette.js)
    js="\n".join((_HERE / name).read_text(encoding="utf-8") for name in ("transcript.js", "palette.js")),
    isolate_styles=False,
)

# UI strings the palette shows (keys of qualcode.ui.i18n.CATALOGUE)
PALETTE_STRINGS = ("pal_filter", "pal_apply", "pal_none", "pal_remove", "pal_really_remove", "pal_memo",
                   "pal_change", "pal_help", "pal_band_help", "pal_pick", "pal_not_yours", "pal_locked_help")


def _event(key: str, name: str) -> Any:
    value = st.session_state.get(key)
    if value is None:
        return None
    try:
        return value[name]
    except (KeyError, TypeError):
        return getattr(value, name, None)


def _text(value: Any) -> str:
    """A text field of a code record; "" for None and for the NaN a DataFrame has in an empty cell (which JSON
    cannot carry to the browser)."""
    return value.strip() if isinstance(value, str) else ""


def palette_codes(codes: list[dict]) -> list[dict]:
    """The codebook as the palette needs it: key, label, both names, colour and hotkey, in codebook order.

    Example
    -------
    >>> palette_codes([{"key": "E1", "name": "Trust", "name_alt": float("nan"), "hotkey": None}])
    [{'key': 'E1', 'label': 'E1', 'name': 'Trust', 'name_alt': '', 'color': '#999999', 'hotkey': None}]
    """
    return [{"key": str(c["key"]), "label": _text(c.get("label")) or str(c["key"]), "name": _text(c.get("name")),
             "name_alt": _text(c.get("name_alt")), "color": _text(c.get("color")) or "#999999",
             "hotkey": _text(c.get("hotkey")) or None} for c in codes]


def band_message(held: dict | None, doc_key: str, codings: dict[str, list]) -> tuple[dict, dict]:
    """The codings message for a view that holds ``held`` (what the last message left it, None: nothing), and
    what the view holds after it.

    ``codings`` are the document's bands in columns (:func:`qualcode.ui.code_bands.bands`). The message has the
    same columns, but only for the codings the view lacks or holds otherwise, with ``gone`` the ids it should
    drop and ``base`` the ``version`` it applies to (None: it is all of them, for a new document or a view
    that holds nothing). The code and coder lists go whole every time: a changed colour or name shows at once.

    Example
    -------
    >>> cols = {"id": [4], "start": [0], "end": [5], "code": [0], "coder": [0], "codes": ["A"], "names": [""],
    ...         "colors": ["#111111"], "coders": ["rina"]}
    >>> first, held = band_message(None, "doc", cols)
    >>> first["base"], first["version"], first["id"]
    (None, 1, [4])
    >>> more = {**cols, "id": [4, 9], "start": [0, 7], "end": [5, 8], "code": [0, 0], "coder": [0, 0]}
    >>> second, held = band_message(held, "doc", more)
    >>> second["base"], second["version"], second["id"], second["gone"]
    (1, 2, [9], [])
    """
    if held is not None and held["doc"] == doc_key and held["from"] is codings:  # the same bands as last run
        return {**_columns(codings, []), "gone": [], "base": held["version"], "version": held["version"]}, held
    rows = {i: (s, e, codings["codes"][k], codings["coders"][c]) for i, s, e, k, c in zip(
        codings["id"], codings["start"], codings["end"], codings["code"], codings["coder"], strict=True)}
    if held is None or held["doc"] != doc_key:
        base, version, changed, gone = None, (held["version"] + 1 if held else 1), list(range(len(rows))), []
    else:
        old = held["rows"]
        changed = [j for j, i in enumerate(codings["id"]) if old.get(i) != rows[i]]
        gone = [i for i in old if i not in rows]
        base = held["version"]
        version = base + 1 if changed or gone else base
    message = {**_columns(codings, changed), "gone": gone, "base": base, "version": version}
    return message, {"doc": doc_key, "version": version, "rows": rows, "from": codings}


def _columns(codings: dict[str, list], picked: list[int]) -> dict[str, list]:
    """The band columns of the codings at positions ``picked``, with the whole code and coder lists."""
    out = {field: [codings[field][j] for j in picked] for field in ("id", "start", "end", "code", "coder")}
    return {**out, **{field: codings[field] for field in ("codes", "names", "colors", "coders")}}


def transcript_view(
    *, key: str, doc_key: str, text: str, turns: list[dict], codings: dict[str, list], focus: int | None = None,
    cleared: int = 0, height: int = 640, sentences: list[list[int]] | None = None,
    codes: list[dict] | None = None, recent: list[str] | None = None, may_code: bool = False,
    editable: list[str] | None = None, strings: dict[str, str] | None = None,
    times: list[list[float | int | None]] | None = None,
    on_select: Callable[[], None] | None = None, on_click: Callable[[], None] | None = None,
    on_code: Callable[[], None] | None = None, on_coding: Callable[[], None] | None = None,
) -> None:
    """Show a transcript with its codings as bands, and the code palette when ``may_code``.

    ``codings`` are columns, as :func:`qualcode.ui.code_bands.bands` makes them (the view gets what changed,
    :func:`band_message`): ``id``, ``start``, ``end``,
    ``code`` and ``coder`` one entry per coding (``code`` / ``coder`` indexes into ``codes`` / ``coders``),
    each code's band ``names`` and ``colors``. ``sentences`` are ``[start, end]`` spans (the keyboard's
    "select this sentence"), ``codes`` the output of :func:`palette_codes`, ``recent`` code keys most recent
    first, ``editable`` the coders whose codings the palette may change (None: every coder's; the server
    checks again), ``strings`` the palette's words in the UI language, ``times`` the timed turns as
    ``[turn start offset, seconds, end seconds or None]`` when the page has a player (sent with the text, so
    ``doc_key`` must change with them). A new value of ``cleared`` makes the view drop
    the reader's selection (after it was coded), so the browser neither shows nor sends it again. Events land
    in session state as the module docstring says, then the matching callback runs.
    """

    def selected() -> None:
        event = _event(key, "select")
        if event:
            st.session_state[f"{key}_selection"] = {"start": int(event["start"]), "end": int(event["end"])}
            if on_select:
                on_select()

    def clicked() -> None:
        event = _event(key, "span_click")
        if event:
            st.session_state[f"{key}_clicked"] = [int(i) for i in event["ids"]]
            if on_click:
                on_click()

    def coded() -> None:
        event = _event(key, "code")
        if event:
            st.session_state[f"{key}_code"] = {"start": int(event["start"]), "end": int(event["end"]),
                                               "codes": [str(c) for c in event["codes"]]}
            if on_code:
                on_code()

    def coding_changed() -> None:
        event = _event(key, "coding")
        if event:
            code = event.get("code") if hasattr(event, "get") else event["code"]
            st.session_state[f"{key}_coding"] = {"id": int(event["id"]), "action": str(event["action"]),
                                                 "code": str(code) if code else None}
            if on_coding:
                on_coding()

    def text_needed() -> None:
        if _event(key, "need_text"):
            st.session_state.pop(f"{key}_sent", None)
            st.session_state.pop(f"{key}_bands", None)

    send_text = st.session_state.get(f"{key}_sent") != doc_key
    st.session_state[f"{key}_sent"] = doc_key
    bands, st.session_state[f"{key}_bands"] = band_message(
        None if send_text else st.session_state.get(f"{key}_bands"), doc_key, codings)
    data = {"doc_key": doc_key, "text": text if send_text else None, "turns": turns if send_text else None,
            "sentences": (sentences or []) if send_text else None, "times": (times or []) if send_text else None,
            "codings": bands, "focus": focus,
            "cleared": cleared, "codes": codes or [], "recent": recent or [],
            "may_code": bool(may_code), "editable": editable, "strings": strings or {}}
    _component(key=key, data=data, height=height, on_select_change=selected, on_span_click_change=clicked,
               on_code_change=coded, on_coding_change=coding_changed, on_need_text_change=text_needed)
