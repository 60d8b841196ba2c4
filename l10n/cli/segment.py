"""``l10n segment FILE``: show how an article splits into translation units."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from l10n.articles import BOM, MAX_SOURCE_BYTES, decode_source
from l10n.cli.common import Context, echo_json, format_option, pass_context
from l10n.errors import SourceError
from l10n.model import SourceFormat
from l10n.segmentation import segment as split_article


def _read(file: str) -> tuple[bytes, str]:
    if file == "-":
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        _check_size(len(data), "<stdin>")
        return data, "<stdin>"
    path = Path(file)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
        _check_size(len(data), file)
        return data, file
    except FileNotFoundError:
        raise SourceError("no such file", path=file) from None
    except IsADirectoryError:
        raise SourceError("is a directory, not an article", path=file) from None
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=file) from None


def _check_size(size: int, name: str) -> None:
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            f"article is larger than the limit of {MAX_SOURCE_BYTES} bytes",
            path=name,
            hint="split it into several articles",
        )


@click.command("segment")
@click.argument("file", type=str)
@click.option("--lang", "lang", default=None, help="Source language (default: the project's).")
@click.option(
    "--markdown/--text",
    "markdown",
    default=None,
    help="Force the input format (default: from the file suffix; text for stdin).",
)
@format_option
@pass_context
def segment(ctx: Context, file: str, lang: str | None, markdown: bool | None, fmt: str) -> None:
    """Split FILE (an article; - for stdin) into sentence units and print them."""
    data, name = _read(file)
    text = decode_source(data, Path(name)).removeprefix(BOM)
    if markdown is None:
        source_format = SourceFormat.for_suffix(Path(file).suffix) if file != "-" else None
        source_format = source_format or SourceFormat.TEXT
    else:
        source_format = SourceFormat.MARKDOWN if markdown else SourceFormat.TEXT
    if lang is None:
        lang = ctx.config.source_language.code if ctx.has_project() else "en"
    units = split_article(text, source_format, lang)
    if fmt == "json":
        echo_json([unit.to_dict() for unit in units])
        return
    width = len(str(len(units)))
    for index, unit in enumerate(units, 1):
        shown = unit.text.replace("\r", "\\r").replace("\n", "\\n")
        click.echo(f"{index:>{width}}  {unit.kind.value:<10}  {shown}")
