"""SIGKILL at any moment of sync, translate, review and import; concurrent runs.

Each command runs as a real child process (forked from the test process, so
it starts in milliseconds and a kill can land anywhere in its run, including
inside a write) on a copy of a larger project, and is killed with SIGKILL
after a random delay. Afterwards every file must be either as it was before or
exactly as a complete run leaves it, every PO file must read, and running the
command again must reach exactly the complete run's result (temporary files of
the killed run do not disturb it).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from libre_server import LibreServer, pseudo_translate
from lxml import etree

from l10n.catalog import Catalog
from l10n.config import load_config
from l10n.fsutil import LOCK_NAME, TEMP_SUFFIX
from l10n.sync import sync_project

DATA = Path(__file__).parent / "data"
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


# -- a larger project, snapshots, killable runs ------------------------------------
def build_project(dest: Path, articles: int = 16, seed: int = 7) -> Path:
    """tests/data/project plus ``articles`` generated plain-text articles."""
    shutil.copytree(DATA / "project", dest)
    text = (dest / "sources" / "kpa-kursk.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    batch = dest / "sources" / "batch"
    batch.mkdir()
    for i in range(articles):
        paras = rng.sample(paragraphs, k=min(6, len(paragraphs)))
        paras.insert(0, f"Article number {i} of the batch.")
        (batch / f"a{i:02d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return dest


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the project except the lock and caches, by relative path."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        temp = path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)
        if path.is_file() and rel != LOCK_NAME and not rel.startswith(".l10n-cache") and not temp:
            out[rel] = path.read_bytes()
    return out


@dataclass(frozen=True)
class Outcome:
    killed: bool
    code: int
    seconds: float


def run_forked(root: Path, args: list[str], kill_after: float | None = None) -> Outcome:
    """Run ``l10n -C root ARGS`` in a forked child; SIGKILL it after ``kill_after`` s.

    ``{root}`` in an argument stands for the project folder.
    """
    from l10n.cli import cli

    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            argv = ["-C", str(root), *(a.replace("{root}", str(root)) for a in args)]
            cli.main(args=argv, prog_name="l10n", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    seconds = time.perf_counter() - t0
    if os.WIFSIGNALED(status):
        return Outcome(True, -os.WTERMSIG(status), seconds)
    return Outcome(False, os.WEXITSTATUS(status), seconds)


def check_before_or_after(
    root: Path, before: dict[str, bytes], after: dict[str, bytes]
) -> tuple[int, int]:
    """Every file holds its before or its after bytes; every PO file reads.

    Returns (files already in their after state, files still before) among
    the files the command changes, to see where the kill landed.
    """
    now = snapshot(root)
    done = pending = 0
    for rel in sorted(set(before) | set(after) | set(now)):
        got, old, new = now.get(rel), before.get(rel), after.get(rel)
        assert got in (old, new), f"{rel} is neither as it was nor as it should be"
        if old != new:
            done += got == new
            pending += got == old
        if got is not None and rel.endswith((".po", ".pot")):
            Catalog.read(root / rel)
    return done, pending


# -- the four commands -------------------------------------------------------------
def _fill_ru(root: Path) -> None:
    for path in sorted((root / "locales" / "ru").rglob("*.po")):
        cat = Catalog.read(path)
        cat.entries = [
            e.__class__(**{**e.__dict__, "msgstr": "[ru] " + e.msgid}) if not e.obsolete else e
            for e in cat.entries
        ]
        cat.write()


def _edit_sources(root: Path) -> None:
    for path in sorted((root / "sources").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(".\n", ". It was edited.\n", 1), encoding="utf-8")


def _xliff_with_targets(root: Path) -> None:
    from click.testing import CliRunner

    from l10n.cli import cli

    out = root / "ru.xlf"
    res = CliRunner().invoke(cli, ["-C", str(root), "export", "xliff", "-l", "ru", "-o", str(out)])
    assert res.exit_code == 0, res.output
    tree = etree.parse(str(out))
    for seg in tree.iter(f"{{{XLIFF_NS}}}segment"):
        source = seg.find(f"{{{XLIFF_NS}}}source")
        target = etree.SubElement(seg, f"{{{XLIFF_NS}}}target")
        target.text = "[ru-xliff] " + "".join(source.itertext())
        seg.set("state", "translated")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path], None]
    args: list[str]


SCENARIOS = {
    "sync": Scenario("sync", _edit_sources, ["sync"]),
    "translate": Scenario("translate", lambda root: None, ["translate", "-l", "ru", "--no-memory"]),
    "review": Scenario(
        "review", _fill_ru, ["review", "approve", "ru", "--all-translated", "--by", "Tess Ter"]
    ),
    "import": Scenario("import", _xliff_with_targets, ["import", "xliff", "{root}/ru.xlf"]),
}


@pytest.fixture(scope="module")
def server() -> Iterator[LibreServer]:
    with LibreServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, server: LibreServer) -> Path:
    """The larger project, synced, with a local machine-translation server."""
    root = build_project(tmp_path_factory.mktemp("base") / "project")
    toml = root / "l10n.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            "[language.ru]", f'[mt]\nprovider = "libre"\nurl = "{server.url}"\n\n[language.ru]'
        ),
        encoding="utf-8",
    )
    sync_project(load_config(root))
    return root


KILLS = int(os.environ.get("L10N_KILL_RUNS", "10"))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(SCENARIOS))
def test_sigkill_leaves_every_file_before_or_after(name: str, base: Path, tmp_path: Path) -> None:
    scenario = SCENARIOS[name]
    start = tmp_path / "start"
    shutil.copytree(base, start)
    scenario.prepare(start)
    before = snapshot(start)

    ref = tmp_path / "ref"
    shutil.copytree(start, ref)
    t_start = time.time()
    full = run_forked(ref, scenario.args)
    assert full.code == 0, f"{name} failed without a kill"
    after = snapshot(ref)
    changed = [k for k in after if before.get(k) != after[k]]
    assert len(changed) >= 5, f"{name} should change many files: {changed}"
    # When the complete run wrote its first and its last file.
    stamps = sorted((ref / k).stat().st_mtime - t_start for k in changed)
    first, last = max(stamps[0], 0.0), max(stamps[-1], 0.0)

    rng = random.Random(f"{name}-kill")
    landed_inside = 0
    runs = 0
    # KILLS runs at least; when none of them landed inside the writing stretch
    # (a fast run leaves a narrow one, and start-up time varies), keep going.
    for i in range(KILLS * 4):
        if i >= KILLS and landed_inside:
            break
        runs += 1
        work = tmp_path / f"run{i}"
        shutil.copytree(start, work)
        # Odd runs: anywhere in the run (and a little past its end); even runs:
        # inside the stretch where the complete run was writing files.
        low, high = (0.0, full.seconds * 1.1) if i % 2 else (first, last + 0.01)
        delay = rng.uniform(low, high)
        outcome = run_forked(work, scenario.args, kill_after=delay)
        done, pending = check_before_or_after(work, before, after)
        # Mid-write: some files renamed into place and others not yet, or the
        # batch still staging its temporary files (nothing renamed yet).
        staging = bool(list(work.rglob(f"*{TEMP_SUFFIX}")))
        if outcome.killed and ((done and pending) or staging):
            landed_inside += 1
        if i % 3 == 0 or i == KILLS - 1:
            # The next run finishes the job, whatever the killed one left behind.
            again = run_forked(work, scenario.args)
            assert again.code == 0, f"{name} fails after a killed run (delay {delay:.3f} s)"
            assert snapshot(work) == after
            assert not [p for p in work.rglob(f"*{TEMP_SUFFIX}")], "temporary files left"
        shutil.rmtree(work)
    print(name, "kills landing between first and last write:", landed_inside, "of", runs)
    assert landed_inside >= 1, "no kill landed while files were being written"


@pytest.mark.slow
def test_sigkill_of_the_real_executable_during_sync(base: Path, tmp_path: Path) -> None:
    """The installed ``l10n`` program itself, killed near the end of its run."""
    exe = Path(sys.executable).with_name("l10n")
    if not exe.exists():
        pytest.skip("the l10n executable is not installed next to this Python")
    start = tmp_path / "start"
    shutil.copytree(base, start)
    _edit_sources(start)
    before = snapshot(start)
    ref = tmp_path / "ref"
    shutil.copytree(start, ref)
    t0 = time.perf_counter()
    subprocess.run([str(exe), "-C", str(ref), "sync"], check=True, capture_output=True)
    total = time.perf_counter() - t0
    after = snapshot(ref)
    rng = random.Random(3)
    for i in range(2):
        work = tmp_path / f"run{i}"
        shutil.copytree(start, work)
        proc = subprocess.Popen(
            [str(exe), "-C", str(work), "sync"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(total * 0.6, total * 1.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        check_before_or_after(work, before, after)
        subprocess.run([str(exe), "-C", str(work), "sync"], check=True, capture_output=True)
        assert snapshot(work) == after


# -- two processes at once ---------------------------------------------------------
def test_concurrent_translate_and_sync_lose_no_update(tmp_path: Path) -> None:
    """sync started while a slow translate holds the lock: both results survive."""
    import l10n.fsutil

    def slow(text: str, source: str, target: str) -> str:
        time.sleep(0.02)
        return pseudo_translate(text, source, target)

    root = build_project(tmp_path / "project", articles=6)
    with LibreServer(slow) as srv:
        toml = root / "l10n.toml"
        toml.write_text(
            toml.read_text(encoding="utf-8").replace(
                "[language.ru]", f'[mt]\nprovider = "libre"\nurl = "{srv.url}"\n\n[language.ru]'
            ),
            encoding="utf-8",
        )
        sync_project(load_config(root))
        _edit_sources(root)
        results: dict[str, Outcome] = {}

        def go(name: str, args: list[str]) -> None:
            results[name] = run_forked(root, args)

        translate = ["translate", "-l", "ru", "--no-memory"]
        t = threading.Thread(target=go, args=("translate", translate))
        t.start()
        # Wait until translate holds the lock, then sync (which waits up to 10 s).
        deadline = time.time() + 10
        while not srv.seen and time.time() < deadline:
            time.sleep(0.01)
        assert srv.seen, "translate never reached the server"
        go("sync", ["sync"])
        t.join(30)
    assert results["translate"].code == 0
    assert results["sync"].code in (0, 2)
    ru = sorted((root / "locales" / "ru").rglob("*.po"))
    translated = sum(1 for p in ru for e in Catalog.read(p).entries if e.msgstr and not e.obsolete)
    assert translated > 20, "the machine translations were lost"
    if results["sync"].code == 0:
        # sync ran after translate and kept its work: the edited sentences are in.
        texts = [e.msgid for p in ru for e in Catalog.read(p).entries if not e.obsolete]
        assert any("It was edited." in t for t in texts)
    assert l10n.fsutil is not None
