"""The UI catalogue is complete in both languages, every key the code asks for exists, and library errors are
shown in the user's language (English and Bahasa Indonesia)."""

from __future__ import annotations

import ast
import re
import sqlite3
import string
from pathlib import Path

import pytest

from qualcode import accounts
from qualcode.analysis.agreement import interpret_alpha, interpret_kappa
from qualcode.analysis.agreement_report import KAPPA_KINDS, REASONS, UNIT_KINDS
from qualcode.analysis.attributes import KINDS as ATTRIBUTE_KINDS
from qualcode.analysis.cooccurrence import BY as COOCCURRENCE_BY
from qualcode.analysis.triangulation import AXIS_LABELS, MEASURES
from qualcode.analysis.unitized_report import REASONS as UNITIZED_REASONS
from qualcode.analysis.units import RULES
from qualcode.errors import NotFoundError, QualcodeError, Term
from qualcode.history import DESCRIPTIONS, ROW_NOUNS, change_summary, describe, row_name
from qualcode.project import CODER_ROLES, DEFAULT_SOURCE_TYPES, Project
from qualcode.project.agreement import DECISIONS as RECONCILE_DECISIONS
from qualcode.project.assignments import SELECTION_PHRASES, SELECTIONS
from qualcode.project.memos import MEMO_KINDS
from qualcode.project.memos import REPORT_BY as MEMO_REPORT_BY
from qualcode.project.suggestions import DECISIONS
from qualcode.store.schema import AUDITED_TABLES
from qualcode.ui.i18n import CATALOGUE, LANGUAGES, error_message, tn
from qualcode.ui.unitized_parts import STATISTICS as UNITIZED_STATISTICS

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = sorted((ROOT / "qualcode" / "ui").rglob("*.py")) + [ROOT / "app.py"]
LIBRARY_FILES = sorted((ROOT / "qualcode").rglob("*.py"))
ALL_FILES = sorted(set(LIBRARY_FILES + UI_FILES))
TRANSLATORS = {"t", "tr", "tn", "trn"}
FORMS = {"en", "id", "en_one", "id_one"}
BANDS = sorted({interpret_kappa(v) for v in (float("nan"), -0.5, 0.1, 0.3, 0.5, 0.7, 0.9)}
               | {interpret_alpha(v) for v in (float("nan"), 0.5, 0.7, 0.9)})

