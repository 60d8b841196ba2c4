"""Project commands: ``init``, ``sync``, ``status``."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from l10n.cli.common import Context, echo_json, format_option, lang_option, pass_context, use_color
from l10n.errors import GateFailed
from l10n.model import UnitState

# Each command imports its library module when it runs: ``status`` does not load
# segmentation and merging, ``sync`` does not load the status counters.
if TYPE_CHECKING:
    from l10n.status import LanguageStatus, StatusReport
    from l10n.sync import SyncReport


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--source-lang", default="en", show_default=True, help="Language of the articles.")
@lang_option
def init(folder: Path, source_lang: str, langs: tuple[str, ...]) -> None:
    """Set up a new project in FOLDER: l10n.toml, sources/, locales/, glossary.yml."""
    from l10n.project import init_project

    folder.mkdir(parents=True, exist_ok=True)
    created = init_project(folder.resolve(), source_lang, langs)
    for path in created:
        click.echo(f"created {path}")
    click.echo("next: put articles in sources/ and run 'l10n sync'")


@click.command()
@lang_option
@click.option("--article", "-a", "articles", multiple=True, help="Only this article (repeatable).")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--check", is_flag=True, help="Exit 1 if anything would change; write nothing.")
@click.option("--no-cache", is_flag=True, help="Re-read every catalog even if nothing changed.")
@format_option
@pass_context
def sync(
    ctx: Context,
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    dry_run: bool,
    check: bool,
    no_cache: bool,
    fmt: str,
) -> None:
    """Bring the PO catalogs in line with the source articles.

    New sentences get empty entries, changed ones keep their old translation
    marked fuzzy (with the previous source as '#|'), removed ones become obsolete.
    """
    from l10n.sync import sync_project

    report = sync_project(
        ctx.config,
        langs=langs,
        articles=articles,
        dry_run=dry_run or check,
        use_cache=not no_cache,
    )
    if fmt == "json":
        echo_json(_sync_json(report))
    else:
        _print_sync(report, ctx)
    if check and report.changed_files:
        raise GateFailed(
            f"{len(report.changed_files)} file(s) are out of date with the sources",
            hint="run 'l10n sync' and commit the result",
        )


def _sync_json(report: SyncReport) -> dict[str, object]:
    return {
        "written": report.written,
        "skipped": report.skipped,
        "orphans": [p.as_posix() for p in report.orphans],
        "files": [
            {
                "lang": c.lang,
                "article": c.article,
                "path": c.path.as_posix(),
                "created": c.created,
                "changed": c.changed,
                "added": c.stats.added,
                "fuzzy": c.stats.fuzzy,
                "obsolete": c.stats.obsolete,
                "resurrected": c.stats.resurrected,
                "unchanged": c.stats.unchanged,
            }
            for c in report.changes
        ],
    }


def _print_sync(report: SyncReport, ctx: Context) -> None:
    verb = "written" if report.written else "would change"
    langs = sorted({c.lang for c in report.changes})
    for lang in langs:
        t = report.totals(lang)
        files = [c for c in report.changes if c.lang == lang]
        changed = sum(c.changed for c in files)
        click.echo(
            f"{lang}: {t.added} added, {t.fuzzy} fuzzy, {t.obsolete} obsolete, "
            f"{t.unchanged} unchanged; {changed} of {len(files)} file(s) {verb}"
        )
    if not report.changes:
        click.echo("nothing to do: every catalog is up to date")
    elif report.skipped:
        click.echo(f"({report.skipped} unchanged catalog(s) skipped)")
    for c in report.changed_files:
        if not report.written:
            click.echo(f"  {c.path.relative_to(ctx.config.root).as_posix()}")
    for orphan in report.orphans:
        click.echo(
            f"warning: {orphan.relative_to(ctx.config.root).as_posix()} has no source article "
            "(kept; delete it if the article is gone for good)",
            err=True,
        )


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@lang_option
@click.option("--article", "-a", "articles", multiple=True, help="Only this article (repeatable).")
@format_option
@pass_context
def status(
    ctx: Context,
    paths: tuple[Path, ...],
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    fmt: str,
) -> None:
    """Units and source words per state, per language and article.

    With PATHS (PO files or folders), report on those files, even outside a project.
    """
    from l10n.status import files_status, project_status

    if paths:
        files = sorted(
            {f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*.po")))}
        )
        report = files_status(files)
    else:
        report = project_status(ctx.config, langs=langs, articles=articles)
    if fmt == "json":
        click.echo(dumps_indented(report.as_dict()))
    else:
        click.echo(render_status(report, color=use_color()), nl=False)


def dumps_indented(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` (what echo_json prints), faster.

    The standard encoder writes indented JSON in pure Python, a chunk at a time;
    a status report of thousands of catalogs is written here in about half the
    time. Anything but dicts with string keys, lists, strings, numbers, booleans
    and None is left to the json module.
    """
    parts: list[str] = []
    try:
        _encode(value, "\n", parts)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)
    return "".join(parts)


