"""Merging another project's codings into a project: how coders who worked offline on copies
of one project bring their work together.

Documents are matched by content (SHA-256 of the text), so a renamed document still
matches; codes by key; coders by name. A coding already in the target (same document,
code, coder, start and end) is not added again, so merging the same source twice adds
nothing the second time. A source document's recording comes along (its file copied into the
target's media folder) when the target's document has none. Memos come along with their links when what they
are about is in the target (a memo already there, same kind, target, title, text, author and creation time, is
not added again), and the attribute types the source declares and the target does not, when the target's
informants' values fit them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .media import copy_media_folder, media_folder
from .project import CodingSpec, Project
from .store import now


@dataclass
class MergeReport:
    """What a merge did and what it left out."""

    source: str
    codings_added: int = 0
    duplicates_skipped: int = 0
    codings_not_merged: int = 0
    exemplars_flagged: int = 0
    assignments_added: int = 0
    marked_done: int = 0
    media_linked: list[str] = field(default_factory=list)
    memos_added: int = 0
    memos_skipped: int = 0
    memos_not_merged: int = 0
    attribute_types_added: list[str] = field(default_factory=list)
    attribute_types_refused: list[str] = field(default_factory=list)
    unmatched_documents: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    documents_imported: list[str] = field(default_factory=list)
    documents_without_informant: list[str] = field(default_factory=list)
    names_taken: list[str] = field(default_factory=list)
    codes_added: list[str] = field(default_factory=list)
    coders_added: list[str] = field(default_factory=list)
    source_types_added: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as short sentences, one per line (what the CLI prints)."""
        out = [f"merged {self.source}: added {self.codings_added} codings, "
               f"skipped {self.duplicates_skipped} already there"]
        listed = [
            ("documents imported", self.documents_imported),
            ("imported without informant (their informant is not in the target)", self.documents_without_informant),
            ("codes added", self.codes_added),
            ("coders added", self.coders_added),
            ("source types added", self.source_types_added),
            ("documents not in the target, not imported (use --include-documents)", self.unmatched_documents),
            ("documents not imported because the target has another document of that name", self.names_taken),
            ("codes not in the target (use --add-codes)", self.unknown_codes),
        ]
        out += [f"{label}: {', '.join(names)}" for label, names in listed if names]
        if self.exemplars_flagged:
            out.append(f"{self.exemplars_flagged} codings already there flagged as exemplars, as in the source")
        if self.assignments_added or self.marked_done:
            out.append(f"assignments: {self.assignments_added} added, {self.marked_done} marked done as in the source")
        if self.media_linked:
            out.append(f"recordings linked as in the source: {', '.join(self.media_linked)}")
        if self.memos_added or self.memos_skipped:
            out.append(f"memos: {self.memos_added} added, {self.memos_skipped} already there")
        if self.memos_not_merged:
            out.append(f"{self.memos_not_merged} memos not merged: what they are about is not in the target")
        if self.attribute_types_added:
            out.append(f"attribute types declared as in the source: {', '.join(self.attribute_types_added)}")
        if self.attribute_types_refused:
            out.append("attribute types not declared (the target's values do not fit them): "
                       + ", ".join(self.attribute_types_refused))
        if self.codings_not_merged:
            out.append(f"{self.codings_not_merged} codings not merged: their document or code is not in the target")
        return out


