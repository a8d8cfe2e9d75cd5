"""Checks that a change to newsframe leaves its output unchanged: writes every table of
``nf.read``/``nf.read_texts`` over a few corpora to Parquet, and compares two such dumps.

Corpora: ``data/sample/``; the English corpus of ``bench/compare.py``; English and Arabic
variants of the samples (``bench/throughput.py``'s generator); synthetic articles
(``bench/synthetic.py``); each with the default options, one also with ``include_misc=True``
and with ``model=None``.

    python bench/same_output.py dump OUT_DIR [--mb 1]   # with the build to test
    python bench/same_output.py compare BEFORE_DIR AFTER_DIR

Run ``dump`` with the old build (e.g. a wheel of the commit before, in another
virtualenv) and with the new one, then ``compare``: it lists every table that differs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "data" / "sample"
TABLES = ["documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories"]


def corpora(mb: float):
    sys.path.insert(0, str(HERE))
    from synthetic import Generator  # noqa: E402
    from throughput import english_texts, variants  # noqa: E402

    import newsframe as nf

    yield "sample", lambda **kw: nf.read(SAMPLE, **kw)
    en = english_texts(mb, seed=7)
    yield "compare_en", lambda **kw: nf.read_texts(en, **kw)
    mixed, size = [], 0
    for _, text in variants(seed=3):
        mixed.append(text)
        size += len(text.encode("utf-8"))
        if size >= mb * 1_000_000:
            break
    yield "variants_en_ar", lambda **kw: nf.read_texts(mixed, **kw)
    synth = [a["text"] for a in Generator(seed=5).articles(max(1, int(mb * 200)), words=600)]
    yield "synthetic", lambda **kw: nf.read_texts(synth, **kw)


OPTION_SETS = {"default": {}, "misc": {"include_misc": True}, "nomodel": {"model": None}}


def dump(out: Path, mb: float) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, read in corpora(mb):
        for opt_name, kw in OPTION_SETS.items():
            if opt_name != "default" and name != "compare_en" and name != "variants_en_ar":
                continue
            for threads in (1, 2):
                if threads == 2 and opt_name != "default":
                    continue
                c = read(n_threads=threads, **kw)
                for t in TABLES:
                    getattr(c, t).write_parquet(out / f"{name}.{opt_name}.t{threads}.{t}.parquet")
                print(f"{name} {opt_name} threads={threads}: "
                      + ", ".join(f"{t} {getattr(c, t).height}" for t in TABLES), flush=True)


def compare(a: Path, b: Path) -> int:
    files = sorted(p.name for p in a.glob("*.parquet"))
    if not files:
        print(f"no tables in {a}")
        return 1
    bad = 0
    for f in files:
        if not (b / f).exists():
            print(f"MISSING {f}")
            bad += 1
            continue
        x, y = pl.read_parquet(a / f), pl.read_parquet(b / f)
        if not x.equals(y, null_equal=True):
            bad += 1
            print(f"DIFFERS {f}: {x.height} vs {y.height} rows")
            if x.columns == y.columns and x.height == y.height:
                for col in x.columns:
                    if not x[col].equals(y[col], check_names=True, null_equal=True):
                        rows = (x.with_row_index("_i").filter(~pl.Series(x[col].eq_missing(y[col])))
                                .head(3).get_column("_i").to_list())
                        print(f"   column {col}: first differing rows {rows}")
    print(f"{len(files)} tables compared, {bad} differ")
    return 1 if bad else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--mb", type=float, default=1.0)
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.mb)
    else:
        sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
