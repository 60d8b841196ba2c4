"""Bad and hostile input through the CLI: a clear message, exit 2, nothing written.

Each case damages one input of a synced copy of tests/data/project (a PO
file, the glossary, the configuration or a source article) and runs
``l10n sync``, ``l10n status`` and ``l10n check``. Each must exit 2 with one
``l10n: error:`` line naming the file (and the line where there is one), print
no traceback, and leave every file of the project as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.catalog import Catalog
from l10n.cli import cli
from l10n.config import load_config
from l10n.errors import L10nError
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data"
BAD_PO = sorted((DATA / "po" / "bad").glob("*.po"))
HOSTILE = DATA / "hostile"
COMMANDS = (["sync"], ["status"], ["check"])
RU_PO = "locales/ru/kpa-kursk.po"
MSGFMT = shutil.which("msgfmt")


def msgfmt_check(path: Path) -> None:
    """GNU msgfmt -c, the independent judge, accepts the file."""
    if MSGFMT is None:
        pytest.skip("GNU gettext is not installed")
    proc = subprocess.run(
        [MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synced") / "project"
    shutil.copytree(DATA / "project", root)
    sync_project(load_config(root))
    return root


@pytest.fixture
def proj(synced: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(synced, root)
    return root


def files(root: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and not p.is_symlink() and not rel.startswith(".l10n"):
            out[rel] = p.read_bytes()
    return out


def expect_clean_failure(
    root: Path, where: str, line: int | None, commands: tuple[list[str], ...] = COMMANDS
) -> None:
    """Each command exits 2 naming ``where`` (and ``line``); no file changes."""
    before = files(root)
    for args in commands:
        res = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=True)
        assert res.exception is None or isinstance(res.exception, SystemExit), (
            f"{args}: crashed with {res.exception!r}"
        )
        assert res.exit_code == 2, f"{args}: exit {res.exit_code}\n{res.output}"
        err = res.stderr
        assert "Traceback" not in err
        errors = [ln for ln in err.splitlines() if ln.startswith("l10n: error:")]
        assert len(errors) == 1, f"{args}: {err!r}"
        location = where if line is None else f"{where}:{line}"
        assert location in errors[0], f"{args}: expected {location} in {errors[0]!r}"
        assert files(root) == before, f"{args} wrote files"


# -- PO files ------------------------------------------------------------------------
@pytest.mark.parametrize("bad", BAD_PO, ids=lambda p: p.name)
def test_malformed_po_file(proj: Path, bad: Path) -> None:
    (proj / RU_PO).write_bytes(bad.read_bytes())
    with pytest.raises(L10nError) as info:
        Catalog.read(proj / RU_PO)
    expect_clean_failure(proj, RU_PO, info.value.line)


HOSTILE_PO = {
    # name: (bytes, line the error must name)
    "plural_div_zero": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=2; plural=n%0;\\n"\n',
        4,
    ),
    "plural_deep_nesting": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=2; plural=' + b"(" * 300 + b"n!=1" + b")" * 300 + b';\\n"\n',
        4,
    ),
    "nplurals_huge": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=99999999999999999999; plural=n;\\n"\n',
        4,
    ),
    "plural_index_huge": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=2; plural=n!=1;\\n"\n\n'
        b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[99999999999999999999] "y"\n',
        9,
    ),
    "charset_utf16_declared": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-16\\n"\n',
        3,
    ),
    "charset_codec_trick": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=rot13\\n"\n',
        3,
    ),
    "escape_at_line_end": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'msgid "a"\nmsgstr "b\\\n',
        6,
    ),
    "utf8_bom_then_utf16": (b"\xef\xbb\xbf\xff\xfem\x00s\x00g\x00", 1),
    "mo_magic": (b"\xde\x12\x04\x95" + b"\x00" * 24, 1),
    "gzip_bytes": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 1),
    "previous_before_obsolete": (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'#| msgid "x"\n#~ msgid "a"\n#~ msgstr "b"\n',
        6,
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_PO))
def test_hostile_po_file(proj: Path, name: str) -> None:
    data, line = HOSTILE_PO[name]
    (proj / RU_PO).write_bytes(data)
    expect_clean_failure(proj, RU_PO, line)


def test_po_file_that_is_a_directory(proj: Path) -> None:
    (proj / RU_PO).unlink()
    (proj / RU_PO).mkdir()
    expect_clean_failure(proj, RU_PO, None, (["sync"],))
    # status and check see no catalog there: reported, not a crash.
    for args in (["status"], ["check"]):
        res = CliRunner().invoke(cli, ["-C", str(proj), *args], catch_exceptions=False)
        assert res.exit_code in (0, 1), res.output


def test_comment_only_po_file_is_an_empty_catalog(proj: Path) -> None:
    """gettext reads a file of comments as an empty catalog; so does l10n, and sync fills it."""
    (proj / RU_PO).write_bytes(b"# Notes of the desk\n#, fuzzy\n")
    res = CliRunner().invoke(cli, ["-C", str(proj), "sync"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    cat = Catalog.read(proj / RU_PO)
    assert len(cat.active_entries()) > 10
    assert b"# Notes of the desk" in (proj / RU_PO).read_bytes()
    msgfmt_check(proj / RU_PO)


# -- glossary.yml ----------------------------------------------------------------------
ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
)
GLOSSARY = {
    "invalid_yaml": ("concepts:\n  - id: x\n    en: [unclosed\n", None),
    "tab_indent": ("concepts:\n\t- id: x\n", 2),
    "wrong_type": ("concepts: 42\n", 1),
    "unknown_key": ("concepts: []\ncolour: blue\n", 2),
    "alias_bomb": (ALIAS_BOMB, 1),
    "python_tag": ("concepts: !!python/object/apply:os.system ['echo pwned']\n", 1),
    "python_name": ("concepts:\n  - !!python/name:os.system\n", 2),
    "binary": ("\x00\x01\x02", None),
    "invalid_utf8": (b"concepts: []\n# \xff\xfe\n".decode("latin-1"), None),
    "huge_scalar": ("concepts: [" + "x" * 3_000_000 + "]\n", None),
}


@pytest.mark.parametrize("name", sorted(GLOSSARY))
def test_hostile_glossary(proj: Path, name: str) -> None:
    text, line = GLOSSARY[name]
    data = text.encode("latin-1") if name == "invalid_utf8" else text.encode("utf-8")
    (proj / "glossary.yml").write_bytes(data)
    # status reads no glossary; sync (hints) and check (terminology) do.
    expect_clean_failure(proj, "glossary.yml", line, (["sync"], ["check"]))
    assert not (proj / "pwned").exists()


# -- configuration -------------------------------------------------------------------------
CONFIG = {
    "invalid_toml": ('languages = ["ru"\n', None),
    "wrong_type": ('source-language = "en"\nlanguages = "ru"\n', None),
    "unknown_key": ('source-language = "en"\nlanguages = ["ru"]\ncolour = "blue"\n', None),
    "unknown_language": ('source-language = "en"\nlanguages = ["xx-klingon"]\n', None),
    "sources_outside": ('source-language = "en"\nlanguages = ["ru"]\nsources = "../.."\n', None),
    "locales_absolute": ('source-language = "en"\nlanguages = ["ru"]\nlocales = "/etc"\n', None),
    "binary": ("\x00\x01", None),
    "bad_utf8": ("languages = ['\udcff']\n", None),
}


@pytest.mark.parametrize("name", sorted(CONFIG))
def test_hostile_config(proj: Path, name: str) -> None:
    text, line = CONFIG[name]
    data = text.encode("utf-8", "surrogateescape")
    (proj / "l10n.toml").write_bytes(data)
    expect_clean_failure(proj, "l10n.toml", line)


# -- sources -----------------------------------------------------------------------------
def _src(root: Path, name: str, data: bytes) -> str:
    path = root / "sources" / name
    path.write_bytes(data)
    return f"sources/{name}"


SOURCES: dict[str, tuple[Callable[[Path], str], int | None]] = {
    "invalid_utf8": (lambda r: _src(r, "bad.txt", b"Fine line.\n\nBad \xff byte.\n"), 3),
    "latin1": (lambda r: _src(r, "latin.md", "# Titre\n\nCaf\xe9.\n".encode("latin-1")), 3),
    "utf16": (lambda r: _src(r, "wide.txt", "Hello there.\n".encode("utf-16")), 1),
    "binary": (lambda r: _src(r, "blob.txt", bytes(range(256)) * 4), 1),
    "empty": (lambda r: _src(r, "empty.md", b""), None),
    "whitespace_only": (lambda r: _src(r, "blank.txt", b" \n\t\n\n"), None),
    "control_char": (lambda r: _src(r, "bell.txt", b"One sentence.\n\nA bell \x07 rings.\n"), 3),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_hostile_source(proj: Path, name: str) -> None:
    make, line = SOURCES[name]
    where = make(proj)
    expect_clean_failure(proj, where, line, (["sync"], ["status"]))


def test_symlink_leading_outside_sources(proj: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret sentence.\n", encoding="utf-8")
    (proj / "sources" / "leak.txt").symlink_to(secret)
    expect_clean_failure(proj, "sources/leak.txt", None, (["sync"], ["status"]))


def test_symlinked_folder_outside_sources_is_not_read(proj: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Top secret sentence.\n", encoding="utf-8")
    (proj / "sources" / "linked").symlink_to(outside, target_is_directory=True)
    res = CliRunner().invoke(cli, ["-C", str(proj), "sync"])
    assert res.exit_code in (0, 2), res.output
    for po in (proj / "locales").rglob("*.po"):
        assert "Top secret" not in po.read_text(encoding="utf-8")


def test_catalog_symlink_is_never_written_through(proj: Path, tmp_path: Path) -> None:
    """A PO file that is a link to a file outside the project: sync never changes that file."""
    outside = tmp_path / "outside.po"
    outside.write_bytes((proj / RU_PO).read_bytes())
    (proj / RU_PO).unlink()
    (proj / RU_PO).symlink_to(outside)
    text = (proj / "sources" / "kpa-kursk.txt").read_text(encoding="utf-8")
    (proj / "sources" / "kpa-kursk.txt").write_text(text + "\nA new sentence.\n", encoding="utf-8")
    before = outside.read_bytes()
    CliRunner().invoke(cli, ["-C", str(proj), "sync"])
    assert outside.read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="root only: mode bits are checked explicitly")
def test_read_only_catalog_gives_clear_error_and_stays(proj: Path) -> None:
    po = proj / RU_PO
    text = (proj / "sources" / "kpa-kursk.txt").read_text(encoding="utf-8")
    (proj / "sources" / "kpa-kursk.txt").write_text(text + "\nA new sentence.\n", encoding="utf-8")
    po.chmod(0o444)
    before = po.read_bytes()
    res = CliRunner().invoke(cli, ["-C", str(proj), "sync"])
    assert res.exit_code == 2
    assert "read-only" in res.stderr and RU_PO in res.stderr
    assert po.read_bytes() == before


def test_symlinked_catalog_is_refused(tmp_path: Path) -> None:
    from l10n.catalog import Catalog
    from l10n.errors import CatalogError

    secret = tmp_path / "secret.txt"
    secret.write_text('msgid "token"\nmsgstr "s3cr3t"\n', encoding="utf-8")
    link = tmp_path / "x.po"
    link.symlink_to(secret)
    with pytest.raises(CatalogError) as info:
        Catalog.read(link)
    assert "symbolic link" in str(info.value)
    assert "s3cr3t" not in str(info.value)


@pytest.mark.parametrize("ask_first", [False, True], ids=["open-refuses", "no-o-nofollow"])
@pytest.mark.parametrize("target", ["dangling", "folder", "loop"])
def test_symlinked_catalog_of_any_kind_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ask_first: bool, target: str
) -> None:
    """A link is refused whatever it points to, with or without O_NOFOLLOW."""
    from l10n.catalog import Catalog, store
    from l10n.errors import CatalogError

    if ask_first:  # a platform without O_NOFOLLOW: the path is asked about first
        monkeypatch.setattr(store, "_NOFOLLOW", 0)
    link = tmp_path / "x.po"
    if target == "dangling":
        link.symlink_to(tmp_path / "missing.po")
    elif target == "folder":
        (tmp_path / "d").mkdir()
        link.symlink_to(tmp_path / "d")
    else:
        link.symlink_to(link)
    with pytest.raises(CatalogError) as info:
        Catalog.read(link)
    assert "symbolic link" in str(info.value)
    assert str(link) in str(info.value) or "x.po" in str(info.value)


def test_a_catalog_under_a_linked_folder_is_read(tmp_path: Path) -> None:
    """Only the file itself must not be a link (as before): a linked folder above it is fine."""
    from l10n.catalog import Catalog

    real = tmp_path / "real"
    real.mkdir()
    (real / "x.po").write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    assert Catalog.read(tmp_path / "linked" / "x.po").entries[0].msgstr == "b"
