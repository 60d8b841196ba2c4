"""Choosing the catalogs of a check run: paths, ids and the files found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.checks import runner as runner_mod
from l10n.checks.project import display_path, real_path
from l10n.checks.selection import catalog_files


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
