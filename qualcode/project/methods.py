"""The methods appendix of a project: the facts a methods section reports, a filled COREQ/SRQR checklist and
a paragraph of methods text in English or Bahasa Indonesia.

Functions taking a Project, as :mod:`qualcode.project.catalog`: every figure comes from the functions the
other reports use, so that the appendix says what they say: the informants and groups of
:meth:`~qualcode.project.Project.informants`, the documents, coders and codes of the Project, the
agreement report of :meth:`~qualcode.project.Project.agreement`, the quote table's citations
(:func:`qualcode.project.catalog.quote_frame`), saturation from :func:`qualcode.project.saturation.saturation_facts`
and the codebook's evolution from :func:`qualcode.project.codebook_log.codebook_change_summary`. The checklists
and the text are :mod:`qualcode.analysis.checklists`; the document is written by :mod:`qualcode.export.appendix`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from .. import __version__
from ..analysis.agreement_report import ALL_CODES
from ..analysis.checklists import (
    BLANK,
    HEADINGS,
    LANGUAGES,
    TITLES,
    checklist_answers,
    checklist_names,
    methods_paragraph,
)
from ..errors import InputError, NotFoundError, check_choice, unknown_message
from ..export.appendix import Appendix, Checklist
from . import Project

#: The words of the appendix around the checklists, by language.
WORDS = {
    "en": {"title": "Methods appendix", "project": "Project", "software": "Software", "made": "Made on",
           "coders": "Coders", "methods": "Methods text (draft for the authors to edit)",
           "note": "Answers come from the project file. Items marked {blank} are for the authors to complete."},
    "id": {"title": "Lampiran metode", "project": "Proyek", "software": "Perangkat lunak", "made": "Dibuat pada",
           "coders": "Pengode", "methods": "Teks metode (draf untuk disunting penulis)",
           "note": "Jawaban berasal dari berkas proyek. Butir bertanda {blank} dilengkapi oleh penulis."},
}


def methods_facts(project: Project, *, coders: Sequence[str] | None = None,
                  agreement_unit: str = "sentence") -> dict[str, Any]:
    """What the project knows about how the study was done, as plain values.

    Parameters
    ----------
    project : Project
    coders : sequence of str, optional
        The coders whose work is reported (default: every coder with codings). Agreement is computed when two
        or more of them coded the same documents.
    agreement_unit : {"sentence", "turn", "char"}
        The unit of the agreement report.

    Returns
    -------
    dict
        ``project`` (name); ``informants`` (count); ``groups`` (key, name, name_alt, informants each, project order);
        ``documents`` and ``source_types`` (type -> documents); ``repeat_interviews`` (informants with more
        than one document); ``dates`` (``attribute``, ``first``, ``last`` of the informants' first date
        attribute; None without one); ``coders`` (name, role, codings each); ``codings`` (of those coders);
        ``codebook`` (name, title, codes, top_level, sub_codes); ``codebook_changes`` (see
        :func:`~qualcode.project.codebook_log.codebook_change_summary`, plus ``counts`` of the six kinds of
        change and their ``total``); ``agreement`` (coders, unit, rule, documents, units, kappa, kappa_kind,
        alpha, alpha_low, alpha_high, percent_agreement of the "(all codes)" row; None with fewer than two
        coders or no document they share); ``saturation`` (see
        :func:`~qualcode.project.saturation.saturation_facts`, in interview date order where informants have a
        date attribute, ``order_key`` the order asked for); ``quotations`` (``citation`` template and
        ``example``, the quote table's first citation); ``memos``; ``software`` (name, version).

    Raises
    ------
    NotFoundError
        An unknown coder. InputError: a bad unit.
    """
    from ..export.quotes import DEFAULT_CITATION
    from .catalog import quote_frame
    from .codebook_log import codebook_change_summary
    from .saturation import saturation_facts, study_order

    agreement_unit = check_choice(agreement_unit, ("sentence", "turn", "char"), "agreement unit")
    informants = project.informants()
    groups = project.groups()
    documents = project.documents()
    all_coders = project.coders()
    if coders:
        known = all_coders["name"].tolist()
        for name in coders:
            if name not in known:
                raise NotFoundError(unknown_message("coder", name, known, listed="known"), key="err_unknown_coder",
                                    coder=name, known=", ".join(known))
        chosen = all_coders[all_coders["name"].isin(list(coders))]
    else:
        chosen = all_coders[all_coders["codings"] > 0]
    chosen = chosen.sort_values("name")
    names = chosen["name"].tolist()
    per_doc = documents.dropna(subset=["informant"]).groupby("informant").size()
    facts: dict[str, Any] = {
        "project": project.name,
        "informants": len(informants),
        "groups": [{"key": k, "name": n if isinstance(n, str) and n.strip() else k,
                    "name_alt": a if isinstance(a, str) and a.strip() else None, "informants": int(i)}
                   for k, n, a, i in zip(groups["key"], groups["name"], groups["name_alt"], groups["informants"],
                                         strict=True)],
        "documents": len(documents),
        "source_types": {str(k): int(v) for k, v in documents["source_type"].value_counts(sort=False).items()},
        "repeat_interviews": sorted(str(k) for k, n in per_doc.items() if n > 1),
        "coders": [{"name": n, "role": r, "codings": int(c)}
                   for n, r, c in zip(chosen["name"], chosen["role"], chosen["codings"], strict=True)],
        "codings": int(chosen["codings"].sum()),
        "memos": len(project.memos()),
        "software": {"name": "qualcode", "version": __version__},
    }
    facts["dates"] = _dates(project, informants)
    facts["recordings"] = _recordings(project, documents)
    codes = project.codes()
    meta = project.codebook()
    top = int(codes["parent"].isna().sum())
    facts["codebook"] = {"name": meta.name, "title": meta.title, "codes": len(codes), "top_level": top,
                         "sub_codes": len(codes) - top}
    changes = codebook_change_summary(project)
    counts = {k: int(changes["by_kind"].get(k, 0)) for k in ("added", "renamed", "edited", "moved", "merged",
                                                             "deleted")}
    facts["codebook_changes"] = {**changes, "counts": counts, "total": sum(counts.values()),
                                 "first": (changes["first"] or "")[:10] or None,
                                 "last": (changes["last"] or "")[:10] or None}
    facts["agreement"] = _agreement(project, names, agreement_unit)
    order = study_order(project)
    saturation = saturation_facts(project, order=order, coders=names or None)
    facts["saturation"] = {**saturation, "order_key": order} if saturation["interviews"] else None
    quotes = quote_frame(project, coders=names or None)
    cited = quotes[quotes["informant"].notna()] if "informant" in quotes else quotes
    facts["quotations"] = {"citation": DEFAULT_CITATION,
                           "example": str(cited["citation"].iloc[0]) if len(cited) else None}
    return facts


def _recordings(project: Project, documents: Any) -> dict[str, Any] | None:
    """How many interviews have a recording linked, of how many, and the recordings' lengths in minutes where
    known; None when no document has one (a study may have recorded and not linked: the project cannot tell)."""
    media = project.media_list()
    if media.empty:
        return None
    interviews = set(documents.loc[documents["source_type"] == "interview", "name"])
    linked = media[media["document"].isin(interviews)]
    minutes = sorted(float(d) / 60 for d in linked["duration"] if d is not None and d == d and float(d) > 0)
    return {"interviews": len(interviews), "recorded": len(linked), "minutes": minutes}


def _dates(project: Project, informants: Any) -> dict[str, str] | None:
    """The first and last value of the informants' first declared date attribute, or None."""
    types = project.attribute_types()
    dated = types[types["kind"] == "date"]["name"].tolist()
    if not dated:
        return None
    name = dated[0]
    values = sorted(str(a[name]) for a in informants["attributes"] if isinstance(a, dict) and a.get(name))
    return {"attribute": name, "first": values[0], "last": values[-1]} if values else None


def _agreement(project: Project, coders: list[str], unit: str) -> dict[str, Any] | None:
    """The pooled row of the agreement report of ``coders``, as the report states it; None when it has nothing
    to compare."""
    if len(coders) < 2:
        return None
    try:
        report = project.agreement(coders=coders, unit=unit)
    except InputError:
        return None
    attrs = report.attrs
    rows = report[report["code"] == ALL_CODES]
    if rows.empty or not attrs.get("units"):
        return None
    row = rows.iloc[0]

    def value(name: str) -> float | None:
        v = row[name]
        return None if v is None or v != v else float(v)

    return {"coders": list(attrs.get("coders", coders)), "unit": attrs["unit"], "rule": attrs["rule"],
            "documents": len(attrs.get("documents", [])), "units": int(attrs["units"]),
            "kappa": value("kappa"), "kappa_kind": row["kappa_kind"], "alpha": value("alpha"),
            "alpha_low": value("alpha_low"), "alpha_high": value("alpha_high"),
            "percent_agreement": value("percent_agreement")}


def methods_appendix(project: Project, *, checklist: str = "coreq", language: str = "en",
                     coders: Sequence[str] | None = None, agreement_unit: str = "sentence",
                     facts: dict[str, Any] | None = None) -> Appendix:
    """The methods appendix: a methods paragraph and the filled checklist(s), ready for
    :func:`qualcode.export.appendix.write_appendix`.

    Parameters
    ----------
    checklist : {"coreq", "srqr", "both"}
    language : {"en", "id"}
        The language of the headings, questions, answers and paragraph.
    coders, agreement_unit
        As for :func:`methods_facts`.
    facts : dict, optional
        Facts already gathered by :func:`methods_facts` (one gathering for several documents).
    """
    names = checklist_names(checklist)
    language = check_choice(language, LANGUAGES, "language")
    if facts is None:
        facts = methods_facts(project, coders=coders, agreement_unit=agreement_unit)
    w = WORDS[language]
    head = HEADINGS[language]
    tables = []
    for name in names:
        filled = checklist_answers(facts, name, language)
        rows = [(str(r.item), r.domain, r.name, r.question, r.answer) for r in filled.itertuples(index=False)]
        blank = frozenset(k for k, r in enumerate(filled.itertuples(index=False)) if not r.fact)
        tables.append(Checklist(TITLES[name][language], (head["item"], head["domain"], head["name"],
                                                         head["question"], head["answer"]), rows, blank=blank,
                                note=w["note"].format(blank=BLANK[language]), widths=(0.5, 1.3, 1.6, 2.6, 3.4)))
    software = facts["software"]
    details = [(w["project"], facts["project"]), (w["software"], f"{software['name']} {software['version']}"),
               (w["made"], date.today().isoformat())]
    if facts["coders"]:
        details.append((w["coders"], ", ".join(c["name"] for c in facts["coders"])))
    return Appendix(w["title"], details=details, paragraphs=[(w["methods"], methods_paragraph(facts, language))],
                    checklists=tables)
