"""Spreading per-file work over processes, only where it pays.

Reading and merging thousands of small PO files is CPU work in Python, so on a
multi-core machine it is split over forked worker processes. Small projects
never pay for starting workers: below :data:`PARALLEL_MIN_FILES` everything
runs in the calling process.

The workers are plain ``os.fork`` children, not a ``multiprocessing`` pool:
they inherit the function and the items, so nothing is sent to them, and only
their results come back, pickled, through a pipe. Loading ``multiprocessing``
and ``concurrent.futures`` and running a pool's queues and threads would cost
a command a good part of a tenth of a second before any work is done.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import struct
import sys
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, TypeVar

PARALLEL_MIN_FILES = 200
MAX_PROCESSES = 8
CHUNKS_PER_PROCESS = 8

_T = TypeVar("_T")
_R = TypeVar("_R")


def map_in_processes(
    fn: Callable[[_T], _R],
    items: Sequence[_T],
    *,
    weight: Callable[[_T], int] = lambda _item: 1,
    min_weight: int = 0,
) -> list[_R]:
    """``[fn(x) for x in items]``, spread over forked worker processes when it pays.

    Only with more than one CPU, a platform that can fork, and a total
    ``weight`` (files to read) of at least ``min_weight``: starting workers
    costs more than it saves on a small project. ``fn`` and the items are
    inherited by the workers, not pickled; results are pickled. Results are in
    item order; an exception in ``fn`` is raised here (the one of the first
    item that failed, as in the serial loop).
    """
    n = min(os.cpu_count() or 1, MAX_PROCESSES, len(items))
    if n <= 1 or sum(weight(x) for x in items) < min_weight or not hasattr(os, "fork"):
        return [fn(x) for x in items]
    return _forked_map(fn, items, n)


def _shares(count: int, processes: int) -> list[list[range]]:
    """Chunks of item indexes for each process: runs of neighbours, dealt out in turn.

    Neighbouring items often share work (the catalogs of one article), so each
    chunk is a run; dealing many chunks in turn evens out slow and fast runs.
    """
    size = max(1, count // (processes * CHUNKS_PER_PROCESS))
    chunks = [range(i, min(i + size, count)) for i in range(0, count, size)]
    return [chunks[p::processes] for p in range(processes)]


def _run_share(fn: Callable[[Any], Any], items: Sequence[Any], share: list[range]) -> _Outcome:
    """Results of one process's share, by item index, up to its first failure."""
    done: dict[int, Any] = {}
    for chunk in share:
        for i in chunk:
            try:
                done[i] = fn(items[i])
            except Exception as exc:
                return done, (i, exc)
    return done, None


# What a process sends back: results by index, and (index, exception) of its first failure.
_Outcome = tuple[dict[int, Any], tuple[int, BaseException] | None]


def _forked_map(fn: Callable[[_T], _R], items: Sequence[_T], n: int) -> list[_R]:
    shares = _shares(len(items), n)
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    collected = False
    try:
        _flush_std_streams()  # or a child would write what the parent had buffered again
        frozen = _freeze_gc()
        try:
            for share in shares[1:]:
                children.append(_fork_child(fn, items, share))
        finally:
            if frozen:
                gc.unfreeze()
        outcomes = [_run_share(fn, items, shares[0])]
        for pid, fd in children:
            outcomes.append(_collect(pid, fd))
        collected = True
    finally:
        for pid, fd in children:
            _reap(pid, fd, stop=not collected)
    return _merged(outcomes, len(items))


MAX_CLAIMS = 4096  # claims handed out through one pipe (4 bytes each: 16 KiB, one pipe buffer)


