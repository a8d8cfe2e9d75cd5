"""What the entry points hand to the core: one *input* (a dict the native module reads) per
file, JSONL line, table row or in-memory text, always built here, so that every entry point
reads the same input the same way.

Tables (Parquet, CSV, a DataFrame, a Ray batch) are read in slices, never whole: Parquet a
slice of rows at a time, CSV in blocks cut at record boundaries, each parsed by polars.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import shutil
import stat
import tempfile
import warnings
import zlib
from collections.abc import Iterator, Sequence
from typing import IO, Any, Optional

import polars as pl

from newsframe import _newsframe
from newsframe._options import Resolved

_SURROGATE = re.compile("[\ud800-\udfff]")

#: Rows of a Parquet file read at a time.
PARQUET_ROWS = 1024
#: Bytes of a CSV file read at a time (a record longer than this is read whole).
CSV_BLOCK = 8 << 20

#: An input and the bytes of the stored file it accounts for (for progress bars).
Unit = tuple[dict[str, Any], int]


def make_input(kind: str, source: Optional[str], text: Any = None, title: Any = None, url: Any = None,
               date: Any = None, error: Optional[str] = None, data: Optional[bytes] = None,
               path: Optional[str] = None) -> dict[str, Any]:
    """One input of the native module: ``kind`` is text, html, html_cell, jsonl, record,
    table, warc or error."""
    return {"kind": kind, "source": source, "text": text, "title": title, "url": url,
            "date": date, "error": error, "data": data, "path": path}


def file_input(kind: str, path: str, error: Optional[str] = None) -> dict[str, Any]:
    """A file to read. ``path`` may hold surrogate escapes (a file name that is not UTF-8);
    it goes to Rust as a path, and its printable form, as Rust shows it, is the source."""
    return make_input(kind, safe_str(path), error=error, path=path)


def safe_str(value: Any) -> Optional[str]:
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


# ------------------------------------------------------------------------------------------
# Table rows


def table_rows(df: pl.DataFrame, options: Resolved, sources: Sequence[Optional[str]]) -> Iterator[dict[str, Any]]:
    """One input per row of ``df``, read as a Parquet or CSV file's rows are: the content in
    ``html_field`` (as HTML) or ``text_field`` (a null cell is empty), with ``title_field``,
    ``url_field`` and ``date_field`` when the columns exist."""
    html_field = options["html_field"]
    content_field = html_field if html_field is not None else options["text_field"]

    def column(name: str) -> list[Any]:
        return df[name].cast(pl.String).to_list() if name in df.columns else [None] * df.height

    texts, titles, urls, dates = (column(c) for c in (content_field, options["title_field"],
                                                      options["url_field"], options["date_field"]))
    kind = "text" if html_field is None else "html_cell"
    for source, t, ti, u, d in zip(sources, texts, titles, urls, dates):
        yield make_input(kind, safe_str(source), safe_str(t) if t is not None else "", safe_str(ti),
                         safe_str(u), safe_str(d))


def content_column(options: Resolved) -> str:
    html_field = options["html_field"]
    return html_field if html_field is not None else options["text_field"]


def _csv_cut(buf: bytes, start: int, quotes: int) -> int:
    """The end (after its ``\\n``) of the last complete record of ``buf`` from ``start``, or
    -1; ``quotes`` counts the ``"`` of ``buf[start:]``. A newline ends a record when an even
    number of quotes precede it (RFC 4180: doubled quotes keep the parity)."""
    end = len(buf)
    after = 0  # quotes after the newline looked at
    while True:
        i = buf.rfind(b"\n", start, end)
        if i < 0:
            return -1
        after += buf.count(b'"', i, end)
        if (quotes - after) % 2 == 0:
            return i + 1
        end = i


def _csv_frames(f: IO[bytes], tell: Any) -> Iterator[tuple[pl.DataFrame, int]]:
    """The rows of a CSV stream, in frames parsed by polars from blocks cut at record
    boundaries, each with the stored bytes read so far."""
    buf = b""
    header = b""
    eof = False
    while not eof or buf:
        chunk = f.read(CSV_BLOCK)
        eof = not chunk
        buf += chunk
        if not header:
            # The header is the first record: the first newline after an even number of quotes.
            pos = 0
            while True:
                i = buf.find(b"\n", pos)
                if i < 0 or buf.count(b'"', 0, i) % 2 == 0:
                    break
                pos = i + 1
            if i < 0 and not eof:
                continue
            header, buf = (buf[: i + 1], buf[i + 1:]) if i >= 0 else (buf + b"\n", b"")
            if not buf.strip() and eof:
                yield pl.read_csv(io.BytesIO(header), infer_schema=False), tell()
                return
        cut = len(buf) if eof else _csv_cut(buf, 0, buf.count(b'"'))
        if cut <= 0:
            if eof:
                break
            continue
        body, buf = buf[:cut], buf[cut:]
        yield pl.read_csv(io.BytesIO(header + body), infer_schema=False), tell()
        if eof:
            break


def _parquet_frames(path: str, columns: list[str], size: int) -> Iterator[tuple[pl.DataFrame, int]]:
    lf = pl.scan_parquet(path)
    names = lf.collect_schema().names()
    n = lf.select(pl.len()).collect().item()
    if n == 0 or columns[0] not in names:  # no rows, or no content column: say which columns there are
        yield lf.head(0).collect(), size
        return
    present = [c for c in dict.fromkeys(columns) if c in names]
    lf = lf.select(present)
    for offset in range(0, n, PARQUET_ROWS):
        rows = min(PARQUET_ROWS, n - offset)
        yield lf.slice(offset, rows).collect(), size * (offset + rows) // n


def _table_frames(path: str, columns: list[str], size: int, stack: Any) -> Iterator[tuple[pl.DataFrame, int]]:
    """The frames of a table file, and the stored bytes read so far after each."""
    lower = path.lower()
    if lower.endswith(".parquet"):
        return _parquet_frames(path, columns, size)
    if lower.endswith(".parquet.gz"):
        # Parquet needs random access: decompress to a temporary file, not to memory.
        tmp = stack.enter_context(tempfile.NamedTemporaryFile(suffix=".parquet"))
        with gzip.open(path, "rb") as z:
            shutil.copyfileobj(z, tmp, 1 << 20)
        tmp.flush()
        return _parquet_frames(tmp.name, columns, size)
    raw = stack.enter_context(open(path, "rb"))
    f = stack.enter_context(gzip.open(raw, "rb")) if lower.endswith(".gz") else raw
    return _csv_frames(f, raw.tell)


def table_file_units(path: str, options: Resolved) -> Iterator[Unit]:
    """The rows of a Parquet or CSV file (gzipped or not), read a slice at a time, named
    ``path:row``; or one error input for the file."""
    import contextlib

    try:
        st = os.stat(path)
        # A named pipe would block the reader forever, a device never end.
        if not stat.S_ISREG(st.st_mode):
            yield file_input("error", path, error="[D009] unsupported input: not a regular file"), 0
            return
    except OSError as e:
        yield file_input("error", path, error=f"[D007] cannot read: {e.strerror}"), 0
        return
    content = content_column(options)
    columns = [content, options["title_field"], options["url_field"], options["date_field"]]
    row = 0
    with contextlib.ExitStack() as stack:
        try:
            frames = _table_frames(path, columns, st.st_size, stack)
            for df, done in frames:
                if content not in df.columns:
                    yield file_input("table", path, error=f"no column {content!r} (columns: {df.columns})"), st.st_size
                    return
                sources = [f"{path}:{row + i + 1}" for i in range(df.height)]
                for j, inp in enumerate(table_rows(df, options, sources)):
                    yield inp, (done if j == df.height - 1 else 0)
                row += df.height
        except Exception as e:  # noqa: BLE001 - any reader failure is this file's error row
            yield file_input("table", path, error=f"{type(e).__name__}: {e}"), st.st_size
            return
    if row == 0:
        yield file_input("table", path, error="table has no rows"), st.st_size


# ------------------------------------------------------------------------------------------
# JSONL lines, for streaming runs


def _too_large(max_bytes: int) -> str:
    # As the core words it (DocError::TooLarge).
    return f"[D004] input larger than max_bytes={max_bytes}; raise the limit to read it"


def jsonl_units(path: str, options: Resolved) -> Iterator[Unit]:
    """One input per JSONL line, named ``path:line``, read without loading the file: a line
    longer than ``max_bytes`` is an error row ``[D004]`` (and is never held in memory, so a
    gzip bomb stops there). A file that cannot be read, or has no record, is handed whole
    to the core, which turns it into its error row; a file that breaks off after some
    records (a truncated gzip) gets an error row after them."""
    max_bytes = options["max_bytes"]
    gz = path.lower().endswith(".gz")
    yielded = 0
    try:
        st = os.stat(path)
        # A named pipe would block the reader forever, a device never end: the core says so.
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        size = st.st_size
        f: Any = gzip.open(path, "rb") if gz else open(path, "rb")
    except OSError:
        yield file_input("jsonl", path), 0
        return
    raw = f.fileobj if gz else f  # progress in bytes of the file as stored
    pos = 0
    name = safe_str(path)
    with f:
        i = 0
        try:
            while True:
                # Room for the line, a \r\n and a BOM: one byte more means it is too long.
                line = f.readline(max_bytes + 6)
                if not line:
                    break
                i += 1
                if i == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                complete = line.endswith(b"\n")
                line = line.rstrip(b"\n")
                if line.endswith(b"\r"):
                    line = line[:-1]
                if not complete and len(line) > max_bytes:
                    while not complete:  # skip the rest of the line, a block at a time
                        rest = f.readline(1 << 20)
                        complete = not rest or rest.endswith(b"\n")
                    unit = make_input("error", f"{name}:{i}", error=_too_large(max_bytes))
                # Rust's trim_ascii: space, \t, \n, \x0c, \r (not \x0b).
                elif not line.strip(b" \t\n\r\x0c"):
                    continue
                elif len(line) > max_bytes:
                    unit = make_input("error", f"{name}:{i}", error=_too_large(max_bytes))
                else:
                    unit = make_input("record", f"{name}:{i}")
                    unit["data"] = line
                yielded += 1
                now = raw.tell()
                yield unit, now - pos
                pos = now
        except (OSError, EOFError, zlib.error) as e:
            if not yielded:
                yield file_input("jsonl", path), size
                return
            code = "[D006] corrupt compressed input" if gz else "[D007] cannot read"
            yield file_input("error", path, error=f"{code}: {e}"), size - pos
            return
    if not yielded:
        yield file_input("jsonl", path), size


# ------------------------------------------------------------------------------------------
# Paths


def expand(paths: Any, stacklevel: int) -> list[tuple[str, str, Optional[str]]]:
    """The files of ``paths`` as ``(path, kind, error)``, warning about skipped files."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    entries, skipped = _newsframe.expand_paths([os.fspath(p) for p in paths])
    names = [str(safe_str(s)) for s in skipped]
    if names:
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        warnings.warn(f"skipped {len(names)} file(s) with unsupported extensions: {shown}", stacklevel=stacklevel + 1)
    return [(os.fspath(p), kind, error) for p, kind, error in entries]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def file_units(entries: list[tuple[str, str, Optional[str]]], options: Resolved) -> Iterator[Unit]:
    """The inputs of files: a table's rows, a JSONL file's lines, otherwise the file (which
    the core reads)."""
    for path, kind, error in entries:
        if error is not None:
            yield file_input("error", path, error=error), 0
        elif kind == "table":
            yield from table_file_units(path, options)
        elif kind == "jsonl":
            yield from jsonl_units(path, options)
        else:
            yield file_input(kind, path), _size(path)


