"""``l10n sync``: bring every catalog in line with its source article.

Two phases: first every source and catalog is read, validated and merged in
memory; only when all of them succeeded is anything written (atomically, one
file at a time, under the project lock). A malformed PO file therefore stops
the run before any file changes. Files whose bytes would not change are not
rewritten, and articles whose inputs did not change since the last sync are
skipped through a fingerprint cache in ``.l10n-cache/`` (safe to delete).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10n import __version__
from l10n.articles import (
    TEMPLATES_DIR,
    Article,
    SourceUnit,
    catalog_path,
    discover_articles,
    source_units,
    template_path,
)
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import CatalogError, SourceError
from l10n.fsutil import atomic_write, atomic_write_many, project_lock
from l10n.parallel import PARALLEL_MIN_FILES, map_in_processes

if TYPE_CHECKING:
    # Reading, merging and rendering catalogs is imported only when a catalog
    # needs it: a sync with nothing to do never loads the catalog code.
    from l10n.catalog import Catalog, Header
    from l10n.merge import MergeStats

CACHE_DIR = ".l10n-cache"
# Below this many catalogs to plan (or write), sync stays in one process (one thread).
WRITE_THREADS = 8
CACHE_FILE = "sync.json"
TEMPLATE = "templates"

Hinter = Callable[[str, str], tuple[str, ...]]


@dataclass(frozen=True)
class FileChange:
    """The outcome of syncing one catalog (or template)."""

    lang: str  # "templates" for the POT
    article: str
    path: Path
    created: bool
    changed: bool
    stats: MergeStats


@dataclass(frozen=True)
class SyncReport:
    changes: tuple[FileChange, ...]
    skipped: int  # catalogs skipped through the fingerprint cache
    orphans: tuple[Path, ...]  # catalogs whose article no longer exists
    written: bool  # False for dry runs and checks

    @property
    def changed_files(self) -> tuple[FileChange, ...]:
        return tuple(c for c in self.changes if c.changed)

    def totals(self, lang: str) -> MergeStats:
        from l10n.merge import MergeStats

        items = [c.stats for c in self.changes if c.lang == lang]
        return MergeStats(
            added=sum(s.added for s in items),
            fuzzy=sum(s.fuzzy for s in items),
            obsolete=sum(s.obsolete for s in items),
            resurrected=sum(s.resurrected for s in items),
            unchanged=sum(s.unchanged for s in items),
            dropped=sum(s.dropped for s in items),
        )


@dataclass(frozen=True)
class _Plan:
    change: FileChange
    data: bytes  # the file's new bytes; empty when it does not change
    fingerprint: str


@dataclass
class _Cache:
    path: Path
    data: dict[str, dict[str, object]] = field(default_factory=dict)
    # True when ``data`` is what the cache file on disk holds (it was read and
    # is of this version): saving it unchanged would rewrite the same entries.
    loaded: bool = False
    dirty: bool = False

    @classmethod
    def load(cls, root: Path) -> _Cache:
        path = root / CACHE_DIR / CACHE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and raw.get("version") == __version__:
                files = raw.get("files", {})
                if isinstance(files, dict):
                    return cls(path, files, loaded=True)
        except (OSError, ValueError):
            pass
        return cls(path)

    def fresh(self, key: str, fingerprint: str, target: str | Path) -> bool:
        item = self.data.get(key)
        if not item or item.get("fp") != fingerprint:
            return False
        try:
            st = os.stat(target)
        except OSError:
            return False
        return item.get("size") == st.st_size and item.get("mtime") == st.st_mtime_ns

    def remember(self, key: str, fingerprint: str, target: Path) -> None:
        st = target.stat()
        self.data[key] = {"fp": fingerprint, "size": st.st_size, "mtime": st.st_mtime_ns}
        self.dirty = True

    def save(self) -> None:
        if self.loaded and not self.dirty:
            return  # the file already holds exactly these entries
        payload = json.dumps({"version": __version__, "files": self.data}, sort_keys=True)
        try:
            atomic_write(self.path, payload.encode("utf-8"))
        except Exception:  # the cache is an optimisation; never fail a sync over it
            return


def header_fields(config: ProjectConfig, lang: LanguageConfig | None) -> list[tuple[str, str]]:
    fields = [("Project-Id-Version", config.name)]
    if lang is not None:
        # Empty until a translator's editor fills them; l10n writes no timestamps.
        fields += [
            ("PO-Revision-Date", ""),
            ("Last-Translator", ""),
            ("Language-Team", lang.language.english_name),
            ("Language", lang.code),
        ]
    fields += [
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    if lang is not None:
        fields.append(("Plural-Forms", lang.language.plural_forms))
    return fields


def header_comments(
    config: ProjectConfig, article: Article, lang: LanguageConfig | None
) -> list[str]:
    source = article.path.relative_to(config.root).as_posix()
    what = f"{lang.language.english_name} translation" if lang else "Translation template"
    return [
        f"{what} of {source}.",
        "Managed by l10n: translate the msgstr lines; run 'l10n sync' after editing the source.",
    ]


def unit_comments(unit: SourceUnit, lang: str | None, hinter: Hinter | None) -> tuple[str, ...]:
    """The ``#.`` comments sync owns: block kind, repetition, glossary hints."""
    out: list[str] = []
    if unit.kind.value != "paragraph":
        out.append(f"type: {unit.kind.value}")
    if unit.occurrences > 1:
        out.append(f"repeated: {unit.occurrences} times in this article, translated once")
    if hinter is not None and lang is not None:
        out.extend(hinter(unit.msgid, lang))
    return tuple(out)


