"""Quote table: one row per passage grouped by code then group, coders and memos, citation labels with line
or sentence numbers; and the export catalog."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing

import pandas as pd
import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.export.quotes import QUOTE_COLUMNS, check_citation, quote_columns, quote_table
from qualcode.project import Project
from qualcode.project.catalog import CATALOG, export_table
from qualcode.spans import line_of

from .conftest import one_document_project


@pytest.fixture(scope="module")
def demo(demo_path):
    p = Project.open(demo_path)
    yield p
    p.close()


def test_demo_quotes_grouped_by_code_then_group(demo):
    table = export_table(demo, "quotes")
    frame = table.frame
    # the exemplar column only once a passage is flagged (none is in the demo)
    assert not demo.codings()["exemplar"].any()
    assert list(frame.columns) == quote_columns(reference="sentence", exemplar=False)
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
    frame = export_table(demo, "quotes", reference="line", times=True).frame
    # the demo's leadership transcripts carry [hh:mm:ss] markers, so their passages have times
    assert list(frame.columns) == [*quote_columns(reference="line", exemplar=False), "time_start", "time_end"]
    c = demo.codings()
    timed = 0
    for row in frame[frame["informant"].notna()].itertuples():
        text = demo.document(row.document)["text"]
        match = c[(c["document"] == row.document) & (c["code"] == row.code)
                  & (c["coder"] == row.coders.split(", ")[0]) & (c["quote"] == row.quote)].iloc[0]
        start, end = int(match["start"]), int(match["end"])
        assert text[start:end] == row.quote
        # the time of the last "[hh:mm:ss]" marker before the passage: its turn's start in the recording
        markers = [(m.start(), int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3]))
                   for m in re.finditer(r"^\[(\d\d):(\d\d):(\d\d)\]", text, re.MULTILINE)]
        before = [seconds for at, seconds in markers if at <= start]
        if before:
            timed += 1
            assert row.time_start == before[-1]
        else:
            assert pd.isna(row.time_start)
        assert row.line_start == line_of(text, start) and row.line_end == line_of(text, end - 1)
        assert row.citation == f"({row.informant}, {row.group}, {cited_lines(row.line_start, row.line_end)})"
    assert timed  # the demo's leadership interviews are timed
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
    assert set(frame["coders"]) == {"rina"} and set(frame["document"]) == {doc}
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
    assert set(CATALOG) == {"codings", "quotes", "matrix", "framework", "agreement", "codebook", "transcript",
                            "frequencies", "cooccurrence", "codebook-log"}
    lines = export_table(demo, "transcript", document="I-01 Ketua LKS", coders=["rina"])
    text = demo.document("I-01 Ketua LKS")["text"]
    assert list(lines.frame.columns) == ["line", "text", "codes"] and "\n".join(lines.frame["text"]) == text
    assert lines.frame["codes"].str.len().gt(0).any() and lines.title == "I-01 Ketua LKS"
    codings = export_table(demo, "codings", coders=["budi"]).frame
    assert set(codings["coder"]) == {"budi"} and "document_id" not in codings
    matrix = export_table(demo, "matrix", by="source_type", measure="segments", rollup=True)
    assert list(matrix.frame.columns[:4]) == ["name", "interview", "observation", "document"]
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


# -- passages, coders, memos ----------------------------------------------------------------------------------

def passages_of(codings: pd.DataFrame) -> dict[tuple, list]:
    """(code, document, start, end) -> the codings of that passage, counted with plain Python."""
    found: dict[tuple, list] = {}
    for row in codings.itertuples():
        found.setdefault((row.code, row.document, int(row.start), int(row.end)), []).append(row)
    return found


def test_pooled_quote_table_has_one_row_per_passage_with_its_coders(demo):
    codings = demo.codings()
    passages = passages_of(codings)
    assert len(passages) < len(codings)  # the demo's two coders share passages: rows would repeat
    # a passage's quote names it within its code and document (so the table needs no offsets to be checked)
    by_quote = {(code, doc, rows[0].quote): sorted({r.coder for r in rows})
                for (code, doc, _, _), rows in passages.items()}
    assert len(by_quote) == len(passages)
    frame = export_table(demo, "quotes").frame
    assert len(frame) == len(passages)
    assert not frame.duplicated(["code", "document", "quote"]).any()
    got = {(r.code, r.document, r.quote): r.coders for r in frame.itertuples()}
    assert got == {key: ", ".join(coders) for key, coders in by_quote.items()}
    assert "budi, rina" in got.values() and "rina" in got.values()
    # passages of one code that overlap without being the same span stay two rows
    overlapping = [(a, b) for a in passages for b in passages
                   if a[:2] == b[:2] and a < b and a[2] < b[3] and b[2] < a[3]]
    assert overlapping
    for a, b in overlapping:
        assert (a[0], a[1], passages[a][0].quote) in got and (b[0], b[1], passages[b][0].quote) in got
    one = export_table(demo, "quotes", coders=["budi"])
    assert len(one.frame) == len(codings[codings["coder"] == "budi"]) and set(one.frame["coders"]) == {"budi"}
    assert "One row per passage" in export_table(demo, "quotes").notes and "One row per" not in one.notes


def test_memo_column_joins_the_memos_of_a_passage(demo):
    codings = demo.codings()
    frame = export_table(demo, "quotes", memos=True).frame
    assert "memo" not in export_table(demo, "quotes").frame
    memo = {(r.code, r.document, r.quote): r.memo for r in frame.itertuples()}
    shared_with_memo = 0
    for (code, doc, _, _), rows in passages_of(codings).items():
        notes = sorted((r.coder, r.memo) for r in rows if isinstance(r.memo, str) and r.memo.strip())
        several = len({r.coder for r in rows}) > 1
        expected = "\n".join(f"{who}: {text}" if several else text for who, text in notes)
        assert memo[(code, doc, rows[0].quote)] == expected
        shared_with_memo += bool(several and notes)
    assert shared_with_memo  # the demo has passages of both coders with a memo: it is named
    assert any(m.startswith(("budi: ", "rina: ")) for m in memo.values())


def test_memos_and_exemplar_of_merged_codings_pure():
    codings = pd.DataFrame({
        "code": ["A", "A", "A"], "code_name": ["a"] * 3, "group": ["g"] * 3, "informant": ["I-1"] * 3,
        "document": ["d"] * 3, "source_type": ["interview"] * 3, "coder": ["sari", "rina", "rina"],
        "start": [0, 0, 5], "end": [4, 4, 9], "quote": ["Satu", "Satu", "Lima"],
        "memo": ["jelas", "kurang | jelas", None], "exemplar": [0, 1, 0]})
    frame = quote_table(codings, {"d": "Satu Lima"}, memos=True)
    assert list(frame.columns) == quote_columns(memos=True, exemplar=True)
    assert frame["coders"].tolist() == ["rina, sari", "rina"]
    assert frame["memo"].tolist() == ["rina: kurang | jelas\nsari: jelas", ""]
    assert frame["exemplar"].tolist() == [True, False]
    assert "exemplar" not in quote_table(codings.drop(columns=["exemplar"]), {"d": "Satu Lima"})


# -- sentence references --------------------------------------------------------------------------------------

def stored_sentences(path, document: str) -> list[tuple[int, int]]:
    """The document's sentence units as the file stores them, read with SQL, in text order."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute('SELECT u.start, u."end" FROM units u JOIN documents d ON d.id = u.document_id '
                            "WHERE d.name = ? AND u.kind = 'sentence' ORDER BY u.start", (document,)).fetchall()


