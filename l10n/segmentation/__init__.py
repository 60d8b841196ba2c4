"""Segmentation: articles into sentence units, losslessly.

``segment(text, fmt, lang)`` finds the translatable blocks of a plain-text or
Markdown article and splits them into sentences; ``split_sentences(text, lang)``
splits one block. Boundaries come from sentencex, corrected by l10n's own rules
(per-language data in ``rules/*.yml``). Every unit is an exact slice of the
article, so the article can always be rebuilt from the units and the gaps.
"""

from __future__ import annotations

from l10n.segmentation.api import segment
from l10n.segmentation.sentences import split_sentences
from l10n.segmentation.types import GAP_CHARS, BlockKind, Segment, is_gap

__all__ = ["GAP_CHARS", "BlockKind", "Segment", "is_gap", "segment", "split_sentences"]
