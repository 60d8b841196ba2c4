"""Reading an XLIFF 2.0 file back and importing it into the PO catalogs.

Import rules (nothing is ever lost):

* Units are matched on (``name`` as context, source text) in the catalog of
  the file's ``original`` article; a unit that matches no active entry, or an
  ``original`` that is not an article with a catalog, stops the import with the
  XLIFF file and line before any PO file is written.
* A missing or empty target changes nothing (an import never erases a
  translation).
* A target different from the PO translation replaces it; the entry becomes
  fuzzy if the segment state is ``initial`` and translated otherwise.
* An unchanged target only moves the fuzzy flag: ``initial`` sets it, any
  other state clears it.
* Every exported unit carries ``l10n:base``, a short hash of the PO translation
  at export time (attribute in the ``urn:x-l10n:xliff`` namespace, which XLIFF
  2.0 allows on ``<unit>``). If the PO translation changed after the export,
  an import does not overwrite it with the older file's text: the unit is kept
  as it is in the PO and reported as a conflict (``overwrite=True`` takes the
  XLIFF text anyway). Units without the attribute (files from elsewhere, or
  a CAT tool that dropped it) are imported as before.
* ``reviewed`` or ``final`` never forges a review record by itself: with a
  reviewer name (``--by``) the unit is approved under that name (unless it
  already has a valid review); without one it is imported as translated and
  counted in ``reviewed_unrecorded``. Existing review records are never
  removed; a changed translation invalidates them through their hash.

Catalogs are written with :meth:`l10n.catalog.Catalog.write` (minimal diff), so
exporting and importing again without edits leaves every PO file byte-identical.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from l10n.articles import catalog_path, discover_articles
from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig
from l10n.errors import ExchangeError, L10nError
from l10n.exchange.xliff import (
    BASE_ATTRIBUTE,
    FUZZY_SUBSTATE,
    MAX_XLIFF_BYTES,
    XLIFF_NS,
    SegmentState,
    base_hash,
    bcp47,
    exportable,
)
from l10n.exchange.xliff import (
    NS_PREFIX as _X,
)
from l10n.fsutil import project_lock
from l10n.model import UnitState, shorten
from l10n.records import without_kinds
from l10n.review.ops import approve, check_reviewer
from l10n.state import entry_state, valid_review

# -- reading -----------------------------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    """One unit read back: its source, target (None if absent) and least state."""

    unit_id: str
    msgctxt: str | None
    source: str
    target: str | None
    state: SegmentState
    fuzzy_substate: bool
    line: int
    base: str | None = None  # l10n:base: hash of the PO translation at export time


@dataclass(frozen=True)
class XliffFile:
    original: str
    line: int
    units: tuple[XliffUnit, ...]


@dataclass(frozen=True)
class XliffDocument:
    path: Path
    src_lang: str
    trg_lang: str
    files: tuple[XliffFile, ...]


def read_xliff(path: Path) -> XliffDocument:
    """Parse an XLIFF 2.0 file; ExchangeError with file and line on any problem."""
    try:
        size = path.stat().st_size
        if size > MAX_XLIFF_BYTES:
            raise ExchangeError(f"file is too large ({size} bytes)", path=path)
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return parse_xliff(data, path)


def parse_xliff(data: bytes, path: Path) -> XliffDocument:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise ExchangeError(
            f"not well-formed XML: {exc.msg}", path=path, line=line, column=col
        ) from None
    if root.tag != f"{_X}xliff":
        raise ExchangeError(
            f"not an XLIFF 2.0 document (root element {root.tag!r})",
            path=path,
            line=root.sourceline,
            hint=f'the root must be <xliff xmlns="{XLIFF_NS}">',
        )
    version = root.get("version", "")
    if not version.startswith("2."):
        raise ExchangeError(
            f"unsupported XLIFF version {version!r}", path=path, line=root.sourceline
        )
    src, trg = root.get("srcLang"), root.get("trgLang")
    if not src:
        raise ExchangeError("<xliff> has no srcLang", path=path, line=root.sourceline)
    if not trg:
        raise ExchangeError("<xliff> has no trgLang", path=path, line=root.sourceline)
    files = tuple(_read_file(el, path) for el in root.iterchildren(f"{_X}file"))
    return XliffDocument(path, src, trg, files)


def _read_file(el: etree._Element, path: Path) -> XliffFile:
    original = el.get("original")
    if not original:
        raise ExchangeError(
            f"<file id={el.get('id')!r}> has no 'original' (the article id)",
            path=path,
            line=el.sourceline,
        )
    return XliffFile(original, el.sourceline or 0, tuple(_units(el, path)))


def _units(el: etree._Element, path: Path) -> Iterator[XliffUnit]:
    for child in el.iterchildren(f"{_X}unit", f"{_X}group"):
        if child.tag == f"{_X}group":
            yield from _units(child, path)
        else:
            yield _read_unit(child, path)


def _read_unit(unit: etree._Element, path: Path) -> XliffUnit:
    line = unit.sourceline or 0
    sources: list[str] = []
    targets: list[str] = []
    complete = True
    states: list[SegmentState] = []
    fuzzy = False
    for part in unit.iterchildren(f"{_X}segment", f"{_X}ignorable"):
        src_el = part.find(f"{_X}source")
        if src_el is None:
            raise ExchangeError("segment without <source>", path=path, line=part.sourceline)
        src = _text(src_el, path)
        tgt_el = part.find(f"{_X}target")
        sources.append(src)
        if part.tag == f"{_X}ignorable":
            targets.append(_text(tgt_el, path) if tgt_el is not None else src)
            continue
        if tgt_el is None:
            complete = False
        else:
            targets.append(_text(tgt_el, path))
        label = part.get("state", "initial")
        try:
            states.append(SegmentState[label.upper()])
        except KeyError:
            raise ExchangeError(
                f"unknown segment state {label!r}",
                path=path,
                line=part.sourceline,
                hint="initial, translated, reviewed or final",
            ) from None
        fuzzy = fuzzy or part.get("subState") == FUZZY_SUBSTATE
    if not states:
        raise ExchangeError(f"unit {unit.get('id')!r} has no <segment>", path=path, line=line)
    return XliffUnit(
        unit_id=unit.get("id", ""),
        msgctxt=unit.get("name"),
        source="".join(sources),
        target="".join(targets) if complete else None,
        state=min(states),
        fuzzy_substate=fuzzy,
        line=line,
        base=unit.get(BASE_ATTRIBUTE),
    )


def _text(el: etree._Element, path: Path) -> str:
    """Plain text of a source or target, resolving the inline elements l10n understands."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):  # comments, processing instructions
            parts.append(child.tail or "")
            continue
        name = etree.QName(child).localname
        if name in ("mrk", "pc"):
            parts.append(_text(child, path))
        elif name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                raise ExchangeError(
                    "<cp> with a bad 'hex'", path=path, line=child.sourceline
                ) from None
        elif name not in ("sm", "em"):
            raise ExchangeError(
                f"inline element <{name}> cannot be imported",
                path=path,
                line=child.sourceline,
                hint="l10n exports plain text; remove inline codes added by the CAT tool",
            )
        parts.append(child.tail or "")
    return "".join(parts)


