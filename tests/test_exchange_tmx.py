"""TMX 1.4b export, read back with translate-toolkit's TMX reader."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import Result
from lxml import etree
from translate.storage.tmx import tmxfile

from l10n.articles import catalog_path
from l10n.catalog import Catalog
from l10n.config import ProjectConfig, load_config
from l10n.exchange.tmx import export_tmx
from l10n.review.ops import approve
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data" / "build"
RU = json.loads((DATA / "ru.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 25)
HEADING = "Briefing: talks in Moscow"
TALKS = "The talks lasted 3.5 hours."
AGREED = "What was agreed"


def prepared(project: Path) -> ProjectConfig:
    config = load_config(project)
    sync_project(config)
    cat = Catalog.read(catalog_path(config, "ru", "world/briefing"))
    out = []
    for e in cat.entries:
        if e.msgid == HEADING:
            e = approve(replace(e, msgstr=RU[HEADING]), "Anna Petrova", TODAY)
        elif e.msgid == TALKS:
            e = replace(e, msgstr=RU[TALKS])
        elif e.msgid == AGREED:
            e = replace(e, msgstr=RU[AGREED]).with_fuzzy(True)
        out.append(e)
    cat.entries = out
    cat.write()
    return config


def test_tmx_holds_translated_and_reviewed_units_only(project: Path, tmp_path: Path) -> None:
    config = prepared(project)
    out = tmp_path / "ru.tmx"
    out.write_bytes(export_tmx(config, "ru"))
    store = tmxfile.parsefile(str(out))
    pairs = {(u.source, u.target) for u in store.units}
    assert pairs == {(HEADING, RU[HEADING]), (TALKS, RU[TALKS])}
    root = etree.parse(str(out)).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "en"
    assert header.get("segtype") == "sentence" and header.get("creationtool") == "l10n"
    tus = root.findall("body/tu")
    reviewed = next(t for t in tus if t.findtext("tuv/seg") == HEADING)
    assert reviewed.get("changeid") == "Anna Petrova"
    assert reviewed.get("changedate") == "20261125T000000Z"
    props = {p.get("type"): p.text for p in reviewed.findall("prop")}
    assert props == {"x-l10n-article": "world/briefing", "x-l10n-state": "reviewed"}
    langs = [t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in reviewed.findall("tuv")]
    assert langs == ["en", "ru"]


def test_tmx_dedupes_pairs_and_is_deterministic(project: Path) -> None:
    config = prepared(project)
    kpa = Catalog.read(catalog_path(config, "ru", "kpa-kursk"))
    kpa.entries = [replace(e, msgstr=RU[e.msgid]) for e in kpa.entries]
    kpa.write()
    data = export_tmx(config, "ru")
    assert data == export_tmx(config, "ru")
    root = etree.fromstring(data)
    segs = [tuple(s.text for s in tu.iterfind("tuv/seg")) for tu in root.iterfind("body/tu")]
    assert len(segs) == len(set(segs)) == len(kpa.entries) + 2
    # the two headline variants differ only in the apostrophe: both kept, same translation
    heads = [s for s in segs if s[0].startswith("North Korean Leadership")]
    assert len(heads) == 2 and heads[0][1] == heads[1][1]


def test_cli_export_tmx(project: Path, run: Callable[..., Result], tmp_path: Path) -> None:
    prepared(project)
    out = tmp_path / "tm.tmx"
    res = run("export", "tmx", "--lang", "ru", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert len(tmxfile.parsefile(str(out)).units) == 2
    res = run("export", "tmx", "--lang", "xx")
    assert res.exit_code == 2 and "Traceback" not in res.output
