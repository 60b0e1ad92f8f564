"""Read REFI-QDA exchange files (.qdc codebooks, .qdpx projects) into plain data.

The archive and its XML are opened by :mod:`qualcode.refi.archive` (safety
checks there). Tolerated variations seen in files from other programs: any
namespace (or none) on the elements, ``Project.qde`` as well as
``project.qde``, ``sources/`` or ``Sources/``, GUIDs in either case and with or
without braces, plainTextPath with or without ``internal://``, a BOM and CRLF
line ends in the source texts (CRLF-counted positions are moved to the LF text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ImportFormatError
from ..ingest.base import normalize_text
from . import archive as limits
from .archive import SafeArchive, _kid, _kids, _local, guid, parse_xml
from .fields import parse_code_description
from .media import read_media_source
from .model import (
    CATEGORIES_MARK,
    MEMO_MARK,
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiMemo,
    RefiProject,
    RefiSelection,
    RefiSet,
    RefiSource,
)
from .positions import Choice, SourcePositions, choose

OTHER_SOURCES = {"PDFSource": "pdf", "PictureSource": "picture", "AudioSource": "audio", "VideoSource": "video"}
OTHER_SELECTIONS = ("PDFSelection", "PictureSelection", "AudioSelection", "VideoSelection", "TranscriptSelection")


MAX_CODE_DEPTH = 200  # deeper code trees are refused (no real codebook comes near; every tree walk stays cheap)
MAX_SOURCE_BYTES = 20 * 1024 * 1024  # one source's text (UTF-8); about three million words


@dataclass
class RefiContent:
    """What a REFI-QDA file holds (:attr:`project`) plus what was found but cannot be imported.

    :attr:`problems` names what would be lost (a source without its text, a selection that does not fit,
    a coding of an unknown code); the content holds everything else, so the caller decides whether to
    refuse the file or import the rest. :attr:`notes` says what was dropped on purpose and why.
    """

    project: RefiProject
    kind: str  # "qdc" or "qdpx"
    found: dict[str, int] = field(default_factory=dict)  # codes, sources, selections as found in the file
    skipped: dict[str, int] = field(default_factory=dict)  # what cannot be imported, by reason
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    positions: Choice | None = None  # how selection positions were read (None for a .qdc)


def _codes(root: Any, path: Path) -> list[RefiCode]:
    """Every <Code> under ``root``'s <Codes>, parents before children, walked without recursion."""
    found: list[RefiCode] = []
    codes_el = _kid(root, "Codes")
    top = _kids(codes_el, "Code") if codes_el is not None else []
    stack: list[tuple[Any, str | None, int]] = [(node, None, 1) for node in reversed(top)]
    while stack:
        node, parent_guid, depth = stack.pop()
        name = (node.get("name") or "").strip()
        if depth > MAX_CODE_DEPTH:
            raise ImportFormatError(path, f"code '{name}' is nested {depth} levels deep; at most {MAX_CODE_DEPTH} "
                                          "levels are imported")
        desc = _kid(node, "Description")
        text = parse_code_description(desc.text if desc is not None else None)  # fields keep their blanks
        code = RefiCode(guid=guid(node.get("guid")) or f"CODE-{len(found)}", name=name, color=node.get("color"),
                        description=(text.definition or "").strip() or None, parent=parent_guid, name_alt=text.name_alt,
                        include=text.include, exclude=text.exclude, example=text.example)
        code.memos = [g for r in _kids(node, "NoteRef") if (g := guid(r.get("targetGUID")))]
        found.append(code)
        stack.extend((child, code.guid, depth + 1) for child in reversed(_kids(node, "Code")))
    return found


def _code_sets(root: Any, codes: list[RefiCode]) -> list[str]:
    """Notes on the code sets of a file: qualcode has no sets of codes, so they are named, not kept."""
    names = {c.guid: c.name for c in codes}
    sets_el = _kid(root, "Sets")
    notes = []
    for node in _kids(sets_el, "Set") if sets_el is not None else []:
        members = [names.get(g, g) for r in _kids(node, "MemberCode") if (g := guid(r.get("targetGUID")))]
        if members:
            notes.append(f"code set '{(node.get('name') or '').strip()}' ({len(members)} codes: "
                         f"{', '.join(members[:10])}{' ...' if len(members) > 10 else ''}) not kept: qualcode has "
                         "no sets of codes; its codes were imported")
    return notes


