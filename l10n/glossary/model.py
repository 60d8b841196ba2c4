"""The glossary's values: concepts, their source terms and per-language renderings.

Statuses follow TBX (ISO 30042) ``administrativeStatus``: a concept has one
preferred source term, any number of admitted variants (an acronym, a short
form used after the first mention) and deprecated forms that should be
rewritten in the sources. Each target language has one preferred rendering,
admitted variants and forbidden renderings (TBX ``deprecatedTerm``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

_APOSTROPHES = "'’ʼ‘"


class TermStatus(enum.Enum):
    """TBX administrative status of one term."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"

    @property
    def tbx(self) -> str:
        """The TBX-Basic picklist value, e.g. ``preferredTerm-admn-sts``."""
        return f"{self.value}Term-admn-sts"

    @classmethod
    def from_tbx(cls, value: str) -> TermStatus | None:
        norm = value.strip().lower().replace("-admn-sts", "").replace("term", "")
        for status in cls:
            if status.value == norm:
                return status
        return None


class TermType(enum.Enum):
    """TBX ``termType`` of a term (optional)."""

    FULL_FORM = "fullForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    SHORT_FORM = "shortForm"
    VARIANT = "variant"
    PHRASE = "phrase"

    @classmethod
    def from_label(cls, label: str) -> TermType | None:
        for kind in cls:
            if kind.value.lower() == label.strip().lower():
                return kind
        return None


@dataclass(frozen=True)
class Term:
    """One written form of a concept in one language."""

    text: str
    status: TermStatus
    type: TermType | None = None
    case_sensitive: bool | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def looks_like_acronym(self) -> bool:
        """Explicitly typed as acronym/abbreviation, or written in capitals (KPA, КНА)."""
        if self.type in (TermType.ACRONYM, TermType.ABBREVIATION):
            return True
        if self.type is not None:
            return False
        return len(self.text) >= 2 and " " not in self.text and self.text.isupper()


@dataclass(frozen=True)
class TargetEntry:
    """The renderings of a concept in one target language."""

    lang: str
    terms: tuple[Term, ...]
    note: str | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def preferred(self) -> Term:
        return _preferred(self.terms)

    @property
    def admitted(self) -> tuple[Term, ...]:
        return _with_status(self.terms, TermStatus.ADMITTED)

    @property
    def forbidden(self) -> tuple[Term, ...]:
        return _with_status(self.terms, TermStatus.DEPRECATED)


@dataclass(frozen=True)
class Concept:
    """One named thing (organisation, person, place, title) with all its terms."""

    id: str
    terms: tuple[Term, ...]
    note: str | None = None
    case_sensitive: bool | None = None
    dnt: bool = False
    targets: tuple[TargetEntry, ...] = ()
    line: int | None = field(default=None, compare=False)

    @property
    def preferred(self) -> Term:
        return _preferred(self.terms)

    @property
    def admitted(self) -> tuple[Term, ...]:
        return _with_status(self.terms, TermStatus.ADMITTED)

    @property
    def deprecated(self) -> tuple[Term, ...]:
        return _with_status(self.terms, TermStatus.DEPRECATED)

    def target(self, lang: str) -> TargetEntry | None:
        for entry in self.targets:
            if entry.lang == lang:
                return entry
        return None

    def is_case_sensitive(self, term: Term) -> bool:
        """Term setting, else concept setting, else: acronyms yes, other terms no."""
        if term.case_sensitive is not None:
            return term.case_sensitive
        if self.case_sensitive is not None:
            return self.case_sensitive
        return term.looks_like_acronym

    def replacement_for(self, term: Term) -> Term:
        """The term to write instead of a deprecated ``term``.

        A deprecated acronym is replaced by the concept's current acronym when it
        has one (TAK -> KCNA); anything else by the preferred term.
        """
        if term.looks_like_acronym:
            for candidate in self.terms:
                if candidate.status is not TermStatus.DEPRECATED and candidate.looks_like_acronym:
                    return candidate
        return self.preferred


def normalize_term(text: str) -> str:
    """Apostrophes, dashes and whitespace unified: the identity of a written form."""
    out = text.strip()
    for ch in _APOSTROPHES:
        out = out.replace(ch, "'")
    out = out.replace("‐", "-").replace("‑", "-")
    return " ".join(out.split())


def one_line(text: str) -> str:
    """Collapse whitespace (notes go into one-line PO comments)."""
    return " ".join(text.split())


def _preferred(terms: tuple[Term, ...]) -> Term:
    return next(t for t in terms if t.status is TermStatus.PREFERRED)


def _with_status(terms: tuple[Term, ...], status: TermStatus) -> tuple[Term, ...]:
    return tuple(t for t in terms if t.status is status)
