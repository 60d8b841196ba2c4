"""Word counting: the ASCII fast path counts what the word pattern finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.articles import _WORD, _ascii_word_count, word_count


def test_ascii_count_agrees_on_every_short_string() -> None:
    # letters, digits, every joiner, the underscore (not a letter) and separators
    for length in range(6):
        for chars in itertools.product("a1.-'_ ,", repeat=length):
            text = "".join(chars)
            assert _ascii_word_count(text) == len(_WORD.findall(text)), text


@settings(max_examples=1000, deadline=None)
@given(st.text(st.characters(max_codepoint=127), max_size=60))
def test_ascii_count_agrees_on_any_ascii(text: str) -> None:
    assert _ascii_word_count(text) == len(_WORD.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(["a", "Z", "9", ".", "-", "'", "’", "é", "_", " ", "\n"])))
def test_word_count_is_the_pattern_count(text: str) -> None:
    assert word_count(text) == len(_WORD.findall(text))


def test_word_count_examples() -> None:
    assert word_count("Don't stop: the U.S.-led talks on 3.5% rates, e.g. today") == 11
    assert word_count("It’s a well-known fact… 1,000 people") == 7
    assert word_count("") == 0
