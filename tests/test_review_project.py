"""The review workflow on real PO files in a project copy, judged by GNU gettext where useful."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from l10n.catalog import Catalog
from l10n.config import ProjectConfig, load_config
from l10n.errors import ConfigError, ReviewError
from l10n.model import UnitState
from l10n.records import unit_hash
from l10n.review import (
    Approve,
    Edit,
    LogKind,
    Reject,
    ReviewCounts,
    SkipReason,
    apply_decision,
    approve_units,
    catalogs,
    load_units,
    reject_units,
    resolve_reviewer,
    review_counts,
    review_log,
    review_queue,
)
from l10n.review.ids import unit_id
from l10n.state import entry_state, is_stale_review

TODAY = dt.date(2026, 3, 5)
GETTEXT = shutil.which("msgmerge") is not None and shutil.which("msgcat") is not None
needs_gettext = pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")

TITLE = "North Korean Leadership Recognizes Military’s Role in Kursk Operations with State Honors"
S_AWARD = (
    "According to a report by TAK (Central Telegraph Agency of Korea), on August 20, "
    "Kim Jong Un personally awarded state honors to generals, officers, and soldiers "
    "of the Korean People’s Army."
)
S_PUTIN = "On April 26, Putin addressed Russian soldiers."
S_PUTIN_NEW = "On April 27, Putin addressed Russian troops."
S_EMPTY = "The involvement of North Korean forces in the conflict has been corroborated."
T_TITLE = "Руководство КНДР отметило роль армии в Курской операции государственными наградами"
T_AWARD = (
    "Как сообщило ЦТАК, 20 августа Ким Чен Ын лично вручил государственные награды генералам, "
    "офицерам и солдатам Корейской народной армии."
)
T_PUTIN = "26 апреля Путин обратился к российским военным."
STALE_OLD = "Старый перевод заголовка"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ru_catalog() -> str:
    """A small ru catalog: translated, reviewed, stale, fuzzy, empty, plural, obsolete."""
    valid = unit_hash(None, S_AWARD, None, [T_AWARD])
    stale = unit_hash("title", TITLE, None, [STALE_OLD])
    return f"""# Russian translation of kpa-kursk.
msgid ""
msgstr ""
"Project-Id-Version: desk-sample\\n"
"Language: ru\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

# l10n-review: 2026-01-10 {stale} Anna Petrova
#. glossary: North Korea = КНДР
#: kpa-kursk.txt:1
msgctxt "title"
msgid {_q(TITLE)}
msgstr {_q(T_TITLE)}

# checked against the KCNA wording
# l10n-review: 2026-01-12 {valid} Anna Petrova
#. glossary: Kim Jong Un = Ким Чен Ын
#: kpa-kursk.txt:5
msgid {_q(S_AWARD)}
msgstr {_q(T_AWARD)}

#: kpa-kursk.txt:13
msgid {_q(S_PUTIN)}
msgstr {_q(T_PUTIN)}

# l10n-mt: 2026-01-09 libre
#: kpa-kursk.txt:15
#, fuzzy
#| msgid "Putin's remarks were careful."
msgid "His remarks were carefully worded."
msgstr "Его замечания были тщательно сформулированы."

#: kpa-kursk.txt:19
msgid {_q(S_EMPTY)}
msgstr ""

#: kpa-kursk.txt:21
msgid "%d soldier was honoured"
msgid_plural "%d soldiers were honoured"
msgstr[0] "%d военный награждён"
msgstr[1] "%d военных награждены"
msgstr[2] "%d военных награждены"

