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

Reading the file back and importing it: :mod:`l10n.exchange.xliff_import`.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from l10n.articles import catalog_path, discover_articles
from l10n.build import select_articles
from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig
from l10n.errors import ExchangeError
from l10n.model import UnitState
from l10n.state import entry_state

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
L10N_NS = "urn:x-l10n:xliff"
FUZZY_SUBSTATE = "l10n:fuzzy"
NS_PREFIX = f"{{{XLIFF_NS}}}"  # the core namespace as lxml writes it in tags
_X = NS_PREFIX
BASE_ATTRIBUTE = f"{{{L10N_NS}}}base"
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


def base_hash(msgstr: str) -> str:
    """The ``l10n:base`` of a unit: a short hash of the PO translation when exported."""
    return hashlib.sha256(msgstr.encode("utf-8")).hexdigest()[:16]


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
        nsmap={None: XLIFF_NS, "l10n": L10N_NS},
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
    attrib = {"id": unit_id, BASE_ATTRIBUTE: base_hash(entry.msgstr)}
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
