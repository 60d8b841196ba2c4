"""Writing PO files: byte-identical round trips, minimal diffs, gettext as the judge."""

from __future__ import annotations

import dataclasses
import difflib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, serialize_entry
from l10n.errors import CatalogError

DATA = Path(__file__).parent / "data" / "po"
GOOD = sorted((DATA / "good").iterdir())
GOLDEN = DATA / "golden"
MSGCAT = shutil.which("msgcat")
MSGFMT = shutil.which("msgfmt")
needs_gettext = pytest.mark.skipif(
    MSGCAT is None or MSGFMT is None, reason="GNU gettext not installed"
)
BOM = b"\xef\xbb\xbf"


def msgfmt_check(path: Path) -> None:
    """msgfmt -c accepts the file (BOM removed: gettext 0.21 rejects it, P1)."""
    assert MSGFMT is not None
    data = path.read_bytes()
    if data.startswith(BOM):
        path = path.with_name("nobom-" + path.name)
        path.write_bytes(data.removeprefix(BOM))
    # -c insists on a header entry; a headerless file is checked without it.
    check = ["-c"] if b'msgid ""' in data else []
    done = subprocess.run(
        [MSGFMT, *check, "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def gettext_normal(data: bytes, tmp: Path, *extra: str) -> str:
    """``msgcat -t UTF-8 --no-wrap`` of some PO bytes (BOM removed: msgcat rejects it)."""
    assert MSGCAT is not None
    if b"charset=CHARSET" in data:
        pytest.skip("msgcat cannot convert a template's placeholder charset")
    src = tmp / "normal-in.po"
    src.write_bytes(data.removeprefix(BOM))
    done = subprocess.run(
        [MSGCAT, "-t", "UTF-8", "--no-wrap", *extra, str(src)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def copy(path: Path, tmp: Path) -> Path:
    target = tmp / path.name
    shutil.copyfile(path, target)
    return target


def changed_lines(old: bytes, new: bytes) -> list[int]:
    """0-based line numbers of ``old`` that the edit replaced or deleted."""
    a = old.decode("latin-1").splitlines(keepends=True)
    b = new.decode("latin-1").splitlines(keepends=True)
    out: list[int] = []
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            out.extend(range(i1, i2))
    return out


def first_active(cat: Catalog) -> int:
    return next(i for i, e in enumerate(cat.entries) if not e.obsolete)


def edited(entry: Entry) -> Entry:
    if entry.msgid_plural is not None:
        forms = tuple(f + " (edited)" for f in entry.msgstr_plural)
        return dataclasses.replace(entry, msgstr_plural=forms)
    return dataclasses.replace(entry, msgstr=entry.msgstr + " (edited)")


# -- untouched files ------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_untouched_render_is_byte_identical(path: Path) -> None:
    assert Catalog.read(path).render() == path.read_bytes()


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_untouched_write_does_not_touch_the_file(path: Path, tmp_path: Path) -> None:
    target = copy(path, tmp_path)
    os.utime(target, (1_000_000, 1_000_000))
    assert Catalog.read(target).write() is False
    assert target.stat().st_mtime == 1_000_000
    assert target.read_bytes() == path.read_bytes()


@needs_gettext
@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_gettext_equivalent_after_reordering(path: Path, tmp_path: Path) -> None:
    """Reordering entries is invisible to gettext (compared sorted, unwrapped)."""
    cat = Catalog.read(path)
    cat.entries.reverse()
    out = cat.render()
    assert out != path.read_bytes() or len(cat.entries) < 2
    before = gettext_normal(path.read_bytes(), tmp_path, "--sort-output")
    after = gettext_normal(out, tmp_path, "--sort-output")
    assert after == before
    assert Catalog.parse(out, path).entries == cat.entries


@needs_gettext
@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_gettext_equivalent_untouched(path: Path, tmp_path: Path) -> None:
    out = Catalog.read(path).render()
    assert gettext_normal(out, tmp_path) == gettext_normal(path.read_bytes(), tmp_path)


# -- one edit -------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_one_edit_changes_only_that_entry(path: Path, tmp_path: Path) -> None:
    cat = Catalog.read(path)
    i = first_active(cat)
    old = cat.entries[i]
    cat.entries[i] = edited(old)
    target = copy(path, tmp_path)
    assert cat.write(target) is True
    new = target.read_bytes()
    # Lines of the edited entry: from its first line up to the next entry's first line.
    start = old.line - 1
    following = [e.line for e in Catalog.read(path).entries if e.line > old.line]
    end = (min(following) - 1) if following else len(path.read_bytes().splitlines())
    changed = changed_lines(path.read_bytes(), new)
    assert changed
    assert all(start <= n < end for n in changed), (changed, start, end)
    again = Catalog.read(target)
    assert again.entries == cat.entries
    assert again.header == cat.header
    assert new.startswith(BOM) == path.read_bytes().startswith(BOM)


@needs_gettext
@pytest.mark.parametrize("path", [p for p in GOOD if p.suffix == ".po"], ids=lambda p: p.name)
def test_written_files_pass_msgfmt(path: Path, tmp_path: Path) -> None:
    cat = Catalog.read(path)
    i = first_active(cat)
    cat.entries[i] = edited(cat.entries[i])
    cat.entries.append(
        Entry(
            msgid="A brand new entry",
            msgstr="Новая запись" if cat.charset.upper() in ("UTF-8", "KOI8-R") else "Nouvelle",
        )
    )
    target = tmp_path / path.name
    cat.write(target)
    msgfmt_check(target)


@needs_gettext
def test_edited_entry_is_written_like_msgcat(tmp_path: Path) -> None:
    path = DATA / "good" / "mixed_layout.po"
    cat = Catalog.read(path)
    cat.entries[0] = dataclasses.replace(cat.entries[0], flags=("fuzzy",))
    out = cat.render()
    # msgcat re-wraps the whole file; our edited entry must look exactly like its version.
    assert MSGCAT is not None
    src = tmp_path / "in.po"
    src.write_bytes(out)
    ref = subprocess.run([MSGCAT, str(src)], capture_output=True, text=True, check=True).stdout
    assert serialize_entry(cat.entries[0]) in ref
    assert serialize_entry(cat.entries[0]) in out.decode()


def test_golden_edit(tmp_path: Path) -> None:
    """A scripted set of edits gives exactly the reviewed golden file."""
    cat = Catalog.read(DATA / "good" / "p05_previous.po")
    first, _second = cat.entries
    cat.entries[0] = first.with_fuzzy(False)
    cat.entries.insert(
        1,
        Entry(
            msgid="Inserted between two entries, with a reference list that is long",
            msgstr="Вставлено между двумя записями",
            references=tuple(f"articles/2024/long-article-name-{n}.md:{n * 10}" for n in range(4)),
            extracted_comments=("sentence 3 of paragraph 2",),
        ),
    )
    cat.header = cat.header.with_field("Language", "ru_RU")
    assert cat.render() == (GOLDEN / "p05_previous.edited.po").read_bytes()


# -- preserved file properties --------------------------------------------------------


def test_bom_and_crlf_are_restored_for_new_entries() -> None:
    bom = Catalog.read(DATA / "good" / "p01_bom.po")
    bom.entries.append(Entry(msgid="New", msgstr="Новое"))
    out = bom.render()
    assert out.startswith(BOM) and out.count(BOM) == 1
    crlf = Catalog.read(DATA / "good" / "p10_crlf.po")
    crlf.entries.append(Entry(msgid="New", msgstr="Новое", translator_comments=("c",)))
    crlf.header = crlf.header.with_field("X-Edited", "yes")
    out = crlf.render()
    assert out.count(b"\n") == out.count(b"\r\n") > 10
    assert out.endswith(b'msgstr "\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd0\xb5"\r\n')


def test_legacy_charset_is_written_back_not_transcoded() -> None:
    path = DATA / "good" / "p11_latin9.po"
    cat = Catalog.read(path)
    cat.entries.append(Entry(msgid="Summer", msgstr="Été œcuménique"))
    out = cat.render()
    assert out.startswith(path.read_bytes())
    assert "Été œcuménique".encode("iso-8859-15") in out
    cat.entries.append(Entry(msgid="Russian", msgstr="Русский"))
    with pytest.raises(CatalogError, match="cannot be written in charset ISO-8859-15"):
        cat.render()


def test_final_newline_and_trailing_comments(tmp_path: Path) -> None:
    path = DATA / "good" / "p20_no_final_newline.po"
    assert not path.read_bytes().endswith(b"\n")
    cat = Catalog.read(path)
    cat.entries.append(Entry(msgid="Appended", msgstr="Добавлено"))
    out = cat.render()
    assert out.startswith(path.read_bytes() + b"\n\n")
    assert out.endswith(
        b'msgid "Appended"\nmsgstr "\xd0\x94\xd0\xbe\xd0\xb1\xd0\xb0\xd0\xb2'
        b'\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbe"\n'
    )
    comments = Catalog.read(DATA / "good" / "p17_comments.po")
    comments.entries.insert(2, Entry(msgid="Before obsolete", msgstr="До"))
    out = comments.render().decode()
    assert out.endswith('#~ msgstr "y"\n\n# really the last comment\n')
    assert '\n\nmsgid "Before obsolete"\nmsgstr "До"\n\n# A comment after' in out


def test_header_change_is_canonical_and_keeps_field_order() -> None:
    path = DATA / "good" / "p07_header_order.po"
    cat = Catalog.read(path)
    cat.header = cat.header.with_field("X-Generator", "l10n")
    out = cat.render().decode()
    assert out.startswith(
        "#: header.py:1\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: en_GB\\n"\n'
        '"Last-Translator: A Very Long Name Of A Translator Who Works Here "\n'
        '"<translator@example.org>\\n"\n'
        '"X-Generator: l10n\\n"\n\n'
    )
    assert out.endswith(path.read_text().split("\n\n", 1)[1])


def test_headerless_file_stays_headerless_until_given_one() -> None:
    path = DATA / "good" / "p07_headerless.po"
    cat = Catalog.read(path)
    cat.entries.append(Entry(msgid="Third", msgstr="Dritte"))
    assert not cat.render().startswith(b'msgid ""')
    cat.header = cat.header.with_field("Content-Type", "text/plain; charset=UTF-8")
    out = cat.render()
    assert out.startswith(
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#. no header'
    )


def test_reordered_and_removed_entries_keep_their_text() -> None:
    path = DATA / "good" / "mixed_layout.po"
    cat = Catalog.read(path)
    text = path.read_text()
    cat.entries = [cat.entries[2], cat.entries[0]]
    out = cat.render().decode()
    assert 'msgid "Not canonical: this line is long but written on one line' in out
    assert '  msgid   "indented keyword"\nmsgstr    "отступ"\n' in out
    assert '" oddly"' not in out
    assert len(out) < len(text)


@needs_gettext
def test_new_catalog(tmp_path: Path) -> None:
    target = tmp_path / "locales" / "uk" / "story.po"
    cat = Catalog.new(
        target,
        [
            ("Project-Id-Version", "story"),
            ("Language", "uk"),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=UTF-8"),
            ("Content-Transfer-Encoding", "8bit"),
            (
                "Plural-Forms",
                "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
                "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
            ),
        ],
        header_comments=["Ukrainian translation of story.md."],
    )
    cat.entries.append(Entry(msgid="One", msgstr="Один", msgctxt="p1s1"))
    cat.entries.append(
        Entry(
            msgid="%d day", msgid_plural="%d days", msgstr_plural=("%d день", "%d дні", "%d днів")
        )
    )
    assert cat.write() is True
    assert cat.write() is False
    msgfmt_check(target)
    again = Catalog.read(target)
    assert again.entries == cat.entries and again.header == cat.header
    text = target.read_text()
    assert text.startswith('# Ukrainian translation of story.md.\nmsgid ""\nmsgstr ""\n')
    assert '\n\nmsgctxt "p1s1"\nmsgid "One"\nmsgstr "Один"\n\nmsgid "%d day"\n' in text


# -- refusing to write bad data -------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (Entry(msgid="bell", msgstr="ding\x07"), r"control character U\+0007"),
        (Entry(msgid="c", translator_comments=("two\nlines",)), "line break"),
        (Entry(msgid="p", msgid_plural="ps"), "no plural forms"),
        (Entry(msgid="p", msgstr_plural=("a", "b")), "no msgid_plural"),
        (Entry(msgid="Hello", msgstr="dup"), "refusing to write"),
        (Entry(msgid="", msgstr="second header"), "refusing to write"),
        (
            Entry(msgid="p", msgid_plural="ps", msgstr_plural=("a", "b")),
            "refusing to write",  # the file's Plural-Forms says nplurals=3
        ),
    ],
)
def test_invalid_model_is_never_written(entry: Entry, words: str, tmp_path: Path) -> None:
    target = copy(DATA / "good" / "p01_bom.po", tmp_path)
    before = target.read_bytes()
    cat = Catalog.read(target)
    cat.entries.append(entry)
    with pytest.raises(CatalogError, match=words) as info:
        cat.write()
    assert info.value.path == target
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
