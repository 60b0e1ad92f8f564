"""How the catalogue's tables read in a paper: code names beside keys (or a legend where keys head
columns), group display names, parent codes that say where their codings are, and no column that is
always empty.

A codebook puts codings on sub-codes; a parent code with no codings of its own would read as "silent"
in a matrix although its sub-codes are coded in every group. These helpers mark such rows "see
sub-codes" instead (the ``rollup`` option counts sub-codes into their parents for a table of
top-level codes; the agreement report rolls them up by default and then gives parents figures of
their own).

Example
-------
>>> legend(["E1", "E1.1"], {"E1": "Drivers", "E1.1": "Sponsors"})
'E1 = Drivers; E1.1 = Sponsors.'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import pandas as pd

from .. import __version__
from ..analysis.agreement_report import ALL_CODES, CODED_UNITS
from ..export.tables import Table
from . import Project
from .assignments import SELECTION_PHRASES

SEE_SUB_CODES = "see sub-codes"
OWN_CODINGS = "own codings only; see sub-codes"
#: The matrix measures as a paper's caption names them.
MEASURE_PHRASES = {"segments": "Coded segments", "informants": "Informants",
                   "share": "Share of the group's informants (%)", "words": "Words coded"}
AXIS_PHRASES = {"group": "informant group", "source_type": "source type", "informant": "informant"}
VERDICT_COLUMNS = ["verdict", "rationale", "verdict_by", "verdict_at"]


def code_names(project: Project) -> dict[str, str]:
    """Code key -> name, as the codebook has them."""
    codes = project.codes()
    return {k: (n if isinstance(n, str) else "") for k, n in zip(codes["key"], codes["name"], strict=True)}


def parent_codes(project: Project) -> set[str]:
    """The keys of codes that have sub-codes."""
    parents = project.codes()["parent"]
    return {p for p in parents if isinstance(p, str)}


def group_names(project: Project) -> dict[str, str]:
    """Group key -> display name (the key where the name is empty)."""
    groups = project.groups()
    return {k: (n.strip() if isinstance(n, str) and n.strip() else k)
            for k, n in zip(groups["key"], groups["name"], strict=True)}


def legend(keys: Iterable[str], names: Mapping[str, str]) -> str:
    """"E1 = name; E1.1 = name." for the keys that have a name, in the order given."""
    parts = [f"{k} = {names[k]}" for k in keys if names.get(k)]
    return "; ".join(parts) + "." if parts else ""


def with_names(frame: pd.DataFrame, names: Mapping[str, str], *, key: str = "code") -> pd.DataFrame:
    """``frame`` with a ``name`` column right after its ``key`` column (or index)."""
    out = frame.copy()
    keys = out.index if key not in out.columns else out[key]
    position = 0 if key not in out.columns else list(out.columns).index(key) + 1
    out.insert(position, "name", [names.get(k, "") for k in keys])
    out.attrs = dict(frame.attrs)
    return out


def paper_matrix(project: Project, table: pd.DataFrame, *, by: str, rollup: bool) -> tuple[pd.DataFrame, list[str]]:
    """The triangulation table as a paper prints it, and the sentences its note needs.

    Code names beside the keys; group columns under their display names; ``coverage`` (the pattern
    in words) instead of the pattern's key; the rows of parent codes without codings of their own
    blank and marked "see sub-codes" (unless ``rollup``); verdict columns only when a verdict exists.
    """
    axis = [c for c in table.columns if c not in ("pattern", "label", *VERDICT_COLUMNS)]
    out = table.drop(columns=["pattern"]).rename(columns={"label": "coverage"})
    notes: list[str] = []
    if not rollup:
        with_sub_codes = parent_codes(project)  # read once, not once per row
        parents = [code for code in out.index if code in with_sub_codes]
        marked = False
        for code in parents:
            own = pd.to_numeric(out.loc[code, axis], errors="coerce").fillna(0)
            if (own == 0).all():
                out.loc[code, "coverage"] = SEE_SUB_CODES
                marked = True
            else:
                out.loc[code, "coverage"] = f"{out.loc[code, 'coverage']} ({OWN_CODINGS})"
        if marked:  # blank, not 0: a parent's silence is its sub-codes' business
            blank = [c for c in parents if out.loc[c, "coverage"] == SEE_SUB_CODES]
            for column in axis:
                values = out[column]
                integral = pd.api.types.is_integer_dtype(values)
                values = values.astype("Int64" if integral else float)
                values.loc[blank] = pd.NA if integral else float("nan")
                out[column] = values
        if parents:
            notes.append("Codes with sub-codes count only their own codings; those with none are marked "
                         f"\u201c{SEE_SUB_CODES}\u201d.")
    if all((out[c].astype(str) == "").all() for c in VERDICT_COLUMNS):
        out = out.drop(columns=VERDICT_COLUMNS)
        notes.append("No verdicts have been recorded yet.")
    if by == "group":
        names = group_names(project)
        renamed = {c: names.get(c, c) for c in axis}
        if len(set(renamed.values())) == len(renamed) and not set(renamed.values()) & set(out.columns) - set(axis):
            out = out.rename(columns=renamed)
    out = with_names(out, code_names(project))
    out.attrs = dict(table.attrs)
    return out, notes


def parent_columns_without_codings(project: Project, frame: pd.DataFrame) -> list[str]:
    """Columns of a framework matrix (codes) that are parents and empty in every row."""
    parents = parent_codes(project)
    return [c for c in frame.columns if c in parents and (frame[c].astype(str) == "").all()]


def axis_labels(project: Project, by: str) -> dict[str, str]:
    """What a chart shows for each column of a matrix ``by`` this axis: a group's display name, an informant
    with their group's ("I-01 (Community)"); source types as they are."""
    if by == "group":
        return group_names(project)
    if by == "informant":
        names = group_names(project)
        informants = project.informants()
        return {k: f"{k} ({names.get(g, g)})" if isinstance(g, str) else k
                for k, g in zip(informants["key"], informants["group"], strict=True)}
    return {}


