"""Source articles: discovery under ``sources/``, reading, and their translation units.

Unit identity: a unit is keyed by its exact source text (the PO ``msgid``,
no ``msgctxt``). A sentence repeated inside one article is one unit: it is
translated once and the translation is used at every occurrence. The catalog
entry sits at the first occurrence. Identical sentences in different articles
are separate entries in separate catalogs (translation memory links them).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.config import ProjectConfig
from l10n.errors import SourceError
from l10n.model import SourceFormat

if TYPE_CHECKING:
    # Segmentation (sentencex, markdown-it, the rule files) is imported only where
    # articles are segmented: ``status`` reads sources only to validate them.
    from l10n.segmentation import BlockKind, Segment

BOM = "\ufeff"
MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""Largest article l10n reads (2 MiB, some 300,000 words); larger ones are refused
before reading: a bigger file is not an article, and every sync would re-segment it."""
TEMPLATES_DIR = "templates"
# C0 controls other than tab, line feed and carriage return, and DEL: not text,
# and not storable in a PO msgid.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")


@dataclass(frozen=True)
class Article:
    """One source article as read from disk (without a leading BOM, see ``bom``)."""

    id: str
    path: Path
    format: SourceFormat
    text: str
    bom: bool = False


@dataclass(frozen=True)
class SourceUnit:
    """One translation unit of an article: a distinct sentence text."""

    msgid: str
    kind: BlockKind
    occurrences: int
    first: int  # index of the first segment with this text


def article_id(sources_dir: Path, path: Path) -> str:
    rel = path.relative_to(sources_dir)
    return rel.with_suffix("").as_posix()


