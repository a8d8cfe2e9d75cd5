"""Profiles ``nf.read_texts`` (the whole pipeline) on real news text: CoNLL-2003 train and dev
printed as running text (``bench/compare.py``'s default corpus, 1133 documents, 1.34 MB).

The corpus is read and the models loaded (a warm-up call on 20 documents) before anything
is measured, so the figures are those of the pipeline alone. Each run prints its wall and
CPU time; with ``--stat`` or ``--record``, ``perf`` is attached to this process for the
timed runs only.

    # CPU time and wall time per run
    python bench/profile_run.py run --repeat 3 [--threads 1]
    # instructions of one run, counted by valgrind (this VM's perf has no hardware counters,
    # so ``perf stat -e instructions:u`` reports "not supported"): the measure to compare
    # builds on a shared machine, where wall and CPU time are noise
    python bench/profile_run.py count [--repeat 1]
    # task-clock of the timed runs
    python bench/profile_run.py run --repeat 3 --stat perf.stat.txt
    # sampled call graphs, then the per-function inclusive shares
    python bench/profile_run.py run --repeat 2 --record perf.data
    perf report -i perf.data --no-children --percent-limit 0.5 --stdio   # self
    perf report -i perf.data --children --percent-limit 2 --stdio -g none # inclusive
    python bench/profile_run.py report perf.data   # the same shares, processing threads only,
                                                   # then the events' and stories' shares
    # every output table of the real corpus at 1 and 2 threads, for
    # ``python bench/same_output.py compare BEFORE AFTER``
    python bench/profile_run.py dump OUT_DIR

The ``perf record`` command is ``perf record -F 499 --call-graph dwarf,16384 -p PID``:
DWARF unwinding because the release build keeps no frame pointers (it needs
``debug = "line-tables-only"`` or more in the release profile for function names inside
inlined code; symbols alone give the function shares).
"""

# Named profile_run, not profile: bench/ is put on sys.path by the eval scripts, and a
# bench/profile.py would shadow the standard library module that cProfile and spaCy import.

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import compare  # noqa: E402

import newsframe as nf  # noqa: E402

TABLES = ["documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories"]


def texts(train_dir: Path) -> list[str]:
    """The real-text corpus of ``bench/compare.py``."""
    return compare.corpus("real", 100.0, train_dir)


