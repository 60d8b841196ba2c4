"""Locale-aware extraction of numbers and months from a sentence (CLDR data via Babel).

``1,500`` (en), ``1 500`` (ru, uk, fr), ``1.500`` (de) and ``1천500`` (ko) all
read as the value 1500; ``3.5`` (en) and ``3,5`` (ru) as 3.5. A number followed
by a scale word (``1.2 million``, ``1,2 млн``, ``120만``) also carries its
scaled value, so either reading can match. Month names come from Babel in all
contexts and widths (``августа``, ``август``, ``авг.``, ``8월``); for Slavic
languages every case ending of the CLDR forms is accepted (``в августе``).

Everything a language needs is compiled once and cached (see
:mod:`l10n.checks.numkit`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from l10n.checks.numkit import LocaleKit, ascii_digits, kit
from l10n.checks.nummonths import find_months

__all__ = [
    "Extracted",
    "LocaleKit",
    "Number",
    "Pool",
    "Source",
    "Wanted",
    "extract",
    "format_value",
    "has_digit",
    "has_scale_word",
    "kit",
    "months_of",
    "read_source",
    "small_number_word",
    "strip_code_and_urls",
]

_URL = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[a-z]+://[^>]*>|\b[a-z][a-z0-9+.-]*://\S+|`[^`]*`", re.I
)
_HAS_DIGIT = re.compile(r"\d")
_HAS_DIGIT_ASCII = ascii_digits(_HAS_DIGIT)
# What every match of ``_ISO_DATE`` and ``_DMY_DATE`` holds: without it, no date.
_DATEISH = re.compile(r"\d([-./])\s?\d{1,2}\1")
_DATEISH_ASCII = ascii_digits(_DATEISH)
_DECADE = re.compile(r"['’‘]\d0s\b")  # ’90s: often written out ("девяностые"); not checked
# Patterns that would start with a look-behind ("no digit before") start with
# the digit and look behind after it instead: the regex engine then skips
# ahead to digits rather than trying every position of the text.
_AMPM = re.compile(r"(\d(?<!\d\d)\d?)(?::\d{2})?\s?([ap])\.?\s?m\b\.?", re.I)
_ISO_DATE = re.compile(
    r"(\d(?<![\d.]\d)(?:\d{3}|\d))([-./])\s?(\d{1,2})\2\s?(\d{1,2})(?!\d)(?!\.\d)"
)
_DMY_DATE = re.compile(r"(\d(?<![\d.]\d)\d?)([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")


class Number(NamedTuple):
    """A number found in a text: what it says and every value it may stand for.

    (A named tuple: many are built, and a frozen dataclass is slower to build.)
    """

    text: str
    start: int
    values: frozenset[Decimal]
    scaled: Decimal | None = None  # the value with its scale word ("1.2 billion"), if any

    def matches(self, other: Number) -> bool:
        """Same value; when both carry a scale word, the scaled values must agree."""
        if self.scaled is not None and other.scaled is not None:
            return self.scaled == other.scaled
        return not self.values.isdisjoint(other.values)


class Extracted(NamedTuple):
    numbers: tuple[Number, ...]
    months: frozenset[int]
    month_names: tuple[tuple[int, str], ...]  # (month, text) as found


# A number of the source as the numbers check compares it: its text (stripped),
# the values it may stand for, and its scaled value (see ``Number``). Whole
# numbers are ``int`` when they may be (see ``_INT_DIGITS``).
Wanted = tuple[str, tuple[Decimal | int, ...], Decimal | int | None]


class Source(NamedTuple):
    """``extract(text, k, months_need_number=True)`` in the form the check compares."""

    numbers: tuple[Wanted, ...]
    months: frozenset[int]
    month_names: tuple[tuple[int, str], ...]


# A number as found: (text, start, values, scaled); see ``Number``.
_Found = tuple[str, int, Collection[Decimal], Decimal | None]
# Whole numbers of up to this many digits are read as ``int`` by ``Pool``: equal
# to (and hashing as) the same ``Decimal``, and exact when scaled (10**12 at most).
_INT_DIGITS = 15


def has_digit(text: str) -> bool:
    return (_HAS_DIGIT_ASCII if text.isascii() else _HAS_DIGIT).search(text) is not None


def has_scale_word(text: str, k: LocaleKit) -> bool:
    """True when ``k.scale`` finds a scale word ("million") anywhere in ``text``."""
    if k.scale is None:
        return False
    if k.scale_ascii is not None and text.isascii():
        return k.scale_ascii.search(text.lower()) is not None
    return k.scale.search(text) is not None


def strip_code_and_urls(text: str) -> str:
    """Blank out link targets, URLs and code spans (their numbers are not prose)."""
    return _URL.sub(lambda m: " " * len(m.group(0)), text)


def extract(
    text: str,
    k: LocaleKit,
    *,
    months_need_number: bool = False,
    want_months: bool = True,
    want_numbers: bool = True,
) -> Extracted:
    """Numbers and months of ``text`` read with the conventions of ``k``'s language.

    With ``months_need_number`` (used for the source), a month name counts only
    next to a number ("August 20", "20 August", "May 2024"), which keeps the
    verb "may" and "a march" out.
    """
    found: list[_Found] = []
    months: set[int] = set()
    names: list[tuple[int, str]] = []
    scan = _scan(text, k, found, months, names, months_need_number, want_months, want_numbers)
    if not want_numbers:
        found.clear()  # those of the dates
    elif scan is not None:
        _numbers(*scan, k, found)
    found.sort(key=_start)  # dates come first
    numbers = tuple(Number(t, s, frozenset(v), scaled) for t, s, v, scaled in found)
    return Extracted(numbers, frozenset(months), tuple(names))


def read_source(
    text: str, k: LocaleKit, *, want_numbers: bool = True, dates: bool = True
) -> Source:
    """What ``extract(text, k, months_need_number=True)`` finds, as ``Source``.

    A text without numeric dates or myriads (nearly every one) is read with
    one search: its numbers are then in the order of the text, and no
    ``Number`` is built. Without ``want_numbers``, only the months are read;
    ``dates=False`` then tells that ``text`` has no match of ``_DATEISH``.
    """
    clean = _clean(text)
    ascii = clean.isascii()
    pattern = k.number_read_ascii if ascii else k.number_read
    numbers: list[Wanted] = []
    if not want_numbers:
        simple = not dates and clean is text
    elif pattern is not None and k.myriad is None:
        hours = k.lang.startswith("en") and "m" in clean  # as ``_numbers`` reads hours
        found = _read_rows(pattern.findall(clean), k, hours, numbers)
        simple = found < 2 and not (found and (_DATEISH_ASCII if ascii else _DATEISH).search(clean))
    else:
        simple = False
    if not simple:
        e = extract(text, k, months_need_number=True, want_numbers=want_numbers)
        read = tuple((n.text.strip(), tuple(n.values), n.scaled) for n in e.numbers)
        return Source(read, e.months, e.month_names)
    months: set[int] = set()
    names: list[tuple[int, str]] = []
    find_months(clean, k, True, months, names)
    return Source(tuple(numbers), frozenset(months), tuple(names))


def _row_value(
    digits: str, frac: str, k: LocaleKit, dates: int
) -> tuple[Decimal | int | None, int]:
    """The value of a number pattern's digits and fraction (None: not a number),
    and what it tells about dates: ``dates`` raised to 1 when the number may be
    part of a numeric date (a group separator or decimal mark that dates use)."""
    if not digits.isdigit():
        if not dates and k.dateish_groups:
            dates = int(any(sep in digits for sep in k.dateish_groups))
        for sep in k.groups:
            digits = digits.replace(sep, "")
    if frac:
        if k.dateish_decimal and not dates:
            dates = 1
        try:
            return Decimal(f"{digits}.{frac}"), dates
        except InvalidOperation:
            return None, dates
    return (int(digits) if len(digits) <= _INT_DIGITS else Decimal(digits)), dates


def _read_rows(rows: list[tuple[str, ...]], k: LocaleKit, hours: bool, out: list[Wanted]) -> int:
    """The ``k.number_read`` matches ``rows`` read into ``out``, as ``_numbers`` reads
    them; returns what ``Pool._take`` returns about dates."""
    factors = k.scale_factors
    dates = 0
    minutes = False  # the number before was an hour with minutes: these are its minutes
    for row in rows:
        shown, half = row[0], row[5]
        if row[3]:
            dates = 2
        value, dates = _row_value(row[1], row[2], k, dates)
        if value is None:
            continue
        scaled = value * factors[_scale(row, 7)] if factors and row[6] else None
        values: tuple[Decimal | int, ...] = (value,) if scaled is None else (value, scaled)
        # An hour is where ``_AMPM`` matches: one or two digits, not the minutes
        # of the hour before (that match of ``_AMPM`` takes them in).
        if half and hours and not minutes and len(shown) <= 2 and shown.isdigit():
            minutes = bool(row[4])
            if 1 <= value <= 12:
                values = (*values, int(value) % 12 + (12 if half.lower() == "p" else 0))
        else:
            minutes = False
        out.append((shown, values, scaled))
    return dates


def months_of(text: str, k: LocaleKit, wanted: frozenset[int], *, dates: bool = True) -> set[int]:
    """The months of ``wanted`` that ``extract(text, k)`` finds (and maybe some others).

    ``dates=False`` tells that ``text`` has no match of ``_DATEISH`` (no numeric date).
    """
    months: set[int] = set()
    if dates or _clean(text) is not text:
        _scan(text, k, [], months, None, False, True, False, wanted)
    else:
        find_months(text, k, False, months, None, wanted)
    return months


class Pool:
    """What the numbers of a translation can match, and its months.

    The same as ``extract`` (without ``months_need_number``) finds, gathered in
    sets for ``has``: no ``Number`` is built, whole numbers are kept as ``int``.
    ``months`` holds every month of ``wanted`` that ``extract`` finds (and maybe
    some others); all of them when ``wanted`` is None.
    """

    __slots__ = ("every", "months", "plain", "scaled")

    def __init__(self, text: str, k: LocaleKit, wanted: frozenset[int] | None = None) -> None:
        self.every: set[Decimal | int] = set()  # the values of all numbers
        self.plain: set[Decimal | int] = set()  # the values of the numbers without a scale word
        self.scaled: set[Decimal | int] = set()  # the scaled values of those with one
        self.months: set[int] = set()
        want_months = wanted is None or bool(wanted)
        found: list[_Found] = []
        if k.number_dated is None or k.myriad is not None or k.lang.startswith("en"):
            scan = _scan(text, k, found, self.months, None, False, want_months, True, wanted)
            if scan is not None:
                self._numbers(*scan, k, found)
        else:
            # One search reads the numbers and tells whether the text may hold a
            # date (see ``LocaleKit.number_dated``): when it does, dates are
            # looked for first, as ``extract`` does, and the numbers read again
            # if some were found.
            rest = clean = _clean(text)
            ascii = clean.isascii()
            pattern = k.number_dated_ascii if ascii else k.number_dated
            assert pattern is not None
            dates = self._take(pattern.findall(clean), k)
            if dates == 2 or (dates and (_DATEISH_ASCII if ascii else _DATEISH).search(clean)):
                rest = _dates(clean, 0, k, self.months, found)
                if found:
                    self.every.clear()
                    self.plain.clear()
                    self.scaled.clear()
                    self._numbers(rest, 0, k, found)
            if want_months:
                find_months(rest, k, False, self.months, None, wanted)
        for _, _, values, scaled in found:
            self.every.update(values)
            if scaled is None:
                self.plain.update(values)
            else:
                self.scaled.add(scaled)

    def _numbers(self, rest: str, first: int, k: LocaleKit, found: list[_Found]) -> None:
        """The numbers of ``rest``, as ``_numbers`` reads them."""
        if k.number_dated is None or (
            k.lang.startswith("en") and "m" in rest and _ampm(rest, first)
        ):
            _numbers(rest, first, k, found)
        else:
            self._take(k.number_dated.findall(rest, first), k)

    def _take(self, rows: list[tuple[str, ...]], k: LocaleKit) -> int:
        """Reads the ``k.number_dated`` matches ``rows`` into the sets as ``_numbers``
        would (with no hours around). Returns 2 when ``_DATEISH`` has a match in
        the text, 1 when it may have one, 0 when it has none."""
        every, plain = self.every, self.plain
        factors = k.scale_factors
        dates = 0
        for g in rows:
            if g[2]:
                dates = 2
            value, dates = _row_value(g[0], g[1], k, dates)
            if value is None:
                continue
            every.add(value)
            if factors and g[3]:
                scaled = value * factors[_scale(g, 4)]
                every.add(scaled)
                self.scaled.add(scaled)
            else:
                plain.add(value)
        return dates

    def has(self, n: Number) -> bool:
        """``any(n.matches(t) for t in extract(text, k).numbers)``."""
        if n.scaled is None:
            return not n.values.isdisjoint(self.every)
        return n.scaled in self.scaled or not n.values.isdisjoint(self.plain)


def _scale(row: tuple[str, ...], first: int) -> int:
    """The index of the scale word of a ``number_dated`` or ``number_read`` match
    (its scale groups start at ``first``)."""
    return next(i for i, w in enumerate(row[first:]) if w)


def _clean(text: str) -> str:
    """``text`` without code, URLs and decades (blanked: positions are kept)."""
    if "`" in text or "://" in text or "](" in text:
        text = strip_code_and_urls(text)
    if "0s" in text:
        text = _DECADE.sub(_blank, text)
    return text


def _scan(
    text: str,
    k: LocaleKit,
    found: list[_Found],
    months: set[int],
    names: list[tuple[int, str]] | None,
    need_number: bool,
    want_months: bool,
    want_numbers: bool,
    wanted: frozenset[int] | None = None,
) -> tuple[str, int] | None:
    """All of ``extract`` but the plain numbers: dates and myriads go to ``found``.

    Returns the text left for the plain numbers and where its first digit is,
    None when it has no digit.
    """
    clean = _clean(text)
    ascii = clean.isascii()
    digit = (_HAS_DIGIT_ASCII if ascii else _HAS_DIGIT).search(clean)
    if digit is None:  # no date, no number: only month names can be found
        if want_months:
            find_months(clean, k, need_number, months, names, wanted)
        return None
    # Every pattern below starts with a digit: the search starts at the first
    # one (look-behinds still see the text before it).
    first = digit.start()
    rest = clean
    if (_DATEISH_ASCII if ascii else _DATEISH).search(clean, first) is not None:
        rest = _dates(clean, first, k, months, found)
    if want_months:
        find_months(rest, k, need_number, months, names, wanted)
    if want_numbers and k.myriad is not None and any(u in rest for u in k.myriad_units):
        rest = _myriads(rest, first, k, found)
    return rest, first


def _numbers(rest: str, first: int, k: LocaleKit, found: list[_Found]) -> None:
    """The numbers of ``rest`` (from ``first`` on) read with ``k``'s conventions."""
    ampm = _ampm(rest, first) if k.lang.startswith("en") and "m" in rest else None
    number = k.number_scaled or k.number
    for m in number.finditer(rest, first):
        digits, frac = m.group(1, 2)
        if not digits.isdigit():
            for sep in k.groups:
                digits = digits.replace(sep, "")
        value = _dec(digits, frac)
        if value is None:
            continue
        scale = m.lastgroup
        scaled = None if scale is None else value * k.scale_factors[int(scale[1:])]
        start = m.start()
        half = ampm.get(start) if ampm else None
        values: Collection[Decimal]
        if half is not None:
            values = _with_hour(value, scaled, half)
        else:
            values = (value,) if scaled is None else (value, scaled)
        found.append((m.group(0), start, values, scaled))