# -- import ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportConflict:
    """A unit whose PO translation changed after the export: the PO's text was kept."""

    unit_id: str
    line: int  # in the XLIFF file
    source: str

    def as_dict(self) -> dict[str, object]:
        return {"unit": self.unit_id, "line": self.line, "source": self.source}


@dataclass(frozen=True)
class CatalogImport:
    """What an import did to one catalog."""

    article: str
    path: Path
    units: int = 0
    updated: int = 0  # translation text replaced
    restated: int = 0  # only the fuzzy flag moved
    approved: int = 0  # review records written (``--by``)
    reviewed_unrecorded: int = 0  # reviewed in XLIFF, imported as translated
    changed: bool = False
    conflicts: tuple[ImportConflict, ...] = ()  # kept as in the PO (changed since the export)

    def as_dict(self) -> dict[str, object]:
        return {
            "article": self.article,
            "path": self.path.as_posix(),
            "units": self.units,
            "updated": self.updated,
            "restated": self.restated,
            "approved": self.approved,
            "reviewed_unrecorded": self.reviewed_unrecorded,
            "changed": self.changed,
            "conflicts": [c.as_dict() for c in self.conflicts],
        }


@dataclass(frozen=True)
class ImportReport:
    lang: str
    catalogs: tuple[CatalogImport, ...] = field(default_factory=tuple)
    written: bool = True
    path: Path | None = None  # the XLIFF file

    @property
    def conflicts(self) -> int:
        return sum(len(c.conflicts) for c in self.catalogs)

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "written": self.written,
            "conflicts": self.conflicts,
            "catalogs": [c.as_dict() for c in self.catalogs],
        }


def in_conflict(entry: Entry, unit: XliffUnit) -> bool:
    """The unit brings other text, but the PO translation changed after the export."""
    return (
        bool(unit.target)
        and unit.target != entry.msgstr
        and unit.base is not None
        and unit.base != base_hash(entry.msgstr)
    )


def apply_unit(
    entry: Entry, unit: XliffUnit, reviewer: str | None, today: _dt.date
) -> tuple[Entry, bool, bool, bool, bool]:
    """(new entry, updated, restated, approved, reviewed_unrecorded) for one unit."""
    if not unit.target:
        return entry, False, False, False, False
    want_fuzzy = unit.state is SegmentState.INITIAL
    new = entry
    updated = restated = False
    if unit.target != entry.msgstr:
        # The text is now the CAT tool's, not the machine's or the memory's.
        comments = without_kinds(entry.translator_comments, "mt", "tm", "warning")
        new = replace(new, msgstr=unit.target, translator_comments=comments)
        new = new.with_fuzzy(want_fuzzy)
        updated = True
    elif entry.fuzzy != want_fuzzy:
        new = new.with_fuzzy(want_fuzzy)
        restated = True
    approved = unrecorded = False
    if unit.state >= SegmentState.REVIEWED and entry_state(new) is UnitState.TRANSLATED:
        if reviewer is not None and valid_review(new) is None:
            new = approve(new, reviewer, today)
            approved = True
        elif reviewer is None:
            unrecorded = True
    return new, updated, restated, approved, unrecorded


