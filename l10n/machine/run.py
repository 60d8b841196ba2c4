"""``l10n translate``: fill untranslated units from memory, then by machine.

For each language: read every catalog (the memory is built from all of them),
plan the selected ones, answer what the disk cache already knows, send the
rest through the bounded, retried, concurrent runner, and write each catalog
(atomically) as soon as all of its units are done. When a request fails for
good or the run is interrupted, every unit already translated is still
written before the error is raised: nothing done is lost.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from l10n.articles import catalog_path, discover_articles
from l10n.catalog import Catalog
from l10n.config import ProjectConfig
from l10n.errors import MachineTranslationError, SourceError
from l10n.fsutil import project_lock
from l10n.glossary.glossary import Glossary
from l10n.glossary.loader import load_glossary
from l10n.machine.cache import MTCache
from l10n.machine.chunking import join_pieces
from l10n.machine.errors import ProviderFailure, to_user_error
from l10n.machine.memory import TranslationMemory
from l10n.machine.plan import CatalogWork, TranslateOptions, UnitJob, filled_entry, plan_catalog
from l10n.machine.protect import restore
from l10n.machine.providers import DeepTranslatorEngine, EngineSettings, resolve_engine
from l10n.machine.terms import glossary_warnings, warning_line
from l10n.machine.transport import Engine, RetryPolicy, run_requests
from l10n.records import MachineRecord


class Progress(Protocol):
    def start(self, lang: str, total: int) -> None: ...

    def advance(self, units: int) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class CatalogReport:
    lang: str
    article: str
    path: Path
    memory: int = 0  # units filled from memory
    memory_trusted: int = 0  # of which stored as translated (exact + reviewed)
    machine: int = 0  # units filled by MT
    cached: int = 0  # of which answered entirely from the disk cache
    warnings: int = 0  # units flagged for the reviewer (glossary, placeholders)
    written: bool = False
    missing: bool = False  # no catalog yet: run 'l10n sync'


@dataclass(frozen=True)
class TranslateReport:
    catalogs: tuple[CatalogReport, ...]
    providers: Mapping[str, str] = field(default_factory=dict)  # lang -> provider
    requests: int = 0  # requests sent (dry run: that would be sent)
    characters: int = 0
    left_out: int = 0  # candidates not filled because of --limit
    dry_run: bool = False

    def total(self, name: str) -> int:
        return sum(int(getattr(c, name)) for c in self.catalogs)


EngineFactory = Callable[[str, EngineSettings | None], Engine]


@dataclass(frozen=True)
class _Lane:
    """One language: its engine and cache."""

    lang: str
    provider: str
    engine: Engine
    cache: MTCache


def _select_articles(config: ProjectConfig, wanted: tuple[str, ...]) -> tuple[list[str], list[str]]:
    all_ids = [a.id for a in discover_articles(config)]
    if not wanted:
        return all_ids, all_ids
    chosen = []
    for w in wanted:
        key = w.removesuffix(".po").removesuffix(".md").removesuffix(".txt")
        if key not in all_ids:
            raise SourceError(
                f"no article {w!r} in {config.sources_dir.name}/",
                hint=f"known: {', '.join(all_ids[:8]) or 'none'}",
            )
        if key not in chosen:
            chosen.append(key)
    return all_ids, chosen


def _load_glossary(config: ProjectConfig) -> Glossary | None:
    if not config.glossary_path.is_file():
        return None
    return load_glossary(config.glossary_path, config)


def _lanes(
    config: ProjectConfig,
    langs: tuple[str, ...],
    options: TranslateOptions,
    factory: EngineFactory | None,
    environ: Mapping[str, str] | None,
) -> list[_Lane]:
    """Resolve every language's provider first: config errors come before any request."""
    lanes = []
    for code in langs:
        lc = config.language(code)
        provider = options.provider or lc.mt_provider or config.machine.provider
        if factory is not None:
            engine = factory(lc.code, None)
            src, tgt = config.source_language.code, lc.code
        else:
            settings = resolve_engine(
                config.machine, provider, config.source_language.code, lc.code, environ
            )
            engine = DeepTranslatorEngine(settings)
            src, tgt = settings.source, settings.target
        cache = MTCache(config.root, engine.identity, src, tgt)
        lanes.append(_Lane(lc.code, engine.name, engine, cache))
    return lanes


