"""Target-side inflection-aware matching (pymorphy3, kiwipiepy, Snowball) and check_unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.glossary import (
    Glossary,
    GlossaryCheck,
    Strictness,
    check_unit,
    contains_rendering,
)
from l10n.glossary.loader import check_glossary_bytes

DATA = Path(__file__).parent / "data" / "glossary"


def _forms(phrase: str, forms: list[str]) -> list[tuple[str, str]]:
    return [(phrase, f) for f in forms]


RU = [
    *_forms(
        "Курская область",
        ["Курская область", "в Курской области", "Курскую область", "Курской областью"],
    ),
    *_forms(
        "Корейская народная армия",
        [
            "Корейская народная армия",
            "Корейской народной армии",
            "Корейскую народную армию",
            "Корейской народной армией",
        ],
    ),
    *_forms(
        "Генеральный штаб",
        [
            "Генеральный штаб",
            "Генерального штаба",
            "Генеральному штабу",
            "Генеральным штабом",
            "в Генеральном штабе",
        ],
    ),
    *_forms(
        "Генеральный штаб Вооружённых сил Российской Федерации",
        [
            "Генерального штаба Вооружённых сил Российской Федерации",
            "Генеральным штабом Вооруженных сил Российской Федерации",
        ],
    ),
    *_forms(
        "Владимир Путин",
        ["Владимира Путина", "Владимиру Путину", "Владимиром Путиным", "о Владимире Путине"],
    ),
    *_forms("Путин", ["Путин", "Путина"]),
    *_forms(
        "Валерий Герасимов", ["Валерия Герасимова", "Валерию Герасимову", "Валерием Герасимовым"]
    ),
    *_forms("Герасимов", ["о Герасимове"]),
    *_forms("Ким Чен Ын", ["Ким Чен Ына", "Ким Чен Ыну", "Ким Чен Ыном"]),
    *_forms(
        "Центральное телеграфное агентство Кореи",
        [
            "Центрального телеграфного агентства Кореи",
            "Центральному телеграфному агентству Кореи",
            "Центральным телеграфным агентством Кореи",
        ],
    ),
]
RU_NEG = [
    ("Курская область", "город Курск"),
    ("Курская область", "Курская дуга"),
    ("Курская область", "Белгородская область"),
    ("Курская область", "Курская, область"),
    ("Генеральный штаб", "Генеральный прокурор"),
    ("Корейская народная армия", "Корейская Народно-Демократическая Республика"),
    ("Владимир Путин", "Владимир Зеленский"),
    ("Валерий Герасимов", "Валерий Залужный"),
    ("Ким Чен Ын", "Ким Ё Чжон"),
    ("Путин", "Путилин"),
]
UK = [
    *_forms(
        "Курська область",
        [
            "Курська область",
            "Курської області",
            "Курську область",
            "Курською областю",
            "Курській області",
        ],
    ),
    *_forms(
        "Корейська народна армія",
        [
            "Корейської народної армії",
            "Корейську народну армію",
            "Корейською народною армією",
            "Корейській народній армії",
        ],
    ),
    *_forms(
        "Генеральний штаб",
        ["Генерального штабу", "Генеральному штабі", "Генеральним штабом", "Генеральний штаб"],
    ),
    *_forms("Володимир Путін", ["Володимира Путіна", "Володимиру Путіну", "Володимиром Путіним"]),
    *_forms("Путін", ["Путін", "Путіна", "Путіну"]),
    *_forms(
        "Валерій Герасимов", ["Валерія Герасимова", "Валерієві Герасимову", "Валерієм Герасимовим"]
    ),
    *_forms("Герасимов", ["Герасимова"]),
    *_forms("Кім Чен Ин", ["Кім Чен Ина", "Кім Чен Ину", "Кім Чен Ином"]),
    *_forms(
        "Центральне телеграфне агентство Кореї",
        [
            "Центрального телеграфного агентства Кореї",
            "Центральному телеграфному агентству Кореї",
            "Центральним телеграфним агентством Кореї",
        ],
    ),
    *_forms(
        "Генеральний штаб Збройних сил Російської Федерації",
        [
            "Генерального штабу Збройних сил Російської Федерації",
            "Генеральним штабом Збройних сил Російської Федерації",
        ],
    ),
]
UK_NEG = [
    ("Курська область", "місто Курськ"),
    ("Курська область", "Харківська область"),
    ("Генеральний штаб", "Генеральний прокурор"),
    ("Володимир Путін", "Володимир Зеленський"),
    ("Кім Чен Ин", "Кім Йо Чжон"),
    ("Корейська народна армія", "Корейська народна республіка"),
]
KO = [
    *_forms(
        "조선인민군",
        [
            "조선인민군" + p
            for p in [
                "은",
                "이",
                "을",
                "의",
                "에",
                "과",
                "으로",
                "에서",
                "도",
                "만",
                "이었다",
                "까지",
            ]
        ],
    ),
    *_forms("김정은", ["김정은" + p for p in ["은", "이", "의", "에게", "과", "도"]]),
    *_forms("쿠르스크주", ["쿠르스크주" + p for p in ["에서", "의", "를", "로"]]),
    *_forms(
        "조선중앙통신",
        ["조선중앙통신은", "조선중앙통신이", "조선중앙통신에", "조선중앙통신에 따르면"],
    ),
    *_forms("푸틴", ["푸틴은", "푸틴이", "푸틴의", "푸틴 대통령은"]),
    *_forms("게라시모프", ["게라시모프는", "게라시모프가"]),
    *_forms(
        "러시아군 총참모부", ["러시아군 총참모부가", "러시아군 총참모부는", "러시아군총참모부의"]
    ),
    *_forms("블라디미르 푸틴", ["블라디미르 푸틴 대통령이"]),
]
KO_NEG = [
    ("조선인민군", "조선인민군사령부"),
    ("김정은", "김정은행"),
    ("조선인민군", "북조선인민군"),
    ("쿠르스크주", "쿠르스크시"),
    ("김정은", "김정일"),
    ("총참모부", "총참모부장"),
    ("조선인민군", "한국인민군은"),
]


def test_tables_are_large_enough() -> None:
    assert len(RU) >= 30 and len(UK) >= 30 and len(KO) >= 30


@pytest.mark.parametrize(
    ("lang", "phrase", "text"),
    [("ru", *p) for p in RU] + [("uk", *p) for p in UK] + [("ko", *p) for p in KO],
)
def test_inflected_forms_match(lang: str, phrase: str, text: str) -> None:
    assert contains_rendering(
        lang, f"Сказано: {text}." if lang != "ko" else f"보도: {text} 있다.", phrase
    )


@pytest.mark.parametrize(
    ("lang", "phrase", "text"),
    [("ru", *p) for p in RU_NEG] + [("uk", *p) for p in UK_NEG] + [("ko", *p) for p in KO_NEG],
)
def test_other_words_do_not_match(lang: str, phrase: str, text: str) -> None:
    assert not contains_rendering(lang, text, phrase)


def test_snowball_fallback_and_plain_words() -> None:
    assert contains_rendering(
        "de", "die Truppen der Koreanischen Volksarmee", "Koreanische Volksarmee"
    )
    assert not contains_rendering("de", "die Armee", "Koreanische Volksarmee")
    assert contains_rendering("ja", "朝鮮人民軍 が", "朝鮮人民軍")


# -- check_unit --------------------------------------------------------------


@pytest.fixture(scope="module")
def gl() -> Glossary:
    path = DATA / "glossary.yml"
    concepts, errors = check_glossary_bytes(path.read_bytes(), path, ("ru", "uk", "ko"))
    assert errors == []
    return Glossary(tuple(concepts))


def _ids(findings: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(f.check.value, f.strictness.value, f.concept_id) for f in findings]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        ("Kim Jong Un awarded KPA generals.", "Ким Чен Ын наградил генералов КНА.", "ru", []),
        (
            "Kim Jong Un praised the Korean People’s Army.",
            "Ким Чен Ын похвалил Корейскую народную армию.",
            "ru",
            [],
        ),
        (
            "Kim Jong Un praised the Korean People’s Army.",
            "Ким Чен Ын похвалил армию.",
            "ru",
            [("glossary-missing", "hard", "kpa")],
        ),
        (
            "Kim Jong Un praised the Korean People’s Army.",
            "Ким Чен Ын похвалил КНА.",
            "ru",
            [("glossary-missing", "advisory", "kpa")],
        ),
        (
            "Kim Jong Un spoke.",
            "Ким Чон Ын выступил.",
            "ru",
            [("glossary-forbidden", "hard", "kim-jong-un")],
        ),
        (
            "Kim Jong Un spoke.",
            "김정운이 연설했다.",
            "ko",
            [("glossary-forbidden", "hard", "kim-jong-un")],
        ),
        ("Kim Jong Un spoke.", "김정은은 연설했다.", "ko", []),
        ("In Kursk Oblast.", "У Курській області.", "uk", []),
        (
            "In Kursk Oblast.",
            "В Курской провинции.",
            "ru",
            [("glossary-forbidden", "hard", "kursk-oblast")],
        ),
        (
            "The General Staff of the Russian Armed Forces said",
            "Генштаб ВС РФ заявил",
            "ru",
            [("glossary-missing", "advisory", "general-staff-rf")],
        ),
        ("The General Staff said", "Генштаб заявил", "ru", []),
        ("Putin’s remarks", "Слова Путина", "ru", []),
        ("Putin’s remarks", "푸틴의 발언", "ko", []),
        (
            "Putin’s remarks",
            "대통령의 발언",
            "ko",
            [("glossary-missing", "hard", "vladimir-putin")],
        ),
        ("NK News reported", "Как сообщает NK News,", "ru", []),
        ("NK News reported", "Как сообщает НК Ньюс,", "ru", [("glossary-dnt", "hard", "nk-news")]),
        ("The KCNA said.", "", "ru", []),
        ("Nothing in the glossary.", "Ничего.", "ru", []),
        ("TAK reported", "ЦТАК сообщило", "ru", []),
    ],
)
def test_check_unit(
    gl: Glossary, source: str, target: str, lang: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _ids(check_unit(gl, source, target, lang)) == expected


def test_finding_fields(gl: Glossary) -> None:
    (f,) = check_unit(gl, "Kim Jong Un spoke.", "Ким Чон Ын выступил.", "ru")
    assert f.check is GlossaryCheck.FORBIDDEN and f.strictness is Strictness.HARD and f.hard
    assert f.check_id == "glossary-forbidden"
    assert (f.term, f.expected, f.found) == ("Kim Jong Un", "Ким Чен Ын", "Ким Чон Ын")
    assert "Ким Чен Ын" in f.message
    (m,) = check_unit(gl, "The Korean People’s Army.", "Армия.", "ru")
    assert m.expected == "Корейская народная армия" and m.found is None
    assert "'КНА'" in m.message
