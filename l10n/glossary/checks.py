"""Glossary checks of one translated unit (used by ``l10n check``).

- ``glossary-missing``: a concept found in the source has no approved rendering
  in the target, in any inflected form (hard). When only an admitted variant
  is present although the source used the full preferred term, the result is
  advisory.
- ``glossary-forbidden``: a forbidden rendering of a concept found in the
  source is present in the target (hard).
- ``glossary-dnt``: a do-not-translate term of the source is not in the target
  unchanged (hard).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from l10n.glossary.glossary import Glossary
from l10n.glossary.model import Concept, Term, TermStatus, normalize_term
from l10n.glossary.morph import find_rendering
from l10n.glossary.source_match import SourceHit


class GlossaryCheck(enum.Enum):
    """The check ids."""

    MISSING = "glossary-missing"
    FORBIDDEN = "glossary-forbidden"
    DNT = "glossary-dnt"


class Strictness(enum.Enum):
    """Hard findings are errors; advisory ones are suggestions."""

    HARD = "hard"
    ADVISORY = "advisory"


@dataclass(frozen=True)
class GlossaryFinding:
    """One glossary problem in one translated unit."""

    check: GlossaryCheck
    strictness: Strictness
    concept_id: str
    term: str  # the source term as listed in the glossary
    expected: str  # what the target should contain
    message: str
    found: str | None = None  # the offending target text, if any

    @property
    def check_id(self) -> str:
        return self.check.value

    @property
    def hard(self) -> bool:
        return self.strictness is Strictness.HARD


def _canonical(lang: str) -> str:
    from l10n.errors import LanguageError
    from l10n.languages import language

    try:
        return language(lang).code
    except LanguageError:
        return lang


def _grouped(hits: list[SourceHit]) -> list[tuple[Concept, list[SourceHit]]]:
    order: dict[str, tuple[Concept, list[SourceHit]]] = {}
    for hit in hits:
        order.setdefault(hit.concept.id, (hit.concept, []))[1].append(hit)
    return list(order.values())


def _first_found(lang: str, target: str, terms: tuple[Term, ...]) -> tuple[Term, str] | None:
    for term in terms:
        spans = find_rendering(lang, target, term.text)
        if spans:
            return term, target[spans[0].start : spans[0].end]
    return None


def check_unit(glossary: Glossary, source: str, target: str, lang: str) -> list[GlossaryFinding]:
    """Glossary findings for one unit; an empty target gives none."""
    if not target.strip():
        return []
    code = _canonical(lang)
    out: list[GlossaryFinding] = []
    for concept, hits in _grouped(glossary.find(source)):
        shown = hits[0].term.text
        if concept.dnt:
            out.extend(_check_dnt(concept, hits, source, target))
            continue
        entry = concept.target(code)
        if entry is None:
            continue
        bad = _first_found(code, target, entry.forbidden)
        if bad is not None:
            out.append(
                GlossaryFinding(
                    GlossaryCheck.FORBIDDEN,
                    Strictness.HARD,
                    concept.id,
                    shown,
                    entry.preferred.text,
                    f"{bad[1]!r} is a forbidden rendering of {shown!r}; "
                    f"use {entry.preferred.text!r}",
                    found=bad[1],
                )
            )
            continue
        if _first_found(code, target, (entry.preferred,)) is not None:
            continue
        variant = _first_found(code, target, entry.admitted)
        if variant is not None:
            if any(h.term.status is TermStatus.PREFERRED for h in hits) and not any(
                h.term.status is TermStatus.ADMITTED for h in hits
            ):
                out.append(
                    GlossaryFinding(
                        GlossaryCheck.MISSING,
                        Strictness.ADVISORY,
                        concept.id,
                        shown,
                        entry.preferred.text,
                        f"{shown!r} is rendered with the variant {variant[1]!r}; "
                        f"the preferred rendering is {entry.preferred.text!r}",
                        found=variant[1],
                    )
                )
            continue
        accepted = ", ".join(repr(t.text) for t in (entry.preferred, *entry.admitted))
        out.append(
            GlossaryFinding(
                GlossaryCheck.MISSING,
                Strictness.HARD,
                concept.id,
                shown,
                entry.preferred.text,
                f"{shown!r} should be rendered as {accepted} (any inflected form)",
            )
        )
    return out


def _check_dnt(
    concept: Concept, hits: list[SourceHit], source: str, target: str
) -> list[GlossaryFinding]:
    norm_target = normalize_term(target)
    out: list[GlossaryFinding] = []
    seen: set[str] = set()
    for hit in hits:
        written = normalize_term(source[hit.start : hit.end])
        if written in seen:
            continue
        seen.add(written)
        if written not in norm_target:
            out.append(
                GlossaryFinding(
                    GlossaryCheck.DNT,
                    Strictness.HARD,
                    concept.id,
                    hit.term.text,
                    written,
                    f"{written!r} must not be translated or altered; "
                    "keep it as written in the source",
                )
            )
    return out
