"""The quick glossary proof (l10n.checks.termscan) never hides a finding of check_unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog.entry import Entry
from l10n.checks import CatalogContext, Pair, Policy
from l10n.checks.glossary import glossary as glossary_check
from l10n.checks.termscan import _flat, _phrase, _written, prepare, source_terms, surely_clean
from l10n.glossary.checks import check_unit
from l10n.glossary.glossary import Glossary
from l10n.glossary.loader import load_glossary
from l10n.glossary.model import Term, TermStatus
from l10n.glossary.morph import find_rendering
from l10n.languages import language

DATA = Path(__file__).parent / "data" / "glossary" / "glossary.yml"


@pytest.fixture(scope="module")
def gl() -> Glossary:
    return load_glossary(DATA)


SOURCES = [
    "The Korean People's Army said so.",
    "KPA soldiers and the Korean Central News Agency (KCNA) reported it.",
    "Kim Jong Un met Vladimir Putin in Kursk Oblast.",
    "The General Staff of the Russian Armed Forces confirmed it.",
    "Reporters from NK News were there.",
    "Nothing from the glossary here.",
]

# Renderings, inflected forms, near misses, look-alikes and Korean endings.
PIECES = {
    "ru": [
        "Корейская народная армия",
        "Корейской народной армии",
        "Корейскую  народную армию",
        "Народная армия Кореи",
        "Народной армии Кореи",
        "КНА",
        "Центральное телеграфное агентство Кореи",
        "ЦТАК",
        "Корейское центральное информационное агентство",
        "Ким Чен Ын",
        "Ким Чен Ына",
        "Ким Чон Ын",
        "Владимир Путин",
        "Владимира Путина",
        "Путин",
        "Курская область",
        "в Курской области",
        "Курск",
        "Генеральный штаб Вооружённых сил Российской Федерации",
        "Генштаб",
        "Главный штаб",
        "NK News",
        "армия",
        "народ",
        "сказал",
        "солдаты",
        ", ",
        "«",
        "»",
        "—",
    ],
    "uk": [
        "Корейська народна армія",
        "Корейської народної армії",
        "Народна армія Кореї",
        "КНА",
        "Кім Чен Ин",
        "Кім Чен Ун",
        "Ким Чен Ын",
        "Володимир Путін",
        "Путіна",
        "Курська область",
        "Курській області",
        "Генеральний штаб Збройних сил Російської Федерації",
        "Головний штаб",
        "NK News",
        "п’ять",
        "солдати",
        ", ",
    ],
    "ko": [
        "조선인민군",
        "조선인민군은",
        "조선인민군사령부",
        "인민군",
        "한국인민군",
        "한국인민군이",
        "조선중앙통신",
        "조선중앙통신사",
        "한국중앙통신",
        "김정은",
        "김정은은",
        "김정운",
        "블라디미르 푸틴",
        "푸틴",
        "쿠르스크주",
        "러시아군 총참모부",
        "러시아군 참모본부",
        "NK News",
        "말했다",
        "‘",
        "’고",
        " ",
        ". ",
    ],
}


def _ctx(lang: str, gl: Glossary) -> CatalogContext:
    return CatalogContext(Path("x.po"), lang, language(lang), "en", None, Policy(), gl)


def _expected(gl: Glossary, source: str, target: str, lang: str) -> list[tuple[str, str]]:
    return [(f.check_id, f.message) for f in check_unit(gl, source, target, lang)]


@st.composite
def units(draw: st.DrawFn) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(sorted(PIECES)))
    source = draw(st.sampled_from(SOURCES))
    parts = draw(st.lists(st.sampled_from(PIECES[lang]), max_size=6))
    sep = draw(st.sampled_from([" ", "", "  "]))
    return source, sep.join(parts), lang


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(units())
def test_quick_proof_agrees_with_check_unit(gl: Glossary, unit: tuple[str, str, str]) -> None:
    source, target, lang = unit
    terms = source_terms(gl, source)
    expected = _expected(gl, source, target, lang)
    if surely_clean(gl, terms, target, lang):
        assert expected == []
    if not terms.concepts:
        assert expected == []
    pair = Pair(Entry(source, target), source, target, 0, False)
    got = [(f.check, f.message) for f in glossary_check(pair, _ctx(lang, gl))]
    assert got == expected


@pytest.mark.parametrize(
    ("source", "target", "lang", "clean"),
    [
        ("The Korean People's Army said so.", "Так сказала Корейская народная армия.", "ru", True),
        ("The Korean People's Army said so.", "Так сказала Корейской народной армии.", "ru", True),
        ("The Korean People's Army said so.", "Так сказала Народная армия Кореи.", "ru", False),
        ("The Korean People's Army said so.", "Так сказала КНА.", "ru", False),  # a variant
        (
            "Kim Jong Un met Vladimir Putin in Kursk Oblast.",
            "김정은 블라디미르 푸틴 쿠르스크주",
            "ko",
            True,
        ),
        ("The Korean People's Army said so.", "조선인민군은 말했다.", "ko", False),  # needs kiwi
        ("Reporters from NK News were there.", "Там были журналисты NK News.", "ru", False),
    ],
)
def test_quick_proof_settles_the_usual_units(
    gl: Glossary, source: str, target: str, lang: str, clean: bool
) -> None:
    # True: settled without check_unit; False: check_unit decides (it may still find nothing).
    prepare(gl, [lang])
    assert surely_clean(gl, source_terms(gl, source), target, lang) is clean
    if clean:
        assert _expected(gl, source, target, lang) == []


def test_source_terms_are_cached_per_text(gl: Glossary) -> None:
    text = "The Korean People's Army said so."
    first = source_terms(gl, text)
    assert source_terms(gl, text) is first
    assert [c.id for c in first.concepts] == ["kpa"]
    assert source_terms(gl, "Nothing here.").concepts == ()


# Languages matched on Snowball stems (German, French, Spanish): the same proof applies.
SNOWBALL_GLOSSARY = """\
concepts:
  - id: kpa
    preferred: {text: Korean People's Army, type: fullForm}
    admitted:
      - {text: KPA, type: acronym}
    targets:
      de:
        preferred: Koreanische Volksarmee
        admitted: [KVA]
        forbidden: [Nordkoreanische Armee]
      fr:
        preferred: Armée populaire de Corée
        admitted: [APC]
        forbidden: [Armée nord-coréenne]
      es:
        preferred: Ejército Popular de Corea
        forbidden: [Ejército norcoreano]
  - id: kim
    preferred: Kim Jong Un
    targets:
      de: {preferred: Kim Jong Un}
      fr: {preferred: Kim Jong Un}
      es: {preferred: Kim Jong Un}
  - id: staff
    preferred: General Staff
    targets:
      de: {preferred: Generalstab, forbidden: [Hauptstab]}
      fr: {preferred: état-major général}
      es: {preferred: Estado Mayor General}
"""

SNOWBALL_SOURCES = [
    "The Korean People's Army said so.",
    "KPA soldiers met Kim Jong Un.",
    "The General Staff and the Korean People's Army confirmed it.",
    "Nothing from the glossary here.",
]

SNOWBALL_PIECES = {
    "de": [
        "Koreanische Volksarmee",
        "Koreanischen Volksarmee",
        "koreanischen  Volksarmeen",
        "Nordkoreanische Armee",
        "Nordkoreanischen Armee",
        "KVA",
        "Kim Jong Un",
        "Kim Jong Uns",
        "Kim",
        "Generalstab",
        "Generalstabs",
        "Hauptstab",
        "Volksarmee",
        "sagte",
        ", ",
        "„",
        "“",
    ],
    "fr": [
        "Armée populaire de Corée",
        "armées populaires de Corée",
        "Armée populaire  de Corée",
        "Armée populaire, de Corée",
        "Armée nord-coréenne",
        "APC",
        "Kim Jong Un",
        "état-major général",
        "États-majors généraux",
        "l’état-major général",
        "a dit",
        "« ",
        " »",
    ],
    "es": [
        "Ejército Popular de Corea",
        "ejércitos populares de Corea",
        "Ejército norcoreano",
        "Kim Jong Un",
        "Estado Mayor General",
        "estados mayores generales",
        "dijo",
        "«",
        "»",
    ],
}


@pytest.fixture(scope="module")
def gl_snowball(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "glossary.yml"
    path.write_text(SNOWBALL_GLOSSARY, encoding="utf-8")
    return load_glossary(path)


def _assert_quick_proof_agrees(gl: Glossary, source: str, target: str, lang: str) -> None:
    """surely_clean never clears a unit the full check reports; the check's findings are right."""
    terms = source_terms(gl, source)
    expected = _expected(gl, source, target, lang)
    if surely_clean(gl, terms, target, lang):
        assert expected == []
    pair = Pair(Entry(source, target), source, target, 0, False)
    got = [(f.check, f.message) for f in glossary_check(pair, _ctx(lang, gl))]
    assert got == expected


@st.composite
def snowball_units(draw: st.DrawFn) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(sorted(SNOWBALL_PIECES)))
    source = draw(st.sampled_from(SNOWBALL_SOURCES))
    parts = draw(st.lists(st.sampled_from(SNOWBALL_PIECES[lang]), max_size=6))
    sep = draw(st.sampled_from([" ", "", "  "]))
    return source, sep.join(parts), lang


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(snowball_units())
def test_quick_proof_agrees_with_check_unit_on_stemmed_languages(
    gl_snowball: Glossary, unit: tuple[str, str, str]
) -> None:
    _assert_quick_proof_agrees(gl_snowball, *unit)


