"""What a check sees besides the entry: the catalog, its language and the policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.catalog.entry import Entry
from l10n.languages import Language


@dataclass(frozen=True)
class Policy:
    """The gate policy of one language (see ``[tool.l10n.language.<code>]``).

    ``required=False`` languages are reported but never fail the gate.
    Files checked outside a project use the default policy (required, 100 %).
    """

    required: bool = True
    review_required: bool = False
    min_percent: float = 100.0


@dataclass(frozen=True)
class CatalogContext:
    """One PO file under check."""

    path: Path
    lang: str | None  # canonical code, None when it cannot be told
    language: Language | None
    source_lang: str
    article: str | None
    policy: Policy
    glossary: object | None = None

    @property
    def base_lang(self) -> str | None:
        return self.lang.split("_")[0] if self.lang else None


@dataclass(frozen=True, init=False)
class Pair:
    """One source text and one translation of it (a plural form has its own pair)."""

    entry: Entry
    source: str
    target: str
    form: int  # index of the msgstr form; 0 for singular entries
    markdown: bool  # the unit comes from a Markdown article (or the format is unknown)

    def __init__(self, entry: Entry, source: str, target: str, form: int, markdown: bool) -> None:
        # One pair per translated unit: filling the instance dictionary at once is
        # several times cheaper than the generated frozen __init__.
        self.__dict__.update(
            entry=entry, source=source, target=target, form=form, markdown=markdown
        )


def is_markdown_entry(entry: Entry) -> bool:
    """False only when every source reference names a plain-text article."""
    if not entry.references:
        return True
    refs = [r.rsplit(":", 1)[0] for r in entry.references]
    return not refs or not all(r.endswith(".txt") for r in refs)
