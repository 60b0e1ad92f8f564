"""An import killed at any moment (SIGKILL: no cleanup runs) leaves a sound project in which every
document is either complete or absent, never half there."""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

DOCUMENTS = 4
TURNS = 2500  # about 700,000 characters and 8,000 sentences per document
KILL_AT = (0.1, 0.35, 0.6, 0.85)  # fractions of the time a complete import takes

# A launcher loads qualcode and spaCy once, then forks one child per `qualcode import ...` line it
# reads: each import starts at once (a fresh interpreter takes seconds), so the kills land in
# the import itself. It answers with the child's pid, then with its exit status.
LAUNCHER = textwrap.dedent(
    """\
    import os, sys
    from qualcode import segment
    from qualcode.cli import main

    segment.pipeline("id")
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            try:
                main(line.rstrip("\\n").split("\\t"), prog_name="qualcode", standalone_mode=False)
                os._exit(0)
            except BaseException:
                os._exit(1)
        print(pid, flush=True)
        print(os.waitpid(pid, 0)[1], flush=True)
    """
)

WORDS = ("koordinasi dinas sosial data warga miskin layanan standar pelayanan minimal kabupaten lembaga "
         "kesejahteraan program bantuan rapat desa kecamatan anggaran forum").split()


def transcript(seed: int) -> str:
    rng = random.Random(seed)
    turns = []
    for i in range(TURNS):
        speaker = "Pewawancara" if i % 2 == 0 else "Informan"
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 14))).capitalize() + rng.choice(".?!")
                     for _ in range(rng.randint(1, 6))]
        turns.append(f"{speaker}: {' '.join(sentences)}")
    return "\n\n".join(turns) + "\n"


def import_args(mode: str, project: Path, folder: Path) -> list[str]:
    if mode == "manifest":  # one transaction for all the files
        return ["import", str(project), "--manifest", str(folder / "manifest.csv")]
    return ["import", str(project), *(str(p) for p in sorted(folder.glob("*.txt")))]  # one per file


class Launcher:
    """The launcher process; :meth:`start` begins an import and returns the pid of the process doing it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", LAUNCHER], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)

    def start(self, mode: str, project: Path, folder: Path) -> int:
        Project.create(project).close()
        self.process.stdin.write("\t".join(import_args(mode, project, folder)) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def wait(self) -> int:
        """The wait status of the import started last, once it has ended."""
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.process.stdout.close()


def kill(pid: int) -> bool:
    """SIGKILL the import; False when it had already finished (and been reaped by the launcher)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def contents(project: Path) -> dict[str, tuple]:
    """Per document name: its text, stored hash and units (without ids)."""
    with Project.open(project) as p:
        found = {}
        for name in p.documents()["name"]:
            doc = p.document(name)
            units = p.units(name)[["kind", "idx", "start", "end", "speaker"]]
            found[name] = (doc["text"], doc["sha256"], [tuple(u) for u in units.itertuples(index=False)])
        return found


@pytest.fixture(scope="module")
def launcher():
    started = Launcher()
    yield started
    started.close()


@pytest.fixture(scope="module")
def generated(launcher: Launcher, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple], float]:
    """The transcripts, what a complete import stores for each, and how long a complete import takes."""
    folder = tmp_path_factory.mktemp("large")
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "source_type", "language"])
        for n in range(DOCUMENTS):
            (folder / f"interview-{n}.txt").write_text(transcript(n), encoding="utf-8")
            writer.writerow([f"interview-{n}.txt", "interview", "id"])
    reference = folder / "reference.qualcode"
    launcher.start("files", reference, folder)
    started = time.monotonic()
    assert launcher.wait() == 0
    took = time.monotonic() - started
    complete = contents(reference)
    assert len(complete) == DOCUMENTS
    return folder, complete, took


@pytest.mark.parametrize("mode", ["files", "manifest"])
def test_killed_import_leaves_each_document_whole_or_absent(launcher: Launcher, generated, mode: str,
                                                            tmp_path: Path):
    folder, complete, took = generated
    assert took > 0.5, f"a complete import took only {took:.2f} s; make the documents larger"
    interrupted = 0
    for n, fraction in enumerate(KILL_AT):
        project = tmp_path / f"killed-{n}.qualcode"
        pid = launcher.start(mode, project, folder)
        time.sleep(took * fraction)
        interrupted += kill(pid)
        launcher.wait()

        result = CliRunner().invoke(main, ["check", str(project)])
        assert result.exit_code == 0, f"killed after {took * fraction:.2f} s: {result.output}"
        assert result.output == "ok: no problems found\n"
        found = contents(project)
        assert set(found) <= set(complete)
        for name, stored in found.items():
            assert stored == complete[name], f"{name} differs from a complete import"
        if mode == "manifest":
            assert len(found) in (0, DOCUMENTS)  # one transaction: all or nothing
    assert interrupted > 0, "every import had finished before it was killed"
