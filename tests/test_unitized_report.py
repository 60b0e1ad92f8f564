"""The unitized agreement report (Krippendorff, Mathet, Bouvry & Widlöcher 2016) in the product: the library's
report against hand-worked spans and the values of tests/test_unitized_alpha.py, coverage against a count of
characters, a coder with no spans, overlapping codes, `Project.unitized_agreement` and `qualcode agreement
--unitized` with what its files say they rest on."""

from __future__ import annotations

import io
import json
import math
from fractions import Fraction
from pathlib import Path

import docx
import krippendorff
import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.analysis.agreement import binary_u_alpha, cu_alpha, k_u_alpha, u_alpha
from qualcode.analysis.unitized_report import REASONS, UNITIZED_COLUMNS, unitized_report
from qualcode.cli import main
from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError
from qualcode.project import Project

COLUMNS = ["document_id", "coder", "code", "start", "end"]


def spans(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=COLUMNS)


def row(report: pd.DataFrame, code: str) -> pd.Series:
    return report.set_index("code").loc[code]


# -- hand-worked spans -------------------------------------------------------------------------------

def test_documents_are_laid_end_to_end():
    # Two documents of 10 characters. Coder a codes x on 2-6 of document 1, coder b on 3-6; document 2 holds
    # nothing. Laid end to end, the continuum has 20 positions:
    #   a: gap 0-2 (2), x 2-6 (4), gap 6-20 (14);  b: gap 0-3 (3), x 3-6 (3), gap 6-20 (14).
    # Observed coincidences (ordered pairs, m - 1 = 1): gap/gap on 0-2 and 6-20: l_00 = 2 (2 + 14) = 32;
    #   x/x on 3-6: l_xx = 2 * 3 = 6; position 2, x (a) / gap (b): l_x0 = l_0x = 1. L = 40; l_0. = 33, l_x. = 7.
    # Expected: gaps count their length, S_0 = 2 + 14 + 3 + 14 = 33; units their square, S_x = 16 + 9 = 25; S = 58.
    #   e_00 = 40 (33^2 - 33) / (40^2 - 58) = 42240 / 1542;  e_xx = 40 (7^2 - 25) / 1542 = 960 / 1542.
    # D_o = 40 - 38 = 2;  D_e = 40 - 43200 / 1542 = 18480 / 1542;  |uα = uα = 1 - 2 * 1542 / 18480 = 1283 / 1540.
    # Coverage of x: (l_x. - l_x0) / l_x. = 6 / 7. Coded: l_x. / (m L) = 7 / 40.
    data = spans((1, "a", "x", 2, 6), (1, "b", "x", 3, 6))
    expected = float(1 - Fraction(2 * 1542, 18480))
    assert expected == pytest.approx(1283 / 1540)
    report = unitized_report(data, {1: 10, 2: 10}, coders=["a", "b"], codes=["x"], documents={1: "d1", 2: "d2"})
    x, everything = row(report, "x"), row(report, "(all codes)")
    assert x["binary_u_alpha"] == pytest.approx(expected)
    assert x["coverage"] == pytest.approx(6 / 7) and x["coded"] == pytest.approx(7 / 40)
    assert everything["u_alpha"] == pytest.approx(expected) and everything["binary_u_alpha"] == pytest.approx(expected)
    # one category: cuα and (k)uα have no expected disagreement, and say so
    assert math.isnan(x["k_u_alpha"]) and math.isnan(everything["cu_alpha"])
    assert x["reason"] == "(k)uα: " + REASONS["one_code"]
    assert everything["reason"] == "cuα: " + REASONS["one_code"]
    # the empty document counts: document 1 alone is the worked example of test_unitized_alpha.py, 729 / 910
    alone = unitized_report(data, {1: 10}, coders=["a", "b"], codes=["x"])
    assert row(alone, "x")["binary_u_alpha"] == pytest.approx(729 / 910)
    # the order of the documents changes nothing, and the span in document 2 lands where it should
    flipped = unitized_report(data, {2: 10, 1: 10}, coders=["a", "b"], codes=["x"])
    assert row(flipped, "x")["binary_u_alpha"] == pytest.approx(expected)
    moved = spans((2, "a", "x", 2, 6), (2, "b", "x", 3, 6))
    assert row(unitized_report(moved, {1: 10, 2: 10}, coders=["a", "b"], codes=["x"]), "x")["binary_u_alpha"] == \
        pytest.approx(expected)
    assert report.attrs["length"] == 20 and report.attrs["documents"] == ["d1", "d2"]
    assert list(report.columns) == UNITIZED_COLUMNS


