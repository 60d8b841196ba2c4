"""Reading and validating glossary.yml; writing it back.

The file is composed into a YAML node tree with PyYAML's ``SafeLoader``
(nothing is constructed, so no tag can run code) and walked by hand, so every
problem names the file, the line and the key. Anchors and aliases are refused
outright (no alias bombs) and the file size is capped.

Format::

    concepts:
      - id: kpa
        preferred: Korean People's Army
        admitted: [KPA]               # variants; a term may also be a mapping:
        deprecated: []                # {text: KPA, type: acronym, case-sensitive: true}
        note: North Korea's armed forces; spell out at first mention.
        case-sensitive: false         # optional; default: acronyms yes, others no
        dnt: false                    # do not translate: keep the source term
        targets:
          ru:
            preferred: Корейская народная армия
            admitted: [КНА]
            forbidden: [Народная армия Кореи]
            note: optional note for this language
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from l10n.errors import GlossaryError, LanguageError
from l10n.glossary.model import (
    Concept,
    TargetEntry,
    Term,
    TermStatus,
    TermType,
    normalize_term,
)
from l10n.languages import language

if TYPE_CHECKING:
    from l10n.config import ProjectConfig
    from l10n.glossary.glossary import Glossary

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000

TOP_KEYS = ("concepts",)
CONCEPT_KEYS = (
    "id",
    "preferred",
    "admitted",
    "deprecated",
    "note",
    "case-sensitive",
    "dnt",
    "targets",
)
TARGET_KEYS = ("preferred", "admitted", "forbidden", "note")
TERM_KEYS = ("text", "type", "case-sensitive")

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and oversized documents while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.node_count = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                None, None, "anchors and aliases (&, *) are not allowed", event.start_mark
            )
        self.node_count += 1
        if self.node_count > MAX_NODES:
            raise yaml.MarkedYAMLError(
                None, None, f"more than {MAX_NODES} YAML nodes", event.start_mark
            )
        return super().compose_node(parent, index)


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


class _Validator:
    """Walks the node tree; collects every problem instead of stopping at the first."""

    def __init__(self, path: Path, languages: tuple[str, ...] | None) -> None:
        self.path = path
        self.languages = languages
        self.errors: list[GlossaryError] = []
        self.seen_ids: dict[str, int] = {}
        self.seen_terms: dict[str, tuple[str, int]] = {}

    def error(self, node: yaml.Node, key: str, message: str, hint: str | None = None) -> None:
        text = f"{key}: {message}" if key else message
        self.errors.append(GlossaryError(text, path=self.path, line=_line(node), hint=hint))

    # -- scalars ---------------------------------------------------------
    def text(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag == f"{_STD}null":
            self.error(node, key, "must be a text")
            return None
        value = str(node.value).strip()
        if not value:
            self.error(node, key, "must not be empty")
            return None
        if any(ord(c) < 32 for c in value):
            self.error(node, key, "contains control characters or line breaks")
            return None
        return value

    def note(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, key, "must be a text")
            return None
        if node.tag == f"{_STD}null":
            return None
        value = " ".join(str(node.value).split())
        return value or None

    def boolean(self, node: yaml.Node, key: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{_STD}bool":
            return str(node.value).lower() in ("true", "yes", "on", "y")
        self.error(node, key, f"must be true or false, not {getattr(node, 'value', '...')!r}")
        return None

    def mapping(
        self, node: yaml.Node, key: str, allowed: tuple[str, ...]
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, key, "must be a mapping (key: value lines)")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for knode, vnode in node.value:
            name = str(knode.value) if isinstance(knode, yaml.ScalarNode) else "?"
            where = f"{key}.{name}" if key else name
            if name in out:
                self.error(knode, where, "appears twice", f"first at line {_line(out[name][0])}")
                continue
            if allowed and name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                hint = (
                    f"did you mean {close[0]!r}?" if close else f"known keys: {', '.join(allowed)}"
                )
                self.error(knode, where, "unknown key", hint)
                continue
            out[name] = (knode, vnode)
        return out

    def term(self, node: yaml.Node, key: str, status: TermStatus) -> Term | None:
        if isinstance(node, yaml.MappingNode):
            fields = self.mapping(node, key, TERM_KEYS)
            if fields is None:
                return None
            if "text" not in fields:
                self.error(node, key, "a term mapping needs 'text'")
                return None
            text = self.text(fields["text"][1], f"{key}.text")
            kind: TermType | None = None
            if "type" in fields:
                raw = self.text(fields["type"][1], f"{key}.type")
                kind = TermType.from_label(raw) if raw else None
                if raw and kind is None:
                    self.error(
                        fields["type"][1],
                        f"{key}.type",
                        f"unknown term type {raw!r}",
                        "one of: " + ", ".join(k.value for k in TermType),
                    )
            case = (
                self.boolean(fields["case-sensitive"][1], f"{key}.case-sensitive")
                if "case-sensitive" in fields
                else None
            )
            if text is None:
                return None
            return Term(text, status, kind, case, line=_line(node))
        text = self.text(node, key)
        return Term(text, status, line=_line(node)) if text is not None else None

    def terms(self, node: yaml.Node, key: str, status: TermStatus) -> list[Term]:
        if isinstance(node, yaml.ScalarNode) and node.tag == f"{_STD}null":
            return []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out: list[Term] = []
        for i, item in enumerate(items):
            where = f"{key}[{i}]" if isinstance(node, yaml.SequenceNode) else key
            term = self.term(item, where, status)
            if term is not None:
                out.append(term)
        return out

    # -- structure -------------------------------------------------------
    def document(self, root: yaml.Node | None) -> list[Concept]:
        if root is None:
            return []
        top = self.mapping(root, "", TOP_KEYS)
        if top is None:
            return []
        if "concepts" not in top:
            self.error(root, "concepts", "missing", "the file holds 'concepts:' with a list")
            return []
        _knode, cnode = top["concepts"]
        if isinstance(cnode, yaml.ScalarNode) and cnode.tag == f"{_STD}null":
            return []
        if not isinstance(cnode, yaml.SequenceNode):
            self.error(cnode, "concepts", "must be a list of concepts ('- id: ...')")
            return []
        concepts: list[Concept] = []
        for i, item in enumerate(cnode.value):
            concept = self.concept(item, f"concepts[{i}]")
            if concept is not None:
                concepts.append(concept)
        return concepts

    def concept(self, node: yaml.Node, where: str) -> Concept | None:
        fields = self.mapping(node, where, CONCEPT_KEYS)
        if fields is None:
            return None
        cid: str | None = None
        if "id" not in fields:
            self.error(
                node, f"{where}.id", "missing", "give each concept a short unique id, e.g. kpa"
            )
        else:
            cid = self.text(fields["id"][1], f"{where}.id")
            if cid is not None and cid.lower() in self.seen_ids:
                self.error(
                    fields["id"][1],
                    f"{where}.id",
                    f"concept id {cid!r} is used twice",
                    f"first at line {self.seen_ids[cid.lower()]}",
                )
            elif cid is not None:
                self.seen_ids[cid.lower()] = _line(fields["id"][1])
        label = f"concepts.{cid}" if cid else where
        if "preferred" not in fields:
            self.error(
                node, f"{label}.preferred", "missing preferred term", "add 'preferred: <term>'"
            )
            return None
        terms: list[Term] = []
        pref_node = fields["preferred"][1]
        if isinstance(pref_node, yaml.SequenceNode):
            self.error(
                pref_node,
                f"{label}.preferred",
                "one preferred term only",
                "put others under 'admitted'",
            )
            return None
        preferred = self.term(pref_node, f"{label}.preferred", TermStatus.PREFERRED)
        if preferred is None:
            return None
        terms.append(preferred)
        for key, status in (
            ("admitted", TermStatus.ADMITTED),
            ("deprecated", TermStatus.DEPRECATED),
        ):
            if key in fields:
                terms.extend(self.terms(fields[key][1], f"{label}.{key}", status))
        note = self.note(fields["note"][1], f"{label}.note") if "note" in fields else None
        case = (
            self.boolean(fields["case-sensitive"][1], f"{label}.case-sensitive")
            if "case-sensitive" in fields
            else None
        )
        dnt = self.boolean(fields["dnt"][1], f"{label}.dnt") if "dnt" in fields else False
        targets: list[TargetEntry] = []
        if "targets" in fields:
            targets = self.targets(fields["targets"][1], label)
            if dnt and targets:
                self.error(
                    fields["targets"][0],
                    f"{label}.targets",
                    "a do-not-translate concept has no renderings",
                    "remove 'targets' or set 'dnt: false'",
                )
        if cid is None:
            return None
        self.register_terms(cid, label, terms)
        return Concept(cid, tuple(terms), note, case, bool(dnt), tuple(targets), line=_line(node))

    def register_terms(self, cid: str, label: str, terms: list[Term]) -> None:
        local: set[str] = set()
        for term in terms:
            key = normalize_term(term.text).casefold()
            node_line = term.line or 0
            if key in local:
                self.errors.append(
                    GlossaryError(
                        f"{label}: the term {term.text!r} is listed twice in this concept",
                        path=self.path,
                        line=term.line,
                        hint="keep it under one status",
                    )
                )
                continue
            local.add(key)
            other = self.seen_terms.get(key)
            if other is not None:
                self.errors.append(
                    GlossaryError(
                        f"{label}: the source term {term.text!r} is also in concept {other[0]!r}",
                        path=self.path,
                        line=term.line,
                        hint=f"one term belongs to one concept (see line {other[1]})",
                    )
                )
                continue
            self.seen_terms[key] = (cid, node_line)

    def targets(self, node: yaml.Node, label: str) -> list[TargetEntry]:
        fields = self.mapping(node, f"{label}.targets", ())
        if fields is None:
            return []
        out: list[TargetEntry] = []
        seen: dict[str, int] = {}
        for raw, (knode, vnode) in fields.items():
            where = f"{label}.targets.{raw}"
            try:
                code = language(raw).code
            except LanguageError as exc:
                self.error(knode, where, exc.message, exc.hint)
                continue
            if self.languages is not None and code not in self.languages:
                known = ", ".join(self.languages) or "none"
                self.error(
                    knode,
                    where,
                    f"language {raw!r} is not in the project (languages: {known})",
                    "add it to 'languages' in the configuration or remove this block",
                )
                continue
            if code in seen:
                self.error(
                    knode, where, f"language {code!r} appears twice", f"first at line {seen[code]}"
                )
                continue
            seen[code] = _line(knode)
            entry = self.target(vnode, where, code)
            if entry is not None:
                out.append(entry)
        return out

    def target(self, node: yaml.Node, where: str, code: str) -> TargetEntry | None:
        fields = self.mapping(node, where, TARGET_KEYS)
        if fields is None:
            return None
        if "preferred" not in fields:
            self.error(
                node, f"{where}.preferred", "missing preferred rendering", "add 'preferred: <term>'"
            )
            return None
        preferred = self.term(fields["preferred"][1], f"{where}.preferred", TermStatus.PREFERRED)
        if preferred is None:
            return None
        terms = [preferred]
        for key, status in (
            ("admitted", TermStatus.ADMITTED),
            ("forbidden", TermStatus.DEPRECATED),
        ):
            if key in fields:
                terms.extend(self.terms(fields[key][1], f"{where}.{key}", status))
        seen: dict[str, Term] = {}
        for term in terms:
            k = normalize_term(term.text).casefold()
            if k in seen:
                self.errors.append(
                    GlossaryError(
                        f"{where}: {term.text!r} is both {seen[k].status.value} "
                        f"and {term.status.value}",
                        path=self.path,
                        line=term.line,
                        hint="a rendering has one status",
                    )
                )
            seen[k] = term
        note = self.note(fields["note"][1], f"{where}.note") if "note" in fields else None
        return TargetEntry(code, tuple(terms), note, line=_line(node))


def _compose(path: Path, data: bytes) -> yaml.Node | None:
    if len(data) > MAX_BYTES:
        raise GlossaryError(
            f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB",
            path=path,
            hint="split or trim it",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GlossaryError("not valid UTF-8", path=path, line=line) from None
    try:
        loader = _NoAliasLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character, raised on construction
        raise GlossaryError(
            f"invalid YAML: character {exc.character!r} is not allowed",
            path=path,
            line=text.count("\n", 0, exc.position) + 1,
            hint="the glossary must be plain UTF-8 text",
        ) from None
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise GlossaryError(
            f"invalid YAML: {problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="check indentation and quoting",
        ) from None
    except yaml.YAMLError as exc:
        raise GlossaryError(f"invalid YAML: {exc}", path=path) from None
    finally:
        loader.dispose()
    if root is not None:
        _check_tags(path, root)
    return root


def _check_tags(path: Path, root: yaml.Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in _ALLOWED_TAGS:
            raise GlossaryError(
                f"YAML tag {node.tag!r} is not allowed",
                path=path,
                line=_line(node),
                hint="write plain text, lists and mappings only",
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))


def check_glossary_bytes(
    data: bytes, path: Path, languages: Iterable[str] | None = None
) -> tuple[list[Concept], list[GlossaryError]]:
    """Parse and validate; return the usable concepts and every problem found."""
    try:
        root = _compose(path, data)
    except GlossaryError as exc:
        return [], [exc]
    validator = _Validator(path, tuple(languages) if languages is not None else None)
    concepts = validator.document(root)
    return concepts, validator.errors


def _project_languages(config: ProjectConfig | None) -> tuple[str, ...] | None:
    return config.codes if config is not None else None


def validate_glossary(path: Path, config: ProjectConfig | None = None) -> list[GlossaryError]:
    """Every problem of the glossary file (empty list: valid)."""
    data = _read(path)
    return check_glossary_bytes(data, path, _project_languages(config))[1]


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise GlossaryError(
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB", path=path
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(
            "glossary file not found",
            path=path,
            hint="create it or fix 'glossary' in the configuration",
        ) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror or exc}", path=path) from None


def load_glossary(path: Path, config: ProjectConfig | None = None) -> Glossary:
    """Load a valid glossary; raise :class:`GlossaryError` (file:line) on the first problem."""
    from l10n.glossary.glossary import Glossary

    data = _read(path)
    concepts, errors = check_glossary_bytes(data, path, _project_languages(config))
    if errors:
        first = errors[0]
        if len(errors) > 1:
            more = f"{len(errors) - 1} more problem(s); run 'l10n glossary validate'"
            first.hint = f"{first.hint}; {more}" if first.hint else more
        raise first
    source = config.source_language.code if config is not None else "en"
    return Glossary(tuple(concepts), source_language=source, path=path)


# -- writing ---------------------------------------------------------------


def _term_value(term: Term) -> str | dict[str, Any]:
    if term.type is None and term.case_sensitive is None:
        return term.text
    out: dict[str, Any] = {"text": term.text}
    if term.type is not None:
        out["type"] = term.type.value
    if term.case_sensitive is not None:
        out["case-sensitive"] = term.case_sensitive
    return out


def _terms_block(out: dict[str, Any], terms: Iterable[Term], keys: dict[TermStatus, str]) -> None:
    groups: dict[TermStatus, list[Any]] = {}
    for term in terms:
        groups.setdefault(term.status, []).append(_term_value(term))
    for status, key in keys.items():
        values = groups.get(status, [])
        if status is TermStatus.PREFERRED:
            out[key] = values[0]
        elif values:
            out[key] = values


def concept_to_data(concept: Concept) -> dict[str, Any]:
    """The YAML mapping of one concept (the inverse of the loader)."""
    out: dict[str, Any] = {"id": concept.id}
    _terms_block(
        out,
        concept.terms,
        {
            TermStatus.PREFERRED: "preferred",
            TermStatus.ADMITTED: "admitted",
            TermStatus.DEPRECATED: "deprecated",
        },
    )
    if concept.note:
        out["note"] = concept.note
    if concept.case_sensitive is not None:
        out["case-sensitive"] = concept.case_sensitive
    if concept.dnt:
        out["dnt"] = True
    if concept.targets:
        targets: dict[str, Any] = {}
        for entry in concept.targets:
            block: dict[str, Any] = {}
            _terms_block(
                block,
                entry.terms,
                {
                    TermStatus.PREFERRED: "preferred",
                    TermStatus.ADMITTED: "admitted",
                    TermStatus.DEPRECATED: "forbidden",
                },
            )
            if entry.note:
                block["note"] = entry.note
            targets[entry.lang] = block
        out["targets"] = targets
    return out


def dump_glossary(concepts: Iterable[Concept], header: str = "") -> bytes:
    """glossary.yml bytes for ``concepts`` (readable block style, UTF-8)."""
    data = {"concepts": [concept_to_data(c) for c in concepts]}
    body = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None, indent=2
    )
    return (header + body).encode("utf-8")
