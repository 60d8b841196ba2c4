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

from l10n.glossary.checks import GlossaryCheck, GlossaryFinding, Strictness, check_unit
from l10n.glossary.exchange import export_csv, export_tbx, import_csv, import_tbx
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
