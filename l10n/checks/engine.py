"""Running every registered check on one parsed catalog."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from l10n.catalog import Catalog
from l10n.checks.context import CatalogContext, Pair, is_markdown_entry
from l10n.checks.issues import CatalogResult, Issue
from l10n.checks.registry import Finding, catalog_checks, entry_checks, info, pair_checks
from l10n.model import Severity
from l10n.records import ignored_checks

SeverityOf = Callable[[str, str | None, Severity], Severity | None]
"""(check id, language, default) -> severity after overrides, None = off."""


def default_severity(check_id: str, lang: str | None, default: Severity) -> Severity | None:
    return default


class _Emitter:
    def __init__(self, ctx: CatalogContext, shown: Path, severity_of: SeverityOf) -> None:
        self.ctx = ctx
        self.shown = shown
        self.severity_of = severity_of
        self.issues: list[Issue] = []

    def emit(
        self, check_id: str, f: Finding, line: int, msgid: str | None, ignored: frozenset[str]
    ) -> None:
        cid = f.check or check_id
        if cid in ignored:
            return
        default = f.severity if f.severity is not None else info(cid).severity
        sev = self.severity_of(cid, self.ctx.lang, default)
        if sev is None:
            return
        self.issues.append(
            Issue(
                path=self.shown,
                line=f.line if f.line is not None else line,
                lang=self.ctx.lang,
                article=self.ctx.article,
                msgid=msgid,
                check=cid,
                severity=sev,
                message=f.message,
                blocking=self.ctx.policy.required,
            )
        )


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
    none: frozenset[str] = frozenset()
    for cid, f in extra:
        out.emit(cid, f, 1, None, none)
    for cid, cfn in catalog_checks():
        for f in cfn(catalog, ctx):
            out.emit(cid, f, 1, None, none)
    entry_fns = list(entry_checks())
    pair_fns = list(pair_checks())
    units = 0
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        units += 1
        ignored = (
            ignored_checks(entry.translator_comments)
            if any(c.startswith("l10n-ignore") for c in entry.translator_comments)
            else none
        )
        line = entry.line or 1
        for cid, efn in entry_fns:
            for f in efn(entry, ctx):
                out.emit(cid, f, line, entry.msgid, ignored)
        if entry.fuzzy or not entry.is_translated:
            continue
        md = is_markdown_entry(entry)
        for i, form in enumerate(entry.translations):
            src = entry.msgid if i == 0 or entry.msgid_plural is None else entry.msgid_plural
            pair = Pair(entry, src, form, i, md)
            for cid, pfn in pair_fns:
                for f in pfn(pair, ctx):
                    out.emit(cid, f, line, entry.msgid, ignored)
    return CatalogResult(
        ctx.path if shown is None else shown, ctx.lang, ctx.article, tuple(out.issues), units
    )
