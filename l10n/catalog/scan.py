"""A strict, line-based PO parser that keeps each entry's raw text span.

The parser works on decoded text (see :mod:`l10n.catalog.decode`) and checks
the full syntax as it goes: every string line must be an optional ``#~`` /
``#|`` / ``#~|`` prefix, an optional keyword, then exactly one double-quoted
string with only the escapes ``\\n \\t \\r \\" \\\\`` and nothing after it.
Keyword order, plural indices, duplicates and the header are validated too;
the first problem raises :class:`CatalogError` with file and line.

An entry's span starts at its first comment or keyword line and runs up to the
next entry's first line, so blank lines after an entry belong to it. Text before
the first entry (blank lines only) is the prelude; comments after the last
entry are the trailer.

:func:`parse_text` first tries the whole-entry reader of
:mod:`l10n.catalog.fastscan`, which takes the usual well-formed files much faster
and gives the same result; everything else, every error included, goes through
the parser here.
"""

from __future__ import annotations

import re
from pathlib import Path

from l10n.catalog.decode import Decoded
from l10n.catalog.entry import Entry
from l10n.catalog.fastscan import fast_parse
from l10n.catalog.header import Header, header_from_entry, parse_plural_forms
from l10n.catalog.parsed import Parsed
from l10n.errors import CatalogError

__all__ = ["Parsed", "parse_text"]

_KEYWORD_RE = re.compile(r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?(?=[ \t\"])")
# The common line shapes without escapes, handled without the general checks.
_FAST_RE = re.compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? )?"([^"\\]*)"')
_STRING_RE = re.compile(r'[ \t]*"((?:[^"\\]|\\.)*)"[ \t]*')
_ESCAPE_RE = re.compile(r"\\(.)")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE_HINT = 'only \\n, \\t, \\r, \\" and \\\\ are allowed; write other characters as UTF-8'

# Parser stages of the entry being read.
_COMMENTS, _CTXT, _ID, _PLURAL, _STR = range(5)


class _Pending:
    """The entry being read."""

    __slots__ = (
        "ctxt",
        "extracted",
        "flags",
        "has_prev",
        "id_line",
        "msgid",
        "obsolete",
        "plural",
        "plural_line",
        "prev_ctxt",
        "prev_id",
        "prev_plural",
        "refs",
        "stage",
        "start",
        "start_line",
        "str_lines",
        "strs",
        "target",
        "translator",
    )

    def __init__(self, start: int, start_line: int) -> None:
        self.start = start
        self.start_line = start_line
        self.stage = _COMMENTS
        self.obsolete: bool | None = None
        self.translator: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.has_prev = False
        self.prev_ctxt: list[str] | None = None
        self.prev_id: list[str] | None = None
        self.prev_plural: list[str] | None = None
        self.ctxt: list[str] | None = None
        self.msgid: list[str] = []
        self.plural: list[str] | None = None
        self.strs: list[list[str]] = []
        self.str_lines: list[int] = []
        self.target: list[str] | None = None
        self.id_line = start_line
        self.plural_line = 0

    def entry(self) -> Entry:
        plural = self.plural is not None
        return Entry(
            msgid="".join(self.msgid),
            msgstr="" if plural else "".join(self.strs[0]),
            msgctxt=None if self.ctxt is None else "".join(self.ctxt),
            msgid_plural=None if self.plural is None else "".join(self.plural),
            msgstr_plural=tuple("".join(s) for s in self.strs) if plural else (),
            flags=tuple(self.flags),
            translator_comments=tuple(self.translator),
            extracted_comments=tuple(self.extracted),
            references=tuple(self.refs),
            previous_msgctxt=None if self.prev_ctxt is None else "".join(self.prev_ctxt),
            previous_msgid=None if self.prev_id is None else "".join(self.prev_id),
            previous_msgid_plural=None if self.prev_plural is None else "".join(self.prev_plural),
            obsolete=bool(self.obsolete),
            line=self.start_line,
        )


