"""The mentions table: schema, offsets, values, user knowledge base, accuracy floors."""

import polars as pl
import pytest

import newsframe as nf
from conftest import GOLD, SAMPLE

MENTIONS_SCHEMA = {
    "doc_id": pl.UInt32,
    "sent_id": pl.UInt32,
    "start": pl.UInt32,
    "end": pl.UInt32,
    "raw_start": pl.UInt32,
    "raw_end": pl.UInt32,
    "text": pl.String,
    "label": pl.String,
    "label_detail": pl.String,
    "source": pl.String,
    "kb_id": pl.String,
    "amount_min": pl.Float64,
    "amount_max": pl.Float64,
    "currency": pl.String,
    "percent": pl.Float64,
    "date": pl.String,
    "date_end": pl.String,
    "qualifier": pl.String,
    "entity_id": pl.String,
    "evidence": pl.String,
}
LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY", "PERCENT"}


def test_mentions_schema(sample_corpus):
    assert dict(sample_corpus.mentions.schema) == MENTIONS_SCHEMA
    assert dict(nf.read_texts([]).mentions.schema) == MENTIONS_SCHEMA
    assert set(sample_corpus.mentions["label"].unique()) <= LABELS


def test_mentions_offsets_index_clean_and_raw_text(sample_corpus):
    docs = sample_corpus.documents
    texts = docs["text"].to_list()
    raws = [open(s, encoding="utf-8").read() for s in docs["source"]]
    for m in sample_corpus.mentions.iter_rows(named=True):
        assert texts[m["doc_id"]][m["start"] : m["end"]] == m["text"]
        assert raws[m["doc_id"]][m["raw_start"] : m["raw_end"]] == m["text"]


def test_mentions_lie_inside_their_sentence(sample_corpus):
    joined = sample_corpus.mentions.join(
        sample_corpus.sentences.select("doc_id", "sent_id", pl.col("start").alias("s0"), pl.col("end").alias("s1")),
        on=["doc_id", "sent_id"],
        how="left",
    )
    assert joined["s0"].null_count() == 0
    assert ((joined["start"] >= joined["s0"]) & (joined["end"] <= joined["s1"])).all()


def test_mentions_sorted_and_disjoint(sample_corpus):
    for (_,), g in sample_corpus.mentions.group_by("doc_id", maintain_order=True):
        starts, ends = g["start"].to_list(), g["end"].to_list()
        assert starts == sorted(starts)
        assert all(e <= s for e, s in zip(ends, starts[1:]))


@pytest.mark.parametrize("n_threads", [1, 2])
def test_mentions_thread_independent(sample_corpus, n_threads):
    assert nf.read(SAMPLE, n_threads=n_threads).mentions.equals(sample_corpus.mentions)


def test_mentions_gold_values_all_correct(sample_corpus):
    """Every MONEY, PERCENT and absolute DATE value of the gold is normalised exactly."""
    values = nf.evaluate_values(sample_corpus, GOLD)
    assert values.height > 0
    failures = values.filter(~pl.col("ok"))
    assert failures.height == 0, failures


def test_mentions_extract_values():
    m = nf.extract(["The deal is worth $12-17 billion, up 90 percent since May 14 2018."])
    rows = {r["label"]: r for r in m.iter_rows(named=True)}
    assert (rows["MONEY"]["amount_min"], rows["MONEY"]["amount_max"], rows["MONEY"]["currency"]) == (12e9, 17e9, "USD")
    assert rows["PERCENT"]["percent"] == 90.0
    assert rows["DATE"]["date"] == "2018-05-14"


def test_mentions_qualifier_outside_the_span():
    m = nf.extract("Profit rose more than 5% to about 150 mln stg, and 42 cents a share.", model=None)
    rows = [(r["text"], r["label"], r["qualifier"]) for r in m.iter_rows(named=True)]
    assert rows == [
        ("5%", "PERCENT", "more than"),
        ("150 mln stg", "MONEY", "about"),
        ("42 cents a share", "MONEY", None),
    ]
    assert m.filter(pl.col("label") == "MONEY")["amount_min"].to_list() == [150e6, 0.42]


def test_mentions_relative_dates_use_pub_date():
    text = "Talks ended yesterday and resume next year."
    without = nf.extract(text).filter(pl.col("label") == "DATE")
    assert without["date"].to_list() == [None, None]
    with_date = nf.extract(text, pub_date="2024-12-07").filter(pl.col("label") == "DATE")
    assert with_date["date"].to_list() == ["2024-12-06", "2025"]


