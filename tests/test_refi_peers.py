"""Other programs read our REFI-QDA export: pyqdpx and cproctor's qualitative-coding (qc) each get
every source, every code and every coding, at the text qualcode holds.

What qualcode holds is read through the Project API (documents' text, the codings' start/end and
stored quotes); what a peer holds is read through the peer's own API. Besides the codings, the export
links each informant's documents to its case as NVivo does: a code named after the case and a
selection over the whole text, made by the user ``CASE_USER``; peers show those too, so they are
expected as well. The sanity tests shift positions in an export and check that the same comparison
then flags the codings.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath

import pytest
from pyqdpx import QDPX
from qualitative_coding.corpus import QCCorpus
from qualitative_coding.refi_qda.reader import REFIQDAReader

from qualcode.project import Project
from qualcode.refi import export_refi
from qualcode.refi.write import CASE_USER

ZWSP = "\u200b"  # pyqdpx adds one after every character outside the BMP (NVivo-style UTF-16 positions)


@dataclass(frozen=True)
class Held:
    """One coding as qualcode holds it."""

    document: str
    code: str  # the code's name as the export writes it ("KEY name")
    coder: str
    start: int
    end: int
    quote: str
    memo: str | None
    line: int  # 0-based line of ``start`` (number of "\n" before it)
    column: int  # code points from the start of that line


@dataclass
class Demo:
    texts: dict[str, str]  # document name -> text
    codes: dict[str, str | None]  # written code name -> written parent name (case codes included)
    users: set[str]  # the coders and the case user
    codings: list[Held]  # the project's codings
    links: list[Held]  # document -> case links, as selections of the whole text

    @property
    def selections(self) -> list[Held]:
        return self.codings + self.links


def written_name(key: str, name: str) -> str:
    """A code's name in the export: its key before its name, so a qualcode import restores the key."""
    return name if not key or key == name else f"{key} {name}"


def held(project: Project) -> Demo:
    """The project's sources, codes, coders and codings, each coding checked against its document's text."""
    texts = {row.name: project.document(int(row.id))["text"] for row in project.documents().itertuples()}
    codes_df = project.codes()
    names = {r.key: written_name(r.key, r.name) for r in codes_df.itertuples()}
    codes = {names[r.key]: names[r.parent] if isinstance(r.parent, str) else None for r in codes_df.itertuples()}
    codings = []
    for r in project.codings().itertuples():
        text = texts[r.document]
        start, end = int(r.start), int(r.end)
        assert text[start:end] == r.quote, f"coding {r.id}: the stored quote is not the document's text"
        line = text.count("\n", 0, start)
        codings.append(Held(document=r.document, code=names[r.code], coder=r.coder, start=start, end=end,
                            quote=r.quote, memo=r.memo if isinstance(r.memo, str) and r.memo else None,
                            line=line, column=start - (text.rfind("\n", 0, start) + 1)))
    coders = set(project.coders()["name"])
    links = [Held(document=r.name, code=r.informant, coder=CASE_USER, start=0, end=len(texts[r.name]),
                  quote=texts[r.name], memo=None, line=0, column=0)
             for r in project.documents().itertuples() if isinstance(r.informant, str) and texts[r.name]]
    cases = {link.code for link in links}
    # the export renames a case code or the case user only on a clash, which this project must not have
    assert CASE_USER not in coders and not cases & set(codes)
    return Demo(texts=texts, codes={**codes, **dict.fromkeys(cases)}, users=coders | {CASE_USER},
                codings=codings, links=links)


@pytest.fixture(scope="module")
def demo(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Demo, Path]:
    """What qualcode holds, and the demo project exported as .qdpx."""
    path = tmp_path_factory.mktemp("peers") / "demo.qdpx"
    with Project.open(demo_path) as project:
        data = held(project)
        export_refi(project, path)
    assert len(data.codings) > 500 and len(data.texts) == 17 and len(data.links) > 10
    assert sum(c.memo is not None for c in data.codings) > 50
    # Positions compare directly only without astral characters (pyqdpx counts those twice).
    assert not any(ord(ch) > 0xFFFF for text in data.texts.values() for ch in text)
    return data, path


