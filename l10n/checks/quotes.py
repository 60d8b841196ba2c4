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
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.registry import Finding, Scope, declare
from l10n.model import Severity

_OPEN_CLOSE = {"«": "»", "「": "」", "『": "』", "‹": "›", "《": "》", "〈": "〉", "【": "】"}
_CLOSERS = {v: k for k, v in _OPEN_CLOSE.items()}
_QUOTE_CHARS = frozenset("\"'“”‘’„‚«»「」『』‹›《》〈〉【】")
_QUOTE_RE = re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")
_BRACKET_RE = re.compile(r"[()\[\]{}（）]")
# Hangul (jamo, compatibility jamo, syllables), kana and CJK ideographs: scripts
# without apostrophes, whose particles and endings attach to a closing quote.
# (Ranges compared in code: as a compiled character class they cost every
# start of the program several milliseconds.)
_ATTACHING = (
    (0x1100, 0x11FF),
    (0x3040, 0x30FF),
    (0x3130, 0x318F),
    (0x3400, 0x9FFF),
    (0xAC00, 0xD7A3),
)


def _attaching(ch: str) -> bool:
    """True for one character of the scripts of ``_ATTACHING`` (False for "")."""
    if len(ch) != 1:
        return False
    code = ord(ch)
    return any(low <= code <= high for low, high in _ATTACHING)


@dataclass(frozen=True)
class QuoteProfile:
    pairs: int
    marks: int
    balanced: bool


def _closes_before_particle(ch: str, nxt: str, stack: list[str]) -> bool:
    """``’`` or ``'`` closing an open single quote right before a Hangul/CJK particle."""
    if ch == "’":
        return bool(stack) and stack[-1] in "‘‚" and _attaching(nxt)
    return bool(stack) and stack[-1] == "'" and _attaching(nxt)


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
    """Every bracket closed by its own kind, in order.

    The brackets are taken out of the text in one pass and the adjacent
    matched pairs deleted until nothing changes: the text is balanced exactly
    when nothing is left (the same answer as a stack, with the work done by
    string methods).
    """
    marks = _NOT_BRACKET_RE.sub("", text)
    while marks:
        reduced = marks.replace("()", "").replace("[]", "").replace("{}", "").replace("（）", "")
        if len(reduced) == len(marks):
            return False
        marks = reduced
    return True


_NOT_BRACKET_RE = re.compile(r"[^()\[\]{}（）]+")
_MARKS = re.escape("".join(sorted(_QUOTE_CHARS))) + r"()\[\]{}（）"
# Text that is neither a mark nor next to an apostrophe. Without it, a text keeps
# its quotation marks and brackets in order, and around each apostrophe the
# characters that tell it from a quote: its quote profile and bracket balance
# are those of the text.
_SKIPPABLE_RE = re.compile(f"(?<!['’])[^{_MARKS}]+(?!['’])")
_NO_QUOTES = QuoteProfile(0, 0, True)

Marks = tuple[QuoteProfile | None, bool | None]
"""(quote profile, None without quotation marks; brackets balanced, None without brackets)."""

_NO_MARKS: Marks = (None, None)
# Marks of texts by their skeleton (see _SKIPPABLE_RE): texts share skeletons.
_BY_SKELETON: dict[str, Marks] = {}
_BY_ASCII_MARKS: dict[bytes, Marks] = {}
_ASCII_MARKS = frozenset(c for c in _QUOTE_CHARS | frozenset("()[]{}") if c.isascii())
_NOT_ASCII_MARK = bytes(b for b in range(256) if chr(b) not in _ASCII_MARKS)
_KNOWN_MAX = 4096


def skeleton(text: str) -> str:
    """The marks of a text in order, with the characters next to each apostrophe."""
    return _SKIPPABLE_RE.sub("", text)


def _summary(skel: str) -> Marks:
    return (
        quote_profile(skel) if _QUOTE_RE.search(skel) else None,
        brackets_balanced(skel) if _BRACKET_RE.search(skel) else None,
    )


def marks_of(text: str) -> Marks:
    """``quote_profile`` and ``brackets_balanced`` of a text, each None without such marks."""
    if text.isascii():
        # Most texts: the marks are taken out of the bytes in one C call, several
        # times faster than a regular expression; an ASCII apostrophe needs the
        # letters around it, kept by the skeleton.
        ascii_marks = text.encode("ascii").translate(None, _NOT_ASCII_MARK)
        if not ascii_marks:
            return _NO_MARKS
        if b"'" not in ascii_marks:
            known = _BY_ASCII_MARKS.get(ascii_marks)
            if known is None:
                if len(_BY_ASCII_MARKS) >= _KNOWN_MAX:
                    _BY_ASCII_MARKS.clear()
                known = _BY_ASCII_MARKS[ascii_marks] = _summary(ascii_marks.decode("ascii"))
            return known
    skel = _SKIPPABLE_RE.sub("", text)
    if not skel:
        return _NO_MARKS
    known = _BY_SKELETON.get(skel)
    if known is None:
        if len(_BY_SKELETON) >= _KNOWN_MAX:
            _BY_SKELETON.clear()
        known = _BY_SKELETON[skel] = _summary(skel)
    return known


@functools.lru_cache(maxsize=8192)
def _source(text: str) -> Marks:
    """The marks of a source text (shared by every language's catalog)."""
    return marks_of(text)


_NOTHING: tuple[Finding, ...] = ()

declare(
    "quotes",
    Severity.ERROR,
    "Quoted passages stay quoted (any language's quotation marks); quotes and brackets balanced.",
    Scope.PAIR,
)


def quotes(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    """The quotes check of one pair (run with the text-shape checks, in :mod:`l10n.checks.text`)."""
    source_quotes, source_brackets = _source(pair.source)
    target_quotes, target_brackets = marks_of(pair.target)
    if source_quotes is None and target_quotes is None and target_brackets is not False:
        return _NOTHING  # no quotation marks on either side, no unbalanced bracket
    found: list[Finding] = []
    if source_quotes is not None or target_quotes is not None:
        s = source_quotes if source_quotes is not None else _NO_QUOTES
        t = target_quotes if target_quotes is not None else _NO_QUOTES
        if s.marks and not t.marks:
            found.append(
                Finding("the source has quotation marks; the translation has none", check="quotes")
            )
        elif s.balanced and not t.balanced:
            found.append(Finding("unbalanced quotation marks in the translation", check="quotes"))
        elif s.balanced and t.pairs < s.pairs:
            found.append(
                Finding(
                    f"the source quotes {s.pairs} passage(s); the translation quotes {t.pairs}",
                    check="quotes",
                )
            )
    # Brackets matter only when the source's are balanced (a source without any is).
    if source_brackets is not False and target_brackets is False:
        found.append(Finding("unbalanced brackets in the translation", check="quotes"))
    return found
