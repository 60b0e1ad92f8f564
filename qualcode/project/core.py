"""The core of a Project: creating and opening the file, groups, informants, documents, the codebook
as loaded and read, coders, search and the file check.

Every method that writes runs in one transaction and records an audit event;
a method that raises leaves the project file exactly as it was.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import pandas as pd

from .. import segment
from ..analysis.attributes import check_attributes
from ..check import check_store
from ..codebook import Code, Codebook, load_codebook
from ..errors import DuplicateError, InputError, NotFoundError, Term, unknown_message
from ..ingest import read_document
from ..search import find_hits
from ..store import Store, now
from .base import ProjectBase, abbreviate, required, requires
from .codebook_edit import checked_hotkeys
from .filters import document_ids

DEFAULT_SOURCE_TYPES = {"interview": "Interview", "observation": "Observation", "document": "Document"}
INFORMANT_COLUMNS = ("key", "group", "role", "organisation")
SEARCH_COLUMNS = ["document_id", "document", "informant", "group", "source_type", "start", "end", "before", "match",
                  "after"]
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ImportedDocument:
    id: int
    name: str
    characters: int
    turns: int
    sentences: int


class ProjectCore(ProjectBase):
    """Creating and opening a project file; its groups, informants, documents, codebook, coders and search."""

    # -- lifecycle ---------------------------------------------------------------

    @classmethod
    def create(
        cls, path: str | Path, *, name: str | None = None, source_types: Mapping[str, str] | None = None
    ) -> Self:
        store = Store.create(path)
        with store.atomic():
            store.set_meta("name", name or Path(path).stem)
            store.set_meta("created_at", now())
            for sort, (key, label) in enumerate((source_types or DEFAULT_SOURCE_TYPES).items()):
                store.add_source_type(key, label, sort)
            store.log_event(None, "project.create", {"name": name or Path(path).stem})
        return cls(store)

    @classmethod
    def open(cls, path: str | Path, *, user: str | None = None) -> Self:
        """Open a project file; with ``user``, act for that account (see :meth:`act_as`)."""
        project = cls(Store.open(path))
        if user is not None:
            try:
                project.act_as(user)
            except Exception:
                project.close()
                raise
        return project

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def name(self) -> str:
        return self.store.get_meta("name", self.path.stem)

    def info(self) -> dict[str, Any]:
        """Counts of everything in the project, plus its name and schema version."""
        counts = self.store.counts()
        return {"name": self.name, "path": str(self.path), "schema_version": self.store.schema_version(),
                "source_types": self.store.source_types(), **counts}

    # -- groups ------------------------------------------------------------------

    @requires("import")
    def add_group(
        self, key: str, name: str | None = None, *, name_alt: str | None = None,
        description: str | None = None, sort: int | None = None, actor: str | None = None,
    ) -> int:
        key = required(key, Term("group key", "term_group_key"))
        with self.store.atomic():  # checked under the write lock: two writers cannot both add the key
            if self.store.group_by_key(key):
                raise DuplicateError(f"group '{key}' already exists", key="err_duplicate_group", group=key)
            gid = self.store.insert_group({
                "key": key, "name": (name or key).strip(), "name_alt": name_alt, "description": description,
                "sort": sort if sort is not None else self.store.count("groups"),
            })
            self.store.log_event(actor, "group.add", {"key": key})
        return gid

    @requires("import")
    def edit_group(self, key: str, /, *, actor: str | None = None, **fields: Any) -> None:
        group = self._group(key)
        allowed = {"key", "name", "name_alt", "description", "sort"}
        _check_fields(fields, allowed, f"group '{key}'")
        fields = dict(fields)
        if "key" in fields:
            fields["key"] = self._new_key(fields["key"], "group", self.store.group_by_key, current=key)
        if "name" in fields:
            fields["name"] = required(fields["name"], Term(f"group '{key}': name", "term_group_name", group=key))
        with self.store.atomic():
            self.store.update_group(group["id"], fields)
            self.store.log_event(actor, "group.edit", {"key": key, **fields})

    def groups(self) -> pd.DataFrame:
        return pd.DataFrame(self.store.groups(),
                            columns=["id", "key", "name", "name_alt", "description", "sort", "informants"])

    @requires("import")
    def import_groups(self, path: str | Path, *, actor: str | None = None) -> int:
        """Add groups from a CSV/XLSX sheet with columns key, name and optionally name_alt/name_id, description,
        sort."""
        rows = _read_sheet(path, required=("key",))
        with self.store.atomic():
            for line, row in rows:
                try:
                    self.add_group(
                        row["key"], row.get("name") or row["key"], name_alt=row.get("name_alt") or row.get("name_id"),
                        description=row.get("description"), sort=_int_or_none(row.get("sort")), actor=actor,
                    )
                except InputError as exc:
                    raise exc.located(str(path), line) from None
        return len(rows)

    # -- informants --------------------------------------------------------------

    @requires("import")
    def add_informant(
        self, key: str, group: str, *, role: str | None = None, organisation: str | None = None,
        attributes: Mapping[str, Any] | None = None, actor: str | None = None,
    ) -> int:
        key = required(key, Term("informant key", "term_informant_key"))
        group_row = self._group(group)
        self._check_attribute_values(key, attributes)
        with self.store.atomic():
            if self.store.informant_by_key(key):
                raise DuplicateError(f"informant '{key}' already exists", key="err_duplicate_informant", informant=key)
            iid = self.store.insert_informant({
                "key": key, "group_id": group_row["id"], "role": role, "organisation": organisation,
                "attributes": json.dumps(dict(attributes or {}), ensure_ascii=False),
            })
            self.store.log_event(actor, "informant.add", {"key": key, "group": group})
        return iid

    @requires("import")
    def edit_informant(self, key: str, /, *, actor: str | None = None, **fields: Any) -> None:
        informant = self._informant(key)
        _check_fields(fields, {"key", "group", "role", "organisation", "attributes"}, f"informant '{key}'")
        update = dict(fields)
        if "key" in update:
            update["key"] = self._new_key(update["key"], "informant", self.store.informant_by_key, current=key)
        if "group" in update:
            update["group_id"] = self._group(update.pop("group"))["id"]
        if "attributes" in update:
            self._check_attribute_values(update.get("key", key), update["attributes"])
            update["attributes"] = json.dumps(dict(update["attributes"] or {}), ensure_ascii=False)
        with self.store.atomic():
            self.store.update_informant(informant["id"], update)
            self.store.log_event(actor, "informant.edit", {"key": key, **fields})

    def _check_attribute_values(self, informant: str, attributes: Mapping[str, Any] | None) -> None:
        """InputError naming the informant, attribute and value when a value is not of its declared kind."""
        types = {t["name"]: (t["kind"], json.loads(t["categories"] or "[]")) for t in self.store.attribute_types()}
        check_attributes(types, informant, attributes)

    def informants(self) -> pd.DataFrame:
        rows = self.store.informants()
        for row in rows:
            row["attributes"] = json.loads(row["attributes"] or "{}")
        return pd.DataFrame(rows, columns=["id", "key", "group", "role", "organisation", "attributes", "documents"])

    @requires("import")
    def import_informants(self, path: str | Path, *, actor: str | None = None) -> int:
        """Add informants from a CSV or XLSX sheet.

        Columns ``key`` and ``group`` are required, ``role`` and ``organisation``
        optional; every other column becomes an attribute. The whole sheet is
        added or, on the first bad row, none of it.
        """
        rows = _read_sheet(path, required=("key", "group"))
        with self.store.atomic():
            for line, row in rows:
                attributes = {k: v for k, v in row.items() if k not in INFORMANT_COLUMNS and v not in (None, "")}
                try:
                    self.add_informant(row["key"], row["group"], role=row.get("role") or None,
                                       organisation=row.get("organisation") or None, attributes=attributes, actor=actor)
                except InputError as exc:
                    raise exc.located(str(path), line) from None
        return len(rows)

    # -- documents ---------------------------------------------------------------

    @requires("import")
    def import_document(
        self, path: str | Path, *, informant: str | None = None, source_type: str = "interview",
        language: str = "id", name: str | None = None, actor: str | None = None,
    ) -> ImportedDocument:
        """Read a file, split it into turns and sentences, and store it tied to an informant.

        Raises ImportFormatError for unreadable files, NotFoundError for an unknown
        informant or source type, DuplicateError for a name or content already in the project.
        """
        path = Path(path)
        informant_row = self._informant(informant) if informant else None
        types = self.store.source_types()
        if source_type not in types:
            raise NotFoundError(unknown_message("source type", source_type, types, listed="known"),
                                key="err_unknown_source_type", source_type=source_type, known=", ".join(types))
        parsed = read_document(path)
        sha = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
        name = (name or path.stem).strip()
        self._refuse_duplicate_document(path, sha, name)  # before the costly segmentation
        units = segment.segment(parsed.text, language, parsed.units)
        with self.store.atomic():
            self._refuse_duplicate_document(path, sha, name)  # again under the write lock
            doc_id = self.store.insert_document({
                "name": name, "informant_id": informant_row["id"] if informant_row else None,
                "source_type": source_type, "language": language, "text": parsed.text, "sha256": sha,
                "original_name": path.name, "imported_at": now(),
                "metadata": json.dumps(parsed.metadata, ensure_ascii=False, default=str),
            })
            self.store.insert_units(doc_id, (u.__dict__ for u in units))
            self.store.log_event(actor, "document.import", {"name": name, "file": path.name, "sha256": sha})
        turns = sum(u.kind == "turn" for u in units)
        return ImportedDocument(doc_id, name, len(parsed.text), turns, len(units) - turns)

    def _refuse_duplicate_document(self, path: Path, sha: str, name: str) -> None:
        same = self.store.document_by_sha(sha)
        if same:
            raise DuplicateError(f"{path}: same content as document '{same['name']}' already in the project",
                                 key="err_duplicate_content", path=str(path), document=same["name"])
        if self.store.document_by_name(name):
            raise DuplicateError(f"{path}: a document named '{name}' already exists; give another name",
                                 key="err_duplicate_document", path=str(path), document=name)

    @requires("import")
    def import_manifest(self, path: str | Path, *, actor: str | None = None,
                        progress: Progress | None = None) -> list[ImportedDocument]:
        """Import every file listed in a manifest CSV (file, informant, source_type, language, name).

        Paths are relative to the manifest's folder. All files are imported or, on the
        first bad one, none (the error names the manifest line).
        """
        path = Path(path)
        rows = _read_sheet(path, required=("file",))
        done: list[ImportedDocument] = []
        with self.store.atomic():
            for n, (line, row) in enumerate(rows):
                if progress:
                    progress(n, len(rows), row["file"])
                try:
                    done.append(self.import_document(
                        path.parent / row["file"], informant=row.get("informant") or None,
                        source_type=row.get("source_type") or "interview", language=row.get("language") or "id",
                        name=row.get("name") or None, actor=actor,
                    ))
                except InputError as exc:
                    raise exc.located(str(path), line) from None
        if progress:
            progress(len(rows), len(rows), "")
        return done

    def documents(self) -> pd.DataFrame:
        return pd.DataFrame(self.store.documents(), columns=[
            "id", "name", "informant", "group", "source_type", "language", "characters",
            "original_name", "imported_at", "codings"])

    def document(self, ref: str | int) -> dict[str, Any]:
        """A document's row (with its text) by name or id."""
        row = self.store.document_by_id(ref) if isinstance(ref, int) else self.store.document_by_name(str(ref))
        if row is None:
            known = ", ".join(r["name"] for r in self.store.documents()[:10]) or Term("none", "err_none")
            raise NotFoundError(unknown_message("document", ref, known, listed="known"), key="err_unknown_document",
                                document=ref, known=known)
        return row

    def units(self, document: str | int | None = None, *, kind: str | None = None) -> pd.DataFrame:
        doc_id = self.document(document)["id"] if document is not None else None
        rows = self.store.units(doc_id, kind)
        for row in rows:
            row["meta"] = json.loads(row["meta"])
        return pd.DataFrame(rows, columns=["id", "document_id", "kind", "idx", "start", "end", "speaker", "meta"])

    # -- codebook ----------------------------------------------------------------

    @requires("codebook")
    def load_codebook(self, source: str | Path | Codebook, *, actor: str | None = None) -> int:
        """Add the codes of a codebook; codes whose key exists are updated, none are removed.

        A code's hotkey is set when the codebook gives one; a code without one keeps the hotkey it has.
        Returns the number of codes loaded.

        Raises
        ------
        DuplicateError
            A hotkey of the codebook is the hotkey of another code of the project (names both codes).
        """
        book = source if isinstance(source, Codebook) else load_codebook(source)
        with self.store.atomic():
            # checked in the transaction, so no other writer takes a hotkey in between
            hotkeys = checked_hotkeys(self.store, {c.key: c.hotkey for c in book.codes if c.hotkey is not None})
            self.store.clear_code_hotkeys(list(hotkeys))  # first, so that codes may swap hotkeys
            base = self.store.count("codes")
            for sort, code in enumerate(book.codes):
                parent_id = self._code(code.parent)["id"] if code.parent else None
                fields = {
                    "parent_id": parent_id, "name": code.name, "name_alt": code.name_alt,
                    "definition": code.definition, "include": code.include, "exclude": code.exclude,
                    "example": code.example, "color": code.color,
                    **({"hotkey": hotkeys[code.key]} if code.key in hotkeys else {}),
                }
                existing = self.store.code_by_key(code.key)
                if existing:
                    self.store.update_code(existing["id"], fields)
                else:
                    self.store.insert_code({"key": code.key, "sort": base + sort, **fields})
            self.store.set_meta("codebook", {"name": book.name, "title": book.title, "title_alt": book.title_alt,
                                             "description": book.description})
            self.store.log_event(actor, "codebook.load", {"name": book.name, "codes": len(book.codes)})
        return len(book.codes)

    def codes(self) -> pd.DataFrame:
        """Every code with its parent key, hotkey (a missing value where it has none) and number of codings
        (own codings, not rolled up)."""
        return pd.DataFrame(self.store.codes(), columns=[
            "id", "key", "parent_id", "name", "name_alt", "definition", "include", "exclude", "example",
            "color", "hotkey", "sort", "parent", "codings"]).drop(columns=["parent_id"])

    def code(self, key: str) -> dict[str, Any]:
        """One code as a plain dict (id, key, parent_id, parent, name, name_alt, definition, include, exclude,
        example, color, hotkey, sort); a missing field is None. Raises NotFoundError for an unknown key."""
        row = dict(self._code(key))
        parent = self.store.code_by_id(row["parent_id"]) if row["parent_id"] is not None else None
        return {**row, "parent": parent["key"] if parent else None}

    def codebook(self) -> Codebook:
        """The project's codes as a :class:`Codebook` (to save as YAML or show as a tree)."""
        meta = self.store.get_meta("codebook", {}) or {}
        codes = [Code(key=r["key"], name=r["name"], name_alt=r["name_alt"], definition=r["definition"],
                      include=r["include"], exclude=r["exclude"], example=r["example"], color=r["color"],
                      parent=r["parent"], hotkey=r["hotkey"]) for r in self.store.codes()]
        return Codebook(name=meta.get("name") or self.name, codes=codes, title=meta.get("title"),
                        title_alt=meta.get("title_alt"), description=meta.get("description"))

    # -- coders ------------------------------------------------------------------

    @requires("accounts")
    def add_coder(self, name: str, role: str = "coder") -> int:
        return self._add_coder(name, role)

    def coders(self) -> pd.DataFrame:
        return pd.DataFrame(self.store.coders(), columns=["id", "name", "role", "codings"])

    # -- search ------------------------------------------------------------------

    def search(self, query: str, *, whole_word: bool = False, case_sensitive: bool = False,
               groups: list[str] | None = None, informants: list[str] | None = None,
               source_types: list[str] | None = None, context: int = 60, where: str | None = None) -> pd.DataFrame:
        """Find ``query`` (literal text) in the documents, one row per hit, by document id and start.

        ``groups``, ``informants`` and ``source_types`` narrow the documents (None or
        empty: no filter; unknown values raise NotFoundError); so does ``where``, a condition on the
        documents (``gender = P AND group = community``; see :func:`qualcode.analysis.query.document_mask`;
        InputError with its position when it is bad). Columns: document_id,
        document, informant, group, source_type, start, end, before, match, after;
        ``text[start:end] == match`` in code points. See :func:`qualcode.search.find_hits`.
        """
        filters = {}
        for what, values, known in (("group", groups, lambda: [g["key"] for g in self.store.groups()]),
                                    ("informant", informants, lambda: [i["key"] for i in self.store.informants()]),
                                    ("source type", source_types, self.store.source_types)):
            values = [str(v) for v in values] if values else None
            allowed = known()
            bad = [v for v in values or [] if v not in allowed]
            if bad:
                raise NotFoundError(f"unknown {what} {', '.join(map(repr, bad))} in search filter; known: "
                                    f"{abbreviate(allowed)}")
            filters[what] = values
        find_hits("", query, whole_word=whole_word, case_sensitive=case_sensitive, context=context)  # check args
        kept = document_ids(self, where)
        rows = []
        for doc in self.store.document_texts(group_keys=filters["group"], informant_keys=filters["informant"],
                                             source_types=filters["source type"]):
            if kept is not None and int(doc["id"]) not in kept:
                continue
            for start, end, before, match, after in find_hits(doc["text"], query, whole_word=whole_word,
                                                              case_sensitive=case_sensitive, context=context):
                rows.append((doc["id"], doc["name"], doc["informant"], doc["group"], doc["source_type"],
                             start, end, before, match, after))
        return pd.DataFrame(rows, columns=SEARCH_COLUMNS)

    def check(self) -> list[str]:
        """Problems of the file, each as "kind: message" (empty when all is well); see
        :func:`qualcode.check.check_project`."""
        return [str(problem) for problem in check_store(self.store)]

    # -- lookups that raise clear errors -----------------------------------------

    @staticmethod
    def _new_key(value: Any, what: str, lookup: Callable[[str], dict | None], *, current: str) -> str:
        """A renamed key: not empty, and not the key of another row."""
        new = required(value, Term(f"new {what} key", f"term_new_{what}_key"))
        if new != current and lookup(new):
            raise DuplicateError(f"{what} '{new}' already exists; choose another key",
                                 key=f"err_duplicate_{what}_key", new=new)
        return new


