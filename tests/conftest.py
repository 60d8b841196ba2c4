from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

DATA = Path(__file__).parent / "data"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the small sample project in tests/data/project."""
    dest = tmp_path / "project"
    shutil.copytree(DATA / "project", dest)
    return dest


@pytest.fixture
def run(project: Path) -> Callable[..., Result]:
    """Run the l10n CLI inside the project copy; returns click's Result."""
    from l10n.cli import cli

    def _run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, ["-C", str(project), *args], input=input, catch_exceptions=False)

    return _run
