"""Faults around writing: read-only files, full disks, interrupted writes, the lock."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from l10n.errors import WriteError
from l10n.fsutil import LOCK_NAME, atomic_write, project_lock, stray_temp_files

OLD = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def _child(code: str, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# -- plain behaviour --------------------------------------------------------------
def test_write_new_file_and_skip_identical(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.po"
    assert atomic_write(target, OLD) is True
    assert target.read_bytes() == OLD
    mtime = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert atomic_write(target, OLD) is False
    assert target.stat().st_mtime_ns == mtime
    assert stray_temp_files(tmp_path) == []


def test_mode_of_existing_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(OLD)
    target.chmod(0o640)
    atomic_write(target, OLD + b"\n")
    assert target.stat().st_mode & 0o777 == 0o640


def test_symlink_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    inside = tmp_path / "locales"
    inside.mkdir()
    link = inside / "x.po"
    link.symlink_to(outside)
    atomic_write(link, OLD)
    assert outside.read_bytes() == b"keep me"
    assert not link.is_symlink()
    assert link.read_bytes() == OLD


def test_directory_target_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "d.po").mkdir()
    with pytest.raises(WriteError, match="directory"):
        atomic_write(tmp_path / "d.po", OLD)


def test_rejects_text_instead_of_bytes(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        atomic_write(tmp_path / "x", "text")  # type: ignore[arg-type]


# -- read-only ---------------------------------------------------------------------
def test_read_only_file_is_refused_even_for_root(tmp_path: Path) -> None:
    target = tmp_path / "ro.po"
    target.write_bytes(OLD)
    target.chmod(0o444)
    with pytest.raises(WriteError) as info:
        atomic_write(target, OLD + b"# new\n")
    assert info.value.path == target
    assert "read-only" in str(info.value)
    assert target.read_bytes() == OLD
    assert target.stat().st_mode & 0o777 == 0o444
    assert stray_temp_files(tmp_path) == []


def test_read_only_file_with_same_bytes_is_not_an_error(tmp_path: Path) -> None:
    target = tmp_path / "ro.po"
    target.write_bytes(OLD)
    target.chmod(0o444)
    assert atomic_write(target, OLD) is False


# -- full disk ---------------------------------------------------------------------
def test_file_size_limit_gives_clear_error_and_keeps_old_file(tmp_path: Path) -> None:
    """A real EFBIG: the child runs with RLIMIT_FSIZE of 64 KiB and SIGXFSZ ignored."""
    target = tmp_path / "big.po"
    target.write_bytes(OLD)
    code = """
        import resource, signal, sys
        from pathlib import Path
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
        from l10n.errors import WriteError
        from l10n.fsutil import atomic_write
        try:
            atomic_write(Path(sys.argv[1]), b"x" * 1_000_000)
        except WriteError as exc:
            print(exc)
            sys.exit(2)
        sys.exit(0)
    """
    proc = _child(code, str(target))
    assert proc.returncode == 2, proc.stderr
    assert str(target) in proc.stdout
    assert "too large" in proc.stdout and "old file is intact" in proc.stdout
    assert target.read_bytes() == OLD
    assert stray_temp_files(tmp_path) == []


@pytest.fixture
def small_tmpfs(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + proc.stderr.decode(errors="replace"))
    try:
        yield mnt
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_full_disk_gives_clear_error_and_keeps_old_file(small_tmpfs: Path) -> None:
    target = small_tmpfs / "ru" / "a.po"
    atomic_write(target, OLD)
    with pytest.raises(WriteError) as info:
        atomic_write(target, OLD + b"#" * 200_000 + b"\n")
    assert "disk full" in str(info.value)
    assert str(target) in str(info.value)
    assert target.read_bytes() == OLD
    assert stray_temp_files(small_tmpfs) == []
    # The disk is usable again afterwards: the failed write left nothing behind.
    assert atomic_write(target, OLD + b"# small\n") is True


# -- interrupted writes -----------------------------------------------------------
def test_interrupt_during_write_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(OLD)

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == OLD
    assert stray_temp_files(tmp_path) == []


def test_temp_of_killed_process_is_removed_by_next_write(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(OLD)
    code = """
        import os, sys, tempfile
        from pathlib import Path
        import l10n.fsutil as f
        real = os.replace
        def die(src, dst):
            os.kill(os.getpid(), 9)
        os.replace = die
        f.atomic_write(Path(sys.argv[1]), b"half")
    """
    proc = _child(code, str(target))
    assert proc.returncode == -9
    left = stray_temp_files(tmp_path)
    assert len(left) == 1 and left[0].name.startswith(".x.po.")
    assert target.read_bytes() == OLD
    # A live process's temp file is never touched.
    alive = tmp_path / f".x.po.{os.getppid()}.keep.tmp"
    alive.write_bytes(b"busy")
    atomic_write(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert stray_temp_files(tmp_path) == [alive]


# -- the lock ----------------------------------------------------------------------
def test_lock_is_reentrant_in_one_thread(tmp_path: Path) -> None:
    with project_lock(tmp_path), project_lock(tmp_path, wait=0.1):
        pass
    with project_lock(tmp_path, wait=0.1):
        pass


def test_second_process_fails_clearly_while_lock_is_held(tmp_path: Path) -> None:
    code = """
        import sys
        from pathlib import Path
        from l10n.errors import LockError
        from l10n.fsutil import project_lock
        try:
            with project_lock(Path(sys.argv[1]), wait=0.3):
                print("got it")
        except LockError as exc:
            print(exc)
            sys.exit(exc.exit_code)
    """
    with project_lock(tmp_path):
        proc = _child(code, str(tmp_path))
    assert proc.returncode == 2
    assert "another l10n process" in proc.stdout
    assert LOCK_NAME in proc.stdout
    proc = _child(code, str(tmp_path))
    assert proc.returncode == 0 and "got it" in proc.stdout


def test_lock_of_killed_process_is_released(tmp_path: Path) -> None:
    code = """
        import os, sys
        from pathlib import Path
        from l10n.fsutil import project_lock
        with project_lock(Path(sys.argv[1])):
            os.kill(os.getpid(), 9)
    """
    assert _child(code, str(tmp_path)).returncode == -9
    with project_lock(tmp_path, wait=1.0):
        pass


def test_other_thread_waits_for_the_lock(tmp_path: Path) -> None:
    order: list[str] = []

    def other() -> None:
        with project_lock(tmp_path, wait=5):
            order.append("other")

    with project_lock(tmp_path):
        t = threading.Thread(target=other)
        t.start()
        time.sleep(0.2)
        order.append("main")
    t.join(5)
    assert order == ["main", "other"]


def test_lock_prevents_lost_updates_between_processes(tmp_path: Path) -> None:
    """Read-modify-write of one counter file by 4 processes x 25 increments."""
    counter = tmp_path / "counter"
    atomic_write(counter, b"0")
    code = """
        import sys
        from pathlib import Path
        from l10n.fsutil import atomic_write, project_lock
        root = Path(sys.argv[1])
        for _ in range(25):
            with project_lock(root, wait=30):
                n = int((root / "counter").read_bytes())
                atomic_write(root / "counter", str(n + 1).encode())
    """
    procs = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), str(tmp_path)])
        for _ in range(4)
    ]
    for p in procs:
        assert p.wait(60) == 0
    assert counter.read_bytes() == b"100"
    assert stray_temp_files(tmp_path) == []


# -- through the command line -------------------------------------------------------
def test_sync_on_a_full_disk_fails_clearly_and_keeps_old_files(small_tmpfs: Path) -> None:
    """The project lives on a 64 KiB file system; a big new article does not fit."""
    from click.testing import CliRunner

    from l10n.catalog import Catalog
    from l10n.cli import cli

    root = small_tmpfs / "project"
    shutil.copytree(Path(__file__).parent / "data" / "project", root)
    (root / "sources" / "world" / "briefing.md").unlink()
    res = CliRunner().invoke(cli, ["-C", str(root), "sync", "-l", "ru"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    po = root / "locales" / "ru" / "kpa-kursk.po"
    before = po.read_bytes()
    src = root / "sources" / "kpa-kursk.txt"
    extra = "".join(f"Sentence number {i} was added to the article.\n\n" for i in range(600))
    src.write_text(src.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    res = CliRunner().invoke(cli, ["-C", str(root), "sync", "-l", "ru"], catch_exceptions=False)
    assert res.exit_code == 2, res.output
    assert "disk full" in res.stderr
    assert "Traceback" not in res.stderr
    for path in (root / "locales").rglob("*.po*"):
        Catalog.read(path)  # every catalog is whole
    assert po.read_bytes() == before
    assert stray_temp_files(root) == []


def test_write_many_is_all_or_nothing_before_the_renames(tmp_path: Path) -> None:
    from l10n.fsutil import atomic_write_many, stray_temp_files

    paths = [tmp_path / f"f{i}.po" for i in range(6)]
    for p in paths:
        p.write_bytes(b"old")
    paths[3].chmod(0o444)  # read-only: staging it fails
    with pytest.raises(WriteError):
        atomic_write_many([(p, b"new") for p in paths], threads=3)
    assert [p.read_bytes() for p in paths] == [b"old"] * 6
    assert stray_temp_files(tmp_path) == []
    paths[3].chmod(0o644)
    changed = atomic_write_many([(p, b"new" if i % 2 else b"old") for i, p in enumerate(paths)])
    assert changed == [False, True, False, True, False, True]
    assert [p.read_bytes() for p in paths] == [b"old", b"new"] * 3