@pytest.mark.parametrize(
    ("source", "target", "lang", "clean"),
    [
        ("The Korean People's Army said so.", "Die Koreanische Volksarmee sagte das.", "de", True),
        ("The Korean People's Army said so.", "Laut der Koreanischen Volksarmee.", "de", True),
        ("The Korean People's Army said so.", "Die Nordkoreanische Armee sagte das.", "de", False),
        ("The Korean People's Army said so.", "L’Armée populaire de Corée l’a dit.", "fr", True),
        ("KPA soldiers met Kim Jong Un.", "Soldados del KPA con Kim Jong Un.", "es", False),
        # The source used the acronym, an admitted rendering: the variant is fine.
        ("KPA soldiers met Kim Jong Un.", "KVA-Soldaten trafen Kim Jong Un.", "de", True),
        # The source spelled the name out: a variant alone is an advisory finding.
        ("The Korean People's Army said so.", "Die KVA sagte das.", "de", False),
    ],
)
def test_quick_proof_settles_stemmed_languages(
    gl_snowball: Glossary, source: str, target: str, lang: str, clean: bool
) -> None:
    prepare(gl_snowball, [lang])
    assert surely_clean(gl_snowball, source_terms(gl_snowball, source), target, lang) is clean
    if clean:
        assert _expected(gl_snowball, source, target, lang) == []
    else:
        assert _expected(gl_snowball, source, target, lang) != []


