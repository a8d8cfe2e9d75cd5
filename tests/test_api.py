"""The Python API: inputs, schema, offsets, determinism."""

import gzip
import json

import polars as pl
import pytest

import newsframe as nf
from conftest import SAMPLE

DOCUMENTS_SCHEMA = {
    "doc_id": pl.UInt32,
    "source": pl.String,
    "title": pl.String,
    "lang": pl.String,
    "lang_confidence": pl.Float64,
    "encoding": pl.String,
    "url": pl.String,
    "pub_date": pl.String,
    "author": pl.String,
    "site": pl.String,
    "canonical_url": pl.String,
    "lang_hint": pl.String,
    "text": pl.String,
    "n_chars": pl.UInt32,
    "n_words": pl.UInt32,
    "n_sentences": pl.UInt32,
    "boilerplate": pl.List(pl.String),
    "error": pl.String,
    "story_id": pl.UInt32,
}
SENTENCES_SCHEMA = {
    "doc_id": pl.UInt32,
    "sent_id": pl.UInt32,
    "start": pl.UInt32,
    "end": pl.UInt32,
    "text": pl.String,
}


def test_api_schema(sample_corpus):
    assert dict(sample_corpus.documents.schema) == DOCUMENTS_SCHEMA
    assert dict(sample_corpus.sentences.schema) == SENTENCES_SCHEMA


def test_api_empty_input_has_schema():
    c = nf.read_texts([])
    assert c.documents.height == 0 and c.sentences.height == 0
    assert dict(c.documents.schema) == DOCUMENTS_SCHEMA
    assert dict(c.sentences.schema) == SENTENCES_SCHEMA


def test_api_sentence_offsets_index_python_strings(sample_corpus):
    texts = sample_corpus.documents["text"].to_list()
    for row in sample_corpus.sentences.iter_rows(named=True):
        assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]
    # polars str.slice agrees with Python indexing (both count code points).
    joined = sample_corpus.sentences.join(
        sample_corpus.documents.select("doc_id", pl.col("text").alias("doc_text")), on="doc_id"
    ).with_columns(pl.col("doc_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start")).alias("sliced"))
    assert (joined["sliced"] == joined["text"]).all()


def test_api_sentences_ordered_and_counted(sample_corpus):
    s = sample_corpus.sentences
    for (doc_id,), g in s.group_by("doc_id", maintain_order=True):
        starts, ends = g["start"].to_list(), g["end"].to_list()
        assert all(a < b for a, b in zip(starts, ends))
        assert all(e <= s2 for e, s2 in zip(ends, starts[1:]))
        assert g["sent_id"].to_list() == list(range(g.height))
    counts = s.group_by("doc_id").len().sort("doc_id")["len"].to_list()
    assert counts == sample_corpus.documents["n_sentences"].to_list()


def test_api_non_ascii_offsets():
    text = "Abdelmadjid Tebboune visited Algérie. الرئيس الجزائري عبد المجيد تبون زار روسيا. 😀 Done."
    c = nf.read_texts([text])
    doc = c.documents["text"][0]
    got = [doc[r["start"] : r["end"]] for r in c.sentences.iter_rows(named=True)]
    assert got == c.sentences["text"].to_list()
    assert len(got) == 3


@pytest.mark.parametrize("n_threads", [1, 2, 3])
def test_api_thread_count_does_not_change_output(sample_corpus, n_threads):
    c = nf.read(SAMPLE, n_threads=n_threads)
    assert c.documents.equals(sample_corpus.documents)
    assert c.sentences.equals(sample_corpus.sentences)


def test_api_inputs_list_glob_and_dir(tmp_path):
    files = sorted(SAMPLE.glob("*.txt"))
    by_list = nf.read([str(f) for f in files[:2]])
    by_glob = nf.read(str(SAMPLE / "00[01]_*.txt"))
    assert by_list.documents["source"].to_list() == by_glob.documents["source"].to_list()
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "x.txt").write_text("Deep file\nIt has a body.")
    (tmp_path / "y.txt").write_text("Shallow file\nIt has a body.")
    c = nf.read(tmp_path)
    assert [s.rsplit("/", 1)[-1] for s in c.documents["source"]] == ["x.txt", "y.txt"]


def test_api_read_texts_series_and_ids():
    s = pl.Series("text", ["First article\nBody one.", None, "Second article\nBody two."])
    c = nf.read_texts(s, ids=pl.Series(["a", "b", "c"]))
    docs = c.documents
    assert docs["source"].to_list() == ["a", "b", "c"]
    assert docs["error"][1].startswith("[D005]")
    assert docs["title"].to_list() == ["First article", None, "Second article"]
    with pytest.raises(nf.ConfigError):
        nf.read_texts(["x"], ids=["a", "b"])


def test_api_lang_override():
    c = nf.read_texts(["Hello world. This is text."], lang="fr")
    assert c.documents["lang"][0] == "fr"
    assert c.documents["lang_confidence"][0] is None


