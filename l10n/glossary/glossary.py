"""The loaded glossary: lookup, source matching and translator hints."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from l10n.glossary.model import Concept, TermStatus, normalize_term, one_line
from l10n.glossary.source_match import SourceHit, SourceMatcher


@dataclass(frozen=True)
class Glossary:
    """A validated glossary. Equality compares the concepts and source language only."""

    concepts: tuple[Concept, ...]
    source_language: str = "en"
    path: Path | None = field(default=None, compare=False)

    @functools.cached_property
    def matcher(self) -> SourceMatcher:
        """One combined matcher for every source term (built on first use)."""
        return SourceMatcher(self.concepts)

    def find(self, source_text: str) -> list[SourceHit]:
        """Glossary terms in a source text, left to right, longest first."""
        return self.matcher.find(source_text)

    def concept(self, key: str) -> Concept | None:
        """A concept by id or by any of its source or target terms (case-insensitive)."""
        want = normalize_term(key).casefold()
        for concept in self.concepts:
            if concept.id.casefold() == want:
                return concept
        for concept in self.concepts:
            texts = [t.text for t in concept.terms]
            texts += [t.text for entry in concept.targets for t in entry.terms]
            if any(normalize_term(t).casefold() == want for t in texts):
                return concept
        return None

    def hints(self, source_text: str, lang: str) -> tuple[str, ...]:
        """One-line translator hints for the concepts found in a source unit.

        One hint per concept, in order of first appearance, e.g.
        ``glossary: KPA -> Корейская народная армия (КНА); note``.
        """
        seen: set[str] = set()
        out: list[str] = []
        for hit in self.find(source_text):
            if hit.concept.id in seen:
                continue
            seen.add(hit.concept.id)
            out.append(hint_line(hit, lang))
        return tuple(out)


def hint_line(hit: SourceHit, lang: str) -> str:
    """``glossary: <term> -> <rendering> (<variants>); not: <forbidden>; <notes>``."""
    concept, term = hit.concept, hit.term
    parts: list[str] = []
    if concept.dnt:
        head = f"glossary: {term.text} -> keep as is (do not translate)"
    else:
        entry = concept.target(lang)
        if entry is None:
            head = f"glossary: {term.text} -> no {lang} rendering yet"
        else:
            head = f"glossary: {term.text} -> {entry.preferred.text}"
            if entry.admitted:
                head += " (" + ", ".join(t.text for t in entry.admitted) + ")"
            if entry.forbidden:
                parts.append("not: " + ", ".join(t.text for t in entry.forbidden))
            if entry.note:
                parts.append(one_line(entry.note))
    if term.status is TermStatus.DEPRECATED:
        parts.insert(0, f"deprecated source form, write {concept.replacement_for(term).text}")
    if concept.note:
        parts.append(one_line(concept.note))
    return one_line("; ".join([head, *parts]))
