"""Build the demo project from the sample study that comes with qualcode (``transcripts_sample/``)."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from .codebook import find_codebook
from .errors import InputError, QualcodeError
from .project import CodingSpec, Progress, Project
from .spans import find_occurrence

DEMO_NAME = "Sample study: collaborative governance in minimum service standards (fictional Kabupaten Sukamaju)"
DEMO_CODEBOOK = "bryson_cross_sector"


def sample_study() -> Path:
    """The folder of the sample study: the top-level ``transcripts_sample/``, which travels as the package data
    ``qualcode.transcripts_sample``, so an installed qualcode has it too."""
    return Path(str(resources.files("qualcode.transcripts_sample")))  # pip installs unzipped: a real folder


def build_demo(path: str | Path, *, sample_dir: str | Path | None = None, codebook: str | Path | None = None,
               progress: Progress | None = None) -> Project:
    """Create the demo project at ``path``: groups, informants, codebook, 17 documents, two coders' codings and
    which documents each coder was assigned (and finished), from the sample's ``assignments.csv``.

    ``sample_dir`` defaults to :func:`sample_study`; ``codebook`` (a file or the name of a shipped codebook)
    to the Bryson codebook.

    On any error the half-built file is removed, so a retry starts clean.
    """
    path = Path(path)
    sample = Path(sample_dir) if sample_dir else sample_study()
    book = find_codebook(codebook or DEMO_CODEBOOK)
    project = Project.create(path, name=DEMO_NAME)
    try:
        project.import_groups(sample / "groups.csv", actor="demo")
        project.import_informants(sample / "informants.csv", actor="demo")
        _demo_attribute_types(project)
        project.load_codebook(book, actor="demo")
        project.add_coder("rina")
        project.add_coder("budi")
        imported = project.import_manifest(sample / "manifest.csv", actor="demo", progress=progress)
        names = {Path(row["file"]).stem: doc.name for row, doc in zip(_manifest(sample), imported, strict=True)}
        specs = list(_demo_codings(project, sample / "codings", names))
        project.add_codings(specs)
        _demo_assignments(project, sample / "assignments.csv", names)
    except BaseException:
        project.close()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return project


#: The kinds of the sample's informant attributes: gender L (laki-laki) or P (perempuan), the interview's date.
DEMO_ATTRIBUTE_TYPES = {"gender": ("category", ["L", "P"]), "interview_date": ("date", None)}


def _demo_attribute_types(project: Project) -> None:
    """Declare the kinds of the sample's attributes that the informants sheet has (one of one's own may not)."""
    used = set(project.attribute_types()["name"])
    types = {name: spec for name, spec in DEMO_ATTRIBUTE_TYPES.items() if name in used}
    if types:
        project.set_attribute_types(types, actor="demo")


def _manifest(sample: Path) -> list[dict[str, str]]:
    with (sample / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any(row.values())]


def _demo_assignments(project: Project, sheet: Path, names: dict[str, str]) -> None:
    """Assign the documents of ``sheet`` (file, coder, done: yes/no) and mark the finished ones done."""
    if not sheet.exists():  # a sample folder of one's own need not say who codes what
        return
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            stem = Path(row.get("file") or "").stem
            if stem not in names:
                raise InputError(f"{sheet}, line {line}: no document of the manifest has the file '{row.get('file')}'")
            project.assign([names[stem]], [row["coder"]], actor="demo")
            if (row.get("done") or "").strip().lower() in ("yes", "1", "true"):
                project.mark_done(names[stem], row["coder"], actor="demo")


def _demo_codings(project: Project, folder: Path, names: dict[str, str]):
    """CodingSpecs from codings/<file stem>.csv, each anchored by its quote text."""
    for sheet in sorted(folder.glob("*.csv")):
        if sheet.stem not in names:
            raise InputError(f"{sheet}: no document of the manifest has the file name '{sheet.stem}'")
        doc = project.document(names[sheet.stem])
        with sheet.open(encoding="utf-8-sig", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                occurrence = int(row.get("occurrence") or 1)
                start = find_occurrence(doc["text"], row["quote"], occurrence)
                if start < 0:
                    raise QualcodeError(
                        f"{sheet}, line {line}: quote not found in '{doc['name']}': {row['quote'][:60]!r}")
                yield CodingSpec(doc["id"], start, start + len(row["quote"]), row["code"], row["coder"],
                                 row.get("memo") or None)
