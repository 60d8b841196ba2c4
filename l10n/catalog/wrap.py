"""Serialise entries in GNU gettext's canonical layout (what ``msgcat`` writes).

Layout facts reproduced here (gettext 0.21, default width 79):

* comment order: ``# ``, ``#.``, ``#:``, ``#,``, ``#|``; then msgctxt, msgid,
  msgid_plural, msgstr / msgstr[N]; obsolete entries prefix keyword lines with
  ``#~ `` and previous strings with ``#~| ``;
* a string is cut after every ``\\n`` escape; if it has more than one such piece,
  or it does not fit on the keyword line, the keyword gets ``""`` and the pieces
  follow on their own lines;
* pieces longer than the width are broken at the last line-break opportunity
  (UAX #14, see :mod:`l10n.catalog.linebreak`) that keeps the quoted line within
  79 columns, counting East-Asian wide characters as 2;
* ``#:`` references are packed into lines of at most 79 columns.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import accumulate, repeat

from l10n.catalog.entry import Entry
from l10n.catalog.linebreak import (
    break_class,
    char_width,
    is_simple,
    possible_breaks,
    simple_break_at,
)

DEFAULT_WIDTH = 79

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def escape(text: str) -> str:
    """Quote-safe PO form of ``text`` (only the five escapes gettext and l10n accept)."""
    return text.translate(_ESCAPE_TABLE)


def _pieces(value: str) -> list[str]:
    """Split after each newline; the last piece may be empty only if value is empty."""
    out: list[str] = []
    start = 0
    while True:
        nl = value.find("\n", start)
        if nl < 0:
            if start < len(value) or not out:
                out.append(value[start:])
            return out
        out.append(value[start : nl + 1])
        start = nl + 1


_SPECIAL_CHARS = frozenset(_ESCAPES)


def _line_breaks(piece: str, width: int, start_col: int, cjk: bool) -> tuple[list[str], bool]:
    """Escape ``piece`` and break it like libunistring's width-aware line breaking.

    Returns the output lines and whether any break was inserted.
    """
    if not cjk and is_simple(piece):
        return _simple_line_breaks(piece, width, start_col)
    return _general_line_breaks(piece, width, start_col, cjk)


def _general_line_breaks(
    piece: str, width: int, start_col: int, cjk: bool
) -> tuple[list[str], bool]:
    """:func:`_line_breaks` for any text, one character at a time."""
    if _SPECIAL_CHARS.isdisjoint(piece):
        chars = list(piece)
        prohibit: list[bool] | None = None
    else:
        chars = []
        prohibit = []  # override: no break before this character
        for ch in piece:
            esc = _ESCAPES.get(ch)
            if esc is None:
                chars.append(ch)
                prohibit.append(False)
            else:
                chars.append("\\")
                chars.append(esc[1])
                prohibit.append(False)
                prohibit.append(True)
        if piece.endswith("\n"):
            prohibit[-2] = True  # never break just before the final \n
    if piece.isascii() and not cjk:
        cum = list(range(len(chars) + 1))
    else:
        cum = [0, *accumulate(map(char_width, chars, repeat(cjk)))]
    if start_col + cum[-1] <= width:
        return ["".join(chars)], False
    possible = possible_breaks(list(map(break_class, chars)))
    cuts: list[int] = []
    last_p = -1
    last_column = start_col
    prev_pos = 0
    for p in range(1, len(chars)):
        if not possible[p] or (prohibit is not None and prohibit[p]):
            continue
        piece_width = cum[p] - cum[prev_pos]
        if last_p >= 0 and last_column + piece_width > width:
            cuts.append(last_p)
            last_column = 0
        last_p = p
        last_column += piece_width
        prev_pos = p
    if last_p >= 0 and last_column + cum[-1] - cum[prev_pos] > width:
        cuts.append(last_p)
    if not cuts:
        return ["".join(chars)], False
    lines: list[str] = []
    prev = 0
    for cut in cuts:
        lines.append("".join(chars[prev:cut]))
        prev = cut
    lines.append("".join(chars[prev:]))
    return lines, True


_ESCAPE_PAIR = re.compile(r"\\.", re.DOTALL)


def _simple_line_breaks(piece: str, width: int, start_col: int) -> tuple[list[str], bool]:
    """:func:`_line_breaks` for simple text (see ``is_simple``): one column per character.

    The same greedy cuts, found line by line: a line ends at the last break
    opportunity that keeps it within ``width`` (or, when there is none, at the
    first one after its start), and only while the rest does not fit. Only
    the positions near each line's end are examined.
    """
    text = piece if _SPECIAL_CHARS.isdisjoint(piece) else escape(piece)
    n = len(text)
    if start_col + n <= width:
        return [text], False
    prohibited: set[int] = set()
    if text is not piece:
        # No break inside an escape sequence, nor just before a final \n.
        prohibited = {m.start() + 1 for m in _ESCAPE_PAIR.finditer(text)}
        if piece.endswith("\n"):
            prohibited.add(n - 2)
    cuts: list[int] = []
    start = 0
    column = start_col
    while column + n - start > width:
        limit = min(start + width - column, n - 1)
        end = limit
        while end > start and (end in prohibited or not simple_break_at(text, end)):
            end -= 1
        if end <= start:
            end = max(limit, start) + 1
            while end < n and (end in prohibited or not simple_break_at(text, end)):
                end += 1
            if end >= n:
                break
        cuts.append(end)
        start = end
        column = 0
    if not cuts:
        return [text], False
    lines: list[str] = []
    prev = 0
    for cut in cuts:
        lines.append(text[prev:cut])
        prev = cut
    lines.append(text[prev:])
    return lines, True


def wrap_string(
    prefix: str, keyword: str, value: str, width: int = DEFAULT_WIDTH, cjk: bool = False
) -> list[str]:
    """Lines (without newline) that write ``keyword "value"`` behind ``prefix``.

    Cached: sync writes the same source text (``msgid``, ``#| msgid``) into the
    catalog of every language and the template.
    """
    return list(_wrap_cached(prefix, keyword, value, width, cjk))


@functools.lru_cache(maxsize=16384)
def _wrap_cached(prefix: str, keyword: str, value: str, width: int, cjk: bool) -> tuple[str, ...]:
    return tuple(_wrap(prefix, keyword, value, width, cjk))


def _wrap(prefix: str, keyword: str, value: str, width: int, cjk: bool) -> list[str]:
    if width <= 0:
        return [f'{prefix}{keyword} "{escape(value)}"']
    after_break = len(prefix) + 1
    content_width = width - 1 - after_break
    pieces = _pieces(value)
    out: list[str] = []
    first = True
    for index, piece in enumerate(pieces):
        if first:
            start_col = len(keyword) + 1
            lines, broke = _line_breaks(piece, content_width, start_col, cjk)
            more = index < len(pieces) - 1
            if piece and (more or start_col > content_width or broke):
                out.append(f'{prefix}{keyword} ""')
                first = False
            else:
                out.append(f'{prefix}{keyword} "{lines[0]}"')
                first = False
                continue
        lines, _ = _line_breaks(piece, content_width, 0, cjk)
        out.extend(f'{prefix}"{line}"' for line in lines)
    return out


def _comment_lines(mark: str, texts: Iterable[str]) -> list[str]:
    return [f"{mark} {t}" if t else mark for t in texts]


def reference_lines(references: Iterable[str], width: int = DEFAULT_WIDTH) -> list[str]:
    """``#:`` lines packing the references as gettext does."""
    out: list[str] = []
    line = "#:"
    for ref in references:
        if len(line) > 2 and len(line) + 1 + len(ref) > width:
            out.append(line)
            line = "#:"
        line += " " + ref
    if len(line) > 2:
        out.append(line)
    return out


def entry_lines(entry: Entry, width: int = DEFAULT_WIDTH, cjk: bool = False) -> list[str]:
    """The lines of one entry in gettext's canonical layout."""
    lines = _comment_lines("#", entry.translator_comments)
    lines += _comment_lines("#.", entry.extracted_comments)
    lines += reference_lines(entry.references, width)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += wrap_string(prev, "msgctxt", entry.previous_msgctxt, width, cjk)
    if entry.previous_msgid is not None:
        lines += wrap_string(prev, "msgid", entry.previous_msgid, width, cjk)
    if entry.previous_msgid_plural is not None:
        lines += wrap_string(prev, "msgid_plural", entry.previous_msgid_plural, width, cjk)
    pre = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += wrap_string(pre, "msgctxt", entry.msgctxt, width, cjk)
    lines += wrap_string(pre, "msgid", entry.msgid, width, cjk)
    if entry.msgid_plural is not None:
        lines += wrap_string(pre, "msgid_plural", entry.msgid_plural, width, cjk)
        for i, form in enumerate(entry.msgstr_plural):
            lines += wrap_string(pre, f"msgstr[{i}]", form, width, cjk)
    else:
        lines += wrap_string(pre, "msgstr", entry.msgstr, width, cjk)
    return lines


def serialize_entry(entry: Entry, width: int = DEFAULT_WIDTH) -> str:
    """gettext-canonical text of one entry, newline-terminated, no blank line after it."""
    return "\n".join(entry_lines(entry, width)) + "\n"
