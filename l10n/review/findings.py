"""Check results for one unit, shown while reviewing.

The checks (:mod:`l10n.checks`) run over a whole catalog; this keeps one run
per catalog file state and hands out the issues of one unit. When the checks
cannot run (module missing, glossary or configuration problem), the walk
shows that they are not available instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.catalog.entry import Entry
from l10n.config import ProjectConfig
from l10n.errors import L10nError


@dataclass(frozen=True)
class UnitIssue:
    """One check result for a unit: check id, severity label, message."""

    check: str
    severity: str
    message: str


FileState = tuple[int, int]

# Checks of l10n.checks.states: the walk shows the unit's state already.
STATE_CHECKS = frozenset({"untranslated", "fuzzy", "unreviewed", "stale-review"})


class UnitChecks:
    """Per-unit check results, computed once per catalog version."""

    def __init__(self, config: ProjectConfig) -> None:
        self.config = config
        self._cache: dict[Path, tuple[FileState, dict[str, list[UnitIssue]]]] = {}
        self.available = True

    def _run(self, path: Path) -> dict[str, list[UnitIssue]] | None:
        try:
            from l10n.checks import CheckOptions, check_paths
        except ImportError:
            self.available = False
            return None
        try:
            report = check_paths([path], CheckOptions(), self.config)
        except L10nError:
            return None
        by_msgid: dict[str, list[UnitIssue]] = {}
        for issue in report.issues:
            if issue.msgid is not None and issue.check not in STATE_CHECKS:
                by_msgid.setdefault(issue.msgid, []).append(
                    UnitIssue(issue.check, issue.severity.label, issue.message)
                )
        return by_msgid

    def for_unit(self, path: Path, entry: Entry) -> tuple[UnitIssue, ...] | None:
        """The issues of ``entry`` in the catalog at ``path``; None when checks cannot run."""
        if not self.available:
            return None
        try:
            st = path.stat()
        except OSError:
            return None
        state = (st.st_mtime_ns, st.st_size)
        cached = self._cache.get(path)
        if cached is None or cached[0] != state:
            result = self._run(path)
            if result is None:
                return None
            cached = (state, result)
            self._cache[path] = cached
        return tuple(cached[1].get(entry.msgid, ()))