def attach(cmd: list[str]) -> subprocess.Popen:
    """Starts a ``perf`` command on this process and gives it time to attach."""
    p = subprocess.Popen(cmd + ["-p", str(os.getpid())], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return p


def run(args: argparse.Namespace) -> None:
    docs = texts(args.train_dir)
    mb = sum(len(t.encode()) for t in docs) / 1e6
    print(f"{len(docs)} documents, {mb:.2f} MB, {args.threads} thread(s)", flush=True)
    nf.read_texts(docs[:20], n_threads=args.threads)  # models load outside the measure
    perf = None
    if args.record:
        perf = attach(["perf", "record", "-e", "cpu-clock", "-F", "499", "--call-graph", "dwarf,16384",
                       "-o", str(args.record)])
    elif args.stat:
        perf = attach(["perf", "stat", "-e", "task-clock,instructions:u", "-o", str(args.stat)])
    walls, cpus = [], []
    for _ in range(args.repeat):
        w, c = time.perf_counter(), time.process_time()
        nf.read_texts(docs, n_threads=args.threads)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
        print(f"wall {walls[-1]:.3f}s cpu {cpus[-1]:.3f}s ({mb / walls[-1]:.2f} MB/s wall)", flush=True)
    if perf:
        perf.send_signal(signal.SIGINT)
        perf.wait()
    if not walls:
        return
    walls.sort()
    cpus.sort()
    print(f"median wall {walls[len(walls) // 2]:.3f}s, median cpu {cpus[len(cpus) // 2]:.3f}s, "
          f"{mb / walls[len(walls) // 2]:.2f} MB/s")
    if args.stat:
        print(Path(args.stat).read_text())


# Code of events and of stories, as symbol substrings (the yearless dates are a stories feature).
PARTS = {
    "events": ("newsframe::relate::events", "newsframe::features::events"),
    "stories": ("newsframe::dedup", "newsframe::features::stories", "DocView>::signature", "newsframe::corpus::Members",
                "newsframe::frame::stories", "newsframe::frame::story_table"),
}


def stacks(data: Path) -> list[list[str]]:
    """The sampled call stacks of a ``perf record`` file, innermost frame first."""
    out = subprocess.run(["perf", "script", "-i", str(data), "-F", "ip,sym"], capture_output=True, text=True,
                         check=True).stdout
    result, cur = [], []
    for line in out.splitlines():
        line = line.strip()
        if not line:
            if cur:
                result.append(cur)
            cur = []
            continue
        parts = line.split(None, 1)
        sym = parts[1] if len(parts) > 1 else "?"
        cur.append(sym.split("+0x")[0])
    if cur:
        result.append(cur)
    return result


def report(args: argparse.Namespace) -> None:
    """Inclusive and self shares of the samples in the processing threads (stacks through
    rayon's workers), and the newsframe functions under which the regex crate's lazy DFA
    builds states."""
    from collections import Counter

    all_stacks = stacks(args.data)
    work = [s for s in all_stacks if any("rayon_core::registry::WorkerThread" in f for f in s)]
    n = len(work)
    print(f"{len(all_stacks)} samples, {n} in rayon workers (shares below are of those)\n")
    incl, self_ = Counter(), Counter()
    for s in work:
        self_[s[0]] += 1
        for f in set(s):
            incl[f] += 1
    print("inclusive, newsframe and regex functions:")
    for f, c in incl.most_common():
        if c / n < args.limit / 100:
            break
        if f.startswith(("newsframe::", "regex", "whichlang", "aho_corasick", "unicode_")) or "hash" in f.lower():
            print(f"  {100 * c / n:5.1f}%  {f[:110]}")
    print("\nself:")
    for f, c in self_.most_common(args.top):
        print(f"  {100 * c / n:5.1f}%  {f[:110]}")
    # Issue 19's speed target (events, stories <= 5% of the pipeline): shares of all samples
    # of the timed runs, since the stories' fold may run outside rayon's workers.
    for name, marks in PARTS.items():
        hit = [s for s in all_stacks if any(m in f for f in s for m in marks)]
        own = Counter(next(f for f in s if any(m in f for m in marks)) for s in hit)
        print(f"\n{name}: {100 * len(hit) / len(all_stacks):.2f}% ({len(hit)}/{len(all_stacks)}) of all samples, "
              f"innermost frame of its own code:")
        for f, c in own.most_common(8):
            print(f"  {100 * c / len(all_stacks):5.2f}%  {f[:110]}")
    print("\nlazy DFA state building (cache_next_state) by nearest newsframe caller:")
    by = Counter()
    for s in work:
        if any("cache_next_state" in f or "determinize" in f for f in s):
            by[next((f for f in s if f.startswith("newsframe::")), "?")] += 1
    for f, c in by.most_common(8):
        print(f"  {100 * c / n:5.1f}%  {f[:110]}")


def instructions(repeat: int, threads: int, train_dir: Path) -> int:
    """User-space instructions of this script with ``repeat`` timed runs, counted by
    valgrind (cachegrind without cache simulation)."""
    out = Path(f"/tmp/profile.cachegrind.{os.getpid()}.{repeat}")
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}", sys.executable,
           __file__, "--train-dir", str(train_dir), "run", "--repeat", str(repeat), "--threads", str(threads)]
    err = subprocess.run(cmd, capture_output=True, text=True, check=True).stderr
    out.unlink(missing_ok=True)
    line = next(ln for ln in err.splitlines() if "I   refs:" in ln or "I refs:" in ln)
    return int(line.split(":")[1].strip().replace(",", ""))


def count(args: argparse.Namespace) -> None:
    """Instructions of one pipeline run: the count with ``--repeat N`` less the count with
    no timed run (reading the corpus, importing, loading the models), divided by N."""
    base = instructions(0, args.threads, args.train_dir)
    full = instructions(args.repeat, args.threads, args.train_dir)
    per_run = (full - base) / args.repeat
    print(f"setup {base / 1e9:.3f} G, with {args.repeat} run(s) {full / 1e9:.3f} G: "
          f"{per_run / 1e9:.3f} G instructions per run ({args.threads} thread(s))")


def dump(args: argparse.Namespace) -> None:
    docs = texts(args.train_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    for threads in (1, 2):
        c = nf.read_texts(docs, n_threads=threads)
        for t in TABLES:
            getattr(c, t).write_parquet(args.out / f"real.default.t{threads}.{t}.parquet")
        print(f"real threads={threads}: " + ", ".join(f"{t} {getattr(c, t).height}" for t in TABLES), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train-dir", type=Path, default=Path("/work/shared/train"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--repeat", type=int, default=3)
    r.add_argument("--threads", type=int, default=1)
    r.add_argument("--record", type=Path, help="perf record the timed runs into this file")
    r.add_argument("--stat", type=Path, help="perf stat the timed runs into this file")
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    c = sub.add_parser("count")
    c.add_argument("--repeat", type=int, default=1)
    c.add_argument("--threads", type=int, default=1)
    p = sub.add_parser("report")
    p.add_argument("data", type=Path)
    p.add_argument("--limit", type=float, default=1.0, help="smallest inclusive share shown, in percent")
    p.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    {"run": run, "count": count, "dump": dump, "report": report}[args.cmd](args)


if __name__ == "__main__":
    main()
