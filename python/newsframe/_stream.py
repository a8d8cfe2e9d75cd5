"""Streaming: corpora larger than memory, in batches, with resumable Parquet output.

The pipeline runs in two stages. The first, per batch of inputs, yields the per-document
tables (documents, sentences, mentions) and one compact *record* per document: what the
corpus-level stages read (language, title, mentions and their texts, sentence of each
mention, MinHash signature, event cues), without the document's text. The second stage,
:func:`analyse`, links entities and finds co-occurrence, events and stories over the
records of the whole corpus, and gives the same tables as :func:`newsframe.read` on the
same input.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

import polars as pl

from newsframe import _inputs, _newsframe
from newsframe._api import Corpus, failure
from newsframe._options import Resolved, core_check, resolve, takes_options
from newsframe.exceptions import ConfigError, OptionError, OptionTypeError

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from newsframe._options import Options

PathLike = Union[str, "os.PathLike[str]"]

#: Per-document tables, written once per batch.
DOC_TABLES = ("documents", "sentences", "mentions")
#: Corpus-level tables, written once at the end.
CORPUS_TABLES = ("entities", "cooccurrence", "events", "stories")
#: Tables with one part per batch in the output of :func:`write_parquet` (``events``: the
#: events of the batch's documents; ``stories``: the stories whose first document is in it).
BATCH_TABLES = DOC_TABLES + ("events", "stories")
MANIFEST = "_manifest.json"
RECORDS = "_records"


class Batch:
    """The per-document tables of one batch of :func:`iter_batches`, with ``doc_id`` counted
    across batches, and each document's compact ``records`` (a binary Series) for
    :func:`analyse`.

    Attributes:
        documents, sentences, mentions: as in :class:`newsframe.Corpus`; ``story_id``,
            ``entity_id`` and ``evidence`` are null until :meth:`Analysis.complete` fills them.
        records: one binary value per document.
        first_doc_id: ``doc_id`` of the batch's first document.
    """

    __slots__ = ("documents", "sentences", "mentions", "records", "first_doc_id")

    def __init__(self, tables: dict[str, pl.DataFrame], first_doc_id: int) -> None:
        shift = pl.col("doc_id") + pl.lit(first_doc_id, dtype=pl.UInt32)
        self.documents = tables["documents"].with_columns(shift)
        self.sentences = tables["sentences"].with_columns(shift)
        self.mentions = tables["mentions"].with_columns(shift)
        self.records = tables["records"]["record"]
        self.first_doc_id = first_doc_id

    def __len__(self) -> int:
        return self.documents.height

    def __repr__(self) -> str:
        return (f"<newsframe.Batch: documents {self.first_doc_id}..{self.first_doc_id + len(self)}, "
                f"{self.sentences.height} sentences, {self.mentions.height} mentions>")


class Analysis:
    """The corpus-level tables computed from the records of a whole corpus.

    Attributes:
        entities, cooccurrence, events, stories: as in :class:`newsframe.Corpus`.
    """

    def __init__(self, native: Any, tables: dict[str, pl.DataFrame]) -> None:
        self._native = native
        self.entities = tables["entities"]
        self.cooccurrence = tables["cooccurrence"]
        self.events = tables["events"]
        self.stories = tables["stories"]
        self._links = tables["links"]

    def __len__(self) -> int:
        return len(self._native)

    def complete(self, documents: pl.DataFrame, mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Fills ``documents.story_id`` and ``mentions.entity_id``/``evidence`` of one batch
        (the batch's tables as :func:`iter_batches` yielded them, in their order)."""
        if documents.height == 0:
            return documents, mentions
        first = int(documents["doc_id"][0])
        end = first + documents.height
        stories = pl.Series("story_id", self._native.story_ids(first, end), dtype=pl.UInt32)
        doc_ids = self._links["doc_id"]
        lo, hi = (int(doc_ids.search_sorted(x, side="left")) for x in (first, end))
        return (documents.with_columns(stories), _with_links(mentions, self._links.slice(lo, hi - lo), first, end))


def _with_links(mentions: pl.DataFrame, links: pl.DataFrame, first: int, end: int) -> pl.DataFrame:
    """``mentions`` with the ``entity_id`` and ``evidence`` of ``links`` (the corpus stage's
    links of documents ``first..end``)."""
    if links.height == 0:  # nothing linked (no mentions, or corpus tables switched off)
        return mentions
    if links.height != mentions.height:
        raise ConfigError(
            f"[E003] invalid configuration: documents {first}..{end} have {links.height} linked mentions, "
            f"the table given has {mentions.height}"
        )
    return mentions.with_columns(links["entity_id"], links["evidence"])


