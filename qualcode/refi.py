"""REFI-QDA exchange for a project: export to .qdc/.qdpx and import from them.

:func:`export_refi` gathers the project into plain data and hands it to the
writers of :mod:`qualcode.export.refi`; :func:`import_refi` reads a file with
:mod:`qualcode.ingest.refi` (archive and XML safety checks included) and adds
its content to a project in one transaction: a file that fails leaves the
project exactly as it was.

Mapping (qualcode -> REFI-QDA and back):

- codes -> ``<Code>`` (hierarchy, colour, definition as ``<Description>``);
  the name is written as ``"KEY name"`` so a qualcode import restores the key.
  Other programs' codes get a key made from their name (unique, ``-2`` ...).
  ``name_alt``, include/exclude criteria and examples have no place in the
  standard and are not exported.
- coders -> ``<User>``; codings -> one ``<PlainTextSelection>`` with one
  ``<Coding>`` each (code, user, creation time); a coding memo -> ``<Note>``.
  On import a coding whose user is unknown goes to the coder ``imported``.
- documents -> ``<TextSource>`` with their text in ``sources/<guid>.txt`` and
  the variables ``source_type`` and ``language``.
- informants -> ``<Case>`` with the variables group, role, organisation and
  every attribute, and ``<SourceRef>`` to their documents; groups -> ``<Set>``
  (name = group key, description = group name) whose members are the groups'
  documents. On import a case goes to the group named by its ``group``
  variable, else to the group of a set holding one of its sources, else to
  the group ``imported``.
- PDF, picture, audio and video sources and their selections cannot be
  imported; they are counted in :attr:`RefiImportResult.skipped`, as are
  empty sources and codings that do not fit.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, uuid5

from . import __version__, segment
from .codebook import COLOR_RE, DEFAULT_COLOR, KEY_RE
from .errors import DuplicateError, InputError
from .export.refi import (
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiProject,
    RefiSelection,
    RefiSet,
    RefiSource,
    write_qdc,
    write_qdpx,
)
from .ingest.refi import RefiContent, read_refi
from .store import now

if TYPE_CHECKING:
    from .project import Project

IMPORTED = "imported"


# -- export ----------------------------------------------------------------------------

def refi_data(project: Project) -> RefiProject:
    """The whole project as plain REFI data, with GUIDs stable across exports (uuid5 of the project's keys)."""
    identity = f"{project.store.get_meta('created_at', '')}|{project.name}"

    def gid(kind: str, key: Any) -> str:
        return str(uuid5(NAMESPACE_URL, f"qualcode:{identity}:{kind}:{key}")).upper()

    codes = [RefiCode(guid=gid("code", r.key), name=r.name, color=r.color, description=r.definition,
                      parent=gid("code", r.parent) if isinstance(r.parent, str) else None, key=r.key)
             for r in project.codes().itertuples()]
    users = {gid("user", name): name for name in project.coders()["name"]}
    docs = project.documents()
    sources: dict[int, RefiSource] = {}
    for row in docs.itertuples():
        sources[row.id] = RefiSource(guid=gid("document", row.name), name=row.name,
                                     text=project.document(int(row.id))["text"], created=row.imported_at,
                                     variables={"source_type": row.source_type, "language": row.language})
    for row in project.codings().itertuples():
        memo = row.memo if isinstance(row.memo, str) and row.memo else None
        coding = RefiCoding(code=gid("code", row.code), user=gid("user", row.coder), created=row.created_at, memo=memo)
        sources[row.document_id].selections.append(RefiSelection(
            guid=gid("coding", row.id), start=int(row.start), end=int(row.end), codings=[coding],
            user=coding.user, created=row.created_at))
    cases = []
    docs_of: dict[str, list[str]] = {}
    for row in docs.itertuples():
        if isinstance(row.informant, str):
            docs_of.setdefault(row.informant, []).append(sources[row.id].guid)
    group_docs: dict[str, list[str]] = {}
    for row in project.informants().itertuples():
        variables = {"group": row.group}
        for name, value in (("role", row.role), ("organisation", row.organisation)):
            if isinstance(value, str) and value:
                variables[name] = value
        for name, value in (row.attributes or {}).items():
            if name not in variables and value not in (None, ""):
                variables[str(name)] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        cases.append(RefiCase(guid=gid("informant", row.key), name=row.key, variables=variables,
                              sources=docs_of.get(row.key, [])))
        group_docs.setdefault(row.group, []).extend(docs_of.get(row.key, []))
    sets = [RefiSet(guid=gid("group", g.key), name=g.key, description=g.name, sources=group_docs.get(g.key, []))
            for g in project.groups().itertuples()]
    return RefiProject(name=project.name, origin=f"qualcode {__version__}", users=users, codes=codes,
                       sources=list(sources.values()), cases=cases, sets=sets,
                       created=project.store.get_meta("created_at") or None)


def export_refi(project: Project, path: str | Path) -> RefiProject:
    """Write the project as REFI-QDA: a .qdc (codebook only) or a .qdpx (everything), chosen by the suffix."""
    project.require("export")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".qdc", ".qdpx"):
        raise InputError(f"{path}: unknown REFI-QDA file type '{path.suffix}'; use .qdpx (project) or .qdc (codebook)")
    data = refi_data(project)
    (write_qdc if suffix == ".qdc" else write_qdpx)(data, path)
    return data


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
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{self.codes} codes" + (f" (+{self.codes_reused} already present)" if self.codes_reused else ""),
                 f"{self.documents} documents", f"{self.groups} groups", f"{self.informants} informants",
                 f"{self.coders} coders", f"{self.codings} codings"]
        text = "imported " + ", ".join(parts)
        if self.skipped:
            text += "; not imported: " + ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
        return text


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
                actor: str | None = None) -> RefiImportResult:
    """Add the content of a REFI-QDA .qdpx or .qdc file to ``project`` (all of it, or on error nothing).

    ``language`` is used for sources without a ``language`` variable; ``source_type``
    (default: ``document`` if the project has it, else its first type) for sources
    without a ``source_type`` variable the project knows.

    Raises ImportFormatError for an unsafe or unreadable file, DuplicateError for a
    source whose name or text is already a document of the project.
    """
    project.require("import")
    content = read_refi(path)
    segment.pipeline(language)  # check the language before anything is written
    with project.store.atomic():
        result = _apply(project, content, Path(path), language, source_type)
        project.store.log_event(actor, "refi.import", {"file": Path(path).name, "found": result.found,
                                                       "skipped": result.skipped})
    return result


