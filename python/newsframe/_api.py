"""The public API: read a corpus into DataFrames."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import polars as pl

from newsframe import _newsframe
from newsframe.exceptions import ConfigError

PathLike = Union[str, "os.PathLike[str]"]

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Default size limit of one input after decompression, in bytes.
DEFAULT_MAX_BYTES = 1 << 30


class Corpus:
    """The tables of a processed corpus.

    Attributes:
        documents: one row per input document (failed ones included, with ``error`` set),
            with its ``story_id``.
        sentences: one row per sentence; ``start``/``end`` index ``documents.text``.
        mentions: one row per entity mention (PERSON, ORG, GPE, LOC, NORP, DATE, MONEY,
            PERCENT); ``start``/``end`` index ``documents.text``, ``raw_start``/``raw_end``
            the decoded input, the value columns hold normalised amounts and dates, and
            ``entity_id``/``evidence`` say which entity it names and why.
        entities: one row per linked entity: display name, label, kb id, every alias seen,
            languages, counts, and the country it stands for when it acts.
        cooccurrence: entity pairs mentioned in the same sentence (``level="sentence"``) or
            document (``level="document"``).
        events: country–action–country events (visit, consult, agreement, arms_sale,
            military_cooperation, exercise, aid, criticism) with their trigger, money and date.
        stories: near-duplicates and the same story across languages.

    Example:
        >>> import newsframe as nf
        >>> corpus = nf.read_texts(["Algeria and Russia signed a deal. Talks went well."])
        >>> corpus.sentences["text"].to_list()
        ['Algeria and Russia signed a deal.', 'Talks went well.']
    """

    TABLES = ("documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories")
    __slots__ = TABLES

    def __init__(self, tables: dict[str, pl.DataFrame]) -> None:
        for name in self.TABLES:
            setattr(self, name, tables[name])

    def __len__(self) -> int:
        return self.documents.height

    def __repr__(self) -> str:
        n_err = self.documents["error"].is_not_null().sum()
        return (
            f"<newsframe.Corpus: {self.documents.height} documents ({n_err} with errors), "
            f"{self.sentences.height} sentences, {self.mentions.height} mentions, "
            f"{self.entities.height} entities, {self.events.height} events, {self.stories.height} stories>"
        )

    @property
    def tables(self) -> dict[str, pl.DataFrame]:
        """The tables by name, in pipeline order."""
        return {name: getattr(self, name) for name in self.TABLES}

    def write_parquet(self, out_dir: PathLike) -> list[Path]:
        """Writes every table to ``out_dir/<table>.parquet`` and returns the paths.

        Example:
            >>> import tempfile, newsframe as nf
            >>> paths = nf.read_texts(["One. Two."]).write_parquet(tempfile.mkdtemp())
            >>> [p.name for p in paths][:3]
            ['documents.parquet', 'sentences.parquet', 'mentions.parquet']
        """
        return self._write(out_dir, "parquet")

    def _write(self, out_dir: PathLike, fmt: str) -> list[Path]:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables.items():
            path = out / f"{name}.{fmt}"
            if fmt == "parquet":
                df.write_parquet(path)
            elif fmt == "csv":
                # CSV has no list type: list cells are joined by newlines.
                flat = df.with_columns(
                    pl.col(pl.List(pl.String)).list.join("\n"),
                    pl.col(pl.List(pl.UInt32)).cast(pl.List(pl.String)).list.join("\n"),
                )
                flat.write_csv(path)
            elif fmt == "jsonl":
                df.write_ndjson(path)
            else:
                raise ConfigError(f"[E003] invalid configuration: unknown format {fmt!r}")
            written.append(path)
        return written


def _options(
    *,
    lang: Optional[str],
    encoding: Optional[str],
    n_threads: Optional[int],
    boilerplate: bool,
    boilerplate_rules: Optional[Sequence[PathLike]],
    text_field: str = "text",
    title_field: str = "title",
    url_field: str = "url",
    date_field: str = "date",
    max_bytes: int = DEFAULT_MAX_BYTES,
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
) -> str:
    if n_threads is not None and (not isinstance(n_threads, int) or n_threads < 1):
        raise ConfigError(f"[E003] invalid configuration: n_threads must be a positive int, got {n_threads!r}")
    rules = []
    for r in boilerplate_rules or ():
        path = Path(r)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            from newsframe.exceptions import PathNotFoundError

            raise PathNotFoundError(2, f"[E001] no such file or directory: {path}", str(path)) from None
        try:
            _newsframe.check_rules(text)
        except ConfigError as e:
            raise ConfigError(f"{e} (in {path})") from None
        rules.append(text)
    return json.dumps(
        {
            "ingest": {
                "encoding": encoding,
                "text_field": text_field,
                "title_field": title_field,
                "url_field": url_field,
                "date_field": date_field,
                "max_bytes": int(max_bytes),
            },
            "lang": lang,
            "boilerplate": bool(boilerplate),
            "boilerplate_rules": rules,
            "n_threads": n_threads,
            "mentions": bool(mentions),
            "pub_date": None if pub_date is None else str(pub_date),
            "kb_entries": _kb_entries(kb),
            "model": None if model is None else os.fspath(model),
            "link": {"merges": [list(map(str, p)) for p in merges], "splits": [list(map(str, p)) for p in splits]},
        }
    )


_KB_COLUMNS = ("alias", "label", "name", "id")


def _kb_entries(kb: Any) -> list[dict[str, str]]:
    """User knowledge-base entries from a DataFrame, a CSV path, or a list of dicts, each
    with columns alias, label, name and id."""
    if kb is None:
        return []
    if isinstance(kb, (str, os.PathLike)):
        path = Path(kb)
        if not path.exists():
            from newsframe.exceptions import PathNotFoundError

            raise PathNotFoundError(2, f"[E001] no such file or directory: {path}", str(path))
        kb = pl.read_csv(path, infer_schema=False)
    if isinstance(kb, pl.DataFrame):
        missing = [c for c in _KB_COLUMNS if c not in kb.columns]
        if missing:
            raise ConfigError(f"[E003] invalid configuration: kb entries lack columns {missing}")
        kb = kb.select(pl.col(c).cast(pl.String) for c in _KB_COLUMNS).to_dicts()
    entries = []
    for row in kb:
        try:
            entries.append({c: str(row[c]) for c in _KB_COLUMNS})
        except (KeyError, TypeError):
            raise ConfigError(f"[E003] invalid configuration: kb entry {row!r} needs {_KB_COLUMNS}") from None
    return entries


def _input(kind: str, source: str, text: Any = None, title: Any = None, url: Any = None,
           date: Any = None, error: Optional[str] = None) -> dict[str, Any]:
    return {"kind": kind, "source": source, "text": text, "title": title, "url": url,
            "date": date, "error": error, "data": None}


def _safe_str(value: Any) -> Optional[str]:
    """A str that can cross into Rust: lone surrogates become U+FFFD, one for one, so that
    character offsets still match the caller's string."""
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATE.sub("\ufffd", value)
    return value


