"""The Agreement page's "Unitized alpha (spans)" section through AppTest on the demo: the figures of
Project.unitized_agreement with coverage, the note citing Krippendorff et al. (2016), the downloads and what they
say they rest on, the empty states, and Bahasa Indonesia."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from qualcode.project import Project

from .conftest import open_page
from .test_ui_triangulation import downloads  # noqa: F401  (a fixture)

TITLE = "Unitized alpha (spans)"


def page(path, lang: str = "en", **state):
    return open_page("agreement", path, lang, coder="rina", **state)


def section(at, title: str = TITLE):
    return next(e for e in at.expander if e.label == title)


def shown(at, title: str = TITLE) -> pd.DataFrame:
    return next(d.value for d in section(at, title).dataframe)


def expected(at, path, **kwargs) -> pd.DataFrame:
    with Project.open(path) as p:
        return p.unitized_agreement(coders=at.multiselect(key="agr_coders").value,
                                    documents=at.multiselect(key="agr_documents").value, **kwargs)


def test_section_shows_the_figures_with_coverage(demo_path, downloads):  # noqa: F811
    at = page(demo_path)
    assert not at.exception
    want = expected(at, demo_path)
    table = shown(at)
    assert list(table.columns) == ["Code", "Name", "Family", "Coded %", "|uα", "(k)uα", "uα", "cuα", "Coverage %",
                                   "Why undefined", "Warning"]
    codes = want["row"] == "code"
    assert table["Code"][codes].tolist() == want["code"][codes].tolist()
    assert table["Code"][~codes].tolist()[:2] == ["Top-level codes", "Sub-codes of E1"]
    assert table["Code"].iloc[-1] == "All codes"
    for column, name in (("binary_u_alpha", "|uα"), ("k_u_alpha", "(k)uα"), ("u_alpha", "uα"), ("cu_alpha", "cuα")):
        assert table[name].tolist() == pytest.approx(want[column].round(3).tolist(), nan_ok=True)
    assert table["Coverage %"].tolist() == pytest.approx((want["coverage"] * 100).round(1).tolist(), nan_ok=True)
    assert table.loc[table["Code"] == "E1.1", "Family"].tolist() == ["Sub-codes of E1"]
    assert table.loc[table["Code"] == "E4.3", "Why undefined"].tolist() == [
        "|uα, (k)uα: no coder coded any span with it"]
    text = " ".join(c.value for c in section(at).caption)
    assert "Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016)" in text
    assert "when codes apply to whole sentences or turns, report the table above" in text
    assert "Coverage: % of the coded text that a span of another coder also covers" in text
    basis = " ".join(m.value for m in section(at).markdown).replace("\\", "")
    assert f"in {len(want.attrs['documents'])} documents laid end to end ({want.attrs['length']:,} characters)" in basis
    # the downloads: the report as the command line writes it, with its settings
    files = {name: data() if callable(data) else data for name, data in downloads.items()
             if name.startswith("unitized_agreement.")}
    assert sorted(files) == [f"unitized_agreement.{f}" for f in ("csv", "docx", "md", "tex", "xlsx")]
    csv = pd.read_csv(io.BytesIO(files["unitized_agreement.csv"]))
    assert csv["binary_u_alpha"].tolist() == pytest.approx(want["binary_u_alpha"].tolist(), nan_ok=True)
    assert csv["coverage"].tolist() == pytest.approx(want["coverage"].tolist(), nan_ok=True)
    assert {tuple(json.loads(v)) for v in csv["documents"]} == {tuple(want.attrs["documents"])}
    assert set(csv["report"]) == {"unitized"} and set(csv["characters"]) == {want.attrs["length"]}
    settings = pd.read_excel(io.BytesIO(files["unitized_agreement.xlsx"]), sheet_name="settings")
    assert settings.set_index("setting")["value"]["coders"] == ", ".join(want.attrs["coders"])


def test_empty_states(demo_path):
    one = page(demo_path, agr_coders=["rina"])
    assert not one.exception
    assert any("Pick at least two coders above to compare their spans" in i.value for i in section(one).info)
    nothing = page(demo_path, agr_codes=["E4.3"])  # a code nobody used
    assert not nothing.exception
    assert any("Nobody coded any span with these codes" in i.value for i in section(nothing).info)
    assert not section(nothing).dataframe


def test_a_coder_with_no_spans_is_warned_of(demo_copy):
    with Project.open(demo_copy) as p:
        p.add_coder("sari", role="coder")
        p.add_coding(int(p.documents()["id"].iloc[-1]), 0, 5, "E1.1", "sari")  # codes elsewhere only
    at = page(demo_copy, agr_coders=["rina", "budi", "sari"])
    assert any("No documents to compare" in i.value for i in section(at).info)  # none coded by all three
    at.multiselect(key="agr_documents").set_value(["I-01 Ketua LKS", "I-02 TKSK Kecamatan"]).run()
    assert not at.exception
    assert any("sari coded nothing in these documents" in w.value for w in section(at).warning)
    assert shown(at)["Warning"].iloc[-1].startswith("sari coded nothing")


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id")
    assert not at.exception
    table = shown(at, "Alpha unitisasi (rentang)")
    assert "Cakupan %" in table.columns and "Kode tingkat atas" in table.iloc[:, 0].tolist()
