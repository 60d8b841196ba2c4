"""The whole-entry reader gives exactly what the line-based parser gives, or steps aside.

``fast_parse`` may return None for anything (the line-based parser then reads the
file and reports problems); when it returns a result, that result must equal the
line-based parser's, entry lines and header line included, and the line-based
parser must accept the file. Speed is measured by the benchmark, not here.
"""

from __future__ import annotations

import dataclasses
import os
import re
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import Catalog, Entry, fastscan
from l10n.catalog.decode import decode
from l10n.catalog.fastscan import fast_parse
from l10n.catalog.header import parse_plural_forms
from l10n.catalog.parsed import Parsed
from l10n.catalog.scan import _Parser, parse_text
from l10n.errors import CatalogError

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(
    p
    for folder in ("po/good", "po/bad", "hostile/po")
    if (DATA / folder).is_dir()
    for p in (DATA / folder).iterdir()
    if p.is_file()
)
PATH = Path("fast.po")
HEADER = [
    ("Project-Id-Version", "fast"),
    ("Language", "ru"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    (
        "Plural-Forms",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
]


def compare(data: bytes) -> Parsed | None:
    """Check the fast reader against the line-based parser; return its result."""
    try:
        decoded = decode(data, PATH)
    except CatalogError:
        return None
    fast = fast_parse(decoded.text)
    if fast is None:
        return None
    try:
        slow = _Parser(decoded, PATH).run()
    except CatalogError as exc:  # pragma: no cover - the failure this test looks for
        raise AssertionError(f"the fast reader accepted what the parser refuses: {exc}") from exc
    assert fast == slow
    assert [e.line for e in fast.entries] == [e.line for e in slow.entries]
    assert fast.header_line == slow.header_line
    # And through the public entry point, charset check included, in both modes.
    try:
        both = parse_text(decoded, PATH), parse_text(decoded, PATH, fast=False)
    except CatalogError:
        with pytest.raises(CatalogError):
            parse_text(decoded, PATH, fast=False)
    else:
        assert both[0] == both[1]
    return fast


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_agree(path: Path) -> None:
    compare(path.read_bytes())


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_agree_one_match_at_a_time(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large texts are matched entry by entry (bounded memory): the same results."""
    before = compare(path.read_bytes())
    monkeypatch.setattr(fastscan, "_FINDALL_LIMIT", 0)
    assert compare(path.read_bytes()) == before


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(FIXTURES), st.integers(0, 100_000), st.sampled_from([b"x", b"\n", b"#"]))
def test_gaps_are_found_one_match_at_a_time(path: Path, pos: int, token: bytes) -> None:
    data = path.read_bytes()
    i = pos % (len(data) + 1)
    data = data[:i] + token + data[i:]
    before = compare(data)
    saved = fastscan._FINDALL_LIMIT
    fastscan._FINDALL_LIMIT = 0
    try:
        assert compare(data) == before
    finally:
        fastscan._FINDALL_LIMIT = saved


def test_usual_fixtures_take_the_fast_path() -> None:
    """LF files in gettext's layout are read by the fast reader, not handed on."""
    taken = [p.name for p in FIXTURES if compare(p.read_bytes()) is not None]
    for name in ("p05_previous.po", "p06_obsolete_previous.po", "p08_escapes.po"):
        assert name in taken
    assert len(taken) >= 20


@pytest.mark.parametrize(
    "text",
    [
        'msgid ""\nmsgstr ""\r\n"Language: ru\\n"\r\n',  # CRLF
        'msgid "a"\nmsgstr "b"',  # no final newline
        '#| msgid "old"\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n',  # comment after #|
        'msgid  "a"\nmsgstr "b"\n',  # two spaces
        'msgid "a" \nmsgstr "b"\n',  # space after the string
        'msgid "a\\x41"\nmsgstr "b"\n',  # escape l10n refuses
        'msgid "a"b"\nmsgstr "b"\n',  # text after the quote
        'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',  # duplicate
        '#~ msgid "a"\nmsgstr "b"\n',  # half obsolete
        '#| msgid "x"\n#~ msgid "a"\n#~ msgstr "b"\n',  # active #| on an obsolete entry
        'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\nmsgstr[0] "y"\n',  # out of order
        'msgid "a"\nmsgstr "b"\n\nmsgid ""\nmsgstr "Language: ru\\n"\n',  # header not first
        "# only a comment\n",
        '   \nmsgid "a"\nmsgstr "b"\n',  # whitespace line before the first entry
    ],
)
def test_unusual_text_is_left_to_the_line_parser(text: str) -> None:
    assert fast_parse(text) is None
    compare(text.encode())


def test_escapes_quotes_and_plurals_on_the_fast_path() -> None:
    cat = Catalog.new(PATH, HEADER, ["comment"])
    cat.entries += [
        Entry(msgid='Say "hi"\\ now\n\tand\r', msgstr='«"ok"»', msgctxt='c"x'),
        Entry(msgid="%d day", msgid_plural="%d days", msgstr_plural=("д", "дня", "дней")),
        Entry(
            msgid="new",
            msgstr="новый",
            flags=("fuzzy", "c-format"),
            previous_msgctxt="p",
            previous_msgid='old "one"',
            references=("a.md:1", "b.md:2"),
            extracted_comments=("", "x"),
            translator_comments=("", "t"),
        ),
        Entry(msgid="gone", msgstr="нет", obsolete=True, previous_msgid="went"),
        Entry(
            msgid="gone %d",
            msgid_plural="gone %d s",
            msgstr_plural=("a", "b"),  # obsolete: not held to nplurals
            obsolete=True,
        ),
    ]
    data = cat.render()
    fast = compare(data)
    assert fast is not None
    assert list(fast.entries) == cat.entries
    assert Catalog.parse(data, PATH).header == cat.header


_chars = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"
) | st.sampled_from(["\n", "\t", "\r", '"', "\\", " ", "#", "~", "|", "日", "я"])
_text = st.text(_chars, max_size=100)
_line = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=30,
)


@st.composite
def _entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    fuzzy = draw(st.booleans())
    return Entry(
        msgid=draw(_text.filter(bool)),
        msgstr="" if plural else draw(_text),
        msgctxt=draw(st.none() | _text),
        msgid_plural=draw(_text) if plural else None,
        msgstr_plural=tuple(draw(_text) for _ in range(3)) if plural else (),
        flags=("fuzzy",) if fuzzy else (),
        translator_comments=tuple(draw(st.lists(_line, max_size=2))),
        extracted_comments=tuple(draw(st.lists(_line, max_size=2))),
        references=tuple(draw(st.lists(st.sampled_from(["a.md:1", "b:2"]), max_size=2))),
        previous_msgid=draw(st.none() | _text) if fuzzy else None,
        previous_msgctxt=draw(st.none() | _text) if fuzzy else None,
        obsolete=draw(st.integers(0, 7)) == 0,
    )


_catalogs = st.lists(_entries(), max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid))


