"""Intercoder agreement coefficients: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha.

Pure functions over arrays: data first, options keyword-only, floats out. Reliability
data is a coders x units array with NaN (or None) for a missing value (Krippendorff's
layout). Where a maintained library computes a coefficient it is used: Cohen's kappa comes
from :func:`sklearn.metrics.cohen_kappa_score`, Krippendorff's alpha from the
``krippendorff`` package. Fleiss' kappa is a four-line formula, cross-checked in the tests
against ``statsmodels``. The unitized alphas for free spans live in
:mod:`qualcode.analysis.unitized` and are re-exported here.

Every public function checks its input first and raises :class:`qualcode.errors.InputError`
naming the argument: an unknown level of measurement, a table that is not coders x units,
fewer than two coders, no units, text where the level needs numbers (only nominal categories
may be names), infinite values, negative values at the ratio level (a ratio scale starts at
an absolute zero), missing values given to Cohen's kappa (which needs both coders' values on
every unit), and ``labels`` that leave out a value the coders used.

References (one per statistic, the same in the app and the user guide)
----------------------------------------------------------------------
Cohen's kappa: Cohen, J. (1960). A coefficient of agreement for nominal scales.
*Educational and Psychological Measurement*, 20(1), 37-46. Its weighted form: Cohen, J.
(1968). Weighted kappa. *Psychological Bulletin*, 70(4), 213-220.
Fleiss' kappa: Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
*Psychological Bulletin*, 76(5), 378-382.
Krippendorff's alpha, its difference functions and its reading (0.800 reliable, 0.667
tentative): Krippendorff, K. (2019). *Content analysis: An introduction to its
methodology* (4th ed.). SAGE.
Kappa bands: Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement
for categorical data. *Biometrics*, 33(1), 159-174.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from ..errors import InputError, check_choice, unknown_message
from .unitized import binary_u_alpha, cu_alpha, k_u_alpha, u_alpha

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
KAPPA_WEIGHTS = (None, "linear", "quadratic")

__all__ = [
    "LEVELS", "alpha_bootstrap_ci", "binary_u_alpha", "cohen_kappa", "cu_alpha", "fleiss_kappa",
    "interpret_alpha", "interpret_kappa", "k_u_alpha", "krippendorff_alpha", "percent_agreement", "u_alpha",
]


def reliability_array(reliability_data: Any, *, level_of_measurement: str = "nominal") -> np.ndarray:
    """``reliability_data`` as a 2-D float array (coders x units, NaN missing), checked.

    None and NaN mark a missing value. At the nominal level the values may also be text
    (category names); they are numbered in sorted order. Every other level needs numbers,
    the ratio level numbers >= 0.

    Example
    -------
    >>> reliability_array([["E1", "E2", None], ["E1", "E1", "E2"]]).tolist()
    [[0.0, 1.0, nan], [0.0, 0.0, 1.0]]
    """
    level = _level(level_of_measurement)
    if reliability_data is None:
        raise InputError("reliability_data is missing: give a table coders x units")
    try:
        raw = np.asarray(reliability_data)
    except ValueError:  # numpy refuses ragged rows
        raise InputError("reliability_data rows differ in length: every coder's row needs one entry per unit "
                         "(NaN where the coder gave no value)") from None
    if raw.dtype.kind in "US" and not isinstance(reliability_data, np.ndarray):
        raw = np.asarray(reliability_data, dtype=object)  # keeps NaN a number instead of the text 'nan'
    if raw.ndim != 2:
        raise InputError(f"reliability_data must be a 2-D table coders x units; got {raw.ndim} dimension(s)")
    if raw.shape[0] < 2:
        raise InputError(f"reliability_data needs at least 2 coders (rows); got {raw.shape[0]}")
    if raw.shape[1] == 0:
        raise InputError("reliability_data is empty: it has no units (columns)")
    data = _numbers(raw, level, "reliability_data")
    _check_finite(data, "reliability_data")
    _check_ratio(data, level, "reliability_data")
    return data


def _numbers(raw: np.ndarray, level: str, name: str) -> np.ndarray:
    """``raw`` as floats; text only at the nominal level, numbered in sorted order."""
    if raw.dtype.kind in "biuf":
        return raw.astype(float)
    if raw.dtype.kind not in "OUS":
        raise InputError(f"{name} must hold numbers (NaN for missing); got values of type {raw.dtype}")
    flat = raw.ravel().tolist()
    missing = [_is_missing(v) for v in flat]
    present = [v for v, gone in zip(flat, missing, strict=True) if not gone]
    if all(isinstance(v, numbers.Real) for v in present):
        return np.array([math.nan if gone else float(v) for v, gone in zip(flat, missing, strict=True)]
                        ).reshape(raw.shape)
    odd = next((v for v in present if not isinstance(v, numbers.Real | str)), None)
    if odd is not None:
        raise InputError(f"{name} holds {odd!r}, neither a number nor a category name")
    text = next(v for v in present if isinstance(v, str))
    if level != "nominal":
        raise InputError(f"{name} holds text ({text!r}) but level_of_measurement {level!r} needs numbers; "
                         "only nominal categories may be names")
    number = next((v for v in present if not isinstance(v, str)), None)
    if number is not None:
        raise InputError(f"{name} mixes numbers ({number!r}) and text ({text!r}); give every value in one form")
    index = {category: float(n) for n, category in enumerate(sorted(set(present)))}
    return np.array([math.nan if gone else index[v] for v, gone in zip(flat, missing, strict=True)]
                    ).reshape(raw.shape)


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, numbers.Real) and math.isnan(value))


def _check_finite(data: np.ndarray, name: str) -> None:
    infinite = np.isinf(data)
    if infinite.any():
        where = np.argwhere(infinite)[0]
        raise InputError(f"{name} holds an infinite value at {_place(where)}")


def _check_ratio(data: np.ndarray, level: str, name: str) -> None:
    """A ratio scale starts at an absolute zero: a negative value is not on it (and would make
    Krippendorff's ratio difference ((c - k) / (c + k))^2 meaningless)."""
    if level != "ratio":
        return
    negative = data < 0  # NaN compares False
    if negative.any():
        where = np.argwhere(negative)[0]
        raise InputError(f"{name} holds a negative value ({data[tuple(where)]:g} at {_place(where)}); "
                         "level_of_measurement 'ratio' needs values >= 0")


def _place(where: np.ndarray) -> str:
    return f"position {int(where[0])}" if len(where) == 1 else f"row {int(where[0])}, column {int(where[1])}"


def percent_agreement(reliability_data: Any) -> float:
    """Share of pairable units on which every coder who coded the unit gave the same value.

    Parameters
    ----------
    reliability_data : array-like, coders x units
        Numbers or category names; NaN or None marks a missing value. Units with fewer
        than two values are left out.

    Returns
    -------
    float
        In [0, 1]; NaN when no unit has two values.

    Example
    -------
    >>> percent_agreement([[1, 0, 1, 1], [1, 1, 1, float("nan")]])
    0.6666666666666666
    """
    data = reliability_array(reliability_data)
    present = ~np.isnan(data)
    pairable = present.sum(axis=0) >= 2
    if not pairable.any():
        return math.nan
    lo = np.where(present, data, np.inf).min(axis=0)
    hi = np.where(present, data, -np.inf).max(axis=0)
    return float((lo[pairable] == hi[pairable]).mean())


def cohen_kappa(a: Sequence[Any], b: Sequence[Any], *, labels: Sequence[Any] | None = None,
                weights: str | None = None) -> float:
    """Cohen's (1960) kappa of two coders' values on the same units (scikit-learn's ``cohen_kappa_score``).

    Parameters
    ----------
    a, b : 1-D sequences of equal length, not empty
        The two coders' values, unit by unit: numbers or category names, no missing
        values (leave out a unit one coder did not code, or use :func:`krippendorff_alpha`,
        which allows them).
    labels : sequence, optional
        The categories (default: those that occur). It must list every value in ``a`` and
        ``b``, each once; categories nobody used may be added. With ``weights`` its order
        is the order of the categories.
    weights : {None, "linear", "quadratic"}
        Weighted kappa for ordered categories (Cohen, 1968). Text categories need
        ``labels`` to say their order.

    Returns
    -------
    float
        NaN when the expected agreement is 1 (both coders used one and the same category throughout).

    Example
    -------
    >>> round(cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 3)
    0.5
    >>> round(cohen_kappa(["yes", "yes", "no", "no"], ["yes", "no", "no", "no"], labels=["no", "yes"]), 3)
    0.5
    """
    if weights not in KAPPA_WEIGHTS:
        raise InputError(unknown_message("kappa weights (weights)", weights, ["None", "linear", "quadratic"]))
    first, second = _coder_values(a, "a"), _coder_values(b, "b")
    if len(first) != len(second):
        raise InputError(f"a and b must have equal length (one value per unit from each coder); "
                         f"got {len(first)} and {len(second)}")
    if len(first) == 0:
        raise InputError("a and b are empty: Cohen's kappa needs at least one unit")
    kinds = {name: _value_kind(values, name) for name, values in (("a", first), ("b", second))}
    if kinds["a"] != kinds["b"]:
        raise InputError(f"a holds {kinds['a']} and b holds {kinds['b']}; give both coders' values in one form")
    if labels is not None:
        _check_labels(labels, first, second)
    elif weights is not None and kinds["a"] == "text":
        raise InputError(f"weights={weights!r} needs ordered categories, and the values are text: give labels "
                         "in their order")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined kappa (one category throughout) is NaN, said above
        value = cohen_kappa_score(first, second, labels=None if labels is None else list(labels), weights=weights)
    return float(value)


def _coder_values(values: Any, name: str) -> np.ndarray:
    """One coder's values as a 1-D array without missing or infinite values."""
    if values is None or isinstance(values, str):
        raise InputError(f"{name} must be a sequence of values, one per unit; got {values!r}")
    try:
        array = np.asarray(values)
    except ValueError:
        raise InputError(f"{name} must be a 1-D sequence of values, one per unit") from None
    if array.ndim != 1:
        raise InputError(f"{name} must be a 1-D sequence of values, one per unit; got shape {array.shape}")
    if array.dtype.kind in "US":
        array = np.asarray(values, dtype=object)  # keeps NaN a number instead of the text 'nan'
    if array.dtype.kind == "f":
        missing, infinite = np.isnan(array), np.isinf(array)
    elif array.dtype.kind == "O":
        missing = np.array([_is_missing(v) for v in array.tolist()], dtype=bool)
        infinite = np.array([isinstance(v, numbers.Real) and math.isinf(v) for v in array.tolist()], dtype=bool)
    else:
        missing = infinite = np.zeros(len(array), dtype=bool)
    if missing.any():
        raise InputError(f"{name} holds a missing value (NaN) at position {int(np.flatnonzero(missing)[0])}; "
                         "Cohen's kappa needs both coders' values on every unit: leave the unit out, or use "
                         "krippendorff_alpha, which allows missing values")
    if infinite.any():
        raise InputError(f"{name} holds an infinite value at position {int(np.flatnonzero(infinite)[0])}")
    return array


def _value_kind(values: np.ndarray, name: str) -> str:
    """"numbers" or "text"; an InputError for anything else or a mix."""
    if values.dtype.kind in "biuf":
        return "numbers"
    if values.dtype.kind in "US":
        return "text"
    if values.dtype.kind != "O":
        raise InputError(f"{name} must hold numbers or category names; got values of type {values.dtype}")
    items = values.tolist()
    text = [v for v in items if isinstance(v, str)]
    odd = next((v for v in items if not isinstance(v, numbers.Real | str)), None)
    if odd is not None:
        raise InputError(f"{name} holds {odd!r}, neither a number nor a category name")
    if text and len(text) < len(items):
        number = next(v for v in items if not isinstance(v, str))
        raise InputError(f"{name} mixes numbers ({number!r}) and text ({text[0]!r}); give every value in one form")
    return "text" if text else "numbers"


def _check_labels(labels: Any, first: np.ndarray, second: np.ndarray) -> None:
    if isinstance(labels, str) or not isinstance(labels, Sequence | np.ndarray | pd.Index | pd.Series):
        raise InputError(f"labels must be a list of categories; got {labels!r}")
    listed = list(labels.tolist() if hasattr(labels, "tolist") else labels)
    if not listed:
        raise InputError("labels is empty; list the categories, or leave labels out to use those that occur")
    if any(_is_missing(v) for v in listed):
        raise InputError(f"labels holds a missing value (NaN or None); list only categories: {listed!r}")
    seen: set[Any] = set()
    for label in listed:
        if label in seen:
            raise InputError(f"labels lists {label!r} twice; list each category once")
        seen.add(label)
    used = dict.fromkeys([*_distinct(first), *_distinct(second)])
    uncovered = [v for v in used if v not in seen]
    if uncovered:
        raise InputError(f"labels {listed!r} do not cover the value(s) {', '.join(map(repr, uncovered))} found in a "
                         "or b; list every category the coders used")


def _distinct(values: np.ndarray) -> list[Any]:
    """The distinct values, fast on the long 0/1 arrays of the agreement report (counted, not sorted)."""
    if values.dtype.kind in "iu" and len(values):
        low = int(values.min())
        if int(values.max()) - low < 1 << 16:
            counts = np.bincount(values.astype(np.int64) - low)
            return (np.flatnonzero(counts) + low).tolist()
    return pd.unique(values).tolist()


def fleiss_kappa(table: Any) -> float:
    """Fleiss' (1971) kappa from a subjects x categories table of counts (equal raters per subject).

    ``table[i, j]`` is the number of raters who put subject ``i`` in category ``j``;
    every row must sum to the same number of raters n >= 2. With p_j the share of all
    assignments in category j, P_i = (sum_j n_ij^2 - n) / (n (n - 1)) the agreement on
    subject i, P = mean(P_i) and Pe = sum_j p_j^2: kappa = (P - Pe) / (1 - Pe).

    Parameters
    ----------
    table : array-like, subjects x categories
        Whole numbers >= 0, at least one subject.

    Returns
    -------
    float
        NaN when Pe = 1 (every assignment in one category).

    Example
    -------
    >>> round(fleiss_kappa([[3, 0], [0, 3], [2, 1]]), 3)
    0.55
    """
    counts = _count_table(table)
    return _fleiss(counts, np.ones(len(counts)))


def weighted_fleiss_kappa(table: Any, weights: Any) -> float:
    """Fleiss' kappa of a table whose row i stands for ``weights[i]`` identical subjects
    (the same as :func:`fleiss_kappa` on the table with each row repeated).

    ``weights`` holds one number >= 0 per row of ``table``, not all 0.

    Example
    -------
    The first row stands for two subjects, as in ``fleiss_kappa([[3, 0], [3, 0], [2, 1]])``:

    >>> round(weighted_fleiss_kappa([[3, 0], [2, 1]], [2, 1]), 3)
    -0.125
    """
    counts = _count_table(table)
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"weights must be numbers, one per row of table; got {weights!r}") from None
    if w.shape != (len(counts),):
        raise InputError(f"weights must hold one number per row of table ({len(counts)}); got shape {w.shape}")
    if not np.isfinite(w).all() or (w < 0).any() or w.sum() == 0:
        raise InputError("weights must be finite numbers >= 0, not all 0")
    return _fleiss(counts, w)