def _json_float(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else json.dumps(value)


def _json_bool(value: bool) -> str:
    return "true" if value else "false"


def _json_null(_value: None) -> str:
    return "null"


_JSON_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _json_float,
    bool: _json_bool,
    type(None): _json_null,
}


def _encode(value: object, newline: str, parts: list[str]) -> None:
    """Append the JSON of ``value``; ``newline`` is a line break and the current indent."""
    scalar = _JSON_SCALARS.get(type(value))
    if scalar is not None:
        parts.append(scalar(value))
        return
    inner = newline + "  "
    if type(value) is dict:
        if not value:
            parts.append("{}")
            return
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(key)
            scalar = _JSON_SCALARS.get(type(item))
            if scalar is not None:
                parts.append(f"{sep}{encode_basestring(key)}: {scalar(item)}")
            else:
                parts.append(f"{sep}{encode_basestring(key)}: ")
                _encode(item, inner, parts)
            sep = "," + inner
        parts.append(newline + "}")
    elif type(value) is list or type(value) is tuple:
        if not value:
            parts.append("[]")
            return
        sep = "[" + inner
        for item in value:
            parts.append(sep)
            _encode(item, inner, parts)
            sep = "," + inner
        parts.append(newline + "]")
    else:
        raise TypeError(value)


_COLORS = {
    UnitState.UNTRANSLATED: "red",
    UnitState.FUZZY: "yellow",
    UnitState.TRANSLATED: "cyan",
    UnitState.REVIEWED: "green",
}


def render_status(report: StatusReport, *, color: bool = False) -> str:
    """The terminal table: one block per language, one row per article."""
    lines: list[str] = []
    for ls in report.languages:
        lines.extend(_language_block(ls, color))
    return "\n".join(lines) + ("\n" if lines else "")


def _language_block(ls: LanguageStatus, color: bool) -> list[str]:
    policy = ls.policy
    tags = []
    if policy is not None:
        tags.append("required" if policy.required else "optional")
        if policy.review_required:
            tags.append("review required")
    head = f"{ls.lang}" + (f" ({', '.join(tags)})" if tags else "")
    width = max([len("article"), *(len(c.article) for c in ls.catalogs)])
    cols = ["untransl", "fuzzy", "transl", "reviewed"]
    out = [
        head,
        f"  {'article':<{width}}  "
        + "  ".join(f"{c:>8}" for c in cols)
        + f"  {'words':>6}  {'done':>6}  notes",
    ]
    colors = [_COLORS[state] for state in UnitState]
    ready: list[str] = []
    for c in ls.catalogs:
        counts = c.units.as_tuple()
        cells = [f"{n:>8}" for n in counts]
        if color:
            cells = [
                click.style(cell, fg=fg) if n else cell
                for cell, n, fg in zip(cells, counts, colors, strict=True)
            ]
        notes = []
        if not c.exists:
            notes.append("not synced")
        if c.ready(policy):
            notes.append("ready")
            ready.append(c.article)
        if c.stale_reviews:
            notes.append(f"{c.stale_reviews} stale review(s)")
        if c.machine:
            notes.append(f"{c.machine} machine")
        out.append(
            f"  {c.article:<{width}}  {'  '.join(cells)}  {c.words.total:>6}  "
            f"{c.percent_translated:>5.1f}%  {', '.join(notes)}".rstrip()
        )
    u = ls.units
    out.append(
        f"  {'total':<{width}}  "
        + "  ".join(f"{u.get(s):>8}" for s in UnitState)
        + f"  {ls.words.total:>6}  {ls.percent_translated:>5.1f}%"
    )
    out.append(f"  ready to publish: {', '.join(ready) if ready else 'none'}")
    out.append("")
    return out
