"""Reporting checklists of qualitative research, as data, and the answers a project's facts give.

Two checklists journals ask for:

- COREQ, the consolidated criteria for reporting qualitative research: 32 items in three domains
  (Tong, A., Sainsbury, P., & Craig, J. (2007). Consolidated criteria for reporting qualitative research
  (COREQ): a 32-item checklist for interviews and focus groups. *International Journal for Quality in
  Health Care*, 19(6), 349-357. https://doi.org/10.1093/intqhc/mzm042).
- SRQR, the standards for reporting qualitative research: 21 items (O'Brien, B. C., Harris, I. B.,
  Beckman, T. J., Reed, D. A., & Cook, D. A. (2014). Standards for reporting qualitative research: a
  synthesis of recommendations. *Academic Medicine*, 89(9), 1245-1251.
  https://doi.org/10.1097/ACM.0000000000000388).

Each item has its number, domain, a short name and a guiding question (in our own words, in English and
Bahasa Indonesia) and the project fact that answers it, or None where only the authors know the answer.
:func:`checklist_answers` fills a checklist from the plain facts :func:`qualcode.project.methods.methods_facts`
gathers; :func:`methods_paragraph` writes a paragraph of methods text from the same facts. Pure: plain dicts
in, strings and frames out.

Example
-------
>>> len(CHECKLISTS["coreq"]), len(CHECKLISTS["srqr"])
(32, 21)
>>> CHECKLISTS["coreq"][11].name, CHECKLISTS["coreq"][11].fact
('Sample size', 'sample_size')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import check_choice

LANGUAGES = ("en", "id")
CHECKLIST_NAMES = ("coreq", "srqr")
CHECKLIST_CHOICES = ("coreq", "srqr", "both")
#: The mark of an answer only the authors can give.
BLANK = {"en": "[to be completed by the authors]", "id": "[diisi oleh penulis]"}
TITLES = {
    "coreq": {"en": "COREQ: consolidated criteria for reporting qualitative research (Tong, Sainsbury & Craig, 2007)",
              "id": "COREQ: kriteria pelaporan penelitian kualitatif (Tong, Sainsbury & Craig, 2007)"},
    "srqr": {"en": "SRQR: standards for reporting qualitative research (O'Brien et al., 2014)",
             "id": "SRQR: standar pelaporan penelitian kualitatif (O'Brien dkk., 2014)"},
}
#: The column headings of a filled checklist.
HEADINGS = {"en": {"item": "No.", "domain": "Domain", "name": "Item", "question": "Guiding question",
                   "answer": "Answer from the project"},
            "id": {"item": "No.", "domain": "Domain", "name": "Butir", "question": "Pertanyaan panduan",
                   "answer": "Jawaban dari proyek"}}
CHECKLIST_COLUMNS = ["item", "domain", "name", "question", "answer", "fact"]


@dataclass(frozen=True)
class Item:
    """One checklist item: its number, domain, short name and guiding question in English and Indonesian,
    and the key of the project fact that answers it (None: the project cannot know)."""

    number: int
    domain: str
    domain_id: str
    name: str
    name_id: str
    question: str
    question_id: str
    fact: str | None = None


def _items(domains: Sequence[tuple[str, str, Sequence[tuple[str, str, str, str, str | None]]]]) -> tuple[Item, ...]:
    out: list[Item] = []
    for domain, domain_id, rows in domains:
        for name, name_id, question, question_id, fact in rows:
            out.append(Item(len(out) + 1, domain, domain_id, name, name_id, question, question_id, fact))
    return tuple(out)


_COREQ = _items([
    ("Research team and reflexivity", "Tim peneliti dan refleksivitas", [
        ("Interviewer/facilitator", "Pewawancara/fasilitator", "Which authors ran the interviews or groups?",
         "Penulis mana yang melakukan wawancara atau diskusi kelompok?", None),
        ("Credentials", "Kredensial", "What qualifications did the researchers hold?",
         "Apa kualifikasi para peneliti?", None),
        ("Occupation", "Pekerjaan", "What was their occupation during the study?",
         "Apa pekerjaan mereka selama penelitian?", None),
        ("Gender", "Jenis kelamin", "What was the researcher's gender?", "Apa jenis kelamin peneliti?", None),
        ("Experience and training", "Pengalaman dan pelatihan", "What experience or training did the researchers have?",
         "Apa pengalaman atau pelatihan yang dimiliki peneliti?", None),
        ("Relationship established", "Hubungan yang terjalin",
         "Was there a relationship with participants before the study began?",
         "Apakah sudah ada hubungan dengan partisipan sebelum penelitian dimulai?", None),
        ("Participant knowledge of the interviewer", "Pengetahuan partisipan tentang pewawancara",
         "What did participants know about the researcher and the reasons for the research?",
         "Apa yang diketahui partisipan tentang peneliti dan alasan penelitian?", None),
        ("Interviewer characteristics", "Karakteristik pewawancara",
         "Which characteristics of the interviewer are reported (assumptions, interests, possible bias)?",
         "Karakteristik pewawancara apa yang dilaporkan (asumsi, kepentingan, kemungkinan bias)?", None),
    ]),
    ("Study design", "Desain penelitian", [
        ("Methodological orientation and theory", "Orientasi metodologis dan teori",
         "Which methodological orientation underpins the study?",
         "Orientasi metodologis apa yang mendasari penelitian?", None),
        ("Sampling", "Pengambilan sampel", "How were participants selected?", "Bagaimana partisipan dipilih?", None),
        ("Method of approach", "Cara pendekatan", "How were participants approached?",
         "Bagaimana partisipan dihubungi?", None),
        ("Sample size", "Jumlah sampel", "How many participants took part?", "Berapa banyak partisipan yang terlibat?",
         "sample_size"),
        ("Non-participation", "Partisipan yang menolak atau mundur",
         "How many declined or dropped out, and why?", "Berapa yang menolak atau mundur, dan mengapa?", None),
        ("Setting of data collection", "Tempat pengumpulan data", "Where were the data collected?",
         "Di mana data dikumpulkan?", None),
        ("Presence of non-participants", "Kehadiran bukan partisipan",
         "Was anyone besides participants and researchers present?",
         "Apakah ada orang lain selain partisipan dan peneliti yang hadir?", None),
        ("Description of sample", "Deskripsi sampel", "What are the important characteristics of the sample?",
         "Apa karakteristik penting sampel?", "sample"),
        ("Interview guide", "Pedoman wawancara", "Were questions or guides provided, and were they pilot tested?",
         "Apakah pertanyaan atau pedoman disediakan, dan apakah sudah diujicobakan?", None),
        ("Repeat interviews", "Wawancara ulang", "Were any interviews repeated, and how many?",
         "Apakah ada wawancara yang diulang, dan berapa banyak?", "repeat_interviews"),
        ("Audio/visual recording", "Rekaman audio/visual", "Was audio or video recording used to collect data?",
         "Apakah rekaman audio atau video digunakan untuk mengumpulkan data?", "recordings"),
        ("Field notes", "Catatan lapangan", "Were field notes made during or after the interviews?",
         "Apakah catatan lapangan dibuat selama atau setelah wawancara?", None),
        ("Duration", "Durasi", "How long did the interviews last?", "Berapa lama wawancara berlangsung?",
         "duration"),
        ("Data saturation", "Saturasi data", "Was data saturation discussed, and how was it judged?",
         "Apakah saturasi data dibahas, dan bagaimana menilainya?", "saturation"),
        ("Transcripts returned", "Transkrip dikembalikan",
         "Were transcripts returned to participants for comment or correction?",
         "Apakah transkrip dikembalikan kepada partisipan untuk dikomentari atau dikoreksi?", None),
    ]),
    ("Analysis and findings", "Analisis dan temuan", [
        ("Number of data coders", "Jumlah pengode data", "How many coders coded the data?",
         "Berapa banyak pengode yang mengode data?", "coders"),
        ("Description of the coding tree", "Deskripsi pohon kode", "Is the coding tree described?",
         "Apakah pohon kode dideskripsikan?", "coding_tree"),
        ("Derivation of themes", "Asal tema", "Were themes identified in advance or derived from the data?",
         "Apakah tema ditetapkan sebelumnya atau diturunkan dari data?", None),
        ("Software", "Perangkat lunak", "Which software, if any, was used to manage the data?",
         "Perangkat lunak apa, jika ada, yang dipakai untuk mengelola data?", "software"),
        ("Participant checking", "Pengecekan oleh partisipan", "Did participants give feedback on the findings?",
         "Apakah partisipan memberi umpan balik atas temuan?", None),
        ("Quotations presented", "Kutipan yang disajikan",
         "Are participant quotations presented, and is each one identified?",
         "Apakah kutipan partisipan disajikan, dan apakah setiap kutipan diberi identitas?", "quotations"),
        ("Data and findings consistent", "Konsistensi data dan temuan",
         "Are the data presented consistent with the findings?",
         "Apakah data yang disajikan konsisten dengan temuan?", None),
        ("Clarity of major themes", "Kejelasan tema utama", "Are the major themes clearly presented?",
         "Apakah tema utama disajikan dengan jelas?", None),
        ("Clarity of minor themes", "Kejelasan tema minor", "Are diverse cases or minor themes described?",
         "Apakah kasus yang beragam atau tema minor dideskripsikan?", None),
    ]),
])

_SRQR = _items([
    ("Title and abstract", "Judul dan abstrak", [
        ("Title", "Judul", "Does the title say the study is qualitative, or name its approach or methods?",
         "Apakah judul menyebut bahwa penelitian ini kualitatif, atau menyebut pendekatan atau metodenya?", None),
        ("Abstract", "Abstrak", "Does the abstract summarise the key elements in the journal's format?",
         "Apakah abstrak merangkum unsur-unsur pokok sesuai format jurnal?", None),
    ]),
    ("Introduction", "Pendahuluan", [
        ("Problem formulation", "Perumusan masalah", "What problem is studied, why does it matter, what is known?",
         "Masalah apa yang diteliti, mengapa penting, dan apa yang sudah diketahui?", None),
        ("Purpose or research question", "Tujuan atau pertanyaan penelitian",
         "What are the purpose and the research questions?", "Apa tujuan dan pertanyaan penelitiannya?", None),
    ]),
    ("Methods", "Metode", [
        ("Qualitative approach and research paradigm", "Pendekatan kualitatif dan paradigma penelitian",
         "Which approach, guiding theory and paradigm, and why?",
         "Pendekatan, teori panduan dan paradigma apa yang dipakai, dan mengapa?", None),
        ("Researcher characteristics and reflexivity", "Karakteristik peneliti dan refleksivitas",
         "Which characteristics of the researchers may have shaped the research?",
         "Karakteristik peneliti apa yang mungkin memengaruhi penelitian?", None),
        ("Context", "Konteks", "What were the setting and its salient features?",
         "Seperti apa latar penelitian dan ciri-cirinya yang menonjol?", None),
        ("Sampling strategy", "Strategi pengambilan sampel",
         "How and why were participants or documents selected, and when did sampling stop?",
         "Bagaimana dan mengapa partisipan atau dokumen dipilih, dan kapan pengambilan sampel dihentikan?",
         "sampling"),
        ("Ethical issues pertaining to human subjects", "Isu etika terkait subjek manusia",
         "Which ethics approval and consent were obtained; how were data kept confidential?",
         "Persetujuan etik dan persetujuan partisipan apa yang diperoleh; bagaimana kerahasiaan data dijaga?", None),
        ("Data collection methods", "Metode pengumpulan data", "Which kinds of data were collected, when and how?",
         "Jenis data apa yang dikumpulkan, kapan dan bagaimana?", "data_collection"),
        ("Data collection instruments and technologies", "Instrumen dan teknologi pengumpulan data",
         "Which instruments and devices were used, and did they change during the study?",
         "Instrumen dan perangkat apa yang dipakai, dan apakah berubah selama penelitian?", None),
        ("Units of study", "Unit kajian", "How many participants, documents or events were included?",
         "Berapa banyak partisipan, dokumen atau peristiwa yang dicakup?", "units"),
        ("Data processing", "Pengolahan data", "How were the data processed and managed?",
         "Bagaimana data diolah dan dikelola?", "processing"),
        ("Data analysis", "Analisis data", "How were the data analysed, by whom, and how were themes developed?",
         "Bagaimana data dianalisis, oleh siapa, dan bagaimana tema dikembangkan?", "analysis"),
        ("Techniques to enhance trustworthiness", "Teknik untuk meningkatkan keterpercayaan",
         "Which techniques supported trustworthiness and credibility?",
         "Teknik apa yang mendukung keterpercayaan dan kredibilitas?", "trustworthiness"),
    ]),
    ("Results/findings", "Hasil/temuan", [
        ("Synthesis and interpretation", "Sintesis dan interpretasi",
         "What are the main findings and their interpretation?",
         "Apa temuan utama dan interpretasinya?", None),
        ("Links to empirical data", "Kaitan dengan data empiris",
         "Which evidence, such as quotations, supports the findings?",
         "Bukti apa, seperti kutipan, yang mendukung temuan?", "quotations"),
    ]),
    ("Discussion", "Diskusi", [
        ("Integration with prior work, implications, transferability and contribution",
         "Keterkaitan dengan penelitian terdahulu, implikasi, keteralihan dan kontribusi",
         "How do the findings relate to earlier work, and what do they contribute?",
         "Bagaimana temuan berkaitan dengan penelitian terdahulu, dan apa kontribusinya?", None),
        ("Limitations", "Keterbatasan", "What limits the trustworthiness or transferability of the findings?",
         "Apa yang membatasi keterpercayaan atau keteralihan temuan?", None),
    ]),
    ("Other", "Lainnya", [
        ("Conflicts of interest", "Konflik kepentingan", "Are there conflicts of interest, and how were they managed?",
         "Apakah ada konflik kepentingan, dan bagaimana pengelolaannya?", None),
        ("Funding", "Pendanaan", "Who funded the study, and what was the funder's role?",
         "Siapa yang mendanai penelitian, dan apa peran penyandang dana?", None),
    ]),
])

#: The checklists by name: a tuple of items each, numbered from 1.
CHECKLISTS: dict[str, tuple[Item, ...]] = {"coreq": _COREQ, "srqr": _SRQR}


def checklist_names(checklist: str) -> tuple[str, ...]:
    """The checklists ``checklist`` stands for: ("coreq",), ("srqr",) or both."""
    checklist = check_choice(checklist, CHECKLIST_CHOICES, "checklist")
    return CHECKLIST_NAMES if checklist == "both" else (checklist,)


# -- words of both languages -------------------------------------------------------------------

def number(value: float, language: str, decimals: int = 2) -> str:
    """A coefficient with a decimal point (English) or comma (Indonesian): 0.72 / 0,72.

    >>> number(0.7187, "id")
    '0,72'
    """
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if language == "id" else text


def _list(items: Sequence[str], language: str) -> str:
    """"a, b and c" / "a, b dan c"."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + (" dan " if language == "id" else " and ") + items[-1]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


