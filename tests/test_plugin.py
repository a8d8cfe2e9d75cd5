"""The ``nf`` expression namespace (Polars plugin) against the Corpus tables of the same texts."""

import polars as pl
import pytest

import newsframe as nf
from conftest import SAMPLE

EXTRA = [
    # Boilerplate line, doubled spaces and a curly quote: input and clean offsets differ.
    "[ad_1]\nAlgeria  and Russia\nThe  Algerian army met Russia’s envoy in  Algiers on 6 December 2024.",
    # Mojibake that cleaning repairs, and a money amount.
    "Algeriaâ€™s defence budget reached US$21.3 billion in 2024, up 3.5 percent.",
    "تبون يستقبل وزير الخارجية الروسي في الجزائر يوم الأحد",
]


@pytest.fixture(scope="module")
def texts():
    sample = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir())]
    return sample + EXTRA


@pytest.fixture(scope="module")
def frame(texts):
    # Nulls and empty strings among real texts.
    column = texts[:2] + [None, ""] + texts[2:] + [None]
    return pl.DataFrame({"id": list(range(len(column))), "text": column}, schema={"id": pl.Int64, "text": pl.String})


@pytest.fixture(scope="module")
def corpus(frame):
    # Null rows become error rows in the Corpus: keep positions aligned with the frame.
    return nf.read_texts([t if t is not None else "" for t in frame["text"]])


def flat_entities(df: pl.DataFrame, column: str = "text") -> pl.DataFrame:
    """One row per entity, with the frame row as doc_id."""
    return (
        df.select(pl.col("id").cast(pl.UInt32).alias("doc_id"), pl.col(column))
        .explode(column)
        .drop_nulls(column)
        .unnest(column)
        .unnest("values")
    )


def test_entities_match_corpus_mentions(frame, corpus):
    got = flat_entities(frame.with_columns(pl.col("text").nf.entities()))
    want = corpus.mentions.select(
        "doc_id", pl.col("raw_start").alias("start"), pl.col("raw_end").alias("end"), "text", "label", "kb_id",
        "amount_min", "amount_max", "currency", "percent", "date", "date_end", "qualifier",
    )
    assert want.height > 50
    assert got.equals(want), (got, want)


def test_entities_schema():
    df = pl.DataFrame({"text": ["Russia."]}).select(pl.col("text").nf.entities())
    values = pl.Struct({"amount_min": pl.Float64, "amount_max": pl.Float64, "currency": pl.String,
                        "percent": pl.Float64, "date": pl.String, "date_end": pl.String,
                        "qualifier": pl.String})
    assert df.schema["text"] == pl.List(pl.Struct({"start": pl.UInt32, "end": pl.UInt32, "text": pl.String,
                                                   "label": pl.String, "kb_id": pl.String, "values": values}))
    # The lazy schema (from the plugin's type function) is the computed one.
    assert pl.LazyFrame({"text": ["Russia."]}).select(pl.col("text").nf.entities()).collect_schema() == df.schema


def test_entities_offsets_index_the_input(frame):
    got = frame.with_columns(pl.col("text").nf.entities())
    n = 0
    for row, ents in zip(frame["text"].to_list(), got["text"].to_list()):
        for e in ents or []:
            piece = row[e["start"] : e["end"]]
            # Equal but for what cleaning changed: whitespace and repaired mojibake.
            if "â€" not in piece:
                assert " ".join(piece.split()) == e["text"], (piece, e)
            n += 1
    assert n > 50
    # The doubled space inside "Algerian army met" is no mention; "Algiers" after two spaces is.
    ents = got["text"][frame["text"].to_list().index(EXTRA[0])].to_list()
    algiers = next(e for e in ents if e["text"] == "Algiers")
    assert EXTRA[0][algiers["start"] : algiers["end"]] == "Algiers"


def test_entities_clean_offsets_index_clean_text(frame, corpus):
    got = flat_entities(frame.with_columns(pl.col("text").nf.entities(offsets="clean")))
    assert got.select("doc_id", "start", "end").equals(corpus.mentions.select("doc_id", "start", "end"))
    cleaned = frame.select(pl.col("text").nf.clean())["text"].to_list()
    for r in got.iter_rows(named=True):
        assert cleaned[r["doc_id"]][r["start"] : r["end"]] == r["text"]


