from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from l10n.cli import cli


def walk(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None
        yield (*prefix, name)
        if isinstance(cmd, click.Group):
            yield from walk(cmd, (*prefix, name))


ALL = list(walk(cli))


def test_core_commands_are_registered() -> None:
    names = {c[0] for c in ALL}
    assert {"init", "sync", "status", "segment"} <= names


@pytest.mark.parametrize("path", ALL, ids=lambda p: " ".join(p))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    res = CliRunner().invoke(cli, [*path, "--help"])
    assert res.exit_code == 0, res.output
    assert "Usage:" in res.output
    ctx = click.Context(cli)
    cmd: click.Command | None = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.get_command(ctx, name)
    assert cmd is not None and (cmd.help or cmd.short_help), f"{path} has no help text"


def test_version() -> None:
    res = CliRunner().invoke(cli, ["--version"])
    assert res.exit_code == 0 and "l10n" in res.output


def test_no_project_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["status"])
    assert res.exit_code == 2
    assert "no l10n project found" in res.output
    assert "Traceback" not in res.output


def test_init_creates_a_working_project(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["init", str(tmp_path / "desk"), "--lang", "ru", "--lang", "ko"])
    assert res.exit_code == 0, res.output
    root = tmp_path / "desk"
    assert (root / "l10n.toml").is_file() and (root / "sources").is_dir()
    assert (root / "glossary.yml").is_file()
    (root / "sources" / "a.txt").write_text("Hello world. Second sentence.\n", encoding="utf-8")
    res = runner.invoke(cli, ["-C", str(root), "sync"])
    assert res.exit_code == 0, res.output
    assert (root / "locales" / "ko" / "a.po").is_file()
    again = runner.invoke(cli, ["init", str(root), "--lang", "ru"])
    assert again.exit_code == 2 and "already has l10n configuration" in again.output


def test_init_rejects_unknown_language(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["init", str(tmp_path / "x"), "--lang", "zz"])
    assert res.exit_code == 2
    assert "unknown language code 'zz'" in res.output
    assert not (tmp_path / "x" / "l10n.toml").exists()


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "l10n", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("l10n, version")
