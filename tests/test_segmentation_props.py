"""Property tests: segmentation is lossless for any input, in both formats."""

from __future__ import annotations

import re
import textwrap

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from l10n.model import SourceFormat
from l10n.segmentation import GAP_CHARS, Segment, segment, split_sentences
from l10n.segmentation.markdown import front_matter_end
from l10n.segmentation.plaintext import WRAP_MIN_WIDTH
from l10n.segmentation.rules import rules_for

PIECES = [
    "The",
    "troops",
    "U.S.",
    "Gen.",
    "a.m.",
    "No.",
    "1.",
    "2)",
    "a.",
    "Mr.",
    "г.",
    "т.е.",
    "Москва",
    "Ж.",
    " ",
    " ",
    " ",
    "  ",
    ". ",
    "? ",
    "! ",
    "…",
    ". . . ",
    ",",
    ";",
    ":",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u2028",
    "\ufeff",
    "🎉",
    "👨\u200d👩",
    "e\u0301",
    "“",
    "”",
    "‘",
    "’",
    '"',
    "'",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "—",
    "- ",
    "* ",
    "• ",
    "> ",
    "# ",
    "## ",
    "|",
    " | ",
    "---",
    "```",
    "    ",
    "`code`",
    "*em*",
    "[link](http://x.org)",
    "<b>",
    "<div>",
    "\\",
    "\x00",
    "4",
]

articles = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
)

LANGS = st.sampled_from(["en", "ru", "uk", "ko", "de"])


def _check_common(text: str, units: list[Segment]) -> list[str]:
    """Invariants shared by both formats; returns the gaps between units."""
    gaps: list[str] = []
    cursor = 0
    for unit in units:
        assert text[unit.start : unit.end] == unit.text
        assert unit.text
        assert unit.text == unit.text.strip(GAP_CHARS)
        assert unit.start >= cursor
        gaps.append(text[cursor : unit.start])
        cursor = unit.end
    gaps.append(text[cursor:])
    rebuilt = "".join(g + u.text for g, u in zip(gaps, units, strict=False)) + gaps[-1]
    assert rebuilt == text
    blocks = [u.block for u in units]
    assert blocks == sorted(blocks)
    assert not blocks or (blocks[0] == 0 and set(blocks) == set(range(blocks[-1] + 1)))
    return gaps


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles, lang=LANGS)
@example(text="A b.\r\n\r\nC d.\u00a0\u200bE f 🎉 e\u0301.", lang="en")
def test_plain_text_is_lossless(text: str, lang: str) -> None:
    units = segment(text, SourceFormat.TEXT, lang)
    gaps = _check_common(text, units)
    # Plain text has no markup: everything outside the units is whitespace.
    assert all(not g.strip(GAP_CHARS) for g in gaps)


@settings(max_examples=300, deadline=None)
@given(text=articles, lang=LANGS)
def test_split_sentences_is_lossless(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    cursor = 0
    for start, end in spans:
        assert cursor <= start < end
        assert text[start:end] == text[start:end].strip(GAP_CHARS)
        assert not text[cursor:start].strip(GAP_CHARS)
        cursor = end
    assert not text[cursor:].strip(GAP_CHARS)


_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_NON_GAP = re.compile("[" + re.escape(GAP_CHARS) + "]")
_QUOTE_MARKER = re.compile(r"[\r\n] {0,3}>")


def _translatable_chars(text: str) -> str:
    """Non-gap characters of every inline token, as markdown-it sees them."""
    src = text.replace("\0", "\ufffd")
    end = front_matter_end(src)
    if end:
        src = re.sub(r"[^\r\n]", " ", src[:end]) + src[end:]
    chars: list[str] = []
    in_cell = False
    for token in _MD.parse(src):
        if token.type in ("th_open", "td_open"):
            in_cell = True
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline":
            content = token.content.replace("|", "\\|") if in_cell else token.content
            chars.append(_NON_GAP.sub("", content))
    return "".join(chars)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles, lang=LANGS)
@example(text="> The troops fought. They\n> showed endurance.\n", lang="en")
@example(text="\xa0\nThe", lang="en")
@example(text="| a | b \\| c |\n|---|---|\n| x. Y. | |\n", lang="en")
@example(text="---\ntitle: x\n---\n# Head #\n\n- item\n  more\n", lang="en")
def test_markdown_is_lossless(text: str, lang: str) -> None:
    units = segment(text, SourceFormat.MARKDOWN, lang)
    _check_common(text, units)
    for unit in units:
        assert not _QUOTE_MARKER.search(unit.text)
    # Exactly the translatable text is inside the units, nothing lost, no markers.
    got = _NON_GAP.sub("", "".join(u.text for u in units)).replace("\0", "\ufffd")
    assert got == _translatable_chars(text)


_WORDS = st.lists(st.from_regex(r"[A-Z]?[a-z]{1,10}", fullmatch=True), min_size=12, max_size=60)


@given(words=_WORDS, width=st.integers(50, 90))
@settings(max_examples=100, deadline=None)
def test_a_hard_wrapped_sentence_is_one_unit(words: list[str], width: int) -> None:
    """However its lines end (capitalised words included), a wrapped sentence stays whole.

    Only text wrapped at a width a text is wrapped at: below ``WRAP_MIN_WIDTH``
    a block of short lines is taken for headlines and lines as written.
    """
    lines = textwrap.wrap(" ".join(words) + ".", width)
    assume(max(map(len, lines)) >= WRAP_MIN_WIDTH)
    text = "\n".join(lines)
    units = segment(text, SourceFormat.TEXT, "en")
    assert [u.text for u in units] == [text]


@given(
    headline=st.lists(
        st.from_regex(r"[A-Z][a-z]{1,6}", fullmatch=True).filter(
            lambda w: w.lower() not in rules_for("en").no_break_after  # "... of" goes on
        ),
        min_size=1,
        max_size=4,
    ),
    words=_WORDS,
    width=st.integers(50, 90),
)
@settings(max_examples=100, deadline=None)
def test_a_headline_above_a_wrapped_paragraph_is_its_own_unit(
    headline: list[str], words: list[str], width: int
) -> None:
    title = " ".join(headline)
    lines = textwrap.wrap("The " + " ".join(words) + ".", width)
    assume(max(map(len, lines)) >= WRAP_MIN_WIDTH)
    body = "\n".join(lines)
    units = segment(f"{title}\n{body}", SourceFormat.TEXT, "en")
    assert [u.text for u in units] == [title, body]
