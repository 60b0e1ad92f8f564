"""Build the demo project from the sample study shipped in ``transcripts_sample/``."""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import InputError, QualcodeError
from .project import CodingSpec, Progress, Project
from .project_codings import _find_occurrence

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_NAME = "Sample study: collaborative governance in minimum service standards (fictional Kabupaten Sukamaju)"


def find_resource(name: str) -> Path:
    """A folder or file of the source tree (``transcripts_sample``, ``codebooks``): cwd first, then the checkout."""
    for base in (Path.cwd(), REPO_ROOT):
        if (base / name).exists():
            return base / name
    raise InputError(f"cannot find '{name}' in {Path.cwd()} or {REPO_ROOT}; pass its path explicitly")


def build_demo(path: str | Path, *, sample_dir: str | Path | None = None, codebook: str | Path | None = None,
               progress: Progress | None = None) -> Project:
    """Create the demo project at ``path``: groups, informants, codebook, 17 documents and two coders' codings.

    On any error the half-built file is removed, so a retry starts clean.
    """
    path = Path(path)
    sample = Path(sample_dir) if sample_dir else find_resource("transcripts_sample")
    book = Path(codebook) if codebook else find_resource("codebooks") / "bryson_cross_sector.yaml"
    project = Project.create(path, name=DEMO_NAME)
    try:
        project.import_groups(sample / "groups.csv", actor="demo")
        project.import_informants(sample / "informants.csv", actor="demo")
        project.load_codebook(book, actor="demo")
        project.add_coder("rina")
        project.add_coder("budi")
        imported = project.import_manifest(sample / "manifest.csv", actor="demo", progress=progress)
        names = {Path(row["file"]).stem: doc.name for row, doc in zip(_manifest(sample), imported, strict=True)}
        specs = list(_demo_codings(project, sample / "codings", names))
        project.add_codings(specs)
    except BaseException:
        project.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return project


def _manifest(sample: Path) -> list[dict[str, str]]:
    with (sample / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any(row.values())]


def _demo_codings(project: Project, folder: Path, names: dict[str, str]):
    """CodingSpecs from codings/<file stem>.csv, each anchored by its quote text."""
    for sheet in sorted(folder.glob("*.csv")):
        if sheet.stem not in names:
            raise InputError(f"{sheet}: no document of the manifest has the file name '{sheet.stem}'")
        doc = project.document(names[sheet.stem])
        with sheet.open(encoding="utf-8-sig", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                occurrence = int(row.get("occurrence") or 1)
                start = _find_occurrence(doc["text"], row["quote"], occurrence)
                if start < 0:
                    raise QualcodeError(f"{sheet}, line {line}: quote not found in '{doc['name']}': {row['quote'][:60]!r}")
                yield CodingSpec(doc["id"], start, start + len(row["quote"]), row["code"], row["coder"],
                                 row.get("memo") or None)
