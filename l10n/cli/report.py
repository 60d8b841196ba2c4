"""``l10n report --html FILE``: the desk's static dashboard."""

from __future__ import annotations

from pathlib import Path

import click

from l10n.cli.common import Context, lang_option, pass_context
from l10n.report import collect, write_html


@click.command()
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Write the dashboard to this HTML file (self-contained, works offline).",
)
@lang_option
@click.option("--no-checks", is_flag=True, help="Leave out check results (faster).")
@pass_context
def report(ctx: Context, html_file: Path, langs: tuple[str, ...], no_checks: bool) -> None:
    """Write a static HTML dashboard: progress, words, check results and reviews."""
    dash = collect(ctx.config, langs=langs, checks=not no_checks)
    write_html(dash, html_file)
    if not dash.checks.available:
        click.echo(f"note: {dash.checks.reason}", err=True)
    click.echo(f"wrote {html_file}")