#: Source types by their Indonesian names (others as they are).
SOURCE_TYPES_ID = {"interview": "wawancara", "observation": "observasi", "document": "dokumen", "survey": "survei",
                   "focus group": "diskusi kelompok terarah", "fieldnotes": "catatan lapangan"}


def _groups_text(facts: Mapping[str, Any], language: str) -> str:
    parts = [f"{(g.get('name_alt') if language == 'id' else None) or g['name']} ({g['informants']})"
             for g in facts["groups"] if g["informants"]]
    return _list(parts, language)


def _source_types_text(facts: Mapping[str, Any], language: str) -> str:
    parts = [f"{SOURCE_TYPES_ID.get(kind, kind) if language == 'id' else kind} ({n})"
             for kind, n in facts["source_types"].items()]
    return _list(parts, language)


#: Coder roles by their Indonesian names.
ROLES_ID = {"coder": "pengode", "supervisor": "supervisor", "admin": "admin", "consensus": "konsensus"}


def _coders_text(facts: Mapping[str, Any], language: str) -> str:
    return _list([f"{c['name']} ({ROLES_ID.get(c['role'], c['role']) if language == 'id' else c['role']})"
                  for c in facts["coders"]], language)


def _agreement_text(agreement: Mapping[str, Any], language: str) -> str:
    kappa_name = {"cohen": "Cohen's kappa", "fleiss": "Fleiss' kappa"}.get(agreement["kappa_kind"], "kappa")
    if language == "id":
        kappa_name = {"cohen": "kappa Cohen", "fleiss": "kappa Fleiss"}.get(agreement["kappa_kind"], "kappa")
    kappa = number(agreement["kappa"], language) if agreement["kappa"] is not None else "-"
    alpha = number(agreement["alpha"], language) if agreement["alpha"] is not None else "-"
    coders = _list(agreement["coders"], language)
    if language == "id":
        unit = {"sentence": "kalimat", "turn": "giliran bicara", "char": "karakter"}.get(agreement["unit"],
                                                                                           agreement["unit"])
        rule = {"majority": "mayoritas", "any": "salah satu"}.get(agreement["rule"], agreement["rule"])
        return (f"Kesepakatan antarpengode ({coders}) dihitung pada {agreement['documents']} dokumen"
                f" dengan unit {unit} ({agreement['units']} unit, aturan {rule}): {kappa_name} = {kappa}, "
                f"alpha Krippendorff = {alpha}.")
    unit = {"sentence": "sentences", "turn": "speaker turns", "char": "characters"}.get(agreement["unit"],
                                                                                        agreement["unit"])
    return (f"Intercoder agreement ({coders}) was computed on "
            f"{_count(agreement['documents'], 'document', 'documents')} with {unit} as the unit "
            f"({agreement['units']} units, {agreement['rule']} rule): {kappa_name} = {kappa}, "
            f"Krippendorff's alpha = {alpha}.")


