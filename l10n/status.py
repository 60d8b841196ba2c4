"""``l10n status``: units and source words per state, per language and article."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from l10n.articles import catalog_path, discover_articles, word_count
from l10n.catalog import Catalog
from l10n.config import LanguageConfig, ProjectConfig
from l10n.machine.provenance import Provenance, provenance
from l10n.model import UnitState
from l10n.parallel import PARALLEL_MIN_FILES, map_in_processes
from l10n.state import entry_state, review_records, valid_review


@dataclass(frozen=True)
class StateCounts:
    """A number per :class:`UnitState`."""

    untranslated: int = 0
    fuzzy: int = 0
    translated: int = 0
    reviewed: int = 0

    def get(self, state: UnitState) -> int:
        return int(getattr(self, state.label))

    @property
    def total(self) -> int:
        return self.untranslated + self.fuzzy + self.translated + self.reviewed

    @property
    def done(self) -> int:
        """Translated or reviewed."""
        return self.translated + self.reviewed

    def __add__(self, other: StateCounts) -> StateCounts:
        return StateCounts(*(self.get(s) + other.get(s) for s in UnitState))

    def as_dict(self) -> dict[str, int]:
        return {s.label: self.get(s) for s in UnitState}


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

    @property
    def units(self) -> StateCounts:
        return sum((c.units for c in self.catalogs), StateCounts())

    @property
    def words(self) -> StateCounts:
        return sum((c.words for c in self.catalogs), StateCounts())

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
    units = dict.fromkeys(UnitState, 0)
    words = dict.fromkeys(UnitState, 0)
    stale = machine = memory = obsolete = 0
    last: tuple[str, str] | None = None
    for entry in catalog.entries:
        if entry.obsolete:
            obsolete += 1
            continue
        state = entry_state(entry)
        units[state] += 1
        words[state] += word_count(entry.msgid)
        if state is UnitState.TRANSLATED and review_records(entry):
            stale += 1  # translated with records, none of which matches: stale
        origin = provenance(entry) if entry.translator_comments else None
        machine += origin is Provenance.MACHINE
        memory += origin is Provenance.MEMORY
        if state is UnitState.REVIEWED:
            rec = valid_review(entry)
            if rec is not None:
                stamp = (rec.date.isoformat(), rec.reviewer)
                if last is None or stamp > last:
                    last = stamp
    return CatalogStatus(
        lang=lang,
        article=article,
        path=catalog.path,
        units=StateCounts(*(units[s] for s in UnitState)),
        words=StateCounts(*(words[s] for s in UnitState)),
        stale_reviews=stale,
        machine=machine,
        memory=memory,
        obsolete=obsolete,
        last_review=f"{last[0]} by {last[1]}" if last else None,
    )


def _file_status(path: Path) -> CatalogStatus:
    catalog = Catalog.read(path)
    lang = catalog.header.get("Language") or "und"
    return catalog_status(catalog, lang, path.stem)


def project_status(
    config: ProjectConfig, *, langs: Sequence[str] = (), articles: Sequence[str] = ()
) -> StatusReport:
    """Status of every (selected) language and article of the project.

    An article with no catalog yet (never synced) counts all its units as
    untranslated only after a sync; before that it is listed with ``exists: false``.
    """
    lang_cfgs = [config.language(c) for c in langs] if langs else list(config.languages)
    arts = discover_articles(config)
    if articles:
        wanted = {a.removesuffix(".txt").removesuffix(".md") for a in articles}
        arts = [a for a in arts if a.id in wanted]
    jobs = [
        (lc.code, art.id, catalog_path(config, lc.code, art.id)) for lc in lang_cfgs for art in arts
    ]
    results = map_in_processes(_status_of, jobs, min_weight=PARALLEL_MIN_FILES)
    by_lang: dict[str, list[CatalogStatus]] = {}
    for item in results:
        by_lang.setdefault(item.lang, []).append(item)
    out = [LanguageStatus(lc.code, tuple(by_lang.get(lc.code, ())), lc) for lc in lang_cfgs]
    return StatusReport(tuple(out))


def _status_of(job: tuple[str, str, Path]) -> CatalogStatus:
    lang, art_id, path = job
    if path.is_file():
        return catalog_status(Catalog.read(path), lang, art_id)
    return CatalogStatus(lang, art_id, path, StateCounts(), StateCounts(), exists=False)


def files_status(paths: Iterable[Path]) -> StatusReport:
    """Status of PO files given directly (outside a project): grouped by header Language."""
    groups: dict[str, list[CatalogStatus]] = {}
    for item in map_in_processes(_file_status, list(paths), min_weight=PARALLEL_MIN_FILES):
        groups.setdefault(item.lang, []).append(item)
    return StatusReport(tuple(LanguageStatus(k, tuple(v)) for k, v in sorted(groups.items())))
