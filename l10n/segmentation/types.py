"""Values produced by segmentation: units, block kinds and the gap characters."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that may sit between units and are never part of a unit's edges:
# every character for which ``str.isspace()`` is true, plus zero-width marks
# (ZWSP, ZWNJ, ZWJ, word joiner, BOM). tests/test_segmentation_types.py checks
# the whitespace part against ``str.isspace`` over all of Unicode.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
GAP_CHARS = WHITESPACE + ZERO_WIDTH
GAP_SET = frozenset(GAP_CHARS)
"""The gap characters as a set: a faster membership test for one character."""


def is_gap(text: str) -> bool:
    """True if ``text`` holds only gap characters (or is empty)."""
    return not text.strip(GAP_CHARS)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``text[start:end]`` to exclude gap characters at both edges.

    Returns an empty span ``(start, start)`` if only gap characters remain.
    """
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip(GAP_CHARS))
    if left == len(piece):
        return start, start
    right = len(piece) - len(piece.rstrip(GAP_CHARS))
    return start + left, end - right


class BlockKind(enum.Enum):
    """The structural role of the block a unit comes from."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    TABLE_CELL = "table-cell"
    LINE = "line"


@dataclass(frozen=True)
class Segment:
    """One translation unit: ``article[start:end] == text``.

    ``block`` numbers the translatable blocks of the article from 0 in document
    order (a paragraph, heading, list item or table cell in Markdown; a chunk
    between blank lines in plain text). Units of one block share the number.
    """

    text: str
    start: int
    end: int
    kind: BlockKind
    block: int

    def to_dict(self) -> dict[str, str | int]:
        """A JSON-ready mapping: ``text``, ``start``, ``end``, ``kind``, ``block``."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "block": self.block,
        }


Span = tuple[int, int, BlockKind, int]
"""``(start, end, kind, block)``: where a unit lies in its article, and its block."""


def make_segments(article: str, spans: Iterable[Span]) -> list[Segment]:
    """``[Segment(article[start:end], start, end, kind, block) ...]`` for the spans.

    An article yields thousands of units, and the frozen dataclass ``__init__``
    (one ``object.__setattr__`` call per field) is the largest cost per unit, so
    each instance is filled directly; it is equal to, hashes like and behaves
    like an instance built by ``Segment(...)``.
    """
    units: list[Segment] = []
    append = units.append
    new = object.__new__
    for start, end, kind, block in spans:
        unit = new(Segment)
        fields = unit.__dict__
        fields["text"] = article[start:end]
        fields["start"] = start
        fields["end"] = end
        fields["kind"] = kind
        fields["block"] = block
        append(unit)
    return units
