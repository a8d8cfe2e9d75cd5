"""The sample corpus against the hand annotations: titles, boilerplate lines, languages."""

import pytest

from conftest import SAMPLE


def _by_file(corpus):
    return {row["source"].rsplit("/", 1)[-1]: row for row in corpus.documents.iter_rows(named=True)}


def test_gold_titles(sample_corpus, gold):
    rows = _by_file(sample_corpus)
    assert {g["file"]: rows[g["file"]]["title"] for g in gold} == {g["file"]: g["title"] for g in gold}


def test_gold_languages(sample_corpus, gold):
    rows = _by_file(sample_corpus)
    assert {g["file"]: rows[g["file"]]["lang"] for g in gold} == {g["file"]: g["lang"] for g in gold}


def test_gold_boilerplate_lines(sample_corpus, gold):
    rows = _by_file(sample_corpus)
    for g in gold:
        raw_lines = (SAMPLE / g["file"]).read_text(encoding="utf-8").split("\n")
        expected = [raw_lines[i].strip() for i in g["boilerplate_lines"]]
        assert rows[g["file"]]["boilerplate"] == expected, g["file"]


def test_gold_boilerplate_text_removed(sample_corpus, gold):
    rows = _by_file(sample_corpus)
    for g in gold:
        for line in rows[g["file"]]["boilerplate"]:
            assert line not in rows[g["file"]]["text"].split("\n")


@pytest.mark.parametrize("needle", ["Ìý", "\u00a0", "  "])
def test_gold_text_is_normalised(sample_corpus, needle):
    for text in sample_corpus.documents["text"]:
        assert needle not in text


def test_gold_content_kept(sample_corpus, gold):
    """Every non-boilerplate, non-empty raw line survives cleaning (modulo whitespace)."""
    rows = _by_file(sample_corpus)
    for g in gold:
        raw_lines = (SAMPLE / g["file"]).read_text(encoding="utf-8").split("\n")
        kept = [
            " ".join(line.replace("Ìý", " ").split())
            for i, line in enumerate(raw_lines)
            if i not in g["boilerplate_lines"] and line.strip()
        ]
        assert rows[g["file"]]["text"].split("\n") == kept, g["file"]
