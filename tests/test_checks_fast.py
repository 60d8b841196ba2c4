"""The fast paths of the check engine and the small checks agree with straightforward versions.

Each reference below is the plain formulation (a stack for brackets, a
generator per check, one Issue constructor call and one severity lookup per
finding); hypothesis compares it with what ``l10n check`` runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.catalog.header import Header
from l10n.checks import (
    CatalogContext,
    Finding,
    Pair,
    Policy,
    catalogs,
    check_catalog,
    engine,
    quotes,
    states,
    text,
)
from l10n.checks.context import is_markdown_entry
from l10n.checks.issues import ROW_KEY, CatalogResult, FileIssues, Issue
from l10n.checks.registry import (
    Scope,
    catalog_checks,
    entry_checks,
    entry_family,
    info,
    pair_checks,
    pair_family,
)
from l10n.languages import language
from l10n.model import Severity
from l10n.records import ignored_checks, unit_hash

# -- references -------------------------------------------------------------------------

_BRACKET_OF = {")": "(", "]": "[", "}": "{", "）": "（"}


def ref_brackets_balanced(text_: str) -> bool:
    stack: list[str] = []
    for ch in text_:
        if ch in _BRACKET_OF:
            if not stack or stack[-1] != _BRACKET_OF[ch]:
                return False
            stack.pop()
        elif ch in "([{（":
            stack.append(ch)
    return not stack


def _has_quote(t: str) -> bool:
    return any(c in quotes._QUOTE_CHARS for c in t)


def _has_bracket(t: str) -> bool:
    return any(c in "()[]{}（）" for c in t)


def ref_quotes(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src, tgt = pair.source, pair.target
    sq = quotes.quote_profile(src) if _has_quote(src) else None
    sb = ref_brackets_balanced(src) if _has_bracket(src) else None
    if sq is not None or _has_quote(tgt):
        s = sq if sq is not None else quotes.QuoteProfile(0, 0, True)
        t = quotes.quote_profile(tgt)
        if s.marks and not t.marks:
            yield Finding("the source has quotation marks; the translation has none", "quotes")
        elif s.balanced and not t.balanced:
            yield Finding("unbalanced quotation marks in the translation", "quotes")
        elif s.balanced and t.pairs < s.pairs:
            yield Finding(
                f"the source quotes {s.pairs} passage(s); the translation quotes {t.pairs}",
                "quotes",
            )
    if sb is not False and _has_bracket(tgt) and not ref_brackets_balanced(tgt):
        yield Finding("unbalanced brackets in the translation", "quotes")


def ref_untranslated(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    # Optional languages get one finding per catalog (a catalog check), none per unit.
    if entry.is_empty and ctx.policy.required:
        sev = Severity.ERROR if ctx.policy.min_percent >= 100 else Severity.WARNING
        yield Finding("not translated", check="untranslated", severity=sev)


def ref_entry_validity(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    for i, form in enumerate(entry.translations):
        if not form:
            continue
        src = entry.msgid if i == 0 or entry.msgid_plural is None else entry.msgid_plural
        name = "msgstr" if entry.msgid_plural is None else f"msgstr[{i}]"
        if src.startswith("\n") != form.startswith("\n"):
            yield Finding(
                f"msgid and {name} do not both begin with a newline (msgfmt rejects this)",
                check="po-valid",
            )
        if src.endswith("\n") != form.endswith("\n"):
            yield Finding(
                f"msgid and {name} do not both end with a newline (msgfmt rejects this)",
                check="po-valid",
            )


def ref_length(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src = len(pair.source.strip())
    if src < 40 or ctx.lang is None:
        return
    expected = text._expansion(ctx.lang) / text._expansion(ctx.source_lang)
    ratio = len(pair.target.strip()) / src
    if ratio < expected / 2.5:
        yield Finding(
            f"the translation is {ratio:.2f}x the source length "
            f"(usual about {expected:.2f}x); text may be missing",
            check="length",
        )
    elif ratio > expected * 2.5:
        yield Finding(
            f"the translation is {ratio:.2f}x the source length "
            f"(usual about {expected:.2f}x); text may be added",
            check="length",
        )


EntryFn = Callable[[Entry, CatalogContext], Iterable[Finding]]
PairFn = Callable[[Pair, CatalogContext], Iterable[Finding]]

# The families as their members, one call each (the registration order of the ids).
ENTRY_MEMBERS: dict[object, list[tuple[str, EntryFn]]] = {
    states.entry_family_checks: [
        ("plurals", catalogs.plurals),
        ("po-valid", ref_entry_validity),
        ("untranslated", ref_untranslated),
        ("fuzzy", states.fuzzy),
        ("unreviewed", states.unreviewed),
        ("stale-review", states.stale_review),
    ],
}
PAIR_MEMBERS: dict[object, list[tuple[str, PairFn]]] = {
    text.text_checks: [
        ("quotes", ref_quotes),
        ("punctuation", text.punctuation),
        ("whitespace", text.whitespace),
        ("same-as-source", text.same_as_source),
        ("length", ref_length),
    ],
}


def ref_check_catalog(
    catalog: Catalog, ctx: CatalogContext, severity_of: engine.SeverityOf
) -> CatalogResult:
    """The engine loop as first written: a Pair per form, a lookup per finding."""
    issues: list[Issue] = []

    def emit(cid0: str, f: Finding, line: int, msgid: str | None, ignored: frozenset[str]) -> None:
        cid = f.check or cid0
        if cid in ignored:
            return
        default = f.severity if f.severity is not None else info(cid).severity
        sev = severity_of(cid, ctx.lang, default)
        if sev is None:
            return
        issues.append(
            Issue(
                path=ctx.path,
                line=f.line if f.line is not None else line,
                lang=ctx.lang,
                article=ctx.article,
                msgid=msgid,
                check=cid,
                severity=sev,
                message=f.message,
                blocking=ctx.policy.required,
            )
        )

    entry_fns = [m for cid, fn in entry_checks() for m in ENTRY_MEMBERS.get(fn, [(cid, fn)])]
    pair_fns = [m for cid, fn in pair_checks() for m in PAIR_MEMBERS.get(fn, [(cid, fn)])]
    for cid, cfn in catalog_checks():
        for f in cfn(catalog, ctx):
            emit(cid, f, 1, None, frozenset())
    units = 0
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        units += 1
        ignored = ignored_checks(entry.translator_comments)
        line = entry.line or 1
        for cid, efn in entry_fns:
            for f in efn(entry, ctx):
                emit(cid, f, line, entry.msgid, ignored)
        if entry.fuzzy or not entry.is_translated:
            continue
        md = is_markdown_entry(entry)
        for i, form in enumerate(entry.translations):
            src = entry.msgid if i == 0 or entry.msgid_plural is None else entry.msgid_plural
            pair = Pair(entry, src, form, i, md)
            for cid, pfn in pair_fns:
                for f in pfn(pair, ctx):
                    emit(cid, f, line, entry.msgid, ignored)
    return CatalogResult(ctx.path, ctx.lang, ctx.article, tuple(issues), units)


# -- strategies -------------------------------------------------------------------------

TOKENS = [
    "a", "Kim", "word", " ", "  ", "\n", "\t", "\u00a0", "1", "90s", ".", "...", "…", "?",
    "!", ";", ":", ",", "-", '"', "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "「", "」",
    "『", "』", "‹", "›", "《", "》", "〈", "〉", "【", "】", "(", ")", "[", "]", "{", "}",
    "（", "）", "’s", "n't", "가", "는", "日", "*", "_", "`", "<b>", "</b>", "](u)", "[de] ",
    "People", "x" * 40,
]  # fmt: skip
ENDS = ["", "", ".", "...", "…", "?", "!", ";", ":", ")", "]", " ", "\n", "”", "’", "*"]
ends = st.sampled_from(ENDS)
texts = st.builds(
    lambda body, end: "".join(body) + end, st.lists(st.sampled_from(TOKENS), max_size=12), ends
)


def _variants(source: str) -> st.SearchStrategy[tuple[str, str]]:
    """A translation made from the source: a prefix added, the end cut or changed."""
    return st.builds(
        lambda head, cut, tail: (source, head + source[: max(0, len(source) - cut)] + tail),
        st.sampled_from(["", "", "[de] ", " ", "“", "(", "\n"]),
        st.integers(0, 3),
        ends,
    )


pairs = st.one_of(st.tuples(texts, texts), texts.flatmap(_variants))
LANGS = ["de", "ru", "ko", "en", "fr"]


DEFAULT = Policy()


def ctx_of(lang: str | None, policy: Policy = DEFAULT) -> CatalogContext:
    return CatalogContext(
        Path("t.po"), lang, language(lang) if lang else None, "en", "t", policy, None
    )


def messages(found: Iterable[Finding]) -> list[tuple[str, str | None, Severity | None]]:
    return [(f.message, f.check, f.severity) for f in found]


# -- quotes and brackets ----------------------------------------------------------------


@settings(max_examples=600, deadline=None)
@given(texts)
def test_brackets_balanced_is_the_stack_answer(t: str) -> None:
    assert quotes.brackets_balanced(t) is ref_brackets_balanced(t)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_marks_of_is_profile_and_balance(t: str) -> None:
    quotes._BY_SKELETON.clear()
    quotes._BY_ASCII_MARKS.clear()
    assert quotes.quote_profile(quotes.skeleton(t)) == quotes.quote_profile(t)
    want = (
        quotes.quote_profile(t) if _has_quote(t) else None,
        ref_brackets_balanced(t) if _has_bracket(t) else None,
    )
    assert quotes.marks_of(t) == want
    assert quotes.marks_of(t) == want  # and again, from the table of known sequences


@settings(max_examples=800, deadline=None)
@given(pairs)
def test_quotes_check_agrees(pair_texts: tuple[str, str]) -> None:
    source, target = pair_texts
    pair = Pair(Entry(source, target), source, target, 0, True)
    ctx = ctx_of("de")
    assert messages(quotes.quotes(pair, ctx)) == messages(ref_quotes(pair, ctx))


# -- text shape -------------------------------------------------------------------------


@settings(max_examples=1500, deadline=None)
@given(pairs, st.sampled_from([*LANGS, None]))
def test_text_family_is_its_members(pair_texts: tuple[str, str], lang: str | None) -> None:
    source, target = pair_texts
    pair = Pair(Entry(source, target), source, target, 0, True)
    ctx = ctx_of(lang)
    want = [f for _, fn in PAIR_MEMBERS[text.text_checks] for f in fn(pair, ctx)]
    assert messages(text.text_checks(pair, ctx)) == messages(want)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LANGS))
def test_text_family_copy_of_the_source(source: str, lang: str) -> None:
    # same-as-source needs an identical translation, which random pairs seldom are.
    for target in (source, f" {source}", source.strip()):
        pair = Pair(Entry(source, target), source, target, 0, True)
        ctx = ctx_of(lang)
        want = [f for _, fn in PAIR_MEMBERS[text.text_checks] for f in fn(pair, ctx)]
        assert messages(text.text_checks(pair, ctx)) == messages(want)


# -- entries and catalogs ---------------------------------------------------------------


@st.composite
def entries(draw: st.DrawFn, line: int = 0) -> Entry:
    msgid = draw(texts.filter(bool))
    plural = draw(st.sampled_from([None, None, None, "many " + msgid, "\n" + msgid]))
    msgstr = draw(st.sampled_from(["", "[de] " + msgid, msgid, "\n" + msgid + "\n"]) | texts)
    forms: tuple[str, ...] = ()
    if plural is not None:
        forms = tuple(draw(st.lists(st.sampled_from(["", msgstr, "x\n"]), max_size=4)))
        msgstr = ""
    elif draw(st.integers(0, 9)) == 0:
        forms = ("stray",)
    good = unit_hash(None, msgid, plural, forms if plural is not None else (msgstr,))
    comments = draw(
        st.sampled_from(
            [
                (),
                (),
                ("a note",),
                (f"l10n-review: 2025-08-21 {good} Anna",),
                ("l10n-review: 2025-08-21 0123456789abcdef Anna",),
                ("l10n-ignore: quotes punctuation",),
                ("l10n-ignore: fuzzy untranslated numbers",),
            ]
        )
    )
    return Entry(
        msgid,
        msgstr,
        msgid_plural=plural,
        msgstr_plural=forms,
        flags=draw(st.sampled_from([(), (), ("fuzzy",), ("python-format",)])),
        translator_comments=comments,
        references=draw(st.sampled_from([(), ("a.txt:3",), ("a.md:1",), ("a.txt:1", "b.md:2")])),
        obsolete=draw(st.integers(0, 9)) == 0,
        line=line,
    )


policies = st.builds(
    Policy,
    required=st.booleans(),
    review_required=st.booleans(),
    min_percent=st.sampled_from([0.0, 50.0, 100.0]),
)


@settings(max_examples=600, deadline=None)
@given(entries(), st.sampled_from([*LANGS, None]), policies)
def test_entry_families_are_their_members(entry: Entry, lang: str | None, policy: Policy) -> None:
    ctx = ctx_of(lang, policy)
    for family, members in ENTRY_MEMBERS.items():
        want = [f for _, fn in members for f in fn(entry, ctx)]
        assert messages(family(entry, ctx)) == messages(want)  # type: ignore[operator]


SEVERITIES = st.sampled_from([None, Severity.ERROR, Severity.WARNING, Severity.INFO])
OVERRIDDEN = ["quotes", "punctuation", "fuzzy", "po-valid", "untranslated", "length", "plurals"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(entries(), max_size=8),
    st.sampled_from([*LANGS, None]),
    policies,
    st.dictionaries(st.sampled_from(OVERRIDDEN), SEVERITIES, max_size=3),
    st.booleans(),
)
def test_engine_agrees_with_the_plain_loop(
    items: list[Entry],
    lang: str | None,
    policy: Policy,
    overrides: dict[str, Severity | None],
    plural_header: bool,
) -> None:
    items = [dataclasses.replace(e, line=10 * i) for i, e in enumerate(items)]
    fields: tuple[tuple[str, str], ...] = (("Language", lang or "xx"),)
    if plural_header:
        fields += (("Plural-Forms", "nplurals=2; plural=(n != 1);"),)
    catalog = Catalog(Path("t.po"), Header(fields), items)
    ctx = ctx_of(lang, policy)

    def severity_of(cid: str, lang_: str | None, default: Severity) -> Severity | None:
        return overrides.get(cid, default)

    got = check_catalog(catalog, ctx, severity_of=severity_of)
    want = ref_check_catalog(catalog, ctx, severity_of)
    assert got == want
    # Issues made without the constructor are the same objects in every respect.
    assert [vars(i) for i in got.issues] == [vars(i) for i in want.issues]
    assert [repr(i) for i in got.issues] == [repr(i) for i in want.issues]
    # The rows the runner gets are the same issues.
    rows, units = engine.check_rows(catalog, ctx, "t.po", severity_of)
    assert units == want.units
    assert sorted(rows, key=ROW_KEY) == list(FileIssues.of(want).rows)


# -- values -----------------------------------------------------------------------------


def test_finding_and_pair_stay_frozen_dataclasses() -> None:
    f = Finding("m", severity=Severity.WARNING)
    assert f == Finding("m", None, Severity.WARNING, None)
    assert hash(f) == hash(Finding("m", severity=Severity.WARNING))
    assert dataclasses.replace(f, line=3).line == 3
    assert [x.name for x in dataclasses.fields(Finding)] == ["message", "check", "severity", "line"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.message = "x"  # type: ignore[misc]
    e = Entry("a", "b")
    p = Pair(e, "a", "b", 0, True)
    assert p == Pair(entry=e, source="a", target="b", form=0, markdown=True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.target = "x"  # type: ignore[misc]


def test_family_ids_keep_their_scope_and_must_be_declared() -> None:
    for cid in ("plurals", "po-valid", "untranslated", "fuzzy", "unreviewed", "stale-review"):
        assert info(cid).scope is Scope.ENTRY
    for cid in ("punctuation", "whitespace", "same-as-source", "length", "quotes"):
        assert info(cid).scope is Scope.PAIR
    with pytest.raises(ValueError):
        entry_family("no-such-check")
    with pytest.raises(ValueError):
        pair_family("no-such-check")
