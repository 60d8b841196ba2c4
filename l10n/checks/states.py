"""Unit state checks: untranslated, fuzzy, unreviewed, stale-review (decided by ``l10n.state``).

These and the entry checks of :mod:`l10n.checks.catalogs` (plurals, po-valid)
run as one family (:func:`entry_family_checks`): nearly every unit is a
translated, not fuzzy singular entry without review records, which one test
tells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.catalogs import entry_validity, plurals
from l10n.checks.context import CatalogContext
from l10n.checks.registry import Finding, Scope, catalog_check, declare, entry_family
from l10n.model import Severity, UnitState
from l10n.records import ignored_checks
from l10n.state import entry_state, is_done, is_stale_review

_REVIEW = "l10n-review"
_NOTHING: tuple[Finding, ...] = ()

declare("untranslated", Severity.ERROR, "The unit has no translation.", Scope.ENTRY)


def untranslated(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    # Entry.is_empty, inlined for the common singular entry.
    if entry.msgstr if entry.msgid_plural is None else any(entry.msgstr_plural):
        return _NOTHING
    if not ctx.policy.required:
        return _NOTHING  # optional language: one line per catalog (untranslated_optional)
    # Below 100 % a missing unit is only a failure through the catalog threshold.
    sev = Severity.ERROR if ctx.policy.min_percent >= 100 else Severity.WARNING
    return [Finding("not translated", check="untranslated", severity=sev)]


@catalog_check(
    "untranslated",
    Severity.ERROR,
    "The unit has no translation.",
)
def below_threshold(catalog: Catalog, ctx: CatalogContext) -> Iterator[Finding]:
    if not ctx.policy.required:
        yield from untranslated_optional(catalog, ctx)
    need = ctx.policy.min_percent
    if need >= 100 or need <= 0:
        return  # 100 %: every unit is checked itself; 0 %: nothing can be below
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


def untranslated_optional(catalog: Catalog, ctx: CatalogContext) -> Iterator[Finding]:
    """Untranslated units of an optional language, as one finding per catalog.

    Work still to do in a language that never fails the gate is not a defect
    of each unit: one line (at the first such unit) says how many there are,
    instead of one line per unit. A unit marked ``l10n-ignore: untranslated``
    is not counted.
    """
    lines = [
        e.line or 1
        for e in catalog.active_entries()
        if e.is_empty and "untranslated" not in ignored_checks(e.translator_comments)
    ]
    if lines:
        total = len(catalog.active_entries())
        sev = Severity.ERROR if ctx.policy.min_percent >= 100 else Severity.WARNING
        yield Finding(
            f"{len(lines)} of {total} units not translated",
            severity=sev,
            line=lines[0],
        )


declare(
    "fuzzy",
    Severity.ERROR,
    "The unit is marked fuzzy (needs work after a source change, MT or rejection).",
    Scope.ENTRY,
)


def fuzzy(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    if entry.fuzzy and not entry.is_empty:
        return [
            Finding("marked fuzzy: the translation needs work before it can be used", check="fuzzy")
        ]
    return _NOTHING


declare(
    "unreviewed",
    Severity.ERROR,
    "Translated but without a review record (only for languages with review-required).",
    Scope.ENTRY,
)


def unreviewed(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    if not ctx.policy.review_required or entry.fuzzy or not entry.is_translated:
        return _NOTHING
    if entry_state(entry) is UnitState.TRANSLATED and not is_stale_review(entry):
        return [
            Finding(
                "translated but not reviewed; this language requires review", check="unreviewed"
            )
        ]
    return _NOTHING


declare(
    "stale-review",
    Severity.WARNING,
    "A review record no longer matches the unit (changed after review); "
    "an error where review is required.",
    Scope.ENTRY,
)


def stale_review(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    comments = entry.translator_comments
    if not comments or not any(c.startswith(_REVIEW) for c in comments):
        return _NOTHING  # no review record at all: nothing can be stale (and no hash to compute)
    if is_stale_review(entry):
        sev = Severity.ERROR if ctx.policy.review_required else Severity.WARNING
        return [
            Finding(
                "the review no longer matches: source or translation changed after review",
                check="stale-review",
                severity=sev,
            )
        ]
    return _NOTHING


@entry_family("plurals")
def entry_family_checks(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    """plurals, po-valid, untranslated, fuzzy, unreviewed and stale-review, in this order."""
    if (
        entry.msgid_plural is None
        and not entry.msgstr_plural
        and not entry.translator_comments
        and not ctx.policy.review_required
        and "fuzzy" not in entry.flags
    ):
        form = entry.msgstr
        if form:
            src = entry.msgid
            if ("\n" not in src and "\n" not in form) or (
                src.startswith("\n") == form.startswith("\n")
                and src.endswith("\n") == form.endswith("\n")
            ):
                # A translated singular entry, not fuzzy, with the line ends of its
                # source, no review record and no review required: none applies.
                return _NOTHING
    return [
        *plurals(entry, ctx),
        *entry_validity(entry, ctx),
        *untranslated(entry, ctx),
        *fuzzy(entry, ctx),
        *unreviewed(entry, ctx),
        *stale_review(entry, ctx),
    ]
