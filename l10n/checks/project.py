"""Project-level checks: catalogs against their articles, deprecated source terms.

These need a project (articles, locales, glossary) and are produced by the
runner, not per entry; they are declared here so ``--list`` shows them.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.articles import Article, catalog_path, source_msgids
from l10n.checks.issues import CatalogResult, Issue
from l10n.checks.registry import Finding, Scope, declare, info
from l10n.model import Severity, shorten

if TYPE_CHECKING:
    from l10n.checks.engine import SeverityOf
    from l10n.config import LanguageConfig, ProjectConfig
    from l10n.glossary.lint import LintFinding

MISSING = declare(
    "missing-catalog",
    Severity.ERROR,
    "An article has no catalog for a configured language (run 'l10n sync').",
    Scope.PROJECT,
    needs_project=True,
)
OUT_OF_DATE = declare(
    "out-of-date",
    Severity.ERROR,
    "A catalog does not hold exactly the units of its article (run 'l10n sync').",
    Scope.PROJECT,
    needs_project=True,
)


@dataclass(frozen=True)
class ArticleUnits:
    """The distinct unit texts of one article, computed once for every language."""

    article: Article
    msgids: frozenset[str]


def article_units(article: Article, source_lang: str) -> ArticleUnits:
    return ArticleUnits(article, frozenset(source_msgids(article, source_lang)))


def sync_findings(units: ArticleUnits, catalog_msgids: Sequence[str]) -> list[Finding]:
    """What differs between an article's units and its catalog's active msgids."""
    have = set(catalog_msgids)
    missing = units.msgids - have
    extra = have - units.msgids
    out: list[Finding] = []
    if missing:
        example = min(missing, key=len)
        out.append(
            Finding(
                f"{len(missing)} unit(s) of the article are not in the catalog "
                f"(e.g. {shorten(example)!r}); run 'l10n sync'",
                line=1,
            )
        )
    if extra:
        example = min(extra, key=len)
        out.append(
            Finding(
                f"{len(extra)} catalog unit(s) are no longer in the article "
                f"(e.g. {shorten(example)!r}); run 'l10n sync'",
                line=1,
            )
        )
    return out


def article_result(
    config: ProjectConfig,
    article: Article,
    langs: Sequence[LanguageConfig],
    glossary: object | None,
    severity_of: SeverityOf,
) -> CatalogResult | None:
    """An article's own issues: deprecated glossary terms in it, catalogs it lacks.

    Most articles have none, so the path to show is worked out only for one that has.
    """
    deprecated: Sequence[LintFinding] = ()
    if glossary is not None:
        from l10n.glossary.glossary import Glossary
        from l10n.glossary.lint import lint_text

        if isinstance(glossary, Glossary):
            deprecated = lint_text(glossary, article.path, article.text)
    locales = os.fspath(config.locales_dir)
    name = f"{article.id}.po"
    missing = [lc for lc in langs if not _is_file(os.path.join(locales, lc.code, name))]
    if not deprecated and not missing:
        return None
    shown = display_path(article.path, config.root)
    issues: list[Issue] = []
    for lf in deprecated:
        s = severity_of("glossary-deprecated", None, info("glossary-deprecated").severity)
        if s is None:
            continue
        issues.append(Issue(shown, lf.line, None, None, None, "glossary-deprecated", s, lf.message))
    for lc in missing:
        path = catalog_path(config, lc.code, article.id)
        s = severity_of(MISSING.id, lc.code, MISSING.severity)
        if s is None:
            continue
        issues.append(
            Issue(
                shown,
                1,
                lc.code,
                article.id,
                None,
                MISSING.id,
                s,
                f"no {lc.code} catalog ({display_path(path, config.root).as_posix()}); "
                "run 'l10n sync'",
                blocking=lc.required,
            )
        )
    return CatalogResult(shown, None, article.id, tuple(issues)) if issues else None


def _is_file(path: str) -> bool:
    """``Path(path).is_file()``, without building the path for a file that is there."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return Path(path).is_file()  # the same answer, or the same error, as ever


def catalog_ids(locales: Path, real: Path) -> tuple[str, str] | None:
    """(lang, article id) of a catalog (resolved path) under the resolved ``locales`` folder.

    The same answer as :func:`l10n.articles.article_id_for_catalog`, with
    folders resolved once per run instead of once per file.
    """
    try:
        rel = real.relative_to(locales)
    except ValueError:
        return None
    if len(rel.parts) < 2 or rel.suffix != ".po":
        return None
    return rel.parts[0], Path(*rel.parts[1:]).with_suffix("").as_posix()


@functools.lru_cache(maxsize=1024)
def real_dir(folder: str) -> str:
    """``os.path.realpath(folder)``, remembered for the run."""
    return os.path.realpath(folder)


def real_path(path: Path) -> Path:
    """``path.resolve()``, with each folder resolved once per run.

    A file that is not a symbolic link resolves to its resolved folder plus
    its name, so only the file itself needs a look (one ``lstat``).
    """
    if path.name in ("", ".", "..") or os.path.islink(path):
        return path.resolve()
    parent = real_dir(os.path.abspath(path.parent))
    return Path(parent, path.name)


def display_path(path: Path, root: Path | None) -> Path:
    """``path`` relative to ``root`` when it lies inside it."""
    if root is None:
        return path
    try:
        return real_path(path).relative_to(real_path(root))
    except ValueError:
        return path
