"""The sync fingerprint cache: what makes a catalog fresh, and that skipping work changes nothing.

A sync that finds every catalog fresh neither parses catalogs nor loads the
glossary; these tests check that it still reports exactly what a sync without
the cache (``use_cache=False``) reports, errors included.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import l10n.glossary
from l10n.catalog import Catalog
from l10n.config import load_config
from l10n.errors import GlossaryError, L10nError
from l10n.model import SourceFormat
from l10n.sync import CACHE_DIR, CACHE_FILE, _fingerprint, glossary_fingerprint, sync_project

DATA = Path(__file__).parent / "data"
SEED = "kpa-kursk"


@pytest.fixture
def with_glossary(project: Path) -> Path:
    shutil.copy(DATA / "glossary" / "glossary.yml", project / "glossary.yml")
    return project


def _error_of(project: Path, *, use_cache: bool) -> str | None:
    try:
        sync_project(load_config(project), dry_run=True, use_cache=use_cache)
    except L10nError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def test_noop_sync_does_not_load_the_glossary(
    with_glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = sync_project(load_config(with_glossary))
    assert first.changed_files  # the catalogs were created, with glossary hints
    assert any(
        "glossary:" in c
        for e in Catalog.read(with_glossary / "locales" / "ru" / f"{SEED}.po").entries
        for c in e.extracted_comments
    )

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the glossary was loaded")

    monkeypatch.setattr(l10n.glossary, "load_glossary", refuse)
    again = sync_project(load_config(with_glossary))
    assert again.changes == () and again.skipped == 8  # 2 articles x (3 languages + template)


@pytest.mark.parametrize(
    "scenario", ["glossary-broken", "language-removed", "source-language-changed", "no-sources"]
)
def test_glossary_errors_are_the_same_with_and_without_the_cache(
    with_glossary: Path, scenario: str
) -> None:
    sync_project(load_config(with_glossary))  # every catalog fresh, glossary valid
    toml = with_glossary / "l10n.toml"
    if scenario == "glossary-broken":
        with (with_glossary / "glossary.yml").open("a", encoding="utf-8") as fh:
            fh.write("  - id: kpa\n    preferred: Duplicate\n")
    elif scenario == "language-removed":
        # The glossary has Korean renderings: without Korean in the project it is invalid.
        toml.write_text(
            toml.read_text(encoding="utf-8").replace('"uk", "ko"', '"uk"'), encoding="utf-8"
        )
        cut = toml.read_text(encoding="utf-8").split("[language.ko]")[0]
        toml.write_text(cut, encoding="utf-8")
    elif scenario == "source-language-changed":
        toml.write_text(
            toml.read_text(encoding="utf-8").replace(
                'source-language = "en"', 'source-language = "ru"'
            ),
            encoding="utf-8",
        )
    else:
        shutil.rmtree(with_glossary / "sources")
        (with_glossary / "sources").mkdir()
        (with_glossary / "glossary.yml").write_text("concepts: [1]\n", encoding="utf-8")
    cached = _error_of(with_glossary, use_cache=True)
    uncached = _error_of(with_glossary, use_cache=False)
    assert cached == uncached
    if scenario != "source-language-changed":
        assert cached is not None and cached.startswith(GlossaryError.__name__)


def test_glossary_fingerprint_covers_what_loading_depends_on(with_glossary: Path) -> None:
    config = load_config(with_glossary)
    base = glossary_fingerprint(config)
    assert base == glossary_fingerprint(load_config(with_glossary))

    toml = with_glossary / "l10n.toml"
    original = toml.read_text(encoding="utf-8")
    toml.write_text(original.replace('"uk", "ko"', '"ko", "uk"'), encoding="utf-8")
    assert glossary_fingerprint(load_config(with_glossary)) != base
    toml.write_text(original.replace('source-language = "en"', 'source-language = "de"'))
    assert glossary_fingerprint(load_config(with_glossary)) != base
    toml.write_text(original, encoding="utf-8")

    with (with_glossary / "glossary.yml").open("a", encoding="utf-8") as fh:
        fh.write("# a comment\n")
    assert glossary_fingerprint(load_config(with_glossary)) != base
    (with_glossary / "glossary.yml").unlink()
    assert glossary_fingerprint(load_config(with_glossary)) == "no-glossary"


def test_fingerprint_changes_with_every_input(project: Path) -> None:
    from l10n.articles import Article

    art = Article(id="a", path=project / "a.txt", format=SourceFormat.TEXT, text="One. Two.")
    base = _fingerprint(art, "g", "en")
    variants = [
        _fingerprint(art, "h", "en"),
        _fingerprint(art, "g", "de"),
        _fingerprint(Article("b", art.path, art.format, art.text), "g", "en"),
        _fingerprint(Article("a", art.path, SourceFormat.MARKDOWN, art.text), "g", "en"),
        _fingerprint(Article("a", art.path, art.format, "One. Two!"), "g", "en"),
    ]
    assert len({base, *variants}) == 1 + len(variants)
    assert _fingerprint(art, "g", "en") == base


def test_noop_sync_leaves_the_cache_file_alone(project: Path) -> None:
    config = load_config(project)
    sync_project(config)
    cache = project / CACHE_DIR / CACHE_FILE
    before = (cache.read_bytes(), cache.stat().st_mtime_ns)
    assert sync_project(config).changes == ()
    assert (cache.read_bytes(), cache.stat().st_mtime_ns) == before
    # Deleted, it is rebuilt with the same entries (every catalog is planned again).
    cache.unlink()
    again = sync_project(config)
    assert again.changes and not again.changed_files
    assert cache.read_bytes() == before[0]


@pytest.mark.parametrize(
    ("lang", "name"), [("ru", "world/briefing.po"), ("templates", "world/briefing.pot")]
)
def test_hand_edited_catalog_in_a_subfolder_is_planned_again(
    project: Path, lang: str, name: str
) -> None:
    config = load_config(project)
    sync_project(config)
    path = project / "locales" / lang / name
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n# a translator's note\n")
    report = sync_project(config)
    assert report.skipped == 7
    assert [(c.lang, c.article) for c in report.changes] == [(lang, "world/briefing")]
    assert sync_project(config).changes == ()


def test_a_segmenter_change_makes_every_catalog_stale_without_rewriting_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import l10n.sync

    sync_project(load_config(project))
    files = sorted((project / "locales").rglob("*.po*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    assert sync_project(load_config(project)).skipped == len(files)

    monkeypatch.setattr(l10n.sync, "segmenter_fingerprint", lambda: "another segmenter")
    again = sync_project(load_config(project))
    assert again.skipped == 0 and len(again.changes) == len(files)
    assert not again.changed_files  # planned again, and found nothing to change
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert sync_project(load_config(project)).skipped == len(files)  # fresh again


def test_segmenter_fingerprint_covers_the_rules_and_sentencex(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import l10n.sync

    real = {name: l10n.sync._package_folders(name) for name in ("l10n.segmentation", "sentencex")}
    assert all(real.values())
    rules = tmp_path / "segmentation"
    shutil.copytree(Path(real["l10n.segmentation"][0]) / "rules", rules / "rules")
    library = tmp_path / "sentencex"
    shutil.copytree(real["sentencex"][0], library)
    folders = {"l10n.segmentation": [str(rules)], "sentencex": [str(library)]}
    monkeypatch.setattr(l10n.sync, "_package_folders", lambda name: folders[name])

    def digest() -> str:
        l10n.sync.segmenter_fingerprint.cache_clear()
        return l10n.sync.segmenter_fingerprint()

    base = digest()
    assert digest() == base
    with (rules / "rules" / "en.yml").open("a", encoding="utf-8") as f:
        f.write("\n# a new rule\n")
    after_rules = digest()
    assert after_rules != base
    first = sorted(p for p in library.iterdir() if p.is_file())[0]
    os.utime(first, ns=(0, 0))  # an upgrade replaces the files
    assert digest() != after_rules
    l10n.sync.segmenter_fingerprint.cache_clear()
