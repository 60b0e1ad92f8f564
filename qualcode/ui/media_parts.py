"""The Code page's player: the recording of the open document, and its turns' times for the transcript.

The player is Streamlit's own ``st.audio`` / ``st.video`` in a container keyed ``qc_player`` (so the page
carries the CSS class ``st-key-qc_player``). The transcript component is not in an iframe (components v2
draw into the page itself), so transcript.js finds that ``<audio>``/``<video>`` element by the class and
seeks it when a turn's time is clicked; Streamlit serves the file as for any ``st.audio``, so a recording of
hundreds of MB is neither copied into the component's message nor turned into a data URL. The player sits
outside the coding fragment: coding reruns the fragment only and never restarts what is playing.
"""

from __future__ import annotations

import math

import streamlit as st

from qualcode.errors import NotFoundError
from qualcode.project import Project

from .state import error_text, escape_md, tr

PLAYER_KEY = "qc_player"
# UI strings transcript.js shows on the turns' times (keys of qualcode.ui.i18n.CATALOGUE)
PLAYER_STRINGS = ("med_play_from",)


def player(project: Project, document_id: int) -> bool:
    """Show the document's recording above the transcript; returns whether there is one to play."""
    row = project.media(document_id)
    if row is None:
        return False
    try:
        path = project.media_path(document_id)
    except NotFoundError as exc:
        st.warning(error_text(exc))
        return False
    with st.container(key=PLAYER_KEY):
        if row["kind"] == "video":
            st.video(str(path), format=row["mime"])
        else:
            st.audio(str(path), format=row["mime"])
        st.caption(tr("med_player_help").format(file=escape_md(row["original_name"])))
    return True


def turn_times(project: Project, document_id: int) -> list[list[float | int | None]]:
    """The timed turns as the transcript needs them: ``[turn start offset, time start, time end or None]``."""
    frame = project.turn_times(document_id)
    out: list[list[float | int | None]] = []
    for row in frame.itertuples():
        if math.isnan(row.time_start):
            continue
        out.append([int(row.start), float(row.time_start), None if math.isnan(row.time_end) else float(row.time_end)])
    return out
