"""A short spoken interview made in the test with espeak-ng: one WAV of every turn in order, with a second of
silence between turns, and the turns' times computed from the WAV headers (stdlib ``wave``), independently of
qualcode."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(ESPEAK is None, reason="needs Debian's espeak-ng (installed by .ci/run)")

TURNS = [
    ("Pewawancara", "Good morning. How is the coordination with the social office?"),
    ("Informan", "It is rare. We mostly talk on WhatsApp."),
    ("Pewawancara", "And is the welfare data correct?"),
    ("Informan", "Not yet. Many poor families are missing from it."),
]
GAP = 1.0  # seconds of silence between turns


def record(folder: Path, turns: list[tuple[str, str]] = TURNS) -> tuple[Path, list[tuple[float, float]]]:
    """Speak ``turns`` into ``folder/interview.wav``; returns its path and each turn's (start, end) seconds."""
    frames: list[bytes] = []
    times: list[tuple[float, float]] = []
    params = None
    position = 0.0
    for n, (_, words) in enumerate(turns):
        part = folder / f"turn{n}.wav"
        subprocess.run([ESPEAK or "espeak-ng", "-w", str(part), words], check=True, capture_output=True)
        with wave.open(str(part), "rb") as sound:
            params = sound.getparams()
            rate = sound.getframerate()
            data = sound.readframes(sound.getnframes())
            length = sound.getnframes() / rate
        if n:
            silence = int(GAP * rate)
            frames.append(b"\0" * silence * params.sampwidth * params.nchannels)
            position += silence / rate
        times.append((round(position, 3), round(position + length, 3)))
        frames.append(data)
        position += length
        part.unlink()
    path = folder / "interview.wav"
    assert params is not None
    with wave.open(str(path), "wb") as out:
        out.setnchannels(params.nchannels)
        out.setsampwidth(params.sampwidth)
        out.setframerate(params.framerate)
        out.writeframes(b"".join(frames))
    return path, times


def clock(seconds: float, *, millis: bool = True, sep: str = ".") -> str:
    """83.25 -> '00:01:23.250' (or '00:01:23' without millis)."""
    whole = int(seconds)
    text = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return text + f"{sep}{round((seconds - whole) * 1000):03d}" if millis else text


def write_vtt(path: Path, times: list[tuple[float, float]], turns: list[tuple[str, str]] = TURNS) -> Path:
    cues = [f"{clock(s)} --> {clock(e)}\n<v {speaker}>{words}" for (s, e), (speaker, words) in zip(times, turns,
                                                                                                 strict=True)]
    path.write_text("WEBVTT\n\n" + "\n\n".join(cues) + "\n", encoding="utf-8")
    return path
