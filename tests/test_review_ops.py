"""Review decisions on single entries, unit ids, and the stale-by-construction rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog.entry import Entry
from l10n.errors import ReviewError
from l10n.model import UnitState
from l10n.records import RejectRecord, ReviewRecord, parse_records, unit_hash
from l10n.review import (
    SkipReason,
    approval_blocker,
    approve,
    check_note,
    check_reviewer,
    edit,
    reject,
)
from l10n.review.ids import locate_all, resolve, unit_id
from l10n.state import entry_hash, entry_state, is_stale_review, review_records, valid_review

DAY1 = dt.date(2026, 3, 1)
DAY2 = dt.date(2026, 3, 2)

PLAIN = Entry(
    msgid="Kim Jong Un awarded state honours.",
    msgstr="Ким Чен Ын вручил государственные награды.",
    translator_comments=("checked against the KCNA wording", "l10n-mt: 2026-02-28 libre"),
    extracted_comments=("glossary: Kim Jong Un = Ким Чен Ын",),
)
PLURAL = Entry(
    msgid="%d soldier",
    msgid_plural="%d soldiers",
    msgstr_plural=("%d солдат", "%d солдата", "%d солдат"),
)


def test_approve_records_one_valid_review_and_keeps_other_comments() -> None:
    assert entry_state(PLAIN) is UnitState.TRANSLATED
    done = approve(PLAIN, "Anna Petrova", DAY1)
    assert entry_state(done) is UnitState.REVIEWED
    rec = valid_review(done)
    assert rec == ReviewRecord(DAY1, entry_hash(PLAIN), "Anna Petrova")
    assert done.translator_comments[:2] == PLAIN.translator_comments
    assert (
        done.translator_comments[-1] == f"l10n-review: 2026-03-01 {entry_hash(PLAIN)} Anna Petrova"
    )
    assert (done.msgid, done.msgstr, done.flags) == (PLAIN.msgid, PLAIN.msgstr, PLAIN.flags)


def test_reapproval_keeps_only_the_newest_record() -> None:
    first = approve(PLAIN, "Anna Petrova", DAY1)
    changed = replace(first, msgstr="Ким Чен Ын лично вручил награды.")
    assert is_stale_review(changed)
    again = approve(changed, "Boris Ivanov", DAY2)
    recs = review_records(again)
    assert recs == [ReviewRecord(DAY2, entry_hash(changed), "Boris Ivanov")]
    assert entry_state(again) is UnitState.REVIEWED
    # approving twice on the same day by the same person changes nothing
    assert approve(again, "Boris Ivanov", DAY2) == again


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        (replace(PLAIN, msgstr=""), SkipReason.UNTRANSLATED),
        (PLAIN.with_fuzzy(True), SkipReason.FUZZY),
        (replace(PLURAL, msgstr_plural=("%d солдат", "", "%d солдат")), SkipReason.INCOMPLETE),
    ],
)
def test_only_translated_units_can_be_approved(entry: Entry, reason: SkipReason) -> None:
    assert approval_blocker(entry) is reason
    with pytest.raises(ReviewError, match="cannot approve"):
        approve(entry, "Anna Petrova", DAY1)


def test_reject_makes_fuzzy_with_a_note_and_drops_reviews() -> None:
    reviewed = approve(PLAIN, "Anna Petrova", DAY1)
    first = reject(reviewed, "Anna Petrova", "Use the official title.", DAY1)
    assert first.fuzzy and entry_state(first) is UnitState.FUZZY
    assert review_records(first) == []
    second = reject(first, "Boris Ivanov", "Honours,\n not awards.", DAY2)
    notes = [r for r in parse_records(second.translator_comments) if isinstance(r, RejectRecord)]
    assert notes == [RejectRecord(DAY2, "Boris Ivanov", "Honours, not awards.")]
    assert "l10n-mt: 2026-02-28 libre" in second.translator_comments
    assert second.msgstr == PLAIN.msgstr
    with pytest.raises(ReviewError, match="no translation"):
        reject(replace(PLAIN, msgstr=""), "Anna Petrova", "x", DAY1)


def test_edit_as_reviewer_counts_as_reviewed_and_clears_fuzzy() -> None:
    rejected = replace(
        reject(PLAIN, "Anna Petrova", "Title missing.", DAY1),
        previous_msgid="Kim Jong Un awarded honours.",
    )
    fixed = edit(
        rejected, ["Ким Чен Ын лично вручил государственные награды."], "Anna Petrova", DAY2
    )
    assert entry_state(fixed) is UnitState.REVIEWED
    assert not fixed.fuzzy and fixed.previous_msgid is None
    assert not any(isinstance(r, RejectRecord) for r in parse_records(fixed.translator_comments))
    assert valid_review(fixed) == ReviewRecord(DAY2, entry_hash(fixed), "Anna Petrova")


def test_edit_plural_needs_every_form() -> None:
    with pytest.raises(ReviewError, match="3 plural forms"):
        edit(PLURAL, ["%d солдат"], "Anna Petrova", DAY1)
    with pytest.raises(ReviewError, match="empty"):
        edit(PLAIN, ["  "], "Anna Petrova", DAY1)
    done = edit(PLURAL, ["%d боец", "%d бойца", "%d бойцов"], "Anna Petrova", DAY1)
    assert done.msgstr_plural == ("%d боец", "%d бойца", "%d бойцов")
    assert entry_state(done) is UnitState.REVIEWED


def test_names_and_notes_are_single_line_records() -> None:
    assert check_reviewer("  Anna\tPetrova ") == "Anna Petrova"
    for bad in ("", "   ", "desk: night", "x" * 101):
        with pytest.raises(ReviewError):
            check_reviewer(bad)
    assert check_note(" a\nb ") == "a b"
    with pytest.raises(ReviewError, match="note"):
        check_note(" \n ")


def test_unit_ids_are_stable_short_and_context_aware() -> None:
    a = unit_id(None, "Hello.")
    assert len(a) == 8 and int(a, 16) >= 0
    assert a == unit_id(None, "Hello.")
    assert a != unit_id("title", "Hello.")
    assert a != unit_id(None, "Hello!")
    assert unit_id("", "Hello.") != a  # an empty context is a context


def test_resolve_by_id_and_position() -> None:
    entries = [
        Entry("One."),
        Entry("Old.", obsolete=True),
        Entry("Two.", msgctxt="title"),
        Entry("Three."),
    ]
    units = locate_all(entries)
    assert [u.position for u in units] == [1, 2, 3]
    assert [u.index for u in units] == [0, 2, 3]
    assert [u.entry.msgid for u in units] == ["One.", "Two.", "Three."]
    path = Path("locales/ru/a.po")
    assert resolve(units, unit_id("title", "Two."), path).entry.msgid == "Two."
    assert resolve(units, unit_id("title", "Two.").upper(), path).position == 2
    assert resolve(units, "3", path).entry.msgid == "Three."
    assert resolve(units, "#1", path).entry.msgid == "One."
    with pytest.raises(ReviewError, match="out of range") as err:
        resolve(units, "4", path)
    assert err.value.path == path
    with pytest.raises(ReviewError, match="no unit"):
        resolve(units, unit_id(None, "Old."), path)
    with pytest.raises(ReviewError, match="no unit"):
        resolve(units, "nonsense", path)


texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(
    msgid=texts,
    msgstr=texts,
    ctx=st.none() | texts,
    field=st.sampled_from(["msgid", "msgstr", "msgctxt"]),
    extra=texts,
)
def test_any_edit_makes_a_review_stale(
    msgid: str, msgstr: str, ctx: str | None, field: str, extra: str
) -> None:
    reviewed = approve(Entry(msgid, msgstr, msgctxt=ctx), "Anna Petrova", DAY1)
    assert entry_state(reviewed) is UnitState.REVIEWED
    if field == "msgid":
        changed = replace(reviewed, msgid=reviewed.msgid + extra)
    elif field == "msgstr":
        changed = replace(reviewed, msgstr=reviewed.msgstr + extra)
    else:
        changed = replace(reviewed, msgctxt=(reviewed.msgctxt or "") + extra)
    assert entry_state(changed) is UnitState.TRANSLATED
    assert is_stale_review(changed)
    # marking it fuzzy (what sync does on a source change) makes it fuzzy, not reviewed
    assert entry_state(reviewed.with_fuzzy(True)) is UnitState.FUZZY


@settings(max_examples=60, deadline=None)
@given(forms=st.lists(texts, min_size=3, max_size=3), index=st.integers(0, 2), extra=texts)
def test_any_plural_form_edit_makes_a_review_stale(
    forms: list[str], index: int, extra: str
) -> None:
    reviewed = approve(replace(PLURAL, msgstr_plural=tuple(forms)), "Anna Petrova", DAY1)
    assert entry_state(reviewed) is UnitState.REVIEWED
    new = list(forms)
    new[index] += extra
    assert entry_state(replace(reviewed, msgstr_plural=tuple(new))) is UnitState.TRANSLATED
    assert unit_hash(None, "%d soldier", "%d soldiers", forms) == entry_hash(reviewed)
