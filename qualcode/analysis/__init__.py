"""Pure analysis functions over DataFrames: triangulation matrices, co-occurrence, charts.

Nothing here touches SQLite or Streamlit: the functions take the frames that
:class:`qualcode.project.Project` returns (``codings()``, ``codes()``,
``informants()``, ``units()``) and return plain DataFrames or Altair charts.
"""

from __future__ import annotations

from .cooccurrence import cooccurrence
from .triangulation import AXES, MEASURES, PATTERNS, cell_codings, code_matrix, coverage

__all__ = ["AXES", "MEASURES", "PATTERNS", "cell_codings", "code_matrix", "cooccurrence", "coverage"]
