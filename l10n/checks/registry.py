"""The check registry: every check has an id, a default severity and a one-line description.

Checks come in four scopes:

``entry``
    called once per active PO entry (state, plural forms, PO validity);
``pair``
    called once per translated form: a source text and its translation
    (numbers, quotes, markup, punctuation, ...); skipped for untranslated and
    fuzzy entries, which the state checks already report;
``catalog``
    called once per PO file (header problems, completion threshold);
``project``
    produced by the runner itself from sources, the glossary and the
    catalog list (declared here so ``l10n check --list`` shows them).

A check function returns :class:`Finding` values; the runner turns them into
:class:`~l10n.checks.issues.Issue` values with file, line, language and the
severity after project and per-language overrides.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from l10n.model import Severity

if TYPE_CHECKING:
    from l10n.catalog import Catalog
    from l10n.catalog.entry import Entry
    from l10n.checks.context import CatalogContext, Pair


class Scope(enum.Enum):
    ENTRY = "entry"
    PAIR = "pair"
    CATALOG = "catalog"
    PROJECT = "project"


@dataclass(frozen=True)
class CheckInfo:
    """What ``l10n check --list`` shows about one check."""

    id: str
    severity: Severity
    description: str
    scope: Scope
    needs_project: bool = False


@dataclass(frozen=True, init=False)
class Finding:
    """One problem found by a check function.

    ``check`` overrides the id of the function that found it (a family such
    as the glossary checks reports several ids); ``severity`` overrides the
    registered default (policy-dependent checks); ``line`` overrides the
    entry's line (catalog-scope findings).
    """

    message: str
    check: str | None = None
    severity: Severity | None = None
    line: int | None = None

    def __init__(
        self,
        message: str,
        check: str | None = None,
        severity: Severity | None = None,
        line: int | None = None,
    ) -> None:
        # The generated frozen __init__ sets each field through object.__setattr__;
        # filling the instance dictionary at once is several times cheaper, and a
        # large run builds tens of thousands of findings.
        self.__dict__.update(message=message, check=check, severity=severity, line=line)


EntryCheck = Callable[["Entry", "CatalogContext"], Iterable[Finding]]
PairCheck = Callable[["Pair", "CatalogContext"], Iterable[Finding]]
CatalogCheck = Callable[["Catalog", "CatalogContext"], Iterable[Finding]]

_INFO: dict[str, CheckInfo] = {}
_ENTRY: list[tuple[str, EntryCheck]] = []
_PAIR: list[tuple[str, PairCheck]] = []
_CATALOG: list[tuple[str, CatalogCheck]] = []

F = TypeVar("F")


def declare(
    check_id: str,
    severity: Severity,
    description: str,
    scope: Scope,
    *,
    needs_project: bool = False,
) -> CheckInfo:
    """Register the metadata of a check id (once; a second, different declaration is a bug)."""
    info = CheckInfo(check_id, severity, description, scope, needs_project)
    old = _INFO.get(check_id)
    if old is not None:
        # One id may be checked in several scopes (per unit and per catalog).
        if (old.severity, old.description) != (severity, description):
            raise ValueError(f"check {check_id!r} is declared twice with different metadata")
        return old
    _INFO[check_id] = info
    return info


def entry_check(
    check_id: str, severity: Severity, description: str
) -> Callable[[EntryCheck], EntryCheck]:
    def deco(fn: EntryCheck) -> EntryCheck:
        declare(check_id, severity, description, Scope.ENTRY)
        _ENTRY.append((check_id, fn))
        return fn

    return deco


def pair_check(
    check_id: str, severity: Severity, description: str
) -> Callable[[PairCheck], PairCheck]:
    def deco(fn: PairCheck) -> PairCheck:
        declare(check_id, severity, description, Scope.PAIR)
        _PAIR.append((check_id, fn))
        return fn

    return deco


def entry_family(check_id: str) -> Callable[[EntryCheck], EntryCheck]:
    """Register one function that runs several entry checks declared with :func:`declare`.

    It is called once per entry under ``check_id``, and each of its findings
    names its own id (``Finding.check``). Checks that find nothing on nearly
    every unit are cheaper together: one call, and one test that the unit is
    ordinary before any check looks closer.
    """

    if check_id not in _INFO:
        raise ValueError(f"check {check_id!r} must be declared before its family")

    def deco(fn: EntryCheck) -> EntryCheck:
        _ENTRY.append((check_id, fn))
        return fn

    return deco


def pair_family(check_id: str) -> Callable[[PairCheck], PairCheck]:
    """Register one function that runs several pair checks (as :func:`entry_family`)."""

    if check_id not in _INFO:
        raise ValueError(f"check {check_id!r} must be declared before its family")

    def deco(fn: PairCheck) -> PairCheck:
        _PAIR.append((check_id, fn))
        return fn

    return deco


def catalog_check(
    check_id: str, severity: Severity, description: str
) -> Callable[[CatalogCheck], CatalogCheck]:
    def deco(fn: CatalogCheck) -> CatalogCheck:
        declare(check_id, severity, description, Scope.CATALOG)
        _CATALOG.append((check_id, fn))
        return fn

    return deco


_LOADED: list[bool] = []


def _load_builtins() -> None:
    # Importing the modules registers their checks (once; this runs for every finding).
    if _LOADED:
        return
    from l10n.checks import (  # noqa: F401
        catalogs,
        glossary,
        markup,
        numbers,
        project,
        quotes,
        states,
        text,
    )

    _LOADED.append(True)


def all_checks() -> list[CheckInfo]:
    """Every registered check, sorted by id."""
    _load_builtins()
    return sorted(_INFO.values(), key=lambda c: c.id)


def info(check_id: str) -> CheckInfo:
    _load_builtins()
    return _INFO[check_id]


def known(check_id: str) -> bool:
    _load_builtins()
    return check_id in _INFO


def entry_checks() -> Iterator[tuple[str, EntryCheck]]:
    _load_builtins()
    return iter(tuple(_ENTRY))


def pair_checks() -> Iterator[tuple[str, PairCheck]]:
    _load_builtins()
    return iter(tuple(_PAIR))


def catalog_checks() -> Iterator[tuple[str, CatalogCheck]]:
    _load_builtins()
    return iter(tuple(_CATALOG))
