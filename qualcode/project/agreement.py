"""Intercoder agreement, disagreements, reconciliation and blind coding: methods of a Project.

:class:`ProjectAgreement` builds on :class:`~.codings.ProjectCodings`. It reads
codings and units through the Project API and hands plain frames to
:mod:`qualcode.analysis.agreement_report`. A supervisor settles a disagreement with
:meth:`ProjectAgreement.reconcile`: the accepted version is copied into a *consensus*
coder (role ``consensus``), whose codings then feed the triangulation matrix like any
coder's, and every decision is stored with the supervisor and the time.

References: see :mod:`qualcode.analysis.agreement`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..analysis.agreement_report import UNIT_KINDS, agreement_report
from ..analysis.agreement_report import disagreements as _disagreements
from ..analysis.unitized_report import SUB_CODES, TOP_LEVEL, unitized_report
from ..analysis.units import RULES, char_units
from ..errors import InputError, Term, check_choice
from ..store import now
from .assignments import ProjectAssignments
from .base import BLIND_KEY, requires
from .codings import ProjectCodings

DECISIONS = ("a", "b", "both", "neither")
RECONCILIATION_COLUMNS = ["id", "document", "document_id", "start", "end", "code", "decision", "coder_a", "coder_b",
                          "consensus", "supervisor", "codings", "created_at"]


class ProjectAgreement(ProjectCodings, ProjectAssignments):
    """Agreement, reconciliation and blind-coding methods of a Project."""

    # -- agreement -------------------------------------------------------------------

    def agreement(self, *, coders: Sequence[str], unit: str = "sentence", codes: Iterable[str] | None = None,
                  documents: Iterable[str | int] | None = None, rule: str = "majority",
                  n_boot: int = 500, seed: int = 0, rollup: bool = True,
                  selection: str = "assigned") -> pd.DataFrame:
        """The agreement report of ``coders`` (see :func:`qualcode.analysis.agreement_report.agreement_report`).

        Parameters
        ----------
        coders : sequence of str
            Two or more coder names.
        unit : {"sentence", "turn", "char"}
            The units compared; "char" makes one unit per character of the documents.
        codes : iterable of str, optional
            Code keys, in row order (default: every code, codebook order).
        documents : iterable of str or int, optional
            Document names or ids (default: chosen by ``selection``).
        rule : {"majority", "any"}
            How codings are projected onto units.
        selection : {"assigned", "coded"}
            Without ``documents``: "assigned" (the default) compares the documents assigned to every one of
            ``coders`` and marked done by each, so a document a coder read and left uncoded counts; when no
            document is assigned to all of them, the documents each coded (see
            :meth:`~.assignments.ProjectAssignments.agreement_documents`). "coded": the documents each coded.
            How they were chosen is ``attrs["selection"]``.
        n_boot : int
            Bootstrap resamples for the alpha interval.
        seed : int
            Seed of the bootstrap (recorded in the report, so that its interval can be recomputed).
        rollup : bool
            Parent codes carry their sub-codes (the default): a unit carries a code with sub-codes for a
            coder when the coder's codings of it or of any code below it put it on the unit. False: every
            code by its own codings only (a parent coded only through its sub-codes is then undefined).
            The pooled rows read every code by its own codings either way.

        Raises
        ------
        NotFoundError
            Unknown coder, code or document. InputError: fewer than two coders, bad unit or rule.
        """
        if not isinstance(rollup, bool):
            raise InputError(f"rollup must be True or False, got {rollup!r}")
        below = self._codes_below() if rollup else {}
        codings, units, names, keys, unit, rule = self._agreement_basis(coders, unit, codes, documents, rule,
                                                                        below=below, selection=selection)
        report = agreement_report(codings, units, coders=names, codes=keys, unit=unit, rule=rule, n_boot=n_boot,
                                  seed=seed, rollup={k: v for k, v in below.items() if k in keys})
        report.attrs["documents"] = self._document_names(units)
        report.attrs["selection"] = units.attrs.get("selection", "named")
        report.attrs["rollup_on"] = rollup  # the option, also when no code reported has sub-codes
        return report

    def _codes_below(self) -> dict[str, list[str]]:
        """Each code with sub-codes -> every code below it (children first, then theirs), in codebook order."""
        codes = self.codes()
        children: dict[str, list[str]] = {}
        for key, parent in zip(codes["key"], codes["parent"], strict=True):
            if isinstance(parent, str):
                children.setdefault(parent, []).append(key)
        below: dict[str, list[str]] = {}
        for parent in children:
            found, queue = [], list(children[parent])
            while queue:
                key = queue.pop(0)
                if key not in found and key != parent:
                    found.append(key)
                    queue.extend(children.get(key, []))
            below[parent] = found
        return below

    def unitized_agreement(self, *, coders: Sequence[str], codes: Iterable[str] | None = None,
                           documents: Iterable[str | int] | None = None, rollup: bool = True,
                           selection: str = "assigned") -> pd.DataFrame:
        """Krippendorff et al.'s (2016) unitized alphas of ``coders`` on their own spans, no units (see
        :func:`qualcode.analysis.unitized_report.unitized_report`).

        The documents are those :meth:`agreement` compares (the same ``documents`` and ``selection``), laid end
        to end. (k)uα, uα and cuα compare each code with its siblings in the codebook: the top-level codes with
        each other, the sub-codes of each parent with each other; a family row gives each such set's uα, |uα
        and cuα, and "(all codes)" every code read, each span by its own code.

        Parameters
        ----------
        coders : sequence of str
            Two or more coder names.
        codes : iterable of str, optional
            Code keys, in row order (default: every code, codebook order). Their siblings' codings are read
            too, for the families.
        documents : iterable of str or int, optional
            Document names or ids (default: chosen by ``selection``, as for :meth:`agreement`).
        rollup : bool
            Codes with sub-codes carry them (the default): their spans are their own and those of the codes
            below them, for their rows and their family. False: own codings only.
        selection : {"assigned", "coded"}
            How the documents are chosen when none are named (see :meth:`agreement`).

        Returns
        -------
        DataFrame
            The report, with ``attrs`` as the library gives them plus selection (how the documents were
            chosen), rollup_on and family_parents (family label -> the parent key, None for the top level).

        Raises
        ------
        NotFoundError
            Unknown coder, code or document. InputError: fewer than two coders, a bad selection.
        """
        if not isinstance(rollup, bool):
            raise InputError(f"rollup must be True or False, got {rollup!r}")
        table = self.codes()
        parent_of = {k: (p if isinstance(p, str) else None) for k, p in zip(table["key"], table["parent"], strict=True)}
        wanted = list(table["key"]) if codes is None else list(dict.fromkeys(str(c).strip() for c in codes))
        families: dict[str, list[str]] = {}
        parents: dict[str, str | None] = {}
        for key in wanted:
            parent = parent_of.get(key)
            label = TOP_LEVEL if parent is None else SUB_CODES.format(parent=parent)
            if key in parent_of and label not in families:
                families[label] = [k for k, p in parent_of.items() if p == parent]
                parents[label] = parent
        below = self._codes_below() if rollup else {}
        read = list(dict.fromkeys([*wanted, *(c for members in families.values() for c in members)]))
        # the coders' raw spans are compared: the basis reads no units, only which documents
        codings, units, names, _, _, _ = self._agreement_basis(coders, "turn", read, documents, "majority",
                                                              below=below, selection=selection, read_units=False)
        doc_ids = set(units.attrs["document_ids"])
        rows = [r for r in self.store.documents() if r["id"] in doc_ids]
        report = unitized_report(codings, {r["id"]: int(r["characters"] or 0) for r in rows}, coders=names,
                                 codes=wanted, rollup=below, families=families,
                                 documents={r["id"]: r["name"] for r in rows})
        report.attrs.update(selection=units.attrs.get("selection", "named"), rollup_on=rollup,
                            family_parents=parents)
        return report

    def disagreements(self, *, coders: Sequence[str], unit: str = "sentence", codes: Iterable[str] | None = None,
                      documents: Iterable[str | int] | None = None, rule: str = "majority",
                      selection: str = "assigned") -> pd.DataFrame:
        """Units where the coders differ about a code, with the document name and the unit's text.

        Returns
        -------
        DataFrame
            document, document_id, unit_id, start, end, code, one 0/1 column per coder, text;
            in document, position and code order.
        """
        codings, units, names, keys, unit, rule = self._agreement_basis(coders, unit, codes, documents, rule,
                                                                        selection=selection)
        frame = _disagreements(codings, units, coders=names, codes=keys, rule=rule)
        texts = {int(d): self.store.document_text(int(d)) for d in pd.unique(frame["document_id"])}
        doc_names = {r["id"]: r["name"] for r in self.store.documents()}
        frame.insert(0, "document", [doc_names[int(d)] for d in frame["document_id"]])
        frame["text"] = [texts[int(d)][int(s):int(e)]
                         for d, s, e in zip(frame["document_id"], frame["start"], frame["end"], strict=True)]
        return frame.reset_index(drop=True)

    def _agreement_basis(self, coders: Sequence[str], unit: str, codes: Iterable[str] | None,
                         documents: Iterable[str | int] | None, rule: str,
                         below: dict[str, list[str]] | None = None, selection: str = "assigned",
                         read_units: bool = True):
        unit = check_choice(unit, UNIT_KINDS, "unit")
        rule = check_choice(rule, RULES, "projection rule")
        names = [coders] if isinstance(coders, str) else [str(c).strip() for c in coders or []]
        names = list(dict.fromkeys(n for n in names if n))
        if len(names) < 2:
            got = ", ".join(names) or Term("none", "err_none")
            raise InputError(f"agreement needs at least 2 different coders; got {got}", key="err_agreement_coders",
                             got=got)
        for name in names:
            self._coder(name)
        keys = list(self.codes()["key"]) if codes is None else list(dict.fromkeys(str(c).strip() for c in codes))
        for key in keys:
            self._code(key)
        if documents is None:
            doc_ids, chosen = self.agreement_documents(names, selection)
        else:
            doc_ids = list(dict.fromkeys(self.document(_ref(d))["id"] for d in documents))
            chosen = "named"
        read = list(dict.fromkeys([*keys, *(c for k in keys for c in (below or {}).get(k, []))]))
        codings = self._agreement_codings(names, read, doc_ids)
        if not read_units:  # the caller compares raw spans: only the documents are needed
            units = pd.DataFrame(columns=["document_id", "start", "end"])
        elif unit == "char":
            units = char_units({d: len(self.store.document_text(d)) for d in doc_ids})
        else:
            units = self.units(kind=unit)
            units = units[units["document_id"].isin(doc_ids)].copy()
        # how the documents were chosen, and all of them (a document without units of this kind is still compared)
        units.attrs.update(selection=chosen, document_ids=list(doc_ids))
        return codings, units, names, keys, unit, rule

    def _agreement_codings(self, names: list[str], keys: list[str], doc_ids: list[int]) -> pd.DataFrame:
        """document_id, coder, code, start and end of the codings the report compares, in reading order: spans
        and ids only, not the quotes and names of a full coding read (a million codings read in seconds)."""
        visible = self._visible_coders(names)
        coders = {self._coder(n)["id"]: n for n in (names if visible is None else visible)}
        frame = self.store.coding_extents(list(coders))
        code_keys = {row["id"]: row["key"] for row in self.store.code_tree()}
        frame = frame.assign(coder=frame["coder_id"].map(coders), code=frame["code_id"].map(code_keys))
        wanted = frame["document_id"].isin(doc_ids) & (frame["code"].isin(keys) if keys else True)
        frame = frame[wanted].sort_values(["document_id", "start", "end"], kind="stable")
        return frame[["document_id", "coder", "code", "start", "end"]].reset_index(drop=True)

    def _document_names(self, units: pd.DataFrame) -> list[str]:
        ids = set(units.attrs.get("document_ids") or pd.unique(units["document_id"]).tolist())
        return [r["name"] for r in self.store.documents() if r["id"] in ids]

    # -- reconciliation --------------------------------------------------------------

    @requires("reconcile")
    def reconcile(self, document: str | int, start: int, end: int, code: str, *, decision: str,
                  coders: Sequence[str], consensus: str = "consensus", supervisor: str) -> list[int]:
        """Settle a disagreement about ``code`` on ``document[start:end]`` and record the decision.

        Parameters
        ----------
        decision : {"a", "b", "both", "neither"}
            ``a``/``b``: copy coder A's / coder B's codings of ``code`` that overlap
            [start, end) into the consensus coder; ``both``: one consensus coding over the
            union span of both coders' overlapping codings; ``neither``: no coding, the
            decision is only recorded.
        coders : pair of str
            Coder A and coder B.
        consensus : str
            The consensus coder's name (created with role "consensus" if missing).
        supervisor : str
            Who decides (created with role "supervisor" if missing).

        Returns
        -------
        list of int
            Ids of the consensus codings added (a copy identical to an existing consensus
            coding is not added twice).

        Raises
        ------
        InputError
            Unknown decision, coders not two different names, empty supervisor or consensus
            name, a consensus name held by a coder of another role, a bad span.
        NotFoundError
            Unknown document, code or coder.
        """
        decision = check_choice(decision, DECISIONS, "decision")
        if isinstance(coders, str) or len(list(coders)) != 2:
            raise InputError(f"coders must be a pair of two coder names (A, B); got {coders!r}")
        a_name, b_name = (str(c).strip() for c in coders)
        if a_name == b_name:
            raise InputError(f"coders must be two different coders; got {a_name!r} twice")
        coder_a, coder_b = self._coder(a_name), self._coder(b_name)
        supervisor = str(supervisor).strip() if supervisor is not None else ""
        if not supervisor:
            raise InputError("supervisor is empty; give the supervisor's coder name")
        consensus = str(consensus).strip() if consensus is not None else ""
        if not consensus:
            raise InputError("consensus coder name is empty")
        if consensus in (a_name, b_name):
            raise InputError(f"the consensus coder must differ from the coders compared; got {consensus!r}")
        existing = self.store.coder_by_name(consensus)
        if existing is not None and existing["role"] != "consensus":
            raise InputError(f"coder '{consensus}' has role '{existing['role']}'; a consensus coder needs role "
                             "'consensus' (choose another name)", key="err_consensus_role", coder=consensus,
                             role=existing["role"])
        doc = self.document(_ref(document))
        text = doc["text"]
        if (isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int)
                or not isinstance(end, int) or start < 0 or end <= start or end > len(text)):
            raise InputError(f"reconcile in '{doc['name']}': span {start!r}:{end!r} is invalid; need "
                             f"0 <= start < end <= {len(text)} (text length)")
        code_row = self._code(code)
        found = {who: self.store.overlapping_codings(doc["id"], code_row["id"], row["id"], start, end)
                 for who, row in (("a", coder_a), ("b", coder_b))}
        if decision == "a":
            spans = [(r["start"], r["end"], r["memo"]) for r in found["a"]]
        elif decision == "b":
            spans = [(r["start"], r["end"], r["memo"]) for r in found["b"]]
        elif decision == "both":
            both = found["a"] + found["b"]
            spans = [(min(r["start"] for r in both), max(r["end"] for r in both), None)] if both else []
        else:
            spans = []
        created = now()
        with self.store.atomic():
            consensus_id = existing["id"] if existing else self.ensure_coder(consensus, "consensus")
            supervisor_id = self.ensure_coder(supervisor, "supervisor")
            have = {(r["start"], r["end"]) for r in
                    self.store.overlapping_codings(doc["id"], code_row["id"], consensus_id, 0, len(text))}
            rows = [(doc["id"], code_row["id"], consensus_id, s, e, text[s:e], memo, created)
                    for s, e, memo in dict.fromkeys(spans) if (s, e) not in have]
            ids = self.store.insert_codings(rows) if rows else []
            rid = self.store.insert_reconciliation({
                "document_id": doc["id"], "start": start, "end": end, "code_id": code_row["id"],
                "decision": decision, "coder_a_id": coder_a["id"], "coder_b_id": coder_b["id"],
                "consensus_id": consensus_id, "supervisor_id": supervisor_id, "codings": json.dumps(ids),
                "created_at": created})
            self.store.log_event(supervisor, "agreement.reconcile", {
                "id": rid, "document": doc["name"], "start": start, "end": end, "code": code_row["key"],
                "decision": decision, "coders": [a_name, b_name], "consensus": consensus, "codings": ids})
        return ids

    def reconciliations(self) -> pd.DataFrame:
        """Every recorded reconciliation, oldest first: id, document, document_id, start, end, code,
        decision, coder_a, coder_b, consensus, supervisor, codings (list of consensus coding ids), created_at."""
        rows = self.store.reconciliations()
        for row in rows:
            row["codings"] = json.loads(row["codings"])
        return pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)

    # -- blind coding ----------------------------------------------------------------

    @requires("settings")
    def set_blind_coding(self, on: bool, *, actor: str) -> None:
        """Turn blind coding on or off for the project (coders then see only their own codings)."""
        if not isinstance(on, bool):
            raise InputError(f"blind coding must be True or False, got {on!r}")
        actor = str(actor).strip() if actor is not None else ""
        if not actor:
            raise InputError("actor is empty; give the coder name of who changes the setting")
        with self.store.atomic():
            self.store.set_meta(BLIND_KEY, on)
            self.store.log_event(actor, "project.blind_coding", {"on": on})


def _ref(value: str | int) -> str | int:
    """A document reference: ints (also numpy ints) are ids, anything else a name."""
    if isinstance(value, bool):
        return str(value)
    return int(value) if isinstance(value, int | np.integer) else value
