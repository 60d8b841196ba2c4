"""Spreading per-file work over processes, only where it pays.

Reading and merging thousands of small PO files is CPU work in Python, so on a
multi-core machine it is split over forked worker processes. Small projects
never pay for starting workers: below :data:`PARALLEL_MIN_FILES` everything
runs in the calling process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

PARALLEL_MIN_FILES = 200
MAX_PROCESSES = 8

_T = TypeVar("_T")
_R = TypeVar("_R")
_WORKER: Callable[[Any], Any] | None = None


def _run_chunk(chunk: list[Any]) -> list[Any]:
    assert _WORKER is not None
    return [_WORKER(item) for item in chunk]


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
    costs more than it saves on a small project. ``fn`` and its closure are
    inherited by the workers, not pickled; items and results are pickled.
    Results are in item order; an exception in ``fn`` is raised here.
    """
    global _WORKER
    n = min(os.cpu_count() or 1, MAX_PROCESSES)
    if n <= 1 or sum(weight(x) for x in items) < min_weight or not can_fork():
        return [fn(x) for x in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, len(items) // (n * 8))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    _WORKER = fn
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
            return [r for part in pool.map(_run_chunk, chunks) for r in part]
    finally:
        _WORKER = None


def can_fork() -> bool:
    """Whether worker processes can be forked here (they inherit the parent's state)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