def _count_table(table: Any) -> np.ndarray:
    """``table`` checked as a subjects x categories table of whole counts >= 0, equal raters >= 2 per row."""
    try:
        counts = np.asarray(table, dtype=float)
    except (TypeError, ValueError):
        raise InputError("table must be a 2-D table of counts, subjects x categories (whole numbers >= 0)") from None
    if counts.ndim != 2 or counts.shape[0] == 0 or counts.shape[1] == 0:
        raise InputError(f"table must be a 2-D table of counts, subjects x categories; got shape {counts.shape}")
    if not np.isfinite(counts).all():
        raise InputError(f"table holds a missing or infinite count at {_place(np.argwhere(~np.isfinite(counts))[0])}")
    if (counts < 0).any():
        raise InputError(f"table: counts must be >= 0; got {counts[counts < 0][0]:g}")
    if (counts != np.round(counts)).any():
        raise InputError(f"table: counts must be whole numbers; got {counts[counts != np.round(counts)][0]:g}")
    raters = counts.sum(axis=1)
    n = raters[0]
    if not np.all(raters == n):
        bad = int(np.flatnonzero(raters != n)[0])
        raise InputError(f"table: Fleiss' kappa needs the same number of raters for every subject; subject {bad} "
                         f"has {raters[bad]:g}, subject 0 has {n:g}")
    if n < 2:
        raise InputError(f"table: Fleiss' kappa needs at least 2 raters per subject; got {n:g}")
    return counts


