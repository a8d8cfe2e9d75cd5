"""Scale benchmark: peak memory and throughput of ``nf.write_parquet`` on a synthetic
corpus of N GB (news-like articles from ``bench/synthetic.py``, deterministic seed).

    python bench/scale.py --gb 1                 # corpus tables too (the default)
    python bench/scale.py --gb 5 --no-corpus-tables
    python bench/scale.py --gb 1 --model default --batch-size 2000
    python bench/scale.py --corpus DIR --dir WORK   # a corpus built before (--keep), as is

The corpus is written as JSONL files of ~64 MB in a temporary directory (removed at the
end unless --keep), then processed by a child process whose peak RSS (ru_maxrss of the
child) is reported with the input MB/s, and per phase: the per-batch stage
(``batches_s``, ``batches_peak_rss_mb``) and the corpus-level stage (``corpus_stage_s``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import Generator  # noqa: E402

CHILD = r"""
import json, resource, sys, time
import newsframe as nf
import newsframe._stream as stream
args = json.loads(sys.argv[1])
phases = {}
finalize = stream._finalize
def timed(*a, **k):
    # The per-batch stage ends here: its time and the peak RSS so far, then the corpus stage.
    phases["batches_s"] = time.perf_counter() - t
    phases["batches_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t2 = time.perf_counter()
    finalize(*a, **k)
    phases["corpus_stage_s"] = time.perf_counter() - t2
stream._finalize = timed
t = time.perf_counter()
parts = nf.write_parquet(args["corpus"], args["out"], batch_size=args["batch_size"], progress=args["progress"],
                         model=args["model"], n_threads=args["threads"], corpus_tables=args["corpus_tables"])
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, **phases}))
"""


def build_corpus(directory: Path, gb: float, seed: int) -> tuple[int, int]:
    """Writes ~gb GB of JSONL articles; returns (bytes, articles)."""
    target = int(gb * 1e9)
    gen = Generator(seed)
    size, n, f, file_size, k = 0, 0, None, 0, 0
    while size < target:
        if f is None or file_size > 64_000_000:
            if f:
                f.close()
            f = open(directory / f"part-{k:04d}.jsonl", "w", encoding="utf-8")
            k, file_size = k + 1, 0
        line = json.dumps(gen.article(n), ensure_ascii=False) + "\n"
        f.write(line)
        b = len(line.encode("utf-8"))
        size, file_size, n = size + b, file_size + b, n + 1
    if f:
        f.close()
    return size, n


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gb", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=1000)
    p.add_argument("--model", default="none", help="'none' (rules and knowledge base) or 'default'")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--no-corpus-tables", action="store_true", help="per-document tables only")
    p.add_argument("--dir", default=None, help="where to put the corpus and the output (default: a temp dir)")
    p.add_argument("--corpus", default=None, help="use this directory of JSONL files instead of building one")
    p.add_argument("--keep", action="store_true")
    p.add_argument("--progress", action="store_true")
    a = p.parse_args()
    work = Path(a.dir or tempfile.mkdtemp(prefix="nf-scale-"))
    corpus, out = work / "corpus", work / "out"
    shutil.rmtree(out, ignore_errors=True)  # never resume an earlier run
    t = time.perf_counter()
    if a.corpus:
        corpus = Path(a.corpus)
        files = sorted(corpus.glob("*.jsonl"))
        size = sum(f.stat().st_size for f in files)
        n = sum(sum(1 for _ in open(f, "rb")) for f in files)
    else:
        corpus.mkdir(parents=True, exist_ok=True)
        size, n = build_corpus(corpus, a.gb, a.seed)
    print(f"corpus: {n} articles, {size / 1e6:.0f} MB in {time.perf_counter() - t:.0f} s ({corpus})", flush=True)
    args = {"corpus": str(corpus), "out": str(out), "batch_size": a.batch_size, "progress": a.progress,
            "model": None if a.model == "none" else a.model, "threads": a.threads,
            "corpus_tables": not a.no_corpus_tables}
    r = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"child failed: {r.stderr[-3000:]}")
    res = json.loads(r.stdout.strip().splitlines()[-1])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rss_mb = max(res["maxrss_kb"], children) / 1024
    print(json.dumps({
        "gb": round(size / 1e9, 2), "articles": n, "input_mb": round(size / 1e6), "model": a.model, "batch_size": a.batch_size,
        "corpus_tables": not a.no_corpus_tables, "seconds": round(res["seconds"], 1),
        "mb_per_s": round(size / 1e6 / res["seconds"], 2), "peak_rss_mb": round(rss_mb),
        "output_mb": round(sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e6),
        **{k: round(v, 1) for k, v in res.items() if k.endswith("_s")},
        **({"batches_peak_rss_mb": round(res["batches_maxrss_kb"] / 1024)} if "batches_maxrss_kb" in res else {}),
    }), flush=True)
    if not a.keep:
        shutil.rmtree(out if a.corpus else work, ignore_errors=True)  # a given corpus stays


if __name__ == "__main__":
    main()