def code_labels(project: Project) -> dict[str, str]:
    """"E1.1 Name" for each code (the key alone where the name is empty)."""
    return {k: f"{k} {n}".strip() for k, n in code_names(project).items()}


def who(coders: list[str] | None) -> str:
    """Whose codings a table counts, as its caption says it."""
    return f"coders {', '.join(coders)}" if coders else "all coders pooled"


def axis_phrase(by: str) -> str:
    """An axis in words: "informant group", "source type", "gender value" (``attribute:gender``)."""
    if by.lower().startswith("attribute:"):
        return f"{by.split(':', 1)[1].strip().replace('_', ' ')} value"
    return AXIS_PHRASES.get(by, by.replace("_", " "))


def where_note(where: str | None) -> str:
    """The note of a table filtered by a condition ("" when it is not)."""
    return f"Only the codings where {' '.join(where.split())}." if where and where.strip() else ""


def matrix_paper(project: Project, raw: pd.DataFrame, *, by: str, measure: str, coders: list[str] | None,
                 rollup: bool, where: str | None = None) -> Table:
    """The triangulation table ``raw`` (:meth:`Project.triangulation_table`) with its title, caption and notes;
    ``where``: the condition it was filtered by, said in the notes."""
    frame, remarks = paper_matrix(project, raw, by=by, rollup=rollup)
    axis = axis_phrase(by)
    notes = [f"Coverage: the {axis}s in which the code is present."]
    if where_note(where):
        notes.append(where_note(where))
    if "verdict" in frame.columns:
        notes.append("Verdict: the supervisor's latest judgement of whether the sources agree.")
    notes += remarks
    left_out = raw.attrs.get("unassigned", 0)
    if left_out:
        notes.append(f"{left_out} codings have no {axis} and are left out.")
    return Table(frame, title=f"Triangulation Matrix of Codes by {axis.title()}", name="matrix",
                 caption=f"{MEASURE_PHRASES.get(measure, measure)} per code by {axis}"
                         f"{', top-level codes counting their sub-codes' if rollup else ''}, {who(coders)}.",
                 notes=" ".join(notes))


