"""Segmentation's one-pass code agrees with the rules applied one at a time.

:func:`l10n.segmentation.plaintext.text_segments` splits a plain-text article
in one pass (blocks, runs, candidates and units together), and
:func:`l10n.segmentation.sentences.split_into_segments` decides the candidates
of each run with the common shapes of the rules inline and looks for quotes
only where a cut needs it. The reference below applies every rule as written
(``_decide_general``, the full quote spans, ``strip_span`` for every unit),
without any shortcut; both must give exactly the same units.
"""

from __future__ import annotations

import re

import sentencex
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from l10n.model import SourceFormat
from l10n.segmentation import BlockKind, Segment, segment, split_sentences
from l10n.segmentation import library as sx
from l10n.segmentation import sentences as S
from l10n.segmentation.api import _markdown_runs, _mask, segment_spans, unit_texts
from l10n.segmentation.layers import (
    ellipsis_decisions,
    enumeration_decisions,
    inside,
    protected_spans,
)
from l10n.segmentation.plaintext import text_runs, text_segments
from l10n.segmentation.rules import LanguageRules, rules_for
from l10n.segmentation.types import GAP_CHARS, ZERO_WIDTH, strip_span

PIECES = [
    "The ", "he ", "A ", "Gen. ", "Mr. ", "U.S. ", "E.U. ", "J. ", "a.m. ", "etc. ", "No. ",
    "Officials ", "word", "words. ", "Korea’s ", "don't ", "5 ", "12. ", "1. ", "2) ", "b. ",
    "a) ", "x.) ", ". ", "? ", "! ", "… ", ".", "?", " ", "  ", "\t", "\u00a0", "\u200b",
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "[...] ", ". . . ", "—", "-",
    "• ", "* ", "– ", "Это ", "г. ", "Москва. ", "KYIV, Ukraine (AP) —", "x" * 70, "🎉",
    "1. First point ", "2. Second point ", "a) One thing ", "b) Another thing. ", "3) alpha ",
    "word. . . . The ", "word.\u00a0.\u00a0.\u00a0. The ", "Wow!” Then ",
    "\n", "\n", "\n\n", "\n\n", "\n\n", "\n \n", "\n\n\n", "\r\n", "\r\n\r\n", "\r",
]  # fmt: skip
# Articles as newsrooms write them: one-line paragraphs between blank lines,
# sometimes a title, a list, a stray space or a hard line break.
PARAGRAPH = st.lists(st.sampled_from(PIECES[:-10]), min_size=1, max_size=12).map("".join)
SEPARATORS = st.sampled_from(["\n\n", "\n\n", "\n\n", "\n \n", "\n\n\n", "\n", " \n\n", "\n\n "])
ARTICLES = st.one_of(
    st.lists(st.tuples(PARAGRAPH, SEPARATORS), max_size=8).map(
        lambda pairs: "".join(p + sep for p, sep in pairs)
    ),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=60),
)
LANGS = st.sampled_from(["en", "ru", "de"])
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_candidates(text: str, rules: LanguageRules) -> S.Candidates:
    """:func:`S.find_candidates`, from the library's spans and every check spelled out."""
    library_text = text
    if any(ch in text for ch in sx.BULLETS):
        library_text = sx.BULLET_RE.sub(r"\1 ", text)
    library = sx.boundaries_from_spans(library_text, rules.sentencex_code)
    candidates = set(library)
    for m in rules.boundary_scan.finditer(text):
        end = m.end()
        if m.lastindex is not None or (
            end not in candidates and S._abbreviation_before(text, end, rules)
        ):
            candidates.add(end)
    for m in re.finditer("[!?…]", text):
        after = S._CLOSERS_BEFORE_WORD_RE.match(text, m.end())
        if after is not None:
            candidates.add(after.end())
    forced = ellipsis_decisions(text) if re.search("\\.[ \u00a0]\\.", text) else {}
    candidates.update(forced)
    return sorted(candidates), library, forced


