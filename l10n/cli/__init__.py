"""The ``l10n`` command line: thin click wrappers around library functions.

Each command group lives in its own module and is registered in
:data:`COMMANDS`. Every :class:`~l10n.errors.L10nError` becomes a one-line
message on stderr and its exit code here, in one place.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from l10n import __version__
from l10n.cli.common import Context, run_guarded

# (module, attribute) of each top-level command, in help order.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("l10n.cli.project", "init"),
    ("l10n.cli.project", "sync"),
    ("l10n.cli.segment", "segment"),
    ("l10n.cli.translate", "translate"),
    ("l10n.cli.project", "status"),
    ("l10n.cli.check", "check"),
    ("l10n.cli.glossary", "glossary"),
    ("l10n.cli.review", "review"),
    ("l10n.cli.build", "build"),
    ("l10n.cli.exchange", "export_"),
    ("l10n.cli.exchange", "import_"),
    ("l10n.cli.report", "report"),
)


class L10nGroup(click.Group):
    """A group that reports library errors cleanly instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        return run_guarded(lambda: super(L10nGroup, self).invoke(ctx))


@click.group(cls=L10nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10n")
@click.option(
    "-C",
    "--project",
    "project",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Project folder (default: the nearest folder with l10n configuration).",
)
@click.pass_context
def cli(ctx: click.Context, project: str | None) -> None:
    """Translate news articles: segment, sync PO catalogs, translate, review, check, build."""
    ctx.obj = Context(project)


def _register() -> None:
    for module_name, attr in COMMANDS:
        module = importlib.import_module(module_name)
        cli.add_command(getattr(module, attr))


_register()


def main() -> None:
    cli.main(prog_name="l10n")


if __name__ == "__main__":  # pragma: no cover
    main()
