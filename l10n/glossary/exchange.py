"""Glossary exchange: TBX (TBX-Basic style, ``martif``) and CSV, both lossless.

TBX: one ``termEntry`` per concept (``id`` = concept id), one ``langSet`` per
language (the source language first), one ``tig`` per term with
``termNote type="administrativeStatus"`` (``preferredTerm-admn-sts``,
``admittedTerm-admn-sts``, ``deprecatedTerm-admn-sts``) and, when set,
``termNote type="termType"``. Notes are ``note`` elements at concept or
language level. TBX-Basic has no do-not-translate marker: a do-not-translate
concept carries ``descrip type="Translation needed"`` = ``no`` (the form
translate-toolkit reads). Case policies use the private data categories
``x-caseSensitive``.

CSV: one row per term, columns :data:`CSV_COLUMNS`. Concept-level values (note,
dnt, case-sensitive) sit on the source-language rows; a language note on that
language's rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from l10n.errors import ExchangeError
from l10n.glossary.model import Concept, TargetEntry, Term, TermStatus, TermType

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CSV_COLUMNS = ("concept", "language", "status", "term", "type", "case_sensitive", "dnt", "note")
_STATUS_WORDS = {
    TermStatus.DEPRECATED: "deprecated",
    TermStatus.ADMITTED: "admitted",
    TermStatus.PREFERRED: "preferred",
}


def _bool_text(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _parse_bool(value: str, where: str, path: Path) -> bool | None:
    v = value.strip().lower()
    if v == "":
        return None
    if v in ("true", "yes", "1"):
        return True
    if v in ("false", "no", "0"):
        return False
    raise ExchangeError(f"{where}: expected true or false, not {value!r}", path=path)


# -- TBX -------------------------------------------------------------------


def _tig(parent: etree._Element, term: Term) -> None:
    tig = etree.SubElement(parent, "tig")
    etree.SubElement(tig, "term").text = term.text
    status = etree.SubElement(tig, "termNote", type="administrativeStatus")
    status.text = term.status.tbx
    if term.type is not None:
        etree.SubElement(tig, "termNote", type="termType").text = term.type.value
    if term.case_sensitive is not None:
        etree.SubElement(tig, "termNote", type="x-caseSensitive").text = _bool_text(
            term.case_sensitive
        )


def export_tbx(concepts: Iterable[Concept], source_language: str) -> bytes:
    """TBX-Basic style document for the concepts."""
    root = etree.Element("martif", type="TBX")
    root.set(XML_LANG, source_language)
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    source_desc = etree.SubElement(file_desc, "sourceDesc")
    etree.SubElement(source_desc, "p").text = "l10n glossary"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for concept in concepts:
        entry = etree.SubElement(body, "termEntry", id=concept.id)
        if concept.dnt:
            etree.SubElement(entry, "descrip", type="Translation needed").text = "no"
        if concept.case_sensitive is not None:
            etree.SubElement(entry, "admin", type="x-caseSensitive").text = _bool_text(
                concept.case_sensitive
            )
        if concept.note:
            etree.SubElement(entry, "note").text = concept.note
        src = etree.SubElement(entry, "langSet")
        src.set(XML_LANG, source_language)
        for term in concept.terms:
            _tig(src, term)
        for target in concept.targets:
            lang_set = etree.SubElement(entry, "langSet")
            lang_set.set(XML_LANG, target.lang)
            if target.note:
                etree.SubElement(lang_set, "note").text = target.note
            for term in target.terms:
                _tig(lang_set, term)
    return bytes(
        etree.tostring(
            root,
            xml_declaration=True,
            encoding="UTF-8",
            pretty_print=True,
            doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
        )
    )


def _local(tag: object) -> str:
    name = str(tag)
    return name.rsplit("}", 1)[-1]


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and _local(c.tag) == name]


def _text(el: etree._Element) -> str:
    return "".join(el.itertext()).strip()


def _read_tig(tig: etree._Element, path: Path) -> Term:
    line = tig.sourceline
    terms = _children(tig, "term")
    if not terms or not _text(terms[0]):
        raise ExchangeError("a tig without a term", path=path, line=line)
    status = TermStatus.PREFERRED
    kind: TermType | None = None
    case: bool | None = None
    for note in _children(tig, "termNote"):
        kind_attr = note.get("type")
        value = _text(note)
        if kind_attr == "administrativeStatus":
            parsed = TermStatus.from_tbx(value)
            if parsed is None:
                status_hint = (
                    "preferredTerm-admn-sts, admittedTerm-admn-sts or deprecatedTerm-admn-sts"
                )
                raise ExchangeError(
                    f"unknown administrativeStatus {value!r}",
                    path=path,
                    line=note.sourceline,
                    hint=status_hint,
                )
            status = parsed
        elif kind_attr == "termType":
            kind = TermType.from_label(value)
        elif kind_attr == "x-caseSensitive":
            case = _parse_bool(value, "x-caseSensitive", path)
    return Term(_text(terms[0]), status, kind, case)


def _ordered(terms: list[Term], where: str, path: Path, line: int | None) -> tuple[Term, ...]:
    preferred = [t for t in terms if t.status is TermStatus.PREFERRED]
    if len(preferred) != 1:
        raise ExchangeError(
            f"{where}: {len(preferred)} preferred terms; exactly one is needed",
            path=path,
            line=line,
        )
    rest = [t for t in terms if t.status is not TermStatus.PREFERRED]
    return (preferred[0], *rest)


def import_tbx(data: bytes, path: Path, source_language: str) -> list[Concept]:
    """Concepts from a TBX document (the file's source language comes first)."""
    from l10n.errors import LanguageError
    from l10n.languages import language

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExchangeError(f"invalid XML: {exc.msg}", path=path, line=exc.lineno) from None
    src_code = language(source_language).code
    concepts: list[Concept] = []
    for entry in root.iter("{*}termEntry", "termEntry"):
        cid = entry.get("id")
        if not cid:
            raise ExchangeError("termEntry without an id", path=path, line=entry.sourceline)
        dnt = any(
            d.get("type") == "Translation needed" and _text(d).lower() == "no"
            for d in _children(entry, "descrip")
        )
        case: bool | None = None
        for admin in _children(entry, "admin"):
            if admin.get("type") == "x-caseSensitive":
                case = _parse_bool(_text(admin), "x-caseSensitive", path)
        notes = [_text(n) for n in _children(entry, "note")]
        source_terms: tuple[Term, ...] | None = None
        targets: list[TargetEntry] = []
        for lang_set in _children(entry, "langSet"):
            raw = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
            try:
                code = language(raw).code
            except LanguageError as exc:
                raise ExchangeError(
                    exc.message, path=path, line=lang_set.sourceline, hint=exc.hint
                ) from None
            terms = [_read_tig(t, path) for t in _children(lang_set, "tig")]
            lang_notes = [_text(n) for n in _children(lang_set, "note")]
            ordered = _ordered(
                terms, f"concept {cid!r}, language {code}", path, lang_set.sourceline
            )
            if code == src_code:
                source_terms = ordered
                notes.extend(lang_notes)
            else:
                targets.append(TargetEntry(code, ordered, "\n".join(lang_notes) or None))
        if source_terms is None:
            raise ExchangeError(
                f"concept {cid!r} has no {src_code} terms", path=path, line=entry.sourceline
            )
        concepts.append(
            Concept(cid, source_terms, "\n".join(notes) or None, case, dnt, tuple(targets))
        )
    return concepts


# -- CSV -------------------------------------------------------------------


def export_csv(concepts: Iterable[Concept], source_language: str) -> bytes:
    """One row per term; see :data:`CSV_COLUMNS`."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in concepts:
        for term in c.terms:
            note = c.note or ""
            writer.writerow(
                (
                    c.id,
                    source_language,
                    _STATUS_WORDS[term.status],
                    term.text,
                    term.type.value if term.type else "",
                    _bool_text(term.case_sensitive),
                    "true" if c.dnt else "",
                    note,
                )
            )
        if c.case_sensitive is not None:
            writer.writerow(
                (c.id, source_language, "concept", "", "", _bool_text(c.case_sensitive), "", "")
            )
        for entry in c.targets:
            for term in entry.terms:
                writer.writerow(
                    (
                        c.id,
                        entry.lang,
                        _STATUS_WORDS[term.status],
                        term.text,
                        term.type.value if term.type else "",
                        _bool_text(term.case_sensitive),
                        "",
                        entry.note or "",
                    )
                )
    return buf.getvalue().encode("utf-8")


def import_csv(data: bytes, path: Path, source_language: str) -> list[Concept]:
    """Concepts from CSV rows (as written by :func:`export_csv`)."""
    from l10n.errors import LanguageError
    from l10n.languages import language

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError("not valid UTF-8", path=path) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ExchangeError(f"missing columns: {', '.join(missing)}", path=path, line=1)
    src_code = language(source_language).code
    order: list[str] = []
    rows: dict[str, dict[str, list[tuple[int, dict[str, str]]]]] = {}
    for row in reader:
        line = reader.line_num
        cid = (row.get("concept") or "").strip()
        if not cid:
            raise ExchangeError("empty concept id", path=path, line=line)
        raw_lang = (row.get("language") or "").strip()
        try:
            code = language(raw_lang).code
        except LanguageError as exc:
            raise ExchangeError(exc.message, path=path, line=line, hint=exc.hint) from None
        if cid not in rows:
            order.append(cid)
            rows[cid] = {}
        rows[cid].setdefault(code, []).append((line, row))
    concepts: list[Concept] = []
    for cid in order:
        by_lang = rows[cid]
        if src_code not in by_lang:
            raise ExchangeError(f"concept {cid!r} has no {src_code} rows", path=path)
        note: str | None = None
        dnt = False
        case: bool | None = None
        source_terms: list[Term] = []
        targets: list[TargetEntry] = []
        for code, items in by_lang.items():
            terms: list[Term] = []
            lang_note: str | None = None
            for line, row in items:
                status_word = (row["status"] or "").strip().lower()
                if status_word == "concept" and code == src_code:
                    case = _parse_bool(row["case_sensitive"], "case_sensitive", path)
                    continue
                status = next((s for s, w in _STATUS_WORDS.items() if w == status_word), None)
                if status is None:
                    raise ExchangeError(
                        f"unknown status {row['status']!r}",
                        path=path,
                        line=line,
                        hint="preferred, admitted or deprecated",
                    )
                text_value = (row["term"] or "").strip()
                if not text_value:
                    raise ExchangeError("empty term", path=path, line=line)
                kind_raw = (row["type"] or "").strip()
                kind = TermType.from_label(kind_raw) if kind_raw else None
                if kind_raw and kind is None:
                    raise ExchangeError(f"unknown term type {kind_raw!r}", path=path, line=line)
                terms.append(
                    Term(
                        text_value,
                        status,
                        kind,
                        _parse_bool(row["case_sensitive"], "case_sensitive", path),
                    )
                )
                if row["note"]:
                    lang_note = row["note"]
                if code == src_code and _parse_bool(row["dnt"], "dnt", path):
                    dnt = True
            ordered = _ordered(terms, f"concept {cid!r}, language {code}", path, items[0][0])
            if code == src_code:
                source_terms = list(ordered)
                note = lang_note
            else:
                targets.append(TargetEntry(code, ordered, lang_note))
        concepts.append(Concept(cid, tuple(source_terms), note, case, dnt, tuple(targets)))
    return concepts
