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
from dataclasses import dataclass

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.numparse import (
    Extracted,
    LocaleKit,
    Number,
    Pool,
    extract,
    has_digit,
    has_scale_word,
    kit,
    months_of,
    small_number_word,
)
from l10n.checks.registry import Finding, pair_check
from l10n.model import Severity

_DIGITS = re.compile(r"\d\d*")  # \d+, written so that the regex engine skips ahead to digits
_SEPARATED = re.compile(r"\d[.,:\s\u00a0\u202f\u2009'’]\d|\d\s?[ap]\.?m\b")


@dataclass(frozen=True)
class _SourcePlan:
    """The source side of the check, worked out once per source text and language."""

    digits: bool  # any digit at all
    plain: bool  # only bare integers: no separators, decimals, times or scale words
    integers: tuple[str, ...]  # its digit runs (when plain)


@functools.lru_cache(maxsize=1 << 16)
def _plan(text: str, lang: str) -> _SourcePlan:
    if not has_digit(text):
        return _SourcePlan(False, False, ())
    k = kit(lang)
    plain = _SEPARATED.search(text) is None and not has_scale_word(text, k)
    return _SourcePlan(True, plain, tuple(_DIGITS.findall(text)) if plain else ())


def _plain_integers_kept(plan: _SourcePlan, target: str) -> bool:
    """True when the source has only bare integers and each appears in the target as is.

    Anything with separators, decimals, times, units or scale words takes the
    locale-aware path.
    """
    if not plan.plain or _SEPARATED.search(target):
        return False
    have = set(_DIGITS.findall(target))
    return all(d in have for d in plan.integers)


@functools.lru_cache(maxsize=1 << 16)
def _source_extract(text: str, lang: str, numbers: bool) -> Extracted:
    """Source-side extraction, shared by the catalogs of every language of an article."""
    return extract(text, kit(lang), months_need_number=True, want_numbers=numbers)


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
    if not plan.digits:
        return []
    target = pair.target
    tgt_kit = kit(ctx.lang)
    found: list[Finding] = []
    if _plain_integers_kept(plan, target):
        # Fast path: every source number is a plain integer found verbatim in the
        # translation; only dates (month names) remain to be compared.
        src = _source_extract(pair.source, ctx.source_lang, False)
        if not src.months:
            return found
        tgt_months = months_of(target, tgt_kit, src.months)
    else:
        src = _source_extract(pair.source, ctx.source_lang, True)
        if not src.numbers and not src.months:
            return found
        pool = Pool(target, tgt_kit, src.months)
        tgt_months = pool.months
        if src.numbers:
            _missing_numbers(src.numbers, pool, target, tgt_kit, found)
    if src.months and not src.months <= tgt_months:
        for month in sorted(src.months - tgt_months):
            shown = next((t for m, t in src.month_names if m == month), None)
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
    numbers: tuple[Number, ...], pool: Pool, target: str, k: LocaleKit, found: list[Finding]
) -> None:
    """A finding for each number of the source that the translation lacks (once per text)."""
    reported: set[str] = set()
    for n in numbers:
        if pool.has(n):
            continue
        if k.small and any(small_number_word(target, v, k) for v in n.values):
            continue
        shown = n.text.strip()
        if shown in reported:
            continue
        reported.add(shown)
        found.append(
            Finding(f"number {shown!r} of the source is missing or changed in the translation")
        )
