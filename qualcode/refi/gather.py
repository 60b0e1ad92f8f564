"""A project as REFI-QDA plain data (:func:`refi_data`) and its export to .qdc/.qdpx (:func:`export_refi`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, uuid5

from .. import __version__
from ..analysis.attributes import decimal_text, is_integer
from ..errors import InputError
from .media import gather_media
from .model import (
    RefiCase,
    RefiCode,
    RefiCoding,
    RefiMemo,
    RefiProject,
    RefiSelection,
    RefiSet,
    RefiSource,
)
from .write import write_qdc, write_qdpx

if TYPE_CHECKING:
    from ..project import Project


def refi_data(project: Project) -> RefiProject:
    """The whole project as plain REFI data, with GUIDs stable across exports (uuid5 of the project's keys)."""
    identity = f"{project.store.get_meta('created_at', '')}|{project.name}"

    def gid(kind: str, key: Any) -> str:
        return str(uuid5(NAMESPACE_URL, f"qualcode:{identity}:{kind}:{key}"))

    codes = [RefiCode(guid=gid("code", r.key), name=r.name, color=r.color, description=_text(r.definition),
                      parent=gid("code", r.parent) if isinstance(r.parent, str) else None, key=r.key,
                      name_alt=_text(r.name_alt), include=_text(r.include), exclude=_text(r.exclude),
                      example=_text(r.example))
             for r in project.codes().itertuples()]
    memo_rows = project.memos()
    # memo authors need not be coders (a supervisor's journal): users too, so their names travel
    names = list(dict.fromkeys([*project.coders()["name"], *memo_rows["author"]]))
    users = {gid("user", name): name for name in names}
    user_of = {name: guid for guid, name in users.items()}
    memos = _memo_history(project)
    docs = project.documents()
    sources: dict[int, RefiSource] = {}
    for row in docs.itertuples():
        sources[row.id] = RefiSource(guid=gid("document", row.name), name=row.name,
                                     text=project.document(int(row.id))["text"], created=row.imported_at,
                                     variables={"source_type": row.source_type, "language": row.language})
    memo_guid = {int(i): gid("memo", i) for i in memo_rows["id"]}
    about: dict[tuple[str, Any], list[str]] = {}  # (kind, target) -> memo guids, for the objects below
    for row in memo_rows.itertuples():
        if row.target_id is None:
            continue  # its target was deleted: a note of the project
        target = int(row.target_id) if row.kind == "coding" else row.target
        about.setdefault((row.kind, target), []).append(memo_guid[int(row.id)])
    for code in codes:
        code.memos = about.get(("code", code.key), [])
    for row in project.codings().itertuples():
        memo = row.memo if isinstance(row.memo, str) and row.memo else None
        coding = RefiCoding(code=gid("code", row.code), user=gid("user", row.coder), created=row.created_at,
                             memo=memo, memos=about.get(("coding", int(row.id)), []))
        if memo:
            # changes older than the coding belong to an earlier coding that had its id
            history = [c for c in memos.get(int(row.id), []) if c["at"] >= row.created_at]
            _date_memo(coding, history, user_of)
        sources[row.document_id].selections.append(RefiSelection(
            guid=gid("coding", row.id), start=int(row.start), end=int(row.end), codings=[coding],
            user=coding.user, created=row.created_at))
    for row in docs.itertuples():
        sources[row.id].memos = about.get(("document", row.name), [])
    notes = _memos(project, memo_rows, memo_guid, {s.name: s for s in sources.values()}, user_of, gid)
    cases = []
    docs_of: dict[str, list[str]] = {}
    for row in docs.itertuples():
        if isinstance(row.informant, str):
            docs_of.setdefault(row.informant, []).append(sources[row.id].guid)
    group_docs: dict[str, list[str]] = {}
    informants = project.informants()
    types, categories = _variable_types(project, informants)
    for row in informants.itertuples():
        variables = {"group": row.group}
        for name, value in (("role", row.role), ("organisation", row.organisation)):
            if isinstance(value, str) and value:
                variables[name] = value
        for name, value in (row.attributes or {}).items():
            if name not in variables and value not in (None, ""):
                variables[str(name)] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if types.get(str(name)) == "Float":  # xsd:decimal has no exponent: 1e3 is written 1000
                    variables[str(name)] = decimal_text(variables[str(name)])
                elif str(name) in types:
                    variables[str(name)] = variables[str(name)].strip()
        cases.append(RefiCase(guid=gid("informant", row.key), name=row.key, variables=variables,
                              sources=docs_of.get(row.key, []), memos=about.get(("informant", row.key), [])))
        group_docs.setdefault(row.group, []).extend(docs_of.get(row.key, []))
    sets = [RefiSet(guid=gid("group", g.key), name=g.key, description=g.name, sources=group_docs.get(g.key, []),
                    memos=about.get(("group", g.key), []))
            for g in project.groups().itertuples()]
    sets += _assignment_sets(project, {int(i): s.guid for i, s in sources.items()}, gid)
    return RefiProject(name=project.name, origin=f"qualcode {__version__}", users=users, codes=codes,
                       sources=list(sources.values()), cases=cases, sets=sets,
                       created=project.store.get_meta("created_at") or None, memos=notes, variable_types=types,
                       variable_categories=categories,
                       media=gather_media(project, {int(i): s.guid for i, s in sources.items()}, gid))


#: Variables every source carries: they stay Text, whatever an informant attribute of the same name is.
SOURCE_VARIABLES = ("source_type", "language")


def _variable_types(project: Project, informants: Any) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The REFI-QDA type of each declared informant attribute (number: Integer when every value is a whole
    number, else Float; date: Date; category: Text with its categories), and the categories."""
    types: dict[str, str] = {}
    categories: dict[str, list[str]] = {}
    for row in project.attribute_types().itertuples():
        if not row.declared or row.name in SOURCE_VARIABLES or row.kind == "text":
            continue
        if row.kind == "number":
            values = [str(a[row.name]) for a in informants["attributes"] if a and a.get(row.name) not in (None, "")]
            types[row.name] = "Integer" if all(is_integer(v) for v in values) else "Float"
        elif row.kind == "date":
            types[row.name] = "Date"
        else:
            categories[row.name] = list(row.categories)
    return types, categories


def _memos(project: Project, rows: Any, guid_of: dict[int, str], sources: dict[str, RefiSource],
           user_of: dict[str, str], gid: Any) -> list[RefiMemo]:
    """Every memo as a note, with its links: to memos on the memo, to passages as selections of their source."""
    memos = {int(r.id): RefiMemo(guid=guid_of[int(r.id)], title=r.title, text=r.text or "",
                                 user=user_of[r.author], created=r.created_at,
                                 modified=r.changed_at) for r in rows.itertuples()}
    for link in project.memo_links().itertuples():
        memo = memos[int(link.memo_id)]
        if isinstance(link.document, str):
            sources[link.document].selections.append(RefiSelection(
                guid=gid("memo-passage", link.id), start=int(link.start), end=int(link.end), memos=[memo.guid],
                user=memo.user, created=memo.created))
        else:
            memo.memos.append(guid_of[int(link.linked_memo_id)])
    return list(memos.values())


#: REFI-QDA has no assignments: each coder's become two document sets, named so that a person reads them
#: in any program and described with this prefix so that qualcode's import recognises them.
ASSIGNED_SET, DONE_SET, ASSIGNMENT_MARK = "Assigned to {coder}", "Done by {coder}", "qualcode assignments:"


def _assignment_sets(project: Project, source_guid: dict[int, str], gid: Any) -> list[RefiSet]:
    """Per coder with assignments, the set of their assigned documents and the set of those marked done."""
    frame = project.assignments()
    sets = []
    for coder, rows in frame.groupby("coder", sort=True):
        assigned = [source_guid[int(d)] for d in rows["document_id"]]
        done = [source_guid[int(d)] for d, flag in zip(rows["document_id"], rows["done"], strict=True) if flag]
        sets.append(RefiSet(guid=gid("assigned", coder), name=ASSIGNED_SET.format(coder=coder), sources=assigned,
                            description=f"{ASSIGNMENT_MARK} assigned to {coder}"))
        sets.append(RefiSet(guid=gid("done", coder), name=DONE_SET.format(coder=coder), sources=done,
                            description=f"{ASSIGNMENT_MARK} done by {coder}"))
    return sets


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _memo_history(project: Project) -> dict[int, list[dict]]:
    """The recorded memo changes of each coding (by id), oldest first."""
    history: dict[int, list[dict]] = {}
    for change in project.store.memo_changes():
        history.setdefault(int(change["id"]), []).append(change)
    return history


def _date_memo(coding: RefiCoding, history: list[dict], user_of: dict[str, str]) -> None:
    """Set when and by whom the coding's present memo was written and last changed, from its recorded
    changes; without any the memo dates from the coding itself."""
    for change in history:
        user = user_of.get(change["actor"])
        if change["now_empty"]:  # memo removed: what follows is a new memo
            coding.memo_created = coding.memo_user = coding.memo_modified = coding.memo_modifier = None
        elif change["was_empty"]:
            coding.memo_created, coding.memo_user = change["at"], user
            coding.memo_modified = coding.memo_modifier = None
        else:
            coding.memo_modified, coding.memo_modifier = change["at"], user


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

