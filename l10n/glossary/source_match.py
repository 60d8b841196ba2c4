"""Source-side term matching: one precompiled regular expression per glossary.

Whole phrases only, the longest term first at any position, possessives and
plurals (``Putin’s``, ``KPA's``, ``KPAs``), straight and curly apostrophes,
any run of whitespace between words, and a case policy per term.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.glossary.model import Concept, Term, normalize_term

_APOS_CLASS = "['’ʼ‘]"
_SUFFIX = rf"(?:{_APOS_CLASS}s|{_APOS_CLASS}(?!\w)|s)?"
_NAMED_MAX = 4096


@dataclass(frozen=True, init=False)
class SourceHit:
    """One occurrence of a glossary term in a source text."""

    start: int
    end: int  # end of the term itself; a possessive or plural ending is not included
    suffix_end: int  # end including the possessive/plural ending
    concept: Concept
    term: Term

    def __init__(self, start: int, end: int, suffix_end: int, concept: Concept, term: Term) -> None:
        # Filling the instance dictionary at once is several times cheaper than the
        # generated frozen __init__ (every term in every source text is a hit).
        self.__dict__.update(
            start=start, end=end, suffix_end=suffix_end, concept=concept, term=term
        )

    @property
    def length(self) -> int:
        return self.end - self.start


def term_pattern(text: str) -> str:
    """A regex for one written form: flexible apostrophes, dashes and whitespace."""
    parts: list[str] = []
    for ch in normalize_term(text):
        if ch == "'":
            parts.append(_APOS_CLASS)
        elif ch == " ":
            parts.append(r"\s+")
        elif ch == "-":
            parts.append("[-‐‑]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


class SourceMatcher:
    """All source terms of a glossary compiled into one alternation."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._exact: dict[str, tuple[Concept, Term]] = {}
        self._folded: dict[str, tuple[Concept, Term]] = {}
        # What a matched text names, by the text as written (texts repeat the same
        # few spellings of their terms).
        self._named: dict[str, tuple[Concept, Term] | None] = {}
        alternatives: list[tuple[int, str]] = []
        firsts: set[str] = set()
        for concept in concepts:
            for term in concept.terms:
                key = normalize_term(term.text)
                pattern = term_pattern(term.text)
                first = key[:1]
                if concept.is_case_sensitive(term):
                    firsts.add(first)
                    self._exact.setdefault(key, (concept, term))
                else:
                    firsts.update((first, first.lower(), first.upper(), first.casefold()))
                    self._folded.setdefault(key.casefold(), (concept, term))
                    pattern = f"(?i:{pattern})"
                alternatives.append((len(key), pattern))
        alternatives.sort(key=lambda item: -item[0])
        self.size = len(alternatives)
        if alternatives:
            body = "|".join(p for _, p in alternatives)
            # The lookahead on first letters lets the engine skip most positions
            # cheaply before it tries the look-behind and the alternation.
            starts = "".join(sorted(re.escape(c) for c in firsts if c))
            self._regex: re.Pattern[str] | None = re.compile(
                rf"(?=[{starts}])(?<!\w)({body}){_SUFFIX}(?!\w)"
            )
            # Where a hit could start: a first letter that starts a word. A text
            # without one has no hit; the engine finds it faster than the full
            # expression because the expression begins with a character set.
            self._scout: re.Pattern[str] | None = re.compile(rf"[{starts}](?<!\w[{starts}])")
        else:
            self._regex = self._scout = None

    def _lookup(self, matched: str) -> tuple[Concept, Term] | None:
        named = self._named
        if matched in named:
            return named[matched]
        key = normalize_term(matched)
        found = self._exact.get(key) or self._folded.get(key.casefold())
        if len(named) >= _NAMED_MAX:
            named.clear()
        named[matched] = found
        return found

    def find(self, text: str) -> list[SourceHit]:
        """Non-overlapping hits, left to right, longest term first at each position."""
        start = self._first(text)
        return [] if start < 0 else list(self._find_cached(text, start))

    def scan(self, text: str) -> list[SourceHit]:
        """What :meth:`find` answers, not remembered (for callers that remember it themselves)."""
        start = self._first(text)
        return [] if start < 0 else self._find(text, start)

    def _first(self, text: str) -> int:
        """Where the first term may start (the scout's first match), -1 when none can."""
        scout = self._scout
        first = scout.search(text) if scout is not None else None
        return -1 if first is None else first.start()

    @functools.lru_cache(maxsize=32768)  # noqa: B019 - one matcher per glossary, kept for the run
    def _find_cached(self, text: str, start: int) -> tuple[SourceHit, ...]:
        return tuple(self._find(text, start))

    def _find(self, text: str, start: int) -> list[SourceHit]:
        """The hits of the full expression, tried only where the scout says one can start.

        ``start`` is the first such place. The expression cannot match anywhere
        else, so trying it at these places in order, and going on after the end
        of each hit, finds what ``finditer`` finds.
        """
        regex, scout = self._regex, self._scout
        assert regex is not None and scout is not None
        out: list[SourceHit] = []
        at = start
        while True:
            m = regex.match(text, at)
            if m is None:
                after = at + 1
            else:
                found = self._lookup(m.group(1))
                if found is not None:  # pragma: no branch - every alternative has a key
                    out.append(SourceHit(m.start(1), m.end(1), m.end(), found[0], found[1]))
                after = m.end()
            nxt = scout.search(text, after)
            if nxt is None:
                return out
            at = nxt.start()
