"""Shared fixtures: real project files on disk, and a snapshot to prove a failed call changed nothing."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.codebook import Code, Codebook
from qualcode.demo import build_demo
from qualcode.errors import ImportFormatError
from qualcode.ingest import read_document
from qualcode.project import Project

ROOT = Path(__file__).resolve().parent.parent

SMALL_CODEBOOK = textwrap.dedent(
    """\
    name: small
    title: Small test codebook
    codes:
      - key: A
        name: Alpha
        name_alt: Alfa
        color: "#336699"
        children:
          - key: A.1
            name: Alpha one
            color: "#6699cc"
      - key: B
        name: Beta
        color: "#993333"
    """
)

TRANSCRIPT = (
    "Transkrip Wawancara\nInforman: I-01\nTanggal: 1 Maret 2021\n\n"
    "Pewawancara: Bagaimana koordinasi dengan Dinas Sosial?\n\n"
    "Informan: Koordinasinya jarang, Pak. Biasanya lewat WhatsApp saja 😅.\n\n"
    "Pewawancara: Apakah data DTKS sudah sesuai?\n\n"
    "Informan: Belum. Banyak warga miskin yang tidak masuk data.\n"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests first (otherwise in the order collected): each of their files takes a minute or more, so
    with the suite in two processes (`make test`, pytest-xdist handing out whole files in this order) the short
    files fill in at the end instead of one process finishing a long journey alone."""
    items.sort(key=lambda item: item.path.parent.name != "browser")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A small project: three groups, two informants, a three-code codebook, no documents."""
    p = Project.create(tmp_path / "study.qualcode", name="Test study")
    p.add_group("community", "Community and stakeholders")
    p.add_group("agency", "Related agencies")
    p.add_group("leadership", "Leadership of the office")
    p.add_informant("I-01", "community", role="Ketua LKS", organisation="LKS Harapan")
    p.add_informant("I-09", "leadership", role="Kepala Dinas")
    book = tmp_path / "small.yaml"
    book.write_text(SMALL_CODEBOOK, encoding="utf-8")
    p.load_codebook(book)
    yield p
    p.close()


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "I-01_wawancara.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project built once per test run from transcripts_sample/ (read-only for tests)."""
    path = tmp_path_factory.mktemp("demo") / "demo.qualcode"
    build_demo(path, sample_dir=ROOT / "transcripts_sample",
               codebook=ROOT / "codebooks" / "bryson_cross_sector.yaml").close()
    return path


def copy_project(source: Path, target: Path) -> Path:
    """A private copy of a project file made with SQLite's backup API (safe while others have it open)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture
def demo_copy(demo_path: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo project."""
    return copy_project(demo_path, tmp_path / "demo.qualcode")


def one_document_project(path: Path, text: str, *, codes: tuple[Code, ...] = (Code("A", "Alpha"), Code("B", "Beta")),
                         coders: dict[str, str] | None = None) -> Path:
    """A project at ``path`` with group g, informant I-1, the codes, coders (name -> role; rina and budi
    coders by default) and one document "w" holding ``text``."""
    with Project.create(path) as p:
        p.add_group("g")
        p.add_informant("I-1", "g")
        p.load_codebook(Codebook("t", list(codes)))
        for name, role in (coders or {"rina": "coder", "budi": "coder"}).items():
            p.add_coder(name, role=role)
        file = path.parent / "w.txt"
        file.write_text(text, encoding="utf-8")
        p.import_document(file, informant="I-1", name="w")
    return path


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read through a separate connection: what 'unchanged' means."""
    conn = sqlite3.connect(str(path))
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        conn.close()


def refused(path: Path, *fragments: str) -> ImportFormatError:
    """Reading ``path`` fails with an ImportFormatError naming the file and holding each fragment."""
    with pytest.raises(ImportFormatError) as info:
        read_document(path)
    assert str(path) in str(info.value)
    for fragment in fragments:
        assert fragment in info.value.problem
    return info.value


APP = str(ROOT / "app.py")


def open_page(page: str | None, project_path: object = "", lang: str = "en", **state) -> AppTest:
    """Run the app in AppTest on ``page`` (a file under qualcode/ui/pages, None for the default page)
    with the project, language and any other session-state keys set first."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["project_path"] = str(project_path)
    at.session_state["lang"] = lang
    for key, value in state.items():
        at.session_state[key] = value
    if page is not None:
        at.switch_page(f"qualcode/ui/pages/{page}.py")
    return at.run()


def shown_tab(at: AppTest) -> str:
    """The label of the tab the page tells the browser to show (its tab container's selected index)."""
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    for node in walk(at.main):
        proto = getattr(node, "proto", None)
        if type(proto).__name__ == "Block" and proto.HasField("tab_container"):
            return [tab.label for tab in node.children.values()][proto.tab_container.default_tab_index]
    raise LookupError("no tabs on the page")


def data_editors(at: AppTest) -> list:
    """The page's st.data_editor tables, in order. `at.data_editor` exists only from Streamlit 1.67;
    this works on the lowest supported version too."""
    from streamlit.proto.Dataframe_pb2 import Dataframe

    return [table for table in at.dataframe if table.proto.editing_mode != Dataframe.EditingMode.READ_ONLY]


def data_editor(at: AppTest, key: str):
    """The st.data_editor with this widget key (see data_editors)."""
    from streamlit.runtime.state.common import user_key_from_element_id

    for table in data_editors(at):
        if user_key_from_element_id(table.proto.id) == key:
            return table
    raise KeyError(f"no data editor with key {key!r}")


def assert_refused(project, call, error, *fragments):
    """``call()`` raises ``error`` whose message holds every fragment, and no row of the project changed."""
    before = snapshot(project.path)
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    assert snapshot(project.path) == before
    return message
