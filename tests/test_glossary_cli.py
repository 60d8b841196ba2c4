"""``l10n glossary`` subcommands through click's CliRunner, on a project in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from l10n.cli import cli

DATA = Path(__file__).parent / "data" / "glossary"
TOML = 'source-language = "en"\nlanguages = ["ru", "uk", "ko"]\n'


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "sources").mkdir(parents=True)
    (root / "l10n.toml").write_text(TOML, "utf-8")
    shutil.copy(DATA / "glossary.yml", root / "glossary.yml")
    shutil.copy(DATA / "seed.txt", root / "sources" / "seed.txt")
    return root


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), "glossary", *args])


def test_validate_ok(proj: Path) -> None:
    r = run(proj, "validate")
    assert r.exit_code == 0, r.output
    assert "8 concept(s), valid" in r.output


@pytest.mark.parametrize(
    ("yaml_text", "needle", "line"),
    [
        ("concepts: [\n  - id: x\n", "invalid YAML", None),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "anchors and aliases", 1),
        ("concepts:\n  - !!python/object/apply:os.system ['echo hi']\n", "not allowed", 2),
        ("concepts:\n  - id: a\n    preferred: A\n    colour: red\n", "unknown key", 4),
        (
            "concepts:\n  - id: a\n    preferred: KPA\n  - id: b\n    preferred: KPA\n",
            "also in concept 'a'",
            5,
        ),
        (
            "concepts:\n  - id: a\n    preferred: A\n    targets:\n      fr: {preferred: B}\n",
            "not in the project",
            5,
        ),
        ("concepts:\n  - id: a\n    admitted: [A]\n", "missing preferred term", 2),
    ],
)
def test_validate_errors_exit_2_with_location(
    proj: Path, yaml_text: str, needle: str, line: int | None
) -> None:
    (proj / "glossary.yml").write_text(yaml_text, "utf-8")
    r = run(proj, "validate")
    assert r.exit_code == 2
    assert needle in r.output
    assert "glossary.yml:" in r.output
    if line is not None:
        assert f"glossary.yml:{line}:" in r.output or f"glossary.yml:{line} " in r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    # every other command reports the same problem cleanly
    r2 = run(proj, "list")
    assert r2.exit_code == 2 and "Traceback" not in r2.output and "glossary.yml" in r2.output


def test_list_and_show(proj: Path) -> None:
    r = run(proj, "list")
    assert r.exit_code == 0
    assert (
        "kpa\tKorean People's Army\tru: Корейская народная армия; "
        "uk: Корейська народна армія; ko: 조선인민군" in r.output
    )
    data = json.loads(run(proj, "list", "--format", "json").output)
    assert [c["id"] for c in data][:2] == ["kpa", "kcna"]
    for key in ("KPA", "kpa", "TAK", "Кім Чен Ин", "korean people's army"):
        shown = run(proj, "show", key)
        assert shown.exit_code == 0, key
    assert "deprecated" in run(proj, "show", "TAK").output
    assert "forbidden  Ким Чон Ын" in run(proj, "show", "Kim Jong Un").output
    missing = run(proj, "show", "nobody")
    assert missing.exit_code == 2 and "no concept" in missing.output


def test_lint_and_fix(proj: Path) -> None:
    r = run(proj, "lint")
    assert r.exit_code == 1
    assert (
        "sources/seed.txt:7:26: deprecated term 'TAK (Central Telegraph Agency of Korea)'"
        in r.output
    )
    data = json.loads(run(proj, "lint", "--format", "json").output.split("\nl10n:")[0])
    assert data[0]["replacement"] == "KCNA (Korean Central News Agency)"
    fixed = run(proj, "lint", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert "fixed 1 term(s) in sources/seed.txt" in fixed.output
    text = (proj / "sources" / "seed.txt").read_text("utf-8")
    assert "by KCNA (Korean Central News Agency), on August 20" in text
    assert run(proj, "lint").exit_code == 0


def test_suggest(proj: Path) -> None:
    (proj / "glossary.yml").write_text("concepts: []\n", "utf-8")
    r = run(proj, "suggest", "--format", "json")
    assert r.exit_code == 0
    terms = {c["term"]: c["count"] for c in json.loads(r.output)}
    assert terms["Korean People’s Army"] == 2
    assert "General Staff" in terms and "TAK" in terms
    text = run(proj, "suggest", "--limit", "3").output.splitlines()
    assert len(text) == 3


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_import_round_trip(proj: Path, fmt: str) -> None:
    from l10n.config import load_config
    from l10n.glossary import load_glossary

    config = load_config(proj)
    before = load_glossary(proj / "glossary.yml", config)
    out = proj / f"g.{fmt}"
    r = run(proj, "export", "--format", fmt, "-o", str(out))
    assert r.exit_code == 0 and out.is_file()
    stdout = run(proj, "export", "--format", fmt)
    assert stdout.output.encode("utf-8") == out.read_bytes()
    (proj / "glossary.yml").write_text("concepts: []\n", "utf-8")
    r = run(proj, "import", str(out))
    assert r.exit_code == 0, r.output
    assert load_glossary(proj / "glossary.yml", config) == before
    # merging the same file again changes nothing
    data = (proj / "glossary.yml").read_bytes()
    assert run(proj, "import", str(out)).exit_code == 0
    assert (proj / "glossary.yml").read_bytes() == data


def test_import_bad_files(proj: Path) -> None:
    bad = proj / "bad.csv"
    bad.write_text("concept,language\nx,ru\n", "utf-8")
    r = run(proj, "import", str(bad))
    assert r.exit_code == 2 and "missing columns" in r.output and "Traceback" not in r.output
    tbx = proj / "bad.tbx"
    tbx.write_text("<martif><text><body><termEntry id='a'>", "utf-8")
    r = run(proj, "import", str(tbx))
    assert r.exit_code == 2 and "invalid XML" in r.output
    fr = proj / "fr.csv"
    fr.write_text(
        "concept,language,status,term,type,case_sensitive,dnt,note\n"
        "a,en,preferred,Alpha,,,,\na,fr,preferred,Alpha,,,,\n",
        "utf-8",
    )
    r = run(proj, "import", str(fr))
    assert r.exit_code == 2 and "not in the project" in r.output
