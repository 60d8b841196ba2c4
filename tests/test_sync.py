from __future__ import annotations

import difflib
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from l10n.catalog import Catalog
from l10n.config import load_config
from l10n.sync import sync_project

SEED = "kpa-kursk"


def po(project: Path, lang: str, art: str = SEED) -> Path:
    return project / "locales" / lang / f"{art}.po"


def snapshot(project: Path) -> dict[Path, tuple[bytes, int]]:
    return {
        p: (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((project / "locales").rglob("*.po*"))
    }


def translate_all(path: Path, prefix: str = "[ru] ") -> None:
    cat = Catalog.read(path)
    from dataclasses import replace

    cat.entries = [e if e.obsolete else replace(e, msgstr=prefix + e.msgid) for e in cat.entries]
    cat.write()


def test_first_sync_creates_valid_catalogs_in_document_order(
    project: Path, run: Callable[..., Result]
) -> None:
    res = run("sync")
    assert res.exit_code == 0, res.output
    assert "ru: 22 added" in res.output or "ru: " in res.output
    for lang in ("ru", "uk", "ko"):
        for art in (SEED, "world/briefing"):
            path = po(project, lang, art)
            assert path.is_file()
            subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
    cat = Catalog.read(po(project, "ru"))
    ids = [e.msgid for e in cat.active_entries()]
    assert len(ids) == 22
    assert ids[0].startswith("North Korean Leadership Recognizes Military's Role")
    assert ids[1].startswith("North Korean Leadership Recognizes Military’s Role")
    assert cat.header.get("Language") == "ru"
    assert "nplurals=3" in (cat.header.get("Plural-Forms") or "")
    assert (project / "locales" / "templates" / f"{SEED}.pot").is_file()


def test_second_sync_writes_nothing(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    before = snapshot(project)
    for args in (("sync",), ("sync", "--no-cache")):
        res = run(*args)
        assert res.exit_code == 0
        assert snapshot(project) == before
    assert run("sync", "--check").exit_code == 0


def test_changed_sentence_becomes_fuzzy_with_previous_msgid(
    project: Path, run: Callable[..., Result]
) -> None:
    run("sync")
    translate_all(po(project, "ru"))
    src = project / "sources" / f"{SEED}.txt"
    tail = "celebrating their success in repelling Ukrainian forces from the region."
    old = f"On April 26, Putin addressed Russian soldiers, {tail}"
    new = f"On April 27, Putin addressed Russian troops, {tail}"
    src.write_text(src.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    res = run("sync", "--lang", "ru")
    assert "1 fuzzy" in res.output
    cat = Catalog.read(po(project, "ru"))
    e = cat.find(new)
    assert e is not None and e.fuzzy
    assert e.previous_msgid == old
    assert e.msgstr == "[ru] " + old
    assert cat.find(old) is None
    subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po(project, "ru"))], check=True)


def test_removed_sentence_becomes_obsolete_and_comes_back(
    project: Path, run: Callable[..., Result]
) -> None:
    run("sync")
    translate_all(po(project, "ru"))
    src = project / "sources" / f"{SEED}.txt"
    text = src.read_text(encoding="utf-8")
    gone = (
        "Eyewitness accounts further illuminate the ground-level reality"
        " of North Korean involvement.\n\n"
    )
    assert gone in text
    src.write_text(text.replace(gone, ""), encoding="utf-8")
    assert "1 obsolete" in run("sync", "--lang", "ru").output
    cat = Catalog.read(po(project, "ru"))
    obs = [e for e in cat.entries if e.obsolete]
    assert [e.msgid for e in obs] == [gone.strip()]
    assert obs[0].msgstr == "[ru] " + gone.strip()
    src.write_text(text, encoding="utf-8")
    run("sync", "--lang", "ru")
    cat = Catalog.read(po(project, "ru"))
    back = cat.find(gone.strip())
    assert back is not None and not back.obsolete and back.msgstr == "[ru] " + gone.strip()
    assert not any(e.obsolete for e in cat.entries)


