"""Markdown structure: translatable blocks and the exact spans of their text.

markdown-it-py (CommonMark plus GFM tables) finds the blocks; token ``map`` line
ranges and the raw inline content locate each line's text in the original, so
markers (``#``, ``- ``, ``> ``, table pipes) stay outside the units. Code blocks,
HTML blocks, link reference definitions and YAML front matter yield nothing.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, repeat

from markdown_it import MarkdownIt

from l10n.segmentation.types import GAP_CHARS, BlockKind, strip_span

_EOL_RE = re.compile(r"\r\n|\r|\n")
_FRONT_OPEN_RE = re.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)")
_FRONT_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_PIPE_RE = re.compile(r"(?<!\\)\|")
_TABLE_PREFIX_RE = re.compile(r"[\s>]*(?:(?:[-+*]|\d{1,9}[.)])\s+)?")
_CONTAINERS = {
    "blockquote_open": BlockKind.QUOTE,
    "list_item_open": BlockKind.LIST_ITEM,
}

_parser: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _parser
    if _parser is None:
        # Only the block structure and the raw content of inline tokens are
        # used, so the core rules that parse inline children are switched off
        # (they cost more than half of the parse and change no block token).
        _parser = (
            MarkdownIt("commonmark")
            .enable(["table", "strikethrough"])
            .disable(["inline", "text_join"])
        )
    return _parser


@dataclass(frozen=True)
class MarkdownBlock:
    """A translatable block: its kind and the spans holding its text, in order."""

    kind: BlockKind
    pieces: tuple[tuple[int, int], ...]


def front_matter_end(text: str) -> int:
    """The end of a leading ``---`` YAML front matter block, or 0 if there is none."""
    opening = _FRONT_OPEN_RE.match(text)
    if opening is None:
        return 0
    closing = _FRONT_CLOSE_RE.search(text, opening.end())
    return closing.end() if closing is not None else 0


def markdown_blocks(text: str) -> Iterator[MarkdownBlock]:
    """The translatable blocks of a Markdown article, in document order."""
    # markdown-it normalises CR LF and CR to LF and NUL to U+FFFD; both keep the
    # line numbering, and the NUL replacement keeps every offset.
    src = text.replace("\0", "\ufffd")
    skip = front_matter_end(src)
    if skip:
        src = _blank_out(src, skip)
    lines = _line_spans(src)
    stack: list[str] = []
    table_row: list[tuple[int, str]] = []  # (line, content) of the current row's cells
    for token in _markdown().parse(src):
        if token.type == "inline":
            if stack and stack[-1] in ("th_open", "td_open"):
                assert token.map is not None
                table_row.append((token.map[0], token.content))
                continue
            kind = _kind(stack)
            pieces = _inline_pieces(src, lines, token.map, token.content)
            if pieces:
                yield MarkdownBlock(kind, pieces)
        elif token.type == "tr_close":
            yield from _table_cells(src, lines, table_row)
            table_row = []
        elif token.nesting == 1:
            stack.append(token.type)
        elif token.nesting == -1 and stack:
            stack.pop()


def _blank_out(src: str, end: int) -> str:
    """Replace everything but line breaks before ``end`` with spaces."""
    head = re.sub(r"[^\r\n]", " ", src[:end])
    return head + src[end:]


def _line_spans(src: str) -> list[tuple[int, int]]:
    if "\r" not in src:
        # Only LF breaks: line i starts one past the end of line i - 1,
        # counted in C from the lengths of the lines.
        lengths = list(map(len, src.split("\n")))
        starts = list(accumulate(map(operator.add, lengths[:-1], repeat(1)), initial=0))
        return list(zip(starts, map(operator.add, starts, lengths), strict=True))
    spans: list[tuple[int, int]] = []
    pos = 0
    for eol in _EOL_RE.finditer(src):
        spans.append((pos, eol.start()))
        pos = eol.end()
    spans.append((pos, len(src)))
    return spans


def _kind(stack: list[str]) -> BlockKind:
    if stack and stack[-1] == "heading_open":
        return BlockKind.HEADING
    for token_type in reversed(stack):
        kind = _CONTAINERS.get(token_type)
        if kind is not None:
            return kind
    return BlockKind.PARAGRAPH


def _inline_pieces(
    src: str, lines: list[tuple[int, int]], line_map: list[int] | None, content: str
) -> tuple[tuple[int, int], ...]:
    """Locate each line of an inline token's raw content in its source line.

    Paragraph lines are suffixes of their source lines (container markers and
    indentation come first); an ATX heading's text comes before its closing
    hashes. Searching from the right finds both.
    """
    if line_map is None:
        return ()
    pieces: list[tuple[int, int]] = []
    index = line_map[0]
    last = min(max(line_map[1], index + 1), len(lines))
    for part in content.split("\n"):
        wanted = part.strip(GAP_CHARS)
        if wanted:
            # Lines that markdown-it trimmed away entirely (a first line of
            # only NBSP) hold no part of the content: skip them.
            while index < last and src.rfind(wanted, *lines[index]) < 0:
                index += 1
            if index >= last:
                break
            found = src.rfind(wanted, *lines[index])
            pieces.append((found, found + len(wanted)))
        index += 1
    return tuple(pieces)


def _table_cells(
    src: str, lines: list[tuple[int, int]], row: list[tuple[int, str]]
) -> Iterator[MarkdownBlock]:
    """One block per non-empty cell; the spans keep escaped pipes as written."""
    if not row:
        return
    l_start, l_end = lines[row[0][0]]
    cuts = [m.start() for m in _PIPE_RE.finditer(src, l_start, l_end)]
    bounds = [l_start, *[c + 1 for c in cuts]]
    ends = [*cuts, l_end]
    raw_pieces = list(zip(bounds, ends, strict=True))
    first_content = row[0][1].replace("|", "\\|").strip(GAP_CHARS)
    first_piece = src[raw_pieces[0][0] : raw_pieces[0][1]]
    if first_content:
        offset = 0 if first_content in first_piece else 1
    else:
        offset = 1 if _TABLE_PREFIX_RE.fullmatch(first_piece) and cuts else 0
    for i, (_, content) in enumerate(row):
        wanted = content.replace("|", "\\|").strip(GAP_CHARS)
        if not wanted or i + offset >= len(raw_pieces):
            continue
        p_start, p_end = raw_pieces[i + offset]
        found = src.rfind(wanted, p_start, p_end)
        span = (found, found + len(wanted)) if found >= 0 else strip_span(src, p_start, p_end)
        if span[0] < span[1]:
            yield MarkdownBlock(BlockKind.TABLE_CELL, (span,))