def import_xliff(
    config: ProjectConfig,
    path: Path,
    *,
    reviewer: str | None = None,
    today: _dt.date | None = None,
    dry_run: bool = False,
    overwrite: bool = False,
) -> ImportReport:
    """Bring the translations and states of an XLIFF 2.0 file back into the PO files.

    Everything is read and matched first; any problem raises ExchangeError (with
    the XLIFF file and line) before a single catalog is written. A writing
    import holds the project lock from reading the catalogs to the last write.
    """
    if not dry_run:
        with project_lock(config.root):
            return _import_xliff(config, path, reviewer, today, dry_run, overwrite)
    return _import_xliff(config, path, reviewer, today, dry_run, overwrite)


def _import_xliff(
    config: ProjectConfig,
    path: Path,
    reviewer: str | None,
    today: _dt.date | None,
    dry_run: bool,
    overwrite: bool,
) -> ImportReport:
    doc = read_xliff(path)
    day = today or _dt.date.today()
    name = check_reviewer(reviewer) if reviewer is not None else None
    try:
        code = config.language(doc.trg_lang).code
    except L10nError as exc:
        raise ExchangeError(f"trgLang {doc.trg_lang!r}: {exc.message}", path=path, line=1) from None
    if bcp47(config.source_language.code).lower() != doc.src_lang.lower():
        raise ExchangeError(
            f"srcLang is {doc.src_lang!r} but the project's source language is "
            f"{bcp47(config.source_language.code)!r}",
            path=path,
            line=1,
        )
    if dry_run:
        results = _merge_all(config, doc, code, name, day, overwrite)
        return ImportReport(code, tuple(item for item, _ in results), written=False, path=path)
    # Read, merge and write under the lock, so no sync can slip in between.
    with project_lock(config.root):
        done = []
        for item, catalog in _merge_all(config, doc, code, name, day, overwrite):
            changed = catalog.write() if item.changed else False
            done.append(replace(item, changed=changed))
    return ImportReport(code, tuple(done), written=True, path=path)


def _merge_all(
    config: ProjectConfig,
    doc: XliffDocument,
    code: str,
    reviewer: str | None,
    day: _dt.date,
    overwrite: bool,
) -> list[tuple[CatalogImport, Catalog]]:
    """Every file of ``doc`` merged into its catalog in memory (nothing written)."""
    path = doc.path
    known = {a.id for a in discover_articles(config)}
    results: list[tuple[CatalogImport, Catalog]] = []
    seen_files: dict[str, int] = {}
    for xf in doc.files:
        if xf.original in seen_files:
            raise ExchangeError(
                f"article {xf.original!r} appears twice (first at line {seen_files[xf.original]})",
                path=path,
                line=xf.line,
            )
        seen_files[xf.original] = xf.line
        cat_path = catalog_path(config, code, xf.original)
        if xf.original not in known or not cat_path.is_file():
            raise ExchangeError(
                f"<file original={xf.original!r}> is not an article of this project with a "
                f"{code} catalog",
                path=path,
                line=xf.line,
                hint="export again from this project, or run 'l10n sync'",
            )
        catalog = Catalog.read(cat_path)
        results.append((_merge_file(catalog, xf, path, reviewer, day, overwrite), catalog))
    return results


def _merge_file(
    catalog: Catalog,
    xf: XliffFile,
    path: Path,
    reviewer: str | None,
    today: _dt.date,
    overwrite: bool,
) -> CatalogImport:
    index = {e.key: i for i, e in enumerate(catalog.entries) if exportable(e)}
    seen: dict[tuple[str | None, str], int] = {}
    updated = restated = approved = unrecorded = 0
    conflicts: list[ImportConflict] = []
    for unit in xf.units:
        key = (unit.msgctxt, unit.source)
        if key in seen:
            raise ExchangeError(
                f"unit {unit.unit_id!r} repeats the source of the unit at line {seen[key]}",
                path=path,
                line=unit.line,
            )
        seen[key] = unit.line
        pos = index.get(key)
        if pos is None:
            raise ExchangeError(
                f"unit {unit.unit_id!r} is not in {catalog.path.name} of article "
                f"{xf.original!r}: {shorten(unit.source)!r}",
                path=path,
                line=unit.line,
                hint="the source changed since the export: export again and redo this unit",
            )
        if not overwrite and in_conflict(catalog.entries[pos], unit):
            conflicts.append(ImportConflict(unit.unit_id, unit.line, unit.source))
            continue
        new, u, r, a, n = apply_unit(catalog.entries[pos], unit, reviewer, today)
        if new != catalog.entries[pos]:
            catalog.entries[pos] = new
        updated += u
        restated += r
        approved += a
        unrecorded += n
    changed = updated + restated + approved > 0
    return CatalogImport(
        article=xf.original,
        path=catalog.path,
        units=len(xf.units),
        updated=updated,
        restated=restated,
        approved=approved,
        reviewed_unrecorded=unrecorded,
        changed=changed,
        conflicts=tuple(conflicts),
    )