def _saturation_text(saturation: Mapping[str, Any], language: str) -> str:
    if language == "id":
        at = saturation.get("saturated_at")
        reached = (f"saturasi tercapai pada wawancara ke-{at}" if at is not None
                   else "saturasi belum tercapai pada data yang ada")
        return (f"Saturasi dinilai dengan metode Guest, Namey & Chen (2020): ukuran dasar {saturation['base']}, "
                f"panjang run {saturation['run']}, ambang informasi baru "
                f"{number(saturation['threshold'] * 100, language, 0)}%, {_order_id(saturation)}, "
                f"{saturation['interviews']} wawancara; {reached} ({saturation['codes_total']} kode berbeda).")
    return str(saturation["statement"])


def _order_id(saturation: Mapping[str, Any]) -> str:
    """The interviews' order in Indonesian: "menurut urutan impor", "menurut urutan interview_date"."""
    key = str(saturation.get("order_key") or "import")
    return "menurut urutan impor" if key == "import" else f"menurut urutan {key.split(':', 1)[-1]}"


def _codebook_text(facts: Mapping[str, Any], language: str) -> str:
    book = facts["codebook"]
    changes = facts.get("codebook_changes")
    if language == "id":
        text = (f"Buku kode \"{book['name']}\" berisi {book['codes']} kode: {book['top_level']} kode induk dan "
                f"{book['sub_codes']} subkode.")
    else:
        text = (f"The codebook \"{book['name']}\" holds {_count(book['codes'], 'code', 'codes')}: "
                f"{book['top_level']} top-level and {_count(book['sub_codes'], 'sub-code', 'sub-codes')}.")
    if changes and changes.get("total"):
        kinds = [(k, n) for k, n in changes["counts"].items() if n]
        if language == "id":
            names = {"added": "ditambahkan", "renamed": "diganti nama", "edited": "diubah", "moved": "dipindahkan",
                     "merged": "digabungkan", "deleted": "dihapus"}
            parts = [f"{n} kode {names.get(k, k)}" for k, n in kinds]
            text += (f" Selama pengodean buku kode berubah {changes['total']} kali "
                     f"({changes['first']} sampai {changes['last']}): {_list(parts, language)}.")
        else:
            parts = [f"{n} {k}" for k, n in kinds]
            text += (f" During coding it changed {_count(changes['total'], 'time', 'times')} "
                     f"({changes['first']} to {changes['last']}): {_list(parts, language)}.")
    elif changes is not None:
        text += (" Buku kode tidak diubah setelah dimuat." if language == "id" else
                 " It was not changed after it was loaded.")
    return text