def _ampm(rest: str, first: int) -> dict[int, str]:
    """Where an hour before "a.m." / "p.m." starts -> "a" or "p"."""
    return {m.start(1): m.group(2).lower() for m in _AMPM.finditer(rest, first)}


def _with_hour(value: Decimal, scaled: Decimal | None, half: str) -> set[Decimal]:
    """The values of an hour before "a.m." / "p.m." (3 p.m. is also 15)."""
    values = {value} if scaled is None else {value, scaled}
    if value == value.to_integral_value() and 1 <= value <= 12:
        values.add(Decimal(int(value) % 12 + (12 if half == "p" else 0)))
    return values


def _start(n: _Found) -> int:
    return n[1]


def _dec(digits: str, frac: str | None = None) -> Decimal | None:
    try:
        return Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:
        return None


def _dates(clean: str, first: int, k: LocaleKit, months: set[int], found: list[_Found]) -> str:
    """Numeric dates (``2025-08-20``, ``20.08.2025``): their month goes to ``months``,
    their day and year to ``found``; returns ``clean`` with the dates blanked out."""
    rest = clean
    for m in _ISO_DATE.finditer(clean, first):
        y, mo, d = m.group(1), int(m.group(3)), m.group(4)
        if len(y) == 2 and not k.lang.startswith(("ko", "ja", "zh")):
            continue  # 20.08.25 is day.month.year outside East Asia
        if 1 <= mo <= 12 and 1 <= int(d) <= 31:
            months.add(mo)  # the month is compared as a month, not as a number
            found.append((y, m.start(), _year_values(y), None))
            found.append((d, m.start(), (Decimal(d),), None))
            rest = _blank_span(rest, m.start(), m.end())
    for m in _DMY_DATE.finditer(rest, first):
        d, mo, y = m.group(1), int(m.group(3)), m.group(4)
        if mo > 12 and int(d) <= 12:  # month/day/year
            d, mo = m.group(3), int(m.group(1))
        if 1 <= mo <= 12 and 1 <= int(d) <= 31:
            months.add(mo)
            found.append((d, m.start(), (Decimal(d),), None))
            found.append((y, m.start(), _year_values(y), None))
            rest = _blank_span(rest, m.start(), m.end())
    return rest