def _table_inputs(path: str, text_field: str, title_field: str, url_field: str,
                  date_field: str) -> list[dict[str, Any]]:
    """Reads a Parquet or CSV file with polars; one input per row, or one error input."""
    try:
        if path.lower().endswith(".gz"):
            with gzip.open(path, "rb") as f:
                data = io.BytesIO(f.read())
            is_parquet = path.lower().endswith(".parquet.gz")
            df = pl.read_parquet(data) if is_parquet else pl.read_csv(data, infer_schema=False)
        elif path.lower().endswith(".parquet"):
            df = pl.read_parquet(path)
        else:
            df = pl.read_csv(path, infer_schema=False)
    except Exception as e:  # noqa: BLE001 - any reader failure is this file's error row
        return [_input("table", path, error=f"{type(e).__name__}: {e}")]
    if text_field not in df.columns:
        return [_input("table", path, error=f"no column {text_field!r} (columns: {df.columns})")]
    if df.height == 0:
        return [_input("table", path, error="table has no rows")]

    def column(name: str) -> list[Any]:
        return df[name].cast(pl.String).to_list() if name in df.columns else [None] * df.height

    texts, titles, urls, dates = (column(c) for c in (text_field, title_field, url_field, date_field))
    return [
        _input("text", f"{path}:{i + 1}", _safe_str(t) if t is not None else "", _safe_str(ti),
               _safe_str(u), _safe_str(d))
        for i, (t, ti, u, d) in enumerate(zip(texts, titles, urls, dates))
    ]


