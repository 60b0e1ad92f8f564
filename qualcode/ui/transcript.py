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
which): a redraw after a coding sends only what changes, as on a 300,000-character transcript the text
would be most of every message. A view that has not got them (a new page load keeps none) sends
``need_text``, and the next run sends them again.

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


def transcript_view(
    *, key: str, doc_key: str, text: str, turns: list[dict], codings: dict[str, list], focus: int | None = None,
    cleared: int = 0, height: int = 640, sentences: list[list[int]] | None = None,
    codes: list[dict] | None = None, recent: list[str] | None = None, may_code: bool = False,
    editable: list[str] | None = None, strings: dict[str, str] | None = None,
    on_select: Callable[[], None] | None = None, on_click: Callable[[], None] | None = None,
    on_code: Callable[[], None] | None = None, on_coding: Callable[[], None] | None = None,
) -> None:
    """Show a transcript with its codings as bands, and the code palette when ``may_code``.

    ``codings`` are columns, as :func:`qualcode.ui.code_bands.bands` makes them: ``id``, ``start``, ``end``,
    ``code`` and ``coder`` one entry per coding (``code`` / ``coder`` indexes into ``codes`` / ``coders``),
    each code's band ``names`` and ``colors``. ``sentences`` are ``[start, end]`` spans (the keyboard's
    "select this sentence"), ``codes`` the output of :func:`palette_codes`, ``recent`` code keys most recent
    first, ``editable`` the coders whose codings the palette may change (None: every coder's; the server
    checks again), ``strings`` the palette's words in the UI language. A new value of ``cleared`` makes the view drop
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

    send_text = st.session_state.get(f"{key}_sent") != doc_key
    st.session_state[f"{key}_sent"] = doc_key
    data = {"doc_key": doc_key, "text": text if send_text else None, "turns": turns if send_text else None,
            "sentences": (sentences or []) if send_text else None, "codings": codings, "focus": focus,
            "cleared": cleared, "codes": codes or [], "recent": recent or [],
            "may_code": bool(may_code), "editable": editable, "strings": strings or {}}
    _component(key=key, data=data, height=height, on_select_change=selected, on_span_click_change=clicked,
               on_code_change=coded, on_coding_change=coding_changed, on_need_text_change=text_needed)
