"""Quality checks and the CI gate behind ``l10n check``.

Public API::

    from l10n.checks import check_project, check_paths, CheckOptions, render, ReportFormat

    report = check_project(config, CheckOptions(langs=("ru",)))
    text = render(report, ReportFormat.TEXT)
    report.exit_code  # 0 pass, 1 failures, 2 unreadable files

Checks are small registered functions (see :mod:`l10n.checks.registry`);
``all_checks()`` lists them with id, default severity and description.
"""

from l10n.checks.context import CatalogContext, Pair, Policy
from l10n.checks.engine import check_catalog
from l10n.checks.issues import CatalogResult, CheckReport, Issue
from l10n.checks.registry import CheckInfo, Finding, Scope, all_checks
from l10n.checks.report import ReportFormat, format_list, render
from l10n.checks.runner import CheckOptions, check_paths, check_project
from l10n.checks.selection import Shard, UsageError, changed_since

__all__ = [
    "CatalogContext",
    "CatalogResult",
    "CheckInfo",
    "CheckOptions",
    "CheckReport",
    "Finding",
    "Issue",
    "Pair",
    "Policy",
    "ReportFormat",
    "Scope",
    "Shard",
    "UsageError",
    "all_checks",
    "changed_since",
    "check_catalog",
    "check_paths",
    "check_project",
    "format_list",
    "render",
]
