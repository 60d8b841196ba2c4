"""The numbers behind the HTML dashboard.

Progress comes from :func:`l10n.status.project_status` (the same data as
``l10n status --format json``); open check results from
:func:`l10n.checks.check_project` when the checks can run. If they cannot
(the checks package is missing, or the glossary or configuration stops them),
the dashboard says "checks unavailable" with the reason instead of numbers.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from l10n.config import ProjectConfig
from l10n.errors import L10nError
from l10n.model import Severity, UnitState
from l10n.status import project_status

STATES: tuple[UnitState, ...] = (
    UnitState.REVIEWED,
    UnitState.TRANSLATED,
    UnitState.FUZZY,
    UnitState.UNTRANSLATED,
)


@dataclass(frozen=True)
class IssueCounts:
    """Open check results of one catalog (or one language, or the project)."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    failing: int = 0  # errors that fail the gate (required languages)

    def __add__(self, other: IssueCounts) -> IssueCounts:
        return IssueCounts(
            self.errors + other.errors,
            self.warnings + other.warnings,
            self.infos + other.infos,
            self.failing + other.failing,
        )


@dataclass(frozen=True)
class ChecksSummary:
    """Check counts keyed by (lang, article); ``available`` False with a reason otherwise."""

    available: bool
    reason: str = ""
    by_catalog: Mapping[tuple[str, str], IssueCounts] = field(default_factory=dict)
    project: IssueCounts = IssueCounts()  # issues not tied to one catalog (glossary, sources)
    unreadable: int = 0

    def of(self, lang: str, article: str) -> IssueCounts:
        return self.by_catalog.get((lang, article), IssueCounts())

    def of_lang(self, lang: str) -> IssueCounts:
        return sum((v for (lg, _), v in self.by_catalog.items() if lg == lang), IssueCounts())


@dataclass(frozen=True)
class Row:
    """One (language, article) line of the dashboard."""

    lang: str
    article: str
    exists: bool
    units: Mapping[UnitState, int]
    words: Mapping[UnitState, int]
    total_units: int
    total_words: int
    percent_translated: float
    percent_reviewed: float
    stale_reviews: int
    machine: int
    last_review: str | None
    ready: bool


@dataclass(frozen=True)
class LanguageSummary:
    lang: str
    name: str
    required: bool
    review_required: bool
    min_percent: float
    units: Mapping[UnitState, int]
    words: Mapping[UnitState, int]
    total_units: int
    total_words: int
    percent_translated: float
    ready_articles: int
    articles: int
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Dashboard:
    project: str
    source_language: str
    generated: _dt.datetime
    languages: tuple[LanguageSummary, ...]
    checks: ChecksSummary

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for ls in self.languages for r in ls.rows)


def _counts(raw: Any) -> dict[UnitState, int]:
    return {s: int(raw.get(s.label, 0)) for s in UnitState}


def collect_checks(config: ProjectConfig) -> ChecksSummary:
    """Run the project checks and count open results per catalog."""
    try:
        from l10n.checks import CheckOptions, check_project
    except ImportError as exc:
        return ChecksSummary(False, f"checks unavailable ({exc})")
    try:
        report = check_project(config, CheckOptions())
    except L10nError as exc:
        return ChecksSummary(False, f"checks unavailable: {exc}")
    by: dict[tuple[str, str], IssueCounts] = {}
    project = IssueCounts()
    for issue in report.issues:
        one = IssueCounts(
            errors=int(issue.severity is Severity.ERROR),
            warnings=int(issue.severity is Severity.WARNING),
            infos=int(issue.severity is Severity.INFO),
            failing=int(issue.fails),
        )
        if issue.lang is not None and issue.article is not None:
            key = (issue.lang, issue.article)
            by[key] = by.get(key, IssueCounts()) + one
        else:
            project = project + one
    return ChecksSummary(True, "", by, project, len(report.errors))


def collect(
    config: ProjectConfig,
    *,
    langs: Sequence[str] = (),
    generated: _dt.datetime | None = None,
    checks: bool = True,
) -> Dashboard:
    """Everything the dashboard shows, for the selected languages (default: all)."""
    status: Any = project_status(config, langs=langs).as_dict()
    check_summary = collect_checks(config) if checks else ChecksSummary(False, "checks not run")
    summaries: list[LanguageSummary] = []
    for lang_data in status["languages"]:
        code = str(lang_data["lang"])
        lc = config.language(code)
        rows = tuple(
            Row(
                lang=code,
                article=str(a["article"]),
                exists=bool(a["exists"]),
                units=_counts(a["units"]),
                words=_counts(a["words"]),
                total_units=int(a["total_units"]),
                total_words=int(a["total_words"]),
                percent_translated=float(a["percent_translated"]),
                percent_reviewed=float(a["percent_reviewed"]),
                stale_reviews=int(a["stale_reviews"]),
                machine=int(a["machine"]),
                last_review=a["last_review"],
                ready=bool(a["ready"]),
            )
            for a in lang_data["articles"]
        )
        summaries.append(
            LanguageSummary(
                lang=code,
                name=lc.language.english_name,
                required=lc.required,
                review_required=lc.review_required,
                min_percent=lc.min_percent,
                units=_counts(lang_data["units"]),
                words=_counts(lang_data["words"]),
                total_units=int(lang_data["total_units"]),
                total_words=int(lang_data["total_words"]),
                percent_translated=float(lang_data["percent_translated"]),
                ready_articles=len(lang_data["ready_articles"]),
                articles=len(rows),
                rows=rows,
            )
        )
    return Dashboard(
        project=config.name,
        source_language=config.source_language.code,
        generated=generated or _dt.datetime.now(_dt.UTC).replace(microsecond=0),
        languages=tuple(summaries),
        checks=check_summary,
    )
