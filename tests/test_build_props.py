"""Property tests: a build only replaces unit spans; identity translations give the source."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.articles import catalog_path, discover_articles, read_article, segments_of
from l10n.build import BuildOptions, build_project, render_article
from l10n.catalog import Catalog
from l10n.config import load_config
from l10n.sync import sync_project

WORDS = st.sampled_from(
    [
        "news",
        "Kim",
        "Jong",
        "Un",
        "army",
        "Kursk",
        "3.5",
        "1,500",
        "“quoted”",
        "it’s",
        "Gen.",
        "e.g.",
        "Moscow",
        "talks",
        "*Tuesday*",
        "**deal**",
        "[link](https://example.org/a)",
        "`code`",
        "Ünïcødé",
        "조선인민군",
        "Москва",
        "—",
        "(note)",
        "U.S.",
    ]
)
ENDS = st.sampled_from([".", "!", "?", "…", ".’", ".”", ":"])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=8))
    return " ".join(words) + draw(ENDS)


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    sents = draw(st.lists(sentences(), min_size=1, max_size=4))
    glue = draw(st.sampled_from([" ", "  ", "\n"]))
    return glue.join(sents)


@st.composite
def markdown_block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "h1", "h2", "ul", "ol", "quote"]))
    if kind == "p":
        return draw(paragraph())
    if kind in ("h1", "h2"):
        return ("# " if kind == "h1" else "## ") + draw(sentences()).rstrip(".")
    if kind == "quote":
        return "> " + draw(paragraph()).replace("\n", "\n> ")
    items = draw(st.lists(sentences(), min_size=1, max_size=4))
    return "\n".join(("- " if kind == "ul" else f"{i}. ") + it for i, it in enumerate(items, 1))


@st.composite
def article(draw: st.DrawFn) -> tuple[str, bytes]:
    markdown = draw(st.booleans())
    blocks = draw(st.lists(markdown_block() if markdown else paragraph(), min_size=1, max_size=6))
    seps = draw(
        st.lists(
            st.sampled_from(["\n\n", "\n\n\n", "\n \n"]), min_size=len(blocks), max_size=len(blocks)
        )
    )
    text = "".join(b + s for b, s in zip(blocks, seps, strict=True))
    text = text.rstrip("\n") + draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    bom = b"\xef\xbb\xbf" if draw(st.integers(0, 4)) == 0 else b""
    return ("a.md" if markdown else "a.txt"), bom + text.encode("utf-8")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_marked_spans_strip_back_to_the_source(item: tuple[str, bytes]) -> None:
    name, data = item
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        art = read_article(path, "a")
        segs = segments_of(art, "en")
        marked = {s.text: f"\x01{s.text}\x02" for s in segs}
        out = render_article(art, segs, marked)
        body = out.data.decode("utf-8")
        assert body.replace("\x01", "").replace("\x02", "").encode("utf-8") == data
        assert body.count("\x01") == len(segs) and out.fallback_segments == 0
        same = render_article(art, segs, {})
        assert same.data == data and same.fallback_segments == len(segs)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_identity_translations_rebuild_the_article_byte_for_byte(item: tuple[str, bytes]) -> None:
    name, data = item
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "l10n.toml").write_text('languages = ["ru"]\n', encoding="utf-8")
        (root / "sources").mkdir()
        (root / "sources" / name).write_bytes(data)
        config = load_config(root)
        sync_project(config, use_cache=False)
        (art,) = discover_articles(config)
        po = catalog_path(config, "ru", art.id)
        cat = Catalog.read(po)
        cat.entries = [replace(e, msgstr=e.msgid) for e in cat.entries]
        cat.write()
        (built,) = build_project(config, BuildOptions()).items
        assert built.fallback == 0
        assert (root / "build" / "ru" / name).read_bytes() == data
