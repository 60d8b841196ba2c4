"""Running the checks over a project or over PO files given on the command line."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from l10n.articles import Article, article_id_for_catalog, discover_articles
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
    catalog_ids,
    display_path,
    real_dir,
    real_path,
    sync_findings,
)
from l10n.checks.registry import Finding
from l10n.checks.report import text_lines
from l10n.checks.selection import Shard, UsageError, catalog_files, changed_since
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import L10nError, LanguageError
from l10n.languages import Language, language
from l10n.model import Severity
from l10n.parallel import map_claimed


@dataclass(frozen=True)
class CheckOptions:
    """What to check; the defaults check everything."""

    langs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    changed_since: str | None = None
    shard: Shard | None = None


@dataclass(frozen=True)
class Target:
    """One catalog to check."""

    path: str  # as found, in the form of this system
    lang: str | None
    article: str | None
    policy: Policy
    shown: str | None = None  # the path as reported, posix form (None: worked out from path)
    posix: str = ""  # ``path`` in posix form


def policy_of(lc: LanguageConfig) -> Policy:
    return Policy(
        required=lc.required, review_required=lc.review_required, min_percent=lc.min_percent
    )


def _norm_article(name: str) -> str:
    name = name.replace("\\", "/").removeprefix("./")
    for suffix in (".md", ".markdown", ".txt", ".po"):
        name = name.removesuffix(suffix)
    return name


def _article_wanted(art_id: str | None, wanted: set[str]) -> bool:
    if not wanted:
        return True
    if art_id is None:
        return False
    return art_id in wanted or any(
        art_id.endswith("/" + w) or w.endswith("/" + art_id) for w in wanted
    )


# -- project mode ---------------------------------------------------------------------


def _load_glossary(config: ProjectConfig) -> object | None:
    if not config.glossary_path.is_file():
        return None
    from l10n.glossary.loader import load_glossary

    return load_glossary(config.glossary_path, config)


def _lang_configs(config: ProjectConfig, langs: Sequence[str]) -> list[LanguageConfig]:
    return [config.language(c) for c in langs] if langs else list(config.languages)


def _catalogs_of(config: ProjectConfig, lc: LanguageConfig) -> Iterator[os.DirEntry[str]]:
    """The catalog files of one language, folders and names in sorted order."""
    folder = config.locales_dir / lc.code
    if folder.is_dir():
        yield from catalog_files(os.fspath(folder))


def _posix_below(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both resolved, posix) as ``relative_to`` gives it."""
    if folder == "/":
        return path[1:] if path.startswith("/") and path != "/" else None
    n = len(folder)
    if path.startswith(folder) and path[n : n + 1] == "/":
        return path[n + 1 :]
    return None


def _ids_and_shown(
    entry: os.DirEntry[str], locales: str, root: str, real_dirs: dict[str, str]
) -> tuple[str | None, str]:
    """(article id, path as reported in posix form) of a catalog found under ``locales``.

    The article id is :func:`~l10n.checks.project.catalog_ids` of the
    resolved path, the shown path the resolved path relative to the resolved
    project ``root`` (or the path itself outside it). Worked out on strings:
    a catalog that is not a symbolic link lies in its resolved folder, and
    each folder is resolved once (``real_dirs`` remembers them).
    """
    path = entry.path
    if os.name != "posix" or entry.is_symlink():
        return _ids_and_shown_slow(Path(path), Path(locales), Path(root))
    folder = os.path.dirname(path)
    real_folder = real_dirs.get(folder)
    if real_folder is None:
        real_folder = real_dirs[folder] = real_dir(os.path.abspath(folder))
    real = os.path.join(real_folder, entry.name)
    art_id = None
    rel = _posix_below(real, locales)
    if rel is not None:
        _lang, sep, rest = rel.partition("/")
        if sep and rest.endswith(".po"):  # the name ends with ".po" and has a stem
            art_id = rest[:-3]
    shown = _posix_below(real, root)
    return art_id, path if shown is None else shown


def _ids_and_shown_slow(path: Path, locales: Path, root: Path) -> tuple[str | None, str]:
    """:func:`_ids_and_shown` with paths (any system, links included)."""
    real = real_path(path)
    ids = catalog_ids(locales, real)
    try:
        shown = real.relative_to(root)
    except ValueError:
        shown = path
    return ids[1] if ids else None, shown.as_posix()


def _changed(config: ProjectConfig, ref: str | None) -> frozenset[Path] | None:
    """Changed files, or None for "everything" (no ref, or config/glossary changed)."""
    if ref is None:
        return None
    changed = changed_since(config.root, ref)
    if config.config_file.resolve() in changed or config.glossary_path.resolve() in changed:
        return None
    return changed


