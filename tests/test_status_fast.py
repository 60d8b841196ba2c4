"""The fast paths of ``l10n status`` agree with the plain ones they replace.

* counting entries without deciding each entry's state (reference: entry_state,
  provenance and valid_review, entry by entry);
* reading a catalog without building a Catalog (reference: Catalog.read);
* validating sources without keeping them (reference: read_article);
* grouping the work by article over processes (reference: the serial run);
* writing the JSON report (reference: json.dumps).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from l10n import status as status_mod
from l10n.articles import _usable_source, read_article, word_count
from l10n.catalog import Catalog, Entry
from l10n.cli.project import dumps_indented, render_status
from l10n.config import load_config
from l10n.errors import CatalogError, L10nError, SourceError
from l10n.machine.provenance import Provenance, provenance
from l10n.model import UnitState
from l10n.records import PREFIX, MachineRecord, MemoryRecord, RejectRecord, ReviewRecord
from l10n.state import entry_hash, entry_state, review_records, valid_review
from l10n.status import StateCounts, count_entries, project_status, read_entries
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data"
HEADER = [
    ("Language", "ru"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Plural-Forms", "nplurals=3; plural=(n%10==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);"),
]


def reference_counts(entries: list[Entry]) -> status_mod.Counts:
    """The numbers of a catalog, deciding every entry's state one by one."""
    units = dict.fromkeys(UnitState, 0)
    words = dict.fromkeys(UnitState, 0)
    stale = machine = memory = obsolete = 0
    last: tuple[str, str] | None = None
    for entry in entries:
        if entry.obsolete:
            obsolete += 1
            continue
        state = entry_state(entry)
        units[state] += 1
        words[state] += word_count(entry.msgid)
        if state is UnitState.TRANSLATED and review_records(entry):
            stale += 1
        origin = provenance(entry) if entry.translator_comments else None
        machine += origin is Provenance.MACHINE
        memory += origin is Provenance.MEMORY
        if state is UnitState.REVIEWED:
            rec = valid_review(entry)
            if rec is not None:
                stamp = (rec.date.isoformat(), rec.reviewer)
                if last is None or stamp > last:
                    last = stamp
    return (
        tuple(units[s] for s in UnitState),  # type: ignore[return-value]
        tuple(words[s] for s in UnitState),
        stale,
        machine,
        memory,
        obsolete,
        f"{last[0]} by {last[1]}" if last else None,
    )


_text = st.text(st.sampled_from(["a", "b", " ", "-", ".", "’", "1", "_", "é", "\n"]), max_size=12)
_dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))


@st.composite
def _comment(draw: st.DrawFn, entry: Entry) -> str:
    kind = draw(st.integers(0, 7))
    date = draw(_dates)
    if kind == 0:  # a review of the entry as it is
        return ReviewRecord(date, entry_hash(entry), draw(st.sampled_from(["Ann", "Bo"]))).format()
    if kind == 1:  # a review of something else: stale
        return ReviewRecord(date, "0123456789abcdef", "Cy").format()
    if kind == 2:
        return MachineRecord(date, "libre").format()
    if kind == 3:
        return MemoryRecord(date, 91, "x/y").format()
    if kind == 4:
        return RejectRecord(date, "Di", "no").format()
    if kind == 5:  # mangled or ordinary comments, some mentioning the record prefix
        return draw(st.sampled_from(["note", f"see {PREFIX}review", f"  {PREFIX}mt: bad", ""]))
    return draw(_text).replace("\n", " ")


@st.composite
def _entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.integers(0, 4)) == 0
    entry = Entry(
        msgid=draw(_text),
        msgstr="" if plural else draw(st.sampled_from(["", "x", draw(_text)])),
        msgctxt=draw(st.none() | _text),
        msgid_plural="many" if plural else None,
        msgstr_plural=tuple(draw(st.sampled_from(["", "y"])) for _ in range(3)) if plural else (),
        flags=draw(st.sampled_from([(), ("fuzzy",), ("c-format",), ("c-format", "fuzzy")])),
        obsolete=draw(st.integers(0, 9)) == 0,
    )
    comments = draw(st.lists(_comment(entry), max_size=3))
    return dataclasses.replace(entry, translator_comments=tuple(comments))


@settings(max_examples=400, deadline=None)
@given(st.lists(_entries(), max_size=12))
def test_count_entries_agrees_with_deciding_each_state(entries: list[Entry]) -> None:
    assert count_entries(entries) == reference_counts(entries)


def test_record_mark_is_the_record_prefix() -> None:
    assert status_mod._RECORD_MARK == PREFIX


