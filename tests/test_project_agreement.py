"""Project.agreement/disagreements, reconciliation into a consensus coder, blind coding, schema step m003."""

from __future__ import annotations

import math
import sqlite3
from datetime import UTC, datetime, timedelta

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError, NotFoundError
from qualcode.project import CodingSpec, Project
from qualcode.project.agreement import DECISIONS
from qualcode.store import SCHEMA_VERSION

from .conftest import assert_refused
from .test_agreement_units import TEXT, build_units_project


@pytest.fixture
def hand(tmp_path):
    with build_units_project(tmp_path) as p:
        yield p


def recent(stamp: str) -> bool:
    return abs(datetime.fromisoformat(stamp) - datetime.now(UTC)) < timedelta(minutes=5)


def consensus_spans(p: Project, name: str = "consensus") -> list[tuple]:
    rows = p.codings(coders=[name])
    return [(r.code, r.start, r.end, r.quote) for r in rows.itertuples()]


# -- agreement and disagreements through the project ----------------------------------------

def test_agreement_defaults_and_disagreements(hand):
    report = hand.agreement(coders=["rina", "budi"], n_boot=100, seed=7)
    assert list(report["code"]) == ["X", "Y", "(all codes)", "(all codes, coded units)"]
    assert report.attrs["documents"] == ["d1"] and report.attrs["unit"] == "sentence"
    assert (report.attrs["n_boot"], report.attrs["seed"], report.attrs["level"]) == (100, 7, "nominal")
    assert report.attrs["rollup_on"] is True and report.attrs["rollup"] == {}  # X and Y have no sub-codes
    again = hand.agreement(coders=["rina", "budi"], n_boot=100, seed=7)
    assert again["alpha_low"].tolist() == pytest.approx(report["alpha_low"].tolist(), nan_ok=True)  # seeded
    assert report.set_index("code").at["X", "kappa"] == pytest.approx(-0.5)
    chars = hand.agreement(coders=["rina", "budi"], unit="char", codes=["X"], n_boot=0)
    assert chars.loc[0, "units"] == len(TEXT)
    rows = hand.disagreements(coders=["rina", "budi"], codes=["X"])
    assert list(rows.columns) == ["document", "document_id", "unit_id", "start", "end", "code", "rina", "budi",
                                  "text"]
    assert rows["text"].tolist() == ["Alpha beta gamma delta.", "Epsilon zeta eta theta."]
    assert rows["document"].tolist() == ["d1", "d1"]
    with pytest.raises(NotFoundError, match="unknown coder 'nobody'"):
        hand.agreement(coders=["rina", "nobody"])
    with pytest.raises(InputError, match="unknown unit 'word'"):
        hand.agreement(coders=["rina", "budi"], unit="word")


def test_documents_default_to_those_every_coder_coded(hand, tmp_path):
    other = tmp_path / "d2.txt"
    other.write_text("Only rina coded this one. Budi never opened it.\n", encoding="utf-8")
    hand.import_document(other, language="en", name="d2")
    hand.add_coding("d2", 0, 10, "X", "rina")
    assert hand.agreement(coders=["rina", "budi"], n_boot=0).attrs["documents"] == ["d1"]
    both = hand.agreement(coders=["rina", "budi"], documents=["d1", "d2"], n_boot=0)
    assert both.attrs["documents"] == ["d1", "d2"]


# -- parent codes rolled up ---------------------------------------------------------------------

def project_by_hand(units: list[tuple[int, int, int]], spans: list[tuple[int, int, int]], rule: str) -> list[int]:
    """0/1 per unit (document, start, end): whether the spans (document, start, end), taken together, cover at least
    half of the unit (majority) or touch it (any), counted character by character."""
    covered: dict[int, set[int]] = {}
    for doc, start, end in spans:
        covered.setdefault(doc, set()).update(range(start, end))
    out = []
    for doc, start, end in units:
        n = len(covered.get(doc, set()) & set(range(start, end)))
        out.append(int(2 * n >= end - start if rule == "majority" else n > 0))
    return out