def _corpus_stage(
    options: str,
    batches: Any,
    spill_dir: Optional[str] = None,
    output: Any = None,
) -> Any:
    """Runs the corpus-level stage over the records of a corpus: ``batches()`` gives the
    record Series of every batch, in order, and is called once per pass (the stage keeps
    aggregates between batches, not the records). ``output(i, first_doc, tables)`` receives
    the ``links`` and ``events`` of batch ``i`` in the output pass, and its ``stories`` in
    the stories pass. Returns the native stage; its ``tables()`` hold the late story rows."""
    stage = _newsframe.CorpusStage(options, spill_dir)
    while stage.current_pass() is not None:
        first = 0
        for i, records in enumerate(batches()):
            tables = dict(stage.feed(records, first))
            if tables and output is not None:
                output(i, first, tables)
            first += len(records)
        stage.end_pass()
    return stage


def _analyse_series(records: Sequence[pl.Series], options: str) -> Analysis:
    """The corpus stage over record Series held in memory."""
    records = list(records) or [pl.Series("record", [], dtype=pl.Binary)]
    kept: dict[str, list[pl.DataFrame]] = {"links": [], "events": [], "stories": []}

    def keep(i: int, first: int, tables: dict[str, pl.DataFrame]) -> None:
        for name, df in tables.items():
            kept[name].append(df)

    stage = _corpus_stage(options, lambda: iter(records), None, keep)
    tables = dict(stage.tables())
    for name in ("links", "events"):
        if kept[name]:
            tables[name] = pl.concat(kept[name])
    tables["stories"] = pl.concat([*kept["stories"], tables["stories"]]).sort("story_id")
    return Analysis(stage, tables)


def _batches(units: Iterator[tuple[dict[str, Any], int]], batch_size: int) -> Iterator[tuple[list[dict[str, Any]], int]]:
    while True:
        chunk = list(islice(units, batch_size))
        if not chunk:
            return
        yield [u for u, _ in chunk], sum(n for _, n in chunk)


Progress = Union[None, bool, Callable[[int, int], Any]]


class _Callback:
    """A progress bar that calls ``fn(done, total)`` (bytes) after each batch."""

    def __init__(self, fn: Callable[[int, int], Any], total: int, initial: int) -> None:
        self.fn, self.total, self.done = fn, total, initial

    def __enter__(self) -> "_Callback":
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

    def update(self, n: int) -> None:
        self.done += n
        self.fn(self.done, self.total)


def _progress(progress: Progress, total: int, initial: int = 0, desc: str = "newsframe") -> Any:
    """A tqdm bar in bytes (auto: shown in notebooks and terminals, not in pipes), or the
    caller's callback."""
    if callable(progress):
        return _Callback(progress, total, initial)
    if progress is not None and not isinstance(progress, bool):
        raise OptionTypeError("progress", "True, False, None (auto) or a callable(done, total)", progress)
    from tqdm.auto import tqdm

    if progress is None:
        progress = "ipykernel" in sys.modules or sys.stderr.isatty()
    return tqdm(total=total or None, initial=initial, unit="B", unit_scale=True, unit_divisor=1024,
                desc=desc, disable=not progress, file=sys.stderr, dynamic_ncols=True)


def _check_batch_size(batch_size: int) -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int):
        raise OptionTypeError("batch_size", "a positive int", batch_size)
    if batch_size < 1:
        raise OptionError("batch_size", "a positive int", batch_size)


def _failed(documents: pl.DataFrame) -> pl.DataFrame:
    return documents.filter(pl.col("error").is_not_null()).select("source", "error")


@takes_options()
def iter_batches(
    paths: Union[PathLike, Sequence[PathLike]],
    batch_size: int = 1000,
    *,
    progress: Progress = False,
    **options: Unpack[Options],
) -> Iterator[Batch]:
    """Reads a corpus in batches of ``batch_size`` inputs, in bounded memory.

    Yields one :class:`Batch` per batch: its documents, sentences and mentions, with
    ``doc_id`` continuous across batches, and the compact records that :func:`analyse`
    turns into the corpus-level tables. JSONL files are read line by line and Parquet and
    CSV files a slice at a time, so one large file is spread over many batches
    (``max_bytes`` then applies to each record). Options are checked when it is called,
    before the first batch is asked for.

    Args:
        paths: as for :func:`newsframe.read`.
        batch_size: inputs (files, JSONL lines, table rows) per batch.
        progress: show a progress bar (``None``: in notebooks and terminals only), or a
            callable, called after each batch with the bytes of input done and in all.
        **options: the options below. With ``errors="raise"``, the exception comes after
            the last batch.

    Example:
        >>> import newsframe as nf
        >>> batches = list(nf.iter_batches("data/sample/", batch_size=2))
        >>> [b.documents["doc_id"].to_list() for b in batches]
        [[0, 1], [2, 3], [4]]
        >>> analysis = nf.analyse([b.records for b in batches])
        >>> docs, mentions = analysis.complete(batches[0].documents, batches[0].mentions)
        >>> docs["story_id"].to_list()
        [0, 1]
    """
    _check_batch_size(batch_size)
    resolved = resolve(options)
    core_check(resolved)
    entries = _inputs.expand(paths, stacklevel=2)
    return _iter_batches(entries, batch_size, progress, resolved)


