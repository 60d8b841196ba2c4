"""The values a check run produces: issues and the report.

A report holds the issues of each checked file in one of two equal forms:
:class:`CatalogResult` values with :class:`Issue` objects (what
:func:`~l10n.checks.engine.check_catalog` returns), or :class:`FileIssues`
rows of plain values (what the runner's worker processes send back: tuples
pickle and load many times faster than objects, and the report formats read
the rows directly). Each form is worked out from the other when it is asked for.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

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


Row = tuple[str, int, str | None, str | None, str | None, str, Severity, str, bool]
"""One issue as plain values, the fields of :class:`Issue` in order, the path in posix form."""

ROW_KEY = itemgetter(0, 1, 5, 7)
"""The :meth:`Issue.sort_key` of a row."""

_ROW_CHECK = itemgetter(5)
_ROW_SEVERITY = itemgetter(6)
_ROW_BLOCKING_SEVERITY = itemgetter(8, 6)
_FAILING = (True, Severity.ERROR)
"""(blocking, severity) of a row that fails the gate."""


def fails(rows: Iterable[Row]) -> bool:
    """Whether any of ``rows`` fails the gate (a blocking error)."""
    # ``in`` compares in C: no Python code runs per row.
    return _FAILING in map(_ROW_BLOCKING_SEVERITY, rows)


class FileIssues(NamedTuple):
    """The issues of one checked file as rows, in :data:`ROW_KEY` order."""

    path: str  # posix form
    lang: str | None
    article: str | None
    units: int
    rows: tuple[Row, ...]
    # The rows as lines of the plain text report, when worked out where the file
    # was checked (see :func:`l10n.checks.report.text_lines`).
    text: str | None = None

    @classmethod
    def of(cls, result: CatalogResult) -> FileIssues:
        spelled: dict[int, str] = {}  # the issues of one file share one path object
        rows: list[Row] = []
        for i in result.issues:
            posix = spelled.get(id(i.path))
            if posix is None:
                posix = spelled[id(i.path)] = i.path.as_posix()
            rows.append(
                (
                    posix,
                    i.line,
                    i.lang,
                    i.article,
                    i.msgid,
                    i.check,
                    i.severity,
                    i.message,
                    i.blocking,
                )
            )
        rows.sort(key=ROW_KEY)
        return cls(result.path.as_posix(), result.lang, result.article, result.units, tuple(rows))

    def result(self) -> CatalogResult:
        """The same issues as :class:`Issue` objects."""
        path = Path(self.path)
        paths = {self.path: path}
        issues = []
        for row in self.rows:
            p = paths.get(row[0])
            if p is None:
                p = paths[row[0]] = Path(row[0])
            issues.append(Issue(p, *row[1:]))
        return CatalogResult(path, self.lang, self.article, tuple(issues), self.units)

    @property
    def failed(self) -> bool:
        return fails(self.rows)


def check_ids(files: Iterable[FileIssues]) -> tuple[str, ...]:
    """The check ids that ``files`` report, sorted."""
    ids: set[str] = set()
    for f in files:
        ids.update(map(_ROW_CHECK, f.rows))
    return tuple(sorted(ids))


def files_in_order(files: Sequence[FileIssues]) -> list[FileIssues] | None:
    """``files`` in path order, when their rows one after the other are in report order.

    The rows of each file are sorted already; when every row lies in its own
    file's path and no two files share one, putting the files in path order
    sorts every row. None otherwise.
    """
    paths = {f.path for f in files}
    if len(paths) < len(files):
        return None
    for f in files:
        # sorted by path first: when the first and the last row lie in the
        # file's path, every row does
        if f.rows and not (f.rows[0][0] == f.path == f.rows[-1][0]):
            return None
    return sorted(files, key=_FILE_PATH)


_FILE_PATH = itemgetter(0)


@dataclass(frozen=True)
class _Counts:
    issues: int
    by_severity: Counter[Severity]
    by_check: Counter[str]
    failing_files: int
    units: int


@dataclass(frozen=True, init=False, eq=False)
class CheckReport:
    """Everything one ``l10n check`` found.

    ``errors`` are files that could not be read at all (exit code 2); the other
    files are still checked. ``root`` is the folder paths are shown relative to.
    ``results`` and ``files`` are the same issues in two forms (see the module).
    """

    errors: tuple[L10nError, ...]
    root: Path | None
    shard: tuple[int, int] | None
    checked_ids: tuple[str, ...] = field(default=())

    def __init__(
        self,
        results: Iterable[CatalogResult],
        errors: Iterable[L10nError] = (),
        root: Path | None = None,
        shard: tuple[int, int] | None = None,
        checked_ids: Iterable[str] = (),
    ) -> None:
        self._fill(errors, root, shard, checked_ids)
        object.__setattr__(self, "results", tuple(results))

    @classmethod
    def of_files(
        cls,
        files: Iterable[FileIssues],
        errors: Iterable[L10nError] = (),
        root: Path | None = None,
        shard: tuple[int, int] | None = None,
        checked_ids: Iterable[str] = (),
    ) -> CheckReport:
        """A report of rows; its :class:`Issue` objects are made when asked for."""
        report = cls.__new__(cls)
        report._fill(errors, root, shard, checked_ids)
        object.__setattr__(report, "files", tuple(files))
        return report

    def _fill(
        self,
        errors: Iterable[L10nError],
        root: Path | None,
        shard: tuple[int, int] | None,
        checked_ids: Iterable[str],
    ) -> None:
        object.__setattr__(self, "errors", tuple(errors))
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "shard", shard)
        object.__setattr__(self, "checked_ids", tuple(checked_ids))

    @functools.cached_property
    def results(self) -> tuple[CatalogResult, ...]:
        """The issues of each checked file, as objects."""
        return tuple(f.result() for f in self.files)

    @functools.cached_property
    def files(self) -> tuple[FileIssues, ...]:
        """The issues of each checked file, as rows."""
        return tuple(FileIssues.of(r) for r in self.results)

    @functools.cached_property
    def ordered_files(self) -> list[FileIssues] | None:
        """:attr:`files` in path order, when that puts every row in report order."""
        return files_in_order(self.files)

    @functools.cached_property
    def rows(self) -> list[Row]:
        """Every issue as a row, in :meth:`Issue.sort_key` order."""
        ordered = self.ordered_files
        if ordered is not None:
            return [row for f in ordered for row in f.rows]
        return sorted((row for f in self.files for row in f.rows), key=ROW_KEY)  # stable

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

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckReport):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def _key(self) -> tuple[object, ...]:
        return (self.results, self.errors, self.root, self.shard, self.checked_ids)

    @functools.cached_property
    def _counts(self) -> _Counts:
        files = self.files
        by_severity: Counter[Severity] = Counter()
        by_check: Counter[str] = Counter()
        issues = failing = units = 0
        for f in files:
            rows = f.rows
            issues += len(rows)
            units += f.units
            by_severity.update(map(_ROW_SEVERITY, rows))
            by_check.update(map(_ROW_CHECK, rows))
            if fails(rows):
                failing += 1
        return _Counts(issues, by_severity, by_check, failing, units)

    @property
    def failed(self) -> bool:
        return self._counts.failing_files > 0

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failed else 0

    def summary(self) -> dict[str, object]:
        c = self._counts
        return {
            "files": len(self.files),
            "units": c.units,
            "issues": c.issues,
            "errors": c.by_severity.get(Severity.ERROR, 0),
            "warnings": c.by_severity.get(Severity.WARNING, 0),
            "infos": c.by_severity.get(Severity.INFO, 0),
            "failing_files": c.failing_files,
            "by_check": dict(sorted(c.by_check.items())),
            "unreadable": len(self.errors),
            "failed": self.failed or bool(self.errors),
            "exit_code": self.exit_code,
        }
