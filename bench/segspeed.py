"""Segmentation throughput on a corpus folder: l10n's segmenter against sentencex alone.

    .venv/bin/python bench/segspeed.py CORPUS_DIR [--reps 3]

Prints one JSON object: MB of UTF-8 text, median seconds and MB/s for each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()

    import sentencex

    from l10n.model import SourceFormat
    from l10n.segmentation import segment

    texts = [p.read_text("utf-8") for p in sorted(a.corpus.glob("*.txt"))]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    segment(texts[0], SourceFormat.TEXT, "en")  # load rules outside the timing

    def l10n_run() -> int:
        return sum(len(segment(t, SourceFormat.TEXT, "en")) for t in texts)

    def sentencex_run() -> int:
        return sum(len(list(sentencex.segment("en", t))) for t in texts)

    out: dict[str, object] = {"mb": round(mb, 2), "articles": len(texts)}
    for name, fn in (("l10n", l10n_run), ("sentencex", sentencex_run)):
        times = []
        count = 0
        for _ in range(a.reps):
            t0 = time.perf_counter()
            count = fn()
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        out[name] = {"seconds": round(med, 3), "mb_per_s": round(mb / med, 1), "segments": count}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
