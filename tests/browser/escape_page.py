"""A Streamlit page (run by test_hostile_names.py) that shows each tricky text in every kind of element
the app uses: through ``escape_md`` where the element renders Markdown, as it is where it does not.

Each element sits in a container keyed ``{kind}-{case}``, so the test can read what the browser shows."""

from __future__ import annotations

import streamlit as st

from qualcode.ui.state import escape_md

CASES = [
    "**bold1** [link1](javascript:alert(1)) __bold2__",
    "<b>tag1</b> <img src=x onerror=alert(1)> <script>window.__xss=1</script> <i>tag2</i>",
    "_em1_ *em2* ~~del1~~ `code1`",
    ":red[red1] :material/rocket_launch: :smile: :+1: :blue-background[bg1]",
    "$mathx$ $$mathy$$",
    "www.example.com http://example.org/a_b foo@example.net <https://auto.link> WWW.EXAMPLE.COM",
    "# head1",
    "- item1",
    "1. one1",
    "> quote1",
    "a | b\n---|---\nc | d",
    "line1\n\n# head2\n---",
    "    indented1",
    "back\\slash \\* star \\",
    "&amp; &lt;b&gt; &#42;",
    "I-07 (LKS) 50% & co; a+b=c {x} ~ ^ ' \"",
]

# elements that render Markdown: each gets escape_md(text)
MARKDOWN_KINDS = ["markdown", "caption", "error", "subheader", "button", "checkbox", "toggle", "radio", "pills",
                  "segmented", "expander", "popover", "tabs", "metric", "input_label", "download", "progress"]
# elements that show text as it is: each gets the text itself
PLAIN_KINDS = ["selectbox", "multiselect", "text"]


def element(kind: str, i: int, text: str) -> None:
    shown = escape_md(text) if kind in MARKDOWN_KINDS else text
    key = f"w{kind}{i}"
    draw = {
        "markdown": lambda: st.markdown(shown),
        "caption": lambda: st.caption(shown),
        "error": lambda: st.error(shown),
        "subheader": lambda: st.subheader(shown, anchor=False),
        "button": lambda: st.button(shown, key=key, help=shown),
        "checkbox": lambda: st.checkbox(shown, key=key),
        "toggle": lambda: st.toggle(shown, key=key),
        "radio": lambda: st.radio("radio", [text], key=key, format_func=escape_md),
        "pills": lambda: st.pills("pills", [text], key=key, format_func=escape_md),
        "segmented": lambda: st.segmented_control("segmented", [text], key=key, format_func=escape_md),
        "expander": lambda: st.expander(shown).write("-"),
        "popover": lambda: st.popover(shown).write("-"),
        "tabs": lambda: st.tabs([shown]),
        "metric": lambda: st.metric(shown, 1),
        "input_label": lambda: st.text_input(shown, key=key),
        "download": lambda: st.download_button(shown, b"-", key=key, on_click="ignore"),
        "progress": lambda: st.progress(0.5, text=shown),
        "selectbox": lambda: st.selectbox("selectbox", [text], key=key),
        "multiselect": lambda: st.multiselect("multiselect", [text], default=[text], key=key),
        "text": lambda: st.text(text),
    }
    with st.container(key=f"{kind}-{i}"):
        draw[kind]()


@st.dialog(escape_md(CASES[0]))
def dialog() -> None:
    st.write("-")


for i, case in enumerate(CASES):
    for kind in MARKDOWN_KINDS + PLAIN_KINDS:
        element(kind, i, case)
if st.button("toast", key="toast"):
    st.toast(escape_md(CASES[0]))
if st.button("dialog", key="dialog"):
    dialog()
with st.container(key="done"):
    st.caption("done")
