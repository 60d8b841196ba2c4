"""``l10n status``: units and source words per state, per language and article."""

from __future__ import annotations

import gc
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.articles import article_paths, check_source, word_count
from l10n.catalog.decode import MAX_BYTES, decode
from l10n.catalog.entry import Entry
from l10n.catalog.fastscan import fast_parse
from l10n.catalog.header import Header
from l10n.catalog.parsed import Parsed
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import CatalogError, L10nError, SourceError
from l10n.model import UnitState
from l10n.parallel import PARALLEL_MIN_FILES, map_in_processes

# Catalog (with its writer) is loaded only for the files the fast reading leaves
# to it: counting the usual catalogs needs neither.
if TYPE_CHECKING:
    from l10n.catalog.store import Catalog

# The StateCounts field of each UnitState, by its value.
_LABELS: tuple[str, ...] = tuple(s.label for s in UnitState)


@dataclass(frozen=True)
class StateCounts:
    """A number per :class:`UnitState`."""

    untranslated: int = 0
    fuzzy: int = 0
    translated: int = 0
    reviewed: int = 0

    def get(self, state: UnitState) -> int:
        return int(getattr(self, _LABELS[state]))

    @property
    def total(self) -> int:
        return self.untranslated + self.fuzzy + self.translated + self.reviewed

    @property
    def done(self) -> int:
        """Translated or reviewed."""
        return self.translated + self.reviewed

    def __add__(self, other: StateCounts) -> StateCounts:
        return StateCounts(
            self.untranslated + other.untranslated,
            self.fuzzy + other.fuzzy,
            self.translated + other.translated,
            self.reviewed + other.reviewed,
        )

    def as_tuple(self) -> tuple[int, int, int, int]:
        """The numbers in UnitState order."""
        return (self.untranslated, self.fuzzy, self.translated, self.reviewed)

    def as_dict(self) -> dict[str, int]:
        return dict(zip(_LABELS, self.as_tuple(), strict=True))

    @staticmethod
    def sum(items: Iterable[StateCounts]) -> StateCounts:
        """The sum of many counts (faster than adding them one by one)."""
        columns = list(zip(*(c.as_tuple() for c in items), strict=True))
        return StateCounts(*(sum(col) for col in columns)) if columns else StateCounts()


def _percent(part: int, total: int) -> float:
    return round(100.0 * part / total, 1) if total else 100.0


@dataclass(frozen=True)
class CatalogStatus:
    lang: str
    article: str
    path: Path
    units: StateCounts
    words: StateCounts
    stale_reviews: int = 0
    machine: int = 0
    memory: int = 0
    obsolete: int = 0
    last_review: str | None = None  # "YYYY-MM-DD by NAME"
    exists: bool = True

    @property
    def percent_translated(self) -> float:
        return _percent(self.units.done, self.units.total) if self.exists else 0.0

    @property
    def percent_reviewed(self) -> float:
        return _percent(self.units.reviewed, self.units.total) if self.exists else 0.0

    def ready(self, policy: LanguageConfig | None) -> bool:
        """Publishable under the language policy: every unit translated (or reviewed)."""
        if not self.exists or self.units.total == 0:
            return False
        if policy is not None and policy.review_required:
            return self.units.reviewed == self.units.total
        return self.units.done == self.units.total

    def as_dict(self, policy: LanguageConfig | None = None) -> dict[str, object]:
        return {
            "article": self.article,
            "path": self.path.as_posix(),
            "exists": self.exists,
            "units": self.units.as_dict(),
            "words": self.words.as_dict(),
            "total_units": self.units.total,
            "total_words": self.words.total,
            "percent_translated": self.percent_translated,
            "percent_reviewed": self.percent_reviewed,
            "stale_reviews": self.stale_reviews,
            "machine": self.machine,
            "memory": self.memory,
            "obsolete": self.obsolete,
            "last_review": self.last_review,
            "ready": self.ready(policy),
        }


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    catalogs: tuple[CatalogStatus, ...]
    policy: LanguageConfig | None = None

    @cached_property
    def units(self) -> StateCounts:
        return StateCounts.sum(c.units for c in self.catalogs)

    @cached_property
    def words(self) -> StateCounts:
        return StateCounts.sum(c.words for c in self.catalogs)

    @property
    def percent_translated(self) -> float:
        return _percent(self.units.done, self.units.total)

    @property
    def ready_articles(self) -> tuple[str, ...]:
        return tuple(c.article for c in self.catalogs if c.ready(self.policy))

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "required": self.policy.required if self.policy else None,
            "review_required": self.policy.review_required if self.policy else None,
            "units": self.units.as_dict(),
            "words": self.words.as_dict(),
            "total_units": self.units.total,
            "total_words": self.words.total,
            "percent_translated": self.percent_translated,
            "stale_reviews": sum(c.stale_reviews for c in self.catalogs),
            "machine": sum(c.machine for c in self.catalogs),
            "ready_articles": list(self.ready_articles),
            "articles": [c.as_dict(self.policy) for c in self.catalogs],
        }


