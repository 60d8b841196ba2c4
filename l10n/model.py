"""Closed sets and small values shared by every pipeline step."""

from __future__ import annotations

import enum


class UnitState(enum.IntEnum):
    """The state of one translation unit in one language, ordered by progress.

    ``untranslated``: empty translation. ``fuzzy``: needs work (source changed,
    machine output, rejected). ``translated``: filled, not fuzzy, no valid
    review. ``reviewed``: filled, not fuzzy, with a review record whose hash
    matches the entry.
    """

    UNTRANSLATED = 0
    FUZZY = 1
    TRANSLATED = 2
    REVIEWED = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> UnitState:
        try:
            return cls[label.upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown state {label!r} (one of: {names})") from None


class SourceFormat(enum.Enum):
    """How a source article is parsed into blocks."""

    TEXT = "text"
    MARKDOWN = "markdown"

    @classmethod
    def for_suffix(cls, suffix: str) -> SourceFormat | None:
        return _SUFFIXES.get(suffix.lower())


_SUFFIXES = {
    ".txt": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
}


class Severity(enum.IntEnum):
    """How much a check result matters; ``error`` fails the gate."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> Severity:
        try:
            return cls[label.upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {label!r} (one of: {names})") from None


class PublishPolicy(enum.Enum):
    """Which units a build publishes; the others fall back to the source text."""

    REVIEWED = "reviewed"
    TRANSLATED = "translated"
    ANY = "any"

    def accepts(self, state: UnitState) -> bool:
        if self is PublishPolicy.REVIEWED:
            return state is UnitState.REVIEWED
        if self is PublishPolicy.TRANSLATED:
            return state >= UnitState.TRANSLATED
        return state >= UnitState.FUZZY


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, for quoting it in a message."""
    return text if len(text) <= width else text[: width - 1] + "…"
