"""Measure glossary protection on the repository's sample project.

The engine is the deterministic stand-in of tests/libre_server.py (it
transliterates and knows no glossary), called in process so Ukrainian can be
measured too. For every unit of every sample article and every glossary
concept found in it, the unit counts as *right* for that concept when
:func:`l10n.glossary.checks.check_unit` reports no hard finding for it.

Three modes: ``none`` (no masking), ``policy`` (what ``l10n translate`` does:
DNT terms, acronym renderings, and every rendering in languages without case
inflection) and ``all`` (every rendering frozen in its preferred form).

Run ``pytest tests/test_machine_protection.py -s`` to print the table quoted in
docs/machine-translation.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from libre_server import pseudo_translate

from l10n.articles import discover_articles, source_units
from l10n.config import load_config
from l10n.glossary.checks import check_unit
from l10n.glossary.glossary import Glossary
from l10n.glossary.loader import load_glossary
from l10n.glossary.model import TermStatus
from l10n.machine.protect import Protect, mask, restore
from l10n.machine.terms import fixed_rendering, protection

ROOT = Path(__file__).resolve().parents[1]
MODES = ("none", "policy", "all")


@dataclass(frozen=True)
class Score:
    occurrences: int
    right: int
    dnt_occurrences: int
    dnt_right: int
    dropped_placeholders: int


def _spans(glossary: Glossary, text: str, lang: str, mode: str) -> list[Protect]:
    if mode == "none":
        return []
    if mode == "policy":
        return protection(glossary, text, lang)
    out = []
    for hit in glossary.find(text):
        if hit.term.status is TermStatus.DEPRECATED:
            continue
        if hit.concept.dnt:
            out.append(
                Protect(hit.start, hit.suffix_end, hit.concept.id, text[hit.start : hit.end])
            )
            continue
        entry = hit.concept.target(lang)
        if entry is not None:
            rendering = fixed_rendering(entry, hit.term, lang) or entry.preferred.text
            out.append(Protect(hit.start, hit.suffix_end, hit.concept.id, rendering))
    return out


def measure(units: list[str], glossary: Glossary, lang: str, mode: str) -> Score:
    occ = right = dnt_occ = dnt_right = dropped = 0
    for source in units:
        concepts = {h.concept.id: h.concept for h in glossary.find(source)}
        if not concepts:
            continue
        masked = mask(source, _spans(glossary, source, lang, mode))
        restored = restore(pseudo_translate(masked.text, "en", lang), masked.slots)
        dropped += len(restored.missing)
        bad = {f.concept_id for f in check_unit(glossary, source, restored.text, lang) if f.hard}
        for cid, concept in concepts.items():
            occ += 1
            right += cid not in bad
            if concept.dnt:
                dnt_occ += 1
                dnt_right += cid not in bad
    return Score(occ, right, dnt_occ, dnt_right, dropped)


@pytest.fixture(scope="module")
def sample() -> tuple[list[str], Glossary, tuple[str, ...]]:
    config = load_config(ROOT)
    glossary = load_glossary(config.glossary_path, config)
    units = [
        u.msgid
        for art in discover_articles(config)
        for u in source_units(art, config.source_language.code)
    ]
    return units, glossary, config.codes


def test_protection_measurement(sample: tuple[list[str], Glossary, tuple[str, ...]]) -> None:
    units, glossary, langs = sample
    rows = []
    for lang in langs:
        scores = {mode: measure(units, glossary, lang, mode) for mode in MODES}
        rows.append((lang, scores))
        none, policy, every = scores["none"], scores["policy"], scores["all"]
        assert none.occurrences == policy.occurrences == every.occurrences > 0
        assert policy.right >= none.right
        assert every.right >= policy.right
        assert policy.dnt_right == policy.dnt_occurrences  # DNT terms always come back
        assert policy.dropped_placeholders == 0
    print("\nlang  occurrences  none  policy  all  (DNT right: none/policy)")
    for lang, s in rows:
        print(
            f"{lang:<5} {s['none'].occurrences:>11}  {s['none'].right:>4}  {s['policy'].right:>6}"
            f"  {s['all'].right:>3}  ({s['none'].dnt_right}/{s['policy'].dnt_right}"
            f" of {s['policy'].dnt_occurrences})"
        )