# Keys built from a prefix and a value: every value each one can take, from the library's own constants where
# it has them. A template not listed here fails the test, so a new f-string key must be listed to pass.
TEMPLATES: dict[str, list[tuple[str, ...]]] = {
    "charts_kind_{}": [("codemap",), ("codeline",), ("profiles",)],
    "sat_col_{}": [(c,) for c in ("group", "run_start", "run_end", "base_codes", "new_in_run", "ratio",
                                  "below_threshold", "position", "document", "informant", "order_value", "new_codes",
                                  "cumulative_codes", "new_top_level", "cumulative_top_level", "new_code_keys")],
    "prof_share_{}": [("informants",), ("text",)],
    "prof_style_{}": [("side",), ("difference",)],
    "prof_title_{}": [("informants",), ("text",)],
    "prof_value_{}": [("informants",), ("text",)],
    "cline_scope_{}": [("documents",), ("group",)],
    "cline_x_{}": [("turn",), ("char",)],
    "role_{}": [(r,) for r in CODER_ROLES],  # the accounts' roles and the consensus coder's
    "source_{}": [(s,) for s in DEFAULT_SOURCE_TYPES],
    "perm_{}": [(p,) for p in accounts.PERMISSIONS],
    "tri_axis_{}": [(a,) for a in AXIS_LABELS],
    "tri_n_{}": [(a,) for a in AXIS_LABELS],
    "tri_cov_one_{}": [(a,) for a in AXIS_LABELS],
    "tri_m_{}": [(m,) for m in MEASURES],
    "tri_v_{}": [(v,) for v in ("agreement", "partial_agreement", "silence", "dissonance")],
    "agr_unit_{}": [(u,) for u in UNIT_KINDS],
    "agr_rule_{}": [(r,) for r in RULES],
    "agr_selection_{}": [(s,) for s in SELECTIONS],  # how the documents compared are chosen
    "agr_chosen_{}": [(s.replace("-", "_"),) for s in SELECTION_PHRASES],
    "agr_kind_{}": [(k,) for k in KAPPA_KINDS],
    "agr_band_{}": [(b.replace(" ", "_"),) for b in BANDS],
    "agr_reason_{}": [(r,) for r in REASONS],  # why a kappa or alpha is undefined
    "uz_reason_{}": [(r,) for r in UNITIZED_REASONS],  # why a unitized alpha is undefined
    "uz_col_{}": [(c,) for c in UNITIZED_STATISTICS],
    "agr_decision_{}": [(d,) for d in RECONCILE_DECISIONS],
    "agr_accept_{}_help": [(d,) for d in RECONCILE_DECISIONS],
    "sug_done_{}": [(d,) for d in DECISIONS],
    "sug_{}": [(d,) for d in DECISIONS],
    "tri_no_{}": [(a,) for a in AXIS_LABELS],
    "tri_cooc_{}": [(b,) for b in COOCCURRENCE_BY],
    "unit_{}": [("sentence",), ("turn",)],  # the units of quick coding
    "cb_{}": [(f,) for f in ("definition", "include", "exclude", "example")],  # the codebook form's text areas
    "proj_sheet_{}": [("informants",), ("groups",)],
    "proj_sheet_{}_help": [("informants",), ("groups",)],
    "hist_op_{}": [(op,) for op in ("insert", "update", "delete")],
    "hist_do_{}": [(action.replace(".", "_"),) for action in DESCRIPTIONS],
    "hist_table_{}": [(table,) for table in AUDITED_TABLES],
    "hist_row_{}": [(table,) for table in ROW_NOUNS],
    "proj_imported_{}": [("informants",), ("groups",)],
    "proj_lang_{}": [("id",), ("en",), ("other",)],
    "term_new_{}_key": [("group",), ("informant",)],
    "err_duplicate_{}_key": [("group",), ("informant",)],
    "err_{}_key_empty": [("group",), ("informant",)],
    "err_rename_{}_taken": [("group",), ("informant",)],
    "err_{}_cycle_{}": [(verb, kind) for verb in ("move", "merge") for kind in ("self", "sub")],
    # CodebookEditing._code_named(key, what): what is one of these
    "term_{}": [("undo",), ("redo",), ("code",), ("parent_code",), ("source_code",), ("target_code",)],
    "export_layout_{}": [("table",), ("paper",)],  # the quote table's layouts in the export menu
    "tri_report_quotes_{}": [("all",), ("only",)],  # the report's quote choices (a number has its own key)
    "memo_kind_{}": [(k,) for k in MEMO_KINDS],
    "memo_by_{}": [(b,) for b in MEMO_REPORT_BY],
    "attr_kind_{}": [(k,) for k in ATTRIBUTE_KINDS],
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def template_of(node: ast.expr) -> str | None:
    """A literal key as itself; an f-string or "prefix" + value as a template with {} for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value.replace("{", "{{") if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
            and isinstance(node.left.value, str)):
        return node.left.value + "{}"
    return None


def key_uses(files: list[Path]) -> list[tuple[str, str, ast.Call]]:
    """(where, key or template, call) for every translated key: tr("..."), Term(english, "key"), Error(key=...)."""
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            arg = None
            if name in TRANSLATORS and node.args and path in UI_FILES:
                arg = node.args[0]
            elif name == "Term" and len(node.args) > 1:
                arg = node.args[1]
            elif name.endswith("Error"):
                arg = next((k.value for k in node.keywords if k.arg == "key"), None)
            elif name == "__init__":  # an error class naming its own key: super().__init__(..., key="err_x")
                arg = next((k.value for k in node.keywords if k.arg == "key" and isinstance(k.value, ast.Constant)),
                           None)
            if arg is None or (isinstance(arg, ast.Constant) and arg.value is None):
                continue
            template = template_of(arg)
            if template is not None:
                found.append((where, template, node))
            elif name.endswith("Error") or name == "Term":  # a key held in a variable cannot be checked
                found.append((where, f"<not a literal: {ast.unparse(arg)}>", node))
    return found


def expand(template: str) -> list[str]:
    if "{}" not in template:
        return [template.replace("{{", "{")]
    return [template.format(*values) for values in TEMPLATES.get(template, [])]


# -- the catalogue itself ------------------------------------------------------------------

def test_every_entry_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, entry in CATALOGUE.items():
        if set(entry) - FORMS:
            problems.append(f"{key}: unknown forms {sorted(set(entry) - FORMS)}")
        for lang in LANGUAGES:
            if not isinstance(entry.get(lang), str) or not entry[lang].strip():
                problems.append(f"{key}: no {lang!r} text")
        if placeholders(entry.get("en", "")) != placeholders(entry.get("id", "")):
            problems.append(f"{key}: placeholders differ: en {sorted(placeholders(entry.get('en', '')))}, "
                            f"id {sorted(placeholders(entry.get('id', '')))}")
        for lang in ("en", "id"):
            one = entry.get(f"{lang}_one")
            if one is not None and not placeholders(one) <= placeholders(entry[lang]):
                problems.append(f"{key}: {lang}_one has placeholders {lang} lacks")
    assert not problems, "\n".join(problems)


def test_catalogue_keys_are_written_once():
    """A key written twice in the dict literal silently keeps only the second entry."""
    tree = ast.parse((ROOT / "qualcode" / "ui" / "i18n.py").read_text(encoding="utf-8"))
    literal = next(n.value for n in ast.walk(tree)
                   if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "CATALOGUE")
    keys = [k.value for k in literal.keys]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_no_word_is_written_with_a_plural_in_brackets():
    """Plurals are real plurals ("1 coding", "3 codings"), never "coding(s)"."""
    bracketed = [f"{key}.{form}" for key, entry in CATALOGUE.items() for form, text in entry.items()
                 if re.search(r"\w\(s\)", text)]
    assert bracketed == []


def test_plural_forms():
    assert tn("n_codings", 1) == "1 coding"
    assert tn("n_codings", 0) == "0 codings"
    assert tn("n_codings", 3) == "3 codings"
    assert tn("n_codings", 1, "id") == "1 pengodean"
    assert tn("n_codings", 3, "id") == "3 pengodean"
    assert tn("cb_deleted", 1, "en", key="E1") == "Code E1 deleted with 1 coding."
    assert tn("cb_deleted", 2, "en", key="E1") == "Code E1 deleted with 2 codings."


# -- the keys the code uses ----------------------------------------------------------------

def test_every_key_the_code_uses_exists():
    uses = key_uses(ALL_FILES)
    problems = []
    for where, template, _ in uses:
        if template.startswith("<not a literal"):
            problems.append(f"{where}: {template}")
            continue
        keys = expand(template)
        if not keys:
            problems.append(f"{where}: key template {template!r} has no values listed in TEMPLATES")
        problems += [f"{where}: no catalogue entry {key!r}" for key in keys if key not in CATALOGUE]
    assert not problems, "\n".join(problems)


def test_error_keys_get_every_placeholder_they_need():
    """An error's params fill its message: a missing one would make the UI fall back to English."""
    problems = []
    for where, template, call in key_uses(ALL_FILES):
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
        if not (name.endswith("Error") or name in ("Term", "__init__")) or template.startswith("<"):
            continue
        given = {k.arg for k in call.keywords if k.arg not in ("key", None)}
        for key in expand(template):
            for lang in ("en", "id"):
                missing = placeholders(CATALOGUE.get(key, {}).get(lang, "")) - given
                if missing:
                    problems.append(f"{where}: {key} ({lang}) needs {sorted(missing)}")
    assert not problems, "\n".join(problems)


def test_keys_of_the_library_constants_are_listed():
    """The values listed for a template cover what the library can produce (so a new role or unit fails here)."""
    assert {v for (v,) in TEMPLATES["agr_unit_{}"]} == set(UNIT_KINDS)
    assert {v for (v,) in TEMPLATES["perm_{}"]} == set(accounts.PERMISSIONS)
    assert set(accounts.ROLES) <= {v for (v,) in TEMPLATES["role_{}"]}
    assert {"poor", "almost perfect", "reliable", "unreliable", "undefined"} <= set(BANDS)


def test_the_english_history_wording_is_the_library_s():
    """The History page in English says exactly what the library (and the CLI) says; Indonesian has every
    description, table and row noun, with the same placeholders (checked above)."""
    for action, template in DESCRIPTIONS.items():
        assert CATALOGUE[f"hist_do_{action.replace('.', '_')}"]["en"] == template, action
    for table in AUDITED_TABLES:
        assert CATALOGUE[f"hist_table_{table}"]["en"] == table
        assert CATALOGUE[f"hist_row_{table}"]["en"] == ROW_NOUNS[table]
    indonesian = {action: CATALOGUE[f"hist_do_{action.replace('.', '_')}"]["id"] for action in DESCRIPTIONS}
    assert describe("coding.add", {"code": "E3.2"}, indonesian) == "kodekan kutipan sebagai E3.2"
    assert describe("coding.add_many", {"count": 2, "codes": ["A", "B"]}, indonesian) == \
        "kodekan 2 kutipan sebagai A, B"
    assert describe("project.blind_coding", {"on": True}, indonesian) == "pengodean buta dinyalakan"
    undo = {"action": "code.merge", "description": "merge code A into B", "params": {"source": "A", "target": "B"}}
    assert describe("undo", undo, indonesian) == "urungkan 'gabungkan kode A ke B'"
    assert describe("undo", undo) == "undo 'merge code A into B'"
    old_undo = {"action": "code.merge", "description": "merge code A into B"}  # recorded before params were kept
    assert describe("undo", old_undo, indonesian) == "urungkan 'merge code A into B'"
    tables = {t: CATALOGUE[f"hist_table_{t}"]["id"] for t in AUDITED_TABLES}
    assert change_summary([{"tbl": "codings", "op": "insert", "n": 2}], tables) == "pengodean +2"
    nouns = {t: CATALOGUE[f"hist_row_{t}"]["id"] for t in ROW_NOUNS}
    assert row_name("codes", 5, {"key": "E3.2"}, nouns) == "kode 5 (E3.2)"


def test_no_catalogue_key_is_unused():
    """Every entry is reachable: named as a literal in the UI code, as a key an error carries, or by a listed
    template value."""
    literals = set()
    for path in UI_FILES:
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr | ast.BinOp) and template_of(node) in TEMPLATES:
                literals.update(expand(template_of(node)))  # a key built before the call, e.g. "agr_band_" + band
    reachable = literals | {key for _, template, _ in key_uses(ALL_FILES) for key in expand(template)}
    reachable |= {"err_at_line"}  # used by error_message itself
    assert sorted(set(CATALOGUE) - reachable) == []


