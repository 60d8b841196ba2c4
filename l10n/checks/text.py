"""Text-shape checks: punctuation, whitespace, same-as-source, length."""

from __future__ import annotations

import re
from collections.abc import Iterator

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.glossary import protected_spans
from l10n.checks.registry import Finding, pair_check
from l10n.model import Severity

_TRAILERS = "\"'”’»」』›》〉)]}）*_` \t\n\r\u00a0"
_FINAL = {
    ".": "full stop",
    "。": "full stop",
    "．": "full stop",
    "।": "full stop",
    "۔": "full stop",
    "?": "question mark",
    "？": "question mark",
    ";": "question mark",  # Greek question mark
    "!": "exclamation mark",
    "！": "exclamation mark",
    "…": "ellipsis",
    ":": "colon",
    "：": "colon",
}
_SOURCE_FINAL = {**_FINAL, ";": "semicolon"}
_WORDS = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")

# Typical length of a translation relative to English (characters).
_EXPANSION = {
    "ru": 1.15,
    "uk": 1.12,
    "be": 1.15,
    "bg": 1.15,
    "pl": 1.2,
    "de": 1.25,
    "fr": 1.2,
    "es": 1.2,
    "it": 1.15,
    "pt": 1.15,
    "ko": 0.55,
    "ja": 0.55,
    "zh": 0.35,
    "en": 1.0,
}
_LENGTH_MIN_SOURCE = 40
_LENGTH_FACTOR = 2.5


def final_class(text: str, table: dict[str, str]) -> str:
    """The kind of sentence-final punctuation, looking through closing quotes and brackets."""
    core = text.rstrip(_TRAILERS)
    if core.endswith(("...", "…")):
        return "ellipsis"
    if not core:
        return "none"
    return table.get(core[-1], "none")


@pair_check(
    "punctuation",
    Severity.WARNING,
    "Sentence-final punctuation keeps its kind "
    "(. ? ! … : and language equivalents such as 。？！).",
)
def punctuation(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    s = final_class(pair.source, _SOURCE_FINAL)
    t = final_class(pair.target, _FINAL)
    if s == "semicolon" and t in ("semicolon", "question mark"):
        return
    if s != t:
        yield Finding(f"the source ends with {_describe(s)}, the translation with {_describe(t)}")


def _describe(kind: str) -> str:
    return (
        "no final punctuation"
        if kind == "none"
        else f"an {kind}"
        if kind[0] in "ae"
        else f"a {kind}"
    )


@pair_check(
    "whitespace",
    Severity.WARNING,
    "Leading and trailing whitespace as in the source; no double spaces the source does not have.",
)
def whitespace(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src, tgt = pair.source, pair.target
    if (src[:1].isspace()) != (tgt[:1].isspace()) or (
        src[:1].isspace()
        and src[: len(src) - len(src.lstrip())] != tgt[: len(tgt) - len(tgt.lstrip())]
    ):
        yield Finding("leading whitespace differs from the source")
    if (src[-1:].isspace()) != (tgt[-1:].isspace()) or (
        src[-1:].isspace() and src[len(src.rstrip()) :] != tgt[len(tgt.rstrip()) :]
    ):
        yield Finding("trailing whitespace differs from the source")
    if "  " in tgt and _DOUBLE_SPACE.search(tgt) and not _DOUBLE_SPACE.search(src):
        yield Finding("double space in the translation")


def _name_like(source: str, protected: list[tuple[int, int]]) -> bool:
    """Only names, acronyms, numbers and do-not-translate terms."""
    text = source
    for start, end in sorted(protected, reverse=True):
        text = text[:start] + " " + text[end:]
    words = _WORDS.findall(text)
    return all(w[0].isupper() or not w[0].isalpha() for w in words)


@pair_check(
    "same-as-source",
    Severity.ERROR,
    "The translation is a copy of the source "
    "(units of only names, numbers and do-not-translate terms excepted).",
)
def same_as_source(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    if pair.target.strip() != pair.source.strip() or ctx.lang == ctx.source_lang:
        return
    if not _WORDS.search(pair.source):
        return
    if _name_like(pair.source, protected_spans(ctx.glossary, pair.source)):
        return
    yield Finding("the translation is identical to the source")


def _expansion(lang: str | None) -> float:
    if lang is None:
        return 1.0
    return _EXPANSION.get(lang.split("_")[0], 1.0)


@pair_check(
    "length",
    Severity.WARNING,
    "The translation is far shorter or longer than usual for the language (ratio outlier).",
)
def length(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src = len(pair.source.strip())
    if src < _LENGTH_MIN_SOURCE or ctx.lang is None:
        return
    expected = _expansion(ctx.lang) / _expansion(ctx.source_lang)
    ratio = len(pair.target.strip()) / src
    if ratio < expected / _LENGTH_FACTOR:
        yield Finding(
            f"the translation is {ratio:.2f}x the source length "
            f"(usual about {expected:.2f}x); text may be missing"
        )
    elif ratio > expected * _LENGTH_FACTOR:
        yield Finding(
            f"the translation is {ratio:.2f}x the source length "
            f"(usual about {expected:.2f}x); text may be added"
        )
