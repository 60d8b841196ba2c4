"""Sentence splitting inside one block: sentencex candidates plus l10n's rules.

sentencex proposes boundaries; l10n adds candidates it may miss (a sentence-final
abbreviation before a likely starter, a closing quote before a capital), then
decides every candidate with per-language data (``rules/<lang>.yml``) and the
language-independent layers in :mod:`l10n.segmentation.layers`. The library
stays swappable: only :mod:`l10n.segmentation.library` knows about it.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from l10n.segmentation.layers import (
    closes_after,
    ellipsis_decisions,
    enumeration_decisions,
    inside,
    protected_spans,
)
from l10n.segmentation.library import library_boundaries
from l10n.segmentation.rules import (
    AFTER_CLOSERS,
    CLOSERS,
    OPENERS,
    QUOTE_CLOSERS,
    LanguageRules,
    rules_for,
)
from l10n.segmentation.types import (
    GAP_CHARS,
    GAP_SET,
    ZERO_WIDTH,
    BlockKind,
    Segment,
    Span,
    make_segments,
    strip_span,
)

_GAP_CLASS = "".join(re.escape(c) for c in GAP_CHARS)
# After a boundary: skip dashes and opening punctuation, then take one word.
_NEXT_RE = re.compile(
    rf"[-–—‐‑‒―{re.escape(OPENERS)}{_GAP_CLASS}]*(?P<word>[^\W_][\w’'-]*)?(?P<after>.?)",
    re.DOTALL,
)
_TERMINALS = ".!?…"
_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_INITIAL_RE = re.compile(r"^[^\W\d_]\.$")
# After sentence punctuation other than a period (see LanguageRules.boundary_scan):
# closing quotes or brackets, space, then a letter. A candidate even if the
# library did not propose it ("Who will pay?’ Nobody").
_CLOSERS_BEFORE_WORD_RE = re.compile(rf"[{re.escape(QUOTE_CLOSERS)}]+{AFTER_CLOSERS}")
# An omission mark in brackets ("[...]", "(…)") does not end a sentence.
_OMISSION_RE = re.compile(r"[\[(](?:\.{3}|…)[\])]")
# Where a quote or bracket may open (see _first_opener).
# (One character class first, so that ``re`` can scan for it quickly.)
_SPAN_START_RE = re.compile(r"[“‘«„‚(\[{'\"](?<!\w['\"])")
# A list marker as a whole token ("1.", "b)", "2.)"), or one starting the block.
_MARKER_TOKEN_RE = re.compile(r"[•⁃‣◦▪*–-]?(?:\d{1,3}|[a-zA-Z])(?:\.\)|\)|\.)\Z")
_MARKER_START_RE = re.compile(
    rf"[{_GAP_CLASS}]*(?:[•⁃‣◦▪*–-][^\S\n]*)?(?:\d{{1,3}}|[a-zA-Z])(?:\.\)|\)|\.)\s"
)
# What a run must start with for _MARKER_START_RE to match there: a gap or
# bullet character, a digit, or an ASCII letter followed by "." or ")".
_MARKER_FIRST = frozenset(GAP_CHARS + "•⁃‣◦▪*–-")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_MARKER_PUNCT = frozenset(".)")


class _Verdict(enum.Enum):
    SPLIT = "split"
    JOIN = "join"
    KEEP = "keep"  # no rule applies: keep the library's decision


_SPLIT = _Verdict.SPLIT
_KEEP = _Verdict.KEEP
_OPENER_SET = frozenset(OPENERS)


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
    tagged = [(start, end, BlockKind.PARAGRAPH, index) for index, (start, end) in enumerate(runs)]
    for start, end, _, block in split_into_spans(text, tagged, rules):
        result[block].append((start, end))
    return result


def split_into_segments(
    article: str,
    text: str,
    runs: Sequence[Span],
    rules: LanguageRules,
    *,
    stripped: bool = False,
) -> list[Segment]:
    """The sentence units of runs ``(start, end, kind, block)`` of ``text``, in order.

    ``text`` is what the rules read: the article itself, or the same-length
    article with markup blanked; each unit's text is sliced from ``article``.
    See :func:`split_into_spans`.
    """
    return make_segments(article, split_into_spans(text, runs, rules, stripped=stripped))


def split_into_spans(
    text: str,
    runs: Sequence[Span],
    rules: LanguageRules,
    *,
    stripped: bool = False,
) -> list[Span]:
    """The spans ``(start, end, kind, block)`` of the sentence units of runs of ``text``.

    Units carry their run's kind and block, so :func:`split_runs` is this
    function with the run's index as its block. ``stripped`` promises that
    every run is non-empty and has no gap character at either edge.
    """
    if not runs:
        return []
    found = find_candidates(text, rules)
    ordered = found[0]
    count = len(ordered)
    spans: list[Span] = []
    append = spans.append
    gap = GAP_SET  # one character at a time
    marker_first = _MARKER_FIRST
    marker_start = _MARKER_START_RE.match
    for run in runs:
        r_start, r_end, kind, block = run
        low = bisect_right(ordered, r_start)
        listed = False
        if r_start < r_end:
            # Most runs start with a capital letter or a quote: no list marker,
            # seen from the first two characters without running the pattern.
            first = text[r_start]
            if (
                first in marker_first
                or first.isdecimal()
                or (first in _ASCII_LETTERS and text[r_start + 1 : r_start + 2] in _MARKER_PUNCT)
            ):
                listed = marker_start(text, r_start, r_end) is not None
        if (low < count and ordered[low] < r_end) or listed:
            inner = ordered[low : bisect_left(ordered, r_end, low)]
            add_run_spans(spans, text, run, inner, listed, found, rules)
            continue
        # One unit: the run, stripped.
        if stripped or (
            r_start < r_end and text[r_start] not in gap and text[r_end - 1] not in gap
        ):
            append(run)
            continue
        left, right = strip_span(text, r_start, r_end)
        if left < right:
            append((left, right, kind, block))
    return spans


def add_run_spans(
    spans: list[Span],
    text: str,
    run: Span,
    inner: list[int],
    listed: bool,
    found: Candidates,
    rules: LanguageRules,
) -> None:
    """Append the unit spans of one run ``(start, end, kind, block)`` to ``spans``.

    See :func:`split_into_spans`; ``inner`` holds the candidates strictly
    inside the run, in order, and ``listed`` tells whether the run starts with
    a list marker.
    """
    r_start, r_end, kind, block = run
    cuts = _run_cuts(text, r_start, r_end, inner, listed, found[1], found[2], rules)
    if not cuts and text[r_start] not in GAP_SET and text[r_end - 1] not in GAP_SET:
        spans.append(run)  # no cut: the run is one unit, as below
        return
    cuts.append(r_end)
    append = spans.append
    gap = GAP_SET  # one character at a time
    start = r_start
    for cut in cuts:  # each after the previous one: start < cut
        left = start
        if text[left] in gap and left + 1 < cut and text[left + 1] not in gap:
            left += 1  # the usual single space after the previous cut
        if text[left] not in gap and text[cut - 1] not in gap:
            right = cut
        else:
            left, right = strip_span(text, start, cut)
            if left >= right:
                start = cut
                continue
        append((left, right, kind, block))
        start = cut


def starts_with_marker(text: str, start: int, end: int) -> bool:
    """Whether a list marker ("1.", "• a)") starts the run ``text[start:end]``."""
    return _MARKER_START_RE.match(text, start, end) is not None


Candidates = tuple[list[int], set[int], dict[int, bool]]
"""Candidate boundaries of a text: ``(sorted, the library's, forced decisions)``."""


def find_candidates(text: str, rules: LanguageRules) -> Candidates:
    """Candidate boundaries of the whole text: ``(sorted, library's, forced)``."""
    library = library_boundaries(text, rules.sentencex_code)
    candidates = set(library)
    for m in rules.boundary_scan.finditer(text):
        # Group 1 holds closing quotes after the period: always a candidate.
        # Otherwise a starter follows: a candidate after an abbreviation.
        if m.lastindex is not None:
            candidates.add(m.end())
        elif (end := m.end()) not in candidates and _abbreviation_before(text, end, rules):
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
    if ". ." in text or ".\u00a0." in text:  # a spaced ellipsis may follow a period
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
    if not listed:
        # Does a candidate follow a list marker ("1.", "b)")? As _after_marker.
        for pos in inner:
            last = text[pos - 1]
            if last == ".":
                # "word." : two letters before the period make a marker impossible.
                if pos - 3 >= r_start and text[pos - 3 : pos - 1].isalpha():
                    continue
            elif last != ")":
                continue  # a marker ends with "." or ")"
            if _after_marker(text, pos, r_start):
                listed = True
                break
    if listed:
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
    if text[r_end - 1] in GAP_SET:
        tail = r_start + len(text[r_start:r_end].rstrip(GAP_CHARS))
    spans: list[tuple[int, int]] | None = None
    # No quote or bracket opens in [r_start, scanned); ``opener`` is at or
    # before the first one that does, once found (see _first_opener).
    opener = -1
    scanned = r_start
    cuts: list[int] = []
    for pos in inner:  # in order
        if pos >= tail:
            break
        if run_forced and (known := run_forced.get(pos)) is not None:
            if not known:
                continue
        else:
            # The common shapes of _decide, inline (tests compare the cuts with it).
            decided = None
            start = pos + 1
            if start < r_end and text[start] in _OPENER_SET:
                start += 1
            if start < r_end and text[pos] == " " and text[start].isupper():
                last = text[pos - 1]
                if last == ".":
                    window = pos - 64 if pos - 64 > r_start else r_start
                    space = text.rfind(" ", window, pos)
                    token = text[space + 1 if space >= 0 else window : pos]
                    if not token.isprintable():
                        token = _token_before_general(text, pos, r_start)
                    token = token.lstrip(OPENERS)
                    lower = token.lower()
                    if lower in rules.prefix_abbreviations:
                        continue  # JOIN
                    if lower in rules.final_abbreviations:
                        decided = _SPLIT
                    elif (
                        len(token) > 2
                        and "." not in token[:-1]
                        and lower not in rules.ambiguous_abbreviations
                    ):
                        decided = _KEEP
                    else:
                        decided = _decide_general(text, pos, r_start, r_end, rules)
                elif last in "!?…":
                    decided = _KEEP
            if decided is None:
                decided = _decide(text, pos, r_start, r_end, rules)
            if decided is not _SPLIT and (decided is not _KEEP or pos not in library):
                continue
        if spans is None:
            # A protected span starts at an opening quote or bracket and ends at
            # a closing one; with no opener before ``pos`` or no closer after
            # it the cut stands, and the spans are not needed yet. The run is
            # scanned for openers only up to the cut.
            if opener < 0 and scanned < pos:
                found = _first_opener(text, scanned, pos)
                if found < pos:
                    opener = found
                else:
                    scanned = pos
            if opener < 0 or not closes_after(text, pos, r_end):
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
    character (or starts the run). ``text[start:end]`` may also be the rest of
    a run: a straight quote at ``start`` counts then too, which is on the safe
    side.
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
            # _token_before, inline: the token from the last space, when printable.
            window = pos - 64 if pos - 64 > floor else floor
            space = text.rfind(" ", window, pos)
            token = text[space + 1 if space >= 0 else window : pos]
            if not token.isprintable():
                token = _token_before_general(text, pos, floor)
            token = token.lstrip(OPENERS)
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
        elif last in CLOSERS:
            raw = _token_before(text, pos, floor)
            token = raw.lstrip(OPENERS)
            core = token.rstrip(CLOSERS)
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

    core = token.rstrip(CLOSERS)
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
            if starter or (
                low in rules.time_abbreviations
                and _time_ends_sentence(text, pos - len(raw), floor, word, nxt.end("word"), rules)
            ):
                return _Verdict.SPLIT
            return _Verdict.JOIN
    return _Verdict.KEEP


# A time of day before its abbreviation ("6 ", "6:30 ", "10.30 "), at the end of a text.
_CLOCK_RE = re.compile(r"(?<![\w.,:])\d{1,2}(?:[:.]\d{2})?\s?$")
# The end of the sentence before (terminal, closers, space): the last match before a time.
_SENTENCE_END_RE = re.compile(rf"[{_TERMINALS}][{re.escape(QUOTE_CLOSERS)}]*\s+")
_TIME_WORD_RE = re.compile(r"\s+time\b", re.IGNORECASE)


def _time_ends_sentence(
    text: str, token_start: int, floor: int, word: str, word_end: int, rules: LanguageRules
) -> bool:
    """Whether "a.m."/"p.m." (from ``token_start``) ends a sentence before ``word``.

    Only after a number, and not where the time opens the sentence ("At 5 a.m.
    Mr. Smith went"), goes on with a day, month or time zone ("6 p.m. Friday",
    ``time_followers``) or with "time" ("6 p.m. Moscow time").
    """
    clock = _CLOCK_RE.search(text, max(floor, token_start - 8), token_start)
    if clock is None or word.lower() in rules.time_followers:
        return False
    if _TIME_WORD_RE.match(text, word_end):
        return False
    start = floor
    for m in _SENTENCE_END_RE.finditer(text, floor, clock.start()):
        start = m.end()
    # "At 5 a.m.", "Shortly after 6 p.m.": the time opens the sentence.
    return len(text[start : clock.start()].split()) > 2
