"""Finding catalogs and units of a language, and changing them under the lock."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.articles import catalog_path
from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.config import ProjectConfig
from l10n.errors import ReviewError
from l10n.fsutil import project_lock
from l10n.model import UnitState
from l10n.review import ops
from l10n.review.ids import Located, locate_all, resolve
from l10n.review.ops import SkipReason
from l10n.state import entry_state, is_stale_review


@dataclass(frozen=True)
class Unit:
    """One active entry of one catalog, as review commands see it."""

    lang: str
    article: str
    path: Path
    position: int
    id: str
    entry: Entry

    @property
    def state(self) -> UnitState:
        return entry_state(self.entry)

    @property
    def stale(self) -> bool:
        """Translated, with review records none of which matches any more."""
        return is_stale_review(self.entry)


@dataclass(frozen=True)
class Approve:
    """Approve the unit as it is."""


@dataclass(frozen=True)
class Reject:
    """Mark the unit fuzzy with a note for the translator."""

    note: str


@dataclass(frozen=True)
class Edit:
    """Replace the translation (one text, or one per plural form) as reviewer."""

    texts: tuple[str, ...]


Decision = Approve | Reject | Edit

# What to do with one entry (``explicit``: named by --unit): the new entry, a
# reason to skip it, or None when it is simply not in scope.
Decider = Callable[[Entry, bool], Entry | SkipReason | None]


@dataclass(frozen=True)
class Skipped:
    unit: Unit
    reason: SkipReason


@dataclass(frozen=True)
class BatchResult:
    """Units changed (approved or rejected), units skipped, files written."""

    changed: tuple[Unit, ...]
    skipped: tuple[Skipped, ...]
    written: tuple[Path, ...]


def language_code(config: ProjectConfig, lang: str) -> str:
    """The configured code for ``lang``; ConfigError for others."""
    return config.language(lang).code


def catalogs(
    config: ProjectConfig, lang: str, article: str | None = None
) -> list[tuple[str, Path]]:
    """(article id, path) of the existing catalogs of ``lang``, sorted by id.

    With ``article``, just that one; a clear error when its catalog is missing.
    """
    code = language_code(config, lang)
    if article is not None:
        art = article.strip().removesuffix(".po")
        path = catalog_path(config, code, art)
        if not path.resolve().is_relative_to((config.locales_dir / code).resolve()):
            raise ReviewError(f"article {art!r} leads outside the {code} catalogs")
        if not path.is_file():
            raise ReviewError(
                f"no {code} catalog for article {art!r}",
                path=path,
                hint="check the article id ('l10n review list LANG' shows them) or run 'l10n sync'",
            )
        return [(art, path)]
    folder = config.locales_dir / code
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob("*.po") if p.is_file() and not p.name.startswith(".")]
    return sorted(
        ((p.relative_to(folder).with_suffix("").as_posix(), p) for p in found),
        key=lambda item: item[0],
    )


def _units_of(code: str, article: str, path: Path, located: Iterable[Located]) -> list[Unit]:
    return [Unit(code, article, path, u.position, u.id, u.entry) for u in located]


def read_units(path: Path, code: str, article: str) -> list[Unit]:
    catalog = Catalog.read(path)
    return _units_of(code, article, path, locate_all(catalog.entries))


def load_units(config: ProjectConfig, lang: str, article: str | None = None) -> list[Unit]:
    """Every active unit of the language's catalogs (or one article), in order."""
    code = language_code(config, lang)
    out: list[Unit] = []
    for art, path in catalogs(config, code, article):
        out.extend(read_units(path, code, art))
    return out


def _index_of(catalog: Catalog, entry: Entry) -> int | None:
    for i, e in enumerate(catalog.entries):
        if not e.obsolete and e.key == entry.key:
            return i
    return None


def _apply(entry: Entry, decision: Decision, reviewer: str, today: _dt.date) -> Entry:
    if isinstance(decision, Approve):
        return ops.approve(entry, reviewer, today)
    if isinstance(decision, Reject):
        return ops.reject(entry, reviewer, decision.note, today)
    return ops.edit(entry, decision.texts, reviewer, today)


