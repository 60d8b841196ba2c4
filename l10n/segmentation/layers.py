"""Language-independent post-pass layers: quotes and brackets, enumerations, ellipses.

Every function here scans one block of text with compiled regular expressions and
returns positions; the per-character work happens inside ``re``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.segmentation.types import GAP_CHARS

# Quote and bracket characters worth looking at. An apostrophe between two word
# characters ("Korea’s", "don't") is skipped by the pattern itself.
_QUOTE_RE = re.compile(r"[“”‘’\"'«»„‚()\[\]{}](?:(?<!\w’)(?<!\w')|(?!\w))")
_BRACKET_PAIRS = {")": "(", "]": "[", "}": "{"}


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans ``(open, close)`` of quotes and brackets that close within ``text``.

    A sentence boundary strictly inside such a span would leave a quote or a
    bracket open in a unit, so the caller joins it. Openers that never close (a
    quotation continued in the next paragraph, "the ’90s") protect nothing.
    Nested pairs are returned too; an unmatched closer is ignored.
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    n = len(text)

    def close(openers: str, pos: int) -> bool:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] in openers:
                spans.append((stack[depth][1], pos))
                del stack[depth:]
                return True
        return False

    for match in _QUOTE_RE.finditer(text):
        pos = match.start()
        ch = text[pos]
        if ch in "([{«„‚":
            stack.append((ch, pos))
        elif ch in _BRACKET_PAIRS:
            close(_BRACKET_PAIRS[ch], pos)
        elif ch == "»":
            close("«", pos)
        elif ch == "“":
            if not (stack and stack[-1][0] == "„" and close("„", pos)):
                stack.append((ch, pos))
        elif ch == "”":
            close("“„", pos)
        elif ch == "‘":
            if not (stack and stack[-1][0] == "‚" and close("‚", pos)):
                stack.append((ch, pos))
        elif ch == "’":
            if pos and not text[pos - 1].isspace():
                close("‘‚", pos)
        else:  # straight quotes: direction from the neighbouring characters
            prev = text[pos - 1] if pos else " "
            after = text[pos + 1] if pos + 1 < n else " "
            opening = prev.isspace() or prev in "([{“‘«„—–-/" or pos == 0
            if not opening and any(q == ch for q, _ in stack):
                close(ch, pos)
            elif opening and not after.isspace():
                stack.append((ch, pos))
    return spans


# The characters of _QUOTE_RE that can end a span in protected_spans.
_CLOSING_RE = re.compile(r"[“”‘’\"'»)\]}](?:(?<!\w’)(?<!\w')|(?!\w))")


def closes_after(text: str, pos: int, end: int) -> bool:
    """False if no span of ``protected_spans(text[start:end])`` can end at or after ``pos``.

    ``start < pos`` is the start of that run: every span ends at a character
    this pattern finds, with the same look-around as :func:`protected_spans`
    (``pos > start`` keeps the look-behind inside the run, ``end`` the
    look-ahead).
    """
    return _CLOSING_RE.search(text, pos, end) is not None


def inside(spans: list[tuple[int, int]], boundary: int) -> bool:
    """True if a boundary after ``text[boundary - 1]`` falls inside a span."""
    return any(start < boundary <= end for start, end in spans)


# A list marker: "1.", "1)", "1.)", "a." after whitespace or at the start,
# optionally behind a bullet ("• 9.", "⁃10.").
_MARKER_RE = re.compile(
    r"(?:(?<=\s)|^)(?P<bullet>[•⁃‣◦▪*–-][^\S\n]*)?"
    r"(?P<value>\d{1,3}|[a-zA-Z])(?P<punct>\.\)|\)|\.)(?=\s)"
)
_INLINE_LEAD = ":;,(—–"


@dataclass(frozen=True)
class _Marker:
    start: int  # first character of the bullet or the number
    end: int  # after the marker's punctuation
    value: int
    letter: bool
    punct: str


def _markers(text: str) -> list[_Marker]:
    found: list[_Marker] = []
    for m in _MARKER_RE.finditer(text):
        raw = m.group("value")
        letter = not raw.isdigit()
        value = ord(raw.lower()) - ord("a") + 1 if letter else int(raw)
        found.append(_Marker(m.start(), m.end(), value, letter, m.group("punct")))
    return found


def _chains(markers: list[_Marker], text: str) -> list[list[_Marker]]:
    """Runs of markers numbered 1, 2, 3... (or a, b, c), with words between them."""
    chains: list[list[_Marker]] = []
    for marker in markers:
        for chain in chains:
            last = chain[-1]
            if (
                marker.value == last.value + 1
                and marker.letter == last.letter
                and marker.punct == last.punct
                and text[last.end : marker.start].strip(GAP_CHARS)
            ):
                chain.append(marker)
                break
        else:
            chains.append([marker])
    return chains


def enumeration_decisions(text: str) -> dict[int, bool]:
    """Forced decisions ``{left_end: split?}`` for numbered or lettered lists.

    A list that starts the block ("1. The first item 2. The second item") is a
    list: each marker starts a unit and no unit ends right after a marker. A list
    inside a sentence ("demands: 1. a ceasefire; 2. talks") is an inline
    enumeration: no boundary right after a marker or right before the next one.
    """
    if not _has_marker_hint(text):
        return {}
    markers = _markers(text)
    if not markers:
        return {}
    decisions: dict[int, bool] = {}
    lead_end = len(text) - len(text.lstrip(GAP_CHARS))
    for chain in _chains(markers, text):
        first = chain[0]
        at_start = first.start == lead_end
        if at_start:
            decisions[first.end] = False  # "1." alone is never a unit
        if len(chain) < 2:
            continue
        before = text[: first.start].rstrip(GAP_CHARS)
        if at_start:
            for marker in chain[1:]:
                decisions[marker.end] = False
                decisions[left_end(text, marker.start)] = True
        elif before and before[-1] in _INLINE_LEAD and first.value == 1:
            for marker in chain:
                decisions[marker.end] = False
                if marker is not first:
                    decisions[left_end(text, marker.start)] = False
    return decisions


_MARKER_HINT_RE = re.compile(r"(?:\d|(?<!\S)[a-zA-Z])(?:\.\)|\)|\.)\s")


def _has_marker_hint(text: str) -> bool:
    return _MARKER_HINT_RE.search(text) is not None


# "compounds. . . . The": the period attached to the word ends the sentence and
# the spaced ellipsis opens the next one (the four-dot convention).
_FOUR_DOT_RE = re.compile(r"(?<=[^\s.])\.((?:[ \u00a0]\.){3})(?=\s+[“\"‘'«(]?([^\W\d_]))")


def ellipsis_decisions(text: str) -> dict[int, bool]:
    """Forced decisions for the four-dot ellipsis before a capitalised word."""
    if ". . ." not in text and ".\u00a0." not in text:
        return {}
    decisions: dict[int, bool] = {}
    for m in _FOUR_DOT_RE.finditer(text):
        if m.group(2).isupper():
            decisions[m.start() + 1] = True
            decisions[m.end(1)] = False
    return decisions


def left_end(text: str, pos: int) -> int:
    """The position just after the last non-gap character before ``pos``."""
    window = text[max(0, pos - 64) : pos]
    stripped = window.rstrip(GAP_CHARS)
    if stripped or pos <= 64:
        return pos - (len(window) - len(stripped))
    return len(text[:pos].rstrip(GAP_CHARS))
