"""Add the content of a REFI-QDA file to a project: all of it in one transaction, or on error nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import segment
from ..codebook import COLOR_RE, DEFAULT_COLOR, KEY_RE
from ..errors import DuplicateError, IncompleteImportError, InputError, unknown_message
from ..store import now
from .gather import ASSIGNMENT_MARK
from .media import apply_media
from .model import RefiProject, RefiSet
from .read import RefiContent, read_refi

if TYPE_CHECKING:
    from ..project import Project

IMPORTED = "imported"


# -- import ----------------------------------------------------------------------------

@dataclass
class RefiImportResult:
    """What an import added, what the file held (``found``) and what could not be imported (``skipped``)."""

    kind: str
    found: dict[str, int]
    codes: int = 0
    codes_reused: int = 0
    groups: int = 0
    informants: int = 0
    documents: int = 0
    coders: int = 0
    codings: int = 0
    assignments: int = 0  # from qualcode's own "assigned to" sets
    memos: int = 0  # qualcode's memos, and other programs' notes on the project, a source or a code
    recordings: int = 0  # audio or video sources linked to the document of their transcript
    skipped: dict[str, int] = field(default_factory=dict)
    reading: str = ""  # how selection positions were counted, e.g. "UTF-16 code units, a CRLF ... as two"
    reading_basis: str = ""  # why that reading: the exporting program, or detection
    selections: int = 0  # text selections whose positions were read
    suspicious: int = 0  # of those, how many do not start and end on word boundaries
    warnings: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # problems skipped on purpose (skip_missing)

    def report_lines(self) -> list[str]:
        """How positions were read, then every warning, then what was left out: one line each."""
        lines = []
        if self.reading:
            fit = (f"; {self.selections - self.suspicious} of {self.selections} selections start and end on word "
                   "boundaries" if self.selections else "")
            lines.append(f"positions read as {self.reading} ({self.reading_basis}){fit}")
        lines += [f"warning: {w}" for w in self.warnings]
        lines += [f"left out: {p}" for p in self.left_out]
        return lines

    def summary(self) -> str:
        parts = [f"{self.codes} codes" + (f" (+{self.codes_reused} already present)" if self.codes_reused else ""),
                 f"{self.documents} documents", f"{self.groups} groups", f"{self.informants} informants",
                 f"{self.coders} coders", f"{self.codings} codings"]
        if self.assignments:
            parts.append(f"{self.assignments} assignments")
        if self.memos:
            parts.append(f"{self.memos} memos")
        if self.recordings:
            parts.append(f"{self.recordings} recordings")
        text = "imported " + ", ".join(parts)
        if self.skipped:
            text += "; not imported: " + ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
        return text


def _timestamp(value: str | None) -> str:
    """A file's date-time in the project's form (UTC, ISO 8601 with seconds); now when it has none or it is not one."""
    text = (value or "").strip()
    if re.search(r"[+-]\d\d:\d\dZ$", text):
        text = text[:-1]  # QualCoder appends a Z to a time that already has an offset
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return now()
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat(timespec="seconds")


def _slug(name: str, fallback: str) -> str:
    key = re.sub(r"[^\w.\-]+", "_", name.strip()).strip("_")
    return key or fallback


def _unique(base: str, taken: set[str], sep: str = "-") -> str:
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}{sep}{n}" if sep == "-" else f"{base} ({n})"
    taken.add(key)
    return key


def import_refi(project: Project, path: str | Path, *, language: str = "id", source_type: str | None = None,
                actor: str | None = None, skip_missing: bool = False) -> RefiImportResult:
    """Add the content of a REFI-QDA .qdpx or .qdc file to ``project`` (all of it, or on error nothing).

    ``language`` is used for sources without a ``language`` variable; ``source_type``
    (default: ``document`` if the project has it, else its first type) for sources
    without a ``source_type`` variable the project knows.

    Raises ImportFormatError for an unsafe or unreadable file, IncompleteImportError
    naming every problem (a source without its text, a selection that does not fit,
    a coding of an unknown code) unless ``skip_missing`` asks to import the rest and
    list them in :attr:`RefiImportResult.left_out`, DuplicateError for a source whose
    name or text is already a document of the project.
    """
    project.require("import")
    content = read_refi(path)
    if content.problems and not skip_missing:
        raise IncompleteImportError(path, content.problems)
    segment.pipeline(language)  # check the language before anything is written
    with project.store.atomic():
        result = _apply(project, content, Path(path), language, source_type)
        result.left_out = list(content.problems)
        result.warnings = list(content.notes) + result.warnings
        if content.positions is not None:
            choice = content.positions
            result.reading, result.reading_basis = choice.reading.describe(), choice.basis
            result.selections, result.suspicious = choice.selections, choice.suspicious
            if warning := choice.warning():
                result.warnings.insert(0, warning)
        project.store.log_event(actor, "refi.import", {"file": Path(path).name, "found": result.found,
                                                       "skipped": result.skipped, "reading": result.reading,
                                                       "left_out": len(result.left_out)})
    return result


def _apply(project: Project, content: RefiContent, path: Path, language: str,
           source_type: str | None) -> RefiImportResult:
    store, rp = project.store, content.project
    result = RefiImportResult(kind=content.kind, found=dict(content.found), skipped=dict(content.skipped))

    def skip(reason: str, n: int = 1) -> None:
        if n:
            result.skipped[reason] = result.skipped.get(reason, 0) + n

    ours = bool(re.match(r"qualcode\b", rp.origin or "", re.IGNORECASE))  # not QualCoder
    # qualcode's own assignment sets become assignments again, not groups
    assignment_sets = [s for s in rp.sets if ours and (s.description or "").startswith(ASSIGNMENT_MARK)]
    rp.sets = [s for s in rp.sets if s not in assignment_sets]
    # codes
    code_keys: dict[str, str] = {}
    used: set[str] = set()
    existing = set(store.code_keys())
    sort = store.count("codes")
    for code in rp.codes:
        name = code.name or "(unnamed)"
        match = re.match(r"^([\w.\-]+) (.+)$", name) if ours else None
        if match:
            base, name = match.groups()
        else:
            base = name if ours and KEY_RE.match(name) else _slug(name, "code")
        key = _unique(base, used)
        code_keys[code.guid] = key
        if key in existing:
            result.codes_reused += 1
            continue
        parent = store.code_by_key(code_keys[code.parent]) if code.parent in code_keys else None
        color = code.color if code.color and COLOR_RE.match(code.color) else DEFAULT_COLOR
        store.insert_code({"key": key, "parent_id": parent["id"] if parent else None, "name": name.strip(),
                           "definition": code.description, "name_alt": code.name_alt, "include": code.include,
                           "exclude": code.exclude, "example": code.example, "color": color, "sort": sort})
        sort += 1
        result.codes += 1
    # groups and informants
    groups = {g["key"] for g in store.groups()}

    def group(key: str, name: str | None) -> str:
        if key not in groups:
            project.add_group(key, name or key)
            groups.add(key)
            result.groups += 1
        return key

    set_by_name = {s.name: s for s in rp.sets if s.name}
    if ours:
        for s in rp.sets:
            if s.name:
                group(s.name, s.description)
    sets_of: dict[str, list[RefiSet]] = {}
    for s in rp.sets:
        for source_guid in s.sources:
            sets_of.setdefault(source_guid, []).append(s)
    informant_of: dict[str, str] = {}
    case_key: dict[str, str] = {}  # case guid -> informant key
    taken_informants: set[str] = set()
    for case in rp.cases:
        variables = dict(case.variables)
        gkey = variables.pop("group", None)
        if gkey:
            gkey = group(gkey, set_by_name[gkey].description if gkey in set_by_name else None)
        else:
            holder = next((s for src in case.sources for s in sets_of.get(src, []) if s.name), None)
            gkey = group(holder.name, holder.name) if holder else group(IMPORTED, "Imported")
        key = _unique(case.name, taken_informants, sep=" ")
        case_key[case.guid] = key
        if store.informant_by_key(key) is None:
            project.add_informant(key, gkey, role=variables.pop("role", None),
                                  organisation=variables.pop("organisation", None), attributes=variables)
            result.informants += 1
        for source_guid in case.sources:
            informant_of.setdefault(source_guid, key)
    _declare_attribute_types(project, rp, result)
    for s in rp.sets:  # a set of documents is kept only as the group of the informants it holds
        if s.sources and s.name not in groups:
            n = len(s.sources)
            result.warnings.append(f"document set '{s.name}' ({n} document{'' if n == 1 else 's'}) not kept: "
                                   "qualcode groups informants, and no informant of the file belongs to this set")
    ignored = sorted({name for src in rp.sources for name in src.variables} - {"source_type", "language"})
    if ignored:
        result.warnings.append(f"document variables not kept: {', '.join(ignored)} (qualcode keeps a document's "
                               "source_type and language; informants keep their variables)")
    # documents
    types = store.source_types()
    default_type = source_type or ("document" if "document" in types else types[0])
    if default_type not in types:
        raise InputError(unknown_message("source type", default_type, types, listed="known"))
    doc_of: dict[str, tuple[int, str]] = {}
    by_sha: dict[str, tuple[int, str]] = {}
    names: set[str] = set()
    for src in rp.sources:
        if not src.text.strip():
            skip("empty text sources")
            skip("selections in empty sources", len(src.selections))
            continue
        sha = hashlib.sha256(src.text.encode("utf-8")).hexdigest()
        if sha in by_sha:
            doc_of[src.guid] = by_sha[sha]
            skip("sources with the same text as another source (their codings kept on it)")
            continue
        same = store.document_by_sha(sha)
        if same:
            raise DuplicateError(f"{path}: source '{src.name}' has the same text as document '{same['name']}' "
                                 "already in the project")
        name = _unique(src.name, names, sep=" ")
        if store.document_by_name(name):
            raise DuplicateError(f"{path}: source '{name}': a document of that name already exists in the project")
        lang = src.variables.get("language") or language
        stype = src.variables.get("source_type")
        stype = stype if stype in types else default_type
        informant = store.informant_by_key(informant_of[src.guid]) if src.guid in informant_of else None
        units = segment.segment(src.text, lang)
        doc_id = store.insert_document({
            "name": name, "informant_id": informant["id"] if informant else None, "source_type": stype,
            "language": lang, "text": src.text, "sha256": sha, "original_name": path.name, "imported_at": now(),
            "metadata": json.dumps({"refi_guid": src.guid, "refi_origin": rp.origin}, ensure_ascii=False),
        })
        store.insert_units(doc_id, (u.__dict__ for u in units))
        doc_of[src.guid] = by_sha[sha] = (doc_id, src.text)
        result.documents += 1
    # coders and codings
    coder_ids: dict[str, int] = {}
    before = len(store.coders())

    def coder(user: str | None) -> int:
        name = rp.users.get(user) if user else None
        name = name or IMPORTED
        if name not in coder_ids:
            coder_ids[name] = project.ensure_coder(name)
        return coder_ids[name]

    code_ids: dict[str, int] = {}
    identities: set[tuple[int, int, int, int, int]] = set()
    rows = []
    row_memos: list[list[str]] = []  # the memos on each coding of ``rows``
    for src in rp.sources:
        if src.guid not in doc_of:
            continue
        doc_id, text = doc_of[src.guid]
        spans = [(sel.start, sel.end, sel.codings) for sel in src.selections if sel.codings or not sel.memos]
        spans += [(0, len(text), [c]) for c in src.whole_codings]
        for start, end, codings in spans:
            if not codings:
                skip("selections without a code")
                continue
            if not 0 <= start < end <= len(text):
                skip("selections outside their source's text", len(codings))
                continue
            for coding in codings:
                code_key = code_keys.get(coding.code)
                if code_key is None:
                    skip("codings of codes not in the codebook")
                    continue
                if code_key not in code_ids:
                    code_row = store.code_by_key(code_key)
                    if code_row is None:
                        raise InputError(f"code '{code_key}' of the REFI file is missing from the codebook "
                                         "after import")
                    code_ids[code_key] = code_row["id"]
                identity = (doc_id, code_ids[code_key], coder(coding.user), start, end)
                if identity in identities:  # one coder, one code, one span: one coding (as the API keeps it)
                    skip("codings that repeat another coding exactly (same span, code and coder)")
                    continue
                identities.add(identity)
                created = _timestamp(coding.created)
                rows.append((*identity, text[start:end], coding.memo, created))
                row_memos.append(coding.memos)
    coding_ids = store.insert_codings(rows) if rows else []
    result.codings = len(rows)
    targets: dict[str, tuple[str, int]] = {}  # memo guid -> (kind, target id): the first thing it is about
    for ids, memos in zip(coding_ids, row_memos, strict=True):
        for memo in memos:
            targets.setdefault(memo, ("coding", ids))
    for src in rp.sources:
        for memo in src.memos if src.guid in doc_of else ():
            targets.setdefault(memo, ("document", doc_of[src.guid][0]))
    holders: list[tuple[str, dict | None, list[str]]] = []  # what else memos are about: its row, its memos
    holders += [("code", store.code_by_key(code_keys[c.guid]), c.memos) for c in rp.codes if c.memos]
    holders += [("informant", store.informant_by_key(case_key[c.guid]), c.memos) for c in rp.cases if c.memos]
    holders += [("group", store.group_by_key(s.name), s.memos) for s in rp.sets if s.memos and s.name in groups]
    for kind, row, memos in holders:
        if row is not None:
            for memo in memos:
                targets.setdefault(memo, (kind, int(row["id"])))
    result.memos = _apply_memos(project, rp, targets, doc_of)
    _apply_assignments(project, assignment_sets, doc_of, coder, result)
    result.recordings = apply_media(project, rp.media, doc_of, project.user)
    result.coders = len(store.coders()) - before
    return result


def _apply_memos(project: Project, rp: RefiProject, targets: dict[str, tuple[str, int]],
                 doc_of: dict[str, tuple[int, str]]) -> int:
    """The memos of the file, each on what it is about (none: the project), with their links to passages of the
    imported documents and to each other; returns how many."""
    store = project.store
    ids: dict[str, int] = {}
    for memo in rp.memos:
        kind, target = targets.get(memo.guid, ("project", None))
        author = (rp.users.get(memo.user) if memo.user else None) or IMPORTED
        created = _timestamp(memo.created)
        ids[memo.guid] = store.insert_memo({
            "kind": kind, "target_id": target, "title": memo.title or memo.text[:40] or "(untitled)",
            "text": memo.text, "author": author, "created_at": created,
            "changed_at": _timestamp(memo.modified) if memo.modified else created})
    for src in rp.sources:
        if src.guid not in doc_of:
            continue
        doc_id, text = doc_of[src.guid]
        for sel in src.selections:
            for linking in sel.memos:
                if linking in ids and 0 <= sel.start < sel.end <= len(text) and store.find_memo_link(
                        ids[linking], document_id=doc_id, start=sel.start, end=sel.end) is None:
                    store.insert_memo_link({"memo_id": ids[linking], "document_id": doc_id, "start": sel.start,
                                            "end": sel.end})
    for memo in rp.memos:
        for other in dict.fromkeys(memo.memos):
            if other in ids and other != memo.guid:
                store.insert_memo_link({"memo_id": ids[memo.guid], "linked_memo_id": ids[other]})
    return len(ids)


def _apply_assignments(project: Project, sets: list, doc_of: dict[str, tuple[int, str]], coder: Any,
                       result: RefiImportResult) -> None:
    """Assignments back from qualcode's "assigned to" and "done by" sets (see :func:`.gather._assignment_sets`)."""
    at = now()
    for kind in ("assigned", "done"):
        for item in sets:
            prefix = f"{ASSIGNMENT_MARK} {kind} by " if kind == "done" else f"{ASSIGNMENT_MARK} assigned to "
            if not (item.description or "").startswith(prefix):
                continue
            name = item.description[len(prefix):].strip()
            if not name:
                continue
            coder_id = project.ensure_coder(name)
            for source_guid in item.sources:
                if source_guid not in doc_of:
                    continue
                doc_id = doc_of[source_guid][0]
                row = project.store.assignment(doc_id, coder_id)
                if row is None:
                    project.store.insert_assignment(doc_id, coder_id, None, at)
                    result.assignments += 1
                    row = project.store.assignment(doc_id, coder_id)
                if kind == "done" and row is not None and row["done_at"] is None:
                    project.store.set_assignment_done(row["id"], at)


