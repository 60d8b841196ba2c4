"""``translate_project`` end to end: sample project copy, real catalogs, real HTTP.

Requests go through deep-translator's LibreTranslator to the LibreTranslate-
speaking server in tests/libre_server.py on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from libre_server import Behaviour, LibreServer, Status, pseudo_translate

from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig, load_config
from l10n.errors import MachineTranslationError, SourceError
from l10n.machine import FillCounts, count_machine_filled
from l10n.machine.cache import CACHE_DIR
from l10n.machine.plan import TranslateOptions
from l10n.machine.run import TranslateReport, translate_project
from l10n.machine.transport import RetryPolicy
from l10n.model import UnitState
from l10n.records import MachineRecord, MemoryRecord, ReviewRecord, parse_records
from l10n.state import entry_hash, entry_state
from l10n.sync import sync_project

DAY = dt.date(2026, 3, 2)
FAST = RetryPolicy(timeout=3.0, retries=2, base_delay=0.01, max_delay=0.02, concurrency=3)

GLOSSARY = """\
concepts:
  - id: kcna
    preferred: {text: Korean Central News Agency, type: fullForm}
    admitted:
      - {text: KCNA, type: acronym}
    targets:
      ru:
        preferred: Центральное телеграфное агентство Кореи
        admitted: [ЦТАК]
      ko:
        preferred: 조선중앙통신
  - id: gerasimov
    preferred: Valery Gerasimov
    admitted: [Gerasimov]
    targets:
      ru:
        preferred: Валерий Герасимов
        admitted: [Герасимов]
      ko:
        preferred: 발레리 게라시모프
        admitted: [게라시모프]
  - id: nk-news
    preferred: NK News
    dnt: true
"""

EXTRA_ARTICLE = """\
Delegations met on Tuesday in Moscow.

KCNA said the talks went well, NK News reported.

Officials did not publish the text of the agreement yet.