def merge_projects(target: Project, source_path: str | Path, *, include_documents: bool = False,
                   add_codes: bool = False, actor: str | None = None) -> MergeReport:
    """Bring the codings of the project at ``source_path`` into ``target``.

    Parameters
    ----------
    target : Project
        The open project that receives the codings.
    source_path : str or Path
        Another project file, typically a copy of the target coded offline. Its contents are
        only read (a file of an older qualcode is upgraded, as whenever it is opened).
    include_documents : bool
        Also import source documents the target lacks (matched by content), with their
        units and, when the target has an informant of the same key, their informant.
        Otherwise they are reported and their codings left out.
    add_codes : bool
        Also add source codes the target lacks (with their parents). Otherwise they are
        reported and their codings left out.
    actor : str, optional
        Who merged, for the audit log.

    All of it is written in one transaction: on any error the target is left as it was.

    Raises
    ------
    ProjectFileError
        The source is missing or not a qualcode project.
    InputError
        The source is the target itself, or one of its codings does not fit its document
        (the message names the source file).
    """
    target.require("import")
    source_path = Path(source_path)
    if source_path.exists() and target.path.exists() and source_path.samefile(target.path):
        raise InputError(f"{source_path}: cannot merge a project into itself")
    source = Project.open(source_path)
    try:
        report = MergeReport(source=str(source_path))
        # one step in the history: one undo takes the whole merge back
        with target.as_one_step(actor, "project.merge", {"source": source_path.name}) as payload:
            try:
                _merge(target, source, report, include_documents=include_documents, add_codes=add_codes,
                       actor=actor)
            except InputError as exc:
                raise exc.located(str(source_path)) from None
            payload.update(codings_added=report.codings_added, duplicates_skipped=report.duplicates_skipped,
                           documents_imported=report.documents_imported, codes_added=report.codes_added,
                           exemplars_flagged=report.exemplars_flagged, assignments_added=report.assignments_added,
                           marked_done=report.marked_done, memos_added=report.memos_added,
                           attribute_types_added=report.attribute_types_added)
        return report
    finally:
        source.close()


def _merge(target: Project, source: Project, report: MergeReport, *, include_documents: bool, add_codes: bool,
           actor: str | None) -> None:
    documents = _match_documents(target, source, report, include_documents=include_documents, actor=actor)
    codes = _match_codes(target, source, report, add_codes=add_codes, actor=actor)
    existing = target.store.coding_identities()
    unflagged = target.store.unflagged_exemplars()
    roles = {c["name"]: c["role"] for c in source.store.coders()}
    specs = []
    for row in source.store.codings():
        document_id = documents.get(row["document_id"])
        if document_id is None or row["code"] not in codes:
            report.codings_not_merged += 1
            continue
        identity = (document_id, row["code"], row["coder"], row["start"], row["end"])
        if identity in existing:
            report.duplicates_skipped += 1
            if row["exemplar"] and identity in unflagged:  # flagged offline: an exemplar flag is only ever added
                target.set_exemplar(unflagged.pop(identity), True, actor=actor)
                report.exemplars_flagged += 1
            continue
        existing.add(identity)
        specs.append(CodingSpec(document_id, row["start"], row["end"], row["code"], row["coder"], row["memo"],
                                row["created_at"],  # when the coder coded it offline, not when merged
                                exemplar=bool(row["exemplar"])))
    for name in sorted({s.coder for s in specs}):
        if target.store.coder_by_name(name) is None:
            target.add_coder(name, roles.get(name, "coder"))
            report.coders_added.append(name)
    report.codings_added = len(target.add_codings(specs))
    _merge_assignments(target, source, documents, report)
    _merge_media(target, source, documents, report)
    _merge_memos(target, source, documents, report)
    _merge_attribute_types(target, source, report, actor=actor)


