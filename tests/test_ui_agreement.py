"""The Agreement page through AppTest: the report, its download, the disagreement list, reconciliation into a
consensus coder and the blind-coding toggle, on real project files."""

from __future__ import annotations

import io
import json
import math
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import copy_project, open_page, snapshot
from .test_ui_triangulation import downloads  # noqa: F401  (a fixture)


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    """A private, writable copy of the demo project, with a supervisor "sari"."""
    path = copy_project(demo_path, tmp_path / "demo.qualcode")
    with Project.open(path) as p:
        p.add_coder("sari", role="supervisor")
    return path


def page(path: Path | str, coder: str | None = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("agreement", path, lang, **({"coder": coder} if coder else {}), **state)


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def pooled_translated(codes: pd.Series) -> list[str]:
    """The report's codes as the page shows them: the pooled rows in words."""
    return list(codes.replace({"(all codes)": "All codes", "(all codes, coded units)": "All codes, coded units"}))


def pick_options(at: AppTest) -> list[str]:
    return list(at.selectbox(key="agr_pick").options)


def consensus_codings(path: Path) -> list[tuple]:
    """(document name, code, start, end, quote, document text) of every consensus coding, read by SQL."""
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(
            "SELECT d.name, k.key, c.start, c.end, c.quote, d.text FROM codings c JOIN coders r ON r.id = c.coder_id "
            "JOIN documents d ON d.id = c.document_id JOIN codes k ON k.id = c.code_id "
            "WHERE r.role = 'consensus' ORDER BY c.id").fetchall()
    finally:
        conn.close()


def reconciliation_rows(path: Path) -> list[dict]:
    """Every stored reconciliation with its supervisor's name, read by SQL."""
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(
            "SELECT r.*, s.name AS supervisor FROM reconciliations r JOIN coders s ON s.id = r.supervisor_id "
            "ORDER BY r.id")]
    finally:
        conn.close()


# -- empty states ------------------------------------------------------------------------------

def test_fewer_than_two_coders(project, transcript):
    project.import_document(transcript, informant="I-01")
    project.code_quote("I-01_wawancara", "Koordinasinya jarang", "A", "rina")
    at = page(project.path)
    assert not at.exception
    assert any("at least two coders" in i.value for i in at.info)


def test_no_common_documents(project, transcript, tmp_path):
    project.import_document(transcript, informant="I-01")
    other = tmp_path / "I-09_wawancara.txt"
    other.write_text("Informan: Rapat koordinasi kami adakan tiap bulan.\n", encoding="utf-8")
    project.import_document(other, informant="I-09")
    project.code_quote("I-01_wawancara", "Koordinasinya jarang", "A", "rina")
    project.code_quote("I-09_wawancara", "Rapat koordinasi", "A", "budi")
    at = page(project.path)
    assert not at.exception
    assert sorted(at.multiselect(key="agr_coders").value) == ["budi", "rina"]
    assert at.multiselect(key="agr_documents").value == []
    assert any("No document to compare for these coders" in i.value for i in at.info)
    # picking documents by hand compares them anyway
    at.multiselect(key="agr_documents").set_value(["I-01_wawancara", "I-09_wawancara"]).run()
    assert not at.exception
    assert "A" in list(frame_with(at, "Kappa")["Code"])


# -- the report --------------------------------------------------------------------------------

def test_demo_report_rina_vs_budi(demo_path):
    at = page(demo_path)
    assert not at.exception
    pair = at.multiselect(key="agr_coders").value
    assert sorted(pair) == ["budi", "rina"]
    with Project.open(demo_path) as p:
        codings = p.codings()
        both = set(codings.loc[codings["coder"] == "rina", "document"]) & set(
            codings.loc[codings["coder"] == "budi", "document"])
        documents = [d for d in p.documents()["name"] if d in both]
        expected = p.agreement(coders=pair, unit="sentence", documents=documents, rule="majority")
    assert documents and at.multiselect(key="agr_documents").value == documents
    shown = frame_with(at, "Kappa")
    assert list(shown["Code"]) == pooled_translated(expected["code"])
    assert "All codes" in list(shown["Code"])
    assert shown["Kappa"].fillna(-9).tolist() == expected["kappa"].astype(float).round(3).fillna(-9).tolist()
    assert shown["Alpha"].fillna(-9).tolist() == expected["alpha"].astype(float).round(3).fillna(-9).tolist()
    assert shown["Alpha band"].isin(["reliable", "tentative", "unreliable", "undefined"]).all()
    assert (shown["Alpha band"] != "undefined").any()
    basis = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Sentence" in basis and "a coding covers half of it" in basis and ", ".join(pair) in basis
    assert any("Landis & Koch" in c.value for c in at.caption)


