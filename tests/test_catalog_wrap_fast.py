"""The fast path of line breaking against the general, character-by-character path."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog.linebreak import break_class, is_simple, possible_breaks, simple_break_at
from l10n.catalog.wrap import _general_line_breaks, _line_breaks, _simple_line_breaks, wrap_string

# Letters, digits, ASCII punctuation, spaces and the escaped characters.
ASCII = "abcXYZ019 -.,;:!?'\"()[]{}<>/\\|$%+*#&@^_`~=\t\n\r\x01"
# One-column characters of many classes, and others: combining marks, joiners, a
# zero-width space, a line separator, wide, half-width, regional indicators, emoji.
NARROW = "“”‘’«»„éßЖё€£°—–…¡¿\u00a0\u2011\u202f"
OTHER = "\u0301\u200d\u200b\u2028界ｶ\U0001f1e6\U0001f600"
SIMPLE_TEXT = st.text(alphabet=st.sampled_from(ASCII.replace("\x01", "") + NARROW), max_size=300)
TEXT = st.text(alphabet=st.sampled_from(ASCII + NARROW + OTHER), max_size=60)
ASCII_TEXT = st.text(alphabet=st.sampled_from(ASCII), max_size=300)
WORDS = (
    'The council voted on Tuesday 3.5% $100 (AFP) - — U.S. well-known "quoted" '
    "http://example.com/a/b “curly” ‘single’ 1,234 end. \\ Gemeinderat évêque Жители " + "x" * 90
).split()
PROSE = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)


def reference_breaks(text: str) -> list[int]:
    return [i for i, ok in enumerate(possible_breaks(list(map(break_class, text)))) if ok]


@settings(max_examples=600)
@given(st.one_of(ASCII_TEXT, SIMPLE_TEXT, TEXT))
def test_simple_breaks_match_possible_breaks(text: str) -> None:
    if is_simple(text):
        found = [i for i in range(1, len(text)) if simple_break_at(text, i)]
        assert found == reference_breaks(text)


@settings(max_examples=600)
@given(st.one_of(ASCII_TEXT, SIMPLE_TEXT, TEXT, PROSE), st.integers(1, 90), st.integers(0, 20))
def test_line_breaks_match_the_general_path(piece: str, width: int, start: int) -> None:
    expected = _general_line_breaks(piece, width, start, False)
    assert _line_breaks(piece, width, start, False) == expected
    if is_simple(piece):
        assert _simple_line_breaks(piece, width, start) == expected


def test_what_counts_as_simple() -> None:
    assert is_simple("plain \x01 ASCII\n")
    assert is_simple("“Quoted” Gemeinderat évêque — Жители…")
    for other in ("e\u0301", "a\u200bb", "界", "\U0001f1e6\U0001f1e8", "é\x01", "x\u200dy"):
        assert not is_simple(other), other
    text = "The regional council voted on Tuesday to extend the measures for six months. " * 2
    assert _line_breaks(text, 70, 6, True) == _general_line_breaks(text, 70, 6, True)


def test_wrapped_sentence_with_escapes() -> None:
    value = 'He said "the vote (3.5%) was final" and left.\tThen:\n' + "word " * 30 + "\n"
    assert wrap_string("", "msgstr", value) == [
        'msgstr ""',
        '"He said \\"the vote (3.5%) was final\\" and left.\\tThen:\\n"',
        '"word word word word word word word word word word word word word word word "',
        '"word word word word word word word word word word word word word word word \\n"',
    ]
