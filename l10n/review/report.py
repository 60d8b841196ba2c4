"""Read-only views for ``l10n status`` and ``l10n review list/log``."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog.entry import Entry
from l10n.config import ProjectConfig
from l10n.model import UnitState
from l10n.records import RejectRecord, ReviewRecord, parse_records
from l10n.review.units import Unit, catalogs, language_code, load_units, read_units
from l10n.state import entry_hash, entry_state, is_stale_review


@dataclass(frozen=True)
class ReviewCounts:
    """Units per state; ``stale`` counts translated units whose review no longer matches.

    ``stale`` is a part of ``translated``, not a fifth state.
    """

    untranslated: int = 0
    fuzzy: int = 0
    translated: int = 0
    reviewed: int = 0
    stale: int = 0

    @property
    def total(self) -> int:
        return self.untranslated + self.fuzzy + self.translated + self.reviewed

    def count(self, state: UnitState) -> int:
        return {
            UnitState.UNTRANSLATED: self.untranslated,
            UnitState.FUZZY: self.fuzzy,
            UnitState.TRANSLATED: self.translated,
            UnitState.REVIEWED: self.reviewed,
        }[state]

    def __add__(self, other: ReviewCounts) -> ReviewCounts:
        return ReviewCounts(
            self.untranslated + other.untranslated,
            self.fuzzy + other.fuzzy,
            self.translated + other.translated,
            self.reviewed + other.reviewed,
            self.stale + other.stale,
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "untranslated": self.untranslated,
            "fuzzy": self.fuzzy,
            "translated": self.translated,
            "reviewed": self.reviewed,
            "stale": self.stale,
            "total": self.total,
        }


def count_entries(entries: Iterable[Entry]) -> ReviewCounts:
    """Counts over the active (non-obsolete) entries given."""
    per = dict.fromkeys(UnitState, 0)
    stale = 0
    for e in entries:
        if e.obsolete:
            continue
        per[entry_state(e)] += 1
        stale += is_stale_review(e)
    return ReviewCounts(
        per[UnitState.UNTRANSLATED],
        per[UnitState.FUZZY],
        per[UnitState.TRANSLATED],
        per[UnitState.REVIEWED],
        stale,
    )


@dataclass(frozen=True)
class CatalogReview:
    """Review counts of one catalog, with the language's policy."""

    lang: str
    article: str
    path: Path
    counts: ReviewCounts
    review_required: bool

    @property
    def awaiting_review(self) -> int:
        """Units that need a reviewer before they may be published (0 without the policy)."""
        return self.counts.translated if self.review_required else 0


def review_counts(
    config: ProjectConfig, lang: str | None = None, article: str | None = None
) -> list[CatalogReview]:
    """Per-catalog counts for one language (or all configured), one article or all."""
    codes = [language_code(config, lang)] if lang else list(config.codes)
    out: list[CatalogReview] = []
    for code in codes:
        required = config.language(code).review_required
        for art, path in catalogs(config, code, article):
            units = read_units(path, code, art)
            counts = count_entries(u.entry for u in units)
            out.append(CatalogReview(code, art, path, counts, required))
    return out


class LogKind(enum.Enum):
    REVIEW = "review"
    REJECT = "reject"


@dataclass(frozen=True)
class LogEntry:
    """One review or rejection record found in a catalog.

    ``current``: for a review, it matches the unit as it is now (the unit is
    reviewed by it); for a rejection, the unit is still fuzzy.
    """

    lang: str
    article: str
    position: int
    unit_id: str
    msgid: str
    kind: LogKind
    date: _dt.date
    reviewer: str
    note: str | None
    current: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "article": self.article,
            "position": self.position,
            "unit": self.unit_id,
            "source": self.msgid,
            "kind": self.kind.value,
            "date": self.date.isoformat(),
            "reviewer": self.reviewer,
            "note": self.note,
            "current": self.current,
        }


def unit_log(unit: Unit) -> list[LogEntry]:
    entry = unit.entry
    out: list[LogEntry] = []
    reviewed = entry_state(entry) is UnitState.REVIEWED
    current_hash = entry_hash(entry)
    for rec in parse_records(entry.translator_comments):
        if isinstance(rec, ReviewRecord):
            valid = reviewed and rec.hash == current_hash
            out.append(
                LogEntry(
                    unit.lang,
                    unit.article,
                    unit.position,
                    unit.id,
                    entry.msgid,
                    LogKind.REVIEW,
                    rec.date,
                    rec.reviewer,
                    None,
                    valid,
                )
            )
        elif isinstance(rec, RejectRecord):
            out.append(
                LogEntry(
                    unit.lang,
                    unit.article,
                    unit.position,
                    unit.id,
                    entry.msgid,
                    LogKind.REJECT,
                    rec.date,
                    rec.reviewer,
                    rec.note,
                    entry.fuzzy,
                )
            )
    return out


def review_log(
    config: ProjectConfig, lang: str | None = None, article: str | None = None
) -> list[LogEntry]:
    """Every review and rejection record, by language, article, date and position."""
    codes = [language_code(config, lang)] if lang else list(config.codes)
    out: list[LogEntry] = []
    for code in codes:
        for art, path in catalogs(config, code, article):
            for unit in read_units(path, code, art):
                out.extend(unit_log(unit))
    return sorted(out, key=lambda e: (e.lang, e.article, e.date, e.position))


def review_queue(
    config: ProjectConfig,
    lang: str,
    article: str | None = None,
    states: Sequence[UnitState] = (UnitState.TRANSLATED,),
) -> list[Unit]:
    """The units of the given states, in article and reading order."""
    wanted = frozenset(states)
    return [u for u in load_units(config, lang, article) if u.state in wanted]
