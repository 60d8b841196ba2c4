"""PO-level checks: plural forms and validity problems of a readable file.

A file that cannot be parsed at all is an error of the run (exit code 2,
with file:line); what is wrong but still readable is reported here as
``plurals`` and ``po-valid`` issues.
"""

from __future__ import annotations

from collections.abc import Iterator

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.context import CatalogContext
from l10n.checks.registry import Finding, catalog_check, entry_check
from l10n.errors import LanguageError
from l10n.languages import language
from l10n.model import Severity


@entry_check(
    "plurals",
    Severity.ERROR,
    "A plural entry has exactly the CLDR number of plural forms for the language, all filled.",
)
def plurals(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    if entry.msgid_plural is None:
        if entry.msgstr_plural:
            yield Finding("msgstr[N] forms without msgid_plural")
        return
    forms = entry.msgstr_plural
    if ctx.language is not None and len(forms) != ctx.language.nplurals:
        yield Finding(
            f"{len(forms)} plural form(s); {ctx.language.code} has {ctx.language.nplurals} in CLDR"
        )
    if not entry.fuzzy and any(forms) and not all(forms):
        empty = ", ".join(f"msgstr[{i}]" for i, f in enumerate(forms) if not f)
        yield Finding(f"plural form(s) left empty: {empty}")


@entry_check(
    "po-valid",
    Severity.ERROR,
    "The PO file is readable but not valid for msgfmt (header, plural header, line-end rules).",
)
def entry_validity(entry: Entry, ctx: CatalogContext) -> Iterator[Finding]:
    for i, form in enumerate(entry.translations):
        if not form:
            continue
        src = entry.msgid if i == 0 or entry.msgid_plural is None else entry.msgid_plural
        name = "msgstr" if entry.msgid_plural is None else f"msgstr[{i}]"
        if src.startswith("\n") != form.startswith("\n"):
            yield Finding(
                f"msgid and {name} do not both begin with a newline (msgfmt rejects this)"
            )
        if src.endswith("\n") != form.endswith("\n"):
            yield Finding(f"msgid and {name} do not both end with a newline (msgfmt rejects this)")


@catalog_check(
    "po-valid",
    Severity.ERROR,
    "The PO file is readable but not valid for msgfmt (header, plural header, line-end rules).",
)
def header_validity(catalog: Catalog, ctx: CatalogContext) -> Iterator[Finding]:
    header = catalog.header
    declared = header.get("Language")
    if declared and ctx.lang is not None:
        try:
            code = language(declared).code
        except LanguageError:
            code = declared
        if code != ctx.lang:
            yield Finding(
                f"header Language is {declared!r} but the file belongs to {ctx.lang!r}",
                line=1,
            )
    elif declared:
        try:
            language(declared)
        except LanguageError as exc:
            yield Finding(f"header Language: {exc.message}", line=1, severity=Severity.WARNING)
    raw_plural = header.get("Plural-Forms")
    has_plural = any(e.msgid_plural is not None for e in catalog.active_entries())
    nplurals = header.nplurals
    if raw_plural is not None and nplurals is None and has_plural:
        yield Finding(f"invalid Plural-Forms header {raw_plural!r}", line=1)
    elif raw_plural is None and has_plural:
        yield Finding("plural entries but no Plural-Forms header", line=1)
    if nplurals is not None and ctx.language is not None and nplurals != ctx.language.nplurals:
        yield Finding(
            f"Plural-Forms says nplurals={nplurals}; "
            f"{ctx.language.code} has {ctx.language.nplurals} in CLDR",
            line=1,
        )
    charset = header.charset
    if charset is not None and charset.upper() == "CHARSET":
        yield Finding("Content-Type charset is the template placeholder CHARSET", line=1)
