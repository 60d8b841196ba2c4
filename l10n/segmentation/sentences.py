"""Sentence splitting inside one block: sentencex candidates plus l10n's rules.

sentencex proposes boundaries; l10n adds candidates it may miss (a sentence-final
abbreviation before a likely starter, a closing quote before a capital), then
decides every candidate with per-language data (``rules/<lang>.yml``) and the
language-independent layers in :mod:`l10n.segmentation.layers`. The library
stays swappable: only :func:`_library_boundaries` knows about it.
"""

from __future__ import annotations

import enum
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, repeat
from typing import TypeVar

import sentencex

from l10n.segmentation.layers import (
    closes_after,
    ellipsis_decisions,
    enumeration_decisions,
    inside,
    protected_spans,
)
from l10n.segmentation.rules import (
    AFTER_CLOSERS,
    OPENERS,
    QUOTE_CLOSERS,
    LanguageRules,
    rules_for,
)
from l10n.segmentation.types import GAP_CHARS, ZERO_WIDTH, strip_span

_GAP_CLASS = "".join(re.escape(c) for c in GAP_CHARS)
# After a boundary: skip dashes and opening punctuation, then take one word.
_NEXT_RE = re.compile(
    rf"[-–—‐‑‒―{re.escape(OPENERS)}{_GAP_CLASS}]*(?P<word>[^\W_][\w’'-]*)?(?P<after>.?)",
    re.DOTALL,
)
_CLOSERS = "’”\"'»)]}›"
_TERMINALS = ".!?…"
_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_INITIAL_RE = re.compile(r"^[^\W\d_]\.$")
# After sentence punctuation other than a period (see LanguageRules.boundary_scan):
# closing quotes or brackets, space, then a letter. A candidate even if the
# library did not propose it ("Who will pay?’ Nobody").
_CLOSERS_BEFORE_WORD_RE = re.compile(rf"[{re.escape(QUOTE_CLOSERS)}]+{AFTER_CLOSERS}")
# A spaced ellipsis may follow a period (see layers.ellipsis_decisions).
_SPACED_DOTS_RE = re.compile("\\.[ \u00a0]\\.")
# An omission mark in brackets ("[...]", "(…)") does not end a sentence.
_OMISSION_RE = re.compile(r"[\[(](?:\.{3}|…)[\])]")
_BULLETS = "•▪◦‣⁃●■"
_BULLET_RE = re.compile(rf"(?:^|(?<=[\r\n]))([^\S\r\n]*)[{_BULLETS}]")
# Where a quote or bracket may open (see _first_opener).
# (One character class first, so that ``re`` can scan for it quickly.)
_SPAN_START_RE = re.compile(r"[“‘«„‚(\[{'\"](?<!\w['\"])")
# A list marker as a whole token ("1.", "b)", "2.)"), or one starting the block.
_MARKER_TOKEN_RE = re.compile(r"[•⁃‣◦▪*–-]?(?:\d{1,3}|[a-zA-Z])(?:\.\)|\)|\.)\Z")
_MARKER_START_RE = re.compile(
    rf"[{_GAP_CLASS}]*(?:[•⁃‣◦▪*–-][^\S\n]*)?(?:\d{{1,3}}|[a-zA-Z])(?:\.\)|\)|\.)\s"
)
# A crude floor used only if the library fails on an input.
_FLOOR_RE = re.compile(rf"[.!?…]+[{re.escape(_CLOSERS)}]*(?=\s)")


K = TypeVar("K")
B = TypeVar("B")


