"""What a check run covers: a project's catalogs, or PO files given on the command line.

Both entry points choose the catalogs (languages, articles, changed files,
a shard) and hand them to :func:`l10n.checks.jobs.run`, which checks them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.articles import article_id_for_catalog, discover_articles
from l10n.checks.context import Policy
from l10n.checks.issues import CheckReport
from l10n.checks.jobs import Job, Target, language_or_none, run
from l10n.checks.project import catalog_ids, real_dir, real_path
from l10n.checks.selection import Shard, UsageError, catalog_files, changed_since
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import L10nError
from l10n.languages import language


@dataclass(frozen=True)
class CheckOptions:
    """What to check; the defaults check everything."""

    langs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    changed_since: str | None = None
    shard: Shard | None = None


def policy_of(lc: LanguageConfig) -> Policy:
    return Policy(
        required=lc.required, review_required=lc.review_required, min_percent=lc.min_percent
    )


def _norm_article(name: str) -> str:
    name = name.replace("\\", "/").removeprefix("./")
    for suffix in (".md", ".markdown", ".txt", ".po"):
        name = name.removesuffix(suffix)
    return name


def _article_wanted(art_id: str | None, wanted: set[str]) -> bool:
    if not wanted:
        return True
    if art_id is None:
        return False
    return art_id in wanted or any(
        art_id.endswith("/" + w) or w.endswith("/" + art_id) for w in wanted
    )


# -- project mode ---------------------------------------------------------------------


def _load_glossary(config: ProjectConfig) -> object | None:
    if not config.glossary_path.is_file():
        return None
    from l10n.glossary.loader import load_glossary

    return load_glossary(config.glossary_path, config)


def _lang_configs(config: ProjectConfig, langs: Sequence[str]) -> list[LanguageConfig]:
    return [config.language(c) for c in langs] if langs else list(config.languages)


def _catalogs_of(config: ProjectConfig, lc: LanguageConfig) -> Iterator[os.DirEntry[str]]:
    """The catalog files of one language, folders and names in sorted order."""
    folder = config.locales_dir / lc.code
    if folder.is_dir():
        yield from catalog_files(os.fspath(folder))


def _posix_below(path: str, folder: str) -> str | None:
    """``path`` relative to ``folder`` (both resolved, posix) as ``relative_to`` gives it."""
    if folder == "/":
        return path[1:] if path.startswith("/") and path != "/" else None
    n = len(folder)
    if path.startswith(folder) and path[n : n + 1] == "/":
        return path[n + 1 :]
    return None


def _ids_and_shown(
    entry: os.DirEntry[str], locales: str, root: str, real_dirs: dict[str, str]
) -> tuple[str | None, str]:
    """(article id, path as reported in posix form) of a catalog found under ``locales``.

    The article id is :func:`~l10n.checks.project.catalog_ids` of the
    resolved path, the shown path the resolved path relative to the resolved
    project ``root`` (or the path itself outside it). Worked out on strings:
    a catalog that is not a symbolic link lies in its resolved folder, and
    each folder is resolved once (``real_dirs`` remembers them).
    """
    path = entry.path
    if os.name != "posix" or entry.is_symlink():
        return _ids_and_shown_slow(Path(path), Path(locales), Path(root))
    folder = os.path.dirname(path)
    real_folder = real_dirs.get(folder)
    if real_folder is None:
        real_folder = real_dirs[folder] = real_dir(os.path.abspath(folder))
    real = os.path.join(real_folder, entry.name)
    art_id = None
    rel = _posix_below(real, locales)
    if rel is not None:
        _lang, sep, rest = rel.partition("/")
        if sep and rest.endswith(".po"):  # the name ends with ".po" and has a stem
            art_id = rest[:-3]
    shown = _posix_below(real, root)
    return art_id, path if shown is None else shown


def _ids_and_shown_slow(path: Path, locales: Path, root: Path) -> tuple[str | None, str]:
    """:func:`_ids_and_shown` with paths (any system, links included)."""
    real = real_path(path)
    ids = catalog_ids(locales, real)
    try:
        shown = real.relative_to(root)
    except ValueError:
        shown = path
    return ids[1] if ids else None, shown.as_posix()


def _changed(config: ProjectConfig, ref: str | None) -> frozenset[Path] | None:
    """Changed files, or None for "everything" (no ref, or config/glossary changed)."""
    if ref is None:
        return None
    changed = changed_since(config.root, ref)
    if config.config_file.resolve() in changed or config.glossary_path.resolve() in changed:
        return None
    return changed


def check_project(
    config: ProjectConfig, options: CheckOptions = CheckOptions(), *, workers: int | None = None
) -> CheckReport:
    """Check sources, glossary and catalogs of a project.

    Raises :class:`~l10n.errors.L10nError` for configuration, glossary and
    source problems (nothing sensible can be checked then); an unreadable
    catalog is recorded in the report and the others are still checked.
    """
    glossary = _load_glossary(config)
    articles = discover_articles(config)
    lcs = _lang_configs(config, options.langs)
    wanted = {_norm_article(a) for a in options.articles}
    changed = _changed(config, options.changed_since)
    by_id = {a.id: a for a in articles}
    if wanted:
        unknown = sorted(w for w in wanted if not any(_article_wanted(a.id, {w}) for a in articles))
        if unknown:
            raise UsageError(
                f"--article {unknown[0]!r}: no such article in {config.sources_dir.name}/"
            )

    def selected(art_id: str | None, path: str) -> bool:
        if not _article_wanted(art_id, wanted):
            return False
        if changed is None:
            return True
        if Path(path).resolve() in changed:
            return True
        art = by_id.get(art_id) if art_id else None
        return art is not None and art.path.resolve() in changed

    targets: list[Target] = []
    locales = os.fspath(real_path(config.locales_dir))
    root = os.fspath(real_path(config.root))
    posix = os.name == "posix"
    real_dirs: dict[str, str] = {}
    for lc in lcs:
        policy = policy_of(lc)
        for entry in _catalogs_of(config, lc):
            path = entry.path
            art_id, shown = _ids_and_shown(entry, locales, root, real_dirs)
            if selected(art_id, path):
                key = path if posix else Path(path).as_posix()
                targets.append(Target(path, lc.code, art_id, policy, shown, key))
    chosen_articles = [
        a
        for a in articles
        if _article_wanted(a.id, wanted) and (changed is None or a.path.resolve() in changed)
    ]
    if options.shard is not None:
        keys = [t.shown or t.posix for t in targets]
        targets = options.shard.pick(targets, keys)
        if not options.shard.first:
            chosen_articles = []
    job = Job(
        config,
        config.source_language.code,
        glossary,
        {a.id: a for a in chosen_articles},
        config.root,
        False,
        tuple(lcs),
    )
    return run(job, targets, chosen_articles, options.shard, workers)


# -- files mode -----------------------------------------------------------------------


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            for dirpath, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(dirpath) / f for f in sorted(files) if f.endswith(".po"))
        elif p.is_file():
            out.append(p)
        else:
            raise UsageError("no such file or folder", path=p)
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


def _guess_lang(path: Path) -> str | None:
    """The language of a PO file outside a project.

    From the parent folder (``ru/x.po``), then the file name (``ru.po``).
    """
    for candidate in (path.parent.name, path.stem):
        lang = language_or_none(candidate) if candidate and len(candidate) <= 12 else None
        if lang is not None:
            return lang.code
    return None


def check_paths(
    paths: Sequence[Path],
    options: CheckOptions = CheckOptions(),
    config: ProjectConfig | None = None,
    *,
    workers: int | None = None,
) -> CheckReport:
    """Check the given PO files and folders (inside or outside a project).

    Inside a project a catalog gets its language's policy, the project's
    severities and the glossary; outside, every language is required and the
    language comes from the folder name, the file name or the header.
    """
    files = _expand(paths)
    glossary = _load_glossary(config) if config is not None else None
    wanted = {_norm_article(a) for a in options.articles}
    langs = {language(c).code for c in options.langs}
    changed = None
    if options.changed_since is not None:
        start = config.root if config is not None else Path.cwd()
        changed = changed_since(start, options.changed_since)
    targets: list[Target] = []
    for f in files:
        lang: str | None = None
        art_id: str | None = None
        policy = Policy()
        ids = article_id_for_catalog(config, f) if config is not None else None
        if config is not None and ids is not None:
            lang, art_id = ids
            try:
                policy = policy_of(config.language(lang))
            except L10nError:
                policy = Policy()
        else:
            lang = _guess_lang(f)
            art_id = f.stem
        if langs and lang not in langs:
            continue
        if not _article_wanted(art_id, wanted):
            continue
        if changed is not None and f.resolve() not in changed:
            continue
        targets.append(Target(os.fspath(f), lang, art_id, policy, None, f.as_posix()))
    if options.shard is not None:
        targets = options.shard.pick(targets, [t.posix for t in targets])
    source_lang = config.source_language.code if config is not None else "en"
    root = config.root if config is not None else None
    job = Job(config, source_lang, glossary, {}, root, True, ())
    return run(job, targets, [], options.shard, workers)
