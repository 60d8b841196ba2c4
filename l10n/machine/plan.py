"""Which units ``l10n translate`` fills, and how: memory first, then machine.

Planning reads catalogs and sends nothing: it is all a dry run needs.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.glossary.glossary import Glossary
from l10n.machine.chunking import Piece, split_text
from l10n.machine.memory import MemoryMatch, TranslationMemory
from l10n.machine.protect import Masked, mask
from l10n.machine.provenance import provenance
from l10n.machine.terms import glossary_warnings, protection
from l10n.model import UnitState
from l10n.records import MachineRecord, MemoryRecord, without_kinds
from l10n.state import entry_state

FILL_KINDS = ("mt", "tm", "warning")


@dataclass(frozen=True)
class TranslateOptions:
    """What one ``l10n translate`` run does."""

    langs: tuple[str, ...] = ()  # empty: every configured language
    articles: tuple[str, ...] = ()  # empty: every article
    provider: str | None = None  # overrides configuration for every language
    dry_run: bool = False
    limit: int | None = None  # fill at most this many units in the whole run
    refill_machine: bool = False  # also refill fuzzy units that hold MT/TM output
    use_memory: bool = True
    today: _dt.date | None = None


def is_candidate(entry: Entry, refill_machine: bool) -> bool:
    """Untranslated units; with ``refill_machine`` also fuzzy MT/TM output.

    Translated, reviewed and human fuzzy units are never candidates.
    """
    if entry.obsolete or entry.msgid_plural is not None or not entry.msgid.strip():
        return False
    state = entry_state(entry)
    if state is UnitState.UNTRANSLATED:
        return True
    return refill_machine and state is UnitState.FUZZY and provenance(entry) is not None


def filled_entry(
    entry: Entry,
    text: str,
    *,
    fuzzy: bool,
    record: MachineRecord | MemoryRecord,
    warnings: Sequence[str] = (),
    previous_msgid: str | None = None,
) -> Entry:
    """``entry`` with a new translation, its provenance record and any warnings."""
    comments = (
        *without_kinds(entry.translator_comments, *FILL_KINDS),
        record.format(),
        *warnings,
    )
    out = replace(
        entry,
        msgstr=text,
        translator_comments=comments,
        previous_msgctxt=None,
        previous_msgid=previous_msgid,
        previous_msgid_plural=None,
    )
    return out.with_fuzzy(fuzzy)


def memory_fill(
    entry: Entry, match: MemoryMatch, today: _dt.date, warnings: Sequence[str] = ()
) -> Entry:
    record = MemoryRecord(today, match.score, match.unit.origin)
    return filled_entry(
        entry,
        match.unit.translation,
        fuzzy=not match.trusted or bool(warnings),
        record=record,
        warnings=warnings,
        previous_msgid=None if match.exact else match.unit.source,
    )


@dataclass
class UnitJob:
    """One unit on its way through the machine."""

    index: int  # position in catalog.entries
    source: str
    lead: str  # white space around the unit, put back around the translation
    trail: str
    masked: Masked
    pieces: list[Piece]
    answers: list[str | None]
    from_cache: list[bool]

    @property
    def done(self) -> bool:
        return all(a is not None for a in self.answers)


def unit_job(
    index: int, source: str, spans_glossary: Glossary | None, lang: str, limit: int
) -> UnitJob:
    core = source.strip()
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()) :]
    masked = mask(core, protection(spans_glossary, core, lang))
    pieces = split_text(masked.text, limit)
    return UnitJob(
        index, source, lead, trail, masked, pieces, [None] * len(pieces), [False] * len(pieces)
    )


@dataclass
class CatalogWork:
    """The plan, and later the progress, for one catalog."""

    lang: str
    article: str
    path: Path
    catalog: Catalog | None  # None: the catalog does not exist (run sync)
    memory: list[tuple[int, Entry, MemoryMatch]] = field(default_factory=list)
    jobs: list[UnitJob] = field(default_factory=list)
    finished: dict[int, Entry] = field(default_factory=dict)
    warnings: int = 0
    written: bool = False
    saved_units: int = 0

    @property
    def complete(self) -> bool:
        return all(j.index in self.finished for j in self.jobs)

    def requests(self) -> list[str]:
        return [p.text for j in self.jobs for p in j.pieces]


def plan_catalog(
    work: CatalogWork,
    memory: TranslationMemory | None,
    options: TranslateOptions,
    threshold: int,
    glossary: Glossary | None,
    protect: bool,
    max_chars: int,
    budget: list[int | None],
) -> int:
    """Fill ``work.memory`` and ``work.jobs``; return units left out by the limit.

    ``budget`` is a one-item list shared across catalogs (None: unlimited).
    """
    assert work.catalog is not None
    today = options.today or _dt.date.today()
    left_out = 0
    for i, entry in enumerate(work.catalog.entries):
        if not is_candidate(entry, options.refill_machine):
            continue
        if budget[0] is not None:
            if budget[0] <= 0:
                left_out += 1
                continue
            budget[0] -= 1
        match = memory.lookup(entry.msgid, work.article, threshold) if memory else None
        if match is not None:
            warnings = glossary_warnings(glossary, entry.msgid, match.unit.translation, work.lang)
            work.warnings += bool(warnings)
            work.memory.append((i, memory_fill(entry, match, today, warnings), match))
        else:
            guard = glossary if protect else None
            work.jobs.append(unit_job(i, entry.msgid, guard, work.lang, max_chars))
    return left_out
