"""Glossary model, YAML loading/validation, source matching, hints, lint, suggest, exchange."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.config import load_config
from l10n.errors import GlossaryError
from l10n.glossary import (
    Concept,
    Glossary,
    TargetEntry,
    Term,
    TermStatus,
    TermType,
    TextFile,
    apply_fixes,
    dump_glossary,
    export_csv,
    export_tbx,
    fix_sources,
    import_csv,
    import_tbx,
    lint_sources,
    lint_text,
    load_glossary,
    suggest_terms,
    validate_glossary,
)
from l10n.glossary.loader import check_glossary_bytes

DATA = Path(__file__).parent / "data" / "glossary"
REPO = Path(__file__).parent.parent
SEED = (DATA / "seed.txt").read_text(encoding="utf-8")
LANGS = ("ru", "uk", "ko")


@pytest.fixture(scope="module")
def gl() -> Glossary:
    concepts, errors = check_glossary_bytes(
        (DATA / "glossary.yml").read_bytes(), DATA / "glossary.yml", LANGS
    )
    assert errors == []
    return Glossary(tuple(concepts))


def problems(text: str, langs: tuple[str, ...] | None = LANGS) -> list[GlossaryError]:
    return check_glossary_bytes(text.encode("utf-8"), Path("g.yml"), langs)[1]


# -- the sample glossary -------------------------------------------------------


def test_repo_sample_glossary_is_valid_for_the_repo_project() -> None:
    config = load_config(REPO)
    assert validate_glossary(config.glossary_path, config) == []
    g = load_glossary(config.glossary_path, config)
    ids = {c.id for c in g.concepts}
    assert {"kpa", "kcna", "general-staff-rf", "kim-jong-un", "vladimir-putin"} <= ids
    assert {"valery-gerasimov", "kursk-oblast"} <= ids
    for c in g.concepts:
        if not c.dnt:
            assert {e.lang for e in c.targets} == set(LANGS), c.id


def test_concept_structure(gl: Glossary) -> None:
    kpa = gl.concept("KPA")
    assert kpa is not None and kpa.id == "kpa"
    assert kpa.preferred.text == "Korean People's Army"
    assert [t.text for t in kpa.admitted] == ["KPA"]
    ru = kpa.target("ru")
    assert ru is not None and ru.preferred.text == "Корейская народная армия"
    assert [t.text for t in ru.admitted] == ["КНА"]
    kcna = gl.concept("kcna")
    assert kcna is not None
    assert [t.text for t in kcna.deprecated] == ["TAK", "Central Telegraph Agency of Korea"]
    assert gl.concept("조선인민군") is kpa
    assert gl.concept("nothing like this") is None


# -- validation ------------------------------------------------------------------

GOOD = """\
concepts:
  - id: kpa
    preferred: Korean People's Army
    admitted: [KPA]
    targets:
      ru:
        preferred: Корейская народная армия
