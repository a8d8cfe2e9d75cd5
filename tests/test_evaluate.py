"""newsframe.evaluation: scoring mentions frames, built here from the gold itself, against the gold."""

from __future__ import annotations

import copy
import doctest
import json
import warnings
from pathlib import Path
from typing import Optional

import polars as pl
import pytest

import newsframe.evaluation
from newsframe.evaluation import LABELS, evaluate, evaluate_values
from newsframe.exceptions import ConfigError, PathNotFoundError

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
GOLD = Path(__file__).resolve().parent / "data" / "seeds_gold.jsonl"

MENTIONS_SCHEMA = {
    "doc_id": pl.UInt32,
    "sent_id": pl.UInt32,
    "start": pl.UInt32,
    "end": pl.UInt32,
    "raw_start": pl.UInt32,
    "raw_end": pl.UInt32,
    "text": pl.String,
    "label": pl.String,
    "source": pl.String,
    "kb_id": pl.String,
    "amount_min": pl.Float64,
    "amount_max": pl.Float64,
    "currency": pl.String,
    "percent": pl.Float64,
    "date": pl.String,
    "date_end": pl.String,
}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def documents(gold) -> pl.DataFrame:
    return pl.DataFrame(
        {"doc_id": list(range(len(gold))), "source": [str(SAMPLE / g["file"]) for g in gold],
         "lang": [g["lang"] for g in gold]},
        schema={"doc_id": pl.UInt32, "source": pl.String, "lang": pl.String},
    )


def mention(doc_id: int, start: int, end: int, label: str, text: str = "", value: Optional[dict] = None) -> dict:
    """One mentions row with the full schema; offsets are the same in raw and clean text here."""
    value = value or {}
    return {
        "doc_id": doc_id, "sent_id": 0, "start": start, "end": end, "raw_start": start, "raw_end": end,
        "text": text, "label": label, "source": "gold", "kb_id": None,
        "amount_min": value.get("min"), "amount_max": value.get("max"), "currency": value.get("currency"),
        "percent": value.get("percent"), "date": value.get("date"), "date_end": value.get("date_end"),
    }


def mentions_from_gold(gold: list[dict]) -> pl.DataFrame:
    rows = [mention(i, e["start"], e["end"], e["label"], e["text"], e.get("value"))
            for i, g in enumerate(gold) for e in g["entities"]]
    return pl.DataFrame(rows, schema=MENTIONS_SCHEMA, orient="row")


def score(scores: pl.DataFrame, mode: str, label: str) -> dict:
    return scores.filter(mode=mode, label=label).row(0, named=True)


def test_evaluate_gold_as_predictions_is_perfect(gold, documents):
    scores = evaluate(mentions_from_gold(gold), GOLD, documents=documents)
    present = {e["label"] for g in gold for e in g["entities"]} | {"ALL"}
    for row in scores.filter(pl.col("label").is_in(sorted(present))).iter_rows(named=True):
        assert (row["precision"], row["recall"], row["f1"], row["fp"], row["fn"]) == (1.0, 1.0, 1.0, 0, 0), row
    assert score(scores, "exact", "ALL")["support"] == sum(len(g["entities"]) for g in gold)


def test_evaluate_schema_and_order(gold, documents):
    scores = evaluate(mentions_from_gold(gold), gold, documents=documents)
    assert dict(scores.schema) == newsframe.evaluation.SCORES_SCHEMA
    expected = [(m, lab) for m in ("exact", "lenient") for lab in (*LABELS, "ALL")]
    assert scores.select("mode", "label").rows() == expected


def test_evaluate_is_deterministic_under_row_order(gold, documents):
    mentions = mentions_from_gold(gold)
    shuffled = mentions.sample(fraction=1.0, shuffle=True, seed=7)
    assert evaluate(mentions, gold, documents=documents).equals(evaluate(shuffled, gold, documents=documents))


def test_evaluate_accepts_a_corpus(gold, documents):
    class FakeCorpus:
        def __init__(self) -> None:
            self.mentions = mentions_from_gold(gold)
            self.documents = documents

    assert score(evaluate(FakeCorpus(), gold), "exact", "ALL")["f1"] == 1.0


def test_evaluate_shifted_span_is_lenient_not_exact():
    gold = [{"id": "a", "file": "a.txt", "lang": "en",
             "entities": [{"start": 10, "end": 20, "label": "ORG", "text": "x"}]}]
    docs = pl.DataFrame({"doc_id": [0], "source": ["a.txt"]})
    mentions = pl.DataFrame([mention(0, 12, 24, "ORG")], schema=MENTIONS_SCHEMA, orient="row")
    scores = evaluate(mentions, gold, documents=docs)
    assert (score(scores, "exact", "ORG")["tp"], score(scores, "exact", "ORG")["fp"],
            score(scores, "exact", "ORG")["fn"]) == (0, 1, 1)
    assert (score(scores, "lenient", "ORG")["tp"], score(scores, "lenient", "ORG")["fp"],
            score(scores, "lenient", "ORG")["fn"]) == (1, 0, 0)


