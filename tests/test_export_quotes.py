"""Quote table: grouped by code then group, citation labels with line numbers; and the export catalog."""

from __future__ import annotations

import pandas as pd
import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.export.quotes import QUOTE_COLUMNS, check_citation, quote_table
from qualcode.project import Project
from qualcode.project.catalog import CATALOG, export_table
from qualcode.spans import line_of


@pytest.fixture(scope="module")
def demo(demo_path):
    p = Project.open(demo_path)
    yield p
    p.close()


def test_demo_quotes_grouped_by_code_then_group(demo):
    table = export_table(demo, "quotes")
    frame = table.frame
    assert list(frame.columns) == QUOTE_COLUMNS
    assert len(frame) == len(demo.codings())
    code_rank = {k: i for i, k in enumerate(demo.codes()["key"])}
    group_rank = {k: i for i, k in enumerate(demo.groups()["key"])}
    keys = [(code_rank[c], group_rank.get(g, len(group_rank)))
            for c, g in zip(frame["code"], frame["group"], strict=True)]
    assert keys == sorted(keys)
    # within a code, the groups come in project order and documents without informant last
    first = frame[frame["code"] == frame["code"].iloc[0]]
    assert first["group"].iloc[0] == "community"
    assert table.title and "coded passages" in table.caption


def test_demo_citation_labels_and_lines(demo):
    frame = export_table(demo, "quotes").frame
    c = demo.codings()
    for row in frame[frame["informant"].notna()].head(40).itertuples():
        text = demo.document(row.document)["text"]
        match = c[(c["document"] == row.document) & (c["code"] == row.code) & (c["coder"] == row.coder)
                  & (c["quote"] == row.quote)].iloc[0]
        start, end = int(match["start"]), int(match["end"])
        assert text[start:end] == row.quote
        assert row.line_start == line_of(text, start) and row.line_end == line_of(text, end - 1)
        assert row.citation == f"({row.informant}, {row.group}, {cited_lines(row.line_start, row.line_end)})"
    observed = frame[frame["informant"].isna()]
    assert len(observed)  # observations and documents cite their name and source type
    row = observed.iloc[0]
    name = row["document"].replace("(", "[").replace(")", "]")  # no brackets within brackets
    assert row["citation"] == f"({name}, {row['source_type']}, {cited_lines(row['line_start'], row['line_end'])})"


def cited_lines(first: int, last: int) -> str:
    return f"l. {first}" if first == last else f"ll. {first}\u2013{last}"


def test_citations_one_line_a_range_display_names_and_no_nested_brackets(demo):
    frame = export_table(demo, "quotes", citation="({informant}, {group_name}, {lines})").frame
    labels = frame["citation"].tolist()
    assert "(I-01, Community and stakeholders, l. 29)" in labels  # one line: "l.", no "29-29"
    assert not any(" l. " in c and "-" in c.split(" l. ")[1] for c in labels)  # a range is "ll. 1–3" (pure test)
    for label in labels:  # "(DOC-01 LKIP 2020 (kutipan), ...)" had brackets within brackets
        assert label.count("(") == label.count(")") == 1 and label[0] == "(" and label[-1] == ")"
    assert "(DOC-01 LKIP 2020 [kutipan], document, l. 11)" in labels


def test_custom_citation_coders_and_document(demo):
    doc = demo.documents()["name"].iloc[0]
    frame = export_table(demo, "quotes", coders=["rina"], document=doc, citation="[{informant} {line_start}]").frame
    assert set(frame["coder"]) == {"rina"} and set(frame["document"]) == {doc}
    assert frame["citation"].str.fullmatch(r"\[I-01 \d+\]").all()
    with pytest.raises(InputError, match=r"unknown field \{page\} in citation template"):
        export_table(demo, "quotes", citation="({page})")


def test_quote_table_pure():
    text = "Baris satu\nPewawancara: & 50% \"DTKS\" 😅\nakhir\n"
    start = text.index("&")
    codings = pd.DataFrame({
        "code": ["B", "A", "A"], "code_name": ["b", "a", "a"], "group": [None, "g2", "g1"],
        "informant": [None, "I-02", "I-01"], "document": ["d"] * 3, "source_type": ["observation", "interview",
                                                                                      "interview"],
        "coder": ["x"] * 3, "start": [0, start, start], "end": [len(text) - 1, len(text) - 7, len(text) - 6],
        "quote": ["q1", "q2", "q3"]})
    frame = quote_table(codings, {"d": text}, code_order=["A", "B"], group_order=["g1", "g2"])
    assert list(frame["quote"]) == ["q3", "q2", "q1"]
    assert list(frame["citation"]) == ["(I-01, g1, l. 2)", "(I-02, g2, l. 2)", "(d, observation, ll. 1\u20133)"]
    assert quote_table(codings.head(0), {}).columns.tolist() == QUOTE_COLUMNS
    assert check_citation("{code}: {coder}") == "{code}: {coder}"
    with pytest.raises(InputError, match="bad citation template"):
        check_citation("({informant")


def test_catalog_tables_on_demo(demo):
    assert set(CATALOG) == {"codings", "quotes", "matrix", "framework", "agreement", "codebook", "transcript"}
    lines = export_table(demo, "transcript", document="I-01 Ketua LKS", coders=["rina"])
    text = demo.document("I-01 Ketua LKS")["text"]
    assert list(lines.frame.columns) == ["line", "text", "codes"] and "\n".join(lines.frame["text"]) == text
    assert lines.frame["codes"].str.len().gt(0).any() and lines.title == "I-01 Ketua LKS"
    codings = export_table(demo, "codings", coders=["budi"]).frame
    assert set(codings["coder"]) == {"budi"} and "document_id" not in codings
    matrix = export_table(demo, "matrix", by="source_type", measure="segments", rollup=True)
    assert list(matrix.frame.columns[:3]) == ["interview", "observation", "document"]
    assert all("." not in k for k in matrix.frame.index)
    framework = export_table(demo, "framework").frame
    assert framework.index.name == "informant" and len(framework) == 13
    agreement = export_table(demo, "agreement", coders=["rina", "budi"], unit="turn")
    assert "kappa" in agreement.frame.columns and "Documents compared" in agreement.notes
    book = export_table(demo, "codebook").frame
    assert list(book.columns) == ["key", "name", "name_alt", "definition", "include", "exclude", "example",
                                  "codings"]
    codes = demo.codes().set_index("key")
    children = codes.index[codes["parent"] == "E1"]
    assert book.set_index("key").at["E1", "codings"] == codes.loc[children, "codings"].sum() + codes.at["E1",
                                                                                                     "codings"]
    assert book["codings"].sum() > len(demo.codings())  # parents count their sub-codes again


def test_catalog_errors(demo):
    with pytest.raises(InputError, match="unknown table 'pdf'; allowed: codings, quotes"):
        export_table(demo, "pdf")
    with pytest.raises(InputError, match="option unit does not apply to table 'codings'; it takes: coders, document"):
        export_table(demo, "codings", unit="turn")
    with pytest.raises(InputError, match="needs two or more coders"):
        export_table(demo, "agreement")
    with pytest.raises(NotFoundError):
        export_table(demo, "codings", coders=["nobody"])
