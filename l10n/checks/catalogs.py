"""PO-level checks: plural forms and validity problems of a readable file.

A file that cannot be parsed at all is an error of the run (exit code 2,
with file:line); what is wrong but still readable is reported here as
``plurals`` and ``po-valid`` issues.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.checks.context import CatalogContext
from l10n.checks.registry import Finding, Scope, catalog_check, declare
from l10n.errors import LanguageError
from l10n.languages import language
from l10n.model import Severity

_NOTHING: tuple[Finding, ...] = ()


declare(
    "plurals",
    Severity.ERROR,
    "A plural entry has exactly the CLDR number of plural forms for the language, all filled.",
    Scope.ENTRY,
)


def plurals(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    if entry.msgid_plural is None:
        if entry.msgstr_plural:
            return [Finding("msgstr[N] forms without msgid_plural", check="plurals")]
        return _NOTHING
    found: list[Finding] = []
    forms = entry.msgstr_plural
    if ctx.language is not None and len(forms) != ctx.language.nplurals:
        found.append(
            Finding(
                f"{len(forms)} plural form(s); "
                f"{ctx.language.code} has {ctx.language.nplurals} in CLDR",
                check="plurals",
            )
        )
    if not entry.fuzzy and any(forms) and not all(forms):
        empty = ", ".join(f"msgstr[{i}]" for i, f in enumerate(forms) if not f)
        found.append(Finding(f"plural form(s) left empty: {empty}", check="plurals"))
    return found


declare(
    "po-valid",
    Severity.ERROR,
    "The PO file is readable but not valid for msgfmt (header, plural header, line-end rules).",
    Scope.ENTRY,
)


def entry_validity(entry: Entry, ctx: CatalogContext) -> Sequence[Finding]:
    found: list[Finding] = []
    for i, form in enumerate(entry.translations):
        if not form:
            continue
        src = entry.msgid if i == 0 or entry.msgid_plural is None else entry.msgid_plural
        name = "msgstr" if entry.msgid_plural is None else f"msgstr[{i}]"
        if src.startswith("\n") != form.startswith("\n"):
            found.append(
                Finding(
                    f"msgid and {name} do not both begin with a newline (msgfmt rejects this)",
                    check="po-valid",
                )
            )
        if src.endswith("\n") != form.endswith("\n"):
            found.append(
                Finding(
                    f"msgid and {name} do not both end with a newline (msgfmt rejects this)",
                    check="po-valid",
                )
            )
    return found


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
    nplurals = header.nplurals
    # Whether there are plural entries matters only without a valid Plural-Forms.
    if (raw_plural is None or nplurals is None) and any(
        e.msgid_plural is not None for e in catalog.active_entries()
    ):
        if raw_plural is not None:
            yield Finding(f"invalid Plural-Forms header {raw_plural!r}", line=1)
        else:
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