# A glossary without forbidden renderings: the proof then settles a concept from
# renderings written as in the glossary, without reading the target word by word.
PLAIN_GLOSSARY = """\
concepts:
  - id: kpa
    preferred: {text: Korean People's Army, type: fullForm}
    admitted:
      - {text: KPA, type: acronym}
    targets:
      de: {preferred: Koreanische Volksarmee, admitted: [KPA]}
      fr: {preferred: Armée populaire de Corée, admitted: [APC]}
      es: {preferred: "Ejército Popular de Corea", admitted: [EPC]}
      ru: {preferred: Корейская народная армия, admitted: [КНА]}
  - id: kim
    preferred: Kim Jong Un
    targets:
      de: {preferred: Kim Jong Un}
      fr: {preferred: Kim Jong Un}
      es: {preferred: "«Kim Jong Un»"}
      ru: {preferred: Ким Чен Ын}
  - id: agency
    preferred: news agency
    targets:
      de: {preferred: "Nachrichten-Agentur"}
      fr: {preferred: "l'agence de presse"}
      es: {preferred: "agencia_de noticias 2"}
      ru: {preferred: "информационное агентство"}
"""

PLAIN_SOURCES = [
    "The Korean People's Army said so.",
    "KPA soldiers met Kim Jong Un.",
    "The news agency and the KPA confirmed it.",
    "Kim Jong Un, the Korean People's Army and KPA units.",
]

PLAIN_PIECES = {
    "de": [
        "Koreanische Volksarmee",
        "Koreanischen Volksarmee",
        "KoreanischeVolksarmee",
        "Koreanische  Volksarmee",
        "KPA",
        "KPAs",
        "Kim Jong Un",
        "Kim Jong Uns",
        "XKim Jong Un",
        "Nachrichten-Agentur",
        "Nachrichten Agentur",
        "Nachrichten‑Agentur",
        "_",
        "1",
        "é",
        "sagte",
        ", ",
    ],
    "fr": [
        "Armée populaire de Corée",
        "armées populaires de Corée",
        "Armée populaire  de Corée",
        "APC",
        "Kim Jong Un",
        "l'agence de presse",
        "l’agence de presse",
        "l agence de presse",
        "agences de presse",
        "_",
        "a dit",
        "« ",
    ],
    "es": [
        "Ejército Popular de Corea",
        "ejércitos populares de Corea",
        "EPC",
        "«Kim Jong Un»",
        "Kim Jong Un",
        "agencia_de noticias 2",
        "agencia_de noticias 20",
        "agencia_de  noticias 2",
        "2",
        "dijo",
    ],
    "ru": [
        "Корейская народная армия",
        "Корейской народной армии",
        "КНА",
        "Ким Чен Ын",
        "Ким Чен Ына",
        "информационное агентство",
        "информационного агентства",
        "ё",
        "сказал",
        ", ",
    ],
}


