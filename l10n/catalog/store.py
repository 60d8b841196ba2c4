"""The Catalog: one PO file in memory, written back with a minimal diff.

Reading keeps the raw text of every entry. Rendering writes an entry that equals
(``==``) an entry read from the file with that entry's original text, wherever it
now stands, and serialises only new or changed entries in gettext's canonical
layout. The header is written from its original text unless it changed. BOM,
newline style, blank lines, the final newline and comments after the last entry
are restored. A catalog whose header and entries are those read renders to the
bytes read, without any work; any other rendering is parsed again and compared
with the model before anything is written.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from l10n.catalog.decode import MAX_BYTES, UTF8_BOM, Decoded, codec_for, decode, is_cjk_codec
from l10n.catalog.entry import Entry
from l10n.catalog.header import Header, new_header
from l10n.catalog.scan import Parsed, parse_text
from l10n.catalog.wrap import DEFAULT_WIDTH, entry_lines
from l10n.errors import CatalogError
from l10n.fsutil import atomic_write

_EMPTY_HEADER = Header()
_FORBIDDEN = frozenset(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))


class _Source:
    """What a catalog remembers of the file it was read from."""

    __slots__ = ("data", "decoded", "entries", "header", "header_raw", "prelude", "raws", "trailer")

    def __init__(self, data: bytes, decoded: Decoded, parsed: Parsed) -> None:
        self.data = data
        self.decoded = decoded
        self.header = parsed.header
        self.header_raw = parsed.header_raw
        self.prelude = parsed.prelude
        self.trailer = parsed.trailer
        self.entries = parsed.entries
        self.raws = parsed.raws

    def pool(self) -> _RawPool:
        """Raw text of each entry read, to hand out when rendering (built only then)."""
        return _RawPool(self.entries, self.raws)


class _RawPool:
    """The raw text of the entries read, each handed out once, to an equal entry.

    An entry gets the raw text of the first entry read (in file order) that
    equals it and whose text was not handed out yet. Equal entries have the same
    msgid, so only the entries read with that msgid are compared; an entry that
    was not replaced since it was read is found by identity.
    """

    __slots__ = ("by_msgid", "entries", "raws")

    def __init__(self, entries: tuple[Entry, ...], raws: tuple[str, ...]) -> None:
        self.entries = entries
        self.raws = raws
        by_msgid: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            by_msgid.setdefault(entry.msgid, []).append(i)
        self.by_msgid = by_msgid

    def take(self, entry: Entry) -> str | None:
        """The raw text for ``entry``, or None when it must be written out anew."""
        indexes = self.by_msgid.get(entry.msgid)
        if not indexes:
            return None
        entries = self.entries
        for n, i in enumerate(indexes):
            read = entries[i]
            if read is entry or read == entry:
                del indexes[n]
                return self.raws[i]
        return None


# Where the platform has it, opening with O_NOFOLLOW refuses a symbolic link in
# the same system call (ELOOP; EMLINK on some BSDs) instead of asking first.
_NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
_LINK_ERRNOS = frozenset({errno.ELOOP, errno.EMLINK})


def _read_bytes(path: Path, *, follow: bool = True) -> bytes:
    """The file's bytes (one open, one fstat); CatalogError before reading a huge file.

    With ``follow=False`` (where the platform can) a symbolic link is not
    opened: OSError with ELOOP or EMLINK.
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags if follow else flags | _NOFOLLOW)
    try:
        info = os.fstat(fd)
        size = info.st_size
        if size > MAX_BYTES:
            raise CatalogError(
                f"file is too large ({size // (1024 * 1024)} MiB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MiB)",
                path=path,
                hint="split the catalog",
            )
        data = os.read(fd, size + 1)
        if len(data) == size and stat.S_ISREG(info.st_mode):
            return data  # exactly the size fstat gave: the whole file
        chunks = [data]
        total = len(data)
        while chunks[-1] and total <= MAX_BYTES:  # a file that grew, a pipe, /proc...
            chunks.append(os.read(fd, 1 << 16))
            total += len(chunks[-1])
        return b"".join(chunks)
    finally:
        os.close(fd)


def _symlink_error(path: Path) -> CatalogError:
    return CatalogError(
        "is a symbolic link; catalogs must be regular files",
        path=path,
        hint="replace the link with the file it points to",
    )


