"""Corpus analytics on the sample: linked entities, co-occurrence, events, stories."""

import polars as pl
import pytest

import newsframe as nf
from conftest import GOLD, SAMPLE


def test_analytics_every_mention_is_linked(sample_corpus):
    m = sample_corpus.mentions
    assert m["entity_id"].null_count() == 0
    assert set(m["evidence"].unique()) <= {"kb", "alias", "surname", "variant", "translit", "user"}
    ids = set(sample_corpus.entities["entity_id"])
    assert set(m["entity_id"]) <= ids
    counts = m.group_by("entity_id").len()
    joined = sample_corpus.entities.join(counts, on="entity_id")
    assert (joined["n_mentions"] == joined["len"]).all()


def test_analytics_demonyms_link_to_their_country(sample_corpus):
    m = sample_corpus.mentions
    algerian = m.filter((pl.col("label") == "NORP") & pl.col("text").is_in(["Algerian", "الجزائري"]))
    assert set(algerian["entity_id"]) == {"country:DZ"}


def test_analytics_linking_matches_gold_clusters(sample_corpus):
    """B-cubed F1 of entity_id against the gold canonical entities, English and Arabic."""
    score = nf.evaluate_links(sample_corpus, GOLD)
    assert score["n_mentions"].item() > 250
    assert score["f1"].item() >= 0.95, score


def test_analytics_entity_ids_stable(sample_corpus):
    again = nf.read(SAMPLE, n_threads=1)
    assert again.entities.equals(sample_corpus.entities)
    assert again.mentions["entity_id"].equals(sample_corpus.mentions["entity_id"])


def test_analytics_stories_match_gold(sample_corpus, gold):
    stories = dict(zip([s.rsplit("/", 1)[-1] for s in sample_corpus.documents["source"]],
                       sample_corpus.documents["story_id"]))
    by_gold = {}
    for g in gold:
        by_gold.setdefault(g["story"], set()).add(stories[g["file"]])
    # Same gold story -> same story id; different gold stories -> different ids.
    assert all(len(ids) == 1 for ids in by_gold.values())
    assert len({next(iter(ids)) for ids in by_gold.values()}) == len(by_gold)


def test_analytics_cooccurrence_pairs_ordered(sample_corpus):
    c = sample_corpus.cooccurrence
    assert c.height > 0
    assert (c["entity_a"] < c["entity_b"]).all()
    assert set(c["level"]) == {"sentence", "document"}


REQUIRED_EVENTS = [
    ("000", {"country:DZ", "country:US"}, {"consult", "military_cooperation"}),
    ("001", {"country:DZ", "country:RU"}, {"arms_sale"}),
    ("002", {"country:DZ", "country:RU"}, {"exercise"}),
    ("003", {"country:DZ", "country:US"}, {"visit"}),
]


@pytest.mark.parametrize("prefix,actors,types", REQUIRED_EVENTS)
def test_analytics_required_events(sample_corpus, prefix, actors, types):
    docs = sample_corpus.documents.select("doc_id", "source")
    doc_id = docs.filter(pl.col("source").str.contains(f"/{prefix}_"))["doc_id"].item()
    ev = sample_corpus.events.filter(pl.col("doc_id") == doc_id)
    found = {(frozenset((r["actor1"], r["actor2"])), r["event_type"]) for r in ev.iter_rows(named=True)}
    assert any(a == frozenset(actors) and t in types for a, t in found), found


def test_analytics_events_only_between_countries(sample_corpus):
    ev = sample_corpus.events
    assert ev.height > 0
    countries = sample_corpus.entities.filter(pl.col("country").is_not_null())["entity_id"]
    assert ev["actor1"].is_in(countries.to_list()).all() and ev["actor2"].is_in(countries.to_list()).all()
    assert (ev["actor1"] != ev["actor2"]).all()


def test_analytics_user_merge_and_split():
    texts = ["Minister Karla Vinterberg met officials in Oslo.", "Minister Karla Winterberg spoke in Oslo."]
    split = nf.read_texts(texts, splits=[("Karla Vinterberg", "Karla Winterberg")]).mentions
    merged = nf.read_texts(texts, merges=[("Karla Vinterberg", "Karla Winterberg")]).mentions
    people = lambda m: m.filter(pl.col("label") == "PERSON")["entity_id"].unique().len()
    assert people(merged) == 1
    assert people(split) == 2
