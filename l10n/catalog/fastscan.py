"""A whole-entry regex reader for the common, well-formed shape of a PO file.

Most PO files l10n reads were written by l10n or gettext: LF line endings,
``keyword "string"`` with one space, continuation strings on their own lines,
comments above the keywords and blank lines between entries. :func:`fast_parse`
reads such a file with one regular-expression match per entry (not per line) and
builds the same :class:`Parsed` result as the line-based parser in
:mod:`l10n.catalog.scan`.

It never reports errors itself: anything outside the shape it knows (CRLF, extra
spaces, escapes other than ``\\n \\t \\r \\" \\\\``, comments between ``#|`` and
keyword lines, duplicates, a bad header, wrong plural counts, no final newline...)
makes it return ``None``, and the caller runs the line-based parser, which
accepts the same files and reports every problem with its file and line. So a file
read here gives exactly what the line-based parser gives, only sooner.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from l10n.catalog.entry import Entry
from l10n.catalog.header import Header, header_from_entry, parse_plural_forms
from l10n.catalog.parsed import Parsed

# One quoted string, loosely: the entry pattern below only finds the lines; a
# string's content is checked strictly only if it holds a quote or a backslash
# (see _strict), which is much faster for the usual text without either.
_LOOSE = r'"[^\n]*"'

# One entry. Keyword lines start with the prefix captured as ``k`` ("" or "#~ "),
# previous-string lines with the prefix captured as ``q`` ("#| " or "#~| ").
# The repetitions are possessive (``*+``): a line can be read in one way only
# (a comment or string line never starts like the line that may follow it), so
# giving lines back could never lead to another match, and not keeping the
# positions to give back makes matching cheaper.
_STRINGS = rf"{_LOOSE}\n(?:(?P=k){_LOOSE}\n)*+"
_PREVIOUS = rf"{_LOOSE}\n(?:(?P=q){_LOOSE}\n)*+"
_ENTRY = re.compile(
    r"(?P<raw>"
    # comment lines: '#' then anything but '~' or '|' (those start string lines)
    r"(?P<c>(?:#[^~|\n][^\n]*\n|#\n)*+)"
    r"(?:(?P<q>#~?\| )"
    rf"(?:msgctxt (?P<pc>{_PREVIOUS})"
    rf"(?:(?P=q)msgid (?P<pi>{_PREVIOUS})(?:(?P=q)msgid_plural (?P<pp>{_PREVIOUS}))?)?"
    rf"|msgid (?P<pi2>{_PREVIOUS})(?:(?P=q)msgid_plural (?P<pp2>{_PREVIOUS}))?))?"
    r"(?P<k>(?:#~ )?)"
    rf"(?:msgctxt (?P<x>{_STRINGS})(?P=k))?"
    rf"msgid (?P<i>{_STRINGS})"
    rf"(?P=k)(?:msgstr (?P<s>{_STRINGS})"
    rf"|msgid_plural (?P<ip>{_STRINGS})(?P=k)(?P<sp>msgstr\[[0-9]+\] {_STRINGS}"
    rf"(?:(?P=k)msgstr\[[0-9]+\] {_STRINGS})*+))"
    r"\n*+)"
)
# The forms of a plural block already matched by _ENTRY.
_FORM = re.compile(r'msgstr\[([0-9]+)\] ("[^\n]*\n(?:(?:#~ )?"[^\n]*\n)*)')
# Comment lines (and blank lines) after the last entry.
_TRAILER = re.compile(r"#(?:[^~|\n][^\n]*)?\n(?:#(?:[^~|\n][^\n]*)?\n|\n)*")
_ESCAPE_RE = re.compile(r"\\(.)")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
# The escapes other than an escaped backslash, and what each stands for.
_ESCAPES = (('\\"', '"'), ("\\n", "\n"), ("\\t", "\t"), ("\\r", "\r"))


class _Fallback(Exception):
    """The text needs the line-based parser."""


def _unescape_match(m: re.Match[str]) -> str:
    return _UNESCAPE[m.group(1)]


def _strict(block: str, prefix: str) -> str:
    """Value of a string block whose text holds a quote or backslash, checked strictly.

    The block comes from the entry pattern: every line is the prefix (but the
    first), a quote, anything, a quote. Each string must hold only the escapes
    l10n accepts and no other quote or backslash, which is checked with plain
    replacements (cheaper than a strict pattern): escaped backslashes are taken
    out first (a run of backslashes pairs from its left, as a reader reads it),
    then the four other escapes; nothing may be left. The strings are joined by
    line breaks for this, so that a backslash before a closing quote is caught.
    """
    sep = '"\n' + prefix + '"'
    inner = block[1:-2]
    value = inner.replace(sep, "")
    if len(block) < 3 or block[0] != '"' or not block.endswith('"\n') or "\n" in value:
        raise _Fallback
    rest = inner.replace(sep, "\n")
    if "\\\\" in rest:
        rest = rest.replace("\\\\", "")
        for escape, _char in _ESCAPES:
            rest = rest.replace(escape, "")
        if '"' in rest or "\\" in rest:
            raise _Fallback
        return _ESCAPE_RE.sub(_unescape_match, value)
    # Without an escaped backslash each backslash starts one of the four other
    # escapes, which cannot overlap: each is taken out (and then replaced) on its
    # own, and only while a backslash is left (text usually holds one kind).
    found: list[tuple[str, str]] = []
    for escape, char in _ESCAPES:
        if "\\" not in rest:
            break
        shorter = rest.replace(escape, "")
        if len(shorter) != len(rest):
            found.append((escape, char))
            rest = shorter
    if '"' in rest or "\\" in rest:
        raise _Fallback
    for escape, char in found:
        value = value.replace(escape, char)
    return value


def _value(block: str, prefix: str) -> str:
    """The value of a string block: quotes, line breaks and prefixes removed, unescaped."""
    value = block[1:-2].replace('"\n' + prefix + '"', "")
    if '"' in value or "\\" in value:
        return _strict(block, prefix)
    return value


# Entries are built by filling the instance dictionary directly: the dataclass
# __init__ of a frozen class costs about twice as much, and Entry has no
# __post_init__ to skip. The field list is checked here so that a change to
# Entry cannot silently leave a field unset.
_FIELDS = (
    "msgid",
    "msgstr",
    "msgctxt",
    "msgid_plural",
    "msgstr_plural",
    "flags",
    "translator_comments",
    "extracted_comments",
    "references",
    "previous_msgctxt",
    "previous_msgid",
    "previous_msgid_plural",
    "obsolete",
    "line",
)
if (
    tuple(f.name for f in dataclasses.fields(Entry)) != _FIELDS
    or hasattr(Entry, "__post_init__")
    or hasattr(Entry, "__slots__")
):  # pragma: no cover - guards a future change of Entry
    raise ImportError("l10n.catalog.fastscan is out of date with Entry's fields")

_TEMPLATE: dict[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Entry) if f.default is not dataclasses.MISSING
}
if tuple(_TEMPLATE) != _FIELDS[1:]:  # pragma: no cover - every field but msgid has a default
    raise ImportError("l10n.catalog.fastscan expects defaults for every Entry field but msgid")
_TEMPLATE = {"msgid": "", **_TEMPLATE}
_new: Callable[[type[Entry]], Entry] = object.__new__
_set_dict: Callable[[Entry, str, dict[str, Any]], None] = object.__setattr__


def _comments(
    block: str,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """translator comments, extracted comments, references and flags of a comment block."""
    translator: list[str] = []
    extracted: list[str] = []
    refs: list[str] = []
    flags: list[str] = []
    for line in block[:-1].split("\n"):
        c1 = line[1:2]
        if c1 == ".":
            body = line[2:]
            extracted.append(body[1:] if body.startswith(" ") else body)
        elif c1 == ":":
            refs.extend(line[2:].split())
        elif c1 == ",":
            flags.extend(f for f in (x.strip() for x in line[2:].split(",")) if f)
        else:
            body = line[1:]
            translator.append(body[1:] if body.startswith(" ") else body)
    return tuple(translator), tuple(extracted), tuple(refs), tuple(flags)


def _plurals(block: str, prefix: str) -> tuple[str, ...]:
    """The msgstr[N] values of a plural block numbered 0, 1, 2..."""
    forms: list[str] = []
    for n, (index, value) in enumerate(_FORM.findall(block)):
        if index != str(n):
            raise _Fallback
        forms.append(_value(value, prefix))
    return tuple(forms)


# Comment blocks repeat a lot ("#. type: paragraph"): each distinct block is
# split once, into an Entry's fields at their defaults with that block's
# comments set (tuples, so sharing them is safe). These dictionaries are only
# ever copied, never given to an entry.
_TEMPLATES: dict[str, dict[str, Any]] = {}


def _template(block: str) -> dict[str, Any]:
    translator, extracted, refs, flags = _comments(block)
    fields = _TEMPLATE.copy()  # setting existing keys keeps the field order
    fields["flags"] = flags
    fields["translator_comments"] = translator
    fields["extracted_comments"] = extracted
    fields["references"] = refs
    return fields


# Above this size the matches are taken one at a time (finditer), so that the
# groups of all entries are never held at once; below it findall is faster.
_FINDALL_LIMIT = 1 << 20


def fast_parse(text: str) -> Parsed | None:
    """Parse well-formed PO text quickly; None if anything needs the line-based parser."""
    if "\r" in text or not text.endswith("\n"):
        return None
    first_start = len(text) - len(text.lstrip("\n")) if text[0] == "\n" else 0
    ends: list[int] = []
    rows: Iterable[_Row]
    if len(text) <= _FINDALL_LIMIT:
        rows = _ENTRY.findall(text, first_start)
        # findall skips text that does not match: the entries must follow each
        # other without a gap. If they cover the rest of the text, there is none.
        # Otherwise their concatenation must be the text from the first entry on
        # (then no gap was skipped: a skipped position would begin with the next
        # match's text, so the entry pattern would have matched there).
        body = [row[0] for row in rows]
        ends.append(first_start + sum(map(len, body)))
        if ends[0] != len(text) and not text.startswith("".join(body), first_start):
            return None
    else:
        rows = _contiguous(text, first_start, ends)
    try:
        header, header_line, entries, raws = _build(rows, first_start + 1)
    except _Fallback:
        return None
    if not raws and header is None:
        return None
    body_end = ends[0]
    if body_end != len(text) and _TRAILER.fullmatch(text, body_end) is None:
        return None
    return Parsed(
        header=header,
        header_raw=raws[0] if header is not None else "",
        header_line=header_line,
        entries=entries,
        raws=tuple(raws[1:] if header is not None else raws),
        prelude=text[:first_start],
        trailer=text[body_end:],
    )


_Row = tuple[str, str, str, str, str, str, str, str, str, str, str, str, str, str]


def _contiguous(text: str, pos: int, ends: list[int]) -> Iterator[_Row]:
    """The groups of each entry from ``pos`` on; _Fallback at a gap. Appends the end."""
    for m in _ENTRY.finditer(text, pos):
        if m.start() != pos:
            raise _Fallback
        pos = m.end()
        # "" for a group that took no part, as findall gives (the rows are strings).
        yield cast(_Row, m.groups(""))
    ends.append(pos)


def _build(
    rows: Iterable[_Row], lineno: int
) -> tuple[Header | None, int, tuple[Entry, ...], list[str]]:
    """Header, its line, the entries and the raw text of each matched row; _Fallback if unsure."""
    templates = _TEMPLATES
    if len(templates) > 4096:
        templates.clear()
    new = _new
    set_dict = _set_dict
    blank = _TEMPLATE.copy  # an Entry's fields at their defaults
    entries: list[Entry] = []
    append = entries.append
    seen: set[tuple[str | None, str]] = set()
    header: Header | None = None
    header_line = 0
    nplurals: int | None = None
    raws: list[str] = []
    keep = raws.append
    for raw, c, q, pc, pi, pp, pi2, pp2, k, x, i, s, ip, sp in rows:
        keep(raw)
        if c:
            template = templates.get(c)
            if template is None:
                template = templates[c] = _template(c)
            fields = template.copy()
        else:
            fields = blank()
        fields["line"] = lineno
        sep = '"\n"'
        if k:
            sep = '"\n#~ "'
            fields["obsolete"] = True
        msgid = i[1:-2].replace(sep, "")
        if '"' in msgid or "\\" in msgid:
            msgid = _strict(i, k)
        fields["msgid"] = msgid
        msgctxt = None
        if x:
            msgctxt = fields["msgctxt"] = _value(x, k)
        msgid_plural = None
        if s:
            msgstr = s[1:-2].replace(sep, "")
            if '"' in msgstr or "\\" in msgstr:
                msgstr = _strict(s, k)
            fields["msgstr"] = msgstr
        else:
            msgid_plural = fields["msgid_plural"] = _value(ip, k)
            forms = fields["msgstr_plural"] = _plurals(sp, k)
            if nplurals is not None and not k and len(forms) != nplurals:
                raise _Fallback
        if q:
            if (q == "#~| ") != bool(k):
                raise _Fallback  # #| in an obsolete entry, or #~| in an active one
            if pc:
                fields["previous_msgctxt"] = _value(pc, q)
            pi = pi or pi2
            if pi:
                fields["previous_msgid"] = _value(pi, q)
            pp = pp or pp2
            if pp:
                fields["previous_msgid_plural"] = _value(pp, q)
        entry = new(Entry)
        set_dict(entry, "__dict__", fields)
        lineno += raw.count("\n")
        if k:
            append(entry)
        elif msgid or msgctxt is not None:
            size = len(seen)
            seen.add((msgctxt, msgid))
            if len(seen) == size:
                raise _Fallback  # a duplicate
            append(entry)
        else:
            # The header: first, once, without plural or previous strings.
            if entries or header is not None or msgid_plural is not None or q:
                raise _Fallback
            header, bad = header_from_entry(entry)
            if bad is not None:
                raise _Fallback
            plural_forms = header.get("Plural-Forms")
            if plural_forms is not None:
                try:
                    parsed_forms = parse_plural_forms(plural_forms)
                except ValueError:
                    raise _Fallback from None
                nplurals = parsed_forms[0] if parsed_forms else None
            header_line = entry.line + c.count("\n")
    return header, header_line, tuple(entries), raws