def test_unit_rule_and_codes_change_the_report(demo_path):
    at = page(demo_path, agr_unit="turn", agr_rule="any", agr_codes=["E3.1"])
    assert not at.exception
    with Project.open(demo_path) as p:
        documents = at.multiselect(key="agr_documents").value
        expected = p.agreement(coders=at.multiselect(key="agr_coders").value, unit="turn", codes=["E3.1"],
                               documents=documents,
                               rule="any")
    shown = frame_with(at, "Kappa")
    assert list(shown["Code"]) == pooled_translated(expected["code"])
    assert shown["Units"].tolist() == expected["units"].tolist()
    basis = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Speaker turn" in basis and "a coding touches it" in basis


def test_report_downloads_state_their_settings(demo_path, downloads):  # noqa: F811
    import docx
    import openpyxl

    from .markdown_reader import read as read_markdown

    at = page(demo_path)
    assert not at.exception
    coders = at.multiselect(key="agr_coders").value
    documents = at.multiselect(key="agr_documents").value
    with Project.open(demo_path) as p:
        report = p.agreement(coders=coders, documents=documents, n_boot=0)
    files = {name: data() if callable(data) else data for name, data in downloads.items()
             if name.startswith("agreement_sentence_majority.")}
    assert sorted(files) == [f"agreement_sentence_majority.{f}" for f in ("csv", "docx", "md", "tex", "xlsx")]
    shown = frame_with(at, "Kappa")
    # CSV: the settings are columns of every row, read by any reader without options
    csv = pd.read_csv(io.BytesIO(files["agreement_sentence_majority.csv"]), keep_default_na=False)
    assert pooled_translated(csv["code"]) == list(shown["Code"])
    assert csv.loc[csv["code"] == "E1.1", "name"].tolist() == ["Institutional and policy environment"]
    assert {"percent_agreement", "kappa", "alpha", "kappa_band", "alpha_band", "reason", "warning"} <= set(csv.columns)
    assert set(csv["unit"]) == {"sentence"} and set(csv["rule"]) == {"majority"} and set(csv["level"]) == {"nominal"}
    assert {tuple(json.loads(v)) for v in csv["coders_compared"]} == {tuple(coders)}
    assert {tuple(json.loads(v)) for v in csv["documents"]} == {tuple(documents)}
    assert set(csv["n_boot"]) == {500} and set(csv["seed"]) == {0}
    assert csv.loc[csv["code"] == "E1.1", "units"].tolist() == [report.attrs["units"]]
    # XLSX: the table as `qualcode export agreement` writes it, then a settings sheet
    raw = io.BytesIO(files["agreement_sentence_majority.xlsx"])
    book = pd.read_excel(raw, keep_default_na=False, header=None)
    assert book.iloc[0, 0] == "Table 1" and book.iloc[1, 0] == "Intercoder Agreement"
    note = book.iloc[-1, 0]
    assert note.startswith(f"Note. Agreement of {', '.join(coders)} on sentence units (majority rule).")
    xlsx = pd.read_excel(raw, keep_default_na=False, skiprows=3).iloc[:len(csv)]
    assert pooled_translated(xlsx["code"]) == list(shown["Code"])
    assert openpyxl.load_workbook(raw).sheetnames == ["agreement", "settings"]
    settings = pd.read_excel(raw, sheet_name="settings").set_index("setting")["value"]
    assert settings["unit"] == "sentence" and settings["rule"].startswith("majority: ")
    assert settings["coders"] == ", ".join(coders) and settings["documents"] == len(documents)
    assert settings["document names"] == "; ".join(documents)
    assert settings["units"] == report.attrs["units"] and settings["level of measurement"] == "nominal"
    assert (settings["bootstrap resamples"], settings["bootstrap seed"]) == (500, 0)
    assert settings["parent codes"].startswith("carry their sub-codes (E1, E2")
    # Word, Markdown and LaTeX: the note under the table
    notes = {"docx": docx.Document(io.BytesIO(files["agreement_sentence_majority.docx"])).paragraphs[-1].text,
             "md": read_markdown(files["agreement_sentence_majority.md"].decode("utf-8")).paragraphs[-1]}
    tex = files["agreement_sentence_majority.tex"].decode("utf-8")
    notes["tex"] = tex[tex.index(r"\textit{Note.}"):].replace(r"\%", "%")
    for fmt, text in notes.items():
        assert f"Agreement of {', '.join(coders)} on sentence units (majority rule)." in text, fmt
        assert (f"Documents compared ({len(documents)}, assigned to every coder compared and marked done by each): "
                f"{', '.join(documents)}.") in text, fmt
        assert "Rule: a unit carries a code when a coder's codings cover at least half of it." in text, fmt
        assert f"Units: {report.attrs['units']:,} sentences" in text and "Level of measurement: nominal" in text, fmt
        assert "500 bootstrap resamples of units (seed 0)" in text, fmt


