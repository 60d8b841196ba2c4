"""Gap characters, rule files and language codes."""

from __future__ import annotations

import sys

import pytest

from l10n.errors import LanguageError
from l10n.segmentation import GAP_CHARS, BlockKind, Segment, is_gap
from l10n.segmentation.rules import rules_for
from l10n.segmentation.types import WHITESPACE, ZERO_WIDTH, strip_span


def test_whitespace_matches_str_isspace() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(WHITESPACE) == spaces
    assert set(GAP_CHARS) == spaces | set(ZERO_WIDTH)


def test_strip_span_and_is_gap() -> None:
    text = "\u200b  Hi there.\u00a0\r\n"
    start, end = strip_span(text, 0, len(text))
    assert text[start:end] == "Hi there."
    assert strip_span(text, 0, 3) == (0, 0)
    assert is_gap("\u00a0\u200b\r\n") and not is_gap(" x ")


def test_block_kind_values_and_segment_dict() -> None:
    assert [k.value for k in BlockKind] == [
        "heading",
        "paragraph",
        "list-item",
        "quote",
        "table-cell",
        "line",
    ]
    unit = Segment("Hi.", 2, 5, BlockKind.QUOTE, 3)
    assert unit.to_dict() == {"text": "Hi.", "start": 2, "end": 5, "kind": "quote", "block": 3}
    with pytest.raises(AttributeError):
        unit.text = "x"  # type: ignore[misc]


def test_rule_files_load_once_per_language() -> None:
    en = rules_for("en")
    assert rules_for("en-US") is en
    assert "gen." in en.prefix_abbreviations and "u.s." in en.ambiguous_abbreviations
    assert "no." in en.number_abbreviations and "the" in en.sentence_starters
    assert en.time_abbreviations == {"a.m.", "p.m."} <= en.ambiguous_abbreviations
    assert {"friday", "est", "jan"} <= en.time_followers
    ru = rules_for("ru")
    assert "г." in ru.prefix_abbreviations and "т.д." in ru.final_abbreviations
    ko = rules_for("ko")  # no file: language-independent layers only
    assert not ko.prefix_abbreviations and ko.sentencex_code == "ko"


@pytest.mark.parametrize("code", ["", "e", "english language", "en--US", "12"])
def test_invalid_language_code_is_a_clear_error(code: str) -> None:
    with pytest.raises(LanguageError, match="invalid language code"):
        rules_for(code)
