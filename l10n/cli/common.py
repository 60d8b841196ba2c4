"""Shared click plumbing: the project context, options and error reporting."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from l10n.config import ProjectConfig, find_project_root, load_config
from l10n.errors import L10nError

T = TypeVar("T")


class Context:
    """Lazily loaded project configuration for the current invocation."""

    def __init__(self, project: str | None) -> None:
        self.project_arg = project
        self._config: ProjectConfig | None = None

    @property
    def config(self) -> ProjectConfig:
        if self._config is None:
            start = Path(self.project_arg) if self.project_arg else Path.cwd()
            root = start.resolve() if self.project_arg else find_project_root(start)
            self._config = load_config(root)
        return self._config

    def has_project(self) -> bool:
        try:
            _ = self.config
        except L10nError:
            return False
        return True


pass_context = click.make_pass_decorator(Context)


def run_guarded(fn: Callable[[], T]) -> T:
    """Run ``fn``; turn library errors into a message and their exit code."""
    try:
        return fn()
    except L10nError as exc:
        click.echo(f"l10n: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("l10n: interrupted; files written so far are complete", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)


def use_color() -> bool:
    """Colour only on a terminal and when NO_COLOR is unset."""
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)

lang_option = click.option(
    "--lang",
    "-l",
    "langs",
    multiple=True,
    help="Target language (repeatable; default: all configured).",
)