@given(st.lists(st.tuples(*[st.integers(0, 50)] * 4), max_size=6))
def test_state_counts_sum_adds_up(rows: list[tuple[int, int, int, int]]) -> None:
    items = [StateCounts(*r) for r in rows]
    assert StateCounts.sum(items) == sum(items, StateCounts())


# -- reading catalogs -------------------------------------------------------------------
def _read_both(path: Path) -> tuple[object, object]:
    """(result or error) of read_entries and of Catalog.read for the same file."""
    try:
        fast: object = read_entries(str(path))
    except L10nError as exc:
        fast = (type(exc), str(exc))
    try:
        cat = Catalog.read(path)
        slow: object = (cat.header, tuple(cat.entries))
    except L10nError as exc:
        slow = (type(exc), str(exc))
    return fast, slow


@pytest.mark.parametrize(
    "name", [*sorted(p.name for p in (DATA / "po" / "bad").glob("*.po")), "good"]
)
def test_read_entries_agrees_with_catalog_read_on_sample_files(name: str) -> None:
    folder = DATA / "po" / ("good" if name == "good" else "bad")
    for path in sorted(folder.glob("*.po")) if name == "good" else [folder / name]:
        fast, slow = _read_both(path)
        assert fast == slow, path


@settings(max_examples=100, deadline=None)
@given(st.lists(_entries(), max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid)), st.data())
def test_read_entries_agrees_with_catalog_read(
    tmp_path_factory: pytest.TempPathFactory, items: list[Entry], data: st.DataObject
) -> None:
    cat = Catalog.new(Path("x.po"), HEADER)
    cat.entries.extend(e for e in items if e.msgid or e.msgctxt is not None)
    try:
        raw = cat.render()
    except CatalogError:
        assume(False)  # not writable as a PO file (an l10n record would not survive either)
        raise
    pos = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.sampled_from([b"", b'"', b"\\", b"\r", b"#", b"\n", b"\xff", b"msgid "]))
    path = tmp_path_factory.mktemp("read") / "x.po"
    path.write_bytes(raw[:pos] + junk + raw[pos + data.draw(st.integers(0, 3)) :])
    fast, slow = _read_both(path)
    assert fast == slow


def test_read_entries_refuses_links_and_odd_files_as_catalog_read(tmp_path: Path) -> None:
    good = next((DATA / "po" / "good").glob("*.po"))
    (tmp_path / "real.po").write_bytes(good.read_bytes())
    (tmp_path / "link.po").symlink_to(tmp_path / "real.po")
    (tmp_path / "folder.po").mkdir()
    os.mkfifo(tmp_path / "pipe.po")
    for name in ("link.po", "folder.po", "missing.po"):
        fast, slow = _read_both(tmp_path / name)
        assert fast == slow and isinstance(fast, tuple) and fast[0] is CatalogError, name
    # status: a link to a catalog is an error, a folder, a pipe or nothing is "not synced"
    with pytest.raises(CatalogError, match="symbolic link"):
        status_mod._counts_of(str(tmp_path / "link.po"))
    for name in ("folder.po", "pipe.po", "missing.po"):
        assert status_mod._counts_of(str(tmp_path / name)) is None


# -- sources -----------------------------------------------------------------------------
def _source_errors(path: Path) -> tuple[str | None, str | None]:
    """(read_article's error, check_source's error) for one file; None: no error."""
    outcomes: list[str | None] = []
    for read in (read_article, lambda p: status_mod.check_source(str(p))):
        try:
            read(path)
            outcomes.append(None)
        except SourceError as exc:
            outcomes.append(str(exc))
    return outcomes[0], outcomes[1]


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=40)
    | st.text(st.sampled_from(["a", " ", "\n", "\t", "\x07", "\x7f", "\x00", "é", "\ufeff"])).map(
        lambda t: t.encode("utf-8")
    )
)
def test_check_source_agrees_with_read_article(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes
) -> None:
    path = tmp_path_factory.mktemp("src") / "a.txt"
    path.write_bytes(raw)
    expected, got = _source_errors(path)
    assert got == expected
    assert _usable_source(str(path)) is (expected is None)
    if expected is None:
        # read_article's text: the bytes decoded, a leading BOM set apart
        text = raw.decode("utf-8")
        assert read_article(path).text == text.removeprefix("\ufeff")


