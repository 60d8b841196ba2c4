"""map_in_processes over forked workers: order, errors and dead workers."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from l10n.parallel import _shares, map_in_processes


def _double(x: int) -> int:
    return 2 * x


def test_shares_cover_every_index_once() -> None:
    for count in (0, 1, 2, 7, 16, 17, 100, 1001):
        for processes in (2, 3, 8):
            seen = [i for share in _shares(count, processes) for chunk in share for i in chunk]
            assert sorted(seen) == list(range(count))


def test_results_in_order_for_any_size() -> None:
    for n in (0, 1, 2, 3, 50, 333):
        items = list(range(n))
        assert map_in_processes(_double, items, min_weight=1) == [2 * x for x in items]


def _fail_at(x: int) -> int:
    if x in (30, 71, 95):
        raise ValueError(f"item {x}")
    return x


def test_the_first_failing_item_is_raised() -> None:
    # whichever process ran it, the error of the first failing item in order
    with pytest.raises(ValueError, match="item 30"):
        map_in_processes(_fail_at, list(range(100)), min_weight=1)
    with pytest.raises(ValueError, match="item 71"):
        map_in_processes(_fail_at, list(range(31, 100)), min_weight=1)


class _Unpicklable(Exception):
    def __init__(self, a: int, b: int) -> None:
        super().__init__(a)
        self.lock = threading.Lock()


def _unpicklable(x: int) -> int:
    if x == 66:
        raise _Unpicklable(1, 2)
    return x


def test_an_error_that_cannot_travel_is_reported_with_its_traceback() -> None:
    # item 66 runs in the child (chunks of 6 items are dealt out in turn)
    with pytest.raises(RuntimeError, match="_Unpicklable"):
        map_in_processes(_unpicklable, list(range(100)), min_weight=1)


def _die(x: int) -> int:
    if x == 66 and os.getpid() != _PARENT:
        os._exit(3)
    return x


_PARENT = os.getpid()


class _HalfWritten:
    """A result that ends its process while it is being sent, after others were."""

    def __init__(self, x: int) -> None:
        self.x = x

    def __reduce__(self) -> tuple[type[bytes], tuple[bytes]]:
        if self.x == 66:
            os._exit(3)
        return bytes, (b"x" * 100_000,)  # each one fills frames the pipe takes at once


def _half_written(x: int) -> object:
    return _HalfWritten(x) if os.getpid() != _PARENT else x


def test_a_worker_that_dies_while_sending_is_an_error() -> None:
    # item 66 runs in the child, after items 6-11, 18-23, ... whose results went out
    with pytest.raises(RuntimeError, match="ended without a result"):
        map_in_processes(_half_written, list(range(100)), min_weight=1)


@pytest.fixture(autouse=True)
def _two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes, whatever the machine has: the tests know which items the child runs."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


def test_a_worker_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(RuntimeError, match="ended without a result"):
        map_in_processes(_die, list(range(100)), min_weight=1)


def test_output_buffered_before_the_workers_start_is_written_once() -> None:
    import subprocess
    import sys

    code = (
        "from l10n.parallel import map_in_processes\n"
        "import os\n"
        "os.cpu_count = lambda: 2\n"
        "print('start', end='')\n"
        "print(sum(map_in_processes(abs, list(range(-50, 50)), min_weight=1)))\n"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": ""}  # stdout to a pipe: block-buffered
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out == "start2500\n"


def _pid_of(i: int) -> tuple[int, int]:
    return i * i, os.getpid()


def test_map_claimed_in_order_with_this_process_working(tmp_path: Path) -> None:
    from l10n.parallel import map_claimed

    for count in (0, 1, 2, 7, 300):
        out = map_claimed(_pid_of, count, 2)
        assert [v for v, _pid in out] == [i * i for i in range(count)]
    # The child may not finish before this process has done an item, so the
    # outcome does not hang on which process the scheduler runs first: if this
    # process never claimed, the child gives up waiting and the assert fails.
    marker = tmp_path / "parent-worked"

    def item(i: int) -> tuple[int, int]:
        if os.getpid() == _PARENT:
            marker.touch()
        else:
            deadline = time.monotonic() + 10
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.001)
        return _pid_of(i)

    pids = {pid for _v, pid in map_claimed(item, 300, 2)}
    assert _PARENT in pids  # the parent takes claims too


def test_map_claimed_raises_the_first_failing_item_and_survives_dead_children(
    tmp_path: Path,
) -> None:
    from l10n.parallel import map_claimed

    items = list(range(100))
    with pytest.raises(ValueError, match="item 30"):
        map_claimed(lambda i: _fail_at(items[i]), len(items), 2)

    # A child dies holding a claim. This process waits until one has (or gives
    # up after 10 s), so it cannot take every claim before the children start.
    marker = tmp_path / "child-died"

    def die_everywhere_but_here(i: int) -> int:
        if os.getpid() != _PARENT:
            marker.touch()
            os._exit(3)
        deadline = time.monotonic() + 10
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.001)
        return items[i]

    with pytest.raises(RuntimeError, match="ended without a result"):
        map_claimed(die_everywhere_but_here, 100, 3)
