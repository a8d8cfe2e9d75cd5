"""Main-content extraction on trafilatura's evaluation pages: precision, recall, F1, pages/s.

Usage:
    python bench/eval_html.py PATH_TO_TRAFILATURA_CHECKOUT [--limit N] [--no-trafilatura]
        [--texts NAME=FILE.jsonl ...] [--dump-dir DIR] [--halves]

The checkout's ``tests/evaldata.json`` lists, for each page, phrases that must be in the
extracted text ("with") and phrases that must not ("without"); the pages are in
``tests/eval/`` (or ``tests/cache/``). Scoring is trafilatura's own (``tests/eval_common.py``):
whitespace-normalised substring matching, a found "with" phrase is a true positive, a found
"without" phrase a false positive, a missing "with" phrase a false negative.

Every system runs on the same pages, in the same run, one core each: newsframe with
``n_threads=1`` (the whole read: decoding, extraction, metadata, cleaning, language,
sentences; no mentions), trafilatura 2.3.1 in this process (``extract`` with its benchmark
settings: no comments, tables, no formatting; default and ``fast=True``). Speed is pages
per CPU second of this process, which other jobs on the machine do not inflate.
``--texts NAME=FILE`` scores texts produced elsewhere (JSONL lines ``{"file", "text"}``,
e.g. other Rust crates run by a scratch harness), with the seconds they report.

``--halves`` also scores two fixed halves of the pages (A: the MD5 of the file name starts
with an even byte, B: odd), so that a change decided on one half can be checked on the other.

The pages are read from the checkout; nothing of them is copied into this repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path

import newsframe as nf


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load(checkout: Path, limit: int | None) -> list[tuple[str, str, bytes, dict]]:
    tests = checkout / "tests"
    evaldata = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(evaldata):
        item = evaldata[url]
        for sub in ("cache", "eval"):
            path = tests / sub / item["file"]
            if path.is_file():
                pages.append((url, str(path), path.read_bytes(), item))
                break
        else:
            raise SystemExit(f"{url}: file not found: {item['file']}")
    return pages[:limit] if limit else pages


def score(pages, texts) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for (_, _, _, item), text in zip(pages, texts):
        t = norm(text or "")
        found_with = sum(1 for w in item["with"] if norm(w) in t)
        found_without = sum(1 for w in item["without"] if norm(w) in t)
        tp += found_with
        fn += len(item["with"]) - found_with
        fp += found_without
        tn += len(item["without"]) - found_without
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": (tp + tn) / max(1, tp + tn + fp + fn)}


def half(path: str) -> str:
    """The fixed half of a page: "A" when the MD5 of its file name starts with an even byte."""
    return "A" if hashlib.md5(os.path.basename(path).encode()).digest()[0] % 2 == 0 else "B"


def timed(fn):
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def run_newsframe(pages, mode: str):
    def go():
        corpus = nf.read_html([p[2] for p in pages], urls=[p[0] for p in pages], html=mode,
                              n_threads=1, mentions=False)
        return corpus.documents["text"].to_list()

    return timed(go)


def run_trafilatura(pages, fast: bool):
    from trafilatura import extract

    def go():
        out = []
        for _, _, data, _ in pages:
            try:
                out.append(extract(data, fast=fast, include_comments=False, include_tables=True,
                                   include_formatting=False))
            except Exception:  # noqa: BLE001 - a crash is a miss, as in trafilatura's benchmark
                out.append(None)
        return out

    return timed(go)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkout", type=Path, help="a clone of github.com/adbar/trafilatura")
    ap.add_argument("--limit", type=int, default=None, help="first N pages only")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura runs")
    ap.add_argument("--texts", action="append", default=[], metavar="NAME=FILE",
                    help="score texts from a JSONL file ({file, text}; a last line {seconds} gives speed)")
    ap.add_argument("--dump-dir", type=Path, default=None, help="write each system's texts as JSONL here")
    ap.add_argument("--halves", action="store_true", help="also score the fixed halves A and B of the pages")
    args = ap.parse_args()

    pages = load(args.checkout, args.limit)
    print(f"{len(pages)} pages, {sum(len(p[2]) for p in pages) / 1e6:.1f} MB, "
          f"{sum(len(p[3]['with']) for p in pages)} 'with' and {sum(len(p[3]['without']) for p in pages)} "
          "'without' phrases")
    # Read the other systems' texts first: a bad file fails before the long runs.
    external = []
    for spec in args.texts:
        name, _, path = spec.partition("=")
        by_file, seconds = {}, None
        # split("\n"), not splitlines(): JSON strings may hold a raw U+2028.
        for line in Path(path).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue
            rec = json.loads(line)
            if "file" in rec:
                by_file[os.path.basename(rec["file"])] = rec.get("text") or ""
            if "seconds" in rec:
                seconds = rec["seconds"]
        texts = [by_file.get(os.path.basename(p[1])) for p in pages]
        external.append((name, texts, seconds, None))

    results = []
    for mode in ("article", "visible"):
        texts, cpu, wall = run_newsframe(pages, mode)
        results.append((f"newsframe html={mode!r}", texts, cpu, wall))
    if not args.no_trafilatura:
        import trafilatura

        for fast in (False, True):
            texts, cpu, wall = run_trafilatura(pages, fast)
            results.append((f"trafilatura {trafilatura.__version__}{' fast' if fast else ''}", texts, cpu, wall))
    results.extend(external)
    print(f"\n| system | precision | recall | F1 | pages/s (1 core, CPU time) |")
    print("|---|---|---|---|---|")
    for name, texts, cpu, wall in results:
        s = score(pages, texts)
        speed = f"{len(pages) / cpu:.0f}" if cpu else "n/a"
        print(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.4f} | {speed} |")
    if args.halves:
        for h in ("A", "B"):
            keep = [i for i, p in enumerate(pages) if half(p[1]) == h]
            print(f"\nhalf {h}: {len(keep)} pages\n\n| system | precision | recall | F1 |\n|---|---|---|---|")
            for name, texts, _, _ in results:
                s = score([pages[i] for i in keep], [texts[i] for i in keep])
                print(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.4f} |")
    if args.dump_dir:
        args.dump_dir.mkdir(parents=True, exist_ok=True)
        for name, texts, _, _ in results:
            safe = re.sub(r"\W+", "_", name).strip("_")
            with open(args.dump_dir / f"{safe}.jsonl", "w", encoding="utf-8") as f:
                for p, t in zip(pages, texts):
                    f.write(json.dumps({"url": p[0], "file": p[1], "text": t}, ensure_ascii=False) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
