"""The ``numbers`` check: every number and date of the source keeps its value.

Both sides are read with their own locale's CLDR conventions (see
:mod:`l10n.checks.numparse`), so ``1,500`` = ``1 500`` = ``1.500`` = ``1천500``
and "August 20" = "20 августа" = "8월 20일". Only what the source says is
required: extra numbers in the translation (``8월`` for "August", a year the
translator added) are not reported. Numbers up to 12 may be spelled out in
the translation ("three" -> "трое").
"""

from __future__ import annotations

import calendar
import functools
import re
from typing import NamedTuple

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.numkit import ascii_digits
from l10n.checks.numparse import (
    LocaleKit,
    Pool,
    Source,
    Wanted,
    has_digit,
    has_scale_word,
    kit,
    months_of,
    read_source,
    small_number_word,
)
from l10n.checks.registry import Finding, pair_check
from l10n.model import Severity

_DIGITS = re.compile(r"\d\d*")  # \d+, written so that the regex engine skips ahead to digits
_SEPARATED = re.compile(r"\d[.,:\s\u00a0\u202f\u2009'’]\d|\d\s?[ap]\.?m\b")
# The digit runs of a text, each with what follows it when ``_SEPARATED`` has
# a match there, else with the separator when it goes on as a numeric date
# (``\d([-./])\s?\d{1,2}\1``, see ``numparse``) does: one search tells both.
_RUNS = re.compile(
    r"(\d\d*)(?:(?=([.,:\s\u00a0\u202f\u2009'’]\d|\s?[ap]\.?m\b))|(?=([-./])\s?\d{1,2}\3)|)"
)
# The same for ASCII text, where they are faster (see ``ascii_digits``).
_DIGITS_ASCII, _SEPARATED_ASCII, _RUNS_ASCII = map(ascii_digits, (_DIGITS, _SEPARATED, _RUNS))


class _SourcePlan(NamedTuple):
    """The source side of the check, worked out once per source text and language."""

    plain: bool  # only bare integers: no separators, decimals, times or scale words
    integers: frozenset[str]  # its digit runs (when plain)
    months: frozenset[int]
    month_names: tuple[tuple[int, str], ...]
    read: Source | None  # all of it, read at once unless plain (see ``_read``)


# The catalogs of one article are checked one after another (see the runner),
# so a source text's plan is used again only while its article is checked:
# room for a few articles keeps memory flat over a project of any size.
SOURCE_CACHE = 4096


@functools.lru_cache(maxsize=SOURCE_CACHE)
def _plan(text: str, lang: str) -> _SourcePlan | None:
    """None for a text without digits (nothing to check)."""
    if not has_digit(text):
        return None
    k = kit(lang)
    ascii = text.isascii()
    if (_SEPARATED_ASCII if ascii else _SEPARATED).search(text) is None and not has_scale_word(
        text, k
    ):
        # Its numbers are needed only where a translation lacks one of them:
        # read them then, the months now.
        runs = (_RUNS_ASCII if ascii else _RUNS).findall(text)
        dated = any(date for _, _, date in runs)
        months = read_source(text, k, want_numbers=False, dates=dated)
        integers = frozenset(run for run, _, _ in runs)
        return _SourcePlan(True, integers, months.months, months.month_names, None)
    read = _read(text, lang)
    return _SourcePlan(False, frozenset(), read.months, read.month_names, read)


@functools.lru_cache(maxsize=SOURCE_CACHE)
def _read(text: str, lang: str) -> Source:
    """Source-side reading, shared by the catalogs of every language of an article."""
    return read_source(text, kit(lang))


def _plain_integers_kept(plan: _SourcePlan, target: str) -> int:
    """Whether the source has only bare integers and each appears in the target as is.

    0 when not (anything with separators, decimals, times, units or scale
    words takes the locale-aware path); else 2 when the target may hold a
    numeric date, 1 when it holds none.
    """
    if not plan.plain:
        return 0
    have: set[str] = set()
    dated = False
    runs = _RUNS_ASCII if target.isascii() else _RUNS
    for run, separated, date in runs.findall(target):
        if separated:
            return 0
        have.add(run)
        if date:
            dated = True
    if not plan.integers <= have:
        return 0
    return 2 if dated else 1


@pair_check(
    "numbers",
    Severity.ERROR,
    "Numbers and dates of the source keep their value (compared through CLDR locale data).",
)
def numbers(pair: Pair, ctx: CatalogContext) -> list[Finding]:
    # A list rather than a generator: most pairs have nothing to report.
    if ctx.lang is None:
        return []
    plan = _plan(pair.source, ctx.source_lang)
    if plan is None:
        return []
    target = pair.target
    tgt_kit = kit(ctx.lang)
    found: list[Finding] = []
    months = plan.months
    kept = _plain_integers_kept(plan, target)
    if kept:
        # Fast path: every source number is a plain integer found verbatim in the
        # translation; only dates (month names) remain to be compared.
        if not months:
            return found
        tgt_months = months_of(target, tgt_kit, months, dates=kept == 2)
    else:
        src = plan.read or _read(pair.source, ctx.source_lang)
        if not src.numbers and not months:
            return found
        pool = Pool(target, tgt_kit, months)
        tgt_months = pool.months
        if src.numbers:
            _missing_numbers(src.numbers, pool, target, tgt_kit, found)
    if months and not months <= tgt_months:
        for month in sorted(months - tgt_months):
            shown = next((t for m, t in plan.month_names if m == month), None)
            if shown is None:
                shown = calendar.month_name[month]
            found.append(
                Finding(
                    f"date: the month {shown!r} of the source is missing or changed"
                    " in the translation"
                )
            )
    return found


def _missing_numbers(
    numbers: tuple[Wanted, ...], pool: Pool, target: str, k: LocaleKit, found: list[Finding]
) -> None:
    """A finding for each number of the source that the translation lacks (once per text)."""
    reported: set[str] = set()
    every = pool.every
    for shown, values, scaled in numbers:
        if scaled is None:
            if not every.isdisjoint(values):
                continue
        elif scaled in pool.scaled or not pool.plain.isdisjoint(values):
            continue
        if k.small and any(small_number_word(target, v, k) for v in values):
            continue
        if shown in reported:
            continue
        reported.add(shown)
        found.append(
            Finding(f"number {shown!r} of the source is missing or changed in the translation")
        )