def _render(items: list[Entry]) -> bytes:
    cat = Catalog.new(PATH, HEADER, ["property"])
    cat.entries.extend(items)
    return cat.render()


@settings(max_examples=100, deadline=None)
@given(_catalogs)
def test_written_catalogs_take_the_fast_path(items: list[Entry]) -> None:
    fast = compare(_render(items))
    assert fast is not None
    assert list(fast.entries) == items


_TOKENS = [
    b'"', b"\\", b"\n", b"\r\n", b" ", b"#", b"#~ ", b"#| ", b"#~| ", b"msgid ", b"msgstr ",
    b"msgctxt ", b"msgid_plural ", b"msgstr[0] ", b"msgstr[2] ", b"msgstr[3] ", b'""\n',
    b"\\n", b"\\x", b"\t", b"\n\n", b'msgid ""\nmsgstr ""\n',
]  # fmt: skip


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    _catalogs,
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 4), st.sampled_from(_TOKENS)),
        min_size=1,
        max_size=4,
    ),
)
def test_damaged_catalogs_agree(items: list[Entry], edits: list[tuple[int, int, bytes]]) -> None:
    data = _render(items)
    for pos, cut, token in edits:
        i = pos % (len(data) + 1)
        data = data[:i] + token + data[i + cut :]
    compare(data)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FIXTURES), st.integers(0, 100_000), st.sampled_from(_TOKENS))
def test_damaged_fixtures_agree(path: Path, pos: int, token: bytes) -> None:
    data = path.read_bytes()
    i = pos % (len(data) + 1)
    compare(data[:i] + token + data[i:])


def test_entries_built_directly_are_ordinary_entries() -> None:
    data = _render([Entry(msgid="a", msgstr="б", flags=("fuzzy",), references=("x:1",))])
    fast = fast_parse(decode(data, PATH).text)
    assert fast is not None
    (entry,) = fast.entries
    made = Entry(msgid="a", msgstr="б", flags=("fuzzy",), references=("x:1",), line=10)
    assert entry == made and hash(entry) == hash(made) and entry.line == 10
    assert dataclasses.asdict(entry) == dataclasses.asdict(made)
    assert dataclasses.replace(entry, msgstr="в").msgstr == "в"
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.msgid = "b"  # type: ignore[misc]


# -- rendering and reading --------------------------------------------------------------


