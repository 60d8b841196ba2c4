"""``l10n check``: the QA checks and the CI gate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.checks import (
    CheckOptions,
    ReportFormat,
    Shard,
    all_checks,
    check_paths,
    check_project,
    format_list,
    render,
)
from l10n.checks.report import error_lines
from l10n.cli.common import Context, lang_option, pass_context, use_color
from l10n.config import ProjectConfig, find_project_root, load_config
from l10n.errors import ConfigError
from l10n.fsutil import atomic_write


def _optional_config(ctx: Context) -> ProjectConfig | None:
    """The project around the current folder, or None outside any project.

    A project that exists but whose configuration is broken is an error,
    never silently ignored.
    """
    if ctx.project_arg:
        return ctx.config
    try:
        root = find_project_root(Path.cwd())
    except ConfigError:
        return None
    return load_config(root)


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@lang_option
@click.option(
    "--article",
    "-a",
    "articles",
    multiple=True,
    help="Only this article (id or source path; repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ReportFormat]),
    default="text",
    show_default=True,
    help="Report format: text, json, junit (XML for CI servers) or github (annotations).",
)
@click.option(
    "--changed-since",
    "changed",
    metavar="REF",
    help="Only catalogs and articles changed since a git ref.",
)
@click.option(
    "--shard",
    "shard",
    metavar="K/N",
    help="Check only part K of N of the catalog list (CI matrix).",
)
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--list",
    "list_checks",
    is_flag=True,
    help="List every check with its default severity and exit.",
)
@pass_context
def check(
    ctx: Context,
    paths: tuple[Path, ...],
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    fmt: str,
    changed: str | None,
    shard: str | None,
    output: Path | None,
    list_checks: bool,
) -> None:
    """Check catalogs, sources and glossary.

    Exit 0: pass; 1: failures; 2: usage, config or unreadable-file error.

    Without PATHS the whole project is checked. PO files or folders given as
    PATHS are checked even outside a project.
    """
    if list_checks:
        click.echo(format_list(all_checks()), nl=False)
        return
    options = CheckOptions(
        langs=langs,
        articles=articles,
        changed_since=changed,
        shard=Shard.parse(shard) if shard else None,
    )
    if paths:
        report = check_paths(list(paths), options, _optional_config(ctx))
    else:
        report = check_project(ctx.config, options)
    report_format = ReportFormat(fmt)
    color = report_format is ReportFormat.TEXT and output is None and use_color()
    text = render(report, report_format, color=color)
    if output is not None:
        atomic_write(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)
    for line in error_lines(report):
        click.echo(line, err=True)
    sys.exit(report.exit_code)