def test_per_code_binary_and_k_alpha_by_hand():
    # Length 10; both coders mark 0-4 and 6-10; a calls them x and y, b calls both x (the cuα example of
    # test_unitized_alpha.py: cuα = (k)uα of x = (k)uα of y = 0, |uα of any code = 1).
    # |uα of x alone: a: x 0-4, gap 4-10; b: x 0-4, gap 4-6, x 6-10.
    #   l_xx = 2 * 4 = 8 (0-4); l_00 = 2 * 2 = 4 (4-6); l_x0 = l_0x = 4 (6-10). L = 20; l_0. = 8, l_x. = 12.
    #   S_0 = 6 + 2 = 8; S_x = 16 + 16 + 16 = 48; S = 56.
    #   e_00 = 20 (64 - 8) / 344 = 1120 / 344; e_xx = 20 (144 - 48) / 344 = 1920 / 344.
    #   D_o = 20 - 12 = 8; D_e = 20 - 3040 / 344 = 3840 / 344; |uα = 1 - 8 * 344 / 3840 = 17 / 60.
    # |uα of y alone: a: gap 0-6, y 6-10; b: gap 0-10.
    #   l_00 = 12 (0-6); l_y0 = l_0y = 4 (6-10). l_0. = 16, l_y. = 4. S_0 = 6 + 10 = 16; S_y = 16; S = 32.
    #   e_00 = 20 (256 - 16) / 368 = 4800 / 368; e_yy = 20 (16 - 16) / 368 = 0.
    #   D_o = 8; D_e = 20 - 4800 / 368 = 2560 / 368; |uα = 1 - 8 * 368 / 2560 = -3 / 20.
    # Coverage: every x and y span meets a span of the other coder: 100%. Coded: x 12 / 20, y 4 / 20.
    data = spans((1, "a", "x", 0, 4), (1, "a", "y", 6, 10), (1, "b", "x", 0, 4), (1, "b", "x", 6, 10))
    report = unitized_report(data, {1: 10}, coders=["a", "b"], codes=["x", "y"])
    x, y, everything = row(report, "x"), row(report, "y"), row(report, "(all codes)")
    assert x["binary_u_alpha"] == pytest.approx(17 / 60) and y["binary_u_alpha"] == pytest.approx(-3 / 20)
    assert x["k_u_alpha"] == pytest.approx(0.0) and y["k_u_alpha"] == pytest.approx(0.0)
    assert (x["coverage"], y["coverage"]) == (pytest.approx(1.0), pytest.approx(1.0))
    assert (x["coded"], y["coded"]) == (pytest.approx(0.6), pytest.approx(0.2))
    assert everything["cu_alpha"] == pytest.approx(0.0) and everything["binary_u_alpha"] == pytest.approx(1.0)
    assert everything["u_alpha"] < 1 and everything["coverage"] == pytest.approx(1.0)
    assert list(report["row"]) == ["code", "code", "all"] and (report["reason"] == "").all()


