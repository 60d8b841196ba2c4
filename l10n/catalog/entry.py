"""The value l10n works with for one PO entry; independent of any PO library."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Entry:
    """One PO entry (not the header).

    Comments are stored without their prefix: ``translator_comments`` holds the
    text after ``# ``, ``extracted_comments`` the text after ``#. ``,
    ``references`` the tokens of ``#:`` lines. ``line`` is where the entry
    started in the file it was read from (0 for a new entry); it does not take
    part in equality, so an entry read back from disk equals the one written.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> tuple[str, ...]:
        """All msgstr values: the plural forms, or the single msgstr."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def is_translated(self) -> bool:
        """Every form has text (fuzziness not considered)."""
        forms = self.translations
        return bool(forms) and all(forms)

    @property
    def is_empty(self) -> bool:
        return not any(self.translations)

    def with_flag(self, flag: str, on: bool = True) -> Entry:
        flags = tuple(f for f in self.flags if f != flag)
        if on:
            flags = (flag, *flags) if flag == "fuzzy" else (*flags, flag)
        return replace(self, flags=flags)

    def with_fuzzy(self, on: bool = True) -> Entry:
        """Set or clear fuzzy; clearing also drops the ``#|`` previous strings."""
        e = self.with_flag("fuzzy", on)
        if not on:
            e = replace(e, previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)
        return e
