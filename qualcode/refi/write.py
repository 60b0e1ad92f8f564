"""REFI-QDA exchange files: the codebook (.qdc) and the whole project (.qdpx).

The writers take plain data (:class:`RefiProject` and its parts) and write a
file; gathering that data from a project is done by :mod:`qualcode.refi.gather`.
Both files follow the REFI-QDA 1.5 standard (schemas ``Codebook.xsd`` and
``Project-mrt2019.xsd``): a .qdc is one XML file ``<CodeBook>``; a .qdpx is a
zip holding ``project.qde`` (XML) and the plain text of every source as
``sources/<guid>.txt`` (UTF-8), referred to as ``internal://<guid>.txt``.

Offsets (``startPosition``/``endPosition``) are 0-based, end-exclusive code
points of the stored text, the convention of both REFI-QDA and qualcode.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import (
    tostring,  # Element only builds XML; every read uses defusedxml
)

from .model import RefiCode, RefiCoding, RefiProject

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"


def SubElement(parent: Element, tag: str, attrs: dict[str, str] | None = None) -> Element:  # noqa: N802
    """A new child element of ``parent`` (ElementTree's SubElement, built from Element alone)."""
    node = Element(tag, attrs or {})
    parent.append(node)
    return node


def _code_tree(parent: Element, codes: list[RefiCode], *, key_in_name: bool) -> None:
    children: dict[str | None, list[RefiCode]] = {}
    for code in codes:
        children.setdefault(code.parent, []).append(code)

    def add(where: Element, code: RefiCode) -> None:
        name = f"{code.key} {code.name}" if key_in_name and code.key and code.key != code.name else code.name
        attrs = {"guid": code.guid, "name": name, "isCodable": "true"}
        if code.color:
            attrs["color"] = code.color
        node = SubElement(where, "Code", attrs)
        if code.description:
            SubElement(node, "Description").text = code.description
        for child in children.get(code.guid, []):
            add(node, child)

    codes_el = SubElement(parent, "Codes")
    for top in children.get(None, []):
        add(codes_el, top)


def codebook_xml(project: RefiProject) -> bytes:
    """The .qdc document (``<CodeBook xmlns="urn:QDA-XML:codebook:1.0">``) as UTF-8 bytes."""
    root = Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": project.origin or "qualcode"})
    _code_tree(root, project.codes, key_in_name=True)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="utf-8", xml_declaration=False)


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
    for holder in [*project.cases, *project.sources]:
        for name in holder.variables:
            seen.setdefault(name, str(uuid5(NAMESPACE_URL, f"qualcode-variable:{project.name}:{name}")).upper())
    return list(seen.items())


def _values(node: Element, variables: dict[str, str], guids: dict[str, str]) -> None:
    for name, value in variables.items():
        vv = SubElement(node, "VariableValue")
        SubElement(vv, "VariableRef", {"targetGUID": guids[name]})
        SubElement(vv, "TextValue").text = value


def _coding(parent: Element, coding: RefiCoding, guid: str, notes: list[tuple[str, str]]) -> None:
    attrs = {"guid": guid}
    if coding.user:
        attrs["creatingUser"] = coding.user
    if coding.created:
        attrs["creationDateTime"] = coding.created
    node = SubElement(parent, "Coding", attrs)
    SubElement(node, "CodeRef", {"targetGUID": coding.code})
    if coding.memo:
        note_guid = _derived(guid, "note")
        notes.append((note_guid, coding.memo))
        SubElement(node, "NoteRef", {"targetGUID": note_guid})


def _derived(guid: str, what: str) -> str:
    from uuid import NAMESPACE_URL, uuid5

    return str(uuid5(NAMESPACE_URL, f"qualcode-{what}:{guid}")).upper()


def project_xml(project: RefiProject) -> bytes:
    """The ``project.qde`` document of a .qdpx as UTF-8 bytes (sources referenced as internal://<guid>.txt)."""
    attrs = {"xmlns": PROJECT_NS, "name": project.name, "origin": project.origin or "qualcode"}
    if project.created:
        attrs["creationDateTime"] = project.created
    root = Element("Project", attrs)
    if project.users:
        users = SubElement(root, "Users")
        for guid, name in project.users.items():
            SubElement(users, "User", {"guid": guid, "name": name})
    if project.codes:
        _code_tree(SubElement(root, "CodeBook"), project.codes, key_in_name=True)
    variables = _variables(project)
    guids = dict(variables)
    if variables:
        var_el = SubElement(root, "Variables")
        for name, guid in variables:
            SubElement(var_el, "Variable", {"guid": guid, "name": name, "typeOfVariable": "Text"})
    if project.cases:
        cases = SubElement(root, "Cases")
        for case in project.cases:
            node = SubElement(cases, "Case", {"guid": case.guid, "name": case.name})
            _values(node, case.variables, guids)
            for source in case.sources:
                SubElement(node, "SourceRef", {"targetGUID": source})
    notes: list[tuple[str, str]] = []
    if project.sources:
        sources = SubElement(root, "Sources")
        for source in project.sources:
            attrs = {"guid": source.guid, "name": source.name, "plainTextPath": f"internal://{source.guid}.txt"}
            if source.created:
                attrs["creationDateTime"] = source.created
            node = SubElement(sources, "TextSource", attrs)
            for sel in source.selections:
                sattrs = {"guid": sel.guid, "startPosition": str(sel.start), "endPosition": str(sel.end)}
                if sel.user:
                    sattrs["creatingUser"] = sel.user
                if sel.created:
                    sattrs["creationDateTime"] = sel.created
                sel_el = SubElement(node, "PlainTextSelection", sattrs)
                for n, coding in enumerate(sel.codings):
                    _coding(sel_el, coding, _derived(sel.guid, f"coding-{n}"), notes)
            for n, coding in enumerate(source.whole_codings):
                _coding(node, coding, _derived(source.guid, f"coding-{n}"), notes)
            _values(node, source.variables, guids)
    if notes:
        notes_el = SubElement(root, "Notes")
        for guid, text in notes:
            note = SubElement(notes_el, "Note", {"guid": guid, "name": text[:40]})
            SubElement(note, "PlainTextContent").text = text
    if project.sets:
        sets = SubElement(root, "Sets")
        for item in project.sets:
            node = SubElement(sets, "Set", {"guid": item.guid, "name": item.name})
            if item.description:
                SubElement(node, "Description").text = item.description
            for code in item.codes:
                SubElement(node, "MemberCode", {"targetGUID": code})
            for source in item.sources:
                SubElement(node, "MemberSource", {"targetGUID": source})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="utf-8", xml_declaration=False)


def write_qdpx(project: RefiProject, out: str | Path | IO[bytes]) -> None:
    """Write ``project`` as a REFI-QDA .qdpx archive: project.qde plus sources/<guid>.txt (UTF-8)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(project))
        for source in project.sources:
            archive.writestr(f"sources/{source.guid}.txt", source.text.encode("utf-8"))
