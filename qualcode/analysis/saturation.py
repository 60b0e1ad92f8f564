"""Saturation: how many new codes each further interview brings, and Guest, Namey & Chen's saturation ratio.

Two views of one question, both on interviews in the order they were done:

- the *cumulative curve*: after each interview, how many distinct codes (and distinct top-level codes, a
  sub-code counting for its top-level parent) have been used so far; a curve that flattens says later
  interviews bring little new;
- the *base size / run length / new-information threshold* method of Guest, Namey & Chen (2020), "A simple
  method to assess and report thematic saturation in qualitative research", PLoS ONE 15(5): e0232076,
  https://doi.org/10.1371/journal.pone.0232076.

The method's terms, as the paper defines them:

- **base size**: the first ``base`` interviews; the number of distinct codes in them is the denominator;
- **run length**: the ``run`` interviews after a point, in which new information is looked for;
- **new information**: the codes used in the run that no interview before the run used;
- **saturation ratio**: new codes in the run divided by the codes in the base;
- **new-information threshold**: saturation is reached at the first run whose ratio is at or below it
  (the paper's examples use 5% and 0%); the point reported is the last interview of that run.

The base stays fixed (the first ``base`` interviews, as in the paper's worked example: the denominator
does not change), while the run moves forward one interview at a time (interviews base+1..base+run, then
base+2..base+run+1, ...); what each run is compared with is everything before it.

Functions here take plain data (sets of code keys in interview order); :mod:`qualcode.project.saturation`
reads them from a project.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..errors import InputError

CURVE_COLUMNS = ["position", "new_codes", "cumulative_codes", "new_top_level", "cumulative_top_level",
                 "new_code_keys"]
RUN_COLUMNS = ["run_start", "run_end", "base_codes", "new_in_run", "ratio", "below_threshold"]


def check_parameters(base: int, run: int, threshold: float) -> tuple[int, int, float]:
    """The method's parameters, checked: ``base`` and ``run`` whole numbers of at least 1, ``threshold`` a
    proportion in [0, 1]. Raises InputError naming the field."""
    checked: list[int] = []
    for name, value in (("base", base), ("run", run)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value) or value < 1:
            raise InputError(f"{name} must be a whole number of interviews, at least 1; got {value!r}")
        checked.append(int(value))
    if (isinstance(threshold, bool) or not isinstance(threshold, int | float) or math.isnan(threshold)
            or not 0 <= threshold <= 1):
        raise InputError(f"threshold must be a proportion between 0 and 1 (0.05 = 5%); got {threshold!r}")
    return checked[0], checked[1], float(threshold)


def top_level(code: str, parents: Mapping[str, str | None]) -> str:
    """The top-level ancestor of ``code`` (itself for a top-level code or one the mapping does not know).

    >>> top_level("E1.2.a", {"E1.2.a": "E1.2", "E1.2": "E1", "E1": None})
    'E1'
    """
    seen = {code}
    while (parent := parents.get(code)) is not None and parent not in seen:
        seen.add(parent)
        code = parent
    return code


def cumulative_curve(code_sets: Sequence[Iterable[str]], parents: Mapping[str, str | None] | None = None
                     ) -> pd.DataFrame:
    """After each interview, in order: the codes it used for the first time and the distinct codes so far.

    Parameters
    ----------
    code_sets : sequence of iterables of str
        The code keys each interview used, in interview order.
    parents : mapping, optional
        Code key -> parent key (None for a top-level code); top-level counts treat every code as its
        top-level ancestor. Without it every code is its own top level.

    Returns
    -------
    DataFrame
        One row per interview: ``position`` (1-based), ``new_codes``, ``cumulative_codes``, ``new_top_level``,
        ``cumulative_top_level`` and ``new_code_keys`` (the new codes, sorted, comma-separated).

    Example
    -------
    >>> curve = cumulative_curve([{"A.1", "B"}, {"A.1", "A.2"}, {"B"}], {"A.1": "A", "A.2": "A"})
    >>> curve[["new_codes", "cumulative_codes", "new_top_level", "cumulative_top_level"]].values.tolist()
    [[2, 2, 2, 2], [1, 3, 0, 2], [0, 3, 0, 2]]
    """
    parents = parents or {}
    seen: set[str] = set()
    seen_top: set[str] = set()
    rows = []
    for position, codes in enumerate(code_sets, start=1):
        codes = set(codes)
        new = codes - seen
        tops = {top_level(c, parents) for c in codes}
        new_top = tops - seen_top
        seen |= codes
        seen_top |= tops
        rows.append((position, len(new), len(seen), len(new_top), len(seen_top), ", ".join(sorted(new))))
    return pd.DataFrame(rows, columns=CURVE_COLUMNS)


def saturation_runs(code_sets: Sequence[Iterable[str]], *, base: int = 4, run: int = 2,
                    threshold: float = 0.05) -> pd.DataFrame:
    """Guest, Namey & Chen's (2020) saturation ratio for each run after the base.

    Parameters
    ----------
    code_sets : sequence of iterables of str
        The code keys each interview used, in interview order.
    base : int
        Base size: the first ``base`` interviews; their distinct codes are the denominator (fixed).
    run : int
        Run length: the interviews each run spans; runs start at interview base+1 and move on by one.
    threshold : float
        New-information threshold as a proportion (0.05 = 5%).

    Returns
    -------
    DataFrame
        One row per run that fits in the interviews: ``run_start`` and ``run_end`` (1-based interview
        positions, inclusive), ``base_codes``, ``new_in_run`` (codes in the run used by no earlier interview),
        ``ratio`` (new_in_run / base_codes; missing when the base has no codes) and ``below_threshold``
        (ratio <= threshold). Empty when there are fewer than base + run interviews.

    Raises
    ------
    InputError
        ``base`` or ``run`` not a whole number >= 1, ``threshold`` outside [0, 1].

    Example
    -------
    >>> runs = saturation_runs([{"a", "b"}, {"c"}, {"a", "d"}, {"d"}, {"c"}], base=2, run=2, threshold=0.3)
    >>> runs[["run_start", "run_end", "base_codes", "new_in_run"]].values.tolist()
    [[3, 4, 3, 1], [4, 5, 3, 0]]
    """
    base, run, threshold = check_parameters(base, run, threshold)
    sets = [set(codes) for codes in code_sets]
    base_codes = len(set().union(*sets[:base]))
    rows = []
    for start in range(base, len(sets) - run + 1):  # 0-based index of the run's first interview
        before = set().union(*sets[:start])
        new = set().union(*sets[start:start + run]) - before
        ratio = len(new) / base_codes if base_codes else math.nan
        rows.append((start + 1, start + run, base_codes, len(new), ratio,
                     bool(base_codes) and ratio <= threshold))
    return pd.DataFrame(rows, columns=RUN_COLUMNS).astype(
        {"run_start": int, "run_end": int, "base_codes": int, "new_in_run": int, "ratio": float,
         "below_threshold": bool})


def saturation_point(runs: pd.DataFrame) -> int | None:
    """The last interview of the first run at or below the threshold; None when no run is (not reached)."""
    hit = runs[runs["below_threshold"]]
    return None if hit.empty else int(hit["run_end"].iloc[0])


def parameters_text(base: int, run: int, threshold: float) -> str:
    """The parameters in words, as a methods section states them.

    >>> parameters_text(4, 2, 0.05)
    'a base size of 4 interviews, a run length of 2 interviews and a new-information threshold of 5%'
    """
    def interviews(n: int) -> str:
        return f"{n} interview" + ("" if n == 1 else "s")
    return (f"a base size of {interviews(base)}, a run length of {interviews(run)} and a new-information "
            f"threshold of {threshold * 100:g}%")


def statement(*, interviews: int, order: str, base: int, run: int, threshold: float, saturated_at: int | None,
              codes_total: int) -> str:
    """One English sentence stating the method's parameters and its result.

    >>> statement(interviews=12, order="in import order", base=4, run=2, threshold=0.05, saturated_at=8,
    ...           codes_total=30)  # doctest: +NORMALIZE_WHITESPACE
    'Saturation was assessed with the method of Guest, Namey and Chen (2020) on 12 interviews in import order,
    with a base size of 4 interviews, a run length of 2 interviews and a new-information threshold of 5%: it
    was reached at interview 8 (30 distinct codes in all).'
    """
    params = parameters_text(base, run, threshold)
    head = (f"Saturation was assessed with the method of Guest, Namey and Chen (2020) on {interviews} "
            f"interview{'' if interviews == 1 else 's'} {order}, with {params}")
    if interviews < base + run:
        result = f"too few interviews to judge it (the method needs at least {base + run})"
    elif saturated_at is None:
        result = "it was not reached"
    else:
        result = f"it was reached at interview {saturated_at}"
    codes = f"{codes_total} distinct code{'' if codes_total == 1 else 's'} in all"
    return f"{head}: {result} ({codes})."
