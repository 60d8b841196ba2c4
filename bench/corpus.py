"""Synthetic news corpus for the benchmark: generator and the 5% edit step.

Standard library only, deterministic for a given seed. Every article is a
title line followed by about 30 sentences in paragraphs of one or two
sentences, separated by blank lines (the layout ``txt2po`` reads as one unit
per paragraph). Sentences mix what trips sentence splitters in news copy:
numbers, dates, money and percentages, names with titles and initials,
abbreviations (``Gen.``, ``U.S.``, ``a.m.``, ``approx.``), straight and curly
quotes, parentheses.

Besides the ``.txt`` files the generator writes ``sentences.json`` (the
sentence list of each paragraph) so that the edit step changes an exact
share of *sentences*, independently of any splitter.

    python bench/corpus.py generate OUT N [--sentences 30] [--seed 1]
    python bench/corpus.py edit IN OUT [--percent 5] [--seed 2]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
PEOPLE = (
    "Gen. Valery Gerasimov",
    "Kim Jong Un",
    "President Vladimir Putin",
    "Dr. Anna K. Schmidt",
    "Lt. Col. James O'Neill",
    "Prof. Lee Min-ho",
    "Sen. Maria Lopez",
    "Mr. Sergei Shoigu",
    "Ms. Hye-jin Park",
    "Adm. John C. Aquilino",
)
ORGS = (
    "KCNA",
    "the Korean People's Army",
    "the KPA General Staff",
    "the U.N. Security Council",
    "NATO",
    "the U.S. State Department",
    "the Ministry of Defence",
    "Yonhap",
    "the E.U. delegation",
    "the IAEA",
)
PLACES = (
    "Kursk Oblast",
    "Pyongyang",
    "Seoul",
    "Washington, D.C.",
    "St. Petersburg",
    "Vladivostok",
    "the Korean Peninsula",
    "Mt. Paektu",
    "Sudzha",
    "Geneva",
)
SAID = ("said", "told reporters", "wrote", "confirmed", "insisted", "added")
THINGS = (
    "soldiers",
    "artillery shells",
    "drones",
    "delegates",
    "families",
    "villages",
    "ballistic missiles",
    "rail cars",
    "tonnes of grain",
    "engineers",
)
DONE = ("deployed", "withdrawn", "counted", "honoured", "inspected", "shipped", "evacuated")
ADJ = ("new", "joint", "unprecedented", "secret", "annual", "bilateral", "revised", "formal")
NOUN = ("agreement", "exercise", "ceremony", "report", "treaty", "investigation", "summit", "plan")
QUOTES = (
    "We will never forget their courage",
    "This is a historic day for both our nations",
    "The figures speak for themselves",
    "Nobody expected it to happen so fast",
    "Our position has not changed",
    "It was a mistake, and we said so at the time",
)
CLAUSES = (
    "the talks would resume after the holiday",
    "the border crossing had been closed since the spring",
    "the decree was signed without a public debate",
    "the convoy reached its destination two days late",
    "no foreign observers were allowed to attend",
    "the figures could not be independently verified",
    "the ceremony was broadcast on state television",
    "the shipments continued despite the sanctions",
)


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, items: tuple[str, ...]) -> str:
        return self.r.choice(items)

    def date(self) -> str:
        return f"{self.pick(MONTHS)} {self.r.randint(1, 28)}"

    def year(self) -> str:
        return str(self.r.randint(1950, 2025))

    def num(self) -> str:
        n = self.r.choice(
            (self.r.randint(2, 99), self.r.randint(100, 9999), self.r.randint(10_000, 2_000_000))
        )
        return f"{n:,}"

    def sentence(self) -> str:
        k = self.r.randrange(10)
        p, o, pl = self.pick(PEOPLE), self.pick(ORGS), self.pick(PLACES)
        if k == 0:
            s = f"{p} {self.pick(SAID)} on {self.date()} that {self.pick(CLAUSES)}."
        elif k == 1:
            s = f"“{self.pick(QUOTES)},” {p} told {o} in {pl}."
        elif k == 2:
            s = (
                f"{o[0].upper() + o[1:]} reported that {self.num()} {self.pick(THINGS)} "
                f"were {self.pick(DONE)} near {pl} between {self.date()} and {self.date()}, "
                f"{self.year()}."
            )
        elif k == 3:
            s = (
                f"The {self.pick(ADJ)} {self.pick(NOUN)} cost about "
                f"${self.r.randint(2, 950)}.{self.r.randint(1, 9)} million, or "
                f"{self.r.randint(1, 99)}.{self.r.randint(0, 9)}% of the {self.year()} "
                f"budget, according to {o}."
            )
        elif k == 4:
            s = (
                f"At {self.r.randint(1, 11)}:{self.r.randint(0, 59):02d} a.m. local time, "
                f"{self.num()} {self.pick(THINGS)} had been {self.pick(DONE)} in {pl}, "
                f"{p} {self.pick(SAID)}."
            )
        elif k == 5:
            s = (
                f"In {self.year()}, {o} {self.pick(DONE)} {self.num()} {self.pick(THINGS)} "
                f"(approx. {self.r.randint(5, 900)} km from {pl})."
            )
        elif k == 6:
            s = f"‘{self.pick(QUOTES)}.’ That was how {p} described the {self.pick(NOUN)}."
        elif k == 7:
            s = (
                f"According to {o}, {self.pick(CLAUSES)}, and {self.num()} "
                f"{self.pick(THINGS)} were affected."
            )
        elif k == 8:
            s = f'"{self.pick(QUOTES)}," {p} said, adding that {self.pick(CLAUSES)}.'
        else:
            s = (
                f"On {self.date()} the {self.pick(ADJ)} {self.pick(NOUN)} "
                f"no. {self.r.randint(10, 9999)} was presented to {o} by {p}, "
                f"who {self.pick(SAID)} it was {self.pick(ADJ)}."
            )
        if self.r.random() < 0.5 and s.endswith(".") and not s.endswith(".”"):
            # a second clause, as in most wire copy
            s = s[:-1] + f", while {self.pick(CLAUSES)} in {self.pick(PLACES)}."
        return s

    def article(self, index: int, sentences: int) -> tuple[str, list[list[str]]]:
        org = self.pick(ORGS)
        title = (
            f"{org[0].upper()}{org[1:]} and the {self.pick(NOUN)} in {self.pick(PLACES)} ({index})"
        )
        sents = [self.sentence() for _ in range(sentences)]
        paras: list[list[str]] = [[title]]
        i = 0
        while i < len(sents):
            step = 1 if self.r.random() < 0.6 else 2
            paras.append(sents[i : i + step])
            i += step
        return title, paras


def render(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras) + "\n"


def generate(out: Path, n: int, sentences: int, seed: int) -> None:
    g = Gen(seed)
    out.mkdir(parents=True, exist_ok=True)
    index: dict[str, list[list[str]]] = {}
    for i in range(n):
        _title, paras = g.article(i, sentences)
        name = f"a{i:05d}"
        (out / f"{name}.txt").write_text(render(paras), encoding="utf-8")
        index[name] = paras
    (out / "sentences.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


_NUMBER = re.compile(r"\d[\d,]*")


def edit_sentence(s: str, r: random.Random) -> str:
    """A small, realistic copy edit: a corrected number, a word, an added attribution."""
    k = r.randrange(3)
    nums = list(_NUMBER.finditer(s))
    if k == 0 and nums:
        m = r.choice(nums)
        return s[: m.start()] + str(r.randint(2, 99_999)) + s[m.end() :]
    if k == 1 and " the " in s:
        return s.replace(" the ", " this ", 1)
    end = len(s.rstrip('.”’"')) if s[-1] in '.”’"' else len(s)
    return s[:end] + ", officials said" + s[end:]


def edit(src: Path, out: Path, percent: float, seed: int) -> tuple[int, int]:
    r = random.Random(seed)
    index: dict[str, list[list[str]]] = json.loads((src / "sentences.json").read_text("utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    total = changed = 0
    for name, paras in index.items():
        new = []
        for p in paras:
            q = []
            for s in p:
                total += 1
                if r.random() < percent / 100:
                    s = edit_sentence(s, r)
                    changed += 1
                q.append(s)
            new.append(q)
        index[name] = new
        (out / f"{name}.txt").write_text(render(new), encoding="utf-8")
    (out / "sentences.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return changed, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("out", type=Path)
    g.add_argument("n", type=int)
    g.add_argument("--sentences", type=int, default=30)
    g.add_argument("--seed", type=int, default=1)
    e = sub.add_parser("edit")
    e.add_argument("src", type=Path)
    e.add_argument("out", type=Path)
    e.add_argument("--percent", type=float, default=5.0)
    e.add_argument("--seed", type=int, default=2)
    a = ap.parse_args()
    if a.cmd == "generate":
        generate(a.out, a.n, a.sentences, a.seed)
    else:
        changed, total = edit(a.src, a.out, a.percent, a.seed)
        print(f"edited {changed} of {total} sentences ({100 * changed / total:.1f}%)")


if __name__ == "__main__":
    main()
