"""The unitized alpha family (Krippendorff, Mathet, Bouvry & Widlöcher 2016): values worked out by hand,
identities, and the relations the paper states."""

from __future__ import annotations

import math
from fractions import Fraction

import krippendorff
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.analysis.agreement import binary_u_alpha, cu_alpha, k_u_alpha, u_alpha
from qualcode.analysis.unitized import u_coincidences
from qualcode.errors import InputError

COLUMNS = ["coder", "start", "end", "category"]


def spans(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS)


def test_worked_example_two_coders_one_category():
    # Continuum of 10 positions. Coder a: unit [2, 6) (length 4); coder b: unit [3, 6) (length 3).
    # Sections a: gap 0-2 (2), unit 2-6 (4), gap 6-10 (4); b: gap 0-3 (3), unit 3-6 (3), gap 6-10 (4).
    # Observed coincidences over the ordered pairs (a, b) and (b, a), divided by m - 1 = 1:
    #   positions 0-2 and 6-10 are gap/gap: l_00 = 2 * (2 + 4) = 12; 3-6 unit/unit: l_11 = 2 * 3 = 6;
    #   position 2 is unit (a) / gap (b): l_10 = l_01 = 1.  L = m * length = 20; margins l_0. = 13, l_1. = 7.
    # Expected: units count squared (4^2 + 3^2 = 25), gaps count their length (2 + 4 + 3 + 4 = 13); S = 38.
    #   e_00 = 20 (13 * 13 - 13) / (400 - 38) = 3120 / 362;  e_11 = 20 (7 * 7 - 25) / 362 = 480 / 362.
    # Do = L - (l_00 + l_11) = 2;  De = L - (e_00 + e_11) = 20 - 3600 / 362 = 3640 / 362.
    # u-alpha = 1 - 2 * 362 / 3640 = 729 / 910.
    data = spans(("a", 2, 6, "x"), ("b", 3, 6, "x"))
    expected = float(1 - Fraction(2 * 362, 3640))
    assert expected == pytest.approx(729 / 910)
    assert u_alpha(data, length=10) == pytest.approx(expected)
    o, e, categories = u_coincidences(data, length=10)
    assert categories == ["x"]
    assert o.tolist() == [[12, 1], [1, 6]]
    assert e[0, 0] == pytest.approx(3120 / 362) and e[1, 1] == pytest.approx(480 / 362)
    # one category: |u-alpha (either form) is the same coefficient
    assert binary_u_alpha(data, length=10) == pytest.approx(expected)
    assert binary_u_alpha(data, length=10, category="x") == pytest.approx(expected)


def test_worked_example_cu_alpha():
    # Length 10; both coders mark units [0, 4) and [6, 10); a calls them x, y; b calls both x.
    # Valued intersections (ordered pairs, m - 1 = 1): [0, 4) x/x: l_xx = 2 * 4 = 8; [6, 10) y/x: l_xy = l_yx = 4.
    # Margins l_x = 12, l_y = 4, L' = 16. Each unit is intersected over its whole length 4 by the other
    # coder's units, so T_x = 3 * 16 = 48 (a's x, b's two x), T_y = 16, T = 64.
    # e_xx = 16 (144 - 48) / (256 - 64) = 8, e_yy = 16 (16 - 16) / 192 = 0, e_xy = 16 * 48 / 192 = 4.
    # cu-alpha = 1 - (l_xy + l_yx) / (e_xy + e_yx) = 1 - 8 / 8 = 0.
    # (k)u-alpha for y: 1 - (e_y. / l_y.) (l_y. - l_yy) / (e_y. - e_yy) = 1 - (4 / 4) (4 - 0) / (4 - 0) = 0.
    data = spans(("a", 0, 4, "x"), ("a", 6, 10, "y"), ("b", 0, 4, "x"), ("b", 6, 10, "x"))
    assert cu_alpha(data, length=10) == pytest.approx(0.0)
    assert k_u_alpha(data, length=10, category="y") == pytest.approx(0.0)
    # (k)u-alpha for x: e_x. = 8 + 4 = 12, l_x. = 12, l_xx = 8, e_xx = 8: 1 - 1 * 4 / 4 = 0.
    assert k_u_alpha(data, length=10, category="x") == pytest.approx(0.0)
    # the coders agree perfectly on where the units are, so |u-alpha is 1 though the categories differ
    assert binary_u_alpha(data, length=10) == pytest.approx(1.0)
    assert u_alpha(data, length=10) < 1


def test_identical_unitizations_give_one():
    data = spans(("a", 0, 3, "x"), ("a", 5, 9, "y"), ("a", 12, 20, "x"),
                 ("b", 0, 3, "x"), ("b", 5, 9, "y"), ("b", 12, 20, "x"),
                 ("c", 0, 3, "x"), ("c", 5, 9, "y"), ("c", 12, 20, "x"))
    for fn in (u_alpha, binary_u_alpha, cu_alpha):
        assert fn(data, length=25) == pytest.approx(1.0)
    assert k_u_alpha(data, length=25, category="y") == pytest.approx(1.0)
    assert binary_u_alpha(data, length=25, category="x") == pytest.approx(1.0)