# -- library errors in the user's language --------------------------------------------------

def test_a_keyed_error_is_translated_and_an_unkeyed_one_stays_english():
    err = NotFoundError("unknown code 'E9'; known: E1", key="err_unknown_code", code="E9", known="E1")
    assert error_message(err, "en") == "unknown code 'E9'; known: E1"
    assert error_message(err, "id") == "kode 'E9' tidak dikenal; yang ada: E1"
    plain = QualcodeError("something the catalogue does not know")
    assert error_message(plain, "id") == "something the catalogue does not know"
    unknown_key = QualcodeError("english text", key="err_no_such_key_in_the_catalogue")
    assert error_message(unknown_key, "id") == "english text"
    short = QualcodeError("english text", key="err_unknown_code", code="E9")  # a param missing: fall back
    assert error_message(short, "id") == "english text"


def test_terms_inside_an_error_are_translated_too():
    err = NotFoundError("unknown code 'X'; known: none yet", key="err_unknown_code", code="X",
                        known=Term("none yet", "err_none_yet"))
    assert str(err) == "unknown code 'X'; known: none yet"
    assert error_message(err, "id") == "kode 'X' tidak dikenal; yang ada: belum ada"


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.qualcode", name="p") as project:
        project.add_group("community", "Community")
        project.add_informant("I-01", "community")
        yield project


