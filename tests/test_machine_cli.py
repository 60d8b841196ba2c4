"""``l10n translate`` on the command line, against the local LibreTranslate server."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from libre_server import Hang, LibreServer, Status

from l10n.catalog import Catalog
from l10n.config import load_config
from l10n.sync import sync_project

Run = Callable[..., Result]


@pytest.fixture
def server() -> Iterator[LibreServer]:
    with LibreServer() as srv:
        yield srv


def configure(project: Path, url: str, timeout: float = 3, retries: int = 1) -> None:
    toml = project / "l10n.toml"
    mt = f'[mt]\nprovider = "libre"\nurl = "{url}"\ntimeout = {timeout}\nretries = {retries}\n\n'
    toml.write_text(toml.read_text("utf-8").replace("[language.ru]", mt + "[language.ru]"), "utf-8")
    sync_project(load_config(project))


def ru_catalogs(project: Path) -> list[Catalog]:
    return [Catalog.read(p) for p in sorted((project / "locales" / "ru").rglob("*.po"))]


def test_translate_summary(project: Path, run: Run, server: LibreServer) -> None:
    configure(project, server.url)
    result = run("translate", "--lang", "ru")
    assert result.exit_code == 0, result.output
    assert "ru: filled 0 unit(s) from memory" in result.output
    assert "by machine translation (libre)" in result.output
    assert "wrote locales/ru/kpa-kursk.po" in result.output
    assert f"sent {len(server.translated)} request(s)" in result.output
    assert "\r" not in result.output  # no progress bar off a terminal
    assert all(e.msgstr for c in ru_catalogs(project) for e in c.active_entries())


def test_translate_one_article_json(project: Path, run: Run, server: LibreServer) -> None:
    configure(project, server.url)
    result = run("translate", "--lang", "ru", "world/briefing", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["article"] for c in data["catalogs"]] == ["world/briefing"]
    assert data["totals"]["machine"] == data["requests"] > 0
    assert data["providers"] == {"ru": "libre"}


def test_dry_run_and_limit(project: Path, run: Run, server: LibreServer) -> None:
    configure(project, server.url)
    before = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    result = run("translate", "--lang", "ru", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would fill" in result.output and "would send" in result.output
    assert server.seen == []
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po")} == before
    result = run("translate", "--lang", "ru", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "left for a later run" in result.output
    assert sum(1 for c in ru_catalogs(project) for e in c.active_entries() if e.msgstr) == 2


def test_server_error_is_a_clear_message(project: Path, run: Run, server: LibreServer) -> None:
    configure(project, server.url, retries=1)
    server.script(*[Status(500)] * 200)
    result = run("translate", "--lang", "ru")
    assert result.exit_code == 2
    assert "l10n: error: machine translation with 'libre' failed" in result.output
    assert "HTTP 500" in result.output and "Traceback" not in result.output


def test_silent_server_command_ends_within_timeout(
    project: Path, run: Run, server: LibreServer
) -> None:
    configure(project, server.url, timeout=0.5)
    server.script(*[Hang()] * 200)
    start = time.monotonic()
    result = run("translate", "--lang", "ru")
    assert time.monotonic() - start < 6  # bounded: a silent server must not hang the command
    assert result.exit_code == 2
    assert "no answer within 0.5 s" in result.output


def test_unsupported_language_and_missing_key(
    project: Path, run: Run, server: LibreServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(project, server.url)
    result = run("translate", "--lang", "uk")
    assert result.exit_code == 2 and "does not support Ukrainian" in result.output
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    result = run("translate", "--lang", "ru", "--provider", "deepl")
    assert result.exit_code == 2 and "DEEPL_API_KEY" in result.output
    assert server.seen == []


def test_key_never_reaches_files_or_messages(
    project: Path, run: Run, server: LibreServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(project, server.url)
    monkeypatch.setenv("LIBRE_API_KEY", "K3Y-VALUE-987")
    result = run("translate", "--lang", "ru", "world/briefing")
    assert result.exit_code == 0
    assert {s.api_key for s in server.seen} == {"K3Y-VALUE-987"}
    server.script(Status(403))
    result = run("translate", "--lang", "ru", "kpa-kursk")
    assert result.exit_code == 2 and "refused the API key" in result.output
    assert "K3Y-VALUE-987" not in result.output
    for path in project.rglob("*"):
        if path.is_file():
            assert b"K3Y-VALUE-987" not in path.read_bytes(), path


def test_list_providers(run: Run) -> None:
    result = run("translate", "--list-providers")
    assert result.exit_code == 0
    libre = next(line for line in result.output.splitlines() if line.startswith("libre"))
    assert libre.split()[1:4] == ["yes", "no", "yes"]  # ru uk ko


def test_progress_bar_on_a_terminal_and_quiet_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import os
    import pty
    import sys

    from l10n.cli.translate import _Bar

    master, slave = pty.openpty()
    term = io.TextIOWrapper(os.fdopen(slave, "wb", buffering=0), encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", term)
    monkeypatch.delenv("CI", raising=False)
    assert _Bar.wanted()
    bar = _Bar()
    bar.start("ru", 4)
    for _ in range(4):
        bar.advance(1)
    bar.finish()
    term.flush()
    # A pty hands written bytes over in chunks: read until the final count shows
    # up or the terminal stays quiet, not just once.
    import select

    chunks = b""
    while b"4/4" not in chunks and select.select([master], [], [], 2.0)[0]:
        chunks += os.read(master, 65536)
    shown = chunks.decode("utf-8", "replace")
    assert "ru" in shown and "4/4" in shown
    monkeypatch.setenv("CI", "true")
    assert not _Bar.wanted()
    term.close()
    os.close(master)
