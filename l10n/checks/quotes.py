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


def _is_word(ch: str) -> bool:
    return ch.isalnum()


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
        i = m.start()
        ch = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if (
            ch in "'’"
            and _is_word(prev)
            and (_is_word(nxt) or (ch == "’" and "‘" not in stack))
            and not _closes_before_particle(ch, nxt, stack)
        ):
            continue  # People’s, don't, soldiers’ (no single quote open)
        if ch in "'’" and not _is_word(prev) and nxt.isdigit():
            continue  # ’90s
        marks += 1
        if ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
                pairs += 1
            else:
                stack.append(ch)
        elif ch == "'":
            if stack and stack[-1] == "'":
                stack.pop()
                pairs += 1
            elif _is_word(nxt):
                stack.append(ch)
            else:
                marks -= 1  # a lone apostrophe (soldiers')
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
        elif ch == "’":
            if stack and stack[-1] in "‘‚":
                stack.pop()
                pairs += 1
            else:
                marks -= 1  # apostrophe after punctuation, not a quote
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


# Source-side results, shared by the catalogs of every language of an article.
_source_profile = functools.lru_cache(maxsize=4096)(quote_profile)
_source_brackets_balanced = functools.lru_cache(maxsize=4096)(brackets_balanced)


@pair_check(
    "quotes",
    Severity.ERROR,
    "Quoted passages stay quoted (any language's quotation marks); quotes and brackets balanced.",
)
def quotes(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src, tgt = pair.source, pair.target
    if not _QUOTE_CHARS.isdisjoint(src) or not _QUOTE_CHARS.isdisjoint(tgt):
        s = _source_profile(src)
        t = quote_profile(tgt)
        if s.marks and not t.marks:
            yield Finding("the source has quotation marks; the translation has none")
        elif s.balanced and not t.balanced:
            yield Finding("unbalanced quotation marks in the translation")
        elif s.balanced and t.pairs < s.pairs:
            yield Finding(
                f"the source quotes {s.pairs} passage(s); the translation quotes {t.pairs}"
            )
    has_brackets = not _BRACKET_CHARS.isdisjoint(src) or not _BRACKET_CHARS.isdisjoint(tgt)
    if has_brackets and _source_brackets_balanced(src) and not brackets_balanced(tgt):
        yield Finding("unbalanced brackets in the translation")
