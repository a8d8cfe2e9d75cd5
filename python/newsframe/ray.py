"""Distributed runs on Ray Data (``pip install newsframe[ray]``).

The first stage (cleaning, sentences, mentions) runs where Ray puts the blocks of a
dataset, through ``map_batches``; each document leaves it as one row with its compact
record. The second stage (linking, co-occurrence, events, stories) runs on the driver
over the records alone, which are small next to the text, and gives the same tables as
:func:`newsframe.read_texts` on the same input.

Example (not run by the doctests: it starts Ray)::

    import ray, newsframe.ray as nfr
    ray.init()                      # or ray.init(address="ray://head:10001"), or RAY_ADDRESS
    ds = ray.data.read_parquet("s3://bucket/articles/")     # a column "text", one "id"
    result = nfr.extract(ds, text_column="text", id_column="id", model=None)
    result.write_parquet("out/")    # or result.to_corpus() when it fits in memory
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator, Optional

import polars as pl

from newsframe import _newsframe
from newsframe._api import Corpus, _input, _safe_str
from newsframe._stream import CORPUS_TABLES, Analysis, _analyse_series, _options_json, _write_atomic

try:
    import ray
    import ray.data
except ImportError as e:  # pragma: no cover - depends on the installation
    raise ImportError("newsframe.ray needs Ray Data: pip install 'newsframe[ray]'") from e

__all__ = ["extract", "RayCorpus"]


def _nested(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """One row per document: its documents columns, its sentences and mentions as lists of
    structs, and its record."""
    docs = tables["documents"].drop("story_id")
    for name in ("sentences", "mentions"):
        nested = tables[name].group_by("doc_id", maintain_order=True).agg(pl.struct(pl.exclude("doc_id")).alias(name))
        docs = docs.join(nested, on="doc_id", how="left", maintain_order="left")
    return docs.with_columns(tables["records"]["record"]).drop("doc_id")


class _Extract:
    """The map_batches function: a batch of rows (Arrow) to one row per document."""

    def __init__(self, text_column: str, id_column: Optional[str], title_column: Optional[str], options: str):
        self.text_column, self.id_column, self.title_column, self.options = text_column, id_column, title_column, options

    def __call__(self, batch: Any) -> Any:
        texts = batch.column(self.text_column).to_pylist()
        ids = batch.column(self.id_column).to_pylist() if self.id_column else [None] * len(texts)
        titles = batch.column(self.title_column).to_pylist() if self.title_column else [None] * len(texts)
        inputs = []
        for i, text, title in zip(ids, texts, titles):
            # Without an id column the source is set from the document's position later.
            source = "" if i is None else str(i)
            if isinstance(text, str):
                inputs.append(_input("text", source, _safe_str(text), _safe_str(title)))
            else:
                inputs.append(_input("error", source, error=f"[D005] bad record: expected str, got {type(text).__name__}"))
        return _nested(dict(_newsframe.process_batch(inputs, self.options))).to_arrow()


class RayCorpus:
    """The result of :func:`extract`: a Ray dataset with one row per document, and the
    corpus-level analysis of its records.

    Attributes:
        dataset: the documents columns of :class:`newsframe.Corpus` (without ``doc_id``,
            which is the row's position, and ``story_id``), ``sentences`` and ``mentions``
            as lists of structs, and ``record``, the document's compact record.
    """

    def __init__(self, dataset: Any, options: str, named: bool) -> None:
        self.dataset = dataset
        self._options = options
        self._named = named
        self._analysis: Optional[Analysis] = None
        empty = dict(_newsframe.process_batch([], options))
        self._schemas = {name: empty[name].schema for name in ("documents", "sentences", "mentions")}

    def _batches(self, columns: Optional[list[str]] = None) -> Iterator[pl.DataFrame]:
        ds = self.dataset.select_columns(columns) if columns else self.dataset
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            if batch.num_rows:
                yield pl.from_arrow(batch)

    @property
    def analysis(self) -> Analysis:
        """Entities, co-occurrence, events and stories of the whole corpus (computed on the
        driver from the records, once)."""
        if self._analysis is None:
            records = [b["record"] for b in self._batches(["record"])]
            self._analysis = _analyse_series(records, self._options)
        return self._analysis

    def _tables(self) -> Iterator[dict[str, pl.DataFrame]]:
        """The per-document tables of each block, in order, with global ``doc_id``s and links."""
        analysis = self.analysis
        first = 0
        for b in self._batches():
            n = b.height
            b = b.with_columns(pl.arange(first, first + n, dtype=pl.UInt32).alias("doc_id"))
            if not self._named:
                b = b.with_columns(pl.col("doc_id").cast(pl.String).alias("source"))
            out = {}
            for name in ("sentences", "mentions"):
                flat = b.select("doc_id", name).explode(name).drop_nulls(name).unnest(name)
                out[name] = flat.select(self._schemas[name].names()).cast(dict(self._schemas[name]))
            docs = b.with_columns(pl.lit(None, dtype=pl.UInt32).alias("story_id"))
            docs = docs.select(self._schemas["documents"].names()).cast(dict(self._schemas["documents"]))
            out["documents"], out["mentions"] = analysis.complete(docs, out["mentions"])
            yield out
            first += n

    def to_corpus(self) -> Corpus:
        """Every table, collected on the driver, as :func:`newsframe.read_texts` gives them."""
        parts: dict[str, list[pl.DataFrame]] = {"documents": [], "sentences": [], "mentions": []}
        for t in self._tables():
            for name, df in t.items():
                parts[name].append(df)
        empty = dict(_newsframe.process_batch([], self._options))
        tables = {name: pl.concat(dfs) if dfs else empty[name] for name, dfs in parts.items()}
        for name in CORPUS_TABLES:
            tables[name] = getattr(self.analysis, name)
        return Corpus(tables)

    def write_parquet(self, out_dir: os.PathLike | str) -> dict[str, list[Path]]:
        """Writes ``out_dir/<table>/part-NNNNN.parquet`` as :func:`newsframe.write_parquet`
        does (one part per block for the per-document tables), streaming block by block."""
        out = Path(out_dir)
        written: dict[str, list[Path]] = {}
        for i, t in enumerate(self._tables()):
            for name, df in t.items():
                path = out / name / f"part-{i:05d}.parquet"
                _write_atomic(df, path)
                written.setdefault(name, []).append(path)
        for name in CORPUS_TABLES:
            path = out / name / "part-00000.parquet"
            _write_atomic(getattr(self.analysis, name), path)
            written[name] = [path]
        return written


def extract(
    dataset: Any,
    text_column: str = "text",
    id_column: Optional[str] = None,
    *,
    title_column: Optional[str] = None,
    batch_size: int = 256,
    **opts: Any,
) -> RayCorpus:
    """Runs newsframe over a Ray dataset of texts: the first stage in Ray's workers
    (``map_batches`` over Arrow batches), the corpus-level stage on the driver.

    Documents keep the dataset's order (``preserve_order`` is switched on), so ``doc_id``
    is the row's position and the tables equal those of
    ``nf.read_texts(texts, ids=ids, titles=titles, **opts)``.

    Args:
        dataset: a ``ray.data.Dataset`` with a text column.
        text_column: the column of article texts.
        id_column: the column used as ``documents.source`` (default: the row's position).
        title_column: known titles; when given, no title is detected from the text.
        batch_size: rows per ``map_batches`` call.
        **opts: the options of :func:`newsframe.read_texts` (``lang``, ``model``, ``kb``, …).

    Returns:
        A :class:`RayCorpus`.
    """
    options, _ = _options_json(opts)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    mapped = dataset.map_batches(
        _Extract(text_column, id_column, title_column, options),
        batch_format="pyarrow",
        batch_size=batch_size,
    )
    # A dataset keeps a copy of the context it was made in.
    mapped.context.execution_options.preserve_order = True
    return RayCorpus(mapped.materialize(), options, id_column is not None)
