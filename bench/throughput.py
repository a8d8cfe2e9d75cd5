"""Throughput of read + clean + segment, in MB/s, for 1 and 2 threads.

Builds a corpus of at least --mb megabytes (default 200) from varied copies of the sample
articles (sentences shuffled and numbers changed, so no two files are equal), in a temporary
directory, then times ``nf.read`` over it several times per thread count and reports the
median. The 1-thread run is the baseline of the ratio, measured in the same process.

    python bench/throughput.py [--mb 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

import newsframe as nf

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def build_corpus(out: Path, target_bytes: int, seed: int = 0) -> tuple[int, int]:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    total = 0
    n = 0
    while total < target_bytes:
        base = seeds[n % len(seeds)]
        lines = base.split("\n")
        head, body = lines[:1], lines[1:]
        rng.shuffle(body)
        text = "\n".join(head + body).replace("2018", str(1990 + n % 35)).replace("21.3", f"{n % 97}.{n % 10}")
        # ~64 KB files: the size of a long article with its page chrome.
        text = "\n".join([text] * 16)
        path = out / f"{n // 1000:04d}" / f"{n:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsframe-bench-") as tmp:
        root = Path(tmp)
        n_files, n_bytes = build_corpus(root, args.mb * 1_000_000)
        print(f"corpus: {n_files} files, {n_bytes / 1e6:.1f} MB; machine: {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} cores; newsframe {nf.__version__}")
        nf.read(root, n_threads=1)  # warm the page cache
        results = {}
        for threads in (1, 2):
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                corpus = nf.read(root, n_threads=threads)
                times.append(time.perf_counter() - t0)
                assert corpus.documents.height == n_files
            med = statistics.median(times)
            results[threads] = med
            print(f"read+clean+segment  threads={threads}  median {med:.2f} s  "
                  f"{n_bytes / 1e6 / med:7.1f} MB/s  ({', '.join(f'{t:.2f}' for t in times)})")
        print(f"speed-up 2 threads / 1 thread: {results[1] / results[2]:.2f}x")


if __name__ == "__main__":
    main()