"""


def test_minimal_valid() -> None:
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (GOOD.replace("    admitted:", "    admited:"), 4, "unknown key"),
        (GOOD.replace("    preferred: Korean People's Army\n", ""), 2, "missing preferred term"),
        (GOOD.replace("      ru:", "      de:"), 6, "not in the project"),
        (GOOD.replace("      ru:", "      xx_bogus:"), 6, "unknown language"),
        (
            GOOD.replace("        preferred: Корейская", "        preferd: Корейская"),
            7,
            "unknown key",
        ),
        (GOOD + "  - id: kpa2\n    preferred: KPA\n", 9, "also in concept 'kpa'"),
        (GOOD + "  - id: kpa\n    preferred: Army\n", 8, "used twice"),
        (GOOD.replace("[KPA]", "[KPA, kpa]"), 4, "listed twice"),
        (GOOD.replace("admitted: [KPA]", "case-sensitive: maybe"), 4, "true or false"),
        (GOOD.replace("[KPA]", "[{text: KPA, type: initialism}]"), 4, "unknown term type"),
        (GOOD + "        forbidden: [Корейская народная армия]\n", 8, "both preferred and"),
        (GOOD.replace("kpa\n", "kpa\n    dnt: true\n"), 6, "do-not-translate"),
        ("concepts: {a: 1}\n", 1, "must be a list"),
        ("concept: []\n", 1, "unknown key"),
    ],
)
def test_validation_errors_name_line_and_key(text: str, line: int, needle: str) -> None:
    errs = problems(text)
    assert errs, text
    assert any(needle in str(e) and e.line == line for e in errs), [str(e) for e in errs]
    assert all(e.path == Path("g.yml") and e.line is not None for e in errs)


def test_unknown_key_hint_suggests_close_key() -> None:
    errs = problems(GOOD.replace("    admitted:", "    admited:"))
    assert errs[0].hint == "did you mean 'admitted'?"


def test_all_problems_are_collected() -> None:
    text = GOOD.replace("    admitted:", "    admited:").replace("      ru:", "      de:")
    assert len(problems(text)) == 2


def test_languages_unchecked_without_project() -> None:
    assert problems(GOOD.replace("      ru:", "      de:"), None) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("concepts: [\n", "invalid YAML"),
        ("a: &x [1]\nb: *x\n", "anchors and aliases"),
        ("concepts:\n  - !!python/object:os.system {}\n", "tag"),
        ("concepts:\n  - id: !!python/name:os.system x\n", "tag"),
        ("concepts:\n  - id: !custom x\n", "tag"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused(text: str, needle: str) -> None:
    errs = problems(text)
    assert len(errs) == 1 and needle in errs[0].message
    assert errs[0].line is not None


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    errs = problems("\n".join(lines) + "\n")
    assert len(errs) == 1 and "anchors and aliases" in errs[0].message and errs[0].line == 1


def test_size_cap(tmp_path: Path) -> None:
    from l10n.glossary import loader

    path = tmp_path / "big.yml"
    path.write_bytes(b"#" * (loader.MAX_BYTES + 1))
    with pytest.raises(GlossaryError, match="larger than"):
        load_glossary(path)


def test_load_glossary_raises_first_problem_with_count(tmp_path: Path) -> None:
    path = tmp_path / "g.yml"
    path.write_text(GOOD.replace("    admitted:", "    admited:") + "  - id: x\n", "utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.line == 4 and "1 more problem" in str(info.value)


def test_yaml_keywords_stay_text() -> None:
    text = "concepts:\n  - id: norway\n    preferred: Norway\n    admitted: [NO, 'off']\n"
    concepts, errs = check_glossary_bytes(text.encode(), Path("g.yml"), LANGS)
    assert errs == [] and [t.text for t in concepts[0].admitted] == ["NO", "off"]


# -- source matching ---------------------------------------------------------------


def hits(g: Glossary, text: str) -> list[tuple[str, str]]:
    return [(h.concept.id, text[h.start : h.end]) for h in g.find(text)]


def test_longest_match_first(gl: Glossary) -> None:
    text = "Chief of the General Staff of the Russian Armed Forces and the General Staff"
    assert hits(gl, text) == [
        ("general-staff-rf", "General Staff of the Russian Armed Forces"),
        ("general-staff-rf", "General Staff"),
    ]
    assert hits(gl, text)[0] != hits(gl, "General Staff")[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin’s remarks", [("vladimir-putin", "Putin")]),
        ("Putin's remarks", [("vladimir-putin", "Putin")]),
        ("the KPA's units", [("kpa", "KPA")]),
        ("the KPA’s units", [("kpa", "KPA")]),
        ("two KPAs", [("kpa", "KPA")]),
        ("The Korean People's Army’s role", [("kpa", "Korean People's Army")]),
        ("The Korean People’s Army", [("kpa", "Korean People’s Army")]),
        ("Korean  People’s\nArmy", [("kpa", "Korean  People’s\nArmy")]),
        ("the general staff said", [("general-staff-rf", "general staff")]),
        ("kpa soldiers", []),
        ("Kpa soldiers", []),
        ("KPAX and XKPA", []),
        ("Putinism", []),
        ("Kim Jong-un met", [("kim-jong-un", "Kim Jong-un")]),
        ("NK News reported", [("nk-news", "NK News")]),
    ],
)
def test_source_matching_forms(gl: Glossary, text: str, expected: list[tuple[str, str]]) -> None:
    assert hits(gl, text) == expected


def test_seed_hits(gl: Glossary) -> None:
    found = {cid for cid, _ in hits(gl, SEED)}
    assert found == {
        "kpa",
        "kcna",
        "kim-jong-un",
        "vladimir-putin",
        "valery-gerasimov",
        "general-staff-rf",
        "kursk-oblast",
    }


def test_case_policy_override() -> None:
    text = GOOD.replace("admitted: [KPA]", "admitted: [{text: KPA, case-sensitive: false}]")
    concepts, _ = check_glossary_bytes(text.encode(), Path("g.yml"), LANGS)
    g = Glossary(tuple(concepts))
    assert hits(g, "the kpa") == [("kpa", "kpa")]
    strict = GOOD.replace("kpa\n", "kpa\n    case-sensitive: true\n")
    concepts, _ = check_glossary_bytes(strict.encode(), Path("g.yml"), LANGS)
    assert hits(Glossary(tuple(concepts)), "korean people's army") == []


# -- hints -----------------------------------------------------------------------


def test_hints_one_line_in_order(gl: Glossary) -> None:
    text = "Putin thanked the KPA and the Korean People’s Army in Kursk Oblast."
    out = gl.hints(text, "ru")
    assert out == (
        "glossary: Putin -> Владимир Путин (Путин); "
        "President of Russia; surname alone after the first mention.",
        "glossary: KPA -> Корейская народная армия (КНА); not: Народная армия Кореи; "
        "North Korea's armed forces. Spell out at first mention, KPA after.",
        "glossary: Kursk Oblast -> Курская область (Курский регион); not: Курская провинция; "
        "Russian region bordering Ukraine (not the city of Kursk).",
    )
    assert all("\n" not in h for h in out)
    assert gl.hints(text, "ru") == out


def test_hints_for_deprecated_and_dnt(gl: Glossary) -> None:
    (tak,) = gl.hints("said TAK", "ko")
    assert tak.startswith(
        "glossary: TAK -> 조선중앙통신 (조선중앙통신사); deprecated source form, write KCNA"
    )
    (nk,) = gl.hints("NK News said", "uk")
    assert nk.startswith("glossary: NK News -> keep as is (do not translate)")
    assert gl.hints("nothing here", "ru") == ()
    assert gl.hints("KPA", "de") == (
        "glossary: KPA -> no de rendering yet; "
        "North Korea's armed forces. Spell out at first mention, KPA after.",
    )


# -- lint ------------------------------------------------------------------------


def test_lint_seed_combined_form_is_one_finding(gl: Glossary) -> None:
    findings = lint_sources(gl, [TextFile(Path("seed.txt"), SEED)])
    assert len(findings) == 1
    f = findings[0]
    assert (f.line, f.column, f.concept_id) == (7, 26, "kcna")
    assert f.found == "TAK (Central Telegraph Agency of Korea)"
    assert f.replacement == "KCNA (Korean Central News Agency)"
    assert SEED.splitlines()[6][f.column - 1 :].startswith("TAK (")
    fixed = apply_fixes(SEED, findings)
    assert "According to a report by KCNA (Korean Central News Agency), on August 20" in fixed
    assert lint_text(gl, Path("x"), fixed) == []


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("TAK said.", "KCNA said."),
        ("TAK’s report", "KCNA’s report"),
        ("the Central Telegraph Agency of Korea said", "the Korean Central News Agency said"),
        ("KCNA (Central Telegraph Agency of Korea)", "KCNA (Korean Central News Agency)"),
        ("TAK (Korean Central News Agency)", "KCNA (Korean Central News Agency)"),
        ("KCNA (Korean Central News Agency)", "KCNA (Korean Central News Agency)"),
        ("TAKE a TAK, TAK", "TAKE a KCNA, KCNA"),
    ],
)
def test_lint_fixes(gl: Glossary, text: str, fixed: str) -> None:
    assert apply_fixes(text, lint_text(gl, Path("a.txt"), text)) == fixed


def test_lint_positions_multiline(gl: Glossary) -> None:
    text = "Title\n\nLine two mentions TAK.\n  Central Telegraph Agency of Korea"
    found = [(f.line, f.column) for f in lint_text(gl, Path("a.md"), text)]
    assert found == [(3, 19), (4, 3)]


def test_fix_sources_rewrites_atomically(gl: Glossary, tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes("\ufeffTAK said.\r\nTAK again.\r\n".encode())
    b.write_text("Nothing deprecated.\n", "utf-8")
    before = b.stat().st_mtime_ns
    changed = fix_sources(gl, [a, b])
    assert changed == [(a, 2)]
    assert a.read_bytes() == "\ufeffKCNA said.\r\nKCNA again.\r\n".encode()
    assert b.stat().st_mtime_ns == before
    assert fix_sources(gl, [a, b]) == []


# -- suggest -----------------------------------------------------------------------


def test_suggest_on_seed_with_empty_glossary() -> None:
    cands = suggest_terms(Glossary(()), [TextFile(Path("seed.txt"), SEED)], limit=100)
    terms = [c.term for c in cands]
    assert "Korean People’s Army" in terms
    assert "General Staff" in terms
    assert "TAK" in terms
    assert "Kim Jong Un" in terms
    assert "General Staff of the Russian Armed Forces" in " ".join(terms)
    kpa = next(c for c in cands if c.term == "Korean People’s Army")
    assert kpa.count == 2 and kpa.example == "seed.txt:5"
    counts = [c.count for c in cands]
    assert counts == sorted(counts, reverse=True)
    # headline words and sentence-initial function words are not candidates
    assert not any(t.startswith(("The ", "North Korean Leadership")) for t in terms)


def test_suggest_skips_terms_in_glossary(gl: Glossary) -> None:
    terms = [c.term for c in suggest_terms(gl, [TextFile(Path("seed.txt"), SEED)], limit=100)]
    assert "Korean People’s Army" not in terms
    assert "General Staff" not in terms
    assert "TAK" not in terms
    assert "North Korea" in terms


# -- exchange ----------------------------------------------------------------------


def test_tbx_round_trip(gl: Glossary) -> None:
    data = export_tbx(gl.concepts, "en")
    assert b"preferredTerm-admn-sts" in data and b"deprecatedTerm-admn-sts" in data
    assert tuple(import_tbx(data, Path("g.tbx"), "en")) == gl.concepts


def test_csv_round_trip(gl: Glossary) -> None:
    data = export_csv(gl.concepts, "en")
    assert tuple(import_csv(data, Path("g.csv"), "en")) == gl.concepts


def test_yaml_dump_round_trip(gl: Glossary) -> None:
    data = dump_glossary(gl.concepts)
    concepts, errs = check_glossary_bytes(data, Path("g.yml"), LANGS)
    assert errs == [] and tuple(concepts) == gl.concepts


def test_translate_toolkit_reads_our_tbx(gl: Glossary) -> None:
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(export_tbx(gl.concepts, "en"), "en", "ru")
    units = {u.getid(): u for u in store.units}
    kpa = units["kpa"]
    assert [t.text for t in kpa.get_source_terms()] == ["Korean People's Army", "KPA"]
    ru = kpa.get_target_terms("ru")
    assert [(t.text, t.administrative_status) for t in ru] == [
        ("Корейская народная армия", "preferredTerm-admn-sts"),
        ("КНА", "admittedTerm-admn-sts"),
        ("Народная армия Кореи", "deprecatedTerm-admn-sts"),
    ]
    assert [t.deprecated for t in ru] == [False, False, True]
    kcna_src = units["kcna"].get_source_terms()
    assert [t.text for t in kcna_src if t.deprecated] == [
        "TAK",
        "Central Telegraph Agency of Korea",
    ]
    assert not units["nk-news"].istranslatable()
    assert units["kpa"].istranslatable()


_text = (
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")),
        min_size=1,
        max_size=20,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
_status = st.sampled_from([TermStatus.ADMITTED, TermStatus.DEPRECATED])
_opt_bool = st.none() | st.booleans()


@st.composite
def _concepts(draw: st.DrawFn) -> tuple[Concept, ...]:
    n = draw(st.integers(1, 4))
    out = []
    for i in range(n):

        def terms(first: TermStatus) -> tuple[Term, ...]:
            extra = draw(st.lists(st.tuples(_text, _status), max_size=3))
            kind = draw(st.none() | st.sampled_from(list(TermType)))
            head = Term(draw(_text), first, kind, draw(_opt_bool))
            return (head, *(Term(t, s, None, draw(_opt_bool)) for t, s in extra))

        dnt = draw(st.booleans())
        targets = (
            ()
            if dnt
            else tuple(
                TargetEntry(lang, terms(TermStatus.PREFERRED), draw(st.none() | _text))
                for lang in draw(st.lists(st.sampled_from(LANGS), unique=True, max_size=3))
            )
        )
        out.append(
            Concept(
                f"c{i}",
                terms(TermStatus.PREFERRED),
                draw(st.none() | _text),
                draw(_opt_bool),
                dnt,
                targets,
            )
        )
    return tuple(out)


@settings(max_examples=60, deadline=None)
@given(_concepts())
def test_exchange_round_trip_property(concepts: tuple[Concept, ...]) -> None:
    assert tuple(import_tbx(export_tbx(concepts, "en"), Path("g.tbx"), "en")) == concepts
    assert tuple(import_csv(export_csv(concepts, "en"), Path("g.csv"), "en")) == concepts


def test_tbx_import_errors_name_line() -> None:
    from l10n.errors import ExchangeError

    bad = (
        b'<?xml version="1.0"?>\n<martif><text><body>\n'
        b"<termEntry>\n</termEntry></body></text></martif>"
    )
    with pytest.raises(ExchangeError) as info:
        import_tbx(bad, Path("x.tbx"), "en")
    assert info.value.line == 3
    with pytest.raises(ExchangeError, match="invalid XML"):
        import_tbx(b"<martif>", Path("x.tbx"), "en")


def test_copy_of_sample_glossary_matches_repo() -> None:
    # tests/data/glossary/glossary.yml is a snapshot of the sample; both must load
    for path in (DATA / "glossary.yml", REPO / "glossary.yml"):
        assert check_glossary_bytes(path.read_bytes(), path, LANGS)[1] == []
