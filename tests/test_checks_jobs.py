"""Checking the chosen catalogs: in worker processes exactly as in one, and the GC settings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n.checks import CheckOptions, check_project
from l10n.checks import jobs as jobs_mod
from l10n.config import load_config
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "project"


def test_parallel_check_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(DATA, root)
    config = load_config(root)
    sync_project(config, use_cache=False)
    # One article changes after sync: its catalogs are out of date.
    src = next((root / "sources").rglob("*.txt"))
    src.write_text(src.read_text("utf-8") + "\nA sentence added after sync.\n", "utf-8")
    # One catalog goes missing: its article reports it.
    sorted((root / "locales").rglob("*.po"))[-1].unlink()
    config = load_config(root)
    serial = check_project(config, CheckOptions(), workers=1)
    monkeypatch.setattr(jobs_mod, "PARALLEL_MIN_FILES", 1)
    parallel = check_project(config, CheckOptions(), workers=2)
    assert parallel.results == serial.results
    assert parallel.errors == serial.errors
    assert any(i.check == "out-of-date" for i in parallel.issues)
    assert any(i.check == "missing-catalog" for i in parallel.issues)
    assert parallel.rows == serial.rows
    assert all(not r.path.is_absolute() for r in parallel.results)


def test_young_generation_is_collected_less_often_while_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The raised threshold holds while units are checked, and the old one comes back."""
    import gc

    root = tmp_path / "p"
    shutil.copytree(DATA, root)
    config = load_config(root)
    sync_project(config, use_cache=False)
    seen: list[tuple[int, int, int]] = []
    run_unit = jobs_mod.Job.run_unit

    def spy(self: object, *args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return run_unit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs_mod.Job, "run_unit", spy)
    before = gc.get_threshold()
    gc.set_threshold(700, before[1], before[2])
    try:
        report = check_project(load_config(root), CheckOptions(), workers=1)
        assert gc.get_threshold() == (700, before[1], before[2])
    finally:
        gc.set_threshold(*before)
    assert report.results
    assert seen and all(t == (jobs_mod.YOUNG_THRESHOLD, *before[1:]) for t in seen)