class _Parser:
    def __init__(self, decoded: Decoded, path: Path) -> None:
        self.path = path
        self.text = decoded.text
        self.charset = decoded.charset
        self.header: Header | None = None
        self.header_raw = ""
        self.header_line = 0
        self.entries: list[Entry] = []
        self.raws: list[str] = []
        self.first_start = -1
        self.nplurals: int | None = None
        self.seen: dict[tuple[str | None, str], int] = {}
        self.lineno = 0

    # -- errors ------------------------------------------------------------------
    def fail(
        self,
        message: str,
        hint: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> CatalogError:
        return CatalogError(
            message, path=self.path, line=line or self.lineno, column=column, hint=hint
        )

    def string_value(self, rest: str, col: int, what: str) -> str:
        """Value of the single quoted string in ``rest``; ``col`` is where rest starts."""
        m = _STRING_RE.fullmatch(rest)
        if m is None:
            raise self.string_error(rest, col, what)
        raw = m.group(1)
        if "\\" not in raw:
            return raw
        for esc in _ESCAPE_RE.finditer(raw):
            if esc.group(1) not in _UNESCAPE:
                column = col + m.start(1) + esc.start()
                raise self.fail(
                    f"unsupported escape sequence \\{esc.group(1)}", _ESCAPE_HINT, column=column
                )
        return _ESCAPE_RE.sub(lambda e: _UNESCAPE[e.group(1)], raw)

    def string_error(self, rest: str, col: int, what: str) -> CatalogError:
        stripped = rest.lstrip(" \t")
        start = col + len(rest) - len(stripped)
        if not stripped.startswith('"'):
            if not stripped:
                return self.fail(f"expected a quoted string after {what}", column=start)
            return self.fail(
                f"expected a quoted string after {what}, found {stripped[:20]!r}",
                'strings are written in double quotes: msgid "text"',
                column=start,
            )
        i = 1
        while i < len(stripped):
            ch = stripped[i]
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                return self.fail(
                    f"text after the closing quote: {stripped[i + 1 :].strip()[:20]!r}",
                    'escape a quote inside a string as \\"; one string per line',
                    column=start + i + 1,
                )
            i += 1
        return self.fail(
            "unterminated string (no closing quote on this line)",
            'every string line must end with "; the file may be truncated',
            column=start,
        )

    # -- entry boundaries --------------------------------------------------------
    def finish(self, p: _Pending, end: int) -> None:
        if p.stage < _STR:
            raise self.fail(
                "entry has no msgstr" if p.stage >= _ID else "msgctxt without msgid",
                'every msgid needs a msgstr (possibly msgstr "")',
                line=p.id_line,
            )
        entry = p.entry()
        raw = self.text[p.start : end]
        if self.first_start < 0:
            self.first_start = p.start
        if not entry.obsolete and entry.msgctxt is None and entry.msgid == "":
            self.take_header(p, entry, raw)
            return
        if p.plural is not None and not entry.obsolete:
            self.check_plural_count(p)
        if not entry.obsolete:
            key = entry.key
            first = self.seen.get(key)
            if first is not None:
                raise self.fail(
                    f"duplicate entry (msgctxt, msgid) first defined at line {first}",
                    "merge the two entries or give one a msgctxt",
                    line=p.id_line,
                )
            self.seen[key] = p.id_line
        self.entries.append(entry)
        self.raws.append(raw)

    def take_header(self, p: _Pending, entry: Entry, raw: str) -> None:
        if self.header is not None:
            raise self.fail(
                f'second header entry (msgid ""); the first is at line {self.header_line}',
                "only one entry may have an empty msgid without msgctxt",
                line=p.id_line,
            )
        if self.entries:
            raise self.fail(
                'the header entry (msgid "") must be the first entry',
                "move it to the top of the file",
                line=p.id_line,
            )
        if entry.msgid_plural is not None:
            raise self.fail("the header entry cannot have msgid_plural", line=p.plural_line)
        if entry.previous_msgid is not None or entry.previous_msgctxt is not None:
            raise self.fail("the header entry cannot have #| previous strings", line=p.id_line)
        header, bad = header_from_entry(entry)
        str_line = p.str_lines[0] if p.str_lines else p.id_line
        if bad is not None:
            raise self.fail(
                f"header line is not 'Key: value': {bad[:40]!r}",
                'each header line looks like "Language: ru\\n"',
                line=self.field_line(bad, str_line),
            )
        plural = header.get("Plural-Forms")
        if plural is not None:
            try:
                parsed = parse_plural_forms(plural)
            except ValueError as exc:
                raise self.fail(
                    f"bad Plural-Forms: {exc}",
                    "e.g. Plural-Forms: nplurals=2; plural=(n != 1);",
                    line=self.field_line("Plural-Forms", str_line),
                ) from None
            self.nplurals = parsed[0] if parsed else None
        self.header = header
        self.header_raw = raw
        self.header_line = p.id_line

    def field_line(self, needle: str, default: int) -> int:
        """Line of the header string line containing ``needle`` (best effort)."""
        lines = self.text.split("\n", default + 200)
        for i in range(default - 1, min(len(lines), default + 199)):
            if needle in lines[i]:
                return i + 1
        return default

    def check_plural_count(self, p: _Pending) -> None:
        if self.nplurals is not None and len(p.strs) != self.nplurals:
            raise self.fail(
                f"entry has {len(p.strs)} plural forms, but Plural-Forms says "
                f"nplurals={self.nplurals}",
                f"write msgstr[0] to msgstr[{self.nplurals - 1}]",
                line=p.plural_line,
            )

    # -- main loop ---------------------------------------------------------------
    def run(self) -> Parsed:
        text = self.text
        pos = 0
        p: _Pending | None = None
        for raw_line in text.split("\n"):
            self.lineno += 1
            start = pos
            pos += len(raw_line) + 1
            line = raw_line[:-1] if raw_line.endswith("\r") else raw_line
            if not line or line.isspace():
                continue
            c0 = line[0]
            if c0 == "#":
                c1 = line[1:2]
                if c1 == "~":
                    if line[2:3] == "|":
                        p = self.previous(p, line[3:], 3, True, start)
                    else:
                        p = self.keyword_or_string(p, line[2:], 2, True, start)
                elif c1 == "|":
                    p = self.previous(p, line[2:], 2, False, start)
                else:
                    p = self.comment(p, line, c1, start)
            else:
                m = _FAST_RE.fullmatch(line)
                if m is None:
                    p = self.keyword_or_string(p, line, 0, False, start)
                elif m.group(1) is not None:
                    p = self.apply_keyword(p, m.group(1), m.group(2), [m.group(3)], False, start)
                elif p is not None and p.stage != _COMMENTS and p.target and p.obsolete is False:
                    p.target.append(m.group(3))
                else:
                    p = self.keyword_or_string(p, line, 0, False, start)
        end = len(text)
        trailer = ""
        if p is not None:
            if p.stage == _COMMENTS and not p.has_prev:
                trailer = text[p.start :]
                end = p.start
            else:
                self.lineno = p.id_line
                if p.stage < _STR:
                    raise self.fail(
                        "file ends inside an entry (no msgstr)",
                        "the file may be truncated",
                        line=p.id_line,
                    )
            if p.stage == _STR:
                self.finish(p, end)
        if self.first_start < 0:
            self.first_start = end if not trailer else len(text) - len(trailer)
        prelude = text[: self.first_start]
        if prelude.strip():
            # Only blank lines can precede the first entry: comments belong to an entry.
            prelude = ""
        return Parsed(
            header=self.header,
            header_raw=self.header_raw,
            header_line=self.header_line,
            entries=tuple(self.entries),
            raws=tuple(self.raws),
            prelude=prelude,
            trailer=trailer,
        )

    def new_entry(self, p: _Pending | None, start: int) -> _Pending:
        if p is not None:
            self.finish(p, start)
        return _Pending(start, self.lineno)

    def comment(self, p: _Pending | None, line: str, c1: str, start: int) -> _Pending:
        if p is None or p.stage == _STR:
            p = self.new_entry(p, start)
        elif p.stage != _COMMENTS:
            raise self.fail(
                "comment inside an entry",
                "comments go above the entry's msgctxt/msgid",
            )
        if c1 == ",":
            p.flags.extend(f for f in (x.strip() for x in line[2:].split(",")) if f)
        elif c1 == ":":
            p.refs.extend(line[2:].split())
        elif c1 == ".":
            body = line[2:]
            p.extracted.append(body[1:] if body.startswith(" ") else body)
        else:
            body = line[1:]
            p.translator.append(body[1:] if body.startswith(" ") else body)
        return p

    def set_obsolete(self, p: _Pending, obsolete: bool) -> None:
        if p.obsolete is None:
            p.obsolete = obsolete
        elif p.obsolete != obsolete:
            raise self.fail(
                "inconsistent use of #~: part of this entry is obsolete and part is not",
                "prefix every line of an obsolete entry with #~",
            )

    def previous(
        self, p: _Pending | None, rest: str, col: int, obsolete: bool, start: int
    ) -> _Pending:
        if p is None or p.stage == _STR:
            p = self.new_entry(p, start)
        elif p.stage != _COMMENTS:
            raise self.fail("#| previous string after msgctxt/msgid", "put #| lines first")
        self.set_obsolete(p, obsolete)
        body = rest.lstrip(" \t")
        bcol = col + len(rest) - len(body) + 1
        if body.startswith('"'):
            if p.target is None or not p.has_prev:
                raise self.fail("string without a keyword", column=bcol)
            p.target.append(self.string_value(body, bcol, "#|"))
            return p
        m = _KEYWORD_RE.match(body)
        if m is None or m.group(1) == "msgstr":
            raise self.fail(
                f"unknown keyword after #|: {body.split()[0][:20] if body.split() else ''!r}",
                "#| lines hold msgctxt, msgid or msgid_plural",
                column=bcol,
            )
        keyword = m.group(1)
        value = [self.string_value(body[m.end() :], bcol + m.end(), keyword)]
        if keyword == "msgctxt":
            if p.has_prev:
                raise self.fail("#| msgctxt must come first among #| lines")
            p.prev_ctxt = value
        elif keyword == "msgid":
            if p.prev_id is not None or p.prev_plural is not None:
                raise self.fail("repeated #| msgid")
            p.prev_id = value
        else:
            if p.prev_id is None or p.prev_plural is not None:
                raise self.fail("#| msgid_plural must follow #| msgid")
            p.prev_plural = value
        p.has_prev = True
        p.target = value
        return p

    def keyword_or_string(
        self, p: _Pending | None, rest: str, col: int, obsolete: bool, start: int
    ) -> _Pending:
        body = rest.lstrip(" \t")
        bcol = col + len(rest) - len(body) + 1
        if body.startswith('"'):
            if p is None or p.stage == _COMMENTS:
                raise self.fail(
                    "string without a keyword",
                    "continuation lines follow a keyword line",
                    column=bcol,
                )
            self.set_obsolete(p, obsolete)
            if p.target is None:
                raise self.fail("string without a keyword", column=bcol)
            p.target.append(self.string_value(body, bcol, "the previous keyword"))
            return p
        m = _KEYWORD_RE.match(body)
        if m is None:
            word = body.split()[0][:20] if body.split() else body
            raise self.fail(
                f"unknown keyword {word!r}",
                "expected msgctxt, msgid, msgid_plural, msgstr, msgstr[N], a comment or a string",
                column=bcol,
            )
        keyword, index = m.group(1), m.group(2)
        what = keyword if index is None else f"msgstr[{index}]"
        value = [self.string_value(body[m.end() :], bcol + m.end(), what)]
        return self.apply_keyword(p, keyword, index, value, obsolete, start)

    def apply_keyword(
        self,
        p: _Pending | None,
        keyword: str,
        index: str | None,
        value: list[str],
        obsolete: bool,
        start: int,
    ) -> _Pending:
        if p is None or (p.stage == _STR and (keyword in ("msgctxt", "msgid"))):
            p = self.new_entry(p, start)
        self.set_obsolete(p, obsolete)
        if keyword == "msgctxt":
            if p.stage != _COMMENTS:
                raise self.fail("msgctxt must come before msgid", "start a new entry")
            p.ctxt = value
            p.stage = _CTXT
        elif keyword == "msgid":
            if p.stage not in (_COMMENTS, _CTXT):
                raise self.fail(
                    f"msgid, but the entry at line {p.id_line} has no msgstr",
                    'every msgid needs a msgstr (possibly msgstr "")',
                )
            p.msgid = value
            p.id_line = self.lineno
            p.stage = _ID
        elif keyword == "msgid_plural":
            if p.stage != _ID:
                raise self.fail(
                    "msgid_plural without msgid" if p.stage < _ID else "misplaced msgid_plural"
                )
            p.plural = value
            p.plural_line = self.lineno
            p.stage = _PLURAL
        elif index is None:
            if p.stage == _PLURAL or (p.stage == _STR and p.plural is not None):
                raise self.fail(
                    "msgstr in an entry with msgid_plural",
                    "use msgstr[0], msgstr[1], ...",
                )
            if p.stage != _ID:
                raise self.fail(
                    "msgstr without msgid" if p.stage < _ID else "second msgstr in one entry"
                )
            p.strs.append(value)
            p.str_lines.append(self.lineno)
            p.stage = _STR
        else:
            if p.plural is None:
                raise self.fail(
                    f"msgstr[{index}] without msgid_plural",
                    "use msgstr for entries without msgid_plural",
                )
            n = int(index)
            if n != len(p.strs):
                raise self.fail(
                    f"msgstr[{n}] out of order: expected msgstr[{len(p.strs)}]",
                    "plural forms are numbered 0, 1, 2... without gaps",
                )
            if self.nplurals is not None and n >= self.nplurals and not p.obsolete:
                raise self.fail(
                    f"msgstr[{n}] out of range: Plural-Forms says nplurals={self.nplurals}",
                    f"use msgstr[0] to msgstr[{self.nplurals - 1}]",
                )
            p.strs.append(value)
            p.str_lines.append(self.lineno)
            p.stage = _STR
        p.target = value
        return p


def parse_text(decoded: Decoded, path: Path, fast: bool = True) -> Parsed:
    """Parse and validate decoded PO text.

    The whole-entry reader of :mod:`l10n.catalog.fastscan` is tried first (unless
    ``fast`` is False); whatever it cannot take is read line by line here, which
    gives the same result for every file the fast reader accepts and reports each
    problem with its line.
    """
    parsed = fast_parse(decoded.text) if fast else None
    if parsed is None:
        parsed = _Parser(decoded, path).run()
    # The charset used to decode was found by a light byte scan; it must be the
    # one the parsed header declares (UTF-8 if none), or the file reads one way
    # and would be written another.
    declared = parsed.header.charset if parsed.header is not None else None
    if (declared or "UTF-8").lower() != decoded.charset.lower():
        raise CatalogError(
            f"header charset {declared or 'UTF-8'!r} could not be read consistently "
            f"(the bytes were decoded as {decoded.charset})",
            path=path,
            line=parsed.header_line or 1,
            hint="put Content-Type on one line of the header",
        )
    return parsed
