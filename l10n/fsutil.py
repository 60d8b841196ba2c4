"""Atomic file writes and the project lock.

Every file l10n writes goes through :func:`atomic_write`: the bytes go to a
temporary file in the same folder, are flushed and fsynced, then renamed over
the target, so a crash leaves either the old file or the new one. A file whose
bytes would not change is not touched (its mtime stays).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from l10n.errors import LockError, WriteError

LOCK_NAME = ".l10n.lock"


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False if it already held them."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"cannot read {exc.strerror or exc}", path=path) from exc
    mode = None
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o7777
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror or exc}", path=path) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif hasattr(os, "umask"):
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        if mode is not None and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "file is read-only")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ENOSPC:
            reason = "disk full"
        raise WriteError(f"cannot write ({reason}); the old file is intact", path=path) from exc
    _fsync_dir(path.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def project_lock(root: Path, *, wait: float = 10.0) -> Iterator[None]:
    """Serialise writers on one project; a second process waits, then fails clearly."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(root / LOCK_NAME))
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise LockError(
            f"another l10n process is writing this project (waited {wait:g} s)",
            path=root / LOCK_NAME,
            hint="wait for it to finish; remove the lock file only if no l10n process runs",
        ) from exc
    except OSError as exc:
        raise LockError(f"cannot take the project lock: {exc.strerror or exc}", path=root) from exc
    try:
        yield
    finally:
        lock.release()
