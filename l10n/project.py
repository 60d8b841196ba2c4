"""``l10n init``: lay out a new project in a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from l10n.config import L10N_TOML, PYPROJECT, _has_tool_section
from l10n.errors import ConfigError
from l10n.fsutil import atomic_write
from l10n.languages import language

STARTER_GLOSSARY = """\
# Glossary of names and titles: one entry per concept.
# See the README ("Glossary") for every key; 'l10n glossary validate' checks this file.
concepts: []
"""


def init_project(root: Path, source_lang: str, langs: Sequence[str]) -> list[Path]:
    """Create l10n.toml, sources/, locales/ and glossary.yml; return what was created.

    Refuses to touch a folder that already has l10n configuration.
    """
    if (root / L10N_TOML).exists() or (
        (root / PYPROJECT).is_file() and _has_tool_section(root / PYPROJECT)
    ):
        raise ConfigError("this folder already has l10n configuration", path=root)
    src = language(source_lang).code
    codes = [language(c).code for c in langs]
    if not codes:
        raise ConfigError("give at least one target language", hint="l10n init --lang ru --lang uk")
    lang_list = ", ".join(f'"{c}"' for c in codes)
    toml = (
        "# l10n project configuration; see the README for every key.\n"
        f'source-language = "{src}"\n'
        f"languages = [{lang_list}]\n"
        'sources = "sources"\n'
        'locales = "locales"\n'
        'glossary = "glossary.yml"\n'
    )
    for c in codes:
        toml += f"\n[language.{c}]\nrequired = true\nreview-required = false\nmin-percent = 100\n"
    created: list[Path] = []
    for folder in (root / "sources", root / "locales"):
        if not folder.exists():
            folder.mkdir(parents=True)
            created.append(folder)
    for path, text in ((root / L10N_TOML, toml), (root / "glossary.yml", STARTER_GLOSSARY)):
        if not path.exists():
            atomic_write(path, text.encode("utf-8"))
            created.append(path)
    return created
