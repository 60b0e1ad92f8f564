"""Intercoder agreement coefficients: percent agreement, Cohen's and Fleiss' kappa, Krippendorff's alpha.

Pure functions over arrays: data first, options keyword-only, floats out. Reliability
data is a coders x units array with NaN for a missing value (Krippendorff's layout).
Where a maintained library computes a coefficient it is used: Cohen's kappa comes from
:func:`sklearn.metrics.cohen_kappa_score`, Krippendorff's alpha from the ``krippendorff``
package. Fleiss' kappa is a four-line formula (Fleiss, 1971), cross-checked in the tests
against ``statsmodels``. The unitized alphas for free spans live in
:mod:`qualcode.analysis.unitized` and are re-exported here.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46.
Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
*Psychological Bulletin*, 76(5), 378-382.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
Landis, J. R., & Koch, G. G. (1977). The measurement of observer agreement for
categorical data. *Biometrics*, 33(1), 159-174.
Krippendorff, K. (2019). *Content analysis: An introduction to its methodology* (4th ed.).
Sage. (Section 12.7: the 0.800 and 0.667 thresholds.)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from ..errors import InputError, check_choice, unknown_message
from .unitized import binary_u_alpha, cu_alpha, k_u_alpha, u_alpha

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")

__all__ = [
    "LEVELS", "alpha_bootstrap_ci", "binary_u_alpha", "cohen_kappa", "cu_alpha", "fleiss_kappa",
    "interpret_alpha", "interpret_kappa", "k_u_alpha", "krippendorff_alpha", "percent_agreement", "u_alpha",
]


def reliability_array(reliability_data: Any) -> np.ndarray:
    """``reliability_data`` as a 2-D float array (coders x units, NaN missing), checked."""
    try:
        data = np.asarray(reliability_data, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"reliability data must be numbers (coders x units, NaN for missing): {exc}") from None
    if data.ndim != 2:
        raise InputError(f"reliability data must be a 2-D table coders x units; got {data.ndim} dimension(s)")
    if data.shape[0] < 2:
        raise InputError(f"reliability data needs at least 2 coders (rows); got {data.shape[0]}")
    return data


def percent_agreement(reliability_data: Any) -> float:
    """Share of pairable units on which every coder who coded the unit gave the same value.

    Parameters
    ----------
    reliability_data : array-like, coders x units
        NaN marks a missing value. Units with fewer than two values are left out.

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
    a, b : 1-D sequences of equal length
        The two coders' values, unit by unit.
    labels : sequence, optional
        The categories (default: those that occur).
    weights : {None, "linear", "quadratic"}
        Weighted kappa for ordered categories.

    Returns
    -------
    float
        NaN when the expected agreement is 1 (both coders used one and the same category throughout).

    Example
    -------
    >>> round(cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]), 3)
    0.5
    """
    if weights not in (None, "linear", "quadratic"):
        raise InputError(unknown_message("kappa weights", weights, ["None", "linear", "quadratic"]))
    first, second = np.asarray(a), np.asarray(b)
    if first.ndim != 1 or second.ndim != 1 or len(first) != len(second):
        raise InputError("cohen_kappa needs two 1-D sequences of equal length; "
                         f"got shapes {first.shape} and {second.shape}")
    if len(first) == 0:
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # undefined kappa (one category throughout) is NaN, said above
        value = cohen_kappa_score(first, second, labels=labels, weights=weights)
    return float(value)


def fleiss_kappa(table: Any) -> float:
    """Fleiss' (1971) kappa from a subjects x categories table of counts (equal raters per subject).

    ``table[i, j]`` is the number of raters who put subject ``i`` in category ``j``;
    every row must sum to the same number of raters n >= 2. With p_j the share of all
    assignments in category j, P_i = (sum_j n_ij^2 - n) / (n (n - 1)) the agreement on
    subject i, P = mean(P_i) and Pe = sum_j p_j^2: kappa = (P - Pe) / (1 - Pe).

    Returns
    -------
    float
        NaN when Pe = 1 (every assignment in one category).

    Example
    -------
    >>> round(fleiss_kappa([[3, 0], [0, 3], [2, 1]]), 3)
    0.55
    """
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2 or counts.shape[0] == 0:
        raise InputError(f"fleiss_kappa needs a 2-D table subjects x categories; got shape {counts.shape}")
    if (counts < 0).any():
        raise InputError("fleiss_kappa: counts must be >= 0")
    raters = counts.sum(axis=1)
    n = raters[0]
    if not np.all(raters == n):
        bad = int(np.flatnonzero(raters != n)[0])
        raise InputError(f"fleiss_kappa needs the same number of raters for every subject; subject {bad} has "
                         f"{raters[bad]:g}, subject 0 has {n:g}")
    if n < 2:
        raise InputError(f"fleiss_kappa needs at least 2 raters per subject; got {n:g}")
    return weighted_fleiss_kappa(counts, np.ones(len(counts)))


def weighted_fleiss_kappa(table: Any, weights: Any) -> float:
    """Fleiss' kappa of a table whose row i stands for ``weights[i]`` identical subjects
    (the same as :func:`fleiss_kappa` on the table with each row repeated)."""
    counts = np.asarray(table, dtype=float)
    w = np.asarray(weights, dtype=float)
    n = counts[0].sum()
    p = (counts * w[:, None]).sum(axis=0) / (counts.sum(axis=1) * w).sum()
    agreement = ((counts ** 2).sum(axis=1) - n) / (n * (n - 1))
    expected = float((p ** 2).sum())
    if math.isclose(expected, 1.0):
        return math.nan
    return float(((agreement * w).sum() / w.sum() - expected) / (1 - expected))


def krippendorff_alpha(reliability_data: Any, *, level_of_measurement: str = "nominal") -> float:
    """Krippendorff's alpha (via the ``krippendorff`` package; Krippendorff, 2011).

    Parameters
    ----------
    reliability_data : array-like, coders x units
        Numeric values, NaN for missing.
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
    """
    level = _level(level_of_measurement)
    data = reliability_array(reliability_data)
    domain = np.unique(data[~np.isnan(data)])
    if len(domain) < 2 or not ((~np.isnan(data)).sum(axis=0) >= 2).any():
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        value = krippendorff.alpha(reliability_data=data, value_domain=domain, level_of_measurement=level)
    return float(value)


def alpha_bootstrap_ci(reliability_data: Any, *, level_of_measurement: str = "nominal", n_boot: int = 1000,
                       ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of Krippendorff's alpha, resampling units with replacement.

    Each of ``n_boot`` resamples draws as many units as there are, with replacement, and
    recomputes alpha; the interval is the ``(1 - ci) / 2`` and ``(1 + ci) / 2`` quantiles
    of the resampled alphas (those left undefined by a resample are dropped). Units
    with identical values are pooled first, so a resample is a multinomial draw over the
    distinct value patterns: exactly equivalent and fast on many units.

    Returns
    -------
    tuple of float
        (low, high); (NaN, NaN) when alpha is undefined or ``n_boot`` is 0.
    """
    level = _level(level_of_measurement)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise InputError(f"n_boot must be a whole number >= 0, got {n_boot!r}")
    if not 0 < ci < 1:
        raise InputError(f"ci must be between 0 and 1 (exclusive), got {ci!r}")
    data = reliability_array(reliability_data)
    patterns, counts = unit_patterns(data)
    return pattern_bootstrap_ci(patterns, counts, level=level, n_boot=int(n_boot), ci=ci, seed=seed)


