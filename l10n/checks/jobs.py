"""Checking a chosen set of catalogs: the work of one check run, in parallel when it pays.

:mod:`l10n.checks.runner` chooses what to check (a project's catalogs, or
files named on the command line) and hands it here as :class:`Target` values;
:func:`run` checks them, the catalogs of one article together, spread over
forked processes on a large project, and gathers the report.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from l10n.articles import Article
from l10n.catalog import Catalog
from l10n.checks.context import CatalogContext, Policy
from l10n.checks.engine import SeverityOf, check_rows, default_severity
from l10n.checks.failures import Failure, Fatal
from l10n.checks.issues import CatalogResult, CheckReport, FileIssues, check_ids
from l10n.checks.project import (
    OUT_OF_DATE,
    ArticleUnits,
    article_result,
    article_units,
    display_path,
    sync_findings,
)
from l10n.checks.registry import Finding
from l10n.checks.report import text_lines
from l10n.checks.selection import Shard
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import L10nError, LanguageError
from l10n.languages import Language, language
from l10n.model import Severity
from l10n.parallel import map_claimed


@dataclass(frozen=True)
class Target:
    """One catalog to check."""

    path: str  # as found, in the form of this system
    lang: str | None
    article: str | None
    policy: Policy
    shown: str | None = None  # the path as reported, posix form (None: worked out from path)
    posix: str = ""  # ``path`` in posix form


def _severity_of(config: ProjectConfig | None) -> SeverityOf:
    if config is None:
        return default_severity
    return config.severity_for


def language_or_none(code: str | None) -> Language | None:
    if not code:
        return None
    try:
        return language(code)
    except LanguageError:
        return None


def _context(
    t: Target, path: Path, catalog: Catalog, source_lang: str, glossary: object | None
) -> CatalogContext:
    lang_obj = language_or_none(t.lang)
    if lang_obj is None:
        lang_obj = language_or_none(catalog.header.get("Language"))
    code = lang_obj.code if lang_obj is not None else None
    return CatalogContext(
        path=path,
        lang=code,
        language=lang_obj,
        source_lang=source_lang,
        article=t.article,
        policy=t.policy,
        glossary=glossary,
    )


PARALLEL_MIN_FILES = 48  # fewer catalogs are checked in this process alone


@dataclass(frozen=True)
class _Unit:
    """One piece of work: the catalogs of one article, and the article's own checks."""

    targets: tuple[Target, ...]
    article: Article | None = None  # checked for missing catalogs and deprecated terms


# What a unit gives back: its article's issues (or the error that stopped them),
# and per catalog its issues, why it could not be read, or the error that stopped the run.
_UnitDone = tuple[FileIssues | Fatal | None, list[FileIssues | Failure | Fatal]]


@dataclass(frozen=True)
class Job:
    """What every catalog of a run is checked against (inherited by forked workers)."""

    config: ProjectConfig | None
    source_lang: str
    glossary: object | None
    articles: dict[str, Article]  # articles whose catalogs get the out-of-date check
    root: Path | None
    files_mode: bool
    langs: tuple[LanguageConfig, ...]  # checked for missing catalogs
    # Units of the articles seen so far in this process (filled on demand).
    units: dict[str, ArticleUnits] = field(default_factory=dict, compare=False)

    def units_of(self, article: str | None) -> ArticleUnits | None:
        if article is None:
            return None
        au = self.units.get(article)
        if au is None:
            art = self.articles.get(article)
            if art is None:
                return None
            au = self.units[article] = article_units(art, self.source_lang)
        return au

    def run(self, t: Target) -> FileIssues | Failure:
        path = Path(t.path)
        try:
            catalog = Catalog.read(path)
        except L10nError as exc:
            return Failure.of(exc)
        ctx = _context(t, path, catalog, self.source_lang, self.glossary)
        extra: list[tuple[str, Finding]] = []
        au = self.units_of(t.article)
        if au is not None:
            msgids = [e.msgid for e in catalog.entries if not e.obsolete]
            extra = [(OUT_OF_DATE.id, f) for f in sync_findings(au, msgids)]
        if self.files_mode and ctx.lang is None:
            extra.append(
                (
                    "po-valid",
                    Finding(
                        "cannot tell the language (no Language header, folder or file name); "
                        "language checks skipped",
                        severity=Severity.WARNING,
                        line=1,
                    ),
                )
            )
        shown = t.shown
        if shown is None:
            shown = (display_path(path, self.root) if self.root is not None else path).as_posix()
        rows, units = check_rows(catalog, ctx, shown, _severity_of(self.config), extra)
        rows.sort(key=_IN_FILE)  # every row names the same file
        return FileIssues(shown, ctx.lang, ctx.article, units, tuple(rows), text_lines(rows))

    def run_unit(self, unit: _Unit, *, catch: bool = True) -> _UnitDone:
        """The checks of one unit; with ``catch``, an error that stops the run is returned."""
        head: FileIssues | Fatal | None = None
        out: list[FileIssues | Failure | Fatal] = []
        try:
            if unit.article is not None and self.config is not None:
                result = article_result(
                    self.config, unit.article, self.langs, self.glossary, _severity_of(self.config)
                )
                head = _packed(result) if result is not None else None
        except L10nError as exc:
            if not catch:
                raise
            return Fatal(Failure.of(exc)), out
        for t in unit.targets:
            try:
                item = self.run(t)
            except L10nError as exc:  # raised again by the parent, with file and line intact
                if not catch:
                    raise
                out.append(Fatal(Failure.of(exc)))
                break
            out.append(item)
        for t in unit.targets[:1]:  # every catalog of the article is in this unit
            self.units.pop(t.article or "", None)
        return head, out


