"""The transcript component (components v2, inline JS and CSS).

The component only draws what Python sends and reports two events; the
callbacks copy them into plain session-state keys (``<key>_selection`` and
``<key>_clicked``) so that pages, and AppTest, work from those keys alone.
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
    js=(_HERE / "transcript.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def _event(key: str, name: str) -> Any:
    value = st.session_state.get(key)
    if value is None:
        return None
    try:
        return value[name]
    except (KeyError, TypeError):
        return getattr(value, name, None)


def transcript_view(
    *, key: str, doc_key: str, text: str, turns: list[dict], codings: list[dict], focus: int | None = None,
    cleared: int = 0, height: int = 640, on_select: Callable[[], None] | None = None,
    on_click: Callable[[], None] | None = None,
) -> None:
    """Show a transcript with its codings as bands.

    A selection lands in ``st.session_state[key + "_selection"]`` as ``{"start", "end"}``
    (code points), a click on a band in ``st.session_state[key + "_clicked"]`` as a list of
    coding ids; then ``on_select`` / ``on_click`` run. A new value of ``cleared`` makes the view drop
    the reader's selection (after it was coded), so the browser neither shows nor sends it again.
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

    data = {"doc_key": doc_key, "text": text, "turns": turns, "codings": codings, "focus": focus,
            "cleared": cleared}
    _component(key=key, data=data, height=height, on_select_change=selected, on_span_click_change=clicked)