def test_relation_cu_alpha_is_ordinary_alpha_for_shared_equal_units():
    # Relation (2016, section 5.3): when all coders identify the same units, cu-alpha reduces to the
    # ordinary (nominal) alpha of the values they gave those units; with units of equal length the
    # weights are equal, so it equals the krippendorff package's alpha on the units x coders values.
    values = [[1, 2, 1, 3, 2, 2], [1, 2, 2, 3, 2, 1], [1, 1, 2, 3, 2, 2]]
    rows = []
    for coder, row in zip("abc", values, strict=True):
        for n, value in enumerate(row):
            rows.append((coder, 10 * n, 10 * n + 5, value))
    data = spans(*rows)
    reference = krippendorff.alpha(reliability_data=np.array(values, dtype=float), level_of_measurement="nominal")
    assert cu_alpha(data, length=60) == pytest.approx(reference)


def test_relation_binary_is_the_gap_row_of_u_alpha():
    # |u-alpha = 1 - (l_0. - l_00) / (e_0. - e_00) on u-alpha's own matrices (2016, eq. 6).
    data = spans(("a", 1, 4, "x"), ("a", 6, 9, "y"), ("a", 12, 18, "x"),
                 ("b", 2, 4, "x"), ("b", 5, 9, "x"), ("b", 13, 16, "y"), ("b", 17, 19, "y"))
    o, e, _ = u_coincidences(data, length=20)
    from_matrix = 1 - (o[0].sum() - o[0, 0]) / (e[0].sum() - e[0, 0])
    assert binary_u_alpha(data, length=20) == pytest.approx(from_matrix)
    assert o.sum() == pytest.approx(2 * 20)  # margins sum to m * length


segments = st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 38), st.integers(1, 8),
                              st.sampled_from(["x", "y"])), min_size=1, max_size=12)


def non_overlapping(raw) -> pd.DataFrame:
    rows, taken = [], {}
    for coder, start, width, category in raw:
        end = min(40, start + width)
        if any(start < e and s < end for s, e in taken.get(coder, [])):
            continue
        taken.setdefault(coder, []).append((start, end))
        rows.append((coder, start, end, category))
    return spans(*rows)


@settings(max_examples=60, deadline=None)
@given(segments)
def test_coder_order_does_not_matter(raw):
    data = non_overlapping(raw)
    coders = ["a", "b", "c"]
    for fn in (u_alpha, binary_u_alpha, cu_alpha):
        one = fn(data, length=40, coders=coders)
        two = fn(data.iloc[::-1], length=40, coders=coders[::-1])
        assert (math.isnan(one) and math.isnan(two)) or one == pytest.approx(two)
        assert math.isnan(one) or one <= 1 + 1e-9


@settings(max_examples=40, deadline=None)
@given(segments)
def test_one_category_u_alpha_equals_binary(raw):
    data = non_overlapping(raw).assign(category="x")
    one = u_alpha(data, length=40, coders=["a", "b", "c"])
    two = binary_u_alpha(data, length=40, coders=["a", "b", "c"])
    assert (math.isnan(one) and math.isnan(two)) or one == pytest.approx(two)


def test_overlaps_within_a_coder():
    # same category: merged into one unit
    merged = spans(("a", 0, 5, "x"), ("a", 3, 8, "x"), ("b", 0, 8, "x"))
    assert u_alpha(merged, length=10) == pytest.approx(1.0)
    # different categories may not overlap in the u-alpha family ...
    clash = spans(("a", 0, 5, "x"), ("a", 3, 8, "y"), ("b", 0, 8, "x"))
    with pytest.raises(InputError, match="coder a: spans of different categories overlap at 3:5"):
        u_alpha(clash, length=10)
    # ... but the binary coefficient of one category takes only that category's spans
    assert binary_u_alpha(clash, length=10, category="x") < 1


def test_bad_input():
    with pytest.raises(InputError, match="need 0 <= start < end <= 10"):
        u_alpha(spans(("a", 5, 12, "x"), ("b", 0, 3, "x")), length=10)
    with pytest.raises(InputError, match="at least 2 coders"):
        u_alpha(spans(("a", 0, 3, "x")), length=10)
    with pytest.raises(InputError, match="length of the continuum"):
        u_alpha(spans(("a", 0, 3, "x"), ("b", 0, 3, "x")), length=0)
    with pytest.raises(InputError, match="lack column"):
        u_alpha(pd.DataFrame({"coder": ["a"]}), length=3)
    assert math.isnan(cu_alpha(spans(("a", 0, 3, "x"), ("b", 5, 8, "x")), length=10))
    assert math.isnan(k_u_alpha(spans(("a", 0, 3, "x"), ("b", 0, 3, "x")), length=10, category="zz"))
    # records work as well as frames, and a coder who coded nothing can be named
    assert u_alpha([("a", 2, 6, "x")], length=10, coders=["a", "b"]) < 0.5
