"""Fuzzing the segmenter with article-like text built from Markdown and prose pieces.

Properties for every input, in both formats and several languages:
no exception other than :class:`L10nError`; each unit is the exact slice
``text[start:end]``; units are ordered, do not overlap, are not empty and carry
no gap characters at their edges; in plain text every non-gap character is in
a unit; and every unit can be stored as a PO msgid (reads back unchanged).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog, Entry
from l10n.errors import L10nError
from l10n.model import SourceFormat
from l10n.segmentation import GAP_CHARS, segment

PIECES = (
    "# ", "## ", "### Heading", "Heading\n=======", "- ", "* ", "1. ", "2) ", "> ", ">> ",
    "```", "```python\n", "~~~", "    code", "<div>", "</div>", "<!-- c -->", "---", "***",
    "| a | b |", "|---|---|", "[link](http://x.y/z.html)", "![img](a.png)", "[ref]: http://x",
    "*em*", "**strong**", "_u_", "`code`", "\\*", "&amp;", "<br>", "  \n", "\n", "\n\n",
    "\r\n", "\r", "\t", " ", "Dr. Smith", "U.S.", "e.g.", "No. 5", "3.14", "1,000.50",
    "Mr.", "p.m.", "...", "…", "?!", "!", "?", ".", "\"Quote.\"", "“Quoted.”", "«Ёлки.»",
    "(aside.)", "Kim Jong Un", "KCNA said.", "Путин заявил.", "Київ.", "북한은 밝혔다.",
    "朝鲜。", "日本語です。", "مرحبا.", "שלום.", "👍🏽", "e\u0301", "\u200b", "\u200d",
    "\ufeff", "\xa0", "\u2028", "\u3000", "\x85", "A" * 300, "word " * 30, "+++",
    "---\ntitle: x\n---",
)  # fmt: skip

_words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)
article = st.lists(st.one_of(st.sampled_from(PIECES), _words), max_size=40).map("".join)
LANGS = ("en", "ru", "uk", "ko", "de", "ja", "ar")


def check_segments(text: str, fmt: SourceFormat, lang: str) -> None:
    try:
        units = segment(text, fmt, lang)
    except L10nError:
        return
    cursor = 0
    for u in units:
        assert text[u.start : u.end] == u.text
        assert u.start >= cursor, "units overlap or are out of order"
        assert u.text, "empty unit"
        assert u.text == u.text.strip(GAP_CHARS), "gap characters at a unit's edge"
        cursor = u.end
    if fmt is SourceFormat.TEXT:
        covered = "".join(text[u.start : u.end] for u in units)
        outside = text
        for u in reversed(units):
            outside = outside[: u.start] + outside[u.end :]
        assert not outside.strip(GAP_CHARS), "plain text left out of every unit"
        assert len(covered) + len(outside) == len(text)


@pytest.mark.slow
@settings(
    max_examples=400,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=article, fmt=st.sampled_from(SourceFormat), lang=st.sampled_from(LANGS))
def test_segmenter_on_article_like_text(text: str, fmt: SourceFormat, lang: str) -> None:
    check_segments(text, fmt, lang)


@settings(max_examples=150, deadline=2000)
@given(text=st.text(max_size=300), fmt=st.sampled_from(SourceFormat))
def test_segmenter_on_any_text(text: str, fmt: SourceFormat) -> None:
    check_segments(text, fmt, "en")


@settings(max_examples=60, deadline=None)
@given(text=article)
def test_units_can_be_stored_in_a_catalog(text: str) -> None:
    """A unit becomes a msgid: the catalog writes it or refuses with an L10nError."""
    try:
        units = segment(text, SourceFormat.MARKDOWN, "en")
    except L10nError:
        return
    cat = Catalog.new(Path("u.po"), [("Content-Type", "text/plain; charset=UTF-8")])
    seen: dict[str, None] = {}
    for u in units:
        if u.text not in seen:
            seen[u.text] = None
            cat.entries.append(Entry(msgid=u.text))
    try:
        data = cat.render()
    except L10nError:
        return
    assert [e.msgid for e in Catalog.parse(data, Path("u.po")).entries] == list(seen)


def test_pathological_inputs_finish_quickly() -> None:
    """Long runs of one character: no quadratic blow-up or regex backtracking."""
    import time

    for text in (
        "." * 20_000,
        "a" * 50_000,
        "Dr. " * 5_000,
        "> " * 5_000 + "x",
        "*" * 10_000,
        "[" * 5_000,
        "`" * 5_000,
        "- " * 5_000,
        "U.S. " * 4_000,
        ("word " * 20 + "\n") * 500,
    ):
        for fmt in SourceFormat:
            t0 = time.perf_counter()
            check_segments(text, fmt, "en")
            assert time.perf_counter() - t0 < 5, (text[:20], fmt)


def test_a_panic_inside_the_sentence_library_is_not_fatal() -> None:
    # sentencex panics (a Rust panic, raised as a BaseException) on this text;
    # the segmenter falls back to its own boundaries and stays lossless.
    text = "0.\xa0F\xa0.\xa0. T"
    units = segment(text, SourceFormat.TEXT, "en")
    assert units
    assert all(text[u.start : u.end] == u.text for u in units)
    covered = {i for u in units for i in range(u.start, u.end)}
    assert all(i in covered for i, ch in enumerate(text) if ch not in GAP_CHARS)