def test_parents_roll_up_and_undefined_rows_say_why(demo_path):
    at = page(demo_path)
    assert not at.exception and at.toggle(key="agr_rollup").value is True
    pair, documents = at.multiselect(key="agr_coders").value, at.multiselect(key="agr_documents").value
    with Project.open(demo_path) as p:
        parents = {k for k in p.codes()["parent"] if isinstance(k, str)}
        rolled = p.agreement(coders=pair, documents=documents).set_index("code")
        own = p.agreement(coders=pair, documents=documents, rollup=False).set_index("code")
    shown = frame_with(at, "Kappa").set_index("Code")
    for parent in parents:  # figures of their own, as the library computes them rolled up
        assert shown.at[parent, "Alpha band"] != "undefined", parent
        assert shown.at[parent, "Kappa"] == round(rolled.at[parent, "kappa"], 3), parent
    undefined = shown[shown["Alpha band"] == "undefined"]
    assert len(undefined) and (undefined["Why undefined"] != "").all()  # codes nobody coded, in words
    assert set(undefined["Why undefined"]) == {"one category only: no coder coded any unit with it"}
    assert (shown.loc[shown["Alpha band"] != "undefined", "Why undefined"] == "").all()
    assert any("Parent codes carry their sub-codes" in c.value for c in at.caption)
    at.toggle(key="agr_rollup").set_value(False).run()
    assert not at.exception
    shown = frame_with(at, "Kappa").set_index("Code")
    silent = [c for c in parents if math.isnan(own.at[c, "alpha"])]
    assert len(silent) >= len(parents) - 1  # own codings only: the demo codes sub-codes (and E5 once)
    for parent in parents:
        if parent in silent:  # undefined, and saying why
            assert shown.at[parent, "Alpha band"] == "undefined", parent
            assert shown.at[parent, "Why undefined"] == "one category only: no coder coded any unit with it", parent
        else:
            assert shown.at[parent, "Alpha"] == round(own.at[parent, "alpha"], 3), parent
    assert any("own codings only" in c.value for c in at.caption)