def rewrite_qde(source: Path, target: Path, change: Callable[[str], str]) -> Path:
    """A copy of the archive ``source`` whose project.qde is ``change(text)``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "project.qde":
                data = change(data.decode("utf-8")).encode("utf-8")
            new.writestr(item, data)
    return target


# -- pyqdpx ---------------------------------------------------------------------------


def pyqdpx_problems(path: Path, data: Demo) -> tuple[list[str], list[tuple], list[tuple]]:
    """(problems with users, codes and sources; codings qualcode holds that pyqdpx lacks; codings
    pyqdpx has that qualcode does not hold). A coding is (document, code, user, start, end, text, memo)."""
    qde = QDPX(str(path)).get_project()
    assert qde is not None, "pyqdpx could not read project.qde"
    problems = []
    users = {u.name for u in qde.users.values()}
    if users != data.users:
        problems.append(f"users: pyqdpx has {sorted(users)}, qualcode {sorted(data.users)}")
    codes = {c.name: c.parent.name if c.parent else None for c in qde.codes.values()}
    if codes != data.codes:
        problems.append(f"codes: {len(codes)} read, {len(data.codes)} held; differing: "
                        f"{sorted(set(codes.items()) ^ set(data.codes.items()), key=str)[:5]}")
    texts = {s.name: (s.text_content or "").replace(ZWSP, "") for s in qde.sources.values()}
    if set(texts) != set(data.texts):
        problems.append(f"sources: pyqdpx has {sorted(texts)}, qualcode {sorted(data.texts)}")
    problems += [f"source {name!r}: text differs" for name in sorted(set(texts) & set(data.texts))
                 if texts[name] != data.texts[name]]
    read = Counter((s.name, sel.code.name, sel.user.name, sel.start_position, sel.end_position,
                    sel.text.replace(ZWSP, ""), sel.description)
                   for s in qde.sources.values() for sel in s.coded_selections.values())
    want = Counter((c.document, c.code, c.coder, c.start, c.end, c.quote, c.memo) for c in data.selections)
    return problems, sorted((want - read).elements(), key=str), sorted((read - want).elements(), key=str)


def test_pyqdpx_reads_every_source_code_and_coding(demo):
    data, path = demo
    problems, missing, extra = pyqdpx_problems(path, data)
    assert problems == []
    assert missing == [], f"{len(missing)} of {len(data.selections)} selections not read as held, e.g. {missing[:3]}"
    assert extra == [], f"{len(extra)} codings pyqdpx read that qualcode does not hold, e.g. {extra[:3]}"


def test_pyqdpx_comparison_flags_shifted_positions(demo, tmp_path):
    data, path = demo

    def shift(qde: str) -> str:
        return re.sub(r'(startPosition|endPosition)="(\d+)"', lambda m: f'{m[1]}="{int(m[2]) + 1}"', qde)

    problems, missing, extra = pyqdpx_problems(rewrite_qde(path, tmp_path / "shifted.qdpx", shift), data)
    assert problems == []  # sources, codes and users are untouched
    assert len(missing) == len(data.selections)  # every coding is flagged ...
    quotes = {(c.document, c.code, c.coder, c.start, c.end): c.quote for c in data.selections}
    for document, code, user, start, end, text, _memo in extra:  # ... and what pyqdpx read is other text
        quote = quotes.get((document, code, user, start - 1, end - 1))
        assert quote is not None and text != quote


# -- qualitative-coding (qc) ------------------------------------------------------------


def qc_import(path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Import the .qdpx into a new qc project in the empty ``folder``, as `qc import` does."""
    folder.mkdir()
    # qc 1.7.8 stops at a stray breakpoint() in its source import; it writes settings.yaml to the cwd.
    monkeypatch.setenv("PYTHONBREAKPOINT", "0")
    monkeypatch.chdir(folder)
    REFIQDAReader(str(path)).unpack_project(folder)
    return folder


def qc_document(name: str) -> str:
    """The corpus path qc gives the text of the source called ``name``."""
    return PurePath(name).with_suffix(".txt").name


