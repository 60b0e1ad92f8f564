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
}


def t(key: str, lang: str = "en") -> str:
    """The UI string ``key`` in ``lang``, falling back to English."""
    entry = CATALOGUE[key]
    return entry.get(lang) or entry["en"]
