"""``l10n build``: write each article in each language with the source's exact layout.

The current source is segmented again and every unit span is replaced by its
translation when the unit's state meets the publishing policy; every other
span keeps the source text (a *fallback*). Everything between units (blank
lines, Markdown markers, list bullets, link targets outside units, line
breaks, the final newline, a BOM) is copied from the source unchanged, so a
build where each translation equals its source reproduces the source byte
for byte.

Defaults, per language (``[language.<code>]`` in the configuration):

* policy: ``reviewed`` when ``review-required`` is set, else ``translated``;
* minimum: ``min-percent`` (100 unless configured), measured as the percent of
  the article's units (distinct sentences of the current source) that the
  policy accepts. An article below its minimum is not written (and neither is
  its MO file). ``--min-percent 0`` publishes everything with fallbacks.

Outputs go to ``build/<lang>/<article id>.<source suffix>`` under the project
root (or another folder), written atomically; an output whose bytes would not
change is not touched. With ``mo``, each catalog is also compiled to
``<out>/<lang>/<article id>.mo`` (see :mod:`l10n.exchange.mo`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from l10n.articles import BOM, Article, catalog_path, discover_articles, segments_of
from l10n.catalog import Catalog, Entry
from l10n.config import LanguageConfig, ProjectConfig
from l10n.errors import GateFailed, SourceError
from l10n.exchange.mo import compile_mo
from l10n.fsutil import atomic_write_many
from l10n.model import PublishPolicy
from l10n.parallel import PARALLEL_MIN_FILES, map_in_processes
from l10n.segmentation import Segment
from l10n.state import entry_state

BUILD_DIR = "build"


class Outcome(enum.Enum):
    """What happened to one article in one language."""

    WRITTEN = "written"
    UNCHANGED = "unchanged"  # the output already held these bytes
    BELOW_MINIMUM = "below-minimum"  # not written


@dataclass(frozen=True)
class BuildOptions:
    """What to build; ``None`` means the language's configured default."""

    langs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    policy: PublishPolicy | None = None
    min_percent: float | None = None
    out_dir: Path | None = None
    mo: bool = False


@dataclass(frozen=True)
class ArticleBuild:
    """The result of building one article in one language."""

    lang: str
    article: str
    output: Path
    policy: PublishPolicy
    min_percent: float
    units: int  # distinct units of the current source
    published: int  # units whose translation was used
    segments: int  # unit occurrences in the article
    fallback_segments: int  # occurrences that kept the source text
    outcome: Outcome
    catalog_found: bool = True
    mo_output: Path | None = None
    mo_written: bool = False

    @property
    def fallback(self) -> int:
        """Units that kept the source text."""
        return self.units - self.published

    @property
    def percent(self) -> float:
        return round(100.0 * self.published / self.units, 1) if self.units else 100.0

    @property
    def written(self) -> bool:
        return self.outcome is Outcome.WRITTEN

    def as_dict(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "article": self.article,
            "output": self.output.as_posix(),
            "policy": self.policy.value,
            "min_percent": self.min_percent,
            "units": self.units,
            "published": self.published,
            "fallback": self.fallback,
            "segments": self.segments,
            "fallback_segments": self.fallback_segments,
            "percent": self.percent,
            "outcome": self.outcome.value,
            "catalog_found": self.catalog_found,
            "mo": self.mo_output.as_posix() if self.mo_output else None,
            "mo_written": self.mo_written,
        }


@dataclass(frozen=True)
class BuildReport:
    items: tuple[ArticleBuild, ...] = field(default_factory=tuple)
    out_dir: Path = Path(BUILD_DIR)

    @property
    def below_minimum(self) -> tuple[ArticleBuild, ...]:
        return tuple(i for i in self.items if i.outcome is Outcome.BELOW_MINIMUM)

    def gate(self) -> None:
        """Raise :class:`GateFailed` if any article was held back by its minimum."""
        held = self.below_minimum
        if held:
            names = ", ".join(
                f"{i.lang}/{i.article} ({i.percent:g}% < {i.min_percent:g}%)" for i in held
            )
            raise GateFailed(
                f"{len(held)} article(s) below the minimum percent, not written: {names}",
                hint="translate (or review) the missing units, or lower --min-percent",
            )

    def as_dict(self) -> dict[str, object]:
        return {
            "out_dir": self.out_dir.as_posix(),
            "items": [i.as_dict() for i in self.items],
            "below_minimum": len(self.below_minimum),
        }


@dataclass(frozen=True)
class Rendered:
    """One article rendered in memory."""

    data: bytes
    units: int
    published: int
    segments: int
    fallback_segments: int


def default_policy(lc: LanguageConfig) -> PublishPolicy:
    return PublishPolicy.REVIEWED if lc.review_required else PublishPolicy.TRANSLATED


def translations(entries: Sequence[Entry], policy: PublishPolicy) -> dict[str, str]:
    """msgid -> translation for the active, context-free entries the policy accepts."""
    out: dict[str, str] = {}
    for e in entries:
        if e.obsolete or e.msgctxt is not None or e.msgid_plural is not None:
            continue
        if e.msgstr and policy.accepts(entry_state(e)):
            out[e.msgid] = e.msgstr
    return out


