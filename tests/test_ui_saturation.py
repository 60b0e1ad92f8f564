"""The Saturation page through AppTest: the statement, the runs table and the curve on the demo, changing the
parameters, Bahasa Indonesia, and the empty states."""

from __future__ import annotations

import json

import pandas as pd

from qualcode.project import Project
from qualcode.project.saturation import saturation_curve, saturation_facts, saturation_runs

from .conftest import open_page


def runs_table(at) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "run_start" in d.value.columns)


def infos(at) -> str:
    """The page's notices as read (the Markdown escapes dropped)."""
    return "\n".join(i.value for i in [*at.info, *at.warning]).replace("\\", "")


def test_demo_statement_table_and_parameters(demo_path):
    with Project.open(demo_path) as p:
        # the page orders by the first date attribute when there is one: the demo's interview_date
        facts = saturation_facts(p, order="attribute:interview_date")
        runs = saturation_runs(p, order="attribute:interview_date")
        changed = saturation_runs(p, base=3, run=3, threshold=0.0)
        changed_facts = saturation_facts(p, base=3, run=3, threshold=0.0)
    at = open_page("saturation", demo_path)
    assert not at.exception
    assert f"saturation was reached at interview {facts['saturated_at']}" in infos(at)
    pd.testing.assert_frame_equal(runs_table(at).reset_index(drop=True), runs, check_dtype=False)
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert spec["title"] == "Cumulative distinct codes"

    at.number_input(key="sat_base").set_value(3)
    at.number_input(key="sat_run").set_value(3)
    at.number_input(key="sat_threshold").set_value(0.0)
    assert "in order of interview_date" in infos(at)
    at.selectbox(key="sat_order").set_value("import").run()
    assert not at.exception
    pd.testing.assert_frame_equal(runs_table(at).reset_index(drop=True), changed, check_dtype=False)
    at_text = infos(at)
    assert "in import order" in at_text and "run length 3" in at_text
    expected = (f"reached at interview {changed_facts['saturated_at']}" if changed_facts["saturated_at"]
                else "was not reached")
    assert expected in at_text


def test_by_group_and_bahasa(demo_path):
    with Project.open(demo_path) as p:
        curve = saturation_curve(p, by="group", order="attribute:interview_date")
        runs = saturation_runs(p, base=2, run=1, by="group", order="attribute:interview_date")
    at = open_page("saturation", demo_path, "id", sat_by_group=True, sat_base=2, sat_run=1)
    assert not at.exception
    assert at.title[0].value == "Saturasi"
    pd.testing.assert_frame_equal(runs_table(at).reset_index(drop=True), runs, check_dtype=False)
    shown = next(d.value for d in at.dataframe if "cumulative_codes" in d.value.columns)
    assert list(shown["cumulative_codes"]) == list(curve["cumulative_codes"])
    assert "wawancara" in infos(at)
    shown_runs = next(d for d in at.dataframe if "run_start" in d.value.columns)
    headings = {k: v["label"] for k, v in json.loads(shown_runs.proto.columns).items() if "label" in v}
    assert headings["ratio"] == "Rasio saturasi" and headings["group"] == "Kelompok"  # the fields stay in the data


def test_too_few_interviews_says_so(demo_path):
    at = open_page("saturation", demo_path, sat_base=10, sat_run=5)
    assert not at.exception
    assert "fewer than base size 10 plus run length 5" in infos(at)
    assert "No run yet" in "\n".join(c.value for c in at.caption)


def test_empty_project(project):
    at = open_page("saturation", project.path)
    assert not at.exception
    assert "No coded interviews yet" in infos(at)
    assert not at.dataframe