def test_evaluate_lenient_is_one_to_one():
    # Two gold spans inside one long prediction: the prediction matches one of them only.
    gold = [{"id": "a", "file": "a.txt", "lang": "en", "entities": [
        {"start": 0, "end": 5, "label": "GPE", "text": "x"}, {"start": 6, "end": 10, "label": "GPE", "text": "y"}]}]
    docs = pl.DataFrame({"doc_id": [0], "source": ["a.txt"]})
    mentions = pl.DataFrame([mention(0, 0, 10, "GPE")], schema=MENTIONS_SCHEMA, orient="row")
    row = score(evaluate(mentions, gold, documents=docs), "lenient", "GPE")
    assert (row["tp"], row["fp"], row["fn"]) == (1, 0, 1)


def test_evaluate_lenient_prefers_exact_pairs():
    # The long prediction could grab the short gold span first; exact pairs must win.
    gold = [{"id": "a", "file": "a.txt", "lang": "en", "entities": [
        {"start": 0, "end": 4, "label": "GPE", "text": "x"}, {"start": 0, "end": 10, "label": "GPE", "text": "y"}]}]
    docs = pl.DataFrame({"doc_id": [0], "source": ["a.txt"]})
    mentions = pl.DataFrame([mention(0, 0, 10, "GPE"), mention(0, 0, 4, "GPE")], schema=MENTIONS_SCHEMA, orient="row")
    scores = evaluate(mentions, gold, documents=docs)
    assert score(scores, "exact", "GPE")["tp"] == score(scores, "lenient", "GPE")["tp"] == 2


def test_evaluate_wrong_label_is_fp_and_fn(gold, documents):
    first = gold[0]["entities"][0]
    mentions = mentions_from_gold(gold).with_columns(
        pl.when((pl.col("doc_id") == 0) & (pl.col("raw_start") == first["start"]))
        .then(pl.lit("PERSON")).otherwise(pl.col("label")).alias("label")
    )
    scores = evaluate(mentions, gold, documents=documents)
    for mode in ("exact", "lenient"):
        assert score(scores, mode, "PERSON")["fp"] == 1
        assert score(scores, mode, first["label"])["fn"] == 1
        all_row = score(scores, mode, "ALL")
        assert (all_row["fp"], all_row["fn"]) == (1, 1)


def test_evaluate_ignores_predictions_on_boilerplate_lines(gold, documents):
    i, rec = next((i, g) for i, g in enumerate(gold) if g["boilerplate_lines"])
    raw = (SAMPLE / rec["file"]).read_text(encoding="utf-8")
    line_no = next(n for n in rec["boilerplate_lines"] if raw.split("\n")[n].strip())
    line_start = sum(len(line) + 1 for line in raw.split("\n")[:line_no])
    line_len = len(raw.split("\n")[line_no])
    junk = pl.DataFrame([mention(i, line_start, line_start + min(5, line_len), "ORG")],
                        schema=MENTIONS_SCHEMA, orient="row")
    mentions = pl.concat([mentions_from_gold(gold), junk])
    assert score(evaluate(mentions, gold, documents=documents), "exact", "ORG")["fp"] == 0
    # Without the raw file the lines are unknown, so the prediction counts.
    unreadable = documents.with_columns(pl.col("source").str.replace(r"\.txt$", ".missing"))
    gold_by_source = [{**g, "file": g["file"].replace(".txt", ".missing")} for g in gold]
    assert score(evaluate(mentions, gold_by_source, documents=unreadable), "exact", "ORG")["fp"] == 1


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_evaluate_lang_filter(gold, documents, lang):
    # Predictions only for the other language's documents: they must not count.
    other = [i for i, g in enumerate(gold) if g["lang"] != lang]
    mentions = mentions_from_gold(gold).filter(pl.col("doc_id").is_in(other))
    row = score(evaluate(mentions, gold, documents=documents, lang=lang), "exact", "ALL")
    assert (row["tp"], row["fp"]) == (0, 0)
    assert row["fn"] == row["support"] == sum(len(g["entities"]) for g in gold if g["lang"] == lang)