def read_qdc(path: str | Path) -> RefiContent:
    """Read a REFI-QDA codebook file (.qdc)."""
    path = Path(path)
    data = _read_file(path)
    root = parse_xml(data, str(path), path.name)
    if _local(root.tag) != "CodeBook":
        raise ImportFormatError(path, f"expected a <CodeBook> root element, found <{_local(root.tag)}>")
    codes = _codes(root, path)
    project = RefiProject(name=path.stem, origin=root.get("origin"), codes=codes)
    return RefiContent(project, "qdc", found={"codes": len(codes), "sources": 0, "selections": 0},
                       notes=_code_sets(root, codes))


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


def _text_of(archive: SafeArchive, node: Any, source_guid: str) -> tuple[str | None, str]:
    """(raw text, problem) of a TextSource or Note: from PlainTextContent or its plainTextPath.

    The problem is "" when the text was read, and says why when it is None.
    """
    content = _kid(node, "PlainTextContent")
    name = (node.get("name") or source_guid).strip()
    if content is not None and content.text:
        if len(content.text) > MAX_SOURCE_BYTES:
            return None, f"source '{name}' holds more than {MAX_SOURCE_BYTES // 2**20} MB of text, the limit per source"
        return content.text, ""
    ref = (node.get("plainTextPath") or "").strip()
    candidates = []
    if ref:
        bare = re.sub(r"^internal://", "", ref, flags=re.I)
        if "://" not in bare:  # relative:// and absolute:// point outside the archive
            candidates += [f"sources/{bare}", bare]
    candidates.append(f"sources/{source_guid}.txt")
    for candidate in candidates:
        info = archive.find(candidate)
        if info is None:
            continue
        if info.file_size > MAX_SOURCE_BYTES:
            return None, (f"source '{name}': {info.filename} is {info.file_size / 2**20:.0f} MB, above the limit of "
                          f"{MAX_SOURCE_BYTES // 2**20} MB per source")
        try:
            return archive.read(info).decode("utf-8"), ""
        except UnicodeDecodeError as exc:
            return None, f"source '{name}': {info.filename} is not UTF-8 text ({exc})"
    if ref and "://" in re.sub(r"^internal://", "", ref, flags=re.I):
        return None, f"source '{name}': its text '{ref}' is outside the archive"
    return None, f"source '{name}': its text ({ref or 'no plainTextPath'}) is not in the archive"


def _source_name(node: Any, source_guid: str) -> str:
    """A TextSource's name, else the name of its text file (NVivo leaves some unnamed), else its GUID."""
    name = (node.get("name") or "").strip()
    if name:
        return name
    for attr in ("plainTextPath", "richTextPath"):
        stem = PurePosixPath(re.sub(r"^\w+://", "", (node.get(attr) or "").strip().replace("\\", "/"))).stem
        if stem and guid(stem) != source_guid:
            return stem
    return source_guid


def _coding(node: Any, default_user: str | None, notes: dict[str, str],
            memos: dict[str, RefiMemo] | None = None) -> RefiCoding | None:
    ref = _kid(node, "CodeRef")
    code = guid(ref.get("targetGUID")) if ref is not None else None
    if code is None:
        return None
    memo = "\n\n".join(notes[g] for n in _kids(node, "NoteRef") if (g := guid(n.get("targetGUID"))) in notes)
    return RefiCoding(code=code, user=guid(node.get("creatingUser")) or default_user,
                      created=node.get("creationDateTime"), memo=memo or None,
                      memos=_memo_refs(node, "NoteRef", memos or {}))


def _memo_refs(node: Any, tag: str, memos: dict[str, RefiMemo]) -> list[str]:
    """The guids of the memos ``node``'s ``tag`` children (NoteRef, MemberNote) refer to."""
    return [g for n in _kids(node, tag) if (g := guid(n.get("targetGUID"))) in memos]


