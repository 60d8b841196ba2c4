"""Splitting, caching, memory lookup, placeholder masking and provenance counts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog.entry import Entry
from l10n.machine.cache import CACHE_DIR, MTCache
from l10n.machine.chunking import join_pieces, split_text
from l10n.machine.memory import TranslationMemory
from l10n.machine.protect import Protect, mask, restore, token
from l10n.machine.provenance import FillCounts, Provenance, count_machine_filled, provenance
from l10n.records import MachineRecord, MemoryRecord, ReviewRecord
from l10n.state import entry_hash

DAY = dt.date(2026, 3, 1)

# -- splitting long units -------------------------------------------------------

text_st = st.text(
    alphabet=st.sampled_from([*"abc XYZ.!?,;\n\t", "é", "조", "\u00a0"]), max_size=300
)


@settings(max_examples=300, deadline=None)
@given(text_st, st.integers(min_value=1, max_value=40))
def test_split_is_lossless_and_bounded(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(p.text + p.gap for p in pieces) == text
    assert all(len(p.text) <= limit for p in pieces)
    assert all(p.text for p in pieces) or pieces == [pieces[0]]
    # identity translation joins back to the text (up to white space at cuts)
    joined = join_pieces(pieces, [p.text for p in pieces])
    assert joined.split() == text.split() or len(pieces) == 1


def test_split_prefers_sentence_ends_then_spaces() -> None:
    text = "First sentence here. Second one is longer than that. Third."
    pieces = split_text(text, 30)
    assert [p.text for p in pieces] == [
        "First sentence here.",
        "Second one is longer than",
        "that. Third.",
    ]
    assert split_text("short", 30)[0].text == "short"
    assert [p.text for p in split_text("abcdefgh", 3)] == ["abc", "def", "gh"]


# -- the disk cache -------------------------------------------------------------


def test_cache_round_trip_and_keys(tmp_path: Path) -> None:
    cache = MTCache(tmp_path, "libre@h:1", "en", "ru")
    assert cache.get("Hello.") is None
    assert cache.put("Hello.", "Привет.")
    assert cache.get("Hello.") == "Привет."
    assert MTCache(tmp_path, "libre@h:1", "en", "uk").get("Hello.") is None
    assert MTCache(tmp_path, "google", "en", "ru").get("Hello.") is None
    files = list((tmp_path / CACHE_DIR).rglob("*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text("utf-8"))["translation"] == "Привет."


def test_damaged_cache_file_is_a_miss(tmp_path: Path) -> None:
    cache = MTCache(tmp_path, "x", "en", "ru")
    cache.put("a", "б")
    (file,) = (tmp_path / CACHE_DIR).rglob("*.json")
    file.write_text("{broken", encoding="utf-8")
    assert cache.get("a") is None
    file.write_text(
        json.dumps(
            {"engine": "x", "source": "en", "target": "ru", "text": "other", "translation": "z"}
        )
    )
    assert cache.get("a") is None


# -- translation memory -------------------------------------------------------


def _reviewed(msgid: str, msgstr: str) -> Entry:
    e = Entry(msgid=msgid, msgstr=msgstr)
    record = ReviewRecord(DAY, entry_hash(e), "Anna Petrova")
    return Entry(msgid=msgid, msgstr=msgstr, translator_comments=(record.format(),))


def test_memory_exact_and_fuzzy_matches() -> None:
    tm = TranslationMemory.from_entries(
        [
            ("a1", Entry("The talks lasted three hours.", "Переговоры длились три часа.")),
            ("a2", _reviewed("Putin addressed the troops.", "Путин обратился к войскам.")),
            ("a3", Entry("Fuzzy one.", "Нечёткий.", flags=("fuzzy",))),
            ("a3", Entry("Empty one.", "")),
        ]
    )
    assert len(tm) == 2  # fuzzy and empty entries are not memory
    exact = tm.lookup("Putin addressed the troops.", "other", 85)
    assert exact is not None and exact.exact and exact.trusted and exact.unit.origin == "a2"
    unreviewed = tm.lookup("The talks lasted three hours.", "other", 85)
    assert unreviewed is not None and unreviewed.exact and not unreviewed.trusted
    near = tm.lookup("The talks lasted four hours.", "other", 85)
    assert near is not None and 85 <= near.score < 100 and not near.trusted
    assert tm.lookup("The talks lasted four hours.", "other", 99) is None
    assert tm.lookup("Something else entirely.", "other", 50) is None
    # a unit's own article is never its origin
    assert tm.lookup("Putin addressed the troops.", "a2", 85) is None


def test_memory_prefers_reviewed_origin() -> None:
    tm = TranslationMemory.from_entries(
        [("b", Entry("Same.", "Одно.")), ("c", _reviewed("Same.", "Другое."))]
    )
    match = tm.lookup("Same.", "x", 85)
    assert match is not None and match.unit.origin == "c" and match.trusted


# -- placeholders ---------------------------------------------------------------


def test_mask_and_restore() -> None:
    text = "KCNA said the KPA won."
    spans = [Protect(0, 4, "kcna", "KCNA"), Protect(14, 17, "kpa", "КНА")]
    masked = mask(text, spans)
    assert masked.text == "[[1]] said the [[2]] won."
    back = restore("[[1]] сообщило, что [ [2] ] победила.", masked.slots)
    assert back.text == "KCNA сообщило, что КНА победила."
    assert back.missing == () and back.unknown == ()
    dropped = restore("сообщило [[7]]", masked.slots)
    assert [s.concept for s in dropped.missing] == ["kcna", "kpa"]
    assert dropped.unknown == ("[[7]]",)


def test_text_that_looks_like_a_placeholder_is_not_masked() -> None:
    masked = mask("See [[1]] KCNA", [Protect(10, 14, "kcna", "KCNA")])
    assert masked.text == "See [[1]] KCNA" and masked.slots == ()
    assert token(3) == "[[3]]"


@given(st.text(max_size=60), st.data())
def test_mask_then_identity_restore_is_lossless(text: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [Protect(a, b, "c", text[a:b]) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    masked = mask(text, spans)
    assert restore(masked.text, masked.slots).text == text


# -- provenance counts (for status) ---------------------------------------------


def test_count_machine_filled() -> None:
    mt = MachineRecord(DAY, "libre").format()
    tm = MemoryRecord(DAY, 93, "other").format()
    entries = [
        Entry("a", "а", flags=("fuzzy",), translator_comments=(mt,)),
        Entry("b", "б", translator_comments=(mt,)),  # accepted by a human
        Entry("c", "в", flags=("fuzzy",), translator_comments=(tm,)),
        Entry("d", "г"),
        Entry("e", "", translator_comments=(mt,)),
        Entry("f", "д", translator_comments=(mt,), obsolete=True),
    ]
    assert count_machine_filled(entries) == FillCounts(
        machine=2, machine_fuzzy=1, memory=1, memory_fuzzy=1
    )
    assert provenance(entries[0]) is Provenance.MACHINE
    assert provenance(entries[3]) is None


@pytest.mark.parametrize("limit", [1, 5, 500])
def test_split_of_real_sentences_never_exceeds_limit(limit: int) -> None:
    text = "Gen. Valery Gerasimov led the Russian side. " * 40
    assert all(len(p.text) <= limit for p in split_text(text.strip(), limit))
