"""Commands of the demo project: build it (demo) and open the app on it (app)."""

from __future__ import annotations

from pathlib import Path

import click

from ..demo import build_demo
from .serve import serve

# -- demo ------------------------------------------------------------------------------

@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sample", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of a sample study (default: the one that comes with qualcode).")
@click.option("--codebook", "codebook_source", metavar="FILE_OR_NAME",
              help="Codebook file or name of a shipped codebook (default: bryson_cross_sector).")
def demo(path: Path, sample: Path | None, codebook_source: str | None) -> None:
    """Build the demo project at PATH from the sample study (fails if PATH exists)."""
    _build_demo(path, sample=sample, codebook=codebook_source)


def _build_demo(path: Path, *, sample: Path | None = None, codebook: str | None = None) -> None:
    with click.progressbar(length=1, label="building demo") as bar:
        def progress(i: int, n: int, _file: str) -> None:
            bar.length = max(n, 1)
            bar.update(i - bar.pos)
        project = build_demo(path, sample_dir=sample, codebook=codebook, progress=progress)
    with project:
        info = project.info()
    click.echo(f"built {path}: {info['groups']} groups, {info['informants']} informants, "
               f"{info['documents']} documents, {info['codes']} codes, {info['codings']} codings")


@click.command()
@click.option("--port", type=int, default=8501, show_default=True)
@click.pass_context
def app(ctx: click.Context, port: int) -> None:
    """Open the app on the demo project, on this computer only (http://127.0.0.1:PORT).

    The first time, it builds the demo in qualcode's folder of this user (it says where). The
    sidebar's Project file box opens or creates other projects; `qualcode serve FILE` opens one
    directly."""
    path = Path(click.get_app_dir("qualcode")) / "demo.qualcode"
    if path.exists():
        click.echo(f"opening the demo project {path}")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        click.echo(f"building the demo project in {path} (the first time only)")
        _build_demo(path)
    ctx.invoke(serve, project=path, port=port)


COMMANDS = [demo, app]