def load_hinter(config: ProjectConfig) -> Hinter | None:
    """The glossary's hint function (None without a glossary file); validates the glossary."""
    path = config.glossary_path
    if not path.is_file():
        return None
    from l10n.glossary import load_glossary

    return load_glossary(path, config).hints


def glossary_fingerprint(config: ProjectConfig) -> str:
    """A digest of everything loading the glossary depends on, without loading it.

    That is the file's bytes, the project's languages and the source language
    (``no-glossary`` without a glossary file). A catalog whose fingerprint holds
    this digest was written by a sync that loaded this glossary successfully.
    """
    path = config.glossary_path
    if not path.is_file():
        return "no-glossary"
    try:
        data = path.read_bytes()
    except OSError:
        load_hinter(config)  # reports the file as the glossary loader does
        data = path.read_bytes()
    h = hashlib.sha256(data)
    h.update(f"\0{config.source_language.code}\0{','.join(config.codes)}".encode())
    return h.hexdigest()


@functools.cache
def segmenter_fingerprint() -> str:
    """A digest of what segmentation depends on besides l10n's code.

    That is l10n's segmentation rules (the data files) and the installed
    sentencex (the size and modification time of each of its files): an
    upgrade of either may cut units differently, so catalogs synced before it
    are not taken as fresh.
    """
    # Both are found without importing them: a no-op sync needs neither the
    # segmenter nor importlib.resources (which alone would cost it 50 ms).
    h = hashlib.sha256()
    for folder in _package_folders("l10n.segmentation"):
        for item in sorted(Path(folder, "rules").glob("*.yml")):
            h.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    for folder in _package_folders("sentencex"):
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_file():
                    st = entry.stat()
                    h.update(f"{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _package_folders(name: str) -> list[str]:
    spec = importlib.util.find_spec(name)
    return list(spec.submodule_search_locations or ()) if spec is not None else []


def _fingerprint(article: Article, glossary_fp: str, source_lang: str) -> str:
    """What the content of an article's catalogs depends on, as a digest.

    That is l10n's version and segmenter (see :func:`segmenter_fingerprint`),
    the glossary (see :func:`glossary_fingerprint`), the source language and
    the article (id, format, text). The language is not part of it: the cache
    key names the language, so one digest serves all of an article's catalogs.
    """
    parts = (
        __version__,
        segmenter_fingerprint(),
        glossary_fp,
        source_lang,
        article.id,
        article.format.value,
        article.text,
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def sync_project(
    config: ProjectConfig,
    *,
    langs: Sequence[str] = (),
    articles: Sequence[str] = (),
    dry_run: bool = False,
    use_cache: bool = True,
    templates: bool = True,
) -> SyncReport:
    """Sync catalogs (and POT templates) with the sources; see module docstring.

    A writing sync holds the project lock from the first read to the last
    write, so a command that writes meanwhile cannot have its work overwritten.
    """
    if dry_run:
        return _sync_project(config, langs, articles, dry_run, use_cache, templates)
    with project_lock(config.root):
        return _sync_project(config, langs, articles, dry_run, use_cache, templates)


def _sync_project(
    config: ProjectConfig,
    langs: Sequence[str],
    articles: Sequence[str],
    dry_run: bool,
    use_cache: bool,
    templates: bool,
) -> SyncReport:
    lang_cfgs = [config.language(code) for code in langs] if langs else list(config.languages)
    all_articles = discover_articles(config)
    selected = _select(all_articles, articles, config)
    glossary_fp = glossary_fingerprint(config)
    cache = _Cache.load(config.root) if use_cache else _Cache(config.root / CACHE_DIR / CACHE_FILE)

    skipped = 0
    src_lang = config.source_language.code
    targets: list[LanguageConfig | None] = [*lang_cfgs]
    if templates:
        targets.append(None)
    # Each target's cache key prefix and its catalog path as a string prefix and
    # suffix: the cache check of an unchanged catalog is one stat, without
    # building Path objects (catalog_path and template_path give the same files).
    locales = os.fspath(config.locales_dir)
    shapes = [
        (lc, code, os.path.join(locales, folder, ""), suffix)
        for lc in targets
        for code, folder, suffix in (
            (lc.code, lc.code, ".po") if lc else (TEMPLATE, TEMPLATES_DIR, ".pot"),
        )
    ]
    work: list[_ArticleWork] = []
    for article in selected:
        todo: list[tuple[LanguageConfig | None, Path, str]] = []
        fp = _fingerprint(article, glossary_fp, src_lang)
        art_id = article.id
        for lc, code, prefix, suffix in shapes:
            if use_cache and cache.fresh(f"{code}/{art_id}", fp, prefix + art_id + suffix):
                skipped += 1
                continue
            path = catalog_path(config, lc.code, art_id) if lc else template_path(config, art_id)
            todo.append((lc, path, fp))
        if todo:
            work.append(_ArticleWork(article, tuple(todo)))

    plans: list[_Plan] = []
    if work or not skipped:
        # Loading the glossary validates it, so it is loaded whenever a catalog
        # is planned. When every catalog is fresh, it is not needed: a fresh
        # catalog's fingerprint shows that this glossary, with this
        # configuration, loaded successfully when the catalog was written.
        hinter = load_hinter(config)
        planner = _Planner(config, src_lang, hinter)
        plans = [
            p
            for group in map_in_processes(
                planner.plan_article,
                work,
                weight=lambda w: len(w.todo),
                min_weight=PARALLEL_MIN_FILES,
            )
            for p in group
        ]

    orphans = _orphans(config, all_articles, lang_cfgs) if not articles else ()
    changes = tuple(p.change for p in plans)
    if dry_run:
        return SyncReport(changes, skipped, orphans, written=False)

    with project_lock(config.root):
        _write_all([p for p in plans if p.change.changed])
        for p in plans:
            code = p.change.lang
            cache.remember(f"{code}/{p.change.article}", p.fingerprint, p.change.path)
        cache.save()
    return SyncReport(changes, skipped, orphans, written=True)


@dataclass(frozen=True)
class _ArticleWork:
    article: Article
    todo: tuple[tuple[LanguageConfig | None, Path, str], ...]  # (language, catalog, fingerprint)


@dataclass(frozen=True)
class _Planner:
    config: ProjectConfig
    src_lang: str
    hinter: Hinter | None

    def plan_article(self, work: _ArticleWork) -> list[_Plan]:
        units = source_units(work.article, self.src_lang)
        return [
            _plan(self.config, work.article, lc, path, units, self.hinter, fp)
            for lc, path, fp in work.todo
        ]


def _write_all(plans: Sequence[_Plan]) -> None:
    """Write the changed files; nothing is renamed into place unless every file could be staged."""
    atomic_write_many([(p.change.path, p.data) for p in plans], threads=WRITE_THREADS)


def _select(
    all_articles: list[Article], wanted: Sequence[str], config: ProjectConfig
) -> list[Article]:
    if not wanted:
        return all_articles
    by_id = {a.id: a for a in all_articles}
    out = []
    for w in wanted:
        key = w.removesuffix(".txt").removesuffix(".md")
        if key not in by_id:
            raise SourceError(
                f"no article {w!r} in {config.sources_dir.name}/", hint="see 'l10n status'"
            )
        out.append(by_id[key])
    return out


def _plan(
    config: ProjectConfig,
    article: Article,
    lc: LanguageConfig | None,
    path: Path,
    units: list[SourceUnit],
    hinter: Hinter | None,
    fp: str,
) -> _Plan:
    from l10n.catalog import Catalog, Entry
    from l10n.merge import merge

    created = not path.exists()
    if created:
        catalog = Catalog.new(path, header_fields(config, lc), header_comments(config, article, lc))
        before = b""
    else:
        before = _read_bytes(path)
        catalog = Catalog.parse(before, path)
        if lc is not None:
            catalog.header = _ensure_header(catalog, lc)
    lang = lc.code if lc else None
    old: list[Entry] = list(catalog.entries)
    if lc is None:
        # A template carries no translations: merge against empty entries.
        old = [
            Entry(msgid=e.msgid, msgctxt=e.msgctxt, extracted_comments=e.extracted_comments)
            for e in old
            if not e.obsolete
        ]
        entries, stats = merge(old, units, lambda u: unit_comments(u, None, None))
        entries = [e for e in entries if not e.obsolete]
    else:
        entries, stats = merge(old, units, lambda u: unit_comments(u, lang, hinter))
    catalog.entries = entries
    data = catalog.render()
    change = FileChange(
        lang=lc.code if lc else TEMPLATE,
        article=article.id,
        path=path,
        created=created,
        changed=data != before,
        stats=stats,
    )
    # Only a changed file is written: the bytes of the others need not be held.
    return _Plan(change, data if change.changed else b"", fp)


def _ensure_header(catalog: Catalog, lc: LanguageConfig) -> Header:
    header = catalog.header
    if header.get("Content-Type") is None:
        header = header.with_field("Content-Type", "text/plain; charset=UTF-8")
    if header.get("Language") is None:
        header = header.with_field("Language", lc.code)
    if header.get("Plural-Forms") is None:
        header = header.with_field("Plural-Forms", lc.language.plural_forms)
    return header


def _orphans(
    config: ProjectConfig, articles: list[Article], langs: Sequence[LanguageConfig]
) -> tuple[Path, ...]:
    ids = {a.id for a in articles}
    out: list[Path] = []
    for lc in langs:
        folder = config.locales_dir / lc.code
        if not folder.is_dir():
            continue
        base = os.fspath(folder)
        for dirpath, _dirs, files in os.walk(base):
            rel = os.path.relpath(dirpath, base).replace(os.sep, "/")
            stem_prefix = "" if rel == "." else rel + "/"
            for name in files:
                if name.endswith(".po") and stem_prefix + name[:-3] not in ids:
                    out.append(Path(dirpath, name))
    return tuple(sorted(out))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror or exc}", path=path) from exc