def test_evaluate_labels_filter(gold, documents):
    scores = evaluate(mentions_from_gold(gold), gold, documents=documents, labels=["MONEY", "GPE"])
    assert scores["label"].to_list() == ["GPE", "MONEY", "ALL"] * 2
    expected = sum(e["label"] in ("MONEY", "GPE") for g in gold for e in g["entities"])
    assert score(scores, "exact", "ALL")["support"] == expected


def test_evaluate_matches_gold_by_id(gold):
    docs = pl.DataFrame({"doc_id": [0, 1], "source": [gold[0]["id"], "unrelated"]})
    mentions = mentions_from_gold(gold[:1])
    assert score(evaluate(mentions, gold[:1], documents=docs), "exact", "ALL")["f1"] == 1.0


def test_evaluate_unmatched_gold_warns_and_counts_fn(gold, documents):
    extra = copy.deepcopy(gold[0])
    extra["id"], extra["file"] = "nowhere", "nowhere.txt"
    with pytest.warns(UserWarning, match="nowhere.txt"):
        scores = evaluate(mentions_from_gold(gold), [*gold, extra], documents=documents)
    assert score(scores, "exact", "ALL")["fn"] == len(extra["entities"])


def test_evaluate_ignores_documents_without_gold(gold, documents):
    docs = pl.concat([documents, pl.DataFrame({"doc_id": [99], "source": ["other.txt"], "lang": ["en"]},
                                              schema=documents.schema)])
    mentions = pl.concat([mentions_from_gold(gold),
                          pl.DataFrame([mention(99, 0, 3, "GPE")], schema=MENTIONS_SCHEMA, orient="row")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert score(evaluate(mentions, gold, documents=docs), "exact", "ALL")["fp"] == 0


def test_evaluate_values_gold_as_predictions_all_ok(gold, documents):
    values = evaluate_values(mentions_from_gold(gold), GOLD, documents=documents)
    assert dict(values.schema) == newsframe.evaluation.VALUES_SCHEMA
    assert values.height == sum("value" in e for g in gold for e in g["entities"])
    assert values["ok"].all(), values.filter(~pl.col("ok"))


def test_evaluate_values_reports_wrong_and_missing(gold, documents):
    mentions = mentions_from_gold(gold)
    money = next(e for e in gold[0]["entities"] if e["label"] == "MONEY")
    percent = next(e for e in gold[0]["entities"] if e["label"] == "PERCENT")
    mentions = mentions.with_columns(
        pl.when((pl.col("doc_id") == 0) & (pl.col("raw_start") == money["start"]))
        .then(pl.col("amount_max") + 1e8).otherwise(pl.col("amount_max")).alias("amount_max")
    ).filter(~((pl.col("doc_id") == 0) & (pl.col("raw_start") == percent["start"])))
    values = evaluate_values(mentions, gold, documents=documents)
    bad = values.filter(~pl.col("ok"), file=gold[0]["file"])
    assert bad.select("text", "got").rows() == [
        (money["text"], "USD 21300000000..21400000000"),
        (percent["text"], None),
    ]


def test_evaluate_values_money_tolerance():
    gold = [{"id": "a", "file": "a.txt", "lang": "en", "entities": [
        {"start": 0, "end": 5, "label": "MONEY", "text": "$1bn", "value": {"currency": "USD", "min": 1e9, "max": 1e9}}]}]
    docs = pl.DataFrame({"doc_id": [0], "source": ["a.txt"]})
    close = pl.DataFrame([mention(0, 0, 5, "MONEY", value={"currency": "USD", "min": 1e9 + 1, "max": 1e9})],
                         schema=MENTIONS_SCHEMA, orient="row")
    assert evaluate_values(close, gold, documents=docs)["ok"].to_list() == [True]


def test_evaluate_errors(gold, documents, tmp_path):
    mentions = mentions_from_gold(gold)
    with pytest.raises(ConfigError, match="documents"):
        evaluate(mentions, gold)
    with pytest.raises(PathNotFoundError):
        evaluate(mentions, tmp_path / "nope.jsonl", documents=documents)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "entities": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        evaluate(mentions, bad, documents=documents)
    with pytest.raises(ConfigError, match="raw_start"):
        evaluate(mentions.drop("raw_start"), gold, documents=documents)
    with pytest.raises(ConfigError):
        evaluate(object(), gold)
    with pytest.raises(ConfigError):
        evaluate(mentions, gold, documents=documents, labels=[])
    with pytest.raises(ConfigError):
        evaluate(mentions, [{"file": "a.txt", "entities": [{"start": "0"}]}], documents=documents)


def test_evaluate_docstrings_run():
    result = doctest.testmod(newsframe.evaluation, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 0
