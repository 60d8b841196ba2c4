"""Merge a catalog's entries with an article's current units (the heart of sync).

Rules, as ``msgmerge --previous`` users expect them:

- unchanged unit: the entry is kept as it is (only l10n's ``#.`` comments are refreshed);
- new unit: an empty entry at its document position;
- changed unit: paired with the old entry it most resembles, near the same
  position; the old translation is kept, marked fuzzy, and the old source is
  written as ``#| msgid``;
- removed unit: a translated entry becomes obsolete (``#~``) and keeps its
  translation; an empty one is dropped;
- a unit that comes back finds its obsolete entry again.

Nothing here reads or writes files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from l10n.articles import SourceUnit
from l10n.catalog import Entry

# Similarity (0-100) needed to treat an old entry as the edited form of a new unit.
NEAR_THRESHOLD = 60.0  # inside an edited stretch of the document
FAR_THRESHOLD = 80.0  # anywhere else in the article (moved and edited)


@dataclass(frozen=True)
class MergeStats:
    added: int = 0
    fuzzy: int = 0
    obsolete: int = 0
    resurrected: int = 0
    unchanged: int = 0
    dropped: int = 0


def merge(
    old: Sequence[Entry],
    units: Sequence[SourceUnit],
    comments_for: Callable[[SourceUnit], tuple[str, ...]],
) -> tuple[list[Entry], MergeStats]:
    """Return the new entry list (active in document order, then obsolete) and counts."""
    active = [e for e in old if not e.obsolete]
    obsolete = [e for e in old if e.obsolete]
    by_key = {e.key: i for i, e in enumerate(active)}
    obsolete_by_key = {e.key: i for i, e in enumerate(obsolete)}

    result: list[Entry | None] = [None] * len(units)
    used_old: set[int] = set()
    used_obsolete: set[int] = set()
    unchanged = resurrected = 0

    for ui, unit in enumerate(units):
        key = (None, unit.msgid)
        if key in by_key:
            oi = by_key[key]
            used_old.add(oi)
            result[ui] = active[oi]
            unchanged += 1
        elif key in obsolete_by_key:
            oi = obsolete_by_key[key]
            used_obsolete.add(oi)
            result[ui] = replace(obsolete[oi], obsolete=False)
            resurrected += 1

    pairs = _pair_changed(active, units, result, used_old)
    fuzzy = 0
    for ui, oi in pairs:
        used_old.add(oi)
        result[ui] = _fuzzy_from(active[oi], units[ui].msgid)
        fuzzy += 1

    added = 0
    entries: list[Entry] = []
    for ui, unit in enumerate(units):
        entry = result[ui]
        if entry is None:
            entry = Entry(msgid=unit.msgid)
            added += 1
        comments = comments_for(unit)
        if entry.extracted_comments != comments:
            entry = replace(entry, extracted_comments=comments)
        entries.append(entry)

    newly_obsolete: list[Entry] = []
    dropped = 0
    for oi, e in enumerate(active):
        if oi in used_old:
            continue
        if e.is_empty:
            dropped += 1
            continue
        newly_obsolete.append(replace(e, obsolete=True, extracted_comments=()))
    kept_obsolete = [e for oi, e in enumerate(obsolete) if oi not in used_obsolete]
    stats = MergeStats(
        added=added,
        fuzzy=fuzzy,
        obsolete=len(newly_obsolete),
        resurrected=resurrected,
        unchanged=unchanged,
        dropped=dropped,
    )
    return entries + kept_obsolete + newly_obsolete, stats


def _fuzzy_from(old: Entry, new_msgid: str) -> Entry:
    previous = old.previous_msgid if (old.fuzzy and old.previous_msgid) else old.msgid
    e = old.with_flag("fuzzy", True)
    return replace(
        e,
        msgid=new_msgid,
        msgctxt=None,
        previous_msgid=previous,
        previous_msgctxt=old.msgctxt if old.msgctxt is not None else None,
    )


def _pair_changed(
    active: Sequence[Entry],
    units: Sequence[SourceUnit],
    result: Sequence[Entry | None],
    used_old: set[int],
) -> list[tuple[int, int]]:
    """Pair new units with translated old entries that look like their earlier form."""
    free_units = [ui for ui, r in enumerate(result) if r is None]
    if not free_units:
        return []
    candidates = [oi for oi, e in enumerate(active) if oi not in used_old and not e.is_empty]
    if not candidates:
        return []
    pairs: list[tuple[int, int]] = []
    taken_u: set[int] = set()
    taken_o: set[int] = set()

    # 1. Near pairs: align the two sequences and look inside edited stretches.
    old_ids = [e.msgid for e in active]
    new_ids = [u.msgid for u in units]
    matcher = difflib.SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
    cand_set = set(candidates)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        olds = [oi for oi in range(i1, i2) if oi in cand_set]
        news = [ui for ui in range(j1, j2) if result[ui] is None]
        for ui, oi in _best_pairs(olds, news, active, units, NEAR_THRESHOLD):
            pairs.append((ui, oi))
            taken_u.add(ui)
            taken_o.add(oi)

    # 2. Far pairs: anything left, anywhere in the article, with a stricter bar.
    olds = [oi for oi in candidates if oi not in taken_o]
    news = [ui for ui in free_units if ui not in taken_u]
    if olds and news and len(olds) * len(news) <= 250_000:
        pairs.extend(_best_pairs(olds, news, active, units, FAR_THRESHOLD))
    return pairs


def _best_pairs(
    olds: Sequence[int],
    news: Sequence[int],
    active: Sequence[Entry],
    units: Sequence[SourceUnit],
    threshold: float,
) -> list[tuple[int, int]]:
    scored = []
    for ui in news:
        for oi in olds:
            score = fuzz.ratio(units[ui].msgid, active[oi].msgid, score_cutoff=threshold)
            if score:
                # Prefer higher similarity, then closer positions.
                scored.append((-score, abs(ui - oi), ui, oi))
    scored.sort()
    out: list[tuple[int, int]] = []
    seen_u: set[int] = set()
    seen_o: set[int] = set()
    for _neg, _dist, ui, oi in scored:
        if ui in seen_u or oi in seen_o:
            continue
        seen_u.add(ui)
        seen_o.add(oi)
        out.append((ui, oi))
    return out
