"""Bounded, retried, concurrent requests to an :class:`Engine`.

deep-translator passes no timeout to ``requests``, so a silent server blocks a
call forever. Every attempt therefore runs in its own daemon thread and is
abandoned at the deadline: the caller gets a ``timeout`` failure on time, and
an abandoned thread cannot keep the process alive at exit. Attempts that fail
with HTTP 429 or 5xx are retried with exponential backoff and full jitter; at
most ``concurrency`` requests are in flight at once.
"""

from __future__ import annotations

import queue
import random
import threading
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Protocol, TypeVar

from l10n.machine.errors import FailureKind, ProviderFailure

T = TypeVar("T")


class Engine(Protocol):
    """One provider and language pair; ``translate`` is one request."""

    @property
    def name(self) -> str: ...

    @property
    def identity(self) -> str: ...

    @property
    def max_chars(self) -> int: ...

    def translate(self, text: str) -> str: ...


@dataclass(frozen=True)
class RetryPolicy:
    timeout: float = 20.0  # seconds per attempt
    retries: int = 4  # extra attempts after the first, for 429 and 5xx only
    base_delay: float = 0.5  # first backoff pause, doubled each time
    max_delay: float = 30.0
    concurrency: int = 4

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Full-jitter backoff before retry ``attempt`` (1-based)."""
        cap = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return rng.uniform(cap / 2, cap)


def call_with_deadline(fn: Callable[[], T], timeout: float) -> T:
    """Run ``fn`` in a daemon thread; give up waiting after ``timeout`` seconds."""
    box: Future[T] = Future()

    def run() -> None:
        try:
            box.set_result(fn())
        except BaseException as exc:
            box.set_exception(exc)

    threading.Thread(target=run, name="l10n-mt-request", daemon=True).start()
    try:
        return box.result(timeout=timeout)
    except FutureTimeout:
        raise ProviderFailure(FailureKind.TIMEOUT, f"no answer within {timeout:g} s") from None


@dataclass(frozen=True)
class Outcome:
    """The result of one job: a translation or the final failure."""

    text: str
    translation: str | None
    failure: ProviderFailure | None
    attempts: int


def request_with_retries(
    engine: Engine,
    text: str,
    policy: RetryPolicy,
    stop: threading.Event,
    rng: random.Random,
) -> Outcome:
    attempt = 0
    while True:
        attempt += 1
        try:
            out = call_with_deadline(lambda: engine.translate(text), policy.timeout)
            return Outcome(text, out, None, attempt)
        except ProviderFailure as failure:
            if failure.kind is FailureKind.TIMEOUT and not failure.status:
                failure = ProviderFailure(
                    FailureKind.TIMEOUT, f"{engine.identity} gave {failure.detail}"
                )
            if not failure.kind.retryable or attempt > policy.retries or stop.is_set():
                return Outcome(text, None, failure, attempt)
        if stop.wait(policy.delay(attempt, rng)):
            return Outcome(
                text, None, ProviderFailure(FailureKind.SERVER_ERROR, "run stopped"), attempt
            )


def run_requests(
    engine: Engine,
    texts: Iterable[str],
    policy: RetryPolicy,
    seed: int | None = None,
) -> Generator[Outcome, None, None]:
    """Translate ``texts`` with at most ``policy.concurrency`` requests in flight.

    Yields outcomes as they complete (not in input order). Closing the
    generator early (an error, Ctrl-C in the consumer) tells the workers to
    take no new job; requests already sent finish or time out in daemon
    threads without holding the process.
    """
    jobs: queue.Queue[str | None] = queue.Queue()
    results: queue.Queue[Outcome] = queue.Queue()
    stop = threading.Event()
    pending = 0
    for text in texts:
        jobs.put(text)
        pending += 1
    workers = max(1, min(policy.concurrency, pending))
    for _ in range(workers):
        jobs.put(None)
    base = random.Random(seed)

    def work(rng: random.Random) -> None:
        while not stop.is_set():
            text = jobs.get()
            if text is None:
                return
            results.put(request_with_retries(engine, text, policy, stop, rng))

    for i in range(workers):
        rng = random.Random(base.random())
        threading.Thread(target=work, args=(rng,), name=f"l10n-mt-{i}", daemon=True).start()
    try:
        while pending:
            try:
                outcome = results.get(timeout=0.1)
            except queue.Empty:
                continue
            pending -= 1
            yield outcome
    finally:
        stop.set()
