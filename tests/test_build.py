"""``l10n build``: layout-exact articles, policies, minimum percent, MO files."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result

from l10n.articles import catalog_path, discover_articles
from l10n.build import BuildOptions, Outcome, build_project, render_article, translations
from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig, load_config
from l10n.errors import GateFailed
from l10n.exchange.mo import compile_mo
from l10n.model import PublishPolicy
from l10n.review.ops import approve
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "build"
RU = json.loads((DATA / "ru.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 25)


def synced(project: Path) -> ProjectConfig:
    config = load_config(project)
    sync_project(config)
    return config


def fill(config: ProjectConfig, lang: str, fn: Callable[[Entry], Entry]) -> None:
    """Apply ``fn`` to every active entry of every catalog of ``lang`` and write."""
    for art in discover_articles(config):
        cat = Catalog.read(catalog_path(config, lang, art.id))
        cat.entries = [e if e.obsolete else fn(e) for e in cat.entries]
        cat.write()


def identity(e: Entry) -> Entry:
    return replace(e, msgstr=e.msgid)


def from_fixture(e: Entry) -> Entry:
    return replace(e, msgstr=RU[e.msgid]) if e.msgid in RU else e


def test_identity_build_reproduces_every_source_byte_for_byte(project: Path) -> None:
    config = synced(project)
    for lang in config.codes:
        fill(config, lang, identity)
    report = build_project(config)
    assert {i.outcome for i in report.items} == {Outcome.WRITTEN}
    for art in discover_articles(config):
        for lang in config.codes:
            out = project / "build" / lang / (art.id + art.path.suffix)
            assert out.read_bytes() == art.path.read_bytes(), (lang, art.id)
    assert all(i.fallback == 0 and i.percent == 100.0 for i in report.items)


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_identity_build_keeps_bom_crlf_and_missing_final_newline(
    project: Path, newline: str
) -> None:
    src = project / "sources" / "world" / "briefing.md"
    text = src.read_text(encoding="utf-8").rstrip("\n").replace("\n", newline)
    src.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    config = synced(project)
    fill(config, "ru", identity)
    build_project(config, BuildOptions(langs=("ru",)))
    assert (project / "build/ru/world/briefing.md").read_bytes() == src.read_bytes()


def test_russian_build_matches_golden_files(project: Path) -> None:
    config = synced(project)
    missing: list[str] = []

    def fixture_or_note(e: Entry) -> Entry:
        if e.msgid not in RU:
            missing.append(e.msgid)
        return from_fixture(e)

    fill(config, "ru", fixture_or_note)
    assert not missing, f"units without a fixture translation: {missing}"
    report = build_project(config, BuildOptions(langs=("ru",)))
    assert [i.outcome for i in report.items] == [Outcome.WRITTEN, Outcome.WRITTEN]
    for rel in ("kpa-kursk.txt", "world/briefing.md"):
        got = (project / "build" / "ru" / rel).read_bytes()
        assert got == (DATA / "golden" / "ru" / rel).read_bytes(), rel


def test_policy_decides_which_units_are_published(project: Path) -> None:
    config = synced(project)
    path = catalog_path(config, "ru", "world/briefing")
    cat = Catalog.read(path)
    heading = "Briefing: talks in Moscow"
    quote = "The talks lasted 3.5 hours."
    agreed = "What was agreed"
    new = []
    for e in cat.entries:
        if e.msgid == heading:
            e = approve(replace(e, msgstr=RU[heading]), "Anna Petrova", TODAY)
        elif e.msgid == quote:
            e = replace(e, msgstr=RU[quote])
        elif e.msgid == agreed:
            e = replace(e, msgstr=RU[agreed]).with_fuzzy(True)
        new.append(e)
    cat.entries = new
    cat.write()

    def built(policy: PublishPolicy) -> tuple[str, int]:
        report = build_project(
            config,
            BuildOptions(langs=("ru",), articles=("world/briefing",), policy=policy, min_percent=0),
        )
        (item,) = report.items
        return (project / "build/ru/world/briefing.md").read_text(encoding="utf-8"), item.fallback

    text, fell = built(PublishPolicy.REVIEWED)
    assert RU[heading] in text and RU[quote] not in text and quote in text
    total = len({e.msgid for e in Catalog.read(path).active_entries()})
    assert fell == total - 1
    text, fell = built(PublishPolicy.TRANSLATED)
    assert RU[heading] in text and RU[quote] in text and RU[agreed] not in text
    assert fell == total - 2
    text, fell = built(PublishPolicy.ANY)
    assert RU[agreed] in text and f"## {RU[agreed]}\n" in text
    assert fell == total - 3


def test_default_policy_follows_review_required(project: Path) -> None:
    toml = project / "l10n.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            "[language.ru]\nrequired = true",
            "[language.ru]\nrequired = true\nreview-required = true",
        ),
        encoding="utf-8",
    )
    config = synced(project)
    assert config.language("ru").review_required
    fill(config, "ru", identity)
    report = build_project(config, BuildOptions(langs=("ru",), min_percent=0))
    assert {i.policy for i in report.items} == {PublishPolicy.REVIEWED}
    assert all(i.published == 0 for i in report.items)
    uk = build_project(config, BuildOptions(langs=("uk",)))
    assert {i.policy for i in uk.items} == {PublishPolicy.TRANSLATED}


def test_article_below_min_percent_is_not_written(project: Path) -> None:
    config = synced(project)
    # ru has no min-percent in the sample project: the default is 100.
    assert config.language("ru").min_percent == 100
    fill(config, "ru", lambda e: from_fixture(e) if "Kursk" in e.msgid else e)
    report = build_project(config, BuildOptions(langs=("ru",)))
    outcomes = {i.article: i for i in report.items}
    assert outcomes["world/briefing"].outcome is Outcome.BELOW_MINIMUM
    assert not (project / "build/ru/world/briefing.md").exists()
    kpa = outcomes["kpa-kursk"]
    assert kpa.outcome is Outcome.BELOW_MINIMUM and 0 < kpa.percent < 100
    with pytest.raises(GateFailed, match="below the minimum percent"):
        report.gate()
    lowered = build_project(config, BuildOptions(langs=("ru",), min_percent=kpa.percent))
    by = {i.article: i.outcome for i in lowered.items}
    assert by == {"kpa-kursk": Outcome.WRITTEN, "world/briefing": Outcome.BELOW_MINIMUM}


def test_second_build_writes_nothing(project: Path) -> None:
    config = synced(project)
    fill(config, "ru", from_fixture)
    first = build_project(config, BuildOptions(langs=("ru",), mo=True))
    out = project / "build/ru/kpa-kursk.txt"
    mtime = out.stat().st_mtime_ns
    second = build_project(config, BuildOptions(langs=("ru",), mo=True))
    assert {i.outcome for i in first.items} == {Outcome.WRITTEN}
    assert {i.outcome for i in second.items} == {Outcome.UNCHANGED}
    assert not any(i.mo_written for i in second.items)
    assert out.stat().st_mtime_ns == mtime


def test_unsynced_source_change_falls_back_for_new_sentences(project: Path) -> None:
    config = synced(project)
    fill(config, "ru", from_fixture)
    src = project / "sources/world/briefing.md"
    src.write_text(
        src.read_text(encoding="utf-8") + "\nA new closing sentence.\n", encoding="utf-8"
    )
    report = build_project(
        config, BuildOptions(langs=("ru",), articles=("world/briefing",), min_percent=0)
    )
    (item,) = report.items
    assert item.fallback == 1
    text = (project / "build/ru/world/briefing.md").read_text(encoding="utf-8")
    assert text.endswith("\nA new closing sentence.\n")
    assert RU["The talks lasted 3.5 hours."] in text


def test_repeated_sentence_is_translated_at_every_occurrence(project: Path) -> None:
    src = project / "sources/world/briefing.md"
    src.write_text(
        src.read_text(encoding="utf-8") + "\nThe talks lasted 3.5 hours.\n", encoding="utf-8"
    )
    config = synced(project)
    fill(config, "ru", from_fixture)
    (item,) = build_project(config, BuildOptions(langs=("ru",), articles=("briefing.md",))).items
    assert item.segments == item.units + 1 and item.fallback_segments == 0
    text = (project / "build/ru/world/briefing.md").read_text(encoding="utf-8")
    assert text.count(RU["The talks lasted 3.5 hours."]) == 2


def test_render_article_is_a_pure_span_replacement(project: Path) -> None:
    config = load_config(project)
    art = next(a for a in discover_articles(config) if a.id == "world/briefing")
    from l10n.articles import segments_of

    segs = segments_of(art, config.source_language.code)
    marked = {s.text: f"<<{s.text}>>" for s in segs}
    rendered = render_article(art, segs, marked).data.decode("utf-8")
    assert rendered.replace("<<", "").replace(">>", "") == art.text
    assert rendered.count("<<") == len(segs)


def test_mo_files_compile_accepted_entries_and_exclude_fuzzy(project: Path) -> None:
    config = synced(project)
    fuzzy_id = "What was agreed"

    def fill_one(e: Entry) -> Entry:
        e = from_fixture(e)
        return e.with_fuzzy(True) if e.msgid == fuzzy_id else e

    fill(config, "ru", fill_one)
    report = build_project(config, BuildOptions(langs=("ru",), mo=True, policy=PublishPolicy.ANY))
    mo = project / "build/ru/world/briefing.mo"
    assert all(i.mo_written for i in report.items)
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("The talks lasted 3.5 hours.") == RU["The talks lasted 3.5 hours."]
    assert tr.gettext(fuzzy_id) == fuzzy_id  # fuzzy: not compiled, even under policy any
    assert tr.info()["language"] == "ru"
    assert "plural=" in tr.info()["plural-forms"]
    cat = Catalog.read(catalog_path(config, "ru", "world/briefing"))
    for e in cat.active_entries():
        if e.msgid != fuzzy_id:
            assert tr.gettext(e.msgid) == e.msgstr
    # same bytes from the library function, and GNU msgunfmt agrees on the content
    assert compile_mo(cat, PublishPolicy.ANY) == mo.read_bytes()
    if shutil.which("msgunfmt"):
        out = subprocess.run(
            ["msgunfmt", str(mo)], capture_output=True, text=True, check=True
        ).stdout
        assert "Переговоры длились 3,5 часа." in out and fuzzy_id not in out


def test_mo_respects_reviewed_policy_and_plural_entries(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 '
        '&& (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "one"\nmsgstr "один"\n\n'
        'msgctxt "menu"\nmsgid "File"\nmsgstr "Файл"\n\n'
        'msgid "%d day"\nmsgid_plural "%d days"\nmsgstr[0] "%d день"\nmsgstr[1] "%d дня"\n'
        'msgstr[2] "%d дней"\n',
        encoding="utf-8",
    )
    cat = Catalog.read(po)
    mo = tmp_path / "x.mo"
    mo.write_bytes(compile_mo(cat, PublishPolicy.TRANSLATED))
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("one") == "один"
    assert tr.pgettext("menu", "File") == "Файл"
    assert [tr.ngettext("%d day", "%d days", n) % n for n in (1, 3, 5, 21)] == [
        "1 день",
        "3 дня",
        "5 дней",
        "21 день",
    ]
    mo.write_bytes(compile_mo(cat, PublishPolicy.REVIEWED))
    with mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext("one") == "one"
    cat.entries = [
        approve(e, "Anna Petrova", TODAY) if e.msgid == "one" else e for e in cat.entries
    ]
    mo.write_bytes(compile_mo(cat, PublishPolicy.REVIEWED))
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    assert tr.gettext("one") == "один" and tr.pgettext("menu", "File") == "File"


def test_translations_ignore_obsolete_and_untranslated() -> None:
    entries = [
        Entry("a", "А"),
        Entry("b", "Б", obsolete=True),
        Entry("c", ""),
        Entry("d", "Д", flags=("fuzzy",)),
    ]
    assert translations(entries, PublishPolicy.TRANSLATED) == {"a": "А"}
    assert translations(entries, PublishPolicy.ANY) == {"a": "А", "d": "Д"}


# -- CLI ---------------------------------------------------------------------------------


def test_cli_build_reports_fallbacks_and_strict_exit(
    project: Path, run: Callable[..., Result]
) -> None:
    config = synced(project)
    fill(config, "ru", lambda e: from_fixture(e) if "Kursk" in e.msgid else e)
    res = run("build", "--lang", "ru", "--min-percent", "0")
    assert res.exit_code == 0, res.output
    assert "ru  kpa-kursk: wrote build/ru/kpa-kursk.txt;" in res.output
    assert "units fell back to the source text" in res.output
    res = run("build", "--lang", "ru")
    assert res.exit_code == 0
    assert "not written:" in res.output and "minimum is 100%" in res.output
    res = run("build", "--lang", "ru", "--strict")
    assert res.exit_code == 1
    assert "below the minimum percent" in res.output


def test_cli_build_json_out_dir_and_mo(
    project: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    config = synced(project)
    fill(config, "ru", from_fixture)
    out = tmp_path / "site"
    res = run("build", "-l", "ru", "--out", str(out), "--mo", "--format", "json", "-a", "kpa-kursk")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    (item,) = data["items"]
    assert item["outcome"] == "written" and item["fallback"] == 0 and item["percent"] == 100.0
    assert (out / "ru/kpa-kursk.txt").is_file() and (out / "ru/kpa-kursk.mo").is_file()
    assert not (project / "build").exists()


def test_cli_build_unknown_article_and_bad_catalog(
    project: Path, run: Callable[..., Result]
) -> None:
    config = synced(project)
    res = run("build", "-a", "nope")
    assert res.exit_code == 2 and "no article 'nope'" in res.output
    po = catalog_path(config, "ru", "kpa-kursk")
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    res = run("build", "-l", "ru", "--min-percent", "0")
    assert res.exit_code == 2
    assert "kpa-kursk.po:" in res.output and "Traceback" not in res.output
    assert not (project / "build").exists()