def _iter_batches(entries: list[tuple[str, str, Optional[str]]], batch_size: int, progress: Progress,
                  options: Resolved) -> Iterator[Batch]:
    units = _inputs.file_units(entries, options)
    first = 0
    failed = []
    with _progress(progress, _inputs.total_size(entries)) as bar:
        for inputs, size in _batches(units, batch_size):
            batch = Batch(dict(_newsframe.process_batch(inputs, options.json)), first)
            first += len(batch)
            if options["errors"] == "raise":
                failed.append(_failed(batch.documents))
            bar.update(size)
            yield batch
    if failed and sum(f.height for f in failed):
        raise failure(pl.concat(failed), first, "the batches yielded")


@takes_options()
def scan(
    paths: Union[PathLike, Sequence[PathLike]],
    batch_size: int = 1000,
    *,
    progress: Progress = False,
    **options: Unpack[Options],
) -> Iterator[Batch]:
    """Deprecated: use :func:`iter_batches` (in Polars, ``scan_*`` returns a LazyFrame; this
    returns an iterator of batches).

    Example:
        >>> import warnings, newsframe as nf
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     n = len(list(nf.scan("data/sample/", batch_size=2)))
        >>> n, caught[0].category.__name__
        (3, 'DeprecationWarning')
    """
    warnings.warn("newsframe.scan is deprecated: use newsframe.iter_batches (in Polars, scan_* returns a "
                  "LazyFrame; this returns an iterator of batches)", DeprecationWarning, stacklevel=2)
    return iter_batches(paths, batch_size, progress=progress, **options)


@takes_options()
def analyse(records: Sequence[pl.Series], **options: Unpack[Options]) -> Analysis:
    """The corpus-level stage over the records of a whole corpus, in document order (the
    ``records`` of every :class:`Batch` of an :func:`iter_batches`): entities,
    co-occurrence, events and stories, equal to those of :func:`newsframe.read` on the
    same input. Options must be those of the batches (the linking overrides ``merges`` and
    ``splits`` may change; options of the per-document stages have no effect here).

    Example:
        >>> import newsframe as nf
        >>> batches = list(nf.iter_batches(["data/sample/"], batch_size=3))
        >>> a = nf.analyse([b.records for b in batches])
        >>> a.entities.equals(nf.read("data/sample/").entities)
        True
    """
    return _analyse_series(records, resolve(options).json)


# ------------------------------------------------------------------------------------------
# Resumable Parquet output


