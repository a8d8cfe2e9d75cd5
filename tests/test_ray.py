"""newsframe.ray on a local Ray cluster with two worker processes: the same tables as a
single process."""

import os
import sys

import polars as pl
import pytest

import newsframe as nf
from conftest import ROOT, SAMPLE

import ray  # the Makefile installs ray[data]: this test is not optional
import ray.data

import newsframe.ray as nfr  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from synthetic import Generator  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def texts():
    """Synthetic English articles and the sample articles (English and Arabic)."""
    arts = list(Generator(seed=3, n_people=40).articles(150, words=80))
    sample = nf.read(SAMPLE, boilerplate=False, mentions=False).documents
    rows = [(a["id"], a["text"]) for a in arts]
    rows += [(f"sample-{i}", t) for i, t in enumerate(sample["text"].to_list())]
    rows.insert(40, ("not-a-string", None))
    return rows


def test_ray_extract_equals_a_single_process(cluster):
    rows = texts()
    ds = ray.data.from_items([{"id": i, "text": t} for i, t in rows], override_num_blocks=6)
    result = nfr.extract(ds, id_column="id", batch_size=16, model=None)
    got = result.to_corpus()
    # Rows are read as a table's rows are: a null text is an empty document.
    frame = pl.DataFrame({"text": [t for _, t in rows]}, schema={"text": pl.String})
    want = nf.read_texts(frame, ids=[i for i, _ in rows], model=None)
    assert want.documents["error"][40].startswith("[D001]")
    assert want.entities.height > 0 and want.events.height > 0 and want.stories.height < len(rows)
    for name in nf.Corpus.TABLES:
        a, b = getattr(got, name), getattr(want, name)
        assert a.columns == b.columns and a.equals(b), f"{name} differs"
    # A local cluster of two CPUs: two worker processes share the first stage.
    assert ray.cluster_resources()["CPU"] == 2

def test_ray_deprecated_column_arguments(cluster):
    ds = ray.data.from_items([{"body": "Algeria and Russia met in Moscow.", "head": "Talks"}])
    with pytest.warns(DeprecationWarning) as caught:
        old = nfr.extract(ds, text_column="body", title_column="head", model=None).to_corpus()
    assert {str(w.message).split(" is deprecated, ")[1] for w in caught} >= {"use text_field=", "use title_field="}
    new = nfr.extract(ds, text_field="body", title_field="head", model=None).to_corpus()
    assert old.documents.equals(new.documents) and new.documents["title"].to_list() == ["Talks"]
    with pytest.raises(nf.ConfigError, match="no column 'text'"):
        nfr.extract(ds)


def test_ray_write_parquet(cluster, tmp_path):
    rows = texts()[:60]
    ds = ray.data.from_items([{"text": t} for _, t in rows], override_num_blocks=3)
    result = nfr.extract(ds, model=None)
    parts = result.write_parquet(tmp_path)
    docs = pl.read_parquet(parts["documents"])
    want = nf.read_texts(pl.DataFrame({"text": [t for _, t in rows]}, schema={"text": pl.String}), model=None)
    assert docs.equals(want.documents)
    assert pl.read_parquet(parts["mentions"]).equals(want.mentions)
    assert pl.read_parquet(parts["entities"]).equals(want.entities)