def test_errors_of_the_real_api_in_both_languages(project, tmp_path):
    """Errors raised by the API on a real project: the English message for the CLI, Indonesian for the UI."""
    raised = {}
    for name, action in {
        "group": lambda: project.add_group("community"),
        "informant": lambda: project.add_informant("I-02", "nowhere"),
        "code": lambda: project.edit_code("E9", name="x"),
        "document": lambda: project.document("missing"),
        "coding": lambda: project.remove_coding(999),
        "undo": lambda: project.undo("nobody"),
        "open": lambda: type(project).open(tmp_path / "absent.qualcode"),
        "sheet": lambda: project.import_groups(tmp_path / "absent.csv"),
    }.items():
        with pytest.raises(QualcodeError) as caught:
            action()
        raised[name] = caught.value
    assert str(raised["group"]) == "group 'community' already exists"
    assert error_message(raised["group"], "id") == "kelompok 'community' sudah ada"
    assert error_message(raised["informant"], "id") == "kelompok 'nowhere' tidak dikenal; yang ada: community"
    assert error_message(raised["code"], "id") == "kode 'E9' tidak dikenal; yang ada: belum ada"
    assert error_message(raised["document"], "id") == "dokumen 'missing' tidak dikenal; yang ada: tidak ada"
    assert error_message(raised["coding"], "id") == "tidak ada pengodean dengan id 999"
    assert error_message(raised["undo"], "id").startswith("tidak ada yang diurungkan: nobody")
    assert error_message(raised["open"], "id").endswith("absent.qualcode: berkas proyek tidak ditemukan")
    assert error_message(raised["sheet"], "id").endswith("absent.csv: berkas tidak ditemukan")
    for err in raised.values():  # every one of them is keyed, and English stays the exception's message
        assert err.key in CATALOGUE
        assert error_message(err, "en") == str(err)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", r"no such project file"),
    ("id", r"berkas proyek tidak ditemukan"),
])
def test_an_api_error_on_the_project_page_is_in_the_chosen_language(tmp_path, lang, expected):
    """Opening a missing project file on the real Project page (AppTest): the library's error, translated."""
    from .conftest import open_page

    at = open_page("project", "", lang)
    at.text_input(key="proj_open_path").input(str(tmp_path / "nope.qualcode"))
    next(b for b in at.button if b.label == ("Open" if lang == "en" else "Buka")).click().run()
    assert not at.exception
    shown = [e.value for e in at.error]
    assert any(expected in text for text in shown), shown
    assert lang == "en" or not any("no such project file" in text for text in shown)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "group 'community' already exists"),
    ("id", "kelompok 'community' sudah ada"),
])
def test_a_duplicate_from_the_api_in_a_project_page_callback(project, lang, expected):
    """Adding a group that exists through the groups editor's callback: the refusal in the session's language."""
    from streamlit.testing.v1 import AppTest

    def callback(path: str, lang: str) -> None:
        import streamlit as st

        from qualcode.ui.project_parts import apply_group_edits

        st.session_state.update(lang=lang, project_path=path, _proj_group_keys=["community"],
                                editor={"added_rows": [{"key": "community", "name": "again"}]})
        apply_group_edits("editor")

    at = AppTest.from_function(callback, args=(str(project.path), lang), default_timeout=60).run()
    assert not at.exception
    errors = [m for kind, m in at.session_state["_messages"] if kind == "error"]
    assert [e.replace("\\", "") for e in errors] == [expected]