def import_refi_path(project_path: str | Path, path: str | Path, **options: Any) -> tuple[RefiImportResult, bool]:
    """Import into the project at ``project_path``, creating it (named after the REFI project) if it does not exist.

    Returns the result and whether the project was created. A new project is built in a
    temporary folder and moved into place only once the import has succeeded, so a failed,
    interrupted or killed import leaves no file at ``project_path``.
    """
    from ..project import Project

    project_path = Path(project_path)
    if project_path.exists():
        with Project.open(project_path) as project:
            return import_refi(project, path, **options), False
    content_name = read_refi(path).project.name  # refuse an unsafe file before creating anything
    with tempfile.TemporaryDirectory(prefix="qualcode-import-") as tmp:
        building = Path(tmp) / project_path.name
        with Project.create(building, name=content_name) as project:
            result = import_refi(project, path, **options)
        _move_into_place(building, project_path)
    return result, True


def _move_into_place(built: Path, target: Path) -> None:
    """Move a closed project file to ``target`` (which must not exist), atomically on one file system."""
    if target.exists():
        raise DuplicateError(f"{target}: a file appeared there during the import; the import was not saved")
    try:
        os.replace(built, target)
    except OSError:  # another file system: copy beside the target, then rename there
        partial = target.with_name(f".{target.name}.partial")
        shutil.copy2(built, partial)
        os.replace(partial, target)


#: REFI-QDA's typeOfVariable -> the kind of informant attribute it becomes (Text stays undeclared: text).
ATTRIBUTE_KINDS = {"Integer": "number", "Float": "number", "Date": "date", "DateTime": "date",
                   "Boolean": "category"}


def _declare_attribute_types(project: Project, rp: RefiProject, result: RefiImportResult) -> None:
    """Declare the kinds of the case variables the file types (a Boolean becomes the category true/false, a
    Text with qualcode's categories a category). A name the project already declares keeps its kind; a kind
    the values do not fit is left undeclared, with a warning."""
    used = {name for case in rp.cases for name in case.variables} - {"group", "role", "organisation"}
    declared = set(project.attribute_types().query("declared")["name"])
    for name in sorted(used - declared):
        categories = rp.variable_categories.get(name)
        kind = ATTRIBUTE_KINDS.get(rp.variable_types.get(name, "Text"), "category" if categories else "text")
        if kind == "text":
            continue
        if rp.variable_types.get(name) == "Boolean":
            categories = ["true", "false"]
        try:
            project.set_attribute_type(name, kind, categories if kind == "category" else None)
        except InputError as exc:
            result.warnings.append(f"variable '{name}' kept as text: {exc}")
