"""qualcode as a user installs it: the wheel built from this checkout (`python -m build`: the sdist, then the wheel
from the sdist), installed with its dependencies from the package index into a fresh virtual environment outside
the checkout, and run from a folder outside the checkout.

Every command a new user meets first must work there: `qualcode --version`, `qualcode demo`, `qualcode codebook
load` of a shipped codebook, and `qualcode app` (the demo served on 127.0.0.1, one page rendered in Chromium).
The numbers they report are checked against counts made here from the checkout's sample study and codebook.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

import qualcode

from .browser import CHROMIUM, FLAGS, free_port, stop_group, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "transcripts_sample"
CODEBOOKS = ROOT / "codebooks"


def run(command: list, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``command``; on failure, an assertion that says which command failed and what it printed."""
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, (f"`{' '.join(map(str, command))}` failed (exit {done.returncode}) in {cwd}:\n"
                                  f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout


class Installed:
    """The built wheel, and a virtual environment outside the checkout with it installed."""

    def __init__(self, wheel: Path, venv: Path, home: Path) -> None:
        self.wheel, self.venv, self.home = wheel, venv, home
        self.qualcode = venv / "bin" / "qualcode"
        # no trace of the checkout's environment; a home of its own for the per-user demo of `qualcode app`
        self.env = {key: value for key, value in os.environ.items()
                    if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "XDG_CONFIG_HOME")}
        self.env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")

    def cli(self, *args: object, cwd: Path) -> str:
        return run([self.qualcode, *args], cwd=cwd, env=self.env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    dist, venv, home = (tmp_path_factory.mktemp(name) for name in ("dist", "venv", "home"))
    assert not venv.is_relative_to(ROOT), f"the test environment {venv} must lie outside the checkout"
    run([sys.executable, "-m", "build", "--outdir", dist, ROOT], cwd=dist)
    wheels = list(dist.glob("qualcode-*.whl"))
    assert len(wheels) == 1 and list(dist.glob("qualcode-*.tar.gz")), f"python -m build made {os.listdir(dist)}"
    run([sys.executable, "-m", "venv", venv], cwd=dist)
    # every dependency from the package index (pip's cache makes a second run faster); pip byte-compiles them,
    # which each command below would otherwise redo where bytecode is not written (PYTHONDONTWRITEBYTECODE)
    run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheels[0]], cwd=dist)
    return Installed(wheels[0], venv, home)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout to run the commands in, as a user would."""
    return tmp_path_factory.mktemp("user")


def sample_documents() -> int:
    return len(list(SAMPLE.glob("*/*.txt")))


def sample_codings() -> int:
    count = 0
    for sheet in (SAMPLE / "codings").glob("*.csv"):
        with sheet.open(encoding="utf-8-sig", newline="") as fh:
            count += sum(1 for _ in csv.DictReader(fh))
    return count


def codes_in(codebook: Path) -> int:
    def count(codes: list[dict]) -> int:
        return sum(1 + count(code.get("children", [])) for code in codes)

    return count(yaml.safe_load(codebook.read_text(encoding="utf-8"))["codes"])


def test_the_wheel_carries_every_module_the_sample_study_and_the_codebooks(installed: Installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "qualcode").rglob("*.py")}
    data = {"qualcode/" + path.relative_to(ROOT).as_posix()
            for folder in (SAMPLE, CODEBOOKS) for path in folder.rglob("*") if path.is_file()
            and "__pycache__" not in path.parts}
    assert modules - names == set(), "modules of qualcode/ missing from the wheel (pyproject.toml packages)"
    assert data - names == set(), "sample study or codebook files missing from the wheel (pyproject.toml)"
    assert {"qualcode/ui/app.py", "qualcode/ui/transcript.js", "qualcode/ui/palette.js",
            "qualcode/ui/transcript.css"} <= names


def test_version_is_the_one_of_the_package(installed: Installed, workdir: Path):
    assert installed.cli("--version", cwd=workdir).strip() == f"qualcode, version {qualcode.__version__}"
    assert f"qualcode-{qualcode.__version__}-" in installed.wheel.name
    where = run([installed.venv / "bin" / "python", "-c", "import qualcode; print(qualcode.__file__)"], cwd=workdir,
                env=installed.env)
    assert Path(where.strip()).is_relative_to(installed.venv), f"qualcode imported from {where}, not the wheel"


def test_demo_builds_the_sample_study(installed: Installed, workdir: Path):
    out = installed.cli("demo", "demo.qualcode", cwd=workdir)
    documents, codings = sample_documents(), sample_codings()
    assert f"{documents} documents" in out and f"{codings} codings" in out, out
    with sqlite3.connect(f"file:{workdir / 'demo.qualcode'}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == documents
        assert db.execute("SELECT count(*) FROM codings").fetchone()[0] == codings


def test_codebook_load_takes_a_shipped_name(installed: Installed, workdir: Path):
    installed.cli("init", "study.qualcode", cwd=workdir)
    out = installed.cli("codebook", "load", "study.qualcode", "bryson_cross_sector", cwd=workdir)
    assert out.strip() == f"loaded {codes_in(CODEBOOKS / 'bryson_cross_sector.yaml')} codes"
    unknown = subprocess.run([installed.qualcode, "codebook", "load", "study.qualcode", "no_such_book"], cwd=workdir,
                             env=installed.env, capture_output=True, text=True, check=False)
    shipped = ", ".join(sorted(path.stem for path in CODEBOOKS.glob("*.yaml")))
    assert unknown.returncode == 1 and f"shipped: {shipped}" in unknown.stderr, unknown.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")
def test_app_serves_the_demo_on_this_computer(installed: Installed, workdir: Path):
    """`qualcode app` builds the demo in the user's folder, serves it on 127.0.0.1 and the Overview page renders."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    proc = subprocess.Popen([installed.qualcode, "app", "--port", str(port)], cwd=workdir, env=installed.env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc, tries=240)  # the demo is built first
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(url)
                page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
                metric = page.locator('[data-testid="stMetric"]').filter(has_text="Codings")
                shown = metric.locator('[data-testid="stMetricValue"]').inner_text(timeout=30_000)
                exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
            finally:
                browser.close()
    finally:
        output = stop_group(proc)
    demo = installed.home / ".config" / "qualcode" / "demo.qualcode"
    assert f"building the demo project in {demo}" in output and demo.is_file(), output
    assert f"URL: {url}" in output and "Network URL" not in output, output
    assert exceptions == []
    assert shown.replace(",", "") == str(sample_codings())
