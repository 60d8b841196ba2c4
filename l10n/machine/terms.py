"""The glossary's side of machine translation: what to protect, what to flag.

Protection policy (see docs/machine-translation.md):

* a do-not-translate concept: every source occurrence is protected and comes
  back exactly as written in the source;
* a concept with a rendering for the language: protected only when that
  rendering is *fixed*, i.e. does not inflect in the sentence: an acronym
  rendering (KPA -> КНА), or any rendering in a language that does not
  inflect nouns for case (Korean particles attach after the noun, which the
  engine writes after the placeholder). In case-inflecting languages (ru, uk,
  pl...) full renderings are not protected: the engine inflects them better
  than a frozen nominative, and the check below catches a wrong choice.
* deprecated source forms are never protected (the source needs fixing).

After restoration every filled unit is checked with the glossary's own
:func:`l10n.glossary.checks.check_unit` (which accepts inflected forms); hard
findings become ``# l10n-warning: <check-id> <concept>: <message>`` lines.
"""

from __future__ import annotations

from l10n.glossary.checks import check_unit
from l10n.glossary.glossary import Glossary
from l10n.glossary.model import Concept, TargetEntry, Term, TermStatus
from l10n.glossary.source_match import SourceHit
from l10n.machine.protect import Protect
from l10n.records import WarningRecord

# Languages whose nouns change form by grammatical case.
CASE_INFLECTING = frozenset(
    {"ru", "uk", "be", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv", "fi", "et", "hu", "el"}
)


def _base(lang: str) -> str:
    return lang.split("_")[0].split("-")[0].lower()


def fixed_rendering(entry: TargetEntry, term: Term, lang: str) -> str | None:
    """The rendering to restore for a source ``term``, or None (not protected)."""
    if term.looks_like_acronym:
        for candidate in (entry.preferred, *entry.admitted):
            if candidate.looks_like_acronym:
                return candidate.text
    if entry.preferred.looks_like_acronym:
        return entry.preferred.text
    if _base(lang) in CASE_INFLECTING:
        return None
    return entry.preferred.text


def protect_hit(hit: SourceHit, source: str, lang: str) -> Protect | None:
    concept: Concept = hit.concept
    if hit.term.status is TermStatus.DEPRECATED:
        return None
    if concept.dnt:
        replacement = source[hit.start : hit.end]
    else:
        entry = concept.target(lang)
        if entry is None:
            return None
        rendering = fixed_rendering(entry, hit.term, lang)
        if rendering is None:
            return None
        replacement = rendering
    # The possessive/plural ending goes with the term: the engine sees one token.
    return Protect(hit.start, hit.suffix_end, concept.id, replacement)


def protection(glossary: Glossary | None, source: str, lang: str) -> list[Protect]:
    if glossary is None:
        return []
    out = []
    for hit in glossary.find(source):
        p = protect_hit(hit, source, lang)
        if p is not None:
            out.append(p)
    return out


def warning_line(check_id: str, concept: str, message: str) -> str:
    """A translator-comment line (without ``# ``) the reviewer sees in any PO editor."""
    return WarningRecord(check_id, concept, message).format()


def glossary_warnings(glossary: Glossary | None, source: str, target: str, lang: str) -> list[str]:
    if glossary is None:
        return []
    return [
        warning_line(f.check_id, f.concept_id, f.message)
        for f in check_unit(glossary, source, target, lang)
        if f.hard
    ]
