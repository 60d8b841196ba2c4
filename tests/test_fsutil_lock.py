"""The project lock taken with ``flock`` directly is the lock the ``filelock`` package takes.

On POSIX, :func:`l10n.fsutil.project_lock` locks the file itself; elsewhere (or
when ``flock`` fails on the file system) it goes through ``filelock``. Both
paths must exclude each other and behave alike.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

import l10n.fsutil as fsutil
from l10n.errors import LockError
from l10n.fsutil import LOCK_NAME, project_lock


@pytest.fixture(params=["flock", "filelock"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "filelock":
        monkeypatch.setattr(fsutil, "_flock", lambda *_args: None)
    return str(request.param)


def test_a_filelock_holder_keeps_project_lock_out(tmp_path: Path, backend: str) -> None:
    other = FileLock(str(tmp_path / LOCK_NAME))
    other.acquire()
    try:
        with pytest.raises(LockError) as info, project_lock(tmp_path, wait=0.2):
            pass
    finally:
        other.release()
    assert "another l10n process" in str(info.value) and LOCK_NAME in str(info.value)
    with project_lock(tmp_path, wait=0.2):
        pass


def test_project_lock_keeps_a_filelock_out(tmp_path: Path, backend: str) -> None:
    # Held twice (re-entrant), then a filelock waits in vain.
    with project_lock(tmp_path), project_lock(tmp_path, wait=0.1), pytest.raises(Timeout):
        FileLock(str(tmp_path / LOCK_NAME)).acquire(timeout=0.2)
    other = FileLock(str(tmp_path / LOCK_NAME))
    other.acquire(timeout=0.2)
    other.release()


def test_waiting_for_the_lock_until_it_is_free(tmp_path: Path, backend: str) -> None:
    order: list[str] = []

    def other() -> None:
        with project_lock(tmp_path, wait=5):
            order.append("other")

    with project_lock(tmp_path):
        worker = threading.Thread(target=other)
        worker.start()
        time.sleep(0.2)
        order.append("main")
    worker.join(5)
    assert order == ["main", "other"]


def test_lock_file_is_kept_and_no_descriptor_leaks(tmp_path: Path) -> None:
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(5):
        with project_lock(tmp_path):
            pass
        with pytest.raises(LockError), project_lock(tmp_path), project_lock(tmp_path):
            raise LockError("inside")
    assert (tmp_path / LOCK_NAME).is_file()
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds


def test_lock_file_deleted_while_waiting(tmp_path: Path) -> None:
    """A holder that removes the lock file on release leaves waiters locking a new file."""
    holder = FileLock(str(tmp_path / LOCK_NAME))
    holder.acquire()
    got: list[str] = []

    def waiter() -> None:
        with project_lock(tmp_path, wait=5):
            got.append("held")
            # While held here, nobody else can lock the file now at that path.
            try:
                FileLock(str(tmp_path / LOCK_NAME)).acquire(timeout=0.1)
                got.append("not exclusive")
            except Timeout:
                got.append("exclusive")

    worker = threading.Thread(target=waiter)
    worker.start()
    time.sleep(0.2)
    (tmp_path / LOCK_NAME).unlink()
    holder.release()
    worker.join(5)
    assert got == ["held", "exclusive"]
