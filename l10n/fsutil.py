"""Atomic file writes and the project lock.

Every file l10n writes goes through :func:`atomic_write`: the bytes go to a
temporary file in the same folder, are flushed and fsynced, then renamed over
the target, so a crash leaves either the old file or the new one. A file whose
bytes would not change is not touched (its mtime stays).

A file without any write bit is read-only for l10n, even for root (who may
write it regardless of its mode). Temporary files are named
``.<name>.<pid>.<random>.tmp``; one left behind by a process that was killed
is removed by the next write of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from l10n.errors import LockError, WriteError

LOCK_NAME = ".l10n.lock"
TEMP_SUFFIX = ".tmp"

_NO_SPACE = {errno.ENOSPC: "disk full", errno.EFBIG: "file too large for the file system"}
if hasattr(errno, "EDQUOT"):
    _NO_SPACE[errno.EDQUOT] = "disk quota exceeded"


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False if it already held them.

    Raises :class:`WriteError` (naming the file; the old file intact) when the
    file is read-only, the disk is full or the folder cannot be written.
    """
    tmp = _stage(path, data)
    if tmp is None:
        return False
    _commit(path, tmp)
    _fsync_dir(path.parent)
    return True


def atomic_write_many(items: Sequence[tuple[Path, bytes]], *, threads: int = 8) -> list[bool]:
    """Write several files, each atomically; return which ones changed.

    Every new content is first written to a temporary file and fsynced, several
    at a time (that is waiting for the disk, which threads overlap). Only when
    all of them succeeded are they renamed into place, and each folder is then
    fsynced once. A failure before the renames (disk full, a read-only file)
    leaves every target as it was.
    """
    staged: list[tuple[Path, str] | None] = [None] * len(items)
    try:
        if threads > 1 and len(items) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(threads, len(items))) as pool:
                futures = [pool.submit(_stage, path, data) for path, data in items]
                error: BaseException | None = None
                for i, future in enumerate(futures):
                    exc = future.exception()
                    if exc is None:
                        tmp = future.result()
                        staged[i] = None if tmp is None else (items[i][0], tmp)
                    elif error is None:
                        error = exc
                if error is not None:
                    raise error
        else:
            for i, (path, data) in enumerate(items):
                tmp = _stage(path, data)
                staged[i] = None if tmp is None else (path, tmp)
    except BaseException:
        for item in staged:
            if item is not None:
                with contextlib.suppress(OSError):
                    os.unlink(item[1])
        raise
    pending = [item for item in staged if item is not None]
    try:
        while pending:
            path, tmp = pending[0]
            _commit(path, tmp)
            pending.pop(0)
    finally:
        for _path, tmp in pending:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    for folder in sorted({os.fspath(item[0].parent) for item in staged if item is not None}):
        _fsync_dir(Path(folder))
    return [item is not None for item in staged]


def _stage(path: Path, data: bytes) -> str | None:
    """Write ``data`` to a fsynced temporary file beside ``path``; None if nothing changes."""
    if not isinstance(data, bytes):
        raise TypeError(f"atomic_write needs bytes, not {type(data).__name__}")
    info = _existing_stat(path)
    mode = info.st_mode if info is not None else None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError("is a directory, not a file", path=path)
        try:
            if info.st_size == len(data) and path.read_bytes() == data:
                return None
        except OSError as exc:
            raise WriteError(f"cannot read: {exc.strerror or exc}", path=path) from exc
        if info.st_mode & 0o222 == 0:
            raise WriteError(
                "file is read-only; nothing written",
                path=path,
                hint="make it writable (chmod u+w) if l10n should update it",
            )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create its folder: {exc.strerror or exc}", path=path) from exc
    _remove_stale_temps(path)
    umask = _umask()
    wanted = stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask
    try:
        fd, tmp = _create_temp(path, wanted)
    except OSError as exc:
        raise WriteError(_reason(exc, "cannot write"), path=path) from exc
    with _discard_on_error(tmp, path):
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if wanted & ~umask != wanted:
            # Bits the umask took away when the file was created (the old file had them).
            os.chmod(tmp, wanted)
    return tmp


_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
)


def _create_temp(path: Path, mode: int) -> tuple[int, str]:
    """Create ``.<name>.<pid>.<random>.tmp`` beside ``path`` (mode as ``os.open`` applies it)."""
    prefix = os.path.join(os.path.dirname(path), f".{path.name}.{os.getpid()}.")
    for _attempt in range(100):
        tmp = prefix + os.urandom(6).hex() + TEMP_SUFFIX
        try:
            return os.open(tmp, _TEMP_FLAGS, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", prefix)


def _commit(path: Path, tmp: str) -> None:
    """Rename the staged temporary file over ``path`` (the atomic step)."""
    with _discard_on_error(tmp, path):
        # Checked again just before the rename: the file may have become read-only meanwhile.
        now = _existing_mode(path)
        if now is not None and now & 0o222 == 0:
            raise PermissionError(errno.EACCES, "file is read-only")
        os.replace(tmp, path)


@contextlib.contextmanager
def _discard_on_error(tmp: str, path: Path) -> Iterator[None]:
    """On any failure remove the temporary file; OS errors become a WriteError."""
    try:
        yield
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WriteError(
                _reason(exc, "cannot write") + "; the old file is intact", path=path
            ) from exc
        raise


def _existing_stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"cannot access: {exc.strerror or exc}", path=path) from exc


