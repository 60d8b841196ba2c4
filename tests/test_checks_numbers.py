"""The numbers check against Babel's own formatting (property tests) and news examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog.entry import Entry
from l10n.checks import CatalogContext, Pair, Policy
from l10n.checks.numbers import numbers
from l10n.checks.numparse import extract, kit
from l10n.languages import language

LANGS = ("ru", "uk", "ko", "de", "fr")


def findings(source: str, target: str, lang: str) -> list[str]:
    ctx = CatalogContext(Path("x.po"), lang, language(lang), "en", None, Policy())
    pair = Pair(Entry(source, target), source, target, 0, True)
    return [f.message for f in numbers(pair, ctx)]


@settings(max_examples=150, deadline=None)
@given(
    value=st.integers(min_value=0, max_value=10**9),
    frac=st.sampled_from(["", "5", "25", "75"]),
    lang=st.sampled_from(LANGS),
)
def test_any_number_written_by_cldr_rules_matches(value: int, frac: str, lang: str) -> None:
    number = Decimal(f"{value}.{frac}") if frac else Decimal(value)
    src = f"Officials counted {format_decimal(number, locale='en')} votes."
    tgt = f"… {format_decimal(number, locale=lang)} …"
    assert findings(src, tgt, lang) == []
    changed = f"… {format_decimal(number + 7, locale=lang)} …"
    assert findings(src, changed, lang) != []


@settings(max_examples=120, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)),
    lang=st.sampled_from(LANGS),
)
def test_any_date_written_by_cldr_rules_matches(day: dt.date, lang: str) -> None:
    src = f"The ceremony took place on {format_date(day, 'MMMM d, y', locale='en')}."
    for fmt in ("long", "medium", "short", "full"):
        tgt = f"… {format_date(day, fmt, locale=lang)} …"
        assert findings(src, tgt, lang) == [], (fmt, tgt)
    other = day.replace(month=day.month % 12 + 1, day=min(day.day, 28))
    moved = f"… {format_date(other, 'long', locale=lang)} …"
    assert findings(src, moved, lang) != []


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("It cost $1.2 million.", "Это стоило 1,2 млн долларов.", "ru"),
        ("It cost $1.2 million.", "비용은 120만 달러였다.", "ko"),
        ("About 15,000 troops.", "약 1만5000명의 병력.", "ko"),
        ("About 15,000 troops.", "Около 15 тысяч военных.", "ru"),
        ("It began at 3 p.m.", "Это началось в 15:00.", "ru"),
        ("Three soldiers and 2 officers.", "Трое солдат и два офицера.", "ru"),
        (
            "They met in May 2024 in the ’90s style.",
            "Они встретились в мае 2024 года в стиле девяностых.",
            "ru",
        ),
        ("He may come on Monday.", "Він може прийти в понеділок.", "uk"),
        ("On 20.08.2025 it ended.", "20 серпня 2025 року все скінчилося.", "uk"),
        (
            "See [report](https://x.org/2025/08/20/a.html) on page 7.",
            "Див. [звіт](https://x.org/2025/08/20/a.html), с. 7.",
            "uk",
        ),
        ("The 20th anniversary.", "20-я годовщина.", "ru"),
    ],
)
def test_equivalent_forms_are_accepted(source: str, target: str, lang: str) -> None:
    assert findings(source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang", "needle"),
    [
        ("It cost $1.2 billion.", "Это стоило 1,2 млн долларов.", "ru", "'1.2'"),
        ("About 1,500 soldiers.", "Около 1,500 военных.", "ru", "'1,500'"),  # 1,5 in Russian
        ("On August 20.", "20 июля.", "ru", "'August'"),
        ("On August 20.", "9월 20일.", "ko", "'August'"),
        ("It began at 3 p.m.", "Это началось в 16:00.", "ru", "'3'"),
        ("Some 600 were killed.", "Загинули близько 60 осіб.", "uk", "'600'"),
    ],
)
def test_changed_numbers_and_dates_are_reported(
    source: str, target: str, lang: str, needle: str
) -> None:
    found = findings(source, target, lang)
    assert found and any(needle in m for m in found), found


def test_extract_reads_locale_conventions() -> None:
    assert [sorted(n.values) for n in extract("1 500 и 3,5", kit("ru")).numbers] == [
        [Decimal(1500)],
        [Decimal("3.5")],
    ]
    assert extract("1.500 Soldaten", kit("de")).numbers[0].values == {Decimal(1500)}
    assert extract("в августе", kit("ru")).months == {8}
    assert extract("у лютому", kit("uk")).months == {2}
    assert extract("He may go", kit("en"), months_need_number=True).months == frozenset()
