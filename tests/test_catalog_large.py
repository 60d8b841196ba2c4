"""Large catalogs: correctness at size. Speed is measured by the benchmark in bench/,
never by timed unit tests."""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from l10n.catalog import Catalog, Entry

HEADER = [
    ("Project-Id-Version", "perf"),
    ("Language", "ru"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    (
        "Plural-Forms",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    ),
]
SENTENCE = "The council voted on Tuesday to extend the emergency measures for six months."
RUSSIAN = "Совет во вторник проголосовал за продление чрезвычайных мер на шесть месяцев."


def big_catalog(path: Path, n: int) -> Catalog:
    cat = Catalog.new(path, HEADER)
    for i in range(n):
        cat.entries.append(
            Entry(
                msgid=f"{i}: {SENTENCE}",
                msgstr=f"{i}: {RUSSIAN}",
                msgctxt=f"p{i // 10}s{i % 10}",
                references=(f"sources/article.md:{i}",),
                flags=("fuzzy",) if i % 9 == 0 else (),
            )
        )
    return cat


def test_3000_entries_round_trip_and_one_edit(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    big_catalog(path, 3000).write()
    cat = Catalog.read(path)
    assert len(cat.entries) == 3000
    assert cat.render() == path.read_bytes()
    i = 1234
    cat.entries[i] = dataclasses.replace(cat.entries[i], msgstr="правка")
    before = path.read_text(encoding="utf-8").splitlines()
    cat.write()
    after = path.read_text(encoding="utf-8").splitlines()
    diff = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    added = [line[1:] for line in diff if line.startswith("+")]
    removed = [line[1:] for line in diff if line.startswith("-")]
    assert added == ['msgstr "правка"']
    assert removed[0] == 'msgstr ""'
    assert "".join(removed[1:]).replace('""', "") == f'"{i}: {RUSSIAN}"'
    assert Catalog.read(path).entries[i].msgstr == "правка"