def total_size(entries: list[tuple[str, str, Optional[str]]]) -> int:
    return sum(_size(p) for p, _, e in entries if e is None)


# ------------------------------------------------------------------------------------------
# In-memory texts


def text_inputs(texts: Any, ids: Any, titles: Any, options: Resolved) -> list[dict[str, Any]]:
    """Inputs of :func:`newsframe.read_texts`: strings (a list, a Series), or a DataFrame
    read as a table file's rows are."""
    from newsframe.exceptions import ConfigError

    if isinstance(texts, pl.DataFrame):
        n = texts.height
    else:
        texts = texts.to_list() if isinstance(texts, pl.Series) else list(texts)
        n = len(texts)
    if ids is None:
        id_list = [str(i) for i in range(n)]
    else:
        id_list = [str(i) for i in (ids.to_list() if isinstance(ids, pl.Series) else ids)]
        if len(id_list) != n:
            raise ConfigError(f"[E003] invalid configuration: {n} texts but {len(id_list)} ids")
    if isinstance(texts, pl.DataFrame):
        if titles is not None:
            raise ConfigError("[E003] invalid configuration: titles= is for a list of texts; "
                              "a DataFrame's titles are its title_field column")
        content = content_column(options)
        if content not in texts.columns:
            raise ConfigError(f"[E003] invalid configuration: the DataFrame has no column {content!r} "
                              f"(columns: {texts.columns}); set text_field or html_field")
        return list(table_rows(texts, options, id_list))
    title_list = list(titles) if titles is not None else [None] * n
    if len(title_list) != n:
        raise ConfigError(f"[E003] invalid configuration: {n} texts but {len(title_list)} titles")
    inputs = []
    for source, text, title in zip(id_list, texts, title_list):
        if isinstance(text, str):
            inputs.append(make_input("text", safe_str(source), safe_str(text), safe_str(title)))
        else:
            inputs.append(make_input("error", safe_str(source),
                                     error=f"[D005] bad record: expected str, got {type(text).__name__}"))
    return inputs
