"""l10n performance benchmark against the reference tools (issue 8).

    python3 bench/run.py                      # 1000 articles x 3 languages, scaling 100/1000/5000
    python3 bench/run.py --articles 200 --reps 1 --scaling ""     # a quick look

Everything lives under ``bench/work/`` (ignored by git): a separate venv with
translate-toolkit and rapidfuzz (created on first use), the generated corpora
and projects. GNU gettext's ``msgmerge`` comes from the system (Debian:
``apt-get install gettext``). l10n is measured as installed for production:
``L10N_COMPILE=1 pip install .`` into ``bench/work/l10n-venv`` (rebuilt when the
repository's code changed; needs a C compiler), and the check step is also
timed with the repository's ``.venv`` (pure Python), in the same turns.
``--pure`` measures every step with the ``.venv`` instead.

Each step runs several times (fewer for slow reference steps, see
``--ref-reps``) under ``/usr/bin/time``, l10n's runs and the reference's in
turn; the table shows medians, the ratio
reference / l10n (above 1: l10n is faster) and the peak RSS of any single
process of the step. The Markdown table is printed and saved to
``bench/work/results-<N>.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
REF_VENV = WORK / "ref-venv"
L10N_VENV = WORK / "l10n-venv"
LANGS = ("de", "fr", "es")

PROJECT_TOML = """name = "bench"
source-language = "en"
languages = [{langs}]
{sections}"""

GLOSSARY = """concepts:
  - id: kpa
    preferred: {{text: Korean People's Army, type: fullForm}}
    admitted:
      - {{text: KPA, type: acronym}}
    targets:
{kpa}
  - id: kcna
    preferred: {{text: KCNA, type: acronym}}
    targets:
{same_kcna}
  - id: kim
    preferred: Kim Jong Un
    targets:
{same_kim}
"""
KPA = {
    "de": "Koreanische Volksarmee",
    "fr": "Armée populaire de Corée",
    "es": "Ejército Popular de Corea",
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def sh(cmd: list[str] | str, cwd: Path | None = None, check: bool = True) -> None:
    subprocess.run(cmd, cwd=cwd, check=check, shell=isinstance(cmd, str), stdout=subprocess.DEVNULL)


# --------------------------------------------------------------------------- setup


def ensure_ref_venv() -> Path:
    bin_dir = REF_VENV / "bin"
    if not (bin_dir / "pot2po").exists():
        log("creating the reference venv (translate-toolkit, rapidfuzz)")
        sh([sys.executable, "-m", "venv", str(REF_VENV)])
        sh([str(bin_dir / "pip"), "install", "-q", "translate-toolkit", "rapidfuzz"])
    return bin_dir


def pure_bin() -> Path:
    """The repository's own environment: an editable, pure-Python install."""
    return REPO / ".venv" / "bin" / "l10n"


def l10n_bin(args: argparse.Namespace) -> Path:
    if args.l10n:
        return Path(args.l10n)
    return pure_bin() if args.pure else L10N_VENV / "bin" / "l10n"


def _code_digest() -> str:
    """A digest of what the compiled install is built from."""
    h = hashlib.sha256()
    for f in sorted([REPO / "setup.py", REPO / "pyproject.toml", *(REPO / "l10n").rglob("*")]):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".so":
            h.update(f.relative_to(REPO).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def ensure_l10n_venv(args: argparse.Namespace) -> None:
    """The compiled install of the repository's code (``L10N_COMPILE=1``), up to date."""
    if args.l10n or args.pure:
        return
    stamp = L10N_VENV / "built-from"
    digest = _code_digest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    log("building the compiled l10n install (mypyc; a minute or two)")
    shutil.rmtree(L10N_VENV, ignore_errors=True)
    sh([sys.executable, "-m", "venv", str(L10N_VENV)])
    pip = str(L10N_VENV / "bin" / "pip")
    sh([pip, "install", "-q", "--upgrade", "pip"])
    env = {**os.environ, "L10N_COMPILE": "1"}
    subprocess.run([pip, "install", "-q", str(REPO)], check=True, env=env,
                   stdout=subprocess.DEVNULL, cwd=WORK)  # fmt: skip
    probe = "import l10n.checks.numbers as m; print(m.__file__)"
    where = subprocess.run([str(L10N_VENV / "bin" / "python"), "-c", probe], check=True,
                           capture_output=True, text=True, cwd=WORK).stdout  # fmt: skip
    if where.strip().endswith(".py"):
        raise SystemExit("the compiled install holds the Python source, not the compiled modules")
    stamp.write_text(digest)


def compile_l10n(args: argparse.Namespace) -> None:
    """Byte-compile l10n's own modules before anything is timed.

    ``pip install`` compiles an installed package's modules (the reference tools
    in their venv are compiled that way), but an editable install in an
    environment with ``PYTHONDONTWRITEBYTECODE`` set never gets its bytecode
    cached, and every command would compile l10n again: timing that would
    measure the compiler, not the tool.
    """
    for exe in {l10n_bin(args), pure_bin()}:
        py = str(exe.parent / "python")
        where = subprocess.run(
            [py, "-c", "import l10n, os; print(os.path.dirname(l10n.__file__))"],
            check=True, capture_output=True, text=True, cwd=WORK,
        ).stdout.strip()  # fmt: skip
        sh([py, "-m", "compileall", "-q", where])


def prepare(n: int, args: argparse.Namespace, ref: bool) -> Path:
    """Corpus v1/v2, the synced and translated project (base/), the reference PO files."""
    d = WORK / f"n{n}"
    py = sys.executable
    l10n = str(l10n_bin(args))
    l10n_py = str(l10n_bin(args).parent / "python")
    if not (d / "v2" / "sentences.json").exists():
        shutil.rmtree(d, ignore_errors=True)
        log(f"[n={n}] generating the corpus")
        sh([py, str(HERE / "corpus.py"), "generate", str(d / "v1"), str(n)])
        sh([py, str(HERE / "corpus.py"), "edit", str(d / "v1"), str(d / "v2"), "--percent", "5"])
    base = d / "base"
    if not (base / ".ready").exists():
        shutil.rmtree(base, ignore_errors=True)
        log(f"[n={n}] building the translated l10n project (slow, once)")
        (base / "sources").mkdir(parents=True)
        for f in (d / "v1").glob("*.txt"):
            shutil.copy2(f, base / "sources" / f.name)
        sections = "".join(f"\n[language.{lang}]\nmin-percent = 0\n" for lang in LANGS)
        (base / "l10n.toml").write_text(
            PROJECT_TOML.format(langs=", ".join(f'"{x}"' for x in LANGS), sections=sections),
            "utf-8",
        )
        (base / "glossary.yml").write_text(
            GLOSSARY.format(
                kpa="\n".join(
                    f"      {x}: {{preferred: {KPA[x]}, admitted: [KPA]}}" for x in LANGS
                ),
                same_kcna="\n".join(f"      {x}: {{preferred: KCNA}}" for x in LANGS),
                same_kim="\n".join(f"      {x}: {{preferred: Kim Jong Un}}" for x in LANGS),
            ),
            "utf-8",
        )
        sh([l10n, "-C", str(base), "sync"])
        sh([l10n_py, str(HERE / "fill.py"), "l10n", str(base / "locales"), *LANGS])
        sh([l10n, "-C", str(base), "sync"])  # refresh the fingerprint cache
        (base / ".ready").write_text("", "utf-8")
    if ref and not (d / "ref" / ".ready").exists():
        rb = ensure_ref_venv()
        r = d / "ref"
        shutil.rmtree(r, ignore_errors=True)
        r.mkdir(parents=True)
        log(f"[n={n}] building the translated reference PO files")
        sh([str(rb / "txt2po"), "--progress=none", "-P", "-x", "sentences.json",
            str(d / "v1"), str(r / "pot1")])  # fmt: skip
        sh([str(rb / "python"), str(HERE / "fill.py"), "ttk", str(r / "pot1"), str(r / "po"),
            *LANGS])  # fmt: skip
        (r / ".ready").write_text("", "utf-8")
    return d


# --------------------------------------------------------------------------- timing


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


@dataclass
class Job:
    """One command to time ``reps`` times under /usr/bin/time, each run after ``setup``.

    A run slower than ``slow`` seconds ends the repetitions (said in the note).
    """

    cmd: str
    reps: int
    setup: str | None = None
    cwd: Path | None = None
    ok_codes: tuple[int, ...] = (0,)
    slow: float = 60.0
    sample: Sample = field(default_factory=Sample)

    @property
    def done(self) -> bool:
        return len(self.sample.seconds) >= self.reps or bool(self.sample.note)

    def run_once(self) -> None:
        out = self.sample
        tf = WORK / "time.out"
        if self.setup:
            sh(self.setup, cwd=self.cwd)
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", str(tf), "sh", "-c", self.cmd],
            cwd=self.cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if proc.returncode not in self.ok_codes:
            raise SystemExit(f"failed ({proc.returncode}): {self.cmd}\n{proc.stderr[-2000:]}")
        last = tf.read_text().strip().splitlines()[-1].split()
        out.seconds.append(float(last[0]))
        out.peak_kb = max(out.peak_kb, int(last[1]))
        if out.seconds[-1] > self.slow and len(out.seconds) < self.reps:
            out.note = f"{len(out.seconds)} run(s): over {self.slow:.0f} s"


def timed(cmd: str, reps: int, setup: str | None = None, cwd: Path | None = None,
          ok_codes: tuple[int, ...] = (0,), slow: float = 60.0) -> Sample:  # fmt: skip
    """The runs of one command (see :class:`Job`)."""
    return interleaved(Job(cmd, reps, setup, cwd, ok_codes, slow))[0]


def interleaved(*jobs: Job) -> list[Sample]:
    """The runs of several commands, taken in turn (l10n, reference, l10n, ...).

    The machine's speed drifts by 10-20 % over minutes on a shared VM: runs in
    turn weigh that drift on l10n and the reference alike, where all runs of
    one followed by all runs of the other would put it into the ratio.
    """
    while not all(job.done for job in jobs):
        for job in jobs:
            if not job.done:
                job.run_once()
    return [job.sample for job in jobs]


@dataclass
class Row:
    step: str
    l10n: Sample | None
    ref_name: str
    ref: Sample | None
    target: str
    verdict: str = ""


def ratio(row: Row) -> float | None:
    if row.l10n is None or row.ref is None:
        return None
    return row.ref.median / row.l10n.median


# --------------------------------------------------------------------------- the steps


def run_main(n: int, args: argparse.Namespace) -> tuple[list[Row], dict[str, object]]:
    d = prepare(n, args, ref=True)
    rb = ensure_ref_venv()
    exe = l10n_bin(args)
    L = f"{exe} -C run"
    reps, rreps = args.reps, args.ref_reps
    rows: list[Row] = []
    if exe == pure_bin():
        how = "pure Python, editable install"
    elif exe.is_relative_to(L10N_VENV):
        how = "compiled, L10N_COMPILE=1 pip install ."
    else:
        how = "as given"
    shown = exe.relative_to(REPO).as_posix() if exe.is_relative_to(REPO) else exe.name
    extra: dict[str, object] = {"build": f"l10n: {shown} ({how})."}
    fresh_run = (
        "rm -rf run && cp -a base run && rm -f run/sources/*.txt && cp v2/*.txt run/sources/"
    )

    log(f"[n={n}] sync after the 5% edit")
    langs = " ".join(LANGS)
    ref_cmd = (
        f"{rb}/txt2po --progress=none -P -x sentences.json v2 ref/pot2 && for l in {langs}; do "
        f"{rb}/pot2po --progress=none -t ref/po/$l ref/pot2 ref/out/$l || exit 1; done"
    )
    s_sync, r_sync = interleaved(
        Job(f"{L} sync", reps, setup=fresh_run, cwd=d),
        Job(ref_cmd, rreps, setup="rm -rf ref/pot2 ref/out && mkdir -p ref/out", cwd=d),
    )
    rows.append(Row("sync after 5% edit", s_sync, "txt2po + pot2po (paragraphs)", r_sync,
                    "l10n ≥ 3× faster"))  # fmt: skip
    if args.msgmerge:
        mm = (
            f"for l in {langs}; do mkdir -p ref/mm/$l; for f in ref/po/$l/*.po; do "
            "b=$(basename $f .po); msgmerge -q --previous -o ref/mm/$l/$b.po $f ref/pot2/$b.pot "
            "|| exit 1; done; done"
        )
        r_mm = timed(mm, 1, setup="rm -rf ref/mm", cwd=d)
        rows.append(Row("sync after 5% edit", None, "msgmerge loop (paragraphs)", r_mm, "(info)"))
        extra["msgmerge_ratio"] = r_mm.median / s_sync.median

    log(f"[n={n}] no-op sync")
    s_noop = timed(f"{L} sync", reps, cwd=d)
    rows.append(Row("no-op sync", s_noop, "txt2po + pot2po again (no no-op mode)", r_sync,
                    "under 1 s"))  # fmt: skip

    log(f"[n={n}] status")
    s_stat, r_stat = interleaved(
        Job(f"{L} status", reps, cwd=d),
        Job(f"{rb}/pocount --short --no-color ref/out", rreps, cwd=d),
    )
    rows.append(Row("status", s_stat, "pocount --short", r_stat, "l10n ≥ 5× faster"))

    log(f"[n={n}] check")
    pf = "-t numbers -t endpunc -t untranslated -t isfuzzy -t acronyms"
    pofilter = f"{rb}/pofilter --progress=none {pf} ref/out ref/pf"
    pure = f"{pure_bin()} -C run"
    jobs = [
        Job(f"{L} check", reps, cwd=d, ok_codes=(0, 1), slow=30),
        Job(pofilter, rreps, setup="rm -rf ref/pf", cwd=d),
    ]
    if pure != L:  # the pure-Python build in the same turns, for comparison
        jobs.append(Job(f"{pure} check", reps, cwd=d, ok_codes=(0, 1), slow=30))
    s_check, r_check, *s_pure = interleaved(*jobs)
    rows.append(Row("check (full)", s_check, "pofilter, 5 tests", r_check, "l10n ≥ 5× faster"))
    if s_pure:
        rows.append(Row("check (full), pure-Python build", s_pure[0], "pofilter, 5 tests",
                        r_check, "(info)"))  # fmt: skip
    if args.shard:
        shards = [timed(f"{L} check --shard {k}/2", 1, cwd=d, ok_codes=(0, 1)) for k in (1, 2)]
        extra["shard"] = [s.median for s in shards]

    # The corpus is in German, French and Spanish; the sample project adds
    # Russian, Ukrainian and Korean, whose glossary matching loads the
    # morphological analysers (pymorphy3, kiwipiepy): the memory target is for
    # any step, so their peak is measured too.
    log("sample project: check")
    s_sample = timed(f"{l10n_bin(args)} -C {REPO} check -o {WORK / 'sample-check.txt'}",
                     reps, ok_codes=(0, 1))  # fmt: skip
    rows.append(Row("check, sample project (ru, uk, ko)", s_sample, "—", None,
                    "peak RSS < 500 MB"))  # fmt: skip

    log(f"[n={n}] build")
    po2txt = " ; ".join(
        f"{rb}/po2txt --progress=none -t v2 ref/out/{lang} ref/txt/{lang}" for lang in LANGS
    )
    s_build, r_build = interleaved(
        Job(f"{L} build --min-percent 0", reps, setup="rm -rf run/build", cwd=d, slow=30),
        Job(po2txt, rreps, setup="rm -rf ref/txt && mkdir -p ref/txt", cwd=d),
    )
    rows.append(Row(f"build {n * len(LANGS)} articles", s_build, "po2txt", r_build,
                    "no slower than po2txt"))  # fmt: skip

    log(f"[n={n}] segmentation")
    py = l10n_bin(args).parent / "python"
    seg = subprocess.run(
        [str(py), str(HERE / "segspeed.py"), str(d / "v1"), "--reps", str(reps)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    extra["segmentation"] = json.loads(seg.stdout)
    return rows, extra


def run_scaling(sizes: list[int], args: argparse.Namespace) -> list[tuple[int, dict[str, Sample]]]:
    out = []
    for n in sizes:
        d = prepare(n, args, ref=False)
        L = f"{l10n_bin(args)} -C run"
        fresh = (
            "rm -rf run && cp -a base run && rm -f run/sources/*.txt && cp v2/*.txt run/sources/"
        )
        log(f"[scaling n={n}]")
        res = {
            "sync after edit": timed(f"{L} sync", 1, setup=fresh, cwd=d),
            "no-op sync": timed(f"{L} sync", 1, cwd=d),
            "status": timed(f"{L} status", 1, cwd=d),
        }
        if n <= args.scaling_check_max:
            res["check"] = timed(f"{L} check", 1, cwd=d, ok_codes=(0, 1))
        out.append((n, res))
    return out


# --------------------------------------------------------------------------- report


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    except OSError:
        mem_kb = 0
    return (
        f"{os.cpu_count()} CPUs (nproc), {cpu}, {mem_kb / 1024 / 1024:.0f} GiB RAM, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def fmt_s(s: Sample | None) -> str:
    if s is None:
        return "—"
    runs = len(s.seconds)
    return f"{s.median:.2f} s" + (f" ({runs}×)" if runs != 1 else " (1×)")


Scaling = list[tuple[int, dict[str, Sample]]]


def report(n: int, rows: list[Row], extra: dict[str, object], scaling: Scaling) -> str:
    lines = [
        f"Machine: {machine()}",
        str(extra.get("build", "")),
        f"Corpus: {n} articles × about 30 sentences, languages {', '.join(LANGS)}, 5% of "
        "sentences edited. Medians; (k×) = number of runs.",
        "",
        "| step | l10n | reference | reference time | ratio ref/l10n | target "
        "| peak RSS l10n / ref |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        q = ratio(r)
        mem = " / ".join(f"{s.peak_kb / 1024:.0f} MB" if s else "—" for s in (r.l10n, r.ref))
        lines.append(
            f"| {r.step} | {fmt_s(r.l10n)} | {r.ref_name} | {fmt_s(r.ref)} | "
            f"{'—' if q is None else f'{q:.2f}×'} | {r.target} | {mem} |"
        )
    seg = extra.get("segmentation")
    if isinstance(seg, dict):
        a, b = seg["l10n"], seg["sentencex"]
        lines.append(
            f"| segmentation ({seg['mb']} MB) | {a['mb_per_s']} MB/s | sentencex alone | "
            f"{b['mb_per_s']} MB/s | {a['mb_per_s'] / b['mb_per_s']:.2f}× | ≥ 10 MB/s | — |"
        )
    if "shard" in extra:
        s1, s2 = extra["shard"]  # type: ignore[misc]
        lines += ["", f"`l10n check --shard 1/2`: {s1:.2f} s, `--shard 2/2`: {s2:.2f} s."]
    if "msgmerge_ratio" in extra:
        lines += ["", f"msgmerge loop / l10n sync: {extra['msgmerge_ratio']:.2f}×."]
    if scaling:
        steps = sorted({k for _n, res in scaling for k in res})
        lines += ["", "Scaling (l10n only, one run each):", ""]
        lines.append("| articles | " + " | ".join(steps) + " |")
        lines.append("|---|" + "---|" * len(steps))
        for size, res in scaling:
            cells = [
                f"{res[k].median:.2f} s, {res[k].peak_kb / 1024:.0f} MB" if k in res else "—"
                for k in steps
            ]
            lines.append(f"| {size} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description="l10n benchmark against translate-toolkit/gettext")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=3, help="runs of each l10n step")
    ap.add_argument("--ref-reps", type=int, default=3, help="runs of each reference step")
    ap.add_argument("--scaling", default="100,1000,5000", help="sizes for the l10n-only scaling")
    ap.add_argument("--scaling-check-max", type=int, default=1000)
    ap.add_argument("--no-msgmerge", dest="msgmerge", action="store_false")
    ap.add_argument("--no-shard", dest="shard", action="store_false")
    ap.add_argument("--l10n", help="the l10n executable (default: the compiled install)")
    ap.add_argument("--pure", action="store_true",
                    help="measure the repository's .venv (pure Python) instead")  # fmt: skip
    args = ap.parse_args()
    if not shutil.which("msgmerge") and args.msgmerge:
        raise SystemExit("msgmerge not found: apt-get install gettext (or --no-msgmerge)")
    WORK.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    ensure_l10n_venv(args)
    compile_l10n(args)
    rows, extra = run_main(args.articles, args)
    sizes = [int(x) for x in args.scaling.split(",") if x.strip()]
    scaling = run_scaling(sizes, args) if sizes else []
    text = report(args.articles, rows, extra, scaling)
    text += f"\nBenchmark wall time: {time.time() - t0:.0f} s (setup of new corpora included).\n"
    (WORK / f"results-{args.articles}.md").write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
