"""The command line: ``newsframe extract INPUT... -o OUT_DIR``, and ``python -m newsframe``."""

import subprocess
import sys

import polars as pl
import pytest

from conftest import SAMPLE
from newsframe.__main__ import main

TABLES = ("documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories")


@pytest.fixture()
def mixed(tmp_path):
    """A folder with one good article, an empty file, a binary file and an unsupported one."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text((SAMPLE / "000_2f5aa3a7fe5fdb97.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blob.txt").write_bytes(b"\x00\x01\x02\x03binary\x00\x00")
    (d / "notes.xyz").write_text("ignored")
    return d


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_cli_writes_every_table_in_each_format(tmp_path, capsys, sample_corpus, fmt):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLE), "-o", str(out), "--format", fmt, "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("5 documents (0 with errors)")
    assert f"wrote 7 {fmt} files" in printed
    read = {"parquet": pl.read_parquet, "csv": pl.read_csv,
            "jsonl": lambda p: pl.read_ndjson(p, infer_schema_length=None)}[fmt]
    for name in TABLES:
        df = read(out / f"{name}.{fmt}")
        expected = getattr(sample_corpus, name)
        assert (df.height, df.columns) == (expected.height, expected.columns), name
    assert f"{sample_corpus.mentions.height} mentions" in printed


def test_cli_several_inputs_lang_threads_and_error_count(tmp_path, capsys, mixed):
    out = tmp_path / "out"
    one = SAMPLE / "001_fb9e74a4ff2bc46c.txt"
    assert main(["extract", str(mixed), str(one), "-o", str(out), "--lang", "en", "--threads", "2"]) == 0
    captured = capsys.readouterr()
    # 3 files of the folder (notes.xyz skipped with a warning) + the named file.
    assert "4 documents (2 with errors)" in captured.out
    assert "skipped 1 file(s)" in captured.err and "notes.xyz" in captured.err
    assert "empty.txt: [D001]" in captured.err and "blob.txt: [D002]" in captured.err
    docs = pl.read_parquet(out / "documents.parquet")
    assert docs.height == 4 and docs["error"].is_not_null().sum() == 2
    assert docs.filter(pl.col("error").is_null())["lang"].to_list() == ["en", "en"]
    assert docs["source"].str.ends_with("001_fb9e74a4ff2bc46c.txt").any()


@pytest.mark.parametrize("args, message", [
    (["extract", "{missing}", "-o", "{out}"], "[E001] no such file or directory"),
    (["extract", "{sample}", "-o", "{out}", "--threads", "0"], "--threads: [E003] invalid configuration: n_threads must be a positive int"),
    (["extract", "{sample}", "-o", "{out}", "--threads", "two"], "--threads: [E003] invalid configuration: n_threads must be a positive int"),
    (["extract", "{sample}", "-o", "{out}", "--lang", "english"], "--lang: [E003] invalid configuration: lang must be an ISO 639-1 code"),
    (["extract", "{sample}", "-o", "{out}", "--max-bytes", "-1"], "--max-bytes: [E003] invalid configuration: max_bytes must be a non-negative int"),
    (["extract", "{sample}", "-o", "{out}", "--pub-date", "yesterday"], "--pub-date: [E003] invalid configuration: pub_date must be an ISO 8601 date"),
    (["extract", "{sample}", "-o", "{out}", "--errors", "ignore"], "--errors: invalid choice"),
    (["extract", "{sample}", "-o", "{out}", "--model", "{missing}"], "[E001] no such file or directory"),
    (["extract", "{sample}", "-o", "{out}", "--format", "xml"], "--format: invalid choice"),
    (["extract", "{sample}", "-o", "{out}", "--encoding", "bogus-8"], 'unknown encoding "bogus-8"'),
    (["extract", "{sample}/[", "-o", "{out}"], "[E002] glob pattern"),
    (["extract", "{sample}"], "required: -o/--out"),
    (["extract", "-o", "{out}"], "required: INPUT"),
    ([], "required: COMMAND"),
])
def test_cli_bad_arguments_exit_2_with_a_message(tmp_path, capsys, args, message):
    fill = {"missing": str(tmp_path / "missing"), "out": str(tmp_path / "out"), "sample": str(SAMPLE)}
    argv = [a.format(**fill) for a in args]
    with pytest.raises(SystemExit) as exit_info:
        sys.exit(main(argv))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_cli_unwritable_output_exits_1(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert main(["extract", str(SAMPLE), "-o", str(blocker / "out"), "--quiet"]) == 1
    assert "cannot write to" in capsys.readouterr().err


def test_python_dash_m_newsframe(tmp_path):
    out = tmp_path / "out"
    ok = subprocess.run([sys.executable, "-m", "newsframe", "extract", str(SAMPLE / "000_2f5aa3a7fe5fdb97.txt"),
                         "-o", str(out), "--format", "csv"], capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "1 documents (0 with errors)" in ok.stdout
    assert "Algeria, US discuss" in ok.stdout  # the documents table, not --quiet
    assert pl.read_csv(out / "mentions.csv").height > 10
    bad = subprocess.run([sys.executable, "-m", "newsframe", "extract", str(tmp_path / "nope"), "-o", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.startswith("newsframe: error: [E001]") and "Traceback" not in bad.stderr
    version = subprocess.run([sys.executable, "-m", "newsframe", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("newsframe ")
