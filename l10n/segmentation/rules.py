"""Per-language boundary rules, loaded once from the YAML files in ``rules/``.

Each file lists abbreviations and sentence starters; see ``rules/en.yml`` for the
documented schema. Languages without a file use ``rules/default.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from l10n.errors import ConfigError, LanguageError

_LIST_KEYS = (
    "prefix_abbreviations",
    "number_abbreviations",
    "ambiguous_abbreviations",
    "final_abbreviations",
    "sentence_starters",
    "no_break_after",
    "time_abbreviations",
    "time_followers",
)
_KNOWN_KEYS = frozenset({"language", "sentencex", "dateline", *_LIST_KEYS})
# The per-language rule files, installed with the package (read as files: the
# machinery of importlib.resources costs a command tens of milliseconds to load).
RULES_DIR = Path(__file__).resolve().parent / "rules"

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")

# Opening punctuation that may precede a token or a sentence.
OPENERS = "“‘\"'«„‚([{¿¡"
# Closing quotes and brackets after sentence punctuation, then space and a
# letter: a candidate boundary after the closers ("adversity.’ This").
QUOTE_CLOSERS = "’”\"'»)]"
# Every closing quote and bracket, as text may have them after a sentence's end.
CLOSERS = "’”\"'»)]}›"
AFTER_CLOSERS = rf"(?=\s+[{re.escape(OPENERS)}]?[^\W\d_])"


@dataclass(frozen=True)
class LanguageRules:
    """Compiled boundary rules for one language (all word sets lower-cased)."""

    code: str
    sentencex_code: str
    prefix_abbreviations: frozenset[str]
    number_abbreviations: frozenset[str]
    ambiguous_abbreviations: frozenset[str]
    final_abbreviations: frozenset[str]
    sentence_starters: frozenset[str]
    no_break_after: frozenset[str]
    dateline: re.Pattern[str] | None
    # One scan over a text for two kinds of candidate boundaries the library
    # may miss, both after a period: a period directly followed by a likely
    # sentence starter (a boundary if the token before is an ambiguous
    # abbreviation; no capture group), and a period with closing quotes or
    # brackets before a word (group 1 holds the closers; the boundary follows
    # them). ``[!?…]`` before closers is scanned separately, where present.
    boundary_scan: re.Pattern[str]
    time_abbreviations: frozenset[str] = frozenset()
    time_followers: frozenset[str] = frozenset()


def base_language(lang: str) -> str:
    """``en-US`` -> ``en``; raises :class:`LanguageError` for malformed codes."""
    if not _LANG_RE.match(lang):
        raise LanguageError(
            f"invalid language code {lang!r}", hint="use a code such as en, ru or pt-BR"
        )
    return re.split(r"[-_]", lang, maxsplit=1)[0].lower()


@lru_cache(maxsize=256)
def rules_for(lang: str) -> LanguageRules:
    """The rules for ``lang`` (a BCP 47 code; only the language part is used)."""
    return _load(base_language(lang))


@lru_cache(maxsize=64)
def _load(code: str) -> LanguageRules:
    name = f"{code}.yml"
    resource = RULES_DIR / name
    if not resource.is_file():
        name = "default.yml"
        resource = RULES_DIR / name
    text = resource.read_text(encoding="utf-8")
    where = f"l10n/segmentation/rules/{name}"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError(f"invalid YAML in rule file: {exc}", path=where, line=line) from None
    return _compile(code, data, where, text)


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _words(data: dict[str, Any], key: str, where: str, text: str) -> list[str]:
    value = data.get(key, "")
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(
            f"{key} must be words separated by spaces, or a list of strings",
            path=where,
            line=_line_of(text, key),
        )
    return [v.strip() for v in value]


def _compile(code: str, data: object, where: str, text: str) -> LanguageRules:
    if not isinstance(data, dict):
        raise ConfigError("a rule file must be a mapping", path=where, line=1)
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown key {unknown[0]!r} in rule file",
            path=where,
            line=_line_of(text, unknown[0]),
        )
    lists = {key: _words(data, key, where, text) for key in _LIST_KEYS}
    dateline: re.Pattern[str] | None = None
    if data.get("dateline"):
        try:
            dateline = re.compile(str(data["dateline"]))
        except re.error as exc:
            raise ConfigError(
                f"dateline is not a valid regular expression: {exc}",
                path=where,
                line=_line_of(text, "dateline"),
            ) from None
    sentencex_code = str(data.get("sentencex") or code)
    return LanguageRules(
        code=code,
        sentencex_code=sentencex_code,
        prefix_abbreviations=frozenset(w.lower() for w in lists["prefix_abbreviations"]),
        number_abbreviations=frozenset(w.lower() for w in lists["number_abbreviations"]),
        ambiguous_abbreviations=frozenset(w.lower() for w in lists["ambiguous_abbreviations"]),
        final_abbreviations=frozenset(w.lower() for w in lists["final_abbreviations"]),
        sentence_starters=frozenset(w.lower() for w in lists["sentence_starters"]),
        no_break_after=frozenset(w.lower() for w in lists["no_break_after"]),
        dateline=dateline,
        boundary_scan=_boundary_scan(lists["sentence_starters"]),
        time_abbreviations=frozenset(w.lower() for w in lists["time_abbreviations"]),
        time_followers=frozenset(w.lower() for w in lists["time_followers"]),
    )


def _boundary_scan(starters: list[str]) -> re.Pattern[str]:
    closers = rf"(?:([{re.escape(QUOTE_CLOSERS)}]+){AFTER_CLOSERS})"
    if not starters:
        return re.compile(rf"\.{closers}")
    opener = re.escape(OPENERS)
    words = _word_trie(starters)
    return re.compile(rf"\.(?:(?=\s+[{opener}]?{words}(?![\w.]))|{closers})")


def _word_trie(words: list[str]) -> str:
    """A pattern matching exactly ``words``, factored by common prefixes.

    ``re`` tries the alternatives of a group one by one; a prefix tree tries
    a handful per character instead of every word.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return "(?:" + build(root) + ")"