def test_small_sample_warning(demo_path):
    at = page(demo_path)
    assert not at.exception
    pair, documents = at.multiselect(key="agr_coders").value, at.multiselect(key="agr_documents").value
    with Project.open(demo_path) as p:
        report = p.agreement(coders=pair, documents=documents, n_boot=0)
    warned = report[report["warning"] != ""]
    assert 0 < len(warned) < len(report)  # rare codes warn, common ones and the pooled rows do not
    assert (warned["units"] < warned["min_units"]).all()
    calm = report[(report["warning"] == "") & report["min_units"].notna()]
    codes = ~calm["code"].isin(["(all codes)", "(all codes, coded units)"])  # pooled rows count unit x code items
    assert codes.sum() and (calm.loc[codes, "units"] >= calm.loc[codes, "min_units"]).all()
    notes = [w.value for w in at.warning if "Krippendorff" in w.value]
    assert notes == [f"{len(warned)} of {len(report)} rows rest on fewer units than Krippendorff's (2019) sample-size "
                     "rule asks for: to tell alpha from 0.800 at p = 0.05, the rarer a code, the more units it needs "
                     "(see the Warning column). Read those figures with care."]
    shown = frame_with(at, "Kappa").set_index("Code")
    for code, need in zip(warned["code"], warned["min_units"], strict=True):
        assert shown.at[code, "Warning"] == f"small sample: fewer than {int(need):,} units", code
    assert (shown.loc[list(calm["code"].replace({"(all codes)": "All codes",
                                                  "(all codes, coded units)": "All codes, coded units"})),
                      "Warning"] == "").all()
    pooled = [c.value for c in at.caption if c.value.startswith("All codes pools")]
    coded = report.attrs["coded_units"]
    assert pooled == [f"All codes pools every unit × code item of {len(report) - 2} codes, each by its own codings; "
                      f"the {report.attrs['units'] - coded:,} units nobody coded enter it as agreement on absence, "
                      "which raises percent agreement. All codes, coded units pools the same items over the "
                      f"{coded:,} units somebody coded."]


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id")
    assert not at.exception
    assert at.title[0].value == "Kesepakatan"
    shown = frame_with(at, "Kappa")
    assert "Kategori kappa" in shown.columns
    assert any(w.value.endswith("Baca angka-angka itu dengan hati-hati.") for w in at.warning)
    assert shown["Peringatan"].str.startswith("sampel kecil: kurang dari ").any()
    undefined = shown[shown["Kategori alpha"] == "tak terdefinisi"]
    assert len(undefined) and set(undefined["Sebab tak terdefinisi"]) == {
        "hanya satu kategori: tak satu pun pengode memberi kode ini pada satuan mana pun"}
    assert "Semua kode, satuan berkode" in list(shown["Kode"])
    assert at.toggle(key="agr_rollup").label == "Kode induk mencakup sub-kodenya"


# -- disagreements and reconciliation ------------------------------------------------------------

def test_disagreement_shows_the_unit_text_and_each_coder(demo_path):
    at = page(demo_path)
    with Project.open(demo_path) as p:
        documents = at.multiselect(key="agr_documents").value
        expected = p.disagreements(coders=at.multiselect(key="agr_coders").value, documents=documents)
        text = p.document(expected.iloc[0]["document"])["text"]
    assert len(pick_options(at)) == len(expected) > 0
    first = expected.iloc[0]
    assert text[int(first["start"]):int(first["end"])] in [t.value for t in at.text]
    said = " ".join(m.value for m in at.markdown)
    assert "**rina**" in said and "**budi**" in said
    assert ("applied the code" in said) and ("did not apply it" in said)


def test_character_disagreements_come_as_runs(demo_path):
    at = page(demo_path, agr_unit="char")
    assert not at.exception
    pair = at.multiselect(key="agr_coders").value
    rows = frame_with(at, "Text")
    with Project.open(demo_path) as p:
        per_char = p.disagreements(coders=pair, unit="char", documents=at.multiselect(key="agr_documents").value)
        texts = {d: p.document(d)["text"] for d in set(rows["Document"])}
    assert 0 < len(rows) < len(per_char)
    assert sum(rows["End"] - rows["Start"]) == len(per_char)  # every character in exactly one run
    for row in rows.itertuples():
        assert texts[row.Document][row.Start:row.End] == row.Text
    assert len(pick_options(at)) == len(rows)