def reference_cuts(
    text: str,
    run: tuple[int, int],
    inner: list[int],
    listed: bool,
    library: set[int],
    forced: dict[int, bool],
    rules: LanguageRules,
) -> list[int]:
    """Where the run ``text[start:end]`` is cut, every rule applied to every candidate."""
    r_start, r_end = run
    decisions = dict(forced)
    after_marker = any(
        S._MARKER_TOKEN_RE.match(S._token_before_general(text, pos, r_start)) for pos in inner
    )
    if listed or after_marker:
        for pos, verdict in enumeration_decisions(text[r_start:r_end]).items():
            decisions[r_start + pos] = verdict
            if r_start < r_start + pos < r_end:
                inner = [*inner, r_start + pos]
        inner = sorted(set(inner))
    tail = r_start + len(text[r_start:r_end].rstrip(GAP_CHARS))
    spans = protected_spans(text[r_start:r_end])
    cuts = []
    for pos in inner:
        if pos >= tail:
            continue
        verdict = decisions.get(pos)
        if verdict is None:
            decided = S._decide_general(text, pos, r_start, r_end, rules)
            verdict = decided is S._Verdict.SPLIT or (decided is S._Verdict.KEEP and pos in library)
        if verdict and not inside(spans, pos - r_start):
            cuts.append(pos)
    return cuts


def reference_segments(
    article: str, text: str, runs: list[tuple[int, int, BlockKind, int]], rules: LanguageRules
) -> list[Segment]:
    """The units of ``runs``, every rule applied to every candidate."""
    ordered, library, forced = reference_candidates(text, rules)
    out: list[Segment] = []
    for r_start, r_end, kind, block in runs:
        inner = [c for c in ordered if r_start < c < r_end]
        listed = S._MARKER_START_RE.match(text, r_start, r_end) is not None
        cuts = reference_cuts(text, (r_start, r_end), inner, listed, library, forced, rules)
        start = r_start
        for cut in [*cuts, r_end]:
            left, right = strip_span(text, start, cut)
            if left < right:
                out.append(Segment(article[left:right], left, right, kind, block))
            start = cut
    return out


def _library_copes(text: str, lang: str) -> bool:
    """False where sentencex itself fails: it panics on some inputs with no-break spaces."""
    code = rules_for(lang).sentencex_code
    try:
        for seen in (text, sx.BULLET_RE.sub(r"\1 ", text)):  # as library_boundaries sends it
            sentencex.segment(code, seen)
            sentencex.get_sentence_boundaries(code, seen)
    except BaseException as exc:  # pyo3's PanicException is not an Exception
        if type(exc).__name__ != "PanicException":
            raise
        return False
    return True


def _same_units(fast: list[Segment], expected: list[Segment]) -> None:
    assert fast == expected
    for got, want in zip(fast, expected, strict=True):
        assert type(got) is Segment and vars(got) == vars(want)
        assert hash(got) == hash(want) and repr(got) == repr(want)


@SETTINGS
@given(text=ARTICLES, lang=LANGS)
@example(text="Title\n\nOne. Two.\n", lang="en")
@example(text="a. First. b. Second.\n\n1. One 2. Two\n\n\n“Quote. More.” Done.", lang="en")
@example(text="x\n\n \n\nU.S. The end.\n\n\n", lang="en")
@example(text="Line one\nLine two.\n\nNext.", lang="en")
@example(text="a) First point b) Second point.\n\nc. One thing. d. Another thing.", lang="en")
@example(text="1. First point 2. Second point\nmore\n\nEnd.", lang="en")
@example(text="It went on.\u00a0.\u00a0.\u00a0. The end. And. . . . The rest.", lang="en")
def test_plain_text_in_one_pass_matches_every_rule(text: str, lang: str) -> None:
    assume(_library_copes(text, lang))
    rules = rules_for(lang)
    runs = text_runs(text, rules)
    expected = reference_segments(text, text, runs, rules)
    _same_units(text_segments(text, rules), expected)
    _same_units(S.split_into_segments(text, text, runs, rules, stripped=True), expected)
    _same_units(S.split_into_segments(text, text, runs, rules), expected)
    assert segment(text, SourceFormat.TEXT, lang) == expected


