"""Many processes on one project file: no write is lost, no reader sees half a batch, and a
writer that cannot get the lock gets ProjectBusyError with the project left as it was.

Spawned workers import this module, so its top-level imports stay light (no conftest).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import traceback
import types
from pathlib import Path

import pytest

from qualcode.errors import ProjectBusyError
from qualcode.project import CodingSpec, Project
from qualcode.store import base

WRITERS = 8
SINGLES = 500  # add_coding calls per writer, each its own transaction
BATCHES = 20  # add_codings calls of BATCH_SIZE per writer, interleaved with the singles
BATCH_SIZE = 5
DOCUMENT = "I-01_wawancara"
JOIN_TIMEOUT_S = 900  # only a guard against a hung worker, not a performance limit


def _coder(worker: int) -> str:
    return f"writer-{worker}"


def _writer(path: str, worker: int, text_length: int, start: object, results: object) -> None:
    """Add SINGLES codings one call each and BATCHES batches, then report None or the traceback."""
    try:
        with Project.open(path) as project:
            start.wait(timeout=120)
            every = SINGLES // BATCHES
            starts = text_length - 10
            for n in range(SINGLES):
                # every span of one writer differs (the API refuses the same coder, code and span twice)
                offset, length = (worker * 31 + n) % starts, 1 + n // starts
                project.add_coding(DOCUMENT, offset, offset + length, "A", _coder(worker))
                if n % every == every - 1:
                    batch = n // every
                    project.add_codings([
                        CodingSpec(DOCUMENT, k, k + 3 + batch, "B", _coder(worker), memo=f"w{worker}-b{batch}")
                        for k in range(BATCH_SIZE)
                    ])
        results.put(("writer", worker, None))
    except BaseException:
        results.put(("writer", worker, traceback.format_exc()))


def _reader(path: str, start: object, stop: object, results: object) -> None:
    """Read all codings in a loop until told to stop; report reads, partial batches seen, any error."""
    reads, in_between, partial = 0, 0, []
    try:
        with Project.open(path) as project:
            start.wait(timeout=120)
            while not stop.is_set():
                codings = project.codings()
                reads += 1
                in_between += 0 < len(codings) < WRITERS * (SINGLES + BATCHES * BATCH_SIZE)
                sizes = codings[codings["memo"].notna()].groupby("memo").size()
                partial += [f"{memo}: {n} of {BATCH_SIZE}" for memo, n in sizes.items() if n != BATCH_SIZE]
        results.put(("reader", (reads, in_between, partial), None))
    except BaseException:
        results.put(("reader", (reads, in_between, partial), traceback.format_exc()))


@pytest.fixture
def shared(project, transcript) -> Path:
    """A project file on disk with one document, closed so that only the workers hold it."""
    project.import_document(transcript, informant="I-01")
    path = project.path
    project.close()
    return path


def test_parallel_writers_lose_nothing_and_reader_sees_whole_batches(shared, transcript):
    ctx = multiprocessing.get_context("spawn")
    start, stop, results = ctx.Barrier(WRITERS + 1), ctx.Event(), ctx.Queue()
    text_length = len(transcript.read_text(encoding="utf-8"))
    writers = [ctx.Process(target=_writer, args=(str(shared), w, text_length, start, results))
               for w in range(WRITERS)]
    reader = ctx.Process(target=_reader, args=(str(shared), start, stop, results))
    for process in [*writers, reader]:
        process.start()
    try:
        reports = [results.get(timeout=JOIN_TIMEOUT_S) for _ in writers]
        stop.set()
        reports.append(results.get(timeout=JOIN_TIMEOUT_S))
    finally:
        stop.set()
        for process in [*writers, reader]:
            process.join(timeout=60)
            if process.is_alive():
                process.kill()
    errors = [f"{kind} {who}:\n{error}" for kind, who, error in reports if error]
    assert not errors, "\n".join(errors)
    assert all(p.exitcode == 0 for p in [*writers, reader])
    (reads, in_between, partial), = [who for kind, who, _ in reports if kind == "reader"]
    assert partial == []
    assert reads > 0 and in_between > 0, "the reader should have read while the writers were busy"

    with Project.open(shared) as project:
        codings = project.codings()
        singles = codings[codings["memo"].isna()]
        assert len(singles) == WRITERS * SINGLES == 4000
        assert singles.groupby("coder").size().to_dict() == {_coder(w): SINGLES for w in range(WRITERS)}
        batched = codings[codings["memo"].notna()]
        assert batched.groupby("coder").size().to_dict() == {_coder(w): BATCHES * BATCH_SIZE for w in range(WRITERS)}
        assert set(batched.groupby("memo").size()) == {BATCH_SIZE}
        assert project.check() == []


def _hold_write_lock(path: str, holding: object, release: object) -> None:
    """Another process in the middle of a long write transaction (one coding added, not committed)."""
    with Project.open(path) as project, project.store.atomic():
        project.add_coding(DOCUMENT, 0, 5, "A", "slow writer")
        holding.set()
        release.wait(timeout=120)


def test_read_is_not_blocked_by_a_long_write_in_another_process(shared, monkeypatch):
    monkeypatch.setattr(base, "BUSY_TIMEOUT_MS", 0)  # a read that had to wait for a lock would fail at once
    ctx = multiprocessing.get_context("spawn")
    holding, release = ctx.Event(), ctx.Event()
    writer = ctx.Process(target=_hold_write_lock, args=(str(shared), holding, release))
    writer.start()
    try:
        assert holding.wait(timeout=120)
        with Project.open(shared) as project:
            assert len(project.codings()) == 0  # the uncommitted coding is not visible
            assert project.info()["documents"] == 1
            release.set()
            writer.join(timeout=120)
            assert writer.exitcode == 0
            assert project.codings()["coder"].tolist() == ["slow writer"]
    finally:
        release.set()
        writer.join(timeout=60)
        if writer.is_alive():
            writer.kill()


def test_atomic_holds_the_write_lock_from_its_start(project):
    """BEGIN IMMEDIATE: no other writer can commit between the transaction's reads and writes."""
    other = sqlite3.connect(project.path, timeout=0)
    try:
        with project.store.atomic():
            project.groups()  # only a read so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
    finally:
        other.close()