def framework_paper(project: Project, frame: pd.DataFrame, *, coders: list[str] | None, rollup: bool,
                    where: str | None = None) -> Table:
    """The framework matrix ``frame`` (:meth:`Project.framework_matrix`) with a legend of its code columns;
    ``where``: the condition it was filtered by, said in the notes."""
    notes = ["A cell holds the written summary, or the number of codings and the first quotes."]
    if where_note(where):
        notes.append(where_note(where))
    empty_parents = [] if rollup else parent_columns_without_codings(project, frame)
    if empty_parents:
        frame = frame.drop(columns=empty_parents)
        notes.append(f"Codes with sub-codes and no codings of their own ({', '.join(empty_parents)}) are shown "
                     "through their sub-codes.")
    notes.append("Codes: " + legend(frame.columns, code_names(project)))
    informants = project.informants()
    group_of = dict(zip(informants["key"], informants["group"], strict=True))
    names = group_names(project)
    frame = frame.copy()
    groups = [group_of.get(k) for k in frame.index]
    frame.insert(0, "group", [names.get(g, g) if isinstance(g, str) else "" for g in groups])
    return Table(frame, title="Framework Matrix of Informants by Code", name="framework",
                 caption=f"Informants by codes{', top-level codes counting their sub-codes' if rollup else ''}, "
                         f"{who(coders)}.",
                 notes=" ".join(notes))


#: A unit kind as the agreement note counts it.
UNIT_PLURALS = {"sentence": "sentences", "turn": "speaker turns", "char": "characters"}
#: The projection rules in words.
RULE_PHRASES = {"majority": "a unit carries a code when a coder's codings cover at least half of it",
                "any": "a unit carries a code when a coder's codings touch it"}
#: Up to this many documents the agreement settings name them; more go to a sheet of their own.
LISTED_DOCUMENTS = 10


def agreement_paper(project: Project, raw: pd.DataFrame, *, coders: list[str], unit: str, rule: str) -> Table:
    """The agreement report ``raw`` (:meth:`Project.agreement`) with code names and everything it rests on.

    The note states the documents, rule, units, level of measurement, how parent codes were read, the
    bootstrap (resamples and seed), what the pooled rows pool and how units nobody coded enter them, what the
    ``reason`` and ``warning`` columns mean, and the qualcode version and date; the same settings travel as the
    table's ``appendix`` (a "settings" sheet, and a "documents" sheet when there are more than
    ``LISTED_DOCUMENTS``) and ``context`` (columns of a CSV). Without roll-up, parents that have no codings of
    their own are marked "see sub-codes".
    """
    frame = with_names(raw, {**code_names(project), ALL_CODES: "", CODED_UNITS: ""})
    attrs = raw.attrs
    rolled = dict(attrs.get("rollup") or {})
    silent = pd.Series(False, index=frame.index)
    if not rolled:
        parents = parent_codes(project)
        silent = frame["code"].isin(parents) & (pd.to_numeric(frame["prevalence"], errors="coerce").fillna(0) == 0)
        for column in ("kappa_band", "alpha_band"):
            if column in frame.columns:
                frame.loc[silent, column] = SEE_SUB_CODES
    frame.attrs = dict(raw.attrs)
    settings = agreement_settings(raw, unit=unit, rule=rule, coders=coders)
    value = dict(zip(settings["setting"], settings["value"], strict=True))
    documents = list(attrs.get("documents", []))
    n_boot, seed = attrs.get("n_boot"), attrs.get("seed")
    plural = UNIT_PLURALS.get(unit, f"{unit} units")
    chosen = SELECTION_PHRASES.get(attrs.get("selection", "named"), "chosen by name")
    notes = [f"Documents compared ({len(documents)}, {chosen}): {', '.join(documents) or 'none'}.",
             f"Rule: {RULE_PHRASES.get(rule, rule)}."]
    if "units" in attrs:
        notes.append(f"Units: {attrs['units']:,} {plural}, {attrs.get('coded_units', 0):,} of them coded by "
                     "somebody.")
    notes.append(f"Level of measurement: {attrs.get('level', 'nominal')} (each code present or absent on each "
                 "unit).")
    if rolled:
        notes.append("Codes with sub-codes carry them: a unit carries such a code for a coder when the coder "
                     f"coded it or any code below it there ({', '.join(rolled)}).")
    elif silent.any():
        notes.append(f"Codes with sub-codes and no codings of their own are marked \u201c{SEE_SUB_CODES}\u201d: "
                     "their agreement is that of their sub-codes.")
    notes.append("Kappa: Cohen's for two coders, Fleiss' for more; alpha: Krippendorff's"
                 + (f", with a 95% percentile interval from {n_boot} bootstrap resamples of units (seed {seed})."
                    if n_boot else ", without an interval (no bootstrap resamples)."))
    pooled = attrs.get("pooled_codes") or []
    if pooled and "units" in attrs:
        nobody = attrs["units"] - attrs.get("coded_units", 0)
        notes.append(f"{ALL_CODES} pools every unit \u00d7 code item of {len(pooled)} codes, each by its own codings "
                     f"(no coding counted twice); the {nobody:,} {plural} nobody coded enter it as agreement on "
                     f"absence, which raises percent agreement. {CODED_UNITS} pools the same items over the "
                     f"{attrs.get('coded_units', 0):,} {plural} somebody coded.")
    if "reason" in frame.columns and (frame["reason"].astype(str) != "").any():
        notes.append("reason: why a kappa or alpha is undefined.")
    rule_of = attrs.get("min_sample") or {}
    if "min_units" in frame.columns:
        alpha_min, p = f"{rule_of.get('alpha_min', 0.8):.3f}", f"{rule_of.get('p', 0.05):.2f}"
        notes.append(f"min_units: the units Krippendorff (2019) asks for to tell alpha from {alpha_min[1:]} at "
                     f"p = {p[1:]}, given the row's share of the rarer value (pooled rows: unit \u00d7 code items); "
                     "warning: the row has fewer.")
    notes.append(f"Computed with qualcode {value['qualcode version']} on {value['date']}.")
    appendix = [Table(settings, name="settings")]
    if len(documents) > LISTED_DOCUMENTS:
        appendix.append(Table(pd.DataFrame({"document": documents}), name="documents"))
    context = {"unit": unit, "rule": rule, "coders_compared": json.dumps(list(coders), ensure_ascii=False),
               "documents": json.dumps(documents, ensure_ascii=False), "n_documents": len(documents),
               "documents_chosen": attrs.get("selection", "named"),
               "level": attrs.get("level", "nominal"), "rollup": bool(attrs.get("rollup_on", rolled)),
               "n_boot": n_boot, "seed": seed,
               "qualcode_version": value["qualcode version"], "date": value["date"]}
    return Table(frame, title="Intercoder Agreement", name="agreement",
                 caption=f"Agreement of {', '.join(coders)} on {unit} units ({rule} rule).", notes=" ".join(notes),
                 appendix=tuple(appendix), context=context)


