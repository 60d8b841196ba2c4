"""Quotes, markup, punctuation, whitespace, same-as-source and length on single pairs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from l10n.catalog.entry import Entry
from l10n.checks import CatalogContext, Finding, Pair, Policy
from l10n.checks.markup import markup
from l10n.checks.quotes import quote_profile, quotes
from l10n.checks.text import length, punctuation, same_as_source, whitespace
from l10n.languages import language

Check = Callable[[Pair, CatalogContext], Iterable[Finding]]


def run(check: Check, source: str, target: str, lang: str = "ru", md: bool = True) -> list[str]:
    ctx = CatalogContext(Path("x.po"), lang, language(lang), "en", None, Policy())
    return [f.message for f in check(Pair(Entry(source, target), source, target, 0, md), ctx)]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("He called it “a historic day.”", "Он назвал это «историческим днём».", "ru"),
        ("He called it “a historic day.”", "Він назвав це „історичним днем“.", "uk"),
        ("He called it “a historic day.”", "그는 이를 「역사적인 날」이라고 불렀다.", "ko"),
        ("“He said ‘no’,” she wrote.", "«Он сказал „нет“», — написала она.", "ru"),
        ("The Korean People’s Army’s soldiers’ role", "Роль солдат Корейской народной армии", "ru"),
        (
            "“We will fight.",
            "«Мы будем сражаться.",
            "ru",
        ),  # a quote that continues in the next unit
        ("It (the KPA) said so.", "Она (КНА) так сказала.", "ru"),
    ],
)
def test_quotes_accepted(source: str, target: str, lang: str) -> None:
    assert run(quotes, source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "needle"),
    [
        ("He called it “a historic day.”", "Он назвал это историческим днём.", "has none"),
        (
            "They were “constructive” and “frank”.",
            "Они были «конструктивными и «откровенными».",
            "unbalanced",
        ),
        (
            "They were “constructive” and “frank”.",
            "Они были «конструктивными» и откровенными.",
            "quotes 2",
        ),
        ("It (the KPA) said so.", "Она (КНА так сказала.", "brackets"),
    ],
)
def test_quotes_reported(source: str, target: str, needle: str) -> None:
    found = run(quotes, source, target)
    assert any(needle in m for m in found), found


def test_apostrophes_are_not_quotes() -> None:
    assert quote_profile("don't, People’s, soldiers’ and the ’90s").marks == 0


def test_markup() -> None:
    src = "Read the [statement](https://kcna.kp/a.html), `code` and **bold** text."
    assert (
        run(markup, src, "Читайте [заявление](https://kcna.kp/a.html), `code` и **жирный** текст.")
        == []
    )
    moved = run(
        markup, src, "Читайте [заявление](https://kcna.kp/b.html), `code` и **жирный** текст."
    )
    assert any("https://kcna.kp/a.html" in m for m in moved)
    assert run(markup, src, "Читайте заявление, `код` и жирный текст.")  # link, code, strong lost
    # Plain-text articles have no markup: stars are just characters.
    assert run(markup, "5 * 3", "5 × 3", md=False) == []


@pytest.mark.parametrize(
    ("source", "target", "ok"),
    [
        ("Why now?", "Почему сейчас?", True),
        ("Why now?", "왜 지금인가？", True),
        ("He said “yes.”", "Он сказал «да».", True),
        ("Wait...", "Подождите…", True),
        ("Headline without stop", "Заголовок без точки", True),
        ("Why now?", "Почему сейчас.", False),
        ("Headline without stop", "Заголовок с точкой.", False),
    ],
)
def test_punctuation(source: str, target: str, ok: bool) -> None:
    assert (run(punctuation, source, target) == []) is ok


def test_whitespace() -> None:
    assert run(whitespace, "One two.", "Раз два.") == []
    assert run(whitespace, "One two.", "Раз  два.") == ["double space in the translation"]
    assert run(whitespace, "One two.", " Раз два.") == [
        "leading whitespace differs from the source"
    ]
    assert run(whitespace, "One two. ", "Раз два. ") == []


def test_same_as_source() -> None:
    assert run(same_as_source, "Reuters", "Reuters") == []
    assert run(same_as_source, "Kim Jong Un", "Kim Jong Un") == []
    assert run(same_as_source, "1,500 (2025)", "1,500 (2025)") == []
    assert run(same_as_source, "The parade began at 10 a.m.", "The parade began at 10 a.m.")


def test_length() -> None:
    src = "Seoul estimates that 15,000 North Korean troops were deployed to Russia last year."
    assert (
        run(length, src, "По оценкам Сеула, в прошлом году в Россию направили 15 000 военных КНДР.")
        == []
    )
    assert run(length, src, "По оценкам Сеула.")
    assert (
        run(length, src, "서울은 작년에 북한군 1만5000명이 러시아에 파병된 것으로 추산한다.", "ko")
        == []
    )


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("He called it ‘a historic day’.", "그는 이를 ‘역사적인 날’이라고 불렀다.", "ko"),
        ("‘We will win,’ he said.", "그는 ‘우리가 이긴다’고 말했다.", "ko"),
        ("“We will win,” he said.", "그는 ‘우리가 이긴다’고 말했다.", "ko"),
        ("The ‘KPA’ statement was read out.", "‘KPA’는 성명을 발표했다.", "ko"),
        ("He said 'no' again.", "그는 다시 '아니'라고 말했다.", "ko"),
        ("He called it ‘a historic day’.", "彼はそれを‘歴史的な日’と呼んだ。", "ja"),
        ("He called it ‘a historic day’.", "他称之为‘历史性的一天’。", "zh"),
        ("He called it ‘a historic day’.", "彼はそれを‘歴史的な日’だと言った。", "ja"),
    ],
)
def test_particle_after_a_closing_quote(source: str, target: str, lang: str) -> None:
    # ‘…’고: a closing mark between Hangul (or kana, CJK) letters ends the quote;
    # these scripts have no apostrophes.
    assert run(quotes, source, target, lang) == []


def test_a_closing_mark_before_latin_letters_is_an_apostrophe() -> None:
    # Not Hangul, kana or CJK after the mark: ’s is an apostrophe, the quote stays open.
    source, target = "He called it ‘a historic day’.", "그는 ‘역사적인 day’s 날이라고 불렀다."
    found = run(quotes, source, target, "ko")
    assert any("unbalanced" in m or "quotes 1" in m for m in found), found


def test_korean_quote_left_open_is_still_reported() -> None:
    found = run(quotes, "‘We will win,’ he said.", "그는 ‘우리가 이긴다고 말했다.", "ko")
    assert any("quotes 1" in m for m in found), found


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("‘I don’t know’, he said", 1),  # an apostrophe inside a quoted word
        ("the People’s Army and the soldiers’ families", 0),
        ("‘역사적인 날’이라고", 1),
        ("‘KPA’는", 1),
        ("'KPA'는", 1),
    ],
)
def test_quote_pairs_and_apostrophes(text: str, pairs: int) -> None:
    assert quote_profile(text).pairs == pairs
