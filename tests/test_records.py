from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from l10n.records import (
    IgnoreRecord,
    MachineRecord,
    MemoryRecord,
    RejectRecord,
    ReviewRecord,
    WarningRecord,
    ignored_checks,
    parse_record,
    unit_hash,
    without_kinds,
)

D = dt.date(2026, 11, 25)


def test_round_trip_every_kind() -> None:
    records = [
        ReviewRecord(D, "0123456789abcdef", "Anna Petrova"),
        RejectRecord(D, "Anna Petrova", "Use the official title: Генштаб."),
        MachineRecord(D, "libre"),
        MachineRecord(D, "deepl", "v2"),
        MemoryRecord(D, 93, "world/kpa-kursk"),
        IgnoreRecord(("numbers", "quotes")),
        WarningRecord("glossary-missing", "kpa", "expected Корейская народная армия"),
    ]
    for r in records:
        assert parse_record(r.format()) == r


def test_ordinary_and_mangled_comments_are_not_records() -> None:
    assert parse_record("a note from the translator") is None
    assert parse_record("l10n-review: 2026-13-40 0123456789abcdef Anna") is None
    assert parse_record("l10n-review: 2026-11-25 0123 Anna") is None
    assert parse_record("l10n-unknown: whatever") is None


def test_ignore_helpers() -> None:
    comments = ["keep me", "l10n-ignore: numbers, length", "l10n-mt: 2026-11-25 libre"]
    assert ignored_checks(comments) == {"numbers", "length"}
    assert without_kinds(comments, "mt") == ("keep me", "l10n-ignore: numbers, length")


@given(st.text(), st.text(), st.lists(st.text(), min_size=1, max_size=3))
def test_hash_changes_with_any_part(msgid: str, other: str, msgstrs: list[str]) -> None:
    h = unit_hash(None, msgid, None, msgstrs)
    assert len(h) == 16
    assert unit_hash(None, msgid, None, msgstrs) == h
    if other != msgid:
        assert unit_hash(None, other, None, msgstrs) != h
    assert unit_hash(None, msgid, None, [*msgstrs[:-1], msgstrs[-1] + "x"]) != h
    assert unit_hash("ctx", msgid, None, msgstrs) != h