_IN_FILE = itemgetter(1, 5, 7)
"""The :data:`~l10n.checks.issues.ROW_KEY` of rows that all name one file."""


def _packed(result: CatalogResult) -> FileIssues:
    """The result as rows, with its lines of the text report (made here, in parallel)."""
    f = FileIssues.of(result)
    return f._replace(text=text_lines(f.rows))


def _units(targets: list[Target], articles: list[Article]) -> list[_Unit]:
    """The targets in order, the catalogs of one article in one unit with the article."""
    units: list[_Unit] = []
    of_article: dict[str, int] = {}
    i = 0
    while i < len(targets):
        art = targets[i].article
        j = i + 1
        if art is not None:
            while j < len(targets) and targets[j].article == art:
                j += 1
            of_article[art] = len(units)
        units.append(_Unit(tuple(targets[i:j])))
        i = j
    for a in articles:
        k = of_article.get(a.id)
        if k is None:
            units.append(_Unit((), a))
        else:
            units[k] = replace(units[k], article=a)
    return units


def run(
    job: Job,
    targets: list[Target],
    articles: list[Article],
    shard: Shard | None,
    workers: int | None,
) -> CheckReport:
    """Every target and every article's own checks, as a report.

    The article results come first (in article order), then the catalogs in
    (article, language, path) order; the catalogs of one article are checked
    together, so that the article is segmented once.
    """
    targets = sorted(targets, key=lambda t: (t.article or "", t.lang or "", t.posix))
    units = _units(targets, articles)
    done = _run_units(job, units, workers)
    for head, _out in done:
        if isinstance(head, Fatal):
            raise head.failure.error()
    heads: dict[str, FileIssues] = {}
    files: list[FileIssues] = []
    errors: list[L10nError] = []
    for unit, (head, out) in zip(units, done, strict=True):
        if unit.article is not None and isinstance(head, FileIssues):
            heads[unit.article.id] = head
        for item in out:
            if isinstance(item, FileIssues):
                files.append(item)
            elif isinstance(item, Fatal):
                raise item.failure.error()
            else:
                errors.append(item.error())
    first = [heads[a.id] for a in articles if a.id in heads]
    every = (*first, *files)
    return CheckReport.of_files(
        every,
        errors,
        job.root,
        (shard.index, shard.count) if shard else None,
        check_ids(every),
    )


FREEZE_EVERY = 32  # units between two gc.freeze() calls while checking
# Objects made while checking (entries, pairs, findings, rows) are many and
# nearly all die young, freed by their reference counts: a collection of the
# youngest generation after every 700 new objects (Python's default) mostly
# walks survivors that are about to be freed anyway. While checking it runs
# after this many instead (about 1.7% of the CPU time of a large check
# before, 0.6% after); cycles are still collected, and memory is unchanged.
YOUNG_THRESHOLD = 10_000


def _run_units(job: Job, units: list[_Unit], workers: int | None) -> list[_UnitDone]:
    """``job.run_unit`` on every unit, in unit order.

    With many files and more than one CPU the units are shared out between
    this process and forked ones (the job is inherited, not pickled), each
    taking the next unit when it is free; results are the same as a serial run.

    What survives checking (caches of the checks, results) only grows during a
    run, and each full garbage collection would walk all of it again: every
    :data:`FREEZE_EVERY` units the survivors are moved out of the collector's
    reach (``gc.freeze``), and back in at the end. The youngest generation
    is collected less often meanwhile (see :data:`YOUNG_THRESHOLD`).
    """
    n = workers if workers is not None else (os.cpu_count() or 1)
    count = sum(len(u.targets) for u in units)
    freeze = gc.isenabled() and gc.get_freeze_count() == 0
    thresholds = gc.get_threshold()
    if freeze and thresholds[0] < YOUNG_THRESHOLD:
        gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    done = 0

    def one(i: int, *, catch: bool = True) -> _UnitDone:
        nonlocal done
        done += 1
        if freeze and done % FREEZE_EVERY == 0:
            gc.freeze()
        return job.run_unit(units[i], catch=catch)

    try:
        if n <= 1 or count < PARALLEL_MIN_FILES or not hasattr(os, "fork"):
            return [one(i, catch=False) for i in range(len(units))]
        _warm(job, [t for u in units for t in u.targets])
        return map_claimed(one, len(units), n)
    finally:
        if freeze:
            gc.unfreeze()
            gc.set_threshold(*thresholds)


def _warm(job: Job, targets: list[Target]) -> None:
    """Load what every process needs before forking, so it is loaded once.

    CLDR data for the languages, the compiled glossary and its renderings
    (with the morphological analysers they need), the check registry, and
    the segmenter with its rules for the source language: the units of the
    first article are worked out here (its unit takes them from ``job.units``).
    """
    from l10n.checks.numparse import kit
    from l10n.checks.registry import all_checks

    all_checks()
    first = next((t.article for t in targets if t.article in job.articles), None)
    if first is not None:
        with contextlib.suppress(L10nError):  # reported by the article's unit, which tries again
            job.units_of(first)
    langs = sorted({t.lang for t in targets if t.lang})
    for code in (job.source_lang, *langs):
        kit(code)
        language_or_none(code)
    if job.glossary is not None:
        from l10n.checks.termscan import prepare
        from l10n.glossary import lint  # noqa: F401 - each article's own checks use it
        from l10n.glossary.glossary import Glossary

        if isinstance(job.glossary, Glossary):
            prepare(job.glossary, langs)
