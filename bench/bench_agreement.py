"""Agreement report benchmark: agreement_report against the bare ``krippendorff`` package.

Data (generated with numpy, seeded, not timed): 200,000 sentence units in 200 documents
of 1,000 contiguous sentences (40-200 characters each) and a 40-code codebook. Coder A
carries each code on a unit with the code's own prevalence, drawn between 0.5 % and 8 %
(sparse, as real codes are). Coder B copies A's decision on 92 % of A's coded units and
adds a false positive on 0.3 % of the units A left uncoded, so B agrees with A most of
the time. Every present unit becomes one coding that covers at least half of the unit
(its start, and an end up to a third short of the unit's end), so the majority-rule
projection gives back exactly the generated presence (checked).

Timed (median of ``repeat`` each, same run):

- qualcode: ``agreement_report(codings, units, coders=["a", "b"], codes=40 codes,
  n_boot=500)``: the projection of the codings (678,311) onto the units *and* the full
  report (percent agreement, Cohen's kappa via scikit-learn, Krippendorff's alpha via the
  ``krippendorff`` package, 500-resample bootstrap interval per code, the pooled row).
  The projection alone is timed too and reported separately.
- baseline: ``krippendorff.alpha(reliability_data=X, level_of_measurement="nominal")`` for
  each of the 40 per-code 2 x 200,000 presence tables (the alpha point estimates only).
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd

from qualcode.analysis.agreement_report import agreement_report
from qualcode.analysis.units import presence_arrays

from .timing import measure


def generate(units: int = 200_000, codes: int = 40, documents: int = 200, seed: int = 5):
    """Units, codings and the generated presence (code -> 2 x units 0/1 array)."""
    rng = np.random.default_rng(seed)
    per_doc = units // documents
    lengths = rng.integers(40, 201, size=units)
    doc = np.repeat(np.arange(1, documents + 1), per_doc)
    ends = np.concatenate([np.cumsum(lengths[d * per_doc:(d + 1) * per_doc]) for d in range(documents)])
    starts = ends - lengths
    unit_frame = pd.DataFrame({"id": np.arange(1, units + 1), "document_id": doc, "start": starts, "end": ends})
    keys = [f"C{n + 1:02d}" for n in range(codes)]
    presence, parts = {}, []
    for key in keys:
        prevalence = rng.uniform(0.005, 0.08)
        a = rng.random(units) < prevalence
        b = np.where(a, rng.random(units) < 0.92, rng.random(units) < 0.003)
        presence[key] = np.stack([a, b]).astype(np.int8)
        for coder, row in (("a", a), ("b", b)):
            idx = np.flatnonzero(row)
            short = (rng.random(len(idx)) * lengths[idx] / 3).astype(np.int64)
            parts.append(pd.DataFrame({"document_id": doc[idx], "coder": coder, "code": key,
                                       "start": starts[idx], "end": ends[idx] - short}))
    codings = pd.concat(parts, ignore_index=True)
    return unit_frame, codings, keys, presence


def run(*, units: int = 200_000, codes: int = 40, repeat: int = 3, n_boot: int = 500) -> list[dict]:
    unit_frame, codings, keys, presence = generate(units, codes)
    _, arrays = presence_arrays(codings, unit_frame, coders=["a", "b"], codes=keys)
    for key in keys:  # the projection gives back the generated data
        assert np.array_equal(arrays[key], presence[key]), key
    print(f"agreement: 2 coders x {units:,} sentence units x {codes} codes, {len(codings):,} codings, "
          f"n_boot {n_boot}")
    report = measure(lambda _: agreement_report(codings, unit_frame, coders=["a", "b"], codes=keys,
                                                n_boot=n_boot), repeat=repeat)
    projection = measure(lambda _: presence_arrays(codings, unit_frame, coders=["a", "b"], codes=keys),
                         repeat=repeat)
    tables = [presence[key].astype(float) for key in keys]
    bare = measure(lambda _: [krippendorff.alpha(reliability_data=t, level_of_measurement="nominal")
                              for t in tables], repeat=repeat)
    frame = report.result.set_index("code")
    for key, value in zip(keys, bare.result, strict=True):
        assert np.isclose(frame.at[key, "alpha"], value), key
    ratio = report.median / bare.median
    print(f"  agreement_report (projection + report): median {report.median:.2f} s "
          f"(projection alone {projection.median:.2f} s); krippendorff.alpha x {codes}: median "
          f"{bare.median:.2f} s; ratio {ratio:.2f}x")
    label = (f"agreement_report, 2 coders x {units:,} sentence units x {codes} codes, projection of "
             f"{len(codings):,} codings included, n_boot {n_boot} (median of {repeat})")
    return [
        {"benchmark": "agreement", "measure": label, "qualcode": f"{report.median:.2f} s",
         "baseline": f"{bare.median:.2f} s, krippendorff.alpha (nominal) on the {codes} per-code tables",
         "ratio": f"{ratio:.2f}"},
        {"benchmark": "agreement", "measure": "of which: projection of the codings onto the units",
         "qualcode": f"{projection.median:.2f} s", "baseline": "", "ratio": ""},
    ]
