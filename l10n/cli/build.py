"""``l10n build``: publish translated articles with the source layout (and MO files)."""

from __future__ import annotations

from pathlib import Path

import click

from l10n.build import ArticleBuild, BuildOptions, BuildReport, Outcome, build_project
from l10n.cli.common import Context, echo_json, format_option, lang_option, pass_context
from l10n.model import PublishPolicy


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _line(item: ArticleBuild, root: Path) -> str:
    head = f"{item.lang}  {item.article}"
    if item.outcome is Outcome.BELOW_MINIMUM:
        return (
            f"{head}: not written: {item.published} of {item.units} units ({item.percent:g}%) "
            f"meet the policy '{item.policy.value}', the minimum is {item.min_percent:g}%"
        )
    verb = "wrote" if item.outcome is Outcome.WRITTEN else "up to date"
    text = f"{head}: {verb} {_rel(item.output, root)}"
    if item.fallback:
        text += (
            f"; {item.fallback} of {item.units} units fell back to the source text"
            f" (policy {item.policy.value})"
        )
    else:
        text += f"; all {item.units} units translated"
    if not item.catalog_found:
        text += " (no catalog: run 'l10n sync')"
    if item.mo_output is not None:
        text += f"; MO {_rel(item.mo_output, root)}" + ("" if item.mo_written else " (up to date)")
    return text


def _summary(report: BuildReport) -> str:
    built = [i for i in report.items if i.outcome is not Outcome.BELOW_MINIMUM]
    fell = sum(i.fallback for i in built)
    held = len(report.below_minimum)
    text = f"{len(built)} article(s) built, {fell} unit(s) fell back to the source"
    if held:
        text += f", {held} not written (below the minimum percent)"
    return text


@click.command()
@lang_option
@click.option("--article", "-a", "articles", multiple=True, help="Only this article (repeatable).")
@click.option(
    "--policy",
    type=click.Choice([p.value for p in PublishPolicy]),
    default=None,
    help="Which units to publish; others keep the source text "
    "[default: 'reviewed' if the language requires review, else 'translated'].",
)
@click.option(
    "--min-percent",
    type=click.FloatRange(0, 100),
    default=None,
    help="Do not write an article with fewer publishable units than this percent "
    "[default: the language's min-percent, 100 unless configured].",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [default: build/ under the project root].",
)
@click.option("--strict", is_flag=True, help="Exit 1 if an article is below its minimum.")
@click.option("--mo", is_flag=True, help="Also compile each catalog to a MO file (fuzzy excluded).")
@format_option
@pass_context
def build(
    ctx: Context,
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    policy: str | None,
    min_percent: float | None,
    out_dir: Path | None,
    strict: bool,
    mo: bool,
    fmt: str,
) -> None:
    """Write each article in each language with exactly the source layout.

    Units whose state meets the policy are replaced by their translation; the
    rest keep the source text. Output: OUT/<lang>/<article>.<ext>.
    """
    config = ctx.config
    options = BuildOptions(
        langs=langs,
        articles=articles,
        policy=PublishPolicy(policy) if policy else None,
        min_percent=min_percent,
        out_dir=out_dir.resolve() if out_dir is not None else None,
        mo=mo,
    )
    report = build_project(config, options)
    if fmt == "json":
        echo_json(report.as_dict())
    else:
        for item in report.items:
            click.echo(_line(item, config.root), err=item.outcome is Outcome.BELOW_MINIMUM)
        click.echo(_summary(report))
    if strict:
        report.gate()