def check_project(
    config: ProjectConfig, options: CheckOptions = CheckOptions(), *, workers: int | None = None
) -> CheckReport:
    """Check sources, glossary and catalogs of a project.

    Raises :class:`~l10n.errors.L10nError` for configuration, glossary and
    source problems (nothing sensible can be checked then); an unreadable
    catalog is recorded in the report and the others are still checked.
    """
    glossary = _load_glossary(config)
    articles = discover_articles(config)
    lcs = _lang_configs(config, options.langs)
    wanted = {_norm_article(a) for a in options.articles}
    changed = _changed(config, options.changed_since)
    by_id = {a.id: a for a in articles}
    if wanted:
        unknown = sorted(w for w in wanted if not any(_article_wanted(a.id, {w}) for a in articles))
        if unknown:
            raise UsageError(
                f"--article {unknown[0]!r}: no such article in {config.sources_dir.name}/"
            )

    def selected(art_id: str | None, path: str) -> bool:
        if not _article_wanted(art_id, wanted):
            return False
        if changed is None:
            return True
        if Path(path).resolve() in changed:
            return True
        art = by_id.get(art_id) if art_id else None
        return art is not None and art.path.resolve() in changed

    targets: list[Target] = []
    locales = os.fspath(real_path(config.locales_dir))
    root = os.fspath(real_path(config.root))
    posix = os.name == "posix"
    real_dirs: dict[str, str] = {}
    for lc in lcs:
        policy = policy_of(lc)
        for entry in _catalogs_of(config, lc):
            path = entry.path
            art_id, shown = _ids_and_shown(entry, locales, root, real_dirs)
            if selected(art_id, path):
                key = path if posix else Path(path).as_posix()
                targets.append(Target(path, lc.code, art_id, policy, shown, key))
    chosen_articles = [
        a
        for a in articles
        if _article_wanted(a.id, wanted) and (changed is None or a.path.resolve() in changed)
    ]
    if options.shard is not None:
        keys = [t.shown or t.posix for t in targets]
        targets = options.shard.pick(targets, keys)
        if not options.shard.first:
            chosen_articles = []
    job = _Job(
        config,
        config.source_language.code,
        glossary,
        {a.id: a for a in chosen_articles},
        config.root,
        False,
        tuple(lcs),
    )
    return _run(job, targets, chosen_articles, options.shard, workers)


def _severity_of(config: ProjectConfig | None) -> SeverityOf:
    if config is None:
        return default_severity
    return config.severity_for


def _language_or_none(code: str | None) -> Language | None:
    if not code:
        return None
    try:
        return language(code)
    except LanguageError:
        return None


def _context(
    t: Target, path: Path, catalog: Catalog, source_lang: str, glossary: object | None
) -> CatalogContext:
    lang_obj = _language_or_none(t.lang)
    if lang_obj is None:
        lang_obj = _language_or_none(catalog.header.get("Language"))
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


# -- files mode -----------------------------------------------------------------------


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            for dirpath, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(dirpath) / f for f in sorted(files) if f.endswith(".po"))
        elif p.is_file():
            out.append(p)
        else:
            raise UsageError("no such file or folder", path=p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


def _guess_lang(path: Path) -> str | None:
    """The language of a PO file outside a project.

    From the parent folder (``ru/x.po``), then the file name (``ru.po``).
    """
    for candidate in (path.parent.name, path.stem):
        lang = _language_or_none(candidate) if candidate and len(candidate) <= 12 else None
        if lang is not None:
            return lang.code
    return None


def check_paths(
    paths: Sequence[Path],
    options: CheckOptions = CheckOptions(),
    config: ProjectConfig | None = None,
    *,
    workers: int | None = None,
) -> CheckReport:
    """Check the given PO files and folders (inside or outside a project).

    Inside a project a catalog gets its language's policy, the project's
    severities and the glossary; outside, every language is required and the
    language comes from the folder name, the file name or the header.
    """
    files = _expand(paths)
    glossary = _load_glossary(config) if config is not None else None
    wanted = {_norm_article(a) for a in options.articles}
    langs = {language(c).code for c in options.langs}
    changed = None
    if options.changed_since is not None:
        start = config.root if config is not None else Path.cwd()
        changed = changed_since(start, options.changed_since)
    targets: list[Target] = []
    for f in files:
        lang: str | None = None
        art_id: str | None = None
        policy = Policy()
        ids = article_id_for_catalog(config, f) if config is not None else None
        if config is not None and ids is not None:
            lang, art_id = ids
            try:
                policy = policy_of(config.language(lang))
            except L10nError:
                policy = Policy()
        else:
            lang = _guess_lang(f)
            art_id = f.stem
        if langs and lang not in langs:
            continue
        if not _article_wanted(art_id, wanted):
            continue
        if changed is not None and f.resolve() not in changed:
            continue
        targets.append(Target(os.fspath(f), lang, art_id, policy, None, f.as_posix()))
    if options.shard is not None:
        targets = options.shard.pick(targets, [t.posix for t in targets])
    source_lang = config.source_language.code if config is not None else "en"
    root = config.root if config is not None else None
    job = _Job(config, source_lang, glossary, {}, root, True, ())
    return _run(job, targets, [], options.shard, workers)


# -- checking many catalogs, in parallel when it pays -----------------------------------

PARALLEL_MIN_FILES = 48


@dataclass(frozen=True)
class _Unit:
    """One piece of work: the catalogs of one article, and the article's own checks."""

    targets: tuple[Target, ...]
    article: Article | None = None  # checked for missing catalogs and deprecated terms


# What a unit gives back: its article's issues (or the error that stopped them),
# and per catalog its issues, why it could not be read, or the error that stopped the run.
_UnitDone = tuple[FileIssues | Fatal | None, list[FileIssues | Failure | Fatal]]


@dataclass(frozen=True)
class _Job:
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


def _run(
    job: _Job,
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


def _run_units(job: _Job, units: list[_Unit], workers: int | None) -> list[_UnitDone]:
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


def _warm(job: _Job, targets: list[Target]) -> None:
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
        _language_or_none(code)
    if job.glossary is not None:
        from l10n.checks.termscan import prepare
        from l10n.glossary import lint  # noqa: F401 - each article's own checks use it
        from l10n.glossary.glossary import Glossary

        if isinstance(job.glossary, Glossary):
            prepare(job.glossary, langs)
