"""The ``markup`` check: Markdown inline markup survives translation.

Links and images keep their exact URLs, code spans their exact content, and
the numbers of emphasis, strong emphasis and inline HTML tags stay the same.
Parsing goes through markdown-it (CommonMark), only for units that contain a
markup character, and never for units of plain-text articles.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.registry import Finding, pair_check
from l10n.model import Severity

_MARKUP_CHARS = frozenset("*_`[<")
_NOTHING: tuple[Finding, ...] = ()


def _may_have_markup(text: str) -> bool:
    """False when inline parsing can only yield plain text.

    Emphasis, code spans, inline HTML and autolinks need one of ``*_`<``; a
    link or image needs ``](`` (a single unit has no reference definitions,
    so ``[ru]`` alone is text). Substring tests: far cheaper than a scan per
    character.
    """
    return "*" in text or "_" in text or "`" in text or "<" in text or "](" in text


_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_TARGETS = re.compile(r"\]\([^)]*\)|<[^>\s]*>|`[^`]*`")
_SIGNATURE_CHARS = "*_`[]<>!"


def _signature(text: str) -> tuple[tuple[int, ...], list[str]]:
    """A cheap fingerprint: counts of markup characters and the link targets and code spans.

    Equal fingerprints mean equal inline markup (the same characters in the
    same amounts, the same targets verbatim), so the parser is only needed
    when they differ.
    """
    return tuple(text.count(c) for c in _SIGNATURE_CHARS), sorted(_TARGETS.findall(text))


@dataclass(frozen=True)
class Markup:
    links: Counter[str]
    images: Counter[str]
    code: Counter[str]
    em: int
    strong: int
    html: Counter[str]


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def inline_markup(text: str) -> Markup:
    links: Counter[str] = Counter()
    images: Counter[str] = Counter()
    code: Counter[str] = Counter()
    html: Counter[str] = Counter()
    em = strong = 0
    for block in _parser().parseInline(text):
        for tok in block.children or ():
            if tok.type == "link_open":
                links[str(tok.attrs.get("href", ""))] += 1
            elif tok.type == "image":
                images[str(tok.attrs.get("src", ""))] += 1
            elif tok.type == "code_inline":
                code[tok.content] += 1
            elif tok.type == "em_open":
                em += 1
            elif tok.type == "strong_open":
                strong += 1
            elif tok.type == "html_inline":
                m = _TAG.match(tok.content)
                if m:
                    html[("/" if tok.content.startswith("</") else "") + m.group(1).lower()] += 1
    return Markup(links, images, code, em, strong, html)


@functools.lru_cache(maxsize=4096)
def _source_markup(text: str) -> Markup:
    """The markup of a source text, shared by the catalogs of every language."""
    return inline_markup(text)


def _diff(what: str, src: Counter[str], tgt: Counter[str]) -> Iterator[Finding]:
    for value in sorted((src - tgt).keys()):
        yield Finding(f"{what} {value!r} of the source is missing or changed in the translation")
    for value in sorted((tgt - src).keys()):
        yield Finding(f"{what} {value!r} is not in the source")


@pair_check(
    "markup",
    Severity.ERROR,
    "Markdown inline markup kept: links with identical URLs, emphasis, code spans, inline HTML.",
)
def markup(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    if not pair.markdown:
        return _NOTHING
    src, tgt = pair.source, pair.target
    # _may_have_markup on both sides, inlined: this runs for every unit.
    if not (
        "*" in src
        or "_" in src
        or "`" in src
        or "<" in src
        or "](" in src
        or "*" in tgt
        or "_" in tgt
        or "`" in tgt
        or "<" in tgt
        or "](" in tgt
    ):
        return _NOTHING  # plain text on both sides
    if _signature(src) == _signature(tgt):
        return _NOTHING  # same markup characters and the same link targets: nothing to compare
    s = _source_markup(src)
    t = inline_markup(pair.target)
    found = [
        *_diff("link", s.links, t.links),
        *_diff("image", s.images, t.images),
        *_diff("code span", s.code, t.code),
        *_diff("HTML tag", s.html, t.html),
    ]
    if s.em != t.em:
        found.append(Finding(f"emphasis: {s.em} in the source, {t.em} in the translation"))
    if s.strong != t.strong:
        found.append(
            Finding(f"strong emphasis: {s.strong} in the source, {t.strong} in the translation")
        )
    return found