def test_clean_and_lang_match_documents(frame, corpus):
    got = frame.select(pl.col("text").nf.clean().alias("clean"), pl.col("text").nf.lang().alias("lang"), "text")
    docs = corpus.documents
    nulls = got["text"].is_null()
    assert got["clean"].is_null().to_list() == nulls.to_list()
    assert got["lang"].filter(nulls).null_count() == int(nulls.sum())
    assert got["clean"].filter(~nulls).to_list() == docs["text"].filter(~nulls).to_list()
    assert got["lang"].filter(~nulls).to_list() == docs["lang"].filter(~nulls).to_list()
    assert {"en", "ar"} <= set(got["lang"].drop_nulls())


def test_sentences_match_sentences_table(frame, corpus):
    both = frame.select(
        pl.col("id").cast(pl.UInt32).alias("doc_id"),
        pl.col("text").nf.sentences(offsets="clean").alias("clean"),
        pl.col("text").nf.sentences().alias("input"),
    )
    clean = both.select("doc_id", "clean").explode("clean").drop_nulls("clean").unnest("clean")
    want = corpus.sentences.select("doc_id", "start", "end", "text")
    assert want.height > 30
    assert clean.equals(want)
    inputs = both.select("doc_id", "input").explode("input").drop_nulls("input").unnest("input")
    assert inputs["text"].to_list() == want["text"].to_list()
    # Where cleaning changed nothing, input and clean offsets agree.
    cleaned = frame.select(pl.col("text").nf.clean())["text"]
    same = frame.filter(frame["text"] == cleaned)["id"].to_list()
    assert len(same) >= 2
    assert inputs.filter(pl.col("doc_id").is_in(same)).equals(clean.filter(pl.col("doc_id").is_in(same)))
    # Where it removed a line and collapsed spaces, input offsets slice the input.
    i = frame["text"].to_list().index(EXTRA[0])
    moved = inputs.filter(pl.col("doc_id") == i)
    assert not moved.equals(clean.filter(pl.col("doc_id") == i))
    for r in moved.iter_rows(named=True):
        assert " ".join(EXTRA[0][r["start"] : r["end"]].split()) == r["text"]
    # Every entity lies inside a sentence, both in input offsets.
    ents = flat_entities(frame.with_columns(pl.col("text").nf.entities()))
    spans = {}
    for r in inputs.iter_rows(named=True):
        spans.setdefault(r["doc_id"], []).append((r["start"], r["end"]))
    for e in ents.iter_rows(named=True):
        assert any(s <= e["start"] and e["end"] <= t for s, t in spans[e["doc_id"]]), e


def test_nulls_and_empty_strings():
    df = pl.DataFrame({"text": [None, "", "   ", "Russia and Algeria."]}, schema={"text": pl.String})
    out = df.select(
        pl.col("text").nf.entities().alias("e"),
        pl.col("text").nf.sentences().alias("s"),
        pl.col("text").nf.clean().alias("c"),
        pl.col("text").nf.lang().alias("l"),
    )
    assert out["e"].to_list()[:3] == [None, [], []]
    assert out["s"].to_list()[:3] == [None, [], []]
    assert out["c"].to_list()[:3] == [None, "", ""]
    assert out["l"].to_list()[:3] == [None, None, None]
    assert [e["text"] for e in out["e"][3]] == ["Russia", "Algeria"]
    assert out["c"][3] == "Russia and Algeria."


def test_select_with_columns_and_lazy_agree(frame):
    exprs = [pl.col("text").nf.entities().alias("e"), pl.col("text").nf.lang().alias("l")]
    selected = frame.select(*exprs)
    with_cols = frame.with_columns(*exprs).select("e", "l")
    lazy = frame.lazy().with_columns(*exprs).select("e", "l").collect()
    streaming = frame.lazy().select(*exprs).collect(engine="streaming")
    assert selected.equals(with_cols) and selected.equals(lazy) and selected.equals(streaming)
    # A filter before the plugin: only the kept rows are processed, in order.
    filtered = frame.lazy().filter(pl.col("id") % 2 == 0).select(*exprs).collect()
    assert filtered.equals(selected.filter((frame["id"] % 2 == 0)))


def test_multiple_chunks(frame):
    chunked = pl.concat([frame.slice(0, 3), frame.slice(3, 4), frame.slice(7)], rechunk=False)
    assert chunked["text"].n_chunks() > 1
    expr = pl.col("text").nf.entities()
    assert chunked.select(expr).equals(frame.select(expr))