def _merge_memos(target: Project, source: Project, documents: dict[int, int], report: MergeReport) -> None:
    """The source's memos whose target is in the target project (a memo on a document, code, informant, group or
    coding the target lacks is counted, not merged), then their links to passages of matched documents and to
    memos merged or already there. Authors and times stay as the source has them."""
    codings = target.store.coding_ids()
    ids = {"code": _ids(target.store.code_by_key), "informant": _ids(target.store.informant_by_key),
           "group": _ids(target.store.group_by_key)}
    there = {_memo_identity(m): int(m["id"]) for m in target.store.memos()}
    merged: dict[int, int] = {}  # source memo id -> target memo id
    for memo in reversed(source.store.memos()):  # oldest first, so ids keep the source's order
        target_id: int | None = None
        if memo["kind"] != "project" and memo["target_id"] is not None:
            if memo["kind"] == "document":
                target_id = documents.get(memo["document_id"])
            elif memo["kind"] == "coding":
                document_id = documents.get(memo["document_id"])
                target_id = codings.get((document_id, memo["code"], memo["coding_coder"], memo["coding_start"],
                                         memo["coding_end"])) if document_id is not None else None
            else:
                target_id = ids[memo["kind"]](memo[memo["kind"]])
            if target_id is None:
                report.memos_not_merged += 1
                continue
        identity = _memo_identity({**memo, "target_id": target_id})
        if identity in there:
            merged[int(memo["id"])] = there[identity]
            report.memos_skipped += 1
            continue
        merged[int(memo["id"])] = there[identity] = target.store.insert_memo(
            {"kind": memo["kind"], "target_id": target_id, "title": memo["title"], "text": memo["text"],
             "author": memo["author"], "created_at": memo["created_at"], "changed_at": memo["changed_at"]})
        report.memos_added += 1
    for link in source.store.memo_links():
        memo_id = merged.get(int(link["memo_id"]))
        if memo_id is None:
            continue
        if link["linked_memo_id"] is not None:
            fields = {"linked_memo_id": merged.get(int(link["linked_memo_id"]))}
            if fields["linked_memo_id"] is None:
                continue
        else:
            fields = {"document_id": documents.get(link["document_id"]), "start": link["start"], "end": link["end"]}
            if fields["document_id"] is None:
                continue
        if target.store.find_memo_link(memo_id, **fields) is None:
            target.store.insert_memo_link({"memo_id": memo_id, **fields})


def _ids(lookup: Callable[[str], dict | None]) -> Callable[[str | None], int | None]:
    """A key -> id lookup of the target's rows (None for a key it lacks)."""
    def find(key: str | None) -> int | None:
        row = lookup(key) if key else None
        return int(row["id"]) if row else None
    return find


def _memo_identity(memo: dict[str, Any]) -> tuple:
    return (memo["kind"], memo["target_id"], memo["title"], memo["text"], memo["author"], memo["created_at"])


def _merge_attribute_types(target: Project, source: Project, report: MergeReport, *, actor: str | None) -> None:
    """Declare the attribute types the source has and the target lacks; one whose kind the target's values do
    not fit is reported and left undeclared (the target's data decide, as when declaring by hand)."""
    declared = {row["name"] for row in target.store.attribute_types()}
    for row in source.store.attribute_types():
        if row["name"] in declared:
            continue
        categories = json.loads(row["categories"] or "[]") or None
        try:
            target.set_attribute_type(row["name"], row["kind"], categories, actor=actor)
        except InputError:  # checked before anything is written: nothing to undo
            report.attribute_types_refused.append(row["name"])
        else:
            report.attribute_types_added.append(row["name"])


def _merge_assignments(target: Project, source: Project, documents: dict[int, int], report: MergeReport) -> None:
    """The source's assignments of matched documents, and its done marks: a coder who finished a document offline
    has finished it (a done mark is only ever added, as an exemplar flag is)."""
    for row in source.store.assignments():
        document_id = documents.get(row["document_id"])
        coder = target.store.coder_by_name(row["coder"])
        if document_id is None or coder is None:
            continue
        mine = target.store.assignment(document_id, coder["id"])
        if mine is None:
            target.store.insert_assignment(document_id, coder["id"], row["assigned_by"], row["assigned_at"])
            report.assignments_added += 1
            mine = target.store.assignment(document_id, coder["id"])
        if row["done_at"] is not None and mine is not None and mine["done_at"] is None:
            target.store.set_assignment_done(mine["id"], row["done_at"])
            report.marked_done += 1


def _merge_media(target: Project, source: Project, documents: dict[int, int], report: MergeReport) -> None:
    """The recordings of matched source documents the target's documents lack, their files copied into the
    target's media folder (a recording the target's document has already is kept)."""
    folder = media_folder(target.path)
    for row in source.store.media_rows():
        document_id = documents.get(row["document_id"])
        if document_id is None or target.store.media_of_document(document_id) is not None:
            continue
        copied = copy_media_folder(media_folder(source.path), folder, {row["file"]})
        if not copied and not (folder / row["file"]).is_file():
            continue  # the source's own file is missing: nothing to link
        fields = {k: row[k] for k in ("file", "original_name", "kind", "mime", "bytes", "sha256", "duration",
                                      "linked_at", "linked_by")}
        target.store.insert_media({"document_id": document_id, **fields})
        doc = target.store.document_by_id(document_id)
        report.media_linked.append(doc["name"] if doc else row["document"])