@pytest.fixture(scope="module")
def gl_plain(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("plain") / "glossary.yml"
    path.write_text(PLAIN_GLOSSARY, encoding="utf-8")
    return load_glossary(path)


@st.composite
def plain_units(draw: st.DrawFn) -> tuple[str, str, str]:
    lang = draw(st.sampled_from(sorted(PLAIN_PIECES)))
    source = draw(st.sampled_from(PLAIN_SOURCES))
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(PLAIN_PIECES[lang]),
                st.text(alphabet="aZ_1 -'’.\u0301\u00a0", max_size=3),
            ),
            max_size=7,
        )
    )
    sep = draw(st.sampled_from([" ", "", "  ", "-", "_"]))
    return source, sep.join(parts), lang


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plain_units())
def test_quick_proof_agrees_with_check_unit_without_forbidden_renderings(
    gl_plain: Glossary, unit: tuple[str, str, str]
) -> None:
    _assert_quick_proof_agrees(gl_plain, *unit)


@pytest.mark.parametrize(
    ("source", "target", "lang", "clean"),
    [
        ("The Korean People's Army said so.", "Die Koreanische Volksarmee sagte.", "de", True),
        # Inflected: settled by the word-by-word reading.
        ("The Korean People's Army said so.", "Laut der Koreanischen Volksarmee.", "de", True),
        ("The Korean People's Army said so.", "Die KoreanischeVolksarmee sagte.", "de", False),
        ("KPA soldiers met Kim Jong Un.", "KPA-Soldaten trafen Kim Jong Un.", "de", True),
        ("KPA soldiers met Kim Jong Un.", "KPA-Soldaten trafen XKim Jong Un.", "de", False),
        ("KPA soldiers met Kim Jong Un.", "Soldados con «Kim Jong Un».", "es", False),  # no EPC
        ("The news agency and the KPA confirmed it.", "l’agence de presse et l'APC", "fr", True),
        ("The news agency and the KPA confirmed it.", "l agence de presse et l'APC", "fr", False),
        ("Kim Jong Un, the Korean People's Army and KPA units.", "Ким Чен Ына и КНА", "ru", True),
    ],
)
def test_quick_proof_on_renderings_written_as_in_the_glossary(
    gl_plain: Glossary, source: str, target: str, lang: str, clean: bool
) -> None:
    assert surely_clean(gl_plain, source_terms(gl_plain, source), target, lang) is clean
    assert (_expected(gl_plain, source, target, lang) == []) is clean


def _reference_has(target: str, lang: str, phrase: str) -> bool:
    """The matcher of check_unit, one rendering at a time."""
    return bool(find_rendering(lang, target, phrase))


_AROUND = st.lists(
    st.one_of(
        st.sampled_from(["Kim", "Jong", "Un", "Uns", "l", "agence", "de", "presse", "KPA"]),
        st.sampled_from(["Nachrichten", "Agentur", "a_b", "a", "b", "2", "x", "X", "«", "»"]),
        st.text(alphabet=" -'’‘ʼ_\u0301\u00a0\t1é«»", max_size=2),
    ),
    max_size=5,
)


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["de", "fr", "ru"]),
    st.sampled_from(
        ["Kim Jong Un", "l'agence de presse", "Nachrichten-Agentur", "«KPA»", "a_b 2", "—", "x"]
    ),
    _AROUND,
    st.sampled_from(["", "Kim Jong Un", "l’agence de presse", "Nachrichten-Agentur", "KPA", "x"]),
    _AROUND,
)
def test_written_renderings_are_found_by_the_matcher(
    lang: str, phrase: str, before: list[str], middle: str, after: list[str]
) -> None:
    # A rendering found as written must be found by the matcher too (never the
    # other way round: an inflected form is found only by the matcher).
    target = "".join(before) + middle + "".join(after)
    if _written(_flat(target), _phrase(lang, Term(phrase, TermStatus.PREFERRED))):
        assert _reference_has(target, lang, phrase)
