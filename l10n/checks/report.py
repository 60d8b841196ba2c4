"""Report formatters: text, json, junit, github. They return strings; the CLI prints them.

JSON schema (``--format json``, version 1)::

    {
      "version": 1,
      "issues": [
        {"file": "locales/ru/kpa.po", "line": 12, "lang": "ru", "article": "kpa",
         "msgid": "On August 20, ...", "check": "numbers", "severity": "error",
         "message": "number '20' of the source is missing or changed in the translation",
         "blocking": true}
      ],
      "errors": [{"file": "locales/uk/x.po", "line": 7, "message": "..."}],
      "summary": {"files": 3, "units": 120, "issues": 1, "errors": 1, "warnings": 0,
                  "infos": 0, "failing_files": 1, "by_check": {"numbers": 1},
                  "unreadable": 0, "failed": true, "exit_code": 1}
    }

``blocking`` is false for issues of optional languages: they are reported
but never fail the gate. ``lang``, ``article``, ``msgid`` may be null.
"""

from __future__ import annotations

import enum
import json
from xml.etree import ElementTree as ET

from l10n.checks.issues import CheckReport, Issue
from l10n.checks.registry import CheckInfo
from l10n.errors import L10nError
from l10n.model import Severity

JSON_VERSION = 1


class ReportFormat(enum.Enum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"


_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"


def _loc(path: str, line: int) -> str:
    return f"{path}:{line}"


def format_text(report: CheckReport, *, color: bool = False) -> str:
    """``file:line: severity: check: message`` per issue, then a summary line."""
    lines: list[str] = []
    shown: dict[int, str] = {}  # the issues of one file share one path object
    for i in report.issues:
        sev = i.severity.label
        if not i.blocking:
            sev += " (optional language)"
        posix = shown.get(id(i.path))
        if posix is None:
            posix = shown[id(i.path)] = i.path.as_posix()
        if color:
            sev = f"{_COLORS[i.severity]}{sev}{_RESET}"
            where = f"{_BOLD}{_loc(posix, i.line)}{_RESET}"
        else:
            where = _loc(posix, i.line)
        lines.append(f"{where}: {sev}: {i.check}: {i.message}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def summary_line(report: CheckReport) -> str:
    s = report.summary()
    verdict = "FAILED" if report.exit_code else "passed"
    shard = f" (shard {report.shard[0]}/{report.shard[1]})" if report.shard else ""
    return (
        f"l10n check {verdict}{shard}: {s['files']} file(s), {s['units']} unit(s), "
        f"{s['errors']} error(s), {s['warnings']} warning(s)"
        + (f", {s['unreadable']} unreadable file(s)" if s["unreadable"] else "")
    )


def error_lines(report: CheckReport) -> list[str]:
    return [f"l10n: error: {e}" for e in report.errors]


def _issue_dict(i: Issue) -> dict[str, object]:
    return {
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


def _error_dict(e: L10nError) -> dict[str, object]:
    return {
        "file": e.path.as_posix() if e.path is not None else None,
        "line": e.line,
        "message": e.message + (f" (hint: {e.hint})" if e.hint else ""),
    }


def format_json(report: CheckReport) -> str:
    data = {
        "version": JSON_VERSION,
        "issues": [_issue_dict(i) for i in report.issues],
        "errors": [_error_dict(e) for e in report.errors],
        "summary": report.summary(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_junit(report: CheckReport) -> str:
    """JUnit XML: one test suite, one test case per checked file.

    A file with blocking errors is a failure; its other issues go to
    ``system-out``. Unreadable files are test cases with an ``error``.
    """
    suite = ET.Element("testsuite", name="l10n check")
    failures = errors = 0
    for r in sorted(report.results, key=lambda r: r.path.as_posix()):
        case = ET.SubElement(
            suite, "testcase", classname=f"l10n.{r.lang or 'sources'}", name=r.path.as_posix()
        )
        issues = sorted(r.issues, key=Issue.sort_key)
        failing = [i for i in issues if i.fails]
        text = "\n".join(
            f"{r.path.as_posix()}:{i.line}: {i.severity.label}: {i.check}: {i.message}"
            for i in issues
        )
        if failing:
            failures += 1
            fail = ET.SubElement(
                case,
                "failure",
                message=f"{len(failing)} error(s): "
                + ", ".join(sorted({i.check for i in failing})),
                type="l10n-check",
            )
            fail.text = text
        elif issues:
            out = ET.SubElement(case, "system-out")
            out.text = text
    for e in report.errors:
        errors += 1
        name = e.path.as_posix() if e.path is not None else "l10n"
        case = ET.SubElement(suite, "testcase", classname="l10n.unreadable", name=name)
        err = ET.SubElement(case, "error", message=str(e), type=type(e).__name__)
        err.text = str(e)
    suite.set("tests", str(len(report.results) + len(report.errors)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    ET.indent(suite)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
    )


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: one annotation per issue.

    Issues of optional languages are downgraded to warnings (they never fail).
    """
    lines = []
    for i in report.issues:
        level = _GH_LEVEL[i.severity]
        if level == "error" and not i.blocking:
            level = "warning"
        title = f"l10n {i.check}" + (f" ({i.lang})" if i.lang else "")
        lines.append(
            f"::{level} file={_gh_escape(i.path.as_posix(), prop=True)},line={i.line},"
            f"title={_gh_escape(title, prop=True)}::{_gh_escape(i.message)}"
        )
    for e in report.errors:
        where = ""
        if e.path is not None:
            where = f" file={_gh_escape(e.path.as_posix(), prop=True)}"
            if e.line is not None:
                where += f",line={e.line}"
        lines.append(f"::error{where}::{_gh_escape(str(e))}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render(report: CheckReport, fmt: ReportFormat, *, color: bool = False) -> str:
    if fmt is ReportFormat.JSON:
        return format_json(report)
    if fmt is ReportFormat.JUNIT:
        return format_junit(report)
    if fmt is ReportFormat.GITHUB:
        return format_github(report)
    return format_text(report, color=color)


def format_list(checks: list[CheckInfo]) -> str:
    """The ``--list`` table: id, default severity, description."""
    width = max(len(c.id) for c in checks)
    return "".join(f"{c.id:<{width}}  {c.severity.label:<7}  {c.description}\n" for c in checks)
