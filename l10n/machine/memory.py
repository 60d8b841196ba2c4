"""Translation memory: reuse of human translations from other articles.

The memory of a language is every active, singular entry of that language's
catalogs whose state is ``translated`` or ``reviewed``
(:func:`l10n.state.entry_state`). A unit's own article is never its origin.

Policy (documented in docs/machine-translation.md):

* exact match (same source text) whose origin is **reviewed** -> stored as
  translated (not fuzzy): a reviewer approved this exact sentence;
* exact match whose origin is only translated -> stored fuzzy;
* similar source (rapidfuzz ``ratio`` at or above ``tm_threshold``) -> stored
  fuzzy, with the matched source as the previous msgid so editors show the
  difference.

Every memory fill carries ``# l10n-tm: DATE SCORE ORIGIN``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from l10n.catalog.entry import Entry
from l10n.model import UnitState
from l10n.state import entry_state


@dataclass(frozen=True)
class MemoryUnit:
    source: str
    translation: str
    origin: str  # article id
    reviewed: bool


@dataclass(frozen=True)
class MemoryMatch:
    unit: MemoryUnit
    score: int  # 0..100, 100 only for identical source text

    @property
    def exact(self) -> bool:
        return self.score == 100

    @property
    def trusted(self) -> bool:
        """May be stored as translated rather than fuzzy."""
        return self.exact and self.unit.reviewed


class TranslationMemory:
    """Human translations of one language, searchable by source text."""

    def __init__(self, units: Iterable[MemoryUnit]) -> None:
        best: dict[str, list[MemoryUnit]] = {}
        for u in units:
            best.setdefault(u.source, []).append(u)
        # Per source: reviewed first, then by origin for a stable choice.
        self._exact = {
            src: sorted(us, key=lambda u: (not u.reviewed, u.origin)) for src, us in best.items()
        }
        self._sources = sorted(self._exact)

    def __len__(self) -> int:
        return sum(len(v) for v in self._exact.values())

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, Entry]]) -> TranslationMemory:
        units = []
        for origin, e in entries:
            if e.obsolete or e.msgid_plural is not None or not e.msgid.strip():
                continue
            state = entry_state(e)
            if state >= UnitState.TRANSLATED:
                units.append(MemoryUnit(e.msgid, e.msgstr, origin, state is UnitState.REVIEWED))
        return cls(units)

    def lookup(self, source: str, exclude_origin: str, threshold: int) -> MemoryMatch | None:
        """The best match for ``source`` from another article, or None."""
        for u in self._exact.get(source, ()):
            if u.origin != exclude_origin:
                return MemoryMatch(u, 100)
        if threshold > 100 or not self._sources:
            return None
        found = process.extract(
            source,
            self._sources,
            scorer=fuzz.ratio,
            score_cutoff=max(threshold, 0),
            limit=10,
        )
        for candidate, score, _ in found:
            if candidate == source:
                continue
            for u in self._exact[candidate]:
                if u.origin != exclude_origin:
                    # Only identical text may score 100.
                    return MemoryMatch(u, min(99, int(score)))
        return None
