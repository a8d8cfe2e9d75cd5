"""Command line: ``newsframe extract INPUT... -o OUT_DIR`` (also ``python -m newsframe``)."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

import polars as pl

import newsframe as nf


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsframe", description="News articles in, tables out.")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="process a corpus and write its tables")
    ex.add_argument("inputs", nargs="+", help="files, directories or glob patterns")
    ex.add_argument("-o", "--out", required=True, help="output directory")
    ex.add_argument("--format", choices=["parquet", "csv", "jsonl"], default="parquet")
    ex.add_argument("--lang", help="language of every document (ISO 639-1), instead of detection")
    ex.add_argument("--encoding", help="encoding of every file, instead of detection")
    ex.add_argument("--threads", type=int, help="worker threads (default: all cores)")
    ex.add_argument("--quiet", action="store_true", help="print only the summary line")
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``newsframe`` command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        corpus = nf.read(args.inputs, lang=args.lang, encoding=args.encoding, n_threads=args.threads)
    except nf.NewsframeError as e:
        print(f"newsframe: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsframe: interrupted", file=sys.stderr)
        return 130
    written = corpus._write(args.out, args.format)
    docs = corpus.documents
    n_err = docs["error"].is_not_null().sum()
    if not args.quiet:
        with pl.Config(tbl_rows=50, fmt_str_lengths=48, tbl_width_chars=160):
            print(docs.select("doc_id", "source", "title", "lang", "lang_confidence", "encoding",
                              "n_words", "n_sentences", pl.col("boilerplate").list.len().alias("n_boilerplate"),
                              "error"))
    print(f"{docs.height} documents ({n_err} with errors), {corpus.sentences.height} sentences, "
          f"{corpus.mentions.height} mentions, {corpus.entities.height} entities, {corpus.events.height} events, "
          f"{corpus.stories.height} stories; wrote {', '.join(str(p) for p in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
