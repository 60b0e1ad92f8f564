"""The unitized agreement report (:meth:`Project.unitized_agreement`) as a table for a paper: code names, and a
note, settings sheet and CSV columns that say what it rests on.

Kept apart from :mod:`.paper` (the unit-based report's table) because the two rest on different things: this
one on the coders' spans over a continuum of characters, the other on units and a projection rule.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd

from .. import __version__
from ..analysis.agreement_report import ALL_CODES
from ..analysis.unitized_report import SYMBOLS
from ..export.tables import Table
from . import Project
from .assignments import SELECTION_PHRASES
from .paper import LISTED_DOCUMENTS, code_names, with_names

#: The reference of the unitized alphas, as the code, the page and the guide cite it.
CITATION = ("Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of unitizing "
            "textual continua: Further developments. Quality & Quantity, 50(6), 2347\u20132364. "
            "https://doi.org/10.1007/s11135-015-0266-1")
#: When to read this report rather than the unit-based one.
WHEN_TO_USE = ("Use these coefficients when the coders marked free spans and where a span begins and ends is part "
               "of what they must agree on; when codes apply to whole sentences or speaker turns, the unit-based "
               "report (kappa and alpha per unit) is the one to give.")


def unitized_paper(project: Project, raw: pd.DataFrame, *, coders: list[str]) -> Table:
    """The unitized report ``raw`` with code names, and a note, settings (``appendix``: a "settings" sheet, and
    a "documents" sheet beyond ``LISTED_DOCUMENTS``) and CSV columns (``context``) stating what it rests on:
    the coefficients, coders (and any who coded nothing), documents and how they were chosen, the length of the
    continuum, how parent codes and families were read, the level of measurement, what coverage means, the
    qualcode version and the date."""
    attrs = raw.attrs
    labels = {label: "" for label in attrs.get("families", {})}
    frame = with_names(raw, {**code_names(project), **labels, ALL_CODES: ""})
    frame.attrs = dict(attrs)
    settings = unitized_settings(raw, coders=coders)
    value = dict(zip(settings["setting"], settings["value"], strict=True))
    documents = list(attrs.get("documents", []))
    chosen = SELECTION_PHRASES.get(attrs.get("selection", "named"), "chosen by name")
    empty = list(attrs.get("coders_without_spans") or [])
    notes = [
        "Krippendorff et al.'s (2016) unitized alphas on the coders' own spans (no units): uα, agreement on where "
        "codes are and which, the uncoded text included; |uα, on what is coded at all (a code's row: that code "
        "against everything else); cuα, on which code where spans of different coders meet; (k)uα, cuα for one "
        "code. Nominal level of measurement.",
        f"Documents compared ({len(documents)}, {chosen}): {', '.join(documents) or 'none'}; laid end to end as "
        f"one text of {attrs.get('length', 0):,} characters.",
        "uα, cuα and (k)uα compare a code with its siblings in the codebook (its family: the top-level codes, or "
        "the sub-codes of one parent), each family in a row of its own; (all codes) takes every code read, each "
        "span by its own code."
        + (" Codes with sub-codes carry them: their spans are their own and their sub-codes'."
           if attrs.get("rollup") else ""),
        "coverage: the share of the coded text that a span of another coder also covers, on which (k)uα (a "
        "code's row) or cuα (the other rows) rest; the rest, coded by one coder only, is what |uα judges. coded: "
        "the share of the text the average coder coded with the code.",
        "reason: why a figure is undefined; where one coder's spans of two codes compared overlap, uα, cuα and "
        "(k)uα of those codes are undefined and the reason names the first overlap.",
        WHEN_TO_USE,
    ]
    if empty:
        notes.append(f"Warning: {', '.join(empty)} coded nothing in these documents; their whole text counts as "
                     "uncoded, which moves every figure.")
    notes.append(f"Computed with qualcode {value['qualcode version']} on {value['date']}.")
    appendix = [Table(settings, name="settings")]
    if len(documents) > LISTED_DOCUMENTS:
        appendix.append(Table(pd.DataFrame({"document": documents}), name="documents"))
    context = {"report": "unitized", "coefficients": ", ".join(SYMBOLS.values()),
               "coders_compared": json.dumps(list(coders), ensure_ascii=False),
               "coders_without_spans": json.dumps(empty, ensure_ascii=False),
               "documents": json.dumps(documents, ensure_ascii=False), "n_documents": len(documents),
               "documents_chosen": attrs.get("selection", "named"), "characters": attrs.get("length"),
               "rollup": bool(attrs.get("rollup_on", bool(attrs.get("rollup")))), "level": attrs.get("level"),
               "qualcode_version": value["qualcode version"], "date": value["date"]}
    return Table(frame, title="Unitized Intercoder Agreement", name="unitized_agreement",
                 caption=f"Unitized agreement of {', '.join(coders)} on their spans.", notes=" ".join(notes),
                 appendix=tuple(appendix), context=context)


def unitized_settings(raw: pd.DataFrame, *, coders: list[str]) -> pd.DataFrame:
    """What the unitized report ``raw`` was computed on, one setting a row (setting, value), with the qualcode
    version and the date (UTC) it is written."""
    attrs = raw.attrs
    documents = list(attrs.get("documents", []))
    rolled = attrs.get("rollup") or {}
    names = ("; ".join(documents) if len(documents) <= LISTED_DOCUMENTS
             else "listed in the sheet \u201cdocuments\u201d")
    families = attrs.get("families") or {}
    rows = [
        ("report", "unitized alphas on the coders' spans (Krippendorff et al., 2016): " + ", ".join(SYMBOLS.values())),
        ("coders", ", ".join(coders)),
        ("coders with no spans", ", ".join(attrs.get("coders_without_spans") or []) or "none"),
        ("documents", len(documents)),
        ("documents chosen", SELECTION_PHRASES.get(attrs.get("selection", "named"), attrs.get("selection"))),
        ("document names", names),
        ("characters", attrs.get("length")),
        ("continuum", "the documents laid end to end"),
        ("level of measurement", attrs.get("level", "nominal")),
        ("parent codes", "carry their sub-codes (" + ", ".join(rolled) + ")" if rolled
         else "carry their sub-codes (no code reported has any)" if attrs.get("rollup_on") else "own codings only"),
        ("families", "; ".join(f"{label}: {', '.join(members)}" for label, members in families.items())
         if attrs.get("families_given") else "all codes reported"),
        ("coverage", "share of the coded text that another coder's span also covers"),
        ("qualcode version", __version__),
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["setting", "value"])
