"""Machine-assisted code suggestions: methods of a Project.

:class:`ProjectSuggest` builds on :class:`~.codings.ProjectCodings`. A model learns from
one coder's codings of sentence units (a sentence counts as coded with a code when the coder's
codings of that code cover at least half of it; only documents the coder coded give training
units). Suggestions are stored as *open* rows; nothing becomes a coding until a reviewer accepts
one, and accepted or rejected (unit, code) pairs are never proposed again. A project whose coder
has coded nothing yet gets keyword suggestions from the codebook (cold start).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn

from .. import suggest
from ..errors import InputError, NotFoundError, check_choice
from .codings import ProjectCodings

SUGGESTION_COLUMNS = ["id", "unit_id", "document", "document_id", "start", "end", "text", "code", "score",
                      "model_version", "status"]
DECISIONS = {"accept": "accepted", "reject": "rejected", "skip": "skipped"}
STATUSES = ("open", "accepted", "rejected", "skipped")
KEYWORD_MODEL = "keywords"


def _records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """An evaluation frame as JSON-ready rows (NaN as None)."""
    if frame is None:
        return []
    return [{k: (None if isinstance(v, float) and np.isnan(v) else v.item() if hasattr(v, "item") else v)
             for k, v in row.items()} for row in frame.to_dict("records")]


class ProjectSuggest(ProjectCodings):
    """Suggestion methods of a Project."""

    # -- training data -----------------------------------------------------------

    def _sentence_units(self, document_ids: Iterable[int] | None) -> pd.DataFrame:
        """Sentence units (id, document_id, start, end, text, language) of the given documents (None: all)."""
        ids = None if document_ids is None else set(document_ids)
        rows = []
        for doc in self.store.documents():
            if ids is not None and doc["id"] not in ids:
                continue
            full = self.document(int(doc["id"]))
            for u in self.store.units(full["id"], "sentence"):
                rows.append((u["id"], full["id"], u["start"], u["end"], full["text"][u["start"]:u["end"]],
                             full["language"]))
        return pd.DataFrame(rows, columns=["id", "document_id", "start", "end", "text", "language"])

    def _document_ids(self, documents: Iterable[str | int] | None) -> list[int] | None:
        return None if documents is None else [int(self.document(d)["id"]) for d in documents]

    @staticmethod
    def _labels(units: pd.DataFrame, codings: pd.DataFrame, codes: list[str], *, half: bool) -> pd.DataFrame:
        """Per unit and code: covered by the codings (at least half the unit when ``half``, else any overlap)."""
        labels = pd.DataFrame(False, index=units.index, columns=codes)
        if codings.empty or units.empty:
            return labels
        for (doc_id, code), group in codings.groupby(["document_id", "code"]):
            if code not in labels.columns:
                continue
            mask = (units["document_id"] == doc_id).to_numpy()
            if not mask.any():
                continue
            starts, ends = units["start"].to_numpy()[mask], units["end"].to_numpy()[mask]
            covered = np.zeros(mask.sum())
            for s, e in zip(group["start"], group["end"], strict=True):
                covered += np.clip(np.minimum(ends, e) - np.maximum(starts, s), 0, None)
            hit = covered * 2 >= (ends - starts) if half else covered > 0
            labels.loc[units.index[mask], code] = labels.loc[units.index[mask], code].to_numpy() | hit
        return labels

    def _training_set(self, coder: str, documents: Iterable[str | int] | None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Units of the documents ``coder`` coded (or ``documents``) and their labels: the codes the coder
        used plus their parent codes, a unit coded with a sub-code counting for its parents too."""
        self._coder(coder)
        codings = self.codings(coders=[coder])
        doc_ids = self._document_ids(documents)
        if doc_ids is None:
            doc_ids = sorted(set(codings["document_id"].astype(int)))
        units = self._sentence_units(doc_ids)
        rolled = self._rolled_up(codings)
        codes = [c for c in self.codes()["key"] if c in set(rolled["code"])]
        if not codes:
            raise InputError(f"coder '{coder}' has no codings to learn from", key="err_nothing_to_learn", coder=coder)
        return units, self._labels(units, rolled, codes, half=True), codings

    def _ancestors(self) -> dict[str, list[str]]:
        """Each code key's parent, grandparent and so on."""
        codes = self.codes()
        parent = {str(k): (str(p) if pd.notna(p) and p else None) for k, p in zip(codes["key"], codes["parent"],
                                                                                 strict=True)}
        chains: dict[str, list[str]] = {}
        for key, first in parent.items():
            chain: list[str] = []
            up = first
            while up is not None and up not in chain and len(chain) < len(parent):
                chain.append(up)
                up = parent.get(up)
            chains[key] = chain
        return chains

    def _rolled_up(self, codings: pd.DataFrame) -> pd.DataFrame:
        """``codings`` plus one copy of each coding for every ancestor of its code."""
        ancestors = self._ancestors()
        chains = [ancestors.get(c, []) for c in codings["code"]]
        copies = [codings]
        for level in range(max(map(len, chains), default=0)):
            copies.append(codings.assign(code=[chain[level] if len(chain) > level else None for chain in chains])
                          .dropna(subset=["code"]))
        return pd.concat(copies, ignore_index=True)

    # -- model -------------------------------------------------------------------

    def suggest_train(self, *, coder: str, documents: Iterable[str | int] | None = None,
                      progress: suggest.Progress | None = None) -> dict[str, Any]:
        """Train a suggestion model on ``coder``'s codings and store it in the project, with its
        cross-validated evaluation (see :func:`qualcode.suggest.train`).

        Returns model_version, units, codes, documents, sklearn_version and evaluation (a list of
        row dicts). ``progress(done, total)`` follows the classifier fits. Raises NotFoundError for
        an unknown coder or document, InputError when the coder has no codings or coded fewer than
        two of the documents.
        """
        return self._train(coder, documents, progress)[0]

    def _train(self, coder: str, documents: Iterable[str | int] | None = None,
               progress: suggest.Progress | None = None) -> tuple[dict[str, Any], suggest.SuggestModel]:
        """:meth:`suggest_train`, which also gives the model it stored."""
        self._require_coder(coder)
        units, labels, _ = self._training_set(coder, documents)
        model = suggest.train(units, labels, languages=list(units["language"]), progress=progress)
        buffer = io.BytesIO()
        joblib.dump(model, buffer)
        coder_id = self._coder(coder)["id"]
        summary = {"units": len(units), "codes": len(model.codes), "sklearn_version": sklearn.__version__,
                   "documents": int(units["document_id"].nunique())}
        evaluation = _records(model.evaluation)
        with self.store.atomic():
            version = self.store.insert_model(coder_id, sklearn.__version__,
                                              json.dumps({**summary, "evaluation": evaluation}), buffer.getvalue())
            self.store.log_event(coder, "suggest.train", {"model_version": version, **summary})
        return {"model_version": version, **summary, "evaluation": evaluation}, model

    def suggest_model_evaluation(self, coder: str) -> pd.DataFrame | None:
        """The evaluation stored with ``coder``'s latest model (None when no model was trained)."""
        row = self.store.latest_model(self._coder(coder)["id"])
        if row is None:
            return None
        rows = json.loads(row["summary"] or "{}").get("evaluation")
        return pd.DataFrame(rows, columns=suggest.EVALUATION_COLUMNS) if rows else None

    def _model(self, coder: str) -> tuple[suggest.SuggestModel, int]:
        """The coder's latest stored model and its version; trained anew when none was stored or it was
        saved by another scikit-learn version (or cannot be read)."""
        row = self.store.latest_model(self._coder(coder)["id"])
        if row is not None and row["sklearn_version"] == sklearn.__version__:
            try:
                model = joblib.load(io.BytesIO(row["blob"]))
                if isinstance(model, suggest.SuggestModel) and getattr(model, "evaluation", None) is not None:
                    return model, int(row["version"])
            except Exception:  # an unreadable blob is retrained, like a stale one
                pass
        trained, model = self._train(coder)
        return model, trained["model_version"]

    def suggest_evaluate(self, *, coder: str, documents: Iterable[str | int] | None = None,
                         progress: suggest.Progress | None = None) -> pd.DataFrame:
        """Grouped cross-validated precision, recall and F1 per code of a model of ``coder``'s codings
        (see :func:`qualcode.suggest.evaluate`); nothing is stored."""
        self._require_coder(coder)
        units, labels, _ = self._training_set(coder, documents)
        return suggest.evaluate(units, labels, languages=list(units["language"]), progress=progress)

    # -- suggestions -------------------------------------------------------------

    def suggest_run(self, *, coder: str, documents: Iterable[str | int] | None = None,
                    limit_per_code: int | None = None) -> int:
        """Store open suggestions for units of ``documents`` (default: all) that ``coder`` has not coded
        with the code; returns how many new ones were added.

        Pairs (unit, code) suggested before, whatever their status, are not proposed again; codes with
        fewer than :data:`qualcode.suggest.MIN_POSITIVES` coded units or a cross-validated F1 below
        :data:`qualcode.suggest.MIN_F1` get none. With no
        codings by ``coder`` the codebook's keywords are used (cold start).
        """
        if limit_per_code is not None and (isinstance(limit_per_code, bool) or not isinstance(limit_per_code, int)
                                           or limit_per_code < 1):
            raise InputError(f"limit_per_code must be a whole number >= 1, got {limit_per_code!r}")
        self._coder(coder)
        self._require_coder(coder)
        units = self._sentence_units(self._document_ids(documents))
        codings = self.codings(coders=[coder])
        code_ids = {r["key"]: int(r["id"]) for r in self.codes().to_dict("records")}
        if codings.empty:
            found = []
            for language, part in units.groupby("language"):
                found.append(suggest.keyword_suggestions(part, self.codes(), language=language))
            hits = pd.concat(found) if found else pd.DataFrame(columns=["unit_id", "code", "score"])
            candidates = [(int(u), c, float(s)) for u, c, s in zip(hits["unit_id"], hits["code"], hits["score"],
                                                                    strict=True)]
            version = KEYWORD_MODEL
        else:
            model, number = self._model(coder)
            version = f"v{number}"
            scores = model.scores(units, languages=list(units["language"]))
            coded = self._labels(units, self._rolled_up(codings), model.codes, half=False)
            candidates = []
            for code in model.suggested_codes():
                keep = (scores[code] >= model.thresholds[code]) & ~coded[code]
                candidates += [(int(u), code, float(s)) for u, s in zip(units["id"][keep], scores[code][keep],
                                                                          strict=True)]
        candidates = self._most_specific(candidates)
        seen = self.store.suggestion_pairs()
        fresh = sorted(((u, c, s) for u, c, s in candidates if c in code_ids and (u, code_ids[c]) not in seen),
                       key=lambda t: (t[1], -t[2], t[0]))
        if limit_per_code is not None:
            per_code: dict[str, int] = {}
            kept = []
            for candidate in fresh:  # the best ``limit_per_code`` of each code (fresh is by code, best first)
                if per_code.get(candidate[1], 0) < limit_per_code:
                    per_code[candidate[1]] = per_code.get(candidate[1], 0) + 1
                    kept.append(candidate)
            fresh = kept
        with self.store.atomic():
            added = self.store.insert_suggestions([(u, code_ids[c], round(s, 4), version) for u, c, s in fresh])
            self.store.log_event(coder, "suggest.run", {"model_version": version, "added": added})
        return added

    def _most_specific(self, candidates: list[tuple[int, str, float]]) -> list[tuple[int, str, float]]:
        """Drop a parent code's suggestion for a unit that also gets one of its sub-codes."""
        ancestors = self._ancestors()
        covered = {(u, a) for u, c, _ in candidates for a in ancestors.get(c, [])}
        return [t for t in candidates if (t[0], t[1]) not in covered]

    def suggestions(self, *, status: str | None = "open", code: str | None = None,
                    document: str | int | None = None) -> pd.DataFrame:
        """Stored suggestions, best score first (``status=None``: every status)."""
        if status is not None:
            check_choice(status, STATUSES, "suggestion status")
        rows = self.store.suggestions(
            status=status, code_id=self._code(code)["id"] if code is not None else None,
            document_id=self.document(document)["id"] if document is not None else None)
        return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)

    def review_suggestion(self, suggestion_id: int, decision: str, *, reviewer: str,
                          code: str | None = None) -> int | None:
        """Accept, reject or skip a suggestion. "accept" codes the unit's span by ``reviewer`` with a memo
        naming score and model and returns the coding id; ``code`` accepts it as another code (say,
        a sub-code of a suggested parent). "reject" and "skip" only set the status. Accepting a span the
        reviewer already coded with that code adds no second coding and returns the existing one's id.

        Raises NotFoundError for an unknown suggestion, InputError for an unknown decision or a
        suggestion already accepted or rejected.
        """
        check_choice(decision, DECISIONS, "decision")
        row = self.store.suggestion_by_id(int(suggestion_id))
        if row is None:
            raise NotFoundError(f"no suggestion with id {suggestion_id}")
        if row["status"] in ("accepted", "rejected"):
            raise InputError(f"suggestion {suggestion_id} is already {row['status']}")
        reviewer = str(reviewer or "").strip()
        if not reviewer:
            raise InputError("reviewer is empty")
        self._require_coder(reviewer)
        coding_id = None
        with self.store.atomic():
            reviewer_id = self.ensure_coder(reviewer)
            if decision == "accept":
                chosen = row["code"] if code is None else self._code(code)["key"]
                memo = f"suggested as {row['code']}" if chosen != row["code"] else "suggested"
                memo += f" (score {row['score']:.2f}, model {row['model_version']})"
                # the reviewer coded this span with this code meanwhile: accepting links that coding
                coding_id = self.store.same_coding(int(row["document_id"]), self._code(chosen)["id"], reviewer_id,
                                                   int(row["start"]), int(row["end"]))
                if coding_id is None:
                    coding_id = self.add_coding(int(row["document_id"]), int(row["start"]), int(row["end"]),
                                                chosen, reviewer, memo=memo)
            self.store.set_suggestion_status(row["id"], DECISIONS[decision], reviewer_id)
            self.store.log_event(reviewer, f"suggestion.{decision}", {"id": row["id"], "coding_id": coding_id})
        return coding_id
