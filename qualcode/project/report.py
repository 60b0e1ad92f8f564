"""The narrative report of a project, and the "paper" layout of its quote table.

:func:`build_report` gathers, through the public API of :class:`~qualcode.project.Project` only, what
:mod:`qualcode.export.report` writes: per code in codebook order its definition and decision rules,
codings and informants per informant group, the coverage pattern and the supervisor's latest verdicts
(:meth:`~qualcode.project.Project.triangulation_table`, :meth:`~qualcode.project.Project.verdicts`), and
its quotes (:func:`qualcode.project.catalog.quote_frame`: one per passage, its coders' memos beside it).

Filters: ``codes`` (a code brings its sub-codes; the codes above a chosen one stay as headings),
``groups`` (informant groups: codings of documents without an informant are then left out), ``coders``
and ``exemplars``: every quote ("all"), the exemplar quotes only ("only"), or at most N quotes per
informant and code, exemplars first (an int). Quotes are the chosen passages; counts and coverage
describe every coding the code, group and coder filters keep.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ..errors import InputError, NotFoundError, unknown_message
from ..export.quotes import DEFAULT_CITATION, reference_note
from ..export.report import GroupCount, Quote, Report, Section, SummaryTable, Verdict, write_report
from . import Project
from .base import abbreviate
from .catalog import quote_frame
from .filters import filter_codings
from .paper import where_note
from .saturation import saturation_facts, saturation_runs, study_order

LAYOUTS = ("report", "paper")
EXEMPLAR_CHOICES = ("all", "only")
NO_GROUP = "No informant group"
SUBTITLE = "Report by code"
SATURATION_TITLE = "Saturation (Guest, Namey & Chen 2020)"
SATURATION_COLUMNS = ("Run start", "Run end", "Codes in the base", "New codes in the run", "Saturation ratio",
                      "At or below the threshold")


def exemplar_choice(value: Any) -> str | int:
    """``"all"``, ``"only"`` or a whole number >= 1 (also as text: "3"); InputError naming ``exemplars``.

    >>> exemplar_choice("2"), exemplar_choice("only")
    (2, 'only')
    """
    text = str(value).strip().lower() if value is not None else "all"
    if text in EXEMPLAR_CHOICES:
        return text
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise InputError(f"exemplars: expected 'all', 'only' or a whole number of quotes per informant "
                         f"and code (>= 1), got {value!r}")
    return int(text)


def select_quotes(quotes: pd.DataFrame, exemplars: str | int) -> pd.DataFrame:
    """The rows of a quote table (:func:`qualcode.export.quotes.quote_table`, with its ``exemplar`` column)
    that ``exemplars`` keeps, in their order.

    With a number N: per code and informant (a document without informant counts as its own informant)
    the first N passages, exemplars before the others, each in reading order.
    """
    choice = exemplar_choice(exemplars)
    if choice == "all" or quotes.empty:
        return quotes
    flagged = quotes["exemplar"].fillna(False).astype(bool) if "exemplar" in quotes else \
        pd.Series(False, index=quotes.index)
    if choice == "only":
        return quotes[flagged]
    who = quotes["informant"].where(quotes["informant"].notna(), "\0" + quotes["document"].astype(str))
    ranked = pd.DataFrame({"code": quotes["code"], "who": who, "later": ~flagged, "at": range(len(quotes))},
                          index=quotes.index)
    kept = ranked.sort_values(["later", "at"], kind="stable").groupby(["code", "who"], sort=False).head(choice)
    return quotes.loc[sorted(kept.index, key=ranked["at"].get)]


def build_report(project: Project, *, codes: Iterable[str] | None = None, groups: Iterable[str] | None = None,
                 coders: Iterable[str] | None = None, exemplars: str | int = "all", document: str | None = None,
                 citation: str = DEFAULT_CITATION, reference: str = "sentence", memos: bool = True,
                 layout: str = "report", today: dt.date | None = None, where: str | None = None) -> Report:
    """The report of ``project`` as plain data, for :func:`qualcode.export.report.write_report`.

    Parameters
    ----------
    codes, groups, coders : iterable of str, optional
        Code keys (each with its sub-codes), informant group keys, coder names; default: all.
    exemplars : "all", "only" or int
        Which quotes: all, exemplars only, or at most N per informant and code, exemplars first.
    document : str, optional
        Only the codings of this document.
    citation, reference :
        The citation template and unit, as for the quote table (:func:`.catalog.quotes_table`).
    memos : bool
        The coders' memos under each quote.
    layout : {"report", "paper"}
        "paper": the quote table laid out for a paper: a title, then code headings (only codes with
        quotes, and the codes above them) and the quotes with their citations; nothing else.
    today : date, optional
        The date on the title page (default: today).
    where : str, optional
        Only the codings a condition holds for (the ``WHERE`` part of the query language, e.g.
        ``gender = P AND group = community``); the counts and coverage follow it.

    Raises
    ------
    InputError
        A bad ``exemplars``, ``layout`` or ``where``; NotFoundError for an unknown code, group, coder or document.
    """
    project.require("export")
    if layout not in LAYOUTS:
        raise InputError(unknown_message("report layout", layout, LAYOUTS))
    choice = exemplar_choice(exemplars)
    codes = [str(c).strip() for c in codes] if codes is not None else None
    book = project.codes()
    keys = book["key"].tolist()
    parent = {k: p for k, p in zip(book["key"], book["parent"], strict=True) if isinstance(p, str)}
    chosen = _chosen_codes(keys, parent, codes)
    group_frame = project.groups()
    group_keys = group_frame["key"].tolist()
    if groups is not None:
        groups = [str(g).strip() for g in groups]
        for g in groups:
            if g not in group_keys:
                known = ", ".join(group_keys)
                raise NotFoundError(unknown_message("group", g, known, listed="known"), key="err_unknown_group",
                                    group=g, known=known)
    names = {k: (n.strip() if isinstance(n, str) and n.strip() else k)
             for k, n in zip(group_frame["key"], group_frame["name"], strict=True)}
    coders = [str(c).strip() for c in coders] if coders is not None else None
    if coders is not None and not coders:
        coders = None

    codings = filter_codings(project, where, project.codings(document=document, coders=coders))
    codings = codings[codings["code"].isin(chosen)]
    if groups is not None:
        codings = codings[codings["group"].isin(groups)]
    quotes = quote_frame(project, coders=coders, document=document, citation=citation, reference=reference,
                         memos=memos, where=where)
    quotes = quotes[quotes["code"].isin(chosen)]
    if groups is not None:
        quotes = quotes[quotes["group"].isin(groups)]
    references = quotes.attrs.get("references") or [reference]
    quotes = select_quotes(quotes, choice)
    per_code: dict[str, list[Quote]] = {}
    for row in quotes.to_dict("records"):
        memo = row.get("memo") if memos else None
        per_code.setdefault(row["code"], []).append(
            Quote(str(row["quote"]), str(row["citation"]), memo if isinstance(memo, str) and memo.strip() else None))

    depth = {key: _depth(key, parent) for key in keys}
    shown = _shown_codes(keys, parent, chosen, per_code if layout == "paper" else None)
    if layout == "paper":
        sections = [Section(k, _text(n), level=depth[k], quotes=per_code.get(k, []))
                    for k, n in zip(book["key"], book["name"], strict=True) if k in shown]
        who = f"coders {', '.join(coders)}" if coders else "all coders pooled"
        notes = f"{len(quotes)} coded passages, {who}. {reference_note(references)}"
        notes += f" {where_note(where)}" if where_note(where) else ""
        return Report("Quotes by code and group", sections, notes=notes, title_page=False, contents=False)

    table = project.triangulation_table(coders=coders, where=where)
    top = project.triangulation_table(coders=coders, rollup=True, where=where)
    latest = project.verdicts(latest=True)
    children = {p for p in parent.values()}
    sections = []
    for row in book.to_dict("records"):
        key = row["key"]
        if key not in shown:
            continue
        if key not in chosen:  # above a chosen code: a heading only
            sections.append(Section(key, _text(row["name"]), level=depth[key]))
            continue
        family = _family(key, keys, parent) if key in children else {key}
        rolled = key in children and key not in parent  # a top-level code with sub-codes: counted with them
        mine = codings[codings["code"].isin(family if rolled else {key})]
        coverage = top if rolled and key in top.index else table
        sections.append(Section(
            key, _text(row["name"]), level=depth[key], definition=_text(row["definition"]),
            include=_text(row["include"]), exclude=_text(row["exclude"]),
            counts=_group_counts(mine, groups if groups is not None else group_keys, names),
            counts_note="Counted with its sub-codes." if rolled else (
                "Its own codings; its sub-codes follow." if key in children else None),
            pattern=str(coverage.at[key, "label"]) if key in coverage.index else None,
            verdict=_verdict(latest, key, None), pair_verdicts=_pair_verdicts(latest, key, names),
            # a code with sub-codes and no passage of its own: its quotes are in its sub-codes' sections
            show_verdict=True, quotes=per_code.get(key) or (None if key in children else [])))

    all_coders = sorted(set(codings["coder"])) if coders is None else coders
    filters = []
    if codes is not None:
        filters.append(f"codes {', '.join(codes)} (with their sub-codes)")
    if groups is not None:
        filters.append(f"groups {', '.join(names[g] for g in groups)}")
    if document is not None:
        filters.append(f"document {document}")
    if where is not None and where.strip():
        filters.append(f"where {' '.join(where.split())}")
    info = project.info()
    when = today or dt.date.today()
    details = [
        ("Date", _day(when)),
        ("Coders", ", ".join(all_coders) or "none"),
        ("Data", f"{_counted(info['documents'], 'document')} from {_counted(info['informants'], 'informant')} in "
                 f"{_counted(info['groups'], 'informant group')}"),
        ("Codes", f"{sum(1 for s in sections if s.key in chosen)} of {len(keys)}"),
        ("Codings", f"{len(codings)}"),
        ("Quotes", f"{sum(len(v) for v in per_code.values())} ({_exemplar_words(choice)})"),
    ]
    # every interview, whatever the filters but the coders: saturation is a property of the whole study
    order = study_order(project)
    facts = saturation_facts(project, coders=coders, order=order)
    tables = []
    if facts["interviews"]:
        saturation = _saturation_table(saturation_runs(project, order=order, coders=coders), facts["statement"])
        if saturation is None:  # too few interviews for a run: the statement says so
            details.append(("Saturation", facts["statement"]))
        else:
            tables.append(saturation)
    if filters:
        details.append(("Filters", "; ".join(filters)))
    notes = ("Codings: coded passages, counted once for each coder who coded them; informants: the informants "
             "they come from. Coverage: the informant groups in which the code is present, for the coders "
             "chosen. Each quote is one passage, with its citation. " + reference_note(references))
    return Report(project.name, sections, subtitle=SUBTITLE, details=details, tables=tables, notes=notes)


def export_report(project: Project, target: Any, fmt: str | None = None, *, latex_engine: str = "pdflatex",
                  **options: Any) -> Report:
    """Build the report (:func:`build_report` with ``options``) and write it to ``target`` in ``fmt``
    (:func:`qualcode.export.report.write_report`); returns the report."""
    report = build_report(project, **options)
    write_report(report, target, fmt, latex_engine=latex_engine)
    return report


def _saturation_table(runs: pd.DataFrame, statement: str) -> SummaryTable | None:
    """Guest, Namey & Chen's runs as the report prints them, the statement of the method under them; None
    without a run."""
    if runs.empty:
        return None
    rows = [(str(r["run_start"]), str(r["run_end"]), str(r["base_codes"]), str(r["new_in_run"]),
             "\u2013" if pd.isna(r["ratio"]) else _percent(r["ratio"]), "yes" if r["below_threshold"] else "no")
            for r in runs.to_dict("records")]
    return SummaryTable(SATURATION_TITLE, SATURATION_COLUMNS, rows, note=statement, align="rrrrrl")


def _percent(ratio: float) -> str:
    """A proportion as a percentage to one decimal, a half rounded up as by hand (2/32: "6.3%").

    >>> _percent(2 / 32), _percent(1 / 32), _percent(0.0)
    ('6.3%', '3.1%', '0.0%')
    """
    return f"{Decimal(repr(ratio * 100)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


# -- codes, counts and verdicts -------------------------------------------------------------

def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _depth(key: str, parent: dict[str, str]) -> int:
    """1 for a top-level code, 2 for its sub-codes, and so on."""
    depth = 1
    while key in parent:
        key, depth = parent[key], depth + 1
    return depth


def _family(key: str, keys: Sequence[str], parent: dict[str, str]) -> set[str]:
    """``key`` and every code below it."""
    out = {key}
    for k in keys:  # codebook order lists a parent before its sub-codes
        if parent.get(k) in out:
            out.add(k)
    changed = True
    while changed:  # a sub-code listed before its parent (codes moved later) still belongs
        changed = False
        for k in keys:
            if k not in out and parent.get(k) in out:
                out.add(k)
                changed = True
    return out


def _chosen_codes(keys: list[str], parent: dict[str, str], codes: Iterable[str] | None) -> set[str]:
    if codes is None:
        return set(keys)
    chosen: set[str] = set()
    for code in codes:
        code = str(code).strip()
        if code not in keys:
            known = abbreviate(keys)
            raise NotFoundError(unknown_message("code", code, known, listed="known"), key="err_unknown_code",
                                code=code, known=known)
        chosen |= _family(code, keys, parent)
    return chosen


def _shown_codes(keys: list[str], parent: dict[str, str], chosen: set[str],
                 quoted: dict[str, list[Quote]] | None) -> set[str]:
    """The chosen codes (with quotes only, when ``quoted`` is given) and every code above them."""
    base = {k for k in chosen if quoted is None or quoted.get(k)}
    shown = set(base)
    for key in base:
        while key in parent:
            key = parent[key]
            shown.add(key)
    return shown


def _group_counts(codings: pd.DataFrame, groups: Sequence[str], names: dict[str, str]) -> list[GroupCount]:
    """Codings and distinct informants per group (every group in ``groups``, zeros too), then the codings
    without a group when there are any."""
    out = []
    for g in groups:
        part = codings[codings["group"] == g]
        out.append(GroupCount(names.get(g, g), len(part), int(part["informant"].nunique())))
    loose = codings[codings["group"].isna()]
    if len(loose):
        out.append(GroupCount(NO_GROUP, len(loose), None))
    return out


def _words(verdict: str) -> str:
    return str(verdict).replace("_", " ")


def _moment(value: Any) -> str:
    """A stored moment as the day it fell on: "3 December 2026" (no hyphen for a line to break at)."""
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    return _day(day)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _verdict(latest: pd.DataFrame, code: str, pair: tuple[str, str] | None) -> Verdict | None:
    rows = latest[(latest["code"] == code) & latest["group_a"].isna()]
    if rows.empty:
        return None
    row = rows.iloc[-1]
    return Verdict(_words(row["verdict"]), _text(row["rationale"]) or "", str(row["supervisor"] or ""),
                   _moment(row["created_at"]))


def _pair_verdicts(latest: pd.DataFrame, code: str, names: dict[str, str]) -> list[Verdict]:
    rows = latest[(latest["code"] == code) & latest["group_a"].notna()]
    return [Verdict(_words(r["verdict"]), _text(r["rationale"]) or "", str(r["supervisor"] or ""),
                    _moment(r["created_at"]), between=f"{names.get(r['group_a'], r['group_a'])} and "
                                                      f"{names.get(r['group_b'], r['group_b'])}")
            for r in rows.to_dict("records")]


def _exemplar_words(choice: str | int) -> str:
    if choice == "all":
        return "all quotes"
    if choice == "only":
        return "exemplar quotes only"
    return f"at most {choice} per informant and code, exemplars first"


def _counted(n: int, noun: str) -> str:
    """"1 document", "3 documents"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
