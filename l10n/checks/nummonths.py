"""Month names in a sentence, for the ``numbers`` check (CLDR names via :mod:`l10n.checks.numkit`).

Finding them is a large part of reading an English source, so the patterns are
tried only where a name can start (see ``LocaleKit.month_heads`` and
``LocaleKit.month_starts``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from l10n.checks.numkit import LocaleKit


def find_months(
    rest: str,
    k: LocaleKit,
    need_number: bool,
    months: set[int],
    names: list[tuple[int, str]] | None,
    wanted: frozenset[int] | None = None,
) -> None:
    """Months named in ``rest`` go to ``months`` (and ``names``).

    With ``wanted`` (and no ``names``), only whether those months are named is
    sure to be found.
    """
    if k.month_digits is not None and any(sfx in rest for sfx in k.month_suffixes):
        for m in k.month_digits.finditer(rest):
            months.add(int(m.group(1)))
            if names is not None:
                names.append((int(m.group(1)), m.group(0)))
    if k.months is None:
        return
    # Case-insensitive matching is slow on Unicode: match the lower-cased text instead.
    haystack = rest
    if not k.month_case_sensitive:
        lowered = rest.lower()
        haystack = lowered if len(lowered) == len(rest) else rest
    if wanted is not None and names is None and k.month_heads is not None and not need_number:
        months.update(num for num in wanted - months if _names(haystack, k, num))
        return
    for m in _month_matches(haystack, k):
        num = k.month_of.get(m.group(1).lower())
        if num is None:
            continue
        if need_number and not _next_to_number(rest, m.start(), m.end()):
            continue
        months.add(num)
        if names is not None:
            names.append((num, rest[m.start() : m.end()]))


def _names(haystack: str, k: LocaleKit, num: int) -> bool:
    """True when ``k.months`` finds month ``num`` in ``haystack``.

    Its matches are whole words (see ``LocaleKit.month_heads``), each found
    wherever the search starts: only the places where a name of ``num``
    begins are tried.
    """
    assert k.months is not None and k.month_heads is not None
    find = haystack.find
    for head in k.month_heads.get(num, ()):
        i = find(head)
        while i >= 0:
            m = k.months.match(haystack, i)
            if m is not None and k.month_of.get(m.group(1).lower()) == num:
                return True
            i = find(head, i + 1)
    return False


def _month_matches(haystack: str, k: LocaleKit) -> Iterable[re.Match[str]]:
    """``k.months.finditer(haystack)``, trying the pattern only where a name can start.

    Every match starts with one of ``k.month_starts``; those are found with
    ``str.find``, faster than letting the pattern try each letter of the text.
    """
    pattern = k.months
    assert pattern is not None
    if k.months_free is not None:
        # Its matches are whole words (see ``LocaleKit.month_heads``): one that
        # starts inside a word hides no match of ``pattern``.
        tried = (pattern.match(haystack, m.start()) for m in k.months_free.finditer(haystack))
        return [m for m in tried if m is not None]
    if k.month_starts is None:
        return pattern.finditer(haystack)
    at: list[int] = []
    find = haystack.find
    for head in k.month_starts:
        i = find(head)
        while i >= 0:
            at.append(i)
            i = find(head, i + 1)
    if not at:
        return ()
    at.sort()
    found: list[re.Match[str]] = []
    end = 0
    for i in at:
        if i >= end and (m := pattern.match(haystack, i)) is not None:
            found.append(m)
            end = m.end()
    return found


_NEAR_AFTER = re.compile(r"\.?,?\s{1,2}\d")
_NEAR_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s{1,2}(?:of\s)?$")


def _next_to_number(text: str, start: int, end: int) -> bool:
    return bool(
        _NEAR_AFTER.match(text, end) or _NEAR_BEFORE.search(text[max(0, start - 8) : start])
    )
