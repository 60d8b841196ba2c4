"""The PO header entry: ordered fields plus its comments, and Plural-Forms checks."""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from l10n.catalog.entry import Entry

# Placeholders of a fresh template (xgettext output).
TEMPLATE_PLURAL_FORMS = "nplurals=INTEGER; plural=EXPRESSION;"
_PLURAL_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)
_CHARSET_RE = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)
MAX_NPLURALS = 20
_PLURAL_PROBE = range(0, 1001)


@dataclass(frozen=True)
class Header:
    """Header fields in file order, and the comments written above ``msgid ""``."""

    fields: tuple[tuple[str, str], ...] = ()
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    def get(self, key: str) -> str | None:
        """Value of ``key`` (exact match first, then case-insensitive), or None."""
        for k, v in self.fields:
            if k == key:
                return v
        low = key.lower()
        for k, v in self.fields:
            if k.lower() == low:
                return v
        return None

    def with_field(self, key: str, value: str) -> Header:
        """A copy with ``key`` set to ``value``, keeping its place (or appended)."""
        low = key.lower()
        fields = list(self.fields)
        for i, (k, _) in enumerate(fields):
            if k == key or k.lower() == low:
                fields[i] = (k, value)
                return replace(self, fields=tuple(fields))
        fields.append((key, value))
        return replace(self, fields=tuple(fields))

    def without_field(self, key: str) -> Header:
        """A copy without ``key`` (any case)."""
        low = key.lower()
        return replace(self, fields=tuple(f for f in self.fields if f[0].lower() != low))

    @property
    def msgstr(self) -> str:
        """The header entry's msgstr: one ``Key: value`` line per field."""
        return "".join(f"{k}: {v}\n" for k, v in self.fields)

    def as_entry(self) -> Entry:
        """The header as a PO entry with an empty msgid (for serialisation)."""
        return Entry(
            msgid="",
            msgstr=self.msgstr,
            flags=self.flags,
            translator_comments=self.comments,
            extracted_comments=self.extracted_comments,
            references=self.references,
        )

    @property
    def charset(self) -> str | None:
        """The charset named in Content-Type, as written (``UTF-8``, ``CHARSET``...)."""
        ctype = self.get("Content-Type")
        if ctype is None:
            return None
        m = _CHARSET_RE.search(ctype)
        return m.group(1) if m else None

    @property
    def nplurals(self) -> int | None:
        """nplurals of a valid Plural-Forms field; None if absent or a template placeholder."""
        value = self.get("Plural-Forms")
        if value is None:
            return None
        parsed = parse_plural_forms(value)
        return parsed[0] if parsed else None


def fields_from_msgstr(msgstr: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """Split a header msgstr into fields; on failure return the offending line as well."""
    fields: list[tuple[str, str]] = []
    for line in msgstr.split("\n"):
        if not line:
            continue
        key, sep, value = line.partition(":")
        if not sep or not key or key != key.strip():
            return tuple(fields), line
        fields.append((key, value[1:] if value.startswith(" ") else value))
    return tuple(fields), None


def header_from_entry(entry: Entry) -> tuple[Header, str | None]:
    fields, bad = fields_from_msgstr(entry.msgstr)
    header = Header(
        fields=fields,
        comments=entry.translator_comments,
        flags=entry.flags,
        extracted_comments=entry.extracted_comments,
        references=entry.references,
    )
    return header, bad


@functools.lru_cache(maxsize=128)
def parse_plural_forms(value: str) -> tuple[int, str] | None:
    """``(nplurals, expression)`` of a valid Plural-Forms value, None for the template.

    Raises ValueError with a reason for anything else.
    """
    if value.strip() == TEMPLATE_PLURAL_FORMS:
        return None
    m = _PLURAL_RE.match(value)
    if m is None:
        raise ValueError("expected 'nplurals=N; plural=EXPRESSION;'")
    nplurals = int(m.group(1))
    if not 1 <= nplurals <= MAX_NPLURALS:
        raise ValueError(f"nplurals={nplurals} is outside 1..{MAX_NPLURALS}")
    expr = m.group(2)
    try:
        func = gettext.c2py(expr)
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"invalid plural expression {expr!r}") from exc
    for n in _PLURAL_PROBE:
        try:
            form = func(n)
        except ZeroDivisionError as exc:
            raise ValueError(f"plural expression divides by zero for n={n}") from exc
        if not 0 <= form < nplurals:
            raise ValueError(
                f"plural expression gives form {form} for n={n}, but nplurals={nplurals}"
            )
    return nplurals, expr


def new_header(fields: Sequence[tuple[str, str]], comments: Sequence[str] = ()) -> Header:
    return Header(fields=tuple((str(k), str(v)) for k, v in fields), comments=tuple(comments))
