"""The ``l10n`` command line: thin click wrappers around library functions.

Each command group lives in its own module and is registered in
:data:`COMMANDS`. Every :class:`~l10n.errors.L10nError` becomes a one-line
message on stderr and its exit code here, in one place.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from l10n import __version__
from l10n.cli.common import Context, run_guarded

# (name, module, attribute) of each top-level command, in help order. Modules are
# imported only when their command runs, so `l10n sync` does not pay for the
# machine-translation client or the dashboard.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "l10n.cli.project", "init"),
    ("sync", "l10n.cli.project", "sync"),
    ("segment", "l10n.cli.segment", "segment"),
    ("translate", "l10n.cli.translate", "translate"),
    ("status", "l10n.cli.project", "status"),
    ("check", "l10n.cli.check", "check"),
    ("glossary", "l10n.cli.glossary", "glossary"),
    ("review", "l10n.cli.review", "review"),
    ("build", "l10n.cli.build", "build"),
    ("export", "l10n.cli.exchange", "export_"),
    ("import", "l10n.cli.exchange", "import_"),
    ("report", "l10n.cli.report", "report"),
)


class L10nGroup(click.Group):
    """The top-level group: loads commands lazily and reports library errors cleanly."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, _module, _attr in COMMANDS]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for name, module_name, attr in COMMANDS:
            if name == cmd_name:
                command = getattr(importlib.import_module(module_name), attr)
                assert isinstance(command, click.Command)
                return command
        return None

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


def main() -> NoReturn:
    """The ``l10n`` program: runs the command, then ends the process at once.

    Everything the command writes is complete when it returns (files are
    written atomically and closed, see :mod:`l10n.fsutil`), so the interpreter
    is not torn down object by object: after a check of a large project that
    teardown alone takes a tenth of the run. Standard streams are flushed first.
    Under a profiler or a coverage tool the process exits as usual, so that they
    can write their results.
    """
    try:
        cli.main(prog_name="l10n")
    except SystemExit as exc:
        status = exit_status(exc.code)
    else:  # pragma: no cover - click's standalone mode always exits
        status = 0
    if sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules:
        # Under a profiler or a coverage tool, which write their results at exit.
        sys.exit(status)
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe or stream: nothing more can be said.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def exit_status(code: object) -> int:
    """The status ``sys.exit(code)`` would end the process with (a message goes to stderr)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(OSError, ValueError):
        click.echo(str(code), err=True)
    return 1


if __name__ == "__main__":  # pragma: no cover
    main()