class Catalog:
    """A PO file: its header and entries (in file order, obsolete ones included).

    Edit ``entries`` by replacing, inserting or removing items (entries are
    frozen); assign ``header`` to change the header. ``render`` and ``write``
    produce the file with untouched entries byte for byte as they were read.
    """

    def __init__(
        self,
        path: Path,
        header: Header,
        entries: list[Entry],
        source: _Source | None = None,
    ) -> None:
        self.path = path
        self.header = header
        self.entries = entries
        self._source = source

    # -- construction ------------------------------------------------------------
    @classmethod
    def read(cls, path: Path) -> Catalog:
        """Read and validate a PO file; CatalogError with file and line on any problem.

        Symbolic links are refused: a catalog committed as a link could make l10n
        read, and quote in its messages, a file from outside the project.
        """
        if not _NOFOLLOW and path.is_symlink():
            raise _symlink_error(path)
        try:
            data = _read_bytes(path, follow=False)
        except FileNotFoundError:
            raise CatalogError("file not found", path=path) from None
        except IsADirectoryError:
            raise CatalogError("is a directory, not a PO file", path=path) from None
        except OSError as exc:
            if exc.errno in _LINK_ERRNOS and os.path.islink(path):
                raise _symlink_error(path) from None
            raise CatalogError(f"cannot read: {exc.strerror or exc}", path=path) from None
        return cls.parse(data, path)

    @classmethod
    def parse(cls, data: bytes, path: Path) -> Catalog:
        """Parse PO bytes; ``path`` is used for messages and as the default write target."""
        decoded = decode(data, path)
        parsed = parse_text(decoded, path)
        header = parsed.header if parsed.header is not None else _EMPTY_HEADER
        return cls(path, header, list(parsed.entries), _Source(data, decoded, parsed))

    @classmethod
    def new(
        cls,
        path: Path,
        header_fields: Sequence[tuple[str, str]],
        header_comments: Sequence[str] = (),
    ) -> Catalog:
        """An empty catalog with the given header fields (in this order) and comments."""
        return cls(path, new_header(header_fields, header_comments), [])

    # -- queries -----------------------------------------------------------------
    def active_entries(self) -> list[Entry]:
        """Entries that are not obsolete, in file order."""
        return [e for e in self.entries if not e.obsolete]

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """The active entry with this msgid and msgctxt, or None (a linear search)."""
        for e in self.entries:
            if e.msgid == msgid and e.msgctxt == msgctxt and not e.obsolete:
                return e
        return None

    def index(self) -> dict[tuple[str | None, str], Entry]:
        """Active entries by (msgctxt, msgid), for many lookups."""
        return {e.key: e for e in self.entries if not e.obsolete}

    @property
    def charset(self) -> str:
        """The charset the file is written in (as declared in the header)."""
        declared = self.header.charset
        if declared is not None:
            return declared
        return self._source.decoded.charset if self._source is not None else "UTF-8"

    @property
    def newline(self) -> str:
        return self._source.decoded.newline if self._source is not None else "\n"

    @property
    def has_bom(self) -> bool:
        return self._source.decoded.bom if self._source is not None else False

    # -- writing -----------------------------------------------------------------
    def render(self) -> bytes:
        """The file's bytes: untouched parts verbatim, changed entries gettext-canonical."""
        src = self._source
        if src is not None and self._unchanged(src):
            return src.data
        codec = codec_for(self.charset, self.path)
        text = self._render_text(codec)
        try:
            body = text.encode(codec)
        except UnicodeEncodeError as exc:
            line = text.count("\n", 0, exc.start) + 1
            raise CatalogError(
                f"character {text[exc.start]!r} cannot be written in charset {self.charset}",
                path=self.path,
                line=line,
                hint="convert the catalog to UTF-8",
            ) from None
        data = UTF8_BOM + body if self.has_bom else body
        if self._source is None or data != self._source.data:
            self._verify(data)
        return data

    def _unchanged(self, src: _Source) -> bool:
        """Header and entries are those read (a read file renders to its own bytes)."""
        if src.header is None:
            if self.header != _EMPTY_HEADER:
                return False
        elif self.header is not src.header and self.header != src.header:
            return False
        # Tuple comparison tries identity first, so untouched entries cost little.
        return len(self.entries) == len(src.entries) and tuple(self.entries) == src.entries

    def write(self, path: Path | None = None) -> bool:
        """Render and write atomically; False if the file already held these bytes."""
        target = path if path is not None else self.path
        return atomic_write(target, self.render())

    def _render_text(self, codec: str) -> str:
        src = self._source
        nl = self.newline
        cjk = is_cjk_codec(codec)
        pool = src.pool() if src is not None else None
        chunks: list[str] = []
        last_new = False  # the previous chunk was serialised here

        def canonical(entry: Entry) -> str:
            text = "\n".join(entry_lines(entry, DEFAULT_WIDTH, cjk)) + "\n"
            return text.replace("\n", nl) if nl != "\n" else text

        def add(chunk: str, new: bool) -> None:
            nonlocal last_new
            if chunks:
                prev = chunks[-1]
                if not prev.endswith("\n"):
                    prev += nl
                    chunks[-1] = prev
                if (new or last_new) and not prev.endswith(nl + nl) and prev != nl:
                    chunks.append(nl)
            chunks.append(chunk)
            last_new = new

        if src is not None and src.prelude:
            chunks.append(src.prelude)
        header_present = self.header != _EMPTY_HEADER or (src is not None and src.header)
        if header_present:
            if src is not None and src.header == self.header and src.header_raw:
                add(src.header_raw, False)
            else:
                self._check_entry(self.header.as_entry(), what="header")
                add(canonical(self.header.as_entry()), True)
        for entry in self.entries:
            raw = pool.take(entry) if pool is not None else None
            if raw is not None:
                add(raw, False)
            else:
                self._check_entry(entry)
                add(canonical(entry), True)
        if src is not None and src.trailer:
            add(src.trailer, last_new)
        return "".join(chunks)

    def _check_entry(self, entry: Entry, what: str = "entry") -> None:
        label = "header" if what == "header" else f"entry {entry.msgid[:40]!r}"
        texts = [entry.msgid, entry.msgstr, *entry.msgstr_plural]
        texts += [
            t
            for t in (
                entry.msgctxt,
                entry.msgid_plural,
                entry.previous_msgid,
                entry.previous_msgctxt,
                entry.previous_msgid_plural,
            )
            if t
        ]
        for t in texts:
            if _FORBIDDEN.isdisjoint(t):
                continue
            bad = next((c for c in t if c in _FORBIDDEN), None)
            if bad is not None:
                raise CatalogError(
                    f"{label} contains control character U+{ord(bad):04X}",
                    path=self.path,
                    hint="only \\n, \\t and \\r may appear as control characters",
                )
        comments = (
            *entry.translator_comments,
            *entry.extracted_comments,
            *entry.references,
            *entry.flags,
        )
        for c in comments:
            if "\n" in c or "\r" in c or not _FORBIDDEN.isdisjoint(c):
                raise CatalogError(
                    f"{label} has a comment, reference or flag with a line break",
                    path=self.path,
                )
        if entry.msgid_plural is None and entry.msgstr_plural:
            raise CatalogError(f"{label} has plural forms but no msgid_plural", path=self.path)
        if entry.msgid_plural is not None and not entry.msgstr_plural:
            raise CatalogError(f"{label} has msgid_plural but no plural forms", path=self.path)
        if entry.msgid_plural is not None and entry.msgstr:
            raise CatalogError(
                f"{label} has msgid_plural and a plain msgstr",
                path=self.path,
                hint="put translations in msgstr_plural",
            )

    def _verify(self, data: bytes) -> None:
        """Parse the rendering again; it must give back exactly this model."""
        try:
            again = Catalog.parse(data, self.path)
        except CatalogError as exc:
            raise CatalogError(
                f"refusing to write: the new file would be invalid ({exc.message}; at line "
                f"{exc.line} of the new text)",
                path=self.path,
                hint=exc.hint,
            ) from None
        if again.header != self.header:
            raise CatalogError(
                "refusing to write: the header does not read back as set",
                path=self.path,
                hint="header keys must not contain ':' or line breaks; values no line breaks",
            )
        if again.entries != self.entries:
            for mine, theirs in zip(self.entries, again.entries, strict=False):
                if mine != theirs:
                    raise CatalogError(
                        f"refusing to write: entry {mine.msgid[:40]!r} does not read back as set",
                        path=self.path,
                    )
            raise CatalogError("refusing to write: entries do not read back", path=self.path)
