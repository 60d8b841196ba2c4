"""The quick rejection of SourceMatcher.find never drops a hit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.glossary.glossary import Glossary
from l10n.glossary.loader import load_glossary
from l10n.glossary.source_match import SourceHit, SourceMatcher

DATA = Path(__file__).parent / "data" / "glossary" / "glossary.yml"

# First letters of every kind: capitals and small letters, accented, digits, and
# terms whose case is folded or kept.
MIXED = """\
concepts:
  - id: msf
    preferred: Ärzte ohne Grenzen
    targets:
      de: {preferred: Ärzte ohne Grenzen}
  - id: g5
    preferred: 5G network
    targets:
      de: {preferred: 5G-Netz}
  - id: eu
    preferred: {text: EU, type: acronym}
    targets:
      de: {preferred: EU}
  - id: ecole
    preferred: école normale
    targets:
      de: {preferred: École normale}
  - id: ebola
    preferred: Ebola
    targets:
      de: {preferred: Ebola}
"""


@pytest.fixture(scope="module")
def glossaries(tmp_path_factory: pytest.TempPathFactory) -> list[Glossary]:
    path = tmp_path_factory.mktemp("mixed") / "glossary.yml"
    path.write_text(MIXED, encoding="utf-8")
    return [load_glossary(DATA), load_glossary(path)]


def _reference(matcher: SourceMatcher, text: str) -> list[SourceHit]:
    """Every position tried by the full expression, as before the quick rejection."""
    regex = matcher._regex
    if regex is None:
        return []
    out = []
    for m in regex.finditer(text):
        found = matcher._lookup(m.group(1))
        assert found is not None
        out.append(SourceHit(m.start(1), m.end(1), m.end(), found[0], found[1]))
    return out


PIECES = [
    "Korean People's Army",
    "korean people’s army",
    "KPA",
    "KPAs",
    "kpa",
    "Kim Jong Un",
    "Kim Jong-un",
    "General Staff",
    "Putin’s",
    "Ärzte ohne Grenzen",
    "ärzte ohne grenzen",
    "5G network",
    "EU",
    "eu",
    "École normale",
    "école normale",
    "Ebola",
    "EBOLA",
    "x",
    "_",
    "1",
    "é",
]


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.integers(0, 1),
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(alphabet="kKeEäÄ5x_ '’\n-.,é", max_size=3)),
        max_size=8,
    ),
    st.sampled_from(["", " ", "_", "-", "k"]),
)
def test_find_agrees_with_the_full_expression(
    glossaries: list[Glossary], which: int, parts: list[str], sep: str
) -> None:
    g = glossaries[which]
    text = sep.join(parts)
    assert g.matcher.find(text) == _reference(g.matcher, text)


def test_texts_without_a_starting_letter_have_no_hit(glossaries: list[Glossary]) -> None:
    g = glossaries[0]
    assert g.find("Nothing from the glossary here.") == []
    assert g.find("talks, weeks and bKPA") == []  # letters inside words only
    assert [h.term.text for h in g.find("the KPA")] == ["KPA"]
    assert [h.term.text for h in g.find("KPA")] == ["KPA"]  # at the very start
