"""Glossary checks, delegated to :mod:`l10n.glossary` (the glossary owns term matching).

``glossary-missing``, ``glossary-forbidden`` and ``glossary-dnt`` run per
translated unit through :func:`l10n.glossary.checks.check_unit`; a hard
finding is an error, an advisory one a warning. Units without a glossary term
in the source, and units whose renderings are provably right
(:mod:`l10n.checks.termscan`), are settled without calling it. ``glossary-deprecated``
reports deprecated terms in the source articles (``lint_sources``) and is
produced by the project checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from l10n.checks.context import CatalogContext, Pair
from l10n.checks.registry import Finding, Scope, declare, pair_check
from l10n.checks.termscan import source_terms, surely_clean
from l10n.glossary.checks import check_unit
from l10n.glossary.glossary import Glossary
from l10n.model import Severity

declare(
    "glossary-forbidden",
    Severity.ERROR,
    "A forbidden rendering of a glossary concept is used in the translation.",
    Scope.PAIR,
    needs_project=True,
)
declare(
    "glossary-dnt",
    Severity.ERROR,
    "A do-not-translate term of the source is not in the translation unchanged.",
    Scope.PAIR,
    needs_project=True,
)
declare(
    "glossary-deprecated",
    Severity.WARNING,
    "A source article uses a deprecated glossary term.",
    Scope.PROJECT,
    needs_project=True,
)


@pair_check(
    "glossary-missing",
    Severity.ERROR,
    "A glossary concept of the source has no approved rendering in the translation "
    "(any inflected form).",
)
def glossary(pair: Pair, ctx: CatalogContext) -> Sequence[Finding]:
    gl = ctx.glossary
    if not isinstance(gl, Glossary) or ctx.lang is None:
        return ()
    terms = source_terms(gl, pair.source)
    if not terms.concepts or surely_clean(gl, terms, pair.target, ctx.lang):
        return ()  # no term in the source, or every rendering provably right
    return [
        Finding(
            f.message,
            check=f.check_id,
            severity=Severity.ERROR if f.hard else Severity.WARNING,
        )
        for f in check_unit(gl, pair.source, pair.target, ctx.lang)
    ]


def protected_spans(gl: object, source: str) -> list[tuple[int, int]]:
    """Spans of do-not-translate terms in ``source`` (for same-as-source)."""
    if not isinstance(gl, Glossary):
        return []
    return [(h.start, h.suffix_end) for h in gl.find(source) if h.concept.dnt]
