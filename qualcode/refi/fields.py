"""A code's definition plus the codebook fields REFI-QDA has no place for, in one ``<Description>``.

REFI-QDA gives a code a name, a colour and a free-text ``<Description>``; a
qualcode code also has an alternative name, inclusion and exclusion criteria
and an example. :func:`code_description` writes them after the definition as a
plain-text block that other programs show as readable text::

    The broad conditions that exist before a collaboration.

    -- codebook fields --
    Also called:
      Kondisi anteseden umum
    Include:
      Regulations and mandates.
      The history of relations among actors.
    Example:
      "Sejak ada PP 2 Tahun 2018, SPM bidang sosial itu wajib."

and :func:`parse_code_description` reads it back exactly, whatever the values hold.

The form, line by line (lines split at ``"\\n"`` only):

- the definition, then one empty line (both left out when there is no definition);
- the marker line ``-- codebook fields --``;
- for each field that is set, in any order and at most once: its label line
  (``Also called:``, ``Include:``, ``Exclude:`` or ``Example:``) followed by one
  line per line of the value, each prefixed by two spaces (an empty value has
  no lines). An empty line there counts as an empty value line, so a trailer
  whose trailing blanks an editor removed still reads.

Every line after the marker is a label or starts with the indent (or is
empty), so no value line can pass for a label or for the marker, and the last
marker line of a text is the one that opens the trailer. A text without such a
trailer (any other program's description) is the definition, unchanged; a
definition that would itself read as having a trailer is written with an empty
trailer after it, so it too comes back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

MARKER = "-- codebook fields --"
INDENT = "  "
# field name -> label, in the order they are written
LABELS = {"name_alt": "Also called:", "include": "Include:", "exclude": "Exclude:", "example": "Example:"}
_FIELD_OF = {label: name for name, label in LABELS.items()}


@dataclass(frozen=True)
class CodeText:
    """A code's definition and extra fields as read from a ``<Description>`` (None: not given)."""

    definition: str | None = None
    name_alt: str | None = None
    include: str | None = None
    exclude: str | None = None
    example: str | None = None


def code_description(definition: str | None, *, name_alt: str | None = None, include: str | None = None,
                     exclude: str | None = None, example: str | None = None) -> str | None:
    """The ``<Description>`` text of a code: its definition, then a block with the fields that are set.

    An empty definition counts as none. Returns None when there is nothing to write.
    ``parse_code_description(code_description(d, **fields))`` gives back ``d`` (None when empty)
    and every field exactly, including empty strings, line breaks and surrounding blanks.

    Example
    -------
    >>> print(code_description("Trust between partners.", name_alt="Kepercayaan"))
    Trust between partners.
    <BLANKLINE>
    -- codebook fields --
    Also called:
      Kepercayaan
    """
    definition = definition or ""
    values = {"name_alt": name_alt, "include": include, "exclude": exclude, "example": example}
    lines: list[str] = []
    for name, label in LABELS.items():
        value = values[name]
        if value is not None:
            lines.append(label)
            lines += [INDENT + line for line in value.split("\n")] if value else []
    if not lines and _trailer_start(definition.split("\n")) is None:
        return definition or None
    head = f"{definition}\n\n" if definition else ""
    return head + "\n".join([MARKER, *lines])


def parse_code_description(text: str | None) -> CodeText:
    """Read a ``<Description>`` written by :func:`code_description`; any other text is the definition as it is.

    Example
    -------
    >>> parse_code_description("Trust.\\n\\n-- codebook fields --\\nInclude:\\n  Promises kept.")
    CodeText(definition='Trust.', name_alt=None, include='Promises kept.', exclude=None, example=None)
    >>> parse_code_description("Include: anything said about trust.").definition
    'Include: anything said about trust.'
    """
    if not text:
        return CodeText()
    lines = text.split("\n")
    start = _trailer_start(lines)
    if start is None:
        return CodeText(definition=text)
    fields: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines[start + 1:]:
        if line in _FIELD_OF:
            current = fields.setdefault(_FIELD_OF[line], [])
        else:
            current.append(line[len(INDENT):])
    definition = "\n".join(lines[:start - 1]) if start else ""
    return CodeText(definition=definition or None, **{name: "\n".join(value) for name, value in fields.items()})


def _trailer_start(lines: list[str]) -> int | None:
    """Index of the marker line that opens a well-formed trailer, or None when the text has none."""
    start = next((i for i in range(len(lines) - 1, -1, -1) if lines[i] == MARKER), None)
    if start is None:
        return None
    # the marker opens the text (no definition) or follows a non-empty definition and one empty line
    if start > 0 and (lines[start - 1] != "" or not "\n".join(lines[:start - 1])):
        return None
    seen: set[str] = set()
    for line in lines[start + 1:]:
        if line in _FIELD_OF:
            if line in seen:
                return None
            seen.add(line)
        elif not seen or not (line.startswith(INDENT) or line == ""):
            return None
    return start
