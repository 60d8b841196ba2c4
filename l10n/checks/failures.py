"""Errors met while checking catalogs in worker processes, in a form that crosses
process boundaries intact (file, line and hint included)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.errors import L10nError


@dataclass(frozen=True)
class Failure:
    """An unreadable catalog, in a form that crosses process boundaries intact."""

    kind: type[L10nError]
    message: str
    path: Path | None
    line: int | None
    column: int | None
    hint: str | None

    @classmethod
    def of(cls, exc: L10nError) -> Failure:
        return cls(type(exc), exc.message, exc.path, exc.line, exc.column, exc.hint)

    def error(self) -> L10nError:
        return self.kind(
            self.message, path=self.path, line=self.line, column=self.column, hint=self.hint
        )


@dataclass(frozen=True)
class Fatal:
    """A project error met in a worker (an article that cannot be segmented)."""

    failure: Failure