def test_sentence_references_count_the_sentences_a_passage_touches(demo, demo_path):
    table = export_table(demo, "quotes")  # sentences are the default unit
    frame = table.frame
    spans = {(code, doc, rows[0].quote): (start, end)
             for (code, doc, start, end), rows in passages_of(demo.codings()).items()}
    sentences = {doc: stored_sentences(demo_path, doc) for doc in frame["document"].unique()}
    several = 0
    for row in frame.itertuples():
        start, end = spans[(row.code, row.document, row.quote)]
        touched = [n for n, (s, e) in enumerate(sentences[row.document], start=1) if s < end and start < e]
        assert (row.sentence_start, row.sentence_end) == (touched[0], touched[-1])
        cited = f"s. {touched[0]}" if len(touched) == 1 else f"ss. {touched[0]}\u2013{touched[-1]}"
        name = (row.informant or row.document).replace("(", "[").replace(")", "]")
        assert row.citation == f"({name}, {row.group or row.source_type}, {cited})"
        several += len(touched) > 1
    assert several  # ranges occur, with an en dash
    assert "s., ss. = sentence(s), numbered from 1 through each document" in table.notes
    assert "l., ll." not in table.notes
    lines = export_table(demo, "quotes", reference="line")
    assert lines.frame["citation"].str.contains(r", ll?\. \d").all() and "l., ll. = line(s)" in lines.notes
    assert "sentence_start" not in lines.frame


def test_sentence_reference_falls_back_to_lines_and_says_so(tmp_path):
    path = one_document_project(tmp_path / "s.qualcode", "P: Apa kabar? Baik sekali.\n\nI: Ya. Data kami lengkap.\n")
    with Project.open(path) as p:
        text = p.document("w")["text"]
        p.add_coding("w", 0, 2, "A", "rina")  # the speaker label "P:" alone: in no sentence
        p.add_coding("w", text.index("Data"), text.index("lengkap."), "B", "rina")
        table = export_table(p, "quotes", citation="{ref} | {lines} | {sentences}")
    assert table.frame["citation"].tolist() == ["l. 1 | l. 1 | ", "s. 4 | l. 3 | s. 4"]
    assert "s., ss. = sentence(s)" in table.notes and "where a document has no sentence units" in table.notes
    codings = pd.DataFrame({"code": ["A"], "code_name": ["a"], "group": ["g"], "informant": ["I-1"], "document": ["d"],
                            "source_type": ["interview"], "coder": ["x"], "start": [0], "end": [3], "quote": ["abc"]})
    assert quote_table(codings, {"d": "abc"}, reference="sentence", sentences={})["citation"].tolist() == \
        ["(I-1, g, l. 1)"]
    with pytest.raises(InputError, match="reference 'sentence' needs the documents' sentence units"):
        quote_table(codings, {"d": "abc"}, reference="sentence")
    with pytest.raises(InputError, match="unknown reference unit \\(reference\\) 'page'; allowed: line, sentence"):
        quote_table(codings, {"d": "abc"}, reference="page")
