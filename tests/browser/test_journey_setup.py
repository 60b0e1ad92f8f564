"""Journey a: a new user creates a project on the Project page, adds informant groups and informants in the
tables, uploads a .docx and a .txt transcript with emoji through the file chooser, attaches each to an
informant, and loads the shipped codebook; the SQLite file is checked after each step."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from qualcode.codebook import load_codebook
from qualcode.ui.i18n import t

from . import CHROMIUM, ROOT, chromium_page, streamlit_server
from .journey import (
    WAIT,
    Pick,
    choose,
    click,
    create_coder,
    grid,
    grid_add_row,
    grid_cell_click,
    grid_edit,
    grid_type,
    main,
    nav,
    open_page,
    rows,
    rows_become,
    settle,
    shown,
    tab,
    upload,
    widget,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

DOCX_PARAGRAPHS = [
    "Pewawancara: Bagaimana peran LKS dalam SPM?",
    "Informan: Kami ikut rapat koordinasi 🤝 setiap bulan, tapi datanya belum terpadu.",
    "Pewawancara: Terima kasih 🙏",
]
# A BOM, Windows line ends, a lone CR, emoji with skin tone and ZWJ, and a decomposed é (no NFC on import)
TXT_RAW = (
    "\ufeffPewawancara: Apa kendala utamanya?\r\n\r\n"
    "Informan: Anggaran 💸 terbatas 👩🏽‍💼, cafe\u0301 pun tutup.\r"
    "Pewawancara: Baik.\r\n"
)
TXT_STORED = TXT_RAW.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
CODEBOOK = ROOT / "codebooks" / "bryson_cross_sector.yaml"


def make_docx(path: Path) -> Path:
    document = docx.Document()
    for paragraph in DOCX_PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.add_paragraph("")  # an empty paragraph is not a block
    document.save(path)
    return path


def test_new_project_groups_informants_uploads_and_codebook(tmp_path):
    path = tmp_path / "studies" / "spm.qualcode"
    path.parent.mkdir()
    transcript_docx = make_docx(tmp_path / "I-01_wawancara.docx")
    transcript_txt = tmp_path / "I-02 catatan.txt"
    transcript_txt.write_bytes(TXT_RAW.encode("utf-8"))
    assert "\r" in transcript_txt.read_bytes().decode("utf-8")  # the file really has CR line ends

    with streamlit_server(path) as url, chromium_page() as page:  # the path does not exist yet
        open_page(page, url, "project")
        assert not path.exists()

        # create the project with the Project page's form
        form = main(page).locator('[data-testid="stForm"]').filter(has_text=t("proj_create_heading"))
        form.get_by_label(t("proj_path"), exact=True).fill(str(path))
        form.get_by_label(t("proj_name"), exact=True).fill("Studi SPM")
        click(page, t("proj_create"), scope=form)
        main(page).get_by_role("tab", name=t("groups"), exact=True).wait_for(timeout=WAIT)
        rows_become(path, "SELECT value FROM meta WHERE key = 'name'", [('"Studi SPM"',)])  # stored as JSON
        create_coder(page, "peneliti")
        rows_become(path, "SELECT name, role FROM coders", [("peneliti", "coder")])

        # two groups, typed into the groups table
        tab(page, t("groups"))
        editor = grid(page, scope=main(page).get_by_role("tabpanel"))
        grid_cell_click(page, editor, -1)
        grid_type(page, "community")
        # the half-typed row shows its empty cells empty (the Informants count too), never "None"
        first_row = [editor.locator(f'[data-testid="glide-cell-{c}-0"]') for c in range(5)]
        expect(first_row[0]).to_have_text("community", timeout=WAIT)  # the grid redraws after the commit
        assert [cell.text_content() for cell in first_row] == ["community", "", "", "", ""]
        grid_cell_click(page, editor, 0, 1)
        grid_type(page, "Komunitas & LKS")
        settle(page)
        shown(page, t("groups"))  # the message about the added group is above the tabs now
        grid_add_row(page, grid(page, scope=main(page).get_by_role("tabpanel")), ["leadership", "Pimpinan Dinas"],
                     existing=1)
        shown(page, t("groups"))
        rows_become(path, "SELECT key, name, sort FROM groups ORDER BY id", [
            ("community", "Komunitas & LKS", 0), ("leadership", "Pimpinan Dinas", 1)])

        # two informants, each in a group chosen from the group column's drop-down; then a role typed in
        tab(page, t("informants"))
        grid_add_row(page, grid(page, scope=main(page).get_by_role("tabpanel")), ["I-01", Pick("community")])
        rows_become(path, "SELECT i.key, g.key FROM informants i JOIN groups g ON g.id = i.group_id", [
            ("I-01", "community")])
        shown(page, t("informants"))
        grid_add_row(page, grid(page, scope=main(page).get_by_role("tabpanel")), ["I-02", Pick("leadership")],
                     existing=1)
        rows_become(path, "SELECT i.key, g.key FROM informants i JOIN groups g ON g.id = i.group_id", [
            ("I-01", "community"), ("I-02", "leadership")])
        shown(page, t("informants"))
        grid_edit(page, grid(page, scope=main(page).get_by_role("tabpanel")), 0, 2, "Ketua LKS")  # the role
        rows_become(path, "SELECT i.key, g.key, i.role FROM informants i JOIN groups g ON g.id = i.group_id "
                          "ORDER BY i.id", [("I-01", "community", "Ketua LKS"), ("I-02", "leadership", None)])
        shown(page, t("informants"))

        # upload each transcript through the file chooser, attached to its informant
        tab(page, t("proj_tab_transcripts"))
        for file, informant in ((transcript_docx, "I-01 (community)"), (transcript_txt, "I-02 (leadership)")):
            upload(page, t("proj_upload_files"), [file])
            choose(page, t("col_informant"), informant)
            click(page, t("proj_import"))
            # the documents table (a grid: its cells are in the DOM for screen readers, not drawn as DOM)
            main(page).get_by_text(file.stem, exact=True).first.wait_for(state="attached", timeout=WAIT)
        docs = rows(path, "SELECT d.name, d.original_name, i.key, d.text FROM documents d "
                          "JOIN informants i ON i.id = d.informant_id ORDER BY d.id")
        assert docs == [
            ("I-01_wawancara", "I-01_wawancara.docx", "I-01", "\n\n".join(DOCX_PARAGRAPHS)),
            ("I-02 catatan", "I-02 catatan.txt", "I-02", TXT_STORED),
        ]
        assert "👩🏽‍💼" in docs[1][3] and "cafe\u0301" in docs[1][3] and "\r" not in docs[1][3]
        turns = rows(path, "SELECT u.start, u.end FROM units u JOIN documents d ON d.id = u.document_id "
                           "WHERE d.name = 'I-02 catatan' AND u.kind = 'turn' ORDER BY u.idx")
        assert [TXT_STORED[s:e].split(":")[0] for s, e in turns] == ["Pewawancara", "Informan", "Pewawancara"]

        # the shipped codebook, uploaded on the Codebook page
        nav(page, t("codebook"))
        upload(page, t("cb_import_file"), [CODEBOOK])
        click(page, t("cb_import"))
        expected = load_codebook(CODEBOOK)
        widget(page, "stSelectbox", t("cb_which")).wait_for(timeout=WAIT)  # shown once there are codes
        rows_become(path, "SELECT key, name FROM codes ORDER BY sort", [(c.key, c.name) for c in expected.codes])
        parents = dict(rows(path, "SELECT c.key, p.key FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"))
        assert parents == {c.key: c.parent for c in expected.codes}
