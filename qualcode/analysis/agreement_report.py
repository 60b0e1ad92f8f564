"""The intercoder agreement report: one row per code, plus the pooled "(all codes)" row.

Codings are projected onto units (:mod:`qualcode.analysis.units`); each code then gives
a coders x units 0/1 table (present/absent), on which the report computes percent
agreement, a kappa (Cohen's for two coders, Fleiss' for three or more) and
Krippendorff's nominal alpha with a bootstrap interval over units. The "(all codes)"
row pools every unit x code pair as one binary item; units nobody coded with any code
enter it as agreement on absence, so the "(all codes, coded units)" row pools the same
items over the units somebody coded only.

A parent code can carry its sub-codes (``rollup``): a unit then carries the parent for a
coder when the parent or any code below it is present for that coder on the unit. A
figure that cannot be computed says why (``reason``), and one that rests on fewer units
than Krippendorff's sample-size rule asks for says so (``warning``, :func:`minimum_sample`).

References: see :mod:`qualcode.analysis.agreement`, and for the sample size

Krippendorff, K. (2019). *Content analysis: An introduction to its methodology* (4th ed.).
Sage. (Chapter 12, sampling considerations: the number of values needed to tell
alpha >= alpha_min at level p, after Bloch & Kraemer, 1989, eq. 3.7.)
Bloch, D. A., & Kraemer, H. C. (1989). 2 x 2 kappa coefficients: Measures of agreement or
association. *Biometrics*, 45(1), 269-287.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from ..errors import InputError, check_choice
from .agreement import (
    cohen_kappa,
    fleiss_kappa,
    interpret_alpha,
    interpret_kappa,
    krippendorff_alpha,
    pattern_alpha,
    pattern_bootstrap_ci,
    weighted_fleiss_kappa,
)
from .units import char_units, check_rule, presence_arrays

UNIT_KINDS = ("sentence", "turn", "char")
KAPPA_KINDS = ("cohen", "fleiss")  # two coders: Cohen's kappa; more: Fleiss' kappa
ALL_CODES = "(all codes)"
CODED_UNITS = "(all codes, coded units)"  # the pooled row over the units somebody coded
POOLED = (ALL_CODES, CODED_UNITS)
REPORT_COLUMNS = ["code", "units", "coders", "prevalence", "uncoded", "percent_agreement", "kappa", "kappa_kind",
                  "kappa_band", "alpha", "alpha_low", "alpha_high", "alpha_band", "reason", "min_units", "warning"]
LEVEL = "nominal"  # each unit is present/absent per code: a binary nominal variable

#: Why a kappa or alpha is undefined (the ``reason`` column), by a short key.
REASONS = {
    "no_units": "no units to compare",
    "none_coded": "one category only: no coder coded any unit with it",
    "all_coded": "one category only: every coder coded every unit with it",
    "no_variation": "no expected disagreement",
}

#: Krippendorff's sample-size rule as the report applies it: the smallest acceptable alpha and the level of
#: significance at which alpha must be told from it (:func:`minimum_sample`).
MIN_ALPHA = 0.800
MIN_SIGNIFICANCE = 0.05


#: How a paper prints each statistic of the report (qualcode.export.numbers): coefficients without a leading
#: zero, proportions as percentages.
NUMBER_KINDS = {"prevalence": "percent", "uncoded": "percent", "percent_agreement": "percent",
                "kappa": "coefficient", "alpha": "coefficient", "alpha_low": "coefficient", "alpha_high": "coefficient"}


def agreement_report(codings: pd.DataFrame, units: pd.DataFrame | None, *, coders: Sequence[str],
                     codes: Sequence[str], unit: str = "sentence", rule: str = "majority",
                     text_length: int | Mapping[int, int] | None = None, n_boot: int = 500,
                     seed: int = 0, rollup: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """Agreement per code between ``coders`` on ``units``.

    Parameters
    ----------
    codings : DataFrame
        document_id, coder, code, start, end (the frame of ``Project.codings()``).
    units : DataFrame or None
        id, document_id, start, end. With ``unit="char"`` it may be None: one unit per
        character is made from ``text_length``.
    coders : sequence of str
        At least two coders.
    codes : sequence of str
        The codes to report, in row order.
    unit : {"sentence", "turn", "char"}
        What the units are (recorded in ``attrs``).
    rule : {"majority", "any"}
        Projection rule (:mod:`qualcode.analysis.units`).
    text_length : int or mapping, optional
        For ``unit="char"`` without units: document id -> text length (an int: one
        document, whose id is taken from the codings or 0).
    n_boot : int
        Bootstrap resamples of units for the alpha interval (0: no interval).
    seed : int
        Seed of the bootstrap.
    rollup : mapping of str to sequence of str, optional
        Parent code -> the codes below it (every level). The row of such a code in ``codes``
        counts a unit for a coder when the coder's codings of the parent or of any of those
        codes put it on the unit (each code projected by ``rule``), so a parent coded only
        through its sub-codes gets figures of its own. The sub-codes need not be in ``codes``.

    Returns
    -------
    DataFrame
        One row per code, then "(all codes)" and "(all codes, coded units)", with columns
        code, units, coders, prevalence (share of units carrying the code for any coder),
        uncoded (share of units no coder coded with any of the codes read), percent_agreement,
        kappa, kappa_kind ("cohen" or "fleiss"), kappa_band (Landis & Koch), alpha (nominal),
        alpha_low, alpha_high, alpha_band (Krippendorff), reason (why kappa or alpha is
        undefined, :data:`REASONS`; empty when both are defined), min_units (the units
        Krippendorff's rule asks for at the row's share of the rarer value,
        :func:`minimum_sample`; pooled rows count unit x code items) and warning (set when the
        row has fewer).

        "(all codes)" pools every unit x code item of the codes read: each code in ``codes``
        and each code a rolled-up parent reads, every one by its own codings, so that no
        coding counts twice; units nobody coded enter it as agreement on absence.
        "(all codes, coded units)" pools the same items over the units somebody coded with one
        of those codes.

        ``attrs``: unit, rule, coders, n_boot, seed, level ("nominal"), units (how many),
        coded_units, rollup (parent -> codes read for it, for the parents in ``codes``),
        pooled_codes, min_sample (the rule's alpha_min and p) and number_kinds.
    """
    unit = check_choice(unit, UNIT_KINDS, "unit")
    rule = check_rule(rule)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise InputError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
    coders = _coders(coders)
    codes = list(dict.fromkeys(codes))
    below = _rollup(rollup, codes)
    read = list(dict.fromkeys([*codes, *(c for subs in below.values() for c in subs)]))
    units = _units(codings, units, unit, text_length)
    _, arrays = presence_arrays(codings, units, coders=coders, codes=read or ["_"], rule=rule)
    if not codes:
        arrays = {}
    m, n = len(coders), len(units)
    any_code = np.zeros(n, dtype=bool)
    for arr in arrays.values():
        any_code |= arr.any(axis=0)
    uncoded = float((~any_code).mean()) if n else math.nan
    rows = []
    for code in codes:
        arr = arrays[code]
        if code in below:
            arr = np.maximum.reduce([arr, *(arrays[c] for c in below[code])])
        ids, counts = _pattern_counts(arr)
        rows.append(_row(code, arr, ids, counts, uncoded, n_boot, seed, pooled=False))
    if codes:
        coded = int(any_code.sum())
        rows.append(_pooled(ALL_CODES, [arrays[c] for c in read], m, n, 1 - uncoded, uncoded, n_boot, seed))
        rows.append(_pooled(CODED_UNITS, [arrays[c][:, any_code] for c in read], m, coded, 1.0 if coded else math.nan,
                            0.0 if coded else math.nan, n_boot, seed))
        if n and not coded:  # units there are, but nobody coded one
            rows[-1]["reason"] = REASONS["none_coded"]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["min_units"] = frame["min_units"].astype("Int64")
    frame.attrs = {"unit": unit, "rule": rule, "coders": list(coders), "n_boot": int(n_boot), "seed": int(seed),
                   "level": LEVEL, "units": n, "coded_units": int(any_code.sum()),
                   "rollup": {k: list(v) for k, v in below.items()}, "pooled_codes": read if codes else [],
                   "min_sample": {"alpha_min": MIN_ALPHA, "p": MIN_SIGNIFICANCE}, "number_kinds": NUMBER_KINDS}
    return frame


def minimum_sample(p_c: float, *, coders: int = 2, alpha_min: float = MIN_ALPHA, p: float = MIN_SIGNIFICANCE) -> int:
    """The number of pairable values Krippendorff (2019) asks for before alpha can be told from ``alpha_min``.

    Krippendorff's rule, after Bloch & Kraemer (1989, eq. 3.7), for ``coders`` coders whose least
    frequent value has probability ``p_c``: ``coders * z**2 * ((1 + a)(3 - a) / (4 (1 - a) p_c (1 - p_c)) - a)``,
    with ``a = alpha_min`` and ``z`` the one-tailed normal quantile of ``p``, rounded up. Divided by the number
    of coders it gives units. The rarer the value, the more units: a code on 1% of the units needs some 26
    times as many as one on half of them.

    Parameters
    ----------
    p_c : float
        Share of the least frequent value among all values, in (0, 1).
    coders : int
        Coders, at least 2.
    alpha_min : float
        The smallest acceptable alpha, in (0, 1) (0.800: Krippendorff's standard for drawing conclusions).
    p : float
        Level of significance, in (0, 0.5).

    Returns
    -------
    int
        Pairable values (coders x units when every coder codes every unit).

    Raises
    ------
    InputError
        A parameter outside its range.

    Example
    -------
    Krippendorff's table for two coders and four equally likely values (p_c = .25), at p = .05:

    >>> minimum_sample(0.25), minimum_sample(0.25, alpha_min=0.667)
    (139, 81)
    """
    for name, value, low, high in (("p_c", p_c, 0.0, 1.0), ("alpha_min", alpha_min, 0.0, 1.0), ("p", p, 0.0, 0.5)):
        if (isinstance(value, bool) or not isinstance(value, int | float | np.number) or math.isnan(value)
                or not low < value < high):
            raise InputError(f"{name} must be a number between {low:g} and {high:g} (exclusive), got {value!r}")
    if isinstance(coders, bool) or not isinstance(coders, int | np.integer) or coders < 2:
        raise InputError(f"coders must be a whole number >= 2, got {coders!r}")
    z = NormalDist().inv_cdf(1 - p)
    a = alpha_min
    need = coders * z * z * ((1 + a) * (3 - a) / (4 * (1 - a) * p_c * (1 - p_c)) - a)
    return int(math.ceil(need - 1e-9))


def disagreements(codings: pd.DataFrame, units: pd.DataFrame | None, *, coders: Sequence[str],
                  codes: Sequence[str], rule: str = "majority", text_length: int | Mapping[int, int] | None = None
                  ) -> pd.DataFrame:
    """The units where the coders differ about a code.

    Returns
    -------
    DataFrame
        document_id, unit_id, start, end, code and one 0/1 column per coder; ordered by
        document, start, then code order.
    """
    coders = _coders(coders)
    codes = list(dict.fromkeys(codes))
    if units is None:
        units = _units(codings, None, "char", text_length)
    columns = ["document_id", "unit_id", "start", "end", "code", *coders]
    if not codes:
        return pd.DataFrame(columns=columns)
    units, arrays = presence_arrays(codings, units, coders=coders, codes=codes, rule=rule)
    parts = []
    for order, code in enumerate(codes):
        arr = arrays[code]
        differ = np.flatnonzero(arr.min(axis=0) != arr.max(axis=0))
        if len(differ) == 0:
            continue
        part = pd.DataFrame({"document_id": units["document_id"].to_numpy()[differ],
                             "unit_id": units["id"].to_numpy()[differ],
                             "start": units["start"].to_numpy()[differ], "end": units["end"].to_numpy()[differ],
                             "code": code, "_order": order})
        for r, coder in enumerate(coders):
            part[coder] = arr[r, differ].astype(np.int64)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values(["document_id", "start", "_order"], kind="stable").reset_index(drop=True)
    return frame[columns]


# -- rows ------------------------------------------------------------------------------

def _row(code: str, arr: np.ndarray, ids: np.ndarray, counts: np.ndarray, uncoded: float, n_boot: int, seed: int,
         *, pooled: bool) -> dict:
    m, n = arr.shape
    patterns = _patterns(ids, m)
    if n == 0:
        return _empty(code, m, uncoded)
    agree = float(counts[(patterns.min(axis=1) == patterns.max(axis=1))].sum() / counts.sum())
    if m == 2:
        kappa, kind = cohen_kappa(arr[0], arr[1], labels=[0, 1]), "cohen"
    else:
        ones = arr.sum(axis=0, dtype=np.int64)
        kappa, kind = fleiss_kappa(np.stack([m - ones, ones], axis=1)), "fleiss"
    alpha = krippendorff_alpha(arr) if not pooled else pattern_alpha(patterns.astype(float), counts)
    low, high = pattern_bootstrap_ci(patterns.astype(float), counts, n_boot=n_boot, seed=seed)
    row = {"code": code, "units": n, "coders": m, "prevalence": float(arr.any(axis=0).mean()), "uncoded": uncoded,
           "percent_agreement": agree, "kappa": kappa, "kappa_kind": kind, "kappa_band": interpret_kappa(kappa),
           "alpha": alpha, "alpha_low": low, "alpha_high": high, "alpha_band": interpret_alpha(alpha)}
    return _judged(row, patterns, counts, pooled=pooled)


def _pooled(name: str, parts: list[np.ndarray], m: int, n: int, prevalence: float, uncoded: float, n_boot: int,
            seed: int) -> dict:
    """A pooled row over the unit x code items of ``parts`` (one coders x units array per code)."""
    if m > 16:  # too many coders for bit-coded patterns: pool by stacking
        stacked = np.concatenate(parts, axis=1) if parts else np.zeros((m, 0), dtype=np.int8)
        ids, counts = _pattern_counts(stacked)
        row = _row(name, stacked, ids, counts, uncoded, n_boot, seed, pooled=True)
        row.update(units=n, prevalence=prevalence)
        return row
    pooled = np.zeros(2 ** m, dtype=np.int64)
    for arr in parts:
        ids, counts = _pattern_counts(arr)
        np.add.at(pooled, ids, counts)
    ids = np.flatnonzero(pooled)
    return _pooled_row(name, ids, pooled[ids], m, n, prevalence, uncoded, n_boot, seed)


def _pooled_row(name: str, ids: np.ndarray, counts: np.ndarray, m: int, n: int, prevalence: float, uncoded: float,
                n_boot: int, seed: int) -> dict:
    """A pooled row from the pattern counts of its unit x code items."""
    if n == 0 or counts.sum() == 0:
        return _empty(name, m, uncoded)
    patterns = _patterns(ids, m)
    agree = float(counts[(patterns.min(axis=1) == patterns.max(axis=1))].sum() / counts.sum())
    if m == 2:
        kappa = _weighted_cohen(patterns[:, 0], patterns[:, 1], counts)
        kind = "cohen"
    else:
        ones = patterns.sum(axis=1)
        kappa, kind = weighted_fleiss_kappa(np.stack([m - ones, ones], axis=1), counts), "fleiss"
    alpha = pattern_alpha(patterns.astype(float), counts)
    low, high = pattern_bootstrap_ci(patterns.astype(float), counts, n_boot=n_boot, seed=seed)
    row = {"code": name, "units": n, "coders": m, "prevalence": prevalence, "uncoded": uncoded,
           "percent_agreement": agree, "kappa": kappa, "kappa_kind": kind, "kappa_band": interpret_kappa(kappa),
           "alpha": alpha, "alpha_low": low, "alpha_high": high, "alpha_band": interpret_alpha(alpha)}
    return _judged(row, patterns, counts, pooled=True)


def _judged(row: dict, patterns: np.ndarray, counts: np.ndarray, *, pooled: bool) -> dict:
    """``row`` with why an undefined figure is undefined, and whether a defined one rests on too few units."""
    m = patterns.shape[1]
    items = int(counts.sum())
    values = m * items
    ones = int((patterns.sum(axis=1).astype(np.int64) * counts).sum())
    undefined = math.isnan(row["kappa"]) or math.isnan(row["alpha"])
    row.update(reason="", min_units=None, warning="")
    if values == 0:
        row["reason"] = REASONS["no_units"]
    elif ones == 0:
        row["reason"] = REASONS["none_coded"]
    elif ones == values:
        row["reason"] = REASONS["all_coded"]
    elif undefined:
        row["reason"] = REASONS["no_variation"]
    if row["reason"]:
        return row
    rarer = min(ones, values - ones) / values
    need = math.ceil(minimum_sample(rarer, coders=m) / m)
    row["min_units"] = need
    if items < need:
        row["warning"] = f"small sample: {items} {'unit x code items' if pooled else 'units'}, fewer than {need}"
    return row


def _weighted_cohen(a: np.ndarray, b: np.ndarray, weights: np.ndarray) -> float:
    """Cohen's kappa of items given as distinct (a, b) pairs with counts (scikit-learn, sample_weight)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a, b, labels=[0, 1], sample_weight=weights))


def _empty(code: str, m: int, uncoded: float) -> dict:
    nan = math.nan
    return {"code": code, "units": 0, "coders": m, "prevalence": nan, "uncoded": uncoded, "percent_agreement": nan,
            "kappa": nan, "kappa_kind": "cohen" if m == 2 else "fleiss", "kappa_band": interpret_kappa(nan),
            "alpha": nan, "alpha_low": nan, "alpha_high": nan, "alpha_band": interpret_alpha(nan),
            "reason": REASONS["no_units"], "min_units": None, "warning": ""}


def _pattern_counts(arr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct 0/1 unit patterns of a coders x units array as bit codes (coder r = bit r), with counts."""
    m = arr.shape[0]
    if m > 16:
        keys, counts = np.unique(arr.T, axis=0, return_counts=True)
        ids = (keys.astype(np.int64) << np.arange(m, dtype=np.int64)).sum(axis=1)
        return ids, counts
    codes = np.zeros(arr.shape[1], dtype=np.int64)
    for r in range(m):
        codes |= arr[r].astype(np.int64) << r
    counts = np.bincount(codes, minlength=2 ** m)
    ids = np.flatnonzero(counts)
    return ids, counts[ids]


def _patterns(ids: np.ndarray, m: int) -> np.ndarray:
    return ((np.asarray(ids, dtype=np.int64)[:, None] >> np.arange(m, dtype=np.int64)) & 1).astype(np.int8)


def _rollup(rollup: Mapping[str, Sequence[str]] | None, codes: list[str]) -> dict[str, list[str]]:
    """The parents in ``codes`` that carry codes below them, each with those codes (checked, deduplicated)."""
    if rollup is None:
        return {}
    if not isinstance(rollup, Mapping):
        raise InputError(f"rollup must map a parent code to the codes below it, got {type(rollup).__name__}")
    out: dict[str, list[str]] = {}
    for parent, below in rollup.items():
        if isinstance(below, str) or not isinstance(below, Sequence | set | frozenset):
            raise InputError(f"rollup of code {parent!r} must be a list of codes, got {below!r}")
        subs = [c for c in dict.fromkeys(str(c) for c in below) if c != parent]
        if parent in codes and subs:
            out[parent] = subs
    return out


def _coders(coders: Sequence[str]) -> list[str]:
    names = [coders] if isinstance(coders, str) else list(dict.fromkeys(str(c) for c in coders))
    if len(names) < 2:
        raise InputError(f"agreement needs at least 2 different coders; got {', '.join(names) or 'none'}")
    return names


def _units(codings: pd.DataFrame, units: pd.DataFrame | None, unit: str,
           text_length: int | Mapping[int, int] | None) -> pd.DataFrame:
    if units is not None:
        return units
    if unit != "char":
        raise InputError(f"units are needed for unit {unit!r}; only unit 'char' can be made from text_length")
    if text_length is None:
        raise InputError("unit 'char' without units needs text_length (document id -> length)")
    if not isinstance(text_length, Mapping):
        docs = pd.unique(codings["document_id"]) if len(codings) else [0]
        if len(docs) > 1:
            raise InputError("text_length is one number but the codings span several documents; "
                             "give a mapping document id -> length")
        text_length = {int(docs[0]): int(text_length)}
    return char_units(text_length)
