"""The plain data of a REFI-QDA exchange: what the reader produces and the writers take.

Positions (``RefiSelection.start``/``end``) are 0-based, end-exclusive code
points of :attr:`RefiSource.text` (the stored text, LF line ends); the reader
converts whatever the file counted into this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .media import RefiMedia

MEMO_MARK = "qualcode memo"  # the <Description> of the <Note> of a qualcode memo (not a coding's own memo)
# The <Description> of a <Variable> holding a category attribute's categories (a JSON list after the mark):
# REFI-QDA's types stop at Text, so a category travels as Text and qualcode's import reads its list back.
CATEGORIES_MARK = "qualcode categories:"
#: The values of REFI-QDA's typeOfVariable, and the <VariableValue> child each one writes.
VALUE_ELEMENTS = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue",
                  "Float": "FloatValue", "Date": "DateValue", "DateTime": "DateTimeValue"}


@dataclass
class RefiCode:
    guid: str
    name: str
    color: str | None = None
    description: str | None = None
    parent: str | None = None  # guid of the parent code
    key: str | None = None  # qualcode's key (export: written as "KEY name"; import: the key chosen)
    # fields without a place in the standard; they travel inside <Description> (see refi.fields)
    name_alt: str | None = None
    include: str | None = None
    exclude: str | None = None
    example: str | None = None
    memos: list[str] = field(default_factory=list)  # guids of the memos (RefiMemo) on the code


@dataclass
class RefiMemo:
    """A memo (a ``<Note>``): what it is about is where it is referred to from (the ``memos`` of a source, code,
    case, set or coding; none: the project); ``memos`` are the memos it links to."""

    guid: str
    title: str
    text: str
    user: str | None = None  # user guid of the author
    created: str | None = None
    modified: str | None = None
    memos: list[str] = field(default_factory=list)


@dataclass
class RefiCoding:
    code: str  # code guid
    user: str | None = None  # user guid
    created: str | None = None
    memo: str | None = None
    # when and by whom (user guid) the memo was written and last changed; unset: the coding's own
    memo_created: str | None = None
    memo_user: str | None = None
    memo_modified: str | None = None
    memo_modifier: str | None = None
    memos: list[str] = field(default_factory=list)  # guids of the memos on this coding (besides its own memo)


@dataclass
class RefiSelection:
    guid: str
    start: int
    end: int
    codings: list[RefiCoding] = field(default_factory=list)
    user: str | None = None
    created: str | None = None
    memos: list[str] = field(default_factory=list)  # guids of the memos linking this passage


@dataclass
class RefiSource:
    guid: str
    name: str
    text: str
    created: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    selections: list[RefiSelection] = field(default_factory=list)
    whole_codings: list[RefiCoding] = field(default_factory=list)  # <Coding> of a whole source
    memos: list[str] = field(default_factory=list)  # guids of the memos on the source


@dataclass
class RefiCase:
    guid: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # source guids
    memos: list[str] = field(default_factory=list)  # guids of the memos on the case


@dataclass
class RefiSet:
    guid: str
    name: str
    description: str | None = None
    sources: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    memos: list[str] = field(default_factory=list)  # guids of the memos on the set (MemberNote)


@dataclass
class RefiProject:
    name: str
    origin: str | None = None
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: list[RefiCode] = field(default_factory=list)  # parents before children
    sources: list[RefiSource] = field(default_factory=list)
    cases: list[RefiCase] = field(default_factory=list)
    sets: list[RefiSet] = field(default_factory=list)
    created: str | None = None
    memos: list[RefiMemo] = field(default_factory=list)  # every memo; those no object refers to are the project's
    # variable name -> typeOfVariable (a key of VALUE_ELEMENTS); a variable not named here is Text
    variable_types: dict[str, str] = field(default_factory=dict)
    # variable name -> the categories of a category attribute, in order
    variable_categories: dict[str, list[str]] = field(default_factory=dict)
    media: list[RefiMedia] = field(default_factory=list)  # recordings with their transcript (:mod:`.media`)


def iter_codes(codes: Iterable[RefiCode]) -> list[RefiCode]:
    """Codes ordered parents before children (the order the writers and importer expect)."""
    codes = list(codes)
    known = {c.guid for c in codes}
    children: dict[str | None, list[RefiCode]] = {}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    ordered: list[RefiCode] = []
    stack = list(reversed(children.get(None, [])))
    while stack:  # depth first without recursion: a file may nest codes very deep
        code = stack.pop()
        ordered.append(code)
        stack.extend(reversed(children.get(code.guid, [])))
    return ordered
