"""The public API: read a corpus into DataFrames."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import polars as pl

from newsframe import _newsframe
from newsframe.exceptions import ConfigError, DocumentError, InternalError

PathLike = Union[str, "os.PathLike[str]"]

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Default size limit of one input after decompression, in bytes.
DEFAULT_MAX_BYTES = 1 << 30
HTML_MODES = ("article", "visible", "raw")


_EMPTY_SKIPPED = pl.DataFrame(schema={"source": pl.String, "record_type": pl.String, "reason": pl.String,
                                      "detail": pl.String, "count": pl.UInt64})

#: Default limit of one line's length, in characters.
DEFAULT_MAX_LINE_CHARS = 1 << 20
#: Default limit of the mentions of one document.
DEFAULT_MAX_MENTIONS = 100_000

_ERRORS = ("keep", "raise")


class Corpus:
    """The tables of a processed corpus.

    Attributes:
        documents: one row per input document (failed ones included, with ``error`` set),
            with its ``story_id``.
        sentences: one row per sentence; ``start``/``end`` index ``documents.text``.
        mentions: one row per entity mention (PERSON, ORG, GPE, LOC, NORP, DATE, MONEY,
            PERCENT); ``start``/``end`` index ``documents.text``, ``raw_start``/``raw_end``
            the decoded input, the value columns hold normalised amounts and dates
            (``amount_min``/``amount_max`` and ISO 4217 ``currency`` of MONEY, ``percent``,
            ``date``/``date_end`` as ISO 8601 prefixes) and ``qualifier`` the comparative
            modifier written before a MONEY or PERCENT span ("more than", "about", "up
            to"), and ``entity_id``/``evidence`` say which entity it names and why.
        entities: one row per linked entity: display name, label, kb id, every alias seen,
            languages, counts, and the country it stands for when it acts.
        cooccurrence: entity pairs mentioned in the same sentence (``level="sentence"``) or
            document (``level="document"``).
        events: country–action–country events (visit, consult, agreement, arms_sale,
            military_cooperation, exercise, aid, criticism) with their trigger, money and date.
        stories: near-duplicates and the same story across languages.
        skipped: records of WARC archives that are not documents, counted per ``source``
            (the WARC file), ``record_type`` (``warcinfo``, ``request``, ``metadata``,
            ``revisit``, ``response``, …), ``reason`` (``record type``, ``http status``,
            ``not html``) and ``detail`` (the status code or media type). Not one of
            :attr:`TABLES`: it describes the inputs, not the corpus.

    Example:
        >>> import newsframe as nf
        >>> corpus = nf.read_texts(["Algeria and Russia signed a deal. Talks went well."])
        >>> corpus.sentences["text"].to_list()
        ['Algeria and Russia signed a deal.', 'Talks went well.']
    """

    TABLES = ("documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories")
    __slots__ = TABLES + ("skipped",)

    def __init__(self, tables: dict[str, pl.DataFrame]) -> None:
        for name in self.TABLES:
            setattr(self, name, tables[name])
        self.skipped = tables.get("skipped", _EMPTY_SKIPPED)

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
    html_field: Optional[str] = None,
    title_field: str = "title",
    url_field: str = "url",
    date_field: str = "date",
    max_bytes: int = DEFAULT_MAX_BYTES,
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    include_misc: bool = False,
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
    html: str = "article",
    max_line_chars: Optional[int] = DEFAULT_MAX_LINE_CHARS,
    max_mentions: Optional[int] = DEFAULT_MAX_MENTIONS,
    errors: str = "keep",
    panic_on: Optional[str] = None,
) -> str:
    if html not in HTML_MODES:
        raise ConfigError(f"[E003] invalid configuration: html must be one of {HTML_MODES}, got {html!r}")
    if n_threads is not None and (not isinstance(n_threads, int) or n_threads < 1):
        raise ConfigError(f"[E003] invalid configuration: n_threads must be a positive int, got {n_threads!r}")
    for name, value, optional in (("max_bytes", max_bytes, False), ("max_line_chars", max_line_chars, True),
                                  ("max_mentions", max_mentions, True)):
        if value is None and optional:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            allowed = "a non-negative int" + (" or None" if optional else "")
            raise ConfigError(f"[E003] invalid configuration: {name} must be {allowed}, got {value!r}")
    if errors not in _ERRORS:
        raise ConfigError(f"[E003] invalid configuration: errors must be one of {_ERRORS}, got {errors!r}")
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
                "html_field": html_field,
                "title_field": title_field,
                "url_field": url_field,
                "date_field": date_field,
                "max_bytes": int(max_bytes),
                "html": html,
            },
            "lang": lang,
            "boilerplate": bool(boilerplate),
            "boilerplate_rules": rules,
            "n_threads": n_threads,
            "mentions": bool(mentions),
            "pub_date": None if pub_date is None else str(pub_date),
            "kb_entries": _kb_entries(kb),
            "model": None if model is None else os.fspath(model),
            "include_misc": bool(include_misc),
            "link": {"merges": [list(map(str, p)) for p in merges], "splits": [list(map(str, p)) for p in splits]},
            "max_line_chars": max_line_chars,
            "max_mentions": max_mentions,
            "_panic_on": panic_on,
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
           date: Any = None, error: Optional[str] = None, data: Optional[bytes] = None,
           path: Optional[str] = None) -> dict[str, Any]:
    return {"kind": kind, "source": source, "text": text, "title": title, "url": url,
            "date": date, "error": error, "data": data, "path": path}


def _file_input(kind: str, path: str, error: Optional[str] = None) -> dict[str, Any]:
    """A file to read. ``path`` may hold surrogate escapes (a file name that is not UTF-8);
    it goes to Rust as a path, and its printable form, as Rust shows it, is the source."""
    return _input(kind, _safe_str(path), error=error, path=path)


def _finish(tables: list[tuple[str, pl.DataFrame]], errors: str) -> Corpus:
    """The corpus of a run; with ``errors="raise"``, raises when a document failed."""
    corpus = Corpus(dict(tables))
    if errors == "raise":
        failed = corpus.documents.filter(pl.col("error").is_not_null())
        if failed.height:
            internal = failed.filter(pl.col("error").str.starts_with("[D099]"))
            first = internal if internal.height else failed
            source, error = first["source"][0], first["error"][0]
            message = (f"{error} ({failed.height} of {corpus.documents.height} documents failed; "
                       "every table is in this exception's .corpus)")
            cls = InternalError if internal.height else DocumentError
            if cls is DocumentError:
                message = f"{source}: {message}"
            raise cls(message, source=source, error=error, corpus=corpus)
    return corpus


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
                  date_field: str, html_field: Optional[str] = None) -> list[dict[str, Any]]:
    """Reads a Parquet or CSV file with polars; one input per row, or one error input. With
    ``html_field``, that column holds each row's article as HTML."""
    try:
        # A named pipe would block the reader forever, a device never end.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return [_file_input("error", path, error="[D009] unsupported input: not a regular file")]
    except OSError as e:
        return [_file_input("error", path, error=f"[D007] cannot read: {e.strerror}")]
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
        return [_file_input("table", path, error=f"{type(e).__name__}: {e}")]
    content_field = html_field if html_field is not None else text_field
    if content_field not in df.columns:
        return [_file_input("table", path, error=f"no column {content_field!r} (columns: {df.columns})")]
    if df.height == 0:
        return [_file_input("table", path, error="table has no rows")]

    def column(name: str) -> list[Any]:
        return df[name].cast(pl.String).to_list() if name in df.columns else [None] * df.height

    texts, titles, urls, dates = (column(c) for c in (content_field, title_field, url_field, date_field))
    kind = "text" if html_field is None else "html_cell"
    return [
        _input(kind, _safe_str(f"{path}:{i + 1}"), _safe_str(t) if t is not None else "", _safe_str(ti),
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
    html_field: Optional[str] = None,
    title_field: str = "title",
    url_field: str = "url",
    date_field: str = "date",
    boilerplate: bool = True,
    boilerplate_rules: Optional[Sequence[PathLike]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_line_chars: Optional[int] = DEFAULT_MAX_LINE_CHARS,
    max_mentions: Optional[int] = DEFAULT_MAX_MENTIONS,
    errors: str = "keep",
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    include_misc: bool = False,
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
    html: str = "article",
    _panic_on: Optional[str] = None,
) -> Corpus:
    """Reads news articles from files into a :class:`Corpus`.

    Args:
        paths: a file, a directory (read recursively, in sorted order), a glob pattern, or a
            list of these. Supported: ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``,
            ``.parquet``, ``.csv``, and any of them gzipped (``.gz``), and WARC archives
            (``.warc``, ``.warc.gz`` as Common Crawl writes them): each HTML ``response``
            record is a document whose ``source`` is its ``WARC-Target-URI`` and
            ``WARC-Record-ID``; the other records are counted in ``corpus.skipped``. Inside
            directories, other files are skipped with a warning; a file named explicitly is
            read as text.
        lang: ISO 639-1 code to use for every document instead of detection.
        encoding: encoding (e.g. ``"windows-1256"``) to use instead of detection; a BOM still
            wins. Without it, the charset comes from the BOM, the HTTP header (WARC), an HTML
            ``<meta>`` declaration, valid UTF-8, then a detector; ``documents.encoding`` says
            which was used.
        n_threads: worker threads; ``None`` uses all cores. The output does not depend on it.
        text_field, title_field, url_field, date_field: field (JSONL) or column (Parquet, CSV) names.
        html_field: field (JSONL) or column (Parquet, CSV) holding each article as HTML, read
            instead of ``text_field``: the page's visible text is the document, its ``<title>``
            the title unless ``title_field`` gives one.
        boilerplate: remove boilerplate lines (they stay in the ``boilerplate`` column).
        boilerplate_rules: extra rule files, in the format of ``newsframe/data/boilerplate.toml``.
        max_bytes: largest input read, in bytes after decompression (so a gzip bomb stops
            there); a larger one is an error row ``[D004]`` without text. For WARC archives it
            applies to each record, not to the archive.
        max_line_chars: longest line, in characters (``None``: no limit); a document with a
            longer line is an error row ``[D011]`` without text.
        max_mentions: most mentions of one document (``None``: no limit); past it the
            document keeps its text and sentences but has no mentions, and its error is
            ``[D012]``. No limit ever truncates silently: reaching one is always in ``error``.
        errors: ``"keep"`` (failed documents are rows with ``error`` set) or ``"raise"``:
            after the run, raise :class:`~newsframe.DocumentError` (or
            :class:`~newsframe.InternalError` for a caught bug, ``[D099]``) naming the first
            failed document, with every table in the exception's ``.corpus``.
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
        include_misc: also keep the model's MISC mentions (names of no other type: events,
            works, products, nationalities the knowledge base does not know), with label and
            ``label_detail`` ``"MISC"``. Off by default: the eight labels only.
        merges, splits: pairs of surface forms or entity ids that must (or must never) be
            linked to one entity; they win over every linking heuristic.
        html: what an HTML page yields: ``"article"`` (the main content; navigation, ads,
            comments, share bars, related links, cookie banners and footers go to the
            ``boilerplate`` column), ``"visible"`` (every visible text block) or ``"raw"``
            (the markup itself as text). Metadata columns (title, pub_date, author, site,
            canonical_url, lang_hint) are filled in every mode.

    Returns:
        A :class:`Corpus`; every input file yields at least one ``documents`` row.

    Raises:
        PathNotFoundError: a path does not exist or a glob matches nothing (also a
            ``FileNotFoundError``).
        ConfigError: an invalid option or rule file.
        DocumentError, InternalError: with ``errors="raise"``, a document failed.
        KeyboardInterrupt: Ctrl-C stops a run within about one document per thread.

    Example:
        >>> import newsframe as nf
        >>> corpus = nf.read("data/sample/")
        >>> corpus.documents.select("lang").to_series().to_list()
        ['en', 'en', 'en', 'en', 'ar']
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = _options(lang=lang, encoding=encoding, n_threads=n_threads, boilerplate=boilerplate,
                       boilerplate_rules=boilerplate_rules, text_field=text_field, html_field=html_field,
                       title_field=title_field, url_field=url_field, date_field=date_field,
                       max_bytes=max_bytes, mentions=mentions, pub_date=pub_date, kb=kb, model=model,
                       include_misc=include_misc, merges=merges, splits=splits, html=html,
                       max_line_chars=max_line_chars, max_mentions=max_mentions, errors=errors,
                       panic_on=_panic_on)
    entries, skipped = _newsframe.expand_paths([os.fspath(p) for p in paths])
    skipped = [_safe_str(s) for s in skipped]
    if skipped:
        shown = ", ".join(skipped[:3]) + (", …" if len(skipped) > 3 else "")
        warnings.warn(f"skipped {len(skipped)} file(s) with unsupported extensions: {shown}", stacklevel=2)
    inputs: list[dict[str, Any]] = []
    for path, kind, error in entries:
        path = os.fspath(path)
        if error is not None:
            inputs.append(_file_input("error", path, error=error))
        elif kind == "table":
            inputs.extend(_table_inputs(path, text_field, title_field, url_field, date_field, html_field))
        else:
            inputs.append(_file_input(kind, path))
    return _finish(_newsframe.process(inputs, options), errors)


def read_texts(
    texts: Union[Iterable[Optional[str]], pl.Series],
    ids: Optional[Union[Iterable[Any], pl.Series]] = None,
    *,
    titles: Optional[Iterable[Optional[str]]] = None,
    lang: Optional[str] = None,
    n_threads: Optional[int] = None,
    boilerplate: bool = True,
    boilerplate_rules: Optional[Sequence[PathLike]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_line_chars: Optional[int] = DEFAULT_MAX_LINE_CHARS,
    max_mentions: Optional[int] = DEFAULT_MAX_MENTIONS,
    errors: str = "keep",
    mentions: bool = True,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    include_misc: bool = False,
    merges: Sequence[tuple[str, str]] = (),
    splits: Sequence[tuple[str, str]] = (),
    _panic_on: Optional[str] = None,
) -> Corpus:
    """Processes in-memory texts (a list, a ``pl.Series``, a DataFrame column).

    Args:
        texts: the article texts. ``None`` or a non-string becomes an error row.
        ids: one id per text, used as ``documents.source``; defaults to ``"0"``, ``"1"``, …
        titles: known titles; when given, no title is detected from the text.
        lang, n_threads, boilerplate, boilerplate_rules, max_bytes, max_line_chars,
            max_mentions, errors, mentions, pub_date, kb, model, include_misc,
            merges, splits: as for
            :func:`read` (``max_bytes`` counts a text's UTF-8 bytes).

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
                       model=model, include_misc=include_misc, merges=merges, splits=splits, max_bytes=max_bytes,
                       max_line_chars=max_line_chars, max_mentions=max_mentions, errors=errors,
                       panic_on=_panic_on)
    inputs = []
    for source, text, title in zip(id_list, texts, title_list):
        if isinstance(text, str):
            inputs.append(_input("text", _safe_str(source), _safe_str(text), _safe_str(title)))
        else:
            inputs.append(_input("error", _safe_str(source), error=f"[D005] bad record: expected str, got {type(text).__name__}"))
    return _finish(_newsframe.process(inputs, options), errors)


def read_html(
    pages: Union[str, bytes, Iterable[Union[str, bytes, None]], pl.Series],
    urls: Optional[Union[Iterable[Optional[str]], pl.Series]] = None,
    *,
    ids: Optional[Union[Iterable[Any], pl.Series]] = None,
    html: str = "article",
    lang: Optional[str] = None,
    encoding: Optional[str] = None,
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
    """Processes HTML pages held in memory (strings, or bytes decoded as files are).

    Each page goes through the same extraction as an ``.html`` file: the article body
    becomes ``documents.text`` (paragraphs separated by blank lines), the blocks dropped on
    the way go to ``documents.boilerplate``, and the page's metadata fills ``title``,
    ``pub_date``, ``author``, ``site``, ``url``, ``canonical_url`` and ``lang_hint``.
    Pages are parsed in parallel on ``n_threads`` threads.

    Args:
        pages: the pages; ``str`` is taken as decoded text, ``bytes`` are decoded (BOM,
            UTF-8, detection; ``encoding=`` overrides). ``None`` becomes an error row.
        urls: the URL of each page (or ``None``): it fills ``documents.url`` and is a
            metadata source (a date in its path, the base of a relative canonical link).
        ids: one id per page, used as ``documents.source``; defaults to ``"0"``, ``"1"``, …
        html: ``"article"``, ``"visible"`` or ``"raw"``, as for :func:`read`.
        lang, encoding, n_threads, boilerplate, boilerplate_rules, mentions, pub_date, kb,
            model, merges, splits: as for :func:`read`.

    Example:
        >>> import newsframe as nf
        >>> page = ('<html lang="en"><head><title>Talks end | Daily</title></head><body>'
        ...         '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
        ...         '<p>The talks ended on Monday in Algiers with an agreement on gas prices.</p>'
        ...         '<p>Both delegations will meet again in the spring.</p></article>'
        ...         '<footer>Contact us</footer></body></html>')
        >>> d = nf.read_html([page], urls=["https://daily.example/2024/03/05/talks"]).documents
        >>> d.select("title", "pub_date", "lang_hint").row(0)
        ('Talks end', '2024-03-05', 'en')
        >>> print(d["text"][0])
        The talks ended on Monday in Algiers with an agreement on gas prices.
        <BLANKLINE>
        Both delegations will meet again in the spring.
        >>> d["boilerplate"][0].to_list()
        ['Home World', 'Contact us']
    """
    if isinstance(pages, (str, bytes)):
        pages = [pages]
    page_list = pages.to_list() if isinstance(pages, pl.Series) else list(pages)
    n = len(page_list)
    if ids is None:
        id_list = [str(i) for i in range(n)]
    else:
        id_list = [str(i) for i in (ids.to_list() if isinstance(ids, pl.Series) else ids)]
    url_list = [None] * n if urls is None else (urls.to_list() if isinstance(urls, pl.Series) else list(urls))
    for name, values in (("ids", id_list), ("urls", url_list)):
        if len(values) != n:
            raise ConfigError(f"[E003] invalid configuration: {n} pages but {len(values)} {name}")
    options = _options(lang=lang, encoding=encoding, n_threads=n_threads, boilerplate=boilerplate,
                       boilerplate_rules=boilerplate_rules, mentions=mentions, pub_date=pub_date, kb=kb,
                       model=model, merges=merges, splits=splits, html=html)
    inputs = []
    for source, page, url in zip(id_list, page_list, url_list):
        url = _safe_str(url)
        if isinstance(page, str):
            inputs.append(_input("html", source, _safe_str(page), url=url))
        elif isinstance(page, (bytes, bytearray, memoryview)):
            inputs.append(_input("html", source, url=url, data=bytes(page)))
        else:
            inputs.append(_input("error", source, error=f"[D005] bad record: expected str or bytes, got {type(page).__name__}"))
    return Corpus(dict(_newsframe.process(inputs, options)))


def extract(
    texts: Union[str, Iterable[Optional[str]], pl.Series],
    *,
    lang: Optional[str] = None,
    n_threads: Optional[int] = None,
    pub_date: Optional[str] = None,
    kb: Any = None,
    model: Optional[PathLike] = "default",
    include_misc: bool = False,
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
                        model=model, include_misc=include_misc)
    return corpus.mentions