def _note_memo(archive: SafeArchive, note: Any, note_guid: str) -> RefiMemo:
    """A ``<Note>`` as a memo: its name the title, its text, author and times."""
    text, _problem = _text_of(archive, note, note_guid)
    return RefiMemo(guid=note_guid, title=(note.get("name") or "").strip(), text=normalize_text(text or "").strip(),
                    user=guid(note.get("creatingUser")), created=note.get("creationDateTime"),
                    modified=note.get("modifiedDateTime"))


@dataclass
class _Pending:
    """A selection as the file wrote it, waiting for the position reading to be chosen."""

    source: RefiSource
    positions: SourcePositions
    spans: list[tuple[int, int, RefiSelection]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


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
    content = RefiContent(RefiProject(name=(root.get("name") or path.stem).strip(), origin=root.get("origin"),
                                      created=root.get("creationDateTime")), "qdpx")
    rp, problems = content.project, content.problems

    def skip(reason: str, n: int = 1) -> None:
        if n:
            content.skipped[reason] = content.skipped.get(reason, 0) + n

    users_el = _kid(root, "Users")
    for user in _kids(users_el, "User") if users_el is not None else []:
        g = guid(user.get("guid"))
        if g:
            rp.users[g] = (user.get("name") or user.get("id") or f"user-{g[:8]}").strip()
    book = _kid(root, "CodeBook")
    rp.codes = _codes(book, path) if book is not None else []
    content.notes += _code_sets(root, rp.codes)
    code_guids = {c.guid for c in rp.codes}
    variables: dict[str, str] = {}
    var_types: dict[str, str] = {}  # guid -> typeOfVariable
    vars_el = _kid(root, "Variables")
    for var in _kids(vars_el, "Variable") if vars_el is not None else []:
        if var_guid := guid(var.get("guid")):
            name = variables[var_guid] = (var.get("name") or "").strip()
            var_types[var_guid] = (var.get("typeOfVariable") or "Text").strip()
            if name and var_types[var_guid] != "Text":
                rp.variable_types[name] = var_types[var_guid]
            if name and (cats := _categories(_kid(var, "Description"))) is not None:
                rp.variable_categories[name] = cats
    notes: dict[str, str] = {}  # a coding's memo
    every_note: dict[str, Any] = {}
    memos: dict[str, RefiMemo] = {}  # qualcode's memos (and, below, other programs' notes on what has memos)
    notes_el = _kid(root, "Notes")
    for note in _kids(notes_el, "Note") if notes_el is not None else []:
        g = guid(note.get("guid"))
        if not g:
            continue
        every_note[g] = note
        desc = _kid(note, "Description")
        if desc is not None and (desc.text or "").strip() == MEMO_MARK:
            memos[g] = _note_memo(archive, note, g)
            continue
        text, _problem = _text_of(archive, note, g)
        if text:
            notes[g] = normalize_text(text).strip()

    def memo_refs(node: Any, tag: str = "NoteRef") -> list[str]:
        """Memos ``node`` refers to; another program's note on the project, a source or a code becomes one."""
        for n in _kids(node, tag):
            g = guid(n.get("targetGUID"))
            if g in every_note and g not in memos:
                memos[g] = _note_memo(archive, every_note[g], g)
                notes.pop(g, None)
        return _memo_refs(node, tag, memos)

    memo_refs(root)  # the project's own notes
    for code in rp.codes:
        code.memos = [g for g in code.memos if g in every_note]
        for g in code.memos:
            if g not in memos:
                memos[g] = _note_memo(archive, every_note[g], g)
                notes.pop(g, None)

    def values(node: Any) -> dict[str, str]:
        out = {}
        for vv in _kids(node, "VariableValue"):
            ref = _kid(vv, "VariableRef")
            ref_guid = guid(ref.get("targetGUID")) if ref is not None else None
            name = variables.get(ref_guid) if ref_guid is not None else None
            value = next((c.text for c in vv if _local(c.tag).endswith("Value") and c.text is not None), None)
            if name and value is not None and value.strip():
                out[name] = _typed_value(var_types.get(ref_guid or "", "Text"), value.strip())
        return out

    cases_el = _kid(root, "Cases")
    for n, node in enumerate(_kids(cases_el, "Case") if cases_el is not None else [], start=1):
        g = guid(node.get("guid")) or f"CASE-{n}"
        rp.cases.append(RefiCase(guid=g, name=(node.get("name") or "").strip() or f"case-{n}",
                                 variables=values(node),
                                 sources=[s for r in _kids(node, "SourceRef") if (s := guid(r.get("targetGUID")))]))
    case_of = {c.guid: c for c in rp.cases}
    # a code that is a case (NVivo and QualCoder code a case's documents with it) is a case, not a code
    rp.codes = [c for c in rp.codes if c.guid not in case_of]
    code_guids -= set(case_of)
    linked: set[int] = set()  # selections holding a case link

    def codings(parent: Any, user: str | None, where: str, source: RefiSource, sink: list[str]) -> list[RefiCoding]:
        """The <Coding>s of ``parent``; one whose CodeRef names a case links the case to the source (the way
        NVivo and QualCoder write case membership) and is not a coding."""
        out = []
        for node in _kids(parent, "Coding"):
            coding = _coding(node, user, notes, memos)
            if coding is None:
                continue
            if coding.code in case_of:
                linked.add(id(parent))
                if source.guid not in case_of[coding.code].sources:
                    case_of[coding.code].sources.append(source.guid)
            elif coding.code not in code_guids:
                sink.append(f"source '{source.name}': a coding {where} refers to code {coding.code}, which is "
                            "not in the codebook")
            else:
                out.append(coding)
        return out

    pending: list[_Pending] = []
    by_source: list[list[str]] = []  # problems in the order of the sources in the file
    found_sources = found_selections = 0
    sources_el = _kid(root, "Sources")
    recordings: list[tuple[Any, str | None, str, Any]] = []  # a recording with its transcript (see .media)
    text_paths: dict[str, str] = {}  # a TextSource's plainTextPath -> its guid
    for node in list(sources_el) if sources_el is not None else []:
        tag = _local(node.tag)
        if tag in ("AudioSource", "VideoSource") and (recording := read_media_source(archive, node, tag)):
            recordings.append((*recording, node))
            continue
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
        text_paths.setdefault((node.get("plainTextPath") or "").strip().lower(), g)
        selections = _kids(node, "PlainTextSelection")
        found_selections += len(selections)
        raw, problem = _text_of(archive, node, g)
        name = _source_name(node, g)
        if raw is None:
            n = len(selections)
            by_source.append([f"{problem}; {n} selection{'' if n == 1 else 's'} in it" if n else problem])
            continue
        positions = SourcePositions(raw)
        source = RefiSource(guid=g, name=name, text=positions.text, created=node.get("creationDateTime"),
                            variables=values(node), memos=memo_refs(node))
        item = _Pending(source, positions)
        by_source.append(item.problems)
        for sel in selections:
            sel_guid = guid(sel.get("guid")) or ""
            try:
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            except (TypeError, ValueError):
                item.problems.append(f"source '{name}': selection {sel_guid} has no valid startPosition/endPosition "
                                     f"({sel.get('startPosition')!r}, {sel.get('endPosition')!r})")
                continue
            user = guid(sel.get("creatingUser"))
            found = codings(sel, user, f"at {start}-{end}", source, item.problems)
            sel_notes = [notes[x] for n in _kids(sel, "NoteRef") if (x := guid(n.get("targetGUID"))) in notes]
            desc = _kid(sel, "Description")
            described = normalize_text(desc.text or "").strip() if desc is not None else ""
            if not found and id(sel) in linked:
                found_selections -= 1
                continue  # only links its source to a case
            linking = _memo_refs(sel, "NoteRef", memos)
            if not found and linking:
                found_selections -= 1  # a memo's link to a passage, not a selection to code
            for coding in found:
                texts = [coding.memo, *sel_notes]
                if described and not any(described == (m or "").strip() for m in texts):
                    texts.append(described)  # QualCoder keeps a coding's memo here, not in a Note
                coding.memo = "\n\n".join(filter(None, texts)) or None
            item.spans.append((start, end, RefiSelection(guid=sel_guid, start=start, end=end, codings=found,
                                                         user=user, created=sel.get("creationDateTime"),
                                                         memos=linking)))
        source.whole_codings = codings(node, None, "of the whole source", source, item.problems)
        pending.append(item)
    content.positions = choose(rp.origin, [(p.positions, [(a, b) for a, b, _ in p.spans]) for p in pending])
    reading = content.positions.reading
    for item in pending:
        for start, end, sel in item.spans:
            a, b = item.positions.offset(start, reading), item.positions.offset(end, reading)
            if a is None or b is None or a >= b:
                item.problems.append(f"source '{item.source.name}': selection {sel.guid} at {start}-{end} does not fit "
                                f"its text ({len(item.source.text)} characters) when read as {reading.describe()}")
                continue
            sel.start, sel.end = a, b
            item.source.selections.append(sel)
        rp.sources.append(item.source)
    problems += [problem for found in by_source for problem in found]
    for media, transcript_path, inline, node in recordings:  # linked to its transcript's source, else skipped
        found_sources += 1
        text = normalize_text(inline)
        media.transcript_of = text_paths.get((transcript_path or "").lower(), "") if transcript_path else next(
            (s.guid for s in rp.sources if text and s.text == text), "")
        if media.transcript_of:
            rp.media.append(media)
        else:
            kind = OTHER_SOURCES[_local(node.tag)]
            skip(f"{kind} sources")
            n = sum(1 for el in node.iter() if _local(el.tag) in OTHER_SELECTIONS)
            found_selections += n
            skip(f"{kind} selections", n)
    sets_el = _kid(root, "Sets")
    for n, node in enumerate(_kids(sets_el, "Set") if sets_el is not None else [], start=1):
        desc = _kid(node, "Description")
        rp.sets.append(RefiSet(guid=guid(node.get("guid")) or f"SET-{n}", name=(node.get("name") or "").strip(),
                               description=(desc.text or "").strip() or None if desc is not None else None,
                               sources=[s for r in _kids(node, "MemberSource") if (s := guid(r.get("targetGUID")))],
                               codes=[s for r in _kids(node, "MemberCode") if (s := guid(r.get("targetGUID")))],
                               memos=_memo_refs(node, "MemberNote", memos)))
    content.found = {"codes": len(rp.codes), "sources": found_sources, "selections": found_selections}
    referenced = {guid(n.get("targetGUID")) for n in (sources_el.iter() if sources_el is not None else [])
                  if _local(n.tag) == "NoteRef"}
    free = len(set(notes) - referenced - set(memos))
    if free:
        content.notes.append(f"{free} note{'' if free == 1 else 's'} that {'is' if free == 1 else 'are'} not a "
                             "coding's memo not kept (qualcode keeps memos on codings)")
    cases = {c.guid: c for c in rp.cases}
    links_el = _kid(root, "Links")
    kept_links = 0
    for link in _kids(links_el, "Link") if links_el is not None else []:
        origin, target = guid(link.get("originGUID")), guid(link.get("targetGUID"))
        if origin in memos and target in cases:  # a memo on an informant
            cases[target].memos.append(origin)
        elif origin in memos and target in memos and origin != target:
            memos[origin].memos.append(target)
        else:
            continue
        kept_links += 1
    rp.memos = list(memos.values())
    if rp.memos:
        content.found["memos"] = len(rp.memos)
    for tag, kept in (("Links", kept_links), ("Graphs", 0)):
        el = _kid(root, tag)
        n = len(el) - kept if el is not None else 0
        if n > 0:
            content.notes.append(f"{n} {tag[:-1].lower()}{'' if n == 1 else 's'} not kept (qualcode has "
                                 "no links or graphs)")
    return content


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


def _categories(description: Any) -> list[str] | None:
    """The categories qualcode wrote in a variable's ``<Description>`` (see CATEGORIES_MARK), or None."""
    text = (description.text or "").strip() if description is not None else ""
    if not text.startswith(CATEGORIES_MARK):
        return None
    try:
        found = json.loads(text[len(CATEGORIES_MARK):])
    except ValueError:
        return None
    if not isinstance(found, list) or not found:
        return None
    return [str(c) for c in found]


def _typed_value(kind: str, value: str) -> str:
    """A variable's value as the text qualcode keeps: a Boolean as ``true``/``false`` (xsd:boolean also writes
    them ``1``/``0``), a DateTime as its date; anything else as written."""
    if kind == "Boolean":
        return {"1": "true", "0": "false"}.get(value, value.lower())
    if kind == "DateTime":
        return value.split("T", 1)[0]
    return value