def read(
    paths: Union[PathLike, Sequence[PathLike]],
    *,
    lang: Optional[str] = None,
    encoding: Optional[str] = None,
    n_threads: Optional[int] = None,
    text_field: str = "text",
    title_field: str = "title",
    url_field: str = "url",
    date_field: str = "date",
    boilerplate: bool = True,
    boilerplate_rules: Optional[Sequence[PathLike]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
) -> Corpus:
    """Reads news articles from files into a :class:`Corpus`.

    Args:
        paths: a file, a directory (read recursively, in sorted order), a glob pattern, or a
            list of these. Supported: ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``,
            ``.parquet``, ``.csv``, and any of them gzipped (``.gz``). Inside directories,
            other files are skipped with a warning; a file named explicitly is read as text.
        lang: ISO 639-1 code to use for every document instead of detection.
        encoding: encoding (e.g. ``"windows-1256"``) to use instead of detection; a BOM still wins.
        n_threads: worker threads; ``None`` uses all cores. The output does not depend on it.
        text_field, title_field, url_field, date_field: field (JSONL) or column (Parquet, CSV) names.
        boilerplate: remove boilerplate lines (they stay in the ``boilerplate`` column).
        boilerplate_rules: extra rule files, in the format of ``newsframe/data/boilerplate.toml``.
        max_bytes: largest input read, after decompression; larger ones become error rows.
        mentions: extract entity mentions (``corpus.mentions``).
        pub_date: date (ISO 8601) of documents that carry none, to resolve relative dates
            such as "yesterday"; a document's own date field wins.
        kb: your own knowledge-base entries (a watch list): a DataFrame, a CSV path or a list
            of dicts with columns ``alias``, ``label``, ``name``, ``id``. They win over the
            shipped entries for the same alias.
        model: the statistical NER model whose candidates join the knowledge base and the
            rules: ``"default"`` (the shipped English and Arabic models), ``None`` (rules and
            knowledge base only, faster), or the path of a model you trained on your own
            annotations (see ``python/newsframe/data/models/README.md``).
        merges, splits: pairs of surface forms or entity ids that must (or must never) be
            linked to one entity; they win over every linking heuristic.

    Returns:
        A :class:`Corpus`; every input file yields at least one ``documents`` row.

    Raises:
        PathNotFoundError: a path does not exist or a glob matches nothing (also a
            ``FileNotFoundError``).
        ConfigError: an invalid option or rule file.

    Example:
        >>> import newsframe as nf
        >>> corpus = nf.read("data/sample/")
        >>> corpus.documents.select("lang").to_series().to_list()
        ['en', 'en', 'en', 'en', 'ar']
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = _options(lang=lang, encoding=encoding, n_threads=n_threads, boilerplate=boilerplate,
                       boilerplate_rules=boilerplate_rules, text_field=text_field,
                       title_field=title_field, url_field=url_field, date_field=date_field,
                       max_bytes=max_bytes, mentions=mentions, pub_date=pub_date, kb=kb, model=model,
                       merges=merges, splits=splits)
    entries, skipped = _newsframe.expand_paths([os.fspath(p) for p in paths])
    if skipped:
        shown = ", ".join(skipped[:3]) + (", …" if len(skipped) > 3 else "")
        warnings.warn(f"skipped {len(skipped)} file(s) with unsupported extensions: {shown}", stacklevel=2)
    inputs: list[dict[str, Any]] = []
    for path, kind, error in entries:
        if error is not None:
            inputs.append(_input("error", path, error=error))
        elif kind == "table":
            inputs.extend(_table_inputs(path, text_field, title_field, url_field, date_field))
        else:
            inputs.append(_input(kind, path))
    return Corpus(dict(_newsframe.process(inputs, options)))


def read_texts(
    texts: Union[Iterable[Optional[str]], pl.Series],
    ids: Optional[Union[Iterable[Any], pl.Series]] = None,
    *,
    titles: Optional[Iterable[Optional[str]]] = None,
    lang: Optional[str] = None,
    n_threads: Optional[int] = None,
    boilerplate: bool = True,
    boilerplate_rules: Optional[Sequence[PathLike]] = None,
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
) -> Corpus:
    """Processes in-memory texts (a list, a ``pl.Series``, a DataFrame column).

    Args:
        texts: the article texts. ``None`` or a non-string becomes an error row.
        ids: one id per text, used as ``documents.source``; defaults to ``"0"``, ``"1"``, …
        titles: known titles; when given, no title is detected from the text.
        lang, n_threads, boilerplate, boilerplate_rules, mentions, pub_date, kb, model, merges,
            splits: as for :func:`read`.

    Example:
        >>> import newsframe as nf
        >>> c = nf.read_texts(["US and Algeria\\nThe talks ended on 6 December."], ids=["a"])
        >>> c.documents.select("source", "title", "lang").row(0)
        ('a', 'US and Algeria', 'en')
    """
    texts = texts.to_list() if isinstance(texts, pl.Series) else list(texts)
    if ids is None:
        id_list = [str(i) for i in range(len(texts))]
    else:
        id_list = [str(i) for i in (ids.to_list() if isinstance(ids, pl.Series) else ids)]
        if len(id_list) != len(texts):
            raise ConfigError(f"[E003] invalid configuration: {len(texts)} texts but {len(id_list)} ids")
    title_list = list(titles) if titles is not None else [None] * len(texts)
    if len(title_list) != len(texts):
        raise ConfigError(f"[E003] invalid configuration: {len(texts)} texts but {len(title_list)} titles")
    options = _options(lang=lang, encoding=None, n_threads=n_threads, boilerplate=boilerplate,
                       boilerplate_rules=boilerplate_rules, mentions=mentions, pub_date=pub_date, kb=kb,
                       model=model, merges=merges, splits=splits)
    inputs = []
    for source, text, title in zip(id_list, texts, title_list):
        if isinstance(text, str):
            inputs.append(_input("text", source, _safe_str(text), _safe_str(title)))
        else:
            inputs.append(_input("error", source, error=f"[D005] bad record: expected str, got {type(text).__name__}"))
    return Corpus(dict(_newsframe.process(inputs, options)))


def extract(
    texts: Union[str, Iterable[Optional[str]], pl.Series],
    *,
    lang: Optional[str] = None,
    n_threads: Optional[int] = None,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
) -> pl.DataFrame:
    """Entity mentions of plain strings, as the ``mentions`` table.

    The strings are taken as they are (no boilerplate removal), so ``start``/``end`` index
    each given string (``doc_id`` is its position), apart from whitespace normalisation,
    which ``raw_start``/``raw_end`` undo.

    Example:
        >>> import newsframe as nf
        >>> m = nf.extract("Algeria spent US$21.3 billion on defence in 2024.")
        >>> m.select("text", "label", "amount_min", "currency").row(1)
        ('US$21.3 billion', 'MONEY', 21300000000.0, 'USD')
    """
    if isinstance(texts, str):
        texts = [texts]
    corpus = read_texts(texts, lang=lang, n_threads=n_threads, boilerplate=False, pub_date=pub_date, kb=kb,
                        model=model)
    return corpus.mentions
