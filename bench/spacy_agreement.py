"""Diagnostic: where newsframe and spaCy disagree on news neither was tuned on.

Reuters-21578 (financial and political wire copy of 1987, unannotated for our labels) is read
as running text; newsframe (`nf.read_texts`) and spaCy `en_core_web_sm` tag the same texts.
Per label it counts mentions both systems give (any overlap, same label), mentions only
newsframe gives, and mentions only spaCy gives, then lists the most frequent disagreements.
spaCy is no gold standard (it is wrong on `pct`, `cts`, `Reuter`...): the lists are for
reading, to find faults that hold across a genre, never scores to tune on.

    python bench/spacy_agreement.py --reuters DIR_WITH_reut2-*.sgm [--docs 300] [--label ORG]
    python bench/spacy_agreement.py --bbc DIR_WITH_bbc/<topic>/*.txt --docs 400 --seed 1
    python bench/spacy_agreement.py --cnn cnn_dailymail_validation_subset.csv --rows even --docs 500

Reuters-21578, Distribution 1.0: free for research use (see its README.txt); a copy lives in
public repositories (for example `fetch github:CrackedSky/reuters21578`). `--bbc` reads the
BBC News dataset of Greene & Cunningham (ICML 2006; 2,225 articles of 2004-2005 in five
topics, title on the first line; articles (c) BBC, distributed for research), which is
closer to today's web news than the 1987 wire (`fetch
github:dejanbatanjac/bbc-article-classify-bert`, folder `bbc/`). `--cnn` reads the `article`
column of a CSV of the CNN / Daily Mail summarisation corpus (news of 2007-2015, distributed
for research; 1,000 validation articles in `fetch
github:hillaryke/rag-optimization-cnn-dailymail`, `data/collection/`), its even or odd rows
(0-based) so that one half can be read while the other stays unread.

The first line of the report counts the mentions both systems give with the same span and
label (`same span and label`), the figure `bench/results/spacy_agreement.md` follows.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsframe as nf  # noqa: E402
from eval_ner import SPACY_MODEL, SPACY_PIP  # noqa: E402

from eval_events import cnn_articles, reuters_documents  # noqa: E402

LABELS = ["PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY", "PERCENT"]
SPACY_MAP = {label: label for label in LABELS} | {"FAC": "LOC"}


def newsframe_mentions(texts: list[str]) -> list[tuple[int, int, int, str]]:
    corpus = nf.read_texts(texts)
    index = {d: int(s) for d, s in corpus.documents.select("doc_id", "source").iter_rows()}
    rows = corpus.mentions.select("doc_id", "raw_start", "raw_end", "label").drop_nulls().iter_rows()
    return [(index[d], s, e, label) for d, s, e, label in rows]


def spacy_mentions(texts: list[str]) -> list[tuple[int, int, int, str]]:
    try:
        import spacy

        nlp = spacy.load(SPACY_MODEL)
    except (ImportError, OSError):
        sys.exit(f"needs spaCy: {SPACY_PIP}")
    return [
        (i, e.start_char, e.end_char, SPACY_MAP[e.label_])
        for i, doc in enumerate(nlp.pipe(texts))
        for e in doc.ents
        if e.label_ in SPACY_MAP
    ]


def compare(texts, ours, theirs) -> tuple[Counter, Counter]:
    """(per-label counts of both/ours/theirs, disagreements by (who, label, text, other labels))."""
    by_doc = lambda ms: defaultdict(list, {i: [m for m in ms if m[0] == i] for i in {m[0] for m in ms}})
    a, b = by_doc(ours), by_doc(theirs)
    counts, dis = Counter(), Counter()
    for who, mine, other in (("newsframe", a, b), ("spaCy", b, a)):
        for i, ms in mine.items():
            for _, s, e, label in ms:
                over = {o[3] for o in other[i] if o[1] < e and s < o[2]}
                if label in over:
                    if who == "newsframe":
                        counts[(label, "both")] += 1
                else:
                    counts[(label, f"{who} only")] += 1
                    dis[(who, label, texts[i][s:e], tuple(sorted(over)))] += 1
    return counts, dis


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--reuters", type=Path, help="folder with reut2-*.sgm")
    source.add_argument("--bbc", type=Path, help="folder with the BBC News dataset's <topic>/*.txt")
    source.add_argument("--cnn", type=Path, help="CSV of CNN / Daily Mail articles (column `article`)")
    ap.add_argument("--rows", choices=["even", "odd", "all"], default="all", help="--cnn: which rows (0-based)")
    ap.add_argument("--docs", type=int, default=300, help="stories drawn (longer than 600 characters)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--label", choices=LABELS, help="list the disagreements of this label only")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    if args.reuters:
        docs, what = [t for _, t in reuters_documents(args.reuters) if len(t) > 600], "Reuters-21578 stories"
    elif args.cnn:
        docs = [a for _, a in cnn_articles(args.cnn, args.rows)]
        what = f"CNN / Daily Mail articles ({args.rows} rows)"
    else:
        paths = sorted(args.bbc.glob("*/*.txt"))
        if not paths:
            sys.exit(f"{args.bbc}: no <topic>/*.txt files")
        docs, what = [p.read_bytes().decode("utf-8", "replace") for p in paths], "BBC News articles"
    random.Random(args.seed).shuffle(docs)
    texts = docs[: args.docs]
    ours, theirs = newsframe_mentions(texts), spacy_mentions(texts)
    counts, dis = compare(texts, ours, theirs)
    same = len(set(ours) & set(theirs))
    print(f"{len(texts)} {what}, {sum(map(len, texts)) / 1e6:.2f} MB; newsframe {nf.__version__}, spaCy {SPACY_MODEL}")
    print(f"same span and label: {same} (newsframe {len(ours)}, spaCy {len(theirs)})\n")
    print("| label | both | newsframe only | spaCy only |\n|---|---:|---:|---:|")
    for label in LABELS:
        print(f"| {label} | {counts[(label, 'both')]} | {counts[(label, 'newsframe only')]} | {counts[(label, 'spaCy only')]} |")
    print("\n| n | only in | label | text | the other system's labels there |\n|---:|---|---|---|---|")
    shown = [(k, v) for k, v in dis.most_common() if args.label in (None, k[1])][: args.top]
    for (who, label, text, over), n in shown:
        print(f"| {n} | {who} | {label} | {text!r} | {', '.join(over) or '-'} |")


if __name__ == "__main__":
    main()