#~ msgid "A removed sentence."
#~ msgstr "Удалённое предложение."
"""


def write_ru(project: Path, review_required: bool = True) -> Path:
    path = project / "locales" / "ru" / "kpa-kursk.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ru_catalog(), encoding="utf-8")
    if review_required:
        toml = project / "l10n.toml"
        text = toml.read_text(encoding="utf-8")
        toml.write_text(
            text.replace(
                "[language.ru]\nrequired = true\n",
                "[language.ru]\nrequired = true\nreview-required = true\n",
            ),
            encoding="utf-8",
        )
    return path


@pytest.fixture
def ru_po(project: Path) -> Path:
    return write_ru(project)


@pytest.fixture
def config(project: Path, ru_po: Path) -> ProjectConfig:
    return load_config(project)


def states(path: Path) -> dict[str, UnitState]:
    return {e.msgid: entry_state(e) for e in Catalog.read(path).active_entries()}


def msgfmt_ok(path: Path) -> None:
    if shutil.which("msgfmt"):
        subprocess.run(
            ["msgfmt", "-c", "-o", os.devnull, str(path)], check=True, capture_output=True
        )


def test_units_and_queue(config: ProjectConfig, ru_po: Path) -> None:
    assert catalogs(config, "ru") == [("kpa-kursk", ru_po)]
    units = load_units(config, "ru")
    assert [u.position for u in units] == [1, 2, 3, 4, 5, 6]
    assert [u.state for u in units] == [
        UnitState.TRANSLATED,
        UnitState.REVIEWED,
        UnitState.TRANSLATED,
        UnitState.FUZZY,
        UnitState.UNTRANSLATED,
        UnitState.TRANSLATED,
    ]
    assert units[0].stale and not units[2].stale
    assert units[0].id == unit_id("title", TITLE)
    queue = review_queue(config, "ru")
    assert [u.position for u in queue] == [1, 3, 6]
    assert [u.position for u in review_queue(config, "ru", "kpa-kursk", [UnitState.FUZZY])] == [4]
    assert load_units(config, "uk") == []


def test_unknown_article_and_language_are_clear_errors(config: ProjectConfig) -> None:
    with pytest.raises(ReviewError, match="no ru catalog for article 'nope'") as err:
        load_units(config, "ru", "nope")
    assert err.value.path is not None and err.value.path.name == "nope.po"
    with pytest.raises(ConfigError, match="not configured"):
        load_units(config, "de")
    with pytest.raises(ReviewError, match="leads outside"):
        approve_units(
            config, "ru", "../../sources/x", all_translated=True, reviewer="A", today=TODAY
        )


def test_counts_show_stale_reviews_and_policy(config: ProjectConfig, ru_po: Path) -> None:
    (row,) = review_counts(config, "ru")
    assert row.counts == ReviewCounts(untranslated=1, fuzzy=1, translated=3, reviewed=1, stale=1)
    assert row.counts.total == 6
    assert row.review_required and row.awaiting_review == 3
    assert [r.lang for r in review_counts(config)] == ["ru"]


def test_approve_named_units_and_skip_with_reasons(config: ProjectConfig, ru_po: Path) -> None:
    before = ru_po.read_bytes()
    result = approve_units(
        config,
        "ru",
        "kpa-kursk",
        units=["3", unit_id(None, S_EMPTY), "#4"],
        reviewer="Boris Ivanov",
        today=TODAY,
    )
    assert [u.position for u in result.changed] == [3]
    assert {(s.unit.position, s.reason) for s in result.skipped} == {
        (5, SkipReason.UNTRANSLATED),
        (4, SkipReason.FUZZY),
    }
    assert result.written == (ru_po,)
    st = states(ru_po)
    assert st[S_PUTIN] is UnitState.REVIEWED
    assert st["His remarks were carefully worded."] is UnitState.FUZZY
    text = ru_po.read_text(encoding="utf-8")
    assert (
        f"# l10n-review: 2026-03-05 {unit_hash(None, S_PUTIN, None, [T_PUTIN])} Boris Ivanov\n"
        in text
    )
    # only the approved entry changed: every other line is where it was
    old_lines = before.decode().splitlines()
    new_lines = text.splitlines()
    assert len(new_lines) == len(old_lines) + 1
    assert [x for x in new_lines if x not in old_lines] == [
        f"# l10n-review: 2026-03-05 {unit_hash(None, S_PUTIN, None, [T_PUTIN])} Boris Ivanov"
    ]
    msgfmt_ok(ru_po)


def test_approve_all_translated_leaves_reviewed_alone(config: ProjectConfig, ru_po: Path) -> None:
    result = approve_units(
        config, "ru", None, all_translated=True, reviewer="Boris Ivanov", today=TODAY
    )
    assert [u.position for u in result.changed] == [1, 3, 6]
    assert sorted(s.reason.value for s in result.skipped) == ["fuzzy", "untranslated"]
    (row,) = review_counts(config, "ru")
    assert row.counts == ReviewCounts(untranslated=1, fuzzy=1, translated=0, reviewed=4, stale=0)
    log = review_log(config, "ru")
    # the stale record of the title was replaced; the older valid review kept its reviewer
    reviews = [(e.position, e.reviewer, e.date, e.current) for e in log if e.kind is LogKind.REVIEW]
    assert reviews == [
        (2, "Anna Petrova", dt.date(2026, 1, 12), True),
        (1, "Boris Ivanov", TODAY, True),
        (3, "Boris Ivanov", TODAY, True),
        (6, "Boris Ivanov", TODAY, True),
    ]
    # running it again changes nothing and writes nothing
    again = approve_units(
        config, "ru", None, all_translated=True, reviewer="Boris Ivanov", today=TODAY
    )
    assert again.changed == () and again.written == ()
    msgfmt_ok(ru_po)


def test_approve_needs_a_selection(config: ProjectConfig) -> None:
    with pytest.raises(ReviewError, match="--unit"):
        approve_units(config, "ru", "kpa-kursk", reviewer="A", today=TODAY)
    with pytest.raises(ReviewError, match="--unit"):
        approve_units(
            config, "ru", "kpa-kursk", units=["1"], all_translated=True, reviewer="A", today=TODAY
        )
    with pytest.raises(ReviewError, match="ARTICLE"):
        approve_units(config, "ru", None, units=["1"], reviewer="A", today=TODAY)


def test_unknown_unit_writes_nothing(config: ProjectConfig, ru_po: Path) -> None:
    before = ru_po.read_bytes()
    with pytest.raises(ReviewError, match="out of range") as err:
        approve_units(config, "ru", "kpa-kursk", units=["3", "99"], reviewer="A", today=TODAY)
    assert err.value.path == ru_po
    assert ru_po.read_bytes() == before


def test_reject_marks_fuzzy_with_note(config: ProjectConfig, ru_po: Path) -> None:
    result = reject_units(
        config,
        "ru",
        "kpa-kursk",
        units=["2", "5"],
        note="Use “КНА”, the glossary form.",
        reviewer="Boris Ivanov",
        today=TODAY,
    )
    assert [u.position for u in result.changed] == [2]
    assert [(s.unit.position, s.reason) for s in result.skipped] == [(5, SkipReason.UNTRANSLATED)]
    entry = Catalog.read(ru_po).find(S_AWARD)
    assert entry is not None and entry.fuzzy
    assert (
        "l10n-reject: 2026-03-05 Boris Ivanov: Use “КНА”, the glossary form."
        in entry.translator_comments
    )
    assert "checked against the KCNA wording" in entry.translator_comments
    assert not any(c.startswith("l10n-review") for c in entry.translator_comments)
    log = [e for e in review_log(config, "ru", "kpa-kursk") if e.kind is LogKind.REJECT]
    assert [(e.position, e.note, e.current) for e in log] == [
        (2, "Use “КНА”, the glossary form.", True)
    ]
    msgfmt_ok(ru_po)


def test_apply_decision_writes_at_once_and_refuses_changed_units(
    config: ProjectConfig, ru_po: Path
) -> None:
    units = review_queue(config, "ru")
    title = units[0]
    new = apply_decision(config, title, Edit(("Новый заголовок",)), "Boris Ivanov", TODAY)
    assert new.state is UnitState.REVIEWED
    assert states(ru_po)[TITLE] is UnitState.REVIEWED
    # the old view of the unit no longer matches the file: nothing is written
    before = ru_po.read_bytes()
    with pytest.raises(ReviewError, match="changed on disk"):
        apply_decision(config, title, Approve(), "Boris Ivanov", TODAY)
    assert ru_po.read_bytes() == before
    apply_decision(config, units[1], Reject("too literal"), "Boris Ivanov", TODAY)
    assert states(ru_po)[S_PUTIN] is UnitState.FUZZY


def test_an_editor_changing_a_translation_makes_the_review_stale(
    config: ProjectConfig, ru_po: Path
) -> None:
    ru_po.write_text(
        ru_po.read_text(encoding="utf-8").replace("Как сообщило ЦТАК", "По сообщению ЦТАК"),
        encoding="utf-8",
    )
    entry = Catalog.read(ru_po).find(S_AWARD)
    assert entry is not None and is_stale_review(entry)
    (row,) = review_counts(config, "ru")
    assert (row.counts.reviewed, row.counts.stale) == (0, 2)
    assert [e.current for e in review_log(config, "ru") if e.kind is LogKind.REVIEW] == [
        False,
        False,
    ]


def _pot_from(po: Path, out: Path, replace_msgid: tuple[str, str] | None = None) -> None:
    """A template with the same msgids (optionally one changed), written by msgfilter-free means."""
    cat = Catalog.read(po)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for e in cat.active_entries():
        msgid = e.msgid
        if replace_msgid and msgid == replace_msgid[0]:
            msgid = replace_msgid[1]
        if e.msgctxt is not None:
            lines.append(f"msgctxt {_q(e.msgctxt)}")
        lines.append(f"msgid {_q(msgid)}")
        if e.msgid_plural is not None:
            lines += [f"msgid_plural {_q(e.msgid_plural)}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines.append('msgstr ""')
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")


@needs_gettext
def test_reviews_survive_msgmerge_and_changed_units_lose_them(
    config: ProjectConfig, ru_po: Path, tmp_path: Path
) -> None:
    approve_units(config, "ru", None, all_translated=True, reviewer="Boris Ivanov", today=TODAY)
    assert states(ru_po)[S_PUTIN] is UnitState.REVIEWED
    pot = tmp_path / "kpa-kursk.pot"
    _pot_from(ru_po, pot, (S_PUTIN, S_PUTIN_NEW))
    merged = tmp_path / "merged.po"
    subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", str(merged), str(ru_po), str(pot)], check=True
    )
    after = states(merged)
    assert after[S_PUTIN_NEW] is UnitState.FUZZY  # msgmerge matched it fuzzily
    for msgid in (TITLE, S_AWARD, "%d soldier was honoured"):
        assert after[msgid] is UnitState.REVIEWED
    changed = Catalog.read(merged).find(S_PUTIN_NEW)
    assert changed is not None and changed.previous_msgid == S_PUTIN
    assert any(c.startswith("l10n-review:") for c in changed.translator_comments)
    # a translator fixes it and clears fuzzy in an editor: translated, stale, not reviewed
    fixed = changed.with_fuzzy(False)
    assert entry_state(fixed) is UnitState.TRANSLATED and is_stale_review(fixed)


@needs_gettext
def test_reviews_survive_msgcat_rewrap_and_edits_lose_them(
    config: ProjectConfig, ru_po: Path, tmp_path: Path
) -> None:
    approve_units(config, "ru", None, all_translated=True, reviewer="Boris Ivanov", today=TODAY)
    for width in ("--width=40", "--no-wrap"):
        out = tmp_path / "cat.po"
        subprocess.run(["msgcat", width, "-o", str(out), str(ru_po)], check=True)
        assert out.read_bytes() != ru_po.read_bytes() or width == "--no-wrap"
        assert states(out) == states(ru_po)
    edited = tmp_path / "edited.po"
    edited.write_text(
        ru_po.read_text(encoding="utf-8").replace(
            T_PUTIN, "26 апреля Путин выступил перед военными."
        ),
        encoding="utf-8",
    )
    out = tmp_path / "cat2.po"
    subprocess.run(["msgcat", "-o", str(out), str(edited)], check=True)
    after = states(out)
    assert after[S_PUTIN] is UnitState.TRANSLATED
    assert after[S_AWARD] is UnitState.REVIEWED


HOLD_LOCK = """
import sys
from pathlib import Path
from l10n.fsutil import project_lock
with project_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_writes_wait_for_the_project_lock(config: ProjectConfig, ru_po: Path) -> None:
    import sys
    import threading
    import time

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(config.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    before = ru_po.read_bytes()
    worker = threading.Thread(
        target=approve_units,
        args=(config, "ru", "kpa-kursk"),
        kwargs={"units": ["3"], "reviewer": "A", "today": TODAY},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        worker.start()
        time.sleep(0.5)
        assert worker.is_alive() and ru_po.read_bytes() == before  # waiting for the lock
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(30)
        worker.join(30)
    assert states(ru_po)[S_PUTIN] is UnitState.REVIEWED


def test_reviewer_name_sources(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(project),
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(project.parent),
    }
    with pytest.raises(ReviewError, match="no reviewer name") as err:
        resolve_reviewer(None, project, env)
    assert err.value.hint is not None and "L10N_REVIEWER" in err.value.hint
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q"], cwd=project, env=env, check=True)
        subprocess.run(
            ["git", "config", "user.name", "Desk Editor"], cwd=project, env=env, check=True
        )
        assert resolve_reviewer(None, project, env) == "Desk Editor"
    assert resolve_reviewer(None, project, {**env, "L10N_REVIEWER": "Night Desk"}) == "Night Desk"
    assert (
        resolve_reviewer("Anna  Petrova", project, {**env, "L10N_REVIEWER": "x"}) == "Anna Petrova"
    )
    with pytest.raises(ReviewError, match="':'"):
        resolve_reviewer("desk: night", project, env)


def test_sync_after_a_source_edit_keeps_reviews_of_unchanged_units(project: Path) -> None:
    from dataclasses import replace

    from l10n.sync import sync_project

    config = load_config(project)
    sync_project(config, langs=["ru"], use_cache=False)
    (_, path), *_ = catalogs(config, "ru", "kpa-kursk")
    cat = Catalog.read(path)
    cat.entries[:] = [
        e if e.obsolete else replace(e, msgstr=f"[ru] {e.msgid}") for e in cat.entries
    ]
    cat.write()
    result = approve_units(
        config, "ru", "kpa-kursk", all_translated=True, reviewer="A", today=TODAY
    )
    n = len(result.changed)
    assert n > 5 and all(s is UnitState.REVIEWED for s in states(path).values())
    source = project / "sources" / "kpa-kursk.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("On April 26, Putin", "On April 27, Putin"),
        encoding="utf-8",
    )
    sync_project(config, langs=["ru"], use_cache=False)
    after = states(path)
    changed = [m for m in after if m.startswith("On April 27, Putin")]
    assert len(changed) == 1 and after[changed[0]] is UnitState.FUZZY
    assert sum(s is UnitState.REVIEWED for s in after.values()) == n - 1
