"""Project configuration: ``[tool.l10n]`` in pyproject.toml, or ``l10n.toml``.

Example (pyproject.toml)::

    [tool.l10n]
    source-language = "en"
    languages = ["ru", "uk", "ko"]
    sources = "sources"
    locales = "locales"
    glossary = "glossary.yml"

    [tool.l10n.language.ru]
    required = true          # CI fails unless this language passes
    review-required = false  # publication needs a valid review record
    min-percent = 100

    [tool.l10n.checks]       # severity overrides: error, warning, info, off
    length = "warning"

    [tool.l10n.mt]
    provider = "libre"
    url = "http://127.0.0.1:5000/"
    timeout = 20

In ``l10n.toml`` the same keys sit at the top level (no ``[tool.l10n]``).
Every error names the file, the line where it can be found, and the key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10n.errors import ConfigError, LanguageError
from l10n.languages import Language, language
from l10n.model import Severity

PYPROJECT = "pyproject.toml"
L10N_TOML = "l10n.toml"


@dataclass(frozen=True)
class LanguageConfig:
    """Per-language policy."""

    language: Language
    required: bool = True
    review_required: bool = False
    min_percent: float = 100.0
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    mt_provider: str | None = None

    @property
    def code(self) -> str:
        return self.language.code


@dataclass(frozen=True)
class MachineConfig:
    """Machine translation and translation memory settings."""

    provider: str = "google"
    url: str | None = None
    timeout: float = 20.0
    retries: int = 4
    concurrency: int = 4
    api_key_env: str | None = None
    tm_threshold: int = 85
    protect_terms: bool = True


@dataclass(frozen=True)
class ProjectConfig:
    """A loaded, validated project."""

    root: Path
    config_file: Path
    name: str
    source_language: Language
    languages: tuple[LanguageConfig, ...]
    sources_dir: Path
    locales_dir: Path
    glossary_path: Path
    severities: Mapping[str, Severity | None] = field(default_factory=dict)
    machine: MachineConfig = field(default_factory=MachineConfig)

    def language(self, code: str) -> LanguageConfig:
        """The configured language ``code``; a clear error for others."""
        canonical = language(code).code
        for lc in self.languages:
            if lc.code == canonical:
                return lc
        known = ", ".join(lc.code for lc in self.languages) or "none"
        raise ConfigError(
            f"language {code!r} is not configured in this project (configured: {known})",
            path=self.config_file,
            hint="add it to 'languages'",
        )

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lc.code for lc in self.languages)

    def severity_for(self, check_id: str, lang: str | None, default: Severity) -> Severity | None:
        """Severity of a check after project and per-language overrides; None = off."""
        if lang is not None:
            for lc in self.languages:
                if lc.code == lang and check_id in lc.severities:
                    return lc.severities[check_id]
        if check_id in self.severities:
            return self.severities[check_id]
        return default


_TOP_KEYS = {
    "name",
    "source-language",
    "languages",
    "sources",
    "locales",
    "glossary",
    "language",
    "checks",
    "mt",
}
_LANG_KEYS = {"required", "review-required", "min-percent", "checks", "mt-provider"}
_MT_KEYS = {
    "provider",
    "url",
    "timeout",
    "retries",
    "concurrency",
    "api-key-env",
    "tm-threshold",
    "protect-terms",
}


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with l10n configuration."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / L10N_TOML).is_file():
            return folder
        pp = folder / PYPROJECT
        if pp.is_file() and _has_tool_section(pp):
            return folder
    raise ConfigError(
        f"no l10n project found in {start} or above",
        hint="run 'l10n init' or add [tool.l10n] to pyproject.toml",
    )


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[tool\.l10n[\].]", text, re.MULTILINE) is not None


def load_config(root: Path) -> ProjectConfig:
    """Load and validate the configuration of the project at ``root``."""
    root = root.resolve()
    toml_file = root / L10N_TOML
    if toml_file.is_file():
        path, data = toml_file, _read_toml(toml_file)
        table: Any = data
        prefix = ""
    else:
        path = root / PYPROJECT
        if not path.is_file():
            raise ConfigError(f"no {L10N_TOML} or {PYPROJECT} in {root}", hint="run 'l10n init'")
        data = _read_toml(path)
        table = data.get("tool", {}).get("l10n")
        prefix = "tool.l10n."
        if table is None:
            raise ConfigError("no [tool.l10n] table", path=path, hint="run 'l10n init'")
    return _Parser(path, prefix).project(root, table, data)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError("not valid UTF-8", path=path, line=line) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        msg = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        at: int | None = None
        if m:
            at = int(m.group(1))
        elif "end of document" in str(exc):
            at = text.count("\n") + 1
        col = int(m.group(2)) if m else None
        raise ConfigError(f"invalid TOML: {msg}", path=path, line=at, column=col) from exc


class _Parser:
    """Validates the raw table; every error names file, line and dotted key."""

    def __init__(self, path: Path, prefix: str) -> None:
        self.path = path
        self.prefix = prefix
        try:
            self.lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            self.lines = []

    def fail(self, key: str, message: str, hint: str | None = None) -> ConfigError:
        return ConfigError(
            f"{self.prefix}{key}: {message}", path=self.path, line=self._line_of(key), hint=hint
        )

    def _line_of(self, dotted: str) -> int | None:
        last = dotted.split(".")[-1]
        pat = re.compile(rf"^\s*(\"?{re.escape(last)}\"?\s*=|\[.*\b{re.escape(last)}\]\s*$)")
        for i, line in enumerate(self.lines, 1):
            if pat.search(line):
                return i
        return None

    def check_keys(self, table: Mapping[str, Any], allowed: set[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known keys: {', '.join(sorted(allowed))}"
                )
                raise self.fail(f"{where}{key}", "unknown key", hint)

    def string(self, table: Mapping[str, Any], key: str, default: str, where: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}{key}", f"must be a non-empty string, not {value!r}")
        return value

    def boolean(self, table: Mapping[str, Any], key: str, default: bool, where: str) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key}", f"must be true or false, not {value!r}")
        return value

    def number(
        self, table: Mapping[str, Any], key: str, default: float, where: str, lo: float, hi: float
    ) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise self.fail(
                f"{where}{key}", f"must be a number from {lo:g} to {hi:g}, not {value!r}"
            )
        return float(value)

    def lang(self, code: Any, key: str) -> Language:
        if not isinstance(code, str):
            raise self.fail(key, f"language codes are strings, not {code!r}")
        try:
            return language(code)
        except LanguageError as exc:
            raise self.fail(key, exc.message, exc.hint) from None

    def severities(self, table: Any, where: str) -> dict[str, Severity | None]:
        if not isinstance(table, Mapping):
            raise self.fail(where.rstrip("."), "must be a table of check = severity")
        out: dict[str, Severity | None] = {}
        for check_id, value in table.items():
            if value == "off":
                out[check_id] = None
                continue
            try:
                out[check_id] = Severity.from_label(str(value))
            except ValueError:
                raise self.fail(
                    f"{where}{check_id}",
                    f"unknown severity {value!r}",
                    "error, warning, info or off",
                ) from None
        return out

    def project(self, root: Path, table: Any, data: Mapping[str, Any]) -> ProjectConfig:
        if not isinstance(table, Mapping):
            raise self.fail("", "must be a table")
        self.check_keys(table, _TOP_KEYS, "")
        name = table.get("name") or data.get("project", {}).get("name") or root.name
        if not isinstance(name, str):
            raise self.fail("name", f"must be a string, not {name!r}")
        source = self.lang(table.get("source-language", "en"), "source-language")
        raw_langs = table.get("languages", [])
        if not isinstance(raw_langs, list):
            raise self.fail("languages", "must be a list of language codes")
        per_lang = table.get("language", {})
        if not isinstance(per_lang, Mapping):
            raise self.fail("language", "must be a table of [language.<code>] tables")
        langs: list[LanguageConfig] = []
        seen: set[str] = set()
        for code in raw_langs:
            lang = self.lang(code, "languages")
            if lang.code in seen:
                raise self.fail("languages", f"{code!r} is listed twice")
            if lang.code == source.code:
                raise self.fail("languages", f"{code!r} is the source language")
            seen.add(lang.code)
            langs.append(self.language_config(lang, per_lang))
        for code in per_lang:
            canonical = self.lang(code, f"language.{code}").code
            if canonical not in seen:
                raise self.fail(f"language.{code}", "configured but not listed in 'languages'")
        mt = table.get("mt", {})
        if not isinstance(mt, Mapping):
            raise self.fail("mt", "must be a table")
        return ProjectConfig(
            root=root,
            config_file=self.path,
            name=name,
            source_language=source,
            languages=tuple(langs),
            sources_dir=self.folder(root, table, "sources", "sources"),
            locales_dir=self.folder(root, table, "locales", "locales"),
            glossary_path=self.folder(root, table, "glossary", "glossary.yml"),
            severities=self.severities(table.get("checks", {}), "checks."),
            machine=self.machine(mt),
        )

    def folder(self, root: Path, table: Mapping[str, Any], key: str, default: str) -> Path:
        value = self.string(table, key, default)
        path = (root / value).resolve()
        if not path.is_relative_to(root):
            raise self.fail(key, f"{value!r} leads outside the project folder")
        return path

    def language_config(self, lang: Language, per_lang: Mapping[str, Any]) -> LanguageConfig:
        raw: Any = next(
            (v for k, v in per_lang.items() if isinstance(k, str) and _same_code(k, lang.code)), {}
        )
        where = f"language.{lang.code}."
        if not isinstance(raw, Mapping):
            raise self.fail(where.rstrip("."), "must be a table")
        self.check_keys(raw, _LANG_KEYS, where)
        provider = raw.get("mt-provider")
        if provider is not None and not isinstance(provider, str):
            raise self.fail(f"{where}mt-provider", "must be a string")
        return LanguageConfig(
            language=lang,
            required=self.boolean(raw, "required", True, where),
            review_required=self.boolean(raw, "review-required", False, where),
            min_percent=self.number(raw, "min-percent", 100.0, where, 0, 100),
            severities=self.severities(raw.get("checks", {}), f"{where}checks."),
            mt_provider=provider,
        )

    def machine(self, raw: Mapping[str, Any]) -> MachineConfig:
        self.check_keys(raw, _MT_KEYS, "mt.")
        url = raw.get("url")
        if url is not None and not isinstance(url, str):
            raise self.fail("mt.url", "must be a string")
        key_env = raw.get("api-key-env")
        if key_env is not None and not isinstance(key_env, str):
            raise self.fail("mt.api-key-env", "must be the name of an environment variable")
        return MachineConfig(
            provider=self.string(raw, "provider", "google", "mt."),
            url=url,
            timeout=self.number(raw, "timeout", 20.0, "mt.", 0.1, 600),
            retries=int(self.number(raw, "retries", 4, "mt.", 0, 20)),
            concurrency=int(self.number(raw, "concurrency", 4, "mt.", 1, 64)),
            api_key_env=key_env,
            tm_threshold=int(self.number(raw, "tm-threshold", 85, "mt.", 50, 100)),
            protect_terms=self.boolean(raw, "protect-terms", True, "mt."),
        )


def _same_code(a: str, b: str) -> bool:
    try:
        return language(a).code == b
    except LanguageError:
        return False