def qc_problems(folder: Path, data: Demo) -> tuple[list[str], set[tuple], set[tuple]]:
    """(problems with coders, codes and documents; coded lines (document, coder, code, line) qualcode
    holds that qc lacks or places at other text; coded lines qc has that qualcode does not hold)."""
    corpus = QCCorpus(folder / "settings.yaml")
    with corpus.session():
        documents = {d.file_path for d in corpus.get_documents()}
        coders = {c.name for c in corpus.get_all_coders()}
        coded = {(doc, coder, code, line) for code, coder, line, doc in corpus.get_coded_lines()}
        tree = corpus.get_codebook()
    problems = []
    paths = {name: qc_document(name) for name in data.texts}
    assert len(set(paths.values())) == len(paths), "two sources share a qc corpus path"
    if documents != set(paths.values()):
        problems.append(f"documents: qc has {sorted(documents)}, qualcode {sorted(paths.values())}")
    if coders != data.users:
        problems.append(f"coders: qc has {sorted(coders)}, qualcode {sorted(data.users)}")
    codes = {}
    stack = [(child, None) for child in tree.children]
    while stack:
        node, parent = stack.pop()
        codes[node.name] = parent
        stack += [(child, node.name) for child in node.children]
    if codes != data.codes:
        problems.append(f"codes: {len(codes)} read, {len(data.codes)} held; differing: "
                        f"{sorted(set(codes.items()) ^ set(data.codes.items()), key=str)[:5]}")
    lines = {}
    for name, path in paths.items():
        file = corpus.corpus_dir / path
        text = file.read_text(encoding="utf-8") if file.exists() else ""
        if text != data.texts[name]:
            problems.append(f"document {path!r}: text differs")
        lines[path] = text.split("\n")
    want = {(paths[c.document], c.coder, c.code, c.line) for c in data.selections}
    misplaced = set()
    for c in data.selections:
        key = (paths[c.document], c.coder, c.code, c.line)
        line_text = lines[key[0]][c.line] if c.line < len(lines[key[0]]) else ""
        # qc codes whole lines: the line it codes must hold the start of the quote where it starts
        if key not in coded or not line_text[c.column:].startswith(c.quote.split("\n")[0]):
            misplaced.add(key)
    return problems, misplaced, coded - want


def test_qualitative_coding_reads_every_source_code_and_coding(demo, tmp_path, monkeypatch):
    data, path = demo
    folder = qc_import(path, tmp_path / "qc", monkeypatch)
    problems, misplaced, extra = qc_problems(folder, data)
    lines = {(qc_document(c.document), c.coder, c.code, c.line) for c in data.selections}
    assert problems == []
    assert misplaced == set(), f"{len(misplaced)} of {len(lines)} coded lines missing or misplaced, " \
                               f"e.g. {sorted(misplaced)[:3]}"
    assert extra == set(), f"{len(extra)} coded lines qc has that qualcode does not hold, e.g. {sorted(extra)[:3]}"


def test_qualitative_coding_comparison_flags_shifted_lines(demo, tmp_path, monkeypatch):
    data, path = demo
    with zipfile.ZipFile(path) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    assert qde.count('name="line:') == qde.count("<PlainTextSelection ") == len(data.selections), \
        'every selection must be named "line:N"'

    def moved(line: int) -> int:  # a neighbouring line that exists in every document
        return line + 1 if line == 0 else line - 1

    def shift(qde: str) -> str:
        return re.sub(r'name="line:(\d+)"', lambda m: f'name="line:{moved(int(m[1]))}"', qde)

    folder = qc_import(rewrite_qde(path, tmp_path / "shifted.qdpx", shift), tmp_path / "qc", monkeypatch)
    problems, misplaced, extra = qc_problems(folder, data)
    want = {(qc_document(c.document), c.coder, c.code, c.line) for c in data.selections}
    shifted = {(d, coder, code, moved(line)) for d, coder, code, line in want}
    assert problems == []
    assert extra == shifted - want and extra
    # every coded line is flagged, unless another coding of the same code and coder moved onto it
    assert misplaced == want - shifted and len(misplaced) > len(want) // 2
