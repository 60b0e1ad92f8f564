"""escape_md: user text made literal for Streamlit's Markdown (what the browser shows is checked in
tests/browser/test_hostile_names.py); and the pages pass user text through it."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from qualcode.project import Project
from qualcode.ui.state import WORD_JOINER, escape_md

from .conftest import open_page

TRICKY = [
    "**x** [link](javascript:alert(1))",
    "<b>b</b> <img src=x onerror=alert(1)> <script>window.__xss=1</script>",
    "_em_ *em* ~~del~~ `code` __strong__",
    ":red[r] :material/home: :smile: :+1: $x$ $$y$$",
    "www.example.com WWW.EXAMPLE.COM http://example.org/a_b https://x.y foo@example.net <https://auto.link>",
    "# heading\n- item\n1. one\n> quote\na | b\n---|---\n",
    "    indented\n\tcode",
    "back\\slash \\* &amp; &#42; 50% {x} ^ ~",
    "",
]


def unescape(shown: str) -> str:
    """What Markdown makes of escape_md's output as text: references decoded, backslash escapes and word joiners
    dropped (CommonMark: a backslash before ASCII punctuation stands for the character)."""
    text = shown.replace("&#32;", " ").replace("&#9;", "\t")
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text).replace(WORD_JOINER, "")


def test_tricky_texts_come_back_unchanged():
    for text in TRICKY:
        assert unescape(escape_md(text)) == text


@given(st.text())
def test_any_text_comes_back_unchanged(text):
    assert unescape(escape_md(text)) == text.replace(WORD_JOINER, "")


@given(st.text(alphabet=st.characters(codec="ascii")))
def test_no_punctuation_is_left_bare(text):
    """Every ASCII punctuation character is escaped, except in the references for leading blanks."""
    shown = re.sub(r"^(&#(32|9);)+", "", escape_md(text), flags=re.M)
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"\\[!-/:-@\[-`{-~]", "", shown))


def test_links_and_shortcodes_are_broken_by_a_word_joiner():
    assert escape_md("www.a.b") == "www\u2060\\.a\\.b"
    assert escape_md("WWW.A.B").startswith("WWW\u2060")
    assert escape_md("http://a.b") == "http\\:\\/\\/\u2060a\\.b"
    assert escape_md("me@a.b") == "me\\@\u2060a\\.b"
    assert escape_md(":smile: :+1:") == "\\:\u2060smile\\: \\:\u2060\\+1\\:"
    assert escape_md("I-07 (LKS)") == "I\\-07 \\(LKS\\)"  # no joiner where nothing would be linked


def test_leading_blanks_are_not_a_code_block():
    assert escape_md("    code\n\tx") == "&#32;&#32;&#32;&#32;code\n&#9;x"


def test_pages_show_the_project_name_escaped(tmp_path):
    name = "**x** [link](javascript:alert(1)) www.example.com"
    path = tmp_path / "hostile.qualcode"
    Project.create(path, name=name).close()
    at = open_page(None, path)
    assert not at.exception
    captions = [c.value for c in at.sidebar.caption] + [c.value for c in at.main.caption]
    assert escape_md(name) in captions  # the sidebar
    assert any(c.startswith(escape_md(name) + " — ") for c in captions)  # the Overview
    assert name not in " ".join(captions)
