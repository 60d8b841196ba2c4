"""serialize_entry must write exactly what GNU msgcat writes (gettext as the judge)."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import Entry, serialize_entry
from l10n.catalog.wrap import escape, wrap_string

MSGCAT = shutil.which("msgcat")
pytestmark = pytest.mark.skipif(MSGCAT is None, reason="GNU gettext not installed")
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'

LONG_EN = (
    "The regional council voted on Tuesday to extend the emergency measures for another "
    "six months, citing the continued risk of flooding along the river."
)
LONG_RU = (
    "Областной совет во вторник проголосовал за продление чрезвычайных мер ещё на шесть "
    "месяцев, сославшись на сохраняющийся риск наводнений вдоль реки."
)
LONG_KO = (
    "지역 의회는 화요일에 강을 따라 홍수 위험이 계속되고 있다며 "
    "비상 조치를 6개월 더 연장하기로 의결했다."
)
LONG_JA = (
    "地方議会は火曜日、川沿いの洪水の危険が続いているとして、"
    "緊急措置をさらに六か月延長することを決めた。"
)
LONG_ZH = "地区议会周二投票决定将紧急措施再延长六个月，理由是沿河地区的洪水风险持续存在。"

VARIED = [
    Entry(msgid="Short", msgstr="Коротко"),
    Entry(msgid=LONG_EN, msgstr=LONG_RU),
    Entry(msgid=LONG_EN, msgstr=LONG_KO, msgctxt="ko"),
    Entry(msgid=LONG_EN, msgstr=LONG_JA, msgctxt="ja"),
    Entry(msgid=LONG_EN, msgstr=LONG_ZH, msgctxt="zh"),
    Entry(msgid="Line one\nLine two\n", msgstr="Строка один\nСтрока два\n"),
    Entry(msgid="Ends without newline\nafter a break", msgstr="x\n"),
    Entry(msgid='Quote " backslash \\ tab \t return \r', msgstr='«Кавычки» "и" \\ \t'),
    Entry(msgid="x" * 120, msgstr="a-very-long-hyphenated-compound-" * 4),
    Entry(msgid="http://example.com/a/very/long/path/" * 3, msgstr="(" + "скобки " * 15 + ")"),
    Entry(msgid=LONG_EN + "\n" + LONG_EN + "\n", msgstr=LONG_RU + "\n\n" + LONG_RU),
    Entry(msgid="Numbers 1,234,567.89 and 50% and $100 and 3.14 " * 3, msgstr="€ 100 — 200 … " * 6),
    Entry(
        msgid="%d article",
        msgid_plural="%d articles",
        msgstr_plural=("%d статья", "%d статьи", "%d статей"),
        flags=("fuzzy", "c-format"),
        previous_msgid="%d story",
        previous_msgid_plural="%d stories",
    ),
    Entry(
        msgid="Edited",
        msgstr="Правка",
        msgctxt="article:headline",
        flags=("fuzzy",),
        previous_msgctxt="article:title",
        previous_msgid=LONG_EN,
        translator_comments=("reviewed: anna 2024-05-01", "", " indented"),
        extracted_comments=("paragraph 2, sentence 1", "Keep under 70 characters"),
        references=tuple(f"sources/2024/05/a-long-article-slug-{n}.md:{n * 17}" for n in range(6)),
    ),
    Entry(msgid="", msgstr="Подсказка", msgctxt="empty msgid"),
    Entry(msgid="Prefix " + "word " * 14 + "end", msgstr="Тест " * 16),
    Entry(msgid="Obsolete " + LONG_EN, msgstr=LONG_RU, obsolete=True),
    Entry(
        msgid="Obsolete with previous",
        msgstr="Устаревшее",
        msgctxt="ctx",
        obsolete=True,
        flags=("fuzzy",),
        previous_msgid="Obsolete previous " + LONG_EN,
    ),
    Entry(
        msgid="Obsolete plural",
        msgid_plural="Obsolete plurals",
        msgstr_plural=(LONG_KO, "둘", "셋"),
        obsolete=True,
    ),
]


def msgcat_of(text: str, tmp: Path) -> str:
    assert MSGCAT is not None
    src = tmp / "in.po"
    src.write_text(text, encoding="utf-8")
    done = subprocess.run([MSGCAT, str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def check_against_msgcat(entries: list[Entry], tmp: Path) -> None:
    # msgcat writes obsolete entries after the active ones.
    ordered = [e for e in entries if not e.obsolete] + [e for e in entries if e.obsolete]
    mine = HEADER + "".join("\n" + serialize_entry(e) for e in ordered)
    ref = msgcat_of(mine, tmp)
    if ref != mine:  # show the first differing entry, not a wall of text
        for a, b in zip(mine.split("\n\n"), ref.split("\n\n"), strict=False):
            assert a == b
    assert ref == mine


def test_varied_entries_equal_msgcat(tmp_path: Path) -> None:
    check_against_msgcat(VARIED, tmp_path)


def test_each_varied_entry_is_rewrapped_from_unwrapped_input(tmp_path: Path) -> None:
    """Feed msgcat unwrapped text: its wrapping, not ours, decides the reference."""
    unwrapped = HEADER + "".join("\n" + serialize_entry(e, width=0) for e in VARIED)
    ref = msgcat_of(unwrapped, tmp_path)
    active = [e for e in VARIED if not e.obsolete] + [e for e in VARIED if e.obsolete]
    assert ref == HEADER + "".join("\n" + serialize_entry(e) for e in active)


POOLS = {
    "latin": "abcdefghij klmnop qrstuvwxyz ABC  ,.;:!?-/()[]{}'\"\\%$#@&*+=<>_|~`0123456789\t\n",
    "cyrillic": 'абвгдеёжзий клмнопрст уфхцчшщ ъыьэюя ,.;:!?-—–«»()…"0123456789 ',
    "cjk": "日本語の文章は空白を使いません。この文は長いので、折り返しが必要「」『』（）！？ーっゃ"
    "한국어 문장은 띄어쓰기를 사용합니다 ,.abc 123",
    "mixed": "abc def ghi 日本 한국 абв « » — – - / . , ; : ! ? ( ) [ ] \" ' \\ % $ € £ ° № 1 2 3 "
    "\n \t é ü ß ñ ½ · • … ‘ ’ “ ” „ ‹ › ¿ ¡ ‐ ‑ − × ÷ © ® ™ ¶ § †",
}


@pytest.mark.parametrize("pool", sorted(POOLS))
def test_random_text_equals_msgcat(pool: str, tmp_path: Path) -> None:
    """Seeded random strings from several scripts, 300 entries per pool, one msgcat run."""
    rnd = random.Random(20240501)
    chars = POOLS[pool]
    entries = []
    for i in range(300):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 260)))
        entries.append(
            Entry(
                msgid=f"{i} {text}",
                msgstr="x" + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 200))),
                msgctxt=None if i % 5 else "c" + text[:30],
                previous_msgid=text[::-1] if i % 7 == 0 else None,
                flags=("fuzzy",) if i % 7 == 0 else (),
                obsolete=i >= 280,
                references=tuple(f"{'d' * (i % 37)}/f{j}.md:{i * j}" for j in range(i % 6)),
            )
        )
    check_against_msgcat(entries, tmp_path)


_TEXT = st.text(
    alphabet=st.sampled_from(
        list(POOLS["mixed"])
        + list("日本語한국어абвгд")
        + ["\u0301", "\u00a0", "\u200b", "\U0001f600"]
    ),
    max_size=200,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(msgid=_TEXT, msgstr=_TEXT)
def test_property_serialize_equals_msgcat(msgid: str, msgstr: str, tmp_path: Path) -> None:
    check_against_msgcat([Entry(msgid="k" + msgid, msgstr=msgstr)], tmp_path)


def test_wrap_string_basics() -> None:
    assert wrap_string("", "msgid", "") == ['msgid ""']
    assert wrap_string("", "msgid", "a\n") == ['msgid "a\\n"']
    assert wrap_string("", "msgid", "a\nb") == ['msgid ""', '"a\\n"', '"b"']
    assert wrap_string("#~ ", "msgstr", "x") == ['#~ msgstr "x"']
    assert escape('a"b\\c\n\t\r') == 'a\\"b\\\\c\\n\\t\\r'
    lines = wrap_string("", "msgid", "word " * 30)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert all(line.endswith(' "') for line in lines[1:-1])
