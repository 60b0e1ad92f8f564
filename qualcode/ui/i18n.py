"""UI strings in English and Bahasa Indonesia, from one catalogue."""

from __future__ import annotations

from qualcode.errors import QualcodeError, Term

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}

CATALOGUE: dict[str, dict[str, str]] = {
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
    "coder_placeholder": {"en": "Pick your name", "id": "Pilih nama Anda"},
    "export_format": {"en": "Export format", "id": "Format ekspor"},
    "export": {"en": "Export", "id": "Ekspor"},
    "export_layout": {"en": "Layout", "id": "Tata letak"},
    "export_layout_table": {"en": "Table", "id": "Tabel"},
    "export_layout_paper": {"en": "Paper", "id": "Artikel"},
    "export_layout_help": {"en": "Table: every column. Paper: code headings, then the quotes with their citations, "
                                 "as a paper prints them.",
                           "id": "Tabel: semua kolom. Artikel: judul kode, lalu kutipan dengan sitasinya, seperti "
                                 "dicetak dalam artikel."},
    "tri_report_title": {"en": "Report", "id": "Laporan"},
    "tri_report": {"en": "Report", "id": "Laporan"},
    "tri_report_caption": {"en": "A narrative report for the coders chosen above: a chapter per code with its "
                                 "definition, codings and informants per group, coverage and verdict, then its "
                                 "quotes with citations and memos.",
                           "id": "Laporan naratif untuk pengode yang dipilih di atas: satu bab per kode berisi "
                                 "definisi, jumlah pengodean dan informan per kelompok, cakupan dan putusan, lalu "
                                 "kutipannya dengan sitasi dan memo."},
    "tri_report_format": {"en": "Report format", "id": "Format laporan"},
    "tri_report_quotes": {"en": "Quotes", "id": "Kutipan"},
    "tri_report_quotes_all": {"en": "All quotes", "id": "Semua kutipan"},
    "tri_report_quotes_only": {"en": "Exemplar quotes only", "id": "Hanya kutipan teladan"},
    "tri_report_quotes_n": {"en": "At most {n} per informant and code, exemplars first",
                            "id": "Paling banyak {n} per informan dan kode, kutipan teladan dulu"},
    "tri_quote_table": {"en": "Quote table for a paper: quotes grouped by code, then informant group, with citations.",
                        "id": "Tabel kutipan untuk artikel: kutipan per kode, lalu kelompok informan, dengan sitasi."},
    "cb_appendix": {"en": "Codebook appendix (definitions and counts) for a thesis or paper:",
                    "id": "Lampiran buku kode (definisi dan jumlah) untuk tesis atau artikel:"},
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
    "codes_placeholder": {"en": "Choose codes", "id": "Pilih kode"},
    "keep_codes": {"en": "Keep these codes for the next passage",
                   "id": "Pertahankan kode ini untuk kutipan berikutnya"},
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
    "exemplar": {"en": "Exemplar quote", "id": "Kutipan teladan"},
    "exemplar_help": {"en": "Flag this passage as an exemplar of its code: a report can show exemplars first, or "
                            "only them.",
                      "id": "Tandai kutipan ini sebagai teladan kodenya: laporan dapat menampilkan kutipan teladan "
                            "lebih dulu, atau hanya kutipan teladan."},
    "delete": {"en": "Delete", "id": "Hapus"},
    "confirm_delete": {"en": "Yes, delete this coding", "id": "Ya, hapus pengodean ini"},
    "edit_not_yours": {"en": "This is {coder}'s coding: only they, a supervisor or an admin can change it.",
                       "id": "Ini pengodean milik {coder}: hanya dia, supervisor, atau admin yang dapat mengubahnya."},
    "really_delete": {"en": "Delete this coding? Undo can bring it back.", "id": "Hapus pengodean ini? Urungkan dapat mengembalikannya."},
    "saved": {"en": "Saved.", "id": "Tersimpan."},
    "deleted": {"en": "Deleted.", "id": "Dihapus."},
    # the code palette inside the transcript (qualcode/ui/palette.js shows these, never its own words)
    "pal_filter": {"en": "Filter codes…", "id": "Saring kode…"},
    "pal_apply": {"en": "Apply", "id": "Terapkan"},
    "pal_none": {"en": "No code matches.", "id": "Tidak ada kode yang cocok."},
    "pal_remove": {"en": "Remove", "id": "Hapus"},
    "pal_really_remove": {"en": "Really remove? Enter or Delete again confirms.",
                          "id": "Yakin dihapus? Tekan Enter atau Delete lagi untuk memastikan."},
    "pal_memo": {"en": "Memo…", "id": "Memo…"},
    "pal_change": {"en": "Change the code", "id": "Ganti kode"},
    "pal_help": {"en": "1–9 or Enter applies · Space or Ctrl+click ticks more codes · Esc closes",
                 "id": "1–9 atau Enter menerapkan · Spasi atau Ctrl+klik mencentang kode lain · Esc menutup"},
    "pal_band_help": {"en": "Type or 1–9 to change · Delete removes · Esc closes",
                      "id": "Ketik atau 1–9 untuk mengganti · Delete menghapus · Esc menutup"},
    "pal_pick": {"en": "Which coding? (1–9 or Enter)", "id": "Pengodean yang mana? (1–9 atau Enter)"},
    "pal_not_yours": {"en": "Another coder's coding", "id": "Pengodean milik pengode lain"},
    "pal_locked_help": {"en": "You may read it, not change it · Enter shows it · Esc closes",
                        "id": "Boleh dibaca, tidak boleh diubah · Enter menampilkannya · Esc menutup"},
    "coding_not_here": {"en": "Coding {id} is not shown in this document; nothing was changed.",
                        "id": "Pengodean {id} tidak ditampilkan dalam dokumen ini; tidak ada yang diubah."},
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
    "col_start": {"en": "Start", "id": "Awal"},
    "col_end": {"en": "End", "id": "Akhir"},
    "codings_here": {"en": "Codings in this document", "id": "Pengodean dalam dokumen ini"},
    "no_codings_here": {"en": "No codings shown yet.", "id": "Belum ada pengodean yang ditampilkan."},
    "quick_saved": {"en": "Quick coding: {added} added, {removed} removed", "id": "Pengodean cepat: {added} ditambah, {removed} dihapus"},
    "no_codebook_to_code": {"en": "Load a codebook before coding.", "id": "Muat buku kode sebelum mengode."},
    # -- Project, Codebook and Search pages (proj_, cb_, search_) --
    "proj_title": {"en": "Project", "id": "Proyek"},
    "proj_open_or_create": {"en": "Open or create a project", "id": "Buka atau buat proyek"},
    "proj_open_heading": {"en": "Open a project", "id": "Buka proyek"},
    "proj_create_heading": {"en": "Create a new project", "id": "Buat proyek baru"},
    "proj_path": {"en": "Project file path", "id": "Jalur berkas proyek"},
    "proj_name": {"en": "Project name (optional)", "id": "Nama proyek (opsional)"},
    "proj_create": {"en": "Create", "id": "Buat"},
    "proj_path_empty": {"en": "Enter the path of the project file first.", "id": "Isi jalur berkas proyek dulu."},
    "proj_opened": {"en": "Opened project {name}.", "id": "Proyek {name} dibuka."},
    "proj_created": {"en": "Created project {name} at {path}.", "id": "Proyek {name} dibuat di {path}."},
    "proj_cannot_create": {"en": "Cannot create the project", "id": "Proyek tidak dapat dibuat"},
    "proj_none": {
        "en": "No project is open: open an existing project file or create a new one above.",
        "id": "Belum ada proyek yang dibuka: buka berkas proyek yang ada atau buat proyek baru di atas.",
    },
    "proj_tab_transcripts": {"en": "Transcripts", "id": "Transkrip"},
    "proj_import_transcripts": {"en": "Import transcripts", "id": "Impor transkrip"},
    "proj_upload_files": {
        "en": "Transcript files (.txt .md .docx .pdf .odt .rtf .vtt .srt)",
        "id": "Berkas transkrip (.txt .md .docx .pdf .odt .rtf .vtt .srt)",
    },
    "proj_informant_none": {"en": "— none —", "id": "— tidak ada —"},
    "proj_informant_from_name": {
        "en": "From the file name (I-01_…)", "id": "Dari nama berkas (I-01_…)"},
    "proj_no_informant_match": {
        "en": "no informant key starts the file name", "id": "tidak ada kunci informan di awal nama berkas"},
    "proj_lang_id": {"en": "id — Bahasa Indonesia", "id": "id — Bahasa Indonesia"},
    "proj_lang_en": {"en": "en — English", "id": "en — Bahasa Inggris"},
    "proj_lang_other": {"en": "Other (ISO code)…", "id": "Lainnya (kode ISO)…"},
    "proj_lang_code": {"en": "ISO 639 language code", "id": "Kode bahasa ISO 639"},
    "proj_import": {"en": "Import", "id": "Impor"},
    # -- the Project page: importing a survey, linking recordings --
    "si_heading": {"en": "Import a survey", "id": "Impor survei"},
    "si_help": {
        "en": "A table with one row per respondent: CSV, XLSX, SPSS .sav or Stata .dta; Qualtrics, LimeSurvey and "
              "Google Forms exports are recognised. Respondents become informants with their attributes; each "
              "respondent's open-ended answers become one document of source type survey. Importing the same file "
              "again adds only new respondents and lists changed answers without overwriting them.",
        "id": "Tabel dengan satu baris per responden: CSV, XLSX, SPSS .sav atau Stata .dta; ekspor Qualtrics, "
              "LimeSurvey dan Google Forms dikenali. Responden menjadi informan dengan atributnya; jawaban terbuka "
              "setiap responden menjadi satu dokumen berjenis sumber survei. Mengimpor berkas yang sama lagi hanya "
              "menambah responden baru dan mencantumkan jawaban yang berubah tanpa menimpanya.",
    },
    "si_file": {"en": "Survey file", "id": "Berkas survei"},
    "si_empty": {"en": "Upload a survey file to preview it and pick its columns.",
                 "id": "Unggah berkas survei untuk melihat pratinjau dan memilih kolomnya."},
    "si_sheet": {"en": "Sheet", "id": "Lembar kerja"},
    "si_read": {"en": "{format}: {n} respondents, {columns} columns. The first rows as read:",
                "en_one": "{format}: {n} respondent, {columns} columns. The first rows as read:",
                "id": "{format}: {n} responden, {columns} kolom. Baris-baris pertama seperti yang terbaca:"},
    "si_format_csv": {"en": "Plain CSV", "id": "CSV biasa"},
    "si_format_qualtrics": {"en": "Qualtrics export", "id": "Ekspor Qualtrics"},
    "si_format_limesurvey": {"en": "LimeSurvey export", "id": "Ekspor LimeSurvey"},
    "si_format_google_forms": {"en": "Google Forms export", "id": "Ekspor Google Formulir"},
    "si_format_xlsx": {"en": "Excel workbook", "id": "Buku kerja Excel"},
    "si_format_sav": {"en": "SPSS file", "id": "Berkas SPSS"},
    "si_format_dta": {"en": "Stata file", "id": "Berkas Stata"},
    "si_col_row": {"en": "Row", "id": "Baris"},
    "si_id_column": {"en": "ID column", "id": "Kolom ID"},
    "si_id_help": {"en": "Each respondent's ID becomes an informant key.",
                   "id": "ID setiap responden menjadi kunci informan."},
    "si_questions": {"en": "Open-ended question columns", "id": "Kolom pertanyaan terbuka"},
    "si_questions_help": {"en": "Their answers are imported as text to code, in this order.",
                          "id": "Jawabannya diimpor sebagai teks untuk dikode, dengan urutan ini."},
    "si_attributes": {"en": "Attribute columns", "id": "Kolom atribut"},
    "si_attributes_help": {"en": "Their values become the respondents' attributes.",
                           "id": "Nilainya menjadi atribut responden."},
    "si_pick_columns": {"en": "Choose columns", "id": "Pilih kolom"},
    "si_kinds_help": {"en": "Kind of each attribute, suggested from the file's values:",
                      "id": "Jenis setiap atribut, disarankan dari nilai dalam berkas:"},
    "si_kind_of": {"en": "Kind of {column}", "id": "Jenis {column}"},
    "si_group_mode": {"en": "Group of the respondents", "id": "Kelompok responden"},
    "si_group_column": {"en": "From a column", "id": "Dari sebuah kolom"},
    "si_group_fixed": {"en": "One existing group for all", "id": "Satu kelompok yang ada untuk semua"},
    "si_group_column_label": {"en": "Group column", "id": "Kolom kelompok"},
    "si_pick_column": {"en": "Choose a column", "id": "Pilih kolom"},
    "si_group_column_help": {"en": "A value that is not a group yet becomes a new group.",
                             "id": "Nilai yang belum menjadi kelompok akan menjadi kelompok baru."},
    "si_no_groups": {"en": "No informant groups yet: add one on the Informant groups tab, or take the group from "
                           "a column.",
                     "id": "Belum ada kelompok informan: tambahkan di tab Kelompok informan, atau ambil kelompok "
                           "dari sebuah kolom."},
    "si_language": {"en": "Language of the answers", "id": "Bahasa jawaban"},
    "si_import": {"en": "Import survey", "id": "Impor survei"},
    "si_imported": {"en": "Survey {file} imported: {n} respondents added, {answers} answers.",
                    "en_one": "Survey {file} imported: {n} respondent added, {answers} answers.",
                    "id": "Survei {file} diimpor: {n} responden ditambahkan, {answers} jawaban."},
    "si_report": {"en": "Last survey import: {file} ({format})", "id": "Impor survei terakhir: {file} ({format})"},
    "si_r_what": {"en": "What", "id": "Hal"},
    "si_r_count": {"en": "Count", "id": "Jumlah"},
    "si_r_read": {"en": "Respondents read", "id": "Responden terbaca"},
    "si_r_added": {"en": "Respondents added", "id": "Responden ditambahkan"},
    "si_r_documents": {"en": "Documents added", "id": "Dokumen ditambahkan"},
    "si_r_answers": {"en": "Answers added", "id": "Jawaban ditambahkan"},
    "si_r_skipped": {"en": "Skipped (already imported from this file)",
                     "id": "Dilewati (sudah diimpor dari berkas ini)"},
    "si_r_changed": {"en": "Changed answers, not overwritten", "id": "Jawaban berubah, tidak ditimpa"},
    "si_r_groups": {"en": "Groups created", "id": "Kelompok dibuat"},
    "si_r_groups_list": {"en": "New groups: {groups}", "id": "Kelompok baru: {groups}"},
    "si_r_without": {"en": "Respondents without any answer (no document): {respondents}",
                     "id": "Responden tanpa jawaban (tanpa dokumen): {respondents}"},
    "si_r_changed_help": {
        "en": "These answers differ from the ones imported before. The coded text was kept; the new answers were "
              "not written.",
        "id": "Jawaban ini berbeda dari yang diimpor sebelumnya. Teks yang sudah dikode dipertahankan; jawaban baru "
              "tidak ditulis.",
    },
    "si_col_respondent": {"en": "Respondent", "id": "Responden"},
    "si_col_question": {"en": "Question", "id": "Pertanyaan"},
    "si_col_old": {"en": "Imported before", "id": "Diimpor sebelumnya"},
    "si_col_new": {"en": "In the file now", "id": "Dalam berkas sekarang"},
    "rec_heading": {"en": "Recordings", "id": "Rekaman"},
    "rec_help": {
        "en": "Link an audio or video file (mp3, m4a, wav, ogg, mp4, webm) to a transcript: the Code page then "
              "plays it beside the text. The recording is copied into the folder beside the project file.",
        "id": "Tautkan berkas audio atau video (mp3, m4a, wav, ogg, mp4, webm) ke transkrip: halaman Kode lalu "
              "memutarnya di samping teks. Rekaman disalin ke folder di samping berkas proyek.",
    },
    "rec_no_documents": {"en": "Import a transcript first; a recording is linked to a document.",
                         "id": "Impor transkrip dulu; rekaman ditautkan ke sebuah dokumen."},
    "rec_file": {"en": "Recording", "id": "Rekaman"},
    "rec_link": {"en": "Link recording", "id": "Tautkan rekaman"},
    "rec_none": {"en": "No recordings linked yet.", "id": "Belum ada rekaman yang ditautkan."},
    "rec_linked": {"en": "Recording {file} linked to {document}.", "id": "Rekaman {file} ditautkan ke {document}."},
    "rec_not_linked": {"en": "The recording was not linked", "id": "Rekaman tidak ditautkan"},
    "rec_col_original": {"en": "Original name", "id": "Nama asli"},
    "rec_col_kind": {"en": "Kind", "id": "Jenis"},
    "rec_col_bytes": {"en": "Size (bytes)", "id": "Ukuran (bita)"},
    "rec_col_duration": {"en": "Duration", "id": "Durasi"},
    "rec_col_missing": {"en": "Missing", "id": "Hilang"},
    "rec_kind_audio": {"en": "audio", "id": "audio"},
    "rec_kind_video": {"en": "video", "id": "video"},
    "rec_unlink_which": {"en": "Recording of", "id": "Rekaman dari"},
    "rec_unlink": {"en": "Unlink…", "id": "Lepas tautan…"},
    "rec_confirm_text": {
        "en": "Unlink the recording of {document}? The file stays in the media folder, and undo brings the link back.",
        "id": "Lepas tautan rekaman {document}? Berkasnya tetap di folder media, dan urungkan mengembalikan tautannya.",
    },
    "rec_confirm": {"en": "Yes, unlink", "id": "Ya, lepas tautan"},
    "rec_unlinked": {"en": "Recording of {document} unlinked.", "id": "Tautan rekaman {document} dilepas."},
    "rec_with_transcript": {"en": "Recording of the transcript (optional)", "id": "Rekaman transkrip (opsional)"},
    "rec_with_transcript_help": {
        "en": "Linked to the transcript after it is imported; only when exactly one transcript is uploaded.",
        "id": "Ditautkan ke transkrip setelah diimpor; hanya bila tepat satu transkrip diunggah.",
    },
    "rec_one_transcript": {
        "en": "A recording is linked to one transcript: upload exactly one transcript with it, or link it later "
              "under Recordings. Nothing was imported.",
        "id": "Rekaman ditautkan ke satu transkrip: unggah tepat satu transkrip bersamanya, atau tautkan nanti di "
              "bagian Rekaman. Tidak ada yang diimpor.",
    },
    "proj_no_file": {"en": "Choose a file to upload first.", "id": "Pilih berkas untuk diunggah dulu."},
    "proj_importing": {"en": "Importing {n} of {total}: {file}", "id": "Mengimpor {n} dari {total}: {file}"},
    "proj_import_done": {"en": "Done.", "id": "Selesai."},
    "proj_import_summary": {
        "en": "{ok} of {total} files imported.", "id": "{ok} dari {total} berkas diimpor."},
    "proj_col_file": {"en": "File", "id": "Berkas"},
    "proj_col_message": {"en": "Informant / problem", "id": "Informan / masalah"},
    "proj_col_name_alt": {"en": "Name (other language)", "id": "Nama (bahasa lain)"},
    "proj_col_description": {"en": "Description", "id": "Deskripsi"},
    "proj_col_attributes": {"en": "Attributes", "id": "Atribut"},
    "proj_attributes_help": {
        "en": "name=value pairs separated by ';', e.g. gender=F; interview_date=2021-03-09",
        "id": "pasangan nama=nilai dipisah ';', mis. gender=P; interview_date=2021-03-09",
    },
    "proj_attributes_kinds": {"en": "Declared kinds (checked on every value): {kinds}",
                              "id": "Jenis yang ditetapkan (diperiksa pada setiap nilai): {kinds}"},
    "attr_heading": {"en": "Attribute types", "id": "Jenis atribut"},
    "attr_caption": {
        "en": "Declare what an attribute's values are: text (anything), number (42, 3.5), date (YYYY-MM-DD) or "
              "category (one of a list). A kind is checked on every informant's value, now and on each later edit "
              "or import, and REFI-QDA exports carry it.",
        "id": "Tetapkan jenis nilai sebuah atribut: teks (apa saja), angka (42, 3.5), tanggal (YYYY-MM-DD) atau "
              "kategori (salah satu dari daftar). Jenis diperiksa pada nilai setiap informan, sekarang dan pada "
              "setiap pengubahan atau impor berikutnya, dan ekspor REFI-QDA membawanya.",
    },
    "attr_empty": {"en": "No attributes yet: add name=value pairs to an informant above, or import a sheet with "
                         "extra columns.",
                   "id": "Belum ada atribut: tambahkan pasangan nama=nilai pada informan di atas, atau impor lembar "
                         "dengan kolom tambahan."},
    "attr_col_name": {"en": "Attribute", "id": "Atribut"},
    "attr_col_kind": {"en": "Kind", "id": "Jenis"},
    "attr_col_categories": {"en": "Categories", "id": "Kategori"},
    "attr_col_declared": {"en": "Declared", "id": "Ditetapkan"},
    "attr_col_suggested": {"en": "Suggested", "id": "Saran"},
    "attr_set_heading": {"en": "Set a kind", "id": "Tetapkan jenis"},
    "attr_categories": {"en": "Categories (comma-separated, in order)", "id": "Kategori (dipisah koma, berurutan)"},
    "attr_categories_help": {"en": "Only for the kind category: the values allowed, in the order tables show them.",
                             "id": "Hanya untuk jenis kategori: nilai yang diizinkan, sesuai urutan tampil di tabel."},
    "attr_set": {"en": "Set kind", "id": "Tetapkan jenis"},
    "attr_set_done": {"en": "Attribute {name} is now {kind}.", "id": "Atribut {name} sekarang berjenis {kind}."},
    "attr_unchanged": {"en": "Attribute {name} already is {kind}.", "id": "Atribut {name} sudah berjenis {kind}."},
    "attr_remove": {"en": "Make text again", "id": "Jadikan teks lagi"},
    "attr_removed": {"en": "Attribute {name} is text again; the values stay.",
                     "id": "Atribut {name} kembali menjadi teks; nilainya tetap."},
    "attr_suggest": {"en": "Suggest types", "id": "Sarankan jenis"},
    "attr_suggest_caption": {
        "en": "Suggested from the informants' values: all numbers -> number, all dates -> date, few distinct "
              "values -> category, else text. Nothing is saved until you accept.",
        "id": "Disarankan dari nilai para informan: semua angka -> angka, semua tanggal -> tanggal, sedikit nilai "
              "berbeda -> kategori, selain itu teks. Tidak ada yang disimpan sebelum Anda menerimanya."},
    "attr_suggest_none": {"en": "Every attribute already has the kind its values suggest.",
                          "id": "Setiap atribut sudah berjenis sesuai saran dari nilainya."},
    "attr_accept": {"en": "Accept suggestions", "id": "Terima saran"},
    "attr_accepted": {"en": "{n} attribute kinds declared.", "en_one": "{n} attribute kind declared.",
                      "id": "{n} jenis atribut ditetapkan."},
    "proj_edit_hint": {
        "en": "Edit a cell to change it; add a row at the bottom of the table. Changes are saved at once.",
        "id": "Ubah sel untuk mengubah isinya; tambah baris di bawah tabel. Perubahan langsung disimpan.",
    },
    "proj_rows_saved": {"en": "{n} rows saved.", "en_one": "{n} row saved.", "id": "{n} baris disimpan."},
    "proj_groups_empty": {
        "en": "No informant groups yet: add one as a row below, or import a groups sheet.",
        "id": "Belum ada kelompok informan: tambahkan sebagai baris di bawah, atau impor lembar kelompok.",
    },
    "proj_need_group": {
        "en": "Add an informant group first (Informant groups tab): every informant belongs to one.",
        "id": "Tambahkan kelompok informan dulu (tab Kelompok informan): setiap informan termasuk satu kelompok.",
    },
    "proj_sheet_informants": {"en": "Import informants from a sheet", "id": "Impor informan dari lembar kerja"},
    "proj_sheet_groups": {"en": "Import groups from a sheet", "id": "Impor kelompok dari lembar kerja"},
    "proj_sheet_informants_help": {
        "en": "CSV or XLSX with columns key and group, optionally role and organisation; other columns become "
              "attributes. The whole sheet is added, or nothing if a row is bad.",
        "id": "CSV atau XLSX dengan kolom key dan group, opsional role dan organisation; kolom lain menjadi "
              "atribut. Seluruh lembar ditambahkan, atau tidak sama sekali jika ada baris yang salah.",
    },
    "proj_sheet_groups_help": {
        "en": "CSV or XLSX with columns key and name, optionally name_alt, description and sort.",
        "id": "CSV atau XLSX dengan kolom key dan name, opsional name_alt, description dan sort.",
    },
    "proj_sheet_file": {"en": "Sheet (.csv, .tsv, .xlsx)", "id": "Lembar kerja (.csv, .tsv, .xlsx)"},
    "proj_sheet_import": {"en": "Import sheet", "id": "Impor lembar"},
    "proj_imported_informants": {"en": "{n} informants added.", "en_one": "{n} informant added.", "id": "{n} informan ditambahkan."},
    "proj_imported_groups": {"en": "{n} groups added.", "en_one": "{n} group added.", "id": "{n} kelompok ditambahkan."},
    # -- Project page: REFI-QDA exchange --
    "proj_tab_exchange": {"en": "Exchange (REFI-QDA)", "id": "Pertukaran (REFI-QDA)"},
    "xch_intro": {
        "en": "Exchange projects with ATLAS.ti, MAXQDA, NVivo, QualCoder and other programs through the REFI-QDA "
              "standard: a .qdpx file holds a whole project, a .qdc file a codebook only.",
        "id": "Bertukar proyek dengan ATLAS.ti, MAXQDA, NVivo, QualCoder dan program lain melalui standar "
              "REFI-QDA: berkas .qdpx memuat seluruh proyek, berkas .qdc hanya buku kode.",
    },
    "xch_import_heading": {"en": "Import a REFI-QDA file", "id": "Impor berkas REFI-QDA"},
    "xch_file": {"en": "REFI-QDA project (.qdpx) or codebook (.qdc)",
                 "id": "Proyek REFI-QDA (.qdpx) atau buku kode (.qdc)"},
    "xch_language": {"en": "Language of sources that name none", "id": "Bahasa sumber yang tidak menyebutkannya"},
    "xch_source_type": {"en": "Source type of sources that name none",
                        "id": "Jenis sumber untuk sumber yang tidak menyebutkannya"},
    "xch_skip_missing": {
        "en": "Import the rest if something is missing (skip missing sources and codings that do not fit)",
        "id": "Impor sisanya jika ada yang hilang (lewati sumber yang hilang dan pengodean yang tidak cocok)",
    },
    "xch_skip_missing_help": {
        "en": "Without this, a file with a missing or unreadable source, or with a coding that does not fit its "
              "source, imports nothing. With it, everything else is imported and what was left out is listed.",
        "id": "Tanpa pilihan ini, berkas yang sumbernya hilang atau tidak terbaca, atau yang pengodeannya tidak "
              "cocok dengan sumbernya, tidak diimpor sama sekali. Dengan pilihan ini, semua bagian lain diimpor "
              "dan yang dilewati dicantumkan.",
    },
    "xch_import": {"en": "Import REFI-QDA file", "id": "Impor berkas REFI-QDA"},
    "xch_imported": {"en": "Imported {file}.", "id": "{file} sudah diimpor."},
    "xch_codes_reused": {
        "en": "{n} codes were already in the codebook and were kept as they are.",
        "en_one": "{n} code was already in the codebook and was kept as it is.",
        "id": "{n} kode sudah ada di buku kode dan dibiarkan seperti semula.",
    },
    "xch_reading": {"en": "Positions read as: {reading}", "id": "Posisi dibaca sebagai: {reading}"},
    "xch_reading_basis": {"en": "Decided by: {basis}", "id": "Ditentukan berdasarkan: {basis}"},
    "xch_reading_fit": {"en": "{fit} of {n} selections start and end on word boundaries.",
                        "id": "{fit} dari {n} kutipan berawal dan berakhir di batas kata."},
    "xch_not_imported": {"en": "Not imported:", "id": "Tidak diimpor:"},
    "xch_left_out": {"en": "Left out on purpose:", "id": "Sengaja dilewati:"},
    "xch_unchanged": {"en": "Nothing was imported: the project is unchanged.",
                      "id": "Tidak ada yang diimpor: proyek tidak berubah."},
    "xch_skip_hint": {
        "en": "To import everything else on purpose, tick “Import the rest if something is missing” and import "
              "again.",
        "id": "Untuk tetap mengimpor semua bagian lainnya, centang “Impor sisanya jika ada yang hilang” lalu "
              "impor lagi.",
    },
    "xch_export_heading": {"en": "Export to REFI-QDA", "id": "Ekspor ke REFI-QDA"},
    "xch_export_intro": {
        "en": "The whole project (codes, documents, codings, informants as cases, groups as sets) as .qdpx, or the "
              "codebook alone as .qdc.",
        "id": "Seluruh proyek (kode, dokumen, pengodean, informan sebagai kasus, kelompok sebagai himpunan) "
              "sebagai .qdpx, atau buku kodenya saja sebagai .qdc.",
    },
    "xch_download_qdpx": {"en": "Download the project (.qdpx)", "id": "Unduh proyek (.qdpx)"},
    "xch_download_qdc": {"en": "Download the codebook (.qdc)", "id": "Unduh buku kode (.qdc)"},
    "xch_no_documents": {
        "en": "No documents yet: the .qdpx holds the codebook, informants and groups only.",
        "id": "Belum ada dokumen: berkas .qdpx hanya memuat buku kode, informan dan kelompok.",
    },
    "xch_no_codes": {
        "en": "No codes yet: the .qdc is an empty codebook, ready to be filled in another program.",
        "id": "Belum ada kode: berkas .qdc berisi buku kode kosong, siap diisi di program lain.",
    },
    "xch_export_not_allowed": {
        "en": "Your role may not export; ask a supervisor or an admin.",
        "id": "Peran Anda tidak diizinkan mengekspor; mintalah bantuan supervisor atau admin.",
    },
    "cb_empty": {
        "en": "No codes yet: add a code below or import a codebook file (YAML).",
        "id": "Belum ada kode: tambahkan kode di bawah atau impor berkas buku kode (YAML).",
    },
    "cb_change": {"en": "Change a code", "id": "Ubah kode"},
    "cb_which": {"en": "Code", "id": "Kode"},
    "cb_tab_edit": {"en": "Edit", "id": "Sunting"},
    "cb_tab_move": {"en": "Move", "id": "Pindahkan"},
    "cb_tab_merge": {"en": "Merge", "id": "Gabungkan"},
    "cb_name": {"en": "Name", "id": "Nama"},
    "cb_name_alt": {"en": "Name in the other language", "id": "Nama dalam bahasa lain"},
    "cb_definition": {"en": "Definition", "id": "Definisi"},
    "cb_include": {"en": "When to use", "id": "Kapan digunakan"},
    "cb_exclude": {"en": "When not to use", "id": "Kapan tidak digunakan"},
    "cb_example": {"en": "Example", "id": "Contoh"},
    "cb_key_help": {
        "en": "Letters, digits, '.', '_' and '-' only, e.g. E3.2. Renaming keeps the codings.",
        "id": "Hanya huruf, angka, '.', '_' dan '-', mis. E3.2. Mengganti kunci tetap menyimpan pengodean.",
    },
    "cb_color_help": {
        "en": "Leave it grey to take the parent code's colour.",
        "id": "Biarkan abu-abu untuk memakai warna kode induk.",
    },
    # code hotkeys (issue 16)
    "col_hotkey": {"en": "Hotkey", "id": "Tombol pintas"},
    "cb_hotkey_help": {
        "en": "Optional: one letter or digit, unique in the project. In the transcript's code palette, Alt and this "
              "key apply the code. Leave it empty for none.",
        "id": "Opsional: satu huruf atau angka, unik dalam proyek. Di palet kode transkrip, Alt dan tombol ini "
              "menerapkan kode. Kosongkan bila tidak perlu.",
    },
    "err_code_hotkey": {"en": "code '{code}': hotkey must be one letter (A-Z) or digit (0-9), got {hotkey!r}",
                        "id": "kode '{code}': tombol pintas harus satu huruf (A-Z) atau angka (0-9), diterima "
                              "{hotkey!r}"},
    "err_code_hotkey_taken": {"en": "code '{code}': hotkey '{hotkey}' is already the hotkey of code '{other}'; "
                                    "clear it there or choose another",
                              "id": "kode '{code}': tombol pintas '{hotkey}' sudah dipakai kode '{other}'; "
                                    "kosongkan di sana atau pilih yang lain"},
    "err_codebook_hotkey": {"en": "{source}: code '{code}': field 'hotkey' must be one letter (A-Z) or digit (0-9), "
                                  "got {hotkey!r}",
                            "id": "{source}: kode '{code}': isian 'hotkey' harus satu huruf (A-Z) atau angka (0-9), "
                                  "diterima {hotkey!r}"},
    "err_codebook_hotkey_duplicate": {"en": "{source}: code '{code}': hotkey '{hotkey}' is already the hotkey of "
                                            "code '{other}'; hotkeys must be unique",
                                      "id": "{source}: kode '{code}': tombol pintas '{hotkey}' sudah dipakai kode "
                                            "'{other}'; setiap tombol pintas harus unik"},
    "cb_parent": {"en": "Parent code", "id": "Kode induk"},
    "cb_top_level": {"en": "— top level —", "id": "— tingkat teratas —"},
    "cb_add": {"en": "Add a code", "id": "Tambah kode"},
    "cb_add_button": {"en": "Add code", "id": "Tambah kode"},
    "cb_added": {"en": "Code {key} added.", "id": "Kode {key} ditambahkan."},
    "cb_saved": {"en": "Code {key} saved.", "id": "Kode {key} disimpan."},
    "cb_nothing_changed": {"en": "Nothing changed.", "id": "Tidak ada yang berubah."},
    "cb_current_parent": {"en": "Now under: {parent}", "id": "Sekarang di bawah: {parent}"},
    "cb_new_parent": {"en": "Move under", "id": "Pindahkan ke bawah"},
    "cb_move": {"en": "Move", "id": "Pindahkan"},
    "cb_moved": {"en": "Code {key} moved under {parent}.", "id": "Kode {key} dipindahkan ke bawah {parent}."},
    "cb_moved_top": {"en": "Code {key} moved to the top level.", "id": "Kode {key} dipindahkan ke tingkat teratas."},
    "cb_no_target": {"en": "There is no other code to merge into.", "id": "Tidak ada kode lain untuk digabungkan."},
    "cb_merge_into": {"en": "Merge into", "id": "Gabungkan ke"},
    "cb_merge_effect": {
        "en": "Merging moves **{n}** codings of this code to the target (dropping any that duplicate a target "
              "coding: same document, coder and span) and deletes this code:",
        "en_one": "Merging moves **{n}** coding of this code to the target (dropping it if it duplicates a target "
                  "coding: same document, coder and span) and deletes this code:",
        "id": "Penggabungan memindahkan **{n}** pengodean kode ini ke kode tujuan (membuang yang sama dengan "
              "pengodean kode tujuan: dokumen, pengode dan rentang yang sama) dan menghapus kode ini:",
    },
    "cb_merge_subcodes": {"en": "Its sub-codes move under the target:", "id": "Subkodenya pindah ke bawah kode tujuan:"},
    "cb_merge": {"en": "Merge…", "id": "Gabungkan…"},
    "cb_merge_really": {
        "en": "Really merge? {n} codings will move; this code is deleted (Undo on the History page brings it "
              "back while nobody has changed those codings since).",
        "en_one": "Really merge? {n} coding will move; this code is deleted (Undo on the History page brings it "
                  "back while nobody has changed that coding since).",
        "id": "Yakin menggabungkan? {n} pengodean akan dipindahkan; kode ini dihapus (Urungkan di halaman Riwayat "
              "mengembalikannya selama belum ada yang mengubah pengodean itu).",
    },
    "cb_merge_yes": {"en": "Yes, merge", "id": "Ya, gabungkan"},
    "cb_merge_dropped": {"en": "{n} duplicates dropped.", "en_one": "{n} duplicate dropped.", "id": "{n} duplikat dibuang."},
    "cb_merged": {"en": "Merged {source} into {target}: {n} codings moved.",
                  "en_one": "Merged {source} into {target}: {n} coding moved.",
                  "id": "{source} digabungkan ke {target}: {n} pengodean dipindahkan."},
    "cb_cancel": {"en": "Cancel", "id": "Batal"},
    "cb_delete_effect": {
        "en": "Deleting removes this code's **{own}** and its **{subs}** with their **{sub_codings}**: "
              "**{total}** in all.",
        "id": "Menghapus akan membuang **{own}** milik kode ini serta **{subs}** di bawahnya beserta "
              "**{sub_codings}** milik subkode itu: total **{total}**.",
    },
    "cb_delete_really": {
        "en": "Really delete this code, {subs} and {total}? Undo on the History page brings them back.",
        "id": "Yakin menghapus kode ini, {subs} dan {total}? Urungkan di halaman Riwayat mengembalikannya.",
    },
    "cb_delete_yes": {"en": "Yes, delete", "id": "Ya, hapus"},
    "cb_deleted": {"en": "Code {key} deleted with {n} codings.", "en_one": "Code {key} deleted with {n} coding.",
                   "id": "Kode {key} dihapus beserta {n} pengodean."},
    "cb_files": {"en": "Codebook file", "id": "Berkas buku kode"},
    "cb_import_file": {"en": "Codebook (.yaml, .yml, .json)", "id": "Buku kode (.yaml, .yml, .json)"},
    "cb_import_help": {
        "en": "Codes are added; codes whose key exists are updated; none are removed.",
        "id": "Kode ditambahkan; kode yang kuncinya sudah ada diperbarui; tidak ada yang dihapus.",
    },
    "cb_import": {"en": "Import codebook", "id": "Impor buku kode"},
    "cb_imported": {"en": "{n} codes loaded.", "en_one": "{n} code loaded.", "id": "{n} kode dimuat."},
    "cb_export": {"en": "Download the codebook (YAML)", "id": "Unduh buku kode (YAML)"},
    "cb_nothing_to_export": {"en": "No codes to export yet.", "id": "Belum ada kode untuk diekspor."},
    "search_title": {"en": "Search", "id": "Cari"},
    "search_query": {"en": "Find", "id": "Cari kata"},
    "search_placeholder": {"en": "a word or phrase, e.g. DTKS", "id": "kata atau frasa, mis. DTKS"},
    "search_whole_word": {"en": "Whole word", "id": "Kata utuh"},
    "search_case": {"en": "Match case", "id": "Cocokkan huruf besar/kecil"},
    "search_all": {"en": "All", "id": "Semua"},
    "search_button": {"en": "Search", "id": "Cari"},
    "search_hint": {
        "en": "Search the documents for a word or phrase; tick hits to code them.",
        "id": "Cari kata atau frasa dalam dokumen; centang hasil untuk mengodenya.",
    },
    "search_no_hits": {"en": "No hits.", "id": "Tidak ada hasil."},
    "search_count": {"en": "{hits} in {docs}", "id": "{hits} dalam {docs}"},
    "search_tick": {"en": "Code this", "id": "Kodekan"},
    # -- the Words page --
    "words_title": {"en": "Words", "id": "Kata"},
    "words_rule": {"en": "Which words dominate a group's talk. Words are spaCy tokens of the documents' sentences "
                         "(speaker labels left out), counted by their lower-cased surface form: spaCy has no "
                         "lemmatizer for Indonesian, and its English one needs a model download. Punctuation, "
                         "numbers and stop words (spaCy's Indonesian and English lists plus the project's own) "
                         "are left out.",
                   "id": "Kata apa yang mendominasi tuturan suatu kelompok. Kata adalah token spaCy dari kalimat "
                         "dokumen (label penutur tidak ikut), dihitung menurut bentuk permukaannya dalam huruf "
                         "kecil: spaCy tidak punya lematisasi bahasa Indonesia, dan lematisasi bahasa Inggrisnya "
                         "perlu mengunduh model. Tanda baca, angka dan kata henti (daftar spaCy untuk bahasa "
                         "Indonesia dan Inggris ditambah daftar proyek) tidak dihitung."},
    "words_scope": {"en": "Scope", "id": "Cakupan"},
    "words_scope_project": {"en": "Whole project", "id": "Seluruh proyek"},
    "words_scope_group": {"en": "Group", "id": "Kelompok"},
    "words_scope_informant": {"en": "Informant", "id": "Informan"},
    "words_scope_source_type": {"en": "Source type", "id": "Jenis sumber"},
    "words_scope_code": {"en": "Code (its coded passages)", "id": "Kode (kutipan terkodenya)"},
    "words_scope_document": {"en": "Document", "id": "Dokumen"},
    "words_scope_query": {"en": "Query result", "id": "Hasil kueri"},
    "words_saved_query": {"en": "Saved query", "id": "Kueri tersimpan"},
    "words_saved_query_pick": {"en": "Copy a saved query", "id": "Salin kueri tersimpan"},
    "words_query_help": {"en": "A coding query (see the Query page); the words of the passages it retrieves are "
                                "counted, overlapping passages once.",
                         "id": "Kueri pengodean (lihat halaman Kueri); kata-kata dari bagian yang ditemukannya "
                               "dihitung, bagian yang tumpang tindih sekali saja."},
    "words_query_empty": {"en": "Type a coding query, or copy a saved one, to count the words of its passages.",
                          "id": "Ketik kueri pengodean, atau salin kueri tersimpan, untuk menghitung kata-kata "
                                "dari bagian-bagiannya."},
    "words_coders": {"en": "Coders", "id": "Pengode"},
    "words_all_coders": {"en": "All coders", "id": "Semua pengode"},
    "words_tab_words": {"en": "Frequencies", "id": "Frekuensi"},
    "words_tab_compare": {"en": "Compare two", "id": "Bandingkan dua"},
    "words_tab_stop": {"en": "Stop list", "id": "Daftar kata henti"},
    "words_tab_table": {"en": "Table", "id": "Tabel"},
    "words_tab_charts": {"en": "Charts", "id": "Grafik"},
    "words_none": {"en": "No words to count in this scope.", "id": "Tidak ada kata untuk dihitung di cakupan ini."},
    "words_summary": {"en": "{words}; {counted} in all.", "id": "{words}; seluruhnya {counted}."},
    "words_n_words": {"en": "{n} different words", "en_one": "{n} different word", "id": "{n} kata berbeda"},
    "words_n_counted": {"en": "{n} words counted", "en_one": "{n} word counted", "id": "{n} kata dihitung"},
    "words_pick_hint": {"en": "Select a row to see the word in context below.",
                        "id": "Pilih satu baris untuk melihat kata itu dalam konteks di bawah."},
    "words_col_word": {"en": "Word", "id": "Kata"},
    "words_col_count": {"en": "Count", "id": "Jumlah"},
    "words_col_share": {"en": "Share", "id": "Porsi"},
    "words_col_documents": {"en": "Documents", "id": "Dokumen"},
    "words_col_informants": {"en": "Informants", "id": "Informan"},
    "words_col_ratio": {"en": "Ratio", "id": "Rasio"},
    "words_col_more_in": {"en": "More in", "id": "Lebih banyak di"},
    "words_download": {"en": "Download {fmt}", "id": "Unduh {fmt}"},
    "words_download_chart": {"en": "Download the chart ({fmt})", "id": "Unduh grafik ({fmt})"},
    "words_top": {"en": "Words in the charts", "id": "Jumlah kata di grafik"},
    "words_kwic": {"en": "Concordance", "id": "Konkordansi"},
    "words_word": {"en": "Word", "id": "Kata"},
    "words_word_hint": {"en": "Select a row above, or type a word", "id": "Pilih baris di atas, atau ketik kata"},
    "words_kwic_none": {"en": "“{word}” does not occur in this scope.", "id": "“{word}” tidak muncul di cakupan ini."},
    "words_kwic_count": {"en": "{hits} in {docs}, {counted} of them counted as the word.",
                         "id": "{hits} di {docs}, {counted} di antaranya dihitung sebagai kata itu."},
    "words_counted_col": {"en": "Counted", "id": "Dihitung"},
    "words_counted_help": {"en": "Whether the count includes this occurrence (not in a speaker label, nor inside "
                                 "a longer word such as anak-anak).",
                           "id": "Apakah kemunculan ini ikut dihitung (bukan di label penutur, bukan di dalam kata "
                                 "yang lebih panjang seperti anak-anak)."},
    "words_compare_help": {"en": "Log-likelihood G2 (Rayson & Garside, 2000): the higher, the more the word's "
                                 "frequency differs between the two; 3.84 is significant at p < .05, 6.63 at "
                                 "p < .01. The ratio is the word's share in the first divided by its share in the "
                                 "second.",
                           "id": "Log-likelihood G2 (Rayson & Garside, 2000): makin tinggi, makin berbeda "
                                 "frekuensi kata itu di antara keduanya; 3,84 signifikan pada p < 0,05, 6,63 pada "
                                 "p < 0,01. Rasio adalah porsi kata di yang pertama dibagi porsinya di yang kedua."},
    "words_compare_a": {"en": "First", "id": "Pertama"},
    "words_compare_b": {"en": "Second", "id": "Kedua"},
    "words_compare_need_two": {"en": "A comparison needs at least two to choose from.",
                               "id": "Perbandingan perlu setidaknya dua pilihan."},
    "words_stop_help": {"en": "spaCy's Indonesian and English lists hold {n} stop words. Add the project's own "
                              "below, one a line (fillers such as nggak, ya, hehe).",
                        "id": "Daftar spaCy untuk bahasa Indonesia dan Inggris berisi {n} kata henti. Tambahkan "
                              "kata henti proyek di bawah, satu per baris (pengisi seperti nggak, ya, hehe)."},
    "words_stop_list": {"en": "The project's stop words", "id": "Kata henti proyek"},
    "words_stop_placeholder": {"en": "one word a line", "id": "satu kata per baris"},
    "words_stop_save": {"en": "Save the stop list", "id": "Simpan daftar kata henti"},
    "words_stop_saved": {"en": "The stop list holds {n} words.", "en_one": "The stop list holds {n} word.",
                         "id": "Daftar kata henti berisi {n} kata."},
    "words_stop_refused": {"en": "Only a supervisor or an admin may change the stop list.",
                           "id": "Hanya supervisor atau admin yang boleh mengubah daftar kata henti."},
    "err_words_top": {"en": "top: a whole number of words >= 1, got {value}",
                      "id": "top: bilangan bulat jumlah kata >= 1, bukan {value}"},
    "search_before": {"en": "Before", "id": "Sebelum"},
    "search_match": {"en": "Match", "id": "Temuan"},
    "search_after": {"en": "After", "id": "Sesudah"},
    "search_code": {"en": "Code for the ticked hits", "id": "Kode untuk hasil yang dicentang"},
    "search_pick_code": {"en": "Choose a code first", "id": "Pilih kode dulu"},
    "search_autocode": {"en": "Auto-code ticked hits", "id": "Kodekan hasil yang dicentang"},
    "search_tick_first": {
        "en": "Tick the hits to code in the “Code this” column first.",
        "id": "Centang dulu hasil yang akan dikode pada kolom “Kodekan”.",
    },
    "search_coding": {"en": "Coding {n} hits…", "en_one": "Coding {n} hit…", "id": "Mengode {n} hasil…"},
    "search_added": {
        "en": "{n} codings added with {code} by {coder}. Undo is on the Code page.",
        "en_one": "{n} coding added with {code} by {coder}. Undo is on the Code page.",
        "id": "{n} pengodean ditambahkan dengan {code} oleh {coder}. Urungkan ada di halaman Kode teks.",
    },
    "search_skipped": {
        "en": "{n} ticked hits skipped: you had already coded them with this code.",
        "en_one": "{n} ticked hit skipped: you had already coded it with this code.",
        "id": "{n} hasil yang dicentang dilewati: Anda sudah mengodenya dengan kode ini.",
    },
    # -- Saturation page (sat_) --
    "sat_title": {"en": "Saturation", "id": "Saturasi"},
    "sat_order": {"en": "Interview order", "id": "Urutan wawancara"},
    "sat_order_help": {"en": "The order the interviews were done in: import order, or an informant attribute read "
                             "by its declared kind (dates by date, numbers by value), such as an interview date.",
                       "id": "Urutan wawancara dilakukan: urutan impor, atau atribut informan yang dibaca menurut "
                             "jenisnya (tanggal menurut tanggal, angka menurut nilai), misalnya tanggal wawancara."},
    "sat_order_import": {"en": "Import order", "id": "Urutan impor"},
    "sat_by_group": {"en": "One curve per group", "id": "Satu kurva per kelompok"},
    "sat_base": {"en": "Base size", "id": "Ukuran dasar"},
    "sat_base_help": {"en": "The first interviews; their distinct codes are the denominator of the ratio.",
                      "id": "Wawancara pertama; kode berbeda di dalamnya menjadi penyebut rasio."},
    "sat_run": {"en": "Run length", "id": "Panjang run"},
    "sat_run_help": {"en": "How many interviews each run spans; runs move on one interview at a time.",
                     "id": "Jumlah wawancara dalam setiap run; run bergeser satu wawancara setiap kali."},
    "sat_threshold": {"en": "New-information threshold", "id": "Ambang informasi baru"},
    "sat_threshold_help": {"en": "A proportion: 0.05 = 5%. Saturation is reached at the first run whose new codes, "
                                 "divided by the codes in the base, are at or below it.",
                           "id": "Sebuah proporsi: 0,05 = 5%. Saturasi tercapai pada run pertama yang kode "
                                 "barunya, dibagi kode dalam dasar, sama dengan atau di bawahnya."},
    "sat_all_sources": {"en": "All source types", "id": "Semua jenis sumber"},
    "sat_all_sources_help": {"en": "Count observations and documents too, not only interviews.",
                             "id": "Hitung juga observasi dan dokumen, tidak hanya wawancara."},
    "sat_empty": {"en": "No coded interviews yet. Code some interviews and the saturation curve appears here.",
                  "id": "Belum ada wawancara yang dikodekan. Kodekan beberapa wawancara dan kurva saturasi "
                        "muncul di sini."},
    "sat_in_import": {"en": "in import order", "id": "menurut urutan impor"},
    "sat_in_attribute": {"en": "in order of {name}", "id": "menurut urutan {name}"},
    "sat_statement_reached": {
        "en": "Guest, Namey and Chen (2020) on {n} interviews {order}, base size {base}, run length {run}, "
              "new-information threshold {threshold}%: saturation was reached at interview {at} ({codes} distinct "
              "codes in all).",
        "en_one": "Guest, Namey and Chen (2020) on {n} interview {order}, base size {base}, run length {run}, "
                  "new-information threshold {threshold}%: saturation was reached at interview {at} ({codes} "
                  "distinct codes in all).",
        "id": "Guest, Namey dan Chen (2020) pada {n} wawancara {order}, ukuran dasar {base}, panjang run {run}, "
              "ambang informasi baru {threshold}%: saturasi tercapai pada wawancara ke-{at} ({codes} kode berbeda "
              "seluruhnya)."},
    "sat_statement_not": {
        "en": "Guest, Namey and Chen (2020) on {n} interviews {order}, base size {base}, run length {run}, "
              "new-information threshold {threshold}%: saturation was not reached ({codes} distinct codes in all).",
        "en_one": "Guest, Namey and Chen (2020) on {n} interview {order}, base size {base}, run length {run}, "
                  "new-information threshold {threshold}%: saturation was not reached ({codes} distinct codes in "
                  "all).",
        "id": "Guest, Namey dan Chen (2020) pada {n} wawancara {order}, ukuran dasar {base}, panjang run {run}, "
              "ambang informasi baru {threshold}%: saturasi tidak tercapai ({codes} kode berbeda seluruhnya)."},
    "sat_statement_few": {
        "en": "Only {n} coded interviews {order}: fewer than base size {base} plus run length {run}, so saturation "
              "cannot be judged yet (it needs at least {need}; {codes} distinct codes so far). New-information "
              "threshold {threshold}%.",
        "en_one": "Only {n} coded interview {order}: fewer than base size {base} plus run length {run}, so "
                  "saturation cannot be judged yet (it needs at least {need}; {codes} distinct codes so far). "
                  "New-information threshold {threshold}%.",
        "id": "Baru {n} wawancara terkode {order}: kurang dari ukuran dasar {base} ditambah panjang run {run}, "
              "sehingga saturasi belum dapat dinilai (perlu paling sedikit {need}; {codes} kode berbeda sejauh "
              "ini). Ambang informasi baru {threshold}%."},
    "sat_method": {"en": "Saturation ratio = new codes in a run / distinct codes in the base (the first interviews, "
                         "fixed). A run's new codes are those no earlier interview used; runs move on one interview "
                         "at a time. Guest, Namey & Chen (2020), PLoS ONE 15(5): e0232076.",
                   "id": "Rasio saturasi = kode baru dalam satu run / kode berbeda dalam dasar (wawancara pertama, "
                         "tetap). Kode baru suatu run adalah kode yang belum dipakai wawancara sebelumnya; run "
                         "bergeser satu wawancara setiap kali. Guest, Namey & Chen (2020), PLoS ONE 15(5): "
                         "e0232076."},
    "sat_x": {"en": "Interviews (in order)", "id": "Wawancara (berurutan)"},
    "sat_y": {"en": "Distinct codes so far", "id": "Kode berbeda sejauh ini"},
    "sat_group": {"en": "Group", "id": "Kelompok"},
    "sat_overall": {"en": "All interviews", "id": "Semua wawancara"},
    "sat_point": {"en": "saturation", "id": "jenuh"},
    "sat_chart_title": {"en": "Cumulative distinct codes", "id": "Kode berbeda kumulatif"},
    "sat_download_chart": {"en": "Download the curve ({fmt})", "id": "Unduh kurva ({fmt})"},
    "sat_runs": {"en": "Runs", "id": "Run"},
    "sat_no_runs": {"en": "No run yet: there are fewer interviews than the base size plus the run length.",
                    "id": "Belum ada run: jumlah wawancara kurang dari ukuran dasar ditambah panjang run."},
    "sat_download": {"en": "Runs table ({fmt})", "id": "Tabel run ({fmt})"},
    "sat_col_group": {"en": "Group", "id": "Kelompok"},
    "sat_col_run_start": {"en": "Run starts at interview", "id": "Run mulai pada wawancara"},
    "sat_col_run_end": {"en": "Run ends at interview", "id": "Run berakhir pada wawancara"},
    "sat_col_base_codes": {"en": "Codes in the base", "id": "Kode dalam dasar"},
    "sat_col_new_in_run": {"en": "New codes in the run", "id": "Kode baru dalam run"},
    "sat_col_ratio": {"en": "Saturation ratio", "id": "Rasio saturasi"},
    "sat_col_below_threshold": {"en": "At or below the threshold", "id": "Pada atau di bawah ambang"},
    "sat_col_position": {"en": "Interview", "id": "Wawancara"},
    "sat_col_document": {"en": "Document", "id": "Dokumen"},
    "sat_col_informant": {"en": "Informant", "id": "Informan"},
    "sat_col_order_value": {"en": "Ordered by", "id": "Diurutkan menurut"},
    "sat_col_new_codes": {"en": "New codes", "id": "Kode baru"},
    "sat_col_cumulative_codes": {"en": "Distinct codes so far", "id": "Kode berbeda sejauh ini"},
    "sat_col_new_top_level": {"en": "New top-level codes", "id": "Kode tingkat atas baru"},
    "sat_col_cumulative_top_level": {"en": "Top-level codes so far", "id": "Kode tingkat atas sejauh ini"},
    "sat_col_new_code_keys": {"en": "Which new codes", "id": "Kode baru yang mana"},
    "sat_curve_table": {"en": "The curve as a table", "id": "Kurva sebagai tabel"},
    # -- Triangulation and Framework pages (tri_, fw_) --
    "tri_title": {"en": "Triangulation", "id": "Triangulasi"},
    "charts_title": {"en": "Charts", "id": "Grafik"},
    "charts_kind": {"en": "Chart", "id": "Grafik"},
    "charts_kind_codemap": {"en": "Code map", "id": "Peta kode"},
    "charts_kind_codeline": {"en": "Code line", "id": "Garis kode"},
    "charts_kind_profiles": {"en": "Group profiles", "id": "Profil kelompok"},
    "prof_by": {"en": "Compare", "id": "Bandingkan"},
    "prof_share": {"en": "Share of", "id": "Bagian dari"},
    "prof_share_informants": {"en": "informants", "id": "informan"},
    "prof_share_text": {"en": "coded text", "id": "teks terkode"},
    "prof_share_help": {"en": "Informants: of a column's informants, the percentage with at least one coding of the "
                              "code. Coded text: of the words in all the column's codings, the percentage coded with "
                              "the code (a column's shares add up to 100%).",
                        "id": "Informan: dari informan suatu kolom, persentase yang memiliki paling sedikit satu "
                              "pengodean dengan kode itu. Teks terkode: dari kata dalam semua pengodean kolom itu, "
                              "persentase yang dikodekan dengan kode itu (bagian satu kolom berjumlah 100%)."},
    "prof_style": {"en": "Layout", "id": "Tata letak"},
    "prof_style_side": {"en": "Side by side", "id": "Berdampingan"},
    "prof_style_difference": {"en": "Difference of two", "id": "Selisih dua kolom"},
    "prof_columns": {"en": "Columns", "id": "Kolom"},
    "prof_columns_help": {"en": "The columns compared, in this order; the coverage pattern counts these. A "
                                "difference chart takes exactly two: the first minus the second.",
                          "id": "Kolom yang dibandingkan, dengan urutan ini; pola cakupan menghitung kolom ini. "
                                "Grafik selisih memerlukan tepat dua: yang pertama dikurangi yang kedua."},
    "prof_pick_columns": {"en": "Choose at least one column.", "id": "Pilih paling sedikit satu kolom."},
    "prof_pick_two": {"en": "A difference chart compares exactly two columns; {n} are chosen. Choose two.",
                      "en_one": "A difference chart compares exactly two columns; {n} is chosen. Choose two.",
                      "id": "Grafik selisih membandingkan tepat dua kolom; {n} dipilih. Pilih dua."},
    "prof_no_codes": {"en": "The project has no codebook yet: load or write one on the Codebook page to compare "
                            "groups.",
                      "id": "Proyek belum memiliki buku kode: muat atau tulis di halaman Buku kode untuk "
                            "membandingkan kelompok."},
    "prof_no_columns": {"en": "This axis has no values yet: add informant groups, documents or informant "
                              "attributes on the Project page.",
                        "id": "Sumbu ini belum memiliki nilai: tambahkan kelompok informan, dokumen atau atribut "
                              "informan di halaman Proyek."},
    "prof_nothing_coded": {"en": "Nothing is coded yet: the profiles appear once passages are coded on the Code page.",
                           "id": "Belum ada yang dikodekan: profil muncul setelah kutipan dikodekan di halaman Kode."},
    "prof_title_informants": {"en": "Share of each {axis}'s informants per code",
                              "id": "Bagian informan tiap {axis} per kode"},
    "prof_title_text": {"en": "Share of each {axis}'s coded text per code",
                        "id": "Bagian teks terkode tiap {axis} per kode"},
    "prof_value_informants": {"en": "Share of informants (%)", "id": "Bagian informan (%)"},
    "prof_value_text": {"en": "Share of coded text (%)", "id": "Bagian teks terkode (%)"},
    "prof_difference": {"en": "Difference (percentage points)", "id": "Selisih (poin persentase)"},
    "prof_coverage": {"en": "Coverage", "id": "Cakupan"},
    "prof_count": {"en": "Count", "id": "Jumlah"},
    "prof_base": {"en": "Of", "id": "Dari"},
    "prof_lean": {"en": "Higher share in", "id": "Bagian lebih besar di"},
    "prof_click_hint": {"en": "Click a bar, or choose a code and a column below, to read its passages.",
                        "id": "Klik sebuah batang, atau pilih kode dan kolom di bawah, untuk membaca kutipannya."},
    "prof_passages": {"en": "Passages", "id": "Kutipan"},
    "prof_cell_value": {"en": "{code} in {column}: {value}% ({count})",
                        "id": "{code} pada {column}: {value}% ({count})"},
    "prof_table": {"en": "Values", "id": "Nilai"},
    "prof_download_chart": {"en": "Download the chart ({fmt})", "id": "Unduh grafik ({fmt})"},
    "prof_download_table": {"en": "Download the table ({fmt})", "id": "Unduh tabel ({fmt})"},
    "cmap_intro": {"en": "Codes as circles (their size: codings or informants; their colour: the codebook's), joined "
                         "where they occur together; a dashed line ties a sub-code to its parent. Click a line, or "
                         "pick it below, to read the passages.",
                   "id": "Kode sebagai lingkaran (ukurannya: pengodean atau informan; warnanya: dari buku kode), "
                         "dihubungkan di tempat keduanya muncul bersama; garis putus-putus mengikat subkode ke "
                         "induknya. Klik sebuah garis, atau pilih di bawah, untuk membaca kutipannya."},
    "cmap_no_codes": {"en": "The project has no codebook yet: load or write one on the Codebook page to draw a code "
                            "map.",
                      "id": "Proyek belum memiliki buku kode: muat atau tulis di halaman Buku kode untuk menggambar "
                            "peta kode."},
    "cmap_no_codings": {"en": "Nothing is coded yet: code passages on the Code page and the map shows how the codes "
                              "hang together.",
                        "id": "Belum ada yang dikodekan: kodekan kutipan di halaman Kode teks dan peta menunjukkan "
                              "bagaimana kode-kode saling terkait."},
    "cmap_none_in_scope": {"en": "No coding is in this scope: choose another group, coder, query or condition.",
                           "id": "Tidak ada pengodean dalam cakupan ini: pilih kelompok, pengode, kueri atau "
                                 "kondisi lain."},
    "cmap_no_edges": {"en": "No two codes co-occur at least as often as the minimum: lower the minimum, or join codes "
                            "by the same sentence.",
                      "id": "Tidak ada dua kode yang muncul bersama setidaknya sesering batas minimum: turunkan "
                            "batasnya, atau hubungkan kode menurut kalimat yang sama."},
    "cmap_mode": {"en": "Codes occur together", "id": "Kode muncul bersama"},
    "cmap_mode_help": {"en": "Overlapping: two codings of the same coder overlap. Same sentence: both codes touch one "
                             "sentence (any coder).",
                       "id": "Tumpang tindih: dua pengodean dari pengode yang sama saling tumpang tindih. Kalimat "
                             "yang sama: kedua kode menyentuh satu kalimat (pengode mana pun)."},
    "cmap_mode_overlap": {"en": "Overlapping", "id": "Tumpang tindih"},
    "cmap_mode_unit": {"en": "Same sentence", "id": "Kalimat yang sama"},
    "cmap_weight": {"en": "Line width", "id": "Lebar garis"},
    "cmap_weight_count": {"en": "Co-occurrences", "id": "Kemunculan bersama"},
    "cmap_weight_jaccard": {"en": "Jaccard similarity", "id": "Kemiripan Jaccard"},
    "cmap_size": {"en": "Circle size", "id": "Ukuran lingkaran"},
    "cmap_size_codings": {"en": "Codings", "id": "Pengodean"},
    "cmap_size_informants": {"en": "Informants", "id": "Informan"},
    "cmap_min": {"en": "Minimum", "id": "Minimum"},
    "cmap_min_help": {"en": "Lines weighing less are hidden (noise).",
                      "id": "Garis yang bobotnya lebih kecil disembunyikan (derau)."},
    "cmap_group": {"en": "Group", "id": "Kelompok"},
    "cmap_all_groups": {"en": "All groups", "id": "Semua kelompok"},
    "cmap_coders": {"en": "Coders", "id": "Pengode"},
    "cmap_query": {"en": "Query", "id": "Kueri"},
    "cmap_query_help": {"en": "A coding query (as on the Query page): only the codings touching its result passages "
                              "count.",
                        "id": "Kueri pengodean (seperti di halaman Kueri): hanya pengodean yang menyentuh kutipan "
                              "hasilnya yang dihitung."},
    "cmap_chart_title": {"en": "Code map: {mode}, lines by {weight} (at least {minimum}), circles by {size}",
                         "id": "Peta kode: {mode}, garis menurut {weight} (minimal {minimum}), lingkaran menurut "
                               "{size}"},
    "cmap_scope_group": {"en": "group {group}", "id": "kelompok {group}"},
    "cmap_scope_coders": {"en": "coders {coders}", "id": "pengode {coders}"},
    "cmap_scope_query": {"en": "query {query}", "id": "kueri {query}"},
    "cmap_scope_where": {"en": "where {where}", "id": "dengan {where}"},
    "cmap_parent": {"en": "Part of", "id": "Bagian dari"},
    "cmap_with": {"en": "With code", "id": "Dengan kode"},
    "cmap_hint": {"en": "Line width: how often the two codes occur together. Click a line to list its passages "
                        "below.",
                  "id": "Lebar garis: seberapa sering kedua kode muncul bersama. Klik sebuah garis untuk "
                        "menampilkan kutipannya di bawah."},
    "cmap_download": {"en": "Download the code map ({fmt})", "id": "Unduh peta kode ({fmt})"},
    "cmap_graphml_help": {"en": "GraphML opens in Gephi, yEd or Cytoscape.",
                          "id": "GraphML dapat dibuka di Gephi, yEd atau Cytoscape."},
    "cmap_edge_title": {"en": "Where two codes occur together", "id": "Tempat dua kode muncul bersama"},
    "cmap_edge": {"en": "Line", "id": "Garis"},
    "cmap_edge_help": {"en": "The lines of the map, heaviest first; a click on a line chooses it here too.",
                       "id": "Garis-garis peta, yang terberat lebih dulu; klik pada garis juga memilihnya di sini."},
    "cmap_passage_count": {"en": "{n} passages where both codes occur.",
                           "en_one": "{n} passage where both codes occur.",
                           "id": "{n} kutipan tempat kedua kode muncul."},
    "cline_intro": {"en": "Where each code falls along a document, turn by turn; the band on top shows who speaks. "
                          "Stack a group's documents to compare them.",
                    "id": "Letak setiap kode di sepanjang dokumen, giliran demi giliran; pita di atas menunjukkan "
                          "siapa yang berbicara. Tumpuk dokumen satu kelompok untuk membandingkannya."},
    "cline_no_documents": {"en": "The project has no documents yet: import transcripts on the Project page to "
                                 "draw their code lines.",
                           "id": "Proyek belum memiliki dokumen: impor transkrip di halaman Proyek untuk "
                                 "menggambar garis kodenya."},
    "cline_scope": {"en": "Show", "id": "Tampilkan"},
    "cline_scope_documents": {"en": "Documents", "id": "Dokumen"},
    "cline_scope_group": {"en": "A group's documents", "id": "Dokumen satu kelompok"},
    "cline_documents": {"en": "Documents", "id": "Dokumen"},
    "cline_documents_help": {"en": "Stacked in the order chosen.", "id": "Ditumpuk sesuai urutan pilihan."},
    "cline_pick_documents": {"en": "Choose one or more documents", "id": "Pilih satu dokumen atau lebih"},
    "cline_group": {"en": "Group", "id": "Kelompok"},
    "cline_group_help": {"en": "Every document of the group's informants, stacked by informant.",
                         "id": "Semua dokumen informan kelompok ini, ditumpuk menurut informan."},
    "cline_no_groups": {"en": "No group has documents yet.", "id": "Belum ada kelompok yang memiliki dokumen."},
    "cline_x": {"en": "Position by", "id": "Posisi menurut"},
    "cline_x_turn": {"en": "Turn", "id": "Giliran"},
    "cline_x_char": {"en": "Character", "id": "Karakter"},
    "cline_axis_turn": {"en": "Turn", "id": "Giliran"},
    "cline_axis_char": {"en": "Character position", "id": "Posisi karakter"},
    "cline_speaker": {"en": "Speaker", "id": "Pembicara"},
    "cline_characters": {"en": "Characters", "id": "Karakter"},
    "cline_note_no_turns": {"en": "no speaker turns: by character", "id": "tanpa giliran bicara: menurut karakter"},
    "cline_note_no_codings": {"en": "no codings", "id": "belum dikode"},
    "cline_title": {"en": "Code line of {documents}", "id": "Garis kode {documents}"},
    "cline_title_group": {"en": "Code lines of group {group}", "id": "Garis kode kelompok {group}"},
    "cline_count": {"en": "{n} codings in {documents}", "en_one": "{n} coding in {documents}",
                    "id": "{n} pengodean dalam {documents}"},
    "cline_n_documents": {"en": "{n} documents", "en_one": "{n} document", "id": "{n} dokumen"},
    "cline_no_codings": {"en": "No codings here yet: the chart shows the turns only.",
                         "id": "Belum ada pengodean di sini: grafik hanya menampilkan giliran bicara."},
    "cline_click_hint": {"en": "Click a mark, or choose it below, to read its passage.",
                         "id": "Klik sebuah tanda, atau pilih di bawah, untuk membaca kutipannya."},
    "cline_mark": {"en": "Coding", "id": "Pengodean"},
    "cline_mark_placeholder": {"en": "Choose a coding", "id": "Pilih pengodean"},
    "cline_mark_help": {"en": "The codings drawn, in reading order (type to search).",
                        "id": "Pengodean yang digambar, sesuai urutan baca (ketik untuk mencari)."},
    "cline_marks_cut": {"en": "Only the first {shown} are offered here.",
                        "id": "Hanya {shown} pengodean pertama yang ditawarkan di sini."},
    "cline_open_code": {"en": "Open in the Code page", "id": "Buka di halaman Kode teks"},
    "cline_download": {"en": "Download the code line ({fmt})", "id": "Unduh garis kode ({fmt})"},
    "tri_by": {"en": "Compare across", "id": "Bandingkan menurut"},
    "tri_axis_group": {"en": "Informant group", "id": "Kelompok informan"},
    "tri_axis_source_type": {"en": "Source type", "id": "Jenis sumber"},
    "tri_axis_informant": {"en": "Informant", "id": "Informan"},
    "tri_measure": {"en": "Measure", "id": "Ukuran"},
    "tri_m_segments": {"en": "Coded segments", "id": "Segmen terkode"},
    "tri_m_informants": {"en": "Informants with a coding", "id": "Informan yang terkode"},
    "tri_m_share": {"en": "Share of the group's informants (%)", "id": "Persentase informan kelompok (%)"},
    "tri_m_words": {"en": "Words coded", "id": "Kata terkode"},
    "tri_measure_help": {
        "en": "The share of a group's informants is offered only when comparing informant groups.",
        "id": "Persentase informan kelompok hanya tersedia bila membandingkan kelompok informan.",
    },
    "tri_coders": {"en": "Coders", "id": "Pengode"},
    "tri_all_coders": {"en": "All coders pooled", "id": "Semua pengode digabung"},
    "tri_consensus": {"en": "consensus", "id": "konsensus"},
    "tri_rollup": {"en": "Roll up sub-codes", "id": "Gabungkan subkode"},
    "tri_rollup_help": {
        "en": "Show only the top-level codes, each counting the codings of all its sub-codes.",
        "id": "Tampilkan hanya kode tingkat atas, masing-masing menghitung pengodean semua subkodenya.",
    },
    "tri_no_codes": {
        "en": "The codebook has no codes yet. Load or add codes on the Codebook page.",
        "id": "Buku kode belum memiliki kode. Muat atau tambahkan kode di halaman Buku kode.",
    },
    "tri_no_group": {"en": "No informant groups yet: add them on the Project page.",
                     "id": "Belum ada kelompok informan: tambahkan di halaman Proyek."},
    "tri_no_source_type": {"en": "No source types yet.", "id": "Belum ada jenis sumber."},
    "tri_no_informant": {"en": "No informants yet: add them on the Project page.",
                         "id": "Belum ada informan: tambahkan di halaman Proyek."},
    "tri_nothing_coded": {
        "en": "Nothing coded yet: every cell is zero until passages are coded on the Code page.",
        "id": "Belum ada yang dikode: semua sel bernilai nol sampai kutipan dikode di halaman Kode teks.",
    },
    "tri_unassigned": {
        "en": "{n} codings have no {axis} (e.g. documents without an informant) and are left out.",
        "en_one": "{n} coding has no {axis} (e.g. a document without an informant) and is left out.",
        "id": "{n} pengodean tidak memiliki {axis} (mis. dokumen tanpa informan) dan tidak dihitung.",
    },
    "tri_cov_silent": {"en": "silent", "id": "tidak dibahas"},
    "tri_cov_all": {"en": "all {count}", "id": "semua {count}"},
    "tri_cov_some": {"en": "{n} of {count}", "id": "{n} dari {count}"},
    "tri_cov_one_group": {"en": "one group only: {name}", "id": "hanya satu kelompok: {name}"},
    "tri_cov_one_source_type": {"en": "one source type only: {name}", "id": "hanya satu jenis sumber: {name}"},
    "tri_cov_one_informant": {"en": "one informant only: {name}", "id": "hanya satu informan: {name}"},
    "tri_n_group": {"en": "{n} groups", "en_one": "{n} group", "id": "{n} kelompok"},
    "tri_n_source_type": {"en": "{n} source types", "en_one": "{n} source type", "id": "{n} jenis sumber"},
    "tri_n_informant": {"en": "{n} informants", "en_one": "{n} informant", "id": "{n} informan"},
    "tri_axis_attribute": {"en": "Attribute: {name}", "id": "Atribut: {name}"},
    "tri_cov_one_attribute": {"en": "one value only: {name}", "id": "hanya satu nilai: {name}"},
    "tri_n_attribute": {"en": "{n} values", "en_one": "{n} value", "id": "{n} nilai"},
    "tri_no_attribute": {"en": "No informant has a value of this attribute yet: add it on the Project page.",
                         "id": "Belum ada informan dengan nilai atribut ini: tambahkan di halaman Proyek."},
    "where_label": {"en": "Where", "id": "Dengan syarat"},
    "where_help": {"en": "Keep only the codings (documents) a condition holds for: the WHERE part of the "
                         "coding-query language. Empty: everything.",
                   "id": "Hanya pengodean (dokumen) yang memenuhi syarat: bagian WHERE dari bahasa kueri "
                         "pengodean. Kosong: semuanya."},
    "where_caption": {"en": "Syntax: `field op value`, joined with `AND`, `OR`, `NOT` and parentheses; fields: "
                            "group, informant, source_type, document, role, organisation, coder, date or any "
                            "informant attribute; operators `=` `!=` `~` (contains) `<` `>` `<=` `>=`; the "
                            "box shows an example in this project's terms.",
                      "id": "Sintaks: `kolom op nilai`, digabung dengan `AND`, `OR`, `NOT` dan tanda kurung; "
                            "kolom: group, informant, source_type, document, role, organisation, coder, date "
                            "atau atribut informan mana pun; operator `=` `!=` `~` (memuat) `<` `>` `<=` `>=`; "
                            "kotak itu menunjukkan contoh dengan istilah proyek ini."},
    "where_error": {"en": "The condition cannot be used; the caret marks where:",
                    "id": "Syarat tidak dapat dipakai; tanda ^ menunjukkan letaknya:"},
    "where_ignored": {"en": "Shown without the condition until it is corrected.",
                      "id": "Ditampilkan tanpa syarat sampai syaratnya diperbaiki."},
    "fw_where_none": {"en": "No informant meets the condition.", "id": "Tidak ada informan yang memenuhi syarat."},
    "search_where_error": {"en": "The search was not run: the Where condition cannot be used.",
                           "id": "Pencarian tidak dijalankan: syarat tidak dapat dipakai."},
    "tri_chart_title": {"en": "{measure} by {axis}", "id": "{measure} menurut {axis}"},
    "tri_heatmap": {"en": "Heat map", "id": "Peta panas"},
    "tri_table": {"en": "Table", "id": "Tabel"},
    "tri_click_hint": {
        "en": "Click a cell to read its quotes below (double-click clears); or pick the cell below.",
        "id": "Klik sel untuk membaca kutipannya di bawah (klik ganda menghapus pilihan); atau pilih sel di bawah.",
    },
    "tri_download_table": {"en": "Download the table ({fmt})", "id": "Unduh tabel ({fmt})"},
    "tri_download_chart": {"en": "Download the heat map ({fmt})", "id": "Unduh peta panas ({fmt})"},
    "tri_chart_none": {"en": "grey: none", "id": "abu-abu: tidak ada"},
    "tri_col_pattern": {"en": "Coverage", "id": "Cakupan"},
    "tri_col_verdict": {"en": "Verdict", "id": "Penilaian"},
    "tri_col_verdict_by": {"en": "Supervisor", "id": "Supervisor"},
    "tri_col_verdict_at": {"en": "When", "id": "Waktu"},
    "tri_col_rationale": {"en": "Rationale", "id": "Alasan"},
    "tri_col_group_a": {"en": "Group A", "id": "Kelompok A"},
    "tri_col_group_b": {"en": "Group B", "id": "Kelompok B"},
    "tri_cell": {"en": "Quotes of a cell", "id": "Kutipan sebuah sel"},
    "tri_cell_value": {"en": "{code} × {column}: {value}", "id": "{code} × {column}: {value}"},
    "tri_no_quotes": {"en": "No coded passages in this cell.", "id": "Tidak ada kutipan terkode dalam sel ini."},
    "tri_quote_count": {"en": "{n} quotes", "en_one": "{n} quote", "id": "{n} kutipan"},
    "tri_quotes_cut": {"en": "Only the first {shown} are listed here.",
                       "id": "Hanya {shown} kutipan pertama yang ditampilkan di sini."},
    "tri_open_code": {"en": "Open in Code page", "id": "Buka di halaman Kode teks"},
    "tri_open_code_help": {"en": "Show this passage in its transcript", "id": "Tampilkan kutipan ini dalam transkripnya"},
    "tri_verdict_title": {"en": "Verdict on {code}", "id": "Penilaian atas {code}"},
    "tri_verdict": {"en": "Verdict", "id": "Penilaian"},
    "tri_v_agreement": {"en": "Agreement", "id": "Sepakat"},
    "tri_v_partial_agreement": {"en": "Partial agreement", "id": "Sepakat sebagian"},
    "tri_v_silence": {"en": "Silence", "id": "Diam (tidak dibahas)"},
    "tri_v_dissonance": {"en": "Dissonance", "id": "Disonansi"},
    "tri_verdict_groups": {"en": "Between two groups (optional)", "id": "Antara dua kelompok (opsional)"},
    "tri_whole_code": {"en": "The whole code", "id": "Seluruh kode"},
    "tri_verdict_groups_help": {
        "en": "Leave empty for a verdict on the whole code, or pick exactly two groups it compares.",
        "id": "Kosongkan untuk penilaian atas seluruh kode, atau pilih tepat dua kelompok yang dibandingkan.",
    },
    "tri_rationale": {"en": "Rationale", "id": "Alasan"},
    "tri_save_verdict": {"en": "Save verdict", "id": "Simpan penilaian"},
    "tri_verdict_needs_coder": {
        "en": "Pick your name in the sidebar first: every verdict records its supervisor.",
        "id": "Pilih nama Anda di bilah samping dulu: setiap penilaian mencatat supervisornya.",
    },
    "tri_pick_verdict": {"en": "Choose a verdict first.", "id": "Pilih penilaian dulu."},
    "tri_pick_two_groups": {"en": "Pick two groups, or none for the whole code.",
                            "id": "Pilih dua kelompok, atau tidak sama sekali untuk seluruh kode."},
    "tri_verdict_saved": {"en": "Verdict on {code} saved: {verdict} (by {who}).",
                          "id": "Penilaian atas {code} disimpan: {verdict} (oleh {who})."},
    "tri_history": {"en": "Verdict history", "id": "Riwayat penilaian"},
    "tri_no_verdicts": {"en": "No verdict on this code yet.", "id": "Belum ada penilaian atas kode ini."},
    "tri_cooc": {"en": "Co-occurrence of codes", "id": "Kemunculan bersama kode"},
    "tri_cooc_by": {"en": "Count together when", "id": "Dihitung bersama bila"},
    "tri_cooc_overlap": {"en": "Codings overlap", "id": "Pengodean bertumpang tindih"},
    "tri_cooc_unit": {"en": "In the same sentence", "id": "Dalam kalimat yang sama"},
    "tri_cooc_help": {
        "en": "Overlap: two codings by the same coder share text. Sentence: both codes touch the same sentence.",
        "id": "Tumpang tindih: dua pengodean oleh pengode yang sama berbagi teks. Kalimat: kedua kode mengenai "
              "kalimat yang sama.",
    },
    "tri_cooc_none": {"en": "No codes occur yet.", "id": "Belum ada kode yang muncul."},
    "tri_jaccard_map": {"en": "Jaccard heat map", "id": "Peta panas Jaccard"},
    "tri_counts": {"en": "Counts", "id": "Jumlah"},
    "tri_jaccard": {"en": "Jaccard index", "id": "Indeks Jaccard"},
    "tri_jaccard_hint": {
        "en": "Jaccard index: codings (or sentences) with both codes ÷ those with either. The diagonal is left blank.",
        "id": "Indeks Jaccard: pengodean (atau kalimat) dengan kedua kode ÷ yang dengan salah satunya. Diagonal "
              "dikosongkan.",
    },
    "fw_title": {"en": "Framework matrix", "id": "Matriks kerangka"},
    "fw_hint": {
        "en": "Each cell holds the analyst's summary, or else the number of codings and the first quotes.",
        "id": "Setiap sel berisi ringkasan analis, atau jumlah pengodean dan kutipan pertamanya.",
    },
    "fw_no_informants": {"en": "No informants yet: add them on the Project page.",
                         "id": "Belum ada informan: tambahkan di halaman Proyek."},
    "fw_download": {"en": "Download the matrix ({fmt})", "id": "Unduh matriks ({fmt})"},
    "fw_cell": {"en": "A cell: quotes and summary", "id": "Sebuah sel: kutipan dan ringkasan"},
    "fw_summary": {"en": "Summary", "id": "Ringkasan"},
    "fw_summary_help": {"en": "Saving an empty summary removes it.", "id": "Menyimpan ringkasan kosong akan menghapusnya."},
    "fw_written_by": {"en": "Written by {author}, {at}", "id": "Ditulis oleh {author}, {at}"},
    "fw_needs_coder": {
        "en": "Pick your name in the sidebar first: every summary records its author.",
        "id": "Pilih nama Anda di bilah samping dulu: setiap ringkasan mencatat penulisnya.",
    },
    "fw_saved": {"en": "Summary of {informant} × {code} saved.", "id": "Ringkasan {informant} × {code} disimpan."},
    "fw_removed": {"en": "Summary of {informant} × {code} removed.", "id": "Ringkasan {informant} × {code} dihapus."},
    "fw_cell_memos": {"en": "Memos on this informant and code ({n})", "en_one": "Memo on this informant and code ({n})",
                      "id": "Memo tentang informan dan kode ini ({n})"},
    "fw_no_cell_memos": {"en": "No memo on this informant, this code or its codings in their documents yet.",
                         "id": "Belum ada memo tentang informan ini, kode ini, atau pengodeannya di dokumen informan."},
    "fw_memo_on": {"en": "Write the memo on", "id": "Tulis memo tentang"},
    "fw_memo_title_help": {"en": "The title starts with the other side of the cell, so the memo says where it came from.",
                           "id": "Judul diawali sisi lain sel, agar memo menunjukkan asalnya."},
    "agr_title": {"en": "Agreement", "id": "Kesepakatan"},
    "agr_no_codes": {"en": "The project has no codes yet: load a codebook on the Codebook page.",
                     "id": "Proyek belum memiliki kode: muat buku kode di halaman Buku kode."},
    "agr_few_coders": {
        "en": "Agreement needs at least two coders who have coded something; this project has fewer.",
        "id": "Kesepakatan memerlukan sedikitnya dua pengode yang sudah mengode; proyek ini belum memilikinya.",
    },
    "agr_pick_two": {"en": "Pick at least two coders to compare.", "id": "Pilih sedikitnya dua pengode untuk dibandingkan."},
    "agr_no_common": {
        "en": "No document to compare for these coders with this choice of documents. Pick documents by hand to "
              "compare them anyway.",
        "id": "Tidak ada dokumen untuk dibandingkan bagi pengode ini dengan pilihan dokumen ini. Pilih dokumen "
              "dengan tangan untuk tetap membandingkannya."},
    "agr_coders": {"en": "Coders", "id": "Pengode"},
    "agr_pick_coders": {"en": "Choose coders", "id": "Pilih pengode"},
    "agr_pick_documents": {"en": "Choose documents", "id": "Pilih dokumen"},
    "agr_coders_help": {"en": "Two or more. By default the two coders with most codings in common documents.",
                        "id": "Dua atau lebih. Bawaannya dua pengode dengan pengodean terbanyak di dokumen bersama."},
    "agr_documents": {"en": "Documents", "id": "Dokumen"},
    "agr_documents_help": {"en": "By default the documents chosen above; add or remove any by hand (the report then "
                                 "says they were chosen by name).",
                           "id": "Bawaannya dokumen yang dipilih di atas; tambah atau hapus dengan tangan (laporan lalu "
                                 "menyebut dokumen dipilih menurut nama)."},
    "agr_selection": {"en": "Documents compared", "id": "Dokumen yang dibandingkan"},
    "agr_selection_assigned": {"en": "assigned to each, done by each", "id": "ditugaskan dan diselesaikan masing-masing"},
    "agr_selection_coded": {"en": "coded by each", "id": "dikode oleh masing-masing"},
    "agr_selection_help": {
        "en": "Assigned: the documents a supervisor assigned to every chosen coder and each marked done, so a "
              "document a coder read and found nothing to code in counts as disagreement. Coded by each: only the "
              "documents every chosen coder coded something in, which leaves such documents out and can inflate "
              "agreement.",
        "id": "Ditugaskan: dokumen yang ditugaskan supervisor kepada setiap pengode yang dipilih dan ditandai selesai "
              "oleh masing-masing, sehingga dokumen yang dibaca pengode tanpa menemukan apa pun untuk dikode "
              "terhitung sebagai ketidaksepakatan. Dikode oleh masing-masing: hanya dokumen yang dikode oleh setiap "
              "pengode, yang meninggalkan dokumen semacam itu dan dapat membesarkan kesepakatan."},
    "agr_selection_none_assigned": {
        "en": "No document is assigned to all the chosen coders: comparing the documents each coded. Assign documents "
              "below so that a document read and left uncoded counts.",
        "id": "Tidak ada dokumen yang ditugaskan kepada semua pengode yang dipilih: membandingkan dokumen yang dikode "
              "masing-masing. Tugaskan dokumen di bawah agar dokumen yang dibaca tanpa dikode ikut terhitung."},
    "agr_chosen_assigned": {"en": "Documents: assigned to every coder compared and marked done by each.",
                            "id": "Dokumen: ditugaskan kepada setiap pengode yang dibandingkan dan ditandai selesai "
                                  "oleh masing-masing."},
    "agr_chosen_coded": {"en": "Documents: coded by every coder compared.",
                         "id": "Dokumen: dikode oleh setiap pengode yang dibandingkan."},
    "agr_chosen_coded_no_assignments": {
        "en": "Documents: coded by every coder compared (no document is assigned to all of them).",
        "id": "Dokumen: dikode oleh setiap pengode yang dibandingkan (tidak ada dokumen yang ditugaskan kepada "
              "semuanya)."},
    "agr_chosen_named": {"en": "Documents: chosen by name.", "id": "Dokumen: dipilih menurut nama."},
    "agr_codes": {"en": "Codes", "id": "Kode"},
    "agr_all_codes": {"en": "All codes", "id": "Semua kode"},
    "agr_unit": {"en": "Unit", "id": "Satuan"},
    "agr_unit_sentence": {"en": "Sentence", "id": "Kalimat"},
    "agr_unit_turn": {"en": "Speaker turn", "id": "Giliran bicara"},
    "agr_unit_char": {"en": "Character", "id": "Karakter"},
    "agr_unit_help": {
        "en": "What is compared: each sentence, each speaker turn, or every single character (slow on long texts).",
        "id": "Yang dibandingkan: setiap kalimat, setiap giliran bicara, atau setiap karakter (lambat untuk teks "
              "panjang).",
    },
    "agr_rule": {"en": "A unit carries a code when", "id": "Satuan membawa kode bila"},
    "agr_rule_majority": {"en": "a coding covers half of it", "id": "pengodean menutupi separuhnya"},
    "agr_rule_any": {"en": "a coding touches it", "id": "pengodean menyentuhnya"},
    "agr_rule_help": {
        "en": "Majority: the coder's coding overlaps at least half of the unit's characters. Any: one character "
              "is enough.",
        "id": "Mayoritas: pengodean menutupi sedikitnya separuh karakter satuan. Sembarang: satu karakter sudah "
              "cukup.",
    },
    "agr_computing": {"en": "Computing agreement…", "id": "Menghitung kesepakatan…"},
    "agr_report": {"en": "Agreement by code", "id": "Kesepakatan per kode"},
    "agr_basis": {
        "en": "**Unit:** {unit} · **a unit carries a code when** {rule} · **coders:** {coders} · **documents:** {n}",
        "id": "**Satuan:** {unit} · **satuan membawa kode bila** {rule} · **pengode:** {coders} · **dokumen:** {n}",
    },
    "agr_bands": {
        "en": "Kappa: Cohen's (Cohen 1960) for two coders, Fleiss' (Fleiss 1971) for more; its bands (Landis & Koch "
              "1977): below 0 poor, 0–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, "
              "0.81–1 almost perfect. Alpha (Krippendorff 2019): from 0.800 reliable, 0.667–0.800 tentative, below "
              "unreliable; its interval is a bootstrap over units.",
        "id": "Kappa: kappa Cohen (Cohen 1960) untuk dua pengode, kappa Fleiss (Fleiss 1971) untuk lebih; "
              "kategorinya (Landis & Koch 1977): di bawah 0 buruk, 0–0,20 sangat lemah, 0,21–0,40 lemah, "
              "0,41–0,60 sedang, 0,61–0,80 kuat, 0,81–1 hampir sempurna. Alpha (Krippendorff 2019): mulai 0,800 "
              "andal, 0,667–0,800 tentatif, di bawahnya tidak andal; intervalnya bootstrap atas satuan.",
    },
    "agr_download": {"en": "Download the report ({fmt})", "id": "Unduh laporan ({fmt})"},
    "agr_col_units": {"en": "Units", "id": "Satuan"},
    "agr_col_coders": {"en": "Coders", "id": "Pengode"},
    "agr_col_prevalence": {"en": "Prevalence", "id": "Prevalensi"},
    "agr_col_uncoded": {"en": "Uncoded", "id": "Tak dikode"},
    "agr_col_percent": {"en": "Agreement", "id": "Kesepakatan"},
    "agr_col_kappa": {"en": "Kappa", "id": "Kappa"},
    "agr_col_kappa_kind": {"en": "Kappa kind", "id": "Jenis kappa"},
    "agr_kind_cohen": {"en": "Cohen's kappa", "id": "kappa Cohen"},
    "agr_kind_fleiss": {"en": "Fleiss' kappa", "id": "kappa Fleiss"},
    "agr_col_kappa_band": {"en": "Kappa band", "id": "Kategori kappa"},
    "agr_col_alpha": {"en": "Alpha", "id": "Alpha"},
    "agr_col_alpha_low": {"en": "Alpha low", "id": "Alpha bawah"},
    "agr_col_alpha_high": {"en": "Alpha high", "id": "Alpha atas"},
    "agr_col_alpha_band": {"en": "Alpha band", "id": "Kategori alpha"},
    "agr_col_reason": {"en": "Why undefined", "id": "Sebab tak terdefinisi"},
    "agr_col_warning": {"en": "Warning", "id": "Peringatan"},
    "agr_reason_no_units": {"en": "no units to compare", "id": "tidak ada satuan untuk dibandingkan"},
    "agr_reason_none_coded": {"en": "one category only: no coder coded any unit with it",
                              "id": "hanya satu kategori: tak satu pun pengode memberi kode ini pada satuan mana pun"},
    "agr_reason_all_coded": {"en": "one category only: every coder coded every unit with it",
                             "id": "hanya satu kategori: setiap pengode memberi kode ini pada setiap satuan"},
    "agr_reason_no_variation": {"en": "no expected disagreement", "id": "tidak ada ketidaksepakatan yang diharapkan"},
    "agr_warning_units": {"en": "small sample: fewer than {need} units", "id": "sampel kecil: kurang dari {need} satuan"},
    "agr_warning_items": {"en": "small sample: fewer than {need} unit × code items",
                          "id": "sampel kecil: kurang dari {need} butir satuan × kode"},
    "agr_small_sample": {
        "en": "{n} of {total} rows rest on fewer units than Krippendorff's (2019) sample-size rule asks for: to tell "
              "alpha from 0.800 at p = 0.05, the rarer a code, the more units it needs (see the Warning column). "
              "Read those figures with care.",
        "id": "{n} dari {total} baris bertumpu pada satuan yang lebih sedikit daripada yang diminta aturan ukuran "
              "sampel Krippendorff (2019): untuk membedakan alpha dari 0,800 pada p = 0,05, makin jarang sebuah "
              "kode, makin banyak satuan yang dibutuhkannya (lihat kolom Peringatan). Baca angka-angka itu dengan "
              "hati-hati.",
    },
    "agr_all_codes_coded": {"en": "All codes, coded units", "id": "Semua kode, satuan berkode"},
    "agr_pooled_note": {
        "en": "{all} pools every unit × code item of {codes} codes, each by its own codings; the {nobody} units "
              "nobody coded enter it as agreement on absence, which raises percent agreement. {some} pools the same "
              "items over the {coded} units somebody coded.",
        "id": "{all} menggabungkan setiap butir satuan × kode dari {codes} kode, masing-masing menurut pengodeannya "
              "sendiri; {nobody} satuan yang tidak dikode siapa pun masuk sebagai kesepakatan atas ketiadaan kode, "
              "sehingga persentase kesepakatan naik. {some} menggabungkan butir yang sama atas {coded} satuan yang "
              "dikode seseorang.",
    },
    "agr_rollup": {"en": "Parent codes carry their sub-codes", "id": "Kode induk mencakup sub-kodenya"},
    "agr_rollup_help": {
        "en": "On: a unit carries a parent code for a coder when the coder coded the parent or any code below it "
              "there, so a parent coded only through its sub-codes gets figures of its own. Off: every code by its "
              "own codings only. The pooled rows read every code by its own codings either way.",
        "id": "Aktif: satuan membawa kode induk bagi seorang pengode bila pengode itu mengode induknya atau kode mana "
              "pun di bawahnya di situ, sehingga kode induk yang hanya dikode lewat sub-kodenya mendapat angkanya "
              "sendiri. Nonaktif: setiap kode hanya menurut pengodeannya sendiri. Baris gabungan selalu membaca "
              "setiap kode menurut pengodeannya sendiri.",
    },
    "agr_rollup_on": {
        "en": "Parent codes carry their sub-codes: a unit carries a parent when the coder coded it or any code below "
              "it there.",
        "id": "Kode induk mencakup sub-kodenya: satuan membawa kode induk bila pengode mengode induknya atau kode mana "
              "pun di bawahnya di situ.",
    },
    "agr_rollup_off": {
        "en": "Parent codes count their own codings only; one coded only through its sub-codes is undefined.",
        "id": "Kode induk hanya menghitung pengodeannya sendiri; kode induk yang hanya dikode lewat sub-kodenya tak "
              "terdefinisi.",
    },
    "agr_band_poor": {"en": "poor", "id": "buruk"},
    "agr_band_slight": {"en": "slight", "id": "sangat lemah"},
    "agr_band_fair": {"en": "fair", "id": "lemah"},
    "agr_band_moderate": {"en": "moderate", "id": "sedang"},
    "agr_band_substantial": {"en": "substantial", "id": "kuat"},
    "agr_band_almost_perfect": {"en": "almost perfect", "id": "hampir sempurna"},
    "agr_band_reliable": {"en": "reliable", "id": "andal"},
    "agr_band_tentative": {"en": "tentative", "id": "tentatif"},
    "agr_band_unreliable": {"en": "unreliable", "id": "tidak andal"},
    "agr_band_undefined": {"en": "undefined", "id": "tak terdefinisi"},
    # -- Agreement page: unitized alphas on the coders' spans --
    "uz_title": {"en": "Unitized alpha (spans)", "id": "Alpha unitisasi (rentang)"},
    "uz_intro": {
        "en": "Krippendorff et al.'s (2016) unitized alphas compare the coders' own spans, character by character, "
              "with no sentences or turns in between: uα (where codes are and which, the uncoded text included), "
              "|uα (what is coded at all), cuα (which code where spans of different coders meet) and (k)uα (cuα for "
              "one code). Use them when the coders marked free spans and where a span begins and ends is part of "
              "what they must agree on; when codes apply to whole sentences or turns, report the table above. "
              "Reference: {citation}",
        "id": "Alpha unitisasi Krippendorff dkk. (2016) membandingkan rentang para pengode sendiri, karakter demi "
              "karakter, tanpa kalimat atau giliran bicara di antaranya: uα (di mana ada kode dan kode apa, teks "
              "yang tidak dikode ikut dihitung), |uα (apa yang dikode sama sekali), cuα (kode apa di tempat rentang "
              "para pengode bertemu) dan (k)uα (cuα untuk satu kode). Gunakan bila para pengode menandai rentang "
              "bebas dan awal serta akhir rentang termasuk hal yang harus mereka sepakati; bila kode berlaku untuk "
              "kalimat atau giliran bicara utuh, laporkan tabel di atas. Rujukan: {citation}",
    },
    "uz_pick_two": {"en": "Pick at least two coders above to compare their spans.",
                    "id": "Pilih sedikitnya dua pengode di atas untuk membandingkan rentang mereka."},
    "uz_no_documents": {"en": "No documents to compare: choose documents above.",
                        "id": "Tidak ada dokumen untuk dibandingkan: pilih dokumen di atas."},
    "uz_computing": {"en": "Computing the unitized alphas…", "id": "Menghitung alpha unitisasi…"},
    "uz_basis": {"en": "Spans of **{coders}** in {n} documents laid end to end ({chars} characters).",
                 "id": "Rentang **{coders}** dalam {n} dokumen yang disambung berurutan ({chars} karakter)."},
    "uz_warning_empty": {
        "en": "{coders} coded nothing in these documents: their whole text counts as uncoded, which moves every "
              "figure.",
        "id": "{coders} tidak mengode apa pun dalam dokumen ini: seluruh teksnya dihitung tidak dikode, dan itu "
              "menggeser setiap angka.",
    },
    "uz_nothing_coded": {"en": "Nobody coded any span with these codes in these documents: there is nothing to compare.",
                         "id": "Tidak ada yang mengode rentang dengan kode ini dalam dokumen ini: tidak ada yang "
                               "bisa dibandingkan."},
    "uz_overlaps": {
        "en": "In {n} sets of codes one coder's spans of two codes overlap: their uα, cuα and (k)uα are undefined "
              "(see Why undefined).",
        "en_one": "In {n} set of codes one coder's spans of two codes overlap: its uα, cuα and (k)uα are undefined "
                  "(see Why undefined).",
        "id": "Pada {n} himpunan kode, rentang seorang pengode untuk dua kode saling tumpang tindih: uα, cuα dan "
              "(k)uα-nya tak terdefinisi (lihat Sebab tak terdefinisi).",
    },
    "uz_columns": {
        "en": "Coded: % of the text the average coder coded with it. Coverage: % of the coded text that a span of "
              "another coder also covers, on which (k)uα (a code's row) or cuα (the other rows) rests; what one "
              "coder coded alone is judged by |uα. (k)uα, uα and cuα compare a code with its siblings in the "
              "codebook (its family); All codes takes every code, each span by its own code.",
        "id": "Dikode: % teks yang rata-rata dikode seorang pengode dengan kode itu. Cakupan: % teks berkode yang "
              "juga ditutupi rentang pengode lain, tempat (k)uα (baris kode) atau cuα (baris lain) bertumpu; yang "
              "dikode seorang pengode saja dinilai oleh |uα. (k)uα, uα dan cuα membandingkan kode dengan "
              "saudaranya dalam buku kode (keluarganya); Semua kode memakai setiap kode, tiap rentang dengan "
              "kodenya sendiri.",
    },
    "uz_top_level": {"en": "Top-level codes", "id": "Kode tingkat atas"},
    "uz_sub_codes": {"en": "Sub-codes of {parent}", "id": "Sub-kode {parent}"},
    "uz_col_family": {"en": "Family", "id": "Keluarga"},
    "uz_col_coded": {"en": "Coded %", "id": "Dikode %"},
    "uz_col_binary_u_alpha": {"en": "|uα", "id": "|uα"},
    "uz_col_k_u_alpha": {"en": "(k)uα", "id": "(k)uα"},
    "uz_col_u_alpha": {"en": "uα", "id": "uα"},
    "uz_col_cu_alpha": {"en": "cuα", "id": "cuα"},
    "uz_col_coverage": {"en": "Coverage %", "id": "Cakupan %"},
    "uz_reason_no_text": {"en": "no text to compare", "id": "tidak ada teks untuk dibandingkan"},
    "uz_reason_none_coded": {"en": "no coder coded any span with it", "id": "tidak ada pengode yang mengode rentang "
                                                                           "dengannya"},
    "uz_reason_not_met": {"en": "no span of it meets a span of another coder",
                          "id": "tidak ada rentangnya yang bertemu rentang pengode lain"},
    "uz_reason_none_met": {"en": "no spans of different coders meet",
                           "id": "tidak ada rentang dari pengode berbeda yang bertemu"},
    "uz_reason_one_code": {"en": "one code only where spans of different coders meet (no expected disagreement)",
                           "id": "hanya satu kode di tempat rentang pengode berbeda bertemu (tidak ada "
                                 "ketidaksepakatan yang diharapkan)"},
    "uz_reason_overlap": {
        "en": "coder {coder} coded {first} and {second} on overlapping text in {document} at {start}:{end} (places "
              "with such overlaps: {count}); these coefficients need each coder's spans of the codes compared to "
              "exclude each other",
        "id": "pengode {coder} mengode {first} dan {second} pada teks yang tumpang tindih di {document} pada "
              "{start}:{end} (jumlah tempat tumpang tindih: {count}); koefisien ini menuntut rentang tiap pengode "
              "untuk kode yang dibandingkan saling terpisah",
    },
    "uz_reason_no_variation": {"en": "no expected disagreement", "id": "tidak ada ketidaksepakatan yang diharapkan"},
    "uz_download": {"en": "Download {fmt}", "id": "Unduh {fmt}"},
    "agr_disagreements": {"en": "Disagreements", "id": "Ketidaksepakatan"},
    "agr_count": {"en": "{n} disagreements: a unit (for characters, a run of them) and a code the coders differ on.",
                  "en_one": "{n} disagreement: a unit (for characters, a run of them) and a code the coders differ "
                            "on.",
                  "id": "{n} ketidaksepakatan: satuan (untuk karakter, rangkaiannya) dan kode yang dinilai berbeda "
                        "oleh para pengode."},
    "agr_disagreements_cut": {"en": "The first {shown} are listed; choose fewer documents or codes to see the others.",
                              "id": "{shown} yang pertama ditampilkan; pilih lebih sedikit dokumen atau kode untuk melihat sisanya."},
    "agr_hidden": {"en": "{n} already reconciled (see the history below) and left out.",
                   "id": "{n} sudah direkonsiliasi (lihat riwayat di bawah) dan tidak ditampilkan."},
    "agr_no_disagreements": {"en": "No open disagreements: the coders agree on every unit.",
                             "id": "Tidak ada ketidaksepakatan terbuka: para pengode sepakat di setiap satuan."},
    "agr_pick": {"en": "Disagreement", "id": "Ketidaksepakatan"},
    "agr_applied": {"en": "applied the code", "id": "menerapkan kode"},
    "agr_not_applied": {"en": "did not apply it", "id": "tidak menerapkannya"},
    "agr_two_only": {
        "en": "Reconciliation compares two coders: pick exactly two to reconcile.",
        "id": "Rekonsiliasi membandingkan dua pengode: pilih tepat dua untuk merekonsiliasi.",
    },
    "agr_needs_coder": {
        "en": "Pick your name in the sidebar first: every decision records who made it.",
        "id": "Pilih nama Anda di bilah samping dulu: setiap keputusan mencatat pembuatnya.",
    },
    "agr_accept_coder": {"en": "Accept {coder}", "id": "Terima {coder}"},
    "agr_accept_both": {"en": "Both", "id": "Keduanya"},
    "agr_accept_neither": {"en": "Neither", "id": "Tidak keduanya"},
    "agr_accept_a_help": {"en": "Copy the first coder's coding of this code here into the consensus coder.",
                          "id": "Salin pengodean kode ini oleh pengode pertama ke pengode konsensus."},
    "agr_accept_b_help": {"en": "Copy the second coder's coding of this code here into the consensus coder.",
                          "id": "Salin pengodean kode ini oleh pengode kedua ke pengode konsensus."},
    "agr_accept_both_help": {"en": "Give the consensus coder the union of both coders' spans.",
                             "id": "Beri pengode konsensus gabungan rentang kedua pengode."},
    "agr_accept_neither_help": {"en": "The code does not belong here; only the decision is recorded.",
                                "id": "Kode ini tidak tepat di sini; hanya keputusannya yang dicatat."},
    "agr_reconcile_hint": {
        "en": "Accepted codings go to the coder “consensus”; you are recorded as the supervisor and the list "
              "moves on to the next disagreement.",
        "id": "Pengodean yang diterima masuk ke pengode “consensus”; Anda dicatat sebagai supervisor dan daftar "
              "berlanjut ke ketidaksepakatan berikutnya.",
    },
    "agr_reconciled": {"en": "{code} in {document} ({start}–{end}): {decision}; {n} consensus codings added.",
                       "en_one": "{code} in {document} ({start}–{end}): {decision}; {n} consensus coding added.",
                       "id": "{code} di {document} ({start}–{end}): {decision}; {n} pengodean konsensus ditambahkan."},
    "agr_history": {"en": "Reconciliations", "id": "Riwayat rekonsiliasi"},
    "agr_no_history": {"en": "No reconciliations yet.", "id": "Belum ada rekonsiliasi."},
    "agr_col_when": {"en": "When", "id": "Waktu"},
    "agr_col_supervisor": {"en": "Supervisor", "id": "Supervisor"},
    "agr_col_decision": {"en": "Decision", "id": "Keputusan"},
    "agr_decision_a": {"en": "first coder accepted", "id": "pengode pertama diterima"},
    "agr_decision_b": {"en": "second coder accepted", "id": "pengode kedua diterima"},
    "agr_decision_both": {"en": "both accepted", "id": "keduanya diterima"},
    "agr_decision_neither": {"en": "neither", "id": "tidak keduanya"},
    "asg_title": {"en": "Assignments", "id": "Penugasan"},
    "asg_help": {
        "en": "Who is to code which document. A coder marks an assigned document done on the Code page; the "
              "agreement report compares, by default, the documents assigned to every chosen coder and done by each, "
              "so a document read and left uncoded counts. Under blind coding a coder with assignments sees only "
              "those documents.",
        "id": "Siapa yang mengode dokumen mana. Pengode menandai dokumen yang ditugaskan sebagai selesai di halaman "
              "Kode; laporan kesepakatan secara bawaan membandingkan dokumen yang ditugaskan kepada setiap pengode "
              "yang dipilih dan diselesaikan masing-masing, sehingga dokumen yang dibaca tanpa dikode ikut terhitung. "
              "Dalam pengodean buta, pengode yang punya tugas hanya melihat dokumen tugasnya."},
    "asg_empty": {"en": "No documents or no coders yet: import documents and add coders to assign work.",
                  "id": "Belum ada dokumen atau pengode: impor dokumen dan tambahkan pengode untuk membagi tugas."},
    "asg_supervisors_only": {"en": "Supervisors and admins assign documents.",
                             "id": "Supervisor dan admin yang menugaskan dokumen."},
    "asg_documents": {"en": "Documents to assign or take back", "id": "Dokumen yang ditugaskan atau ditarik"},
    "asg_pick_documents": {"en": "Choose documents", "id": "Pilih dokumen"},
    "asg_coders": {"en": "Their coders", "id": "Pengodenya"},
    "asg_pick_coders": {"en": "Choose coders", "id": "Pilih pengode"},
    "asg_assign": {"en": "Assign", "id": "Tugaskan"},
    "asg_take_back": {"en": "Take back", "id": "Tarik kembali"},
    "asg_confirm_text": {
        "en": "Take the chosen documents back from {coders}? Their done marks go with them; their codings stay. "
              "Undo brings them back.",
        "id": "Tarik dokumen yang dipilih dari {coders}? Tanda selesai ikut hilang; pengodeannya tetap. "
              "Urungkan mengembalikannya."},
    "asg_confirm": {"en": "Yes, take back", "id": "Ya, tarik kembali"},
    "asg_assigned": {"en": "Assigned {n} (document, coder) pairs; {kept} were assigned already.",
                     "en_one": "Assigned {n} (document, coder) pair; {kept} were assigned already.",
                     "id": "Menugaskan {n} pasangan (dokumen, pengode); {kept} sudah ditugaskan."},
    "asg_taken_back": {"en": "Took back {n} assignments.", "en_one": "Took back {n} assignment.",
                       "id": "Menarik kembali {n} penugasan."},
    "asg_legend": {"en": "{done} done · {open} assigned, not done yet · blank: not assigned",
                   "id": "{done} selesai · {open} ditugaskan, belum selesai · kosong: tidak ditugaskan"},
    "asg_progress": {"en": "Your assignments: {done} of {n} done", "id": "Tugas Anda: {done} dari {n} selesai"},
    "asg_col_state": {"en": "State", "id": "Status"},
    "asg_col_codings": {"en": "Your codings", "id": "Pengodean Anda"},
    "asg_done": {"en": "done", "id": "selesai"},
    "asg_open": {"en": "not done yet", "id": "belum selesai"},
    "asg_mark_done": {"en": "Done with this document", "id": "Selesai dengan dokumen ini"},
    "asg_mark_done_help": {
        "en": "Mark it done when you have read it through, also when you found nothing to code: the agreement "
              "report then compares it.",
        "id": "Tandai selesai bila Anda sudah membacanya sampai habis, juga bila tidak ada yang perlu dikode: "
              "laporan kesepakatan lalu membandingkannya."},
    "asg_not_assigned_here": {"en": "This document is not assigned to you.",
                              "id": "Dokumen ini tidak ditugaskan kepada Anda."},
    "asg_now_done": {"en": "{document}: marked done.", "id": "{document}: ditandai selesai."},
    "asg_now_open": {"en": "{document}: marked not done yet.", "id": "{document}: ditandai belum selesai."},
    "asg_blind_only_assigned": {"en": "Blind coding: only the documents assigned to you are listed.",
                                "id": "Pengodean buta: hanya dokumen yang ditugaskan kepada Anda yang ditampilkan."},
    "agr_blind_title": {"en": "Blind coding", "id": "Pengodean buta"},
    "agr_blind": {"en": "Coders see only their own codings", "id": "Pengode hanya melihat pengodeannya sendiri"},
    "agr_blind_help": {
        "en": "While blind coding is on, the Code page shows each coder only their own codings and hides the "
              "“Show codings of” choice, so that independent coding stays independent. Supervisors and admins "
              "still see everyone's. Turn it off once agreement has been measured.",
        "id": "Selama pengodean buta aktif, halaman Kode hanya menampilkan pengodean milik setiap pengode sendiri "
              "dan menyembunyikan pilihan “Tampilkan pengodean”, agar pengodean mandiri tetap mandiri. Supervisor "
              "dan admin tetap melihat semuanya. Matikan setelah kesepakatan diukur.",
    },
    "agr_blind_now_on": {"en": "Blind coding is on.", "id": "Pengodean buta aktif."},
    "agr_blind_now_off": {"en": "Blind coding is off.", "id": "Pengodean buta nonaktif."},
    "agr_blind_on_code": {"en": "Blind coding: only your own codings are shown.",
                          "id": "Pengodean buta: hanya pengodean Anda yang ditampilkan."},
    # -- Suggestions page --
    "sug_title": {"en": "Suggestions", "id": "Saran kode"},
    "sug_intro": {
        "en": "A model trained on one coder's codings proposes codes for sentences that coder has not coded yet. "
              "Check its evaluation first, then review the suggestions one at a time.",
        "id": "Model yang dilatih dari pengodean seorang pengode menyarankan kode untuk kalimat yang belum "
              "dikodekan pengode itu. Periksa evaluasinya dulu, lalu tinjau saran satu per satu.",
    },
    "sug_model": {"en": "Model", "id": "Model"},
    "sug_coder": {"en": "Whose codings train the model", "id": "Pengodean siapa yang melatih model"},
    "sug_coder_help": {
        "en": "The model learns from this coder's codings and suggests codes for the sentences they have not "
              "coded with that code. Without any codings it falls back to keywords from the codebook.",
        "id": "Model belajar dari pengodean pengode ini dan menyarankan kode untuk kalimat yang belum diberi kode "
              "itu olehnya. Tanpa pengodean, model memakai kata kunci dari buku kode.",
    },
    "sug_train": {"en": "Train", "id": "Latih"},
    "sug_train_help": {"en": "Fit the model and evaluate it by cross-validation across documents.",
                       "id": "Latih model dan evaluasi dengan validasi silang antar dokumen."},
    "sug_run": {"en": "Suggest", "id": "Sarankan"},
    "sug_run_help": {"en": "Propose codes for uncoded sentences (in the chosen document, if any).",
                     "id": "Sarankan kode untuk kalimat yang belum dikodekan (di dokumen terpilih, jika ada)."},
    "sug_pick_trainer": {"en": "Choose whose codings train the model first.",
                         "id": "Pilih dulu pengodean siapa yang melatih model."},
    "sug_trained": {"en": "Model {version} trained on {coder}'s codings: {units} units, {codes} codes.",
                    "id": "Model {version} dilatih dari pengodean {coder}: {units} unit, {codes} kode."},
    "sug_made": {"en": "{n} new suggestions.", "en_one": "{n} new suggestion.", "id": "{n} saran baru."},
    "sug_no_evaluation": {
        "en": "Train the model to see how well it does before using its suggestions.",
        "id": "Latih model untuk melihat seberapa baik hasilnya sebelum memakai sarannya.",
    },
    "sug_evaluation": {"en": "Evaluation of the model trained on **{coder}**'s codings:",
                       "id": "Evaluasi model yang dilatih dari pengodean **{coder}**:"},
    "sug_evaluation_help": {
        "en": "Precision: share of suggestions that match the coder's codings; recall: share of the coder's "
              "codings that would be suggested. Measured on documents held out from training.",
        "id": "Presisi: porsi saran yang cocok dengan pengodean pengode; recall: porsi pengodean pengode yang "
              "akan disarankan. Diukur pada dokumen yang tidak dipakai untuk pelatihan.",
    },
    "sug_few_examples": {"en": "No suggestions for these codes (too few examples or an F1 below {floor}): {codes}",
                         "id": "Tidak ada saran untuk kode ini (contoh terlalu sedikit atau F1 di bawah {floor}): "
                               "{codes}"},
    "sug_training": {"en": "Training on {coder}'s codings…", "id": "Melatih dari pengodean {coder}…"},
    "sug_training_step": {"en": "Training on {coder}'s codings: model {done} of {total}",
                          "id": "Melatih dari pengodean {coder}: model {done} dari {total}"},
    "sug_col_suggested": {"en": "Suggested", "id": "Disarankan"},
    "sug_accept_as": {"en": "Accept as", "id": "Terima sebagai"},
    "sug_accept_as_help": {
        "en": "The code the sentence gets when you accept: the suggested one, or another (say, a sub-code). "
              "Keys: A accept, X reject, S skip.",
        "id": "Kode yang diberikan pada kalimat saat Anda menerima: kode yang disarankan, atau kode lain "
              "(misalnya sub-kode). Tombol: A terima, X tolak, S lewati.",
    },
    "sug_col_train_units": {"en": "Examples", "id": "Contoh"},
    "sug_col_precision": {"en": "Precision", "id": "Presisi"},
    "sug_col_recall": {"en": "Recall", "id": "Recall"},
    "sug_col_threshold": {"en": "Threshold", "id": "Ambang"},
    "sug_col_warning": {"en": "Warning", "id": "Peringatan"},
    "sug_warn_few": {"en": "only {n} positive units (fewer than {min}); not suggested",
                     "en_one": "only {n} positive unit (fewer than {min}); not suggested",
                     "id": "hanya {n} satuan positif (kurang dari {min}); tidak disarankan"},
    "sug_warn_f1": {"en": "F1 below {min}; not suggested", "id": "F1 di bawah {min}; tidak disarankan"},
    "sug_code": {"en": "Code", "id": "Kode"},
    "sug_document": {"en": "Document", "id": "Dokumen"},
    "sug_all_codes": {"en": "All codes", "id": "Semua kode"},
    "sug_all_documents": {"en": "All documents", "id": "Semua dokumen"},
    "sug_queue": {"en": "Review", "id": "Tinjauan"},
    "sug_nothing_coded": {"en": "Nothing is coded until you press Accept.",
                          "id": "Tidak ada yang dikodekan sampai Anda menekan Terima."},
    "sug_none": {"en": "No suggestions yet. Train the model and press Suggest.",
                 "id": "Belum ada saran. Latih model lalu tekan Sarankan."},
    "sug_none_filtered": {"en": "No open suggestions for this code or document.",
                          "id": "Tidak ada saran terbuka untuk kode atau dokumen ini."},
    "sug_left": {"en": "{n} suggestions left to review.", "en_one": "{n} suggestion left to review.",
                 "id": "{n} saran tersisa untuk ditinjau."},
    "sug_line": {"en": "line", "id": "baris"},
    "sug_score": {"en": "score", "id": "skor"},
    "sug_accept": {"en": "Accept", "id": "Terima"},
    "sug_reject": {"en": "Reject", "id": "Tolak"},
    "sug_skip": {"en": "Skip", "id": "Lewati"},
    "sug_reviewer": {"en": "Accepted suggestions are coded as {coder}.",
                     "id": "Saran yang diterima dikodekan sebagai {coder}."},
    "sug_needs_coder": {"en": "Choose a coder in the sidebar to review suggestions.",
                        "id": "Pilih pengode di bilah samping untuk meninjau saran."},
    "sug_no_codes": {"en": "The project has no codes yet; load a codebook first.",
                     "id": "Proyek belum punya kode; muat buku kode dulu."},
    "sug_no_coders": {"en": "The project has no coders yet; add one in the sidebar.",
                      "id": "Proyek belum punya pengode; tambahkan di bilah samping."},
    "sug_done_accept": {"en": "Accepted: {code} in {document}, coded as {coder}.",
                        "id": "Diterima: {code} di {document}, dikodekan sebagai {coder}."},
    "sug_done_reject": {"en": "Rejected: {code} in {document}.", "id": "Ditolak: {code} di {document}."},
    "backup_failed": {
        "en": "The automatic backup of this project failed, so none was made when the app opened it: {error}. "
              "Your work is not affected; make a backup with `qualcode backup`.",
        "id": "Cadangan otomatis proyek ini gagal, jadi tidak ada cadangan saat aplikasi membukanya: {error}. "
              "Pekerjaan Anda tidak terpengaruh; buat cadangan dengan `qualcode backup`.",
    },
    "login_title": {"en": "Sign in", "id": "Masuk"},
    "login_intro": {"en": "This project is shared by a team. Sign in with the account an admin gave you.",
                    "id": "Proyek ini dipakai bersama oleh tim. Masuk dengan akun yang diberikan admin."},
    "login_name": {"en": "User name", "id": "Nama pengguna"},
    "login_password": {"en": "Password", "id": "Kata sandi"},
    "login_submit": {"en": "Sign in", "id": "Masuk"},
    "login_as": {"en": "Signed in as **{user}** ({role})", "id": "Masuk sebagai **{user}** ({role})"},
    "login_sign_out": {"en": "Sign out", "id": "Keluar"},
    "oidc_sign_in": {"en": "Sign in with {provider}", "id": "Masuk dengan {provider}"},
    "oidc_needs_authlib": {"en": "Institutional sign-in is configured, but this installation lacks Authlib: "
                                 "install qualcode[oidc].",
                           "id": "Masuk institusional sudah diatur, tetapi instalasi ini belum memiliki Authlib: "
                                 "pasang qualcode[oidc]."},
    "oidc_or_password": {"en": "Or sign in with a user name and password:",
                         "id": "Atau masuk dengan nama pengguna dan kata sandi:"},
    "oidc_sign_out_provider": {"en": "Sign out of {provider}", "id": "Keluar dari {provider}"},
    "oidc_refused_help": {"en": "You are signed in with {provider}, but not in this project. Sign out of {provider} "
                                "to use another account.",
                          "id": "Anda masuk dengan {provider}, tetapi tidak ke proyek ini. Keluar dari {provider} "
                                "untuk memakai akun lain."},
    "login_wait_minute": {"en": "1 minute", "id": "1 menit"},
    "login_wait_minutes": {"en": "{n} minutes", "id": "{n} menit"},
    "login_idle": {"en": "You were signed out after {n} minutes without activity. Sign in again to go on.",
                   "en_one": "You were signed out after 1 minute without activity. Sign in again to go on.",
                   "id": "Anda dikeluarkan setelah {n} menit tanpa aktivitas. Masuk lagi untuk melanjutkan."},
    # the record of sign-ins on the History page (admins only)
    "hist_sign_ins": {"en": "Sign-ins", "id": "Riwayat masuk"},
    "hist_sign_ins_caption": {
        "en": "Every sign-in and failed sign-in, newest first (times in UTC); only admins see them. An empty "
              "address is this computer, or a client behind a reverse proxy.",
        "id": "Setiap upaya masuk yang berhasil maupun gagal, terbaru di atas (waktu dalam UTC); hanya admin yang "
              "melihatnya. Alamat kosong berarti komputer ini, atau klien di balik reverse proxy."},
    "hist_sign_ins_none": {"en": "No sign-ins recorded yet.", "id": "Belum ada upaya masuk yang tercatat."},
    "hist_locks": {"en": "Locked now", "id": "Terkunci sekarang"},
    "hist_locks_help": {"en": "Lift a lock with `qualcode users unlock PROJECT NAME` (or `--client ADDRESS`).",
                        "id": "Buka kunci dengan `qualcode users unlock PROJECT NAME` (atau `--client ADDRESS`)."},
    "hist_col_name": {"en": "User name as typed", "id": "Nama pengguna seperti diketik"},
    "hist_col_client": {"en": "Client address", "id": "Alamat klien"},
    "hist_col_method": {"en": "Method", "id": "Metode"},
    "hist_col_outcome": {"en": "Outcome", "id": "Hasil"},
    "hist_col_locked": {"en": "Locked", "id": "Dikunci"},
    "hist_col_locks": {"en": "Locks in a row", "id": "Kunci berturut-turut"},
    "hist_col_until": {"en": "Until (UTC)", "id": "Sampai (UTC)"},
    "hist_lock_name": {"en": "user name", "id": "nama pengguna"},
    "hist_lock_client": {"en": "client address", "id": "alamat klien"},
    "hist_outcome_ok": {"en": "signed in", "id": "berhasil masuk"},
    "hist_outcome_wrong_password": {"en": "wrong password", "id": "kata sandi salah"},
    "hist_outcome_unknown_name": {"en": "unknown name", "id": "nama tidak dikenal"},
    "hist_outcome_no_account": {"en": "no account", "id": "tidak punya akun"},
    "hist_outcome_locked": {"en": "refused: locked", "id": "ditolak: terkunci"},
    "hist_outcome_unverified": {"en": "refused: e-mail not verified", "id": "ditolak: e-mail belum diverifikasi"},
    "hist_outcome_no_email": {"en": "refused: no e-mail", "id": "ditolak: tanpa e-mail"},
    "role_coder": {"en": "coder", "id": "pengode"},
    "role_supervisor": {"en": "supervisor", "id": "supervisor"},
    "role_admin": {"en": "admin", "id": "admin"},
    "role_consensus": {"en": "consensus", "id": "konsensus"},
    # the built-in source types (a project may add its own, shown as named)
    "source_interview": {"en": "interview", "id": "wawancara"},
    "source_observation": {"en": "observation", "id": "observasi"},
    "source_document": {"en": "document", "id": "dokumen"},
    "sug_done_skip": {"en": "Skipped: {code} in {document}.", "id": "Dilewati: {code} di {document}."},
    # -- history, undo and redo --
    "hist_title": {"en": "History", "id": "Riwayat"},
    "hist_redo": {"en": "Redo", "id": "Ulangi"},
    "hist_redone": {"en": "Redone: {label}", "id": "Diulangi: {label}"},
    "hist_nothing_to_redo": {"en": "Nothing to redo", "id": "Tidak ada yang diulangi"},
    "hist_would_undo": {"en": "Undo would revert: {label}", "id": "Urungkan akan membatalkan: {label}"},
    "hist_needs_coder": {"en": "Choose your coder name in the sidebar to undo or redo your changes.",
                         "id": "Pilih nama pengode Anda di bilah samping untuk mengurungkan atau mengulangi "
                               "perubahan Anda."},
    "hist_empty": {"en": "No changes recorded yet.", "id": "Belum ada perubahan yang tercatat."},
    "hist_none_filtered": {"en": "No changes match these filters.",
                           "id": "Tidak ada perubahan yang cocok dengan saringan ini."},
    "hist_caption": {"en": "The {n} most recent changes, newest first: + added, ~ changed, - removed rows.",
                     "en_one": "The most recent change: + added, ~ changed, - removed rows.",
                     "id": "{n} perubahan terbaru, yang terbaru di atas: + baris ditambah, ~ diubah, - dihapus."},
    "hist_filter_actor": {"en": "Who", "id": "Siapa"},
    "hist_everyone": {"en": "Everyone", "id": "Semua orang"},
    "hist_filter_table": {"en": "Table", "id": "Tabel"},
    "hist_all_tables": {"en": "All tables", "id": "Semua tabel"},
    "hist_limit": {"en": "Show", "id": "Tampilkan"},
    "hist_col_at": {"en": "When (UTC)", "id": "Kapan (UTC)"},
    "hist_col_actor": {"en": "Who", "id": "Siapa"},
    "hist_col_what": {"en": "What", "id": "Apa"},
    "hist_col_changes": {"en": "Rows", "id": "Baris"},
    "hist_col_undone": {"en": "Undone", "id": "Diurungkan"},
    "hist_details": {"en": "Before and after", "id": "Sebelum dan sesudah"},
    "hist_pick_event": {"en": "Change", "id": "Perubahan"},
    "hist_no_changes": {"en": "This event changed no rows (say, training a model).",
                        "id": "Peristiwa ini tidak mengubah baris apa pun (misalnya melatih model)."},
    "hist_col_row": {"en": "Row", "id": "Baris"},
    "hist_col_op": {"en": "Change", "id": "Perubahan"},
    "hist_col_fields": {"en": "Fields", "id": "Isian"},
    "hist_op_insert": {"en": "added", "id": "ditambah"},
    "hist_op_update": {"en": "changed", "id": "diubah"},
    "hist_op_delete": {"en": "removed", "id": "dihapus"},
    "hist_before_after": {"en": "Every field before and after", "id": "Semua isian sebelum dan sesudah"},
    "hist_changes_cut": {"en": "The first {shown} of the {total} rows this change touched.",
                         "id": "{shown} baris pertama dari {total} baris yang diubah perubahan ini."},
    # what an event did (the templates of qualcode.history.DESCRIPTIONS, same placeholders)
    "hist_do_project_create": {"en": "create project {name}", "id": "buat proyek {name}"},
    "hist_do_group_add": {"en": "add group {key}", "id": "tambah kelompok {key}"},
    "hist_do_group_edit": {"en": "edit group {key}", "id": "ubah kelompok {key}"},
    "hist_do_informant_add": {"en": "add informant {key}", "id": "tambah informan {key}"},
    "hist_do_informant_edit": {"en": "edit informant {key}", "id": "ubah informan {key}"},
    "hist_do_document_import": {"en": "import document {name}", "id": "impor dokumen {name}"},
    "hist_do_codebook_load": {"en": "load codebook {name}", "id": "muat buku kode {name}"},
    "hist_do_code_add": {"en": "add code {key}", "id": "tambah kode {key}"},
    "hist_do_code_edit": {"en": "edit code {key}", "id": "ubah kode {key}"},
    "hist_do_code_move": {"en": "move code {key}", "id": "pindahkan kode {key}"},
    "hist_do_code_merge": {"en": "merge code {source} into {target}", "id": "gabungkan kode {source} ke {target}"},
    "hist_do_code_delete": {"en": "delete code {key}", "id": "hapus kode {key}"},
    "hist_do_coder_add": {"en": "add coder {name}", "id": "tambah pengode {name}"},
    "hist_do_coding_add": {"en": "code passage as {code}", "id": "kodekan kutipan sebagai {code}"},
    "hist_do_coding_add_many": {"en": "code {count} passages", "id": "kodekan {count} kutipan"},
    "hist_do_coding_add_many_codes": {"en": "code {count} passages as {codes}",
                                      "id": "kodekan {count} kutipan sebagai {codes}"},
    "hist_do_coding_update": {"en": "edit coding {id}", "id": "ubah pengodean {id}"},
    "hist_do_coding_remove": {"en": "remove coding {id}", "id": "hapus pengodean {id}"},
    "hist_do_coding_restore": {"en": "restore coding {id}", "id": "pulihkan pengodean {id}"},
    "hist_do_coding_quick": {"en": "quick coding: {added} added, {removed} removed",
                             "id": "pengodean cepat: {added} ditambah, {removed} dihapus"},
    "hist_do_search_autocode": {"en": "code {count} search hits as {code}",
                                "id": "kodekan {count} hasil pencarian sebagai {code}"},
    "hist_do_verdict_set": {"en": "set verdict {verdict} on {code}", "id": "beri penilaian {verdict} pada {code}"},
    "hist_do_summary_set": {"en": "summarise {code} for {informant}", "id": "ringkas {code} untuk {informant}"},
    "hist_do_summary_delete": {"en": "remove summary of {code} for {informant}",
                               "id": "hapus ringkasan {code} untuk {informant}"},
    "hist_do_agreement_reconcile": {"en": "reconcile {code} ({decision})", "id": "rekonsiliasi {code} ({decision})"},
    "hist_do_assignment_add": {"en": "assign {documents} to {coders}", "id": "tugaskan {documents} kepada {coders}"},
    "hist_do_assignment_remove": {"en": "take {documents} back from {coders}",
                                  "id": "tarik {documents} dari {coders}"},
    "hist_do_assignment_done": {"en": "mark {document} done for {coder}",
                                "id": "tandai {document} selesai untuk {coder}"},
    "hist_do_assignment_reopen": {"en": "mark {document} not done for {coder}",
                                  "id": "tandai {document} belum selesai untuk {coder}"},
    "med_play_from": {"en": "Play from {time}", "id": "Putar dari {time}"},
    "med_player_help": {
        "en": "Recording: {file}. Click a turn's time to play from there; Ctrl+Space plays or pauses, Alt+Left "
              "goes back five seconds.",
        "id": "Rekaman: {file}. Klik waktu sebuah giliran untuk memutar dari situ; Ctrl+Spasi memutar atau "
              "menjeda, Alt+Kiri mundur lima detik."},
    "hist_do_media_link": {"en": "link recording {file} to {document}",
                           "id": "tautkan rekaman {file} ke {document}"},
    "hist_do_media_unlink": {"en": "unlink recording {file} from {document}",
                             "id": "lepaskan rekaman {file} dari {document}"},
    "hist_do_turn_time": {"en": "set turn {turn} of {document} to {start}",
                          "id": "atur giliran {turn} dari {document} ke {start}"},
    "hist_do_memo_add": {"en": "write memo '{title}'", "id": "tulis memo '{title}'"},
    "hist_do_memo_edit": {"en": "edit memo '{title}'", "id": "ubah memo '{title}'"},
    "hist_do_memo_delete": {"en": "delete memo '{title}'", "id": "hapus memo '{title}'"},
    "hist_do_memo_link": {"en": "link memo '{title}' to {to}", "id": "tautkan memo '{title}' ke {to}"},
    "hist_do_memo_unlink": {"en": "unlink memo '{title}' from {to}", "id": "lepas tautan memo '{title}' dari {to}"},
    "hist_do_query_save": {"en": "save query '{name}'", "id": "simpan kueri '{name}'"},
    "hist_do_query_delete": {"en": "delete saved query '{name}'", "id": "hapus kueri tersimpan '{name}'"},
    "hist_do_query_code_as": {"en": "code {count} query results as {code}",
                              "id": "kodekan {count} hasil kueri sebagai {code}"},
    "hist_do_project_blind_coding": {"en": "turn blind coding {on}", "id": "pengodean buta {on}"},
    "hist_do_words_stop_list": {"en": "change the stop list: {added} added, {removed} removed",
                                "id": "ubah daftar kata henti: {added} ditambah, {removed} dihapus"},
    "hist_do_refi_import": {"en": "import REFI-QDA project {file}", "id": "impor proyek REFI-QDA {file}"},
    "hist_do_survey_import": {"en": "import survey {file}", "id": "impor survei {file}"},
    "hist_do_attribute_type": {"en": "declare attribute {name} as {kind}",
                               "id": "tetapkan atribut {name} sebagai {kind}"},
    "hist_do_attribute_types": {"en": "declare the kinds of {count} attributes", "id": "tetapkan jenis {count} atribut"},
    "hist_do_attribute_untype": {"en": "make attribute {name} text again", "id": "jadikan atribut {name} teks lagi"},
    "hist_do_undo": {"en": "undo '{description}'", "id": "urungkan '{description}'"},
    "hist_do_redo": {"en": "redo '{description}'", "id": "ulangi '{description}'"},
    "hist_do_on": {"en": "on", "id": "dinyalakan"},
    "hist_do_off": {"en": "off", "id": "dimatikan"},
    # -- memos: the Memos page, the Code page's memo panel, a code's memos on the Codebook page --
    "memo_title_page": {"en": "Memos", "id": "Memo"},
    "memo_kind": {"en": "Kind", "id": "Jenis"},
    "memo_kind_project": {"en": "Project journal", "id": "Jurnal proyek"},
    "memo_kind_document": {"en": "Document", "id": "Dokumen"},
    "memo_kind_code": {"en": "Code", "id": "Kode"},
    "memo_kind_informant": {"en": "Informant", "id": "Informan"},
    "memo_kind_group": {"en": "Informant group", "id": "Kelompok informan"},
    "memo_kind_coding": {"en": "Coding", "id": "Pengodean"},
    "memo_col_day": {"en": "Day", "id": "Tanggal"},
    "memo_col_about": {"en": "About", "id": "Tentang"},
    "memo_col_title": {"en": "Title", "id": "Judul"},
    "memo_col_author": {"en": "Author", "id": "Penulis"},
    "memo_col_links": {"en": "Links", "id": "Tautan"},
    "memo_col_changed": {"en": "Changed", "id": "Diubah"},
    "memo_all": {"en": "All", "id": "Semua"},
    "memo_since": {"en": "Written from", "id": "Ditulis sejak"},
    "memo_until": {"en": "Written until", "id": "Ditulis sampai"},
    "memo_words": {"en": "Words in title or text", "id": "Kata dalam judul atau teks"},
    "memo_words_hint": {"en": "e.g. trust", "id": "mis. kepercayaan"},
    "memo_new": {"en": "Write a memo", "id": "Tulis memo"},
    "memo_coding_id": {"en": "Coding id", "id": "Id pengodean"},
    "memo_about": {"en": "About", "id": "Tentang"},
    "memo_pick_target": {"en": "Choose what the memo is about", "id": "Pilih yang dibahas memo"},
    "memo_title": {"en": "Title", "id": "Judul"},
    "memo_text": {"en": "Text", "id": "Teks"},
    "memo_text_help": {"en": "Markdown is kept as you type it and shown as plain text.",
                       "id": "Markdown disimpan seperti diketik dan ditampilkan sebagai teks biasa."},
    "memo_write": {"en": "Save memo", "id": "Simpan memo"},
    "memo_written": {"en": "Memo '{title}' saved.", "id": "Memo '{title}' disimpan."},
    "memo_needs_coder": {"en": "Pick your name in the sidebar to write memos.",
                         "id": "Pilih nama Anda di bilah samping untuk menulis memo."},
    "memo_empty": {"en": "No memos yet.", "id": "Belum ada memo."},
    "memo_none_filtered": {"en": "No memo matches these filters.", "id": "Tidak ada memo yang cocok dengan filter ini."},
    "memo_caption": {"en": "{n} memos, newest first.", "en_one": "{n} memo.", "id": "{n} memo, terbaru dahulu."},
    "memo_open": {"en": "Open memo", "id": "Buka memo"},
    "memo_changed": {"en": "changed {at}", "id": "diubah {at}"},
    "memo_no_text": {"en": "No text.", "id": "Tanpa teks."},
    "memo_not_yours": {"en": "Written by someone else: a supervisor or an admin may change it.",
                       "id": "Ditulis orang lain: supervisor atau admin dapat mengubahnya."},
    "memo_edit": {"en": "Edit or link", "id": "Ubah atau tautkan"},
    "memo_save": {"en": "Save changes", "id": "Simpan perubahan"},
    "memo_saved": {"en": "Memo saved.", "id": "Memo disimpan."},
    "memo_unchanged": {"en": "Nothing changed.", "id": "Tidak ada yang berubah."},
    "memo_link_to": {"en": "Link to another memo", "id": "Tautkan ke memo lain"},
    "memo_pick_memo": {"en": "Choose a memo", "id": "Pilih memo"},
    "memo_link": {"en": "Link", "id": "Tautkan"},
    "memo_linked": {"en": "Memos linked.", "id": "Memo ditautkan."},
    "memo_unlink": {"en": "Unlink", "id": "Lepas"},
    "memo_unlinked": {"en": "Link removed.", "id": "Tautan dilepas."},
    "memo_n_links": {"en": "{n} links", "en_one": "{n} link", "id": "{n} tautan"},
    "memo_linked_memo": {"en": "Memo", "id": "Memo"},
    "memo_delete": {"en": "Delete memo", "id": "Hapus memo"},
    "memo_confirm_delete": {"en": "Delete the memo '{title}' and its links? Undo brings it back.",
                            "id": "Hapus memo '{title}' beserta tautannya? Urungkan dapat mengembalikannya."},
    "memo_delete_yes": {"en": "Yes, delete", "id": "Ya, hapus"},
    "memo_deleted": {"en": "Memo deleted.", "id": "Memo dihapus."},
    "memo_report": {"en": "Download memo report", "id": "Unduh laporan memo"},
    "memo_report_by": {"en": "Chapters by", "id": "Bab menurut"},
    "memo_by_kind": {"en": "kind of memo", "id": "jenis memo"},
    "memo_by_code": {"en": "code", "id": "kode"},
    "memo_panel": {"en": "Memos on this document ({n})", "id": "Memo tentang dokumen ini ({n})"},
    "memo_on_selection": {"en": "The new memo links the selected passage ({start}–{end}).",
                          "id": "Memo baru menautkan kutipan yang dipilih ({start}–{end})."},
    "memo_none_here": {"en": "No memo on this document yet.", "id": "Belum ada memo tentang dokumen ini."},
    "memo_code_memos": {"en": "Memos on this code ({n})", "id": "Memo tentang kode ini ({n})"},
    "memo_none_code": {"en": "No memo on this code or its codings yet.",
                       "id": "Belum ada memo tentang kode ini atau pengodeannya."},
    # -- Methods appendix on the Overview page (meth_) --
    "meth_title": {"en": "Methods appendix", "id": "Lampiran metode"},
    "meth_help": {"en": "A COREQ or SRQR checklist filled with what the project knows, the other items marked for "
                        "the authors to complete, and a paragraph of methods text to edit.",
                  "id": "Daftar periksa COREQ atau SRQR yang diisi dengan apa yang diketahui proyek, butir lainnya "
                        "ditandai untuk dilengkapi penulis, serta satu paragraf teks metode untuk disunting."},
    "meth_checklist": {"en": "Checklist", "id": "Daftar periksa"},
    "meth_checklist_coreq": {"en": "COREQ (32 items)", "id": "COREQ (32 butir)"},
    "meth_checklist_srqr": {"en": "SRQR (21 items)", "id": "SRQR (21 butir)"},
    "meth_checklist_both": {"en": "COREQ and SRQR", "id": "COREQ dan SRQR"},
    "meth_language": {"en": "Language of the appendix", "id": "Bahasa lampiran"},
    "meth_language_en": {"en": "English", "id": "Bahasa Inggris"},
    "meth_language_id": {"en": "Bahasa Indonesia", "id": "Bahasa Indonesia"},
    "meth_format": {"en": "File format", "id": "Format berkas"},
    "meth_format_docx": {"en": "Word (.docx)", "id": "Word (.docx)"},
    "meth_format_md": {"en": "Markdown (.md)", "id": "Markdown (.md)"},
    "meth_format_tex": {"en": "LaTeX (.tex)", "id": "LaTeX (.tex)"},
    "meth_make": {"en": "Make the methods appendix", "id": "Buat lampiran metode"},
    "meth_filled": {"en": "{checklist}: {filled} of {total} items filled from the project, {blank} left for the "
                          "authors.",
                    "id": "{checklist}: {filled} dari {total} butir diisi dari proyek, {blank} dilengkapi oleh "
                          "penulis."},
    "meth_download": {"en": "Download methods appendix", "id": "Unduh lampiran metode"},
    # the audited tables (history filter and change counts) and their rows
    "hist_table_meta": {"en": "meta", "id": "pengaturan"},
    "hist_table_source_types": {"en": "source_types", "id": "jenis sumber"},
    "hist_table_groups": {"en": "groups", "id": "kelompok"},
    "hist_table_informants": {"en": "informants", "id": "informan"},
    "hist_table_documents": {"en": "documents", "id": "dokumen"},
    "hist_table_codes": {"en": "codes", "id": "kode"},
    "hist_table_coders": {"en": "coders", "id": "pengode"},
    "hist_table_codings": {"en": "codings", "id": "pengodean"},
    "hist_table_verdicts": {"en": "verdicts", "id": "penilaian"},
    "hist_table_summaries": {"en": "summaries", "id": "ringkasan"},
    "hist_table_reconciliations": {"en": "reconciliations", "id": "rekonsiliasi"},
    "hist_table_assignments": {"en": "assignments", "id": "penugasan"},
    "hist_table_memos": {"en": "memos", "id": "memo"},
    "hist_table_memo_links": {"en": "memo_links", "id": "tautan memo"},
    "hist_table_saved_queries": {"en": "saved_queries", "id": "kueri tersimpan"},
    "hist_table_attribute_types": {"en": "attribute_types", "id": "jenis atribut"},
    "hist_table_media": {"en": "media", "id": "rekaman"},
    "hist_table_turn_times": {"en": "turn_times", "id": "waktu giliran"},
    "hist_table_survey_answers": {"en": "survey_answers", "id": "jawaban survei"},
    "hist_row_meta": {"en": "setting", "id": "pengaturan"},
    "hist_row_source_types": {"en": "source type", "id": "jenis sumber"},
    "hist_row_groups": {"en": "group", "id": "kelompok"},
    "hist_row_informants": {"en": "informant", "id": "informan"},
    "hist_row_documents": {"en": "document", "id": "dokumen"},
    "hist_row_codes": {"en": "code", "id": "kode"},
    "hist_row_coders": {"en": "coder", "id": "pengode"},
    "hist_row_codings": {"en": "coding", "id": "pengodean"},
    "hist_row_verdicts": {"en": "verdict", "id": "penilaian"},
    "hist_row_summaries": {"en": "summary", "id": "ringkasan"},
    "hist_row_reconciliations": {"en": "reconciliation", "id": "rekonsiliasi"},
    # -- counts, for messages that hold more than one number (see tn) --
    "hist_row_assignments": {"en": "assignment", "id": "penugasan"},
    "hist_row_memos": {"en": "memo", "id": "memo"},
    "hist_row_saved_queries": {"en": "saved query", "id": "kueri tersimpan"},
    "hist_row_attribute_types": {"en": "attribute type", "id": "jenis atribut"},
    "hist_row_media": {"en": "recording", "id": "rekaman"},
    "hist_row_turn_times": {"en": "turn time", "id": "waktu giliran"},
    "hist_row_survey_answers": {"en": "survey answer", "id": "jawaban survei"},
    "hist_row_memo_links": {"en": "memo link", "id": "tautan memo"},
    "n_codings": {"en": "{n} codings", "en_one": "{n} coding", "id": "{n} pengodean"},
    "n_subcodes": {"en": "{n} sub-codes", "en_one": "{n} sub-code", "id": "{n} subkode"},
    "n_hits": {"en": "{n} hits", "en_one": "{n} hit", "id": "{n} hasil"},
    "n_documents": {"en": "{n} documents", "en_one": "{n} document", "id": "{n} dokumen"},
    # -- errors from the library (err_), and the words they are built from (term_, perm_) --
    "err_at_line": {"en": "{where}, line {line}", "id": "{where}, baris {line}"},
    "err_none": {"en": "none", "id": "tidak ada"},
    "err_none_yet": {"en": "none yet", "id": "belum ada"},
    "err_abbreviated": {"en": "{shown} ... ({n} in all)", "id": "{shown} ... ({n} seluruhnya)"},
    "err_no_extension": {"en": "no extension", "id": "tanpa ekstensi"},
    "err_empty": {"en": "{what} is empty", "id": "{what} kosong"},
    "err_attribute_value": {
        "en": "informant '{informant}': attribute '{attribute}' is {kind}, and '{value}' is not {expected}",
        "id": "informan '{informant}': atribut '{attribute}' berjenis {kind}, dan '{value}' bukan {expected}"},
    "err_not_number": {"en": "'{value}' is not a number", "id": "'{value}' bukan angka"},
    "err_survey_group_choice": {
        "en": "give the group of the respondents: either a group column or one group for all, not both",
        "id": "tentukan kelompok responden: kolom kelompok atau satu kelompok untuk semua, bukan keduanya"},
    "err_survey_no_questions": {"en": "no question columns given: name the open-ended columns to import",
                                "id": "belum ada kolom pertanyaan: sebutkan kolom jawaban terbuka yang diimpor"},
    "err_survey_unknown_column": {"en": "unknown {what} '{column}'; the file's columns are: {known}",
                                  "id": "{what} '{column}' tidak dikenal; kolom berkas ini: {known}"},
    "err_survey_id_empty": {"en": "{place}, column '{column}': the respondent ID is empty",
                            "id": "{place}, kolom '{column}': ID responden kosong"},
    "err_survey_id_twice": {
        "en": "respondent ID '{respondent}' is in two rows, {first} and {second} (column '{column}'); IDs must be unique",
        "id": "ID responden '{respondent}' ada di dua baris, {first} dan {second} (kolom '{column}'); ID harus unik"},
    "err_survey_group_empty": {"en": "{place}, column '{column}': the group is empty",
                               "id": "{place}, kolom '{column}': kelompok kosong"},
    "err_survey_value": {"en": "{place}, column '{column}': '{value}' is not {expected} (the attribute is {kind})",
                         "id": "{place}, kolom '{column}': '{value}' bukan {expected} (atribut ini berjenis {kind})"},
    "term_survey_row": {"en": "row {row}", "id": "baris {row}"},
    "term_survey_row_line": {"en": "row {row} (line {line})", "id": "baris {row} (baris teks {line})"},
    "term_survey_column": {"en": "column", "id": "kolom"},
    "term_survey_id_column": {"en": "ID column", "id": "kolom ID"},
    "term_survey_question_column": {"en": "question column", "id": "kolom pertanyaan"},
    "term_survey_attribute_column": {"en": "attribute column", "id": "kolom atribut"},
    "term_survey_group_column": {"en": "group column", "id": "kolom kelompok"},
    "err_category_empty": {"en": "a category is empty", "id": "ada kategori yang kosong"},
    "err_category_twice": {"en": "category '{category}' is listed twice",
                           "id": "kategori '{category}' tercantum dua kali"},
    "err_categories_missing": {"en": "a category attribute needs its categories (the values it allows)",
                               "id": "atribut kategori perlu daftar kategorinya (nilai yang diizinkan)"},
    "err_categories_not_category": {"en": "categories are only for the kind category, not {kind}",
                                    "id": "kategori hanya untuk jenis kategori, bukan {kind}"},
    "err_unknown_attribute_type": {"en": "unknown attribute type '{name}'; declared: {known}",
                                   "id": "jenis atribut '{name}' tidak dikenal; yang ditetapkan: {known}"},
    "err_unknown_attribute": {"en": "unknown attribute '{name}'; known: {known}",
                              "id": "atribut '{name}' tidak dikenal; yang ada: {known}"},
    "err_attribute_is_column": {
        "en": "'{name}' is an informant column, not an attribute; attributes are the other columns",
        "id": "'{name}' adalah kolom informan, bukan atribut; atribut adalah kolom lainnya"},
    "term_attribute_name": {"en": "attribute name", "id": "nama atribut"},
    "term_attr_number": {"en": "a number such as 42 or 3.5 (decimal point, not comma)",
                         "id": "angka seperti 42 atau 3.5 (titik desimal, bukan koma)"},
    "term_attr_date": {"en": "a date written YYYY-MM-DD", "id": "tanggal dengan format YYYY-MM-DD"},
    "term_attr_category": {"en": "one of: {categories}", "id": "salah satu dari: {categories}"},
    "attr_kind_text": {"en": "text", "id": "teks"},
    "attr_kind_number": {"en": "number", "id": "angka"},
    "attr_kind_date": {"en": "date", "id": "tanggal"},
    "attr_kind_category": {"en": "category", "id": "kategori"},
    "err_stop_word": {"en": "stop word '{word}' is not a word: give letters (digits, hyphens and apostrophes "
                            "inside a word are fine)",
                      "id": "kata henti '{word}' bukan kata: tulis huruf (angka, tanda hubung dan apostrof di dalam "
                            "kata boleh)"},
    "err_words_compare_empty": {"en": "no words to compare in {side}: a comparison needs words on both sides",
                                "id": "tidak ada kata untuk dibandingkan di {side}: perbandingan perlu kata di kedua "
                                      "sisi"},
    "err_words_compare_same": {"en": "compare two different values, not '{value}' with itself",
                               "id": "bandingkan dua nilai yang berbeda, bukan '{value}' dengan dirinya sendiri"},
    "err_words_no_value": {"en": "the project scope takes no value", "id": "cakupan proyek tidak memakai nilai"},
    "err_words_value": {"en": "word scope {scope}: name the {scope}", "id": "cakupan kata {scope}: sebutkan nilainya"},
    "term_group_key": {"en": "group key", "id": "kunci kelompok"},
    "term_informant_key": {"en": "informant key", "id": "kunci informan"},
    "term_new_group_key": {"en": "new group key", "id": "kunci kelompok baru"},
    "term_new_informant_key": {"en": "new informant key", "id": "kunci informan baru"},
    "term_group_name": {"en": "group '{group}': name", "id": "kelompok '{group}': nama"},
    "term_coder_name": {"en": "coder name", "id": "nama pengode"},
    "term_start_time": {"en": "start time", "id": "waktu mulai"},
    "term_end_time": {"en": "end time", "id": "waktu akhir"},
    "term_memo_title": {"en": "memo title", "id": "judul memo"},
    "term_memo_author": {"en": "memo author", "id": "penulis memo"},
    "term_user_name": {"en": "user name", "id": "nama pengguna"},
    "term_email": {"en": "e-mail", "id": "e-mail"},
    "term_sign_in_outcome": {"en": "sign-in outcome", "id": "hasil masuk"},
    "term_code_key": {"en": "code key", "id": "kunci kode"},
    "term_code_label": {"en": "code '{code}'", "id": "kode '{code}'"},
    "term_code": {"en": "code", "id": "kode"},
    "term_parent_code": {"en": "parent code", "id": "kode induk"},
    "term_source_code": {"en": "source code", "id": "kode asal"},
    "term_target_code": {"en": "target code", "id": "kode tujuan"},
    "term_undo": {"en": "undo", "id": "mengurungkan"},
    "term_redo": {"en": "redo", "id": "mengulangi"},
    "perm_code": {"en": "code passages", "id": "mengode kutipan"},
    "perm_edit_any_coding": {"en": "change or delete another coder's codings",
                             "id": "mengubah atau menghapus pengodean pengode lain"},
    "perm_see_all_codings": {"en": "see other coders' codings while coding is blind",
                             "id": "melihat pengodean pengode lain selama pengodean buta"},
    "perm_reconcile": {"en": "reconcile disagreements", "id": "merekonsiliasi ketidaksepakatan"},
    "perm_assign": {"en": "assign documents to coders", "id": "menugaskan dokumen kepada pengode"},
    "perm_verdict": {"en": "record triangulation verdicts", "id": "mencatat penilaian triangulasi"},
    "perm_summary": {"en": "write framework summaries", "id": "menulis ringkasan matriks kerangka"},
    "perm_export": {"en": "export tables", "id": "mengekspor tabel"},
    "perm_settings": {"en": "change project settings", "id": "mengubah pengaturan proyek"},
    "perm_codebook": {"en": "edit the codebook", "id": "menyunting buku kode"},
    "perm_import": {"en": "import documents, informants or groups", "id": "mengimpor dokumen, informan, atau kelompok"},
    "perm_accounts": {"en": "manage user accounts", "id": "mengelola akun pengguna"},
    # not found
    "err_unknown_group": {"en": "unknown group '{group}'; known: {known}",
                          "id": "kelompok '{group}' tidak dikenal; yang ada: {known}"},
    "err_unknown_informant": {"en": "unknown informant '{informant}'; known: {known}",
                              "id": "informan '{informant}' tidak dikenal; yang ada: {known}"},
    "err_unknown_code": {"en": "unknown code '{code}'; known: {known}",
                         "id": "kode '{code}' tidak dikenal; yang ada: {known}"},
    "err_unknown_named": {"en": "unknown {what} '{value}'; known: {known}",
                          "id": "{what} '{value}' tidak dikenal; yang ada: {known}"},
    "err_unknown_coder": {"en": "unknown coder '{coder}'; known: {known}",
                          "id": "pengode '{coder}' tidak dikenal; yang ada: {known}"},
    "err_unknown_document": {"en": "unknown document {document!r}; known: {known}",
                             "id": "dokumen {document!r} tidak dikenal; yang ada: {known}"},
    "err_unknown_source_type": {"en": "unknown source type '{source_type}'; known: {known}",
                                "id": "jenis sumber '{source_type}' tidak dikenal; yang ada: {known}"},
    "err_unknown_coding": {"en": "no coding with id {id}", "id": "tidak ada pengodean dengan id {id}"},
    "err_unknown_user": {"en": "no user account '{user}'", "id": "tidak ada akun pengguna '{user}'"},
    "err_unknown_role": {"en": "unknown role '{role}'; allowed: {allowed}",
                         "id": "peran '{role}' tidak dikenal; yang diizinkan: {allowed}"},
    "err_unknown_coder_role": {"en": "unknown coder role '{role}'; allowed: {allowed}",
                               "id": "peran pengode '{role}' tidak dikenal; yang diizinkan: {allowed}"},
    # duplicates
    "err_duplicate_group": {"en": "group '{group}' already exists", "id": "kelompok '{group}' sudah ada"},
    "err_duplicate_informant": {"en": "informant '{informant}' already exists", "id": "informan '{informant}' sudah ada"},
    "err_duplicate_coder": {"en": "coder '{coder}' already exists", "id": "pengode '{coder}' sudah ada"},
    "err_duplicate_code": {"en": "code '{code}' already exists; choose another key",
                           "id": "kode '{code}' sudah ada; pilih kunci lain"},
    "err_duplicate_group_key": {"en": "group '{new}' already exists; choose another key",
                                "id": "kelompok '{new}' sudah ada; pilih kunci lain"},
    "err_duplicate_informant_key": {"en": "informant '{new}' already exists; choose another key",
                                    "id": "informan '{new}' sudah ada; pilih kunci lain"},
    "err_email": {"en": "e-mail: '{email}' is not an e-mail address (like name@university.example)",
                  "id": "e-mail: '{email}' bukan alamat e-mail (seperti nama@universitas.example)"},
    "err_duplicate_email": {"en": "e-mail '{email}' already belongs to user '{user}'",
                            "id": "e-mail '{email}' sudah dimiliki pengguna '{user}'"},
    "err_oidc_signed_out": {"en": "not signed in with the identity provider",
                            "id": "belum masuk melalui penyedia identitas"},
    "err_oidc_expired": {"en": "the sign-in with the identity provider has expired; sign in again",
                         "id": "masuk melalui penyedia identitas sudah kedaluwarsa; silakan masuk lagi"},
    "err_oidc_no_email": {"en": "the identity provider gave no e-mail address; ask its administrator to release the "
                                "'email' claim to this app",
                          "id": "penyedia identitas tidak memberikan alamat e-mail; minta administratornya "
                                "memberikan klaim 'email' ke aplikasi ini"},
    "err_oidc_unverified": {"en": "the identity provider has not verified the e-mail {email}",
                            "id": "penyedia identitas belum memverifikasi e-mail {email}"},
    "err_oidc_no_account": {"en": "no account of this project has the e-mail {email}; an admin can add it with "
                                  "`qualcode users set-email`",
                            "id": "tidak ada akun di proyek ini dengan e-mail {email}; admin dapat menambahkannya "
                                  "dengan `qualcode users set-email`"},
    "err_duplicate_user": {"en": "user '{user}' already has an account; use `qualcode users passwd` to change the "
                                 "password",
                           "id": "pengguna '{user}' sudah memiliki akun; gunakan `qualcode users passwd` untuk mengganti "
                                 "kata sandinya"},
    "err_duplicate_content": {"en": "{path}: same content as document '{document}' already in the project",
                              "id": "{path}: isinya sama dengan dokumen '{document}' yang sudah ada di proyek"},
    "err_duplicate_document": {"en": "{path}: a document named '{document}' already exists; give another name",
                               "id": "{path}: dokumen bernama '{document}' sudah ada; beri nama lain"},
    "err_duplicate_coding": {
        "en": "coder '{coder}' already coded '{document}' {start}:{end} with code '{code}' (coding {id}); nothing "
              "was changed",
        "id": "pengode '{coder}' sudah mengode '{document}' {start}:{end} dengan kode '{code}' (pengodean {id}); "
              "tidak ada yang diubah",
    },
    "err_rename_code_taken": {"en": "cannot rename code '{code}' to '{new}': code '{new}' already exists",
                              "id": "kode '{code}' tidak dapat diganti menjadi '{new}': kode '{new}' sudah ada"},
    "err_rename_group_taken": {"en": "cannot rename group '{old}' to '{new}': group '{new}' already exists",
                               "id": "kelompok '{old}' tidak dapat diganti menjadi '{new}': kelompok '{new}' sudah ada"},
    "err_rename_informant_taken": {
        "en": "cannot rename informant '{old}' to '{new}': informant '{new}' already exists",
        "id": "informan '{old}' tidak dapat diganti menjadi '{new}': informan '{new}' sudah ada"},
    "err_group_key_empty": {"en": "group '{old}': the key is empty; every group needs one",
                            "id": "kelompok '{old}': kuncinya kosong; setiap kelompok memerlukan kunci"},
    "err_informant_key_empty": {"en": "informant '{old}': the key is empty; every informant needs one",
                                "id": "informan '{old}': kuncinya kosong; setiap informan memerlukan kunci"},
    "err_group_name_empty": {"en": "group '{group}': name is empty; every group needs a name",
                             "id": "kelompok '{group}': namanya kosong; setiap kelompok memerlukan nama"},
    "err_attribute_form": {"en": "attribute {part!r} needs the form name=value (separate several with ';')",
                           "id": "atribut {part!r} harus berbentuk nama=nilai (pisahkan beberapa dengan ';')"},
    "err_bad_file_name": {"en": "{file!r}: not a usable file name", "id": "{file!r}: nama berkas tidak dapat dipakai"},
    # codings
    "err_coding_span": {
        "en": "coding in '{document}': span {start}:{end} is invalid; need 0 <= start < end <= {length} (text length)",
        "id": "pengodean di '{document}': rentang {start}:{end} tidak sah; harus 0 <= awal < akhir <= {length} "
              "(panjang teks)"},
    "err_coding_not_integers": {
        "en": "coding in '{document}': start and end must be integers, got {start!r}, {end!r}",
        "id": "pengodean di '{document}': awal dan akhir harus bilangan bulat, diterima {start!r}, {end!r}"},
    "err_quote_not_found": {
        "en": "quote not found in document '{document}' (occurrence {occurrence}): {quote!r}",
        "id": "kutipan tidak ditemukan dalam dokumen '{document}' (kemunculan ke-{occurrence}): {quote!r}"},
    # accounts and permissions
    "err_permission": {"en": "{user} ({role}) may not {action}; ask a supervisor or an admin",
                       "id": "{user} ({role}) tidak boleh {action}; mintalah kepada supervisor atau admin"},
    "err_wrong_password": {"en": "wrong user name or password", "id": "nama pengguna atau kata sandi salah"},
    "err_sign_in_locked": {"en": "too many failed sign-ins; try again in {wait}",
                           "id": "terlalu banyak upaya masuk yang gagal; coba lagi dalam {wait}"},
    "err_user_gone": {"en": "user '{user}' no longer exists in this project",
                      "id": "pengguna '{user}' sudah tidak ada di proyek ini"},
    "err_no_account": {"en": "'{user}' has no account in this project; an admin can add one with `qualcode users add`",
                       "id": "'{user}' tidak memiliki akun di proyek ini; admin dapat menambahkannya dengan "
                             "`qualcode users add`"},
    "err_only_admin": {"en": "'{user}' is the only admin; make another user admin first",
                       "id": "'{user}' adalah satu-satunya admin; jadikan pengguna lain admin dulu"},
    "err_password_short": {"en": "password: at least {n} characters are needed",
                           "id": "kata sandi: diperlukan sedikitnya {n} karakter"},
    "err_password_space": {"en": "password: must not begin or end with a space",
                           "id": "kata sandi: tidak boleh diawali atau diakhiri spasi"},
    "err_password_name": {"en": "password: must not be the user name",
                          "id": "kata sandi: tidak boleh sama dengan nama pengguna"},
    "err_password_or_email": {
        "en": "password: needed, unless the account signs in with an e-mail (institutional sign-in)",
        "id": "kata sandi: wajib, kecuali akun masuk dengan e-mail (masuk lewat institusi)"},
    "err_email_only_account": {
        "en": "'{user}' signs in only by e-mail: set a password before removing it",
        "id": "'{user}' hanya masuk dengan e-mail: tetapkan kata sandi sebelum menghapusnya"},
    # project file
    "err_project_busy": {
        "en": "{path}: the project file is busy: another writer held it for more than {seconds} s; try again",
        "id": "{path}: berkas proyek sedang sibuk: penulis lain memakainya lebih dari {seconds} detik; coba lagi"},
    "err_project_exists": {"en": "{path}: a file already exists there; choose a new project file name",
                           "id": "{path}: sudah ada berkas di sana; pilih nama berkas proyek yang baru"},
    "err_no_project_file": {"en": "{path}: no such project file", "id": "{path}: berkas proyek tidak ditemukan"},
    "err_not_a_project": {"en": "{path}: not a qualcode project ({problem})",
                          "id": "{path}: bukan proyek qualcode ({problem})"},
    "err_not_qualcode": {"en": "{path}: not a qualcode project (not made by qualcode)",
                         "id": "{path}: bukan proyek qualcode (tidak dibuat oleh qualcode)"},
    "err_newer_project": {"en": "{path}: made by a newer qualcode (schema steps {steps}); upgrade qualcode",
                          "id": "{path}: dibuat oleh qualcode yang lebih baru (langkah skema {steps}); perbarui qualcode"},
    # undo and redo
    "err_nothing_to_undo": {"en": "nothing to undo: {user} has no change left to undo",
                            "id": "tidak ada yang diurungkan: {user} tidak punya perubahan lagi untuk diurungkan"},
    "err_nothing_to_redo": {"en": "nothing to redo: {user} has undone nothing that could be redone",
                            "id": "tidak ada yang diulangi: {user} belum mengurungkan apa pun yang dapat diulangi"},
    "err_undo_conflict": {"en": "cannot {action} '{label}': {problem}",
                          "id": "tidak dapat {action} '{label}': {problem}"},
    "err_undo_failed": {"en": "cannot {action} '{label}': {problem}; nothing was changed",
                        "id": "tidak dapat {action} '{label}': {problem}; tidak ada yang diubah"},
    "err_redo_cleared": {
        "en": "cannot redo '{label}': {user} made a new change since undoing it ('{newer}' at {at}), and a new change "
              "clears redo",
        "id": "tidak dapat mengulangi '{label}': {user} membuat perubahan baru sejak mengurungkannya ('{newer}' pada "
              "{at}), dan perubahan baru menghapus riwayat ulangi"},
    # importing documents (the file name goes in front)
    "err_file_type": {"en": "unsupported file type ({shown}); supported: {supported}",
                      "id": "jenis berkas tidak didukung ({shown}); yang didukung: {supported}"},
    "err_file_no_text": {"en": "file is empty: it contains no text", "id": "berkas kosong: tidak berisi teks"},
    "err_file_empty": {"en": "file is empty (0 bytes)", "id": "berkas kosong (0 bita)"},
    "err_file_not_found": {"en": "file not found", "id": "berkas tidak ditemukan"},
    "err_file_not_regular": {"en": "not a regular file (a folder?)", "id": "bukan berkas biasa (sebuah folder?)"},
    "err_file_too_large": {"en": "file is too large ({size} MB); the limit is {limit} MB",
                           "id": "berkas terlalu besar ({size} MB); batasnya {limit} MB"},
    "err_file_binary": {"en": "binary data, not text (is it really a text file?)",
                        "id": "data biner, bukan teks (benarkah ini berkas teks?)"},
    "err_docx_invalid": {"en": "not a valid .docx file ({detail})", "id": "bukan berkas .docx yang sah ({detail})"},
    "err_docx_not_zip": {"en": "not a valid .docx file (not a zip archive)",
                         "id": "bukan berkas .docx yang sah (bukan arsip zip)"},
    "err_docx_not_plain": {"en": "not a plain Word document (content type {content_type}); save it as .docx in Word",
                           "id": "bukan dokumen Word biasa (jenis isi {content_type}); simpan sebagai .docx di Word"},
    "err_docx_damaged": {"en": "damaged .docx file ({detail})", "id": "berkas .docx rusak ({detail})"},
    "err_docx_old_doc": {"en": "an old Word .doc file renamed to .docx; save it as .docx in Word first",
                         "id": "berkas Word .doc lama yang diganti namanya menjadi .docx; simpan dulu sebagai .docx "
                               "di Word"},
    "err_pdf_not_pdf": {"en": "not a PDF file (no %PDF- header)", "id": "bukan berkas PDF (tidak ada kepala %PDF-)"},
    "err_pdf_damaged": {"en": "damaged or unreadable PDF ({detail})",
                        "id": "PDF rusak atau tidak dapat dibaca ({detail})"},
    "err_pdf_no_pages": {"en": "PDF has no pages", "id": "PDF tidak memiliki halaman"},
    "err_pdf_no_text": {
        "en": "PDF has no text layer (a scanned document?); run OCR first (e.g. ocrmypdf) and import the result",
        "id": "PDF tidak memiliki lapisan teks (dokumen pindaian?); jalankan OCR dulu (mis. ocrmypdf) lalu impor "
              "hasilnya"},
    "err_pdf_encrypted": {"en": "PDF is password-protected (encrypted); remove the password and import again",
                          "id": "PDF dilindungi kata sandi (terenkripsi); hapus kata sandinya lalu impor lagi"},
    # sheets of groups and informants
    "err_no_such_file": {"en": "{path}: no such file", "id": "{path}: berkas tidak ditemukan"},
    "err_sheet_empty": {"en": "{path}: the sheet is empty", "id": "{path}: lembar kerja kosong"},
    "err_sheet_type": {"en": "{path}: unsupported sheet type '{suffix}'; use .csv, .tsv or .xlsx",
                       "id": "{path}: jenis lembar kerja '{suffix}' tidak didukung; gunakan .csv, .tsv atau .xlsx"},
    "err_sheet_unreadable": {"en": "{path}: cannot read the sheet ({problem})",
                             "id": "{path}: lembar kerja tidak dapat dibaca ({problem})"},
    "err_sheet_columns": {"en": "{path}: missing columns: {missing}; found: {found}",
                          "id": "{path}: kolom yang kurang: {missing}; yang ditemukan: {found}"},
    "err_sheet_cell_empty": {"en": "{path}, line {line}: column '{column}' is empty",
                             "id": "{path}, baris {line}: kolom '{column}' kosong"},
    "err_refi_incomplete": {"en": "nothing was imported. Problems found ({n}): {problems}",
                            "id": "tidak ada yang diimpor. Masalah yang ditemukan ({n}): {problems}"},
    # codebooks
    "err_codebook_missing_file": {"en": "{source}: no such codebook file", "id": "{source}: berkas buku kode tidak ditemukan"},
    "err_codebook_unreadable": {"en": "{source}: cannot read the codebook ({problem})",
                                "id": "{source}: buku kode tidak dapat dibaca ({problem})"},
    "err_codebook_deep": {"en": "{source}: nested too deeply to be a codebook",
                          "id": "{source}: tingkatannya terlalu dalam untuk sebuah buku kode"},
    "err_codebook_json": {"en": "{source}: malformed JSON at line {line}, column {column}: {problem}",
                          "id": "{source}: JSON tidak sah pada baris {line}, kolom {column}: {problem}"},
    "err_codebook_yaml": {"en": "{source}: malformed YAML: {problem}", "id": "{source}: YAML tidak sah: {problem}"},
    "err_codebook_yaml_at": {"en": "{source}: malformed YAML at line {line}, column {column}: {problem}",
                             "id": "{source}: YAML tidak sah pada baris {line}, kolom {column}: {problem}"},
    "err_codebook_not_mapping": {"en": "{source}: expected a mapping with 'name' and 'codes', got {got}",
                                 "id": "{source}: seharusnya pemetaan dengan 'name' dan 'codes', diterima {got}"},
    "err_codebook_fields": {"en": "{source}: unknown fields: {fields}; allowed: {allowed}",
                            "id": "{source}: isian tidak dikenal: {fields}; yang diizinkan: {allowed}"},
    "err_codebook_field_text": {"en": "{source}: field '{field}' must be text, got {got}",
                                "id": "{source}: isian '{field}' harus berupa teks, diterima {got}"},
    "err_codebook_no_codes": {"en": "{source}: 'codes' must be a non-empty list of codes",
                              "id": "{source}: 'codes' harus berupa daftar kode yang tidak kosong"},
    "err_codebook_item": {"en": "{source}: {place} must be a mapping, got {got}",
                          "id": "{source}: {place} harus berupa pemetaan, diterima {got}"},
    "err_codebook_code_fields": {"en": "{source}: {label}: unknown fields: {fields}; allowed: {allowed}",
                                 "id": "{source}: {label}: isian tidak dikenal: {fields}; yang diizinkan: {allowed}"},
    "err_codebook_missing": {"en": "{source}: {label}: field '{field}' is missing or empty",
                             "id": "{source}: {label}: isian '{field}' tidak ada atau kosong"},
    "err_codebook_key": {"en": "{source}: code '{code}': key may hold letters, digits, '.', '_' and '-' only",
                         "id": "{source}: kode '{code}': kunci hanya boleh berisi huruf, angka, '.', '_' dan '-'"},
    "err_codebook_color": {"en": "{source}: code '{code}': field 'color' must be #RGB or #RRGGBB, got {color!r}",
                           "id": "{source}: kode '{code}': isian 'color' harus #RGB atau #RRGGBB, diterima {color!r}"},
    "err_codebook_two_parents": {"en": "{source}: code '{code}': has both a 'parent' and a place under 'children'",
                                 "id": "{source}: kode '{code}': memiliki 'parent' sekaligus tempat di bawah 'children'"},
    "err_codebook_children": {"en": "{source}: code '{code}': 'children' must be a list",
                              "id": "{source}: kode '{code}': 'children' harus berupa daftar"},
    "err_codebook_code_text": {"en": "{source}: code '{code}': field '{field}' must be text",
                               "id": "{source}: kode '{code}': isian '{field}' harus berupa teks"},
    "err_codebook_duplicate": {"en": "{source}: duplicate code key '{code}'; keys must be unique",
                               "id": "{source}: kunci kode '{code}' ganda; setiap kunci harus unik"},
    "err_codebook_parent": {"en": "{source}: code '{code}': parent '{parent}' is not a code in this codebook",
                            "id": "{source}: kode '{code}': induk '{parent}' bukan kode dalam buku kode ini"},
    "err_codebook_cycle": {"en": "{source}: code '{code}': parents form a cycle ({cycle})",
                           "id": "{source}: kode '{code}': induk-induknya membentuk lingkaran ({cycle})"},
    "err_code_key_invalid": {"en": "code key '{code}' is invalid: a key may hold letters, digits, '.', '_' and '-' only",
                             "id": "kunci kode '{code}' tidak sah: kunci hanya boleh berisi huruf, angka, '.', '_' "
                                   "dan '-'"},
    "err_code_color": {"en": "code '{code}': colour must be #RGB or #RRGGBB, got {color!r}",
                       "id": "kode '{code}': warna harus #RGB atau #RRGGBB, diterima {color!r}"},
    "err_code_name_empty": {"en": "code '{code}': name is empty; every code needs a name",
                            "id": "kode '{code}': namanya kosong; setiap kode memerlukan nama"},
    "err_merge_into_itself": {"en": "cannot merge code '{code}' into itself; choose another target",
                              "id": "kode '{code}' tidak dapat digabungkan ke dirinya sendiri; pilih kode tujuan lain"},
    "err_move_cycle_self": {"en": "cannot move code '{code}' under itself: that would make a cycle ({cycle})",
                            "id": "kode '{code}' tidak dapat dipindahkan ke bawah dirinya sendiri: itu akan membentuk "
                                  "lingkaran ({cycle})"},
    "err_move_cycle_sub": {"en": "cannot move code '{code}' under its own sub-code '{sub}': that would make a cycle "
                                 "({cycle})",
                           "id": "kode '{code}' tidak dapat dipindahkan ke bawah subkodenya sendiri '{sub}': itu akan "
                                 "membentuk lingkaran ({cycle})"},
    "err_merge_cycle_self": {"en": "cannot merge code '{code}' into itself: that would make a cycle ({cycle})",
                             "id": "kode '{code}' tidak dapat digabungkan ke dirinya sendiri: itu akan membentuk "
                                   "lingkaran ({cycle})"},
    "err_merge_cycle_sub": {"en": "cannot merge code '{code}' into its own sub-code '{sub}': that would make a cycle "
                                  "({cycle})",
                            "id": "kode '{code}' tidak dapat digabungkan ke subkodenya sendiri '{sub}': itu akan "
                                  "membentuk lingkaran ({cycle})"},
    # analysis
    "err_agreement_coders": {"en": "agreement needs at least 2 different coders; got {got}",
                             "id": "kesepakatan memerlukan sedikitnya 2 pengode yang berbeda; yang ada: {got}"},
    "err_not_assigned": {"en": "document '{document}' is not assigned to {coder}; a supervisor assigns it first "
                               "(Agreement page, or `qualcode assign`)",
                         "id": "dokumen '{document}' tidak ditugaskan kepada {coder}; supervisor menugaskannya dahulu "
                               "(halaman Kesepakatan, atau `qualcode assign`)"},
    "err_assignments_not_done": {
        "en": "none of the {n} documents assigned to {coders} is marked done by each (not done yet by {waiting}); "
              "mark them done on the Code page, or compare the documents coded by each",
        "id": "tidak satu pun dari {n} dokumen yang ditugaskan kepada {coders} ditandai selesai oleh masing-masing "
              "(belum selesai oleh {waiting}); tandai selesai di halaman Kode, atau bandingkan dokumen yang dikode "
              "oleh masing-masing"},
    "err_assign_no_document": {"en": "no document given to assign", "id": "tidak ada dokumen yang akan ditugaskan"},
    "err_media_suffix": {"en": "{file}: not a recording qualcode links (supported: {supported})",
                         "id": "{file}: bukan rekaman yang dapat ditautkan qualcode (didukung: {supported})"},
    "err_media_no_file": {"en": "{file}: no such recording file", "id": "{file}: berkas rekaman itu tidak ada"},
    "err_media_none": {"en": "document '{document}' has no recording; link one with `qualcode media link`",
                       "id": "dokumen '{document}' tidak punya rekaman; tautkan dengan `qualcode media link`"},
    "err_media_file_missing": {
        "en": "the recording of '{document}' ({file}) is missing: {path} is not there; restore the media folder or "
              "link the file again",
        "id": "rekaman '{document}' ({file}) hilang: {path} tidak ada; pulihkan folder media atau tautkan berkasnya "
              "lagi"},
    "err_turn_none": {"en": "document '{document}' has no turns to time",
                      "id": "dokumen '{document}' tidak punya giliran untuk diberi waktu"},
    "err_turn_index": {"en": "turn must be a turn index from 0 to {last} of '{document}', got {turn}",
                       "id": "giliran harus berupa indeks giliran 0 sampai {last} dari '{document}', bukan {turn}"},
    "err_turn_end": {"en": "end time must be after the start time ({start} s), got {end} s",
                     "id": "waktu akhir harus sesudah waktu mulai ({start} dtk), bukan {end} dtk"},
    "err_turn_seconds": {"en": "{field} must be a number of seconds >= 0, got {value}",
                         "id": "{field} harus berupa jumlah detik >= 0, bukan {value}"},
    "err_unknown_memo": {"en": "no memo with id {id}", "id": "tidak ada memo dengan id {id}"},
    "err_unknown_memo_link": {"en": "no memo link with id {id}", "id": "tidak ada tautan memo dengan id {id}"},
    "err_duplicate_memo_link": {"en": "memo {memo} already links {target}", "id": "memo {memo} sudah menautkan {target}"},
    "err_memo_self_link": {"en": "memo {memo} cannot link to itself", "id": "memo {memo} tidak dapat menautkan dirinya"},
    "err_memo_project_target": {"en": "a project memo has no target, got '{target}'",
                                "id": "memo proyek tidak punya sasaran, yang diberikan: '{target}'"},
    "err_memo_no_target": {"en": "a {kind} memo needs a target: the {kind} it is about",
                           "id": "memo {kind} memerlukan sasaran: {kind} yang dibahasnya"},
    "err_memo_day": {"en": "{what} must be a day as YYYY-MM-DD, got '{value}'",
                     "id": "{what} harus berupa tanggal YYYY-MM-DD, yang diberikan: '{value}'"},
    "err_assign_no_coder": {"en": "no coder given to assign documents to",
                            "id": "tidak ada pengode yang akan diberi tugas dokumen"},
    "err_assign_consensus": {"en": "{coder} is the consensus coder, whose codings come from reconciliation; assign "
                                   "documents to the coders themselves",
                             "id": "{coder} adalah pengode konsensus, yang pengodeannya berasal dari rekonsiliasi; "
                                   "tugaskan dokumen kepada para pengode sendiri"},
    "err_consensus_role": {"en": "coder '{coder}' has role '{role}'; a consensus coder needs role 'consensus' "
                                 "(choose another name)",
                           "id": "pengode '{coder}' berperan '{role}'; pengode konsensus harus berperan 'consensus' "
                                 "(pilih nama lain)"},
    "err_axis_clash": {"en": "cannot build the triangulation table: the columns {columns} clash with the table's own "
                             "columns; rename them",
                       "id": "tabel triangulasi tidak dapat dibuat: kolom {columns} bentrok dengan kolom tabel itu "
                             "sendiri; ganti namanya"},
    "err_nothing_to_learn": {"en": "coder '{coder}' has no codings to learn from",
                             "id": "pengode '{coder}' belum memiliki pengodean untuk dipelajari"},
    "err_cv_documents": {"en": "grouped cross-validation needs units from at least two documents",
                         "id": "validasi silang berkelompok memerlukan satuan dari sedikitnya dua dokumen"},
    "err_no_codes_to_train": {"en": "no codes to train", "id": "tidak ada kode untuk dilatih"},
    # -- coding queries (the Query page) --
    "err_query": {"en": "query error at position {position}: {problem}",
                  "id": "kesalahan kueri pada posisi {position}: {problem}"},
    "err_unknown_saved_query": {"en": "unknown saved query '{name}'; known: {known}",
                                "id": "kueri tersimpan '{name}' tidak dikenal; yang ada: {known}"},
    "err_query_name_taken": {"en": "a query named '{name}' is saved already; choose another name or replace it",
                             "id": "kueri bernama '{name}' sudah tersimpan; pilih nama lain atau ganti"},
    "err_query_name_long": {"en": "query name: at most {n} characters", "id": "nama kueri: paling banyak {n} karakter"},
    "err_query_not_result": {"en": "{n} of the passages to code are not results of the query; run the query again",
                             "id": "{n} kutipan yang akan dikode bukan hasil kueri; jalankan kueri lagi"},
    "term_query_name": {"en": "query name", "id": "nama kueri"},
    "qry_title": {"en": "Query", "id": "Kueri"},
    "qry_text": {"en": "Query", "id": "Kueri"},
    "qry_placeholder": {"en": "e.g. E3.1 AND E3.2 WITHIN sentence", "id": "mis. E3.1 AND E3.2 WITHIN sentence"},
    "qry_hint": {"en": "Codes joined by AND, OR, NOT (A without B) or NEAR (A NEAR B 10 WORDS); WITHIN sentence, "
                       "turn or document; WHERE group = …, role ~ \"…\", any informant attribute. "
                       "The user guide gives the whole grammar.",
                 "id": "Kode digabung dengan AND, OR, NOT (A tanpa B) atau NEAR (A NEAR B 10 WORDS); WITHIN "
                       "sentence, turn atau document; WHERE group = …, role ~ \"…\", atribut informan apa pun. "
                       "Panduan pengguna memuat tata bahasa lengkapnya."},
    "qry_coders": {"en": "Coders", "id": "Pengode"},
    "qry_all_coders": {"en": "all coders pooled", "id": "semua pengode digabung"},
    "qry_run": {"en": "Run the query", "id": "Jalankan kueri"},
    "qry_builder": {"en": "Build a query", "id": "Susun kueri"},
    "qry_b_code_a": {"en": "Code", "id": "Kode"},
    "qry_b_op": {"en": "With", "id": "Dengan"},
    "qry_b_code_b": {"en": "Second code", "id": "Kode kedua"},
    "qry_b_scope": {"en": "Where they meet", "id": "Tempat bertemu"},
    "qry_b_words": {"en": "At most this many words apart (NEAR)", "id": "Paling jauh sekian kata (NEAR)"},
    "qry_b_groups": {"en": "Only informants of these groups", "id": "Hanya informan kelompok ini"},
    "qry_b_put": {"en": "Put it in the query box", "id": "Masukkan ke kotak kueri"},
    "qry_b_pick_code": {"en": "Pick a code first.", "id": "Pilih kode dulu."},
    "qry_b_pick_second": {"en": "Pick the second code.", "id": "Pilih kode kedua."},
    "qry_op_alone": {"en": "nothing else (the code alone)", "id": "tidak ada (kode itu saja)"},
    "qry_op_and": {"en": "AND: both", "id": "AND: keduanya"},
    "qry_op_or": {"en": "OR: either", "id": "OR: salah satu"},
    "qry_op_not": {"en": "NOT: the first without the second", "id": "NOT: yang pertama tanpa yang kedua"},
    "qry_op_near": {"en": "NEAR: within some words", "id": "NEAR: dalam jarak beberapa kata"},
    "qry_scope_overlap": {"en": "overlapping codings", "id": "pengodean yang bertumpang tindih"},
    "qry_scope_sentence": {"en": "in one sentence", "id": "dalam satu kalimat"},
    "qry_scope_turn": {"en": "in one speaker turn", "id": "dalam satu giliran bicara"},
    "qry_scope_document": {"en": "in one document", "id": "dalam satu dokumen"},
    "qry_error_where": {"en": "Where the query goes wrong:", "id": "Letak kesalahan kueri:"},
    "qry_none": {"en": "The query retrieves no passage.", "id": "Kueri tidak menemukan kutipan."},
    "qry_count": {"en": "{n} passages", "en_one": "{n} passage", "id": "{n} kutipan"},
    "qry_download": {"en": "Download {fmt}", "id": "Unduh {fmt}"},
    "qry_matrix": {"en": "Passages per", "id": "Kutipan per"},
    "qry_matrix_unassigned": {"en": "{n} passages have no value here and are not counted.",
                              "en_one": "{n} passage has no value here and is not counted.",
                              "id": "{n} kutipan tidak memiliki nilai di sini dan tidak dihitung."},
    "qry_open": {"en": "Passage to open", "id": "Kutipan yang dibuka"},
    "qry_col_citation": {"en": "Citation", "id": "Sitasi"},
    "qry_open_code": {"en": "Open in Code page", "id": "Buka di halaman Kode teks"},
    "qry_save_name": {"en": "Save this query as", "id": "Simpan kueri ini sebagai"},
    "qry_save": {"en": "Save", "id": "Simpan"},
    "qry_saved_as": {"en": "Saved as “{name}”.", "id": "Disimpan sebagai “{name}”."},
    "qry_saved": {"en": "Saved queries", "id": "Kueri tersimpan"},
    "qry_saved_none": {"en": "No saved queries yet: run a query, then save it with a name.",
                       "id": "Belum ada kueri tersimpan: jalankan kueri, lalu simpan dengan nama."},
    "qry_saved_pick": {"en": "Saved query", "id": "Kueri tersimpan"},
    "qry_saved_run": {"en": "Run", "id": "Jalankan"},
    "qry_saved_delete": {"en": "Delete…", "id": "Hapus…"},
    "qry_saved_confirm": {"en": "Yes, delete “{name}”", "id": "Ya, hapus “{name}”"},
    "qry_saved_cancel": {"en": "Cancel", "id": "Batal"},
    "qry_saved_deleted": {"en": "Deleted “{name}” (undo on the History page).",
                          "id": "“{name}” dihapus (urungkan di halaman Riwayat)."},
    "qry_code_as": {"en": "Code the results as", "id": "Kodekan hasilnya sebagai"},
    "qry_code_pick": {"en": "Pick a code", "id": "Pilih kode"},
    "qry_code_review": {"en": "Untick the passages not to code, then code the rest.",
                        "id": "Hapus centang kutipan yang tidak dikode, lalu kodekan sisanya."},
    "qry_code_tick": {"en": "Code", "id": "Kodekan"},
    "qry_code_done": {"en": "Coded already", "id": "Sudah dikode"},
    "qry_code_button": {"en": "Code {n} passages", "en_one": "Code {n} passage", "id": "Kodekan {n} kutipan"},
    "qry_code_added": {"en": "{n} passages coded as {code} by {coder}.",
                       "en_one": "{n} passage coded as {code} by {coder}.",
                       "id": "{n} kutipan dikode sebagai {code} oleh {coder}."},
    "qry_code_skipped": {"en": "{n} passages were coded so already.", "en_one": "{n} passage was coded so already.",
                         "id": "{n} kutipan sudah dikode demikian."},
    # the Survey grid page
    "sg_title": {"en": "Survey grid", "id": "Kisi survei"},
    "sg_no_survey": {
        "en": "No survey imported yet. Import one on the Project page (Import a survey) or with `qualcode "
              "import-survey PROJECT FILE --id COLUMN --questions COLUMN,... --attributes COLUMN,... "
              "--group-column COLUMN`; each respondent becomes an informant and their answers one document, which "
              "this page shows as a grid.",
        "id": "Belum ada survei yang diimpor. Impor di halaman Proyek (Impor survei) atau dengan `qualcode "
              "import-survey PROYEK BERKAS --id KOLOM --questions KOLOM,... --attributes KOLOM,... "
              "--group-column KOLOM`; setiap responden menjadi informan dan jawabannya satu dokumen, yang "
              "ditampilkan halaman ini sebagai kisi."},
    "sg_file": {"en": "Survey file", "id": "Berkas survei"},
    "sg_filters": {"en": "Filter and sort", "id": "Saring dan urutkan"},
    "sg_filter_code": {"en": "Answers carrying the code", "id": "Jawaban yang memuat kode"},
    "sg_any": {"en": "Any code or none", "id": "Kode apa pun atau tanpa kode"},
    "sg_filter_question": {"en": "Code filters look at", "id": "Saringan kode melihat"},
    "sg_any_question": {"en": "Every question", "id": "Semua pertanyaan"},
    "sg_not_coded": {"en": "Not coded yet", "id": "Belum dikode"},
    "sg_not_coded_help": {
        "en": "Only respondents with an answer you have not coded yet (none of your codings touches it).",
        "id": "Hanya responden yang punya jawaban yang belum Anda kode (tidak tersentuh pengodean Anda)."},
    "sg_sort": {"en": "Sort by", "id": "Urutkan menurut"},
    "sg_sort_file": {"en": "Order in the file", "id": "Urutan dalam berkas"},
    "sg_descending": {"en": "Descending", "id": "Menurun"},
    "sg_col_respondent": {"en": "Respondent", "id": "Responden"},
    "sg_col_codes": {"en": "{question} · codes", "id": "{question} · kode"},
    "sg_no_match": {"en": "No respondent matches the filters. Clear a filter to see more.",
                    "id": "Tidak ada responden yang cocok dengan saringan. Hapus saringan untuk melihat lebih banyak."},
    "sg_showing": {"en": "Respondents {first}–{last} of {n} · page {page} of {pages}",
                   "en_one": "Respondent {first}–{last} of {n} · page {page} of {pages}",
                   "id": "Responden {first}–{last} dari {n} · halaman {page} dari {pages}"},
    "sg_prev": {"en": "Previous page", "id": "Halaman sebelumnya"},
    "sg_next": {"en": "Next page", "id": "Halaman berikutnya"},
    "sg_page": {"en": "Page", "id": "Halaman"},
    "sg_answer": {"en": "Code an answer", "id": "Kodekan jawaban"},
    "sg_respondent": {"en": "Respondent (or click a cell)", "id": "Responden (atau klik sel)"},
    "sg_question": {"en": "Question", "id": "Pertanyaan"},
    "sg_no_answer": {"en": "This respondent did not answer this question.",
                     "id": "Responden ini tidak menjawab pertanyaan ini."},
    "sg_answer_codes": {"en": "Codes on it: {codes} · characters {start}–{end}",
                        "id": "Kode padanya: {codes} · karakter {start}–{end}"},
    "sg_code": {"en": "Code", "id": "Kode"},
    "sg_code_whole": {"en": "Code the whole answer", "id": "Kodekan seluruh jawaban"},
    "sg_code_whole_help": {"en": "Ctrl+Enter. A code's own key (below) codes the answer with that code.",
                           "id": "Ctrl+Enter. Tombol pintas suatu kode (di bawah) mengodekan jawaban dengan kode itu."},
    "sg_hotkeys": {"en": "One key codes the whole answer:", "id": "Satu tombol mengodekan seluruh jawaban:"},
    "sg_part_title": {"en": "Code part of this answer", "id": "Kodekan sebagian jawaban ini"},
    "sg_open_code": {"en": "Open in the Code page", "id": "Buka di halaman Kode"},
    "sg_open_code_help": {"en": "The respondent's document in the transcript, at this answer: select any part of "
                                "it with the mouse and code it there.",
                          "id": "Dokumen responden di transkrip, pada jawaban ini: pilih bagian mana pun dengan "
                                "tetikus dan kodekan di sana."},
    "sg_part_help": {
        "en": "Type the exact words to code, as they are in the answer; when they occur more than once, say "
              "which occurrence. Enter codes them with the code above.",
        "id": "Ketik kata-kata persis yang akan dikode, seperti dalam jawaban; bila muncul lebih dari sekali, "
              "sebutkan kemunculan keberapa. Enter mengodekannya dengan kode di atas."},
    "sg_part_words": {"en": "Words to code", "id": "Kata yang dikode"},
    "sg_part_nth": {"en": "Occurrence", "id": "Kemunculan ke"},
    "sg_part_apply": {"en": "Code these words", "id": "Kodekan kata-kata ini"},
    "sg_coded_whole": {
        "en": "Coded the answer of {respondent} to {question} as {code} (characters {start}–{end}). Undo takes it back.",
        "id": "Jawaban {respondent} atas {question} dikode sebagai {code} (karakter {start}–{end}). "
              "Urungkan membatalkannya."},
    "sg_coded_part": {
        "en": "Coded part of the answer of {respondent} to {question} as {code} (characters {start}–{end}). "
              "Undo takes it back.",
        "id": "Sebagian jawaban {respondent} atas {question} dikode sebagai {code} (karakter {start}–{end}). "
              "Urungkan membatalkannya."},
    "err_sg_page_size": {"en": "page size must be at least 1, got {size}",
                         "id": "ukuran halaman minimal 1, diberikan {size}"},
    "err_sg_needs_coder": {"en": "'not coded yet' needs a coder", "id": "'belum dikode' memerlukan pengode"},
    "err_sg_part_empty": {"en": "words: type the words of the answer to code",
                          "id": "kata: ketik kata-kata jawaban yang akan dikode"},
    "err_sg_part_nth": {"en": "occurrence: must be 1 or more, got {nth}",
                        "id": "kemunculan: minimal 1, diberikan {nth}"},
    "err_sg_part_missing": {"en": "words: '{words}' is not in the answer",
                            "id": "kata: '{words}' tidak ada dalam jawaban"},
    "err_sg_part_fewer": {"en": "occurrence: '{words}' occurs {found} times in the answer, not {nth}",
                          "id": "kemunculan: '{words}' muncul {found} kali dalam jawaban, bukan {nth}"},
    # -- codebook change log ---------------------------------------------------------------
    "cblog_reason": {"en": "Reason (optional)", "id": "Alasan (opsional)"},
    "cblog_reason_help": {"en": "Why? Kept in the project's history: the codebook change log and the methods "
                                "appendix report it, so reviewers see how the codebook was refined.",
                          "id": "Mengapa? Disimpan dalam riwayat proyek: log perubahan buku kode dan lampiran "
                                "metode melaporkannya, sehingga penelaah melihat bagaimana buku kode diperbaiki."},
    "cblog_title": {"en": "Change log", "id": "Log perubahan"},
    "cblog_intro": {"en": "Every change of the codebook from the project's history, oldest first, with the reason "
                          "given; changes undone are left out.",
                    "id": "Setiap perubahan buku kode dari riwayat proyek, yang terlama lebih dulu, dengan alasan "
                          "yang diberikan; perubahan yang diurungkan tidak dicantumkan."},
    "cblog_empty": {"en": "No changes yet: adding, renaming, moving, merging or deleting codes is recorded here.",
                    "id": "Belum ada perubahan: menambah, mengganti nama, memindahkan, menggabungkan atau "
                          "menghapus kode dicatat di sini."},
    "cblog_download": {"en": "Change log ({fmt})", "id": "Log perubahan ({fmt})"},
    "cblog_chart_title": {"en": "Codebook changes over time", "id": "Perubahan buku kode dari waktu ke waktu"},
    "cblog_kind_loaded": {"en": "loaded", "id": "dimuat"},
    "cblog_kind_added": {"en": "added", "id": "ditambah"},
    "cblog_kind_renamed": {"en": "renamed", "id": "diganti nama"},
    "cblog_kind_edited": {"en": "edited", "id": "disunting"},
    "cblog_kind_moved": {"en": "moved", "id": "dipindah"},
    "cblog_kind_merged": {"en": "merged", "id": "digabung"},
    "cblog_kind_deleted": {"en": "deleted", "id": "dihapus"},
    "cblog_kind_other": {"en": "other", "id": "lainnya"},
    "cblog_col_at": {"en": "when", "id": "waktu"},
    "cblog_col_actor": {"en": "by", "id": "oleh"},
    "cblog_col_kind": {"en": "change", "id": "perubahan"},
    "cblog_col_key": {"en": "code (then)", "id": "kode (saat itu)"},
    "cblog_col_key_now": {"en": "code (now)", "id": "kode (kini)"},
    "cblog_col_old": {"en": "old", "id": "lama"},
    "cblog_col_new": {"en": "new", "id": "baru"},
    "cblog_col_details": {"en": "details", "id": "rincian"},
    "cblog_col_reason": {"en": "reason", "id": "alasan"},
}


