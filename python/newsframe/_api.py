"""The public API: read a corpus into DataFrames.

Every function here takes the options of :class:`newsframe.Options` as keyword arguments
(``lang=``, ``model=``, ``max_bytes=``, …): they are declared once, in
``newsframe/_options.py``, and checked there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

import polars as pl

from newsframe import _inputs, _newsframe
from newsframe._options import Resolved, resolve, takes_options
from newsframe.exceptions import ConfigError, DocumentError, InternalError

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from newsframe._options import Options

PathLike = Union[str, "os.PathLike[str]"]

_EMPTY_SKIPPED = pl.DataFrame(schema={"source": pl.String, "record_type": pl.String, "reason": pl.String,
                                      "detail": pl.String, "count": pl.UInt64})


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

    documents: pl.DataFrame
    sentences: pl.DataFrame
    mentions: pl.DataFrame
    entities: pl.DataFrame
    cooccurrence: pl.DataFrame
    events: pl.DataFrame
    stories: pl.DataFrame
    skipped: pl.DataFrame

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


def failure(failed: pl.DataFrame, n_docs: int, where: str, corpus: Any = None) -> Exception:
    """The exception of ``errors="raise"``: ``failed`` holds the failed documents' ``source``
    and ``error``, in document order; ``where`` says where the tables are."""
    internal = failed.filter(pl.col("error").str.starts_with("[D099]"))
    first = internal if internal.height else failed
    source, error = first["source"][0], first["error"][0]
    message = f"{error} ({failed.height} of {n_docs} documents failed; every table is in {where})"
    if internal.height:
        return InternalError(message, source=source, error=error, corpus=corpus)
    return DocumentError(f"{source}: {message}", source=source, error=error, corpus=corpus)


def _finish(tables: list[tuple[str, pl.DataFrame]], options: Resolved) -> Corpus:
    """The corpus of a run; with ``errors="raise"``, raises when a document failed."""
    corpus = Corpus(dict(tables))
    if options["errors"] == "raise":
        failed = corpus.documents.filter(pl.col("error").is_not_null())
        if failed.height:
            raise failure(failed, corpus.documents.height, "this exception's .corpus", corpus)
    return corpus


def _run(inputs: list[dict[str, Any]], options: Resolved) -> Corpus:
    return _finish(_newsframe.process(inputs, options.json), options)


@takes_options()
def read(paths: Union[PathLike, Sequence[PathLike]], **options: Unpack[Options]) -> Corpus:
    """Reads news articles from files into a :class:`Corpus`.

    Args:
        paths: a file, a directory (read recursively, in sorted order), a glob pattern, or a
            list of these. Supported: ``.txt``, ``.html``/``.htm``, ``.jsonl``/``.ndjson``,
            ``.parquet``, ``.csv``, and any of them gzipped (``.gz``), and WARC archives
            (``.warc``, ``.warc.gz`` as Common Crawl writes them): each HTML ``response``
            record is a document whose ``source`` is its ``WARC-Target-URI`` and
            ``WARC-Record-ID``; the other records are counted in ``corpus.skipped``. Inside
            directories, other files are skipped with a warning; a file named explicitly is
            read as text. Parquet and CSV files are read a slice of rows at a time.
        **options: the options below.

    Returns:
        A :class:`Corpus`; every input file yields at least one ``documents`` row.

    Raises:
        PathNotFoundError: a path does not exist or a glob matches nothing (also a
            ``FileNotFoundError``).
        OptionError: an option has a value it cannot take (also a ``ValueError``; an
            unknown option or a value of the wrong type is an ``OptionTypeError``, also a
            ``TypeError``).
        ConfigError: an invalid rule file or encoding label.
        DocumentError, InternalError: with ``errors="raise"``, a document failed.
        KeyboardInterrupt: Ctrl-C stops a run within about one document per thread.

    Example:
        >>> import newsframe as nf
        >>> corpus = nf.read("data/sample/")
        >>> corpus.documents.select("lang").to_series().to_list()
        ['en', 'en', 'en', 'en', 'ar']
        >>> nf.read("data/sample/", lang="english")
        Traceback (most recent call last):
        ...
        newsframe.exceptions.OptionError: [E003] invalid configuration: lang must be an ISO 639-1 code such as 'en' or 'ar', or None to detect each document's language; got 'english'
    """
    resolved = resolve(options)
    entries = _inputs.expand(paths, stacklevel=2)
    inputs = [inp for inp, _ in _inputs.file_units(entries, resolved)]
    return _run(inputs, resolved)


@takes_options()
def read_texts(
    texts: Union[Iterable[Optional[str]], pl.Series, pl.DataFrame],
    ids: Optional[Union[Iterable[Any], pl.Series]] = None,
    *,
    titles: Optional[Iterable[Optional[str]]] = None,
    **options: Unpack[Options],
) -> Corpus:
    """Processes texts held in memory: a list, a ``pl.Series``, or a DataFrame.

    Args:
        texts: the article texts (``None`` or a non-string becomes an error row ``[D005]``),
            or a DataFrame read as the rows of a Parquet file are: its ``text_field`` (or
            ``html_field``), ``title_field``, ``url_field`` and ``date_field`` columns.
        ids: one id per text, used as ``documents.source``; defaults to ``"0"``, ``"1"``, …
        titles: known titles of a list of texts; when given, no title is detected.
        **options: the options below (``max_bytes`` counts a text's UTF-8 bytes).

    Example:
        >>> import newsframe as nf, polars as pl
        >>> c = nf.read_texts(["US and Algeria\\nThe talks ended on 6 December."], ids=["a"])
        >>> c.documents.select("source", "title", "lang").row(0)
        ('a', 'US and Algeria', 'en')
        >>> df = pl.DataFrame({"body": ["Talks ended.\\nThey met in Algiers."], "headline": ["Talks"]})
        >>> nf.read_texts(df, text_field="body", title_field="headline").documents["title"].to_list()
        ['Talks']
    """
    resolved = resolve(options)
    return _run(_inputs.text_inputs(texts, ids, titles, resolved), resolved)


@takes_options()
def read_html(
    pages: Union[str, bytes, Iterable[Union[str, bytes, None]], pl.Series],
    urls: Optional[Union[Iterable[Optional[str]], pl.Series]] = None,
    *,
    ids: Optional[Union[Iterable[Any], pl.Series]] = None,
    **options: Unpack[Options],
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
        **options: the options below.

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
    resolved = resolve(options)
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
    inputs = []
    for page_id, page, page_url in zip(id_list, page_list, url_list):
        source, url = _inputs.safe_str(page_id), _inputs.safe_str(page_url)
        if isinstance(page, str):
            inputs.append(_inputs.make_input("html", source, _inputs.safe_str(page), url=url))
        elif isinstance(page, (bytes, bytearray, memoryview)):
            inputs.append(_inputs.make_input("html", source, url=url, data=bytes(page)))
        else:
            inputs.append(_inputs.make_input(
                "error", source, error=f"[D005] bad record: expected str or bytes, got {type(page).__name__}"))
    return _run(inputs, resolved)


#: What :func:`extract` changes from the declared defaults: strings are taken as they are.
EXTRACT_DEFAULTS = {"boilerplate": False}


@takes_options(EXTRACT_DEFAULTS)
def extract(texts: Union[str, Iterable[Optional[str]], pl.Series], **options: Unpack[Options]) -> pl.DataFrame:
    """Entity mentions of plain strings, as the ``mentions`` table.

    The strings are taken as they are (``boilerplate=False`` by default), so ``start``/``end``
    index each given string (``doc_id`` is its position), apart from whitespace
    normalisation, which ``raw_start``/``raw_end`` undo.

    Example:
        >>> import newsframe as nf
        >>> m = nf.extract("Algeria spent US$21.3 billion on defence in 2024.")
        >>> m.select("text", "label", "amount_min", "currency").row(1)
        ('US$21.3 billion', 'MONEY', 21300000000.0, 'USD')
    """
    if isinstance(texts, str):
        texts = [texts]
    resolved = resolve(options, EXTRACT_DEFAULTS)
    return _run(_inputs.text_inputs(texts, None, None, resolved), resolved).mentions
