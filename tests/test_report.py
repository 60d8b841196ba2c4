"""The HTML dashboard: numbers equal ``l10n status --format json``; offline; real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from lxml import html as lhtml

from l10n.articles import catalog_path, discover_articles
from l10n.catalog import Catalog
from l10n.checks import CheckOptions, check_project
from l10n.config import ProjectConfig, load_config
from l10n.report import ChecksSummary, collect, render_html, write_html
from l10n.review.ops import approve
from l10n.status import project_status
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "build"
RU = json.loads((DATA / "ru.json").read_text(encoding="utf-8"))
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
GENERATED = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
STATES = ("reviewed", "translated", "fuzzy", "untranslated")


def mixed_project(project: Path) -> ProjectConfig:
    """ru mostly translated with some reviews and fuzzies; uk partial; ko almost empty."""
    config = load_config(project)
    sync_project(config)
    for lang, limit in (("ru", 99), ("uk", 6), ("ko", 2)):
        for art in discover_articles(config):
            cat = Catalog.read(catalog_path(config, lang, art.id))
            out = []
            for i, e in enumerate(cat.entries):
                if i < limit and e.msgid in RU:
                    e = replace(e, msgstr=RU[e.msgid])
                    if i % 4 == 0:
                        e = approve(e, "Anna Petrova", dt.date(2026, 11, 20 + i % 5))
                    elif i % 5 == 1:
                        e = e.with_fuzzy(True)
                out.append(e)
            cat.entries = out
            cat.write()
    return config


def rows_of(doc: lhtml.HtmlElement) -> dict[tuple[str, str], dict[str, str]]:
    out = {}
    for tr in doc.xpath("//table[@id='articles']/tbody/tr"):
        cells = {
            td.get("data-key"): (td.get("data-sort") or td.text_content().strip()) for td in tr
        }
        out[(tr.get("data-lang"), tr.get("data-article"))] = cells
    return out


def assert_matches_status(doc: lhtml.HtmlElement, status: dict[str, object]) -> None:
    rows = rows_of(doc)
    expected = 0
    for lang in status["languages"]:  # type: ignore[attr-defined]
        card = doc.xpath(f"//article[@class='card'][@data-lang='{lang['lang']}']")[0]
        assert card.xpath(".//*[@data-key='percent']")[0].text_content() == (
            f"{lang['percent_translated']:g}%"
        )
        assert card.xpath(".//*[@data-key='units']")[0].get("data-total") == str(
            lang["total_units"]
        )
        units_text = card.xpath(".//*[@data-key='units']")[0].text_content()
        for s in STATES:
            assert f"{lang['units'][s]} {s}" in units_text
        for art in lang["articles"]:
            expected += 1
            row = rows[(lang["lang"], art["article"])]
            for s in STATES:
                assert int(row[s]) == art["units"][s], (lang["lang"], art["article"], s)
            done_words = art["words"]["translated"] + art["words"]["reviewed"]
            assert int(row["words"]) == done_words
            assert float(row["percent"]) == art["percent_translated"]
            assert row["last-review"] == (art["last_review"] or "")
            assert row["ready"] == ("yes" if art["ready"] else "no")
    assert len(rows) == expected


def test_page_numbers_equal_status_json(project: Path) -> None:
    config = mixed_project(project)
    page = render_html(collect(config, generated=GENERATED, checks=False))
    doc = lhtml.fromstring(page)
    assert_matches_status(doc, project_status(config).as_dict())
    assert "2026-11-25 09:30 UTC" in page
    assert "checks not run" in page


def test_page_is_self_contained(project: Path) -> None:
    config = mixed_project(project)
    page = render_html(collect(config, generated=GENERATED, checks=False))
    doc = lhtml.fromstring(page)
    assert not doc.xpath("//link | //script[@src] | //img | //iframe")
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert "@import" not in page and "url(" not in page
    assert doc.xpath("//style") and doc.xpath("//script")


def test_check_counts_come_from_the_checks(project: Path) -> None:
    config = mixed_project(project)
    dash = collect(config, generated=GENERATED)
    assert dash.checks.available, dash.checks.reason
    report = check_project(config, CheckOptions())
    doc = lhtml.fromstring(render_html(dash))
    rows = rows_of(doc)
    for (lang, article), cells in rows.items():
        errors = [
            i
            for i in report.issues
            if i.lang == lang and i.article == article and i.severity.label == "error"
        ]
        warnings = [
            i
            for i in report.issues
            if i.lang == lang and i.article == article and i.severity.label == "warning"
        ]
        assert int(cells["errors"]) == len(errors), (lang, article)
        assert int(cells["warnings"]) == len(warnings), (lang, article)
    # ko has untranslated units, so its checks report something
    assert any(int(c["errors"]) + int(c["warnings"]) for (lg, _), c in rows.items() if lg == "ko")


def test_checks_unavailable_degrades_gracefully(project: Path) -> None:
    config = mixed_project(project)
    dash = replace(
        collect(config, generated=GENERATED, checks=False),
        checks=ChecksSummary(False, "checks unavailable (no module named l10n.checks)"),
    )
    doc = lhtml.fromstring(render_html(dash))
    assert "checks unavailable" in doc.get_element_by_id("checks-note").text_content()
    assert {c["errors"] for c in rows_of(doc).values()} == {"-1"}


def test_names_are_escaped(project: Path) -> None:
    (project / "sources" / "a<b>&c.txt").write_text(
        "Hello <script>x</script> world.\n", encoding="utf-8"
    )
    config = load_config(project)
    sync_project(config)
    page = render_html(collect(config, generated=GENERATED, checks=False))
    assert "a<b>&c" not in page and "a&lt;b&gt;&amp;c" in page
    doc = lhtml.fromstring(page)
    assert ("ru", "a<b>&c") in rows_of(doc)
    assert len(doc.xpath("//script")) == 1


def test_missing_catalog_is_shown(project: Path) -> None:
    config = load_config(project)  # never synced
    doc = lhtml.fromstring(render_html(collect(config, generated=GENERATED, checks=False)))
    texts = [tr.text_content() for tr in doc.xpath("//tr[@class='missing']")]
    assert len(texts) == 6 and all("run l10n sync" in t for t in texts)


def test_cli_report_writes_file(project: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    mixed_project(project)
    out = tmp_path / "desk" / "status.html"
    res = run("report", "--html", str(out), "--no-checks")
    assert res.exit_code == 0, res.output
    assert out.is_file() and f"wrote {out}" in res.output
    res = run("report")
    assert res.exit_code == 2 and "--html" in res.output


# -- a real browser -------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    proc = subprocess.run(
        [CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary")
def test_dashboard_in_headless_chromium(
    project: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    config = mixed_project(project)
    page = tmp_path / "status.html"
    dash = collect(config, generated=GENERATED)
    write_html(dash, page)
    res = run("status", "--format", "json")
    assert res.exit_code == 0, res.output
    status = json.loads(res.output)

    # One browser run of a copy of the page with a probe script appended: the probe sorts
    # by check errors (two clicks: descending), records the order, then filters to uk.
    probe = page.read_text(encoding="utf-8").replace(
        "</body>",
        "<script>var th = document.querySelectorAll('#articles th')[9]; th.click(); th.click();"
        "document.body.setAttribute('data-order', Array.prototype.map.call("
        "document.querySelectorAll('#articles tbody tr'), function (r) {"
        " return r.cells[9].getAttribute('data-sort'); }).join(','));"
        "var f = document.getElementById('lang-filter'); f.value = 'uk';"
        "f.dispatchEvent(new Event('change'));</script></body>",
    )
    probe_page = tmp_path / "probe.html"
    probe_page.write_text(probe, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", probe_page.as_uri())
    doc = lhtml.fromstring(dom)
    assert doc.get("data-script") == "ready"  # the page's own script ran without error
    assert_matches_status(doc, status)
    order = [int(x) for x in doc.find("body").get("data-order").split(",")]
    assert order == sorted(order, reverse=True) and len(order) == 6
    assert doc.xpath("//th[@aria-sort='descending']")[0].text_content() == "Check errors"
    visible = [tr.get("data-lang") for tr in doc.xpath("//tbody/tr[not(@hidden)]")]
    assert visible == ["uk", "uk"]

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1366,900", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    (ARTIFACTS / "dashboard.html").write_bytes(page.read_bytes())