def translate_project(
    config: ProjectConfig,
    options: TranslateOptions,
    *,
    policy: RetryPolicy | None = None,
    progress: Progress | None = None,
    engine_factory: EngineFactory | None = None,
    environ: Mapping[str, str] | None = None,
) -> TranslateReport:
    """Fill untranslated units of the selected catalogs; see the module docstring.

    ``engine_factory`` replaces the deep-translator providers (tests and
    measurements); ``environ`` replaces ``os.environ`` for credentials.
    """
    langs = tuple(config.language(c).code for c in options.langs) or config.codes
    all_ids, chosen = _select_articles(config, options.articles)
    lanes = _lanes(
        config, langs, options, engine_factory, os.environ if environ is None else environ
    )
    glossary = _load_glossary(config)
    policy = policy or RetryPolicy(
        timeout=config.machine.timeout,
        retries=config.machine.retries,
        concurrency=config.machine.concurrency,
    )
    state = _RunState(options.limit)
    if options.dry_run:
        for lane in lanes:
            _run_lane(config, lane, all_ids, chosen, options, glossary, policy, state, None)
    else:
        with project_lock(config.root):
            for lane in lanes:
                _run_lane(config, lane, all_ids, chosen, options, glossary, policy, state, progress)
    return TranslateReport(
        catalogs=tuple(state.reports),
        providers={lane.lang: lane.provider for lane in lanes},
        requests=state.requests,
        characters=state.characters,
        left_out=state.left_out,
        dry_run=options.dry_run,
    )


class _RunState:
    def __init__(self, limit: int | None) -> None:
        self.budget: list[int | None] = [limit]
        self.reports: list[CatalogReport] = []
        self.requests = 0
        self.characters = 0
        self.left_out = 0


def _read_catalogs(config: ProjectConfig, lang: str, ids: list[str]) -> dict[str, Catalog]:
    out = {}
    for art in ids:
        path = catalog_path(config, lang, art)
        if path.is_file():
            out[art] = Catalog.read(path)
    return out


def _run_lane(
    config: ProjectConfig,
    lane: _Lane,
    all_ids: list[str],
    chosen: list[str],
    options: TranslateOptions,
    glossary: Glossary | None,
    policy: RetryPolicy,
    state: _RunState,
    progress: Progress | None,
) -> None:
    catalogs = _read_catalogs(config, lane.lang, all_ids)
    memory = None
    if options.use_memory:
        memory = TranslationMemory.from_entries(
            (art, e) for art, cat in catalogs.items() for e in cat.entries
        )
    works: list[CatalogWork] = []
    for art in chosen:
        path = catalog_path(config, lane.lang, art)
        work = CatalogWork(lane.lang, art, path, catalogs.get(art))
        works.append(work)
        if work.catalog is None:
            continue
        state.left_out += plan_catalog(
            work,
            memory,
            options,
            config.machine.tm_threshold,
            glossary,
            config.machine.protect_terms,
            lane.engine.max_chars,
            state.budget,
        )
    # Answers the cache already has; the rest must be sent (once each).
    to_send: dict[str, None] = {}
    for work in works:
        for job in work.jobs:
            for k, piece in enumerate(job.pieces):
                hit = lane.cache.get(piece.text)
                if hit is not None:
                    job.answers[k] = hit
                    job.from_cache[k] = True
                else:
                    to_send.setdefault(piece.text)
    state.requests += len(to_send)
    state.characters += sum(len(t) for t in to_send)
    if options.dry_run:
        state.reports.extend(_report(w, dry_run=True) for w in works)
        return
    _execute(lane, works, list(to_send), glossary, options, policy, state, progress)


