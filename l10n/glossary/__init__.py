"""The glossary: concepts with TBX statuses, source and target matching, lint, checks, exchange.

Public API::

    load_glossary(path, config=None) -> Glossary      # raises GlossaryError (file:line)
    validate_glossary(path, config=None) -> list[GlossaryError]
    Glossary.hints(source_text, lang) -> tuple[str, ...]
    check_unit(glossary, source, target, lang) -> list[GlossaryFinding]
    lint_sources(glossary, articles) -> list[LintFinding]
    suggest_terms(glossary, articles) -> list[Candidate]
    export_tbx / import_tbx / export_csv / import_csv
"""

from typing import TYPE_CHECKING

from l10n.glossary.checks import GlossaryCheck, GlossaryFinding, Strictness, check_unit
from l10n.glossary.glossary import Glossary
from l10n.glossary.lint import (
    LintFinding,
    TextFile,
    apply_fixes,
    fix_sources,
    lint_sources,
    lint_text,
)
from l10n.glossary.loader import dump_glossary, load_glossary, validate_glossary
from l10n.glossary.model import Concept, TargetEntry, Term, TermStatus, TermType
from l10n.glossary.morph import contains_rendering, find_rendering
from l10n.glossary.source_match import SourceHit, SourceMatcher

if TYPE_CHECKING:
    from l10n.glossary.exchange import export_csv, export_tbx, import_csv, import_tbx
    from l10n.glossary.suggest import Candidate, CandidateKind, suggest_terms

__all__ = [
    "Candidate",
    "CandidateKind",
    "Concept",
    "Glossary",
    "GlossaryCheck",
    "GlossaryFinding",
    "LintFinding",
    "SourceHit",
    "SourceMatcher",
    "Strictness",
    "TargetEntry",
    "Term",
    "TermStatus",
    "TermType",
    "TextFile",
    "apply_fixes",
    "check_unit",
    "contains_rendering",
    "dump_glossary",
    "export_csv",
    "export_tbx",
    "find_rendering",
    "fix_sources",
    "import_csv",
    "import_tbx",
    "lint_sources",
    "lint_text",
    "load_glossary",
    "suggest_terms",
    "validate_glossary",
]


_LAZY = {
    "export_csv": "exchange",
    "export_tbx": "exchange",
    "import_csv": "exchange",
    "import_tbx": "exchange",
    "Candidate": "suggest",
    "CandidateKind": "suggest",
    "suggest_terms": "suggest",
}


def __getattr__(name: str) -> object:
    """The TBX/CSV exchange and the term suggester, loaded on first use.

    Checking and syncing a project need neither, and the exchange loads lxml.
    """
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"l10n.glossary.{module}"), name)