The Korean Central News Agency published the statement.
"""


@pytest.fixture
def server() -> Iterator[LibreServer]:
    with LibreServer() as srv:
        yield srv


def setup_project(project: Path, server: LibreServer, extra: str = "") -> ProjectConfig:
    toml = project / "l10n.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace(
        "[language.ru]",
        f'[mt]\nprovider = "libre"\nurl = "{server.url}"\ntimeout = 3\n{extra}\n[language.ru]',
    )
    toml.write_text(text, encoding="utf-8")
    (project / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (project / "sources" / "desk-note.txt").write_text(EXTRA_ARTICLE, encoding="utf-8")
    config = load_config(project)
    sync_project(config)
    return config


def go(config: ProjectConfig, **kw: object) -> TranslateReport:
    options = TranslateOptions(langs=("ru",), today=DAY, **kw)  # type: ignore[arg-type]
    return translate_project(config, options, policy=FAST)


def catalog(config: ProjectConfig, article: str, lang: str = "ru") -> Catalog:
    return Catalog.read(config.locales_dir / lang / f"{article}.po")


def snapshot(config: ProjectConfig) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(config.locales_dir.rglob("*.po"))}


def set_entry(config: ProjectConfig, article: str, msgid: str, new: Entry) -> None:
    cat = catalog(config, article)
    for i, e in enumerate(cat.entries):
        if e.msgid == msgid:
            cat.entries[i] = new
            cat.write()
            return
    raise AssertionError(f"no unit {msgid!r}")


def test_fills_untranslated_units_fuzzy_with_provenance(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    report = go(config)
    cat = catalog(config, "world/briefing")
    active = cat.active_entries()
    assert active and all(entry_state(e) is UnitState.FUZZY for e in active)
    for e in active:
        records = parse_records(e.translator_comments)
        assert MachineRecord(DAY, "libre") in records
    unit = cat.find("Delegations met on *Tuesday* in Moscow.") or active[1]
    assert unit.msgstr == pseudo_translate(unit.msgid, "en", "ru")
    assert report.total("machine") == sum(
        len(catalog(config, a).active_entries())
        for a in ("kpa-kursk", "world/briefing", "desk-note")
    )
    assert report.total("memory") == 0
    assert all(c.written for c in report.catalogs)
    assert count_machine_filled(active) == FillCounts(
        machine=len(active), machine_fuzzy=len(active)
    )
    # Other languages untouched.
    assert all(not e.msgstr for e in catalog(config, "world/briefing", "ko").active_entries())
    # GNU gettext accepts the result.
    for po in (config.locales_dir / "ru").rglob("*.po"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], check=True)


def test_provenance_survives_msgmerge(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    go(config)
    po = config.locales_dir / "ru" / "world" / "briefing.po"
    pot = config.locales_dir / "templates" / "world" / "briefing.pot"
    out = project / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "-o", str(out), str(po), str(pot)], check=True)
    merged = Catalog.read(out)
    assert all(
        any(isinstance(r, MachineRecord) for r in parse_records(e.translator_comments))
        for e in merged.active_entries()
    )


def test_human_translations_are_never_overwritten(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    src = "Officials did not publish the text of the **agreement**."
    human = Entry(msgid=src, msgstr="Человеческий перевод.")
    set_entry(config, "world/briefing", src, human)
    fuzzy_src = "A joint staff group will meet every month."
    human_fuzzy = Entry(msgid=fuzzy_src, msgstr="Черновик.", flags=("fuzzy",))
    set_entry(config, "world/briefing", fuzzy_src, human_fuzzy)
    go(config, refill_machine=True)
    cat = catalog(config, "world/briefing")
    assert cat.find(src) == human
    assert cat.find(fuzzy_src) == human_fuzzy
    assert src not in server.translated and fuzzy_src not in server.translated


def test_refill_machine_replaces_only_machine_output(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    go(config)
    assert go(config).total("machine") == 0  # nothing left to fill
    before = len(server.translated)
    again = go(config, refill_machine=True)
    assert again.total("machine") > 0
    assert again.total("cached") == again.total("machine")  # answered from the disk cache
    assert len(server.translated) == before


def test_translation_memory_first(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    # Human translations in world/briefing, one reviewed, one not.
    reviewed_src = "Delegations met on *Tuesday* in Moscow."
    e = Entry(msgid=reviewed_src, msgstr="Делегации встретились во вторник в Москве.")
    review = ReviewRecord(DAY, entry_hash(e), "Anna Petrova")
    set_entry(
        config, "world/briefing", reviewed_src, replace(e, translator_comments=(review.format(),))
    )
    plain_src = "Officials did not publish the text of the **agreement**."
    set_entry(
        config, "world/briefing", plain_src, Entry(msgid=plain_src, msgstr="Текст не опубликован.")
    )
    # desk-note has "Delegations met on Tuesday in Moscow." (no emphasis: a near match)
    # and the near variant of the second sentence.
    report = go(config, articles=("desk-note",))
    cat = catalog(config, "desk-note")
    near = cat.find("Delegations met on Tuesday in Moscow.")
    assert near is not None and near.msgstr == "Делегации встретились во вторник в Москве."
    assert near.fuzzy and near.previous_msgid == reviewed_src
    (tm,) = [r for r in parse_records(near.translator_comments) if isinstance(r, MemoryRecord)]
    assert tm.origin == "world/briefing" and 85 <= tm.score < 100
    assert "Delegations met on Tuesday in Moscow." not in server.translated
    assert report.total("memory") == 2 and report.total("machine") == 2


def test_exact_reviewed_match_is_stored_translated(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    same = "KCNA said the talks went well, NK News reported."
    (project / "sources" / "follow-up.txt").write_text(
        same + "\n\nNew sentence.\n", encoding="utf-8"
    )
    config = load_config(project)
    sync_project(config)
    e = Entry(msgid=same, msgstr="ЦТАК сообщило, что переговоры прошли хорошо, сообщил NK News.")
    review = ReviewRecord(DAY, entry_hash(e), "Anna Petrova")
    set_entry(config, "desk-note", same, replace(e, translator_comments=(review.format(),)))
    go(config, articles=("follow-up",))
    got = catalog(config, "follow-up").find(same)
    assert got is not None and got.msgstr == e.msgstr
    assert entry_state(got) is UnitState.TRANSLATED  # not fuzzy: exact and reviewed
    assert MemoryRecord(DAY, 100, "desk-note") in parse_records(got.translator_comments)
    # The same, unreviewed, is fuzzy.
    set_entry(config, "desk-note", same, e)
    set_entry(config, "follow-up", same, Entry(msgid=same))
    go(config, articles=("follow-up",))
    got = catalog(config, "follow-up").find(same)
    assert got is not None and got.fuzzy and got.msgstr == e.msgstr


def test_glossary_protection_and_warnings(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    go(config, articles=("desk-note",))
    sent = [q for q in server.translated if "talks went well" in q]
    assert sent == ["[[1]] said the talks went well, [[2]] reported."]
    unit = catalog(config, "desk-note").find("KCNA said the talks went well, NK News reported.")
    assert unit is not None
    assert unit.msgstr.startswith("ЦТАК ") and "NK News" in unit.msgstr
    assert not [c for c in unit.translator_comments if c.startswith("l10n-warning")]
    # An unprotected full name in Russian (inflecting language) that the engine
    # got wrong is flagged for the reviewer.
    full = catalog(config, "desk-note").find(
        "The Korean Central News Agency published the statement."
    )
    assert full is not None and full.fuzzy
    warnings = [
        c for c in full.translator_comments if c.startswith("l10n-warning: glossary-missing")
    ]
    assert len(warnings) == 1 and "kcna" in warnings[0]


def test_korean_renderings_are_protected(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    translate_project(
        config,
        TranslateOptions(langs=("ko",), articles=("world/briefing",), today=DAY),
        policy=FAST,
    )
    gen = Catalog.read(config.locales_dir / "ko" / "world" / "briefing.po").find(
        "Gen. Valery Gerasimov led the Russian side."
    )
    assert gen is not None and "발레리 게라시모프" in gen.msgstr
    assert not [c for c in gen.translator_comments if c.startswith("l10n-warning")]


def test_protection_off_sends_terms(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server, extra="protect-terms = false")
    go(config, articles=("desk-note",))
    assert "KCNA said the talks went well, NK News reported." in server.translated
    unit = catalog(config, "desk-note").find("KCNA said the talks went well, NK News reported.")
    assert unit is not None
    flagged = [c for c in unit.translator_comments if c.startswith("l10n-warning")]
    assert any("glossary-dnt nk-news" in c for c in flagged)


def test_cache_and_dedupe(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    saved = snapshot(config)
    first = go(config)
    sent = server.translated
    assert len(sent) == len(set(sent)) == first.requests
    for path, data in saved.items():
        path.write_bytes(data)
    second = go(config)
    assert len(server.translated) == len(sent)  # nothing sent again
    assert second.requests == 0 and second.total("cached") == second.total("machine") > 0
    shutil.rmtree(project / CACHE_DIR / "mt")  # safe to delete
    for path, data in saved.items():
        path.write_bytes(data)
    go(config)
    assert len(server.translated) == 2 * len(sent)


def test_dry_run_changes_nothing_and_sends_nothing(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    before = snapshot(config)
    report = go(config, dry_run=True)
    assert snapshot(config) == before
    assert server.seen == []
    assert report.dry_run and report.requests > 0 and report.total("machine") > 0
    assert not (project / CACHE_DIR / "mt").exists()


def test_limit(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    report = go(config, limit=3)
    filled = sum(
        1
        for p in (config.locales_dir / "ru").rglob("*.po")
        for e in Catalog.read(p).active_entries()
        if e.msgstr
    )
    assert filled == 3 == report.total("machine")
    assert report.left_out > 0
    assert len(server.translated) == 3


def test_failure_mid_run_keeps_completed_work(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)

    def fail_on_briefing(text: str, source: str, target: str) -> str | Behaviour:
        if "joint staff group" in text:
            return Status(500)
        return pseudo_translate(text, source, target)

    with LibreServer(fail_on_briefing) as failing:
        config = replace(config, machine=replace(config.machine, url=failing.url))
        policy = replace(FAST, concurrency=1)
        with pytest.raises(MachineTranslationError) as info:
            translate_project(config, TranslateOptions(langs=("ru",), today=DAY), policy=policy)
    message = str(info.value)
    assert "HTTP 500" in message and "saved" in message
    # desk-note and kpa-kursk come first and are complete.
    for art in ("desk-note", "kpa-kursk"):
        assert all(e.msgstr for e in catalog(config, art).active_entries())
    # world/briefing: units answered before the failure were written too.
    briefing = catalog(config, "world/briefing").active_entries()
    done = [e for e in briefing if e.msgstr]
    assert 0 < len(done) < len(briefing)
    assert not any("joint staff group" in e.msgid and e.msgstr for e in briefing)


def test_interrupt_keeps_completed_catalogs(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)

    class Interrupting:
        def __init__(self) -> None:
            self.done = 0

        def start(self, lang: str, total: int) -> None:
            pass

        def advance(self, units: int) -> None:
            self.done += units
            if self.done > 6:
                raise KeyboardInterrupt

        def finish(self) -> None:
            pass

    with pytest.raises(KeyboardInterrupt):
        translate_project(
            config,
            TranslateOptions(langs=("ru",), today=DAY),
            policy=replace(FAST, concurrency=1),
            progress=Interrupting(),
        )
    first = catalog(config, "desk-note").active_entries()
    assert all(e.msgstr for e in first)  # 3 units: complete and written
    kpa = catalog(config, "kpa-kursk").active_entries()
    assert any(e.msgstr for e in kpa)  # partly done and still saved


def test_silent_server_run_ends_within_timeout(project: Path, server: LibreServer) -> None:
    import time

    config = setup_project(project, server)

    def hang(text: str, source: str, target: str) -> str | Behaviour:
        from libre_server import Hang

        return Hang()

    with LibreServer(hang) as silent:
        config = replace(config, machine=replace(config.machine, url=silent.url))
        start = time.monotonic()
        with pytest.raises(MachineTranslationError, match=r"no answer within 0\.5 s"):
            translate_project(
                config, TranslateOptions(langs=("ru",)), policy=replace(FAST, timeout=0.5)
            )
        assert time.monotonic() - start < 5  # bounded, not a speed target


def test_unknown_article_and_unsupported_language(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)
    with pytest.raises(SourceError, match="no article 'nope'"):
        go(config, articles=("nope",))
    with pytest.raises(MachineTranslationError, match="Ukrainian"):
        translate_project(config, TranslateOptions(langs=("uk",)), policy=FAST)
    assert server.seen == []


def test_dropped_placeholder_is_flagged(project: Path, server: LibreServer) -> None:
    config = setup_project(project, server)

    def drop(text: str, source: str, target: str) -> str | Behaviour:
        return pseudo_translate(text.replace("[[1]]", ""), source, target)

    with LibreServer(drop) as lossy:
        config = replace(config, machine=replace(config.machine, url=lossy.url))
        go(config, articles=("desk-note",))
    unit = catalog(config, "desk-note").find("KCNA said the talks went well, NK News reported.")
    assert unit is not None and unit.fuzzy
    assert "ЦТАК" not in unit.msgstr and "NK News" in unit.msgstr
    assert (
        "l10n-warning: mt-placeholder kcna: the engine dropped 'KCNA'" in unit.translator_comments
    )