def apply_decision(
    config: ProjectConfig, unit: Unit, decision: Decision, reviewer: str, today: _dt.date
) -> Unit:
    """Write one decision at once (under the project lock) and return the new unit.

    The catalog is read again under the lock; when the entry differs from the
    one the reviewer saw (another tool or person changed it meanwhile), nothing
    is written and :class:`ReviewError` says so.
    """
    with project_lock(config.root):
        catalog = Catalog.read(unit.path)
        index = _index_of(catalog, unit.entry)
        if index is None:
            raise ReviewError(
                f"unit {unit.id} is no longer in the catalog",
                path=unit.path,
                hint="run the review again",
            )
        current = catalog.entries[index]
        if current != unit.entry:
            raise ReviewError(
                f"unit {unit.id} was changed on disk since it was shown; nothing written",
                path=unit.path,
                line=current.line or None,
            )
        new = _apply(current, decision, reviewer, today)
        catalog.entries[index] = new
        catalog.write()
    return Unit(unit.lang, unit.article, unit.path, unit.position, unit.id, new)


def _select(located: Sequence[Located], selectors: Sequence[str], path: Path) -> list[Located]:
    chosen: list[Located] = []
    for sel in selectors:
        hit = resolve(located, sel, path)
        if hit not in chosen:
            chosen.append(hit)
    return chosen


def _batch(
    config: ProjectConfig,
    lang: str,
    article: str | None,
    selectors: Sequence[str],
    decide: Decider,
) -> BatchResult:
    code = language_code(config, lang)
    if selectors and article is None:
        raise ReviewError("--unit needs an ARTICLE", hint="unit ids and positions are per article")
    changed: list[Unit] = []
    skipped: list[Skipped] = []
    written: list[Path] = []
    with project_lock(config.root):
        targets = catalogs(config, code, article)
        plans: list[tuple[Catalog, Path, str, list[Located]]] = []
        for art, path in targets:
            catalog = Catalog.read(path)
            located = locate_all(catalog.entries)
            chosen = _select(located, selectors, path) if selectors else located
            plans.append((catalog, path, art, chosen))
        for catalog, path, art, chosen in plans:
            for loc in chosen:
                unit = Unit(code, art, path, loc.position, loc.id, loc.entry)
                outcome = decide(loc.entry, bool(selectors))
                if outcome is None:
                    continue
                if isinstance(outcome, SkipReason):
                    skipped.append(Skipped(unit, outcome))
                    continue
                catalog.entries[loc.index] = outcome
                changed.append(Unit(code, art, path, loc.position, loc.id, outcome))
            if catalog.write():
                written.append(path)
    return BatchResult(tuple(changed), tuple(skipped), tuple(written))


def _approver(reviewer: str, today: _dt.date) -> Decider:
    def decide(entry: Entry, explicit: bool) -> Entry | SkipReason | None:
        if entry_state(entry) is UnitState.REVIEWED and not explicit:
            return None
        blocker = ops.approval_blocker(entry)
        if blocker is not None:
            return blocker
        return ops.approve(entry, reviewer, today)

    return decide


def _rejecter(reviewer: str, note: str, today: _dt.date) -> Decider:
    def decide(entry: Entry, explicit: bool) -> Entry | SkipReason | None:
        if entry_state(entry) is UnitState.UNTRANSLATED:
            return SkipReason.UNTRANSLATED
        return ops.reject(entry, reviewer, note, today)

    return decide


def approve_units(
    config: ProjectConfig,
    lang: str,
    article: str | None,
    *,
    units: Sequence[str] = (),
    all_translated: bool = False,
    reviewer: str,
    today: _dt.date,
) -> BatchResult:
    """Record reviews for the named units, or for every translated unit.

    Named units that are reviewed already get a fresh record (their older
    records are replaced); with ``all_translated`` they are left alone.
    Untranslated, fuzzy and incomplete units are skipped with a reason.
    """
    if bool(units) == all_translated:
        raise ReviewError("say which units to approve: --unit ID (repeatable) or --all-translated")
    reviewer = ops.check_reviewer(reviewer)
    return _batch(config, lang, article, units, _approver(reviewer, today))


def reject_units(
    config: ProjectConfig,
    lang: str,
    article: str,
    *,
    units: Sequence[str],
    note: str,
    reviewer: str,
    today: _dt.date,
) -> BatchResult:
    """Mark the named units fuzzy with ``note``; untranslated ones are skipped."""
    if not units:
        raise ReviewError("say which units to reject: --unit ID (repeatable)")
    reviewer = ops.check_reviewer(reviewer)
    note = ops.check_note(note)
    return _batch(config, lang, article, units, _rejecter(reviewer, note, today))
