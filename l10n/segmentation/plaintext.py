"""Plain-text structure: blocks between blank lines, and line breaks that end a unit.

Inside a block, a line break is a boundary when the line is a headline (no
final stop and the next line starts like a sentence), a bullet or numbered
item, or a dateline; other line breaks are soft wraps inside a sentence. Only
the first line of a unit can be a headline or a dateline: a line that follows a
soft wrap is inside a hard-wrapped paragraph.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate, repeat
from operator import add

from l10n.segmentation.rules import CLOSERS, OPENERS, LanguageRules
from l10n.segmentation.sentences import (
    add_run_spans,
    find_candidates,
    split_into_spans,
    starts_with_marker,
)
from l10n.segmentation.types import (
    GAP_CHARS,
    GAP_SET,
    BlockKind,
    Segment,
    Span,
    make_segments,
    strip_span,
)

# A line break; "\r(?!\n)" keeps CR LF one break even when the engine backtracks
# (as an atomic group would, but this form lets ``re`` scan for the first
# character quickly).
_EOL = r"(?:\r\n|\r(?!\n)|\n)"
_GAP_NO_EOL = "".join(re.escape(c) for c in GAP_CHARS if c not in "\r\n")
# One or more blank lines (lines holding only gap characters) between blocks.
_BLANK_RE = re.compile(rf"{_EOL}(?:[{_GAP_NO_EOL}]*{_EOL})+")
# The same for a text without CR, which ``re`` scans several times faster.
_BLANK_LF_RE = re.compile(rf"\n(?:[{_GAP_NO_EOL}]*\n)+")
_EOL_RE = re.compile(_EOL)
_MARKER_PUNCT = frozenset(".)")
_BULLET_RE = re.compile(r"[^\S\r\n]*(?:[•▪◦‣⁃*●■–—-]|\d{1,3}[.)]|[a-zA-Z][)])[^\S\r\n]+\S")
_BULLET_STARTS = " \t•▪◦‣⁃*●■–—-"
_BULLET_SET = frozenset(_BULLET_STARTS)
# A line ending with one of these has a final stop or continues on the next line.
_NOT_HEADLINE_END = ".!?…,;:-–—/&(+=|\\"
_LAST_WORD_RE = re.compile(r"[^\s]+$")


Run = Span
"""``(start, end, kind, block)``: a stretch of one block split into sentences as a whole."""


def text_runs(text: str, rules: LanguageRules) -> list[Run]:
    """The runs of a plain-text article, in order (edges carry no gap characters)."""
    runs: list[Run] = []
    block = 0
    start = 0
    gap = GAP_CHARS
    has_cr = "\r" in text
    blank = _BLANK_RE if has_cr else _BLANK_LF_RE
    bounds = [m.span() for m in blank.finditer(text)]
    bounds.append((len(text), len(text)))
    find = text.find
    for end, next_start in bounds:
        if start < end and text[start] not in gap and text[end - 1] not in gap:
            b_start, b_end = start, end  # the common case: nothing to strip
        else:
            chunk = text[start:end]
            stripped = chunk.strip(gap)
            if not stripped:
                start = next_start
                continue
            b_start = start + len(chunk) - len(chunk.lstrip(gap))
            b_end = b_start + len(stripped)
        if find("\n", b_start, b_end) >= 0 or (has_cr and find("\r", b_start, b_end) >= 0):
            runs.extend(_block_runs(text, b_start, b_end, block, rules))
        else:
            first = text[b_start]
            if text[b_end - 1] == "." and first not in _BULLET_STARTS and not first.isdigit():
                kind = BlockKind.PARAGRAPH  # the common case (see _line_kind)
            else:
                kind = _line_kind(text[b_start:b_end])
            runs.append((b_start, b_end, kind, block))
        block += 1
        start = next_start
    return runs


def text_segments(text: str, rules: LanguageRules) -> list[Segment]:
    """The units of a plain-text article: its :func:`text_runs`, split into sentences."""
    return make_segments(text, text_spans(text, rules))


def text_spans(text: str, rules: LanguageRules) -> list[Span]:
    """The unit spans of a plain-text article (see :func:`text_segments`).

    The same as ``split_into_spans(text, text_runs(text, rules), rules,
    stripped=True)`` (tests compare them), in one pass for the usual article:
    paragraphs of one line, one blank line apart. Then the blocks are the
    pieces between "\n\n" (blank lines holding spaces, or a third line break,
    make a piece of gap characters only, which has no unit either way), and
    each one-line block is one run.
    """
    parts = text.split("\n\n")
    joined = "".join(parts)
    line_break = joined.find("\n")
    # A line break inside a piece, except at the end of the text (only the
    # last piece can end with one), or a CR: the general way.
    if (line_break >= 0 and line_break != len(joined) - 1) or "\r" in joined:
        return split_into_spans(text, text_runs(text, rules), rules, stripped=True)
    found = find_candidates(text, rules)
    ordered = found[0]
    count = len(ordered)
    spans: list[Span] = []
    append = spans.append
    gap = GAP_SET  # one character at a time
    paragraph = BlockKind.PARAGRAPH
    block = 0
    starts = accumulate(map(add, map(len, parts), repeat(2)), initial=0)
    for chunk, start in zip(parts, starts, strict=False):
        if chunk and (first := chunk[0]) not in gap and chunk[-1] not in gap:
            end = start + len(chunk)  # the common case: nothing to strip
        else:
            stripped = chunk.strip(GAP_CHARS)
            if not stripped:
                continue
            start += len(chunk) - len(chunk.lstrip(GAP_CHARS))
            end = start + len(stripped)
            chunk = stripped
            first = chunk[0]
        if chunk[-1] == "." and first not in _BULLET_SET and not first.isdigit():
            kind = paragraph  # the common case (see _line_kind)
            # A list marker would be an ASCII letter and "." or ")" here: no
            # gap, bullet or digit comes first.
            listed = chunk[1:2] in _MARKER_PUNCT and starts_with_marker(text, start, end)
        else:
            kind = _line_kind(chunk)
            listed = starts_with_marker(text, start, end)
        low = bisect_right(ordered, start)
        if (low < count and ordered[low] < end) or listed:
            inner = ordered[low : bisect_left(ordered, end, low)]
            add_run_spans(spans, text, (start, end, kind, block), inner, listed, found, rules)
        else:
            append((start, end, kind, block))
        block += 1
    return spans


def _line_kind(line: str) -> BlockKind:
    if line[-1] == "." and line[0] not in _BULLET_STARTS and not line[0].isdigit():
        return BlockKind.PARAGRAPH  # the common case, decided without a pattern
    if _BULLET_RE.match(line):
        return BlockKind.LIST_ITEM
    if _is_headline_shape(line):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _block_runs(text: str, start: int, end: int, block: int, rules: LanguageRules) -> list[Run]:
    lines: list[tuple[int, int]] = []
    pos = start
    for eol in _EOL_RE.finditer(text, start, end):
        lines.append((pos, eol.start()))
        pos = eol.end()
    lines.append((pos, end))

    width = max(len(text[l_start:l_end].rstrip(GAP_CHARS)) for l_start, l_end in lines)
    run_start = lines[0][0]
    run_lines = 0
    cut_any = False
    pending: list[tuple[int, int, bool, bool]] = []  # start, end, bullet, cut as a line
    for i, (l_start, l_end) in enumerate(lines):
        run_lines += 1
        line = text[l_start:l_end]
        if i + 1 < len(lines):
            nxt = text[lines[i + 1][0] : lines[i + 1][1]]
            reason = _breaks_after(line, nxt, text[run_start:l_end], rules, run_lines > 1, width)
            if reason is None:
                continue
            cut_any = True
        else:
            reason = _Break.END
        first = text[run_start : lines[i - run_lines + 1][1]]
        pending.append((run_start, l_end, _is_bullet(first), reason is _Break.LINE))
        if i + 1 < len(lines):
            run_start = lines[i + 1][0]
        run_lines = 0

    runs: list[Run] = []
    for r_start, r_end, bullet, as_line in pending:
        r_start, r_end = strip_span(text, r_start, r_end)
        if r_start >= r_end:
            continue
        if bullet:
            kind = BlockKind.LIST_ITEM
        elif cut_any and as_line:
            kind = BlockKind.LINE
        else:
            kind = BlockKind.PARAGRAPH
        runs.append((r_start, r_end, kind, block))
    return runs


def _is_bullet(line: str) -> bool:
    return _BULLET_RE.match(line) is not None


def _is_headline_shape(line: str) -> bool:
    core = line.rstrip(GAP_CHARS).rstrip(CLOSERS)
    return bool(core) and core[-1] not in _NOT_HEADLINE_END


class _Break(enum.Enum):
    ITEM = "item"  # before or after a bullet or numbered item
    LINE = "line"  # after a headline or a dateline
    END = "end"  # the end of the block


# Text is hard-wrapped at a width of this many characters or more (72 for mail,
# 60 to 80 for most editors); a block whose lines are all shorter is not
# taken for wrapped text.
WRAP_MIN_WIDTH = 40


def _breaks_after(
    line: str,
    nxt: str,
    run: str,
    rules: LanguageRules,
    continued: bool = False,
    width: int = 0,
) -> _Break | None:
    """Why the line break between ``line`` and ``nxt`` is a unit boundary, if it is.

    ``continued``: ``line`` continues a unit begun on an earlier line (a soft
    wrap came before it). Such a line is inside a hard-wrapped paragraph, never
    a headline or a dateline, even when it ends without a stop before a
    capitalised word ("... alongside the Russian" / "Army in Kursk Oblast.").

    ``width``: the length of the longest line of the block. The first line of
    a hard-wrapped paragraph is not a headline either: it was broken because
    the next word did not fit, so it reaches (nearly) that width, where a
    headline ends short of it.
    """
    if _is_bullet(nxt):
        return _Break.ITEM
    if _is_bullet(run) and nxt[:1] not in (" ", "\t"):
        return _Break.ITEM
    if continued:
        return None
    stripped = line.strip(GAP_CHARS)
    if not stripped:
        return None
    if rules.dateline is not None and rules.dateline.match(stripped):
        return _Break.LINE
    if not _is_headline_shape(stripped):
        return None
    head = nxt.lstrip(GAP_CHARS).lstrip(OPENERS)
    if not head or head[0].islower():
        return None
    last = _LAST_WORD_RE.search(stripped)
    if last and last.group().lower() in rules.no_break_after:
        return None
    if width >= WRAP_MIN_WIDTH and _filled(line, head, width):
        return None
    return _Break.LINE


def _filled(line: str, head: str, width: int) -> bool:
    """Whether ``line`` was broken because the first word of ``head`` did not fit in ``width``.

    Text in a script written without spaces (Chinese, Japanese) is wrapped
    between any two characters: there the first character is what did not fit.
    """
    word = head.split(maxsplit=1)[0]
    if not word[0].isascii() and unicodedata.east_asian_width(word[0]) in ("W", "F"):
        word = word[0]
    return len(line.rstrip(GAP_CHARS)) + 1 + len(word) > width