def _execute(
    lane: _Lane,
    works: list[CatalogWork],
    to_send: list[str],
    glossary: Glossary | None,
    options: TranslateOptions,
    policy: RetryPolicy,
    state: _RunState,
    progress: Progress | None,
) -> None:
    today = options.today or _dt.date.today()
    waiting: dict[str, list[tuple[CatalogWork, UnitJob, int]]] = {}
    for work in works:
        for job in work.jobs:
            for k, piece in enumerate(job.pieces):
                if job.answers[k] is None:
                    waiting.setdefault(piece.text, []).append((work, job, k))
    if progress is not None:
        progress.start(lane.lang, sum(len(w.memory) + len(w.jobs) for w in works))
        progress.advance(sum(len(w.memory) for w in works))
    failure: tuple[ProviderFailure, int] | None = None
    try:
        for work in works:
            _finish_ready(work, lane, glossary, today, progress)
            _save_if_complete(work)
        outcomes = run_requests(lane.engine, to_send, policy)
        try:
            for outcome in outcomes:
                if outcome.translation is None:
                    assert outcome.failure is not None
                    failure = (outcome.failure, outcome.attempts)
                    break
                lane.cache.put(outcome.text, outcome.translation)
                touched: dict[int, CatalogWork] = {}
                for work, job, k in waiting.pop(outcome.text, []):
                    job.answers[k] = outcome.translation
                    touched[id(work)] = work
                for work in touched.values():
                    _finish_ready(work, lane, glossary, today, progress)
                    _save_if_complete(work)
        finally:
            outcomes.close()
    finally:
        # Completed units are saved even on failure or Ctrl-C.
        for work in works:
            if work.catalog is not None and not work.written and (work.finished or work.memory):
                _save(work)
        state.reports.extend(_report(w, dry_run=False) for w in works)
        if progress is not None:
            progress.finish()
    if failure is not None:
        exc = to_user_error(lane.provider, failure[0], failure[1])
        done = sum(w.saved_units for w in works)
        saved = sum(1 for w in works if w.written)
        exc.hint = f"{exc.hint}; {done} unit(s) already filled were saved in {saved} catalog(s)"
        raise exc


def _finish_ready(
    work: CatalogWork,
    lane: _Lane,
    glossary: Glossary | None,
    today: _dt.date,
    progress: Progress | None,
) -> None:
    """Turn every job whose pieces are all answered into a finished entry."""
    assert work.catalog is not None
    advanced = 0
    for job in work.jobs:
        if job.index in work.finished or not job.done:
            continue
        answers = [a for a in job.answers if a is not None]
        joined = join_pieces(job.pieces, answers)
        restored = restore(joined, job.masked.slots)
        text = job.lead + restored.text + job.trail
        warnings = glossary_warnings(glossary, job.source, text, work.lang)
        for slot in restored.missing:
            warnings.append(
                warning_line(
                    "mt-placeholder", slot.concept, f"the engine dropped {slot.original!r}"
                )
            )
        for tok in restored.unknown:
            warnings.append(warning_line("mt-placeholder", "-", f"unknown token {tok!r} left in"))
        entry = work.catalog.entries[job.index]
        record = MachineRecord(today, lane.engine.name)
        work.finished[job.index] = filled_entry(
            entry, text, fuzzy=True, record=record, warnings=warnings
        )
        work.warnings += bool(warnings)
        advanced += 1
    if progress is not None and advanced:
        progress.advance(advanced)


def _save_if_complete(work: CatalogWork) -> None:
    ready = work.catalog is not None and not work.written and work.complete
    if ready and (work.finished or work.memory):
        _save(work)


def _save(work: CatalogWork) -> None:
    """Write the catalog with every unit finished so far (atomic, via Catalog.write)."""
    assert work.catalog is not None
    for i, entry, _ in work.memory:
        work.catalog.entries[i] = entry
    for i, entry in work.finished.items():
        work.catalog.entries[i] = entry
    work.catalog.write()
    work.written = True
    work.saved_units = len(work.memory) + len(work.finished)


def _report(work: CatalogWork, dry_run: bool) -> CatalogReport:
    jobs = work.jobs if dry_run else [j for j in work.jobs if j.index in work.finished]
    return CatalogReport(
        lang=work.lang,
        article=work.article,
        path=work.path,
        memory=len(work.memory) if (dry_run or work.written) else 0,
        memory_trusted=sum(1 for _, _, m in work.memory if m.trusted)
        if (dry_run or work.written)
        else 0,
        machine=len(jobs),
        cached=sum(1 for j in jobs if all(j.from_cache)),
        warnings=work.warnings,
        written=work.written,
        missing=work.catalog is None,
    )


__all__ = [
    "CatalogReport",
    "MachineTranslationError",
    "Progress",
    "TranslateOptions",
    "TranslateReport",
    "translate_project",
]
