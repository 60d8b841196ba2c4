"""The fast paths of segmentation agree with the general code they shortcut.

Segmentation skips work where a cheap check proves the result (a common
boundary shape, a token without odd characters, a run without quotes around a
cut, the library's plain segments). Each property below compares a fast path
with the general computation on generated text, so a shortcut that drifts
from the rules fails here rather than only changing some article's units.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.segmentation import BlockKind, Segment, library, plaintext, sentences
from l10n.segmentation.layers import closes_after, inside, protected_spans
from l10n.segmentation.rules import OPENERS, rules_for
from l10n.segmentation.types import make_segments

PIECES = [
    "The ", "he ", "A ", "Gen. ", "Mr. ", "U.S. ", "E.U. ", "J. ", "a.m. ", "etc. ", "No. ",
    "approx. ", "Inc. ", "Officials ", "word", "words. ", "Korea’s ", "don't ", "5 ", "1. ",
    "2) ", "b. ", ". ", "? ", "! ", "… ", ".", "?", " ", "  ", "\t", "\n", "\n\n", "\r\n",
    "“", "”", "‘", "’", '"', "'", "«", "»", "„", "‚", "(", ")", "[", "]", "{", "}", "¿",
    "[...] ", "(…) ", ". . . ", ".\u00a0.\u00a0. ", "\u200b", "\u00a0", "\u00ad", "—", "-",
    "• ", "Это ", "г. ", "т.е. ", "Москва. ", "Ж. ", "x" * 70, "É", "🎉",
]  # fmt: skip

texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=80),
)
LANGS = st.sampled_from(["en", "ru", "de"])
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=texts, lang=LANGS, data=st.data())
def test_decide_fast_path_matches_general_rules(text: str, lang: str, data: st.DataObject) -> None:
    rules = rules_for(lang)
    if len(text) < 2:
        return
    floor = data.draw(st.integers(0, len(text) - 2))
    ceiling = data.draw(st.integers(floor + 2, len(text)))
    for pos in range(floor + 1, ceiling):
        fast = sentences._decide(text, pos, floor, ceiling, rules)
        general = sentences._decide_general(text, pos, floor, ceiling, rules)
        assert fast is general, (text, pos)


TRICKY = [
    "Gen. The troops. Mr. Smith. Dr. Who? Yes! No… Then. U.S. The army. U.S. Army. J. Smith.",
    "etc. The end. a.m. They left. No. 5 and No. The. approx. The. E.U. Officials met.",
    "(aside.) The. “Quote.” Then. ‘Quote!’ After. [...] The. (…) Then. x.) The. D-Calif.) He.",
    "word.’ This. word.” “Next. word.) (Next. word.’ ‘Next. word. The. word.​ The.",
    "г. Москва. т.е. Это. Ж. Иванов. Москва. Это. ул. Ленина. млн. Это.",
    "in Geneva. “Nobody came. U.S. “The x. Gen. (Smith. etc. ‘They. J. «The. x.“",
    "x" * 70 + ". The. " + "y" * 70 + "’ The.",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_decide_fast_path_on_tricky_boundaries(text: str, lang: str) -> None:
    rules = rules_for(lang)
    for floor in (0, 5):
        for pos in range(floor + 1, len(text)):
            fast = sentences._decide(text, pos, floor, len(text), rules)
            general = sentences._decide_general(text, pos, floor, len(text), rules)
            assert fast is general, (text[max(0, pos - 10) : pos], text[pos : pos + 10])


@SETTINGS
@given(text=texts, data=st.data())
def test_token_before_fast_path_matches_general(text: str, data: st.DataObject) -> None:
    floor = data.draw(st.integers(0, len(text)))
    for pos in range(floor, len(text) + 1):
        assert sentences._token_before(text, pos, floor) == sentences._token_before_general(
            text, pos, floor
        )


@SETTINGS
@given(text=texts, lang=LANGS)
def test_library_boundaries_from_segments_match_the_spans(text: str, lang: str) -> None:
    code = rules_for(lang).sentencex_code
    assert library.boundaries_from_segments(text, code) == library.boundaries_from_spans(text, code)


@SETTINGS
@given(
    run=texts,
    before=st.sampled_from(["", "x", " ", "a'", "“"]),
    after=st.sampled_from(["", "s", " "]),
)
def test_cut_needs_spans_only_between_an_opener_and_a_closer(
    run: str, before: str, after: str
) -> None:
    if not run:
        return
    # The run sits inside a longer text, as in an article.
    text = before + run + after
    start, end = len(before), len(before) + len(run)
    spans = protected_spans(run)
    opener = sentences._first_opener(text, start, end)
    for pos in range(1, len(run)):
        if inside(spans, pos):
            assert opener < start + pos
            assert closes_after(text, start + pos, end)


def test_first_opener_and_closer_examples() -> None:
    text = "He said ‘go.’ Korea’s troops left."
    assert sentences._first_opener(text, 0, len(text)) == text.index("‘")
    cut = text.index("’ ") + 1
    assert not closes_after(text, cut + 1, len(text))  # "Korea’s" closes nothing
    assert closes_after(text, 1, len(text))
    assert sentences._first_opener("'Quote' x", 0, 9) == 0
    assert sentences._first_opener("a'Quote. Next.' x", 1, 15) == 1  # the run starts at the quote


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_blank_line_pattern_without_cr_matches_the_general_one(text: str) -> None:
    text = text.replace("\r", "")
    general = [m.span() for m in plaintext._BLANK_RE.finditer(text)]
    assert [m.span() for m in plaintext._BLANK_LF_RE.finditer(text)] == general


@pytest.mark.parametrize("lang", ["en", "ru", "uk", "de"])
def test_boundary_scan_finds_what_a_plain_alternation_finds(lang: str) -> None:
    rules = rules_for(lang)
    starters = sorted(rules.sentence_starters)
    # An independent oracle: every starter as written in the rule file is
    # capitalised; build the obvious alternation of them.
    words = sorted({w[:1].upper() + w[1:] for w in starters}, key=len, reverse=True)
    opener = re.escape(OPENERS)
    oracle = (
        re.compile(rf"\.(?=\s+[{opener}]?(?:{'|'.join(map(re.escape, words))})(?![\w.]))")
        if words
        else None
    )
    samples = [
        f"Gen. {w} left. U.S. {w}s went. x.{w} y. “{w} z.” {w}. {w}x. ({w}." for w in words
    ] + ["A b. C d.’ E f.) g. No. 5 x.” Y", ""]
    for sample in samples:
        found = {m.end() for m in rules.boundary_scan.finditer(sample) if m.lastindex is None}
        expected = {m.end() for m in oracle.finditer(sample)} if oracle else set()
        assert found == expected, sample


def test_word_trie_matches_exactly_its_words() -> None:
    from l10n.segmentation.rules import _word_trie

    words = ["A", "An", "And", "Any", "As", "At", "The", "There", "Then", "x.y"]
    pattern = re.compile(_word_trie(words))
    for word in [*words, "", "Ann", "Th", "Thee", "Therein", "x", "xzy", "At "]:
        assert (pattern.fullmatch(word) is not None) == (word in words), word


@given(
    spans=st.lists(
        st.tuples(
            st.integers(0, 20), st.integers(0, 20), st.sampled_from(BlockKind), st.integers(0, 5)
        ),
        max_size=10,
    )
)
def test_make_segments_builds_ordinary_segments(
    spans: list[tuple[int, int, BlockKind, int]],
) -> None:
    article = "The troops left. Они ушли. 🎉 x"
    built = make_segments(article, spans)
    expected = [Segment(article[s:e], s, e, k, b) for s, e, k, b in spans]
    assert built == expected
    assert [hash(u) for u in built] == [hash(u) for u in expected]
    assert [repr(u) for u in built] == [repr(u) for u in expected]
    for unit in built:
        with pytest.raises(AttributeError):
            unit.text = "changed"  # type: ignore[misc]


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "bc", " ", "\n", "\n\n", "\r", "\r\n"]), max_size=30))
def test_markdown_line_spans_match_the_line_breaks(text: list[str]) -> None:
    from l10n.segmentation.markdown import _line_spans

    src = "".join(text)
    expected: list[tuple[int, int]] = []
    pos = 0
    for eol in re.finditer(r"\r\n|\r|\n", src):
        expected.append((pos, eol.start()))
        pos = eol.end()
    expected.append((pos, len(src)))
    assert _line_spans(src) == expected


class _Panic(BaseException):
    """What a panic inside the compiled library arrives as."""


@pytest.mark.parametrize("call", ["segment", "get_sentence_boundaries"])
def test_a_library_failure_falls_back_to_the_floor_and_interrupts_go_through(
    call: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sentencex

    def fail(code: str, text: str) -> object:
        raise _Panic

    text = "One sentence. Another one!” And a third."
    monkeypatch.setattr(sentencex, call, fail)
    fn = library.boundaries_from_segments if call == "segment" else library.boundaries_from_spans
    assert fn(text, "en") == {13, 27}

    def interrupt(code: str, text: str) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(sentencex, call, interrupt)
    with pytest.raises(KeyboardInterrupt):
        fn(text, "en")
