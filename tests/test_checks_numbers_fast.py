"""The fast paths of the numbers check agree with a plain reading of the same rules.

The reference below reads a text the straightforward way (every pattern run
over the whole text, a ``Number`` for each match, every pair of numbers
compared); ``extract``, ``Pool``, ``months_of`` and the check itself must find
exactly the same on any text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from l10n.catalog.entry import Entry
from l10n.checks import CatalogContext, Pair, Policy
from l10n.checks.numbers import _RUNS, _RUNS_ASCII, _SEPARATED, numbers
from l10n.checks.numparse import (
    Extracted,
    LocaleKit,
    Number,
    Pool,
    extract,
    has_scale_word,
    kit,
    months_of,
    read_source,
    small_number_word,
    strip_code_and_urls,
)
from l10n.languages import language

LANGS = ("en", "de", "fr", "es", "ru", "uk", "ko", "ja", "zh", "pl", "bg")
SPACES = (" ", "\u00a0", "\u202f", "\u2009")

# ---------------------------------------------------------------- reference

_DATEISH = re.compile(r"\d[-./]\s?\d")
_DECADE = re.compile(r"['’‘]\d0s\b")
_AMPM = re.compile(r"(?<!\d)(\d\d?)(?::\d{2})?\s?([ap])\.?\s?m\b\.?", re.I)
_ISO_DATE = re.compile(r"(?<![\d.])(\d{4}|\d{2})([-./])\s?(\d{1,2})\2\s?(\d{1,2})(?!\d)(?!\.\d)")
_DMY_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_NEAR_AFTER = re.compile(r"\.?,?\s{1,2}\d")
_NEAR_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s{1,2}(?:of\s)?$")


def _dec(digits: str, frac: str | None = None) -> Decimal | None:
    try:
        return Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:
        return None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _year(y: str) -> frozenset[Decimal]:
    v = int(y)
    return frozenset(
        {Decimal(v), Decimal(1900 + v), Decimal(2000 + v)} if len(y) == 2 else {Decimal(v)}
    )


def _myriad_value(text: str, units: dict[str, int]) -> Decimal | None:
    total = Decimal(0)
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)?\s?([^\d\s,.])?", text):
        if not m.group(0).strip():
            continue
        amount = _dec(m.group(1).replace(",", "")) if m.group(1) else Decimal(1)
        if amount is None:
            return None
        total += amount * units.get(m.group(2), 1) if m.group(2) else amount
    return total


def ref_extract(
    text: str,
    k: LocaleKit,
    *,
    months_need_number: bool = False,
    want_months: bool = True,
    want_numbers: bool = True,
) -> Extracted:
    clean = strip_code_and_urls(text)
    clean = _DECADE.sub(lambda m: " " * len(m.group(0)), clean)
    found: list[Number] = []
    months: set[int] = set()
    names: list[tuple[int, str]] = []
    rest = clean
    if _DATEISH.search(clean):
        for m in _ISO_DATE.finditer(clean):
            y, mo, d = m.group(1), int(m.group(3)), m.group(4)
            if len(y) == 2 and not k.lang.startswith(("ko", "ja", "zh")):
                continue
            if 1 <= mo <= 12 and 1 <= int(d) <= 31:
                months.add(mo)
                found.append(Number(y, m.start(), _year(y)))
                found.append(Number(d, m.start(), frozenset({Decimal(d)})))
                rest = _blank(rest, m.start(), m.end())
        for m in _DMY_DATE.finditer(rest):
            d, mo, y = m.group(1), int(m.group(3)), m.group(4)
            if mo > 12 and int(d) <= 12:
                d, mo = m.group(3), int(m.group(1))
            if 1 <= mo <= 12 and 1 <= int(d) <= 31:
                months.add(mo)
                found.append(Number(d, m.start(), frozenset({Decimal(d)})))
                found.append(Number(y, m.start(), _year(y)))
                rest = _blank(rest, m.start(), m.end())
    if want_months:
        if k.month_digits is not None:
            for m in k.month_digits.finditer(rest):
                months.add(int(m.group(1)))
                names.append((int(m.group(1)), m.group(0)))
        if k.months is not None:
            haystack = rest
            if not k.month_case_sensitive and len(rest.lower()) == len(rest):
                haystack = rest.lower()
            for m in k.months.finditer(haystack):
                num = k.month_of.get(m.group(1).lower())
                if num is None:
                    continue
                before = rest[max(0, m.start() - 8) : m.start()]
                near = _NEAR_AFTER.match(rest, m.end()) or _NEAR_BEFORE.search(before)
                if months_need_number and not near:
                    continue
                months.add(num)
                names.append((num, rest[m.start() : m.end()]))
    if not want_numbers:
        return Extracted((), frozenset(months), tuple(names))
    if k.myriad is not None:
        for m in k.myriad.finditer(rest):
            if not any(u in m.group(0) for u in k.myriad_units):
                continue
            value = _myriad_value(m.group(0).strip(), k.myriad_units)
            if value is None:
                continue
            plain = {
                d for x in re.findall(r"\d[\d,]*", m.group(0)) if (d := _dec(x.replace(",", "")))
            }
            found.append(Number(m.group(0).strip(), m.start(), frozenset({value, *plain}), value))
            rest = _blank(rest, m.start(), m.end())
    ampm = (
        {m.start(1): m.group(2).lower() for m in _AMPM.finditer(rest)}
        if k.lang.startswith("en") and "m" in rest
        else {}
    )
    for m in k.number.finditer(rest):
        digits = m.group(1)
        for sep in k.groups:
            digits = digits.replace(sep, "")
        value = _dec(digits, m.group(2))
        if value is None:
            continue
        values = {value}
        scaled = None
        end = m.end()
        if k.scale is not None and end < len(rest):
            sm = k.scale.match(rest, end + (1 if rest[end] in SPACES else 0))
            if sm is not None and sm.lastgroup is not None:
                scaled = value * k.scale_factors[int(sm.lastgroup[1:])]
                values.add(scaled)
        half = ampm.get(m.start())
        if half is not None and value == value.to_integral_value() and 1 <= value <= 12:
            values.add(Decimal(int(value) % 12 + (12 if half == "p" else 0)))
        found.append(Number(m.group(0), m.start(), frozenset(values), scaled))
    found.sort(key=lambda n: n.start)
    return Extracted(tuple(found), frozenset(months), tuple(names))


def ref_findings(source: str, target: str, lang: str) -> list[str]:
    """The check as first written: every source number against every target number."""
    k, en = kit(lang), kit("en")
    if not re.search(r"\d", source):
        return []
    plain = not re.search(r"\d[.,:\s\u00a0\u202f\u2009'’]\d|\d\s?[ap]\.?m\b", source) and (
        en.scale is None or en.scale.search(source) is None
    )
    if (
        plain
        and not re.search(r"\d[.,:\s\u00a0\u202f\u2009'’]\d|\d\s?[ap]\.?m\b", target)
        and set(re.findall(r"\d+", source)) <= set(re.findall(r"\d+", target))
    ):
        src = ref_extract(source, en, months_need_number=True, want_numbers=False)
        if not src.months:
            return []
        tgt = ref_extract(target, k, want_numbers=False)
    else:
        src = ref_extract(source, en, months_need_number=True)
        if not src.numbers and not src.months:
            return []
        tgt = ref_extract(target, k, want_months=bool(src.months))
    out: list[str] = []
    for n in src.numbers:
        if any(n.matches(t) for t in tgt.numbers):
            continue
        if any(small_number_word(target, v, k) for v in n.values):
            continue
        msg = f"number {n.text.strip()!r} of the source is missing or changed in the translation"
        if msg not in out:
            out.append(msg)
    for month in sorted(src.months - tgt.months):
        shown = [t for m, t in src.month_names if m == month] or [calendar.month_name[month]]
        out.append(
            f"date: the month {shown[0]!r} of the source is missing or changed in the translation"
        )
    return out


# ---------------------------------------------------------------- texts


def _month_words() -> list[str]:
    words: set[str] = set()
    for lang in LANGS:
        for name in kit(lang).month_of:
            words.update(
                {name, name.capitalize(), name.upper(), name + "е", name + "а", name + "."}
            )
    return sorted(words)


_WORDS = (
    *("million", "Million", "Mio.", "mln", "bn", "b", "m", "M", "thousand", "tn", "Mrd"),
    *("Tausend", "Millionen", "milliards", "mil", "mil millones", "millón", "млн", "тыс."),
    *("тысяч", "мільйонів", "тис", "a.m.", "p.m.", "PM", "am", "pm", "A.M.", "o'clock"),
    *("’90s", "'80s", "‘70s", "1990s", "`code 12`", "[link](https://x.org/2025/08/20)"),
    *("https://a.b/1-2-3", "<https://x.org/7>", "월", "만", "천", "억", "万", "千", "億", "月"),
    *("日", "年", "명", "두 명", "세", "три", "трое", "two", "first", "дві", "одна", "한 번"),
    *("3rd", "20th", "of", "May", "may", "March", "march", "Sept.", "the", "İ", "ſ", "K"),
)
_DATES = ("2025-08-20", "20.08.2025", "8/20/25", "20.08.25", "2025.8.3", "13/12/2024", "1/2/3")
_NUMBERS = (
    *("1,500", "1.500", "1 500", "1\u00a0500", "3,5", "3.5", "15.4", "1,642,724", "0", "007"),
    *("1234567890123456789012345", "120만", "1만5000", "1.2", "١٢", "٣", "３", "12:30", "3 p.m."),
)
_MARKS = ("ß", "_", "’", "“", "%", "$", "(", ")", "«", "»", "—", "-", "/", ".", ",", ":", "\n")
_SEPS = st.sampled_from(["", " ", " ", " ", "\u00a0", ".", ",", "-", "/", ". ", ", "])
_TOKEN = st.one_of(
    st.sampled_from(_month_words()),
    st.sampled_from(_WORDS),
    st.sampled_from(_DATES),
    st.sampled_from(_NUMBERS),
    st.sampled_from(_MARKS),
    st.integers(min_value=0, max_value=10**7).map(str),
    st.integers(min_value=1, max_value=31).map(str),
    st.text(alphabet="0123456789.,- /:amp", max_size=6),
    st.text(max_size=3),
)
TEXTS = st.lists(st.tuples(_TOKEN, _SEPS), max_size=14).map(
    lambda parts: "".join(t + s for t, s in parts)
)
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(e: Extracted) -> tuple[object, ...]:
    return (
        tuple((n.text, n.start, n.values, n.scaled) for n in e.numbers),
        e.months,
        e.month_names,
    )


# ---------------------------------------------------------------- agreement


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(LANGS), flags=st.integers(0, 3))
@example(text="2025-08-20", lang="en", flags=0)
@example(text="On 20.08.2025, 1.500 and 3.5 at 3 p.m.", lang="de", flags=1)
def test_extract_agrees_with_the_reference(text: str, lang: str, flags: int) -> None:
    k = kit(lang)
    for kw in (
        {"months_need_number": bool(flags & 1)},
        {"want_months": bool(flags & 2)},
        {"want_numbers": bool(flags & 2), "months_need_number": bool(flags & 1)},
    ):
        assert _rows(extract(text, k, **kw)) == _rows(ref_extract(text, k, **kw)), kw


@SETTINGS
@given(
    text=TEXTS,
    source=TEXTS,
    lang=st.sampled_from(LANGS),
    wanted=st.none() | st.frozensets(st.integers(1, 12), max_size=4),
)
def test_pool_agrees_with_the_reference(
    text: str, source: str, lang: str, wanted: frozenset[int] | None
) -> None:
    k = kit(lang)
    ref = ref_extract(text, k, want_months=wanted is None or bool(wanted))
    pool = Pool(text, k, wanted)
    every = frozenset(range(1, 13)) if wanted is None else wanted
    assert pool.months & every == ref.months & every
    assert months_of(text, k, every) & every == ref.months & every
    for n in (*ref_extract(source, kit("en")).numbers, *ref.numbers):
        assert pool.has(n) == any(n.matches(t) for t in ref.numbers), n


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(LANGS))
def test_scale_words_are_found_as_the_pattern_finds_them(text: str, lang: str) -> None:
    k = kit(lang)
    for t in (text, text.upper(), text.title()):
        assert has_scale_word(t, k) == (k.scale is not None and k.scale.search(t) is not None)


def _findings(source: str, target: str, lang: str) -> list[str]:
    ctx = CatalogContext(Path("x.po"), lang, language(lang), "en", None, Policy())
    pair = Pair(Entry(source, target), source, target, 0, True)
    found: Iterator[str] = (f.message for f in numbers(pair, ctx))
    return list(found)


@SETTINGS
@given(
    source=TEXTS,
    target=TEXTS,
    lang=st.sampled_from(("de", "fr", "es", "ru", "uk", "ko", "en")),
    how=st.integers(0, 3),
)
def test_the_check_agrees_with_the_reference(source: str, target: str, lang: str, how: int) -> None:
    # Translations that keep the source as is (a common failure), or parts of it.
    tgt = (target, f"[{lang}] {source}", source + target, target + source)[how]
    assert _findings(source, tgt, lang) == ref_findings(source, tgt, lang)


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(LANGS))
@example(text="At 5:36 a.m., 12:05 pm and 3 PM, 1:12:30 pm", lang="en")
@example(text="On 20.08.2025, 1.500 and 3,5 Mio. 5-12-2024", lang="de")
def test_read_source_agrees_with_extract(text: str, lang: str) -> None:
    k = kit(lang)
    ref = extract(text, k, months_need_number=True)
    got = read_source(text, k)
    assert got.months == ref.months
    assert got.month_names == ref.month_names
    assert [(t, frozenset(v), s) for t, v, s in got.numbers] == [
        (n.text.strip(), n.values, n.scaled) for n in ref.numbers
    ]
    months = read_source(text, k, want_numbers=False)
    assert months == ((), ref.months, ref.month_names)
    dated = re.search(r"\d([-./])\s?\d{1,2}\1", text) is not None
    assert read_source(text, k, want_numbers=False, dates=dated) == months


@SETTINGS
@given(text=TEXTS, lang=st.sampled_from(LANGS), wanted=st.frozensets(st.integers(1, 12)))
def test_months_of_without_dates_agrees(text: str, lang: str, wanted: frozenset[int]) -> None:
    k = kit(lang)
    dated = re.search(r"\d([-./])\s?\d{1,2}\1", text) is not None
    assert months_of(text, k, wanted, dates=dated) & wanted == months_of(text, k, wanted) & wanted


@SETTINGS
@given(text=TEXTS)
def test_digit_runs_tell_separators_and_dates(text: str) -> None:
    for runs in (_RUNS, _RUNS_ASCII) if text.isascii() else (_RUNS,):
        rows = runs.findall(text)
        assert [r[0] for r in rows] == re.findall(r"\d+", text)
        assert any(r[1] for r in rows) == (_SEPARATED.search(text) is not None)
        if not any(r[1] for r in rows):
            dated = re.search(r"\d([-./])\s?\d{1,2}\1", text) is not None
            assert any(r[2] for r in rows) == dated
