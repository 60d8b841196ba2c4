"""Property tests: write -> read gives the model back; one change touches one entry."""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog, Entry
from l10n.errors import CatalogError

PATH = Path("prop.po")
HEADER_FIELDS = [
    ("Project-Id-Version", "prop"),
    ("Language", "ru"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    (
        "Plural-Forms",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
]

_chars = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u2028\u2029\x85",
) | st.sampled_from(["\n", "\t", "\r", '"', "\\", " ", "日", "한", "я", "\u0301"])
text = st.text(_chars, max_size=120)
line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=40,
)
token = st.text(
    st.characters(whitelist_categories=("L", "N"), whitelist_characters="-_:./"),
    min_size=1,
    max_size=30,
)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    obsolete = draw(st.integers(0, 9)) == 0
    fuzzy = draw(st.booleans())
    return Entry(
        msgid=draw(text.filter(bool)),
        msgstr="" if plural else draw(text),
        msgctxt=draw(st.none() | text),
        msgid_plural=draw(text) if plural else None,
        msgstr_plural=tuple(draw(text) for _ in range(3)) if plural else (),
        flags=(("fuzzy",) if fuzzy else ()) + draw(st.sampled_from([(), ("c-format",)])),
        translator_comments=tuple(draw(st.lists(line, max_size=2))),
        extracted_comments=tuple(draw(st.lists(line, max_size=2))),
        references=tuple(draw(st.lists(token, max_size=4))),
        previous_msgid=draw(text) if fuzzy else None,
        previous_msgctxt=draw(st.none() | text) if fuzzy else None,
        obsolete=obsolete,
    )


catalogs = st.lists(entries(), max_size=12, unique_by=lambda e: (e.msgctxt, e.msgid))


def make(items: list[Entry]) -> Catalog:
    cat = Catalog.new(PATH, HEADER_FIELDS, ["property test"])
    cat.entries.extend(items)
    return cat


@settings(max_examples=150, deadline=None)
@given(catalogs)
def test_write_then_read_gives_equal_entries(items: list[Entry]) -> None:
    cat = make(items)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "x.po"
        assert cat.write(target) is True
        again = Catalog.read(target)
        assert again.entries == items
        assert again.header == cat.header
        assert again.render() == target.read_bytes()
        assert again.write() is False


@settings(max_examples=150, deadline=None)
@given(catalogs, st.data())
def test_changing_one_entry_changes_only_its_lines(items: list[Entry], data: st.DataObject) -> None:
    if not items:
        return
    original = make(items).render()
    cat = Catalog.parse(original, PATH)
    i = data.draw(st.integers(0, len(items) - 1))
    old = cat.entries[i]
    new_msgstr = data.draw(text)
    if old.msgid_plural is not None:
        changed = dataclasses.replace(old, msgstr_plural=(new_msgstr, "b", "c"))
    else:
        changed = dataclasses.replace(old, msgstr=new_msgstr)
    cat.entries[i] = changed
    out = cat.render()
    before = Catalog.parse(original, PATH)
    # Text before the entry and after it is untouched, byte for byte.
    starts = [e.line for e in before.entries]
    lines = original.split(b"\n")
    head = b"\n".join(lines[: starts[i] - 1])
    tail = b"\n".join(lines[starts[i + 1] - 1 :]) if i + 1 < len(starts) else b""
    assert out.startswith(head)
    assert out.endswith(tail)
    assert Catalog.parse(out, PATH).entries == [*items[:i], changed, *items[i + 1 :]]


@settings(max_examples=60, deadline=None)
@given(catalogs, st.randoms(use_true_random=False))
def test_reordering_keeps_every_entry_text(items: list[Entry], rnd: object) -> None:
    original = make(items).render()
    cat = Catalog.parse(original, PATH)
    shuffled = list(cat.entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    cat.entries = shuffled
    out = cat.render()
    assert Catalog.parse(out, PATH).entries == shuffled
    assert sorted(out.split(b"\n")) == sorted(original.split(b"\n"))


@settings(max_examples=300, deadline=None)
@given(catalogs, st.data())
def test_damaged_files_give_catalog_error_or_parse(items: list[Entry], data: st.DataObject) -> None:
    """Any corruption of a valid file either parses or raises CatalogError, nothing else."""
    original = make(items).render()
    pos = data.draw(st.integers(0, len(original)))
    cut = data.draw(st.integers(0, 5))
    junk = data.draw(st.binary(max_size=4))
    damaged = original[:pos] + junk + original[pos + cut :]
    try:
        cat = Catalog.parse(damaged, PATH)
    except CatalogError as exc:
        assert exc.line is None or exc.line >= 1
        return
    assert cat.render() == damaged


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(CatalogError):
        Catalog.parse(data, PATH)