def test_published_relation_cu_alpha_is_ordinary_alpha_for_shared_units():
    # As in test_unitized_alpha.py (2016, section 5.3): every coder marks the same units of equal length, so cuα
    # is the nominal alpha of the values they gave them, the krippendorff package's; coverage is then 100%.
    values = [[1, 2, 1, 3, 2, 2], [1, 2, 2, 3, 2, 1], [1, 1, 2, 3, 2, 2]]
    rows = [(7, coder, str(value), 10 * n, 10 * n + 5)
            for coder, line in zip("abc", values, strict=True) for n, value in enumerate(line)]
    report = unitized_report(spans(*rows), {7: 60}, coders=["a", "b", "c"], codes=["1", "2", "3"])
    reference = krippendorff.alpha(reliability_data=np.array(values, dtype=float), level_of_measurement="nominal")
    everything = row(report, "(all codes)")
    assert everything["cu_alpha"] == pytest.approx(reference)
    assert everything["coverage"] == pytest.approx(1.0)
    for code in ("1", "2", "3"):  # the library's own coefficients on the same continuum
        frame = pd.DataFrame([(c, s, e, k) for _, c, k, s, e in rows], columns=["coder", "start", "end", "category"])
        assert row(report, code)["k_u_alpha"] == pytest.approx(k_u_alpha(frame, length=60, category=code))
    assert everything["u_alpha"] == pytest.approx(u_alpha(frame, length=60))


def character_arrays(data: pd.DataFrame, lengths: dict[int, int], coders: list[str], codes: list[str]) -> dict:
    """coder -> code -> a boolean array over the documents laid end to end: an independent reading of the spans."""
    offsets, total = {}, 0
    for doc, size in lengths.items():
        offsets[doc], total = total, total + size
    out = {c: {k: np.zeros(total, dtype=bool) for k in codes} for c in coders}
    for r in data.itertuples():
        out[r.coder][r.code][offsets[r.document_id] + r.start:offsets[r.document_id] + r.end] = True
    return out


def test_coverage_and_coded_against_a_count_of_characters():
    rng = np.random.default_rng(18)
    lengths, coders, codes = {1: 120, 2: 80}, ["a", "b", "c"], ["x", "y"]
    rows = []
    for coder in coders:
        for doc, size in lengths.items():
            position = 0
            while True:  # a coder's spans do not overlap: x and y are alternatives
                position += int(rng.integers(0, 12))
                width = int(rng.integers(1, 15))
                if position + width > size:
                    break
                rows.append((doc, coder, str(rng.choice(codes)), position, position + width))
                position += width
    data = spans(*rows)
    report = unitized_report(data, lengths, coders=coders, codes=codes)
    chars = character_arrays(data, lengths, coders, codes)
    total = sum(lengths.values())
    for code in codes:
        # coverage: of each coder's characters coded with the code, those another coder coded too (any code),
        # summed over the ordered pairs of coders
        met = sum((chars[i][code] & (chars[j]["x"] | chars[j]["y"])).sum() for i in coders for j in coders if i != j)
        own = sum(chars[i][code].sum() for i in coders) * (len(coders) - 1)
        assert row(report, code)["coverage"] == pytest.approx(met / own)
        assert row(report, code)["coded"] == pytest.approx(sum(chars[i][code].sum() for i in coders)
                                                          / (len(coders) * total))
        # |uα of one code: the library's coefficient on the same spans laid end to end by hand
        frame = pd.DataFrame([(c, s + (120 if d == 2 else 0), e + (120 if d == 2 else 0), k)
                              for d, c, k, s, e in rows if k == code], columns=["coder", "start", "end", "category"])
        assert row(report, code)["binary_u_alpha"] == pytest.approx(binary_u_alpha(frame, length=total,
                                                                                   coders=coders))
    anything = {c: chars[c]["x"] | chars[c]["y"] for c in coders}
    met = sum((anything[i] & anything[j]).sum() for i in coders for j in coders if i != j)
    own = sum(anything[i].sum() for i in coders) * (len(coders) - 1)
    assert row(report, "(all codes)")["coverage"] == pytest.approx(met / own)
    whole = pd.DataFrame([(c, s + (120 if d == 2 else 0), e + (120 if d == 2 else 0), k) for d, c, k, s, e in rows],
                         columns=["coder", "start", "end", "category"])
    assert row(report, "(all codes)")["cu_alpha"] == pytest.approx(cu_alpha(whole, length=total, coders=coders))


# -- a coder with no spans, overlaps, families ---------------------------------------------------------