def _iter_source_files(sources_dir: Path) -> Iterator[tuple[str, Path]]:
    """(article id, path) of each source file, folders and names in sorted order.

    The id is :func:`article_id` of the path, worked out on the names (the same
    string, without building and comparing paths).
    """
    top = os.fspath(sources_dir)
    for folder, dirs, files in os.walk(sources_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        prefix = folder[len(top) :].lstrip(os.sep)
        if prefix:
            prefix = prefix.replace(os.sep, "/") + "/"
        for name in sorted(files):
            if name.startswith("."):
                continue
            dot = name.rfind(".")  # Path.suffix: the last dot, not first or last character
            if not 0 < dot < len(name) - 1 or SourceFormat.for_suffix(name[dot:]) is None:
                continue
            yield prefix + name[:dot], base / name


def article_paths(config: ProjectConfig) -> list[tuple[str, Path]]:
    """(article id, path) of every source, sorted by id, without reading the files.

    Raises :class:`SourceError` for a link leading outside ``sources/`` and for
    two files with the same id.
    """
    sources = config.sources_dir
    if not sources.is_dir():
        raise SourceError(
            "the sources folder does not exist", path=sources, hint="create it or fix 'sources'"
        )
    seen: dict[str, Path] = {}
    root = sources.resolve()
    for art_id, path in _iter_source_files(sources):
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                raise SourceError(
                    "link leads outside the sources folder",
                    path=path,
                    hint="copy the article in instead",
                )
        if art_id in seen:
            raise SourceError(
                f"two sources have the id {art_id!r}: {seen[art_id].name} and {path.name}",
                path=path,
                hint="rename one of them",
            )
        seen[art_id] = path
    return sorted(seen.items())


def discover_articles(config: ProjectConfig) -> list[Article]:
    """Every article under the sources folder, read and validated, sorted by id.

    Raises :class:`SourceError` for a source that cannot be used (a link
    leading outside ``sources/``, invalid UTF-8, binary or empty content, two
    files with the same id).
    """
    return [read_article(path, art_id) for art_id, path in article_paths(config)]


def read_article(path: Path, art_id: str | None = None) -> Article:
    """Read and validate one source file."""
    fmt, text, bom = _read_source(path)
    return Article(id=art_id or path.stem, path=path, format=fmt, text=text, bom=bom)


def check_source(path: str) -> None:
    """Validate one source file as :func:`read_article` does (same errors), keeping nothing.

    A usable file, the usual case, is checked without pathlib; a file with any
    problem is read again by :func:`read_article`'s own steps, which raise.
    """
    if not _usable_source(path):
        _read_source(Path(path))


def _usable_source(path: str) -> bool:
    """True only if :func:`read_article` would read the file without an error."""
    dot = path.rfind(".")
    if dot <= path.rfind(os.sep) + 1 or SourceFormat.for_suffix(path[dot:]) is None:
        return False
    try:
        if os.stat(path).st_size > MAX_SOURCE_BYTES:
            return False
        with open(path, "rb") as file:
            raw = file.read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if b"\x00" in raw or len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
        return False
    return bool(text.removeprefix(BOM).strip())


def _read_source(path: Path) -> tuple[SourceFormat, str, bool]:
    """Format, text (without a leading BOM) and BOM of a source; SourceError if unusable."""
    fmt = SourceFormat.for_suffix(path.suffix)
    if fmt is None:
        raise SourceError("not a .txt or .md article", path=path)
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"article is {size} bytes; the limit is {MAX_SOURCE_BYTES} bytes "
                f"({MAX_SOURCE_BYTES // (1024 * 1024)} MiB)",
                path=path,
                hint="split it",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    text = decode_source(raw, path)
    bom = text.startswith(BOM)
    if bom:
        text = text[1:]
    if not text.strip():
        raise SourceError(
            "article is empty", path=path, hint="write the article or remove the file"
        )
    return fmt, text, bom


def decode_source(raw: bytes, path: Path) -> str:
    """UTF-8 text or a SourceError naming line and column of the first bad byte."""
    if b"\x00" in raw:
        nul = raw.index(b"\x00")
        line = raw[:nul].count(b"\n") + 1
        raise SourceError(
            "binary content (NUL byte); articles are UTF-8 text",
            path=path,
            line=line,
            hint="UTF-16 files must be converted to UTF-8",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            path=path,
            line=line,
            column=col,
            hint="save the article as UTF-8",
        ) from exc
    # In UTF-8 these characters are exactly these single bytes (every byte of a
    # longer sequence is 0x80 or above): a byte scan finds whether there are any.
    if len(raw.translate(None, _CONTROL_BYTES)) == len(raw):
        return text
    bad = _CONTROL.search(text)
    if bad is not None:
        pos = bad.start()
        raise SourceError(
            f"control character U+{ord(bad.group()):04X}: articles are plain text",
            path=path,
            line=text.count("\n", 0, pos) + 1,
            column=pos - (text.rfind("\n", 0, pos) + 1) + 1,
            hint="remove it; only tabs and line breaks may appear as control characters",
        )
    return text


def segments_of(article: Article, lang: str) -> list[Segment]:
    from l10n.segmentation import segment

    return segment(article.text, article.format, lang)


def units_from_segments(segments: list[Segment]) -> list[SourceUnit]:
    """Distinct unit texts in order of first occurrence."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for i, seg in enumerate(segments):
        if seg.text not in first:
            first[seg.text] = i
        counts[seg.text] = counts.get(seg.text, 0) + 1
    return [
        SourceUnit(msgid=text, kind=segments[i].kind, occurrences=counts[text], first=i)
        for text, i in first.items()
    ]


def source_units(article: Article, lang: str) -> list[SourceUnit]:
    return units_from_segments(segments_of(article, lang))


def source_msgids(article: Article, lang: str) -> set[str]:
    """The msgids of :func:`source_units`, without building the units."""
    from l10n.segmentation.api import unit_texts

    return unit_texts(article.text, article.format, lang)


def catalog_path(config: ProjectConfig, lang: str, art_id: str) -> Path:
    return config.locales_dir / lang / f"{art_id}.po"


def template_path(config: ProjectConfig, art_id: str) -> Path:
    return config.locales_dir / TEMPLATES_DIR / f"{art_id}.pot"


def article_id_for_catalog(config: ProjectConfig, path: Path) -> tuple[str, str] | None:
    """(lang, article id) for a catalog path inside the project, else None."""
    try:
        rel = path.resolve().relative_to(_resolved_dir(config.locales_dir))
    except ValueError:
        return None
    if len(rel.parts) < 2 or rel.suffix != ".po":
        return None
    return rel.parts[0], Path(*rel.parts[1:]).with_suffix("").as_posix()


def _resolved_dir(folder: Path) -> Path:
    """``folder.resolve()``, remembered for absolute folders (checked once per catalog)."""
    if not folder.is_absolute():
        return folder.resolve()
    return _resolved_abs(folder)


@functools.lru_cache(maxsize=32)
def _resolved_abs(folder: Path) -> Path:
    return folder.resolve()


@functools.lru_cache(maxsize=65536)
def word_count(text: str) -> int:
    """Words of a source unit, counted as runs of letters or digits.

    Runs joined by one apostrophe, hyphen or full stop are one word ("don't",
    "U.S."); see ``_WORD``. ASCII text, the usual sentence, is counted without
    the pattern (same result, a few times faster).
    """
    if text.isascii():
        return _ascii_word_count(text)
    return len(_WORD.findall(text))


# Each ASCII byte as a letter or digit (a), a joiner (j) or anything else (space).
_ASCII_CLASSES = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("a" if chr(c).isalnum() else "j" if chr(c) in "'-." else " ") if c < 128 else 32
        for c in range(256)
    ),
)


def _ascii_word_count(text: str) -> int:
    """``len(_WORD.findall(text))`` for ASCII text.

    A match of ``_WORD`` is a chain of letter-or-digit runs linked by single
    joiners. With the bytes classified, every link (a-j-a) becomes part of a run:
    one replacement pass misses only a link whose left side the previous
    replacement took (a-j-a-j-a), and such links are never next to each other,
    so a second pass takes the rest. Then each word is one run of a's, counted by
    where runs begin: after a space or after a joiner that linked nothing.
    """
    classes = (b" " + text.encode("ascii")).translate(_ASCII_CLASSES)
    classes = classes.replace(b"aja", b"aaa").replace(b"aja", b"aaa")
    return classes.count(b" a") + classes.count(b"ja")
