"""Journey: on the Project page a researcher uploads a Qualtrics-style CSV through the file chooser, sees its
preview, picks the ID, question and attribute columns (with a kind) and one group, imports, and the project
file holds the respondents, attributes and answers the CSV has; then uploads a WAV made in the test, links it
to a transcript under Recordings, and the Code page plays it in an audio element of the recording's length."""

from __future__ import annotations

import csv
import json
import wave
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from ..test_media import tone
from . import CHROMIUM, chromium_page, streamlit_server
from .journey import (
    WAIT,
    choose,
    choose_many,
    click,
    main,
    nav,
    open_page,
    rows,
    rows_become,
    selected,
    settle,
    upload,
    widget,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

HEADER = ["StartDate", "ResponseId", "Q1_age", "Q2_open", "Q3_open"]
QUESTIONS = ["Start Date", "Response ID", "Berapa umur Anda?", "Apa yang paling membantu?", "Apa yang perlu diubah?"]
RESPONDENTS = [
    ["2024-05-01 10:00:00", "R_001", "34", 'Posyandu, "kader" rajin;\ndatang tiap bulan.', "Jam buka."],
    ["2024-05-01 11:00:00", "R_002", "51", "Jalan desa.", ""],
    ["2024-05-02 09:30:00", "R_003", "28", "Bantuan tunai 💸 cepat cair.", "Informasi lewat WA."],
]


def write_qualtrics(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerows([HEADER, QUESTIONS, [json.dumps({"ImportId": f"QID{n}"}) for n in range(len(HEADER))],
                          *RESPONDENTS])
    return path


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "survei.qualcode"
    transcript = tmp_path / "wawancara.txt"
    transcript.write_text("[00:00:00] P: Bagaimana koordinasinya?\n[00:00:01] I: Jarang sekali.\n", encoding="utf-8")
    with Project.create(path, name="Survei") as p:
        p.add_group("warga", "Warga desa")
        p.add_informant("I-01", "warga")
        p.load_codebook(Codebook("t", [Code("A", "Alpha")]))
        p.add_coder("rina")
        p.import_document(transcript, informant="I-01", name="wawancara")
    return path


def option(column: str) -> str:
    """A column as the pickers show it: its name and the question text of the export."""
    return f"{column} — {QUESTIONS[HEADER.index(column)]}"


def test_upload_pick_import_then_link_a_recording_and_hear_it(project, tmp_path):
    survey = write_qualtrics(tmp_path / "kuesioner.csv")
    recording = tone(tmp_path / "wawancara.wav", 1.5)
    with wave.open(str(recording)) as w:
        seconds = w.getnframes() / w.getframerate()
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url, "project")
        section = main(page).locator(".st-key-si_section")
        expect(section.get_by_text(t("si_empty"))).to_be_visible()
        upload(page, t("si_file"), [survey])
        expect(section.get_by_text("Qualtrics export: 3 respondents, 5 columns", exact=False)).to_be_visible(
            timeout=WAIT)
        expect(section.locator('[data-testid="stDataFrame"]')).to_be_visible()  # the preview, a grid, not HTML
        # the first click after an upload only takes the focus from the file chooser: spend it on the ID picker
        widget(page, "stSelectbox", t("si_id_column"), scope=section).click()
        page.keyboard.press("Escape")
        settle(page)

        assert selected(page, t("si_id_column"), scope=section) == option("ResponseId")  # guessed from the values
        choose_many(page, t("si_questions"), [option("Q2_open"), option("Q3_open")], scope=section)
        questions = widget(page, "stMultiSelect", t("si_questions"), scope=section)
        expect(questions).to_contain_text(option("Q2_open"))
        expect(questions).to_contain_text(option("Q3_open"))
        choose_many(page, t("si_attributes"), [option("Q1_age")], scope=section)
        assert widget(page, "stSelectbox", "Kind of Q1_age", scope=section).locator("input").input_value() \
            == "number"  # suggested from the values
        # one group for all is offered first when the project has a group
        assert selected(page, t("col_group"), scope=section) == "warga (Warga desa)"
        click(page, t("si_import"), scope=section)
        expect(section.get_by_text("Last survey import: kuesioner.csv (Qualtrics export)")).to_be_visible(timeout=WAIT)
        assert section.locator('[data-testid="stFileChip"]').count() == 0  # emptied: nothing is imported twice

        rows_become(project, "SELECT i.key, g.key FROM informants i JOIN groups g ON g.id = i.group_id"
                             " WHERE i.key LIKE 'R_%' ORDER BY i.key", [(r[1], "warga") for r in RESPONDENTS])
        attributes = rows(project, "SELECT key, attributes FROM informants WHERE key LIKE 'R_%' ORDER BY key")
        assert [(k, json.loads(a)) for k, a in attributes] == [(r[1], {"Q1_age": r[2]}) for r in RESPONDENTS]
        answers = rows(project, "SELECT i.key, a.question, substr(d.text, a.start + 1, a.\"end\" - a.start) "
                                "FROM survey_answers a JOIN documents d ON d.id = a.document_id "
                                "JOIN informants i ON i.id = d.informant_id ORDER BY i.key, a.position")
        assert answers == [(r[1], q, r[3 + n]) for r in RESPONDENTS for n, q in enumerate(["Q2_open", "Q3_open"])
                           if r[3 + n]]
        assert rows(project, "SELECT kind FROM attribute_types WHERE name = 'Q1_age'") == [("number",)]

        recordings = main(page).locator(".st-key-rec_section")
        if selected(page, t("document"), scope=recordings) != "wawancara":  # the first document, imported first
            choose(page, t("document"), "wawancara", scope=recordings)
        upload(page, t("rec_file"), [recording])
        click(page, t("rec_link"), scope=recordings)
        rows_become(project, "SELECT d.name, m.original_name FROM media m JOIN documents d ON d.id = m.document_id",
                    [("wawancara", "wawancara.wav")])
        expect(recordings.locator('[data-testid="stDataFrame"]')).to_have_count(1)

        nav(page, t("code_page"))
        if selected(page, t("document")) != "wawancara":
            choose(page, t("document"), "wawancara")
        page.wait_for_function("() => { const m = document.querySelector('.st-key-qc_player audio');"
                               " return m && m.readyState >= 1; }", timeout=WAIT)
        duration = page.evaluate("() => document.querySelector('.st-key-qc_player audio').duration")
        assert duration == pytest.approx(seconds, abs=0.05)
