"""Render the dashboard as one self-contained HTML page (inline CSS and JS, no network)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from string import Template

from l10n import __version__
from l10n.fsutil import atomic_write
from l10n.model import UnitState
from l10n.report.data import STATES, ChecksSummary, Dashboard, IssueCounts, LanguageSummary, Row


def _asset(name: str) -> str:
    return resources.files("l10n.report").joinpath(name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    return f"{value:g}"


def progress_bar(counts: Mapping[UnitState, int], total: int) -> str:
    """A stacked bar: reviewed, translated, fuzzy, untranslated (by units)."""
    label = ", ".join(f"{counts.get(s, 0)} {s.label}" for s in STATES)
    spans = []
    for s in STATES:
        n = int(counts.get(s, 0))
        if n and total:
            width = round(100.0 * n / total, 3)
            spans.append(
                f'<span class="{s.label}" style="width:{width}%" title="{n} {s.label}"></span>'
            )
    return f'<div class="bar" role="img" aria-label="{_e(label)}">{"".join(spans)}</div>'


def _issue_cells(counts: IssueCounts, checks: ChecksSummary) -> str:
    if not checks.available:
        return (
            '<td class="num" data-sort="-1" data-key="errors">n/a</td>'
            '<td class="num" data-sort="-1" data-key="warnings">n/a</td>'
        )
    err_cls = "errors" if counts.errors else "zero"
    warn_cls = "warnings" if counts.warnings else "zero"
    return (
        f'<td class="num {err_cls}" data-key="errors" data-sort="{counts.errors}">'
        f"{counts.errors}</td>"
        f'<td class="num {warn_cls}" data-key="warnings" data-sort="{counts.warnings}">'
        f"{counts.warnings}</td>"
    )


def render_row(row: Row, checks: ChecksSummary) -> str:
    done_words = row.words[UnitState.TRANSLATED] + row.words[UnitState.REVIEWED]
    state_cells = "".join(
        f'<td class="num" data-key="{s.label}" data-sort="{row.units[s]}">{row.units[s]}</td>'
        for s in STATES
    )
    if row.exists:
        review = _e(row.last_review) if row.last_review else "&mdash;"
        ready = (
            '<td class="ready-yes" data-key="ready">yes</td>'
            if row.ready
            else '<td class="ready-no" data-key="ready">no</td>'
        )
    else:
        review = "no catalog (run l10n sync)"
        ready = '<td class="ready-no" data-key="ready">no</td>'
    missing = "" if row.exists else ' class="missing"'
    return (
        f'<tr data-lang="{_e(row.lang)}" data-article="{_e(row.article)}"{missing}>'
        f'<td data-key="lang">{_e(row.lang)}</td>'
        f'<td class="article" data-key="article">{_e(row.article)}</td>'
        f'<td data-key="progress" data-sort="{_num(row.percent_translated)}">'
        f"{progress_bar(row.units, row.total_units)}</td>"
        f"{state_cells}"
        f'<td class="num" data-key="words" data-sort="{done_words}" data-total="{row.total_words}">'
        f"{done_words} / {row.total_words}</td>"
        f'<td class="num" data-key="percent" data-sort="{_num(row.percent_translated)}">'
        f"{_num(row.percent_translated)}%</td>"
        f"{_issue_cells(checks.of(row.lang, row.article), checks)}"
        f'<td class="nowrap" data-key="last-review" data-sort="{_e(row.last_review or "")}">'
        f"{review}</td>"
        f"{ready}</tr>"
    )


def render_card(ls: LanguageSummary, checks: ChecksSummary) -> str:
    tag = (
        '<span class="tag required">required</span>'
        if ls.required
        else '<span class="tag">optional</span>'
    )
    policy = "review required" if ls.review_required else "translation suffices"
    done_words = ls.words[UnitState.TRANSLATED] + ls.words[UnitState.REVIEWED]
    if checks.available:
        c = checks.of_lang(ls.lang)
        issues = (
            f'<dd data-key="check-errors"><span class="{"errors" if c.errors else "zero"}">'
            f"{c.errors} errors</span>, {c.warnings} warnings"
            f"{'' if ls.required else ' (reported only)'}</dd>"
        )
    else:
        issues = '<dd data-key="check-errors" class="unavailable">checks unavailable</dd>'
    units = ", ".join(f"{ls.units[s]} {s.label}" for s in STATES)
    return (
        f'<article class="card" data-lang="{_e(ls.lang)}">'
        f"<h3>{_e(ls.name)} <small>({_e(ls.lang)})</small> {tag}</h3>"
        f'<div class="policy">{policy}; minimum {_num(ls.min_percent)}% to publish</div>'
        f'<div class="big"><span data-key="percent">{_num(ls.percent_translated)}%</span>'
        f" <small>of units translated or reviewed</small></div>"
        f"{progress_bar(ls.units, ls.total_units)}"
        f"<dl>"
        f'<dt>Units</dt><dd data-key="units" data-total="{ls.total_units}">{units}</dd>'
        f'<dt>Words</dt><dd data-key="words" data-total="{ls.total_words}">'
        f"{done_words} of {ls.total_words} done</dd>"
        f'<dt>Ready</dt><dd data-key="ready">{ls.ready_articles} of {ls.articles} articles</dd>'
        f"<dt>Checks</dt>{issues}"
        f"</dl></article>"
    )


def render_html(dash: Dashboard) -> str:
    """The dashboard page as a string."""
    checks = dash.checks
    if checks.available:
        total = sum((checks.of_lang(ls.lang) for ls in dash.languages), checks.project)
        note = f"checks: {total.errors} errors, {total.warnings} warnings"
        if checks.project.errors or checks.project.warnings:
            note += (
                f" ({checks.project.errors} errors, {checks.project.warnings} warnings "
                "in sources or glossary)"
            )
        if checks.unreadable:
            note += f"; {checks.unreadable} unreadable file(s)"
        checks_class = "errors" if total.errors else ""
    else:
        note = checks.reason or "checks unavailable"
        checks_class = "unavailable"
    page = Template(_asset("dashboard.html"))
    return page.substitute(
        version=_e(__version__),
        title=_e(f"Translation status: {dash.project}"),
        css=_asset("dashboard.css"),
        source=_e(dash.source_language),
        generated=_e(dash.generated.strftime("%Y-%m-%d %H:%M UTC")),
        checks_note=_e(note),
        checks_class=checks_class,
        cards="\n".join(render_card(ls, checks) for ls in dash.languages),
        lang_options="\n".join(
            f'<option value="{_e(ls.lang)}">{_e(ls.lang)}</option>' for ls in dash.languages
        ),
        rows="\n".join(render_row(r, checks) for r in dash.rows),
        footer=_e(
            "Units are sentences; words are source words. "
            "Progress counts translated and reviewed units as done."
        ),
    )


def write_html(dash: Dashboard, path: Path) -> bool:
    """Write the page atomically; False if the file already held these bytes."""
    return atomic_write(path, render_html(dash).encode("utf-8"))
