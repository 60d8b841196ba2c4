from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.articles import SourceUnit
from l10n.catalog import Catalog, Entry
from l10n.config import load_config
from l10n.merge import merge
from l10n.segmentation import BlockKind
from l10n.sync import sync_project


def unit(text: str) -> SourceUnit:
    return SourceUnit(msgid=text, kind=BlockKind.PARAGRAPH, occurrences=1, first=0)


def no_comments(_u: SourceUnit) -> tuple[str, ...]:
    return ()


def test_exact_fuzzy_new_obsolete() -> None:
    old = [
        Entry("The army crossed the river.", "Армия пересекла реку."),
        Entry(
            "Officials declined to comment on the report.", "Чиновники отказались комментировать."
        ),
        Entry("Untranslated sentence here."),
        Entry("A sentence that will vanish entirely.", "Предложение исчезнет."),
    ]
    units = [
        unit("The army crossed the river."),
        unit("Officials declined to comment on the new report."),
        unit("Brand new text about something else."),
    ]
    entries, stats = merge(old, units, no_comments)
    assert [e.msgid for e in entries if not e.obsolete] == [u.msgid for u in units]
    assert entries[0] is old[0]
    assert entries[1].fuzzy and entries[1].previous_msgid == old[1].msgid
    assert entries[1].msgstr == old[1].msgstr
    assert entries[2].msgstr == "" and not entries[2].fuzzy
    obsolete = [e for e in entries if e.obsolete]
    assert [e.msgid for e in obsolete] == [old[3].msgid]
    assert (stats.unchanged, stats.fuzzy, stats.added, stats.obsolete, stats.dropped) == (
        1,
        1,
        1,
        1,
        1,
    )


def test_refuzzing_keeps_the_original_previous_msgid() -> None:
    old = [
        Entry(
            "Version two of the text.",
            "Перевод версии один.",
            flags=("fuzzy",),
            previous_msgid="Version one of the text.",
        )
    ]
    entries, _ = merge(old, [unit("Version three of the text.")], no_comments)
    assert entries[0].previous_msgid == "Version one of the text."
    assert entries[0].msgstr == "Перевод версии один."


def test_unrelated_sentence_is_not_paired() -> None:
    old = [
        Entry("Kim Jong Un awarded state honours to generals.", "Ким Чен Ын наградил генералов.")
    ]
    entries, stats = merge(old, [unit("Rain is expected in Moscow on Friday.")], no_comments)
    assert stats.fuzzy == 0 and stats.obsolete == 1
    assert entries[0].msgstr == ""


WORDS = st.sampled_from(
    [
        "the",
        "army",
        "KPA",
        "troops",
        "Kursk",
        "report",
        "said",
        "officials",
        "General",
        "Staff",
        "Putin",
        "Kim",
        "awarded",
        "honours",
        "river",
    ]
)
SENTENCE = st.lists(WORDS, min_size=3, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def edit_scripts(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    first = draw(st.lists(SENTENCE, min_size=1, max_size=8, unique=True))
    versions = []
    current = list(first)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "modify", "move"]))
        if op == "insert":
            current.insert(draw(st.integers(0, len(current))), draw(SENTENCE))
        elif op == "delete" and len(current) > 1:
            current.pop(draw(st.integers(0, len(current) - 1)))
        elif op == "modify":
            i = draw(st.integers(0, len(current) - 1))
            current[i] = current[i][:-1] + " " + draw(WORDS) + "."
        elif op == "move" and len(current) > 1:
            current.append(current.pop(0))
        current = list(dict.fromkeys(current))
        versions.append(list(current))
    return first, versions


@settings(max_examples=200, deadline=None)
@given(edit_scripts(), st.data())
def test_merge_never_loses_a_translation(
    script: tuple[list[str], list[list[str]]], data: st.DataObject
) -> None:
    first, versions = script
    entries, _ = merge([], [unit(s) for s in first], no_comments)
    translations: set[str] = set()
    for version in versions:
        filled = []
        for e in entries:
            if not e.obsolete and not e.msgstr and data.draw(st.booleans()):
                e = replace(e, msgstr="T:" + e.msgid)
            filled.append(e)
            if e.msgstr:
                translations.add(e.msgstr)
        entries, _ = merge(filled, [unit(s) for s in version], no_comments)
        kept = {e.msgstr for e in entries if e.msgstr}
        assert translations <= kept
        assert [e.msgid for e in entries if not e.obsolete] == version


TEXT_SEED = (
    "Kim Jong Un awarded state honours to KPA generals. "
    "Officials in Moscow confirmed the report.\n\n"
    "General Valery Gerasimov praised the troops. The General Staff said the operation ended.\n\n"
    "Putin addressed soldiers on April 26. He spoke for an hour.\n"
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(["edit", "drop", "add", "swap"]), st.integers(0, 50)),
        min_size=1,
        max_size=4,
    )
)
def test_project_sync_never_loses_a_translation(ops: list[tuple[str, int]]) -> None:
    tmp = Path(tempfile.mkdtemp())
    try:
        (tmp / "sources").mkdir()
        (tmp / "l10n.toml").write_text('languages = ["ru"]\n', encoding="utf-8")
        src = tmp / "sources" / "a.txt"
        src.write_text(TEXT_SEED, encoding="utf-8")
        cfg = load_config(tmp)
        po = tmp / "locales" / "ru" / "a.po"
        seen: set[str] = set()
        for op, n in ops:
            sync_project(cfg)
            cat = Catalog.read(po)
            cat.entries = [
                e if e.obsolete or e.msgstr else replace(e, msgstr="RU " + e.msgid)
                for e in cat.entries
            ]
            cat.write()
            seen |= {e.msgstr for e in cat.entries if e.msgstr}
            paras = src.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
            i = n % len(paras)
            if op == "edit":
                paras[i] = paras[i].replace(".", " again.", 1)
            elif op == "drop" and len(paras) > 1:
                paras.pop(i)
            elif op == "add":
                paras.insert(i, f"A new paragraph number {n} appears. It is short.")
            elif op == "swap" and len(paras) > 1:
                paras[0], paras[-1] = paras[-1], paras[0]
            src.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
            sync_project(cfg)
            kept = {e.msgstr for e in Catalog.read(po).entries if e.msgstr}
            assert seen <= kept
    finally:
        shutil.rmtree(tmp)
