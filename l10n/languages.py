"""Language codes, validated against CLDR through Babel, and their plural rules."""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_locale_identifier
from babel.localedata import locale_identifiers
from babel.messages.plurals import get_plural

from l10n.errors import LanguageError


@dataclass(frozen=True)
class Language:
    """A validated language: its canonical code (``pt_BR``), name and plural rule."""

    code: str
    english_name: str
    nplurals: int
    plural_expr: str

    @property
    def plural_forms(self) -> str:
        """The PO ``Plural-Forms`` header value."""
        return f"nplurals={self.nplurals}; plural={self.plural_expr};"


@functools.lru_cache(maxsize=1)
def _known() -> tuple[str, ...]:
    return tuple(sorted(locale_identifiers()))


@functools.lru_cache(maxsize=256)
def language(code: str) -> Language:
    """Validate ``code`` (``ru``, ``pt-BR``, ``pt_BR``) and return its data.

    Raises :class:`LanguageError` with close matches when CLDR does not know it.
    """
    raw = code.strip()
    norm = raw.replace("-", "_")
    try:
        loc = Locale.parse(norm)
    except (UnknownLocaleError, ValueError, TypeError):
        close = difflib.get_close_matches(norm, _known(), n=3, cutoff=0.6)
        hint = (
            f"did you mean {', '.join(close)}?"
            if close
            else "use a CLDR code such as ru, uk, ko, pt_BR"
        )
        raise LanguageError(f"unknown language code {raw!r}", hint=hint) from None
    canonical = get_locale_identifier((loc.language, loc.territory, loc.script, loc.variant))
    plural = get_plural(canonical)
    return Language(
        code=canonical,
        english_name=loc.english_name or canonical,
        nplurals=plural.num_plurals,
        plural_expr=plural.plural_expr,
    )
