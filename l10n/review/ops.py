"""Review decisions on one entry, as pure functions ``Entry -> Entry``.

Record policy (kept deliberately small so files stay clean):

* An entry carries at most one ``l10n-review`` record. Approving (or editing as
  a reviewer) removes every older review record of that entry, valid or stale,
  and writes one new record for what is there now. The history of earlier
  reviews is the version-control history of the PO file.
* Stale review records are left alone until the unit is approved again or
  rejected, so ``l10n status`` and ``l10n review log`` can show them.
* A rejection replaces earlier ``l10n-reject`` notes of the entry with the new
  one, marks the entry fuzzy and drops its review records. Approving or editing
  the unit later removes the note: the point it raised has been dealt with.
* Ordinary translator comments and other l10n records (``l10n-mt``,
  ``l10n-tm``, ``l10n-ignore``) are never touched.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Sequence
from dataclasses import replace

from l10n.catalog.entry import Entry
from l10n.errors import ReviewError
from l10n.model import UnitState
from l10n.records import RejectRecord, ReviewRecord, without_kinds
from l10n.state import entry_hash, entry_state

MAX_NAME = 100


class SkipReason(enum.Enum):
    """Why a unit was not approved."""

    UNTRANSLATED = "untranslated"
    FUZZY = "fuzzy"
    INCOMPLETE = "incomplete"

    @property
    def explanation(self) -> str:
        return _EXPLANATIONS[self]


_EXPLANATIONS = {
    SkipReason.UNTRANSLATED: "no translation yet",
    SkipReason.FUZZY: "marked fuzzy (needs work): fix it and clear fuzzy, or edit it in the walk",
    SkipReason.INCOMPLETE: "some plural forms are empty",
}


def check_reviewer(name: str) -> str:
    """A reviewer name as written into records: one line, no colon."""
    clean = " ".join(name.split())
    if not clean:
        raise ReviewError("the reviewer name is empty")
    if ":" in clean:
        raise ReviewError(
            f"reviewer name {clean!r} contains ':'", hint="records use ':' to separate the name"
        )
    if len(clean) > MAX_NAME:
        raise ReviewError(f"reviewer name is longer than {MAX_NAME} characters")
    return clean


def check_note(note: str) -> str:
    """A rejection note as written into the record: one line, not empty."""
    clean = " ".join(note.split())
    if not clean:
        raise ReviewError("a rejection needs a note for the translator", hint="pass --note TEXT")
    return clean


def approval_blocker(entry: Entry) -> SkipReason | None:
    """Why ``entry`` cannot be approved, or None when it can."""
    state = entry_state(entry)
    if state is UnitState.UNTRANSLATED:
        return SkipReason.UNTRANSLATED
    if state is UnitState.FUZZY:
        return SkipReason.FUZZY if entry.fuzzy else SkipReason.INCOMPLETE
    return None


def _comments_without(entry: Entry, *kinds: str) -> tuple[str, ...]:
    return without_kinds(entry.translator_comments, *kinds)


def approve(entry: Entry, reviewer: str, today: _dt.date) -> Entry:
    """Record a review of ``entry`` as it is now (translated or reviewed only)."""
    blocker = approval_blocker(entry)
    if blocker is not None:
        raise ReviewError(f"cannot approve: {blocker.explanation}")
    record = ReviewRecord(today, entry_hash(entry), check_reviewer(reviewer))
    comments = (*_comments_without(entry, "review", "reject"), record.format())
    return replace(entry, translator_comments=comments)


def reject(entry: Entry, reviewer: str, note: str, today: _dt.date) -> Entry:
    """Mark ``entry`` fuzzy and leave ``note`` for the translator."""
    if entry_state(entry) is UnitState.UNTRANSLATED:
        raise ReviewError("cannot reject: no translation yet")
    record = RejectRecord(today, check_reviewer(reviewer), check_note(note))
    comments = (*_comments_without(entry, "review", "reject"), record.format())
    return replace(entry, translator_comments=comments).with_fuzzy(True)


def edit(entry: Entry, texts: Sequence[str], reviewer: str, today: _dt.date) -> Entry:
    """Replace the translation as a reviewer: the result counts as reviewed.

    ``texts`` has one string for an ordinary entry, or one per plural form.
    Clears fuzzy (and the ``#|`` previous strings) and any rejection note.
    """
    forms = tuple(texts)
    if entry.msgid_plural is None:
        if len(forms) != 1:
            raise ReviewError(f"expected one translation, got {len(forms)}")
        changed = replace(entry, msgstr=forms[0])
    else:
        if len(forms) != len(entry.msgstr_plural):
            raise ReviewError(f"expected {len(entry.msgstr_plural)} plural forms, got {len(forms)}")
        changed = replace(entry, msgstr_plural=forms)
    if not all(f.strip() for f in forms):
        raise ReviewError("the new translation is empty", hint="reject the unit instead")
    changed = replace(changed, translator_comments=_comments_without(changed, "reject")).with_fuzzy(
        False
    )
    return approve(changed, reviewer, today)