class _Verdict(enum.Enum):
    SPLIT = "split"
    JOIN = "join"
    KEEP = "keep"  # no rule applies: keep the library's decision


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` within one block of ``text``.

    Spans are ordered, do not overlap, carry no leading or trailing whitespace,
    and every non-whitespace character of ``text`` lies in exactly one span.
    ``lang`` is a language code; its rule file is loaded once.
    """
    return split_with_rules(text, rules_for(lang))


def split_with_rules(text: str, rules: LanguageRules) -> list[tuple[int, int]]:
    """:func:`split_sentences` with already loaded rules."""
    return split_runs(text, [(0, len(text))], rules)[0]


def split_runs(
    text: str, runs: Sequence[tuple[int, int]], rules: LanguageRules
) -> list[list[tuple[int, int]]]:
    """Sentence spans for each run ``(start, end)`` of ``text`` (ordered, disjoint).

    The library and the scanning patterns see the whole text once; decisions
    and quote balancing are made per run, and no span crosses a run's edge.
    """
    result: list[list[tuple[int, int]]] = [[] for _ in runs]
    tagged = [(start, end, index, 0) for index, (start, end) in enumerate(runs)]
    for start, end, index, _ in split_tagged_runs(text, tagged, rules):
        result[index].append((start, end))
    return result


def split_tagged_runs(
    text: str, runs: Sequence[tuple[int, int, K, B]], rules: LanguageRules
) -> list[tuple[int, int, K, B]]:
    """:func:`split_runs` for runs ``(start, end, kind, block)``, flattened.

    Returns the sentence spans of all runs in order, each as ``(start, end,
    kind, block)`` with its run's tags. A run that is one sentence is returned
    as the same tuple, so the common case allocates nothing.
    """
    if not runs:
        return []
    ordered, library, forced = _candidates(text, rules)
    count = len(ordered)
    result: list[tuple[int, int, K, B]] = []
    append = result.append
    gap = GAP_CHARS
    marker_start = _MARKER_START_RE.match
    for run in runs:
        r_start, r_end, kind, block = run
        low = bisect_right(ordered, r_start)
        listed = marker_start(text, r_start, r_end) is not None
        if (low == count or ordered[low] >= r_end) and not listed:
            if r_start < r_end and text[r_start] not in gap and text[r_end - 1] not in gap:
                append(run)
            else:
                start, end = strip_span(text, r_start, r_end)
                if start < end:
                    append((start, end, kind, block))
            continue
        inner = ordered[low : bisect_left(ordered, r_end, low)]
        cuts = _run_cuts(text, r_start, r_end, inner, listed, library, forced, rules)
        cuts.append(r_end)
        start = r_start
        for cut in cuts:
            left = start
            if left < cut and text[left] in gap and left + 1 < cut and text[left + 1] not in gap:
                left += 1  # the usual single space after the previous cut
            if left < cut and text[left] not in gap and text[cut - 1] not in gap:
                append((left, cut, kind, block))
            else:
                left, right = strip_span(text, start, cut)
                if left < right:
                    append((left, right, kind, block))
            start = cut
    return result


def _candidates(text: str, rules: LanguageRules) -> tuple[list[int], set[int], dict[int, bool]]:
    """Candidate boundaries of the whole text: ``(sorted, library's, forced)``."""
    library = _library_boundaries(text, rules.sentencex_code)
    candidates = set(library)
    for m in rules.boundary_scan.finditer(text):
        end = m.end()
        # Group 1 holds closing quotes after the period: always a candidate.
        # Otherwise a starter follows: a candidate after an abbreviation.
        closing = m.lastindex is not None
        if closing or (end not in candidates and _abbreviation_before(text, end, rules)):
            candidates.add(end)
    for mark in "!?…":
        # Closing quotes after the rarer sentence punctuation: few of these
        # marks in a text, so look at each instead of scanning with a pattern.
        at = text.find(mark)
        while at >= 0:
            after = _CLOSERS_BEFORE_WORD_RE.match(text, at + 1)
            if after is not None:
                candidates.add(after.end())
            at = text.find(mark, at + 1)
    forced: dict[int, bool] = {}
    if _SPACED_DOTS_RE.search(text):
        forced.update(ellipsis_decisions(text))
    candidates.update(forced)
    return sorted(candidates), library, forced


def _run_cuts(
    text: str,
    r_start: int,
    r_end: int,
    inner: list[int],
    listed: bool,
    library: set[int],
    forced: dict[int, bool],
    rules: LanguageRules,
) -> list[int]:
    """Decide the candidate boundaries of one run; returns the cuts.

    ``listed`` tells whether the run starts with a list marker.
    """
    run_forced = forced
    if listed or any(_after_marker(text, pos, r_start) for pos in inner):
        local = enumeration_decisions(text[r_start:r_end])
        if local:
            run_forced = dict(forced)
            for pos, verdict in local.items():
                run_forced[r_start + pos] = verdict
                if r_start < r_start + pos < r_end and r_start + pos not in inner:
                    inner.append(r_start + pos)
            inner.sort()
    # A candidate followed only by gap characters up to the run's end is no
    # boundary: ``tail`` is the end of the run's last non-gap character.
    tail = r_end
    if text[r_end - 1] in GAP_CHARS:
        tail = r_start + len(text[r_start:r_end].rstrip(GAP_CHARS))
    spans: list[tuple[int, int]] | None = None
    opener = -1  # where the first quote or bracket may open, once looked for
    cuts: list[int] = []
    for pos in inner:
        if pos >= tail:
            continue
        known = run_forced.get(pos)
        if known is None:
            decided = _decide(text, pos, r_start, r_end, rules)
            verdict = decided is _Verdict.SPLIT or (decided is _Verdict.KEEP and pos in library)
        else:
            verdict = known
        if not verdict:
            continue
        if spans is None:
            # A protected span starts at an opening quote or bracket and ends at
            # a closing one; with no opener before ``pos`` or no closer after
            # it the cut stands, and the spans are not needed yet.
            if opener < 0:
                opener = _first_opener(text, r_start, r_end)
            if opener >= pos or not closes_after(text, pos, r_end):
                cuts.append(pos)
                continue
            spans = protected_spans(text[r_start:r_end])
        if not (spans and inside(spans, pos - r_start)):
            cuts.append(pos)
    return cuts


def _first_opener(text: str, start: int, end: int) -> int:
    """A position at or before the first opening quote or bracket in the run, or ``end``.

    Every span of :func:`protected_spans` starts at an opening bracket, a curly
    or low opening quote, or a straight quote that does not follow a word
    character (or starts the run).
    """
    if text[start] in "'\"":
        return start
    hint = _SPAN_START_RE.search(text, start, end)
    return hint.start() if hint is not None else end


def _token_before(text: str, pos: int, floor: int = 0) -> str:
    """The run of non-gap characters that ends at ``pos`` (at most 64 characters)."""
    low = max(floor, pos - 64)
    space = text.rfind(" ", low, pos)
    token = text[space + 1 if space >= 0 else low : pos]
    if token.isprintable():
        # No whitespace or zero-width mark inside (none of them is printable):
        # the token runs from the last space, as the general path finds.
        return token
    return _token_before_general(text, pos, floor)


def _token_before_general(text: str, pos: int, floor: int = 0) -> str:
    """:func:`_token_before` for any characters."""
    window = text[max(floor, pos - 64) : pos]
    parts = window.rsplit(None, 1)
    token = parts[-1] if parts and not window[-1:].isspace() else ""
    if token and not token.isascii():
        for mark in ZERO_WIDTH:
            token = token.rpartition(mark)[2]
    return token


def _after_marker(text: str, pos: int, floor: int) -> bool:
    """True if the token ending at ``pos`` (``pos > floor``) is a list marker."""
    last = text[pos - 1]
    if last == ".":
        # "word." : two letters before the period make a marker impossible.
        if pos - 3 >= floor and text[pos - 2].isalpha() and text[pos - 3].isalpha():
            return False
    elif last != ")":
        return False  # a marker ends with "." or ")"
    return _MARKER_TOKEN_RE.match(_token_before(text, pos, floor)) is not None


def _abbreviation_before(text: str, pos: int, rules: LanguageRules) -> bool:
    token = _token_before(text, pos).lstrip(OPENERS)
    low = token.lower()
    return bool(
        low in rules.ambiguous_abbreviations
        or low in rules.final_abbreviations
        or _ACRONYM_RE.match(token)
        or _INITIAL_RE.match(token)
    )


def _library_boundaries(text: str, code: str) -> set[int]:
    """Left ends of sentencex's boundaries (trailing whitespace excluded)."""
    if any(ch in text for ch in _BULLETS):
        # sentencex does not split inside a line that starts with a bullet
        # symbol; the bullet is structure, so the library sees a space instead.
        text = _BULLET_RE.sub(r"\1 ", text)
    return _boundaries_from_segments(text, code)


def _boundaries_from_segments(text: str, code: str) -> set[int]:
    """:func:`_boundaries_from_spans`, faster: from the library's segment strings."""
    try:
        pieces = sentencex.segment(code, text)
    except Exception:  # the library rejected the input; use the regex floor
        return {m.end() for m in _FLOOR_RE.finditer(text)}
    if pieces and "".join(pieces) == text:
        # The pieces are the texts of the library's boundaries and here they
        # rebuild the text, so piece i starts at the sum of the lengths before
        # it; its boundary is that start plus its length without trailing
        # whitespace. Counted in C, without a Python step per piece.
        head = pieces[:-1]
        return set(
            map(
                operator.add,
                accumulate(map(len, head), initial=0),
                map(len, map(str.rstrip, head, repeat(GAP_CHARS))),
            )
        )
    return _boundaries_from_spans(text, code)


def _boundaries_from_spans(text: str, code: str) -> set[int]:
    """:func:`_library_boundaries` from the library's own character spans."""
    try:
        found = sentencex.get_sentence_boundaries(code, text)
    except Exception:  # the library rejected the input; use the regex floor
        return {m.end() for m in _FLOOR_RE.finditer(text)}
    if not found or found[-1].get("end_index") != len(text):
        return {m.end() for m in _FLOOR_RE.finditer(text)}
    gap = GAP_CHARS
    # The left end of each boundary: the item's end minus its trailing whitespace.
    return {
        item["end_index"] - len(piece) + len(piece.rstrip(gap))
        for item in found[:-1]
        for piece in (item["text"],)
    }


def _decide(text: str, pos: int, floor: int, ceiling: int, rules: LanguageRules) -> _Verdict:
    """Decide one candidate boundary after ``text[:pos]`` in a run ``[floor, ceiling)``."""
    start = pos + 1  # where the next word starts, after one opening quote
    if start < ceiling and text[start] in OPENERS:
        start += 1
    if start < ceiling and text[pos] == " " and text[start].isupper():
        # The common shapes "word. Next" and "word. “Next": the same verdicts
        # as _decide_general (tests compare them), without its pattern and
        # most string work.
        last = text[pos - 1]
        if last in "!?…":
            return _Verdict.KEEP
        if last == ".":
            token = _token_before(text, pos, floor).lstrip(OPENERS)
            low = token.lower()
            if low in rules.prefix_abbreviations:
                return _Verdict.JOIN
            if low in rules.final_abbreviations:
                return _Verdict.SPLIT
            if (
                len(token) > 2
                and "." not in token[:-1]
                and low not in rules.ambiguous_abbreviations
            ):
                return _Verdict.KEEP  # neither an abbreviation, an acronym nor an initial
        elif last in _CLOSERS:
            raw = _token_before(text, pos, floor)
            token = raw.lstrip(OPENERS)
            core = token.rstrip(_CLOSERS)
            if core != token and core[-1:] in _TERMINALS and not _OMISSION_RE.search(raw):
                return _Verdict.SPLIT  # "adversity.’ This"
    return _decide_general(text, pos, floor, ceiling, rules)


def _decide_general(
    text: str, pos: int, floor: int, ceiling: int, rules: LanguageRules
) -> _Verdict:
    """:func:`_decide` for any candidate (the rules as written)."""
    nxt = _NEXT_RE.match(text, pos, ceiling)
    assert nxt is not None  # the pattern can match the empty string
    word = nxt.group("word") or ""
    first = word[:1] or nxt.group("after")
    if first.islower() and not any(c.isupper() for c in word[1:]):
        return _Verdict.JOIN  # a sentence does not start in lower case ("voila! -- you")

    raw = _token_before(text, pos, floor)
    token = raw.lstrip(OPENERS)
    if not token:
        return _Verdict.KEEP
    upper_or_digit = first.isupper() or first.isdigit()

    core = token.rstrip(_CLOSERS)
    if core != token and core[-1:] in _TERMINALS and not _OMISSION_RE.search(raw):
        return _Verdict.SPLIT if upper_or_digit or first in OPENERS else _Verdict.KEEP
    if not token.endswith("."):
        return _Verdict.KEEP

    low = token.lower()
    if first.isdigit() and low in rules.number_abbreviations:
        return _Verdict.JOIN
    if upper_or_digit and low in rules.prefix_abbreviations:
        return _Verdict.JOIN
    if first.isupper() and low in rules.final_abbreviations:
        return _Verdict.SPLIT
    if (
        low in rules.ambiguous_abbreviations
        or _ACRONYM_RE.match(token)
        or (_INITIAL_RE.match(token) and token[0].isupper())
    ):
        if first.isdigit():
            return _Verdict.KEEP
        if first.isupper():
            starter = word.lower() in rules.sentence_starters and nxt.group("after") != "."
            return _Verdict.SPLIT if starter else _Verdict.JOIN
    return _Verdict.KEEP
