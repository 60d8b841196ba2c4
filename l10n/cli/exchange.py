"""``l10n export xliff|tmx`` and ``l10n import xliff``: exchange with CAT tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.cli.common import Context, echo_json, format_option, pass_context
from l10n.exchange.tmx import export_tmx
from l10n.exchange.xliff import export_xliff
from l10n.exchange.xliff_import import ImportReport, import_xliff
from l10n.fsutil import atomic_write
from l10n.model import shorten


def _emit(data: bytes, output: Path | None, what: str) -> None:
    if output is None:
        click.echo(data, nl=False)
        return
    atomic_write(output, data)
    click.echo(f"wrote {what} to {output}", err=True)


@click.group("export")
def export_() -> None:
    """Export catalogs for CAT tools (XLIFF 2.0) and translation memories (TMX)."""


@export_.command("xliff")
@click.option("--lang", "-l", "lang", required=True, help="Target language.")
@click.argument("articles", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file; an existing folder (or a path ending in '/') gets one file per "
    "article, <article>.<lang>.xlf [default: standard output].",
)
@pass_context
def export_xliff_cmd(
    ctx: Context, lang: str, articles: tuple[str, ...], output: Path | None
) -> None:
    """Write the catalogs of LANG (all articles, or ARTICLES) as XLIFF 2.0."""
    config = ctx.config
    code = config.language(lang).code
    as_dir = output is not None and (output.is_dir() or str(output).endswith(("/", "\\")))
    if output is not None and as_dir:
        from l10n.build import select_articles

        for art in select_articles(config, articles):
            data = export_xliff(config, code, (art.id,))
            _emit(data, output / f"{art.id}.{code}.xlf", f"{art.id} ({code})")
        return
    _emit(export_xliff(config, code, articles), output, f"XLIFF ({code})")


@export_.command("tmx")
@click.option("--lang", "-l", "lang", required=True, help="Target language.")
@click.argument("articles", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file [default: standard output].",
)
@pass_context
def export_tmx_cmd(ctx: Context, lang: str, articles: tuple[str, ...], output: Path | None) -> None:
    """Write the translated and reviewed units of LANG as a TMX 1.4b translation memory."""
    config = ctx.config
    code = config.language(lang).code
    _emit(export_tmx(config, code, articles), output, f"TMX ({code})")


@click.group("import")
def import_() -> None:
    """Bring translations back from CAT tools."""


def _import_text(report: ImportReport) -> list[str]:
    lines = []
    for c in report.catalogs:
        parts = [f"{c.updated} updated", f"{c.restated} state changes"]
        if c.approved:
            parts.append(f"{c.approved} approved")
        if c.reviewed_unrecorded:
            parts.append(
                f"{c.reviewed_unrecorded} marked reviewed, imported as translated (no --by)"
            )
        if c.conflicts:
            parts.append(f"{len(c.conflicts)} kept: changed in the PO file since the export")
        verb = "changed" if c.changed else "unchanged"
        lines.append(f"{report.lang}  {c.article}: {verb} ({', '.join(parts)})")
        for k in c.conflicts:
            where = f"{report.path}:{k.line}" if report.path is not None else f"line {k.line}"
            lines.append(
                f"{where}: conflict: unit {k.unit_id!r} ({shorten(k.source, 50)!r}): the PO "
                "translation changed after this file was exported; the PO's text was kept"
            )
    return lines


@import_.command("xliff")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--by",
    "reviewer",
    default=None,
    help="Reviewer name: units the XLIFF marks reviewed/final get an l10n review record. "
    "Without it they are imported as translated.",
)
@click.option("--dry-run", is_flag=True, help="Check and count; write nothing.")
@click.option(
    "--overwrite",
    is_flag=True,
    help="Take the file's text even for units whose PO translation changed after the export "
    "(by default those are kept and reported as conflicts).",
)
@format_option
@pass_context
def import_xliff_cmd(
    ctx: Context, file: Path, reviewer: str | None, dry_run: bool, overwrite: bool, fmt: str
) -> None:
    """Read translations and states from an XLIFF 2.0 FILE into the PO catalogs.

    Exit 0: imported; 1: some units were kept because their PO translation changed
    after the export (listed; --overwrite takes the file's text); 2: a bad file.
    """
    report = import_xliff(ctx.config, file, reviewer=reviewer, dry_run=dry_run, overwrite=overwrite)
    if fmt == "json":
        echo_json(report.as_dict())
    else:
        for line in _import_text(report):
            click.echo(line)
        if dry_run:
            click.echo("dry run: nothing written")
    if report.conflicts:
        sys.exit(1)
