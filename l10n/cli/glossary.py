"""``l10n glossary``: validate, list, show, lint, suggest, export and import the glossary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from l10n.cli.common import Context, echo_json, format_option, pass_context
from l10n.config import ProjectConfig
from l10n.errors import ExchangeError, GateFailed, GlossaryError, SourceError
from l10n.fsutil import atomic_write, project_lock
from l10n.glossary import (
    Concept,
    Glossary,
    TextFile,
    dump_glossary,
    export_csv,
    export_tbx,
    fix_sources,
    import_csv,
    import_tbx,
    lint_sources,
    load_glossary,
    suggest_terms,
    validate_glossary,
)
from l10n.glossary.loader import check_glossary_bytes
from l10n.model import SourceFormat

_HEADER = (
    "# Glossary of names and titles: one entry per concept ('l10n glossary validate' checks it).\n"
)


def _glossary(config: ProjectConfig) -> Glossary:
    return load_glossary(config.glossary_path, config)


def _sources(config: ProjectConfig) -> list[TextFile]:
    try:
        from l10n.articles import discover_articles
    except ImportError:  # segmentation not available: read the source files directly
        return _read_sources(config.sources_dir)
    return [TextFile(a.path, a.text) for a in discover_articles(config)]


def _read_sources(folder: Path) -> list[TextFile]:
    out: list[TextFile] = []
    if not folder.is_dir():
        raise SourceError("the sources folder does not exist", path=folder)
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or SourceFormat.for_suffix(path.suffix) is None:
            continue
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            out.append(TextFile(path, path.read_text(encoding="utf-8-sig")))
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read: {exc}", path=path) from None
    return out


def _rel(config: ProjectConfig, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return str(path)


@click.group("glossary")
def glossary() -> None:
    """Names and titles: one concept per entry, with renderings per language."""


@glossary.command("validate")
@pass_context
def validate_cmd(ctx: Context) -> None:
    """Check glossary.yml; every problem with file, line and key. Exit 2 on errors."""
    config = ctx.config
    errors = validate_glossary(config.glossary_path, config)
    for err in errors:
        click.echo(f"l10n: error: {err}", err=True)
    if errors:
        click.echo(f"{len(errors)} problem(s) in {_rel(config, config.glossary_path)}", err=True)
        sys.exit(2)
    count = len(_glossary(config).concepts)
    click.echo(f"{_rel(config, config.glossary_path)}: {count} concept(s), valid")


def _concept_json(c: Concept) -> dict[str, Any]:
    return {
        "id": c.id,
        "terms": [{"text": t.text, "status": t.status.value} for t in c.terms],
        "note": c.note,
        "dnt": c.dnt,
        "targets": {
            e.lang: [{"text": t.text, "status": t.status.value} for t in e.terms] for e in c.targets
        },
    }


@glossary.command("list")
@format_option
@pass_context
def list_cmd(ctx: Context, fmt: str) -> None:
    """Every concept: id, preferred term and renderings."""
    g = _glossary(ctx.config)
    if fmt == "json":
        echo_json([_concept_json(c) for c in g.concepts])
        return
    for c in g.concepts:
        renderings = "; ".join(f"{e.lang}: {e.preferred.text}" for e in c.targets)
        extra = " [do not translate]" if c.dnt else ""
        click.echo(f"{c.id}\t{c.preferred.text}{extra}\t{renderings}")


@glossary.command("show")
@click.argument("term")
@format_option
@pass_context
def show_cmd(ctx: Context, term: str, fmt: str) -> None:
    """One concept, found by its id or any of its terms."""
    g = _glossary(ctx.config)
    c = g.concept(term)
    if c is None:
        raise GlossaryError(
            f"no concept with the id or term {term!r}",
            path=ctx.config.glossary_path,
            hint="'l10n glossary list' shows every concept",
        )
    if fmt == "json":
        echo_json(_concept_json(c))
        return
    click.echo(f"{c.id}" + (f" (line {c.line})" if c.line else ""))
    for t in c.terms:
        click.echo(f"  {t.status.value:<10} {t.text}")
    if c.note:
        click.echo(f"  note       {c.note}")
    if c.dnt:
        click.echo("  do not translate")
    for e in c.targets:
        click.echo(f"  [{e.lang}]")
        for t in e.terms:
            label = "forbidden" if t.status.value == "deprecated" else t.status.value
            click.echo(f"    {label:<10} {t.text}")
        if e.note:
            click.echo(f"    note       {e.note}")


@glossary.command("lint")
@click.option("--fix", is_flag=True, help="Rewrite deprecated forms in the source files.")
@format_option
@pass_context
def lint_cmd(ctx: Context, fix: bool, fmt: str) -> None:
    """Deprecated source forms in the articles (exit 1 if any remain)."""
    config = ctx.config
    g = _glossary(config)
    sources = _sources(config)
    if fix:
        with project_lock(config.root):
            changed = fix_sources(g, [s.path for s in sources])
        for path, n in changed:
            click.echo(f"fixed {n} term(s) in {_rel(config, path)}")
        sources = _sources(config)
    findings = lint_sources(g, sources)
    if fmt == "json":
        echo_json(
            [
                {
                    "path": _rel(config, f.path),
                    "line": f.line,
                    "column": f.column,
                    "concept": f.concept_id,
                    "found": f.found,
                    "replacement": f.replacement,
                }
                for f in findings
            ]
        )
    else:
        for f in findings:
            click.echo(f"{_rel(config, f.path)}:{f.line}:{f.column}: {f.message} [{f.concept_id}]")
    if findings:
        raise GateFailed(
            f"{len(findings)} deprecated term(s)", hint="run 'l10n glossary lint --fix'"
        )


@glossary.command("suggest")
@click.option("--min-count", type=click.IntRange(1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@format_option
@pass_context
def suggest_cmd(ctx: Context, min_count: int, limit: int, fmt: str) -> None:
    """Names and acronyms in the sources that the glossary lacks, most frequent first."""
    config = ctx.config
    g = _glossary(config) if config.glossary_path.is_file() else Glossary(())
    cands = suggest_terms(g, _sources(config), min_count=min_count, limit=limit)
    if fmt == "json":
        echo_json(
            [
                {
                    "term": c.term,
                    "kind": c.kind.value,
                    "count": c.count,
                    "articles": c.articles,
                    "example": c.example,
                }
                for c in cands
            ]
        )
        return
    for c in cands:
        click.echo(f"{c.count:>5}  {c.term}  ({c.kind.value}, {c.articles} article(s))")


@glossary.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(["tbx", "csv"]), default="tbx", show_default=True
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_context
def export_cmd(ctx: Context, fmt: str, output: Path | None) -> None:
    """Write the glossary as TBX or CSV (to stdout without -o)."""
    config = ctx.config
    g = _glossary(config)
    src = config.source_language.code
    data = export_tbx(g.concepts, src) if fmt == "tbx" else export_csv(g.concepts, src)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        atomic_write(output, data)
        click.echo(f"wrote {len(g.concepts)} concept(s) to {output}")


@glossary.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["auto", "tbx", "csv"]), default="auto", show_default=True
)
@click.option(
    "--replace", is_flag=True, help="Replace the whole glossary instead of merging by concept id."
)
@pass_context
def import_cmd(ctx: Context, file: Path, fmt: str, replace: bool) -> None:
    """Read TBX or CSV into glossary.yml (same-id concepts are replaced, new ones appended)."""
    config = ctx.config
    kind = fmt if fmt != "auto" else ("csv" if file.suffix.lower() == ".csv" else "tbx")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"cannot read: {exc.strerror or exc}", path=file) from None
    src = config.source_language.code
    incoming = import_csv(data, file, src) if kind == "csv" else import_tbx(data, file, src)
    with project_lock(config.root):
        existing: list[Concept] = []
        if not replace and config.glossary_path.is_file():
            existing = list(_glossary(config).concepts)
        by_id = {c.id: i for i, c in enumerate(existing)}
        for c in incoming:
            if c.id in by_id:
                existing[by_id[c.id]] = c
            else:
                by_id[c.id] = len(existing)
                existing.append(c)
        out = dump_glossary(existing, _HEADER)
        _, errors = check_glossary_bytes(out, config.glossary_path, config.codes)
        if errors:
            first = errors[0]
            raise GlossaryError(
                f"the imported glossary would be invalid: {first.message}",
                path=file,
                hint=first.hint,
            )
        atomic_write(config.glossary_path, out)
    click.echo(f"imported {len(incoming)} concept(s) into {_rel(config, config.glossary_path)}")
