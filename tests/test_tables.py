"""Parquet, CSV and JSONL inputs are read a slice at a time, and the slices give the rows
a whole-file read gives."""

import gzip
import json

import polars as pl
import pytest

import newsframe as nf
from newsframe import _inputs
from newsframe._options import resolve

# Cells that a naive line splitter would cut: quoted newlines, doubled quotes, commas, a
# quote right before a newline, CRLF inside a cell, non-ASCII, an empty cell.
CELLS = [
    "Plain text. Algeria and Russia met.",
    'He said "hello,\nworld" and left.\nA second line.',
    '"Quoted from the start", then more.',
    "Line one\r\nline two, with a comma",
    "Ends with a quote \"\"",
    "الجزائر وروسيا توقعان اتفاقية",
    "",
    "x" * 300,
]


@pytest.fixture()
def frame() -> pl.DataFrame:
    rows = [CELLS[i % len(CELLS)] + f" #{i}" for i in range(60)]
    return pl.DataFrame({"text": rows, "title": [f"T{i}" if i % 3 else None for i in range(60)],
                         "url": [f"https://x/{i}" for i in range(60)]})


def _rows(path, **options) -> list[dict]:
    return [u for u, _ in _inputs.table_file_units(str(path), resolve(options))]


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".parquet", ".parquet.gz"])
def test_small_slices_give_the_rows_of_a_whole_read(frame, tmp_path, monkeypatch, suffix):
    path = tmp_path / f"t{suffix}"
    plain = tmp_path / ("plain" + suffix.replace(".gz", ""))
    (frame.write_csv if "csv" in suffix else frame.write_parquet)(plain)
    if suffix.endswith(".gz"):
        path.write_bytes(gzip.compress(plain.read_bytes()))
    else:
        path = plain
    whole = _rows(path)
    # Blocks of 50 bytes cut inside most records; slices of 7 rows leave a remainder.
    monkeypatch.setattr(_inputs, "CSV_BLOCK", 50)
    monkeypatch.setattr(_inputs, "PARQUET_ROWS", 7)
    sliced = _rows(path)
    assert sliced == whole
    assert [u["text"] for u in sliced] == frame["text"].to_list()
    assert [u["source"] for u in sliced] == [f"{path}:{i + 1}" for i in range(60)]
    assert [u["title"] for u in sliced] == frame["title"].to_list()


def test_a_csv_is_parsed_in_blocks_not_whole(frame, tmp_path, monkeypatch):
    path = tmp_path / "t.csv"
    frame.write_csv(path)
    monkeypatch.setattr(_inputs, "CSV_BLOCK", 200)
    parsed = []
    real = pl.read_csv
    monkeypatch.setattr(_inputs.pl, "read_csv", lambda data, **kw: parsed.append(data.getbuffer().nbytes) or real(data, **kw))
    units = _inputs.table_file_units(str(path), resolve({}))
    next(units)
    # The first row comes after one block, not after the whole file.
    assert len(parsed) == 1 and parsed[0] < path.stat().st_size / 4
    rest = list(units)
    assert len(rest) == 59 and len(parsed) > 10 and max(parsed) < path.stat().st_size / 4


def test_a_parquet_file_is_read_in_slices(frame, tmp_path, monkeypatch):
    path = tmp_path / "t.parquet"
    frame.write_parquet(path, row_group_size=10)
    monkeypatch.setattr(_inputs, "PARQUET_ROWS", 10)
    heights = [df.height for df, _ in _inputs._parquet_frames(str(path), ["text", "title", "url", "date"], 1)]
    assert heights == [10] * 6


def test_table_errors(tmp_path):
    pl.DataFrame({"body": ["x"]}).write_parquet(tmp_path / "a.parquet")
    (tmp_path / "b.csv").write_text("text\n")
    (tmp_path / "c.csv").write_bytes(b"")
    (tmp_path / "d.parquet").write_bytes(b"not parquet")
    rows = {u["source"].rsplit("/", 1)[-1]: u["error"] for p in sorted(tmp_path.iterdir()) for u in _rows(p)}
    assert rows["a.parquet"] == "no column 'text' (columns: ['body'])"
    assert rows["b.csv"] == "table has no rows"
    assert rows["c.csv"].startswith("NoDataError")
    assert rows["d.parquet"].startswith("ComputeError") or rows["d.parquet"].endswith(")")
    docs = nf.read(tmp_path).documents
    assert docs.height == 4 and docs["error"].is_not_null().all()


def test_jsonl_lines_longer_than_max_bytes_are_error_rows(tmp_path):
    """A JSONL line over ``max_bytes`` is that record's error row, in every entry point, and
    is never read into memory whole (a gzip bomb of one line stops at the limit)."""
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(json.dumps({"text": "Algeria and Russia met."}).encode() + b"\n")
        f.write(b'{"text": "' + b"a" * (8 << 20) + b'"}\n')  # 8 MB line, compresses to almost nothing
        f.write(json.dumps({"text": "Egypt and France met."}).encode() + b"\n")
    read = nf.read(path, max_bytes=1000, model=None)
    errors = read.documents["error"].to_list()
    assert errors[0] is None and errors[2] is None
    assert errors[1] == "[D004] input larger than max_bytes=1000; raise the limit to read it"
    assert read.documents["source"].to_list() == [f"{path}:{i}" for i in (1, 2, 3)]
    batches = list(nf.iter_batches(path, batch_size=2, max_bytes=1000, model=None))
    assert pl.concat([b.documents for b in batches]).drop("story_id").equals(read.documents.drop("story_id"))


def test_a_truncated_jsonl_gz_keeps_its_records_and_says_why_it_stopped(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    data = gzip.compress("".join(json.dumps({"text": f"Record {i}. Algeria met Russia."}) + "\n"
                                 for i in range(200)).encode())
    path.write_bytes(data[: len(data) // 2])
    docs = nf.read(path, model=None).documents
    assert docs.height >= 2 and docs["error"][:-1].is_null().all()
    assert docs["source"][-1] == str(path) and docs["error"][-1].startswith("[D006] corrupt compressed input")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_named_pipes_are_error_rows_not_a_hang(tmp_path):
    import os

    for name in ("a.jsonl", "b.csv", "c.parquet"):
        os.mkfifo(tmp_path / name)
    docs = nf.read(tmp_path).documents
    assert docs["error"].str.starts_with("[D009]").all() and docs.height == 3
    batches = list(nf.iter_batches(tmp_path, batch_size=2))
    assert pl.concat([b.documents for b in batches])["error"].equals(docs["error"])
