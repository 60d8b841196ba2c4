"""l10n's own records inside PO translator comments (``# l10n-<kind>: ...``).

gettext tools drop unknown flags but keep translator comments (msgmerge even
keeps them on entries it turns fuzzy), and Poedit and Lokalize show them, so
everything l10n must remember about a unit lives there:

``# l10n-review: 2026-11-25 3f2a9c1d0b7e6a54 Anna Petrova``
    a review: date, hash of what was reviewed, reviewer name (rest of line).
``# l10n-reject: 2026-11-25 Anna Petrova: Use the official title.``
    a rejection with a note for the translator.
``# l10n-mt: 2026-11-25 libre``
    machine translation provenance: date, provider (and optionally model).
``# l10n-tm: 2026-11-25 93 other/article``
    translation-memory provenance: date, similarity percent, origin article.
``# l10n-ignore: numbers quotes``
    check ids suppressed on this entry.
``# l10n-warning: glossary-missing kpa: expected Корейская народная армия``
    a warning left for the reviewer (e.g. machine output that misses a term).

This module only parses and formats; it knows nothing of PO syntax.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PREFIX = "l10n-"
_LINE = re.compile(r"^l10n-(?P<kind>[a-z]+):\s?(?P<body>.*)$")
_DATE = r"\d{4}-\d{2}-\d{2}"
_REVIEW = re.compile(rf"^(?P<date>{_DATE}) (?P<hash>[0-9a-f]{{16}}) (?P<who>\S.*)$")
_REJECT = re.compile(rf"^(?P<date>{_DATE}) (?P<who>[^:]+?): (?P<note>.*)$")
_MT = re.compile(rf"^(?P<date>{_DATE}) (?P<provider>\S+)(?: (?P<model>\S.*))?$")
_WARNING = re.compile(r"^(?P<check>\S+) (?P<subject>[^:]+?): (?P<message>.*)$")
_TM = re.compile(rf"^(?P<date>{_DATE}) (?P<score>\d{{1,3}}) (?P<origin>\S.*)$")


def unit_hash(
    msgctxt: str | None, msgid: str, msgid_plural: str | None, msgstrs: Sequence[str]
) -> str:
    """A short, stable hash of what a reviewer saw: context, source, translation(s)."""
    h = hashlib.sha256()
    for part in (msgctxt or "", msgid, msgid_plural or "", *msgstrs):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class ReviewRecord:
    date: _dt.date
    hash: str
    reviewer: str

    def format(self) -> str:
        return f"{PREFIX}review: {self.date.isoformat()} {self.hash} {self.reviewer}"


@dataclass(frozen=True)
class RejectRecord:
    date: _dt.date
    reviewer: str
    note: str

    def format(self) -> str:
        return f"{PREFIX}reject: {self.date.isoformat()} {self.reviewer}: {self.note}"


@dataclass(frozen=True)
class MachineRecord:
    date: _dt.date
    provider: str
    model: str | None = None

    def format(self) -> str:
        tail = f" {self.model}" if self.model else ""
        return f"{PREFIX}mt: {self.date.isoformat()} {self.provider}{tail}"


@dataclass(frozen=True)
class MemoryRecord:
    date: _dt.date
    score: int
    origin: str

    def format(self) -> str:
        return f"{PREFIX}tm: {self.date.isoformat()} {self.score} {self.origin}"


@dataclass(frozen=True)
class IgnoreRecord:
    checks: tuple[str, ...]

    def format(self) -> str:
        return f"{PREFIX}ignore: {' '.join(self.checks)}"


@dataclass(frozen=True)
class WarningRecord:
    check: str
    subject: str
    message: str

    def format(self) -> str:
        text = " ".join(f"{self.check} {self.subject}: {self.message}".split())
        return f"{PREFIX}warning: {text}"


Record = WarningRecord | ReviewRecord | RejectRecord | MachineRecord | MemoryRecord | IgnoreRecord


def parse_record(comment: str) -> Record | None:
    """Parse one translator-comment line (without the leading ``# ``).

    Returns None for ordinary comments and for l10n lines that do not parse
    (a hand-mangled record is treated as absent, never as valid).
    """
    m = _LINE.match(comment.strip())
    if not m:
        return None
    kind, body = m["kind"], m["body"].strip()
    try:
        if kind == "review" and (r := _REVIEW.match(body)):
            return ReviewRecord(_dt.date.fromisoformat(r["date"]), r["hash"], r["who"].strip())
        if kind == "reject" and (r := _REJECT.match(body)):
            return RejectRecord(_dt.date.fromisoformat(r["date"]), r["who"].strip(), r["note"])
        if kind == "mt" and (r := _MT.match(body)):
            return MachineRecord(_dt.date.fromisoformat(r["date"]), r["provider"], r["model"])
        if kind == "tm" and (r := _TM.match(body)):
            return MemoryRecord(_dt.date.fromisoformat(r["date"]), int(r["score"]), r["origin"])
    except ValueError:
        return None
    if kind == "warning" and (r := _WARNING.match(body)):
        return WarningRecord(r["check"], r["subject"].strip(), r["message"])
    if kind == "ignore":
        checks = tuple(c for c in re.split(r"[\s,]+", body) if c)
        return IgnoreRecord(checks) if checks else None
    return None


def parse_records(comments: Iterable[str]) -> list[Record]:
    return [r for c in comments if (r := parse_record(c)) is not None]


def is_record(comment: str) -> bool:
    return comment.strip().startswith(PREFIX)


def without_kinds(comments: Iterable[str], *kinds: str) -> tuple[str, ...]:
    """Translator comments minus the l10n records of the given kinds."""
    heads = tuple(f"{PREFIX}{k}:" for k in kinds)
    return tuple(c for c in comments if not c.strip().startswith(heads))


_NO_CHECKS: frozenset[str] = frozenset()


def ignored_checks(comments: Sequence[str]) -> frozenset[str]:
    """The check ids that ``l10n-ignore`` records among ``comments`` switch off."""
    if not any(f"{PREFIX}ignore" in c for c in comments):
        return _NO_CHECKS  # the usual case, told without parsing
    out: set[str] = set()
    for r in parse_records(comments):
        if isinstance(r, IgnoreRecord):
            out.update(r.checks)
    return frozenset(out)
