"""Agreement coefficients: published worked examples, and property tests against sklearn,
the krippendorff package and statsmodels."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from qualcode.analysis.agreement import (
    alpha_bootstrap_ci,
    cohen_kappa,
    fleiss_kappa,
    interpret_alpha,
    interpret_kappa,
    krippendorff_alpha,
    pattern_alpha,
    percent_agreement,
    unit_patterns,
)
from qualcode.analysis.units import char_units, presence_table
from qualcode.errors import InputError

NAN = math.nan

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 observers x 12 units.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]

# Fleiss (1971), Table 1: psychiatric diagnoses of 30 patients by 6 raters (categories 1-5: depression,
# personality disorder, schizophrenia, neurosis, other), as distributed with R's irr package (`diagnoses`).
DIAGNOSES = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]


def diagnoses_table() -> np.ndarray:
    ratings = np.array(DIAGNOSES)
    return np.stack([(ratings == c).sum(axis=1) for c in range(1, 6)], axis=1)


# -- published worked examples -----------------------------------------------------------

def test_krippendorff_2011_worked_example():
    # Published: nominal 0.743, ordinal 0.815, interval 0.849 (Krippendorff 2011, pp. 3-6).
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level_of_measurement="nominal"), 3) == 0.743
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level_of_measurement="ordinal"), 3) == 0.815
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level_of_measurement="interval"), 3) == 0.849
    # The nominal value by hand from the paper's coincidence matrix: n = 40 pairable values,
    # Do = 4/40 ... alpha = 1 - (n - 1) * sum(o_ck, c != k) / sum(n_c n_k, c != k) = 1 - 39 * 4 / 609.6...
    # checked instead through our own coincidence computation, which must agree with the package:
    patterns, counts = unit_patterns(np.array(KRIPPENDORFF_2011, dtype=float))
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert pattern_alpha(patterns, counts, level=level) == pytest.approx(
            krippendorff_alpha(KRIPPENDORFF_2011, level_of_measurement=level))


def test_krippendorff_2011_nominal_by_hand():
    # Units 1-11 with >= 2 values (unit 12 has one value). Disagreeing pairs, each unit weighted 1/(m_u - 1):
    # unit 2 (2,2,3,2): 3 ordered pairs 2-3 and 3 pairs 3-2 -> 6/3 = 2; unit 6 (1,2,3,4): 12 pairs / 3 = 4;
    # unit 8 (1,1,2,1): 6/3 = 2; so sum over c != k of o_ck = 8. Value counts n_1..n_5 = 9, 13, 10, 5, 3 (n = 40).
    # sum over c != k of n_c n_k = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216. alpha = 1 - 39 * 8 / 1216.
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(1 - 39 * 8 / 1216)


def test_fleiss_1971_diagnoses():
    table = diagnoses_table()
    assert table.shape == (30, 5) and set(table.sum(axis=1)) == {6}
    assert round(fleiss_kappa(table), 3) == 0.430  # Fleiss (1971), p. 381
    assert fleiss_kappa(table) == pytest.approx(sm_fleiss_kappa(table, method="fleiss"))


def test_cohen_textbook_2x2():
    # The 50-item example of Wikipedia's "Cohen's kappa" article (after Cohen 1960): both "yes" 20,
    # A yes / B no 5, A no / B yes 10, both "no" 15. po = 35/50 = 0.70, pe = 0.5*0.6 + 0.5*0.4 = 0.50.
    a = [1] * 20 + [1] * 5 + [0] * 10 + [0] * 15
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert percent_agreement([a, b]) == pytest.approx(0.70)
    assert cohen_kappa(a, b) == pytest.approx(0.40)
    assert interpret_kappa(cohen_kappa(a, b)) == "fair"


def test_nvivo_character_example():
    # NVivo's coding comparison: a 1,000-character source; user A codes characters 0-499, user B 150-499,
    # so they agree on 850 of 1,000 characters: percentage agreement 85 %.
    # Kappa by hand: po = 0.85, pe = 0.5 * 0.35 + 0.5 * 0.65 = 0.5, kappa = 0.35 / 0.5 = 0.70.
    import pandas as pd

    codings = pd.DataFrame({"document_id": [1, 1], "coder": ["A", "B"], "code": ["N1", "N1"],
                            "start": [0, 150], "end": [500, 500]})
    table = presence_table(codings, char_units({1: 1000}), coders=["A", "B"], codes=["N1"])["N1"]
    assert table.shape == (2, 1000)
    assert percent_agreement(table.to_numpy()) == pytest.approx(0.85)
    assert cohen_kappa(table.loc["A"], table.loc["B"]) == pytest.approx(0.70)


# -- property tests against the reference libraries --------------------------------------

ratings = st.integers(min_value=2, max_value=4).flatmap(
    lambda k: st.lists(st.tuples(st.integers(0, k - 1), st.integers(0, k - 1)), min_size=2, max_size=60))


@settings(max_examples=60, deadline=None)
@given(ratings)
def test_cohen_matches_sklearn_and_is_symmetric(pairs):
    a, b = (list(x) for x in zip(*pairs, strict=True))
    ours = cohen_kappa(a, b)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = cohen_kappa_score(a, b)
    assert (math.isnan(ours) and math.isnan(theirs)) or ours == pytest.approx(theirs)
    swapped = cohen_kappa(b, a)
    assert (math.isnan(ours) and math.isnan(swapped)) or ours == pytest.approx(swapped)


reliability = st.tuples(st.integers(2, 4), st.integers(2, 25), st.integers(2, 4)).flatmap(
    lambda s: st.lists(st.lists(st.one_of(st.integers(0, s[2] - 1), st.just(None)), min_size=s[1], max_size=s[1]),
                       min_size=s[0], max_size=s[0]))


def as_array(rows) -> np.ndarray:
    return np.array([[NAN if v is None else v for v in row] for row in rows], dtype=float)


@settings(max_examples=80, deadline=None)
@given(reliability, st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_alpha_matches_krippendorff_package_and_coder_order(rows, level):
    data = as_array(rows)
    ours = krippendorff_alpha(data, level_of_measurement=level)
    values = np.unique(data[~np.isnan(data)])
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if len(values) < 2 or not pairable.any():
        assert math.isnan(ours) or -1.5 <= ours <= 1
        return
    with np.errstate(all="ignore"):
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    if math.isnan(theirs):
        assert math.isnan(ours)
        return
    assert ours == pytest.approx(theirs, abs=1e-9)
    assert krippendorff_alpha(data[::-1], level_of_measurement=level) == pytest.approx(ours, abs=1e-9)
    patterns, counts = unit_patterns(data)
    assert pattern_alpha(patterns, counts, level=level) == pytest.approx(ours, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 4), st.integers(2, 7), st.lists(st.integers(0, 10 ** 6), min_size=2, max_size=30))
def test_fleiss_matches_statsmodels_and_rater_order(categories, raters, seeds):
    rng = np.random.default_rng(seeds[0])
    ratings = rng.integers(0, categories, size=(len(seeds), raters))
    table = np.stack([(ratings == c).sum(axis=1) for c in range(categories)], axis=1)
    ours = fleiss_kappa(table)
    with np.errstate(all="ignore"):
        theirs = sm_fleiss_kappa(table, method="fleiss")
    assert (math.isnan(ours) and not np.isfinite(theirs)) or ours == pytest.approx(theirs)
    shuffled = ratings[:, ::-1]
    table2 = np.stack([(shuffled == c).sum(axis=1) for c in range(categories)], axis=1)
    assert (math.isnan(ours) and math.isnan(fleiss_kappa(table2))) or fleiss_kappa(table2) == pytest.approx(ours)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=3, max_size=40).filter(lambda v: len(set(v)) > 1), st.integers(2, 5))
def test_identical_coders_with_variation_give_one(values, coders):
    data = np.array([values] * coders, dtype=float)
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(data, level_of_measurement=level) == pytest.approx(1.0)
    assert percent_agreement(data) == 1.0
    assert cohen_kappa(values, values) == pytest.approx(1.0)
    table = np.stack([(data.T == c).sum(axis=1) for c in range(4)], axis=1)
    assert fleiss_kappa(table) == pytest.approx(1.0)


# -- bootstrap, bands, edge cases ----------------------------------------------------------

def test_bootstrap_interval_brackets_alpha_and_is_reproducible():
    rng = np.random.default_rng(3)
    a = rng.integers(0, 2, 400)
    b = np.where(rng.random(400) < 0.85, a, 1 - a)
    data = np.stack([a, b]).astype(float)
    low, high = alpha_bootstrap_ci(data, n_boot=400, seed=1)
    alpha = krippendorff_alpha(data)
    assert low < alpha < high and high - low < 0.3
    assert alpha_bootstrap_ci(data, n_boot=400, seed=1) == (low, high)
    # the resampling over patterns is the resampling over units: compare with a plain unit bootstrap
    plain = []
    for _ in range(400):
        pick = rng.integers(0, 400, 400)
        plain.append(krippendorff_alpha(data[:, pick]))
    assert np.quantile(plain, 0.025) == pytest.approx(low, abs=0.04)
    assert np.quantile(plain, 0.975) == pytest.approx(high, abs=0.04)
    assert all(math.isnan(v) for v in alpha_bootstrap_ci([[1, 1], [1, 1]]))
    assert all(math.isnan(v) for v in alpha_bootstrap_ci(data, n_boot=0))


@pytest.mark.parametrize(("value", "band"), [(-0.1, "poor"), (0.0, "slight"), (0.2, "slight"), (0.21, "fair"),
                                             (0.40, "fair"), (0.41, "moderate"), (0.6, "moderate"),
                                             (0.61, "substantial"), (0.8, "substantial"), (0.81, "almost perfect"),
                                             (1.0, "almost perfect"), (NAN, "undefined")])
def test_landis_koch_bands(value, band):
    assert interpret_kappa(value) == band


@pytest.mark.parametrize(("value", "band"), [(0.8, "reliable"), (0.95, "reliable"), (0.7999, "tentative"),
                                             (0.667, "tentative"), (0.6669, "unreliable"), (-0.2, "unreliable"),
                                             (NAN, "undefined")])
def test_krippendorff_bands(value, band):
    assert interpret_alpha(value) == band


def test_undefined_and_bad_input():
    assert math.isnan(krippendorff_alpha([[1, 1, 1], [1, 1, 1]]))
    assert math.isnan(cohen_kappa([1, 1, 1], [1, 1, 1]))
    assert math.isnan(percent_agreement([[1, NAN], [NAN, 2]]))
    assert math.isnan(fleiss_kappa([[3, 0], [3, 0]]))
    with pytest.raises(InputError, match=r"unknown level of measurement \(level_of_measurement\) 'nominl'"):
        krippendorff_alpha([[1, 2], [1, 2]], level_of_measurement="nominl")
    with pytest.raises(InputError, match="at least 2 coders"):
        percent_agreement([[1, 2, 3]])
    with pytest.raises(InputError, match="same number of raters"):
        fleiss_kappa([[2, 1], [1, 1]])
    with pytest.raises(InputError, match="equal length"):
        cohen_kappa([1, 2], [1])
    with pytest.raises(InputError, match="n_boot must be a whole number"):
        alpha_bootstrap_ci([[1, 2], [1, 2]], n_boot=-1)