def test_group_by_agg(frame):
    groups = frame.with_columns((pl.col("id") % 3).alias("g"))
    agg = groups.group_by("g", maintain_order=True).agg("id", pl.col("text").nf.entities().alias("e"))
    per_row = dict(zip(frame["id"].to_list(), frame.select(pl.col("text").nf.entities())["text"].to_list()))
    n = 0
    for ids, ents in zip(agg["id"].to_list(), agg["e"].to_list()):
        assert len(ids) == len(ents)
        for i, e in zip(ids, ents):
            assert e == per_row[i]
            n += len(e or [])
    assert n > 50
    # Also inside a window expression.
    over = groups.select(pl.col("text").nf.lang().over("g"))
    assert over["text"].to_list() == frame.select(pl.col("text").nf.lang())["text"].to_list()


@pytest.mark.parametrize("n_threads", [1, 3])
def test_thread_count_does_not_change_results(frame, monkeypatch, n_threads):
    expected = frame.select(pl.col("text").nf.entities())
    monkeypatch.setattr(pl, "thread_pool_size", lambda: n_threads)
    assert frame.select(pl.col("text").nf.entities()).equals(expected)


def test_arabic(texts):
    arabic = [t for t in texts if nf.read_texts([t]).documents["lang"][0] == "ar"]
    assert len(arabic) >= 2
    df = pl.DataFrame({"text": arabic})
    out = df.select(pl.col("text").nf.entities().alias("e"), pl.col("text").nf.lang().alias("l"))
    assert out["l"].to_list() == ["ar"] * len(arabic)
    labels = set()
    for row, ents in zip(arabic, out["e"].to_list()):
        for e in ents:
            assert " ".join(row[e["start"] : e["end"]].split()) == e["text"]
            labels.add(e["label"])
    assert {"PERSON", "GPE"} <= labels


def test_options_match_read_texts(frame):
    texts = [t if t is not None else "" for t in frame["text"]]
    for kwargs in ({"model": None}, {"lang": "en"}, {"pub_date": "2024-12-08"}, {"boilerplate": False}):
        got = flat_entities(frame.with_columns(pl.col("text").nf.entities(**kwargs)))
        want = nf.read_texts(texts, **kwargs).mentions
        assert got.select("doc_id", "start", "end", "label", "date").equals(
            want.select("doc_id", pl.col("raw_start").alias("start"), pl.col("raw_end").alias("end"), "label", "date")
        ), kwargs


def test_labels_filter(frame):
    all_ = flat_entities(frame.with_columns(pl.col("text").nf.entities()))
    some = flat_entities(frame.with_columns(pl.col("text").nf.entities(labels=["PERSON", "MONEY"])))
    assert some.height > 0
    assert some.equals(all_.filter(pl.col("label").is_in(["PERSON", "MONEY"])))


def test_bad_arguments():
    with pytest.raises(nf.ConfigError):
        pl.col("text").nf.entities(offsets="bytes")
    with pytest.raises(nf.ConfigError):
        pl.col("text").nf.entities(labels=["CITY"])
    with pytest.raises(nf.PathNotFoundError):
        pl.col("text").nf.entities(model="no/such/model.json.gz")
    with pytest.raises(pl.exceptions.ComputeError, match="String column"):
        pl.DataFrame({"text": [1, 2]}).select(pl.col("text").nf.clean())


def _plugin_thread_ticks() -> int:
    """CPU clock ticks used so far by the plugin's worker threads (Linux /proc)."""
    from pathlib import Path

    total = 0
    for task in Path("/proc/self/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:  # the thread ended meanwhile
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :].split()
        if name.startswith("newsframe-plugi"):  # names are cut to 15 bytes
            total += int(fields[11]) + int(fields[12])
    return total


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self/task"), reason="needs Linux /proc")
def test_work_runs_on_a_pool_sized_like_polars(texts, monkeypatch):
    df = pl.DataFrame({"text": (texts * 20)[:150]})
    runs = {}
    for n in (2, 1):
        monkeypatch.setattr(pl, "thread_pool_size", lambda n=n: n)
        before = _plugin_thread_ticks()
        df.select(pl.col("text").nf.entities())
        runs[n] = _plugin_thread_ticks() - before
    # With two threads the plugin's pool did the work; with one, the calling thread did.
    assert runs[2] > 0
    assert runs[1] <= runs[2] // 10, runs