# -- whole projects -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synced sample project whose catalogs hold every state and record kind."""
    root = tmp_path_factory.mktemp("rich") / "project"
    shutil.copytree(DATA / "project", root)
    (root / "sources" / "extra.md").write_text("# Title\n\nOne. Two here.\n", encoding="utf-8")
    sync_project(load_config(root))
    (root / "sources" / "later.txt").write_text("Not synced yet.\n", encoding="utf-8")
    for n, path in enumerate(sorted((root / "locales").rglob("*.po"))):
        cat = Catalog.read(path)
        out = []
        for i, e in enumerate(cat.entries):
            k = (i + n) % 6
            if k == 1:
                e = dataclasses.replace(e, msgstr="T " + e.msgid)
            elif k == 2:
                e = dataclasses.replace(e, msgstr="F " + e.msgid).with_flag("fuzzy")
            elif k == 3:
                e = dataclasses.replace(e, msgstr="R " + e.msgid)
                rec = ReviewRecord(dt.date(2026, 1, 1 + i % 27), entry_hash(e), "Ann")
                e = dataclasses.replace(e, translator_comments=(rec.format(),))
            elif k == 4:
                rec2 = MachineRecord(dt.date(2026, 1, 2), "libre")
                stale = ReviewRecord(dt.date(2026, 1, 3), "0123456789abcdef", "Bo")
                e = dataclasses.replace(
                    e, msgstr="M " + e.msgid, translator_comments=(rec2.format(), stale.format())
                )
            out.append(e)
        cat.entries = out
        cat.write()
    return root


def _serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        status_mod, "map_in_processes", lambda fn, items, **_kw: list(map(fn, items))
    )


def test_parallel_status_equals_serial(rich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_config(rich)
    monkeypatch.setattr(status_mod, "PARALLEL_MIN_FILES", 1)
    parallel = project_status(config)
    filtered = project_status(config, langs=["ko", "ru"], articles=["extra.md", "later"])
    _serial(monkeypatch)
    assert project_status(config) == parallel
    assert project_status(config, langs=["ko", "ru"], articles=["extra.md", "later"]) == filtered
    assert render_status(parallel) == render_status(project_status(config))
    data = parallel.as_dict()
    assert any(a["stale_reviews"] for lang in data["languages"] for a in lang["articles"])  # type: ignore[index, union-attr]
    assert any(a["last_review"] for lang in data["languages"] for a in lang["articles"])  # type: ignore[index, union-attr]


def test_first_bad_source_wins_over_bad_catalogs(rich: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(rich, root)
    (root / "locales" / "ru" / "extra.po").write_bytes(b'msgid "x"\n')
    (root / "sources" / "zz-bad.txt").write_bytes(b"\xff\n")
    with pytest.raises(SourceError, match="zz-bad"):
        project_status(load_config(root))
    (root / "sources" / "zz-bad.txt").unlink()
    # of two bad catalogs, the one of the first language (in order) is reported
    (root / "locales" / "ko" / "kpa-kursk.po").write_bytes(b'msgid "x"\n')
    with pytest.raises(CatalogError, match=r"locales/ru/extra\.po"):
        project_status(load_config(root))
    with pytest.raises(CatalogError, match=r"locales/ko/kpa-kursk\.po"):
        project_status(load_config(root), langs=["ko", "ru"])


def test_files_status_parallel_equals_serial(rich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((rich / "locales").rglob("*.po"))
    monkeypatch.setattr(status_mod, "PARALLEL_MIN_FILES", 1)
    parallel = status_mod.files_status(files)
    _serial(monkeypatch)
    assert status_mod.files_status(files) == parallel
    assert [ls.lang for ls in parallel.languages] == ["ko", "ru", "uk"]


# -- JSON -------------------------------------------------------------------------------------
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(), max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(st.characters(), max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_dumps_indented_is_json_dumps(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_indented_leaves_other_values_to_json() -> None:
    value = {"a": (1, 2), "b": {1: UnitState.FUZZY}, "c": [float("nan"), -float("inf")]}
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_status_report_json_is_json_dumps(rich: Path) -> None:
    data = project_status(load_config(rich)).as_dict()
    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_catalogs_written_by_l10n_take_the_fast_reading(rich: Path) -> None:
    paths = sorted((rich / "locales").rglob("*.po"))
    assert paths
    for path in paths:
        parsed = status_mod._read_parsed(str(path))
        assert parsed is not None, path
        assert read_entries(str(path)) == (
            Catalog.read(path).header,
            tuple(Catalog.read(path).entries),
        )


def test_check_source_odd_files_as_read_article(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "notes.doc").write_text("Text.\n", "utf-8")
    (tmp_path / "big.md").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    (tmp_path / "fine.markdown").write_text("\ufeffText.\n", "utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "fine.markdown")
    names = ["folder.txt", "notes.doc", "big.md", "missing.txt", "fine.markdown", "link.txt"]
    for name in names:
        path = tmp_path / name
        expected, got = _source_errors(path)
        assert got == expected, name
        assert _usable_source(str(path)) is (expected is None), name
