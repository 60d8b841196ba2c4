"""Report formatters: text golden file, colour, GitHub escaping, JUnit counts."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

from l10n.checks import CheckOptions, ReportFormat, check_paths, render
from l10n.checks.issues import CatalogResult, CheckReport, Issue
from l10n.checks.report import format_github
from l10n.errors import CatalogError
from l10n.model import Severity

DATA = Path(__file__).parent / "data" / "checks"


def test_text_report_matches_golden_file(monkeypatch: object) -> None:
    import os

    old = Path.cwd()
    os.chdir(DATA)
    try:
        report = check_paths([Path("planted/ru")], CheckOptions(), workers=1)
    finally:
        os.chdir(old)
    expected = (DATA / "planted-ru.txt").read_text(encoding="utf-8")
    assert render(report, ReportFormat.TEXT) == expected


def _report() -> CheckReport:
    issue = Issue(
        Path("locales/ru/a,b.po"), 7, "ru", "a", "X", "numbers", Severity.ERROR, "50% off\nnext"
    )
    optional = Issue(
        Path("locales/uk/a.po"), 3, "uk", "a", "X", "fuzzy", Severity.ERROR, "fuzzy", blocking=False
    )
    bad = CatalogError("unterminated string", path=Path("locales/ko/a.po"), line=12)
    return CheckReport(
        (
            CatalogResult(Path("locales/ru/a,b.po"), "ru", "a", (issue,), 10),
            CatalogResult(Path("locales/uk/a.po"), "uk", "a", (optional,), 10),
        ),
        (bad,),
    )


def test_colour_only_when_asked() -> None:
    report = _report()
    assert "\x1b[31m" in render(report, ReportFormat.TEXT, color=True)
    plain = render(report, ReportFormat.TEXT)
    assert "\x1b" not in plain
    assert "locales/uk/a.po:3: error (optional language): fuzzy: fuzzy" in plain
    assert plain.splitlines()[-1] == (
        "l10n check FAILED: 2 file(s), 20 unit(s), 2 error(s), 0 warning(s), 1 unreadable file(s)"
    )


def test_github_escapes_and_downgrades_optional_languages() -> None:
    lines = format_github(_report()).splitlines()
    assert lines[
        0
    ] == "::error file=locales/ru/a%2Cb.po,line=7,title=l10n numbers (ru)::50% off%0Anext".replace(
        "50% off", "50%25 off"
    )
    assert lines[1].startswith("::warning file=locales/uk/a.po,line=3,")
    assert (
        lines[2] == "::error file=locales/ko/a.po,line=12::locales/ko/a.po:12: unterminated string"
    )


def test_junit_counts() -> None:
    root = ET.fromstring(render(_report(), ReportFormat.JUNIT))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    ok_case = next(c for c in root.iter("testcase") if c.get("name") == "locales/uk/a.po")
    assert ok_case.find("failure") is None and ok_case.find("system-out") is not None
