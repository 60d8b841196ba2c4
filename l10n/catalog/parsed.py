"""The result of parsing a PO file, shared by the fast and the line-based parser."""

from __future__ import annotations

from dataclasses import dataclass

from l10n.catalog.entry import Entry
from l10n.catalog.header import Header


@dataclass(frozen=True)
class Parsed:
    """Result of parsing: model objects plus the raw text needed for minimal diffs."""

    header: Header | None
    header_raw: str
    header_line: int
    entries: tuple[Entry, ...]
    raws: tuple[str, ...]  # raw span of each entry, parallel to entries
    prelude: str
    trailer: str
