"""The values a check run produces: issues and the report."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from l10n.errors import L10nError
from l10n.model import Severity


@dataclass(frozen=True)
class Issue:
    """One reported problem, after severity overrides.

    ``blocking`` is False for issues of optional languages (reported, never
    failing); ``path`` is shown relative to the project root when there is one.
    """

    path: Path
    line: int
    lang: str | None
    article: str | None
    msgid: str | None
    check: str
    severity: Severity
    message: str
    blocking: bool = True

    @property
    def fails(self) -> bool:
        return self.blocking and self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path.as_posix(), self.line, self.check, self.message)


@dataclass(frozen=True)
class CatalogResult:
    """The issues of one checked file (a catalog, an article or the glossary)."""

    path: Path
    lang: str | None
    article: str | None
    issues: tuple[Issue, ...] = ()
    units: int = 0

    @property
    def failed(self) -> bool:
        return any(i.fails for i in self.issues)


@dataclass(frozen=True)
class CheckReport:
    """Everything one ``l10n check`` found.

    ``errors`` are files that could not be read at all (exit code 2); the other
    files are still checked. ``root`` is the folder paths are shown relative to.
    """

    results: tuple[CatalogResult, ...]
    errors: tuple[L10nError, ...] = ()
    root: Path | None = None
    shard: tuple[int, int] | None = None
    checked_ids: tuple[str, ...] = field(default=())

    @functools.cached_property
    def issues(self) -> list[Issue]:
        """Every issue, in :meth:`Issue.sort_key` order (worked out once)."""
        out = [i for r in self.results for i in r.issues]
        # The issues of one file share one path object: spell each path once.
        shown: dict[int, str] = {}

        def key(i: Issue) -> tuple[str, int, str, str]:
            posix = shown.get(id(i.path))
            if posix is None:
                posix = shown[id(i.path)] = i.path.as_posix()
            return (posix, i.line, i.check, i.message)

        return sorted(out, key=key)

    @property
    def failed(self) -> bool:
        return any(r.failed for r in self.results)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failed else 0

    def summary(self) -> dict[str, object]:
        issues = self.issues
        by_sev = Counter(i.severity.label for i in issues)
        by_check = Counter(i.check for i in issues)
        return {
            "files": len(self.results),
            "units": sum(r.units for r in self.results),
            "issues": len(issues),
            "errors": by_sev.get("error", 0),
            "warnings": by_sev.get("warning", 0),
            "infos": by_sev.get("info", 0),
            "failing_files": sum(1 for r in self.results if r.failed),
            "by_check": dict(sorted(by_check.items())),
            "unreadable": len(self.errors),
            "failed": self.failed or bool(self.errors),
            "exit_code": self.exit_code,
        }