def _fleiss(counts: np.ndarray, w: np.ndarray) -> float:
    n = counts[0].sum()
    p = (counts * w[:, None]).sum(axis=0) / (counts.sum(axis=1) * w).sum()
    agreement = ((counts ** 2).sum(axis=1) - n) / (n * (n - 1))
    expected = float((p ** 2).sum())
    if math.isclose(expected, 1.0):
        return math.nan
    return float(((agreement * w).sum() / w.sum() - expected) / (1 - expected))


def krippendorff_alpha(reliability_data: Any, *, level_of_measurement: str = "nominal") -> float:
    """Krippendorff's (2019) alpha, computed by the ``krippendorff`` package.

    Parameters
    ----------
    reliability_data : array-like, coders x units
        At least 2 coders and 1 unit; NaN or None for a missing value. Numbers at every
        level (>= 0 at the ratio level); at the nominal level category names too.
    level_of_measurement : {"nominal", "ordinal", "interval", "ratio"}

    Returns
    -------
    float
        NaN when fewer than two distinct values occur (no variation: alpha is undefined) or no
        unit has two values.

    Example
    -------
    >>> nan = float("nan")
    >>> round(krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4], [nan, 2, 3, 3]]), 3)
    0.756
    >>> round(krippendorff_alpha([[1, 2, 3, 3], [1, 2, 3, 4], [nan, 2, 3, 3]], level_of_measurement="interval"), 3)
    0.896
    """
    data = reliability_array(reliability_data, level_of_measurement=level_of_measurement)
    level = _level(level_of_measurement)
    domain = np.unique(data[~np.isnan(data)])
    if len(domain) < 2 or not ((~np.isnan(data)).sum(axis=0) >= 2).any():
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = krippendorff.alpha(reliability_data=data, value_domain=domain, level_of_measurement=level)
    return float(value)