def agreement_settings(raw: pd.DataFrame, *, unit: str, rule: str, coders: list[str]) -> pd.DataFrame:
    """What the agreement report ``raw`` was computed on, one setting a row (setting, value), with the qualcode
    version and the date (UTC) it is written."""
    attrs = raw.attrs
    documents = list(attrs.get("documents", []))
    rule_of = attrs.get("min_sample") or {}
    names = ("; ".join(documents) if len(documents) <= LISTED_DOCUMENTS
             else "listed in the sheet \u201cdocuments\u201d")
    rows = [
        ("unit", unit),
        ("rule", f"{rule}: {RULE_PHRASES.get(rule, rule)}"),
        ("coders", ", ".join(coders)),
        ("documents", len(documents)),
        ("documents chosen", SELECTION_PHRASES.get(attrs.get("selection", "named"), attrs.get("selection"))),
        ("document names", names),
        ("units", attrs.get("units")),
        ("units coded by somebody", attrs.get("coded_units")),
        ("level of measurement", attrs.get("level", "nominal")),
        ("parent codes", parent_setting(attrs)),
        ("bootstrap resamples", attrs.get("n_boot")),
        ("bootstrap seed", attrs.get("seed")),
        ("small-sample rule", f"Krippendorff (2019): alpha_min {rule_of.get('alpha_min', 0.8)}, "
                              f"p {rule_of.get('p', 0.05)}"),
        ("qualcode version", __version__),
        ("date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
    ]
    return pd.DataFrame(rows, columns=["setting", "value"])


def parent_setting(attrs: Mapping) -> str:
    """How the agreement report whose ``attrs`` these are read codes with sub-codes, in words."""
    rolled = attrs.get("rollup") or {}
    if rolled:
        return "carry their sub-codes (" + ", ".join(rolled) + ")"
    if attrs.get("rollup_on"):
        return "carry their sub-codes (no code reported has any)"
    return "own codings only"
