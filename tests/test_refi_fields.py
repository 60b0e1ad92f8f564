"""A code's definition and extra fields in one REFI-QDA <Description>: readable as plain text, read back exactly."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from qualcode.refi.fields import INDENT, LABELS, MARKER, CodeText, code_description, parse_code_description

FIELDS = ("name_alt", "include", "exclude", "example")

# Pieces that look like the form itself, so generated text often imitates a trailer, a label or a value line.
TRICKY = [MARKER, *LABELS.values(), INDENT, "\n", "\n\n", " ", "\r", "\t", "Include: x", f"{INDENT}Include:",
          "Also called", ":", "--", "\u2028", "\x85", "é", "😀"]
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=12).map("".join)


def round_trip(definition: str | None, **fields: str | None) -> CodeText:
    return parse_code_description(code_description(definition, **fields))


def test_readable_form():
    text = code_description("Trust between partners.", name_alt="Kepercayaan",
                            include="Promises kept.\nPromises broken.", example='"Kami saling percaya."')
    assert text == ("Trust between partners.\n\n"
                    "-- codebook fields --\n"
                    "Also called:\n  Kepercayaan\n"
                    "Include:\n  Promises kept.\n  Promises broken.\n"
                    'Example:\n  "Kami saling percaya."')
    assert parse_code_description(text) == CodeText("Trust between partners.", "Kepercayaan",
                                                    "Promises kept.\nPromises broken.", None, '"Kami saling percaya."')


def test_definition_alone_is_written_as_it_is():
    assert code_description("Trust between partners.") == "Trust between partners."
    assert code_description("  padded  \n") == "  padded  \n"
    assert code_description(None) is None and code_description("") is None


@pytest.mark.parametrize("text", [
    "Include: statements about trust.\nExclude: statements about money.",
    "Trust.\n\nInclude:\n  promises kept",  # labels without the marker
    f"Trust.\n{MARKER}\nInclude:\n  promises kept",  # marker without the empty line before it
    f"\n{MARKER}\nInclude:\n  x",  # an empty line but no definition before it
    f"Trust.\n\n{MARKER}\nInclude:\nnot indented",
    f"Trust.\n\n{MARKER}\n  a value before any label",
    f"Trust.\n\n{MARKER}\nInclude:\n  a\nInclude:\n  b",  # a label twice
    f"Trust.\n\n{MARKER} \nInclude:\n  x",
    "",
])
def test_text_of_other_programs_is_the_definition_unchanged(text):
    assert parse_code_description(text) == CodeText(definition=text or None)


def test_none_and_empty_description():
    assert parse_code_description(None) == CodeText()
    assert parse_code_description("") == CodeText()


@pytest.mark.parametrize(("definition", "fields"), [
    ("Trust.", {"include": "Include: nested label\nExclude:\n  looks like a value\n" + MARKER}),
    ("Trust.", {"example": "  leading and trailing blanks  "}),
    ("Trust.", {"include": "", "exclude": "\n", "example": "\n\nx\n\n"}),
    (None, {"name_alt": "Kepercayaan"}),
    ("", {"include": ""}),
    ("\n", {"include": "x"}),
    ("  \n  ", {}),
    ("Trust.\n\n", {"exclude": "x"}),
    (MARKER, {}),
    (f"\n\n{MARKER}", {}),
    (f"Trust.\n\n{MARKER}\nInclude:\n  promises kept", {}),  # a definition that reads as having a trailer
    (f"Trust.\n\n{MARKER}\nInclude:\n  promises kept", {"include": "other"}),
    (f"{MARKER}\nExample:", {"example": MARKER}),
    ("line\r\nwith CR\rand LF", {"include": "a\r\nb\r"}),
])
def test_exact_round_trip_of_hard_cases(definition, fields):
    assert round_trip(definition, **fields) == CodeText(definition or None, **fields)


def test_labels_and_marker_inside_values_stay_values():
    include = f"{MARKER}\nAlso called:\nExclude:\n\n  indented\nExample: x"
    text = code_description("Def", include=include)
    # every value line is indented, so none of them reads as a label or as the marker
    trailer = text.split(MARKER + "\n", 1)[1].split("\n")
    assert trailer[0] == "Include:" and all(line.startswith(INDENT) for line in trailer[1:])
    assert parse_code_description(text).include == include


def test_trailing_blanks_removed_by_an_editor_still_read():
    text = code_description("Def", include="a\n\nb")
    assert "\n  \n" in text
    assert parse_code_description(text.replace("\n  \n", "\n\n")).include == "a\n\nb"


@settings(max_examples=600, deadline=None)
@given(definition=st.one_of(st.none(), texts),
       fields=st.fixed_dictionaries({name: st.one_of(st.none(), texts) for name in FIELDS}))
@example(definition=MARKER, fields=dict.fromkeys(FIELDS))
@example(definition="", fields={"name_alt": "", "include": None, "exclude": None, "example": None})
def test_any_content_comes_back_exactly(definition, fields):
    text = code_description(definition, **fields)
    assert round_trip(definition, **fields) == CodeText(definition or None, **fields)
    if text is not None and not any(v is not None for v in fields.values()) and MARKER not in (definition or ""):
        assert text == definition  # a plain definition is written as it is


@settings(max_examples=600, deadline=None)
@given(text=texts)
def test_text_without_a_marker_line_is_the_definition(text):
    if MARKER not in text.split("\n"):
        assert parse_code_description(text) == CodeText(definition=text or None)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_reading_and_writing_again_gives_the_same_fields(text):
    """Whatever a description holds, writing what was read and reading it again changes nothing."""
    read = parse_code_description(text)
    again = parse_code_description(code_description(read.definition, name_alt=read.name_alt,
                                                     include=read.include, exclude=read.exclude,
                                                     example=read.example))
    assert again == read
