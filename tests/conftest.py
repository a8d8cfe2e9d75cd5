"""Shared fixtures: the sample corpus and its gold annotations, both inside the repository."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
# A copy of ../shared/gold/seeds.jsonl, so that tests run from any clone.
GOLD = Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    # One record per sample article: a test looping over the gold checks all of them.
    assert sorted(r["file"] for r in records) == sorted(p.name for p in SAMPLE.glob("*.txt"))
    return records


@pytest.fixture(scope="session")
def sample_corpus():
    import newsframe as nf

    return nf.read(SAMPLE)
