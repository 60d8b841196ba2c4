"""Compile a catalog into a GNU MO file through Babel's MO writer.

The MO file carries the PO header fields in their file order (only the
charset is forced to UTF-8, the encoding the MO strings are written in) and
the entries the publishing policy accepts. Fuzzy entries are never compiled,
whatever the policy, because gettext would show a translation that is known
to need work. The output depends only on the catalog, so compiling an
unchanged catalog gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo

from l10n.catalog import Catalog, Entry
from l10n.model import PublishPolicy
from l10n.state import entry_state

_CHARSET = re.compile(r"charset=[^;\s]*", re.IGNORECASE)


class _HeaderCatalog(BabelCatalog):
    """A Babel catalog whose header is exactly the given fields, not regenerated."""

    def __init__(self, fields: Sequence[tuple[str, str]]) -> None:
        super().__init__(locale=None, charset="utf-8", fuzzy=False)
        self._fields = list(fields)

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return list(self._fields)

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        self._fields = list(headers)


def mo_header(fields: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The PO header fields with the charset set to UTF-8 (added if missing)."""
    out: list[tuple[str, str]] = []
    seen = False
    for key, value in fields:
        if key.lower() == "content-type":
            seen = True
            value = (
                _CHARSET.sub("charset=UTF-8", value)
                if _CHARSET.search(value)
                else (f"{value}; charset=UTF-8" if value.strip() else "text/plain; charset=UTF-8")
            )
        out.append((key, value))
    if not seen:
        out.append(("Content-Type", "text/plain; charset=UTF-8"))
    return out


def compiled_entries(entries: Iterable[Entry], policy: PublishPolicy) -> list[Entry]:
    """Active, non-fuzzy, fully translated entries whose state the policy accepts."""
    return [
        e
        for e in entries
        if not e.obsolete
        and e.msgid
        and not e.fuzzy
        and e.is_translated
        and policy.accepts(entry_state(e))
    ]


def compile_mo(catalog: Catalog, policy: PublishPolicy = PublishPolicy.TRANSLATED) -> bytes:
    """The MO bytes of ``catalog`` under ``policy`` (fuzzy entries excluded)."""
    babel = _HeaderCatalog(mo_header(catalog.header.fields))
    for entry in compiled_entries(catalog.entries, policy):
        if entry.msgid_plural is not None:
            babel.add(
                (entry.msgid, entry.msgid_plural), tuple(entry.msgstr_plural), context=entry.msgctxt
            )
        else:
            babel.add(entry.msgid, entry.msgstr, context=entry.msgctxt)
    buf = io.BytesIO()
    write_mo(buf, babel, use_fuzzy=False)
    return buf.getvalue()
