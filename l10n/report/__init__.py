"""The desk's HTML dashboard: progress per language and article, check results, reviews.

::

    from l10n.report import collect, render_html, write_html

    dash = collect(config)          # status numbers + check counts
    write_html(dash, Path("status.html"))
"""

from l10n.report.data import ChecksSummary, Dashboard, IssueCounts, LanguageSummary, Row, collect
from l10n.report.html import render_html, write_html

__all__ = [
    "ChecksSummary",
    "Dashboard",
    "IssueCounts",
    "LanguageSummary",
    "Row",
    "collect",
    "render_html",
    "write_html",
]
