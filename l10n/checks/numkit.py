"""Per-language data for reading numbers and months (CLDR data via Babel).

:func:`kit` compiles, once per language, everything :mod:`l10n.checks.numparse`
needs: the number pattern with the locale's decimal and group symbols, scale
words, East Asian myriad units, month names in all contexts and widths (with
the case endings of Slavic languages) and small numbers spelled out as words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
_WORD = re.compile(r"\w+")
_DATEISH_SEP = re.compile(r"[-./]\s?")  # between two digits: a match of ``\d[-./]\s?\d``
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
    # ``number`` followed by a look-ahead for ``scale`` (after at most one space):
    # a match's ``lastgroup`` names the scale word ("s1"), None without one.
    number_scaled: re.Pattern[str] | None = None
    # ``number`` and look-aheads whose groups hold: the separator when the
    # number goes on as ``\d([-./])\s?\d{1,2}\1`` (a date) does, then the scale
    # word, then the groups of ``number_scaled`` (without scales, only the first).
    # ``\d([-./])\s?\d{1,2}\1`` has a match in a text when a match of this one
    # has the separator, and only then or when a match holds a decimal symbol
    # (``dateish_decimal``) or a group symbol among ``dateish_groups``.
    number_dated: re.Pattern[str] | None = None
    dateish_decimal: bool = False
    dateish_groups: tuple[str, ...] = ()
    # For ASCII text: its lower-cased form has a match of this (no IGNORECASE,
    # which keeps the regex engine from skipping ahead) when ``scale`` finds one.
    scale_ascii: re.Pattern[str] | None = None
    # For the source side of the check: ``number`` as a group of its own, the
    # date separator (as in ``number_dated``), the minutes (":30") and the "a"
    # or "p" of an hour's "a.m."/"p.m." (as ``numparse`` reads hours), then the
    # scale groups of ``number_dated``. A match has the same text as one of ``number``.
    number_read: re.Pattern[str] | None = None
    # ``number_dated`` and ``number_read`` for ASCII text (see ``ascii_digits``).
    number_dated_ascii: re.Pattern[str] | None = None
    number_read_ascii: re.Pattern[str] | None = None
    # Strings one of which starts every match of ``months`` (the first letters of
    # its names), or None when that cannot be told: the text is then tried
    # only where one of them occurs (see ``numparse``).
    month_starts: tuple[str, ...] | None = None
    # The same per month, set only when every name (and case ending) is made of
    # word characters: a match of ``months`` is then a whole word, and whether a
    # month is named can be told without finding the other months.
    month_heads: dict[int, tuple[str, ...]] | None = None
    # ``months`` without its look-behind, for capitalised names (set with
    # ``month_heads``): the regex engine skips ahead to their first letters.
    # Where ``months`` matches at the start of one of its matches, both agree.
    months_free: re.Pattern[str] | None = None


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
    scale_alts = "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(scales))
    scale = re.compile(scale_alts, re.I) if scales else None
    # The look-ahead takes nothing from the match: the number's text and where
    # the search goes on are those of ``number``.
    spaces = "".join(_SPACES)
    number_scaled = (
        re.compile(rf"{number.pattern}(?:(?=[{spaces}]?(?i:{scale_alts}))|)") if scales else number
    )
    assert number_scaled.groups == number.groups + len(scales)  # read by ``numparse.Pool``
    date = r"(?:(?=([-./])\s?\d{1,2}\%d)|)"
    scaled = rf"(?:(?=[{spaces}]?((?i:{scale_alts})))|)" if scales else ""
    number_dated = re.compile(number.pattern + date % 3 + scaled)
    assert number_dated.groups == 3 + (len(scales) + 1 if scales else 0)  # see ``numparse.Pool``
    number_read = re.compile(
        rf"({number.pattern})" + date % 4 + r"(?:(?=(:\d{2})?\s?(?i:([ap])\.?\s?m\b))|)" + scaled
    )
    assert number_read.groups == number_dated.groups + 3  # see ``numparse.read_source``
    plain_alts = "|".join(p for p, _ in scales)
    scale_ascii = (
        re.compile(_lower_letters(plain_alts))
        if scales and plain_alts.isascii() and not any(c in plain_alts for c in "[{(")
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
    month_starts: tuple[str, ...] | None = None
    month_heads: dict[int, tuple[str, ...]] | None = None
    months_free: re.Pattern[str] | None = None
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
            # Non-English names are matched against lower-cased text (see nummonths.find_months).
            flags = 0 if base == "en" or all(n == n.lower() for n in keys) else re.I
            # The lookahead on first letters only lets the engine skip ahead fast.
            firsts = re.escape("".join(sorted({n[0] for n in keys})))
            lookbehind = rf"(?=[{firsts}])(?<!\w)"
            months = re.compile(rf"{lookbehind}({alts}){ends}\.?(?!\w)", flags)
            if not flags & re.I and all(keys):
                month_starts = _starts(keys)
                if all(_WORD.fullmatch(n) for n in (*keys, *(_SLAVIC_ENDINGS if ends else ()))):
                    month_heads = {
                        num: _starts([n for n in keys if month_of[n.lower()] == num])
                        for num in sorted(set(month_of.values()))
                    }
                    if base == "en":
                        months_free = re.compile(months.pattern[len(lookbehind) :], flags)
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
        number_scaled=number_scaled,
        scale_ascii=scale_ascii,
        number_dated=number_dated,
        number_read=number_read,
        number_dated_ascii=ascii_digits(number_dated),
        number_read_ascii=ascii_digits(number_read),
        dateish_decimal=_DATEISH_SEP.fullmatch(decimal) is not None,
        dateish_groups=tuple(g for g in groups if _DATEISH_SEP.fullmatch(g)),
        month_starts=month_starts,
        month_heads=month_heads,
        months_free=months_free,
    )


def ascii_digits(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with ``\\d`` spelled ``[0-9]``, for ASCII text.

    On ASCII text both match the same characters, and the regex engine tests
    a character against ``[0-9]`` several times faster than against the
    Unicode category of ``\\d``, which it does for every character it skips.
    """
    out: list[str] = []
    text = pattern.pattern
    i, in_set = 0, False
    while i < len(text):
        c = text[i]
        if c == "\\":
            escape = text[i : i + 2]
            out.append(("0-9" if in_set else "[0-9]") if escape == "\\d" else escape)
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            # A "]" first in a set (after a "^") is a literal one.
            start = i + 1 + (text[i + 1 : i + 2] == "^")
            start += text[start : start + 1] == "]"
            out.append(text[i:start])
            i, in_set = start, True
            continue
        out.append(c)
        i += 1
    return re.compile("".join(out), pattern.flags)


def _starts(names: list[str], size: int = 3) -> tuple[str, ...]:
    """The first ``size`` letters of ``names``, leaving out those that begin with another."""
    heads = {n[:size] for n in names}
    return tuple(sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads)))


def _lower_letters(pattern: str) -> str:
    """``pattern`` with its letters lower-cased, escapes (``\\b``, ``\\w``) kept.

    On ASCII text, the only case-insensitive matches of an ASCII letter are
    its two cases: the lower-cased pattern on the lower-cased text matches
    where the pattern matches the text ignoring case.
    """
    out: list[str] = []
    escaped = False
    for c in pattern:
        out.append(c if escaped else c.lower())
        escaped = not escaped and c == "\\"
    return "".join(out)