def _apply(project: Project, content: RefiContent, path: Path, language: str,
           source_type: str | None) -> RefiImportResult:
    store, rp = project.store, content.project
    result = RefiImportResult(kind=content.kind, found=dict(content.found), skipped=dict(content.skipped))

    def skip(reason: str, n: int = 1) -> None:
        if n:
            result.skipped[reason] = result.skipped.get(reason, 0) + n

    ours = (rp.origin or "").lower().startswith("qualcode")
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
                           "definition": code.description, "color": color, "sort": sort})
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
        for src in s.sources:
            sets_of.setdefault(src, []).append(s)
    informant_of: dict[str, str] = {}
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
        if store.informant_by_key(key) is None:
            project.add_informant(key, gkey, role=variables.pop("role", None),
                                  organisation=variables.pop("organisation", None), attributes=variables)
            result.informants += 1
        for src in case.sources:
            informant_of.setdefault(src, key)
    # documents
    types = store.source_types()
    default_type = source_type or ("document" if "document" in types else types[0])
    if default_type not in types:
        raise InputError(f"unknown source type '{default_type}'; known: {', '.join(types)}")
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
    for src in rp.sources:
        if src.guid not in doc_of:
            continue
        doc_id, text = doc_of[src.guid]
        spans = [(sel.start, sel.end, sel.codings) for sel in src.selections]
        spans += [(0, len(text), [c]) for c in src.whole_codings]
        for start, end, codings in spans:
            if not codings:
                skip("selections without a code")
                continue
            if not 0 <= start < end <= len(text):
                skip("selections outside their source's text", len(codings))
                continue
            for coding in codings:
                key = code_keys.get(coding.code)
                if key is None:
                    skip("codings of codes not in the codebook")
                    continue
                if key not in code_ids:
                    code_ids[key] = store.code_by_key(key)["id"]
                identity = (doc_id, code_ids[key], coder(coding.user), start, end)
                if identity in identities:  # one coder, one code, one span: one coding (as the API keeps it)
                    skip("codings that repeat another coding exactly (same span, code and coder)")
                    continue
                identities.add(identity)
                created = coding.created if coding.created and re.match(r"^\d{4}-\d\d-\d\dT", coding.created) else now()
                rows.append((*identity, text[start:end], coding.memo, created))
    if rows:
        store.insert_codings(rows)
    result.codings = len(rows)
    result.coders = len(store.coders()) - before
    return result


def import_refi_path(project_path: str | Path, path: str | Path, **options: Any) -> tuple[RefiImportResult, bool]:
    """Import into the project at ``project_path``, creating it (named after the REFI project) if it does not exist.

    Returns the result and whether the project was created. A project created here
    is removed again when the import fails, so a failed import leaves nothing behind.
    """
    from .project import Project

    project_path = Path(project_path)
    if project_path.exists():
        with Project.open(project_path) as project:
            return import_refi(project, path, **options), False
    content_name = read_refi(path).project.name  # refuse an unsafe file before creating anything
    project = Project.create(project_path, name=content_name)
    try:
        result = import_refi(project, path, **options)
    except BaseException:
        project.close()
        for leftover in (project_path, project_path.with_name(project_path.name + "-wal"),
                         project_path.with_name(project_path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    project.close()
    return result, True
