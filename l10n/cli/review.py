"""``l10n review``: approve, reject, list, log, and the interactive walk.

``l10n review LANG [ARTICLE]`` is short for ``l10n review walk LANG [ARTICLE]``:
the group sends any first word that is not a subcommand to ``walk`` (language
codes never collide with the subcommand names).
"""

from __future__ import annotations

import datetime as _dt
import enum
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

import click

from l10n.cli.common import Context, echo_json, format_option, pass_context, use_color
from l10n.errors import ReviewError
from l10n.model import UnitState
from l10n.records import MachineRecord, RejectRecord, parse_records
from l10n.review import (
    Approve,
    BatchResult,
    Decision,
    Edit,
    LogKind,
    Reject,
    Unit,
    apply_decision,
    approve_units,
    reject_units,
    resolve_reviewer,
    review_log,
    review_queue,
)
from l10n.review.findings import UnitChecks

STATE_CHOICES = [s.label for s in UnitState] + ["all"]


class ReviewGroup(click.Group):
    """Routes ``l10n review LANG ...`` to the ``walk`` subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["walk", *args]
        return super().parse_args(ctx, args)


def _style(text: str, **styles: Any) -> str:
    return click.style(text, **styles) if use_color() else text


def _today() -> _dt.date:
    return _dt.date.today()


def _reviewer(ctx: Context, by: str | None) -> str:
    return resolve_reviewer(by, ctx.config.root, os.environ)


by_option = click.option(
    "--by",
    "by",
    metavar="NAME",
    default=None,
    help="Reviewer name (default: $L10N_REVIEWER, then git's user.name).",
)
unit_option = click.option(
    "--unit",
    "-u",
    "units",
    multiple=True,
    metavar="ID",
    help="Unit id (8 hex digits) or 1-based position, as shown by 'review list'. Repeatable.",
)


@click.group(cls=ReviewGroup)
def review() -> None:
    """Review translations: walk, approve, reject, list, log.

    \b
    l10n review LANG [ARTICLE] is short for l10n review walk LANG [ARTICLE].

    A review is a '# l10n-review: DATE HASH NAME' translator comment; it
    counts only while HASH matches context, source and translation, so any
    later edit makes it stale. Each unit keeps only its newest review.

    Units are named by id (first 8 hex digits of the SHA-256 of the msgid,
    or of msgctxt + EOT + msgid; stable across syncs) or by their 1-based
    position in the article.
    """


def _unit_label(unit: Unit) -> str:
    return f"{unit.article} #{unit.position} {unit.id}"


def _unit_json(unit: Unit) -> dict[str, Any]:
    e = unit.entry
    return {
        "lang": unit.lang,
        "article": unit.article,
        "position": unit.position,
        "unit": unit.id,
        "state": unit.state.label,
        "stale_review": unit.stale,
        "context": e.msgctxt,
        "source": e.msgid,
        "source_plural": e.msgid_plural,
        "translation": list(e.translations) if e.msgid_plural is not None else e.msgstr,
        "line": e.line or None,
    }


def _report_batch(result: BatchResult, verb: str, explicit: bool, fmt: str, who: str) -> None:
    if fmt == "json":
        echo_json(
            {
                verb: [_unit_json(u) for u in result.changed],
                "skipped": [
                    {**_unit_json(s.unit), "reason": s.reason.value} for s in result.skipped
                ],
                "reviewer": who,
                "written": [str(p) for p in result.written],
            }
        )
        return
    click.echo(f"{verb} {len(result.changed)} unit(s) as {who}")
    if explicit:
        for u in result.changed:
            click.echo(f"  {_unit_label(u)}")
        for s in result.skipped:
            click.echo(f"skipped {_unit_label(s.unit)}: {s.reason.value}: {s.reason.explanation}")
    elif result.skipped:
        tally = Counter(s.reason for s in result.skipped)
        parts = ", ".join(f"{n} {reason.value}" for reason, n in tally.items())
        click.echo(f"skipped {len(result.skipped)} unit(s) that cannot be approved: {parts}")
    click.echo(f"{len(result.written)} file(s) written")


@review.command("approve")
@click.argument("lang")
@click.argument("article", required=False)
@unit_option
@click.option("--all-translated", is_flag=True, help="Approve every translated unit in scope.")
@by_option
@format_option
@pass_context
def approve_cmd(
    ctx: Context,
    lang: str,
    article: str | None,
    units: tuple[str, ...],
    all_translated: bool,
    by: str | None,
    fmt: str,
) -> None:
    """Record reviews for translated units (not empty, not fuzzy).

    Give --unit (with ARTICLE) or --all-translated. Approving a unit again
    replaces its older review record; skipped units are listed with the reason.
    """
    who = _reviewer(ctx, by)
    result = approve_units(
        ctx.config,
        lang,
        article,
        units=units,
        all_translated=all_translated,
        reviewer=who,
        today=_today(),
    )
    _report_batch(result, "approved", bool(units), fmt, who)


@review.command("reject")
@click.argument("lang")
@click.argument("article")
@unit_option
@click.option("--note", "-m", required=True, help="What the translator should fix.")
@by_option
@format_option
@pass_context
def reject_cmd(
    ctx: Context,
    lang: str,
    article: str,
    units: tuple[str, ...],
    note: str,
    by: str | None,
    fmt: str,
) -> None:
    """Mark units fuzzy and leave a note for the translator."""
    who = _reviewer(ctx, by)
    result = reject_units(
        ctx.config, lang, article, units=units, note=note, reviewer=who, today=_today()
    )
    _report_batch(result, "rejected", True, fmt, who)


def _states(chosen: Sequence[str]) -> tuple[UnitState, ...]:
    if not chosen:
        return (UnitState.TRANSLATED,)
    if "all" in chosen:
        return tuple(UnitState)
    return tuple(UnitState.from_label(c) for c in chosen)


@review.command("list")
@click.argument("lang")
@click.argument("article", required=False)
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATE_CHOICES),
    help="Units in this state (repeatable; default: translated, i.e. awaiting review).",
)
@format_option
@pass_context
def list_cmd(
    ctx: Context, lang: str, article: str | None, states: tuple[str, ...], fmt: str
) -> None:
    """List units with their ids (the review queue by default)."""
    wanted = _states(states)
    queue = review_queue(ctx.config, lang, article, wanted)
    if fmt == "json":
        echo_json([_unit_json(u) for u in queue])
        return
    if not queue:
        names = ", ".join(s.label for s in wanted)
        click.echo(f"no {names} units")
        return
    current = None
    for u in queue:
        if u.article != current:
            current = u.article
            click.echo(_style(f"{u.lang}  {u.article}", bold=True))
        stale = "  (stale review)" if u.stale else ""
        click.echo(f"  #{u.position:<4} {u.id}  {u.state.label}{stale}")
        click.echo(f"        {_one_line(u.entry.msgid)}")
        for form in u.entry.translations:
            click.echo(f"      → {_one_line(form)}")
    click.echo(f"{len(queue)} unit(s)")


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


@review.command("log")
@click.argument("lang", required=False)
@click.argument("article", required=False)
@format_option
@pass_context
def log_cmd(ctx: Context, lang: str | None, article: str | None, fmt: str) -> None:
    """Who reviewed or rejected what, and when, per language and article."""
    entries = review_log(ctx.config, lang, article)
    if fmt == "json":
        echo_json([e.as_dict() for e in entries])
        return
    if not entries:
        click.echo("no review records")
        return
    current: tuple[str, str] | None = None
    for e in entries:
        if (e.lang, e.article) != current:
            current = (e.lang, e.article)
            click.echo(_style(f"{e.lang}  {e.article}", bold=True))
        if e.kind is LogKind.REVIEW:
            status = "valid" if e.current else "stale"
            tail = ""
        else:
            status = "open" if e.current else "resolved"
            tail = f": {e.note}"
        click.echo(
            f"  {e.date.isoformat()}  {e.kind.value:<6}  {e.reviewer}  "
            f"#{e.position} {e.unit_id}  {status}{tail}"
        )


# -- the interactive walk ---------------------------------------------------


def _show(checks: UnitChecks, unit: Unit, n: int, total: int) -> None:
    e = unit.entry
    stale = " (stale review)" if unit.stale else ""
    click.echo("")
    click.echo(
        _style(
            f"[{n}/{total}] {unit.lang} {_unit_label(unit)}  {unit.state.label}{stale}", bold=True
        )
    )
    if e.msgctxt is not None:
        click.echo(f"context:     {_one_line(e.msgctxt)}")
    if e.fuzzy and e.previous_msgid is not None:
        click.echo(f"was:         {_one_line(e.previous_msgid)}")
    click.echo(f"source:      {_one_line(e.msgid)}")
    if e.msgid_plural is not None:
        click.echo(f"plural:      {_one_line(e.msgid_plural)}")
        for i, form in enumerate(e.translations):
            click.echo(f"form [{i}]:    {_one_line(form)}")
    else:
        click.echo(f"translation: {_one_line(e.msgstr)}")
    for hint in e.extracted_comments:
        click.echo(f"hint:        {hint}")
    for rec in parse_records(e.translator_comments):
        if isinstance(rec, RejectRecord):
            click.echo(f"rejected:    {rec.date.isoformat()} {rec.reviewer}: {rec.note}")
        elif isinstance(rec, MachineRecord):
            model = f" {rec.model}" if rec.model else ""
            click.echo(f"machine:     {rec.provider}{model} ({rec.date.isoformat()})")
    findings = checks.for_unit(unit.path, e)
    if findings is None:
        click.echo("checks:      (not available)")
    elif not findings:
        click.echo("checks:      ok")
    else:
        for f in findings:
            click.echo(f"check:       {f.severity} {f.check}: {f.message}")


def _ask_edit(unit: Unit) -> Edit:
    e = unit.entry
    if e.msgid_plural is None:
        text = click.prompt(
            "new translation (Enter keeps it)", default=e.msgstr, show_default=False
        )
        return Edit((text,))
    forms = tuple(
        click.prompt(f"form [{i}] (Enter keeps it)", default=form, show_default=False)
        for i, form in enumerate(e.translations)
    )
    return Edit(forms)


_ACTIONS = "[a]pprove  [r]eject  [e]dit  [s]kip  [q]uit"


class Step(enum.Enum):
    """Walk answers that write nothing."""

    SKIP = "skip"
    QUIT = "quit"


def _decide(unit: Unit) -> Decision | Step:
    while True:
        choice = click.prompt(
            _ACTIONS, type=click.Choice(["a", "r", "e", "s", "q"]), show_choices=False
        )
        if choice == "q":
            return Step.QUIT
        if choice == "s":
            return Step.SKIP
        if choice == "e":
            return _ask_edit(unit)
        if choice == "r":
            note = click.prompt("note for the translator")
            if note.strip():
                return Reject(note)
            click.echo("a rejection needs a note")
            continue
        if unit.state is UnitState.FUZZY:
            click.echo("a fuzzy unit cannot be approved as it is: [e]dit it (Enter keeps the text)")
            continue
        return Approve()


@review.command("walk")
@click.argument("lang")
@click.argument("article", required=False)
@click.option("--fuzzy", "include_fuzzy", is_flag=True, help="Also walk fuzzy units.")
@by_option
@pass_context
def walk_cmd(
    ctx: Context, lang: str, article: str | None, include_fuzzy: bool, by: str | None
) -> None:
    """Walk through units awaiting review; each decision is saved at once.

    Shows source, translation, hints and check results of each unit. Answers:
    approve, reject (with a note), edit (the reviewer's text counts as
    reviewed; Enter keeps the text, which also accepts a fuzzy unit), skip, quit.
    """
    states = (UnitState.FUZZY, UnitState.TRANSLATED) if include_fuzzy else (UnitState.TRANSLATED,)
    queue = review_queue(ctx.config, lang, article, states)
    if not queue:
        click.echo("nothing awaits review")
        return
    who = _reviewer(ctx, by)
    click.echo(f"{len(queue)} unit(s) to review as {who}; every decision is saved at once")
    done: Counter[str] = Counter()
    checks = UnitChecks(ctx.config)
    try:
        for n, unit in enumerate(queue, 1):
            _show(checks, unit, n, len(queue))
            decision = _decide(unit)
            if decision is Step.QUIT:
                break
            if decision is Step.SKIP:
                done["skipped"] += 1
                continue
            try:
                apply_decision(ctx.config, unit, decision, who, _today())
            except ReviewError as exc:
                click.echo(f"not saved: {exc}", err=True)
                done["failed"] += 1
                continue
            done[_verb(decision)] += 1
    except click.Abort:
        click.echo("")
        _summary(done)
        raise
    _summary(done)


def _verb(decision: Decision) -> str:
    if isinstance(decision, Approve):
        return "approved"
    if isinstance(decision, Reject):
        return "rejected"
    return "edited"


def _summary(done: Counter[str]) -> None:
    order = ("approved", "edited", "rejected", "skipped", "failed")
    parts = [f"{done[k]} {k}" for k in order if done[k]]
    click.echo("saved: " + (", ".join(parts) if parts else "nothing"))