def test_reconciliation_flow_into_the_consensus_coder(demo_copy):
    at = page(demo_copy, coder="sari", agr_coders=["rina", "budi"])  # rina is coder A
    assert not at.exception
    assert at.button(key="agr_accept_a").label == "Accept rina"
    with Project.open(demo_copy) as p:
        documents = at.multiselect(key="agr_documents").value
        open_rows = p.disagreements(coders=["rina", "budi"], documents=documents).reset_index(drop=True)
        assert p.reconciliations().empty
    n = len(pick_options(at))
    assert n == len(open_rows) >= 3
    decided = []
    for decision in ("a", "both", "neither"):
        # the first open disagreement where the decision copies something (or, for neither, any)
        rows = open_rows[~open_rows.index.isin([d[0] for d in decided])]
        if decision == "a":
            rows = rows[rows["rina"] == 1]
        index = int(rows.index[0])
        position = [i for i in range(len(open_rows)) if i not in [d[0] for d in decided]].index(index)
        at.selectbox(key="agr_pick").set_value(position).run()
        at.button(key=f"agr_accept_{decision}").click().run()
        assert not at.exception
        decided.append((index, decision))
        assert any("consensus coding" in s.value for s in at.success)
        assert len(pick_options(at)) == n - len(decided)  # the list moved on
    stored = consensus_codings(demo_copy)
    with Project.open(demo_copy) as p:
        coders = p.coders().set_index("name")
        assert coders.loc["consensus", "role"] == "consensus"
        for _, _, start, end, quote, text in stored:
            assert quote == text[start:end]
        for index, decision in decided:
            row = open_rows.loc[index]
            own = p.codings(document=row["document"], codes=[row["code"]])
            own = own[(own["start"] < row["end"]) & (own["end"] > row["start"])]
            mine = [(s[2], s[3]) for s in stored if s[0] == row["document"] and s[1] == row["code"]
                    and s[2] < row["end"] and s[3] > row["start"]]
            rina = own[own["coder"] == "rina"]
            if decision == "a":
                assert sorted(mine) == sorted(zip(rina["start"], rina["end"], strict=True)) and mine
            elif decision == "both":
                spans = own[own["coder"].isin(["rina", "budi"])]
                assert mine and min(s for s, _ in mine) == spans["start"].min()
                assert max(e for _, e in mine) == spans["end"].max()
        history = reconciliation_rows(demo_copy)
        assert [r["decision"] for r in history] == ["a", "both", "neither"]
        assert {r["supervisor"] for r in history} == {"sari"}
        for record, (index, _) in zip(history, decided, strict=True):
            row = open_rows.loc[index]
            assert (record["start"], record["end"]) == (row["start"], row["end"])
    shown = frame_with(at, "Supervisor")
    assert set(shown["Supervisor"]) == {"sari"} and len(shown) == 3
    assert any("3 already reconciled" in c.value for c in at.caption)


def test_reconciliation_needs_a_coder(demo_copy):
    before = snapshot(demo_copy)
    at = page(demo_copy, coder=None)
    assert not at.exception
    assert at.button(key="agr_accept_a").disabled and at.button(key="agr_accept_neither").disabled
    assert any("every decision records who made it" in i.value for i in at.info)
    assert snapshot(demo_copy) == before


def test_three_coders_are_compared_but_not_reconciled(demo_copy):
    with Project.open(demo_copy) as p:
        codings = p.codings()
        shared = set(codings.loc[codings["coder"] == "budi", "document_id"])
        first = codings[(codings["coder"] == "rina") & codings["document_id"].isin(shared)].iloc[0]
        p.add_coding(int(first["document_id"]), int(first["start"]), int(first["end"]), first["code"], "sari")
    at = page(demo_copy, coder="sari", agr_coders=["rina", "budi", "sari"])
    assert not at.exception
    assert at.multiselect(key="agr_coders").value == ["rina", "budi", "sari"]
    assert "Kappa" in frame_with(at, "Kappa").columns
    assert any("pick exactly two" in i.value for i in at.info)
    assert not [b for b in at.button if b.key and b.key.startswith("agr_accept_")]


# -- blind coding ------------------------------------------------------------------------------

def test_blind_coding_toggle(demo_copy):
    at = page(demo_copy, coder="sari")
    assert at.toggle(key="agr_blind").value is False
    at.toggle(key="agr_blind").set_value(True).run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert p.blind_coding() is True
    assert at.toggle(key="agr_blind").value is True
    assert any("Blind coding is on" in i.value for i in at.info)
    at.toggle(key="agr_blind").set_value(False).run()
    with Project.open(demo_copy) as p:
        assert p.blind_coding() is False