def _write_atomic(df: pl.DataFrame, path: Path) -> None:
    """Writes to a temporary name, then renames: a killed run never leaves a half-written
    part under a final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    df.write_parquet(tmp)
    os.replace(tmp, path)


def _save_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / (MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out / MANIFEST)


def _part(out: Path, table: str, i: int) -> Path:
    return out / table / f"part-{i:05d}.parquet"


def _same_run(previous: dict[str, Any], identity: dict[str, Any]) -> bool:
    """Whether a manifest's run is the one asked for. Options compare as the core reads
    them (older runs wrote an unset test hook as null)."""

    def core(text: Any) -> Any:
        options = json.loads(text) if isinstance(text, str) else text
        if isinstance(options, dict) and options.get("_panic_on", 0) is None:
            options = {k: v for k, v in options.items() if k != "_panic_on"}
        return options

    return ({k: previous.get(k) for k in identity if k != "options"} == {k: v for k, v in identity.items() if k != "options"}
            and core(previous.get("options")) == core(identity["options"]))


@takes_options()
def write_parquet(
    paths: Union[PathLike, Sequence[PathLike]],
    out_dir: PathLike,
    *,
    batch_size: int = 1000,
    progress: Progress = None,
    resume: bool = True,
    corpus_tables: bool = True,
    **options: Unpack[Options],
) -> dict[str, list[Path]]:
    """Processes a corpus of any size into partitioned Parquet, in bounded memory.

    Writes ``out_dir/<table>/part-NNNNN.parquet``: one part per batch for ``documents``,
    ``sentences`` and ``mentions``; at the end one part for ``entities`` and
    ``cooccurrence``, and one per batch for ``events`` (of the batch's documents) and
    ``stories`` (those whose first document is in the batch, so the parts in order are
    sorted by ``story_id``); then fills ``story_id`` of
    the documents and ``entity_id``/``evidence`` of the mentions in every part. Read it
    back with :func:`read_parquet` or ``pl.scan_parquet(out_dir / "documents")``. The
    tables equal those of :func:`newsframe.read` on the same input.

    ``out_dir/_manifest.json`` records every finished batch (parts are written to a
    temporary name and renamed, then the manifest): a run that is killed resumes where it
    stopped when called again with the same arguments, without processing any finished
    batch again. ``out_dir/_records/`` keeps each batch's document records for the last
    stage, which reads them back batch by batch.

    Args:
        paths: as for :func:`newsframe.read`.
        out_dir: output directory.
        batch_size: inputs (files, JSONL lines, table rows) per batch.
        progress: show a progress bar (``None``: in notebooks and terminals only), or a
            callable, called after each batch (once it is recorded in the manifest) with the
            bytes of input done and in all.
        resume: continue a previous run in ``out_dir``; ``False`` starts again.
        corpus_tables: compute the corpus-level tables (linking, co-occurrence, events,
            stories). Their stage reads the records back batch by batch, in several passes,
            and holds aggregates (distinct names, entities, co-occurring pairs, features)
            and a few bytes per document, spilling the rest to ``out_dir/_spill``;
            ``False`` leaves them empty (``story_id`` is then the ``doc_id``).
        **options: the options below. With ``errors="raise"``, the exception comes once
            every part is written.

    Returns:
        The written parts by table.

    Raises:
        ConfigError: ``out_dir`` holds a run with other inputs or options.
        OptionError: an option has a value it cannot take.
        DocumentError, InternalError: with ``errors="raise"``, a document failed.

    Example:
        >>> import tempfile, newsframe as nf
        >>> out = tempfile.mkdtemp()
        >>> parts = nf.write_parquet("data/sample/", out, batch_size=2, progress=False)
        >>> [p.name for p in parts["documents"]]
        ['part-00000.parquet', 'part-00001.parquet', 'part-00002.parquet']
        >>> nf.read_parquet(out).entities.equals(nf.read("data/sample/").entities)
        True
    """
    _check_batch_size(batch_size)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    resolved = resolve(options)
    core_check(resolved)
    if not corpus_tables:
        resolved = resolved.with_core(analytics=False)
    core = resolved.json
    entries = _inputs.expand(paths, stacklevel=2)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    identity = {"paths": [os.fspath(p) for p in paths], "options": core, "batch_size": batch_size}
    manifest: dict[str, Any] = {"version": 1, **identity, "batches": [], "complete": False, "finalized": False}
    if (out / MANIFEST).exists() and resume:
        previous = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if not _same_run(previous, identity):
            raise ConfigError(
                f"[E003] invalid configuration: {out} holds a run with other inputs, options or batch size; "
                "use another directory or resume=False"
            )
        manifest = previous
    else:
        _save_manifest(out, manifest)

    units = _inputs.file_units(entries, resolved)
    total = _inputs.total_size(entries)
    done = manifest["batches"]
    skip_inputs = sum(b["n_inputs"] for b in done)
    skipped_bytes = 0
    for _ in range(skip_inputs):
        _, n = next(units)
        skipped_bytes += n
    first = sum(b["n_docs"] for b in done)
    if not manifest["complete"]:
        with _progress(progress, total, initial=skipped_bytes) as bar:
            for inputs, size in _batches(units, batch_size):
                i = len(done)
                tables = dict(_newsframe.process_batch(inputs, core))
                batch = Batch(tables, first)
                for name in DOC_TABLES:
                    _write_atomic(getattr(batch, name), _part(out, name, i))
                _write_atomic(tables["records"], _part(out, RECORDS, i))
                done.append({"part": i, "n_inputs": len(inputs), "n_docs": len(batch), "first_doc": first})
                _save_manifest(out, manifest)
                first += len(batch)
                bar.update(size)
                del tables, batch
        if not done:  # no input at all: empty parts, with their columns
            tables = dict(_newsframe.process_batch([], core))
            for name in DOC_TABLES:
                _write_atomic(tables[name], _part(out, name, 0))
            _write_atomic(tables["records"], _part(out, RECORDS, 0))
            done.append({"part": 0, "n_inputs": 0, "n_docs": 0, "first_doc": 0})
        manifest["complete"] = True
        _save_manifest(out, manifest)
    if not manifest["finalized"]:
        _finalize(out, core, done)
        manifest["finalized"] = True
        _save_manifest(out, manifest)
    written = {name: [_part(out, name, 0)] for name in CORPUS_TABLES}
    written.update({name: [_part(out, name, b["part"]) for b in done] for name in BATCH_TABLES})
    if resolved["errors"] == "raise":
        docs = pl.scan_parquet(written["documents"]).select("source", "error")
        failed = docs.filter(pl.col("error").is_not_null()).collect()
        if failed.height:
            raise failure(failed, docs.select(pl.len()).collect().item(), str(out))
    return written


def _finalize(out: Path, options: str, done: list[dict[str, Any]]) -> None:
    """The corpus-level stage of :func:`write_parquet`, batch by batch over the records on
    disk (several passes): its memory holds aggregates (names, entities, pairs, features)
    and a few bytes per document, not the records. The output pass gives each batch its
    mentions' links and its events part; the stories pass writes the stories part of each
    batch, and the few late rows (a title from a later batch) join their parts at the end;
    documents parts get their story ids last. Nothing is held or merged across batches, so
    memory does not grow with the corpus here. Rerunning it after a kill gives the same
    files."""
    spill = out / "_spill"
    for name in ("events", "stories", "_events"):  # parts of an interrupted run, or of an older layout
        shutil.rmtree(out / name, ignore_errors=True)

    def batches() -> Iterator[pl.Series]:
        for b in done:
            yield pl.read_parquet(_part(out, RECORDS, b["part"]))["record"]

    def output(i: int, first: int, tables: dict[str, pl.DataFrame]) -> None:
        b = done[i]
        if "stories" in tables:
            _write_atomic(tables["stories"], _part(out, "stories", b["part"]))
            return
        path = _part(out, "mentions", b["part"])
        mentions = pl.read_parquet(path)
        _write_atomic(_with_links(mentions, tables["links"], first, first + b["n_docs"]), path)
        _write_atomic(tables["events"], _part(out, "events", b["part"]))

    spill.mkdir(parents=True, exist_ok=True)
    stage = _corpus_stage(options, batches, str(spill), output)
    tables = dict(stage.tables())
    for name in ("entities", "cooccurrence"):
        _write_atomic(tables[name], _part(out, name, 0))
    late = tables["stories"]
    if late.height:
        starts = pl.Series([b["first_doc"] for b in done], dtype=pl.Int64)
        batch = starts.search_sorted(late["story_id"].cast(pl.Int64), side="right") - 1
        for k, rows in late.with_columns(_batch=batch).partition_by("_batch", as_dict=True, maintain_order=True).items():
            path = _part(out, "stories", done[k[0]]["part"])
            _write_atomic(pl.concat([pl.read_parquet(path), rows.drop("_batch")]).sort("story_id"), path)
    for b in done:
        if not _part(out, "events", b["part"]).exists():  # no output pass: corpus tables off
            _write_atomic(tables["events"], _part(out, "events", b["part"]))
        path = _part(out, "documents", b["part"])
        docs = pl.read_parquet(path)
        stories = stage.story_ids(b["first_doc"], b["first_doc"] + b["n_docs"])
        _write_atomic(docs.with_columns(pl.Series("story_id", stories, dtype=pl.UInt32)), path)
    del stage
    shutil.rmtree(spill, ignore_errors=True)


def read_parquet(out_dir: PathLike) -> Corpus:
    """Loads the output of :func:`write_parquet` into a :class:`newsframe.Corpus`.

    Example:
        >>> import tempfile, newsframe as nf
        >>> out = tempfile.mkdtemp()
        >>> _ = nf.write_parquet("data/sample/", out, progress=False)
        >>> nf.read_parquet(out).documents.height
        5
    """
    out = Path(out_dir)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    if not manifest.get("finalized"):
        raise ConfigError(f"[E003] invalid configuration: {out} holds an unfinished run; call write_parquet again")
    tables = {}
    for name in Corpus.TABLES:
        parts = [_part(out, name, b["part"]) for b in manifest["batches"]] if name in BATCH_TABLES else [_part(out, name, 0)]
        tables[name] = pl.concat([pl.read_parquet(p) for p in parts]) if parts else pl.read_parquet(_part(out, name, 0))
    return Corpus(tables)
