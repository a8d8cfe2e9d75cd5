"""Distributed runs on Ray Data (``pip install newsframe[ray]``).

The first stage (cleaning, sentences, mentions) runs where Ray puts the blocks of a
dataset, through ``map_batches``; each document leaves it as one row with its compact
record. The second stage (linking, co-occurrence, events, stories) runs on the driver
over the records alone, which are small next to the text, and gives the same tables as
:func:`newsframe.read_texts` on the same input.

Example (not run by the doctests: it starts Ray)::

    import ray, newsframe.ray as nfr
    ray.init()                      # or ray.init(address="ray://head:10001"), or RAY_ADDRESS
    ds = ray.data.read_parquet("s3://bucket/articles/")     # columns "text", "id" (and title, url, date)
    result = nfr.extract(ds, id_column="id", model=None)   # any option of nf.read
    result.write_parquet("out/")    # or result.to_corpus() when it fits in memory
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

import polars as pl

from newsframe import _inputs, _newsframe
from newsframe._api import Corpus, failure
from newsframe._options import Resolved, core_check, resolve, takes_options
from newsframe._stream import CORPUS_TABLES, Analysis, _analyse_series, _check_batch_size, _write_atomic
from newsframe.exceptions import ConfigError

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from newsframe._options import Options

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
    """The map_batches function: a batch of rows (Arrow) to one row per document, each row
    read as a Parquet file's rows are."""

    def __init__(self, id_column: Optional[str], options: Resolved):
        self.id_column, self.options = id_column, options

    def __call__(self, batch: Any) -> Any:
        df = pl.DataFrame(pl.from_arrow(batch))
        if self.id_column:
            ids = df[self.id_column].cast(pl.String).to_list()
        else:
            ids = [None] * df.height
        # Without an id column the source is set from the document's position later.
        sources = ["" if i is None else i for i in ids]
        inputs = list(_inputs.table_rows(df, self.options, sources))
        return _nested(dict(_newsframe.process_batch(inputs, self.options.json))).to_arrow()


class RayCorpus:
    """The result of :func:`extract`: a Ray dataset with one row per document, and the
    corpus-level analysis of its records.

    Attributes:
        dataset: the documents columns of :class:`newsframe.Corpus` (without ``doc_id``,
            which is the row's position, and ``story_id``), ``sentences`` and ``mentions``
            as lists of structs, and ``record``, the document's compact record.
    """

    def __init__(self, dataset: Any, options: Resolved, named: bool) -> None:
        self.dataset = dataset
        self._resolved = options
        self._options = options.json
        self._named = named
        self._analysis: Optional[Analysis] = None
        empty = dict(_newsframe.process_batch([], self._options))
        self._schemas = {name: empty[name].schema for name in ("documents", "sentences", "mentions")}

    def _batches(self, columns: Optional[list[str]] = None) -> Iterator[pl.DataFrame]:
        ds = self.dataset.select_columns(columns) if columns else self.dataset
        for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
            if batch.num_rows:
                yield pl.DataFrame(pl.from_arrow(batch))

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
                out[name] = flat.select(self._schemas[name].names()).cast(self._schemas[name])
            docs = b.with_columns(pl.lit(None, dtype=pl.UInt32).alias("story_id"))
            docs = docs.select(self._schemas["documents"].names()).cast(self._schemas["documents"])
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
        corpus = Corpus(tables)
        if self._resolved["errors"] == "raise":
            failed = corpus.documents.filter(pl.col("error").is_not_null())
            if failed.height:
                raise failure(failed, corpus.documents.height, "this exception's .corpus", corpus)
        return corpus

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
        if self._resolved["errors"] == "raise":
            docs = pl.scan_parquet(written["documents"]).select("source", "error")
            failed = docs.filter(pl.col("error").is_not_null()).collect()
            if failed.height:
                raise failure(failed, docs.select(pl.len()).collect().item(), str(out))
        return written


@takes_options()
def extract(
    dataset: Any,
    text_column: Optional[str] = None,
    id_column: Optional[str] = None,
    *,
    title_column: Optional[str] = None,
    batch_size: int = 256,
    **options: Unpack[Options],
) -> RayCorpus:
    """Runs newsframe over a Ray dataset of articles: the first stage in Ray's workers
    (``map_batches`` over Arrow batches), the corpus-level stage on the driver.

    Each row is read as a row of a Parquet file is by :func:`newsframe.read`: the text in
    the ``text_field`` column (or HTML in ``html_field``), with ``title_field``,
    ``url_field`` and ``date_field`` when the dataset has them. Documents keep the dataset's
    order (``preserve_order`` is switched on), so ``doc_id`` is the row's position, and the
    tables equal those of ``nf.read_texts(dataset.to_polars(), ids=ids, **options)``.

    Args:
        dataset: a ``ray.data.Dataset``.
        text_column: deprecated, use ``text_field``.
        id_column: the column used as ``documents.source`` (default: the row's position).
        title_column: deprecated, use ``title_field``.
        batch_size: rows per ``map_batches`` call.
        **options: the options below.

    Returns:
        A :class:`RayCorpus`.
    """
    for old, new in (("text_column", text_column), ("title_column", title_column)):
        if new is not None:
            field = old.replace("_column", "_field")
            warnings.warn(f"newsframe.ray.extract: {old}= is deprecated, use {field}=", DeprecationWarning, stacklevel=2)
            options.setdefault(field, new)  # type: ignore[misc]
    _check_batch_size(batch_size)
    resolved = resolve(options)
    core_check(resolved)
    try:
        columns = dataset.columns()
    except Exception:  # noqa: BLE001 - a dataset that cannot tell without running: checked per batch
        columns = None
    content = _inputs.content_column(resolved)
    for name in (content, id_column):
        if columns is not None and name is not None and name not in columns:
            raise ConfigError(f"[E003] invalid configuration: the dataset has no column {name!r} (columns: {columns})")
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    mapped = dataset.map_batches(_Extract(id_column, resolved), batch_format="pyarrow", batch_size=batch_size)
    # A dataset keeps a copy of the context it was made in.
    mapped.context.execution_options.preserve_order = True
    return RayCorpus(mapped.materialize(), resolved, id_column is not None)
