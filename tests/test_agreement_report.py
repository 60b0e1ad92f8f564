"""agreement_report and disagreements: columns, attrs, a hand-worked report and the demo project."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.analysis.agreement import krippendorff_alpha
from qualcode.analysis.agreement_report import (
    NUMBER_KINDS,
    REPORT_COLUMNS,
    agreement_report,
    disagreements,
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
    assert list(report["code"]) == ["X", "Y", "(all codes)"]
    assert report.attrs == {"unit": "sentence", "rule": "majority", "coders": ["rina", "budi"], "n_boot": 200,
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
        assert list(report["code"]) == [*p.codes()["key"], "(all codes)"]
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