@dataclass(frozen=True)
class StatusReport:
    languages: tuple[LanguageStatus, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        return {"languages": [ls.as_dict() for ls in self.languages]}


def catalog_status(catalog: Catalog, lang: str, article: str) -> CatalogStatus:
    """Count one catalog's active entries by state, in units and source words."""
    return _catalog_status(lang, article, catalog.path, count_entries(catalog.entries))


# What a worker sends back for one catalog: units and words per state (in
# UnitState order), stale reviews, machine and memory fills, obsolete entries and
# the newest valid review ("YYYY-MM-DD by NAME"). Plain tuples: cheap to pickle.
Counts = tuple[tuple[int, int, int, int], tuple[int, int, int, int], int, int, int, int, str | None]


def _catalog_status(lang: str, article: str, path: Path, counts: Counts) -> CatalogStatus:
    units, words, stale, machine, memory, obsolete, last = counts
    return CatalogStatus(
        lang=lang,
        article=article,
        path=path,
        units=StateCounts(*units),
        words=StateCounts(*words),
        stale_reviews=stale,
        machine=machine,
        memory=memory,
        obsolete=obsolete,
        last_review=last,
    )


# Every l10n record starts with this (l10n.records.PREFIX, not imported: status
# loads the record parsers only for catalogs that have records).
_RECORD_MARK = "l10n-"


def _has_record(comments: tuple[str, ...]) -> bool:
    """Whether any translator comment may be an l10n record (see l10n.records)."""
    return any(_RECORD_MARK in c for c in comments)


def count_entries(entries: Iterable[Entry]) -> Counts:
    """The status numbers of a catalog's entries.

    The same as deciding each entry's state with :func:`l10n.state.entry_state`
    and its origin with :func:`l10n.machine.provenance.provenance`, only faster:
    an entry without any l10n record (the usual case) needs neither, and the
    record parsers are imported only for a catalog that has records.
    """
    u_empty = u_fuzzy = u_done = 0
    w_empty = w_fuzzy = w_done = 0
    obsolete = 0
    recorded: list[Entry] = []
    words = word_count
    for e in entries:
        if e.obsolete:
            obsolete += 1
            continue
        comments = e.translator_comments
        if comments and _has_record(comments):
            recorded.append(e)
            continue
        if e.msgid_plural is None:
            if not e.msgstr:
                u_empty += 1
                w_empty += words(e.msgid)
                continue
            done = "fuzzy" not in e.flags
        else:
            forms = e.msgstr_plural
            if not any(forms):
                u_empty += 1
                w_empty += words(e.msgid)
                continue
            done = all(forms) and "fuzzy" not in e.flags
        if done:
            u_done += 1
            w_done += words(e.msgid)
        else:
            u_fuzzy += 1
            w_fuzzy += words(e.msgid)
    units = [u_empty, u_fuzzy, u_done, 0]
    counted = [w_empty, w_fuzzy, w_done, 0]
    stale = machine = memory = 0
    last: str | None = None
    if recorded:
        stale, machine, memory, last = _count_recorded(recorded, units, counted)
    return (
        (units[0], units[1], units[2], units[3]),
        (counted[0], counted[1], counted[2], counted[3]),
        stale,
        machine,
        memory,
        obsolete,
        last,
    )


def _count_recorded(
    entries: list[Entry], units: list[int], words: list[int]
) -> tuple[int, int, int, str | None]:
    """Add active entries with records to ``units``/``words``; stale, machine, memory, last.

    Decides as :func:`l10n.state.entry_state`, ``valid_review`` and
    :func:`l10n.machine.provenance.provenance` do, parsing each entry's records
    and hashing it once instead of once per question.
    """
    from l10n.records import MachineRecord, MemoryRecord, ReviewRecord, parse_records
    from l10n.state import entry_hash

    stale = machine = memory = 0
    last: tuple[str, str] | None = None
    for entry in entries:
        records = parse_records(entry.translator_comments)
        reviews = [r for r in records if isinstance(r, ReviewRecord)]
        if entry.is_empty:
            state = UnitState.UNTRANSLATED
        elif not entry.is_translated or entry.fuzzy:
            state = UnitState.FUZZY
        else:
            current = entry_hash(entry) if reviews else ""
            valid = [r for r in reviews if r.hash == current]
            if valid:
                state = UnitState.REVIEWED
                rec = max(valid, key=lambda r: r.date)
                stamp = (rec.date.isoformat(), rec.reviewer)
                if last is None or stamp > last:
                    last = stamp
            else:
                state = UnitState.TRANSLATED
                stale += bool(reviews)  # reviewed once, none of the reviews matches now
        units[state] += 1
        words[state] += word_count(entry.msgid)
        origin = ""  # the last machine or memory record decides (see provenance)
        for record in records:
            if isinstance(record, MachineRecord):
                origin = "machine"
            elif isinstance(record, MemoryRecord):
                origin = "memory"
        machine += origin == "machine"
        memory += origin == "memory"
    return stale, machine, memory, (f"{last[0]} by {last[1]}" if last else None)


def project_status(
    config: ProjectConfig, *, langs: Sequence[str] = (), articles: Sequence[str] = ()
) -> StatusReport:
    """Status of every (selected) language and article of the project.

    An article with no catalog yet (never synced) counts all its units as
    untranslated only after a sync; before that it is listed with ``exists: false``.

    Every source is validated as :func:`~l10n.articles.discover_articles` would
    (the first bad one, in id order, is raised before any catalog error), then
    the catalogs are read, the first bad one in language order raised; both
    happen in the same worker jobs, one per article.
    """
    lang_cfgs = [config.language(c) for c in langs] if langs else list(config.languages)
    sources = article_paths(config)
    wanted: set[str] | None = None
    if articles:
        wanted = {a.removesuffix(".txt").removesuffix(".md") for a in articles}
    codes = [lc.code for lc in lang_cfgs]
    # catalog_path(config, code, art_id), with each language's folder joined once
    folders = [config.locales_dir / code for code in codes]
    selected = [
        (art_id, [folder / f"{art_id}.po" for folder in folders])
        for art_id, _source in sources
        if wanted is None or art_id in wanted
    ]
    # The same paths as strings for the workers, written out without pathlib.
    heads = [_folder_prefix(folder) for folder in folders]
    chosen = {art_id for art_id, _paths in selected}
    jobs = [
        (str(source), [f"{head}{art_id}.po" for head in heads] if art_id in chosen else [])
        for art_id, source in sources
    ]
    results = map_in_processes(
        _article_status, jobs, weight=lambda job: len(job[1]), min_weight=PARALLEL_MIN_FILES
    )
    for source_error, _counts in results:
        if source_error is not None:
            raise source_error
    found = {
        art_id: counts for (art_id, _source), (_err, counts) in zip(sources, results, strict=True)
    }
    out = []
    for i, lc in enumerate(lang_cfgs):
        items = []
        for art_id, paths in selected:
            got = found[art_id][i]
            if isinstance(got, L10nError):
                raise got
            if got is None:
                empty = StateCounts()
                items.append(CatalogStatus(lc.code, art_id, paths[i], empty, empty, exists=False))
            else:
                items.append(_catalog_status(lc.code, art_id, paths[i], got))
        out.append(LanguageStatus(lc.code, tuple(items), lc))
    return StatusReport(tuple(out))


def _counts_of(path: str) -> Counts | None:
    """Numbers of the catalog at ``path``; None if there is no catalog file there."""
    try:
        info = os.lstat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        # A link, a folder, nothing...: as the plain reading decides it.
        if not Path(path).is_file():
            return None
        from l10n.catalog.store import Catalog

        return count_entries(Catalog.read(Path(path)).entries)
    return count_entries(read_entries(path)[1])


def read_entries(path: str) -> tuple[Header, tuple[Entry, ...]]:
    """Header and entries of a catalog, as ``Catalog.read`` gives them (same errors).

    The usual file, regular and well formed, is read without building a Catalog
    (which keeps what writing it back needs); anything else is left to
    ``Catalog.read``.
    """
    parsed = _read_parsed(path)
    if parsed is None:
        from l10n.catalog.store import Catalog

        catalog = Catalog.read(Path(path))
        return catalog.header, tuple(catalog.entries)
    return (parsed.header if parsed.header is not None else Header()), parsed.entries


_NO_PATH = Path()
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def _read_parsed(path: str) -> Parsed | None:
    """The fast reading of a regular file, or None where ``Catalog.read`` must decide."""
    if not hasattr(os, "O_NOFOLLOW"):
        return None  # links could not be refused here
    try:
        fd = os.open(path, _OPEN_FLAGS | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode) or size > MAX_BYTES:
            return None
        data = os.read(fd, size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) != size:
        return None
    try:
        decoded = decode(data, _NO_PATH)
    except CatalogError:
        return None  # Catalog.read reports it, naming the file
    parsed = fast_parse(decoded.text)
    if parsed is None:
        return None
    declared = parsed.header.charset if parsed.header is not None else None
    if (declared or "UTF-8").lower() != decoded.charset.lower():
        return None  # Catalog.read reports it
    return parsed


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while reading (entries form no cycles)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _folder_prefix(folder: Path) -> str:
    """What ``str(folder / name)`` starts with, before ``name``."""
    text = str(folder)
    return text if text.endswith(os.sep) else text + os.sep


# One article: its source file and the catalogs to count (none if not selected).
_ArticleJob = tuple[str, list[str]]
# Per catalog: its numbers, None if there is no catalog file, or the error reading it.
_ArticleResult = tuple[SourceError | None, list[Counts | L10nError | None]]


def _article_status(job: _ArticleJob) -> _ArticleResult:
    """Validate one source, then count each of its catalogs (errors returned, in order)."""
    source, paths = job
    with _no_gc():
        try:
            check_source(source)
        except SourceError as exc:
            return exc, []
        counts: list[Counts | L10nError | None] = []
        for path in paths:
            try:
                counts.append(_counts_of(path))
            except L10nError as exc:
                counts.append(exc)
        return None, counts


def _file_status(path: Path) -> tuple[str, Counts]:
    with _no_gc():
        header, entries = read_entries(str(path))
        return header.get("Language") or "und", count_entries(entries)


def files_status(paths: Iterable[Path]) -> StatusReport:
    """Status of PO files given directly (outside a project): grouped by header Language."""
    files = list(paths)
    groups: dict[str, list[CatalogStatus]] = {}
    results = map_in_processes(_file_status, files, min_weight=PARALLEL_MIN_FILES)
    for path, (lang, counts) in zip(files, results, strict=True):
        groups.setdefault(lang, []).append(_catalog_status(lang, path.stem, path, counts))
    return StatusReport(tuple(LanguageStatus(k, tuple(v)) for k, v in sorted(groups.items())))
