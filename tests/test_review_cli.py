"""``l10n review``: approve, reject, list, log and the interactive walk through click's runner."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from test_review_project import S_AWARD, S_PUTIN, T_PUTIN, TITLE, states, write_ru

from l10n.catalog import Catalog
from l10n.model import UnitState
from l10n.review.ids import unit_id

GOLDEN = Path(__file__).parent / "data" / "review"
Run = Callable[..., Result]


@pytest.fixture
def ru_po(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("L10N_REVIEWER", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(project.parent))
    monkeypatch.setenv("NO_COLOR", "1")
    return write_ru(project)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("L10N_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_list_text_and_json(run: Run, ru_po: Path) -> None:
    res = run("review", "list", "ru")
    assert res.exit_code == 0, res.output
    golden("list_ru.txt", res.output)
    res = run("review", "list", "ru", "kpa-kursk", "--state", "all", "--format", "json")
    rows = json.loads(res.output)
    assert [(r["position"], r["state"], r["stale_review"]) for r in rows] == [
        (1, "translated", True),
        (2, "reviewed", False),
        (3, "translated", False),
        (4, "fuzzy", False),
        (5, "untranslated", False),
        (6, "translated", False),
    ]
    assert rows[0]["unit"] == unit_id("title", TITLE) and rows[0]["context"] == "title"
    assert rows[5]["translation"] == [
        "%d военный награждён",
        "%d военных награждены",
        "%d военных награждены",
    ]
    res = run(
        "review", "list", "ru", "--state", "untranslated", "--state", "fuzzy", "--format", "json"
    )
    assert [r["position"] for r in json.loads(res.output)] == [4, 5]


def test_approve_by_id_and_position_reports_skips(run: Run, ru_po: Path) -> None:
    res = run(
        "review",
        "approve",
        "ru",
        "kpa-kursk",
        "--unit",
        unit_id(None, S_PUTIN),
        "--unit",
        "5",
        "-u",
        "4",
        "--by",
        "Boris Ivanov",
    )
    assert res.exit_code == 0, res.output
    assert "approved 1 unit(s) as Boris Ivanov" in res.output
    assert f"kpa-kursk #3 {unit_id(None, S_PUTIN)}" in res.output
    assert "skipped kpa-kursk #5" in res.output and "untranslated: no translation yet" in res.output
    assert "skipped kpa-kursk #4" in res.output and "fuzzy" in res.output
    assert states(ru_po)[S_PUTIN] is UnitState.REVIEWED


def test_approve_all_uses_env_reviewer_and_json(
    run: Run, ru_po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_REVIEWER", "Night Desk")
    res = run("review", "approve", "ru", "--all-translated", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["reviewer"] == "Night Desk"
    assert [u["position"] for u in data["approved"]] == [1, 3, 6]
    assert all(u["state"] == "reviewed" for u in data["approved"])
    assert sorted(s["reason"] for s in data["skipped"]) == ["fuzzy", "untranslated"]
    assert data["written"] == [str(ru_po)]


def test_clear_errors_without_traceback(run: Run, ru_po: Path) -> None:
    res = run("review", "approve", "ru", "kpa-kursk", "--unit", "1")
    assert res.exit_code == 2
    assert "l10n: error: no reviewer name" in res.output and "L10N_REVIEWER" in res.output
    res = run("review", "approve", "ru", "kpa-kursk", "--unit", "deadbeef", "--by", "A")
    assert res.exit_code == 2
    assert f"{ru_po}: no unit 'deadbeef' in this catalog" in res.output
    res = run("review", "approve", "ru", "missing-article", "--all-translated", "--by", "A")
    assert res.exit_code == 2 and "no ru catalog for article 'missing-article'" in res.output
    res = run("review", "list", "xx")
    assert res.exit_code == 2 and "Traceback" not in res.output
    res = run("review", "reject", "ru", "kpa-kursk", "--unit", "1", "--by", "A")
    assert res.exit_code == 2 and "--note" in res.output


def test_reject_and_log(run: Run, ru_po: Path) -> None:
    res = run(
        "review",
        "reject",
        "ru",
        "kpa-kursk",
        "--unit",
        "2",
        "--note",
        "Use the glossary form КНА.",
        "--by",
        "Boris Ivanov",
    )
    assert res.exit_code == 0, res.output
    assert "rejected 1 unit(s) as Boris Ivanov" in res.output
    entry = Catalog.read(ru_po).find(S_AWARD)
    assert entry is not None and entry.fuzzy
    res = run("review", "log", "ru", "kpa-kursk", "--format", "json")
    rows = json.loads(res.output)
    assert [(r["position"], r["kind"], r["current"]) for r in rows] == [
        (1, "review", False),
        (2, "reject", True),
    ]
    assert rows[1]["reviewer"] == "Boris Ivanov" and rows[1]["note"] == "Use the glossary form КНА."


def test_log_text_golden(run: Run, ru_po: Path) -> None:
    res = run("review", "log")
    assert res.exit_code == 0, res.output
    golden("log_all.txt", res.output)
    assert run("review", "log", "uk").output == "no review records\n"


def test_walk_approve_edit_reject_each_saved(run: Run, ru_po: Path) -> None:
    # queue: #1 title (stale review), #3 Putin, #6 plural
    script = "e\nНовый заголовок\nr\nСлишком буквально.\na\n"
    res = run("review", "ru", "kpa-kursk", "--by", "Boris Ivanov", input=script)
    assert res.exit_code == 0, res.output
    assert "[1/3] ru kpa-kursk #1" in res.output and "(stale review)" in res.output
    assert "hint:        glossary: North Korea = КНДР" in res.output
    assert "saved: 1 approved, 1 edited, 1 rejected" in res.output
    cat = Catalog.read(ru_po)
    title = cat.find(TITLE, "title")
    assert title is not None and title.msgstr == "Новый заголовок"
    st = states(ru_po)
    assert st[TITLE] is UnitState.REVIEWED
    assert st[S_PUTIN] is UnitState.FUZZY
    assert st["%d soldier was honoured"] is UnitState.REVIEWED
    putin = cat.find(S_PUTIN)
    assert putin is not None
    assert any(c.endswith("Boris Ivanov: Слишком буквально.") for c in putin.translator_comments)


def test_walk_fuzzy_units_need_an_edit_and_quit_keeps_earlier_decisions(
    run: Run, ru_po: Path
) -> None:
    # with --fuzzy the queue is #1, #3, #4 (fuzzy, machine output), #6
    script = "s\ns\na\ne\n\nq\n"
    res = run("review", "walk", "ru", "--fuzzy", "--by", "Boris Ivanov", input=script)
    assert res.exit_code == 0, res.output
    assert "[3/4] ru kpa-kursk #4" in res.output
    assert "was:         Putin's remarks were careful." in res.output
    assert "machine:     libre (2026-01-09)" in res.output
    assert "cannot be approved as it is" in res.output
    assert "saved: 1 edited, 2 skipped" in res.output
    st = states(ru_po)
    assert st["His remarks were carefully worded."] is UnitState.REVIEWED
    assert st["%d soldier was honoured"] is UnitState.TRANSLATED
    entry = Catalog.read(ru_po).find("His remarks were carefully worded.")
    assert entry is not None and entry.msgstr == "Его замечания были тщательно сформулированы."
    assert entry.previous_msgid is None


def test_walk_interrupted_loses_nothing(run: Run, ru_po: Path) -> None:
    res = run("review", "ru", "--by", "Boris Ivanov", input="a\na\n")  # input ends at the 3rd unit
    assert res.exit_code == 1
    assert "saved: 2 approved" in res.output
    st = states(ru_po)
    assert st[TITLE] is UnitState.REVIEWED and st[S_PUTIN] is UnitState.REVIEWED
    assert st["%d soldier was honoured"] is UnitState.TRANSLATED


def test_walk_with_nothing_to_do_and_group_help(run: Run, ru_po: Path) -> None:
    assert run("review", "uk").output == "nothing awaits review\n"
    res = run("review", "--help")
    assert res.exit_code == 0 and "approve" in res.output and "walk" in res.output


def test_walk_shows_check_results_of_the_unit(run: Run, ru_po: Path) -> None:
    ru_po.write_text(
        ru_po.read_text(encoding="utf-8").replace(T_PUTIN, T_PUTIN.replace("26", "27")),
        encoding="utf-8",
    )
    res = run("review", "ru", "--by", "Boris Ivanov", input="s\ns\nq\n")
    assert res.exit_code == 0, res.output
    blocks = res.output.split("\n[")
    putin = next(b for b in blocks if S_PUTIN in b)
    assert "check:       error numbers:" in putin and "'26'" in putin
    title = next(b for b in blocks if TITLE in b)
    # state checks (unreviewed, stale-review) are not repeated: the header shows the state
    assert "checks:      ok" in title
