"""UI strings in English and Bahasa Indonesia, from one catalogue."""

from __future__ import annotations

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}

CATALOGUE: dict[str, dict[str, str]] = {
    "app_title": {"en": "qualcode", "id": "qualcode"},
    "language": {"en": "Language", "id": "Bahasa"},
    "project_file": {"en": "Project file", "id": "Berkas proyek"},
    "open": {"en": "Open", "id": "Buka"},
    "no_project": {
        "en": "No project is open. Enter the path of a project file (*.qualcode) in the sidebar, "
              "or build the demo with `qualcode demo demo/demo.qualcode`.",
        "id": "Belum ada proyek yang dibuka. Isi jalur berkas proyek (*.qualcode) di bilah samping, "
              "atau buat proyek contoh dengan `qualcode demo demo/demo.qualcode`.",
    },
    "cannot_open": {"en": "Cannot open the project", "id": "Proyek tidak dapat dibuka"},
    "overview": {"en": "Overview", "id": "Ringkasan"},
    "groups": {"en": "Informant groups", "id": "Kelompok informan"},
    "informants": {"en": "Informants", "id": "Informan"},
    "documents": {"en": "Documents", "id": "Dokumen"},
    "codes": {"en": "Codes", "id": "Kode"},
    "coders": {"en": "Coders", "id": "Pengode"},
    "codings": {"en": "Codings", "id": "Pengodean"},
    "codebook": {"en": "Codebook", "id": "Buku kode"},
    "empty_groups": {"en": "No informant groups yet.", "id": "Belum ada kelompok informan."},
    "empty_informants": {"en": "No informants yet.", "id": "Belum ada informan."},
    "empty_documents": {"en": "No documents imported yet.", "id": "Belum ada dokumen yang diimpor."},
    "empty_codebook": {"en": "No codebook loaded yet.", "id": "Belum ada buku kode yang dimuat."},
    "col_key": {"en": "Key", "id": "Kunci"},
    "col_name": {"en": "Name", "id": "Nama"},
    "col_group": {"en": "Group", "id": "Kelompok"},
    "col_role": {"en": "Role", "id": "Peran"},
    "col_organisation": {"en": "Organisation", "id": "Organisasi"},
    "col_informant": {"en": "Informant", "id": "Informan"},
    "col_informants": {"en": "Informants", "id": "Jumlah informan"},
    "col_source_type": {"en": "Source type", "id": "Jenis sumber"},
    "col_language": {"en": "Language", "id": "Bahasa"},
    "col_characters": {"en": "Characters", "id": "Karakter"},
    "col_codings": {"en": "Codings", "id": "Pengodean"},
    "col_codings_total": {"en": "Codings incl. sub-codes", "id": "Pengodean termasuk subkode"},
    "col_definition": {"en": "Definition", "id": "Definisi"},
    "col_color": {"en": "Colour", "id": "Warna"},
    "col_documents": {"en": "Documents", "id": "Dokumen"},
    "col_role_coder": {"en": "Role", "id": "Peran"},
    # -- sidebar: coder identity --
    "coder": {"en": "Coder", "id": "Pengode"},
    "coder_pick": {"en": "Who is coding?", "id": "Siapa yang mengode?"},
    "coder_new": {"en": "New coder…", "id": "Pengode baru…"},
    "coder_new_name": {"en": "Your name", "id": "Nama Anda"},
    "coder_create": {"en": "Create coder", "id": "Buat pengode"},
    "coder_needed": {
        "en": "Pick or create your coder name in the sidebar first: every coding records who made it.",
        "id": "Pilih atau buat nama pengode Anda di bilah samping dulu: setiap pengodean mencatat pembuatnya.",
    },
    # -- Code page --
    "code_page": {"en": "Code", "id": "Kode teks"},
    "document": {"en": "Document", "id": "Dokumen"},
    "show_codings": {"en": "Show codings of", "id": "Tampilkan pengodean"},
    "filter_mine": {"en": "Mine", "id": "Milik saya"},
    "filter_all": {"en": "All coders", "id": "Semua pengode"},
    "no_documents": {
        "en": "This project has no documents yet. Import transcripts on the Project page.",
        "id": "Proyek ini belum memiliki dokumen. Impor transkrip di halaman Proyek.",
    },
    "selected_quote": {"en": "Selected passage", "id": "Kutipan terpilih"},
    "select_hint": {
        "en": "Select a passage in the transcript with the mouse (or Shift+arrows) to code it.",
        "id": "Pilih kutipan pada transkrip dengan tetikus (atau Shift+panah) untuk mengodenya.",
    },
    "codes_to_apply": {"en": "Codes (type a key or name)", "id": "Kode (ketik kunci atau nama)"},
    "memo": {"en": "Memo", "id": "Memo"},
    "apply": {"en": "Apply", "id": "Terapkan"},
    "undo": {"en": "Undo", "id": "Urungkan"},
    "nothing_to_undo": {"en": "Nothing to undo", "id": "Tidak ada yang diurungkan"},
    "applied": {"en": "Coded {n} × at {start}–{end}", "id": "Dikode {n} × pada {start}–{end}"},
    "pick_a_code": {"en": "Choose at least one code.", "id": "Pilih minimal satu kode."},
    "empty_selection": {"en": "The selection holds no text.", "id": "Pilihan tidak berisi teks."},
    "edit_coding": {"en": "Coding", "id": "Pengodean"},
    "which_coding": {"en": "Which coding?", "id": "Pengodean yang mana?"},
    "change_code": {"en": "Code", "id": "Kode"},
    "save": {"en": "Save", "id": "Simpan"},
    "delete": {"en": "Delete", "id": "Hapus"},
    "confirm_delete": {"en": "Yes, delete this coding", "id": "Ya, hapus pengodean ini"},
    "really_delete": {"en": "Delete this coding? Undo can bring it back.", "id": "Hapus pengodean ini? Urungkan dapat mengembalikannya."},
    "saved": {"en": "Saved.", "id": "Tersimpan."},
    "deleted": {"en": "Deleted.", "id": "Dihapus."},
    "undone": {"en": "Undone: {label}", "id": "Diurungkan: {label}"},
    "quick_coding": {"en": "Quick coding by unit", "id": "Pengodean cepat per unit"},
    "unit_kind": {"en": "Units", "id": "Unit"},
    "unit_sentence": {"en": "Sentences", "id": "Kalimat"},
    "unit_turn": {"en": "Speaker turns", "id": "Giliran bicara"},
    "col_text": {"en": "Text", "id": "Teks"},
    "col_speaker": {"en": "Speaker", "id": "Pembicara"},
    "col_codes": {"en": "My codes", "id": "Kode saya"},
    "col_line": {"en": "Line", "id": "Baris"},
    "col_coder": {"en": "Coder", "id": "Pengode"},
    "col_quote": {"en": "Quote", "id": "Kutipan"},
    "col_code": {"en": "Code", "id": "Kode"},
    "col_memo": {"en": "Memo", "id": "Memo"},
    "codings_here": {"en": "Codings in this document", "id": "Pengodean dalam dokumen ini"},
    "no_codings_here": {"en": "No codings shown yet.", "id": "Belum ada pengodean yang ditampilkan."},
    "quick_saved": {"en": "Quick coding: {added} added, {removed} removed", "id": "Pengodean cepat: {added} ditambah, {removed} dihapus"},
    "no_codebook_to_code": {"en": "Load a codebook before coding.", "id": "Muat buku kode sebelum mengode."},
}


def t(key: str, lang: str = "en") -> str:
    """The UI string ``key`` in ``lang``, falling back to English."""
    entry = CATALOGUE[key]
    return entry.get(lang) or entry["en"]
