"""``l10n segment`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from l10n.cli.common import Context
from l10n.cli.segment import segment as segment_command

DATA = Path(__file__).parent / "data" / "segmentation"


def _run(args: list[str], stdin: bytes | None = None, project: str | None = None):  # type: ignore[no-untyped-def]
    runner = CliRunner()
    return runner.invoke(segment_command, args, input=stdin, obj=Context(project))


def test_text_output_lists_units_with_index_and_kind(tmp_path: Path) -> None:
    result = _run([str(DATA / "seed_article.txt"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 22
    golden = (DATA / "seed_article.units.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(None, 2) == ["1", "heading", golden[0]]
    assert lines[21].split(None, 2) == ["22", "paragraph", golden[21]]


def test_json_output_has_spans(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    source = "# Head\n\n> One. Two.\n"
    article.write_text(source, encoding="utf-8")
    result = _run([str(article), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == [
        {"text": "Head", "start": 2, "end": 6, "kind": "heading", "block": 0},
        {"text": "One.", "start": 10, "end": 14, "kind": "quote", "block": 1},
        {"text": "Two.", "start": 15, "end": 19, "kind": "quote", "block": 1},
    ]


def test_format_flags_override_the_suffix(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# Head\n", encoding="utf-8")
    result = _run([str(article), "--text", "--format", "json", "--lang", "en"])
    assert [u["text"] for u in json.loads(result.output)] == ["# Head"]
    result = _run(["-", "--markdown", "--format", "json", "--lang", "en"], stdin=b"# Head\n")
    assert [u["text"] for u in json.loads(result.output)] == ["Head"]


def test_stdin_defaults_to_text_and_english_outside_a_project(tmp_path: Path) -> None:
    result = _run(
        ["-", "--format", "json"],
        stdin="Он пришёл. Г. Петров ушёл.".encode(),
        project=str(tmp_path),
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) >= 1


def test_lang_defaults_to_project_source_language(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.l10n]\nsource-language = "ru"\nlanguages = ["en"]\n', encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text("Дом построен в 1950 г. Вскоре его снесут.", encoding="utf-8")
    result = _run([str(article), "--format", "json"], project=str(tmp_path))
    assert result.exit_code == 0, result.output
    # Russian rules: "г." before a capital does not end the sentence.
    assert len(json.loads(result.output)) == 1
    result = _run([str(article), "--format", "json", "--lang", "en"], project=str(tmp_path))
    assert len(json.loads(result.output)) == 2


def _run_main(args: list[str]):  # type: ignore[no-untyped-def]
    from l10n.cli import cli

    return CliRunner().invoke(cli, args)


def test_invalid_utf8_names_the_line_and_exits_2(tmp_path: Path) -> None:
    article = tmp_path / "bad.txt"
    article.write_bytes(b"Fine line.\nSecond \xff line.\n")
    result = _run_main(["segment", str(article), "--lang", "en"])
    assert result.exit_code == 2
    assert "bad.txt:2:8" in result.output
    assert "UTF-8" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = _run_main(["segment", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_registered_in_the_main_group() -> None:
    from l10n.cli import cli

    result = CliRunner().invoke(cli, ["segment", "-", "--lang", "en"], input=b"One. Two.")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["1  paragraph   One.", "2  paragraph   Two."]


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    from l10n.articles import MAX_SOURCE_BYTES
    from l10n.cli import cli

    big = tmp_path / "big.txt"
    big.write_bytes(b"A sentence. " * (MAX_SOURCE_BYTES // 12 + 2))
    res = CliRunner().invoke(cli, ["segment", str(big)])
    assert res.exit_code == 2
    assert "larger than the limit" in res.output
