"""Journey i: on the Suggestions page a coder trains a model on her codings, asks for suggestions, then
accepts one, accepts one as another code and rejects one; SQLite's suggestions and codings follow each
(an accepted coding's quote is text[start:end] of the suggested sentence)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, main, open_page, pick_coder, rows, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

# Three interviews with the same three kinds of sentence: coordination (code A), budget (code B) and neither.
# rina codes A and B everywhere in the first two, nothing in the third: the model has enough examples (16 of
# each, from two documents, so grouped cross-validation can run) and something left to suggest.
PLACES = ["kecamatan", "desa", "kelurahan", "puskesmas", "sekolah", "LKS", "panti", "posyandu", "karang taruna",
          "PKK", "RT", "RW"]
A = ([f"Rapat koordinasi dengan pengurus {p} diadakan bersama dinas sosial." for p in PLACES]
     + [f"Koordinasi antarinstansi di {p} berjalan lewat rapat rutin." for p in PLACES])
B = ([f"Anggaran bantuan untuk {p} sangat terbatas tahun ini." for p in PLACES]
     + [f"Dana operasional {p} belum cair dari anggaran daerah." for p in PLACES])
N = ([f"Kantor {p} buka pukul delapan pagi setiap hari kerja." for p in PLACES]
     + [f"Jalan menuju {p} sudah diaspal dan cukup ramai." for p in PLACES])
SUGGESTIONS = """SELECT s.id, d.name, d.text, u.start, u."end", k.key, s.status FROM suggestions s
                 JOIN units u ON u.id = s.unit_id JOIN documents d ON d.id = u.document_id
                 JOIN codes k ON k.id = s.code_id"""
CODINGS = """SELECT d.name, k.key, c.name, x.start, x."end", x.quote FROM codings x
             JOIN documents d ON d.id = x.document_id JOIN codes k ON k.id = x.code_id
             JOIN coders c ON c.id = x.coder_id"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("journey_suggestions")
    path = folder / "suggest.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("A", "Coordination"), Code("B", "Budget"), Code("C", "Other")]))
        p.add_coder("rina")
        for d in range(3):
            file = folder / f"w{d}.txt"
            file.write_text("\n\n".join(f"Informan: {A[i]} {B[i]} {N[i]}" for i in range(d * 8, d * 8 + 8)) + "\n",
                            encoding="utf-8")
            p.import_document(file, informant="I-01", name=f"w{d}")
        for i in range(16):
            p.code_quote(f"w{i // 8}", A[i], "A", "rina")
            p.code_quote(f"w{i // 8}", B[i], "B", "rina")
    return path


def shown_suggestion(page, path: Path) -> tuple:
    """The suggestion the queue shows (found by the document and offsets in its caption), as stored."""
    caption = main(page).get_by_text(re.compile(r"^w\d · .* · \d+–\d+$")).first
    caption.wait_for(timeout=WAIT)
    document, *_, span = caption.inner_text().split(" · ")
    start, end = (int(v) for v in span.split("–"))
    found = [r for r in rows(path, SUGGESTIONS) if (r[1], r[3], r[4]) == (document, start, end) and r[6] == "open"]
    assert len(found) == 1, found
    return found[0]


def press(page, key: str) -> None:
    """Click the button with widget key ``key`` (labels carry keyboard hints, so the key is steadier)."""
    main(page).locator(f".st-key-{key} button").first.click()
    settle(page)


def test_suggestions_journey(project):
    before = set(rows(project, CODINGS))
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url, "suggestions")
        pick_coder(page, "rina")

        # train on rina's codings: the evaluation appears; suggest: one per uncoded A/B sentence of w2
        press(page, "sug_train")
        main(page).locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=WAIT)
        assert rows(project, SUGGESTIONS) == []
        press(page, "sug_run")
        suggested = {(name, text[start:end], code) for _, name, text, start, end, code, _ in rows(project, SUGGESTIONS)}
        assert suggested == {("w2", A[i], "A") for i in range(16, 24)} | {("w2", B[i], "B") for i in range(16, 24)}
        assert set(rows(project, CODINGS)) == before  # suggesting codes nothing

        # accept: rina's coding of the suggested code on the sentence
        sid, name, text, start, end, code, _ = shown_suggestion(page, project)
        press(page, "sug_accept")
        assert dict((r[0], r[6]) for r in rows(project, SUGGESTIONS))[sid] == "accepted"
        added = set(rows(project, CODINGS)) - before
        assert added == {(name, code, "rina", start, end, text[start:end])}

        # accept as another code (C): the coding carries C, not the suggested code
        sid2, name2, text2, start2, end2, code2, _ = shown_suggestion(page, project)
        assert sid2 != sid
        choose(page, t("sug_accept_as"), re.compile(r"^C · "), search="C ·")
        press(page, "sug_accept")
        assert dict((r[0], r[6]) for r in rows(project, SUGGESTIONS))[sid2] == "accepted"
        added = set(rows(project, CODINGS)) - before
        assert added == {(name, code, "rina", start, end, text[start:end]),
                         (name2, "C", "rina", start2, end2, text2[start2:end2])}

        # reject: the status only; no coding
        sid3, *_ = shown_suggestion(page, project)
        assert sid3 not in (sid, sid2)
        press(page, "sug_reject")
        assert dict((r[0], r[6]) for r in rows(project, SUGGESTIONS))[sid3] == "rejected"
        assert set(rows(project, CODINGS)) - before == added
        statuses = sorted(r[6] for r in rows(project, SUGGESTIONS))
        assert statuses == ["accepted", "accepted"] + ["open"] * 13 + ["rejected"]
