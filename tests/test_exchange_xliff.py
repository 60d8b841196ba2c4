"""XLIFF 2.0 export and import, read back with translate-toolkit's independent reader."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from l10n.articles import catalog_path, discover_articles
from l10n.catalog import Catalog, Entry
from l10n.config import ProjectConfig, load_config
from l10n.errors import ExchangeError
from l10n.exchange.xliff import BASE_ATTRIBUTE, XLIFF_NS, base_hash, export_xliff
from l10n.exchange.xliff_import import import_xliff, parse_xliff
from l10n.model import UnitState
from l10n.review.ops import approve
from l10n.state import entry_state, valid_review
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "build"
RU = json.loads((DATA / "ru.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 25)
NS = {"x": XLIFF_NS}

HEADING = "Briefing: talks in Moscow"
TALKS = "The talks lasted 3.5 hours."
AGREED = "What was agreed"
MONTH = "A joint staff group will meet every month."


def prepared(project: Path) -> ProjectConfig:
    """Synced project; briefing (ru): one reviewed, one translated, one fuzzy, rest empty."""
    config = load_config(project)
    sync_project(config)
    path = catalog_path(config, "ru", "world/briefing")
    cat = Catalog.read(path)
    out: list[Entry] = []
    for e in cat.entries:
        if e.msgid == HEADING:
            e = approve(replace(e, msgstr=RU[HEADING]), "Anna Petrova", TODAY)
        elif e.msgid == TALKS:
            e = replace(e, msgstr=RU[TALKS], translator_comments=("check the number <3.5>",))
        elif e.msgid == AGREED:
            e = replace(e, msgstr=RU[AGREED], previous_msgid="What was said").with_fuzzy(True)
        out.append(e)
    cat.entries = out
    cat.write()
    kpa = Catalog.read(catalog_path(config, "ru", "kpa-kursk"))
    kpa.entries = [replace(e, msgstr=RU[e.msgid]) if not e.obsolete else e for e in kpa.entries]
    kpa.write()
    return config


def snapshot(config: ProjectConfig) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(config.locales_dir.rglob("*.po"))}


def test_export_is_read_by_translate_toolkit(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    out = tmp_path / "ru.xlf"
    out.write_bytes(export_xliff(config, "ru"))
    store = Xliff2File.parsefile(str(out))
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "ru"
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{XLIFF_NS}}}xliff" and root.get("version") == "2.0"
    files = root.findall("x:file", NS)
    assert [f.get("original") for f in files] == ["kpa-kursk", "world/briefing"]
    assert len({f.get("id") for f in files}) == 2
    # translate-toolkit reads the units of every <file>, in order
    kpa = Catalog.read(catalog_path(config, "ru", "kpa-kursk")).active_entries()
    brief = Catalog.read(catalog_path(config, "ru", "world/briefing")).active_entries()
    units = [u for u in store.units if u.source]
    assert [u.source for u in units] == [e.msgid for e in kpa + brief]
    assert [u.target or "" for u in units] == [e.msgstr for e in kpa + brief]
    assert all(u.istranslated() and not u.isapproved() for u in units[: len(kpa)])
    by = {u.source: u for u in units}
    assert by[HEADING].isapproved() and by[AGREED].isfuzzy() and not by[MONTH].istranslated()
    # and every unit of every file with our own reading of the XML
    briefing = files[1]
    segs = {
        u.find("x:segment/x:source", NS).text: u.find("x:segment", NS)
        for u in briefing.findall("x:unit", NS)
    }
    cat = Catalog.read(catalog_path(config, "ru", "world/briefing"))
    assert list(segs) == [e.msgid for e in cat.active_entries()]
    assert segs[HEADING].get("state") == "reviewed"
    assert segs[TALKS].get("state") == "translated"
    assert segs[AGREED].get("state") == "initial" and segs[AGREED].get("subState") == "l10n:fuzzy"
    assert segs[MONTH].get("state") == "initial" and segs[MONTH].find("x:target", NS) is None
    assert segs[TALKS].find("x:target", NS).text == RU[TALKS]


def test_export_notes_carry_comments(project: Path) -> None:
    # Notes belong to <unit> in XLIFF 2.0 (translate-toolkit 3.20 looks for them inside
    # <segment>), so they are read here with plain XPath.
    config = prepared(project)
    root = etree.fromstring(export_xliff(config, "ru", ["world/briefing"]))

    def notes(source: str, category: str) -> list[str]:
        (unit,) = root.xpath("//x:unit[x:segment/x:source/text()=$s]", namespaces=NS, s=source)
        return [n.text for n in unit.iterfind(f"x:notes/x:note[@category='{category}']", NS)]

    assert notes(TALKS, "translator") == ["check the number <3.5>"]
    assert "type: quote" in notes(TALKS, "extracted")
    assert notes(HEADING, "translator")[0].startswith("l10n-review: 2026-11-25 ")
    assert notes(AGREED, "previous") == ["What was said"]
    assert notes(MONTH, "previous") == []


def test_round_trip_without_changes_leaves_po_files_byte_identical(
    project: Path, tmp_path: Path
) -> None:
    config = prepared(project)
    before = snapshot(config)
    out = tmp_path / "ru.xlf"
    out.write_bytes(export_xliff(config, "ru"))
    report = import_xliff(config, out, today=TODAY)
    assert not any(c.changed for c in report.catalogs)
    assert snapshot(config) == before
    # also with a reviewer name: already-reviewed units get no second record
    report = import_xliff(config, out, reviewer="Boris Ivanov", today=TODAY)
    assert not any(c.approved or c.changed for c in report.catalogs)
    assert snapshot(config) == before


def test_round_trip_through_translate_toolkit_writer(project: Path, tmp_path: Path) -> None:
    """A CAT-like edit: translate-toolkit rewrites the file, changes one target, marks one final."""
    config = prepared(project)
    out = tmp_path / "ru.xlf"
    out.write_bytes(export_xliff(config, "ru", ["world/briefing"]))
    store = Xliff2File.parsefile(str(out))
    by = {u.source: u for u in store.units}
    by[MONTH].target = RU[MONTH]
    by[MONTH].marktranslated()
    by[TALKS].markapproved(True)
    store.savefile(str(out))
    report = import_xliff(config, out, today=TODAY)
    (item,) = report.catalogs
    assert item.updated == 1 and item.reviewed_unrecorded == 1 and item.approved == 0
    cat = Catalog.read(catalog_path(config, "ru", "world/briefing"))
    month = cat.find(MONTH)
    talks = cat.find(TALKS)
    assert month is not None and talks is not None
    assert month.msgstr == RU[MONTH] and entry_state(month) is UnitState.TRANSLATED
    assert entry_state(talks) is UnitState.TRANSLATED  # no review record forged


def _edit(data: bytes, fn: Callable[[dict[str, etree._Element]], None]) -> bytes:
    root = etree.fromstring(data)
    segs = {s.find("x:source", NS).text: s for s in root.iterfind(".//x:segment", NS)}
    fn(segs)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _set_target(seg: etree._Element, text: str, state: str) -> None:
    tgt = seg.find("x:target", NS)
    if tgt is None:
        tgt = etree.SubElement(seg, f"{{{XLIFF_NS}}}target")
    tgt.text = text
    seg.set("state", state)
    if "subState" in seg.attrib:
        del seg.attrib["subState"]


def test_import_applies_targets_and_states(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    po = catalog_path(config, "ru", "world/briefing")
    original = po.read_bytes()

    def edits(segs: dict[str, etree._Element]) -> None:
        _set_target(segs[MONTH], RU[MONTH], "initial")  # new text, still initial -> fuzzy
        _set_target(segs[AGREED], RU[AGREED], "translated")  # same text, confirmed -> not fuzzy
        _set_target(segs[TALKS], "Переговоры шли 3,5 часа.", "reviewed")  # changed + reviewed

    out = tmp_path / "ru.xlf"
    out.write_bytes(_edit(export_xliff(config, "ru", ["world/briefing"]), edits))
    dry = import_xliff(config, out, today=TODAY, dry_run=True)
    assert not dry.written and po.read_bytes() == original
    (item,) = import_xliff(config, out, today=TODAY).catalogs
    assert (item.updated, item.restated, item.reviewed_unrecorded) == (2, 1, 1)
    cat = Catalog.read(po)
    month, agreed, talks = cat.find(MONTH), cat.find(AGREED), cat.find(TALKS)
    assert month is not None and agreed is not None and talks is not None
    assert month.msgstr == RU[MONTH] and entry_state(month) is UnitState.FUZZY
    assert entry_state(agreed) is UnitState.TRANSLATED and agreed.previous_msgid is None
    assert talks.msgstr == "Переговоры шли 3,5 часа." and entry_state(talks) is UnitState.TRANSLATED
    assert talks.translator_comments == ("check the number <3.5>",)  # comments kept
    # untouched entries keep their bytes: the diff is limited to the three entries
    changed = [
        ln
        for ln in po.read_text(encoding="utf-8").splitlines()
        if ln not in original.decode("utf-8").splitlines()
    ]
    assert all(("msgstr" in ln) or ln.startswith("#,") or ln.startswith('"') for ln in changed)


def test_import_reviewed_with_reviewer_writes_review_record(project: Path, tmp_path: Path) -> None:
    config = prepared(project)

    def edits(segs: dict[str, etree._Element]) -> None:
        _set_target(segs[TALKS], RU[TALKS], "final")

    out = tmp_path / "ru.xlf"
    out.write_bytes(_edit(export_xliff(config, "ru", ["world/briefing"]), edits))
    (item,) = import_xliff(config, out, reviewer="Boris Ivanov", today=TODAY).catalogs
    assert item.approved == 1
    talks = Catalog.read(catalog_path(config, "ru", "world/briefing")).find(TALKS)
    assert talks is not None and entry_state(talks) is UnitState.REVIEWED
    rec = valid_review(talks)
    assert rec is not None and rec.reviewer == "Boris Ivanov" and rec.date == TODAY


def test_empty_target_never_erases_a_translation(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    before = snapshot(config)

    def edits(segs: dict[str, etree._Element]) -> None:
        tgt = segs[TALKS].find("x:target", NS)
        tgt.text = ""
        segs[TALKS].set("state", "initial")

    out = tmp_path / "ru.xlf"
    out.write_bytes(_edit(export_xliff(config, "ru", ["world/briefing"]), edits))
    import_xliff(config, out, today=TODAY)
    assert snapshot(config) == before


def test_unit_not_in_project_is_an_error_with_line(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    before = snapshot(config)

    def edits(segs: dict[str, etree._Element]) -> None:
        segs[MONTH].find("x:source", NS).text = "A sentence nobody wrote."
        _set_target(segs[TALKS], "изменено", "translated")

    out = tmp_path / "ru.xlf"
    data = export_xliff(config, "ru")
    edited = _edit(data, edits)
    out.write_bytes(edited)
    with pytest.raises(ExchangeError) as info:
        import_xliff(config, out, today=TODAY)
    err = info.value
    assert err.path == out and "not in briefing.po" in err.message
    lines = edited.decode("utf-8").splitlines()
    assert err.line is not None and "<unit" in lines[err.line - 1]
    assert snapshot(config) == before  # nothing written, not even the valid edit


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda s: s.replace('original="world/briefing"', 'original="world/nothing"'),
            "not an article",
        ),
        (lambda s: s.replace('trgLang="ru"', 'trgLang="de"'), "trgLang 'de'"),
        (lambda s: s.replace('srcLang="en"', 'srcLang="fr"'), "srcLang is 'fr'"),
        (lambda s: s.replace("</xliff>", ""), "not well-formed XML"),
        (lambda s: s.replace('state="translated"', 'state="done"', 1), "unknown segment state"),
        (lambda s: s.replace("document:2.0", "document:1.2"), "not an XLIFF 2.0 document"),
    ],
)
def test_bad_xliff_files_are_clear_errors(
    project: Path, tmp_path: Path, mutate: Callable[[str], str], message: str
) -> None:
    config = prepared(project)
    out = tmp_path / "ru.xlf"
    out.write_text(mutate(export_xliff(config, "ru").decode("utf-8")), encoding="utf-8")
    with pytest.raises(ExchangeError, match=message) as info:
        import_xliff(config, out, today=TODAY)
    assert info.value.path == out and info.value.line is not None


def test_inline_markers_are_read_as_text() -> None:
    data = (
        f'<xliff xmlns="{XLIFF_NS}" version="2.0" srcLang="en" trgLang="ru">'
        '<file id="f1" original="a"><unit id="u1"><segment state="translated">'
        '<source>A <mrk id="m1" type="term">term</mrk> here.</source>'
        '<target>Вот <mrk id="m1" type="term">термин</mrk><sm id="s" type="comment"/>'
        '<cp hex="2014"/>x.</target></segment>'
        "<ignorable><source> </source></ignorable>"
        '<segment state="reviewed"><source>Two.</source><target>Два.</target></segment>'
        "</unit></file></xliff>"
    ).encode()
    doc = parse_xliff(data, Path("t.xlf"))
    (unit,) = doc.files[0].units
    assert unit.source == "A term here. Two."
    assert unit.target == "Вот термин—x. Два."
    assert unit.state.label == "translated"
    bad = data.replace(b'<cp hex="2014"/>', b'<ph id="p1"/>')
    with pytest.raises(ExchangeError, match="inline element <ph>"):
        parse_xliff(bad, Path("t.xlf"))


def test_special_characters_survive_the_round_trip(project: Path, tmp_path: Path) -> None:
    config = load_config(project)
    sync_project(config)
    art = next(a for a in discover_articles(config) if a.id == "kpa-kursk")
    po = catalog_path(config, "ru", art.id)
    cat = Catalog.read(po)
    tricky = "  <b>&amp; \"кавычки\" 'x'\r\n\ttab ]]> \u00a0 end  "
    cat.entries = [replace(e, msgstr=tricky) if i == 1 else e for i, e in enumerate(cat.entries)]
    cat.write()
    before = snapshot(config)
    out = tmp_path / "ru.xlf"
    out.write_bytes(export_xliff(config, "ru", ["kpa-kursk"]))
    store = Xliff2File.parsefile(str(out))
    assert tricky in [u.target for u in store.units]
    import_xliff(config, out, today=TODAY)
    assert snapshot(config) == before


# -- CLI ---------------------------------------------------------------------------------


def test_cli_export_and_import(project: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    config = prepared(project)
    before = snapshot(config)
    out = tmp_path / "all.xlf"
    res = run("export", "xliff", "--lang", "ru", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.is_file()
    folder = tmp_path / "per-article"
    folder.mkdir()
    res = run("export", "xliff", "-l", "ru", "-o", str(folder))
    assert res.exit_code == 0, res.output
    assert (folder / "kpa-kursk.ru.xlf").is_file() and (folder / "world/briefing.ru.xlf").is_file()
    res = run("export", "xliff", "-l", "ru", "world/briefing")
    assert res.exit_code == 0 and res.stdout_bytes.startswith(b"<?xml")
    res = run("import", "xliff", str(out))
    assert res.exit_code == 0, res.output
    assert "ru  world/briefing: unchanged" in res.output
    assert snapshot(config) == before
    bad = tmp_path / "bad.xlf"
    bad.write_text(
        out.read_text(encoding="utf-8").replace(TALKS, "Changed source."), encoding="utf-8"
    )
    res = run("import", "xliff", str(bad))
    assert res.exit_code == 2
    assert f"{bad}:" in res.output and "Traceback" not in res.output
    res = run("import", "xliff", str(out), "--by", "a:b")
    assert res.exit_code == 2 and "contains ':'" in res.output


def test_import_of_a_human_edit_drops_machine_provenance(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    po = catalog_path(config, "ru", "world/briefing")
    cat = Catalog.read(po)
    cat.entries = [
        replace(
            e,
            msgstr="Машинный перевод.",
            translator_comments=("keep this note", "l10n-mt: 2026-11-20 libre"),
        ).with_fuzzy(True)
        if e.msgid == MONTH
        else e
        for e in cat.entries
    ]
    cat.write()

    def edits(segs: dict[str, etree._Element]) -> None:
        _set_target(segs[MONTH], RU[MONTH], "translated")

    out = tmp_path / "ru.xlf"
    out.write_bytes(_edit(export_xliff(config, "ru", ["world/briefing"]), edits))
    import_xliff(config, out, today=TODAY)
    month = Catalog.read(po).find(MONTH)
    assert month is not None and month.msgstr == RU[MONTH]
    assert month.translator_comments == ("keep this note",)
    assert entry_state(month) is UnitState.TRANSLATED


# -- an older export never overwrites newer PO work -------------------------------------


def _edit_po(config: ProjectConfig, msgid: str, text: str) -> None:
    po = catalog_path(config, "ru", "world/briefing")
    cat = Catalog.read(po)
    cat.entries = [replace(e, msgstr=text) if e.msgid == msgid else e for e in cat.entries]
    cat.write()


def _conflicting_export(config: ProjectConfig, tmp_path: Path) -> Path:
    """Export, then the PO changes TALKS while the CAT tool changes TALKS and MONTH."""
    exported = export_xliff(config, "ru", ["world/briefing"])
    _edit_po(config, TALKS, "Переговоры продолжались 3,5 часа.")  # a newer edit in the PO

    def edits(segs: dict[str, etree._Element]) -> None:
        _set_target(segs[TALKS], "Переговоры шли 3,5 часа.", "translated")
        _set_target(segs[MONTH], RU[MONTH], "translated")

    out = tmp_path / "old.xlf"
    out.write_bytes(_edit(exported, edits))
    return out


def test_export_marks_every_unit_with_the_translation_it_was_made_from(project: Path) -> None:
    config = prepared(project)
    root = etree.fromstring(export_xliff(config, "ru", ["world/briefing"]))
    cat = Catalog.read(catalog_path(config, "ru", "world/briefing"))
    bases = [u.get(BASE_ATTRIBUTE) for u in root.iterfind(".//x:unit", NS)]
    assert bases == [base_hash(e.msgstr) for e in cat.active_entries()]
    assert len(set(bases)) > 1 and all(b and len(b) == 16 for b in bases)


def test_import_keeps_a_po_translation_changed_after_the_export(
    project: Path, tmp_path: Path
) -> None:
    config = prepared(project)
    out = _conflicting_export(config, tmp_path)
    po = catalog_path(config, "ru", "world/briefing")
    before = po.read_bytes()
    dry = import_xliff(config, out, today=TODAY, dry_run=True)
    assert dry.conflicts == 1 and po.read_bytes() == before
    report = import_xliff(config, out, today=TODAY)
    (item,) = report.catalogs
    assert report.conflicts == 1 and item.updated == 1 and item.changed
    (conflict,) = item.conflicts
    assert conflict.source == TALKS and conflict.line > 1
    unit_line = out.read_text(encoding="utf-8").splitlines()[conflict.line - 1]
    assert "<unit " in unit_line and f'id="{conflict.unit_id}"' in unit_line
    cat = Catalog.read(po)
    talks, month = cat.find(TALKS), cat.find(MONTH)
    assert talks is not None and talks.msgstr == "Переговоры продолжались 3,5 часа."
    assert month is not None and month.msgstr == RU[MONTH]  # the other unit came in
    # --overwrite takes the file's text
    again = import_xliff(config, out, today=TODAY, overwrite=True)
    assert again.conflicts == 0
    talks = Catalog.read(po).find(TALKS)
    assert talks is not None and talks.msgstr == "Переговоры шли 3,5 часа."


def test_no_conflict_when_the_file_agrees_or_the_po_did_not_change(
    project: Path, tmp_path: Path
) -> None:
    config = prepared(project)
    exported = export_xliff(config, "ru", ["world/briefing"])
    _edit_po(config, TALKS, "Переговоры шли 3,5 часа.")

    def same_text(segs: dict[str, etree._Element]) -> None:  # the file brings the PO's new text
        _set_target(segs[TALKS], "Переговоры шли 3,5 часа.", "translated")

    out = tmp_path / "same.xlf"
    out.write_bytes(_edit(exported, same_text))
    assert import_xliff(config, out, today=TODAY).conflicts == 0

    # a file made without the attribute (another tool) is trusted as before
    def no_base(segs: dict[str, etree._Element]) -> None:
        _set_target(segs[TALKS], "Другой текст.", "translated")
        for seg in segs.values():
            del seg.getparent().attrib[BASE_ATTRIBUTE]

    plain = tmp_path / "plain.xlf"
    plain.write_bytes(_edit(exported, no_base))
    assert import_xliff(config, plain, today=TODAY).conflicts == 0
    talks = Catalog.read(catalog_path(config, "ru", "world/briefing")).find(TALKS)
    assert talks is not None and talks.msgstr == "Другой текст."


def test_cli_reports_conflicts_and_exits_1(
    project: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    config = prepared(project)
    out = _conflicting_export(config, tmp_path)
    res = run("import", "xliff", str(out))
    assert res.exit_code == 1, res.output
    assert "1 kept: changed in the PO file since the export" in res.output
    assert f"{out}:" in res.output and "conflict" in res.output and "Traceback" not in res.output
    res = run("import", "xliff", str(out), "--format", "json")  # still in conflict
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["conflicts"] == 1
    assert [c["source"] for c in data["catalogs"][0]["conflicts"]] == [TALKS]
    res = run("import", "xliff", str(out), "--overwrite")
    assert res.exit_code == 0, res.output
    talks = Catalog.read(catalog_path(config, "ru", "world/briefing")).find(TALKS)
    assert talks is not None and talks.msgstr == "Переговоры шли 3,5 часа."