def test_a_coder_with_no_spans_is_named():
    data = spans((1, "a", "x", 0, 4), (1, "a", "y", 6, 10), (1, "b", "x", 0, 4), (1, "b", "x", 6, 10))
    two = unitized_report(data, {1: 10}, coders=["a", "b"], codes=["x", "y"])
    three = unitized_report(data, {1: 10}, coders=["a", "b", "c"], codes=["x", "y"])
    assert two.attrs["coders_without_spans"] == [] and (two["warning"] == "").all()
    assert three.attrs["coders_without_spans"] == ["c"]
    assert row(three, "(all codes)")["warning"].startswith("c coded nothing in these documents")
    # c's whole text counts as uncoded: |uα of any code falls from 1
    assert row(two, "(all codes)")["binary_u_alpha"] == pytest.approx(1.0)
    assert row(three, "(all codes)")["binary_u_alpha"] < 0.5


def test_overlapping_codes_of_one_coder_give_a_reason_not_a_crash():
    # a codes x on 0-5 and y on 3-8 of document 2 (offsets in the document; document 1 comes first)
    data = spans((2, "a", "x", 0, 5), (2, "a", "y", 3, 8), (2, "b", "x", 0, 8))
    report = unitized_report(data, {1: 10, 2: 10}, coders=["a", "b"], codes=["x", "y"],
                             documents={1: "first", 2: "second"})
    everything = row(report, "(all codes)")
    assert math.isnan(everything["u_alpha"]) and math.isnan(everything["cu_alpha"])
    assert everything["reason"] == ("uα, cuα: coder a coded x and y on overlapping text in 'second' at 3:5 (places "
                                    "with such overlaps: 1); these coefficients need each coder's spans of the codes "
                                    "compared to exclude each other")
    assert row(report, "x")["reason"].startswith("(k)uα: coder a coded x and y on overlapping text")
    assert not math.isnan(everything["binary_u_alpha"])  # |uα needs no exclusion
    assert row(report, "x")["binary_u_alpha"] == pytest.approx(binary_u_alpha(
        pd.DataFrame([("a", 10, 15, "x"), ("b", 10, 18, "x")], columns=["coder", "start", "end", "category"]),
        length=20))
    assert report.attrs["overlaps"]["(all codes)"] == {"coder": "a", "first": "x", "second": "y",
                                                       "document": "'second'", "start": 3, "end": 5, "count": 1}
    # as members of different families, x and y are never compared: only "(all codes)" is undefined
    apart = unitized_report(data, {1: 10, 2: 10}, coders=["a", "b"], codes=["x", "y"],
                            families={"(X)": ["x"], "(Y)": ["y"]})
    assert row(apart, "(X)")["reason"] == "cuα: " + REASONS["one_code"]
    assert not math.isnan(row(apart, "(X)")["u_alpha"]) and not math.isnan(row(apart, "(Y)")["u_alpha"])
    assert math.isnan(row(apart, "(all codes)")["u_alpha"])
    assert list(apart["row"]) == ["code", "code", "family", "family", "all"]


def test_rollup_and_families():
    # P has sub-codes P.1 and P.2; Q is its sibling at the top level. P's spans are its sub-codes' (merged
    # where they overlap), so "P or Q?" is asked at the top level and "P.1 or P.2?" among P's sub-codes.
    data = spans((1, "a", "P.1", 0, 4), (1, "a", "P.2", 4, 8), (1, "a", "Q", 10, 14),
                 (1, "b", "P.1", 0, 8), (1, "b", "Q", 12, 16))
    families = {"(top)": ["P", "Q"], "(P)": ["P.1", "P.2"]}
    report = unitized_report(data, {1: 20}, coders=["a", "b"], codes=["P", "P.1", "P.2", "Q"],
                             rollup={"P": ["P.1", "P.2"]}, families=families)
    rolled = pd.DataFrame([("a", 0, 4, "P"), ("a", 4, 8, "P"), ("a", 10, 14, "Q"), ("b", 0, 8, "P"),
                           ("b", 12, 16, "Q")], columns=["coder", "start", "end", "category"])
    assert row(report, "P")["binary_u_alpha"] == pytest.approx(binary_u_alpha(rolled, length=20, category="P"))
    assert row(report, "P")["k_u_alpha"] == pytest.approx(k_u_alpha(rolled, length=20, category="P"))
    assert row(report, "(top)")["cu_alpha"] == pytest.approx(cu_alpha(rolled, length=20))
    subs = data[data["code"].isin(["P.1", "P.2"])].rename(columns={"code": "category"})
    assert row(report, "(P)")["u_alpha"] == pytest.approx(u_alpha(subs, length=20))
    assert row(report, "P.2")["family"] == "(P)" and row(report, "Q")["family"] == "(top)"
    with pytest.raises(InputError, match="code 'Q' must be in exactly one family, found in none"):
        unitized_report(data, {1: 20}, coders=["a", "b"], codes=["Q"], families={"(P)": ["P.1"]})