def test_mentions_user_kb_watch_list(tmp_path):
    kb = pl.DataFrame({"alias": ["Blue Crescent Brigade"], "label": ["ORG"], "name": ["Blue Crescent Brigade"], "id": ["watch:bcb"]})
    m = nf.extract("Fighters of the Blue Crescent Brigade crossed into Mali.", kb=kb)
    assert m.filter(pl.col("kb_id") == "watch:bcb")["text"].to_list() == ["Blue Crescent Brigade"]
    csv = tmp_path / "kb.csv"
    kb.write_csv(csv)
    assert nf.extract("The Blue Crescent Brigade", kb=csv)["kb_id"].to_list() == ["watch:bcb"]
    with pytest.raises(nf.ConfigError):
        nf.extract("x", kb=pl.DataFrame({"alias": ["x"]}))


def test_mentions_arabic_proclitics_outside_spans():
    m = nf.extract("رحبت الجزائر بمسؤولين من واشنطن وموسكو ودعمها لروسيا.")
    got = m.filter(pl.col("label") == "GPE")["text"].to_list()
    assert got == ["الجزائر", "واشنطن", "موسكو", "روسيا"]


# Invented names without a title or other cue the rules could use: only a model finds them.
UNCUED = [
    "The Zentrova Group said Halvard Amundsen would lead the delegation to Ostrava.",
    "Rebels of the Sunvale Front attacked a convoy near Kirovka, said spokesman Dmitri Olenko.",
    "Talks between Brandtmeier and Vinterberg resumed after Kessler Holdings withdrew its offer.",
]


def test_mentions_model_choice(tmp_path):
    """The default model finds names the rules and the knowledge base cannot, and
    ``model=None`` switches it off: the ``source`` column says which recogniser found a
    mention."""
    with_model = nf.extract(UNCUED)
    without = nf.extract(UNCUED, model=None)
    assert set(without["label"]) <= LABELS and set(with_model["label"]) <= LABELS
    assert "model" not in set(without["source"])
    by_model = with_model.filter(pl.col("source") == "model")
    # At least one mention per text comes from the model, and some are found by it alone.
    assert by_model["doc_id"].unique().sort().to_list() == [0, 1, 2]
    found = set(zip(with_model["doc_id"], with_model["text"]))
    assert len(found - set(zip(without["doc_id"], without["text"]))) >= 3
    # Without the model, a mention is one the rules, patterns or the knowledge base find
    # (with it, the model's span wins a tie with a rule's, so "rule" may vanish there).
    assert set(without["source"]) <= {"kb", "pattern", "rule"}
    with pytest.raises(nf.PathNotFoundError):
        nf.extract(UNCUED[0], model=tmp_path / "missing.json.gz")


def test_mentions_user_trained_model(tmp_path):
    from newsframe.train import train

    data = "".join(f"{w} B-PER\nvisited O\n{c} B-LOC\n. O\n\n" for w, c in
                   [("Zorvan", "Quellport"), ("Mirela", "Ostavia"), ("Tamsin", "Brevik")] * 30)
    (tmp_path / "train.txt").write_text(data)
    rows = train("en", tmp_path / "train.txt", tmp_path / "m.json.gz", holdout=0.2, epochs=3, progress=False)
    assert dict((r[0], r[3]) for r in rows)["ALL"] > 0.9
    m = nf.extract("Zorvan visited Quellport .", model=tmp_path / "m.json.gz")
    assert ("Zorvan", "PERSON") in list(zip(m["text"], m["label"]))


def test_mentions_train_members_average_into_one_model(tmp_path):
    import gzip
    import json

    from newsframe.train import train

    data = "".join(f"{w} B-PER\nvisited O\n{c} B-LOC\n. O\n\n" for w, c in
                   [("Zorvan", "Quellport"), ("Mirela", "Ostavia"), ("Tamsin", "Brevik")] * 30)
    (tmp_path / "train.txt").write_text(data)

    def trained(name, **kw):
        rows = train("en", tmp_path / "train.txt", tmp_path / name, holdout=0.2, epochs=3, progress=False, **kw)
        return dict((r[0], r[3]) for r in rows)["ALL"], json.loads(gzip.decompress((tmp_path / name).read_bytes()))

    f1, single = trained("one.json.gz")
    f3, three = trained("three.json.gz", members=3)
    # The file says how many models its weights average (nothing for one, as before).
    assert "members" not in single["training"] and three["training"]["members"] == 3
    # (Members differ only in the order of these identical examples, so their weights may
    # agree; `ner_members_fold_an_ensemble_into_one_table` in Rust checks that they can differ.)
    assert f3 > 0.9
    m = nf.extract("Zorvan visited Quellport .", model=tmp_path / "three.json.gz")
    assert ("Zorvan", "PERSON") in list(zip(m["text"], m["label"]))


