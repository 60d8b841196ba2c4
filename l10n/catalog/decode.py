"""Byte-level checks of a PO file and decoding with its declared charset.

Everything here works on the raw bytes before any PO parsing, so that every
problem can be reported as ``file:line:column``: size limit, empty input, UTF-16
and UTF-32, NUL bytes, the charset declared in the header (found by a light scan
of the first entry), bytes that do not decode, control characters and bare
carriage returns.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from l10n.errors import CatalogError

MAX_BYTES = 64 * 1024 * 1024
"""Largest PO file l10n reads (64 MiB); larger files are refused, not parsed."""

UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
_CJK_CODECS = frozenset(
    {
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "euc_kr",
        "gb2312",
        "gbk",
        "gb18030",
        "big5",
        "big5hkscs",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "cp932",
        "cp949",
        "cp950",
        "johab",
        "iso2022_jp",
        "iso2022_kr",
    }
)
_PROBE = 'msgid "\\n"#~|:,.[]0123456789\n\tabcxyzABCXYZ'
_HEADER_CHARSET_RE = re.compile(rb"charset\s*=\s*([^\s\\\";]+)", re.IGNORECASE)
_HEAD_BYTES = 256 * 1024
# The usual start of a file: comments, 'msgid ""', 'msgstr ""', the header's strings.
_CANONICAL_HEAD_RE = re.compile(rb'(?:#[^~\n][^\n]*\n|#\n)*msgid ""\nmsgstr ""\n((?:"[^\n]*\n)*)')
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 they never occur inside a multi-byte
# sequence, so deleting them from the bytes shows at C speed whether any is there.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_BARE_CR_RE = re.compile(r"\r(?!\n)")


@dataclass(frozen=True)
class Decoded:
    """A PO file's text and the facts needed to write it back byte for byte."""

    text: str
    bom: bool
    charset: str  # as declared ("UTF-8", "ISO-8859-15", "CHARSET"), "UTF-8" if none
    codec: str  # Python codec name
    newline: str  # "\n" or "\r\n": the style of the first line ending
    cjk: bool  # a CJK legacy charset: ambiguous-width characters count 2 columns


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _text_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def codec_for(charset: str, path: Path | None = None, line: int | None = None) -> str:
    """Python codec for a PO charset name; CatalogError if unknown or not ASCII-compatible."""
    if charset.upper() == "CHARSET":
        return "utf_8"
    try:
        name = codecs.lookup(charset).name.replace("-", "_")
    except LookupError:
        raise CatalogError(
            f"unknown charset {charset!r} in Content-Type",
            path=path,
            line=line,
            hint="use charset=UTF-8",
        ) from None
    if name.startswith(("utf_16", "utf_32")) or name == "utf_7":
        raise CatalogError(
            f"charset {charset} is not supported", path=path, line=line, hint="use UTF-8"
        )
    try:
        ok = _PROBE.encode(name) == _PROBE.encode("ascii")
    except (UnicodeError, LookupError):
        ok = False
    if not ok:
        raise CatalogError(
            f"charset {charset} is not ASCII-compatible", path=path, line=line, hint="use UTF-8"
        )
    return name


def is_cjk_codec(codec: str) -> bool:
    return codec in _CJK_CODECS


def _head_lines(body: bytes) -> Iterator[bytes]:
    """The lines of the first 256 KiB, split a few at a time (the header is near the top)."""
    rest = body[:_HEAD_BYTES]
    while True:
        lines = rest.split(b"\n", 32)
        if len(lines) <= 32:
            yield from lines
            return
        yield from lines[:32]
        rest = lines[32]