def _year_values(y: str) -> frozenset[Decimal]:
    """A year as written in a numeric date; ``00`` may stand for 1900 or 2000."""
    v = int(y)
    return frozenset(
        {Decimal(v), Decimal(1900 + v), Decimal(2000 + v)} if len(y) == 2 else {Decimal(v)}
    )


def _myriads(rest: str, first: int, k: LocaleKit, found: list[_Found]) -> str:
    """Numbers with myriad units (``1만5000``) go to ``found``; returns ``rest`` without them."""
    assert k.myriad is not None
    for m in k.myriad.finditer(rest, first):
        if not any(u in m.group(0) for u in k.myriad_units):
            continue
        value = _myriad_value(m.group(0).strip(), k.myriad_units)
        if value is None:
            continue
        plain = {d for x in re.findall(r"\d[\d,]*", m.group(0)) if (d := _dec(x.replace(",", "")))}
        found.append((m.group(0).strip(), m.start(), frozenset({value, *plain}), value))
        rest = _blank_span(rest, m.start(), m.end())
    return rest


def _myriad_value(text: str, units: dict[str, int]) -> Decimal | None:
    total = Decimal(0)
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)?\s?([^\d\s,.])?", text):
        if not m.group(0).strip():
            continue
        amount = _dec(m.group(1).replace(",", "")) if m.group(1) else Decimal(1)
        if amount is None:
            return None
        unit = m.group(2)
        total += amount * units.get(unit, 1) if unit else amount
    return total


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _blank_span(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (positions kept)."""
    return text[:start] + " " * (end - start) + text[end:]


def small_number_word(text: str, value: Decimal | int, k: LocaleKit) -> bool:
    """True when ``text`` spells ``value`` (1 to 12) as a word in ``k``'s language."""
    if not 1 <= value <= 12:
        return False
    if not isinstance(value, int) and value != value.to_integral_value():
        return False
    pat = k.small.get(int(value))
    return pat is not None and pat.search(text) is not None


def format_value(n: Number) -> str:
    return n.text.strip()
