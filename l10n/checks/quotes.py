"""The ``quotes`` check: quoted passages stay quoted, quotes and brackets stay balanced.

Any language's marks count (“ ” ‘ ’ « » „ “ ‚ ‘ 「 」 『 』 ‹ › 《 》 " '), so
``“a historic day”`` may become ``«исторический день»`` or ``「역사적인 날」``.
An apostrophe inside or at the end of a word (``People’s``, ``soldiers’``,
``don't``, ``’90s``) is not a quote. A closing mark directly followed by a
Hangul or CJK character closes an open quote, as in the Korean ``‘…’고`` and
``‘KPA’는`` (a particle attaches to the quote): no apostrophe stands there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.registry import Finding, pair_check
from l10n.model import Severity

_OPEN_CLOSE = {"«": "»", "「": "」", "『": "』", "‹": "›", "《": "》", "〈": "〉", "【": "】"}
_CLOSERS = {v: k for k, v in _OPEN_CLOSE.items()}
_QUOTE_CHARS = frozenset("\"'“”‘’„‚«»「」『』‹›《》〈〉【】")
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")
_BRACKETS = {")": "(", "]": "[", "}": "{", "）": "（"}
_BRACKET_CHARS = frozenset("()[]{}（）")
_BRACKET_RE = re.compile(r"[()\[\]{}（）]")
# Hangul (jamo, compatibility jamo, syllables), kana and CJK ideographs: scripts
# without apostrophes, whose particles and endings attach to a closing quote.
_ATTACHING = re.compile("[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3]")


@dataclass(frozen=True)
class QuoteProfile:
    pairs: int
    marks: int
    balanced: bool


def _closes_before_particle(ch: str, nxt: str, stack: list[str]) -> bool:
    """``’`` or ``'`` closing an open single quote right before a Hangul/CJK particle."""
    if ch == "’":
        return bool(stack) and stack[-1] in "‘‚" and _ATTACHING.match(nxt) is not None
    return bool(stack) and stack[-1] == "'" and _ATTACHING.match(nxt) is not None


def quote_profile(text: str) -> QuoteProfile:
    """Count complete quoted passages and tell whether every quote is closed."""
    stack: list[str] = []
    pairs = marks = strays = 0
    n = len(text)
    for m in _QUOTE_RE.finditer(text):
        ch = m.group()
        if ch == "'" or ch == "’":
            i = m.start()
            nxt = text[i + 1] if i + 1 < n else " "
            if i and text[i - 1].isalnum():
                if (
                    nxt.isalnum() or (ch == "’" and "‘" not in stack)
                ) and not _closes_before_particle(ch, nxt, stack):
                    continue  # People’s, don't, soldiers’ (no single quote open)
            elif nxt.isdigit():
                continue  # ’90s
            if ch == "'":
                if stack and stack[-1] == "'":
                    stack.pop()
                    pairs += 1
                    marks += 1
                elif nxt.isalnum():
                    stack.append(ch)
                    marks += 1
                # else: a lone apostrophe (soldiers')
            elif stack and stack[-1] in "‘‚":
                stack.pop()
                pairs += 1
                marks += 1
            # else: an apostrophe after punctuation, not a quote
            continue
        marks += 1
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
                pairs += 1
            else:
                stack.append(ch)
        elif ch == "“":
            if stack and stack[-1] == "„":  # „…“ (ru, uk, de)
                stack.pop()
                pairs += 1
            else:
                stack.append(ch)
        elif ch == "‘":
            if stack and stack[-1] == "‚":
                stack.pop()
                pairs += 1
            else:
                stack.append(ch)
        elif ch in "„‚":
            stack.append(ch)
        elif ch == "”":
            if stack and stack[-1] in "“„":
                stack.pop()
                pairs += 1
            else:
                strays += 1
        elif ch in _OPEN_CLOSE:
            stack.append(ch)
        elif ch in _CLOSERS:
            if stack and stack[-1] == _CLOSERS[ch]:
                stack.pop()
                pairs += 1
            else:
                strays += 1
    # An unclosed single quote is most likely an apostrophe; only double quotes count.
    open_doubles = sum(1 for c in stack if c not in "'‘‚")
    return QuoteProfile(pairs, marks, strays == 0 and open_doubles == 0)


def brackets_balanced(text: str) -> bool:
    stack: list[str] = []
    for m in _BRACKET_RE.finditer(text):
        ch = m.group()
        if ch in _BRACKETS:
            if not stack or stack[-1] != _BRACKETS[ch]:
                return False
            stack.pop()
        else:
            stack.append(ch)
    return not stack


_NO_QUOTES = QuoteProfile(0, 0, True)
_QUOTE_TUPLE = tuple(sorted(_QUOTE_CHARS))
_BRACKET_TUPLE = tuple(sorted(_BRACKET_CHARS))


def _has_any(text: str, chars: tuple[str, ...]) -> bool:
    # Substring tests run in C; a set test would hash every character of the text.
    for c in chars:  # noqa: SIM110 - any() with a generator is slower here
        if c in text:
            return True
    return False


@dataclass(frozen=True)
class _Source:
    """What the check needs of a source text (shared by every language's catalog)."""

    quotes: QuoteProfile | None  # None: no quotation mark at all
    brackets: bool | None  # None: no bracket; else whether they are balanced


@functools.lru_cache(maxsize=8192)
def _source(text: str) -> _Source:
    return _Source(
        quote_profile(text) if _has_any(text, _QUOTE_TUPLE) else None,
        brackets_balanced(text) if _has_any(text, _BRACKET_TUPLE) else None,
    )


@pair_check(
    "quotes",
    Severity.ERROR,
    "Quoted passages stay quoted (any language's quotation marks); quotes and brackets balanced.",
)
def quotes(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src, tgt = pair.source, pair.target
    info = _source(src)
    if info.quotes is not None or _has_any(tgt, _QUOTE_TUPLE):
        s = info.quotes if info.quotes is not None else _NO_QUOTES
        t = quote_profile(tgt)
        if s.marks and not t.marks:
            yield Finding("the source has quotation marks; the translation has none")
        elif s.balanced and not t.balanced:
            yield Finding("unbalanced quotation marks in the translation")
        elif s.balanced and t.pairs < s.pairs:
            yield Finding(
                f"the source quotes {s.pairs} passage(s); the translation quotes {t.pairs}"
            )
    # Brackets matter only when the source's are balanced (a source without any is).
    if info.brackets is not False and _has_any(tgt, _BRACKET_TUPLE) and not brackets_balanced(tgt):
        yield Finding("unbalanced brackets in the translation")
