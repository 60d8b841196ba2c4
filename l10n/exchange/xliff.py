"""XLIFF 2.0 exchange with CAT tools (core namespace ``urn:oasis:names:tc:xliff:document:2.0``).

Export: one ``<file>`` per article (``original`` is the article id, ``id`` is
``f1``, ``f2``... because article ids are paths and XLIFF ids are NMTOKENs),
one ``<unit>`` with one ``<segment>`` per active, singular PO entry, in
catalog order. Plural entries are not exported (articles never produce
them) and stay untouched by an import. A ``msgctxt`` is carried as the unit's
``name``. The segment ``state`` maps from ours:

=============  ==========================================
untranslated   ``initial``, no ``<target>``
fuzzy          ``initial`` with ``subState="l10n:fuzzy"``
translated     ``translated``
reviewed       ``reviewed``
=============  ==========================================

Translator comments, extracted comments and the previous source of a fuzzy
entry travel as unit notes (categories ``translator``, ``extracted``,
``previous``); notes are informational and not read back.

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
import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from l10n.articles import catalog_path, discover_articles
from l10n.build import select_articles
from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig
from l10n.errors import ExchangeError, L10nError
from l10n.fsutil import project_lock
from l10n.model import UnitState
from l10n.records import without_kinds
from l10n.review.ops import approve, check_reviewer
from l10n.state import entry_state, valid_review

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FUZZY_SUBSTATE = "l10n:fuzzy"
_X = f"{{{XLIFF_NS}}}"
MAX_XLIFF_BYTES = 64 * 1024 * 1024


class SegmentState(enum.IntEnum):
    """XLIFF 2.0 segment states, ordered by progress."""

    INITIAL = 0
    TRANSLATED = 1
    REVIEWED = 2
    FINAL = 3

    @property
    def label(self) -> str:
        return self.name.lower()


def xliff_state(state: UnitState) -> tuple[SegmentState, str | None]:
    """Our unit state as an XLIFF segment ``state`` and ``subState``."""
    if state is UnitState.UNTRANSLATED:
        return SegmentState.INITIAL, None
    if state is UnitState.FUZZY:
        return SegmentState.INITIAL, FUZZY_SUBSTATE
    if state is UnitState.TRANSLATED:
        return SegmentState.TRANSLATED, None
    return SegmentState.REVIEWED, None


def bcp47(code: str) -> str:
    """A CLDR code (``pt_BR``) as the BCP 47 tag XLIFF and TMX use (``pt-BR``)."""
    return code.replace("_", "-")


# -- export ------------------------------------------------------------------------


def exportable(entry: Entry) -> bool:
    return not entry.obsolete and bool(entry.msgid) and entry.msgid_plural is None


def project_catalogs(
    config: ProjectConfig, lang: str, articles: Sequence[str] = ()
) -> list[tuple[str, Catalog]]:
    """(article id, catalog) of the selected articles in ``lang``, in article order.

    Every selected article must have a catalog (run ``l10n sync`` first).
    """
    code = config.language(lang).code
    out: list[tuple[str, Catalog]] = []
    for art in select_articles(config, articles) if articles else discover_articles(config):
        path = catalog_path(config, code, art.id)
        if not path.is_file():
            raise ExchangeError(
                f"article {art.id!r} has no {code} catalog", path=path, hint="run 'l10n sync' first"
            )
        out.append((art.id, Catalog.read(path)))
    return out


def xliff_document(src_lang: str, trg_lang: str, catalogs: Sequence[tuple[str, Catalog]]) -> bytes:
    """One XLIFF 2.0 document with a ``<file>`` per (article id, catalog)."""
    root = etree.Element(
        f"{_X}xliff",
        nsmap={None: XLIFF_NS},
        attrib={"version": "2.0", "srcLang": bcp47(src_lang), "trgLang": bcp47(trg_lang)},
    )
    n_files = 0
    for article, catalog in catalogs:
        entries = [e for e in catalog.entries if exportable(e)]
        if not entries:
            continue
        n_files += 1
        file_el = etree.SubElement(
            root,
            f"{_X}file",
            attrib={"id": f"f{n_files}", "original": article, f"{{{XML_NS}}}space": "preserve"},
        )
        for i, entry in enumerate(entries, 1):
            _unit(file_el, f"u{i}", entry)
    if n_files == 0:
        raise ExchangeError("nothing to export: the selected catalogs have no units")
    etree.indent(root, space="  ")
    try:
        body: bytes = XML_DECLARATION + etree.tostring(root, encoding="UTF-8")
    except ValueError as exc:  # control characters XML cannot carry
        raise ExchangeError(f"cannot write XLIFF: {exc}") from exc
    return body + b"\n"


def _unit(parent: etree._Element, unit_id: str, entry: Entry) -> None:
    attrib = {"id": unit_id}
    if entry.msgctxt is not None:
        attrib["name"] = entry.msgctxt
    unit = etree.SubElement(parent, f"{_X}unit", attrib=attrib)
    notes = [
        *(("translator", c) for c in entry.translator_comments),
        *(("extracted", c) for c in entry.extracted_comments),
    ]
    if entry.fuzzy and entry.previous_msgid is not None:
        notes.append(("previous", entry.previous_msgid))
    if notes:
        notes_el = etree.SubElement(unit, f"{_X}notes")
        for category, text in notes:
            note = etree.SubElement(notes_el, f"{_X}note", attrib={"category": category})
            note.text = text
    state, sub = xliff_state(entry_state(entry))
    seg_attrib = {"state": state.label}
    if sub is not None:
        seg_attrib["subState"] = sub
    seg = etree.SubElement(unit, f"{_X}segment", attrib=seg_attrib)
    etree.SubElement(seg, f"{_X}source").text = entry.msgid
    if entry.msgstr:
        etree.SubElement(seg, f"{_X}target").text = entry.msgstr


def export_xliff(config: ProjectConfig, lang: str, articles: Sequence[str] = ()) -> bytes:
    """The project's catalogs in ``lang`` as one XLIFF 2.0 document."""
    code = config.language(lang).code
    return xliff_document(
        config.source_language.code, code, project_catalogs(config, code, articles)
    )


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
        }


