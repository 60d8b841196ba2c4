"""Text-shape checks (punctuation, whitespace, same-as-source, length), run together with quotes."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.glossary import protected_spans
from l10n.checks.quotes import quotes
from l10n.checks.registry import Finding, Scope, declare, pair_family
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
_TRAILER_SET = frozenset(_TRAILERS)
_NOTHING: tuple[Finding, ...] = ()
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


declare(
    "punctuation",
    Severity.WARNING,
    "Sentence-final punctuation keeps its kind "
    "(. ? ! … : and language equivalents such as 。？！).",
    Scope.PAIR,
)


def punctuation(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    s = final_class(pair.source, _SOURCE_FINAL)
    t = final_class(pair.target, _FINAL)
    if s == "semicolon" and t in ("semicolon", "question mark"):
        return _NOTHING
    if s != t:
        return [
            Finding(
                f"the source ends with {_describe(s)}, the translation with {_describe(t)}",
                check="punctuation",
            )
        ]
    return _NOTHING


def _describe(kind: str) -> str:
    return (
        "no final punctuation"
        if kind == "none"
        else f"an {kind}"
        if kind[0] in "ae"
        else f"a {kind}"
    )


declare(
    "whitespace",
    Severity.WARNING,
    "Leading and trailing whitespace as in the source; no double spaces the source does not have.",
    Scope.PAIR,
)


def whitespace(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    src, tgt = pair.source, pair.target
    found: list[Finding] = []
    if (src[:1].isspace()) != (tgt[:1].isspace()) or (
        src[:1].isspace()
        and src[: len(src) - len(src.lstrip())] != tgt[: len(tgt) - len(tgt.lstrip())]
    ):
        found.append(Finding("leading whitespace differs from the source", check="whitespace"))
    if (src[-1:].isspace()) != (tgt[-1:].isspace()) or (
        src[-1:].isspace() and src[len(src.rstrip()) :] != tgt[len(tgt.rstrip()) :]
    ):
        found.append(Finding("trailing whitespace differs from the source", check="whitespace"))
    if "  " in tgt and _DOUBLE_SPACE.search(tgt) and not _DOUBLE_SPACE.search(src):
        found.append(Finding("double space in the translation", check="whitespace"))
    return found


def _name_like(source: str, protected: list[tuple[int, int]]) -> bool:
    """Only names, acronyms, numbers and do-not-translate terms."""
    text = source
    for start, end in sorted(protected, reverse=True):
        text = text[:start] + " " + text[end:]
    words = _WORDS.findall(text)
    return all(w[0].isupper() or not w[0].isalpha() for w in words)


declare(
    "same-as-source",
    Severity.ERROR,
    "The translation is a copy of the source "
    "(units of only names, numbers and do-not-translate terms excepted).",
    Scope.PAIR,
)


def same_as_source(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    if pair.target.strip() != pair.source.strip() or ctx.lang == ctx.source_lang:
        return _NOTHING
    if not _WORDS.search(pair.source):
        return _NOTHING
    if _name_like(pair.source, protected_spans(ctx.glossary, pair.source)):
        return _NOTHING
    return [Finding("the translation is identical to the source", check="same-as-source")]


def _expansion(lang: str | None) -> float:
    if lang is None:
        return 1.0
    return _EXPANSION.get(lang.split("_")[0], 1.0)


@functools.lru_cache(maxsize=64)
def _bounds(lang: str, source_lang: str) -> tuple[float, float, float]:
    """The usual length ratio of a language pair, and the outlier bounds below and above it."""
    expected = _expansion(lang) / _expansion(source_lang)
    return expected, expected / _LENGTH_FACTOR, expected * _LENGTH_FACTOR


declare(
    "length",
    Severity.WARNING,
    "The translation is far shorter or longer than usual for the language (ratio outlier).",
    Scope.PAIR,
)


def length(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    src = len(pair.source.strip())
    if src < _LENGTH_MIN_SOURCE or ctx.lang is None:
        return _NOTHING
    expected, low, high = _bounds(ctx.lang, ctx.source_lang)
    ratio = len(pair.target.strip()) / src
    if ratio < low:
        return [
            Finding(
                f"the translation is {ratio:.2f}x the source length "
                f"(usual about {expected:.2f}x); text may be missing",
                check="length",
            )
        ]
    if ratio > high:
        return [
            Finding(
                f"the translation is {ratio:.2f}x the source length "
                f"(usual about {expected:.2f}x); text may be added",
                check="length",
            )
        ]
    return _NOTHING


@pair_family("quotes")
def text_checks(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    """quotes, punctuation, whitespace, same-as-source and length, in this order.

    One call per unit for all five (they find nothing on nearly every unit).
    Each text-shape check is called only when a quick test cannot tell that
    it finds nothing; on nearly every unit none of them is called.
    """
    src, tgt = pair.source, pair.target
    quoted = quotes(pair, ctx)
    src_core, tgt_core = src.strip(), tgt.strip()
    n, m = len(src_core), len(tgt_core)
    last = src[-1:]
    # The same final character, not a closing mark or space: the same kind of
    # final punctuation ("..." aside; a source ";" is a semicolon and a
    # translation's a Greek question mark, which punctuation accepts).
    punct = not (
        last == tgt[-1:]
        and last not in _TRAILER_SET
        and (last != "." or src.endswith("...") == tgt.endswith("..."))
    )
    # Whitespace at either end of a text shows as a shorter stripped text.
    space = n != len(src) or m != len(tgt) or "  " in tgt
    same = tgt_core == src_core
    long = False
    lang = ctx.lang
    if n >= _LENGTH_MIN_SOURCE and lang is not None:
        _, low, high = _bounds(lang, ctx.source_lang)
        ratio = m / n
        long = ratio < low or ratio > high
    if not (punct or space or same or long):
        return quoted
    found = list(quoted)
    if punct:
        found.extend(punctuation(pair, ctx))
    if space:
        found.extend(whitespace(pair, ctx))
    if same:
        found.extend(same_as_source(pair, ctx))
    if long:
        found.extend(length(pair, ctx))
    return found
