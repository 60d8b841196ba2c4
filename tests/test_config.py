from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import find_project_root, load_config
from l10n.errors import ConfigError
from l10n.model import Severity


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_text(text, encoding="utf-8")
    return p


def test_l10n_toml_minimal(tmp_path: Path) -> None:
    write(tmp_path, "l10n.toml", 'languages = ["ru", "pt-BR"]\n')
    cfg = load_config(tmp_path)
    assert cfg.codes == ("ru", "pt_BR")
    assert cfg.source_language.code == "en"
    assert cfg.sources_dir == tmp_path.resolve() / "sources"
    assert cfg.language("pt_BR").language.nplurals == 2
    assert cfg.language("ru").required is True


def test_pyproject_tool_section_and_policy(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "desk"\n\n[tool.l10n]\nlanguages = ["ko", "uk"]\n'
        "[tool.l10n.language.uk]\nrequired = false\nmin-percent = 50\nreview-required = true\n"
        '[tool.l10n.checks]\nlength = "off"\nquotes = "warning"\n',
    )
    cfg = load_config(tmp_path)
    assert cfg.name == "desk"
    uk = cfg.language("uk")
    assert (uk.required, uk.min_percent, uk.review_required) == (False, 50.0, True)
    assert cfg.severity_for("length", "uk", Severity.WARNING) is None
    assert cfg.severity_for("quotes", "ko", Severity.ERROR) is Severity.WARNING
    assert cfg.severity_for("numbers", "ko", Severity.ERROR) is Severity.ERROR


def test_find_project_root_walks_up(tmp_path: Path) -> None:
    write(tmp_path, "l10n.toml", 'languages = ["ru"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_project_root(deep) == tmp_path.resolve()


def test_pyproject_without_section_is_not_a_project(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError):
        find_project_root(tmp_path)


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ('languages = ["ru", "xx"]\n', "unknown language code 'xx'", 1),
        ('languages = ["ru"]\nsourcs = "s"\n', "did you mean 'sources'", 2),
        ('languages = ["ru"]\n[language.ru]\nrequired = "yes"\n', "must be true or false", 3),
        ('languages = ["ru"]\n[language.ru]\nmin-percent = 140\n', "from 0 to 100", 3),
        ('languages = ["ru", "ru"]\n', "listed twice", 1),
        ('languages = ["en"]\n', "is the source language", 1),
        ('languages = ["ru"]\n[language.uk]\nrequired = true\n', "not listed in 'languages'", 2),
        ('languages = ["ru"\n', "invalid TOML", 2),
        ('languages = ["ru"]\nsources = "../elsewhere"\n', "outside the project", 2),
        ('languages = ["ru"]\n[checks]\nnumbers = "fatal"\n', "unknown severity", 3),
    ],
)
def test_config_errors_name_file_line_and_key(
    tmp_path: Path, text: str, needle: str, line: int
) -> None:
    write(tmp_path, "l10n.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    err = info.value
    assert needle in str(err)
    assert err.path is not None and err.path.name == "l10n.toml"
    assert err.line == line


def test_unknown_language_suggests_close_matches(tmp_path: Path) -> None:
    write(tmp_path, "l10n.toml", 'languages = ["ru_UA", "kor"]\n')
    cfg = load_config(tmp_path)  # both are valid CLDR identifiers
    assert cfg.codes[0] == "ru_UA"
    write(tmp_path, "l10n.toml", 'languages = ["uk_UAA"]\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert "did you mean" in str(info.value)


def test_invalid_utf8_config(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_bytes(b'languages = ["ru"]\nname = "\xff"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.line == 2