# -- the tables the pages show, in Bahasa Indonesia -----------------------------------------

# Column names of the library's frames: a header still showing one of them is not translated.
RAW_COLUMNS = {"start", "end", "code", "coder", "codes", "kappa", "alpha", "n", "group", "document", "informant",
               "quote", "memo", "line", "text", "units", "label", "verdict", "source_type", "role", "name", "key",
               "prevalence", "kappa_kind", "kappa_band", "alpha_band", "created_at", "decision", "at", "actor",
               "description", "changes", "undone", "row", "op", "fields"}
ENGLISH_ONLY = {e["en"] for e in CATALOGUE.values()} - {e["id"] for e in CATALOGUE.values()}


def headers(at) -> list[str]:
    """Every column header (and named index) of every dataframe the page shows, as the browser labels it: a
    column_config label in place of the frame's own name (data editors label their columns so)."""
    import json

    names = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns or "{}")
        names += [str(config.get(str(c), {}).get("label") or c) for c in frame.value.columns]
        names += [str(n) for n in frame.value.index.names if n is not None]
    return names


def untranslated(at) -> list[str]:
    return [h for h in headers(at) if h in RAW_COLUMNS or h in ENGLISH_ONLY]


def ids(*keys: str) -> list[str]:
    return [CATALOGUE[k]["id"] for k in keys]


