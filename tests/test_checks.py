"""l10n.checks: registry, fixtures (no false positive, every planted error caught), policy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from l10n.catalog import Catalog
from l10n.catalog.entry import Entry
from l10n.catalog.header import Header
from l10n.checks import CatalogContext, Policy, Scope, all_checks, check_catalog
from l10n.checks.issues import Issue
from l10n.languages import language
from l10n.model import Severity
from l10n.records import unit_hash

DATA = Path(__file__).parent / "data" / "checks"
LANGS = ("ru", "uk", "ko")
DEFAULT = Policy()


def ctx_for(
    path: Path, lang: str | None, policy: Policy = DEFAULT, glossary: object = None
) -> CatalogContext:
    return CatalogContext(
        path=path,
        lang=lang,
        language=language(lang) if lang else None,
        source_lang="en",
        article="kpa-kursk-honours",
        policy=policy,
        glossary=glossary,
    )


def run_file(path: Path, policy: Policy = DEFAULT) -> tuple[Catalog, list[Issue]]:
    catalog = Catalog.read(path)
    result = check_catalog(catalog, ctx_for(path, path.parent.name, policy))
    return catalog, list(result.issues)


def test_registry_lists_every_issue_check() -> None:
    ids = {c.id for c in all_checks()}
    wanted = {
        "untranslated", "fuzzy", "unreviewed", "stale-review", "glossary-missing",
        "glossary-forbidden", "glossary-dnt", "glossary-deprecated", "numbers", "quotes",
        "markup", "punctuation", "whitespace", "same-as-source", "plurals", "length", "po-valid",
        "missing-catalog", "out-of-date",
    }  # fmt: skip
    assert wanted <= ids
    for c in all_checks():
        assert c.description.endswith(".") and "\n" not in c.description
        assert isinstance(c.severity, Severity) and isinstance(c.scope, Scope)
    by_id = {c.id: c for c in all_checks()}
    assert by_id["length"].severity is Severity.WARNING
    assert by_id["numbers"].severity is Severity.ERROR


@pytest.mark.parametrize("lang", LANGS)
def test_correct_translations_have_no_issue(lang: str) -> None:
    catalog, issues = run_file(DATA / "good" / lang / "kpa-kursk-honours.po")
    assert len(catalog.active_entries()) == 20
    assert issues == [], "\n".join(f"{i.line}: {i.check}: {i.message}" for i in issues)


@pytest.mark.parametrize("lang", LANGS)
def test_every_planted_error_is_caught(lang: str) -> None:
    catalog, issues = run_file(DATA / "planted" / lang / "kpa-kursk-honours.po")
    by_line: dict[int, set[str]] = {}
    for i in issues:
        by_line.setdefault(i.line, set()).add(i.check)
    planted = 0
    for entry in catalog.active_entries():
        (expect,) = [c for c in entry.translator_comments if c.startswith("expect:")]
        wanted = set(expect.split()[1:]) - {"none"}
        found = by_line.get(entry.line, set())
        if wanted:
            planted += 1
            assert wanted <= found, f"line {entry.line}: expected {wanted}, found {found}"
        else:
            assert not found, f"line {entry.line}: judgement call reported: {found}"
    assert planted >= 5


def test_ignore_record_suppresses_only_the_named_check(tmp_path: Path) -> None:
    src = DATA / "planted" / "ru" / "kpa-kursk-honours.po"
    catalog = Catalog.read(src)
    first = catalog.entries[0]
    assert first.msgstr.startswith("21 августа")
    catalog.entries[0] = dataclasses.replace(
        first, translator_comments=(*first.translator_comments, "l10n-ignore: numbers quotes")
    )
    out = tmp_path / "ru" / "x.po"
    out.parent.mkdir()
    catalog.write(out)
    reread = Catalog.read(out)
    result = check_catalog(reread, ctx_for(out, "ru"))
    line = reread.entries[0].line
    assert not [i for i in result.issues if i.line == line]
    # The other planted entries still report.
    assert any(i.check == "numbers" for i in result.issues)


def _catalog(entries: list[Entry], lang: str = "ru") -> Catalog:
    plural = language(lang).plural_forms
    cat = Catalog.new(
        Path(f"{lang}/t.po"),
        [
            ("Language", lang),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Plural-Forms", plural),
        ],
    )
    cat.entries.extend(entries)
    return Catalog.parse(cat.render(), Path(f"{lang}/t.po"))


def _checks(result_issues: tuple[Issue, ...]) -> list[tuple[str, Severity]]:
    return sorted((i.check, i.severity) for i in result_issues)


def test_state_checks_follow_the_language_policy() -> None:
    reviewed_src, reviewed_tgt = "Kim arrived.", "Ким прибыл."
    good_hash = unit_hash(None, reviewed_src, None, (reviewed_tgt,))
    entries = [
        Entry("One.", ""),
        Entry("Two.", "Два.", flags=("fuzzy",)),
        Entry("Three.", "Три."),
        Entry(
            reviewed_src,
            reviewed_tgt,
            translator_comments=(f"l10n-review: 2025-08-21 {good_hash} Anna",),
        ),
        Entry(
            "Stale.",
            "Устарело.",
            translator_comments=("l10n-review: 2025-08-21 0123456789abcdef Anna",),
        ),
        Entry("Gone.", "Ушло.", obsolete=True),
    ]
    cat = _catalog(entries)
    plain = check_catalog(cat, ctx_for(cat.path, "ru"))
    assert _checks(plain.issues) == [
        ("fuzzy", Severity.ERROR),
        ("stale-review", Severity.WARNING),
        ("untranslated", Severity.ERROR),
    ]
    assert plain.units == 5 and plain.failed
    strict = check_catalog(cat, ctx_for(cat.path, "ru", Policy(review_required=True)))
    assert _checks(strict.issues) == [
        ("fuzzy", Severity.ERROR),
        ("stale-review", Severity.ERROR),
        ("unreviewed", Severity.ERROR),
        ("untranslated", Severity.ERROR),
    ]
    optional = check_catalog(cat, ctx_for(cat.path, "ru", Policy(required=False)))
    assert optional.issues and not optional.failed
    assert not any(i.fails for i in optional.issues)


def test_min_percent_turns_units_into_warnings_and_checks_the_threshold() -> None:
    entries = [Entry(f"Sentence {n}.", f"Предложение {n}." if n < 3 else "") for n in range(4)]
    cat = _catalog(entries)
    ok = check_catalog(cat, ctx_for(cat.path, "ru", Policy(min_percent=70)))
    assert {(i.check, i.severity) for i in ok.issues} == {("untranslated", Severity.WARNING)}
    assert not ok.failed
    low = check_catalog(cat, ctx_for(cat.path, "ru", Policy(min_percent=80)))
    (gate,) = [i for i in low.issues if i.severity is Severity.ERROR]
    assert gate.check == "untranslated" and "75.0% translated" in gate.message and low.failed


def test_severity_overrides_and_off() -> None:
    cat = _catalog([Entry("Why now?", "Почему сейчас."), Entry("One.", "")])

    def overrides(check_id: str, lang: str | None, default: Severity) -> Severity | None:
        return {"punctuation": Severity.ERROR, "untranslated": None}.get(check_id, default)

    result = check_catalog(cat, ctx_for(cat.path, "ru"), severity_of=overrides)
    assert _checks(result.issues) == [("punctuation", Severity.ERROR)]


def test_plural_forms_against_cldr() -> None:
    ok = Entry(
        "%d soldier",
        msgid_plural="%d soldiers",
        msgstr_plural=("%d солдат", "%d солдата", "%d солдат"),
    )
    partial = Entry("%d unit", msgid_plural="%d units", msgstr_plural=("%d часть", "", "%d частей"))
    cat = _catalog([ok, partial])
    result = check_catalog(cat, ctx_for(cat.path, "ru"))
    assert [(i.check, i.msgid) for i in result.issues if i.check == "plurals"] == [
        ("plurals", "%d unit")
    ]
    # A Korean file with Russian plural forms: the header and the entry disagree with CLDR.
    ko = _catalog([ok], lang="ru")
    wrong = check_catalog(ko, ctx_for(Path("ko/t.po"), "ko"))
    messages = [i.message for i in wrong.issues if i.check in ("plurals", "po-valid")]
    assert any("ko has 1 in CLDR" in m for m in messages)
    assert any("header Language is 'ru'" in m for m in messages)


def test_newline_rule_of_msgfmt_is_reported() -> None:
    cat = _catalog([Entry("Line one.\n", "Строка один.")])
    result = check_catalog(cat, ctx_for(cat.path, "ru"))
    (valid,) = [i for i in result.issues if i.check == "po-valid"]
    assert "end with a newline" in valid.message


def test_unknown_language_runs_language_free_checks() -> None:
    cat = _catalog([Entry("Why now?", "Why now?"), Entry("On May 5, 2025.", "Am 6. Mai.")])
    result = check_catalog(cat, ctx_for(cat.path, None))
    checks = {i.check for i in result.issues}
    assert "same-as-source" in checks and "numbers" not in checks


def test_glossary_findings_are_delegated_to_the_glossary() -> None:
    from l10n.glossary.loader import load_glossary

    glossary = load_glossary(Path(__file__).parent / "data" / "glossary" / "glossary.yml")
    good_path = DATA / "good" / "ru" / "kpa-kursk-honours.po"
    good = check_catalog(Catalog.read(good_path), ctx_for(good_path, "ru", glossary=glossary))
    assert [i for i in good.issues if i.check.startswith("glossary")] == []
    src = "The Korean People’s Army said so."
    bad = _catalog([Entry(src, "Народная армия Кореи так сказала.")])
    result = check_catalog(bad, ctx_for(bad.path, "ru", glossary=glossary))
    checks = {i.check for i in result.issues}
    assert "glossary-forbidden" in checks or "glossary-missing" in checks
    ignored = _catalog(
        [
            Entry(
                src,
                "Народная армия Кореи так сказала.",
                translator_comments=("l10n-ignore: glossary-forbidden glossary-missing",),
            )
        ]
    )
    assert not check_catalog(ignored, ctx_for(ignored.path, "ru", glossary=glossary)).issues


@pytest.mark.parametrize("min_percent", [0.0, 50.0, 100.0])
def test_optional_language_untranslated_units_are_one_line_per_catalog(
    tmp_path: Path, min_percent: float
) -> None:
    entries = [
        Entry("One.", "Один.", line=10),
        Entry("Two.", "", line=14),
        Entry("Three.", "", line=18, translator_comments=("l10n-ignore: untranslated",)),
        Entry("Four.", "", line=22),
        Entry("Five.", "Пять.", line=26),
    ]
    catalog = Catalog(tmp_path / "ru" / "a.po", Header((("Language", "ru"),)), entries)
    optional = Policy(required=False, min_percent=min_percent)
    issues = check_catalog(catalog, ctx_for(catalog.path, "ru", optional)).issues
    mine = [i for i in issues if i.check == "untranslated"]
    sev = Severity.ERROR if min_percent >= 100 else Severity.WARNING
    summary = [i for i in mine if i.message == "2 of 5 units not translated"]
    assert len(summary) == 1 and summary[0].line == 14 and summary[0].severity is sev
    assert not summary[0].blocking
    # besides it, only the threshold line (below 50 %: 2 of 5 done is 40 %)
    assert len(mine) == 1 + (min_percent == 50.0)
    # a required language keeps one finding per unit (the ignored one excepted)
    required = Policy(required=True, min_percent=min_percent)
    per_unit = [
        i
        for i in check_catalog(catalog, ctx_for(catalog.path, "ru", required)).issues
        if i.check == "untranslated" and i.message == "not translated"
    ]
    assert [i.line for i in per_unit] == [14, 22]
