"""The report formats read rows; they write what the straightforward formulation
over Issue objects writes, for any issues (differential tests)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.checks.issues import CatalogResult, CheckReport, FileIssues, Issue
from l10n.checks.report import ReportFormat, render, summary_line, text_lines
from l10n.errors import CatalogError
from l10n.model import Severity

_text = st.text(st.characters(codec="utf-8"), max_size=12)
_paths = st.sampled_from(["locales/ru/a.po", "locales/ru/b,c.po", "sources/a.md", "x/ü.po"])
_checks = st.sampled_from(["numbers", "fuzzy", "plurals", "glossary", "out-of-date"])
_langs = st.sampled_from([None, "ru", "uk", "pt_BR"])


@st.composite
def _results(draw: st.DrawFn) -> list[CatalogResult]:
    results = []
    for _ in range(draw(st.integers(0, 4))):
        path = Path(draw(_paths))
        lang = draw(_langs)
        issues = []
        for _ in range(draw(st.integers(0, 5))):
            # now and then an issue in another file than its result (a library caller's report)
            ipath = Path(draw(_paths)) if draw(st.integers(0, 9)) == 0 else path
            issues.append(
                Issue(
                    ipath,
                    draw(st.integers(1, 4)),
                    lang,
                    draw(st.sampled_from([None, "a", "b/c"])),
                    draw(st.one_of(st.none(), _text)),
                    draw(_checks),
                    draw(st.sampled_from(list(Severity))),
                    draw(_text),
                    draw(st.booleans()),
                )
            )
        results.append(CatalogResult(path, lang, None, tuple(issues), draw(st.integers(0, 9))))
    return results


def _reference_text(report: CheckReport) -> str:
    lines = []
    for i in sorted((i for r in report.results for i in r.issues), key=Issue.sort_key):
        sev = i.severity.label + ("" if i.blocking else " (optional language)")
        lines.append(f"{i.path.as_posix()}:{i.line}: {sev}: {i.check}: {i.message}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def _reference_json(report: CheckReport) -> str:
    issues = sorted((i for r in report.results for i in r.issues), key=Issue.sort_key)
    data = {
        "version": 1,
        "issues": [
            {
                "file": i.path.as_posix(),
                "line": i.line,
                "lang": i.lang,
                "article": i.article,
                "msgid": i.msgid,
                "check": i.check,
                "severity": i.severity.label,
                "message": i.message,
                "blocking": i.blocking,
            }
            for i in issues
        ],
        "errors": [
            {"file": e.path.as_posix() if e.path else None, "line": e.line, "message": e.message}
            for e in report.errors
        ],
        "summary": report.summary(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _as_rows(report: CheckReport) -> CheckReport:
    """The same report as a worker-made one: rows, text lines made per file."""
    files = [FileIssues.of(r) for r in report.results]
    files = [f._replace(text=text_lines(f.rows)) for f in files]
    return CheckReport.of_files(files, report.errors, report.root, report.shard)


@settings(max_examples=300, deadline=None)
@given(_results(), st.booleans())
def test_formats_match_the_reference(results: list[CatalogResult], with_error: bool) -> None:
    errors = (CatalogError("bad", path=Path("locales/ko/a.po"), line=3),) if with_error else ()
    report = CheckReport(results, errors)
    packed = _as_rows(report)
    for r in (report, packed):
        assert render(r, ReportFormat.TEXT) == _reference_text(report)
        assert render(r, ReportFormat.JSON) == _reference_json(report)
        assert r.summary() == report.summary()
        assert r.exit_code == report.exit_code
        assert [i.sort_key() for i in r.issues] == [i.sort_key() for i in report.issues]
    for fmt in (ReportFormat.GITHUB, ReportFormat.JUNIT):
        assert render(packed, fmt) == render(report, fmt)
    assert render(packed, ReportFormat.TEXT, color=True) == render(
        report, ReportFormat.TEXT, color=True
    )


@settings(max_examples=100, deadline=None)
@given(_results())
def test_rows_and_objects_are_one_report(results: list[CatalogResult]) -> None:
    report = CheckReport(results)
    again = CheckReport.of_files(report.files)
    # the same issues; each file's in report order
    assert again == CheckReport.of_files(report.files)
    assert again.summary() == report.summary()
    for a, b in zip(again.results, report.results, strict=True):
        assert sorted(a.issues, key=Issue.sort_key) == sorted(b.issues, key=Issue.sort_key)
        assert (a.path, a.lang, a.article, a.units) == (b.path, b.lang, b.article, b.units)
