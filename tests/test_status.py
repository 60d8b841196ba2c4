from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import Result

from l10n.articles import word_count
from l10n.catalog import Catalog
from l10n.cli.project import render_status
from l10n.config import load_config
from l10n.records import ReviewRecord
from l10n.state import entry_hash
from l10n.status import project_status

GOLDEN = Path(__file__).parent / "data" / "status"


def fill(path: Path, n: int, *, fuzzy: int = 0, review: int = 0) -> None:
    """Translate the first n active entries; `fuzzy` of them fuzzy, `review` more reviewed."""
    cat = Catalog.read(path)
    out = []
    i = 0
    for e in cat.entries:
        if not e.obsolete and i < n:
            e = replace(e, msgstr="T " + e.msgid)
            if i < fuzzy:
                e = e.with_flag("fuzzy")
            elif i < fuzzy + review:
                rec = ReviewRecord(dt.date(2026, 11, 20), entry_hash(e), "Anna Petrova")
                e = replace(e, translator_comments=(*e.translator_comments, rec.format()))
            i += 1
        out.append(e)
    cat.entries = out
    cat.write()


def test_status_counts_states_and_words(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    ru = project / "locales" / "ru" / "kpa-kursk.po"
    fill(ru, 10, fuzzy=2, review=3)
    report = project_status(load_config(project), langs=["ru"])
    (ls,) = report.languages
    art = next(c for c in ls.catalogs if c.article == "kpa-kursk")
    assert art.units.as_dict() == {"untranslated": 12, "fuzzy": 2, "translated": 5, "reviewed": 3}
    entries = Catalog.read(ru).active_entries()
    assert art.words.total == sum(word_count(e.msgid) for e in entries)
    assert art.percent_translated == round(100 * 8 / 22, 1)
    assert art.last_review == "2026-11-20 by Anna Petrova"
    assert not art.ready(ls.policy)

    # Editing a reviewed translation makes its review stale: translated, not reviewed.
    cat = Catalog.read(ru)
    idx = next(
        i
        for i, e in enumerate(cat.entries)
        if any(c.startswith("l10n-review") for c in e.translator_comments)
    )
    cat.entries[idx] = replace(cat.entries[idx], msgstr=cat.entries[idx].msgstr + " (edited)")
    cat.write()
    art = next(
        c
        for c in project_status(load_config(project), langs=["ru"]).languages[0].catalogs
        if c.article == "kpa-kursk"
    )
    assert art.units.reviewed == 2 and art.units.translated == 6 and art.stale_reviews == 1


def test_status_json_and_ready(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    fill(project / "locales" / "ru" / "world" / "briefing.po", 100)
    data = json.loads(run("status", "--format", "json").output)
    ru = next(x for x in data["languages"] if x["lang"] == "ru")
    assert ru["ready_articles"] == ["world/briefing"]
    brief = next(a for a in ru["articles"] if a["article"] == "world/briefing")
    assert brief["percent_translated"] == 100.0 and brief["ready"] is True
    assert ru["required"] is True
    ko = next(x for x in data["languages"] if x["lang"] == "ko")
    assert ko["units"]["translated"] == 0 and ko["required"] is False


def test_status_text_golden(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    fill(project / "locales" / "ru" / "kpa-kursk.po", 22, fuzzy=1, review=4)
    fill(project / "locales" / "uk" / "kpa-kursk.po", 7)
    text = render_status(project_status(load_config(project)))
    golden = GOLDEN / "sample.txt"
    if os.environ.get("L10N_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_status_of_files_outside_a_project(
    project: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    run("sync")
    loose = tmp_path / "loose"
    loose.mkdir()
    src = project / "locales" / "uk" / "kpa-kursk.po"
    fill(src, 5)
    (loose / "x.po").write_bytes(src.read_bytes())
    from click.testing import CliRunner

    from l10n.cli import cli

    res = CliRunner().invoke(cli, ["status", str(loose), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["languages"][0]["lang"] == "uk"
    assert data["languages"][0]["units"]["translated"] == 5


def test_unsynced_article_is_not_ready_or_done(project: Path, run: Callable[..., Result]) -> None:
    (project / "sources" / "new.txt").write_text("A fresh article. Not synced.\n", encoding="utf-8")
    data = json.loads(run("status", "--format", "json", "--lang", "ru").output)
    art = next(a for a in data["languages"][0]["articles"] if a["article"] == "new")
    assert art["exists"] is False
    assert art["percent_translated"] == 0.0 and art["ready"] is False


def test_status_counts_machine_and_memory_fills(project: Path, run: Callable[..., Result]) -> None:
    run("sync", "--lang", "ru")
    path = project / "locales" / "ru" / "kpa-kursk.po"
    cat = Catalog.read(path)
    records = ("l10n-mt: 2026-11-20 libre", "l10n-tm: 2026-11-20 93 world/briefing")
    active = [i for i, e in enumerate(cat.entries) if not e.obsolete]
    for i, rec in zip(active[:2], records, strict=True):
        e = cat.entries[i]
        cat.entries[i] = replace(e, msgstr="M " + e.msgid, translator_comments=(rec,)).with_fuzzy()
    cat.write()
    data = json.loads(run("status", "--format", "json", "--lang", "ru").output)
    art = next(a for a in data["languages"][0]["articles"] if a["article"] == "kpa-kursk")
    assert (art["machine"], art["memory"], art["units"]["fuzzy"]) == (1, 1, 2)