def render_article(
    article: Article, segments: Sequence[Segment], accepted: Mapping[str, str]
) -> Rendered:
    """The article with each segment replaced by its accepted translation."""
    text = article.text
    parts: list[str] = []
    pos = 0
    fallback_segments = 0
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.start < pos or text[seg.start : seg.end] != seg.text:
            raise SourceError(
                f"segmentation gave an inconsistent span {seg.start}:{seg.end}",
                path=article.path,
                line=text.count("\n", 0, seg.start) + 1,
            )
        parts.append(text[pos : seg.start])
        translated = accepted.get(seg.text)
        if translated is None:
            fallback_segments += 1
            parts.append(seg.text)
        else:
            parts.append(translated)
        pos = seg.end
    parts.append(text[pos:])
    body = "".join(parts)
    if article.bom:
        body = BOM + body
    distinct = {s.text for s in segments}
    return Rendered(
        data=body.encode("utf-8"),
        units=len(distinct),
        published=sum(1 for t in distinct if t in accepted),
        segments=len(segments),
        fallback_segments=fallback_segments,
    )


def output_path(out_dir: Path, lang: str, article: Article) -> Path:
    return out_dir / lang / f"{article.id}{article.path.suffix}"


def select_articles(config: ProjectConfig, wanted: Sequence[str]) -> list[Article]:
    """The project's articles, or those named (by id or by path under sources/)."""
    arts = discover_articles(config)
    if not wanted:
        return arts
    by_id = {a.id: a for a in arts}
    out: list[Article] = []
    for name in wanted:
        key = name.replace("\\", "/")
        key = key.removeprefix("./")
        src_prefix = config.sources_dir.relative_to(config.root).as_posix() + "/"
        key = key.removeprefix(src_prefix)
        for suffix in (".txt", ".md", ".markdown"):
            key = key.removesuffix(suffix)
        art = by_id.get(key)
        if art is None:
            tail = [a for i, a in by_id.items() if i.endswith("/" + key)]
            if len(tail) > 1:
                raise SourceError(
                    f"article name {name!r} is ambiguous: {', '.join(a.id for a in tail)}",
                    path=config.sources_dir,
                    hint="give the full article id",
                )
            art = tail[0] if tail else None
        if art is None:
            known = ", ".join(sorted(by_id)) or "none"
            raise SourceError(
                f"no article {name!r} in the sources folder (articles: {known})",
                path=config.sources_dir,
            )
        if art not in out:
            out.append(art)
    return out


def build_project(config: ProjectConfig, options: BuildOptions = BuildOptions()) -> BuildReport:
    """Build the selected articles in the selected languages.

    All catalogs are read (and validated) before the first file is written, so a
    malformed PO file stops the build with nothing written.
    """
    lang_cfgs = (
        [config.language(c) for c in options.langs] if options.langs else list(config.languages)
    )
    articles = select_articles(config, options.articles)
    out_dir = options.out_dir if options.out_dir is not None else config.root / BUILD_DIR
    src_lang = config.source_language.code
    segments = {art.id: segments_of(art, src_lang) for art in articles}
    jobs = [(lc, art) for lc in lang_cfgs for art in articles]

    def plan(job: tuple[LanguageConfig, Article]) -> tuple[ArticleBuild, bytes, bytes | None]:
        lc, art = job
        policy = options.policy if options.policy is not None else default_policy(lc)
        minimum = options.min_percent if options.min_percent is not None else lc.min_percent
        path = catalog_path(config, lc.code, art.id)
        catalog = Catalog.read(path) if path.is_file() else None
        entries = catalog.entries if catalog is not None else []
        accepted = translations(entries, policy)
        rendered = render_article(art, segments[art.id], accepted)
        below = rendered.units > 0 and 100.0 * rendered.published / rendered.units < minimum
        mo_data = compile_mo(catalog, policy) if options.mo and catalog and not below else None
        target = output_path(out_dir, lc.code, art)
        item = ArticleBuild(
            lang=lc.code,
            article=art.id,
            output=target,
            policy=policy,
            min_percent=minimum,
            units=rendered.units,
            published=rendered.published,
            segments=rendered.segments,
            fallback_segments=rendered.fallback_segments,
            outcome=Outcome.BELOW_MINIMUM if below else Outcome.UNCHANGED,
            catalog_found=catalog is not None,
            mo_output=target.with_suffix(".mo") if mo_data is not None else None,
        )
        return item, rendered.data, mo_data

    plans = map_in_processes(plan, jobs, min_weight=PARALLEL_MIN_FILES)
    writes: list[tuple[Path, bytes]] = []
    for item, data, mo_data in plans:
        if item.outcome is Outcome.BELOW_MINIMUM:
            continue
        writes.append((item.output, data))
        if mo_data is not None and item.mo_output is not None:
            writes.append((item.mo_output, mo_data))
    changed = dict(zip((p for p, _d in writes), atomic_write_many(writes), strict=True))
    done: list[ArticleBuild] = []
    for item, _data, _mo in plans:
        if item.outcome is Outcome.BELOW_MINIMUM:
            done.append(item)
            continue
        mo_written = item.mo_output is not None and changed.get(item.mo_output, False)
        outcome = Outcome.WRITTEN if changed[item.output] else Outcome.UNCHANGED
        done.append(replace(item, outcome=outcome, mo_written=mo_written))
    return BuildReport(tuple(done), out_dir)