def unit_patterns(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct columns (units) of a coders x units array and how often each occurs (NaN-safe)."""
    keyed = np.where(np.isnan(data), np.inf, data)  # np.unique cannot group NaN columns
    patterns, counts = np.unique(keyed.T, axis=0, return_counts=True)
    patterns = np.where(np.isinf(patterns), np.nan, patterns)
    return patterns, counts


def pattern_alpha(patterns: np.ndarray, counts: np.ndarray, *, level: str = "nominal") -> float:
    """Krippendorff's alpha of units given as distinct value patterns (rows: units, columns: coders)
    with a count each. The same coincidence-matrix computation as Krippendorff (2011); the
    tests check it against the ``krippendorff`` package."""
    values, coincidence = _pattern_coincidences(patterns)
    if coincidence is None:
        return math.nan
    return float(_alpha_from_coincidences(np.tensordot(counts, coincidence, axes=1), values, level))


def pattern_bootstrap_ci(patterns: np.ndarray, counts: np.ndarray, *, level: str = "nominal", n_boot: int = 1000,
                         ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """:func:`alpha_bootstrap_ci` on distinct unit patterns with counts."""
    values, coincidence = _pattern_coincidences(patterns)
    total = int(np.sum(counts))
    if coincidence is None or n_boot == 0 or total == 0:
        return (math.nan, math.nan)
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(total, np.asarray(counts, dtype=float) / total, size=n_boot)
    matrices = np.tensordot(weights, coincidence, axes=1)  # n_boot x V x V
    alphas = np.array([_alpha_from_coincidences(m, values, level) for m in matrices])
    alphas = alphas[np.isfinite(alphas)]
    if len(alphas) == 0:
        return (math.nan, math.nan)
    low, high = np.quantile(alphas, [(1 - ci) / 2, (1 + ci) / 2])
    return (float(low), float(high))


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
    """Squared difference functions of Krippendorff (2011) for each level of measurement."""
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
    value = _number(value)
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
    value = _number(value)
    if math.isnan(value):
        return "undefined"
    if value >= 0.800 - 1e-12:
        return "reliable"
    if value >= 0.667 - 1e-12:
        return "tentative"
    return "unreliable"


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputError(f"expected a number, got {value!r}") from None


def _level(level: Any) -> Level:
    checked = check_choice(level, LEVELS, "level of measurement")
    return next(known for known in LEVELS if known == checked)  # the same string, typed as a Level
