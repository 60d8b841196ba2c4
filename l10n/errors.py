"""One exception tree for everything the library raises on user-facing problems.

The CLI turns any :class:`L10nError` into a message and an exit code in one place;
anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """Base class of all errors caused by input, configuration or environment.

    ``exit_code`` is what the CLI exits with: 2 for bad input or usage, 1 for a
    failed gate (see :class:`GateFailed`).
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    def location(self) -> str:
        """``file:line:column`` as far as known, or an empty string."""
        if self.path is None:
            return ""
        parts = [str(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class ConfigError(L10nError):
    """The project configuration is missing, unreadable or invalid."""


class LanguageError(ConfigError):
    """A language code is unknown to CLDR."""


class SourceError(L10nError):
    """A source article cannot be read (encoding, path, binary content)."""


class CatalogError(L10nError):
    """A PO file is malformed or cannot be written."""


class GlossaryError(L10nError):
    """glossary.yml is invalid."""


class MachineTranslationError(L10nError):
    """The machine-translation provider failed or is misconfigured."""


class ReviewError(L10nError):
    """A review action cannot be carried out (unknown unit, no reviewer name...)."""


class ExchangeError(L10nError):
    """An XLIFF, TMX, TBX or CSV file cannot be read or does not match the project."""


class LockError(L10nError):
    """Another l10n process holds the project lock."""


class WriteError(L10nError):
    """A file could not be written (disk full, read-only); the old file is intact."""


class GateFailed(L10nError):
    """A check or threshold failed; not an input error."""

    exit_code = 1
