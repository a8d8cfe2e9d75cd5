"""A large mixed hostile corpus: N files, valid articles and every hostile kind, read in one
run. Checks that rows out equal the rows the files in must give, that every file is
accounted for, and that every error carries a known code and the expected one; prints the
time and the counts.

    python bench/hostile_corpus.py --files 10000            # with the 50 MB line, the bomb, ...
    python bench/hostile_corpus.py --files 300 --no-big     # quick (the test suite runs this)

Exit status 0 when every check passes.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "hostile"))
import make_hostile  # noqa: E402

KNOWN = re.compile(r"^\[(D0(0[1-9]|1[0-2])|D099)\] \S")


def _article(rng: random.Random) -> bytes:
    """A plausible article with varied content, English or Arabic."""
    if rng.random() < 0.25:
        return (make_hostile.ARABIC + " ".join(rng.choice(["الجزائر", "روسيا", "موسكو", "الرئيس", "اتفاقية", "تعاون"])
                                               for _ in range(rng.randint(20, 200))) + ".\n").encode()
    people = ["Abdelmadjid Tebboune", "Vladimir Putin", "Emmanuel Macron", "Said Chanegriha", "Sergei Lavrov"]
    places = ["Algeria", "Russia", "France", "Egypt", "Moscow", "Algiers", "Paris", "the United States"]
    lines = [f"{rng.choice(places)} and {rng.choice(places)} discuss cooperation"]
    for _ in range(rng.randint(2, 12)):
        lines.append(
            f"{rng.choice(people)} met officials in {rng.choice(places)} on {rng.randint(1, 28)} June "
            f"{rng.randint(2000, 2025)}. The deal is worth ${rng.randint(1, 90)} billion, "
            f"officials said, up {rng.randint(1, 40)}% from last year."
        )
    return ("\n".join(lines) + "\n").encode()


def generate(out: Path, n_files: int, big: bool, seed: int = 1) -> list[tuple[str, str, object]]:
    """Writes ``n_files`` files under ``out``; returns ``(file, source, code)`` per expected
    row, ``file`` and ``source`` relative to ``out``."""
    rows: list[tuple[str, str, object]] = []
    for source, code in make_hostile.build(out / "kinds", big=big):
        rel = f"kinds/{source}"
        rows.append((rel.split(".jsonl:")[0] + ".jsonl" if ".jsonl:" in rel else rel, rel, code))
    n_files -= len({f for f, _, _ in rows})
    rng = random.Random(seed)
    for i in range(max(n_files, 0)):
        sub = out / f"batch{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        if rng.random() < 0.5:
            name, data, code = "article.txt", _article(rng), None
        else:
            name, data, code = rng.choice(make_hostile.small_cases(random.Random(rng.random())))
        rel = f"{sub.name}/{i:06d}-{name}"
        (out / rel).write_bytes(data)
        if isinstance(code, list):
            rows += [(rel, f"{rel}:{j + 1}", c) for j, (_, c) in enumerate(code)]
        else:
            rows.append((rel, rel, code))
    return rows


def check(out: Path, rows: list[tuple[str, str, object]], n_threads: int | None) -> tuple[bool, dict]:
    import newsframe as nf

    files = {f for f, _, _ in rows}
    t = time.perf_counter()
    corpus = nf.read(out, n_threads=n_threads, **make_hostile.OPTIONS)
    elapsed = time.perf_counter() - t
    docs = corpus.documents
    prefix = str(out) + os.sep
    unreadable = "kinds/unreadable.txt"
    can_read_unreadable = os.access(out / unreadable, os.R_OK)
    want = {re.sub("[\ud800-\udfff]", "\ufffd", s): c for _, s, c in rows}
    if can_read_unreadable:  # root reads a mode-000 file
        want[unreadable] = None
    got = {}
    problems = []
    for source, error in zip(docs["source"], docs["error"]):
        rel = source[len(prefix):] if source.startswith(prefix) else source
        if rel in got:
            problems.append(f"duplicate row {rel}")
        got[rel] = error
        if error is not None and not KNOWN.match(error):
            problems.append(f"unexplained error {rel}: {error!r}")
    missing = set(want) - set(got)
    extra = set(got) - set(want)
    problems += [f"missing row {m}" for m in sorted(missing)[:20]]
    problems += [f"unexpected row {m}" for m in sorted(extra)[:20]]
    for rel, code in want.items():
        error = got.get(rel)
        if rel in got and (error[1:5] if error else None) != code:
            problems.append(f"{rel}: expected {code}, got {error}")
    # Every file is accounted for: some row names it (or one of its records).
    sources = set(got)
    stems = {s.rsplit(":", 1)[0] for s in sources}
    unaccounted = [f for f in files if re.sub("[\ud800-\udfff]", "\ufffd", f) not in sources | stems]
    problems += [f"file without a row: {f}" for f in unaccounted[:20]]
    codes = collections.Counter((e[1:5] if e else "ok") for e in docs["error"])
    stats = {
        "files": len(files),
        "rows": docs.height,
        "expected_rows": len(want),
        "seconds": round(elapsed, 2),
        "bytes": sum((out / f).lstat().st_size for f in files),
        "codes": dict(sorted(codes.items())),
        "sentences": corpus.sentences.height,
        "mentions": corpus.mentions.height,
        "problems": problems,
    }
    return not problems, stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--no-big", action="store_true", help="leave out the 50 MB line, the bomb, the flood")
    ap.add_argument("--keep", help="write the corpus here and keep it")
    args = ap.parse_args(argv)
    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="nf-hostile-corpus-"))
    try:
        t = time.perf_counter()
        rows = generate(out, args.files, big=not args.no_big)
        gen = time.perf_counter() - t
        ok, stats = check(out, rows, args.threads)
    finally:
        if not args.keep:
            unreadable = out / "kinds" / "unreadable.txt"
            if unreadable.exists():
                unreadable.chmod(0o600)
            shutil.rmtree(out, ignore_errors=True)
    print(f"generated {stats['files']} files ({stats['bytes'] / 1e6:.1f} MB on disk) in {gen:.1f} s")
    print(f"read in {stats['seconds']} s: {stats['rows']} rows (expected {stats['expected_rows']}), "
          f"{stats['sentences']} sentences, {stats['mentions']} mentions")
    print("rows by code: " + ", ".join(f"{k} {v}" for k, v in stats["codes"].items()))
    for p in stats["problems"][:50]:
        print("PROBLEM:", p)
    print("OK: rows = expected rows, every file accounted for, every error explained" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