@SETTINGS
@given(text=ARTICLES, lang=LANGS)
@example(text="# Title\n\n- One. Two.\n- Three\n\n> Quote. Here.", lang="en")
def test_markdown_runs_split_as_every_rule_says(text: str, lang: str) -> None:
    rules = rules_for(lang)
    runs = _markdown_runs(text)
    masked = _mask(text, [(start, end) for start, end, _, _ in runs])
    assume(_library_copes(masked, lang))
    expected = reference_segments(text, masked, runs, rules)
    _same_units(S.split_into_segments(text, masked, runs, rules), expected)
    assert segment(text, SourceFormat.MARKDOWN, lang) == expected


@SETTINGS
@given(text=ARTICLES, lang=LANGS, data=st.data())
@example(text="1) first point 2) second point", lang="en", data=None)
def test_split_sentences_of_any_run(text: str, lang: str, data: st.DataObject) -> None:
    assume(_library_copes(text, lang))
    rules = rules_for(lang)
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    run = [(start, end, BlockKind.PARAGRAPH, 0)]
    expected = [(s.start, s.end) for s in reference_segments(text, text, run, rules)]
    assert S.split_runs(text, [(start, end)], rules) == [expected]
    if (start, end) == (0, len(text)):
        assert split_sentences(text, lang) == expected


@SETTINGS
@given(text=ARTICLES, lang=LANGS)
@example(text="It went on.\u00a0.\u00a0.\u00a0. The end.", lang="en")
def test_candidates_match_the_reference(text: str, lang: str) -> None:
    assume(_library_copes(text, lang))
    rules = rules_for(lang)
    assert S.find_candidates(text, rules) == reference_candidates(text, rules)


def test_zero_width_marks_end_library_pieces_as_gaps() -> None:
    # rstrip() alone would keep the marks; the gap characters include them.
    for mark in ZERO_WIDTH:
        text = f"First sentence.{mark} Second one.\u00a0{mark} Third."
        rules = rules_for("en")
        assert S.find_candidates(text, rules) == reference_candidates(text, rules)
        units = [u.text for u in segment(text, SourceFormat.TEXT, "en")]
        assert units == ["First sentence.", "Second one.", "Third."]


@SETTINGS
@given(text=ARTICLES, lang=LANGS, data=st.data())
@example(text="Gen. The troops. Mr. Smith. U.S. The army. etc. The end.", lang="en", data=None)
@example(text="Word. “aB c. (xY z. ‘Gen. Lee. x.” The", lang="en", data=None)
def test_every_position_is_decided_as_the_rules_say(
    text: str, lang: str, data: st.DataObject | None
) -> None:
    """Each position of a run taken as a candidate, in or out of the library's set."""
    rules = rules_for(lang)
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    if end - start < 2:
        return
    inner = list(range(start + 1, end))
    library = set(inner if data is None else data.draw(st.sets(st.sampled_from(inner))))
    listed = S._MARKER_START_RE.match(text, start, end) is not None
    expected = reference_cuts(text, (start, end), inner, listed, library, {}, rules)
    assert S._run_cuts(text, start, end, list(inner), listed, library, {}, rules) == expected


@SETTINGS
@given(text=ARTICLES, lang=LANGS, fmt=st.sampled_from(SourceFormat))
@example(text="Title\n\nOne. Two.\n\nOne.\n\n1. One 2. Two", lang="en", fmt=SourceFormat.TEXT)
@example(text="# One. Two.\n\n- One.\n- Two. Three.", lang="en", fmt=SourceFormat.MARKDOWN)
def test_unit_texts_and_spans_are_those_of_the_units(
    text: str, lang: str, fmt: SourceFormat
) -> None:
    """The units' spans and distinct texts, worked out without building the units."""
    units = segment(text, fmt, lang)
    spans = segment_spans(text, fmt, lang)
    assert [(u.start, u.end, u.kind, u.block) for u in units] == spans
    assert unit_texts(text, fmt, lang) == {u.text for u in units}
