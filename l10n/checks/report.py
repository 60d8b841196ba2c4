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
from collections.abc import Iterable
from json.encoder import encode_basestring

from l10n.checks.issues import CheckReport, Row
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

_LABEL = {s: s.label for s in Severity}
# (severity, blocking) -> the word shown in the text report
_SHOWN = {
    (s, blocking): _LABEL[s] + ("" if blocking else " (optional language)")
    for s in Severity
    for blocking in (True, False)
}
_SHOWN_COLOR = {k: f"{_COLORS[k[0]]}{v}{_RESET}" for k, v in _SHOWN.items()}


def text_lines(rows: Iterable[Row]) -> str:
    """The lines of the plain text report for ``rows``, each ending in a newline."""
    return "".join(
        [
            f"{path}:{line}: {_SHOWN[sev, blocking]}: {check}: {message}\n"
            for path, line, _lang, _art, _msgid, check, sev, message, blocking in rows
        ]
    )


def format_text(report: CheckReport, *, color: bool = False) -> str:
    """``file:line: severity: check: message`` per issue, then a summary line."""
    # The parts are joined once: the report can be large, and each
    # concatenation would copy all of it again.
    if color:
        parts = [
            f"{_BOLD}{path}:{line}{_RESET}: {_SHOWN_COLOR[sev, blocking]}: {check}: {message}\n"
            for path, line, _lang, _art, _msgid, check, sev, message, blocking in report.rows
        ]
    else:
        ordered = report.ordered_files
        if ordered is not None and all(f.text is not None for f in ordered):
            parts = [f.text or "" for f in ordered]  # lines made where checked
        else:
            parts = [text_lines(report.rows)]
    parts += (summary_line(report), "\n")
    return "".join(parts)


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


def _error_dict(e: L10nError) -> dict[str, object]:
    return {
        "file": e.path.as_posix() if e.path is not None else None,
        "line": e.line,
        "message": e.message + (f" (hint: {e.hint})" if e.hint else ""),
    }


_NOTHING = object()

_JSON_HEAD = f'{{\n  "version": {JSON_VERSION},\n  "issues": '


def _json_issues(rows: list[Row], out: list[str]) -> None:
    """The ``issues`` array, as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it.

    Added to ``out`` in pieces, to be joined once: the report can run to tens
    of megabytes, and every concatenation would copy it all again. Each value
    is spelled by the json module's own string encoder; what repeats from row
    to row (a file's path, language and article, a check and its severity, one
    entry's msgid) is spelled once, with the fixed text around it.
    """
    if not rows:
        out.append("[]")
        return
    enc = encode_basestring
    spelled: dict[str | None, str] = {None: "null"}

    def once(text: str | None) -> str:
        found = spelled.get(text)
        if found is None:
            found = spelled[text] = "null" if text is None else enc(text)
        return found

    labels = {s: enc(label) for s, label in _LABEL.items()}
    around_check: dict[tuple[str, Severity], str] = {}
    ends = {True: ',\n      "blocking": true\n    }', False: ',\n      "blocking": false\n    }'}
    # Nothing is the same as before the first row.
    last_path: object = _NOTHING
    last_lang: object = _NOTHING
    last_art: object = _NOTHING
    last_msgid: object = _NOTHING
    before_line = before_msgid = msgid_json = ""
    sep = "[\n"
    for path, line, lang, art, msgid, check, sev, message, blocking in rows:
        if path is not last_path:
            last_path = path
            before_line = f'    {{\n      "file": {once(path)},\n      "line": '
        if lang is not last_lang or art is not last_art:
            last_lang, last_art = lang, art
            before_msgid = (
                f',\n      "lang": {once(lang)},\n      "article": {once(art)},\n      "msgid": '
            )
        if msgid is not last_msgid:
            last_msgid = msgid
            msgid_json = "null" if msgid is None else enc(msgid)
        before_message = around_check.get((check, sev))
        if before_message is None:
            before_message = around_check[check, sev] = (
                f',\n      "check": {once(check)},\n      "severity": {labels[sev]},\n'
                '      "message": '
            )
        out += (
            sep,
            before_line,
            int.__repr__(line),
            before_msgid,
            msgid_json,
            before_message,
            enc(message),
            ends[blocking],
        )
        sep = ",\n"
    out.append("\n  ]")


def format_json(report: CheckReport) -> str:
    rest = {"errors": [_error_dict(e) for e in report.errors], "summary": report.summary()}
    tail = json.dumps(rest, ensure_ascii=False, indent=2)  # '{\n  "errors": ...'
    out = [_JSON_HEAD]
    _json_issues(report.rows, out)
    out += (",\n", tail[2:], "\n")
    return "".join(out)


def format_junit(report: CheckReport) -> str:
    """JUnit XML: one test suite, one test case per checked file.

    A file with blocking errors is a failure; its other issues go to
    ``system-out``. Unreadable files are test cases with an ``error``.
    """
    from xml.etree import ElementTree as ET  # only this format needs it

    suite = ET.Element("testsuite", name="l10n check")
    failures = errors = 0
    for f in sorted(report.files, key=lambda f: f.path):
        case = ET.SubElement(
            suite, "testcase", classname=f"l10n.{f.lang or 'sources'}", name=f.path
        )
        failing = {row[5] for row in f.rows if row[8] and row[6] is Severity.ERROR}
        count = sum(1 for row in f.rows if row[8] and row[6] is Severity.ERROR)
        text = "\n".join(
            f"{f.path}:{line}: {_LABEL[sev]}: {check}: {message}"
            for _p, line, _l, _a, _m, check, sev, message, _b in f.rows
        )
        if failing:
            failures += 1
            fail = ET.SubElement(
                case,
                "failure",
                message=f"{count} error(s): " + ", ".join(sorted(failing)),
                type="l10n-check",
            )
            fail.text = text
        elif f.rows:
            out = ET.SubElement(case, "system-out")
            out.text = text
    for e in report.errors:
        errors += 1
        name = e.path.as_posix() if e.path is not None else "l10n"
        case = ET.SubElement(suite, "testcase", classname="l10n.unreadable", name=name)
        err = ET.SubElement(case, "error", message=str(e), type=type(e).__name__)
        err.text = str(e)
    suite.set("tests", str(len(report.files) + len(report.errors)))
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
    files: dict[str, str] = {}
    titles: dict[tuple[str, str | None], str] = {}
    for path, line, lang, _art, _msgid, check, sev, message, blocking in report.rows:
        level = _GH_LEVEL[sev]
        if level == "error" and not blocking:
            level = "warning"
        where = files.get(path)
        if where is None:
            where = files[path] = _gh_escape(path, prop=True)
        title = titles.get((check, lang))
        if title is None:
            title = f"l10n {check}" + (f" ({lang})" if lang else "")
            title = titles[check, lang] = _gh_escape(title, prop=True)
        lines.append(f"::{level} file={where},line={line},title={title}::{_gh_escape(message)}")
    for e in report.errors:
        where = ""
        if e.path is not None:
            where = f" file={_gh_escape(e.path.as_posix(), prop=True)}"
            if e.line is not None:
                where += f",line={e.line}"
        lines.append(f"::error{where}::{_gh_escape(str(e))}")
    lines += (summary_line(report), "")  # the last line ends in a newline too
    return "\n".join(lines)


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
