"""The Streamlit overview page through AppTest: empty states, an empty project, the demo, both languages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(project_path: str = "", lang: str = "en") -> AppTest:
    return open_page(None, project_path, lang)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_no_project_shows_how_to_start():
    at = run_app("")
    assert not at.exception
    assert "No project is open" in at.info[0].value


def test_missing_file_is_an_error_not_a_traceback(tmp_path):
    at = run_app(str(tmp_path / "missing.qualcode"))
    assert not at.exception
    assert "no such project file" in at.error[0].value


def test_empty_project_shows_empty_states(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = run_app(str(path))
    assert not at.exception
    assert metrics(at)["Documents"] == "0"
    infos = [i.value for i in at.info]
    assert "No informant groups yet." in infos and "No codebook loaded yet." in infos


def test_demo_overview(demo_path):
    at = run_app(str(demo_path))
    assert not at.exception
    m = metrics(at)
    assert m["Informant groups"] == "3" and m["Documents"] == "17" and int(m["Codings"]) > 300
    frames = [df.value for df in at.dataframe]
    groups = frames[0]
    assert list(groups["Key"]) == ["community", "agency", "leadership"]
    informants = frames[1]
    assert len(informants) == 13
    tree = frames[-1].data if hasattr(frames[-1], "data") else frames[-1]
    assert tree.iloc[0]["Key"] == "E1"
    # Parents carry the codings of their sub-codes.
    e3 = tree[tree["Key"] == "E3"].iloc[0]
    subs = tree[tree["Key"].str.strip().str.startswith("E3.")]
    assert e3["Codings incl. sub-codes"] == subs["Codings"].sum() + e3["Codings"] > 0


def test_overview_in_bahasa_indonesia(demo_path):
    at = run_app(str(demo_path), "id")
    assert not at.exception
    assert at.title[0].value == "Ringkasan"
    assert metrics(at)["Dokumen"] == "17"
    tree = at.dataframe[-1].value
    tree = tree.data if hasattr(tree, "data") else tree
    assert tree.iloc[0]["Nama"] != "General antecedent conditions"  # Indonesian names shown