def _declared_charset(body: bytes) -> tuple[str | None, int]:
    """Charset named in the header entry (if the file starts with one) and its line."""
    m = _CANONICAL_HEAD_RE.match(body, 0, _HEAD_BYTES)
    if m is not None:
        found = _HEADER_CHARSET_RE.search(body, m.start(1), m.end(1))
        if found is not None:
            # The line-by-line scan below finds the same first occurrence.
            return found.group(1).decode("ascii", "replace"), body.count(
                b"\n", 0, found.start()
            ) + 1
    lineno = 0
    stage = 0  # 0: before the first entry, 1: after 'msgid ""', 2: in its msgstr
    for raw in _head_lines(body):
        lineno += 1
        line = raw.strip()
        if not line:
            continue  # gettext allows blank lines between the strings of an entry
        if stage == 0:
            if line.startswith(b"#") and not line.startswith(b"#~"):
                continue
            if not line.startswith(b"msgid") or line[5:].strip() != b'""':
                return None, 0
            stage = 1
            continue
        if stage == 1:
            # A string continuing 'msgid ""' makes the msgid non-empty: not a header.
            if not line.startswith(b"msgstr") or line.startswith(b"msgstr["):
                return None, 0
            stage = 2
        elif not line.startswith(b'"'):
            return None, 0
        m = _HEADER_CHARSET_RE.search(line)
        if m is not None:
            return m.group(1).decode("ascii", "replace"), lineno
    return None, 0


def decode(data: bytes, path: Path) -> Decoded:
    """Check the raw bytes of a PO file and decode them with the declared charset."""
    if len(data) > MAX_BYTES:
        raise CatalogError(
            f"file is too large ({len(data) // (1024 * 1024)} MiB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MiB)",
            path=path,
            hint="split the catalog",
        )
    for mark, name in _WIDE_BOMS:
        if data.startswith(mark):
            raise CatalogError(
                f"file is encoded in {name}", path=path, line=1, hint="convert it to UTF-8"
            )
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    nul = body.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(body, nul)
        raise CatalogError(
            "NUL byte: this is not a text PO file",
            path=path,
            line=line,
            column=col,
            hint="UTF-16 or binary (.mo) files are not supported; convert to UTF-8",
        )
    if not body or body.isspace():
        raise CatalogError(
            "empty file", path=path, line=1, hint='a PO file needs at least a header (msgid "")'
        )
    declared, decl_line = _declared_charset(body)
    charset = declared or "UTF-8"
    codec = codec_for(charset, path, decl_line or None)
    if bom and codec != "utf_8":
        raise CatalogError(
            f"UTF-8 byte order mark, but the header declares charset {charset}",
            path=path,
            line=1,
            hint="remove the BOM or declare charset=UTF-8",
        )
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line, col = _line_col(body, exc.start)
        raise CatalogError(
            f"byte 0x{body[exc.start]:02x} is not valid {charset}",
            path=path,
            line=line,
            column=col,
            hint=f"the header declares charset={charset}; fix the bytes or the declaration",
        ) from None
    if codec != "utf_8" and text.encode(codec) != body:
        raise CatalogError(
            f"text in charset {charset} does not convert back to the same bytes",
            path=path,
            hint="convert the file to UTF-8",
        )
    clean = codec == "utf_8" and len(body.translate(None, _CONTROL_BYTES)) == len(body)
    m = None if clean else _CONTROL_RE.search(text)
    if m is not None:
        line, col = _text_line_col(text, m.start())
        raise CatalogError(
            f"control character U+{ord(m.group()):04X} in file",
            path=path,
            line=line,
            column=col,
            hint="binary data is not allowed; write control characters as escapes (\\n, \\t)",
        )
    m = _BARE_CR_RE.search(text) if "\r" in text else None
    if m is not None:
        line, col = _text_line_col(text, m.start())
        what = "old Mac (CR-only) line endings" if "\n" not in text else "stray carriage return"
        raise CatalogError(
            what, path=path, line=line, column=col, hint="use LF or CRLF line endings"
        )
    nl = text.find("\n")
    newline = "\r\n" if nl > 0 and text[nl - 1] == "\r" else "\n"
    return Decoded(
        text=text,
        bom=bom,
        charset=charset,
        codec=codec,
        newline=newline,
        cjk=codec in _CJK_CODECS,
    )
