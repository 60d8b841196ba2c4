"""TMX 1.4b translation memory of the translated and reviewed units of one language.

One ``<tu>`` per distinct (source, translation) pair, in article and catalog
order; the first article that has the pair is named in a ``x-l10n-article``
property and the unit state in ``x-l10n-state``. A reviewed unit also carries
its review as ``changeid`` (reviewer) and ``changedate``. Fuzzy, untranslated,
obsolete and plural entries are left out. The output depends only on the
catalogs (no creation timestamp), so exporting twice gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree  # type: ignore[import-untyped]

from l10n import __version__
from l10n.catalog import Catalog
from l10n.config import ProjectConfig
from l10n.errors import ExchangeError
from l10n.exchange.xliff import XML_DECLARATION, bcp47, exportable, project_catalogs
from l10n.model import UnitState
from l10n.state import entry_state, valid_review

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_document(src_lang: str, trg_lang: str, catalogs: Sequence[tuple[str, Catalog]]) -> bytes:
    """A TMX 1.4b document of the translated and reviewed units of ``catalogs``."""
    src, trg = bcp47(src_lang), bcp47(trg_lang)
    root = etree.Element("tmx", attrib={"version": "1.4"})
    etree.SubElement(
        root,
        "header",
        attrib={
            "creationtool": "l10n",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "PO",
            "adminlang": "en",
            "srclang": src,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    seen: set[tuple[str, str]] = set()
    for article, catalog in catalogs:
        for entry in catalog.entries:
            if not exportable(entry):
                continue
            state = entry_state(entry)
            if state < UnitState.TRANSLATED or (entry.msgid, entry.msgstr) in seen:
                continue
            seen.add((entry.msgid, entry.msgstr))
            attrib: dict[str, str] = {}
            review = valid_review(entry) if state is UnitState.REVIEWED else None
            if review is not None:
                attrib["changeid"] = review.reviewer
                attrib["changedate"] = review.date.strftime("%Y%m%dT000000Z")
            tu = etree.SubElement(body, "tu", attrib=attrib)
            etree.SubElement(tu, "prop", attrib={"type": "x-l10n-article"}).text = article
            etree.SubElement(tu, "prop", attrib={"type": "x-l10n-state"}).text = state.label
            for lang, text in ((src, entry.msgid), (trg, entry.msgstr)):
                tuv = etree.SubElement(tu, "tuv", attrib={XML_LANG: lang})
                etree.SubElement(tuv, "seg").text = text
    etree.indent(root, space="  ")
    try:
        data: bytes = XML_DECLARATION + etree.tostring(root, encoding="UTF-8")
    except ValueError as exc:
        raise ExchangeError(f"cannot write TMX: {exc}") from exc
    return data + b"\n"


def export_tmx(config: ProjectConfig, lang: str, articles: Sequence[str] = ()) -> bytes:
    """The project's translation memory for ``lang`` as TMX 1.4b."""
    code = config.language(lang).code
    return tmx_document(config.source_language.code, code, project_catalogs(config, code, articles))
