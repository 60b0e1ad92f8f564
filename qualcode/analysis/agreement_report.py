"""The intercoder agreement report: one row per code, plus the pooled "(all codes)" row.

Codings are projected onto units (:mod:`qualcode.analysis.units`); each code then gives
a coders x units 0/1 table (present/absent), on which the report computes percent
agreement, a kappa (Cohen's for two coders, Fleiss' for three or more) and
Krippendorff's nominal alpha with a bootstrap interval over units. The "(all codes)"
row pools every unit x code pair as one binary item.

References: see :mod:`qualcode.analysis.agreement`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

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
REPORT_COLUMNS = ["code", "units", "coders", "prevalence", "uncoded", "percent_agreement", "kappa", "kappa_kind",
                  "kappa_band", "alpha", "alpha_low", "alpha_high", "alpha_band"]


#: How a paper prints each statistic of the report (qualcode.export.numbers): coefficients without a leading
#: zero, proportions as percentages.
NUMBER_KINDS = {"prevalence": "percent", "uncoded": "percent", "percent_agreement": "percent",
                "kappa": "coefficient", "alpha": "coefficient", "alpha_low": "coefficient", "alpha_high": "coefficient"}


def agreement_report(codings: pd.DataFrame, units: pd.DataFrame | None, *, coders: Sequence[str],
                     codes: Sequence[str], unit: str = "sentence", rule: str = "majority",
                     text_length: int | Mapping[int, int] | None = None, n_boot: int = 500,
                     seed: int = 0) -> pd.DataFrame:
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

    Returns
    -------
    DataFrame
        One row per code plus "(all codes)" with columns code, units, coders, prevalence
        (share of units carrying the code for any coder), uncoded (share of units no
        coder coded with any of the codes), percent_agreement, kappa, kappa_kind ("cohen"
        or "fleiss"), kappa_band (Landis & Koch), alpha (nominal), alpha_low, alpha_high,
        alpha_band (Krippendorff). ``attrs``: unit, rule, coders, n_boot.
    """
    unit = check_choice(unit, UNIT_KINDS, "unit")
    rule = check_rule(rule)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise InputError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    coders = _coders(coders)
    codes = list(dict.fromkeys(codes))
    units = _units(codings, units, unit, text_length)
    _, arrays = presence_arrays(codings, units, coders=coders, codes=codes or ["_"], rule=rule)
    if not codes:
        arrays = {}
    m, n = len(coders), len(units)
    any_code = np.zeros(n, dtype=bool)
    for arr in arrays.values():
        any_code |= arr.any(axis=0)
    uncoded = float((~any_code).mean()) if n else math.nan
    rows = []
    pooled = np.zeros(2 ** m if m <= 16 else 0, dtype=np.int64)
    for code in codes:
        arr = arrays[code]
        ids, counts = _pattern_counts(arr)
        if len(pooled):
            np.add.at(pooled, ids, counts)
        rows.append(_row(code, arr, ids, counts, uncoded, n_boot, seed, pooled=False))
    if codes:
        if len(pooled):
            ids = np.flatnonzero(pooled)
            rows.append(_pooled_row(ids, pooled[ids], m, n, len(codes), 1 - uncoded, uncoded, n_boot, seed))
        else:  # many coders: pool by stacking
            stacked = np.concatenate([arrays[c] for c in codes], axis=1)
            ids, counts = _pattern_counts(stacked)
            row = _row(ALL_CODES, stacked, ids, counts, uncoded, n_boot, seed, pooled=True)
            row.update(units=n, prevalence=1 - uncoded)
            rows.append(row)
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame.attrs = {"unit": unit, "rule": rule, "coders": list(coders), "n_boot": int(n_boot),
                   "number_kinds": NUMBER_KINDS}
    return frame


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
    return {"code": code, "units": n, "coders": m, "prevalence": float(arr.any(axis=0).mean()), "uncoded": uncoded,
            "percent_agreement": agree, "kappa": kappa, "kappa_kind": kind, "kappa_band": interpret_kappa(kappa),
            "alpha": alpha, "alpha_low": low, "alpha_high": high, "alpha_band": interpret_alpha(alpha)}


def _pooled_row(ids: np.ndarray, counts: np.ndarray, m: int, n: int, n_codes: int, prevalence: float,
                uncoded: float, n_boot: int, seed: int) -> dict:
    """The "(all codes)" row from the pattern counts of every unit x code item."""
    if n == 0:
        return _empty(ALL_CODES, m, uncoded)
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
    return {"code": ALL_CODES, "units": n, "coders": m, "prevalence": prevalence, "uncoded": uncoded,
            "percent_agreement": agree, "kappa": kappa, "kappa_kind": kind, "kappa_band": interpret_kappa(kappa),
            "alpha": alpha, "alpha_low": low, "alpha_high": high, "alpha_band": interpret_alpha(alpha)}


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
            "alpha": nan, "alpha_low": nan, "alpha_high": nan, "alpha_band": interpret_alpha(nan)}


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
