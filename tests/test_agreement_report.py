"""agreement_report and disagreements: columns, attrs, a hand-worked report and the demo project."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.analysis.agreement import krippendorff_alpha
from qualcode.analysis.agreement_report import (
    NUMBER_KINDS,
    REASONS,
    REPORT_COLUMNS,
    agreement_report,
    disagreements,
    minimum_sample,
)
from qualcode.analysis.units import presence_table
from qualcode.errors import InputError
from qualcode.project import Project

from .test_agreement_units import build_units_project

DEMO_SHARED = ["I-01 Ketua LKS", "I-02 TKSK Kecamatan", "I-05 Bappeda", "I-06 Dinkes", "I-09 Kepala Dinas",
               "I-10 Sekretaris"]


@pytest.fixture
def hand(tmp_path):
    with build_units_project(tmp_path) as p:
        yield p


def test_hand_report(hand):
    units = hand.units("d1", kind="sentence")
    report = agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Y"], n_boot=200)
    assert list(report.columns) == REPORT_COLUMNS
    assert list(report["code"]) == ["X", "Y", "(all codes)", "(all codes, coded units)"]
    assert report.attrs == {"unit": "sentence", "rule": "majority", "coders": ["rina", "budi"], "n_boot": 200,
                            "seed": 0, "level": "nominal", "units": 3, "coded_units": 2, "rollup": {},
                            "pooled_codes": ["X", "Y"], "min_sample": {"alpha_min": 0.8, "p": 0.05},
                            "number_kinds": NUMBER_KINDS}  # how a paper prints each statistic
    x = report.set_index("code").loc["X"]
    # X (majority): rina 1 0 0, budi 0 1 0. Agreement on S3 only: 1/3; prevalence 2/3; S3 has no code
    # from anyone: uncoded 1/3. po = 1/3, pe = 1/3 * 1/3 + 2/3 * 2/3 = 5/9, kappa = (3/9 - 5/9) / (4/9) = -0.5.
    assert (x["units"], x["coders"]) == (3, 2)
    assert x["percent_agreement"] == pytest.approx(1 / 3)
    assert x["prevalence"] == pytest.approx(2 / 3) and x["uncoded"] == pytest.approx(1 / 3)
    assert x["kappa"] == pytest.approx(-0.5) and x["kappa_kind"] == "cohen" and x["kappa_band"] == "poor"
    assert x["alpha"] == pytest.approx(krippendorff_alpha([[1, 0, 0], [0, 1, 0]]))
    assert x["alpha_band"] == "unreliable"
    pooled = report.set_index("code").loc["(all codes)"]
    # six unit x code items: X as above, Y rina 0 1 0 / budi 0 0 0: agreement on 3 of 6
    assert pooled["percent_agreement"] == pytest.approx(3 / 6)
    a, b = [1, 0, 0, 0, 1, 0], [0, 1, 0, 0, 0, 0]
    assert pooled["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert pooled["alpha"] == pytest.approx(krippendorff_alpha([a, b]))
    assert pooled["prevalence"] == pytest.approx(2 / 3)
    # the same items over the units somebody coded (S1, S2): S3, agreement on absence for both codes, drops out
    coded = report.set_index("code").loc["(all codes, coded units)"]
    a, b = [1, 0, 0, 1], [0, 1, 0, 0]  # X on S1, S2; Y on S1, S2
    assert coded["units"] == 2 and coded["percent_agreement"] == pytest.approx(1 / 4)
    assert coded["kappa"] == pytest.approx(cohen_kappa_score(a, b))
    assert coded["alpha"] == pytest.approx(krippendorff.alpha([a, b], level_of_measurement="nominal"))
    assert (coded["prevalence"], coded["uncoded"]) == (1.0, 0.0)


def test_three_coders_use_fleiss(hand):
    hand.add_coding("d1", 0, 20, "X", "sari")
    units = hand.units("d1", kind="sentence")
    report = agreement_report(hand.codings(), units, coders=["rina", "budi", "sari"], codes=["X"], n_boot=50)
    assert set(report["kappa_kind"]) == {"fleiss"} and set(report["coders"]) == {3}
    from statsmodels.stats.inter_rater import fleiss_kappa

    # X: rina 1 0 0, budi 0 1 0, sari 1 0 0 -> counts (absent, present) per unit
    table = np.array([[1, 2], [2, 1], [3, 0]])
    assert report.loc[0, "kappa"] == pytest.approx(fleiss_kappa(table))


def test_disagreements(hand):
    units = hand.units("d1", kind="sentence")
    frame = disagreements(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Y"])
    assert list(frame.columns) == ["document_id", "unit_id", "start", "end", "code", "rina", "budi"]
    assert [(r.start, r.code, r.rina, r.budi) for r in frame.itertuples()] == [
        (0, "X", 1, 0), (24, "X", 0, 1), (24, "Y", 1, 0)]


def test_char_report_from_text_length():
    codings = pd.DataFrame({"document_id": [7, 7], "coder": ["A", "B"], "code": ["N", "N"],
                            "start": [0, 150], "end": [500, 500]})
    report = agreement_report(codings, None, coders=["A", "B"], codes=["N"], unit="char", text_length=1000)
    assert report.loc[0, "units"] == 1000
    assert report.loc[0, "percent_agreement"] == pytest.approx(0.85)
    assert report.loc[0, "kappa"] == pytest.approx(0.70)
    assert report.attrs["unit"] == "char"


def test_report_errors(hand):
    units = hand.units("d1", kind="sentence")
    with pytest.raises(InputError, match="at least 2 different coders"):
        agreement_report(hand.codings(), units, coders=["rina", "rina"], codes=["X"])
    with pytest.raises(InputError, match="unknown unit 'word'; allowed: sentence, turn, char"):
        agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["X"], unit="word")
    with pytest.raises(InputError, match="needs text_length"):
        agreement_report(hand.codings(), None, coders=["rina", "budi"], codes=["X"], unit="char")


def test_demo_rina_and_budi(demo_path):
    with Project.open(demo_path) as p:
        docs = p.documents()
        codings = p.codings()
        both = [name for name, doc_id in zip(docs["name"], docs["id"], strict=True)
                if {"rina", "budi"} <= set(codings.loc[codings["document_id"] == doc_id, "coder"])]
        assert both == DEMO_SHARED
        report = p.agreement(coders=["rina", "budi"], unit="sentence", documents=both)
        assert report.attrs["documents"] == DEMO_SHARED and report.attrs["coders"] == ["rina", "budi"]
        assert list(report["code"]) == [*p.codes()["key"], "(all codes)", "(all codes, coded units)"]
        for column in ("kappa", "alpha", "alpha_low", "alpha_high"):
            values = report[column].dropna()
            assert len(values) > 0 and values.between(-1, 1).all(), column
        # an independent recomputation of one code's kappa: project, then sklearn on the table
        ids = docs.set_index("name").loc[both, "id"].tolist()
        units = p.units(kind="sentence")
        units = units[units["document_id"].isin(ids)]
        mine = codings[codings["document_id"].isin(ids)]
        code = "E2.1"  # coded by both in the demo
        table = presence_table(mine, units, coders=["rina", "budi"], codes=[code])[code]
        assert report.set_index("code").at[code, "kappa"] == pytest.approx(
            cohen_kappa_score(table.loc["rina"], table.loc["budi"]))
        assert report.set_index("code").at[code, "units"] == len(units)
        assert not math.isnan(report.set_index("code").at["(all codes)", "alpha"])


# -- undefined figures and small samples ---------------------------------------------------------

def test_minimum_sample_reproduces_krippendorffs_table():
    # Krippendorff (2019), two coders, p = .05, four equally likely values (p_c = .25): 139 values for
    # alpha_min = .800 and 81 for .667 (the table as ATLAS.ti's manual reproduces it, "Sample Size and Decision
    # Rules"); a 10-value domain (p_c = .1) needs more than twice as many as p_c = .5
    assert minimum_sample(0.25) == 139
    assert minimum_sample(0.25, alpha_min=0.667) == 81
    assert minimum_sample(0.1) > 2 * minimum_sample(0.5)
    assert minimum_sample(0.25, coders=3) > minimum_sample(0.25)
    for kwargs, field in [({"p_c": 0.0}, "p_c"), ({"p_c": float("nan")}, "p_c"), ({"p_c": 0.2, "alpha_min": 1.0},
                          "alpha_min"), ({"p_c": 0.2, "p": 0.7}, "p"), ({"p_c": 0.2, "coders": 1}, "coders"),
                          ({"p_c": True}, "p_c")]:
        with pytest.raises(InputError, match=f"^{field} must be"):
            minimum_sample(**kwargs)


def required_units(ones: int, n: int, coders: int = 2) -> int:
    """Krippendorff's sample-size rule written out from scipy's normal quantile: units for alpha_min .800, p .05."""
    from scipy.stats import norm

    p_c = min(ones, coders * n - ones) / (coders * n)
    z = norm.ppf(0.95)
    values = coders * z ** 2 * (1.8 * 2.2 / (4 * 0.2 * p_c * (1 - p_c)) - 0.8)
    return math.ceil(math.ceil(values - 1e-9) / coders)


@pytest.mark.parametrize("n", [*range(40, 60), 200])
def test_small_sample_warning_below_the_threshold_and_not_above(n):
    # two coders on n characters: both code the first half, budi one character more (so alpha is defined)
    half = n // 2
    codings = pd.DataFrame({"document_id": [1, 1], "coder": ["rina", "budi"], "code": ["K", "K"],
                            "start": [0, 0], "end": [half, half + 1]})
    report = agreement_report(codings, None, coders=["rina", "budi"], codes=["K"], unit="char", text_length=n,
                              n_boot=0).set_index("code")
    need = required_units(2 * half + 1, n)
    assert report.at["K", "min_units"] == need
    assert 50 <= need <= 53  # near p_c = .5: 103 values, some 52 units
    if n < need:
        assert report.at["K", "warning"] == f"small sample: {n} units, fewer than {need}"
    else:
        assert report.at["K", "warning"] == ""
    assert report.at["K", "reason"] == ""


def test_rare_code_needs_more_units_than_a_common_one():
    # 1000 characters: K on half of them, R on 10 (1%): R's alpha rests on few "present" values
    codings = pd.DataFrame({"document_id": [1] * 4, "coder": ["a", "b", "a", "b"], "code": ["K", "K", "R", "R"],
                            "start": [0, 0, 0, 2], "end": [500, 510, 10, 10]})
    report = agreement_report(codings, None, coders=["a", "b"], codes=["K", "R"], unit="char", text_length=1000,
                              n_boot=0).set_index("code")
    assert report.at["K", "warning"] == "" and report.at["K", "min_units"] < 100
    assert report.at["R", "min_units"] == required_units(18, 1000) > 1000
    assert report.at["R", "warning"].startswith("small sample: 1000 units, fewer than ")


def test_every_undefined_figure_says_why(hand):
    hand.add_code("Z", "Zed")  # nobody codes Z
    hand.add_code("W", "Double-u")
    for coder in ("rina", "budi"):  # both code W on the whole text: one category only
        hand.add_coding("d1", 0, len(hand.document("d1")["text"]), "W", coder)
    units = hand.units("d1", kind="sentence")
    report = agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Z", "W"], n_boot=0)
    reasons = dict(zip(report["code"], report["reason"], strict=True))
    assert reasons["Z"] == REASONS["none_coded"] == "one category only: no coder coded any unit with it"
    assert reasons["W"] == REASONS["all_coded"] == "one category only: every coder coded every unit with it"
    assert reasons["X"] == ""
    undefined = report["kappa"].isna() | report["alpha"].isna()
    assert set(report.loc[undefined, "code"]) == {"Z", "W"}
    assert (report.loc[undefined, "reason"] != "").all() and report.loc[undefined, "min_units"].isna().all()
    assert (report.loc[undefined, "warning"] == "").all()
    empty = agreement_report(hand.codings(), units.iloc[0:0], coders=["rina", "budi"], codes=["X"], n_boot=0)
    assert set(empty["reason"]) == {REASONS["no_units"]}
    nobody = agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["Z"], n_boot=0)
    assert list(nobody["reason"]) == [REASONS["none_coded"]] * 3  # Z, and both pooled rows


def test_rollup_reads_the_codes_below(hand):
    # P stands above X and Y: a unit carries P for a coder with X or Y present (each by the majority rule)
    units = hand.units("d1", kind="sentence")
    report = agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["P", "X"], n_boot=0,
                              rollup={"P": ["X", "Y"], "Q": ["Y"]}).set_index("code")
    # X: rina 1 0 0, budi 0 1 0; Y: rina 0 1 0, budi 0 0 0 -> P: rina 1 1 0, budi 0 1 0
    rina, budi = [1, 1, 0], [0, 1, 0]
    assert report.at["P", "kappa"] == pytest.approx(cohen_kappa_score(rina, budi))
    assert report.at["P", "alpha"] == pytest.approx(krippendorff.alpha([rina, budi], level_of_measurement="nominal"))
    assert report.at["P", "prevalence"] == pytest.approx(2 / 3)
    frame = agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["P", "X"], n_boot=0,
                             rollup={"P": ["X", "Y"], "Q": ["Y"]})
    assert frame.attrs["rollup"] == {"P": ["X", "Y"]}  # Q is not reported
    assert frame.attrs["pooled_codes"] == ["P", "X", "Y"]  # each code once, by its own codings
    # the pool: P's own codings (none) and X and Y as coded, 9 items
    a, b = [0, 0, 0, 1, 0, 0, 0, 1, 0], [0, 0, 0, 0, 1, 0, 0, 0, 0]
    assert report.at["(all codes)", "kappa"] == pytest.approx(cohen_kappa_score(a, b))
    with pytest.raises(InputError, match="rollup of code 'P' must be a list"):
        agreement_report(hand.codings(), units, coders=["rina", "budi"], codes=["P"], rollup={"P": "X"})