def test_bad_input():
    data = spans((1, "a", "x", 2, 12), (1, "b", "x", 0, 3))
    with pytest.raises(InputError, match=r"span 2:12 of coder a in document 'd1' is invalid; need 0 <= start < end "
                                         r"<= 10"):
        unitized_report(data, {1: 10}, coders=["a", "b"], codes=["x"], documents={1: "d1"})
    with pytest.raises(InputError, match="at least 2 different coders"):
        unitized_report(data, {1: 20}, coders=["a"], codes=["x"])
    with pytest.raises(InputError, match=r"document\(s\) 1 not among the documents given"):
        unitized_report(data, {2: 20}, coders=["a", "b"], codes=["x"])
    with pytest.raises(InputError, match="lack column"):
        unitized_report(data.drop(columns="document_id"), {1: 20}, coders=["a", "b"], codes=["x"])
    # no text at all: every figure undefined, with the reason
    empty = unitized_report(spans(), {}, coders=["a", "b"], codes=["x"])
    assert row(empty, "x")["reason"] == "|uα, (k)uα: no text to compare"


# -- the project and the command line --------------------------------------------------------------------

TEXTS = {"d1": "Koordinasi jarang.", "d2": "Data DTKS belum sesuai dengan lapangan."}


@pytest.fixture
def small(tmp_path) -> Path:
    """Two documents; codes P (sub-codes P.1, P.2) and Q; rina and budi code both, sari (a coder) nothing."""
    path = tmp_path / "u.qualcode"
    with Project.create(path) as p:
        p.add_group("g")
        p.add_informant("I-1", "g")
        p.load_codebook(Codebook("t", [Code("P", "Parent"), Code("P.1", "One", parent="P"),
                                       Code("P.2", "Two", parent="P"), Code("Q", "Que")]))
        for name in ("rina", "budi", "sari"):
            p.add_coder(name, role="coder")
        for name, text in TEXTS.items():
            file = tmp_path / f"{name}.txt"
            file.write_text(text, encoding="utf-8")
            p.import_document(file, informant="I-1", name=name)
        for doc, start, end, code, coder in [("d1", 0, 10, "P.1", "rina"), ("d1", 0, 8, "P.1", "budi"),
                                             ("d1", 11, 17, "Q", "rina"), ("d2", 0, 9, "P.2", "rina"),
                                             ("d2", 5, 9, "P.1", "budi"), ("d2", 15, 30, "Q", "budi")]:
            p.add_coding(doc, start, end, code, coder)
    return path


def project_spans(p: Project) -> pd.DataFrame:
    codings = p.codings()
    return codings[["document_id", "coder", "code", "start", "end"]]


