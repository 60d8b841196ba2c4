from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from l10n.cli import cli, exit_status


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
    done = subprocess.run(
        [sys.executable, "-m", "l10n", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("l10n, version")


def _program(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed program's code path (``main``), in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "l10n", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


def test_the_program_ends_with_the_commands_status_and_all_of_its_output(project: Path) -> None:
    """``main`` ends the process without interpreter teardown: nothing written may be lost."""
    (project / "locales" / "ru").mkdir(parents=True, exist_ok=True)
    inproc = CliRunner().invoke(cli, ["-C", str(project), "check", "--format", "json"])
    done = _program("-C", str(project), "check", "--format", "json")
    assert done.returncode == inproc.exit_code
    assert json.loads(done.stdout) == json.loads(inproc.stdout)
    assert done.stdout == inproc.stdout


def test_the_program_reports_user_errors_with_their_status(tmp_path: Path) -> None:
    done = _program("-C", str(tmp_path / "missing"), "status")
    assert done.returncode == 2
    assert done.stderr.startswith("l10n: error:")
    assert "Traceback" not in done.stderr
    bad = _program("check", "--format", "nope", cwd=tmp_path)
    assert bad.returncode == 2  # click's usage error
    assert "Invalid value" in bad.stderr


def test_the_program_stays_quiet_when_its_reader_is_gone(project: Path) -> None:
    """``l10n segment ... | head -0``: no traceback and no message about the closed pipe."""
    source = project / "sources" / "kpa-kursk.txt"
    proc = subprocess.Popen(
        [sys.executable, "-m", "l10n", "-C", str(project), "segment", str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before the program writes anything
    _out, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err
    assert b"Exception ignored" not in err
    assert proc.returncode == 0


def test_a_profiler_still_gets_to_write_its_results(tmp_path: Path) -> None:
    """Tools that write at exit (cProfile, coverage) see the program end as usual."""
    out = tmp_path / "run.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "l10n", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("l10n, version")
    assert out.is_file() and out.stat().st_size > 0


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [(None, 0, ""), (0, 0, ""), (1, 1, ""), (2, 2, ""), (256, 0, ""), ("gone", 1, "gone\n")],
)
def test_exit_status_is_what_sys_exit_would_give(
    code: object, status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_status(code) == status
    assert capsys.readouterr().err == message
