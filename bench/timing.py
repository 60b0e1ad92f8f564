"""A small timer: run a function k times with time.perf_counter and keep every run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Seconds of each run, the value the last run returned, and best/median summaries."""

    runs: tuple[float, ...]
    result: Any = None

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def measure(fn: Callable[[Any], Any], *, repeat: int = 3, setup: Callable[[], Any] | None = None,
            teardown: Callable[[Any], None] | None = None) -> Timing:
    """Time ``fn(setup())`` ``repeat`` times; setup and teardown run outside the timed part.

    Example
    -------
    >>> t = measure(lambda _: sum(range(1000)), repeat=5)
    >>> len(t.runs), t.result
    (5, 499500)
    """
    runs, result = [], None
    for _ in range(max(1, repeat)):
        arg = setup() if setup else None
        t0 = time.perf_counter()
        result = fn(arg)
        runs.append(time.perf_counter() - t0)
        if teardown:
            teardown(arg)
    return Timing(tuple(runs), result)