def _match_documents(target: Project, source: Project, report: MergeReport, *, include_documents: bool,
                     actor: str | None) -> dict[int, int]:
    """Source document id -> target document id, importing the missing ones when asked."""
    matched = {}
    answers: dict[int, list[dict[str, Any]]] = {}  # survey answers by source document, for the copied ones
    if include_documents:
        for answer in source.store.survey_answers():
            answers.setdefault(int(answer["document_id"]), []).append(answer)
    for doc in source.store.document_texts():
        sha = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
        same = target.store.document_by_sha(sha)
        if same is not None:
            matched[doc["id"]] = same["id"]
        elif not include_documents:
            report.unmatched_documents.append(doc["name"])
        elif target.store.document_by_name(doc["name"]) is not None:
            report.names_taken.append(doc["name"])
        else:
            matched[doc["id"]] = _import_document(target, source, doc, sha, report, actor=actor,
                                                  answers=answers.get(int(doc["id"]), []))
    return matched


def _import_document(target: Project, source: Project, doc: dict[str, Any], sha: str, report: MergeReport, *,
                     actor: str | None, answers: list[dict[str, Any]] | None = None) -> int:
    """Copy a source document with its own units (not segmented again: they stay exactly as coded) and, for a
    survey respondent's document, which question each answer span is."""
    row = source.store.document_by_id(doc["id"])
    if row is None:
        raise InputError(f"document {doc['id']} of {str(source.path)!r} vanished while merging")
    informant = target.store.informant_by_key(doc["informant"]) if doc["informant"] else None
    if doc["informant"] and informant is None:
        report.documents_without_informant.append(row["name"])
    if row["source_type"] not in target.store.source_types():
        target.store.add_source_type(row["source_type"], row["source_type"].capitalize(),
                                     len(target.store.source_types()))
        report.source_types_added.append(row["source_type"])
    new_id = target.store.insert_document({
        "name": row["name"], "informant_id": informant["id"] if informant else None,
        "source_type": row["source_type"], "language": row["language"], "text": row["text"], "sha256": sha,
        "original_name": row["original_name"], "imported_at": now(), "metadata": row["metadata"],
    })
    target.store.insert_units(new_id, (_unit(u) for u in source.store.units(doc["id"])))
    target.store.insert_survey_answers({"document_id": new_id, **{k: a[k] for k in
                                        ("question", "position", "start", "end", "source_file")}}
                                       for a in answers or [])
    target.store.log_event(actor, "document.import", {"name": row["name"], "merged_from": str(source.path),
                                                      "sha256": sha})
    report.documents_imported.append(row["name"])
    return new_id


def _unit(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "meta": json.loads(row["meta"] or "{}")}


def _match_codes(target: Project, source: Project, report: MergeReport, *, add_codes: bool,
                 actor: str | None) -> set[str]:
    """Keys of the codes codings may use: the target's, plus the source's when ``add_codes``."""
    known = set(target.store.code_keys())
    source_codes = {c["key"]: c for c in source.store.codes()}
    missing = [key for key in source_codes if key not in known]
    if not add_codes:
        report.unknown_codes += missing
        return known

    def add(key: str) -> None:
        code = source_codes[key]
        if code["parent"] and code["parent"] not in known:
            add(code["parent"])
        if key in known:
            return
        target.add_code(key, code["name"], parent=code["parent"], name_alt=code["name_alt"],
                        definition=code["definition"], include=code["include"], exclude=code["exclude"],
                        example=code["example"], color=code["color"], actor=actor)
        known.add(key)
        report.codes_added.append(key)

    for key in missing:
        add(key)
    return known