def test_unchanged_catalog_renders_its_own_bytes(tmp_path: Path) -> None:
    data = (DATA / "po" / "good" / "p05_previous.po").read_bytes()
    cat = Catalog.parse(data, PATH)
    assert cat.render() is not None and cat.render() == data
    cat.entries = [dataclasses.replace(e) for e in cat.entries]  # equal copies
    assert cat.render() == data
    cat.entries.append(Entry(msgid="new", msgstr="новое"))
    assert cat.render() != data
    cat.entries.pop()
    cat.header = cat.header.with_field("Language", "uk")
    assert b"Language: uk" in cat.render()


def test_plural_forms_are_checked_once_per_expression() -> None:
    """The header check evaluates the expression for n=0..1000: once per expression."""
    data = _render([Entry(msgid="x")])
    Catalog.parse(data, PATH)
    misses = parse_plural_forms.cache_info().misses
    for _ in range(5):
        assert Catalog.parse(data, PATH).header.nplurals == 3
    assert parse_plural_forms.cache_info().misses == misses


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_reading_from_a_pipe_reads_everything(tmp_path: Path) -> None:
    """A file whose size fstat does not know is read to its end."""
    data = _render([Entry(msgid=f"entry {i}", msgstr="x" * 500) for i in range(300)])
    fifo = tmp_path / "pipe.po"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("wb") as fh:
            for i in range(0, len(data), 7000):
                fh.write(data[i : i + 7000])
                fh.flush()

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        cat = Catalog.read(fifo)
    finally:
        writer.join()
    assert len(cat.entries) == 300
    assert cat.render() == data


# -- the strict string check and the possessive entry pattern --------------------------------

# A straightforward formulation of what a string block must be: each line one quoted
# string holding only the escapes l10n accepts, continuation lines after the prefix.
_REFERENCE_STRING = r'"(?:[^"\\\n]|\\[ntr"\\])*"'


def _reference_value(block: str, prefix: str) -> str | None:
    line = _REFERENCE_STRING
    if re.fullmatch(rf"{line}\n(?:{re.escape(prefix)}{line}\n)*", block) is None:
        return None
    strings = re.findall(rf"(?:^|\n{re.escape(prefix)})({line})(?=\n)", block)
    escapes = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
    return "".join(re.sub(r"\\(.)", lambda m: escapes[m.group(1)], s[1:-1]) for s in strings)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(st.sampled_from(["a", '"', "\\", "n", "t", "r", "x", " ", "я"]), max_size=8),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["", "#~ ", "#| ", "#~| "]),
)
def test_strict_strings_agree_with_a_plain_reading(lines: list[str], prefix: str) -> None:
    """Blocks as the entry pattern finds them: each line a quote, anything, a quote."""
    block = "".join(("" if n == 0 else prefix) + '"' + text + '"\n' for n, text in enumerate(lines))
    expected = _reference_value(block, prefix)
    try:
        got: str | None = fastscan._strict(block, prefix)
    except fastscan._Fallback:
        got = None
    assert got == expected


@pytest.mark.parametrize(
    ("block", "value"),
    [
        ('"a\\\\"\n"n"\n', "a\\n"),  # escaped backslash at a line end, then "n"
        ('"a\\"\n"n"\n', None),  # a backslash before the closing quote
        ('"\\\\\\""\n', '\\"'),
        ('"a"b"\n', None),
        ('"\\x"\n', None),
        ('"a"\n"\n"b"\n', None),  # a line break left inside the value
    ],
)
def test_strict_strings_edge_cases(block: str, value: str | None) -> None:
    try:
        got: str | None = fastscan._strict(block, "")
    except fastscan._Fallback:
        got = None
    assert got == value == _reference_value(block, "")


_GREEDY_ENTRY = re.compile(fastscan._ENTRY.pattern.replace("*+", "*"))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    _catalogs,
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 4), st.sampled_from(_TOKENS)),
        max_size=4,
    ),
)
def test_possessive_entry_pattern_matches_as_the_plain_one(
    items: list[Entry], edits: list[tuple[int, int, bytes]]
) -> None:
    """Giving lines back never helps a match: the possessive pattern finds the same."""
    assert "*+" in fastscan._ENTRY.pattern
    data = _render(items)
    for pos, cut, token in edits:
        i = pos % (len(data) + 1)
        data = data[:i] + token + data[i + cut :]
    text = data.decode("utf-8", "replace")
    assert fastscan._ENTRY.findall(text) == _GREEDY_ENTRY.findall(text)
    assert [m.span() for m in fastscan._ENTRY.finditer(text)] == [
        m.span() for m in _GREEDY_ENTRY.finditer(text)
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_possessive_entry_pattern_on_fixtures(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    assert fastscan._ENTRY.findall(text) == _GREEDY_ENTRY.findall(text)