def test_api_html_jsonl_gz_csv_parquet(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><title>Page title</title><script>var x='<p>no</p>';</script></head>"
        "<body><p>First paragraph here.</p><p>Second &amp; last.</p></body></html>"
    )
    records = [{"text": "Body of one. More.", "title": "One", "url": "http://x/1", "date": "2024-12-06"},
               {"content": "wrong field"}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n")
    with gzip.open(tmp_path / "c.txt.gz", "wt") as f:
        f.write("Gzipped headline\nGzipped body text.")
    pl.DataFrame({"text": ["Row one text.", "Row two text."], "title": ["R1", "R2"]}).write_parquet(tmp_path / "d.parquet")
    pl.DataFrame({"text": ["CSV text."]}).write_csv(tmp_path / "e.csv")
    c = nf.read(tmp_path)
    d = c.documents
    assert d.height == 1 + 3 + 1 + 2 + 1
    html = d.row(0, named=True)
    assert html["title"] == "Page title"
    assert html["text"] == "First paragraph here.\n\nSecond & last."
    assert html["author"] is None and html["pub_date"] is None
    jl = d.filter(pl.col("source").str.contains("b.jsonl")).to_dicts()
    assert jl[0]["title"] == "One" and jl[0]["url"] == "http://x/1" and jl[0]["pub_date"] == "2024-12-06"
    assert jl[1]["error"].startswith("[D005]") and jl[1]["source"].endswith(":2")
    assert jl[2]["error"].startswith("[D005]") and jl[2]["source"].endswith(":3")
    gz = d.filter(pl.col("source").str.ends_with("c.txt.gz")).row(0, named=True)
    assert gz["title"] == "Gzipped headline" and gz["error"] is None
    pq = d.filter(pl.col("source").str.contains("d.parquet"))
    assert pq["title"].to_list() == ["R1", "R2"]
    assert d.filter(pl.col("source").str.contains("e.csv"))["text"].to_list() == ["CSV text."]


def test_api_write_parquet_roundtrip(sample_corpus, tmp_path):
    paths = sample_corpus.write_parquet(tmp_path)
    assert pl.read_parquet(paths[0]).equals(sample_corpus.documents)
    assert pl.read_parquet(paths[1]).equals(sample_corpus.sentences)


def test_api_user_boilerplate_rules(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('version = 1\n[[rule]]\nname = "sponsor"\npattern = "^Sponsored by .*$"\n')
    text = "A headline here\nSponsored by ACME\nThe body of the article."
    c = nf.read_texts([text], boilerplate_rules=[rules])
    assert c.documents["boilerplate"][0].to_list() == ["Sponsored by ACME"]
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[rule]]\nname = "x"\npattern = "("\n')
    with pytest.raises(nf.ConfigError, match="bad.toml"):
        nf.read_texts([text], boilerplate_rules=[bad])
    off = nf.read_texts([text + "\nLeave a Reply"], boilerplate=False)
    assert off.documents["boilerplate"][0].to_list() == []


def test_api_cli(tmp_path, capsys):
    from newsframe.__main__ import main

    assert main(["extract", str(SAMPLE), "-o", str(tmp_path), "--format", "csv"]) == 0
    assert (tmp_path / "documents.csv").exists() and (tmp_path / "sentences.csv").exists()
    assert "5 documents (0 with errors)" in capsys.readouterr().out
    assert main(["extract", str(tmp_path / "missing"), "-o", str(tmp_path)]) == 2
    assert "[E001]" in capsys.readouterr().err


@pytest.mark.parametrize("n_threads", [None, 2])
def test_api_threads_work_in_a_forked_child(tmp_path, n_threads):
    """The worker pools are kept between calls; a forked child (Ray, multiprocessing) must
    not reuse its parent's, whose threads it does not have (it would wait forever). Every
    stage, the corpus stage included, runs on newsframe's own pools, never rayon's global
    one, which a parent's run would have started. The child hands its rows back as JSON:
    Polars' own pool, once the parent used it, has the same fault in a forked child (Polars
    documents fork as unsupported), and this test is about newsframe's."""
    import json
    import multiprocessing as mp

    texts = ["Angela Merkel met Emmanuel Macron in Paris on Monday."] * 4
    parent = nf.read_texts(texts, n_threads=n_threads).mentions
    out = tmp_path / "child.json"

    def child():
        rows = nf.read_texts(texts, n_threads=n_threads).mentions.rows()
        out.write_text(json.dumps(rows, default=str))

    p = mp.get_context("fork").Process(target=child)
    p.start()
    p.join(60)
    if p.is_alive():
        p.kill()
        pytest.fail("the forked child's run did not finish")
    assert p.exitcode == 0
    assert json.loads(out.read_text()) == json.loads(json.dumps(parent.rows(), default=str))
