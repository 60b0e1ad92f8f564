"""Missing values read from DataFrame cells, made safe to show.

Under pandas 3 a missing text cell is NaN (the default string dtype) or ``pd.NA``, not None:
``cell or ""`` keeps NaN (NaN is truthy) and ``bool(pd.NA)`` raises. Tables need none of this:
every st.dataframe / st.data_editor passes ``placeholder=""``, so a missing cell shows empty.
"""

from __future__ import annotations

from typing import Any

import pandas as pd


def missing(value: Any) -> bool:
    """True for None, NaN, ``pd.NA`` and ``NaT``; False for anything else, lists included."""
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def text(value: Any) -> str:
    """``value`` as text, or ``""`` when it is missing."""
    return "" if missing(value) else str(value)
