"""PO files as translators' editors leave them, inside a real project.

Fixtures in tests/data/hostile/po imitate Poedit (long header, msgctxt,
plurals), Lokalize (``#|`` and ``#~|``, obsolete plurals), Weblate (flags,
comments after the last entry, CJK wrapping), Windows Notepad (BOM, CRLF, no
final newline) and legacy charsets (ISO-8859-1, KOI8-R). For each: the reader
accepts it and writes it back unchanged; an edit changes only its own lines;
a sync inside a project keeps every translation, the editor's header, BOM,
newlines and charset, passes ``msgfmt -c`` and is idempotent; ``status`` and
``check`` run on it.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.catalog import Catalog
from l10n.cli import cli

DATA = Path(__file__).parent / "data"
FIXTURES = sorted((DATA / "hostile" / "po").glob("*.po"))
MSGFMT = shutil.which("msgfmt")
ASCII_ARTICLE = """\
Delegations met on Tuesday in Moscow.

The talks lasted 3.5 hours.

Officials did not publish the text of the agreement.
"""


def msgfmt_ok(path: Path, tmp: Path) -> None:
    if MSGFMT is None:
        pytest.skip("GNU gettext is not installed")
    data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # gettext 0.21 rejects a BOM
    probe = tmp / ("msgfmt-" + path.name)
    probe.write_bytes(data)
    proc = subprocess.run([MSGFMT, "-c", "-o", os.devnull, str(probe)], capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")


def translations(cat: Catalog) -> set[str]:
    return {t for e in cat.entries for t in e.translations if t}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_editor_file_reads_and_writes_back_unchanged(path: Path, tmp_path: Path) -> None:
    cat = Catalog.read(path)
    assert cat.render() == path.read_bytes()
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    mtime = target.stat().st_mtime_ns
    assert Catalog.read(target).write() is False
    assert target.stat().st_mtime_ns == mtime
    msgfmt_ok(path, tmp_path)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_each_edit_changes_only_its_own_lines(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    base = Catalog.read(path)
    for i, entry in enumerate(base.entries):
        cat = Catalog.read(path)
        if entry.msgid_plural is not None:
            forms = tuple(f + " (ok)" for f in entry.msgstr_plural)
            new = dataclasses.replace(entry, msgstr_plural=forms)
        else:
            new = dataclasses.replace(entry, msgstr=entry.msgstr + " (ok)")
        cat.entries[i] = new
        out = cat.render()
        assert Catalog.parse(out, path).entries == cat.entries
        old_lines = original.decode(base.charset).splitlines(keepends=True)
        new_lines = out.decode(base.charset).splitlines(keepends=True)
        removed = [ln for ln in difflib.ndiff(old_lines, new_lines) if ln.startswith("- ")]
        # Only lines of this entry (its strings) may go; every other line stays.
        for ln in removed:
            assert "msgstr" in ln or ln[2:].lstrip().startswith(('"', "#~")), (
                f"entry {i} edit removed an unrelated line: {ln!r}"
            )
        written = tmp_path / f"{i}-{path.name}"
        written.write_bytes(out)
        msgfmt_ok(written, tmp_path)
        # An independent reader agrees on the edited entry.
        theirs = polib.pofile(str(written), encoding=base.charset)
        if not new.obsolete and new.msgid_plural is None:
            found = theirs.find(new.msgid, msgctxt=new.msgctxt)
            assert found is not None and found.msgstr == new.msgstr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    (root / "sources" / "plain.txt").write_text(ASCII_ARTICLE, encoding="utf-8")
    return root


def place(root: Path, fixture: Path) -> Path:
    """Where a fixture goes: a Korean/Ukrainian/Russian catalog of an article."""
    name = fixture.name
    if name.startswith("weblate"):
        dest = root / "locales" / "ko" / "world" / "briefing.po"
    elif name.startswith("lokalize"):
        dest = root / "locales" / "uk" / "world" / "briefing.po"
    elif name.startswith(("latin1", "koi8r")):
        lang = "uk" if name.startswith("latin1") else "ru"
        dest = root / "locales" / lang / "plain.po"
    else:
        dest = root / "locales" / "ru" / "kpa-kursk.po"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture, dest)
    return dest


def invoke(root: Path, *args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    return res.exit_code, res.output + res.stderr


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_sync_keeps_the_editors_file_intact(project: Path, fixture: Path, tmp_path: Path) -> None:
    dest = place(project, fixture)
    before = Catalog.read(dest)
    raw = dest.read_bytes()
    code, out = invoke(project, "sync")
    assert code == 0, out
    after = Catalog.read(dest)
    data = dest.read_bytes()
    # No translation is lost (changed or removed units keep theirs, fuzzy or obsolete).
    assert translations(before) <= translations(after)
    # The editor's choices stay: BOM, newline style, charset, header fields and comments.
    assert data.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")
    assert (b"\r\n" in data) == (b"\r\n" in raw)
    assert after.charset == before.charset
    for key, value in before.header.fields:
        assert after.header.get(key) == value
    assert after.header.comments == before.header.comments
    msgfmt_ok(dest, tmp_path)
    # A second sync has nothing to do.
    code, out = invoke(project, "sync")
    assert code == 0 and dest.read_bytes() == data, out
    for args in (["status"], ["check"]):
        code, out = invoke(project, *args)
        assert code in (0, 1), out
        assert "Traceback" not in out


@pytest.mark.parametrize("name", ["latin1_legacy.po", "koi8r_legacy.po"])
def test_legacy_charset_that_cannot_hold_the_source_is_a_clear_error(
    project: Path, name: str
) -> None:
    """Curly quotes of the article do not exist in Latin-1/KOI8-R: refuse, write nothing."""
    dest = project / "locales" / "ru" / "kpa-kursk.po"
    dest.parent.mkdir(parents=True)
    shutil.copyfile(DATA / "hostile" / "po" / name, dest)
    before = dest.read_bytes()
    res = CliRunner().invoke(cli, ["-C", str(project), "sync"], catch_exceptions=False)
    assert res.exit_code == 2
    assert "cannot be written in charset" in res.stderr
    assert "locales/ru/kpa-kursk.po" in res.stderr
    assert dest.read_bytes() == before
    assert not (project / "locales" / "uk").exists()
