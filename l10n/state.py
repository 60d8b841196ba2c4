"""The one place where a PO entry's :class:`~l10n.model.UnitState` is decided."""

from __future__ import annotations

from l10n.catalog.entry import Entry
from l10n.model import UnitState
from l10n.records import ReviewRecord, parse_records, unit_hash


def entry_hash(entry: Entry) -> str:
    """Hash of what a reviewer approves: context, source and translation(s)."""
    return unit_hash(entry.msgctxt, entry.msgid, entry.msgid_plural, entry.translations)


def review_records(entry: Entry) -> list[ReviewRecord]:
    if not entry.translator_comments:
        return []
    return [r for r in parse_records(entry.translator_comments) if isinstance(r, ReviewRecord)]


def valid_review(entry: Entry) -> ReviewRecord | None:
    """The newest review record whose hash matches the entry as it is now."""
    records = review_records(entry)
    if not records:
        return None
    current = entry_hash(entry)
    valid = [r for r in records if r.hash == current]
    return max(valid, key=lambda r: r.date) if valid else None


def is_done(entry: Entry) -> bool:
    """Translated or reviewed (every form filled, not fuzzy); needs no review hashing."""
    return entry.is_translated and not entry.fuzzy


def is_stale_review(entry: Entry) -> bool:
    """Translated and not fuzzy, with review records none of which still match."""
    return is_done(entry) and bool(review_records(entry)) and valid_review(entry) is None


def entry_state(entry: Entry) -> UnitState:
    if entry.is_empty:
        return UnitState.UNTRANSLATED
    if not is_done(entry):
        return UnitState.FUZZY
    if valid_review(entry) is not None:
        return UnitState.REVIEWED
    return UnitState.TRANSLATED
