"""check_project spread over worker processes reports exactly what a serial run reports."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from l10n.checks import CheckOptions, check_project
from l10n.checks import runner as runner_mod
from l10n.checks.project import display_path, real_path
from l10n.checks.selection import catalog_files
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
    monkeypatch.setattr(runner_mod, "PARALLEL_MIN_FILES", 1)
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
    run_unit = runner_mod._Job.run_unit

    def spy(self: object, *args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return run_unit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner_mod._Job, "run_unit", spy)
    before = gc.get_threshold()
    gc.set_threshold(700, before[1], before[2])
    try:
        report = check_project(load_config(root), CheckOptions(), workers=1)
        assert gc.get_threshold() == (700, before[1], before[2])
    finally:
        gc.set_threshold(*before)
    assert report.results
    assert seen and all(t == (runner_mod.YOUNG_THRESHOLD, *before[1:]) for t in seen)


def test_real_path_is_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real" / "ru").mkdir(parents=True)
    (tmp_path / "real" / "ru" / "a.po").write_text("")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "ru" / "b.po").symlink_to(tmp_path / "real" / "ru" / "a.po")
    monkeypatch.chdir(tmp_path / "real")
    for p in [
        tmp_path / "link" / "ru" / "a.po",
        tmp_path / "link" / "ru" / "b.po",
        tmp_path / "link" / "ru" / "missing.po",
        Path("ru/a.po"),
        Path("."),
        Path(".."),
        Path("ru/.."),
    ]:
        assert real_path(p) == p.resolve(), p
    assert display_path(tmp_path / "link" / "ru" / "a.po", tmp_path / "real") == Path("ru/a.po")


def test_catalog_ids_on_strings_match_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The string form of the catalog ids and shown paths against the path form."""
    root = tmp_path / "p"
    loc = root / "locales"
    (loc / "ru" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    for name in ("ru/a.po", "ru/sub/b.po", "ru/x.y.po"):
        (loc / name).write_text("")
    (tmp_path / "elsewhere" / "c.po").write_text("")
    (loc / "ru" / "link.po").symlink_to(loc / "ru" / "a.po")
    (loc / "ru" / "out.po").symlink_to(tmp_path / "elsewhere" / "c.po")
    (loc / "uk").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (root / "alias").symlink_to(loc, target_is_directory=True)
    monkeypatch.chdir(root)
    locales, top = str(real_path(loc)), str(real_path(root))
    found = [
        e
        for base in (loc, Path("locales"), root / "alias", Path("alias"))
        for e in catalog_files(os.fspath(base))
    ]
    assert len(found) > 10
    real_dirs: dict[str, str] = {}
    for e in found:
        fast = runner_mod._ids_and_shown(e, locales, top, real_dirs)
        slow = runner_mod._ids_and_shown_slow(Path(e.path), Path(locales), Path(top))
        assert fast == slow, e.path


def test_catalog_files_lists_what_os_walk_finds(tmp_path: Path) -> None:
    """Sorted folders and names, no hidden ones, links to folders listed but not followed."""
    top = tmp_path / "ru"
    for name in ("b.po", "a.po", "notes.txt", ".hidden.po", "z/c.po", "m/d.po", ".git/e.po"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text("")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "f.po").write_text("")
    (top / "k").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (top / "link.po").symlink_to(top / "a.po")
    (top / "broken.po").symlink_to(tmp_path / "nothing.po")
    (top / "folder.po").mkdir()
    (top / "folder.po" / "g.po").write_text("")
    expected = []
    for dirpath, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.endswith(".po") and not f.startswith("."):
                expected.append(os.path.join(dirpath, f))
    got = [e.path for e in catalog_files(os.fspath(top))]
    assert got == expected
    assert list(catalog_files(os.fspath(tmp_path / "missing"))) == []
