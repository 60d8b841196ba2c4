"""The ``quotes`` check: quoted passages stay quoted, quotes and brackets stay balanced.

Any language's marks count (“ ” ‘ ’ « » „ “ ‚ ‘ 「 」 『 』 ‹ › 《 》 " '), so
``“a historic day”`` may become ``«исторический день»`` or ``「역사적인 날」``.
An apostrophe inside or at the end of a word (``People’s``, ``soldiers’``,
``don't``, ``’90s``) is not a quote.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class QuoteProfile:
    pairs: int
    marks: int
    balanced: bool


def _is_word(ch: str) -> bool:
    return ch.isalnum()


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
        if ch in "'’" and _is_word(prev) and (_is_word(nxt) or (ch == "’" and "‘" not in stack)):
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
    for ch in text:
        if ch not in _BRACKET_CHARS:
            continue
        if ch in _BRACKETS:
            if not stack or stack[-1] != _BRACKETS[ch]:
                return False
            stack.pop()
        else:
            stack.append(ch)
    return not stack


@pair_check(
    "quotes",
    Severity.ERROR,
    "Quoted passages stay quoted (any language's quotation marks); quotes and brackets balanced.",
)
def quotes(pair: Pair, ctx: CatalogContext) -> Iterator[Finding]:
    src, tgt = pair.source, pair.target
    if not _QUOTE_CHARS.isdisjoint(src) or not _QUOTE_CHARS.isdisjoint(tgt):
        s = quote_profile(src)
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
    if has_brackets and brackets_balanced(src) and not brackets_balanced(tgt):
        yield Finding("unbalanced brackets in the translation")