def _answers(facts: Mapping[str, Any], language: str) -> dict[str, str | None]:
    """Every fact key -> its answer in ``language``, or None where the facts do not hold it."""
    en = language == "en"
    n_inf, n_groups = facts["informants"], sum(1 for g in facts["groups"] if g["informants"])
    if en:
        sample_size = f"{_count(n_inf, 'informant', 'informants')} in {_count(n_groups, 'group', 'groups')}."
    else:
        sample_size = f"{n_inf} informan dalam {n_groups} kelompok."
    sample = (f"{sample_size[:-1]}: {_groups_text(facts, language)}." if n_groups else sample_size)
    if facts.get("dates"):
        first, last = facts["dates"]["first"], facts["dates"]["last"]
        sample += (f" Interviews from {first} to {last}." if en else f" Wawancara dari {first} sampai {last}.")
    repeated = facts["repeat_interviews"]
    if en:
        repeat = ("No informant was interviewed more than once." if not repeated else
                  f"{_count(len(repeated), 'informant has', 'informants have')} more than one interview: "
                  f"{_list(repeated, language)}.")
    else:
        repeat = ("Tidak ada informan yang diwawancarai lebih dari sekali." if not repeated else
                  f"{len(repeated)} informan memiliki lebih dari satu wawancara: {_list(repeated, language)}.")
    coders = facts["coders"]
    agreement = facts.get("agreement")
    if coders:
        coders_text = (f"{_count(len(coders), 'coder', 'coders')}: {_coders_text(facts, language)}; "
                       f"{_count(facts['codings'], 'coding', 'codings')}." if en else
                       f"{len(coders)} pengode: {_coders_text(facts, language)}; {facts['codings']} pengodean.")
        if agreement:
            coders_text += " " + _agreement_text(agreement, language)
    else:
        coders_text = None
    software = facts["software"]
    software_text = (f"{software['name']} {software['version']} (coding, codebook, agreement and reports)." if en else
                     f"{software['name']} {software['version']} (pengodean, buku kode, kesepakatan dan laporan).")
    quotes = facts["quotations"]
    if en:
        quotations = ("Each quotation is identified by informant, informant group and sentence numbers "
                      f"of its transcript, e.g. {quotes['example']}." if quotes.get("example") else None)
    else:
        quotations = ("Setiap kutipan diberi identitas informan, kelompok informan dan nomor kalimat "
                      f"dalam transkripnya, misalnya {quotes['example']}." if quotes.get("example") else None)
    data_collection = (f"{_count(facts['documents'], 'document', 'documents')} by source type: "
                       f"{_source_types_text(facts, language)}." if en else
                       f"{facts['documents']} dokumen menurut jenis sumber: {_source_types_text(facts, language)}.")
    units = f"{sample} {data_collection}"  # the sample states the dates already
    if facts.get("dates"):
        data_collection += (f" Interviews from {facts['dates']['first']} to {facts['dates']['last']}." if en else
                            f" Wawancara dari {facts['dates']['first']} sampai {facts['dates']['last']}.")
    saturation = _saturation_text(facts["saturation"], language) if facts.get("saturation") else None
    sampling = f"{sample_size} {saturation}" if saturation else None
    processing = (f"Transcripts imported into {software['name']} {software['version']} and divided into speaker "
                  "turns and sentences; codings stored with their coder." if en else
                  f"Transkrip diimpor ke {software['name']} {software['version']} dan dibagi menjadi giliran bicara "
                  "dan kalimat; setiap pengodean disimpan bersama pengodenya.") if facts["documents"] else None
    tree = _codebook_text(facts, language) if facts["codebook"]["codes"] else None
    analysis = " ".join(t for t in (coders_text, tree) if t) or None
    trust = _agreement_text(agreement, language) if agreement else None
    if trust and facts.get("memos"):
        trust += (f" {_count(facts['memos'], 'analytic memo', 'analytic memos')} written." if en else
                  f" {facts['memos']} memo analitis ditulis.")
    recordings, duration = _recording_texts(facts.get("recordings"), language)
    answers: dict[str, str | None] = {
        "recordings": recordings, "duration": duration,
        "sample_size": sample_size, "sample": sample, "repeat_interviews": repeat, "saturation": saturation,
        "coders": coders_text, "coding_tree": tree, "software": software_text, "quotations": quotations,
        "sampling": sampling, "data_collection": data_collection, "units": units, "processing": processing,
        "analysis": analysis, "trustworthiness": trust}
    if not facts["informants"]:  # nothing to describe yet: "0 informants" would read as an answer
        answers.update(sample_size=None, sample=None, repeat_interviews=None, sampling=None,
                       units=data_collection if facts["documents"] else None)
    if not facts["documents"]:
        answers["data_collection"] = None
    return answers