def t(key: str, lang: str = "en") -> str:
    """The UI string ``key`` in ``lang``, falling back to English."""
    entry = CATALOGUE[key]
    return entry.get(lang) or entry["en"]


def tn(key: str, n: int, lang: str = "en", /, **params: object) -> str:
    """The UI string ``key`` for the count ``n``, with ``n`` (and any other ``params``) filled in.

    An entry may hold a singular form as ``"<lang>_one"`` (English: "{n} coding" beside "{n} codings");
    it is used when ``n`` is 1. Indonesian nouns do not inflect for number ("3 pengodean"), so its
    entries need only the one form.

    Example
    -------
    >>> tn("n_codings", 1), tn("n_codings", 3), tn("n_codings", 3, "id")
    ('1 coding', '3 codings', '3 pengodean')
    """
    entry = CATALOGUE[key]
    lang = lang if entry.get(lang) else "en"
    text = (entry.get(f"{lang}_one") if n == 1 else None) or entry[lang]
    return text.format(n=n, **params)


def error_message(exc: BaseException, lang: str = "en") -> str:
    """The message of ``exc`` in ``lang``, as plain text (not yet escaped for Markdown).

    A :class:`~qualcode.errors.QualcodeError` with a ``key`` in the catalogue is shown from that entry,
    filled with its ``params`` (and its file and line in front); anything else, or an entry whose
    placeholders the params do not fill, falls back to the English message.
    """
    def words(value: object) -> object:
        if isinstance(value, Term) and value.key in CATALOGUE:
            return t(value.key, lang).format(**{k: words(v) for k, v in value.params.items()})
        return value

    english = str(exc)
    key = getattr(exc, "key", None) if isinstance(exc, QualcodeError) else None
    if not key or key not in CATALOGUE:
        return english
    try:
        text = t(key, lang).format(**{k: words(v) for k, v in exc.params.items()})
        if exc.where is not None:
            place = exc.where if exc.line is None else t("err_at_line", lang).format(where=exc.where, line=exc.line)
            text = f"{place}: {text}"
    except (KeyError, IndexError, ValueError):
        return english
    return text