def alpha_bootstrap_ci(reliability_data: Any, *, level_of_measurement: str = "nominal", n_boot: int = 1000,
                       ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of Krippendorff's (2019) alpha, resampling units with replacement.

    Each of ``n_boot`` resamples draws as many units as there are, with replacement, and
    recomputes alpha; the interval is the ``(1 - ci) / 2`` and ``(1 + ci) / 2`` quantiles
    of the resampled alphas (those left undefined by a resample are dropped). Units
    with identical values are pooled first, so a resample is a multinomial draw over the
    distinct value patterns: exactly equivalent and fast on many units.

    Parameters
    ----------
    reliability_data, level_of_measurement
        As for :func:`krippendorff_alpha`.
    n_boot : int
        Resamples, a whole number >= 0.
    ci : float
        Coverage, between 0 and 1 (exclusive).
    seed : int
        Seed of the resampling, a whole number >= 0.

    Returns
    -------
    tuple of float
        (low, high); (NaN, NaN) when alpha is undefined or ``n_boot`` is 0.

    Example
    -------
    >>> low, high = alpha_bootstrap_ci([[1, 2, 3, 3, 2, 1], [1, 2, 3, 3, 2, 2]], n_boot=200)
    >>> bool(low <= krippendorff_alpha([[1, 2, 3, 3, 2, 1], [1, 2, 3, 3, 2, 2]]) <= high <= 1)
    True
    """
    level = _level(level_of_measurement)
    n_boot, ci, seed = _bootstrap_options(n_boot, ci, seed)
    data = reliability_array(reliability_data, level_of_measurement=level)
    patterns, counts = unit_patterns(data)
    return pattern_bootstrap_ci(patterns, counts, level=level, n_boot=n_boot, ci=ci, seed=seed)


def _bootstrap_options(n_boot: Any, ci: Any, seed: Any) -> tuple[int, float, int]:
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise InputError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    level = _number(ci, "ci")
    if not 0 < level < 1:
        raise InputError(f"ci must be between 0 and 1 (exclusive), got {ci!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise InputError(f"seed must be a whole number >= 0, got {seed!r}")
    return int(n_boot), level, int(seed)


def unit_patterns(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns (units) of a coders x units array and how often each occurs (NaN-safe)."""
    keyed = np.where(np.isnan(data), np.inf, data)  # np.unique cannot group NaN columns
    patterns, counts = np.unique(keyed.T, axis=0, return_counts=True)
    patterns = np.where(np.isinf(patterns), np.nan, patterns)
    return patterns, counts


def pattern_alpha(patterns: np.ndarray, counts: np.ndarray, *, level: str = "nominal") -> float:
    """Krippendorff's (2019) alpha of units given as distinct value patterns (rows: units, columns:
    coders) with a count each; NaN when there are none. The same coincidence-matrix computation as
    the ``krippendorff`` package, against which the tests check it.

    Example
    -------
    >>> patterns, counts = unit_patterns(np.array([[1, 2, 3, 3], [1, 2, 3, 4], [np.nan, 2, 3, 3]]))
    >>> round(pattern_alpha(patterns, counts), 3)
    0.756
    """
    checked = _level(level, "level")
    patterns, counts = _checked_patterns(patterns, counts, checked)
    values, coincidence = _pattern_coincidences(patterns)
    if coincidence is None:
        return math.nan
    return float(_alpha_from_coincidences(np.tensordot(counts, coincidence, axes=1), values, checked))


def pattern_bootstrap_ci(patterns: np.ndarray, counts: np.ndarray, *, level: str = "nominal", n_boot: int = 1000,
                         ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """:func:`alpha_bootstrap_ci` on distinct unit patterns with counts."""
    checked = _level(level, "level")
    n_boot, ci, seed = _bootstrap_options(n_boot, ci, seed)
    patterns, counts = _checked_patterns(patterns, counts, checked)
    values, coincidence = _pattern_coincidences(patterns)
    total = int(np.sum(counts))
    if coincidence is None or n_boot == 0 or total == 0:
        return (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(total, np.asarray(counts, dtype=float) / total, size=n_boot)
    matrices = np.tensordot(weights, coincidence, axes=1)  # n_boot x V x V
    alphas = np.array([_alpha_from_coincidences(m, values, checked) for m in matrices])
    alphas = alphas[np.isfinite(alphas)]
    if len(alphas) == 0:
        return (math.nan, math.nan)
    low, high = np.quantile(alphas, [(1 - ci) / 2, (1 + ci) / 2])
    return (float(low), float(high))


def _checked_patterns(patterns: Any, counts: Any, level: str) -> tuple[np.ndarray, np.ndarray]:
    """Patterns (units x coders, numbers, NaN missing) and their counts (whole numbers >= 0), checked."""
    try:
        values = np.asarray(patterns, dtype=float)
        weights = np.asarray(counts)
    except (TypeError, ValueError):
        raise InputError("patterns must be a 2-D table of numbers units x coders (NaN for missing), "
                         "counts one whole number per pattern") from None
    if values.ndim != 2 or (values.shape[0] and values.shape[1] < 2):
        raise InputError(f"patterns must be a 2-D table units x coders with at least 2 coders; got shape "
                         f"{values.shape}")
    if weights.shape != (values.shape[0],) or (len(weights) and weights.dtype.kind not in "iu"):
        raise InputError(f"counts must hold one whole number per pattern ({values.shape[0]}); got "
                         f"{weights.dtype} of shape {weights.shape}")
    if (weights < 0).any():
        raise InputError("counts must be >= 0")
    _check_finite(values, "patterns")
    _check_ratio(values, level, "patterns")
    return values, weights


def _pattern_coincidences(patterns: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Values and, per pattern, its contribution to the coincidence matrix (patterns x V x V)."""
    values = np.unique(patterns[~np.isnan(patterns)])
    if len(values) < 2:
        return values, None
    value_counts = np.stack([(patterns == v).sum(axis=1) for v in values], axis=1).astype(float)
    pairable = value_counts.sum(axis=1)
    outer = value_counts[:, :, None] * value_counts[:, None, :]
    outer -= value_counts[:, :, None] * np.eye(len(values))[None, :, :]
    scale = np.divide(1.0, pairable - 1, out=np.zeros_like(pairable), where=pairable >= 2)
    return values, outer * scale[:, None, None]


def _alpha_from_coincidences(o: np.ndarray, values: np.ndarray, level: str) -> float:
    n_v = o.sum(axis=1)
    n = n_v.sum()
    if n <= 1:
        return math.nan
    delta = _distances(values, n_v, level)
    observed = (o * delta).sum()
    expected = (np.outer(n_v, n_v) * delta).sum() / (n - 1)
    if expected == 0:
        return math.nan
    return 1 - observed / expected


def _distances(values: np.ndarray, n_v: np.ndarray, level: str) -> np.ndarray:
    """Squared difference functions of Krippendorff (2019) for each level of measurement."""
    a, b = values[:, None], values[None, :]
    if level == "nominal":
        return (a != b).astype(float)
    if level == "interval":
        return (a - b) ** 2
    if level == "ratio":
        total = a + b
        return np.divide((a - b) ** 2, total ** 2, out=np.zeros_like(total, dtype=float), where=total != 0)
    cum = np.cumsum(n_v)  # ordinal: marginal counts between the two ranks
    lo = np.minimum.outer(np.arange(len(values)), np.arange(len(values)))
    hi = np.maximum.outer(np.arange(len(values)), np.arange(len(values)))
    between = cum[hi] - np.where(lo > 0, cum[lo - 1], 0) - (n_v[lo] + n_v[hi]) / 2
    return between ** 2


def interpret_kappa(value: float) -> str:
    """Landis & Koch (1977) band of a kappa: poor (< 0), slight (0-0.20), fair (0.21-0.40),
    moderate (0.41-0.60), substantial (0.61-0.80), almost perfect (0.81-1.00); "undefined" for NaN.

    Example
    -------
    >>> interpret_kappa(0.4), interpret_kappa(0.43)
    ('fair', 'moderate')
    """
    value = _number(value, "value")
    if math.isnan(value):
        return "undefined"
    if value < 0:
        return "poor"
    for limit, band in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if value <= limit + 1e-12:
            return band
    return "almost perfect"


def interpret_alpha(value: float) -> str:
    """Krippendorff's (2019) reading of alpha: "reliable" (>= 0.800), "tentative" (0.667-0.800),
    "unreliable" (< 0.667); "undefined" for NaN.

    Example
    -------
    >>> interpret_alpha(0.743)
    'tentative'
    """
    value = _number(value, "value")
    if math.isnan(value):
        return "undefined"
    if value >= 0.800 - 1e-12:
        return "reliable"
    if value >= 0.667 - 1e-12:
        return "tentative"
    return "unreliable"


def _number(value: Any, name: str) -> float:
    if isinstance(value, str | bytes):
        raise InputError(f"{name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number, got {value!r}") from None


def _level(level: Any, name: str = "level_of_measurement") -> Level:
    checked = check_choice(level, LEVELS, f"level of measurement ({name})")
    return next(known for known in LEVELS if known == checked)  # the same string, typed as a Level
