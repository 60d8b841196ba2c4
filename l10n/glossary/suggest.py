"""Candidate glossary terms found in the sources and missing from the glossary.

Frequency n-grams are a weak source for a names glossary (they cut ``Kim Jong
Un`` into ``Kim Jong`` and never see ``Korean People’s Army``). Here a
candidate is a run of capitalised words inside a sentence (``People’s`` and
hyphenated parts included), possibly joined by ``of``/``the``/``and``
(``General Staff of the Russian Armed Forces``); each connector-free part of
two or more words is a candidate as well (``General Staff``). Acronyms
(``KPA``, ``TAK``) are candidates on their own. Title-case lines (headlines)
and sentence-initial function words are skipped; possessive endings are
removed. Occurrences already covered by a glossary term do not count.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.glossary.glossary import Glossary
from l10n.glossary.lint import SourceText

_WORD = re.compile(r"[^\W\d_][\w]*(?:['’ʼ‐-][\w]+)*")
_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "de", "al", "bin"})
# Capitalised only because they open a sentence or a clause; never part of a name.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "of",
        "and",
        "or",
        "but",
        "if",
        "as",
        "with",
        "without",
        "after",
        "before",
        "during",
        "since",
        "while",
        "when",
        "where",
        "according",
        "although",
        "though",
        "however",
        "meanwhile",
        "yet",
        "so",
        "also",
        "it",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "all",
        "some",
        "many",
        "most",
        "several",
        "other",
        "such",
        "each",
        "every",
        "both",
        "no",
        "not",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ]
)
_SENTENCE_END = re.compile(r"[.!?…]['’\"”)]*\s+|\n")
_POSSESSIVE = re.compile(r"['’ʼ]s?$")


class CandidateKind(enum.Enum):
    NAME = "name"
    ACRONYM = "acronym"


@dataclass(frozen=True)
class Candidate:
    """A suggested term, how often it occurs and in how many articles."""

    term: str
    kind: CandidateKind
    count: int
    articles: int
    example: str  # "path:line" of the first occurrence


@dataclass(frozen=True)
class _Occ:
    term: str
    kind: CandidateKind
    start: int
    end: int


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_acronym(word: str) -> bool:
    core = _POSSESSIVE.sub("", word)
    return len(core) >= 2 and core.isupper() and core.isalpha()


def _headline(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    if len(words) < 3 or line.rstrip().endswith((".", "?", "!", ":", "’", "'", '"', "”")):
        return False
    return sum(1 for w in words if _is_cap(w)) / len(words) >= 0.7


def _sentences(text: str) -> Iterable[tuple[int, str]]:
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        yield pos, text[pos : m.start() + 1]
        pos = m.end()
    if pos < len(text):
        yield pos, text[pos:]


def _runs(offset: int, sentence: str) -> Iterable[_Occ]:
    words = list(_WORD.finditer(sentence))
    i = 0
    while i < len(words):
        w = words[i].group()
        if _is_acronym(w):
            core = _POSSESSIVE.sub("", w)
            start = offset + words[i].start()
            yield _Occ(core, CandidateKind.ACRONYM, start, start + len(core))
            i += 1
            continue
        if not _is_cap(w) or w.lower() in _FUNCTION_WORDS:
            i += 1
            continue
        # a run of capitalised words, possibly joined by lowercase connectors
        run = [i]
        j = i + 1
        while j < len(words):
            gap = sentence[words[j - 1].end() : words[j].start()]
            if gap.strip():
                break
            wj = words[j].group()
            if _is_cap(wj) and not _is_acronym(wj):
                if _POSSESSIVE.search(words[run[-1]].group()) and not _inner_possessive(
                    words[run[-1]].group()
                ):
                    break
                run.append(j)
                j += 1
                continue
            if wj in _CONNECTORS:
                k = j
                while k < len(words) and words[k].group() in _CONNECTORS:
                    k += 1
                if (
                    k < len(words)
                    and _is_cap(words[k].group())
                    and not _is_acronym(words[k].group())
                ):
                    run.extend(range(j, k + 1))
                    j = k + 1
                    continue
            break
        yield from _candidates(offset, sentence, words, run)
        i = j


def _inner_possessive(word: str) -> bool:
    """``People’s`` inside ``Korean People’s Army`` continues a name."""
    return word.lower().endswith(("people’s", "people's", "peoples’", "peoples'"))


def _candidates(
    offset: int, sentence: str, words: list[re.Match[str]], run: list[int]
) -> Iterable[_Occ]:
    # split into connector-free parts
    parts: list[list[int]] = [[]]
    for idx in run:
        if words[idx].group() in _CONNECTORS:
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(idx)
    parts = [p for p in parts if p]

    def occ(idxs: list[int]) -> _Occ | None:
        start = words[idxs[0]].start()
        last = words[idxs[-1]]
        ending = _POSSESSIVE.search(last.group())
        end = last.end() - (len(ending.group()) if ending else 0)
        text = " ".join(sentence[start:end].split())
        return _Occ(text, CandidateKind.NAME, offset + start, offset + end) if " " in text else None

    seen: set[str] = set()
    whole = occ(run)
    if whole is not None:
        seen.add(whole.term)
        yield whole
    if len(parts) > 1:
        for part in parts:
            o = occ(part)
            if o is not None and o.term not in seen:
                seen.add(o.term)
                yield o


def _canon(term: str) -> str:
    return term.replace("'", "’")


def suggest_terms(
    glossary: Glossary, articles: Iterable[SourceText], *, min_count: int = 1, limit: int = 50
) -> list[Candidate]:
    """Ranked candidates: most frequent first, then longer, then alphabetical."""
    counts: Counter[str] = Counter()
    in_articles: dict[str, set[str]] = {}
    kinds: dict[str, CandidateKind] = {}
    examples: dict[str, str] = {}
    for article in articles:
        text = article.text
        covered = [(h.start, h.suffix_end) for h in glossary.find(text)]
        line_start = 0
        for line in text.splitlines(keepends=True):
            if not _headline(line):
                for s_off, sentence in _sentences(line):
                    for o in _runs(line_start + s_off, sentence):
                        if any(a < o.end and o.start < b for a, b in covered):
                            continue
                        key = _canon(o.term)
                        counts[key] += 1
                        kinds.setdefault(key, o.kind)
                        in_articles.setdefault(key, set()).add(str(article.path))
                        if key not in examples:
                            lineno = text.count("\n", 0, o.start) + 1
                            examples[key] = f"{article.path}:{lineno}"
            line_start += len(line)
    ranked = sorted(counts, key=lambda k: (-counts[k], -len(k.split()), k))
    out = [
        Candidate(k, kinds[k], counts[k], len(in_articles[k]), examples[k])
        for k in ranked
        if counts[k] >= min_count
    ]
    return out[:limit]
