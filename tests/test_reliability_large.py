"""Very large input: bounded memory and time, or a clear refusal; never a hang.

Every case runs the real ``l10n`` program in a child process with a timeout;
peak memory is the child's ``ru_maxrss`` (``RUSAGE_CHILDREN``, measured around
one child at a time in a fresh helper process so earlier children do not count).
Files are generated in tmp at test time.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from l10n.articles import MAX_SOURCE_BYTES
from l10n.catalog.decode import MAX_BYTES

DATA = Path(__file__).parent / "data"
MIB = 1024 * 1024

# Runs one command and reports its exit code, stderr, wall time and peak RSS.
_MEASURE = textwrap.dedent(
    """
    import json, resource, subprocess, sys, time
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(
            sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1])
        )
        code, err = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        code, err = None, "timeout"
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"code": code, "stderr": err[-2000:], "seconds": time.perf_counter() - t0,
                      "rss": rss}))
    """
)


def measure(args: list[str], timeout: float) -> dict[str, object]:
    exe = Path(sys.executable).with_name("l10n")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "l10n"]
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(timeout), *cmd, *args],
        capture_output=True,
        text=True,
        timeout=timeout + 30,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    assert result["code"] is not None, f"l10n {args} did not finish in {timeout} s"
    return result


def _big_po(path: Path, size: int) -> int:
    rng = random.Random(5)
    words = ["the", "army", "leader", "said", "that", "forces", "would", "meet", "again"]
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        fh.write(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        )
        written = 0
        while written < size:
            s = " ".join(rng.choices(words, k=25))
            entry = f'#: a.txt:{n}\nmsgid "{n} {s}"\nmsgstr "{n} {s.upper()}"\n\n'
            fh.write(entry)
            written += len(entry)
            n += 1
    return n


@pytest.mark.slow
def test_50_mb_po_file_in_bounded_memory_and_time(tmp_path: Path) -> None:
    po = tmp_path / "big.po"
    entries = _big_po(po, 50 * MIB)
    res = measure(["status", "--format", "json", str(po)], timeout=60)
    assert res["code"] == 0, res["stderr"]
    assert isinstance(res["rss"], int) and res["rss"] < 1200 * MIB, res
    assert isinstance(res["seconds"], float) and res["seconds"] < 60
    assert entries > 100_000


def test_po_file_over_the_limit_is_refused_at_once(tmp_path: Path) -> None:
    po = tmp_path / "huge.po"
    with po.open("wb") as fh:  # sparse: no need to write the bytes
        fh.truncate(MAX_BYTES + 1)
    res = measure(["status", str(po)], timeout=30)
    assert res["code"] == 2
    assert "too large" in str(res["stderr"]) and "huge.po" in str(res["stderr"])
    assert isinstance(res["rss"], int) and res["rss"] < 300 * MIB


def test_10_mb_single_line_po(tmp_path: Path) -> None:
    po = tmp_path / "line.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "x"\nmsgstr "' + "word " * (2 * MIB) + '"\n',
        encoding="utf-8",
    )
    res = measure(["status", str(po)], timeout=60)
    assert res["code"] == 0, res["stderr"]
    assert isinstance(res["rss"], int) and res["rss"] < 600 * MIB, res


def test_10_mb_single_line_po_inside_a_project_is_written_back(tmp_path: Path) -> None:
    """sync on a project whose catalog holds a 10 MB line keeps it byte for byte."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    assert measure(["-C", str(root), "sync", "-l", "ru"], timeout=60)["code"] == 0
    po = root / "locales" / "ru" / "kpa-kursk.po"
    huge = "x " * (5 * MIB)
    text = po.read_text(encoding="utf-8").replace('msgstr ""', f'msgstr "{huge}"', 1)
    po.write_text(text, encoding="utf-8")
    src = root / "sources" / "kpa-kursk.txt"
    src.write_text(src.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    res = measure(["-C", str(root), "sync", "-l", "ru"], timeout=60)
    assert res["code"] == 0, res["stderr"]
    assert huge in po.read_text(encoding="utf-8")
    assert "One more sentence." in po.read_text(encoding="utf-8")
    assert isinstance(res["rss"], int) and res["rss"] < 600 * MIB, res


def test_10_mb_single_line_article_is_refused_with_its_limit(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    (root / "sources" / "huge.txt").write_text(
        "Word and more words. " * (10 * MIB // 21) + "\n", encoding="utf-8"
    )
    res = measure(["-C", str(root), "sync"], timeout=60)
    assert res["code"] == 2
    err = str(res["stderr"])
    assert "sources/huge.txt" in err and f"the limit is {MAX_SOURCE_BYTES} bytes" in err
    assert isinstance(res["seconds"], float) and res["seconds"] < 30
    assert not (root / "locales").exists()


@pytest.mark.slow
def test_largest_allowed_single_line_article_syncs(tmp_path: Path) -> None:
    """Just under the limit, one line of distinct sentences: bounded time and memory."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "project", root)
    parts: list[str] = []
    size = 0
    i = 0
    while size < MAX_SOURCE_BYTES - 200:
        s = f"Sentence number {i} is here. "
        parts.append(s)
        size += len(s)
        i += 1
    (root / "sources" / "long.txt").write_text("".join(parts).rstrip() + "\n", encoding="utf-8")
    res = measure(["-C", str(root), "sync", "-l", "ru"], timeout=120)
    assert res["code"] == 0, res["stderr"]
    assert isinstance(res["rss"], int) and res["rss"] < 1000 * MIB, res
