"""Split a unit that is longer than a provider accepts, and join it back.

Cuts go after sentence punctuation followed by white space when possible,
otherwise at white space, and only as a last resort inside a word. The white
space at each cut is kept aside and put back between the translated pieces,
so ``"".join(piece + gap for piece, gap in split_text(t, n)) == t``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE_GAP = re.compile(r"(?<=[.!?…。！？:;»\"”)])\s+")
_ANY_GAP = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    text: str  # what is sent (never longer than the limit)
    gap: str  # white space that followed it in the source


def _cut(text: str, limit: int) -> int:
    """Where the first piece of ``text`` (longer than ``limit``) should end."""
    window = text[: limit + 1]
    for pattern in (_SENTENCE_GAP, _ANY_GAP):
        ends = [m.start() for m in pattern.finditer(window) if 0 < m.start() <= limit]
        if ends:
            return ends[-1]
    return limit


def split_text(text: str, limit: int) -> list[Piece]:
    """Pieces of at most ``limit`` characters; a short text is one piece."""
    if limit < 1:
        raise ValueError("limit must be positive")
    pieces: list[Piece] = []
    rest = text
    while len(rest) > limit:
        end = _cut(rest, limit)
        gap_match = re.match(r"\s*", rest[end:])
        gap = gap_match.group(0) if gap_match else ""
        pieces.append(Piece(rest[:end], gap))
        rest = rest[end + len(gap) :]
    if rest or not pieces:
        pieces.append(Piece(rest, ""))
    return pieces


def join_pieces(pieces: Sequence[Piece], translations: Sequence[str]) -> str:
    """The translated pieces joined with the source's gaps (a space at least)."""
    out = []
    for piece, translated in zip(pieces, translations, strict=True):
        out.append(translated.strip() if len(pieces) > 1 else translated)
        if piece.gap:
            out.append(piece.gap)
    return "".join(out)
