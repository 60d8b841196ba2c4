"""Sync spread over processes and write threads gives the same result as a serial sync."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n import sync as sync_mod
from l10n.config import load_config
from l10n.parallel import map_in_processes
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "project"


def _square(x: int) -> int:
    return x * x


def test_map_in_processes_keeps_order_and_results() -> None:
    items = list(range(50))
    assert map_in_processes(_square, items, min_weight=1) == [x * x for x in items]
    assert map_in_processes(_square, items, min_weight=10**9) == [x * x for x in items]


def _boom(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def test_map_in_processes_raises_worker_errors() -> None:
    with pytest.raises(ValueError, match="seven"):
        map_in_processes(_boom, list(range(20)), min_weight=1)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "locales").rglob("*"))
        if p.is_file()
    }


def test_parallel_sync_writes_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    shutil.copytree(DATA, serial)
    shutil.copytree(DATA, parallel)
    for root in (serial, parallel):
        src = next((root / "sources").rglob("*.txt"), None) or next(
            (root / "sources").rglob("*.md")
        )
        text = src.read_text("utf-8")
        src.write_text(text.replace(" the ", " this ", 2) + "\nA new closing line.\n", "utf-8")
    a = sync_project(load_config(serial), use_cache=False)
    monkeypatch.setattr(sync_mod, "PARALLEL_MIN_FILES", 1)
    b = sync_project(load_config(parallel), use_cache=False)
    assert _tree(serial) == _tree(parallel)
    strip = [(c.lang, c.article, c.created, c.changed, c.stats) for c in a.changes]
    assert strip == [(c.lang, c.article, c.created, c.changed, c.stats) for c in b.changes]
    assert any(c.changed for c in b.changes)