def test_mentions_train_reads_several_files_as_one(tmp_path):
    import gzip
    import json

    from newsframe.train import train

    a = "".join(f"{w} B-PER\nvisited O\n{c} B-LOC\n. O\n\n" for w, c in [("Zorvan", "Quellport")] * 20)
    # The second file's last sentence has no closing blank line, as hand-made files often do.
    b = "".join(f"{w} B-PER\nvisited O\n{c} B-LOC\n. O\n\n" for w, c in [("Mirela", "Ostavia")] * 20).rstrip()
    (tmp_path / "a.txt").write_text(a)
    (tmp_path / "b.txt").write_text(b)
    (tmp_path / "ab.txt").write_text(a + b)
    train("en", [tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "two.json.gz", epochs=2, progress=False)
    train("en", tmp_path / "ab.txt", tmp_path / "one.json.gz", epochs=2, progress=False)
    two, one = (json.loads(gzip.decompress((tmp_path / n).read_bytes())) for n in ("two.json.gz", "one.json.gz"))
    assert two["training"]["sentences"] == 40
    assert two == one
    # The command line takes several files too.
    from newsframe.train import main

    assert main(["--lang", "en", "--train", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
                 "--out", str(tmp_path / "cli.json.gz"), "--epochs", "2"]) == 0
    assert json.loads(gzip.decompress((tmp_path / "cli.json.gz").read_bytes())) == two


def test_mentions_train_dict_share_reaches_the_model(tmp_path):
    import gzip
    import json

    from newsframe.train import main

    data = "".join(f"{w} B-PER\nvisited O\n{c} B-LOC\n. O\n\n" for w, c in
                   [("Zorvan", "Quellport"), ("Mirela", "Ostavia"), ("Tamsin", "Brevik")] * 30)
    (tmp_path / "train.txt").write_text(data)

    def training(name, *args):
        assert main(["--lang", "en", "--train", str(tmp_path / "train.txt"), "--holdout", "0.2", "--epochs", "3",
                     "--out", str(tmp_path / name), *args]) == 0
        return json.loads(gzip.decompress((tmp_path / name).read_bytes()))["training"]

    # The default share (0.9) writes no field, as files before the option; another is recorded.
    assert "dict_share" not in training("default.json.gz")
    assert training("share.json.gz", "--dict-share", "0.95")["dict_share"] == 0.95


def test_mentions_arabic_model_stores_its_kb_snapshot(tmp_path):
    import gzip
    import json

    from newsframe.train import train

    data = "".join(f"زار O\nالوزير O\n{c} B-LOC\n. O\n\n" for c in ["زمردستان", "القاهرة", "تونس"] * 30)
    (tmp_path / "train.txt").write_text(data, encoding="utf-8")
    snap = tmp_path / "kb.tsv"
    snap.write_text("زمردستان\tGPE\ttest:z\n", encoding="utf-8")

    def stored(name):
        return json.loads(gzip.decompress((tmp_path / name).read_bytes())).get("kb_snapshot")

    train("ar", tmp_path / "train.txt", tmp_path / "s.json.gz", epochs=2, progress=False, kb_snapshot=snap)
    assert stored("s.json.gz") == [["زمردستان", "GPE", "test:z"]]
    # Without the option the model reads the shipped knowledge base, and stores none.
    train("ar", tmp_path / "train.txt", tmp_path / "p.json.gz", epochs=2, progress=False)
    assert stored("p.json.gz") is None
    snap.write_text("زمردستان\tPLANET\ttest:z\n", encoding="utf-8")
    with pytest.raises(nf.ConfigError):
        train("ar", tmp_path / "train.txt", tmp_path / "b.json.gz", epochs=2, progress=False, kb_snapshot=snap)


def test_mentions_misc_only_when_asked():
    text = "Algerian officials watched the Tour de France and the World Cup with Russian guests."
    default = nf.extract(text)
    assert set(default["label"]) <= LABELS
    assert default["label_detail"].null_count() == default.height
    norp = default.filter(pl.col("label") == "NORP")["text"].to_list()
    assert "Algerian" in norp and "Russian" in norp
    every = nf.extract(text, include_misc=True)
    misc = every.filter(pl.col("label") == "MISC")
    assert misc.height >= 1
    assert misc["label_detail"].to_list() == ["MISC"] * misc.height
    # Everything else is as without the option.
    assert every.filter(pl.col("label") != "MISC")["text"].to_list() == default["text"].to_list()
