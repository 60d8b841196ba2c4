"""Unit state checks: untranslated, fuzzy, unreviewed, stale-review (decided by ``l10n.state``)."""

from __future__ import annotations

from collections.abc import Iterator

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.context import CatalogContext
from l10n.checks.registry import Finding, catalog_check, entry_check
from l10n.model import Severity, UnitState
from l10n.state import entry_state, is_done, is_stale_review

_REVIEW = "l10n-review"


@entry_check("untranslated", Severity.ERROR, "The unit has no translation.")
def untranslated(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    if entry.is_empty:
        # Below 100 % a missing unit is only a failure through the catalog threshold.
        sev = Severity.ERROR if ctx.policy.min_percent >= 100 else Severity.WARNING
        yield Finding("not translated", severity=sev)


@catalog_check(
    "untranslated",
    Severity.ERROR,
    "The unit has no translation.",
)
def below_threshold(catalog: Catalog, ctx: CatalogContext) -> Iterator[Finding]:
    need = ctx.policy.min_percent
    if need >= 100:
        return
    active = catalog.active_entries()
    if not active:
        return
    done = sum(1 for e in active if is_done(e))
    pct = 100.0 * done / len(active)
    if pct < need:
        yield Finding(
            f"{pct:.1f}% translated ({done} of {len(active)} units); the language needs {need:g}%",
            line=1,
        )


@entry_check(
    "fuzzy",
    Severity.ERROR,
    "The unit is marked fuzzy (needs work after a source change, MT or rejection).",
)
def fuzzy(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    if entry.fuzzy and not entry.is_empty:
        yield Finding("marked fuzzy: the translation needs work before it can be used")


@entry_check(
    "unreviewed",
    Severity.ERROR,
    "Translated but without a review record (only for languages with review-required).",
)
def unreviewed(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    if not ctx.policy.review_required or entry.fuzzy or not entry.is_translated:
        return
    if entry_state(entry) is UnitState.TRANSLATED and not is_stale_review(entry):
        yield Finding("translated but not reviewed; this language requires review")


@entry_check(
    "stale-review",
    Severity.WARNING,
    "A review record no longer matches the unit (changed after review); "
    "an error where review is required.",
)
def stale_review(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    if not any(c.startswith(_REVIEW) for c in entry.translator_comments):
        return  # no review record at all: nothing can be stale (and no hash to compute)
    if is_stale_review(entry):
        sev = Severity.ERROR if ctx.policy.review_required else Severity.WARNING
        yield Finding(
            "the review no longer matches: source or translation changed after review", severity=sev
        )
