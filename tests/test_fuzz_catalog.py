"""Fuzzing the PO reader with structural mutations of real fixtures.

Inputs are valid and invalid PO files from tests/data (and the hostile
fixtures) with lines inserted, deleted, duplicated, swapped or cut, and PO
tokens (keywords, quotes, escapes, #~ / #| prefixes, charsets, line endings,
stray bytes) spliced in, so that most inputs get deep into the parser instead
of failing at the first byte. Properties:

* ``Catalog.parse`` raises nothing but :class:`L10nError`;
* an accepted file renders back to exactly its own bytes;
* after editing every entry (ASCII text added), the file can still be
  written and the rendering reads back as the edited model.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog
from l10n.errors import L10nError

DATA = Path(__file__).parent / "data"
SEEDS = tuple(
    p.read_bytes()
    for folder in ("po/good", "po/bad", "hostile/po")
    if (DATA / folder).is_dir()
    for p in sorted((DATA / folder).iterdir())
    if p.is_file() and p.stat().st_size < 20_000
)
TOKENS = (
    b'"', b"\\", b"\\n", b'\\"', b"\\t", b"\\r", b"\\a", b"\\x41", b"\\101",
    b"msgid ", b"msgstr ", b"msgctxt ", b"msgid_plural ", b"msgstr[0] ", b"msgstr[1] ",
    b"msgstr[2] ", b"msgstr[7] ", b"#~ ", b"#| ", b"#~| ", b"#, fuzzy", b"#, c-format",
    b"#: a.c:1", b"#. ", b"# ", b"#", b"\r\n", b"\n", b"\r", b'""', b"\xef\xbb\xbf",
    b"\xff", b"\xc3", b"\xe2\x80", b"\t", b" ", b"\x00", b"\x0c", b"\xc2\x85", b"\xe2\x80\xa8",
    b"Plural-Forms: nplurals=3; plural=n%10==1 ? 0 : 2;\\n",
    b"Plural-Forms: nplurals=2; plural=n%0;\\n",
    b"Content-Type: text/plain; charset=KOI8-R\\n",
    b"Content-Type: text/plain; charset=ISO-8859-1\\n",
    b"Content-Type: text/plain; charset=UTF-16\\n",
    b"charset=", b"%s", b"%d", b"{0}", "Кириллица".encode(), "한국어".encode(),
)  # fmt: skip

PATH = Path("fuzz.po")

_op = st.tuples(
    st.sampled_from(("delete", "dup", "splice", "cut", "swap", "line", "quote", "bytes")),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.sampled_from(TOKENS),
    st.binary(max_size=6),
)


def mutate(data: bytes, ops: list[tuple[str, int, int, bytes, bytes]]) -> bytes:
    lines = data.split(b"\n")
    for kind, a, b, token, noise in ops:
        if not lines:
            lines = [b""]
        i = a % len(lines)
        line = lines[i]
        j = b % (len(line) + 1)
        if kind == "delete":
            del lines[i]
        elif kind == "dup":
            lines.insert(b % (len(lines) + 1), line)
        elif kind == "splice":
            lines[i] = line[:j] + token + line[j:]
        elif kind == "cut":
            lines[i] = line[:j] + line[j + 1 + (a % 3) :]
        elif kind == "swap":
            k = b % len(lines)
            lines[i], lines[k] = lines[k], lines[i]
        elif kind == "line":
            lines.insert(i, token + b'"' + noise.replace(b'"', b"") + b'"')
        elif kind == "quote":
            lines[i] = line.replace(b'"', b"", 1) if b % 2 else line + b'"'
        else:
            lines[i] = line[:j] + noise + line[j:]
    return b"\n".join(lines)


def check_catalog_bytes(data: bytes) -> bool:
    """The fuzz properties for one input; True if the reader accepted it."""
    try:
        cat = Catalog.parse(data, PATH)
    except L10nError:
        return False
    assert cat.render() == data
    again = Catalog.parse(cat.render(), PATH)
    assert again.header == cat.header
    assert again.entries == cat.entries
    edited = [
        dataclasses.replace(
            e,
            translator_comments=(*e.translator_comments, "fuzz edit"),
            msgstr=e.msgstr + " (edited)" if e.msgstr else e.msgstr,
        )
        for e in cat.entries
    ]
    cat.entries = edited
    out = cat.render()  # an accepted file must stay writable after ASCII-only edits
    back = Catalog.parse(out, PATH)
    assert back.entries == edited
    assert back.header == cat.header
    return True


@pytest.mark.slow
@settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(SEEDS), ops=st.lists(_op, min_size=1, max_size=5))
def test_mutated_po_files(seed: bytes, ops: list[tuple[str, int, int, bytes, bytes]]) -> None:
    check_catalog_bytes(mutate(seed, ops))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_after_a_header(noise: bytes) -> None:
    check_catalog_bytes(
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + noise
    )


def test_seeds_are_many_and_some_are_accepted() -> None:
    """The fuzzer starts from real fixtures, valid ones among them."""
    assert len(SEEDS) >= 30
    assert sum(check_catalog_bytes(s) for s in SEEDS) >= 10


# Inputs the fuzzer found once; kept as regressions.
FOUND = (
    # "msgid" "" with continuation lines is not a header: its charset must not be used.
    b'msgid ""\n"Project-Id-Version: x\\n"\nmsgstr ""\n'
    b'"Content-Type: text/plain; charset=ISO-8859-15\\n"\n\nmsgid "a"\nmsgstr "\xa4"\n',
    b'msgid ""\n\n"Language: ru\\n"\n"Content-Type: text/plain; charset=KLINGON-8\\n"\nmsgstr ""',
    b'msgid ""\n"Language: ru\\n"\nmsgstr ""\n"Content-Type: text/plain; charset=KOI8-R\\n"\n'
    b'\nmsgid "News"\nmsgstr "\xee\xcf\xd7\xcf\xd3\xd4\xc9"\n',
    # A blank line inside the header's msgstr (gettext allows whitespace between strings).
    b'msgid ""\nmsgstr ""\n\n"Content-Type: text/plain; charset=KOI8-R\\n"\n'
    b'\nmsgid "News"\nmsgstr "\xee\xcf\xd7\xcf\xd3\xd4\xc9"\n',
    b'\xef\xbb\xbfmsgid ""\n\n"Content-Type: text/plain; charset=ISO-8859-15\\n"\nmsgstr ""',
)


@pytest.mark.parametrize("data", FOUND)
def test_found_inputs(data: bytes) -> None:
    check_catalog_bytes(data)


def _parse_both_ways(data: bytes) -> tuple[object, object] | None:
    """The fast whole-entry reader and the line-by-line reader on the same text."""
    import inspect

    from l10n.catalog.decode import decode
    from l10n.catalog.scan import parse_text

    if "fast" not in inspect.signature(parse_text).parameters:
        return None
    try:
        decoded = decode(data, PATH)
    except L10nError:
        return None

    def run(fast: bool) -> object:
        try:
            p = parse_text(decoded, PATH, fast=fast)
        except L10nError:
            return "rejected"
        return (p.header, p.entries, p.raws, p.prelude, p.trailer, p.header_raw)

    return run(True), run(False)


@pytest.mark.slow
@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(SEEDS), ops=st.lists(_op, min_size=1, max_size=5))
def test_fast_and_careful_readers_agree(
    seed: bytes, ops: list[tuple[str, int, int, bytes, bytes]]
) -> None:
    both = _parse_both_ways(mutate(seed, ops))
    if both is not None:
        assert both[0] == both[1]