def test_inserting_a_paragraph_only_adds_lines(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    for lang in ("ru", "uk"):
        translate_all(po(project, lang), f"[{lang}] ")
    before = {lang: po(project, lang).read_text(encoding="utf-8") for lang in ("ru", "uk", "ko")}
    src = project / "sources" / f"{SEED}.txt"
    text = src.read_text(encoding="utf-8")
    head, rest = text.split("\n\n", 1)
    src.write_text(
        head
        + "\n\nPYONGYANG, Aug. 21 (Reuters) - A new paragraph arrives. It has two sentences.\n\n"
        + rest,
        encoding="utf-8",
    )
    run("sync")
    for lang, old in before.items():
        new = po(project, lang).read_text(encoding="utf-8")
        ops = difflib.SequenceMatcher(
            a=old.splitlines(), b=new.splitlines(), autojunk=False
        ).get_opcodes()
        kinds = {tag for tag, *_ in ops if tag != "equal"}
        assert kinds == {"insert"}, (lang, [o for o in ops if o[0] != "equal"])


def test_malformed_po_stops_everything(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    bad = po(project, "uk")
    bad.write_text(
        bad.read_text(encoding="utf-8") + '\nmsgid "broken\nmsgstr ""\n', encoding="utf-8"
    )
    (project / "sources" / f"{SEED}.txt").write_text(
        "A brand new article. Nothing else.\n", encoding="utf-8"
    )
    before = snapshot(project)
    res = run("sync")
    assert res.exit_code == 2
    assert f"{SEED}.po:" in res.output
    assert "Traceback" not in res.output
    assert snapshot(project) == before


def test_dry_run_and_check_write_nothing(project: Path, run: Callable[..., Result]) -> None:
    res = run("sync", "--dry-run")
    assert res.exit_code == 0
    assert not (project / "locales").exists() or not any((project / "locales").rglob("*.po"))
    res = run("sync", "--check")
    assert res.exit_code == 1
    assert "out of date" in res.output
    run("sync")
    assert run("sync", "--check").exit_code == 0


def test_untouched_entries_keep_their_bytes(project: Path, run: Callable[..., Result]) -> None:
    run("sync", "--lang", "ru")
    path = po(project, "ru")
    translate_all(path)
    # The translator's editor uses CRLF and its own wrapping.
    text = path.read_text(encoding="utf-8")
    first_id = Catalog.read(path).active_entries()[2].msgid
    hand = text.replace("\n", "\r\n")
    path.write_bytes(hand.encode("utf-8"))
    src = project / "sources" / f"{SEED}.txt"
    src.write_text(
        src.read_text(encoding="utf-8").replace("August 20", "August 21"), encoding="utf-8"
    )
    run("sync", "--lang", "ru")
    out = path.read_bytes().decode("utf-8")
    assert "\r\n" in out and "\n" not in out.replace("\r\n", "")
    old_lines = hand.split("\r\n")
    new_lines = out.split("\r\n")
    new_cat = Catalog.read(path)
    active = new_cat.active_entries()
    idx = next(i for i, e in enumerate(active) if "August 21" in e.msgid)
    lo = active[idx].line
    hi = active[idx + 1].line if idx + 1 < len(active) else len(new_lines) + 1
    ops = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes()
    touched = [(j1, j2) for tag, _i1, _i2, j1, j2 in ops if tag != "equal"]
    assert touched, "the edited unit must change"
    for j1, j2 in touched:
        # 0-based new-file line indexes; entry lines are 1-based.
        assert lo - 1 <= j1 and j2 <= hi - 1, (lo, hi, j1, j2)
    assert Catalog.read(path).find(first_id) is not None


def test_json_summary(project: Path, run: Callable[..., Result]) -> None:
    res = run("sync", "--format", "json", "--lang", "ko")
    data = json.loads(res.output)
    assert data["written"] is True
    files = {(f["lang"], f["article"]): f for f in data["files"]}
    assert files[("ko", SEED)]["added"] == 22
    assert files[("ko", SEED)]["created"] is True


def test_orphan_catalog_is_kept_and_reported(project: Path, run: Callable[..., Result]) -> None:
    run("sync")
    (project / "sources" / "world" / "briefing.md").unlink()
    res = run("sync")
    assert res.exit_code == 0
    assert "world/briefing.po has no source article" in res.output
    assert po(project, "ru", "world/briefing").is_file()


def test_library_sync_reports_counts(project: Path) -> None:
    cfg = load_config(project)
    report = sync_project(cfg, langs=["ru"], templates=False)
    assert report.totals("ru").added == len(Catalog.read(po(project, "ru")).entries) + len(
        Catalog.read(po(project, "ru", "world/briefing")).entries
    )
    again = sync_project(cfg, langs=["ru"], templates=False)
    assert again.changed_files == ()


def test_unreadable_source_is_a_clear_error(project: Path, run: Callable[..., Result]) -> None:
    (project / "sources" / "bad.txt").write_bytes(b"Hello\n\xff\xfe world\n")
    res = run("sync")
    assert res.exit_code == 2
    assert "bad.txt:2:1: not valid UTF-8" in res.output
    assert not (project / "locales").exists()


def test_link_outside_sources_is_refused(
    project: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Outside text.\n", encoding="utf-8")
    (project / "sources" / "link.txt").symlink_to(outside)
    res = run("sync")
    assert res.exit_code == 2
    assert "outside the sources folder" in res.output


def test_headerless_catalog_gets_the_fields_msgfmt_needs(
    project: Path, run: Callable[..., Result]
) -> None:
    path = po(project, "ru")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "Old sentence."\nmsgstr "Старое предложение."\n', encoding="utf-8")
    assert run("sync", "--lang", "ru").exit_code == 0
    cat = Catalog.read(path)
    assert cat.header.get("Content-Type") == "text/plain; charset=UTF-8"
    assert cat.header.get("Language") == "ru"
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0 and "charset" not in done.stderr.lower(), done.stderr
    assert any(e.obsolete and e.msgstr == "Старое предложение." for e in cat.entries)
