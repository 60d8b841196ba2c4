"""Placeholder protection of glossary terms around a machine-translation request.

Before a unit is sent, every occurrence of a protected term in the source is
replaced by a numbered placeholder ``[[n]]``; after the answer comes back the
placeholders are replaced by what the glossary prescribes: the source form
itself for a do-not-translate term, the approved rendering for a term whose
rendering is fixed. Restoration tolerates what engines do to such tokens
(spaces inside the brackets). A placeholder the engine dropped leaves the term
out; the caller's glossary check then flags the unit for the reviewer.

Which spans are protected is decided by :func:`l10n.machine.terms.protection`
from the glossary; this module only masks and restores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"\[\s*\[\s*(\d{1,3})\s*\]\s*\]")


def token(n: int) -> str:
    return f"[[{n}]]"


@dataclass(frozen=True)
class Protect:
    """One span of the source to hide from the engine, and what replaces it."""

    start: int
    end: int
    concept: str
    replacement: str  # the DNT term as written, or the fixed rendering


@dataclass(frozen=True)
class Slot:
    number: int
    concept: str
    original: str  # the source text that was replaced
    restored: str  # what the placeholder becomes


@dataclass(frozen=True)
class Masked:
    text: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Restored:
    text: str
    missing: tuple[Slot, ...]  # placeholders the engine dropped
    unknown: tuple[str, ...]  # placeholder-like tokens with no slot


def mask(text: str, spans: Sequence[Protect]) -> Masked:
    """Replace the given spans (first come wins on overlap) by placeholders.

    A text that already contains something shaped like a placeholder is sent
    unmasked (returned with no slots) so restoration can never garble it.
    """
    if not spans or _TOKEN.search(text):
        return Masked(text, ())
    out: list[str] = []
    slots: list[Slot] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < pos or span.end <= span.start or span.end > len(text):
            continue
        n = len(slots) + 1
        out.append(text[pos : span.start])
        out.append(token(n))
        slots.append(Slot(n, span.concept, text[span.start : span.end], span.replacement))
        pos = span.end
    out.append(text[pos:])
    return Masked("".join(out), tuple(slots))


def restore(translated: str, slots: Iterable[Slot]) -> Restored:
    """Put the prescribed text back for every placeholder in ``translated``."""
    by_number = {s.number: s for s in slots}
    seen: set[int] = set()
    unknown: list[str] = []

    def sub(m: re.Match[str]) -> str:
        n = int(m.group(1))
        slot = by_number.get(n)
        if slot is None:
            unknown.append(m.group(0))
            return m.group(0)
        seen.add(n)
        return slot.restored

    text = _TOKEN.sub(sub, translated)
    missing = tuple(s for n, s in sorted(by_number.items()) if n not in seen)
    return Restored(text, missing, tuple(unknown))
