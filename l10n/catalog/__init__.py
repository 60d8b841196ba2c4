"""PO catalogs: strict reading, validation and minimal-diff writing.

``Catalog.read`` validates a PO file completely (syntax, escapes, charset,
plural forms, duplicates) and reports problems as ``file:line``. ``render`` and
``write`` keep every untouched entry byte for byte and write new or changed
entries exactly as GNU ``msgcat`` would (see :mod:`l10n.catalog.wrap`).
"""

from l10n.catalog.entry import Entry
from l10n.catalog.header import Header
from l10n.catalog.store import Catalog
from l10n.catalog.wrap import serialize_entry

__all__ = ["Catalog", "Entry", "Header", "serialize_entry"]
