"""Running every registered check on one parsed catalog.

This loop runs once per unit of every catalog, so it is written for speed:
the registered functions are looked up once per catalog, an empty result
(most units have nothing to report) costs one truth test, the severity of a
check id is worked out once per catalog rather than once per finding, and
no pair is built for a unit that gets no pair checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.context import CatalogContext, Pair, is_markdown_entry
from l10n.checks.issues import CatalogResult, Issue
from l10n.checks.registry import Finding, catalog_checks, entry_checks, info, pair_checks
from l10n.model import Severity
from l10n.records import ignored_checks

SeverityOf = Callable[[str, str | None, Severity], Severity | None]
"""(check id, language, default) -> severity after overrides, None = off."""

_NONE: frozenset[str] = frozenset()

_ISSUE_FIELDS = (
    "path",
    "line",
    "lang",
    "article",
    "msgid",
    "check",
    "severity",
    "message",
    "blocking",
)


def _plain_issue_layout() -> bool:
    """Whether an Issue is exactly its fields in an instance dictionary.

    Then an issue can be made by filling that dictionary at once, which is
    several times cheaper than the generated frozen ``__init__`` (a run makes
    tens of thousands of issues); otherwise the constructor is used.
    """
    names = tuple(f.name for f in dataclasses.fields(Issue))
    return (
        names == _ISSUE_FIELDS
        and "__slots__" not in vars(Issue)
        and not hasattr(Issue, "__post_init__")
        and all(f.init for f in dataclasses.fields(Issue))
    )


_FAST_ISSUE = _plain_issue_layout()


def default_severity(check_id: str, lang: str | None, default: Severity) -> Severity | None:
    return default


class _Emitter:
    """Turns findings into issues of one catalog."""

    def __init__(self, ctx: CatalogContext, shown: Path, severity_of: SeverityOf) -> None:
        self.ctx = ctx
        self.shown = shown
        self.severity_of = severity_of
        self.issues: list[Issue] = []
        # (check id, severity the finding asks for) -> severity after overrides
        self._severities: dict[tuple[str, Severity | None], Severity | None] = {}

    def _severity(self, cid: str, asked: Severity | None) -> Severity | None:
        default = asked if asked is not None else info(cid).severity
        sev = self._severities[(cid, asked)] = self.severity_of(cid, self.ctx.lang, default)
        return sev

    def emit(
        self, check_id: str, f: Finding, line: int, msgid: str | None, ignored: frozenset[str]
    ) -> None:
        cid = f.check or check_id
        if cid in ignored:
            return
        key = (cid, f.severity)
        sevs = self._severities
        sev = sevs[key] if key in sevs else self._severity(cid, f.severity)
        if sev is None:
            return
        ctx = self.ctx
        if f.line is not None:
            line = f.line
        if _FAST_ISSUE:
            issue: Issue = object.__new__(Issue)
            issue.__dict__.update(
                path=self.shown,
                line=line,
                lang=ctx.lang,
                article=ctx.article,
                msgid=msgid,
                check=cid,
                severity=sev,
                message=f.message,
                blocking=ctx.policy.required,
            )
        else:
            issue = Issue(
                self.shown,
                line,
                ctx.lang,
                ctx.article,
                msgid,
                cid,
                sev,
                f.message,
                ctx.policy.required,
            )
        self.issues.append(issue)


def _plural_pairs(entry: Entry, plural: str) -> list[Pair]:
    """One pair per form of a plural entry whose forms are all filled, else none."""
    forms = entry.msgstr_plural
    if not forms or not all(forms):
        return []
    md = is_markdown_entry(entry)
    return [
        Pair(entry, entry.msgid if i == 0 else plural, form, i, md) for i, form in enumerate(forms)
    ]


def check_catalog(
    catalog: Catalog,
    ctx: CatalogContext,
    *,
    shown: Path | None = None,
    severity_of: SeverityOf = default_severity,
    extra: Iterable[tuple[str, Finding]] = (),
) -> CatalogResult:
    """Every registered check on one parsed catalog."""
    out = _Emitter(ctx, shown or ctx.path, severity_of)
    emit = out.emit
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
            md = is_markdown_entry(entry) if entry.references else True
            pairs: Iterable[Pair] = (Pair(entry, msgid, form, 0, md),)
        else:
            pairs = _plural_pairs(entry, plural)
        for pair in pairs:
            for cid, pfn in pair_fns:
                found = pfn(pair, ctx)
                if found:
                    for f in found:
                        emit(cid, f, line, msgid, ignored)
    return CatalogResult(
        ctx.path if shown is None else shown, ctx.lang, ctx.article, tuple(out.issues), units
    )
