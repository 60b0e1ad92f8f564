"""The code tree as a table: indented keys, names in the UI language, colour swatches, own and rolled-up counts.

Shared by the Overview and the Codebook page.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from qualcode.codebook import COLOR_RE

from .state import lang, tr


def name_column() -> str:
    return "name_alt" if lang() == "id" else "name"


def tree_frame(codes: pd.DataFrame) -> pd.DataFrame:
    """Codes in tree order: indented key, name in the UI language, colour, own and rolled-up counts, definition."""
    parents = dict(zip(codes["key"], codes["parent"], strict=True))
    total = dict.fromkeys(codes["key"], 0)
    for key, own in zip(codes["key"], codes["codings"], strict=True):
        node = key
        while isinstance(node, str):
            total[node] += int(own)
            node = parents.get(node)

    def depth(key: str) -> int:
        d, node = 0, parents.get(key)
        while isinstance(node, str):
            d, node = d + 1, parents.get(node)
        return d

    names = codes[name_column()].where(codes[name_column()].notna() & (codes[name_column()] != ""), codes["name"])
    return pd.DataFrame({
        tr("col_key"): ["\u2003" * depth(k) + k for k in codes["key"]],
        tr("col_name"): names.tolist(),
        tr("col_color"): codes["color"].tolist(),
        tr("col_codings"): codes["codings"].astype(int).tolist(),
        tr("col_codings_total"): [total[k] for k in codes["key"]],
        tr("col_definition"): codes["definition"].tolist(),
    })


def swatch(color: Any) -> str:
    """CSS for a colour cell: the colour itself, for valid #RGB/#RRGGBB values only."""
    return f"background-color: {color}; color: {color}" if isinstance(color, str) and COLOR_RE.match(color) else ""
