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

from l10n.config import ProjectConfig
from l10n.errors import SourceError
from l10n.model import SourceFormat
from l10n.segmentation import BlockKind, Segment, segment

BOM = "\ufeff"
MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""Largest article l10n reads (2 MiB, some 300,000 words); larger ones are refused
before reading: a bigger file is not an article, and every sync would re-segment it."""
TEMPLATES_DIR = "templates"
# C0 controls other than tab, line feed and carriage return, and DEL: not text,
# and not storable in a PO msgid.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def _iter_source_files(sources_dir: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(sources_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = base / name
            if SourceFormat.for_suffix(path.suffix) is not None:
                yield path


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
    for path in _iter_source_files(sources):
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                raise SourceError(
                    "link leads outside the sources folder",
                    path=path,
                    hint="copy the article in instead",
                )
        art_id = article_id(sources, path)
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
    return Article(id=art_id or path.stem, path=path, format=fmt, text=text, bom=bom)


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
    """Words of a source unit, counted as runs of letters or digits."""
    return len(_WORD.findall(text))