def test_project_report(small):
    with Project.open(small) as p:
        report = p.unitized_agreement(coders=["rina", "budi"])
        lengths = {int(r.id): len(p.document(int(r.id))["text"]) for r in p.documents().itertuples()}
        data = project_spans(p)
        units = p.agreement(coders=["rina", "budi"], n_boot=0)
    assert report.attrs["documents"] == units.attrs["documents"] == ["d1", "d2"]  # the same selection
    assert report.attrs["length"] == sum(len(t) for t in TEXTS.values())
    assert list(report["code"]) == ["P", "P.1", "P.2", "Q", "(top-level codes)", "(sub-codes of P)", "(all codes)"]
    assert report.attrs["family_parents"] == {"(top-level codes)": None, "(sub-codes of P)": "P"}
    # the library on the same spans, with the codebook's families and P carrying its sub-codes
    direct = unitized_report(data, lengths, coders=["rina", "budi"], codes=["P", "P.1", "P.2", "Q"],
                             rollup={"P": ["P.1", "P.2"]},
                             families={"(top-level codes)": ["P", "Q"], "(sub-codes of P)": ["P.1", "P.2"]})
    pd.testing.assert_frame_equal(report, direct, check_like=False)
    # P's |uα is that of the union of its sub-codes' spans, by hand on the continuum (d2 starts at 18)
    rolled = pd.DataFrame([("rina", 0, 10, "P"), ("budi", 0, 8, "P"), ("rina", 18, 27, "P"), ("budi", 23, 27, "P")],
                          columns=["coder", "start", "end", "category"])
    assert row(report, "P")["binary_u_alpha"] == pytest.approx(binary_u_alpha(rolled, length=57))
    # codes: only Q's row, still within its family (P read for it)
    only = p_report(small, codes=["Q"])
    assert list(only["code"]) == ["Q", "(top-level codes)", "(all codes)"]
    assert row(only, "Q")["k_u_alpha"] == pytest.approx(row(report, "Q")["k_u_alpha"], nan_ok=True)
    # without roll-up P has no spans of its own
    own = p_report(small, rollup=False)
    assert row(own, "P")["reason"] == "|uα, (k)uα: no coder coded any span with it"


def p_report(path: Path, **kwargs) -> pd.DataFrame:
    with Project.open(path) as p:
        return p.unitized_agreement(coders=["rina", "budi"], **kwargs)


def test_project_names_a_coder_with_no_spans(small):
    with Project.open(small) as p:
        report = p.unitized_agreement(coders=["rina", "budi", "sari"], documents=["d1", "d2"])
    assert report.attrs["coders_without_spans"] == ["sari"]
    assert "sari coded nothing" in row(report, "(all codes)")["warning"]


def test_overlap_on_the_demo_names_coder_document_and_place(demo_copy):
    with Project.open(demo_copy) as p:
        report = p.unitized_agreement(coders=["rina", "budi"], documents=["DOC-02 RPJMD 2021-2026 (kutipan)"])
        codings = p.codings(coders=["rina"])
    mine = codings[codings["document"] == "DOC-02 RPJMD 2021-2026 (kutipan)"]
    e7, e1 = mine[mine["code"] == "E7.1"].iloc[0], mine[mine["code"] == "E1.1"].iloc[0]
    start, end = max(e7["start"], e1["start"]), min(e7["end"], e1["end"])
    assert start < end  # rina's E7.1 and E1.1 do overlap there
    reason = row(report, "(all codes)")["reason"]
    assert f"coder rina coded E7.1 and E1.1 on overlapping text in 'DOC-02 RPJMD 2021-2026 (kutipan)' at " \
           f"{start}:{end}" in reason
    assert "coder rina coded E7 and E1" in row(report, "(top-level codes)")["reason"]
    assert row(report, "E1")["reason"].startswith("(k)uα: coder rina coded E7 and E1")
    assert not math.isnan(row(report, "(sub-codes of E1)")["u_alpha"])  # within E1's sub-codes: no overlap


