"""PO catalogs: strict reading, validation and minimal-diff writing.

``Catalog.read`` validates a PO file completely (syntax, escapes, charset,
plural forms, duplicates) and reports problems as ``file:line``. ``render`` and
``write`` keep every untouched entry byte for byte and write new or changed
entries exactly as GNU ``msgcat`` would (see :mod:`l10n.catalog.wrap`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10n.catalog.entry import Entry
from l10n.catalog.header import Header

if TYPE_CHECKING:
    from l10n.catalog.store import Catalog
    from l10n.catalog.wrap import serialize_entry

__all__ = ["Catalog", "Entry", "Header", "serialize_entry"]


def __getattr__(name: str) -> object:
    """``Catalog`` and ``serialize_entry``, loaded on first use.

    Code that only counts what catalogs hold (``l10n status``) imports the readers
    of this package directly and so does not load the writer and its line
    breaking.
    """
    if name == "Catalog":
        from l10n.catalog.store import Catalog

        return Catalog
    if name == "serialize_entry":
        from l10n.catalog.wrap import serialize_entry

        return serialize_entry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
