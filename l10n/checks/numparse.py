"""Locale-aware extraction of numbers and months from a sentence (CLDR data via Babel).

``1,500`` (en), ``1 500`` (ru, uk, fr), ``1.500`` (de) and ``1천500`` (ko) all
read as the value 1500; ``3.5`` (en) and ``3,5`` (ru) as 3.5. A number followed
by a scale word (``1.2 million``, ``1,2 млн``, ``120만``) also carries its
scaled value, so either reading can match. Month names come from Babel in all
contexts and widths (``августа``, ``август``, ``авг.``, ``8월``); for Slavic
languages every case ending of the CLDR forms is accepted (``в августе``).

Everything a language needs is compiled once and cached.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
_SLAVIC = {"ru", "uk", "be", "bg", "sr", "mk", "pl", "cs", "sk", "sl", "hr", "bs"}
_SLAVIC_ENDINGS = (
    "ого",
    "ому",
    "ий",
    "ім",
    "ом",
    "ем",
    "ём",
    "ів",
    "ь",
    "й",
    "я",
    "а",
    "е",
    "і",
    "ю",
    "у",
    "о",
    "и",
)

# Words that multiply the number before them. Base language -> (pattern, factor).
_SCALES: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (
        (r"thousand", 10**3),
        (r"million|mln|m\b", 10**6),
        (r"billion|bn|b\b", 10**9),
        (r"trillion|tn", 10**12),
    ),
    "ru": (
        (r"тыс\.?|тысяч\w*", 10**3),
        (r"млн\.?|миллион\w*", 10**6),
        (r"млрд\.?|миллиард\w*", 10**9),
        (r"трлн\.?|триллион\w*", 10**12),
    ),
    "uk": (
        (r"тис\.?|тисяч\w*", 10**3),
        (r"млн\.?|мільйон\w*", 10**6),
        (r"млрд\.?|мільярд\w*", 10**9),
        (r"трлн\.?|трильйон\w*", 10**12),
    ),
    "de": (
        (r"Tsd\.?|Tausend", 10**3),
        (r"Mio\.?|Million\w*", 10**6),
        (r"Mrd\.?|Milliard\w*", 10**9),
    ),
    "fr": ((r"mille", 10**3), (r"millions?", 10**6), (r"milliards?", 10**9)),
    "es": ((r"mil\b", 10**3), (r"millón|millones", 10**6), (r"mil millones", 10**9)),
}

# East Asian myriad units (1만5000 = 15000, 120만 = 1200000).
_MYRIAD: dict[str, dict[str, int]] = {
    "ko": {"천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12},
    "ja": {"千": 10**3, "万": 10**4, "億": 10**8, "兆": 10**12},
    "zh": {"千": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8},
}

# Small numbers written as words in the translation ("три", "두 명"): a source
# digit up to 12 that is missing is accepted when one of these is present, so
# a translator's style choice is not reported (ordinals included).
_SMALL_WORDS: dict[str, dict[int, str]] = {
    "ru": {
        1: r"од(?:ин|н)\w*|перв\w*",
        2: r"дв(?:а|е|ух|ум|ое|ои)\w*|втор\w*|об[аеио]\w*",
        3: r"тр(?:и|[её]х|[её]м|ое|ои)\w*|трет\w*",
        4: r"четыр\w*|четвер\w*",
        5: r"пят\w*",
        6: r"шест\w*",
        7: r"сем\w*|седьм\w*",
        8: r"восем\w*|восьм\w*",
        9: r"девят\w*",
        10: r"десят\w*",
        11: r"одиннадцат\w*",
        12: r"двенадцат\w*",
    },
    "uk": {
        1: r"од(?:ин|н)\w*|перш\w*",
        2: r"дв(?:а|і|ох|ом|оє)\w*|друг\w*|обидв\w*",
        3: r"тр(?:и|ьох|ьом|оє)\w*|трет\w*",
        4: r"чотир\w*|четвер\w*",
        5: r"п['’]ят\w*",
        6: r"шіст\w*|шост\w*",
        7: r"сім\w*|сем\w*|сьом\w*",
        8: r"вісім\w*|восьм\w*",
        9: r"дев['’]ят\w*",
        10: r"десят\w*",
        11: r"одинадцят\w*",
        12: r"дванадцят\w*",
    },
    "ko": {
        1: r"한\s?(?:명|개|번|차례|가지|곳|척|대|발|채|마리|살|달|해)|하나|첫",
        2: r"두\s?(?:명|개|번|차례|가지|곳|척|대|발|채|마리|살|달|해)|둘|둘째",
        3: r"세\s?(?:명|개|번|차례|가지|곳|척|대|발|채|마리|살|달|해)|셋|셋째",
        4: r"네\s?(?:명|개|번|차례|가지|곳|척|대|발|채|마리|살|달|해)|넷|넷째",
        5: r"다섯",
        6: r"여섯",
        7: r"일곱",
        8: r"여덟",
        9: r"아홉",
        10: r"열\s?(?:명|개|번|차례|가지|곳|척|대|발|채|마리|살|달|해)",
    },
    "en": {
        1: r"one|first|a|an|single",
        2: r"two|second|both|pair",
        3: r"three|third",
        4: r"four\w*",
        5: r"five|fifth",
        6: r"six\w*",
        7: r"seven\w*",
        8: r"eight\w*",
        9: r"nine|ninth",
        10: r"ten|tenth",
        11: r"eleven\w*",
        12: r"twelve|twelfth",
    },
}

_URL = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[a-z]+://[^>]*>|\b[a-z][a-z0-9+.-]*://\S+|`[^`]*`", re.I
)
_HAS_DIGIT = re.compile(r"\d")
_DATEISH = re.compile(r"\d[-./]\s?\d")
_DECADE = re.compile(r"['’‘]\d0s\b")  # ’90s: often written out ("девяностые"); not checked
# Patterns that would start with a look-behind ("no digit before") start with
# the digit and look behind after it instead: the regex engine then skips
# ahead to digits rather than trying every position of the text.
_AMPM = re.compile(r"(\d(?<!\d\d)\d?)(?::\d{2})?\s?([ap])\.?\s?m\b\.?", re.I)
_ISO_DATE = re.compile(
    r"(\d(?<![\d.]\d)(?:\d{3}|\d))([-./])\s?(\d{1,2})\2\s?(\d{1,2})(?!\d)(?!\.\d)"
)
_DMY_DATE = re.compile(r"(\d(?<![\d.]\d)\d?)([./])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")


@dataclass(frozen=True)
class Number:
    """A number found in a text: what it says and every value it may stand for."""

    text: str
    start: int
    values: frozenset[Decimal]
    scaled: Decimal | None = None  # the value with its scale word ("1.2 billion"), if any

    def matches(self, other: Number) -> bool:
        """Same value; when both carry a scale word, the scaled values must agree."""
        if self.scaled is not None and other.scaled is not None:
            return self.scaled == other.scaled
        return not self.values.isdisjoint(other.values)


@dataclass(frozen=True)
class Extracted:
    numbers: tuple[Number, ...]
    months: frozenset[int]
    month_names: tuple[tuple[int, str], ...]  # (month, text) as found


@dataclass(frozen=True)
class LocaleKit:
    """Compiled per-language patterns."""

    lang: str
    number: re.Pattern[str]
    decimal: str
    groups: tuple[str, ...]
    scale: re.Pattern[str] | None
    scale_factors: tuple[int, ...]
    myriad: re.Pattern[str] | None
    myriad_units: dict[str, int]
    months: re.Pattern[str] | None
    month_of: dict[str, int]
    month_digits: re.Pattern[str] | None
    month_case_sensitive: bool
    small: dict[int, re.Pattern[str]]
    # Every suffix ``month_digits`` can match ("월"): absent from a text, no match.
    month_suffixes: tuple[str, ...] = ()


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def _slavic_stems(name: str) -> set[str]:
    word = name.rstrip(".").lower()
    stems = {word}
    for end in _SLAVIC_ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 2:
            stems.add(word[: -len(end)])
            break
    return stems


@functools.lru_cache(maxsize=64)
def kit(lang: str) -> LocaleKit:
    """The compiled patterns for ``lang`` (a CLDR code)."""
    base = _base(lang)
    try:
        loc = Locale.parse(lang.replace("-", "_"))
        decimal = get_decimal_symbol(loc)
        group = get_group_symbol(loc)
    except (UnknownLocaleError, ValueError):
        loc, decimal, group = None, ".", ","
    groups: tuple[str, ...] = _SPACES if group in _SPACES else (group,)
    if decimal in groups:  # never read one symbol both ways
        groups = tuple(g for g in groups if g != decimal)
    g = "|".join(re.escape(x) for x in groups)
    # The same as (?<!\d)(\d{1,3}(?:(?:g)\d{3})+(?!\d)|\d+), written to start with \d
    # (the digit, then "no digit before it"): the regex engine can then skip
    # ahead to digits instead of trying every position of the text.
    number = re.compile(
        rf"(\d(?<!\d\d)(?:\d{{0,2}}(?:(?:{g})\d{{3}})+(?!\d)|\d*))(?:{re.escape(decimal)}(\d+))?"
    )
    scales = _SCALES.get(base, ())
    scale = (
        re.compile("|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(scales)), re.I)
        if scales
        else None
    )
    units = _MYRIAD.get(base, {})
    myriad = None
    if units:
        u = "".join(units)
        # (?<!\d)(?:X)+ with X = \d[\d,]*(?:\.\d+)?\s?[u]\s?, written to start with \d
        # (see ``number``) so that the engine skips ahead to digits.
        myriad = re.compile(
            rf"\d(?<!\d\d)[\d,]*(?:\.\d+)?\s?[{u}]\s?"
            rf"(?:\d[\d,]*(?:\.\d+)?\s?[{u}]\s?)*(?:\d[\d,]*)?"
        )
    month_of: dict[str, int] = {}
    month_digits = None
    months = None
    month_suffixes: tuple[str, ...] = ()
    if loc is not None:
        suffixes: set[str] = set()
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    m = re.fullmatch(r"(\d{1,2})(\D+)", name)
                    if m:
                        suffixes.add(m.group(2))
                        continue
                    forms = _slavic_stems(name) if base in _SLAVIC else {name.rstrip(".")}
                    for form in forms:
                        month_of[form.lower()] = num
        if base == "en":
            month_of["sept"] = 9
        if suffixes:
            sfx = "|".join(re.escape(s) for s in sorted(suffixes))
            month_digits = re.compile(rf"(?=\d)(?<!\d)(1[0-2]|0?[1-9])\s?(?:{sfx})")
            month_suffixes = tuple(sorted(suffixes))
        if month_of:
            keys = sorted(month_of, key=len, reverse=True)
            if base == "en":  # capitalised only: keeps "may" and "a march" out
                keys = [n.capitalize() for n in keys]
            alts = "|".join(re.escape(n) for n in keys)
            ends = "(?:" + "|".join(_SLAVIC_ENDINGS) + ")?" if base in _SLAVIC else ""
            # Non-English names are matched against lower-cased text (see _months).
            flags = 0 if base == "en" or all(n == n.lower() for n in keys) else re.I
            # The lookahead on first letters only lets the engine skip ahead fast.
            firsts = re.escape("".join(sorted({n[0] for n in keys})))
            months = re.compile(rf"(?=[{firsts}])(?<!\w)({alts}){ends}\.?(?!\w)", flags)
    small = {
        n: re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I) for n, p in _SMALL_WORDS.get(base, {}).items()
    }
    return LocaleKit(
        lang=lang,
        number=number,
        decimal=decimal,
        groups=groups,
        scale=scale,
        scale_factors=tuple(f for _, f in scales),
        myriad=myriad,
        myriad_units=units,
        months=months,
        month_of=month_of,
        month_digits=month_digits,
        month_case_sensitive=base == "en",
        small=small,
        month_suffixes=month_suffixes,
    )


def has_digit(text: str) -> bool:
    return _HAS_DIGIT.search(text) is not None


def strip_code_and_urls(text: str) -> str:
    """Blank out link targets, URLs and code spans (their numbers are not prose)."""
    return _URL.sub(lambda m: " " * len(m.group(0)), text)


def _dec(digits: str, frac: str | None = None) -> Decimal | None:
    try:
        return Decimal(f"{digits}.{frac}" if frac else digits)
    except InvalidOperation:
        return None


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
    clean = text
    if "`" in clean or "://" in clean or "](" in clean:
        clean = strip_code_and_urls(clean)
    if "0s" in clean:
        clean = _DECADE.sub(_blank, clean)
    numbers: list[Number] = []
    months: set[int] = set()
    names: list[tuple[int, str]] = []
    rest = clean
    if _DATEISH.search(clean) is not None:
        for m in _ISO_DATE.finditer(clean):
            y, mo, d = m.group(1), int(m.group(3)), m.group(4)
            if len(y) == 2 and not k.lang.startswith(("ko", "ja", "zh")):
                continue  # 20.08.25 is day.month.year outside East Asia
            if 1 <= mo <= 12 and 1 <= int(d) <= 31:
                months.add(mo)  # the month is compared as a month, not as a number
                numbers.append(Number(y, m.start(), _year_values(y)))
                numbers.append(Number(d, m.start(), frozenset({Decimal(d)})))
                rest = _blank_span(rest, m.start(), m.end())
        for m in _DMY_DATE.finditer(rest):
            d, mo, y = m.group(1), int(m.group(3)), m.group(4)
            if mo > 12 and int(d) <= 12:  # month/day/year
                d, mo = m.group(3), int(m.group(1))
            if 1 <= mo <= 12 and 1 <= int(d) <= 31:
                months.add(mo)
                numbers.append(Number(d, m.start(), frozenset({Decimal(d)})))
                numbers.append(Number(y, m.start(), _year_values(y)))
                rest = _blank_span(rest, m.start(), m.end())
    if want_months:
        _months(rest, k, months_need_number, months, names)
    if not want_numbers:
        return Extracted((), frozenset(months), tuple(names))
    if k.myriad is not None and any(u in rest for u in k.myriad_units):
        for m in k.myriad.finditer(rest):
            if not any(u in m.group(0) for u in k.myriad_units):
                continue
            value = _myriad_value(m.group(0).strip(), k.myriad_units)
            if value is None:
                continue
            plain = {
                d for x in re.findall(r"\d[\d,]*", m.group(0)) if (d := _dec(x.replace(",", "")))
            }
            numbers.append(Number(m.group(0).strip(), m.start(), frozenset({value, *plain}), value))
            rest = _blank_span(rest, m.start(), m.end())
    ampm = (
        {m.start(1): m.group(2).lower() for m in _AMPM.finditer(rest)}
        if k.lang.startswith("en") and "m" in rest
        else {}
    )
    for m in k.number.finditer(rest):
        digits = m.group(1)
        if not digits.isdigit():
            for sep in k.groups:
                digits = digits.replace(sep, "")
        value = _dec(digits, m.group(2))
        if value is None:
            continue
        values = {value}
        scaled = None
        end = m.end()
        if k.scale is not None and end < len(rest):
            sm = k.scale.match(rest, end + (1 if rest[end] in _SPACES else 0))
            if sm is not None and sm.lastgroup is not None:
                scaled = value * k.scale_factors[int(sm.lastgroup[1:])]
                values.add(scaled)
        half = ampm.get(m.start()) if ampm else None
        if half is not None and value == value.to_integral_value() and 1 <= value <= 12:
            hour = int(value) % 12 + (12 if half == "p" else 0)
            values.add(Decimal(hour))
        numbers.append(Number(m.group(0), m.start(), frozenset(values), scaled))
    numbers.sort(key=lambda n: n.start)
    return Extracted(tuple(numbers), frozenset(months), tuple(names))


def _year_values(y: str) -> frozenset[Decimal]:
    """A year as written in a numeric date; ``00`` may stand for 1900 or 2000."""
    v = int(y)
    return frozenset(
        {Decimal(v), Decimal(1900 + v), Decimal(2000 + v)} if len(y) == 2 else {Decimal(v)}
    )


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _blank_span(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` replaced by spaces (positions kept)."""
    return text[:start] + " " * (end - start) + text[end:]


