"""Deterministic synthetic interview transcripts in Indonesian-like text.

Each transcript alternates "Pewawancara:" and "Informan:" turns (one per
paragraph); sentences hold 5-25 words drawn from a fixed vocabulary, and about
one sentence in thirty carries an emoji (a character outside the BMP, which
exercises code-point offsets). The same seed always gives the same text.
"""

from __future__ import annotations

import random
from pathlib import Path

VOCABULARY = """
yang dan di ke dari untuk dengan pada dalam ini itu kami kita mereka saya bapak ibu sudah belum akan
masih juga tidak bisa harus ada banyak sedikit semua setiap karena jadi tetapi namun kalau ketika
dinas sosial kabupaten bandung pelayanan standar minimal masyarakat lembaga kesejahteraan warga desa
kecamatan pemerintah daerah anggaran program kegiatan rapat koordinasi kerja sama kolaborasi mitra
pemangku kepentingan kepala bidang seksi pegawai petugas pendamping relawan data laporan evaluasi
rencana strategis kebijakan peraturan bupati undang pelaksanaan pengawasan monitoring bantuan
penerima manfaat keluarga miskin lansia disabilitas anak terlantar rehabilitasi perlindungan jaminan
kepercayaan komitmen kepemimpinan sumber daya manusia sarana prasarana fasilitas kendala hambatan
solusi usulan musyawarah forum komunikasi informasi sistem aplikasi verifikasi validasi pendataan
tahun bulan minggu hari kemarin sekarang nanti biasanya sering jarang selalu kadang cukup sangat
baik buruk penting sulit mudah cepat lambat jelas kurang lebih besar kecil baru lama terus memang
""".split()
EMOJI = ["🙂", "😊", "🙏", "👍", "😅", "🤔", "✅", "📊"]
SPEAKERS = ("Pewawancara", "Informan")


def sentence(rng: random.Random, words: int, question: bool) -> list[str]:
    """One sentence of ``words`` tokens: capitalised, ending in '.', '?' or '!', sometimes an emoji."""
    tokens = [rng.choice(VOCABULARY) for _ in range(words)]
    tokens[0] = tokens[0].capitalize()
    if words > 1 and rng.random() < 1 / 30:
        tokens[-1] = rng.choice(EMOJI)
        tokens[-2] += "?" if question else rng.choice(".!")
        return tokens
    tokens[-1] += "?" if question else rng.choice("....!")
    return tokens


def transcript(n_words: int, seed: int) -> str:
    """A transcript of exactly ``n_words`` whitespace-separated tokens (speaker labels included)."""
    rng = random.Random(seed)
    paragraphs, left, turn = [], n_words, 0
    while left > 0:
        speaker = SPEAKERS[turn % 2]
        tokens = [f"{speaker}:"]
        left -= 1
        for _ in range(rng.randint(1, 2) if speaker == "Pewawancara" else rng.randint(2, 8)):
            if left <= 0:
                break
            size = min(rng.randint(5, 25), left)
            tokens += sentence(rng, size, question=speaker == "Pewawancara")
            left -= size
        paragraphs.append(" ".join(tokens))
        turn += 1
    return "\n\n".join(paragraphs) + "\n"


def write_transcripts(folder: str | Path, count: int, n_words: int, *, seed: int = 2024) -> list[Path]:
    """Write ``count`` transcripts as UTF-8 ``wawancara_0001.txt`` ... files; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"wawancara_{i + 1:04d}.txt"
        path.write_text(transcript(n_words, seed + i), encoding="utf-8")
        paths.append(path)
    return paths