def _recording_texts(recordings: Mapping[str, Any] | None, language: str) -> tuple[str | None, str | None]:
    """COREQ 19 and 21 from the recordings linked to interviews: how many are recorded, and how long the
    recordings run (None where no recording is linked, or no length is known)."""
    if not recordings or not recordings["recorded"]:
        return None, None
    en = language == "en"
    done, total = recordings["recorded"], recordings["interviews"]
    said = (f"Audio or video recordings are linked to {done} of {total} interviews; coded passages carry their "
            "times in the recording." if en else
            f"Rekaman audio atau video ditautkan ke {done} dari {total} wawancara; bagian yang dikodekan "
            "membawa waktunya dalam rekaman.")
    minutes = recordings["minutes"]
    if not minutes:
        return said, None
    low, high, mean = round(minutes[0]), round(minutes[-1]), round(sum(minutes) / len(minutes))
    if en:
        lasted = (f"The {len(minutes)} recordings whose length is known last from {low} to {high} minutes "
                  f"(mean {mean})." if len(minutes) > 1 else f"The one recording whose length is known lasts "
                  f"{low} minutes.")
    else:
        lasted = (f"{len(minutes)} rekaman yang diketahui panjangnya berdurasi {low} sampai {high} menit "
                  f"(rata-rata {mean})." if len(minutes) > 1 else f"Satu rekaman yang diketahui panjangnya "
                  f"berdurasi {low} menit.")
    return said, lasted


