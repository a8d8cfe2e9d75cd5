"""The Polars plugin (``pl.col("text").nf.entities()``) against ``nf.read_texts`` on the
same texts: wall time, CPU time (all threads) and MB/s, median of --repeat runs.

The texts are article-sized variants of the sample articles (see ``bench/throughput.py``),
held in a DataFrame column. Both run the same per-document pipeline on as many threads
as Polars' pool; ``read_texts`` also builds every table and runs the corpus-level stages
(linking, co-occurrence, events, stories), which the row-by-row plugin does not.

    python bench/plugin.py [--mb 20] [--repeat 3]

Set ``POLARS_MAX_THREADS`` to change the plugin's thread count (read at import).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import polars as pl

import newsframe as nf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import variants  # noqa: E402


def median_time(fn, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of the process (all threads), in seconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20, help="corpus size in MB (default 20)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    texts, size = [], 0
    for _, t in variants():
        if size >= args.mb * 1e6:
            break
        texts.append(t)
        size += len(t.encode("utf-8"))
    df = pl.DataFrame({"text": texts})
    mb = size / 1e6
    threads = pl.thread_pool_size()
    print(f"{platform.machine()}, {os.cpu_count()} cores, polars {pl.__version__}, pool {threads} threads")
    print(f"{len(texts)} texts, {mb:.1f} MB")

    df.head(10).select(pl.col("text").nf.entities())  # load the models once
    cases = {
        "plugin select(nf.entities())": lambda: df.select(pl.col("text").nf.entities()),
        "plugin lazy streaming": lambda: df.lazy().select(pl.col("text").nf.entities()).collect(engine="streaming"),
        "plugin select(nf.clean())": lambda: df.select(pl.col("text").nf.clean()),
        f"nf.read_texts(n_threads={threads}) all tables": lambda: nf.read_texts(df["text"], n_threads=threads),
    }
    for name, fn in cases.items():
        wall, cpu = median_time(fn, args.repeat)
        # CPU seconds per wall second: how many threads did work (on a loaded machine, less).
        print(f"{name:45s} {wall:7.2f} s  {mb / wall:6.2f} MB/s  cpu {cpu:6.2f} s  {mb / cpu:6.2f} MB/cpu-s  x{cpu / wall:.2f}")


if __name__ == "__main__":
    main()
