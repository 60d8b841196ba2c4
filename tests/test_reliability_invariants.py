"""Invariants over random sequences of source edits, syncs, MT fills, reviews and imports.

A small project (two articles, Russian only) goes through a hypothesis-chosen
sequence of operations, each through the library function the CLI calls.
After every step:

* no non-empty translation is lost: every translation a person or an XLIFF
  import wrote is still in its catalog (active, fuzzy or obsolete) unless a
  later edit of the same unit replaced it;
* untouched entries keep their bytes: every entry of the old file that is
  still in the catalog unchanged appears in the new file byte for byte;
* every catalog file passes GNU ``msgfmt -c``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from libre_server import LibreServer
from lxml import etree

from l10n.catalog import Catalog
from l10n.config import ProjectConfig, load_config
from l10n.exchange.xliff import export_xliff
from l10n.exchange.xliff_import import import_xliff
from l10n.machine.plan import TranslateOptions
from l10n.machine.run import translate_project
from l10n.machine.transport import RetryPolicy
from l10n.review.ids import entry_unit_id
from l10n.review.units import approve_units, reject_units
from l10n.sync import sync_project

MSGFMT = shutil.which("msgfmt")
DAY = dt.date(2026, 3, 2)
FAST = RetryPolicy(timeout=3.0, retries=1, base_delay=0.01, max_delay=0.02, concurrency=2)
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
ARTICLES = {
    "alpha": [
        "Delegations met on Tuesday in Moscow.",
        "KCNA said the talks went well.",
        "Officials did not publish the text.",
        "The agency published a statement.",
    ],
    "beta": [
        "Kim Jong Un awarded state honors.",
        "The army took part in the operation.",
        "Observers watched closely.",
    ],
}
SPARE = ["A new sentence was added.", "Another line came later.", "Talks resume in May."]

_server: LibreServer | None = None


def server() -> LibreServer:
    global _server
    if _server is None:
        _server = LibreServer()
        _server.__enter__()
    return _server


@pytest.fixture(scope="module", autouse=True)
def _stop_server() -> Iterator[None]:
    yield
    global _server
    if _server is not None:
        _server.__exit__(None, None, None)
        _server = None


# -- the project and its operations ------------------------------------------------------
class World:
    """The project on disk plus what the test knows must survive."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sentences = {k: list(v) for k, v in ARTICLES.items()}
        self.counter = 0
        self.kept: dict[str, set[str]] = {}  # catalog file -> translations that must stay
        (root / "sources").mkdir(parents=True)
        (root / "l10n.toml").write_text(
            'name = "inv"\nsource-language = "en"\nlanguages = ["ru"]\n'
            f'[mt]\nprovider = "libre"\nurl = "{server().url}"\ntimeout = 3\n'
            "[language.ru]\nrequired = true\n",
            encoding="utf-8",
        )
        self.write_sources()
        sync_project(self.config)

    @property
    def config(self) -> ProjectConfig:
        return load_config(self.root)

    def write_sources(self) -> None:
        for art, sents in self.sentences.items():
            text = "\n\n".join(sents) + "\n"
            (self.root / "sources" / f"{art}.txt").write_text(text, encoding="utf-8")

    def po(self, art: str) -> Path:
        return self.root / "locales" / "ru" / f"{art}.po"

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix} {self.counter}"

    def remember(self, art: str, old: str, new: str) -> None:
        kept = self.kept.setdefault(art, set())
        kept.discard(old)
        kept.add(new)


def op_edit_source(w: World, art: str, k: int, how: int) -> None:
    sents = w.sentences[art]
    i = k % len(sents)
    if how == 0:
        sents[i] = sents[i].replace(".", " again.", 1)
    elif how == 1 and len(sents) > 1:
        del sents[i]
    elif how == 2:
        sents.insert(i, SPARE[k % len(SPARE)])
    else:
        sents[:] = list(ARTICLES[art])
    w.write_sources()


def op_sync(w: World) -> None:
    sync_project(w.config, use_cache=bool(w.counter % 2))


def op_human(w: World, art: str, k: int) -> None:
    path = w.po(art)
    if not path.exists():
        return
    cat = Catalog.read(path)
    active = [i for i, e in enumerate(cat.entries) if not e.obsolete]
    if not active:
        return
    i = active[k % len(active)]
    old = cat.entries[i]
    text = w.fresh("перевод")
    cat.entries[i] = dataclasses.replace(old, msgstr=text).with_fuzzy(False)
    cat.write()
    w.remember(art, old.msgstr, text)


def op_mt(w: World) -> None:
    options = TranslateOptions(langs=("ru",), today=DAY, use_memory=bool(w.counter % 2))
    translate_project(w.config, options, policy=FAST)


def op_approve(w: World) -> None:
    approve_units(w.config, "ru", None, all_translated=True, reviewer="Tess Ter", today=DAY)