def cli(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


CONTEXT = ["report", "coefficients", "coders_compared", "coders_without_spans", "documents", "n_documents",
           "documents_chosen", "characters", "rollup", "level", "qualcode_version", "date"]


def test_cli_csv_to_stdout(small):
    frame = pd.read_csv(io.StringIO(cli("agreement", small, "--coders", "rina,budi", "--unitized").stdout))
    want = p_report(small)
    assert list(frame.columns) == ["code", "name", *UNITIZED_COLUMNS[1:], *CONTEXT]
    assert list(frame["code"]) == list(want["code"])
    assert frame["name"].fillna("").tolist()[:4] == ["Parent", "One", "Two", "Que"]
    for column in ("binary_u_alpha", "k_u_alpha", "u_alpha", "cu_alpha", "coverage", "coded"):
        assert frame[column].tolist() == pytest.approx(want[column].tolist(), nan_ok=True)
    first = frame.iloc[0]
    assert first["report"] == "unitized" and json.loads(first["coders_compared"]) == ["rina", "budi"]
    assert json.loads(first["documents"]) == ["d1", "d2"] and first["n_documents"] == 2
    assert first["characters"] == 57 and json.loads(first["coders_without_spans"]) == []
    assert first["level"] == "nominal" and bool(first["rollup"]) is True


def test_cli_warns_of_a_coder_with_no_spans(small, tmp_path):
    with Project.open(small) as p:  # sari was given both documents, read them and coded nothing
        p.assign(["d1", "d2"], ["rina", "budi", "sari"], actor="rina")
        for coder in ("rina", "budi", "sari"):
            for doc in ("d1", "d2"):
                p.mark_done(doc, coder, actor=coder)
    result = cli("agreement", small, "--coders", "rina,budi,sari", "--unitized", "-o", tmp_path / "u.csv")
    assert "warning: sari coded nothing in these documents" in result.stderr
    frame = pd.read_csv(tmp_path / "u.csv")
    assert json.loads(frame.loc[0, "coders_without_spans"]) == ["sari"]
    assert frame.set_index("code").loc["(all codes)", "warning"].startswith("sari coded nothing")


def test_cli_xlsx_has_the_table_and_its_settings(small, tmp_path):
    out = tmp_path / "u.xlsx"
    result = cli("agreement", small, "--coders", "rina,budi", "--unitized", "-o", out)
    assert "wrote unitized agreement of rina, budi on 4 codes" in result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["unitized_agreement", "settings"]
    sheet = book["unitized_agreement"]
    cells = [[c.value for c in r] for r in sheet.iter_rows()]
    header = next(i for i, r in enumerate(cells) if r[0] == "code")
    want = p_report(small)
    table = pd.DataFrame(cells[header + 1:header + 1 + len(want)], columns=cells[header])
    assert table["code"].tolist() == want["code"].tolist()
    note = " ".join(str(c) for r in cells[header + 1 + len(want):] for c in r if c)
    assert "Documents compared (2" in note and "coverage:" in note  # the note under the table
    assert pd.to_numeric(table["binary_u_alpha"]).tolist() == pytest.approx(want["binary_u_alpha"].tolist(),
                                                                            nan_ok=True)
    settings = {r[0].value: r[1].value for r in book["settings"].iter_rows(min_row=2)}
    assert settings["coders"] == "rina, budi" and settings["documents"] == 2
    assert settings["document names"] == "d1; d2" and settings["characters"] == 57
    assert settings["parent codes"] == "carry their sub-codes (P)" and settings["level of measurement"] == "nominal"
    assert settings["families"] == "(top-level codes): P, Q; (sub-codes of P): P.1, P.2"
    assert settings["coders with no spans"] == "none" and settings["qualcode version"]


@pytest.mark.parametrize("fmt", ["md", "docx", "tex"])
def test_cli_note_states_what_the_report_rests_on(small, tmp_path, fmt):
    out = tmp_path / f"u.{fmt}"
    cli("agreement", small, "--coders", "rina,budi", "--unitized", "-o", out)
    if fmt == "docx":
        note = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    else:
        note = out.read_text(encoding="utf-8").replace("\\", "")
    for fragment in ("Krippendorff et al.", "Documents compared (2", "d1, d2", "57 characters", "coverage:",
                     "Nominal level of measurement", "Codes with sub-codes carry them", "Computed with qualcode"):
        assert fragment in note, (fragment, note[:400])


def test_cli_refuses_unit_options_with_unitized(small):
    result = cli("agreement", small, "--coders", "rina,budi", "--unitized", "--unit", "char", ok=False)
    assert result.exit_code == 2 and "--unit applies to the unit-based report" in result.output
