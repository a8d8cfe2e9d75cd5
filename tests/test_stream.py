"""Streaming: nf.iter_batches, nf.analyse, nf.write_parquet (resumable), progress."""

import json
import os
import shutil
import signal
import subprocess
import sys

import polars as pl
import pytest

import newsframe as nf
from conftest import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import Generator  # noqa: E402


def assert_same(a: nf.Corpus, b: nf.Corpus) -> None:
    for name in nf.Corpus.TABLES:
        x, y = getattr(a, name), getattr(b, name)
        assert x.columns == y.columns, name
        assert x.equals(y), f"{name} differs:\n{x}\n{y}"


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """A few hundred small synthetic articles as .txt files, a JSONL file of more, and the
    sample articles (English and Arabic)."""
    d = tmp_path_factory.mktemp("corpus")
    gen = Generator(seed=7, n_people=60)
    arts = list(gen.articles(260, words=90))
    for a in arts[:200]:
        (d / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    with open(d / "more.jsonl", "w", encoding="utf-8") as f:
        for a in arts[200:]:
            f.write(json.dumps(a) + "\n")
        f.write("\n{not json\n")
    shutil.copytree(SAMPLE, d / "sample")
    return d


def test_iter_batches_and_analyse_equal_read_on_the_sample(sample_corpus):
    batches = list(nf.iter_batches(SAMPLE, batch_size=2))
    assert [b.documents["doc_id"].to_list() for b in batches] == [[0, 1], [2, 3], [4]]
    analysis = nf.analyse([b.records for b in batches])
    docs, mentions = zip(*(analysis.complete(b.documents, b.mentions) for b in batches))
    got = nf.Corpus({
        "documents": pl.concat(docs),
        "sentences": pl.concat([b.sentences for b in batches]),
        "mentions": pl.concat(mentions),
        **{n: getattr(analysis, n) for n in ("entities", "cooccurrence", "events", "stories")},
    })
    assert_same(got, sample_corpus)
    # The records hold no text: the first sentence of each document is nowhere in them.
    blob = b"".join(r for b in batches for r in b.records.to_list())
    for text in sample_corpus.sentences.filter(pl.col("sent_id") == 1)["text"]:
        assert text.encode() not in blob


def test_write_parquet_equals_read(corpus_dir, tmp_path):
    one_shot = nf.read(corpus_dir, model=None)
    assert one_shot.events.height > 0 and one_shot.stories.height < one_shot.documents.height
    parts = nf.write_parquet(corpus_dir, tmp_path / "out", batch_size=37, progress=False, model=None)
    assert len(parts["documents"]) == -(-(200 + 61 + 5) // 37)
    got = nf.read_parquet(tmp_path / "out")
    assert_same(got, one_shot)
    # JSONL records are named path:line, the bad line is an error row.
    src = got.documents.filter(pl.col("source").str.contains("more.jsonl"))
    assert src.height == 61 and src["error"].is_not_null().sum() == 1
    # A finished run called again does nothing and returns the same parts.
    before = {p: p.stat().st_mtime_ns for ps in parts.values() for p in ps}
    again = nf.write_parquet(corpus_dir, tmp_path / "out", batch_size=37, progress=False, model=None)
    assert again == parts and {p: p.stat().st_mtime_ns for ps in again.values() for p in ps} == before


def test_corpus_tables_do_not_depend_on_batch_size_or_threads(tmp_path):
    """The corpus stage folds over the records batch by batch: one document per batch, one
    batch for all, one thread or all give the same tables."""
    d = tmp_path / "in"
    shutil.copytree(SAMPLE, d)
    gen = Generator(seed=11, n_people=12)
    for a in gen.articles(45, words=90):
        (d / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    runs = {}
    for name, batch_size, threads in (("one", 1, 1), ("all", 1000, None), ("some", 7, 2)):
        nf.write_parquet(d, tmp_path / name, batch_size=batch_size, progress=False, n_threads=threads)
        runs[name] = nf.read_parquet(tmp_path / name)
        assert not (tmp_path / name / "_spill").exists() and not (tmp_path / name / "_events").exists()
    assert runs["one"].stories.height < runs["one"].documents.height
    assert runs["one"].events.height > 0 and runs["one"].cooccurrence.height > 0
    assert_same(runs["one"], runs["all"])
    assert_same(runs["some"], runs["all"])
    assert_same(runs["all"], nf.read(d))


def test_a_story_is_written_with_its_first_document_even_when_titled_later(tmp_path):
    """The stories part of a batch holds the stories that start in it; a story whose first
    document has no title takes the title of a later one, found in a later batch."""
    text = " ".join(a["text"].replace("\n", " ") for a in Generator(seed=5).articles(2, words=120))
    other = next(Generator(seed=9).articles(1, words=120))["text"].replace("\n", " ")
    rows = [{"text": text}, {"text": other, "title": "Another story"}, {"text": text, "title": "A later title"},
            {"text": text, "title": "The last title"}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    nf.write_parquet(src, tmp_path / "out", batch_size=1, progress=False, model=None)
    parts = sorted((tmp_path / "out" / "stories").glob("part-*.parquet"))
    assert len(parts) == 4
    first = pl.read_parquet(parts[0])
    assert first["doc_ids"].to_list() == [[0, 2, 3]] and first["title"].to_list() == ["A later title"]
    assert [pl.read_parquet(p).height for p in parts[1:]] == [1, 0, 0]
    assert_same(nf.read_parquet(tmp_path / "out"), nf.read(src, model=None))


def test_write_parquet_refuses_another_run_in_the_same_directory(corpus_dir, tmp_path):
    nf.write_parquet(SAMPLE, tmp_path, batch_size=3, progress=False, model=None)
    with pytest.raises(nf.ConfigError):
        nf.write_parquet(SAMPLE, tmp_path, batch_size=2, progress=False, model=None)
    nf.write_parquet(SAMPLE, tmp_path, batch_size=2, progress=False, model=None, resume=False)
    assert nf.read_parquet(tmp_path).documents.height == 5


# The run reports each finished batch through its progress callback; after the third it
# says so and waits (for a line that never comes) until it is killed.
CHILD = """
import sys, newsframe as nf
batches = 0
def progress(done, total):
    global batches
    batches += 1
    if batches == 3:
        print("3 batches", flush=True)
        sys.stdin.readline()
nf.write_parquet(sys.argv[1], sys.argv[2], batch_size=10, progress=progress, model=None)
"""


def test_killed_run_resumes_without_redoing_batches(corpus_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(corpus_dir), str(out)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "3 batches\n"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    manifest = out / "_manifest.json"
    finished = json.loads(manifest.read_text())["batches"]
    assert len(finished) == 3
    # What a kill while the fourth batch was being written leaves: temporary parts.
    for table in ("documents", "sentences", "_records"):
        (out / table / "part-00003.parquet.tmp").write_bytes(b"half a part")
    stamps = {p: p.stat().st_mtime_ns for p in (out / "sentences").glob("part-*.parquet")}
    stamps.update({p: p.stat().st_mtime_ns for p in (out / "_records").glob("part-*.parquet")})

    from newsframe import _newsframe

    calls = []
    real = _newsframe.process_batch
    monkeypatch.setattr(_newsframe, "process_batch", lambda inputs, options: calls.append(inputs) or real(inputs, options))
    nf.write_parquet(corpus_dir, out, batch_size=10, progress=False, model=None)

    total = json.loads(manifest.read_text())["batches"]
    assert len(total) == 27
    # Every batch not finished before the kill ran once, no finished one again.
    assert len(calls) == 27 - len(finished)
    first_sources = [i["source"] for i in calls[0]]
    done_sources = set(nf.read_parquet(out).documents.filter(pl.col("doc_id") < finished[-1]["first_doc"] + finished[-1]["n_docs"])["source"])
    assert not any(s in done_sources for s in first_sources)
    for b in finished:
        for table in ("sentences", "_records"):
            p = out / table / f"part-{b['part']:05d}.parquet"
            assert p.stat().st_mtime_ns == stamps[p], f"{p} was written again"
    assert not list(out.rglob("*.tmp"))
    assert_same(nf.read_parquet(out), nf.read(corpus_dir, model=None))


def test_progress_bar(capsys, tmp_path):
    nf.write_parquet(SAMPLE, tmp_path / "a", batch_size=2, progress=False, model=None)
    assert capsys.readouterr().err == ""
    nf.write_parquet(SAMPLE, tmp_path / "b", batch_size=2, progress=True, model=None)
    err = capsys.readouterr().err
    assert "100%" in err and err.count("\r") >= 2
    list(nf.iter_batches(SAMPLE, batch_size=2, progress=True, model=None))
    assert "100%" in capsys.readouterr().err
    calls = []
    nf.write_parquet(SAMPLE, tmp_path / "c", batch_size=2, progress=lambda done, total: calls.append((done, total)),
                     model=None)
    total = sum(p.stat().st_size for p in SAMPLE.glob("*.txt"))
    assert calls == [(d, total) for d, _ in calls] and len(calls) == 3 and calls[-1][0] == total
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_iter_batches_checks_its_arguments_when_called():
    """Bad arguments fail at the call, not at the first batch."""
    with pytest.raises(nf.OptionError, match="batch_size must be a positive int"):
        nf.iter_batches(SAMPLE, batch_size=0)
    with pytest.raises(TypeError, match="unknown option 'no_such_option'"):
        nf.iter_batches(SAMPLE, no_such_option=1)
    with pytest.raises(nf.ConfigError, match="unknown encoding"):
        nf.iter_batches(SAMPLE, encoding="bogus-8")
    with pytest.raises(nf.PathNotFoundError):
        nf.iter_batches(SAMPLE / "missing")
    with pytest.raises(nf.OptionTypeError, match="progress must be"):
        list(nf.iter_batches(SAMPLE, progress="yes"))


def test_scan_is_a_deprecated_alias_of_iter_batches(sample_corpus):
    with pytest.warns(DeprecationWarning, match="use newsframe.iter_batches"):
        batches = list(nf.scan(SAMPLE, batch_size=3, model=None))
    want = list(nf.iter_batches(SAMPLE, batch_size=3, model=None))
    assert [b.documents.equals(w.documents) and b.mentions.equals(w.mentions) for b, w in zip(batches, want)] == [True, True]


def test_write_parquet_without_mentions_equals_read(tmp_path):
    nf.write_parquet(SAMPLE, tmp_path, batch_size=2, progress=False, mentions=False)
    assert_same(nf.read_parquet(tmp_path), nf.read(SAMPLE, mentions=False))
