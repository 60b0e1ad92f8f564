"""The Agreement page through AppTest: the report, its download, the disagreement list, reconciliation into a
consensus coder and the blind-coding toggle, on real project files."""

from __future__ import annotations

import io
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
    assert any("no document in common" in i.value for i in at.info)
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
    assert list(shown["Code"]) == list(expected["code"].replace("(all codes)", "All codes"))  # pooled row, translated
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
    assert list(shown["Code"]) == list(expected["code"].replace("(all codes)", "All codes"))  # pooled row, translated
    assert shown["Units"].tolist() == expected["units"].tolist()
    basis = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Speaker turn" in basis and "a coding touches it" in basis


def test_report_download_csv_and_xlsx(demo_path, downloads):  # noqa: F811
    at = page(demo_path)
    assert not at.exception
    csv = pd.read_csv(io.BytesIO(downloads["agreement_sentence_majority.csv"]), keep_default_na=False)
    # the sheet as `qualcode export agreement` writes it: "Table 1", the title, a blank row, the table, the note
    book = pd.read_excel(io.BytesIO(downloads["agreement_sentence_majority.xlsx"]), keep_default_na=False, header=None)
    assert book.iloc[0, 0] == "Table 1" and book.iloc[1, 0] == "Intercoder Agreement"
    assert book.iloc[-1, 0].startswith("Note. Agreement of budi, rina on sentence units (majority rule).")
    xlsx = pd.read_excel(io.BytesIO(downloads["agreement_sentence_majority.xlsx"]), keep_default_na=False,
                         skiprows=3).iloc[:len(csv)]
    shown = frame_with(at, "Kappa")
    for frame in (csv, xlsx):
        assert list(frame["code"].replace("(all codes)", "All codes")) == list(shown["Code"])
        assert frame.loc[frame["code"] == "E1.1", "name"].tolist() == ["Institutional and policy environment"]
        assert {"percent_agreement", "kappa", "alpha", "kappa_band", "alpha_band"} <= set(frame.columns)
        assert set(frame["unit"]) == {"sentence"} and set(frame["rule"]) == {"majority"}


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id")
    assert not at.exception
    assert at.title[0].value == "Kesepakatan"
    assert "Kategori kappa" in frame_with(at, "Kappa").columns


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
