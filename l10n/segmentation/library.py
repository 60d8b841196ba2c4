"""sentencex, the sentence segmenter l10n builds on: its boundaries as offsets.

This is the only module that calls the library; :mod:`l10n.segmentation.sentences`
adds l10n's candidates and decides every boundary.
"""

from __future__ import annotations

import operator
import re
from itertools import accumulate, repeat

import sentencex

from l10n.segmentation.rules import CLOSERS
from l10n.segmentation.types import GAP_CHARS, ZERO_WIDTH

BULLETS = "•▪◦‣⁃●■"
# A bullet symbol at the start of a line (after its indentation, group 1).
BULLET_RE = re.compile(rf"(?:^|(?<=[\r\n]))([^\S\r\n]*)[{BULLETS}]")
# A crude floor used only if the library fails on an input.
_FLOOR_RE = re.compile(rf"[.!?…]+[{re.escape(CLOSERS)}]*(?=\s)")


def library_boundaries(text: str, code: str) -> set[int]:
    """Left ends of sentencex's boundaries (trailing whitespace excluded)."""
    if any(map(text.__contains__, BULLETS)):
        # sentencex does not split inside a line that starts with a bullet
        # symbol; the bullet is structure, so the library sees a space instead.
        text = BULLET_RE.sub(r"\1 ", text)
    return boundaries_from_segments(text, code)


# Ctrl-C and exits go through; anything else the library raises means it failed
# on this text. It is compiled Rust: a panic inside it arrives as an exception
# derived from BaseException, not Exception, and must not end the run.
_INTERRUPTS = (KeyboardInterrupt, SystemExit, GeneratorExit)


def _floor(text: str) -> set[int]:
    """The crude boundaries used where the library fails on a text."""
    return {m.end() for m in _FLOOR_RE.finditer(text)}


def boundaries_from_segments(text: str, code: str) -> set[int]:
    """:func:`boundaries_from_spans`, faster: from the library's segment strings."""
    try:
        pieces = sentencex.segment(code, text)
    except _INTERRUPTS:
        raise
    except BaseException:  # the library rejected the input; use the regex floor
        return _floor(text)
    if pieces and "".join(pieces) == text:
        # The pieces are the texts of the library's boundaries and here they
        # rebuild the text, so piece i starts at the sum of the lengths before
        # it; its boundary is that start plus its length without trailing
        # whitespace. Counted in C, without a Python step per piece.
        head = pieces[:-1]
        if any(map(text.__contains__, ZERO_WIDTH)):
            stripped = map(str.rstrip, head, repeat(GAP_CHARS))
        else:
            # Without zero-width marks the gap characters are exactly what
            # str.isspace() accepts, which rstrip() strips by default (faster).
            stripped = map(str.rstrip, head)
        return set(map(operator.add, accumulate(map(len, head), initial=0), map(len, stripped)))
    return boundaries_from_spans(text, code)


def boundaries_from_spans(text: str, code: str) -> set[int]:
    """:func:`library_boundaries` from the library's own character spans."""
    try:
        found = sentencex.get_sentence_boundaries(code, text)
    except _INTERRUPTS:
        raise
    except BaseException:  # the library rejected the input; use the regex floor
        return _floor(text)
    if not found or found[-1].get("end_index") != len(text):
        return _floor(text)
    gap = GAP_CHARS
    # The left end of each boundary: the item's end minus its trailing whitespace.
    return {
        item["end_index"] - len(piece) + len(piece.rstrip(gap))
        for item in found[:-1]
        for piece in (item["text"],)
    }
