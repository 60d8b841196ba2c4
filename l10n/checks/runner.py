"""Running the checks over a project or over PO files given on the command line."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from l10n.articles import Article, article_id_for_catalog, catalog_path, discover_articles
from l10n.catalog import Catalog
from l10n.checks.context import CatalogContext, Policy
from l10n.checks.engine import SeverityOf, check_catalog, default_severity
from l10n.checks.failures import Failure, Fatal
from l10n.checks.issues import CatalogResult, CheckReport, Issue
from l10n.checks.project import (
    MISSING,
    OUT_OF_DATE,
    ArticleUnits,
    article_units,
    display_path,
    real_path,
    sync_findings,
)
from l10n.checks.registry import Finding, info
from l10n.checks.selection import Shard, UsageError, changed_since
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import L10nError, LanguageError
from l10n.languages import Language, language
from l10n.model import Severity
from l10n.parallel import can_fork


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

    path: Path
    lang: str | None
    article: str | None
    policy: Policy
    shown: Path | None = None  # the path as reported (None: as given)


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


def _catalogs_of(config: ProjectConfig, lc: LanguageConfig) -> list[Path]:
    folder = config.locales_dir / lc.code
    if not folder.is_dir():
        return []
    out: list[Path] = []
    for dirpath, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(
            Path(dirpath) / f for f in sorted(files) if f.endswith(".po") and not f.startswith(".")
        )
    return out


def _catalog_ids(locales: Path, real: Path) -> tuple[str, str] | None:
    """(lang, article id) of a catalog (resolved path) under the resolved ``locales`` folder.

    The same answer as :func:`l10n.articles.article_id_for_catalog`, with
    folders resolved once per run instead of once per file.
    """
    try:
        rel = real.relative_to(locales)
    except ValueError:
        return None
    if len(rel.parts) < 2 or rel.suffix != ".po":
        return None
    return rel.parts[0], Path(*rel.parts[1:]).with_suffix("").as_posix()


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

    def selected(art_id: str | None, path: Path) -> bool:
        if not _article_wanted(art_id, wanted):
            return False
        if changed is None:
            return True
        if path.resolve() in changed:
            return True
        art = by_id.get(art_id) if art_id else None
        return art is not None and art.path.resolve() in changed

    targets: list[Target] = []
    locales = real_path(config.locales_dir)
    root = real_path(config.root)
    for lc in lcs:
        policy = policy_of(lc)
        for path in _catalogs_of(config, lc):
            real = real_path(path)
            ids = _catalog_ids(locales, real)
            art_id = ids[1] if ids else None
            if selected(art_id, path):
                # display_path(path, config.root), with both sides resolved once
                try:
                    shown = real.relative_to(root)
                except ValueError:
                    shown = path
                targets.append(Target(path, lc.code, art_id, policy, shown))
    chosen_articles = [
        a
        for a in articles
        if _article_wanted(a.id, wanted) and (changed is None or a.path.resolve() in changed)
    ]
    if options.shard is not None:
        keys = [(t.shown or t.path).as_posix() for t in targets]
        targets = options.shard.pick(targets, keys)
        if not options.shard.first:
            chosen_articles = []
    return _run(config, targets, glossary, chosen_articles, lcs, options.shard, workers)


def _severity_of(config: ProjectConfig | None) -> SeverityOf:
    if config is None:
        return default_severity
    return config.severity_for


def _run(
    config: ProjectConfig | None,
    targets: list[Target],
    glossary: object | None,
    articles: list[Article],
    lcs: list[LanguageConfig],
    shard: Shard | None,
    workers: int | None,
) -> CheckReport:
    root = config.root if config is not None else None
    source_lang = config.source_language.code if config is not None else "en"
    sev = _severity_of(config)
    results: list[CatalogResult] = []
    errors: list[L10nError] = []
    target_keys = {(t.lang, t.article) for t in targets}

    def project_results() -> list[CatalogResult]:
        if config is None:
            return []
        return _project_results(config, articles, lcs, glossary, sev, target_keys)

    # Articles are segmented where their catalogs are checked, once each.
    job = _Job(config, source_lang, glossary, {a.id: a for a in articles}, root, False)
    first, checked = _check_all(job, targets, workers, project_results)
    results.extend(first)
    for item in checked:
        if isinstance(item, CatalogResult):
            results.append(item)
        else:
            errors.append(item.error())
    ids = tuple(sorted({i.check for r in results for i in r.issues}))
    return CheckReport(
        tuple(results), tuple(errors), root, (shard.index, shard.count) if shard else None, ids
    )


def _project_results(
    config: ProjectConfig,
    articles: list[Article],
    lcs: list[LanguageConfig],
    glossary: object | None,
    sev: SeverityOf,
    target_keys: set[tuple[str | None, str | None]],
) -> list[CatalogResult]:
    out: list[CatalogResult] = []
    lint: dict[Path, list[Issue]] = {}
    if glossary is not None and articles:
        from l10n.glossary.glossary import Glossary
        from l10n.glossary.lint import lint_sources

        if isinstance(glossary, Glossary):
            for lf in lint_sources(glossary, articles):
                s = sev("glossary-deprecated", None, info("glossary-deprecated").severity)
                if s is None:
                    continue
                lint.setdefault(lf.path, []).append(
                    Issue(
                        display_path(lf.path, config.root),
                        lf.line,
                        None,
                        None,
                        None,
                        "glossary-deprecated",
                        s,
                        lf.message,
                    )
                )
    for art in articles:
        issues = list(lint.get(art.path, []))
        for lc in lcs:
            path = catalog_path(config, lc.code, art.id)
            if path.is_file():
                continue
            s = sev(MISSING.id, lc.code, MISSING.severity)
            if s is None:
                continue
            issues.append(
                Issue(
                    display_path(art.path, config.root),
                    1,
                    lc.code,
                    art.id,
                    None,
                    MISSING.id,
                    s,
                    f"no {lc.code} catalog ({display_path(path, config.root).as_posix()}); "
                    "run 'l10n sync'",
                    blocking=lc.required,
                )
            )
        if issues:
            out.append(
                CatalogResult(display_path(art.path, config.root), None, art.id, tuple(issues))
            )
    return out


def _language_or_none(code: str | None) -> Language | None:
    if not code:
        return None
    try:
        return language(code)
    except LanguageError:
        return None


def _context(
    t: Target, catalog: Catalog, source_lang: str, glossary: object | None
) -> CatalogContext:
    lang_obj = _language_or_none(t.lang)
    if lang_obj is None:
        lang_obj = _language_or_none(catalog.header.get("Language"))
    code = lang_obj.code if lang_obj is not None else None
    return CatalogContext(
        path=t.path,
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
        targets.append(Target(f, lang, art_id, policy))
    if options.shard is not None:
        targets = options.shard.pick(targets, [t.path.as_posix() for t in targets])
    return _run_files(config, targets, glossary, options.shard, workers)


def _run_files(
    config: ProjectConfig | None,
    targets: list[Target],
    glossary: object | None,
    shard: Shard | None,
    workers: int | None,
) -> CheckReport:
    root = config.root if config is not None else None
    source_lang = config.source_language.code if config is not None else "en"
    results: list[CatalogResult] = []
    errors: list[L10nError] = []
    job = _Job(config, source_lang, glossary, {}, root, True)
    for item in _check_all(job, targets, workers, list)[1]:
        if isinstance(item, CatalogResult):
            results.append(item)
        else:
            errors.append(item.error())
    ids = tuple(sorted({i.check for r in results for i in r.issues}))
    return CheckReport(
        tuple(results), tuple(errors), root, (shard.index, shard.count) if shard else None, ids
    )


# -- checking many catalogs, in parallel when it pays -----------------------------------

PARALLEL_MIN_FILES = 48


@dataclass(frozen=True)
class _Job:
    config: ProjectConfig | None
    source_lang: str
    glossary: object | None
    articles: dict[str, Article]  # articles whose catalogs get the out-of-date check
    root: Path | None
    files_mode: bool
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

    def run(self, t: Target) -> CatalogResult | Failure:
        try:
            catalog = Catalog.read(t.path)
        except L10nError as exc:
            return Failure.of(exc)
        ctx = _context(t, catalog, self.source_lang, self.glossary)
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
        if t.shown is not None:
            shown = t.shown
        else:
            shown = display_path(t.path, self.root) if self.root is not None else t.path
        sev = _severity_of(self.config)
        return check_catalog(catalog, ctx, shown=shown, severity_of=sev, extra=extra)


_WORKER_JOB: _Job | None = None


def _worker_chunk(chunk: list[Target]) -> list[CatalogResult | Failure | Fatal]:
    assert _WORKER_JOB is not None
    out: list[CatalogResult | Failure | Fatal] = []
    for t in chunk:
        try:
            out.append(_WORKER_JOB.run(t))
        except L10nError as exc:  # raised again by the parent, with file and line intact
            out.append(Fatal(Failure.of(exc)))
            break
    return out


def _chunks(targets: list[Target], n: int) -> list[list[Target]]:
    """About four chunks per worker; the catalogs of one article stay together."""
    size = max(8, len(targets) // (n * 4))
    chunks: list[list[Target]] = []
    current: list[Target] = []
    for i, t in enumerate(targets):
        current.append(t)
        last = i + 1 == len(targets) or t.article is None or targets[i + 1].article != t.article
        if last and len(current) >= size:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


def _warm(job: _Job, targets: list[Target]) -> None:
    """Load what every worker needs before forking, so it is loaded once.

    CLDR data for the languages, the compiled glossary and its renderings
    (with the morphological analysers they need), the check registry.
    """
    from l10n.checks.numparse import kit
    from l10n.checks.registry import all_checks

    all_checks()
    langs = sorted({t.lang for t in targets if t.lang})
    for code in (job.source_lang, *langs):
        kit(code)
        _language_or_none(code)
    if job.glossary is not None:
        from l10n.checks.termscan import prepare
        from l10n.glossary.glossary import Glossary

        if isinstance(job.glossary, Glossary):
            prepare(job.glossary, langs)


T = TypeVar("T")


def _check_all(
    job: _Job,
    targets: list[Target],
    workers: int | None,
    meanwhile: Callable[[], T],
) -> tuple[T, list[CatalogResult | Failure]]:
    """``meanwhile()``, and ``job`` run on every target, in target order.

    With many files and more than one CPU the work is split over forked
    worker processes (the job is inherited, not pickled), and ``meanwhile``
    runs in this process while they work; results are the same as a serial run.
    """
    n = workers if workers is not None else (os.cpu_count() or 1)
    # The catalogs of one article share their sources: keep them together so
    # per-source work (cached) is reused across languages.
    targets = sorted(targets, key=lambda t: (t.article or "", t.lang or "", t.path.as_posix()))
    if n <= 1 or len(targets) < PARALLEL_MIN_FILES or not can_fork():
        first = meanwhile()
        return first, [job.run(t) for t in targets]
    global _WORKER_JOB
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm(job, targets)
    chunks = _chunks(targets, n)
    _WORKER_JOB = job
    gc.freeze()  # forked workers then do not touch (and copy) the parent's objects
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(n, len(chunks)), mp_context=ctx) as pool:
            futures = [pool.submit(_worker_chunk, c) for c in chunks]
            first = meanwhile()
            out: list[CatalogResult | Failure] = []
            for fut in futures:
                for item in fut.result():
                    if isinstance(item, Fatal):
                        raise item.failure.error()
                    out.append(item)
            return first, out
    finally:
        _WORKER_JOB = None
        gc.unfreeze()