def test_code_page_codings_table_in_indonesian(demo_path):
    from .conftest import open_page

    at = open_page("code", demo_path, "id", coder="rina", code_table_on=True)  # the table is behind a toggle
    assert not at.exception
    table = at.dataframe[-1].value
    assert list(table.columns) == ids("col_line", "col_code", "col_coder", "col_quote", "col_memo", "col_start",
                                      "col_end")
    assert list(table.columns) == ["Baris", "Kode", "Pengode", "Kutipan", "Memo", "Awal", "Akhir"]
    assert len(table) > 0 and untranslated(at) == []


def test_agreement_tables_in_indonesian(demo_path):
    from .conftest import open_page

    at = open_page("agreement", demo_path, "id", coder="rina")
    assert not at.exception
    report = next(d.value for d in at.dataframe if "Kategori kappa" in d.value.columns)
    assert list(report.columns) == ids(
        "col_code", "col_name", "agr_col_units", "agr_col_coders", "agr_col_prevalence", "agr_col_uncoded",
        "agr_col_percent", "agr_col_kappa", "agr_col_kappa_kind", "agr_col_kappa_band", "agr_col_alpha",
        "agr_col_alpha_low", "agr_col_alpha_high", "agr_col_alpha_band", "agr_col_reason", "agr_col_warning")
    assert set(report["Jenis kappa"]) == {"kappa Cohen"}  # the kind, not the library's "cohen"
    assert set(report["Kategori kappa"]) <= {CATALOGUE[f"agr_band_{b.replace(' ', '_')}"]["id"] for b in BANDS}
    disagreements = next(d.value for d in at.dataframe if "Teks" in d.value.columns)
    assert {"Dokumen", "Kode", "Awal", "Akhir"} <= set(disagreements.columns)
    assert untranslated(at) == []


@pytest.mark.parametrize("page", ["overview", "project", "triangulation", "history"])
def test_other_tables_in_indonesian(demo_path, page):
    from .conftest import open_page

    at = open_page(page, demo_path, "id", coder="rina")
    assert not at.exception
    assert at.dataframe and untranslated(at) == []
    cells = {str(v) for d in at.dataframe for column in d.value.columns for v in d.value[column].head(50)}
    if page in ("overview", "project"):  # the built-in source type and the role, in words
        assert "wawancara" in cells and "interview" not in cells
    if page == "overview":
        assert "pengode" in cells and "coder" not in cells
    if page == "history":
        assert any(c.startswith("impor dokumen ") for c in cells) and not any(c.startswith("import ") for c in cells)
        assert not any(c.startswith("codings ") for c in cells)  # the change counts name the table in Indonesian