def _existing_mode(path: Path) -> int | None:
    info = _existing_stat(path)
    return info.st_mode if info is not None else None


_UMASK_LOCK = threading.Lock()


def _umask() -> int:
    """The process's umask (reading it means setting it; threads take turns)."""
    with _UMASK_LOCK:
        umask = os.umask(0)
        os.umask(umask)
    return umask


def _reason(exc: OSError, what: str) -> str:
    if exc.errno in _NO_SPACE:
        return f"{what} ({_NO_SPACE[exc.errno]})"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{what} (read-only: {exc.strerror or exc})"
    return f"{what} ({exc.strerror or exc})"


_SWEPT: set[str] = set()
_SWEPT_LOCK = threading.Lock()


def _remove_stale_temps(path: Path) -> None:
    """Remove temporary files left in ``path``'s folder by l10n processes that no longer run.

    Each folder is swept once per process (listing a folder before every write
    would make writing N files into it cost N squared).
    """
    folder = path.parent
    key = os.fspath(folder)
    with _SWEPT_LOCK:
        if key in _SWEPT:
            return
        _SWEPT.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)
        # .<target name>.<pid>.<random>  ->  [".<target name>", "<pid>", "<random>"]
        if len(parts) != 3 or not parts[1].isdigit() or _pid_alive(int(parts[1])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / name)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def stray_temp_files(folder: Path) -> list[Path]:
    """Temporary files of :func:`atomic_write` under ``folder`` (for diagnostics)."""
    out: list[Path] = []
    for dirpath, _dirs, files in os.walk(folder):
        out.extend(
            Path(dirpath) / n for n in files if n.startswith(".") and n.endswith(TEMP_SUFFIX)
        )
    return sorted(out)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Held(threading.local):
    def __init__(self) -> None:
        self.depth: dict[str, int] = {}


_held = _Held()


@contextlib.contextmanager
def project_lock(root: Path, *, wait: float = 10.0) -> Iterator[None]:
    """Serialise writers on one project; a second process waits, then fails clearly.

    The lock is re-entrant within one thread, so a function holding it may call
    another that takes it too. It is an OS-level lock (``flock``) that the
    kernel releases when the process dies, so a killed run leaves no stale lock.
    """
    key = os.path.realpath(root)
    depth = _held.depth.get(key, 0)
    if depth:
        _held.depth[key] = depth + 1
        try:
            yield
        finally:
            _held.depth[key] -= 1
        return
    lock_path = os.path.join(key, LOCK_NAME)
    release = _flock(lock_path, wait, root)
    if release is None:
        release = _filelock(lock_path, wait, root)
    _held.depth[key] = 1
    try:
        yield
    finally:
        _held.depth.pop(key, None)
        release()


_POLL_SECONDS = 0.05
_BUSY = frozenset({errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK})
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)


def _flock(lock_path: str, wait: float, root: Path) -> Callable[[], None] | None:
    """Take the lock with ``fcntl.flock`` directly; None where that is not possible.

    The same lock as the ``filelock`` package takes on POSIX (an exclusive
    ``flock`` on the same file, polled every 50 ms up to ``wait`` seconds), so
    both see each other, without importing that package on every command. On
    any other outcome than "taken" or "held by another process" (no ``flock``
    on this platform or file system, a file that cannot be opened), None: the
    caller takes the lock through ``filelock``, which reports the problem.
    """
    try:
        import fcntl
    except ImportError:  # not a POSIX system
        return None
    deadline = time.monotonic() + wait
    fd = -1
    try:
        while True:
            if fd < 0:
                fd = os.open(lock_path, _OPEN_FLAGS, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in _BUSY:
                    raise
                if time.monotonic() >= deadline:
                    raise _busy(wait, root) from None
                time.sleep(_POLL_SECONDS)
                continue
            if os.fstat(fd).st_nlink == 0:
                # The file was deleted before the lock was taken: lock its successor.
                os.close(fd)
                fd = -1
                continue
            break
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        if isinstance(exc, OSError):
            return None
        raise
    held = fd

    def release() -> None:
        try:
            fcntl.flock(held, fcntl.LOCK_UN)
        finally:
            os.close(held)

    return release


def _filelock(lock_path: str, wait: float, root: Path) -> Callable[[], None]:
    """Take the lock through the ``filelock`` package (any platform, soft-lock fallback)."""
    from filelock import FileLock, Timeout

    lock = FileLock(lock_path)
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise _busy(wait, root) from exc
    except OSError as exc:
        raise LockError(
            f"cannot take the project lock: {exc.strerror or exc}", path=root / LOCK_NAME
        ) from exc
    return lambda: lock.release()


def _busy(wait: float, root: Path) -> LockError:
    return LockError(
        f"another l10n process is writing this project (waited {wait:g} s)",
        path=root / LOCK_NAME,
        hint="wait for it to finish; remove the lock file only if no l10n process runs",
    )