def map_claimed(fn: Callable[[int], _R], count: int, processes: int) -> list[_R]:
    """``[fn(i) for i in range(count)]`` over ``processes`` processes, this one included.

    The indexes are handed out through a pipe: each process takes the next run
    of indexes when it is free, so a slow process (or a run of slow items) does
    not hold the others up, and this process works too instead of waiting.
    ``fn`` is inherited by the forked children, not pickled; results are
    pickled. An exception in ``fn`` is raised here: the one of the first item
    that failed, as in the serial loop. Only where ``os.fork`` exists;
    elsewhere, and for one process, the loop runs here.
    """
    n = min(processes, count)
    if n <= 1 or not hasattr(os, "fork"):
        return [fn(i) for i in range(count)]
    size = -(-count // MAX_CLAIMS)
    read_fd, write_fd = os.pipe()
    try:
        # Every claim is written before the first fork and the write end is
        # closed, so an empty read means that nothing is left.
        os.write(write_fd, b"".join(i.to_bytes(4, "little") for i in range(0, count, size)))
    finally:
        os.close(write_fd)
    children: list[tuple[int, int]] = []
    collected = False
    results: list[Any] = []
    _flush_std_streams()  # or a child would write what the parent had buffered again
    # Frozen before forking (see _freeze_gc), and here until the end: this
    # process works too, and its collections would otherwise walk the whole
    # heap it had before, again and again.
    frozen = _freeze_gc()
    try:
        for _ in range(n - 1):
            children.append(_fork_claimer(fn, count, size, read_fd))
        outcomes = [_run_claims(fn, count, size, read_fd)]
        for pid, fd in children:
            outcomes.append(_collect(pid, fd, _unframed))
        collected = True
        results = _merged(outcomes, count)
        enabled = gc.isenabled()
        gc.disable()  # see _collect
        try:
            results = [pickle.loads(r.data) if isinstance(r, _Pickled) else r for r in results]
        finally:
            if enabled:
                gc.enable()
    finally:
        os.close(read_fd)
        for pid, fd in children:
            _reap(pid, fd, stop=not collected)
        if frozen:
            gc.unfreeze()
    return results


class _Pickled:
    """A result pickled on its own in a child, to be loaded in the parent."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


def _dumps_one(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _merged(outcomes: list[_Outcome], count: int) -> list[Any]:
    """Results in index order, or the exception of the first index that failed."""
    failures = [failed for _done, failed in outcomes if failed is not None]
    if failures:
        raise min(failures, key=lambda f: f[0])[1]
    results: dict[int, Any] = {}
    for done, _failed in outcomes:
        results.update(done)
    return [results[i] for i in range(count)]


def _run_claims(fn: Callable[[int], Any], count: int, size: int, claims: int) -> _Outcome:
    """Take runs of indexes from the ``claims`` pipe until it is empty or ``fn`` fails.

    A read of 4 bytes from a pipe holding whole claims of 4 bytes returns a
    whole claim: no two processes get parts of the same one.
    """
    done: dict[int, Any] = {}
    while True:
        data = os.read(claims, 4)
        if not data:
            return done, None
        start = int.from_bytes(data, "little")
        for i in range(start, min(start + size, count)):
            try:
                done[i] = fn(i)
            except Exception as exc:
                return done, (i, exc)


def _fork_claimer(fn: Callable[[int], Any], count: int, size: int, claims: int) -> tuple[int, int]:
    """Start a child taking claims; (its pid, the read end of its result pipe)."""
    # Each result is pickled as soon as it is made, so that the last claims are
    # shared out knowing that cost, and little is left to do at the end while
    # the parent waits: the pickles are sent one after the other (see _framed).
    return _fork(lambda: _run_claims(lambda i: _dumps_one(fn(i)), count, size, claims), _framed)


_FRAME = struct.Struct("<II")


def _framed(outcome: _Outcome) -> bytes:
    """A claimer's outcome, its results already pickled, for :func:`_unframed`.

    The failure (pickled) and then each result as (index, length, pickle):
    joining bytes costs next to nothing, where pickling the results again as
    one value would make the waiting parent load hundreds of objects.
    """
    done, failed = outcome
    head = _dumps(({}, failed))
    parts = [_FRAME.pack(len(done), len(head)), head]
    for i, data in done.items():
        parts.append(_FRAME.pack(i, len(data)))
        parts.append(data)
    return b"".join(parts)


def _unframed(data: bytes) -> _Outcome:
    """The outcome :func:`_framed` wrote, each result still pickled (:class:`_Pickled`)."""
    view = memoryview(data)
    count, size = _FRAME.unpack_from(view, 0)
    pos = _FRAME.size + size
    _none, failed = pickle.loads(view[_FRAME.size : pos])
    done: dict[int, Any] = {}
    for _ in range(count):
        i, size = _FRAME.unpack_from(view, pos)
        pos += _FRAME.size
        done[i] = _Pickled(data[pos : pos + size])
        pos += size
    return done, failed


def _freeze_gc() -> bool:
    """Move every object to the permanent generation before forking (see gc.freeze).

    A collection in a child would otherwise touch every inherited object and so
    copy the parent's whole heap page by page.
    """
    if not hasattr(gc, "freeze"):  # pragma: no cover - CPython has it since 3.7
        return False
    gc.freeze()
    return True


def _fork_child(
    fn: Callable[[Any], Any], items: Sequence[Any], share: list[range]
) -> tuple[int, int]:
    """Start a child computing ``share``; (its pid, the read end of its result pipe)."""
    return _fork(lambda: _run_share(fn, items, share))


def _fork(
    work: Callable[[], _Outcome], encode: Callable[[_Outcome], bytes] | None = None
) -> tuple[int, int]:
    """Fork a child that sends ``work()`` back (pickled, or as ``encode`` makes it bytes).

    (its pid, the read end of its pipe)
    """
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, which never returns
        status = 1
        try:
            os.close(read_fd)
            outcome = work()
            with os.fdopen(write_fd, "wb") as out:
                if encode is not None:
                    out.write(encode(outcome))
                else:
                    _dump(outcome, out)
            status = 0
        finally:
            _flush_std_streams()
            os._exit(status)
    os.close(write_fd)
    return pid, read_fd


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


def _dump(outcome: _Outcome, out: BinaryIO) -> None:
    """Pickle the outcome into ``out`` as it goes (see :func:`_collect`).

    Results can be large (the rendered catalogs of a sync): streamed, they are
    never held a second time as one string of bytes.
    """
    if outcome[1] is None:
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        out.write(_dumps(outcome))  # the exception may not pickle: see _dumps


def _dumps(outcome: _Outcome) -> bytes:
    """The pickled outcome; an exception that cannot be pickled travels as text."""
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        done, failed = outcome
        if failed is None:
            raise
        index, exc = failed
        import traceback  # only for this rare case

        text = "".join(traceback.format_exception(exc))
        return pickle.dumps((done, (index, RuntimeError(f"in a worker process:\n{text}"))))


def _collect(pid: int, fd: int, decode: Callable[[bytes], _Outcome] | None = None) -> _Outcome:
    """Read a child's outcome to the end of its pipe (pickled, or as ``decode`` reads it).

    A pickled outcome is loaded as it arrives, so that the parent never holds
    the child's results both as bytes and as objects.
    """
    if decode is not None:
        chunks = []
        while True:
            data = os.read(fd, 1 << 20)
            if not data:
                break
            chunks.append(data)
        if not chunks:
            raise RuntimeError(f"worker process {pid} ended without a result")
        return decode(b"".join(chunks))
    # Loading makes many objects at once; collections meanwhile would each walk
    # this process's whole heap and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with open(fd, "rb", closefd=False) as pipe:
            outcome: _Outcome = pickle.load(pipe)
            if pipe.read(1):
                raise pickle.UnpicklingError("data after the outcome")
    except (EOFError, pickle.UnpicklingError):
        # Nothing, or an outcome cut short: the child ended while writing it.
        raise RuntimeError(f"worker process {pid} ended without a result") from None
    finally:
        if enabled:
            gc.enable()
    return outcome


def _reap(pid: int, fd: int, *, stop: bool) -> None:
    """Close a child's pipe and wait for it to end; with ``stop``, end it first.

    A child is stopped when its result is no longer wanted (the parent failed).
    """
    os.close(fd)
    try:
        if stop:
            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):  # pragma: no cover - already gone
        pass


def can_fork() -> bool:
    """Whether worker processes can be forked here (they inherit the parent's state)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