def test_undo_on_the_history_page_speaks_indonesian(demo_copy):
    """A real undo through the page's button: the notice and the would-undo caption in Bahasa Indonesia."""
    from .conftest import open_page

    with Project.open(demo_copy) as p:
        doc = p.documents().iloc[0]
        p.add_coding(int(doc["id"]), 0, 10, p.codes()["key"].iloc[1], "rina")
    at = open_page("history", demo_copy, "id", coder="rina")
    assert not at.exception
    assert any("Urungkan akan membatalkan: kodekan kutipan sebagai" in c.value for c in at.caption)
    at.button(key="hist_undo").click().run()
    assert not at.exception
    assert any(i.value.startswith("Diurungkan: kodekan kutipan sebagai") for i in at.info), [i.value for i in at.info]
    assert "urungkan 'kodekan kutipan sebagai" in at.dataframe[0].value["Apa"].iloc[0]
    with Project.open(demo_copy) as p:  # a new change clears redo: the refusal names both changes in Indonesian
        p.add_coding(int(doc["id"]), 20, 30, p.codes()["key"].iloc[2], "rina")
    at.run()
    redo = at.button(key="hist_redo")  # refused before it is clicked: disabled, its tooltip says why
    refusal = redo.help.replace("\\", "").replace("\u2060", "")
    assert redo.disabled and refusal.startswith("tidak dapat mengulangi 'kodekan kutipan sebagai "), refusal
    assert "('kodekan kutipan sebagai " in refusal and "perubahan baru menghapus riwayat ulangi" in refusal


def test_source_types_on_the_triangulation_page_in_indonesian(demo_path):
    """By source type: the table's columns, the coverage, the column picker and the heat map name the built-in
    source types in Indonesian, and a click on a translated heat-map label still picks the stored column."""
    import pyarrow as pa
    from streamlit.testing.v1 import AppTest

    from .conftest import open_page

    at = open_page("triangulation", demo_path, "id", coder="rina", tri_by="source_type")
    assert not at.exception
    table = at.dataframe[0].value
    assert {"wawancara", "observasi", "dokumen"} <= set(table.columns) and "interview" not in table.columns
    assert not any("interview" in str(v) for v in table["Cakupan"])
    picker = at.selectbox(key="tri_column")
    assert [picker.format_func(o) for o in picker.options] == ["wawancara", "observasi", "dokumen"]
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith("tri_heatmap"))
    shown, keys, codes = set(), set(), {}
    for dataset in chart.proto.datasets:  # the chart's data travel as Arrow beside the spec
        frame = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
        shown |= set(frame["column_label"])
        keys |= set(frame["column"])
        codes |= dict(zip(frame["code"], frame["code_label"], strict=True))
    assert shown == {"wawancara", "observasi", "dokumen"}
    with sqlite3.connect(demo_path) as conn:  # the codebook's Indonesian names, where it has them
        alt_names = dict(conn.execute("SELECT key, name_alt FROM codes WHERE coalesce(name_alt, '') <> ''"))
    assert alt_names and all(codes[k] == f"{k} {n}" for k, n in alt_names.items() if k in codes)
    assert keys == {"interview", "observation", "document"}  # what a click names: the stored column

    def click() -> None:
        import streamlit as st

        from qualcode.ui.triangulation_parts import pick_from_chart

        st.session_state["tri_heatmap"] = {"selection": {"cell": [{"code": "E3.3", "column": "observation"}]}}
        pick_from_chart()

    clicked = AppTest.from_function(click).run()
    assert not clicked.exception
    assert (clicked.session_state["tri_code"], clicked.session_state["tri_column"]) == ("E3.3", "observation")
