"""One thread against two on real news text, the runs alternated in one process.

On a machine shared with other jobs the load moves between ``bench/compare.py``'s one-thread
and two-thread rows, which it times one after the other; here each one-thread run is
followed by a two-thread run, so both meet the same load, and each pair gives a ratio.
The corpus is ``bench/compare.py``'s default (CoNLL-2003 train and dev as running text);
one untimed call per thread count first (models, and every thread's caches), so the timed
runs are warm. Prints the load average before and after: above about 1 on this 2-core
machine, the two-thread figure says more about the other jobs than about newsframe.

    python bench/threads.py [--pairs 7] [--train-dir ../shared/train]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402

import newsframe as nf  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=7, help="timed pairs of runs (default 7)")
    ap.add_argument("--train-dir", type=Path, default=HERE.parent.parent / "shared" / "train")
    args = ap.parse_args()
    docs = compare.corpus("real", 100.0, args.train_dir)
    mb = sum(len(t.encode()) for t in docs) / 1e6
    for threads in (1, 2):
        nf.read_texts(docs, n_threads=threads)
    wall: dict[int, list[float]] = {1: [], 2: []}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    before = os.getloadavg()[0]
    for _ in range(args.pairs):
        for threads in (1, 2):
            w, c = time.perf_counter(), time.process_time()
            nf.read_texts(docs, n_threads=threads)
            wall[threads].append(time.perf_counter() - w)
            cpu[threads].append(time.process_time() - c)
    after = os.getloadavg()[0]
    w1, w2 = statistics.median(wall[1]), statistics.median(wall[2])
    print(f"{len(docs)} documents, {mb:.2f} MB; load average {before:.1f} before, {after:.1f} after")
    for threads, w in ((1, w1), (2, w2)):
        print(f"  {threads} thread(s): median wall {w:.3f} s ({mb / w:.2f} MB/s), "
              f"median CPU {statistics.median(cpu[threads]):.3f} s")
    print(f"  scaling (median wall 1 / 2): {w1 / w2:.2f}x; per pair: "
          + " ".join(f"{a / b:.2f}" for a, b in zip(wall[1], wall[2])))


if __name__ == "__main__":
    main()
