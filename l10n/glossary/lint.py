"""Source lint: deprecated source forms, reported with file:line:column and fixed in place.

An acronym followed by its expansion in parentheses is one finding and one
replacement: ``TAK (Central Telegraph Agency of Korea)`` becomes
``KCNA (Korean Central News Agency)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from l10n.errors import SourceError
from l10n.fsutil import atomic_write
from l10n.glossary.glossary import Glossary
from l10n.glossary.model import TermStatus
from l10n.glossary.source_match import SourceHit

_PAREN_OPEN = re.compile(r"\s*\(\s*")
_PAREN_CLOSE = re.compile(r"\s*\)")


class SourceText(Protocol):
    """Anything with a path and its text (``l10n.articles.Article`` fits)."""

    @property
    def path(self) -> Path: ...

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class TextFile:
    """A plain (path, text) pair for callers without articles."""

    path: Path
    text: str


@dataclass(frozen=True)
class LintFinding:
    """A deprecated source form and what replaces it."""

    path: Path
    line: int
    column: int  # 1-based, in characters
    start: int  # offsets in the text
    end: int
    concept_id: str
    found: str
    replacement: str

    @property
    def message(self) -> str:
        return f"deprecated term {self.found!r}; write {self.replacement!r}"

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def _replace(hit: SourceHit, text: str) -> str:
    written = text[hit.start : hit.end]
    if hit.term.status is not TermStatus.DEPRECATED:
        return written
    return hit.concept.replacement_for(hit.term).text


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def lint_text(glossary: Glossary, path: Path, text: str) -> list[LintFinding]:
    """Deprecated source forms in one text."""
    hits = glossary.find(text)
    out: list[LintFinding] = []
    i = 0
    while i < len(hits):
        hit = hits[i]
        pair = None
        if i + 1 < len(hits):
            nxt = hits[i + 1]
            opening = _PAREN_OPEN.match(text, hit.suffix_end)
            if (
                hit.suffix_end == hit.end
                and nxt.concept.id == hit.concept.id
                and opening is not None
                and opening.end() == nxt.start
                and nxt.suffix_end == nxt.end
            ):
                closing = _PAREN_CLOSE.match(text, nxt.end)
                if closing is not None:
                    pair = (nxt, closing.end())
        if pair is not None:
            nxt, end = pair
            if TermStatus.DEPRECATED in (hit.term.status, nxt.term.status):
                found = text[hit.start : end]
                replacement = (
                    _replace(hit, text)
                    + text[hit.end : nxt.start]
                    + _replace(nxt, text)
                    + text[nxt.end : end]
                )
                line, column = _position(text, hit.start)
                out.append(
                    LintFinding(
                        path, line, column, hit.start, end, hit.concept.id, found, replacement
                    )
                )
            i += 2
            continue
        if hit.term.status is TermStatus.DEPRECATED:
            line, column = _position(text, hit.start)
            out.append(
                LintFinding(
                    path,
                    line,
                    column,
                    hit.start,
                    hit.end,
                    hit.concept.id,
                    text[hit.start : hit.end],
                    _replace(hit, text),
                )
            )
        i += 1
    return out


def lint_sources(glossary: Glossary, articles: Iterable[SourceText]) -> list[LintFinding]:
    """Deprecated source forms in every article, in article and text order."""
    out: list[LintFinding] = []
    for article in articles:
        out.extend(lint_text(glossary, article.path, article.text))
    return out


def apply_fixes(text: str, findings: Iterable[LintFinding]) -> str:
    """``text`` with every finding replaced (findings must come from this text)."""
    pieces: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        pieces.append(text[pos : f.start])
        pieces.append(f.replacement)
        pos = f.end
    pieces.append(text[pos:])
    return "".join(pieces)


def fix_sources(glossary: Glossary, paths: Iterable[Path]) -> list[tuple[Path, int]]:
    """Rewrite deprecated forms in the files (atomically); return (path, fixes) changed.

    Each file is read from disk again so the offsets are those of its exact text
    (a byte order mark and line endings are kept).
    """
    changed: list[tuple[Path, int]] = []
    for path in paths:
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8")
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from None
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise SourceError("not valid UTF-8", path=path, line=line) from None
        findings = lint_text(glossary, path, text)
        if not findings:
            continue
        if atomic_write(path, apply_fixes(text, findings).encode("utf-8")):
            changed.append((path, len(findings)))
    return changed
