"""Which files a check run covers: the catalogs found, ``--changed-since REF``, ``--shard K/N``."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import TypeVar

from l10n.errors import L10nError

T = TypeVar("T")


class UsageError(L10nError):
    """A command-line value is invalid (exit code 2)."""


@dataclass(frozen=True)
class Shard:
    """Part ``index`` (1-based) of ``count`` equal parts of the sorted catalog list."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if not m:
            raise UsageError(f"--shard {text!r}: expected K/N, for example 2/4")
        k, n = int(m.group(1)), int(m.group(2))
        if n < 1 or not 1 <= k <= n:
            raise UsageError(f"--shard {text!r}: K must be from 1 to N and N at least 1")
        return cls(k, n)

    def pick(self, items: Sequence[T], key: Sequence[str]) -> list[T]:
        """Round-robin over ``items`` sorted by ``key``: deterministic and balanced.

        Every item lands in exactly one shard; the shards of one list differ in
        size by at most one.
        """
        order = sorted(range(len(items)), key=lambda i: key[i])
        return [items[i] for pos, i in enumerate(order) if pos % self.count == self.index - 1]

    @property
    def first(self) -> bool:
        return self.index == 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def catalog_files(folder: str) -> Iterator[os.DirEntry[str]]:
    """The ``.po`` files below ``folder`` as ``os.walk`` finds them, in sorted order.

    Hidden files and folders are left out; links to folders are not followed.
    Walked with ``os.scandir`` so that each entry tells, mostly without a
    system call, whether it is a symbolic link.
    """
    try:
        with os.scandir(folder) as it:
            found = list(it)
    except OSError:
        return
    files: list[os.DirEntry[str]] = []
    dirs: list[os.DirEntry[str]] = []
    for e in found:
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        (dirs if is_dir else files).append(e)
    files.sort(key=_NAME)
    for e in files:
        if e.name.endswith(".po") and not e.name.startswith("."):
            yield e
    dirs.sort(key=_NAME)
    for e in dirs:
        if not e.name.startswith(".") and not e.is_symlink():
            yield from catalog_files(e.path)


_NAME = attrgetter("name")


def _git(args: Sequence[str], cwd: Path) -> str:
    import shutil  # only --changed-since runs git
    import subprocess

    exe = shutil.which("git")
    if exe is None:
        raise UsageError("--changed-since needs git, which is not installed")
    try:
        proc = subprocess.run(
            [exe, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except OSError as exc:
        raise UsageError(f"cannot run git: {exc.strerror or exc}") from exc
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()
        why = detail[-1] if detail else f"exit {proc.returncode}"
        raise UsageError(
            f"git {' '.join(args[:2])} failed: {why}",
            path=cwd,
        )
    return proc.stdout


def changed_since(root: Path, ref: str) -> frozenset[Path]:
    """Files changed since the merge base of ``ref`` and HEAD, plus uncommitted and untracked files.

    Paths are absolute and resolved. Raises :class:`UsageError` when ``root``
    is not in a git work tree or ``ref`` is unknown.
    """
    if ref.startswith("-"):
        raise UsageError(f"--changed-since {ref!r}: not a git revision")
    top = Path(_git(["rev-parse", "--show-toplevel"], root).strip())
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except UsageError:
        raise UsageError(
            f"--changed-since {ref!r}: unknown git revision",
            hint="in CI fetch enough history, e.g. actions/checkout with fetch-depth: 0",
        ) from None
    base = _git(["merge-base", ref, "HEAD"], top).strip()
    names = _git(["diff", "--name-only", "--no-renames", "-z", base, "--"], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    return frozenset((top / n).resolve() for n in names if n)
