"""Source discovery: ids worked out on names equal ``article_id`` of the paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.articles import (
    article_id,
    article_paths,
    decode_source,
    discover_articles,
    source_msgids,
    source_units,
)
from l10n.config import load_config
from l10n.errors import SourceError
from l10n.model import SourceFormat

_names = st.text(st.sampled_from(["a", "B", ".", "-", " ", "é", "x"]), min_size=1, max_size=6)
_suffixes = st.sampled_from([".txt", ".md", ".MD", ".markdown", ".po", "", ".", ".txt.bak"])


def _reference(sources: Path) -> list[tuple[str, Path]]:
    """Every source file by walking with pathlib, as article discovery is specified."""
    found = []
    for folder, dirs, files in os.walk(sources):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if not name.startswith(".") and SourceFormat.for_suffix(path.suffix) is not None:
                found.append((article_id(sources, path), path))
    return sorted(found)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(_names, max_size=2), _names, _suffixes), max_size=8))
def test_article_paths_ids_are_article_id(
    tmp_path_factory: pytest.TempPathFactory, files: list[tuple[list[str], str, str]]
) -> None:
    root = tmp_path_factory.mktemp("proj")
    (root / "l10n.toml").write_text('source-language = "en"\nlanguages = ["ru"]\n', "utf-8")
    sources = root / "sources"
    sources.mkdir()
    for folders, stem, suffix in files:
        if any(f in (".", "..") for f in folders) or stem in (".", ".."):
            continue
        target = sources.joinpath(*folders, stem + suffix)
        if any(p.exists() and not p.is_dir() for p in target.parents):
            continue
        if target.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("Text.\n", "utf-8")
    config = load_config(root)
    try:
        got = article_paths(config)
    except SourceError as exc:
        assert "two sources have the id" in str(exc)
        return
    assert got == _reference(config.sources_dir)


def test_article_paths_with_absolute_and_relative_sources(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text('source-language = "en"\nlanguages = ["ru"]\n', "utf-8")
    deep = tmp_path / "sources" / "world" / "asia"
    deep.mkdir(parents=True)
    (deep / "x.y.md").write_text("A.\n", "utf-8")
    (tmp_path / "sources" / ".hidden").mkdir()
    (tmp_path / "sources" / ".hidden" / "h.txt").write_text("A.\n", "utf-8")
    config = load_config(tmp_path)
    assert [a for a, _p in article_paths(config)] == ["world/asia/x.y"]
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        rel = load_config(Path("."))
        assert [a for a, _p in article_paths(rel)] == ["world/asia/x.y"]
    finally:
        os.chdir(cwd)


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=30)
    | st.text(st.sampled_from(["a", "\n", "\t", "\r", "\x07", "\x1f", "\x7f", "é", "\x85"])).map(
        lambda t: t.encode("utf-8")
    )
)
def test_decode_source_byte_scan_finds_what_the_pattern_finds(raw: bytes) -> None:
    """The control-character check on bytes agrees with the one on the decoded text."""
    import re

    pattern = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
    try:
        text = decode_source(raw, Path("a.txt"))
    except SourceError as exc:
        message = str(exc)
        assert "NUL" in message or "UTF-8" in message or "control character" in message
        if "control character" in message:
            assert pattern.search(raw.decode("utf-8")) is not None
        return
    assert pattern.search(text) is None


def test_source_msgids_are_the_msgids_of_the_units() -> None:
    config = load_config(Path(__file__).parent / "data" / "project")
    articles = discover_articles(config)
    assert articles
    for art in articles:
        units = source_units(art, "en")
        assert source_msgids(art, "en") == {u.msgid for u in units}
