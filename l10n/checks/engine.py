"""Running every registered check on one parsed catalog.

This loop runs once per unit of every catalog, so it is written for speed:
the registered functions are looked up once per catalog, an empty result
(most units have nothing to report) costs one truth test, the severity of a
check id is worked out once per catalog rather than once per finding, and
no pair is built for a unit that gets no pair checks. Findings become plain
rows (see :data:`~l10n.checks.issues.Row`), which is what the runner sends
between processes and the report formats read; :class:`Issue` objects are
made only for callers that ask for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.context import CatalogContext, Pair, is_markdown_entry
from l10n.checks.issues import CatalogResult, Issue, Row
from l10n.checks.registry import Finding, catalog_checks, entry_checks, info, pair_checks
from l10n.model import Severity
from l10n.records import ignored_checks

SeverityOf = Callable[[str, str | None, Severity], Severity | None]
"""(check id, language, default) -> severity after overrides, None = off."""

_NONE: frozenset[str] = frozenset()


def default_severity(check_id: str, lang: str | None, default: Severity) -> Severity | None:
    return default


def _plural_pairs(entry: Entry, plural: str) -> list[Pair]:
    """One pair per form of a plural entry whose forms are all filled, else none."""
    forms = entry.msgstr_plural
    if not forms or not all(forms):
        return []
    md = is_markdown_entry(entry)
    return [
        Pair(entry, entry.msgid if i == 0 else plural, form, i, md) for i, form in enumerate(forms)
    ]


def check_rows(
    catalog: Catalog,
    ctx: CatalogContext,
    shown: str,
    severity_of: SeverityOf = default_severity,
    extra: Iterable[tuple[str, Finding]] = (),
) -> tuple[list[Row], int]:
    """Every registered check on one parsed catalog: (its issues as rows, its unit count).

    The rows are in the order the checks found them; ``shown`` is the path
    the rows name (posix form).
    """
    rows: list[Row] = []
    add = rows.append
    lang = ctx.lang
    article = ctx.article
    blocking = ctx.policy.required
    # (check id, severity the finding asks for) -> severity after overrides
    severities: dict[tuple[str, Severity | None], Severity | None] = {}

    def emit(
        check_id: str, f: Finding, line: int, msgid: str | None, ignored: frozenset[str]
    ) -> None:
        cid = f.check or check_id
        if cid in ignored:
            return
        asked = f.severity
        key = (cid, asked)
        if key in severities:
            sev = severities[key]
        else:
            default = asked if asked is not None else info(cid).severity
            sev = severities[key] = severity_of(cid, lang, default)
        if sev is not None:
            if f.line is not None:
                line = f.line
            add((shown, line, lang, article, msgid, cid, sev, f.message, blocking))

    for cid, f in extra:
        emit(cid, f, 1, None, _NONE)
    for cid, cfn in catalog_checks():
        for f in cfn(catalog, ctx):
            emit(cid, f, 1, None, _NONE)
    entry_fns = tuple(entry_checks())
    pair_fns = tuple(pair_checks())
    units = 0
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        units += 1
        comments = entry.translator_comments
        ignored = (
            ignored_checks(comments)
            if comments and any(c.startswith("l10n-ignore") for c in comments)
            else _NONE
        )
        line = entry.line or 1
        msgid = entry.msgid
        for cid, efn in entry_fns:
            found = efn(entry, ctx)
            if found:  # an empty list or tuple: nothing to report
                for f in found:
                    emit(cid, f, line, msgid, ignored)
        # Pair checks only for translated units that are not fuzzy (the state
        # checks report those); Entry.fuzzy, .translations and .is_translated, inlined.
        if not pair_fns or "fuzzy" in entry.flags:
            continue
        plural = entry.msgid_plural
        if plural is None:
            form = entry.msgstr
            if not form:
                continue
            pair = Pair(
                entry, msgid, form, 0, is_markdown_entry(entry) if entry.references else True
            )
            for cid, pfn in pair_fns:
                found = pfn(pair, ctx)
                if found:
                    for f in found:
                        emit(cid, f, line, msgid, ignored)
            continue
        for pair in _plural_pairs(entry, plural):
            for cid, pfn in pair_fns:
                found = pfn(pair, ctx)
                if found:
                    for f in found:
                        emit(cid, f, line, msgid, ignored)
    return rows, units


def check_catalog(
    catalog: Catalog,
    ctx: CatalogContext,
    *,
    shown: Path | None = None,
    severity_of: SeverityOf = default_severity,
    extra: Iterable[tuple[str, Finding]] = (),
) -> CatalogResult:
    """Every registered check on one parsed catalog, as :class:`Issue` objects."""
    path = ctx.path if shown is None else shown
    rows, units = check_rows(catalog, ctx, path.as_posix(), severity_of, extra)
    issues = tuple(Issue(path, *row[1:]) for row in rows)
    return CatalogResult(path, ctx.lang, ctx.article, issues, units)