# -- module helpers ------------------------------------------------------------------

def _check_fields(fields: Mapping[str, Any], allowed: set[str], what: str) -> None:
    bad = sorted(set(fields) - allowed)
    if bad:
        raise InputError(f"{what}: cannot edit {', '.join(bad)}; editable: {', '.join(sorted(allowed))}")


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _read_sheet(path: str | Path, *, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV or XLSX sheet as (line number, {column: text}); header names lower-cased."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file", key="err_no_such_file", path=str(path))
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
            header = [str(c) for c in frame.columns]
            body = frame.values.tolist()
        elif suffix in (".csv", ".tsv", ".txt"):
            with path.open(encoding="utf-8-sig", newline="") as fh:
                sample = fh.read(4096)
                fh.seek(0)
                delimiter = "\t" if suffix == ".tsv" or sample.count("\t") > sample.count(",") else ","
                reader = list(csv.reader(fh, delimiter=delimiter))
            if not reader:
                raise InputError(f"{path}: the sheet is empty", key="err_sheet_empty", path=str(path))
            header, body = reader[0], reader[1:]
        else:
            raise InputError(f"{path}: unsupported sheet type '{suffix}'; use .csv, .tsv or .xlsx",
                             key="err_sheet_type", path=str(path), suffix=suffix)
    except (UnicodeDecodeError, csv.Error, ValueError, OSError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{path}: cannot read the sheet ({exc})", key="err_sheet_unreadable", path=str(path),
                         problem=str(exc)) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        found = ", ".join(header) or Term("none", "err_none")
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; found: {found}",
                         key="err_sheet_columns", path=str(path), missing=", ".join(missing), found=found)
    rows = []
    for n, values in enumerate(body, start=2):
        if not any(str(v).strip() for v in values):
            continue
        row = {h: str(v).strip() for h, v in zip(header, values, strict=False) if h}
        for column in required:
            if not row.get(column):
                raise InputError(f"{path}, line {n}: column '{column}' is empty", key="err_sheet_cell_empty",
                                 path=str(path), line=n, column=column)
        rows.append((n, row))
    return rows