def op_reject(w: World, art: str, k: int) -> None:
    path = w.po(art)
    if not path.exists():
        return
    active = [e for e in Catalog.read(path).entries if not e.obsolete and e.msgstr]
    if not active:
        return
    uid = entry_unit_id(active[k % len(active)])
    reject_units(w.config, "ru", art, units=[uid], note="check", reviewer="Tess Ter", today=DAY)


def op_import(w: World, art: str, k: int) -> None:
    path = w.po(art)
    if not path.exists():
        return
    data = export_xliff(w.config, "ru", [art])
    tree = etree.fromstring(data)
    segments = list(tree.iter(f"{{{XLIFF_NS}}}segment"))
    if not segments:
        return
    seg = segments[k % len(segments)]
    source = "".join(seg.find(f"{{{XLIFF_NS}}}source").itertext())
    target = seg.find(f"{{{XLIFF_NS}}}target")
    old = "".join(target.itertext()) if target is not None else ""
    if target is None:
        target = etree.SubElement(seg, f"{{{XLIFF_NS}}}target")
    else:
        for child in list(target):
            target.remove(child)
    text = w.fresh("импорт")
    target.text = text
    seg.set("state", "translated")
    xlf = w.root / "in.xlf"
    xlf.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    import_xliff(w.config, xlf, today=DAY)
    xlf.unlink()
    assert source
    w.remember(art, old, text)


_art = st.sampled_from(sorted(ARTICLES))
_k = st.integers(0, 20)
OPS = st.one_of(
    st.tuples(st.just("edit"), _art, _k, st.integers(0, 3)),
    st.tuples(st.just("sync")),
    st.tuples(st.just("human"), _art, _k),
    st.tuples(st.just("mt")),
    st.tuples(st.just("approve")),
    st.tuples(st.just("reject"), _art, _k),
    st.tuples(st.just("import"), _art, _k),
)


def apply(w: World, op: tuple[object, ...]) -> None:
    name, *args = op
    fn = {
        "edit": op_edit_source,
        "sync": op_sync,
        "human": op_human,
        "mt": op_mt,
        "approve": op_approve,
        "reject": op_reject,
        "import": op_import,
    }[str(name)]
    fn(w, *args)  # type: ignore[operator]


# -- the invariants -----------------------------------------------------------------------
def entry_blocks(data: bytes) -> list[str]:
    """The text of each entry of a file written by l10n (entries are separated by blank lines)."""
    text = data.decode("utf-8")
    return [b.strip("\n") + "\n" for b in text.split("\n\n") if b.strip()]


def check_invariants(w: World, before: dict[str, bytes]) -> None:
    for art in ARTICLES:
        path = w.po(art)
        if not path.exists():
            continue
        data = path.read_bytes()
        cat = Catalog.parse(data, path)
        texts = {t for e in cat.entries for t in e.translations if t}
        missing = w.kept.get(art, set()) - texts - {""}
        assert not missing, f"{art}: translations lost: {missing}"
        old = before.get(art)
        if old is not None and old != data:
            header = entry_blocks(old)[0]
            now_entries = set(cat.entries)
            for block in entry_blocks(old)[1:]:
                entry = Catalog.parse((header + "\n" + block).encode("utf-8"), path).entries[0]
                if entry in now_entries:
                    assert block in data.decode("utf-8"), f"{art}: untouched entry rewritten"
        if MSGFMT is not None and old != data:
            proc = subprocess.run(
                [MSGFMT, "-c", "-o", os.devnull, str(path)], capture_output=True, text=True
            )
            assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("L10N_INVARIANT_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(OPS, min_size=3, max_size=9))
def test_no_translation_is_lost_and_untouched_entries_keep_their_bytes(
    ops: list[tuple[object, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        w = World(Path(tmp) / "project")
        for op in ops:
            before = {a: w.po(a).read_bytes() for a in ARTICLES if w.po(a).exists()}
            apply(w, op)
            check_invariants(w, before)


def test_a_fixed_long_sequence() -> None:
    """One deterministic run through every operation, twice over."""
    ops: list[tuple[object, ...]] = [
        ("human", "alpha", 0),
        ("human", "beta", 1),
        ("mt",),
        ("approve",),
        ("edit", "alpha", 0, 0),
        ("sync",),
        ("import", "alpha", 2),
        ("edit", "alpha", 1, 1),
        ("edit", "beta", 0, 2),
        ("sync",),
        ("reject", "beta", 1),
        ("mt",),
        ("edit", "alpha", 0, 3),
        ("sync",),
        ("human", "alpha", 3),
        ("approve",),
        ("import", "beta", 0),
        ("sync",),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        w = World(Path(tmp) / "project")
        for op in ops:
            before = {a: w.po(a).read_bytes() for a in ARTICLES if w.po(a).exists()}
            apply(w, op)
            check_invariants(w, before)
        assert sum(len(v) for v in w.kept.values()) >= 4
