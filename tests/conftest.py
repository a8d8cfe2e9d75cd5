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
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_corpus():
    import newsframe as nf

    return nf.read(SAMPLE)