@pytest.mark.parametrize("rule", ["majority", "any"])
def test_parents_roll_up_as_an_independent_computation_says(demo_path, rule):
    coders = ["rina", "budi"]
    with Project.open(demo_path) as p:
        report = p.agreement(coders=coders, rule=rule, n_boot=0).set_index("code")
        plain = p.agreement(coders=coders, rule=rule, n_boot=0, rollup=False).set_index("code")
        codes = p.codes()
        codings = p.codings(coders=coders)
        doc_ids = [p.document(d)["id"] for d in report.attrs["documents"]]
        units = p.units(kind="sentence")
    units = units[units["document_id"].isin(doc_ids)].sort_values(["document_id", "start"])
    unit_spans = list(zip(units["document_id"], units["start"], units["end"], strict=True))
    children: dict[str, list[str]] = {}
    for key, parent in zip(codes["key"], codes["parent"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(key)
    assert len(children) == 8 and report.attrs["rollup"] == children  # one level in the demo's codebook
    for parent, subs in children.items():
        table = []
        for coder in coders:
            # the parent's unit for this coder: present by its own codings or by any sub-code's, each projected alone
            rows = [project_by_hand(unit_spans, [(d, s, e) for d, s, e, c, w in zip(
                codings["document_id"], codings["start"], codings["end"], codings["code"], codings["coder"],
                strict=True) if c == code and w == coder], rule) for code in [parent, *subs]]
            table.append([max(values) for values in zip(*rows, strict=True)])
        row = report.loc[parent]
        assert sum(table[0]) + sum(table[1]) > 0, parent
        assert row["kappa"] == pytest.approx(cohen_kappa_score(table[0], table[1], labels=[0, 1])), parent
        assert row["alpha"] == pytest.approx(krippendorff.alpha(table, level_of_measurement="nominal")), parent
        assert row["prevalence"] == pytest.approx(np.mean(np.maximum(table[0], table[1]))), parent
        assert row["reason"] == "" and row["kappa_band"] != "undefined", parent
    undefined = report[report["kappa"].isna() | report["alpha"].isna()]
    assert (undefined["reason"] != "").all()  # e.g. E4.3, which nobody coded
    assert not set(undefined.index) & set(children)
    assert plain.attrs["rollup"] == {}
    for parent in children:  # parents by their own codings: the demo codes sub-codes, so mostly undefined ...
        if math.isnan(plain.at[parent, "alpha"]):
            assert plain.at[parent, "reason"] == "one category only: no coder coded any unit with it"
    for code in set(report.index) - set(children):  # ... and every other row the same either way
        assert report.at[code, "kappa"] == pytest.approx(plain.at[code, "kappa"], nan_ok=True), code


def test_rollup_reaches_every_level_below(tmp_path):
    # P > P.1 > P.1.a, and P > P.2: rina codes P.1.a on S1, budi P.2 on S1 and P.1.a on S2
    p = Project.create(tmp_path / "nested.qualcode")
    p.load_codebook(Codebook(name="n", codes=[Code(key="P", name="Pe"), Code(key="P.1", name="One", parent="P"),
                                              Code(key="P.1.a", name="Ay", parent="P.1"),
                                              Code(key="P.2", name="Two", parent="P")]))
    path = tmp_path / "d1.txt"
    path.write_text(TEXT, encoding="utf-8")
    p.import_document(path, language="en", name="d1")
    p.add_codings([CodingSpec("d1", 0, 20, "P.1.a", "rina"), CodingSpec("d1", 0, 20, "P.2", "budi"),
                   CodingSpec("d1", 24, 46, "P.1.a", "budi")])
    report = p.agreement(coders=["rina", "budi"], n_boot=0).set_index("code")
    assert report.attrs["rollup"] == {"P": ["P.1", "P.2", "P.1.a"], "P.1": ["P.1.a"]}
    top = ([1, 0, 0], [1, 1, 0])  # P: rina S1; budi S1 (P.2) and S2 (P.1.a)
    assert report.at["P", "kappa"] == pytest.approx(cohen_kappa_score(*top))
    assert report.at["P", "alpha"] == pytest.approx(krippendorff.alpha(list(top), level_of_measurement="nominal"))
    middle = ([1, 0, 0], [0, 1, 0])  # P.1: through P.1.a only
    assert report.at["P.1", "kappa"] == pytest.approx(cohen_kappa_score(*middle))
    # only P asked for: its codes below are still read
    alone = p.agreement(coders=["rina", "budi"], codes=["P"], n_boot=0)
    assert alone.set_index("code").at["P", "kappa"] == pytest.approx(report.at["P", "kappa"])
    assert alone.attrs["pooled_codes"] == ["P", "P.1", "P.2", "P.1.a"]
    with pytest.raises(InputError, match="rollup must be True or False"):
        p.agreement(coders=["rina", "budi"], rollup="yes")
    p.close()


# -- reconciliation ----------------------------------------------------------------------------

def test_reconcile_a_b_both_neither(hand):
    assert DECISIONS == ("a", "b", "both", "neither")
    # a: rina's X coding overlapping S1 is [0, 12)
    ids_a = hand.reconcile("d1", 0, 23, "X", decision="a", coders=["rina", "budi"], supervisor="sari")
    assert len(ids_a) == 1
    assert consensus_spans(hand) == [("X", 0, 12, TEXT[0:12])]
    # b: budi's two X codings overlapping S2
    ids_b = hand.reconcile("d1", 24, 47, "X", decision="b", coders=["rina", "budi"], supervisor="sari")
    assert len(ids_b) == 2
    assert consensus_spans(hand)[1:] == [("X", 24, 30, TEXT[24:30]), ("X", 30, 36, TEXT[30:36])]
    # both: the union span of rina's and budi's codings of Y (only rina's, [20, 50)) in S3
    ids_both = hand.reconcile("d1", 48, 69, "Y", decision="both", coders=["rina", "budi"], supervisor="tono",
                              consensus="agreed")
    assert consensus_spans(hand, "agreed") == [("Y", 20, 50, TEXT[20:50])]
    # neither: nothing copied, the decision is still recorded
    assert hand.reconcile("d1", 0, 23, "Y", decision="neither", coders=["rina", "budi"], supervisor="sari") == []
    history = hand.reconciliations()
    assert list(history["decision"]) == ["a", "b", "both", "neither"]
    assert list(history["supervisor"]) == ["sari", "sari", "tono", "sari"]
    assert list(history["consensus"]) == ["consensus", "consensus", "agreed", "consensus"]
    assert [tuple(x) for x in history[["start", "end", "code"]].itertuples(index=False)] == [
        (0, 23, "X"), (24, 47, "X"), (48, 69, "Y"), (0, 23, "Y")]
    assert list(history["codings"]) == [ids_a, ids_b, ids_both, []]
    assert all(recent(t) for t in history["created_at"])
    assert set(history["document"]) == {"d1"} and set(history["coder_a"]) == {"rina"}
    roles = hand.coders().set_index("name")["role"]
    assert roles["consensus"] == roles["agreed"] == "consensus"
    assert roles["sari"] == roles["tono"] == "supervisor"
    assert set(hand.consensus_coders()) == {"consensus", "agreed"}
    event = hand.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("agreement.reconcile", "sari")


def test_reconcile_both_joins_the_two_coders_spans(hand):
    ids = hand.reconcile("d1", 0, 47, "X", decision="both", coders=["rina", "budi"], supervisor="sari")
    # rina [0, 12), [40, 47); budi [0, 11), [24, 30), [30, 36): union span [0, 47)
    assert len(ids) == 1 and consensus_spans(hand) == [("X", 0, 47, TEXT[0:47])]


def test_consensus_coder_feeds_the_matrix(hand):
    hand.reconcile("d1", 24, 47, "X", decision="b", coders=["rina", "budi"], supervisor="sari")
    hand.reconcile("d1", 0, 23, "Y", decision="a", coders=["rina", "budi"], supervisor="sari")
    matrix = hand.matrix(by="source_type", coders=["consensus"])
    assert matrix.loc["X", "interview"] == 2 and matrix.loc["Y", "interview"] == 1
    # reconciling the same thing again does not copy the same coding twice
    assert hand.reconcile("d1", 24, 47, "X", decision="b", coders=["rina", "budi"], supervisor="sari") == []
    assert hand.matrix(by="source_type", coders=["consensus"]).loc["X", "interview"] == 2


@pytest.mark.parametrize(("kwargs", "error", "fragments"), [
    ({"decision": "c"}, InputError, ["unknown decision 'c'", "allowed: a, b, both, neither"]),
    ({"coders": ["rina"]}, InputError, ["pair of two coder names"]),
    ({"coders": ["rina", "rina"]}, InputError, ["two different coders"]),
    ({"coders": ["rina", "nobody"]}, NotFoundError, ["unknown coder 'nobody'"]),
    ({"supervisor": "  "}, InputError, ["supervisor is empty"]),
    ({"consensus": "budi"}, InputError, ["must differ from the coders compared"]),
    ({"consensus": "kiki"}, InputError, ["coder 'kiki' has role 'coder'"]),
    ({"start": 60, "end": 80}, InputError, ["span 60:80 is invalid", "<= 70"]),
    ({"code": "Z"}, NotFoundError, ["unknown code 'Z'"]),
    ({"document": "nope"}, NotFoundError, ["unknown document 'nope'"]),
])
def test_reconcile_errors_leave_the_file_unchanged(hand, kwargs, error, fragments):
    hand.add_coder("kiki")
    args = {"document": "d1", "start": 0, "end": 23, "code": "X", "decision": "a", "coders": ["rina", "budi"],
            "supervisor": "sari", **kwargs}
    document, start, end, code = (args.pop(k) for k in ("document", "start", "end", "code"))
    assert_refused(hand, lambda: hand.reconcile(document, start, end, code, **args), error, *fragments)


# -- blind coding ------------------------------------------------------------------------------

def test_blind_coding_setting(hand):
    assert hand.blind_coding() is False
    hand.set_blind_coding(True, actor="sari")
    assert hand.blind_coding() is True
    event = hand.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("project.blind_coding", "sari")
    hand.set_blind_coding(False, actor="sari")
    assert hand.blind_coding() is False
    assert_refused(hand, lambda: hand.set_blind_coding("yes", actor="sari"), InputError, "True or False")
    assert_refused(hand, lambda: hand.set_blind_coding(True, actor=""), InputError, "actor is empty")


# -- schema step m003 ------------------------------------------------------------------------

def test_file_from_before_m003_gets_the_reconciliations_table(tmp_path):
    with build_units_project(tmp_path) as p:
        path = p.path
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE reconciliations")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_reconciliations'")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION
        assert p.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert p.reconciliations().empty
        p.reconcile("d1", 0, 23, "X", decision="a", coders=["rina", "budi"], supervisor="sari")
        assert len(p.reconciliations()) == 1
