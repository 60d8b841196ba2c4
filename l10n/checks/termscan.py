"""A quick proof that a translated unit has no glossary finding (the usual case).

:func:`l10n.glossary.checks.check_unit` decides every glossary finding; it
looks each rendering up in the target separately (re-reading the target for
every term). Most units are fine, and that is cheap to prove once the target
has been read a single time: for every concept found in the source, the
preferred rendering is present (or an admitted one, where the source itself
used an admitted term) and no forbidden rendering is. A concept without
forbidden renderings whose rendering is written exactly as in the glossary,
as whole words, is settled without reading the target word by word (the
usual case, and the cheapest: no word analysis at all).

:func:`surely_clean` answers True only when ``check_unit`` would return no
finding, using the same matching rules and the same cached word analyses
(:func:`l10n.glossary.morph.word_keys`); anything it cannot settle cheaply
(do-not-translate terms, Korean endings that need kiwipiepy, languages
matched without word analyses, a rendering that seems present or absent when it
should not be) answers False, and the caller runs ``check_unit``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from l10n.errors import LanguageError
from l10n.glossary.glossary import Glossary
from l10n.glossary.model import Concept, Term, TermStatus, normalize_term
from l10n.glossary.morph import compares_word_keys, word_keys
from l10n.languages import language

# The tokenisation of l10n.glossary.morph: word runs after unifying apostrophes.
_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
_WORD_CHAR = re.compile(r"\w")
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})


@functools.lru_cache(maxsize=64)
def canonical(lang: str) -> str:
    """The code ``check_unit`` looks renderings up with."""
    try:
        return language(lang).code
    except LanguageError:
        return lang


def _base(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


@dataclass(frozen=True)
class _Phrase:
    """One rendering, prepared for matching against many targets."""

    keys: tuple[frozenset[str], ...]  # per word (lemmatised languages)
    gaps: tuple[str, ...]  # what separates word j and j+1 in the rendering
    korean: re.Pattern[str] | None  # the rendering's pattern (Korean)
    # The rendering from its first word to its last, as written (apostrophes
    # unified); empty when it has no word.
    literal: str = ""


@dataclass(frozen=True)
class _Want:
    """What a clean translation of one concept looks like in one language."""

    preferred: _Phrase
    forbidden: tuple[_Phrase, ...]
    admitted: tuple[_Phrase, ...]


def _phrase(base: str, term: Term) -> _Phrase:
    text = term.text
    if base == "ko":
        words = normalize_term(text).split(" ")
        body = r"\s*".join(re.escape(w) for w in words)
        return _Phrase((), (), re.compile(rf"(?<!\w)({body})(\w*)"))
    flat = _flat(text)
    toks = list(_WORD.finditer(flat))
    keys = tuple(word_keys(base, m.group()) for m in toks)
    gaps = tuple(flat[toks[i].end() : toks[i + 1].start()] for i in range(len(toks) - 1))
    literal = flat[toks[0].start() : toks[-1].end()] if toks else ""
    return _Phrase(keys, gaps, None, literal)


def _written(flat: str, p: _Phrase) -> bool:
    """Whether ``p`` occurs in ``flat`` exactly as written, as whole words.

    Then the matcher finds it too: the words there are the rendering's own
    words (the same keys) and what lies between them is the same. False
    proves nothing (an inflected form may still be there).
    """
    literal = p.literal
    if not literal:
        return False
    at = flat.find(literal)
    while at >= 0:
        end = at + len(literal)
        if (at == 0 or _WORD_CHAR.match(flat, at - 1) is None) and _WORD_CHAR.match(
            flat, end
        ) is None:
            return True
        at = flat.find(literal, at + 1)
    return False


class _Prepared:
    """Per glossary and language: source hits per text and prepared renderings."""

    def __init__(self, glossary: Glossary, code: str) -> None:
        self.glossary = glossary  # keeps the id-keyed cache entry valid
        self.code = code
        self.base = _base(code)
        self.supported = self.base == "ko" or compares_word_keys(self.base)
        self.wants: dict[str, _Want | None] = {}  # by concept id, filled by want()

    def want(self, concept: Concept) -> _Want | None:
        if concept.id not in self.wants:
            entry = concept.target(self.code)
            self.wants[concept.id] = (
                None
                if entry is None
                else _Want(
                    _phrase(self.base, entry.preferred),
                    tuple(_phrase(self.base, t) for t in entry.forbidden),
                    tuple(_phrase(self.base, t) for t in entry.admitted),
                )
            )
        return self.wants[concept.id]


_PREPARED: dict[tuple[int, str], _Prepared] = {}


def _prepared(glossary: Glossary, code: str) -> _Prepared:
    key = (id(glossary), code)
    p = _PREPARED.get(key)
    if p is None or p.glossary is not glossary:
        if len(_PREPARED) > 32:
            _PREPARED.clear()
        p = _PREPARED[key] = _Prepared(glossary, code)
    return p


def prepare(glossary: Glossary, langs: list[str]) -> None:
    """Compile the source matcher and every rendering for ``langs`` now.

    Called before worker processes are forked, so that they inherit the
    result (and the analysers it loaded) instead of each building it.
    """
    glossary.find("")
    for lang in langs:
        prep = _prepared(glossary, canonical(lang))
        if prep.supported:
            for concept in glossary.concepts:
                prep.want(concept)


@dataclass(frozen=True)
class SourceTerms:
    """The concepts of one source text, in order of first occurrence."""

    concepts: tuple[Concept, ...]
    dnt: bool  # a do-not-translate concept is among them
    # Per concept: an admitted target variant is fine too (the source did not use
    # only the preferred term), the rule of check_unit.
    variant_ok: tuple[bool, ...] = ()


_EMPTY = SourceTerms((), False, ())
_SOURCE_MAX = 50_000


# The source terms of the texts seen so far, for the glossary last asked about.
# One run checks against one glossary: a single slot, tested by identity, is
# the cheapest lookup for a question asked once per translated unit.
_memo_glossary: Glossary | None = None
_memo: dict[str, SourceTerms] = {}


def source_terms(glossary: Glossary, source: str) -> SourceTerms:
    """The glossary concepts found in ``source`` (remembered per source text)."""
    global _memo_glossary, _memo
    if glossary is not _memo_glossary:
        _memo_glossary = glossary
        _memo = {}
    found = _memo.get(source)
    if found is None:
        found = _source_terms(glossary, source, _memo)
    return found


def _source_terms(glossary: Glossary, source: str, memo: dict[str, SourceTerms]) -> SourceTerms:
    if len(memo) >= _SOURCE_MAX:
        memo.clear()
    # The matcher's own memory of texts is not needed: this memo is consulted first.
    hits = glossary.matcher.scan(source)
    if not hits:
        memo[source] = _EMPTY
        return _EMPTY
    if len(hits) == 1:
        concept = hits[0].concept
        # One term: an admitted rendering is fine unless the source used the preferred term.
        found = SourceTerms(
            (concept,), concept.dnt, (hits[0].term.status is not TermStatus.PREFERRED,)
        )
        memo[source] = found
        return found
    seen: dict[str, Concept] = {}
    statuses: dict[str, set[TermStatus]] = {}
    for hit in hits:
        seen.setdefault(hit.concept.id, hit.concept)
        statuses.setdefault(hit.concept.id, set()).add(hit.term.status)
    concepts = tuple(seen.values())
    variant_ok = tuple(
        TermStatus.PREFERRED not in statuses[c.id] or TermStatus.ADMITTED in statuses[c.id]
        for c in concepts
    )
    found = memo[source] = SourceTerms(concepts, any(c.dnt for c in concepts), variant_ok)
    return found


_WORD_KEYS: dict[str, dict[str, frozenset[str]]] = {}


def _keys_of(base: str, words: list[str]) -> list[frozenset[str]]:
    """``word_keys`` of each word, through a plain per-language memo."""
    memo = _WORD_KEYS.setdefault(base, {})
    if len(memo) > 200_000:
        memo.clear()
    out = []
    for w in words:
        k = memo.get(w)
        if k is None:
            k = memo[w] = word_keys(base, w)
        out.append(k)
    return out


def _flat(text: str) -> str:
    """Apostrophes unified (a no-op, and no copy, for most texts)."""
    if "’" in text or "ʼ" in text or "‘" in text:
        return text.translate(_APOS)
    return text


class _Target:
    """One target text, read once: its words, what lies between them, their analyses."""

    __slots__ = ("gaps", "keys")

    def __init__(self, text: str, base: str) -> None:
        # [gap, word, gap, word, ..., gap]; unifying apostrophes keeps every gap's
        # verdict (apostrophes are not spaces, and normalize_term unifies them too).
        parts = _WORD_SPLIT.split(_flat(text))
        self.gaps = parts[2:-1:2]  # gaps[k] separates word k and word k+1
        self.keys = _keys_of(base, parts[1::2])

    def has(self, p: _Phrase) -> bool:
        """Whether the lemmatised matcher finds ``p`` (same rules as ``check_unit``)."""
        n = len(p.keys)
        if n == 0:
            return False
        keys, gaps = self.keys, self.gaps
        first = p.keys[0]
        for i in range(len(keys) - n + 1):
            if keys[i].isdisjoint(first):
                continue
            for j in range(1, n):
                if keys[i + j].isdisjoint(p.keys[j]):
                    break
                gap = gaps[i + j - 1]
                want = p.gaps[j - 1]
                if want.strip() == "":
                    if gap.strip() != "":
                        break
                elif normalize_term(gap) != normalize_term(want):
                    break
            else:
                return True
        return False


def _korean_clean(target: str, want: _Want) -> bool:
    for bad in want.forbidden:
        assert bad.korean is not None
        if bad.korean.search(target) is not None:
            return False  # present, or needs the ending analysis: let check_unit decide
    assert want.preferred.korean is not None
    # Found for sure when a match has nothing attached (no ending to analyse).
    return any(not m.group(2) for m in want.preferred.korean.finditer(target))


# The prepared renderings by the language code a check is given (the glossary
# is compared by identity): spares canonical() and the tuple key per unit.
_BY_LANG: dict[str, _Prepared] = {}


def surely_clean(glossary: Glossary, terms: SourceTerms, target: str, lang: str) -> bool:
    """True only if ``check_unit`` finds nothing for this unit (False: run it)."""
    if terms.dnt:
        return False
    prep = _BY_LANG.get(lang)
    if prep is None or prep.glossary is not glossary:
        if len(_BY_LANG) > 32:
            _BY_LANG.clear()
        prep = _BY_LANG[lang] = _prepared(glossary, canonical(lang))
    if not prep.supported:
        return False
    korean = prep.base == "ko"
    wants = prep.wants
    read: _Target | None = None
    flat = _flat(target)
    for concept, variant_ok in zip(terms.concepts, terms.variant_ok, strict=True):
        want = wants[concept.id] if concept.id in wants else prep.want(concept)
        if want is None:
            continue  # no rendering for this language: check_unit skips it too
        if korean:
            if not _korean_clean(target, want):
                return False
            continue
        # The concept is rendered right when no forbidden rendering is present
        # and the preferred one is (or an admitted one, where the source allows
        # it). Renderings written as in the glossary settle the usual case
        # without reading the target word by word.
        if not want.forbidden and (
            _written(flat, want.preferred)
            or (variant_ok and any(_written(flat, ok) for ok in want.admitted))
        ):
            continue
        if read is None:
            read = _Target(target, prep.base)
        if any(read.has(bad) for bad in want.forbidden):
            return False
        if read.has(want.preferred):
            continue
        if not (variant_ok and any(read.has(ok) for ok in want.admitted)):
            return False
    return True
