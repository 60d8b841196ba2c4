"""``segment()``: an article into sentence units with exact character spans."""

from __future__ import annotations

from l10n.model import SourceFormat
from l10n.segmentation.plaintext import text_spans
from l10n.segmentation.rules import rules_for
from l10n.segmentation.sentences import split_into_spans
from l10n.segmentation.types import Segment, Span, is_gap, make_segments


def segment(text: str, fmt: SourceFormat, lang: str) -> list[Segment]:
    """Split an article into translation units.

    For every unit ``text[s.start:s.end] == s.text``; units are ordered, do not
    overlap and carry no leading or trailing whitespace. In plain text every
    non-whitespace character is in exactly one unit; in Markdown every character
    of translatable text is, while markup markers and untranslatable blocks
    (code, HTML, front matter, link definitions) stay outside.
    """
    return make_segments(text, segment_spans(text, fmt, lang))


def unit_texts(text: str, fmt: SourceFormat, lang: str) -> set[str]:
    """The distinct texts of ``segment(text, fmt, lang)``, without building the units."""
    return {text[start:end] for start, end, _, _ in segment_spans(text, fmt, lang)}


def segment_spans(text: str, fmt: SourceFormat, lang: str) -> list[Span]:
    """Where the units of :func:`segment` lie: ``(start, end, kind, block)`` each."""
    rules = rules_for(lang)
    if fmt is SourceFormat.MARKDOWN:
        runs = _markdown_runs(text)
        masked = _mask(text, [(start, end) for start, end, _, _ in runs])
        return split_into_spans(masked, runs, rules)
    return text_spans(text, rules)


def _markdown_runs(text: str) -> list[Span]:
    """One run per stretch of block text not interrupted by markup.

    Lines of a block separated only by whitespace (a soft-wrapped paragraph)
    form one run, so its units may contain line breaks; a marker between lines
    (``> `` in a block quote) ends the run, so no unit contains a marker.
    """
    # Loaded here: a project of plain-text articles never needs the Markdown parser.
    from l10n.segmentation.markdown import markdown_blocks

    runs: list[Span] = []
    for block, md_block in enumerate(markdown_blocks(text)):
        pieces = md_block.pieces
        start, end = pieces[0]
        for p_start, p_end in pieces[1:]:
            if is_gap(text[end:p_start]):
                end = p_end
            else:
                runs.append((start, end, md_block.kind, block))
                start, end = p_start, p_end
        runs.append((start, end, md_block.kind, block))
    return runs


def _mask(text: str, runs: list[tuple[int, int]]) -> str:
    """``text`` with everything outside the runs blanked (line breaks kept)."""
    parts: list[str] = []
    cursor = 0
    for start, end in runs:
        gap = text[cursor:start]
        parts.append(gap if is_gap(gap) else _blank(gap))
        parts.append(text[start:end])
        cursor = end
    tail = text[cursor:]
    parts.append(tail if is_gap(tail) else _blank(tail))
    return "".join(parts).replace("\0", "\ufffd")


def _blank(text: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in text)