@dataclass(frozen=True)
class ImportReport:
    lang: str
    catalogs: tuple[CatalogImport, ...] = field(default_factory=tuple)
    written: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "written": self.written,
            "catalogs": [c.as_dict() for c in self.catalogs],
        }


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
) -> ImportReport:
    """Bring the translations and states of an XLIFF 2.0 file back into the PO files.

    Everything is read and matched first; any problem raises ExchangeError (with
    the XLIFF file and line) before a single catalog is written. A writing
    import holds the project lock from reading the catalogs to the last write.
    """
    if not dry_run:
        with project_lock(config.root):
            return _import_xliff(config, path, reviewer, today, dry_run)
    return _import_xliff(config, path, reviewer, today, dry_run)


def _import_xliff(
    config: ProjectConfig,
    path: Path,
    reviewer: str | None,
    today: _dt.date | None,
    dry_run: bool,
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
        results = _merge_all(config, doc, code, name, day)
        return ImportReport(code, tuple(item for item, _ in results), written=False)
    # Read, merge and write under the lock, so no sync can slip in between.
    with project_lock(config.root):
        done = []
        for item, catalog in _merge_all(config, doc, code, name, day):
            changed = catalog.write() if item.changed else False
            done.append(replace(item, changed=changed))
    return ImportReport(code, tuple(done), written=True)


def _merge_all(
    config: ProjectConfig, doc: XliffDocument, code: str, reviewer: str | None, day: _dt.date
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
        results.append((_merge_file(catalog, xf, path, reviewer, day), catalog))
    return results


def _merge_file(
    catalog: Catalog, xf: XliffFile, path: Path, reviewer: str | None, today: _dt.date
) -> CatalogImport:
    index = {e.key: i for i, e in enumerate(catalog.entries) if exportable(e)}
    seen: dict[tuple[str | None, str], int] = {}
    updated = restated = approved = unrecorded = 0
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
                f"{xf.original!r}: {_short(unit.source)!r}",
                path=path,
                line=unit.line,
                hint="the source changed since the export: export again and redo this unit",
            )
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
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
