"""The Overview page's *Methods appendix*: a COREQ/SRQR checklist filled from the project and a methods paragraph,
made on request (agreement and saturation take a moment) and downloaded as Word, Markdown or LaTeX."""

from __future__ import annotations

import streamlit as st

from qualcode.analysis.checklists import BLANK, CHECKLIST_CHOICES, checklist_answers, checklist_names
from qualcode.errors import QualcodeError
from qualcode.export.appendix import APPENDIX_FORMATS, appendix_bytes
from qualcode.project import Project
from qualcode.project.methods import methods_appendix, methods_facts

from .state import error_text, lang, tr

MIMES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "md": "text/markdown", "tex": "application/x-tex"}
CHECKLIST_LABELS = {"coreq": "meth_checklist_coreq", "srqr": "meth_checklist_srqr", "both": "meth_checklist_both"}
FORMAT_LABELS = {"docx": "meth_format_docx", "md": "meth_format_md", "tex": "meth_format_tex"}
LANGUAGE_LABELS = {"en": "meth_language_en", "id": "meth_language_id"}
_MADE = "meth_made"  # session key: (choices, bytes, counts) of the last appendix made


def methods_appendix_section(project: Project) -> None:
    """Choices, a button that makes the appendix, and its download once made for those choices."""
    st.subheader(tr("meth_title"))
    st.caption(tr("meth_help"))
    # labels worked out now, not in format_func, so that they are the session's language whoever calls it
    checklists = {v: tr(CHECKLIST_LABELS[v]) for v in CHECKLIST_CHOICES}
    languages = {v: tr(k) for v, k in LANGUAGE_LABELS.items()}
    formats = {v: tr(FORMAT_LABELS[v]) for v in APPENDIX_FORMATS}
    a, b, c = st.columns(3)
    checklist = a.selectbox(tr("meth_checklist"), CHECKLIST_CHOICES, key="meth_checklist",
                            format_func=checklists.__getitem__)
    language = b.selectbox(tr("meth_language"), tuple(languages), key="meth_language",
                           index=1 if lang() == "id" else 0, format_func=languages.__getitem__)
    fmt = c.selectbox(tr("meth_format"), APPENDIX_FORMATS, key="meth_format", format_func=formats.__getitem__)
    choices = (str(project.path), checklist, language, fmt)
    if st.button(tr("meth_make"), key="meth_make"):
        try:
            facts = methods_facts(project)
            data = appendix_bytes(methods_appendix(project, checklist=checklist, language=language, facts=facts), fmt)
        except QualcodeError as exc:
            st.error(error_text(exc))
            return
        counts = []
        for name in checklist_names(checklist):
            answers = checklist_answers(facts, name, language)["answer"]
            counts.append((name.upper(), int((answers != BLANK[language]).sum()), len(answers)))
        st.session_state[_MADE] = (choices, data, counts)
    made = st.session_state.get(_MADE)
    if made is None or made[0] != choices:  # nothing made yet, or for other choices
        return
    for name, filled, total in made[2]:
        st.text(tr("meth_filled").format(checklist=name, filled=filled, total=total, blank=total - filled))
    st.download_button(tr("meth_download"), data=made[1], file_name=f"methods-appendix.{fmt}", mime=MIMES[fmt],
                       key="meth_download")
