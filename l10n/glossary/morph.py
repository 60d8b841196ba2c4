"""Target-side, inflection-aware matching of glossary renderings.

- Russian and Ukrainian: every word is reduced to its dictionary forms with
  pymorphy3 (``Курской области`` -> ``курский область``), so any case form of a
  phrase matches; Russian also compares Snowball stems for names pymorphy3
  does not know (``Ына`` / ``Ын``), and only for those, so ``Курск`` and
  ``Курская`` stay apart.
- Korean: the phrase must appear as written, starting an eojeol (word), and
  whatever follows it inside the same eojeol must be particles, endings or the
  copula according to kiwipiepy (``조선인민군은``, ``조선인민군이었다``), so
  ``조선인민군사령부`` does not match ``조선인민군``.
- Other languages: Snowball stems when Snowball has the language, else
  case-folded words.

The analysers are slow to construct: each is built lazily, once per process;
word analyses are cached.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from l10n.glossary.model import normalize_term

_WORD = re.compile(r"\w+")
_APOS = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_KOREAN_TAIL_OK = ("J", "E", "VCP")


@dataclass(frozen=True)
class Span:
    """Where a rendering was found in a target text."""

    start: int
    end: int


@functools.cache
def _pymorphy(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    # The multi-word dictionary (about 190 MB and two seconds to load) adds
    # compound entries, and the typo dictionary spelling variants: telling
    # particles and endings from a noun needs neither.
    return Kiwi(load_multi_dict=False, load_typo_dict=False)


@functools.cache
def _snowball(lang: str) -> Any:
    import snowballstemmer

    from l10n.languages import language

    try:
        name = language(lang).english_name.split(" ")[0].lower()
    except Exception:  # an unknown code has no stemmer; fall back to plain words
        return None
    if name not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(name)


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


@functools.lru_cache(maxsize=200_000)
def word_keys(lang: str, word: str) -> frozenset[str]:
    """The comparison keys of one word: lemmas (``L:``) and/or stems (``S:``)."""
    low = word.lower().replace("ё", "е")
    base = _base(lang)
    keys = {f"W:{low}"}
    if base in ("ru", "uk"):
        morph = _pymorphy(base)
        for parse in morph.parse(word):
            keys.add("L:" + str(parse.normal_form).replace("ё", "е"))
        if base == "ru" and not morph.word_is_known(low):
            # Names outside the dictionary (Ын, Ына): compare Snowball stems too.
            keys.add("S:" + _snowball("ru").stemWord(low))
    else:
        stemmer = _snowball(base)
        if stemmer is not None:
            keys.add("S:" + stemmer.stemWord(low))
    return frozenset(keys)


def _gap_ok(gap: str, term_gap: str) -> bool:
    return (
        gap.strip() == ""
        if term_gap.strip() == ""
        else normalize_term(gap) == normalize_term(term_gap)
    )


def _find_lemmatized(lang: str, text: str, phrase: str) -> list[Span]:
    flat_phrase = phrase.translate(_APOS)
    ptoks = list(_WORD.finditer(flat_phrase))
    if not ptoks:
        return []
    pkeys = [word_keys(lang, m.group()) for m in ptoks]
    pgaps = [flat_phrase[ptoks[i].end() : ptoks[i + 1].start()] for i in range(len(ptoks) - 1)]
    # Apostrophes are unified one for one, so positions in ``flat`` are positions in ``text``.
    flat = text.translate(_APOS)
    ttoks = list(_WORD.finditer(flat))
    tkeys = [word_keys(lang, m.group()) for m in ttoks]
    out: list[Span] = []
    n = len(ptoks)
    i = 0
    while i + n <= len(ttoks):
        ok = True
        for j in range(n):
            if tkeys[i + j].isdisjoint(pkeys[j]):
                ok = False
                break
            if j and not _gap_ok(text[ttoks[i + j - 1].end() : ttoks[i + j].start()], pgaps[j - 1]):
                ok = False
                break
        if ok:
            out.append(Span(ttoks[i].start(), ttoks[i + n - 1].end()))
            i += n
        else:
            i += 1
    return out


@functools.lru_cache(maxsize=100_000)
def _korean_tail_ok(eojeol: str, cut: int) -> bool:
    """True if ``eojeol[cut:]`` is only particles/endings after a noun ending at ``cut``."""
    kiwi = _kiwi()
    for tokens, _score in kiwi.analyze(eojeol, top_n=3):
        if not any(t.start + t.len == cut for t in tokens):
            continue
        tail = [t for t in tokens if t.start >= cut]
        if tail and all(str(t.tag).startswith(_KOREAN_TAIL_OK) for t in tail):
            return True
    return False


def _korean_pattern(phrase: str) -> re.Pattern[str]:
    words = normalize_term(phrase).split(" ")
    body = r"\s*".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)({body})(\w*)")


def _find_korean(text: str, phrase: str) -> list[Span]:
    out: list[Span] = []
    for m in _korean_pattern(phrase).finditer(text):
        tail = m.group(2)
        if tail:
            last_space = max(m.group(1).rfind(" "), m.group(1).rfind("\t"))
            eojeol_start = m.start(1) + last_space + 1
            eojeol = text[eojeol_start : m.end(2)]
            if not _korean_tail_ok(eojeol, m.end(1) - eojeol_start):
                continue
        out.append(Span(m.start(1), m.end(1)))
    return out


def _find_casefold(text: str, phrase: str) -> list[Span]:
    words = normalize_term(phrase).split(" ")
    body = r"\s+".join(re.escape(w) for w in words)
    pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    return [Span(m.start(), m.end()) for m in pattern.finditer(text.translate(_APOS))]


def compares_word_keys(lang: str) -> bool:
    """Whether renderings in ``lang`` are matched word by word on :func:`word_keys`."""
    base = _base(lang)
    return base in ("ru", "uk") or (base != "ko" and _snowball(base) is not None)


def finder(lang: str) -> Callable[[str, str], list[Span]]:
    """The matching function ``(text, phrase) -> spans`` for a target language."""
    base = _base(lang)
    if base == "ko":
        return _find_korean
    if compares_word_keys(base):
        return functools.partial(_find_lemmatized, base)
    return _find_casefold


def find_rendering(lang: str, text: str, phrase: str) -> list[Span]:
    """Every inflected occurrence of ``phrase`` in ``text`` (a target-language text)."""
    return finder(lang)(text, phrase)


def contains_rendering(lang: str, text: str, phrase: str) -> bool:
    return bool(find_rendering(lang, text, phrase))
