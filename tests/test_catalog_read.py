"""Reading PO files: the model, and a CatalogError with the right line for bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from l10n.catalog import Catalog, Entry, Header
from l10n.catalog.decode import MAX_BYTES
from l10n.errors import CatalogError

DATA = Path(__file__).parent / "data" / "po"
GOOD = sorted((DATA / "good").iterdir())
MSGFMT = shutil.which("msgfmt")

# fixture -> (line, column or None, words the message must contain)
BAD: dict[str, tuple[int, int | None, str]] = {
    "unterminated.po": (11, 7, "unterminated string"),
    "truncated_eof.po": (12, 8, "unterminated string"),
    "truncated_no_msgstr.po": (11, None, "file ends inside an entry"),
    "text_after_quote.po": (11, 14, "text after the closing quote"),
    "unknown_keyword.po": (12, 1, "unknown keyword 'msgtxt'"),
    "bad_escape_octal.po": (11, 9, "unsupported escape sequence \\1"),
    "bad_escape_hex.po": (12, 9, "unsupported escape sequence \\x"),
    "bad_escape_bell.po": (13, 7, "unsupported escape sequence \\a"),
    "duplicate.po": (17, None, "duplicate entry"),
    "duplicate_ctxt.po": (16, None, "first defined at line 12"),
    "plural_out_of_range.po": (16, None, "msgstr[3] out of range"),
    "plural_gap.po": (14, None, "msgstr[2] out of order"),
    "plural_too_few.po": (12, None, "2 plural forms"),
    "plural_without_msgid_plural.po": (12, None, "msgstr[0] without msgid_plural"),
    "msgstr_in_plural.po": (13, None, "msgstr in an entry with msgid_plural"),
    "bad_plural_forms.po": (4, None, "bad Plural-Forms"),
    "plural_forms_range.po": (4, None, "gives form 2 for n=2"),
    "unknown_charset.po": (4, None, "unknown charset 'KLINGON-8'"),
    "header_not_first.po": (4, None, "must be the first entry"),
    "header_twice.po": (11, None, "second header entry"),
    "string_without_keyword.po": (12, 1, "string without a keyword"),
    "comment_inside_entry.po": (12, None, "comment inside an entry"),
    "obsolete_mixed.po": (12, None, "inconsistent use of #~"),
    "msgid_without_msgstr.po": (13, None, "entry at line 11 has no msgstr"),
    "bad_header_line.po": (4, None, "header line is not 'Key: value'"),
    "empty.po": (1, None, "empty file"),
    "whitespace_only.po": (1, None, "empty file"),
    "latin1_in_utf8.po": (12, 12, "byte 0xe9 is not valid UTF-8"),
    "mislabelled_koi8.po": (12, 9, "is not valid UTF-8"),
    "nul_byte.po": (12, 10, "NUL byte"),
    "utf16.po": (1, None, "UTF-16"),
    "utf16_nobom.po": (1, 2, "NUL byte"),
    "cr_only.po": (1, 9, "CR-only"),
    "binary.po": (1, 1, "NUL byte"),
    "mo_file.po": (1, 5, "NUL byte"),
    "control_char.po": (12, 10, "control character U+0007"),
    "bom_latin9.po": (1, None, "byte order mark"),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in (DATA / "bad").iterdir()) == sorted(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_fixture_gives_catalog_error_with_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, column, words = BAD[name]
    path = DATA / "bad" / name
    with pytest.raises(CatalogError) as info:
        Catalog.read(path)
    err = info.value
    assert words in err.message
    assert err.path == path
    assert err.line == line
    assert err.column == column
    assert err.hint
    assert str(err).startswith(f"{path}:{line}")
    # P15: the library reports problems by raising, never by printing.
    assert capsys.readouterr() == ("", "")


# l10n is deliberately stricter than msgfmt -c on these (see the catalog package docs):
# other escapes are mangled by PO libraries (P8); the rest are accepted by gettext
# with a warning or silently, but are almost always damage or a wrong tool.
STRICTER_THAN_GETTEXT = {
    "bad_escape_bell.po",
    "bad_escape_hex.po",
    "bad_escape_octal.po",
    "bad_header_line.po",
    "control_char.po",
    "cr_only.po",
    "header_not_first.po",
    "nul_byte.po",
    "unknown_charset.po",
}


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext not installed")
@pytest.mark.parametrize("name", [n for n in sorted(BAD) if n not in STRICTER_THAN_GETTEXT])
def test_gettext_also_rejects_what_we_reject(name: str) -> None:
    """Our refusals are real problems: msgfmt -c rejects each of them too."""
    assert MSGFMT is not None
    path = DATA / "bad" / name
    done = subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True)
    assert done.returncode != 0, done.stderr


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_good_fixtures_read(path: Path) -> None:
    cat = Catalog.read(path)
    assert cat.path == path
    assert all(isinstance(e, Entry) for e in cat.entries)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_entries_agree_with_polib(path: Path) -> None:
    """Cross-check the model against an independent parser."""
    cat = Catalog.read(path)
    ref = polib.pofile(str(path), wrapwidth=0, check_for_duplicates=False)
    theirs = [e for e in ref if e.msgid != "" or e.msgctxt is not None or e.obsolete]
    theirs.sort(key=lambda e: e.linenum)
    mine = sorted(cat.entries, key=lambda e: e.obsolete)
    theirs.sort(key=lambda e: e.obsolete)
    assert [(e.msgctxt, e.msgid) for e in mine] == [(e.msgctxt, e.msgid) for e in theirs]
    for m, t in zip(mine, theirs, strict=True):
        assert m.msgstr == t.msgstr
        assert m.msgid_plural == (t.msgid_plural or None)
        assert m.msgstr_plural == tuple(t.msgstr_plural[i] for i in sorted(t.msgstr_plural))
        assert set(m.flags) == set(t.flags)
        assert m.obsolete == t.obsolete
        if not m.obsolete:
            assert m.previous_msgid == t.previous_msgid
            assert m.previous_msgctxt == t.previous_msgctxt
    header_fields = dict(cat.header.fields)
    for key, value in ref.metadata.items():
        assert header_fields[key].strip() == value.strip()


def test_model_of_previous_and_plurals() -> None:
    cat = Catalog.read(DATA / "good" / "p05_previous.po")
    first, second = cat.entries
    assert first.msgctxt == "menu"
    assert first.previous_msgctxt == "menu"
    assert first.previous_msgid == (
        "The old text of this entry was long enough to be wrapped over more than "
        "one line by gettext."
    )
    assert first.fuzzy
    assert first.line == 11
    assert second.msgid_plural == "%d pears"
    assert second.previous_msgid_plural == "%d apples"
    assert second.msgstr_plural == ("%d груша", "%d груши", "%d груш")
    assert second.msgstr == ""


def test_model_of_comments() -> None:
    cat = Catalog.read(DATA / "good" / "p17_comments.po")
    entry = cat.entries[0]
    assert entry.translator_comments == ("# double hash comment", "")
    assert entry.extracted_comments[0] == ""
    assert entry.extracted_comments[1].startswith("An extracted comment")
    assert entry.flags == ()
    assert entry.references == ("a.py:1",)
    obsolete = cat.entries[2]
    assert obsolete.obsolete
    assert obsolete.translator_comments == ("A comment after the last entry",)


def test_model_of_escapes() -> None:
    cat = Catalog.read(DATA / "good" / "p08_escapes.po")
    assert cat.entries[0].msgid == 'Tab\there, quote " and backslash \\ and CR\r'
    assert cat.entries[1].msgstr == "Строка один\nСтрока два\n"


def test_legacy_charsets_are_decoded() -> None:
    latin = Catalog.read(DATA / "good" / "p11_latin9.po")
    assert latin.charset == "ISO-8859-15"
    assert "€" in latin.entries[0].msgstr and "œuvre" in latin.entries[0].msgstr
    koi = Catalog.read(DATA / "good" / "p11_koi8r.po")
    assert koi.entries[0].msgstr == "Новости"


def test_template_placeholders_are_accepted() -> None:
    cat = Catalog.read(DATA / "good" / "p11_template.pot")
    assert cat.header.charset == "CHARSET"
    assert cat.header.nplurals is None
    assert cat.header.flags == ("fuzzy",)
    assert cat.entries[0].msgstr_plural == ("", "")


def test_headerless_file_has_empty_header() -> None:
    cat = Catalog.read(DATA / "good" / "p07_headerless.po")
    assert cat.header == Header()
    assert [e.msgid for e in cat.entries] == ["Headerless", "Second"]


def test_ctxt_with_empty_msgid_is_an_entry() -> None:  # P9
    cat = Catalog.read(DATA / "good" / "p09_ctxt_empty_msgid.po")
    assert cat.find("", "tooltip") == cat.entries[0]
    assert cat.entries[0].msgstr == "Подсказка"


def test_header_api() -> None:
    cat = Catalog.read(DATA / "good" / "p02_header_unusual.po")
    h = cat.header
    assert h.get("Project-Id-Version") == " django"  # double space kept (P2)
    assert h.get("x-custom") == "  spaced value"
    assert h.get("Missing") is None
    assert h.comments == ("Translation of the sample.", "Copyright (C) 2024", "")
    h2 = h.with_field("Language", "fr").with_field("X-New", "1")
    assert [k for k, _ in h2.fields] == [k for k, _ in h.fields] + ["X-New"]
    assert h2.get("Language") == "fr"
    assert h.get("Language") == "de"  # frozen: the original is unchanged
    assert h.nplurals == 2


def test_find_and_active_entries() -> None:
    cat = Catalog.read(DATA / "good" / "p06_obsolete_previous.po")
    assert [e.msgid for e in cat.active_entries()] == ["Live"]
    assert cat.find("Live") is cat.entries[0]
    assert cat.find("Removed") is None  # obsolete entries are not found
    assert cat.find("Live", "ctx") is None
    assert cat.index() == {(None, "Live"): cat.entries[0]}


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="file not found"):
        Catalog.read(tmp_path / "nope.po")
    with pytest.raises(CatalogError, match="directory"):
        Catalog.read(tmp_path)


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.po"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: no real disk use
    with pytest.raises(CatalogError, match="too large") as info:
        Catalog.read(big)
    assert info.value.hint
    with pytest.raises(CatalogError, match="too large"):
        Catalog.parse(b"#" * (MAX_BYTES + 1), big)
