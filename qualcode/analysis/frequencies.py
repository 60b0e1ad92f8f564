"""Code frequencies: per code, how many codings, documents and informants, overall and per informant group.

The counts a results section reports beside its quotes ("trust was coded 23 times in 9 interviews, by
informants of all three groups"). Codings are counted as they are: when several coders are pooled, a
passage two coders coded counts twice. Documents and informants are counted once each, however many
codings they hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from ..errors import InputError

MEASURES = ("codings", "documents", "informants")
#: Per group, documents are left out: a group's documents are its informants' interviews, which almost always
#: number as many as its informants (documents without an informant belong to no group).
GROUP_MEASURES = ("codings", "informants")


def frequency_columns(groups: Sequence[str]) -> list[str]:
    """The columns of :func:`code_frequencies` for these groups.

    >>> frequency_columns(["community"])
    ['code', 'codings', 'documents', 'informants', 'community codings', 'community informants']
    """
    return ["code", *MEASURES, *(f"{group} {measure}" for group in groups for measure in GROUP_MEASURES)]


def code_frequencies(codings: pd.DataFrame, codes: Sequence[str], *, groups: Sequence[str] = (),
                     parents: Mapping[str, str | None] | None = None, rollup: bool = False) -> pd.DataFrame:
    """Per code (one row each, in the order of ``codes``, zero where a code is not used): the number of
    codings, of documents with one, and of informants with one; then per group, codings and informants.

    Parameters
    ----------
    codings : DataFrame
        One row per coding with ``code``, ``document``, ``informant`` and ``group`` (missing for a
        document without informant); the frame of :meth:`Project.codings`.
    codes : sequence of str
        Code keys, the rows in order (codebook order). Codings of other codes are not counted.
    groups : sequence of str
        Group keys, each getting the columns ``"{group} codings"`` and ``"{group} informants"`` (codings
        of informants in that group only; see :data:`GROUP_MEASURES` on why not documents).
    parents : mapping, optional
        Code key -> parent key (None for a top-level code); needed for ``rollup``.
    rollup : bool
        A code also counts the codings of its sub-codes at every depth; its documents and informants
        are those with a coding of the code or of any sub-code (each counted once). Every code keeps
        its row, so a column's sum counts a sub-code's codings again in its parents.

    Returns
    -------
    DataFrame
        Columns :func:`frequency_columns`; ``code`` holds the keys, the rest integers.

    Example
    -------
    >>> codings = pd.DataFrame({"code": ["A.1", "A.1", "A.2"], "document": ["d1", "d2", "d2"],
    ...                         "informant": ["I-1", "I-2", "I-2"], "group": ["g", "h", "h"]})
    >>> table = code_frequencies(codings, ["A", "A.1", "A.2"], groups=["g"], parents={"A.1": "A", "A.2": "A"},
    ...                          rollup=True)
    >>> table.set_index("code")[["codings", "documents", "informants", "g codings"]].values.tolist()
    [[3, 2, 2, 1], [2, 2, 2, 1], [1, 1, 1, 0]]
    """
    missing = [c for c in ("code", "document", "informant", "group") if c not in codings.columns]
    if missing:
        raise InputError(f"codings lack column(s) {', '.join(missing)} needed for code frequencies")
    keys = list(dict.fromkeys(codes))
    data = codings[["code", "document", "informant", "group"]]
    data = data[data["code"].isin(keys)]
    if rollup:
        if parents is None:
            raise InputError("rolling sub-codes up into their parents needs the codes' parents (parents=...)")
        data = _with_ancestors(data, parents)
    out = pd.DataFrame({"code": keys})
    parts = [("", data)] + [(f"{group} ", data[data["group"] == group]) for group in groups]
    for prefix, part in parts:
        grouped = part.groupby("code")
        counts = {"codings": grouped.size(), "documents": grouped["document"].nunique(),
                  "informants": grouped["informant"].nunique()}  # nunique leaves out missing informants
        for measure in GROUP_MEASURES if prefix else MEASURES:
            out[prefix + measure] = counts[measure].reindex(keys, fill_value=0).astype(int).to_numpy()
    return out[frequency_columns(groups)]


def _with_ancestors(data: pd.DataFrame, parents: Mapping[str, str | None]) -> pd.DataFrame:
    """Each coding once for its own code and once for each ancestor of its code."""

    def lineage(key: str) -> list[str]:
        chain = [key]
        parent = parents.get(key)
        while parent is not None and parent not in chain:  # a parent loop in a damaged codebook ends here
            chain.append(parent)
            parent = parents.get(parent)
        return chain

    lines = {key: lineage(key) for key in data["code"].unique()}
    return data.assign(code=data["code"].map(lines)).explode("code", ignore_index=True)
