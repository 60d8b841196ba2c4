"""``l10n check`` end to end: exit codes, formats, outside a project, shards, --changed-since."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner, Result

from l10n.cli import cli
from l10n.config import load_config
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data"
CHECKS = DATA / "checks"


def invoke(*args: str, cwd: Path | None = None) -> Result:
    """Run the CLI (from ``cwd``, e.g. a folder outside any project)."""
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def test_list_shows_every_check() -> None:
    result = invoke("check", "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    ids = [line.split()[0] for line in lines]
    for wanted in ("numbers", "quotes", "markup", "untranslated", "glossary-dnt", "plurals"):
        assert wanted in ids
    numbers = next(line for line in lines if line.startswith("numbers "))
    assert " error " in numbers and "CLDR" in numbers


def test_good_files_outside_a_project_pass(tmp_path: Path) -> None:
    result = invoke("check", str(CHECKS / "good"), cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "passed: 3 file(s), 60 unit(s), 0 error(s)" in result.output


def test_planted_files_fail_with_file_line_messages(tmp_path: Path) -> None:
    path = CHECKS / "planted" / "ru" / "kpa-kursk-honours.po"
    result = invoke("check", str(path), cwd=tmp_path)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{path}:10: error: numbers: number '20'")
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_unreadable_file_exits_2_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "ru" / "broken.po"
    bad.parent.mkdir()
    shutil.copy(DATA / "po" / "bad" / "truncated_eof.po", bad)
    good = tmp_path / "ru" / "good.po"
    shutil.copy(CHECKS / "good" / "ru" / "kpa-kursk-honours.po", good)
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "ru")])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    err = [line for line in result.stderr.splitlines() if "broken.po" in line]
    assert err and err[0].startswith(f"l10n: error: {bad}:")
    assert err[0].split(":")[3].strip().isdigit()  # a line number
    assert "1 unreadable file(s)" in result.stdout  # the good file was still checked


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--shard", "3/2"), "--shard '3/2'"),
        (("--shard", "x"), "expected K/N"),
        (("--format", "xml"), "Invalid value"),
        (("no/such/file.po",), "no such file or folder"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["check", *args, str(CHECKS / "good")])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_json_format_schema(tmp_path: Path) -> None:
    result = invoke("check", "--format", "json", str(CHECKS / "planted" / "uk"), cwd=tmp_path)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    assert set(data) == {"version", "issues", "errors", "summary"}
    issue = data["issues"][0]
    assert set(issue) == {
        "file",
        "line",
        "lang",
        "article",
        "msgid",
        "check",
        "severity",
        "message",
        "blocking",
    }
    assert issue["lang"] == "uk" and issue["article"] == "kpa-kursk-honours"
    assert data["summary"]["exit_code"] == 1 and data["summary"]["by_check"]["numbers"] == 3


def test_junit_is_one_testcase_per_catalog(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = invoke(
        "check", "--format", "junit", "-o", str(out), str(CHECKS / "good"), str(CHECKS / "planted")
    )
    assert result.exit_code == 1 and result.output == ""
    suite = ET.parse(out).getroot()
    assert suite.tag == "testsuite" and suite.get("tests") == "6" and suite.get("failures") == "3"
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert {Path(c.get("name", "")).parts[-3] for c in failed} == {"planted"}


def test_github_annotations(tmp_path: Path) -> None:
    result = invoke("check", "--format", "github", str(CHECKS / "planted" / "ko"), cwd=tmp_path)
    lines = result.output.splitlines()
    assert any(line.startswith("::error file=") and ",line=10," in line for line in lines)
    assert any(line.startswith("::warning file=") and "punctuation" in line for line in lines)
    assert lines[-1].startswith("l10n check FAILED")


def test_shards_partition_the_files(tmp_path: Path) -> None:
    seen: list[str] = []
    for k in (1, 2, 3):
        result = invoke("check", "--format", "json", "--shard", f"{k}/3", str(CHECKS), cwd=tmp_path)
        data = json.loads(result.stdout)
        files = {i["file"] for i in data["issues"]}
        assert data["summary"]["files"] == 2
        seen.extend(files)
    assert len(seen) == len(set(seen)) == 3  # the three planted files, each in one shard


# -- project mode -----------------------------------------------------------------------


@pytest.fixture
def synced(project: Path) -> Path:
    sync_project(load_config(project))
    return project


def test_project_optional_languages_never_fail(synced: Path, run: Callable[..., Result]) -> None:
    result = run("check", "--lang", "uk", "--lang", "ko")
    assert result.exit_code == 0, result.output
    assert "(optional language)" in result.output
    required = run("check", "--lang", "ru")
    assert required.exit_code == 1
    assert "error: untranslated: not translated" in required.output


def test_project_missing_catalog_and_out_of_date(synced: Path, run: Callable[..., Result]) -> None:
    (synced / "locales" / "ru" / "kpa-kursk.po").unlink()
    src = synced / "sources" / "kpa-kursk.txt"
    src.write_text(
        src.read_text(encoding="utf-8") + "\nA sentence added after the sync.\n", encoding="utf-8"
    )
    result = run("check", "--lang", "ru", "--format", "json")
    data = json.loads(result.stdout)
    by_check = {(i["check"], i["file"]) for i in data["issues"]}
    assert ("missing-catalog", "sources/kpa-kursk.txt") in by_check
    uk = run("check", "--lang", "uk", "--format", "json")
    stale = [i for i in json.loads(uk.stdout)["issues"] if i["check"] == "out-of-date"]
    assert stale and stale[0]["file"] == "locales/uk/kpa-kursk.po" and not stale[0]["blocking"]


def test_project_article_filter_and_severity_override(
    synced: Path, run: Callable[..., Result]
) -> None:
    result = run("check", "--article", "world/briefing", "--format", "json")
    files = {i["file"] for i in json.loads(result.stdout)["issues"]}
    assert files and all("briefing" in f for f in files)
    cfg = synced / "l10n.toml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8") + '\n[checks]\nuntranslated = "off"\n', encoding="utf-8"
    )
    quiet = run("check", "--lang", "ru")
    assert "untranslated" not in quiet.output
    bad = run("check", "--article", "no-such-article")
    assert bad.exit_code == 2


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_changed_since_limits_to_changed_catalogs(synced: Path, run: Callable[..., Result]) -> None:
    _git(synced, "init", "-q", "-b", "main")
    _git(synced, "add", "-A")
    _git(synced, "commit", "-q", "-m", "base")
    _git(synced, "checkout", "-q", "-b", "feature")
    po = synced / "locales" / "uk" / "world" / "briefing.po"
    po.write_bytes(po.read_bytes() + b"\n")
    result = run("check", "--changed-since", "main", "--format", "json")
    data = json.loads(result.stdout)
    assert {i["file"] for i in data["issues"]} == {"locales/uk/world/briefing.po"}
    assert data["summary"]["files"] == 1
    bad = CliRunner().invoke(cli, ["-C", str(synced), "check", "--changed-since", "nope"])
    assert bad.exit_code == 2 and "unknown git revision" in bad.stderr
