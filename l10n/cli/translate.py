"""``l10n translate``: fill untranslated units from memory and machine translation."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from l10n.cli.common import Context, echo_json, format_option, lang_option, pass_context
from l10n.machine.plan import TranslateOptions
from l10n.machine.providers import PROVIDERS, supported_targets
from l10n.machine.run import TranslateReport, translate_project


class _Bar:
    """click.progressbar with counts and ETA on stderr; silent off a terminal or in CI."""

    def __init__(self) -> None:
        self._bar: Any = None

    @staticmethod
    def wanted() -> bool:
        return sys.stderr.isatty() and not os.environ.get("CI")

    def start(self, lang: str, total: int) -> None:
        self.finish()
        if total:
            self._bar = click.progressbar(
                length=total,
                label=f"{lang}",
                show_eta=True,
                show_pos=True,
                file=sys.stderr,
            )
            self._bar.__enter__()

    def advance(self, units: int) -> None:
        if self._bar is not None:
            self._bar.update(units)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _rel(ctx: Context, path: Any) -> str:
    try:
        return str(path.relative_to(ctx.config.root))
    except ValueError:
        return str(path)


def _report_json(ctx: Context, report: TranslateReport) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "providers": dict(report.providers),
        "requests": report.requests,
        "characters": report.characters,
        "left_out_by_limit": report.left_out,
        "totals": {
            "memory": report.total("memory"),
            "memory_trusted": report.total("memory_trusted"),
            "machine": report.total("machine"),
            "cached": report.total("cached"),
            "warnings": report.total("warnings"),
        },
        "catalogs": [
            {
                "lang": c.lang,
                "article": c.article,
                "path": _rel(ctx, c.path),
                "memory": c.memory,
                "memory_trusted": c.memory_trusted,
                "machine": c.machine,
                "cached": c.cached,
                "warnings": c.warnings,
                "written": c.written,
                "missing": c.missing,
            }
            for c in report.catalogs
        ],
    }


def _report_text(ctx: Context, report: TranslateReport) -> None:
    verb = "would fill" if report.dry_run else "filled"
    for lang, provider in report.providers.items():
        rows = [c for c in report.catalogs if c.lang == lang]
        memory = sum(c.memory for c in rows)
        trusted = sum(c.memory_trusted for c in rows)
        machine = sum(c.machine for c in rows)
        cached = sum(c.cached for c in rows)
        flagged = sum(c.warnings for c in rows)
        click.echo(
            f"{lang}: {verb} {memory} unit(s) from memory ({trusted} exact reviewed match(es) "
            f"stored as translated), {machine} by machine translation ({provider}"
            f"{f'; {cached} from cache' if cached else ''}); "
            f"{flagged} unit(s) flagged for the reviewer"
        )
        for c in rows:
            if c.missing:
                click.echo(f"  {_rel(ctx, c.path)}: no catalog yet (run 'l10n sync')")
            elif c.written:
                click.echo(f"  wrote {_rel(ctx, c.path)}")
    sent = "would send" if report.dry_run else "sent"
    click.echo(f"{sent} {report.requests} request(s), {report.characters} character(s)")
    if report.left_out:
        click.echo(f"{report.left_out} unit(s) left for a later run (--limit)")


def _list_providers(ctx: Context, langs: tuple[str, ...]) -> None:
    codes = langs or (ctx.config.codes if ctx.has_project() else ("ru", "uk", "ko"))
    click.echo("provider   " + " ".join(f"{c:>4}" for c in codes) + "  notes")
    for spec in PROVIDERS.values():
        support = supported_targets(spec, tuple(codes))
        cells = " ".join(
            f"{'yes' if v else 'no' if v is False else '?':>4}" for v in support.values()
        )
        key = f"key in ${spec.key_env}" if spec.key_required and spec.key_env else "no key"
        click.echo(f"{spec.name:<10} {cells}  {key}; {spec.note}")
    click.echo("? = the provider reports its languages when the run starts")


@click.command("translate")
@lang_option
@click.argument("articles", nargs=-1)
@click.option("--provider", default=None, help="Provider for this run (overrides configuration).")
@click.option("--dry-run", is_flag=True, help="Show what would be filled and sent; change nothing.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="Fill at most N units in this run (memory and machine together).",
)
@click.option(
    "--refill-machine",
    is_flag=True,
    help="Also refill fuzzy units that still hold machine or memory output.",
)
@click.option("--no-memory", is_flag=True, help="Do not use translation memory.")
@click.option("--list-providers", is_flag=True, help="Show which provider supports which language.")
@format_option
@pass_context
def translate(
    ctx: Context,
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    provider: str | None,
    dry_run: bool,
    limit: int | None,
    refill_machine: bool,
    no_memory: bool,
    list_providers: bool,
    fmt: str,
) -> None:
    """Fill untranslated units: translation memory first, then machine translation.

    Output is stored fuzzy with a '# l10n-mt' or '# l10n-tm' record; human
    translations are never overwritten. Credentials come from environment
    variables only.
    """
    if list_providers:
        _list_providers(ctx, langs)
        return
    options = TranslateOptions(
        langs=langs,
        articles=articles,
        provider=provider,
        dry_run=dry_run,
        limit=limit,
        refill_machine=refill_machine,
        use_memory=not no_memory,
    )
    bar = _Bar() if (_Bar.wanted() and fmt == "text" and not dry_run) else None
    try:
        report = translate_project(ctx.config, options, progress=bar)
    finally:
        if bar is not None:
            bar.finish()
    if fmt == "json":
        echo_json(_report_json(ctx, report))
    else:
        _report_text(ctx, report)
