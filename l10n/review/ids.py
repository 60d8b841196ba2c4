"""Unit ids: how review commands name one entry of one catalog.

A unit id is the first 8 hex digits of the SHA-256 of the entry's key, where
the key is ``msgid`` alone, or ``msgctxt + "\\x04" + msgid`` when the entry has
a context (the separator gettext itself uses in MO files). It depends on
nothing but the source text and context, so it is stable across syncs,
unaffected by insertions or removals elsewhere in the article, and the same in
every language.

Commands also accept the 1-based position of the unit among the catalog's
active (non-obsolete) entries, which is the article's reading order; positions
do shift when sentences are inserted, so scripts should prefer ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.catalog.entry import Entry
from l10n.errors import ReviewError

ID_LENGTH = 8
_HEX_ID = re.compile(rf"^[0-9a-f]{{{ID_LENGTH}}}$")
_POSITION = re.compile(r"^#?([0-9]{1,7})$")


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """The short stable id of the unit with this context and source text."""
    key = msgid if msgctxt is None else f"{msgctxt}\x04{msgid}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]


def entry_unit_id(entry: Entry) -> str:
    return unit_id(entry.msgctxt, entry.msgid)


@dataclass(frozen=True)
class Located:
    """An active entry of a catalog: 1-based position, unit id, index in ``entries``."""

    position: int
    id: str
    entry: Entry
    index: int


def locate_all(entries: Sequence[Entry]) -> list[Located]:
    """The active entries of a catalog in file order, numbered from 1."""
    out: list[Located] = []
    for index, e in enumerate(entries):
        if not e.obsolete:
            out.append(Located(len(out) + 1, entry_unit_id(e), e, index))
    return out


def resolve(units: Sequence[Located], selector: str, path: Path) -> Located:
    """The unit named by ``selector``: an 8-hex-digit id or a 1-based position.

    An all-digit selector of 8 characters is tried as an id first, then as a
    position. Raises :class:`ReviewError` naming the catalog when nothing or
    more than one unit matches.
    """
    token = selector.strip().lower()
    if _HEX_ID.match(token):
        hits = [u for u in units if u.id == token]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            where = ", ".join(str(u.position) for u in hits)
            raise ReviewError(
                f"unit id {token} is ambiguous in this catalog (positions {where})",
                path=path,
                hint="name the unit by its position instead",
            )
    m = _POSITION.match(token)
    if m:
        pos = int(m.group(1))
        if 1 <= pos <= len(units):
            return units[pos - 1]
        raise ReviewError(
            f"unit position {pos} is out of range (the catalog has {len(units)} units)",
            path=path,
        )
    raise ReviewError(
        f"no unit {selector!r} in this catalog",
        path=path,
        hint="unit ids are shown by 'l10n review list'; positions count from 1",
    )