def checklist_answers(facts: Mapping[str, Any], checklist: str, language: str = "en") -> pd.DataFrame:
    """A checklist filled from a project's facts: one row per item (columns :data:`CHECKLIST_COLUMNS`).

    ``answer`` holds the facts' answer, or :data:`BLANK` for the language where the project cannot know it
    (the item has no fact, or the project lacks it: no saturation computed, one coder only...); ``fact``
    names the fact used (empty for a blank).
    """
    checklist = check_choice(checklist, CHECKLIST_NAMES, "checklist")
    language = check_choice(language, LANGUAGES, "language")
    answers = _answers(facts, language)
    rows = []
    for item in CHECKLISTS[checklist]:
        answer = answers.get(item.fact) if item.fact else None
        rows.append({"item": item.number,
                     "domain": item.domain_id if language == "id" else item.domain,
                     "name": item.name_id if language == "id" else item.name,
                     "question": item.question_id if language == "id" else item.question,
                     "answer": answer or BLANK[language], "fact": item.fact if answer else ""})
    return pd.DataFrame(rows, columns=CHECKLIST_COLUMNS)


def methods_paragraph(facts: Mapping[str, Any], language: str = "en") -> str:
    """A paragraph of methods text assembled from a project's facts, for the authors to edit.

    Parameters
    ----------
    facts : mapping
        As :func:`qualcode.project.methods.methods_facts` returns.
    language : {"en", "id"}
    """
    language = check_choice(language, LANGUAGES, "language")
    en = language == "en"
    groups = [g for g in facts["groups"] if g["informants"]]
    parts: list[str] = []
    if en:
        sentence = f"We interviewed {_count(facts['informants'], 'informant', 'informants')}"
        if groups:
            sentence += f" in {_count(len(groups), 'group', 'groups')} ({_groups_text(facts, language)})"
        if facts.get("dates"):
            sentence += f" between {facts['dates']['first']} and {facts['dates']['last']}"
        parts.append(sentence + ".")
        parts.append(f"The material comprised {_count(facts['documents'], 'document', 'documents')} "
                     f"({_source_types_text(facts, language)}).")
    else:
        sentence = f"Kami mewawancarai {facts['informants']} informan"
        if groups:
            sentence += f" dari {len(groups)} kelompok ({_groups_text(facts, language)})"
        if facts.get("dates"):
            sentence += f" antara {facts['dates']['first']} dan {facts['dates']['last']}"
        parts.append(sentence + ".")
        parts.append(f"Bahan analisis terdiri atas {facts['documents']} dokumen "
                     f"({_source_types_text(facts, language)}).")
    software = facts["software"]
    coders = facts["coders"]
    if en:
        who = (f"{_count(len(coders), 'coder', 'coders')} ({_list([c['name'] for c in coders], language)})"
               if coders else "the authors")
        parts.append(f"The transcripts were coded in {software['name']} {software['version']} by {who}, "
                     f"with {_count(facts['codings'], 'coding', 'codings')} in all.")
    else:
        who = (f"{len(coders)} pengode ({_list([c['name'] for c in coders], language)})" if coders else "penulis")
        parts.append(f"Transkrip dikode dengan {software['name']} {software['version']} oleh {who}, "
                     f"dengan total {facts['codings']} pengodean.")
    parts.append(_codebook_text(facts, language))
    if facts.get("agreement"):
        parts.append(_agreement_text(facts["agreement"], language))
    if facts.get("saturation"):
        parts.append(_saturation_text(facts["saturation"], language))
    example = facts["quotations"].get("example")
    if example:
        parts.append(f"Quotations are identified by informant, group and sentence numbers, e.g. {example}." if en else
                     f"Kutipan diberi identitas informan, kelompok dan nomor kalimat, misalnya {example}.")
    return " ".join(parts)
