"""Read REFI-QDA exchange files (.qdc codebooks, .qdpx projects) into plain data.

The archive and its XML are opened by :mod:`qualcode.refi.archive` (safety
checks there). Tolerated variations seen in files from other programs: any
namespace (or none) on the elements, ``Project.qde`` as well as
``project.qde``, ``sources/`` or ``Sources/``, GUIDs in either case and with or
without braces, plainTextPath with or without ``internal://``, a BOM and CRLF
line ends in the source texts (CRLF-counted positions are moved to the LF text).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ImportFormatError
from ..ingest.base import normalize_text
from . import archive as limits
from .archive import SafeArchive, _kid, _kids, _local, guid, parse_xml
from .model import (
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiProject,
    RefiSelection,
    RefiSet,
    RefiSource,
)

OTHER_SOURCES = {"PDFSource": "pdf", "PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}
OTHER_SELECTIONS = ("PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection")


@dataclass
class RefiContent:
    """What a REFI-QDA file holds (:attr:`project`) plus what was found but cannot be imported."""

    project: RefiProject
    kind: str  # "qdc" or "qdpx"
    found: dict[str, int] = field(default_factory=dict)  # codes, sources, selections as found in the file
    skipped: dict[str, int] = field(default_factory=dict)  # what cannot be imported, by reason


def _codes(parent: Any, found: list[RefiCode], parent_guid: str | None = None) -> None:
    codes_el = _kid(parent, "Codes")
    for node in (_kids(codes_el, "Code") if codes_el is not None else []):
        _code(node, found, parent_guid)


def _code(node: Any, found: list[RefiCode], parent_guid: str | None) -> None:
    desc = _kid(node, "Description")
    code = RefiCode(guid=guid(node.get("guid")) or f"CODE-{len(found)}", name=(node.get("name") or "").strip(),
                    color=node.get("color"), description=(desc.text or "").strip() or None if desc is not None else None,
                    parent=parent_guid)
    found.append(code)
    for child in _kids(node, "Code"):
        _code(child, found, code.guid)


def read_qdc(path: str | Path) -> RefiContent:
    """Read a REFI-QDA codebook file (.qdc)."""
    path = Path(path)
    data = _read_file(path)
    root = parse_xml(data, str(path), path.name)
    if _local(root.tag) != "CodeBook":
        raise ImportFormatError(path, f"expected a <CodeBook> root element, found <{_local(root.tag)}>")
    codes: list[RefiCode] = []
    _codes(root, codes)
    project = RefiProject(name=path.stem, origin=root.get("origin"), codes=codes)
    return RefiContent(project, "qdc", found={"codes": len(codes), "sources": 0, "selections": 0})


def _read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > limits.MAX_TOTAL_BYTES:
            raise ImportFormatError(path, f"file is larger than {limits.MAX_TOTAL_BYTES // 2**20} MB; refused")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFormatError(path, "no such file") from None
    except OSError as exc:
        raise ImportFormatError(path, f"cannot read the file ({exc})") from None


def _text_of(archive: SafeArchive, node: Any, source_guid: str) -> tuple[str | None, str | None]:
    """(raw text with BOM removed, entry name) of a TextSource: from PlainTextContent or its plainTextPath."""
    content = _kid(node, "PlainTextContent")
    if content is not None and content.text:
        return content.text, "PlainTextContent"
    ref = (node.get("plainTextPath") or "").strip()
    candidates = []
    if ref:
        bare = re.sub(r"^internal://", "", ref, flags=re.I)
        if "://" not in bare:  # relative:// and absolute:// point outside the archive
            candidates += [f"sources/{bare}", bare]
    candidates.append(f"sources/{source_guid}.txt")
    for candidate in candidates:
        info = archive.find(candidate)
        if info is not None:
            raw = archive.read(info)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ImportFormatError(archive.path, f"{info.filename}: not UTF-8 text ({exc})") from None
            return text.removeprefix("\ufeff"), info.filename
    return None, None


def position_map(raw: str) -> Any:
    """A function turning offsets into ``raw`` (which may hold CRLF) into offsets of normalize_text(raw)."""
    crlf = [m.start() for m in re.finditer("\r\n", raw)]
    if not crlf:
        return lambda pos: pos
    return lambda pos: pos - bisect.bisect_left(crlf, pos - 1) if pos > 0 else 0


def _coding(node: Any, default_user: str | None, notes: dict[str, str]) -> RefiCoding | None:
    ref = _kid(node, "CodeRef")
    code = guid(ref.get("targetGUID")) if ref is not None else None
    if code is None:
        return None
    memo = "\n\n".join(notes[g] for n in _kids(node, "NoteRef") if (g := guid(n.get("targetGUID"))) in notes)
    return RefiCoding(code=code, user=guid(node.get("creatingUser")) or default_user,
                      created=node.get("creationDateTime"), memo=memo or None)


def read_qdpx(path: str | Path) -> RefiContent:
    """Read a REFI-QDA project archive (.qdpx) after the safety checks."""
    path = Path(path)
    archive = SafeArchive(path)
    try:
        return _read_project(archive)
    finally:
        archive.close()


def _read_project(archive: SafeArchive) -> RefiContent:
    path = archive.path
    qde = archive.find("project.qde") or next(
        (info for name, info in archive.names.items() if name.endswith(".qde") and "/" not in name), None)
    if qde is None:
        raise ImportFormatError(path, "archive holds no project.qde")
    root = parse_xml(archive.read(qde), str(path), qde.filename)
    if _local(root.tag) != "Project":
        raise ImportFormatError(path, f"{qde.filename}: expected a <Project> root element, found <{_local(root.tag)}>")
    skipped: dict[str, int] = {}

    def skip(reason: str, n: int = 1) -> None:
        if n:
            skipped[reason] = skipped.get(reason, 0) + n

    users = {}
    users_el = _kid(root, "Users")
    for user in _kids(users_el, "User") if users_el is not None else []:
        g = guid(user.get("guid"))
        if g:
            users[g] = (user.get("name") or user.get("id") or f"user-{g[:8]}").strip()
    codes: list[RefiCode] = []
    book = _kid(root, "CodeBook")
    if book is not None:
        _codes(book, codes)
    variables: dict[str, str] = {}
    vars_el = _kid(root, "Variables")
    for var in _kids(vars_el, "Variable") if vars_el is not None else []:
        if guid(var.get("guid")):
            variables[guid(var.get("guid"))] = (var.get("name") or "").strip()
    notes: dict[str, str] = {}
    notes_el = _kid(root, "Notes")
    for note in _kids(notes_el, "Note") if notes_el is not None else []:
        text, _entry = _text_of(archive, note, guid(note.get("guid")) or "")
        if guid(note.get("guid")) and text:
            notes[guid(note.get("guid"))] = normalize_text(text).strip()

    def values(node: Any) -> dict[str, str]:
        out = {}
        for vv in _kids(node, "VariableValue"):
            ref = _kid(vv, "VariableRef")
            name = variables.get(guid(ref.get("targetGUID")) if ref is not None else None)
            value = next((c.text for c in vv if _local(c.tag).endswith("Value") and c.text is not None), None)
            if name and value is not None and value.strip():
                out[name] = value.strip()
        return out

    sources: list[RefiSource] = []
    found_sources = found_selections = 0
    sources_el = _kid(root, "Sources")
    for node in list(sources_el) if sources_el is not None else []:
        tag = _local(node.tag)
        if tag in OTHER_SOURCES:
            found_sources += 1
            kind = OTHER_SOURCES[tag]
            skip(f"{kind} sources")
            n = sum(1 for el in node.iter() if _local(el.tag) in OTHER_SELECTIONS)
            found_selections += n
            skip(f"{kind} selections", n)
            continue
        if tag != "TextSource":
            continue
        found_sources += 1
        g = guid(node.get("guid")) or f"SOURCE-{found_sources}"
        selections = _kids(node, "PlainTextSelection")
        found_selections += len(selections)
        raw, _entry = _text_of(archive, node, g)
        if raw is None:
            skip("text sources without their text in the archive")
            skip("selections in sources without text", len(selections))
            continue
        to_lf = position_map(raw)
        text = normalize_text(raw)
        source = RefiSource(guid=g, name=(node.get("name") or g).strip(), text=text,
                            created=node.get("creationDateTime"), variables=values(node))
        for sel in selections:
            try:
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            except (TypeError, ValueError):
                skip("selections with bad positions")
                continue
            user = guid(sel.get("creatingUser"))
            codings = [c for c in (_coding(c, user, notes) for c in _kids(sel, "Coding")) if c]
            sel_notes = [notes[x] for n in _kids(sel, "NoteRef") if (x := guid(n.get("targetGUID"))) in notes]
            if sel_notes:
                for coding in codings:
                    coding.memo = "\n\n".join(filter(None, [coding.memo, *sel_notes]))
            source.selections.append(RefiSelection(guid=guid(sel.get("guid")) or "", start=to_lf(start),
                                                   end=to_lf(end), codings=codings, user=user,
                                                   created=sel.get("creationDateTime")))
        source.whole_codings = [c for c in (_coding(c, None, notes) for c in _kids(node, "Coding")) if c]
        sources.append(source)
    cases = []
    cases_el = _kid(root, "Cases")
    for n, node in enumerate(_kids(cases_el, "Case") if cases_el is not None else [], start=1):
        g = guid(node.get("guid")) or f"CASE-{n}"
        cases.append(RefiCase(guid=g, name=(node.get("name") or "").strip() or f"case-{n}", variables=values(node),
                              sources=[s for r in _kids(node, "SourceRef") if (s := guid(r.get("targetGUID")))]))
    sets = []
    sets_el = _kid(root, "Sets")
    for n, node in enumerate(_kids(sets_el, "Set") if sets_el is not None else [], start=1):
        desc = _kid(node, "Description")
        sets.append(RefiSet(guid=guid(node.get("guid")) or f"SET-{n}", name=(node.get("name") or "").strip(),
                            description=(desc.text or "").strip() or None if desc is not None else None,
                            sources=[s for r in _kids(node, "MemberSource") if (s := guid(r.get("targetGUID")))],
                            codes=[s for r in _kids(node, "MemberCode") if (s := guid(r.get("targetGUID")))]))
    project = RefiProject(name=(root.get("name") or path.stem).strip(), origin=root.get("origin"), users=users,
                          codes=codes, sources=sources, cases=cases, sets=sets, created=root.get("creationDateTime"))
    return RefiContent(project, "qdpx", skipped=skipped,
                       found={"codes": len(codes), "sources": found_sources, "selections": found_selections})


def read_refi(path: str | Path) -> RefiContent:
    """Read a .qdpx (zip) or .qdc (XML) file, told apart by content, not only by name."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(path, "no such file")
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK"):
        return read_qdpx(path)
    if path.suffix.lower() == ".qdpx":
        raise ImportFormatError(path, "not a .qdpx (zip) archive")
    return read_qdc(path)
