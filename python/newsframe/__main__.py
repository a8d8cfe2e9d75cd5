"""Command line: ``newsframe extract INPUT... -o OUT_DIR`` (also ``python -m newsframe``).

Every option of :func:`newsframe.read` is a flag (``--lang``, ``--model``, ``--max-bytes``,
…; ``newsframe extract --help`` lists them), derived from :class:`newsframe.Options`.

Exit status: 0 when the tables were written, even if some documents carry an ``error``
(per-file problems are rows, counted in the summary); 2 for bad arguments, a missing input
or an invalid option; 1 when the output cannot be written; 3 with ``--errors raise`` when a
document failed (the tables are written first).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path
from typing import Any, Optional, Sequence

import polars as pl

import newsframe as nf
from newsframe import _options
from newsframe._api import failure

#: How many failed documents the summary names; the rest are counted.
_MAX_ERRORS_SHOWN = 10


def _parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    p = argparse.ArgumentParser(prog="newsframe", description="News articles in, tables out.")
    p.add_argument("--version", action="version", version=f"newsframe {nf.__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="process a corpus and write its tables",
        description="Read INPUTs (files, directories, globs) and write one file per table "
        "(documents, sentences, mentions, entities, cooccurrence, events, stories) to OUT_DIR.",
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="files, directories or glob patterns")
    ex.add_argument("-o", "--out", required=True, metavar="OUT_DIR", help="output directory (created if needed)")
    ex.add_argument("--format", choices=["parquet", "csv", "jsonl"], default="parquet",
                    help="table file format (default: parquet; CSV joins list cells with newlines)")
    ex.add_argument("--quiet", action="store_true", help="print only the summary")
    _options.add_arguments(ex)
    return p, ex


def _check(parser: argparse.ArgumentParser, given: dict[str, Any]) -> None:
    """Checks the options as every entry point does; a bad one is a usage error naming its flag."""
    try:
        _options.resolve(given)
    except nf.OptionError as e:  # other errors (a missing model file) are reported as read reports them
        flag = _options.flag_of(e.option) if e.option in _options.OPTIONS else e.option
        parser.error(f"argument {flag}: {e}")


def _skipped_summary(skipped: pl.DataFrame) -> str:
    """``, 7 WARC records skipped (4 record type, 2 not html, 1 http status)``, or nothing."""
    if skipped.is_empty():
        return ""
    by_reason = skipped.group_by("reason").agg(pl.col("count").sum()).sort(["count", "reason"], descending=[True, False])
    parts = ", ".join(f"{n} {reason}" for reason, n in by_reason.iter_rows())
    return f", {skipped['count'].sum()} WARC records skipped ({parts})"


def _err(msg: str) -> None:
    print(f"newsframe: {msg}", file=sys.stderr)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``newsframe`` command; returns the exit status.

    Example:
        >>> import tempfile
        >>> from newsframe.__main__ import main
        >>> main(["extract", "data/sample/", "-o", tempfile.mkdtemp(), "--format", "csv", "--quiet"])
        5 documents (0 with errors), 86 sentences, ... stories in ... s
        wrote 7 csv files to ...: documents.csv, sentences.csv, mentions.csv, ...
        0
    """
    parser, extract = _parser()
    args = parser.parse_args(argv)
    options = _options.from_arguments(args)
    t0 = time.perf_counter()
    raised = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _check(extract, options)
            try:
                corpus = nf.read(args.inputs, **options)
            except (nf.DocumentError, nf.InternalError) as e:
                if e.corpus is None:
                    raise
                corpus, raised = e.corpus, e
    except nf.NewsframeError as e:
        # PathNotFoundError is also an OSError, whose str() repeats errno and path.
        _err(f"error: {e.strerror if isinstance(e, OSError) and e.strerror else e}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    for w in caught:
        _err(f"warning: {w.message}")
    try:
        written = corpus._write(args.out, args.format)
        if not corpus.skipped.is_empty():
            path = Path(args.out) / f"skipped.{args.format}"
            getattr(corpus.skipped, {"parquet": "write_parquet", "csv": "write_csv", "jsonl": "write_ndjson"}[args.format])(path)
            written.append(path)
    except OSError as e:
        _err(f"error: cannot write to {args.out}: {e.strerror or e}")
        return 1
    elapsed = time.perf_counter() - t0

    docs = corpus.documents
    failed = docs.filter(pl.col("error").is_not_null())
    if not args.quiet:
        with pl.Config(tbl_rows=50, fmt_str_lengths=48, tbl_width_chars=160):
            print(docs.select("doc_id", "source", "title", "lang", "lang_confidence", "encoding",
                              "n_words", "n_sentences", pl.col("boilerplate").list.len().alias("n_boilerplate"),
                              "error"))
    for source, error in failed.select("source", "error").head(_MAX_ERRORS_SHOWN).iter_rows():
        _err(f"{source}: {error}")
    if failed.height > _MAX_ERRORS_SHOWN:
        _err(f"… and {failed.height - _MAX_ERRORS_SHOWN} more documents with errors (see the error column)")
    print(f"{docs.height} documents ({failed.height} with errors), {corpus.sentences.height} sentences, "
          f"{corpus.mentions.height} mentions, {corpus.entities.height} entities, "
          f"{corpus.cooccurrence.height} co-occurrences, {corpus.events.height} events, "
          f"{corpus.stories.height} stories{_skipped_summary(corpus.skipped)} in {elapsed:.1f} s")
    print(f"wrote {len(written)} {args.format} files to {args.out}: {', '.join(p.name for p in written)}")
    if raised is not None:
        _err(f"error: {failure(failed, docs.height, str(args.out))}")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