def _months(
    rest: str,
    k: LocaleKit,
    need_number: bool,
    months: set[int],
    names: list[tuple[int, str]],
) -> None:
    if k.month_digits is not None and any(sfx in rest for sfx in k.month_suffixes):
        for m in k.month_digits.finditer(rest):
            months.add(int(m.group(1)))
            names.append((int(m.group(1)), m.group(0)))
    if k.months is None:
        return
    # Case-insensitive matching is slow on Unicode: match the lower-cased text instead.
    haystack = rest
    if not k.month_case_sensitive:
        lowered = rest.lower()
        haystack = lowered if len(lowered) == len(rest) else rest
    for m in k.months.finditer(haystack):
        num = k.month_of.get(m.group(1).lower())
        if num is None:
            continue
        if need_number and not _next_to_number(rest, m.start(), m.end()):
            continue
        months.add(num)
        names.append((num, rest[m.start() : m.end()]))


_NEAR_AFTER = re.compile(r"\.?,?\s{1,2}\d")
_NEAR_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s{1,2}(?:of\s)?$")


def _next_to_number(text: str, start: int, end: int) -> bool:
    return bool(
        _NEAR_AFTER.match(text, end) or _NEAR_BEFORE.search(text[max(0, start - 8) : start])
    )


def small_number_word(text: str, value: Decimal, k: LocaleKit) -> bool:
    """True when ``text`` spells ``value`` (1 to 12) as a word in ``k``'s language."""
    if value != value.to_integral_value() or not 1 <= value <= 12:
        return False
    pat = k.small.get(int(value))
    return pat is not None and pat.search(text) is not None


def format_value(n: Number) -> str:
    return n.text.strip()