@pytest.fixture
def short_waits(monkeypatch):
    """Busy timeout and retry pause made short, for projects opened after this fixture."""
    monkeypatch.setattr(base, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(base, "BEGIN_RETRY_PAUSE_S", (0.001, 0.005))


def test_writer_that_cannot_get_the_lock_gets_project_busy_error(shared, short_waits):
    from .conftest import snapshot

    holder = sqlite3.connect(shared, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(shared) as project:
            before = snapshot(shared)
            with pytest.raises(ProjectBusyError) as info:
                project.add_coding(DOCUMENT, 0, 5, "A", "rina")
            assert not isinstance(info.value, sqlite3.Error)
            assert "the project file is busy" in str(info.value)
            assert "try again" in str(info.value)
            assert str(shared) in str(info.value)
            assert not project.store.conn.in_transaction
            holder.execute("ROLLBACK")
            assert snapshot(shared) == before
            project.add_coding(DOCUMENT, 0, 5, "A", "rina")  # the same connection works once the lock is free
            assert len(project.codings()) == 1
    finally:
        holder.close()


def test_begin_is_retried_after_a_busy_attempt(shared, short_waits, monkeypatch):
    """The first BEGIN IMMEDIATE times out; the lock is freed during the pause; the retry succeeds."""
    holder = sqlite3.connect(shared, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    pauses = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if holder.in_transaction:
            holder.execute("ROLLBACK")

    monkeypatch.setattr(base, "time", types.SimpleNamespace(monotonic=base.time.monotonic, sleep=pause))
    try:
        with Project.open(shared) as project:
            project.add_coding(DOCUMENT, 0, 5, "A", "rina")
            assert len(project.codings()) == 1
        assert len(pauses) == 1 and 0.001 <= pauses[0] <= 0.005
    finally:
        holder.close()
