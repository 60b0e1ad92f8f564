"""Input checks of every public agreement statistic: each bad input is an InputError whose message names the
argument at fault, and the inputs the checks let through still give the values of an independent computation."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.analysis.agreement import (
    alpha_bootstrap_ci,
    binary_u_alpha,
    cohen_kappa,
    cu_alpha,
    fleiss_kappa,
    interpret_alpha,
    interpret_kappa,
    k_u_alpha,
    krippendorff_alpha,
    pattern_alpha,
    pattern_bootstrap_ci,
    percent_agreement,
    reliability_array,
    u_alpha,
    unit_patterns,
    weighted_fleiss_kappa,
)
from qualcode.analysis.agreement_report import agreement_report
from qualcode.analysis.units import presence_table, project_codings
from qualcode.errors import InputError

NAN = math.nan
GOOD = [[1, 2, 3, 3], [1, 2, 3, 4], [NAN, 2, 3, 3]]
SPAN_COLUMNS = ["coder", "start", "end", "category"]


def raises(argument: str, *more: str):
    """pytest.raises(InputError) whose message must name ``argument`` (and contain each of ``more``)."""
    return _Raises(argument, more)


class _Raises:
    def __init__(self, argument: str, more: tuple[str, ...]) -> None:
        self.argument, self.more = argument, more
        self.context = pytest.raises(InputError)

    def __enter__(self):
        self.info = self.context.__enter__()
        return self.info

    def __exit__(self, *exc):
        handled = self.context.__exit__(*exc)
        message = str(self.info.value)
        assert self.argument in message, f"{self.argument!r} not named in: {message}"
        for part in self.more:
            assert part in message, f"{part!r} not in: {message}"
        return handled


# -- level of measurement ---------------------------------------------------------------

@pytest.mark.parametrize("level", ["nominl", "Nominal", "", None, 2])
def test_unknown_level_names_level_of_measurement(level):
    with raises("level_of_measurement", "allowed: nominal, ordinal, interval, ratio"):
        krippendorff_alpha(GOOD, level_of_measurement=level)
    with raises("level_of_measurement"):
        alpha_bootstrap_ci(GOOD, level_of_measurement=level, n_boot=10)


def test_unknown_level_of_pattern_functions_is_refused_not_read_as_ordinal():
    patterns, counts = unit_patterns(np.array(GOOD, dtype=float))
    with raises("level", "unknown level of measurement"):
        pattern_alpha(patterns, counts, level="nominl")
    with raises("level"):
        pattern_bootstrap_ci(patterns, counts, level="intervall", n_boot=10)


# -- ratio level -------------------------------------------------------------------------

def test_negative_values_at_ratio_level():
    data = [[-1, 1, 2], [1, -1, 2]]
    # the krippendorff package calls this perfect agreement: ((c - k) / (c + k))^2 is 0 when c + k = 0
    assert krippendorff.alpha(reliability_data=np.array(data, dtype=float), level_of_measurement="ratio") == 1.0
    with raises("reliability_data", "negative", "-1", "ratio", ">= 0"):
        krippendorff_alpha(data, level_of_measurement="ratio")
    with raises("reliability_data", "negative"):
        alpha_bootstrap_ci(data, level_of_measurement="ratio", n_boot=10)
    patterns, counts = unit_patterns(np.array(data, dtype=float))
    with raises("patterns", "negative"):
        pattern_alpha(patterns, counts, level="ratio")
    # the same values are fine on an interval scale, and 0 is on a ratio scale
    assert math.isfinite(krippendorff_alpha(data, level_of_measurement="interval"))
    assert math.isfinite(krippendorff_alpha([[0, 1, 2], [0, 1, 3]], level_of_measurement="ratio"))


# -- Cohen's kappa -----------------------------------------------------------------------

@pytest.mark.parametrize("missing", [NAN, None, np.float32("nan"), pd.NA])
def test_cohen_kappa_missing_value(missing):
    with raises("a", "missing value", "position 2", "krippendorff_alpha"):
        cohen_kappa([1, 0, missing, 1], [1, 0, 0, 1])
    with raises("b", "position 0"):
        cohen_kappa(["x", "y", "x"], [missing, "y", "x"])


def test_cohen_kappa_labels_that_do_not_cover_the_data():
    # scikit-learn drops the units whose values are not in labels: 1.0 here, NaN elsewhere, without a word
    assert cohen_kappa_score([1, 2, 2], [1, 2, 3], labels=[1, 2]) == 1.0
    with raises("labels", "3", "do not cover"):
        cohen_kappa([1, 2, 2], [1, 2, 3], labels=[1, 2])
    with raises("labels", "'E3'"):
        cohen_kappa(["E1", "E3"], ["E1", "E1"], labels=["E1", "E2"])


@pytest.mark.parametrize(("labels", "says"), [([], "empty"), ([0, 1, 1], "twice"), ("01", "list"),
                                              ([0, NAN, 1], "missing")])
def test_cohen_kappa_malformed_labels(labels, says):
    with raises("labels", says):
        cohen_kappa([0, 1, 1], [0, 1, 0], labels=labels)


def test_cohen_kappa_shapes_lengths_and_empty():
    with raises("a and b", "equal length", "4 and 3"):
        cohen_kappa([1, 0, 1, 1], [1, 0, 1])
    with raises("a", "1-D"):
        cohen_kappa([[1, 0], [1, 1]], [1, 0])
    with raises("b", "1-D"):
        cohen_kappa([1, 0], [[1, 0], [1]])
    with raises("a", "sequence"):
        cohen_kappa("1010", [1, 0, 1, 0])
    with raises("a and b", "empty"):
        cohen_kappa([], [])


def test_cohen_kappa_values_in_two_forms():
    with raises("a", "numbers", "b", "text"):
        cohen_kappa([1, 0], ["1", "0"])
    with raises("a", "mixes"):
        cohen_kappa(np.array([1, "x"], dtype=object), np.array([1, 2], dtype=object))
    with raises("a", "infinite"):
        cohen_kappa([1.0, math.inf], [1.0, 0.0])


def test_cohen_kappa_weights():
    with raises("weights", "unknown kappa weights", "'square'"):
        cohen_kappa([1, 2], [1, 2], weights="square")
    # text has no order of its own: weighted kappa needs labels to give it
    with raises("weights", "labels"):
        cohen_kappa(["low", "high", "mid"], ["low", "mid", "mid"], weights="linear")
    ordered = ["low", "mid", "high"]
    ours = cohen_kappa(["low", "high", "mid", "mid"], ["low", "mid", "mid", "high"], labels=ordered, weights="linear")
    theirs = cohen_kappa_score([0, 2, 1, 1], [0, 1, 1, 2], weights="linear")
    assert ours == pytest.approx(theirs)


# -- reliability data: shapes, coders, emptiness, values ---------------------------------

@pytest.mark.parametrize("function", [percent_agreement, krippendorff_alpha,
                                      lambda d: alpha_bootstrap_ci(d, n_boot=10)])
def test_reliability_data_shape_coders_and_empty(function):
    with raises("reliability_data", "2-D"):
        function([1, 2, 3])
    with raises("reliability_data", "2-D"):
        function([[[1, 2]], [[1, 2]]])
    with raises("reliability_data", "at least 2 coders", "got 1"):
        function([[1, 2, 3]])
    with raises("reliability_data", "empty", "no units"):
        function([[], []])
    with raises("reliability_data", "differ in length"):
        function([[1, 2, 3], [1, 2]])
    with raises("reliability_data", "missing"):
        function(None)
    with raises("reliability_data", "infinite", "row 1, column 0"):
        function([[1, 2], [math.inf, 2]])


@pytest.mark.parametrize("level", ["ordinal", "interval", "ratio"])
def test_text_where_the_level_needs_numbers(level):
    with raises("reliability_data", "text", "'low'", f"level_of_measurement {level!r}", "needs numbers"):
        krippendorff_alpha([["low", "high"], ["low", "low"]], level_of_measurement=level)
    with raises("reliability_data", "text"):
        alpha_bootstrap_ci([["low", "high"], ["low", "low"]], level_of_measurement=level, n_boot=10)


def test_values_that_are_neither_numbers_nor_names():
    with raises("reliability_data", "mixes numbers"):
        krippendorff_alpha([[1, "E1"], [1, "E1"]])
    with raises("reliability_data", "neither a number nor a category name"):
        krippendorff_alpha([[1, {2}], [1, 2]])
    with raises("reliability_data", "complex"):
        percent_agreement(np.array([[1 + 1j, 2], [1, 2]]))


def test_category_names_at_nominal_level_give_the_alpha_of_their_numbers():
    names = [["E1", "E2", None, "E3", "E2"], ["E1", "E1", "E2", "E3", NAN], ["E2", "E2", "E2", "E3", "E1"]]
    numbered = [[{"E1": 1, "E2": 2, "E3": 3}.get(v, NAN) if isinstance(v, str) else NAN for v in row] for row in names]
    reference = krippendorff.alpha(reliability_data=np.array(numbered, dtype=float), level_of_measurement="nominal")
    assert krippendorff_alpha(names) == pytest.approx(reference)
    assert percent_agreement(names) == pytest.approx(percent_agreement(numbered))
    assert np.isnan(reliability_array(names)[0, 2]) and np.isnan(reliability_array(names)[1, 4])


# -- bootstrap options ------------------------------------------------------------------

@pytest.mark.parametrize(("options", "argument"), [({"n_boot": -1}, "n_boot"), ({"n_boot": 2.5}, "n_boot"),
                                                   ({"n_boot": True}, "n_boot"), ({"ci": 1.0}, "ci"),
                                                   ({"ci": 0}, "ci"), ({"ci": "95%"}, "ci"),
                                                   ({"ci": NAN}, "ci"), ({"seed": -3}, "seed"),
                                                   ({"seed": "x"}, "seed")])
def test_bootstrap_options(options, argument):
    with raises(argument):
        alpha_bootstrap_ci(GOOD, **options)
    patterns, counts = unit_patterns(np.array(GOOD, dtype=float))
    with raises(argument):
        pattern_bootstrap_ci(patterns, counts, **options)


def test_pattern_counts():
    patterns, counts = unit_patterns(np.array(GOOD, dtype=float))
    with raises("counts", "one whole number per pattern"):
        pattern_alpha(patterns, counts[:-1])
    with raises("counts", "whole number"):
        pattern_alpha(patterns, counts.astype(float) / 2)
    with raises("counts", ">= 0"):
        pattern_alpha(patterns, -counts)
    with raises("patterns", "at least 2 coders"):
        pattern_alpha(patterns[:, :1], counts)


# -- Fleiss' kappa ------------------------------------------------------------------------

@pytest.mark.parametrize(("table", "says"), [
    ([[3, 0], [2, 1.5]], "whole numbers"), ([[3, 0], [4, -1]], ">= 0"), ([[3, 0], [NAN, 3]], "missing"),
    ([[2, 1], [1, 1]], "same number of raters"), ([[1, 0], [0, 1]], "at least 2 raters"),
    ([], "2-D"), ([3, 0], "2-D"), ([[], []], "2-D"), ([["a", "b"]], "counts")])
def test_fleiss_table(table, says):
    with raises("table", says):
        fleiss_kappa(table)
    with raises("table", says):
        weighted_fleiss_kappa(table, np.ones(max(len(table), 1)))


@pytest.mark.parametrize("weights", [[1], [1, -1], [0, 0], [1, NAN], ["a", "b"]])
def test_weighted_fleiss_weights(weights):
    with raises("weights"):
        weighted_fleiss_kappa([[3, 0], [2, 1]], weights)


# -- interpretation -------------------------------------------------------------------------

@pytest.mark.parametrize("function", [interpret_kappa, interpret_alpha])
def test_interpretation_needs_a_number(function):
    with raises("value", "must be a number"):
        function("0.8")
    with raises("value", "must be a number"):
        function(None)
    assert function(NAN) == "undefined"


# -- unitized alphas ---------------------------------------------------------------------

UNITIZED = [u_alpha, binary_u_alpha, cu_alpha, lambda s, **kw: k_u_alpha(s, category="x", **kw)]


@pytest.mark.parametrize("function", UNITIZED)
def test_unitized_spans(function):
    with raises("spans", "start < end"):
        function([("a", 3, 3, "x"), ("b", 1, 4, "x")], length=10)  # a span of no characters
    with raises("spans", "<= 10"):
        function([("a", 3, 11, "x"), ("b", 1, 4, "x")], length=10)
    with raises("spans", "whole numbers"):
        function(pd.DataFrame([("a", 1.5, 4, "x"), ("b", 1, 4, "x")], columns=SPAN_COLUMNS), length=10)
    with raises("spans", "no category"):
        function([("a", 1, 4, None), ("b", 1, 4, "x")], length=10)
    with raises("spans", "no coder"):
        function([(None, 1, 4, "x"), ("b", 1, 4, "x")], length=10)
    with raises("spans", "lack column"):
        function(pd.DataFrame({"coder": ["a"], "start": [1], "end": [2]}), length=10)
    with raises("spans", "one record per span"):
        function([("a", 1, 4)], length=10)
    with raises("spans"):
        function(None, length=10)


@pytest.mark.parametrize("function", UNITIZED)
def test_unitized_coders_and_length(function):
    spans = [("a", 1, 4, "x"), ("b", 2, 4, "x")]
    with raises("coders", "one string 'ab'"):
        function(spans, length=10, coders="ab")
    with raises("coders", "not among the coders"):
        function(spans, length=10, coders=["a", "c"])
    with raises("coders", "at least 2 coders"):
        function([("a", 1, 4, "x")], length=10)
    with raises("length of the continuum"):
        function(spans, length=0)
    with raises("length of the continuum"):
        function(spans, length=10.0)


def test_unitized_category_nobody_used_is_undefined():
    spans = [("a", 1, 4, "x"), ("b", 2, 4, "x")]
    assert math.isnan(k_u_alpha(spans, length=10, category="y"))
    assert math.isnan(binary_u_alpha(spans, length=10, category="y"))


# -- units and codings: zero-length units ----------------------------------------------------

def _codings(*rows):
    return pd.DataFrame(list(rows), columns=["document_id", "coder", "code", "start", "end"])


def test_zero_length_unit_is_refused():
    units = pd.DataFrame({"id": [10, 11, 12], "document_id": [1, 1, 1], "start": [0, 5, 20], "end": [5, 5, 30]})
    codings = _codings((1, "a", "E1", 20, 30))
    # before: unit 11 (5:5) carried E1 for coder a under the majority rule, though a coded only 20:30
    with raises("units", "unit 11", "5:5", "no characters"):
        presence_table(codings, units, coders=["a", "b"], codes=["E1"])
    with raises("units", "unit 11"):
        project_codings(codings, units, coders=["a", "b"], codes=["E1"], rule="any")
    with raises("units", "unit 11"):
        agreement_report(codings, units, coders=["a", "b"], codes=["E1"], n_boot=0)


def test_unit_and_coding_offsets():
    units = pd.DataFrame({"id": [1, 2], "document_id": [1, 1], "start": [0, 5], "end": [5, 10]})
    with raises("units", "unit 2", "invalid"):
        presence_table(_codings(), units.assign(end=[5, 3]), coders=["a", "b"], codes=["E1"])
    with raises("units", "whole numbers"):
        presence_table(_codings(), units.assign(start=[0, NAN]), coders=["a", "b"], codes=["E1"])
    with raises("units", "invalid"):
        presence_table(_codings(), units.assign(start=[-1, 5]), coders=["a", "b"], codes=["E1"])
    with raises("codings", "E1 by a", "no characters"):
        presence_table(_codings((1, "a", "E1", 4, 4)), units, coders=["a", "b"], codes=["E1"])
    with raises("codings", "whole numbers"):
        presence_table(_codings((1, "a", "E1", 1.5, 4)), units, coders=["a", "b"], codes=["E1"])


def test_valid_units_still_project_as_before():
    # whole offsets stored as floats (as pandas keeps them beside a missing value elsewhere) still work
    units = pd.DataFrame({"id": [1, 2], "document_id": [1, 1], "start": [0.0, 5.0], "end": [5.0, 10.0]})
    table = presence_table(_codings((1, "a", "E1", 0, 6)), units, coders=["a", "b"], codes=["E1"])["E1"]
    assert table.values.tolist() == [[1, 0], [0, 0]]
