"""Arabic names: the whole pipeline against the tagger alone, on the held-out tenth of ANERcorp.

The held-out part is the last tenth of ANERcorp train's sentences (as in the model card),
grouped in pseudo-documents of 30 sentences and printed as running text, one sentence per
line, tokens joined by spaces. Both systems are scored on the same character spans:

* the tagger alone: ``_newsframe.ner_tag`` on the tokens, its BIO spans mapped to characters;
* the pipeline: ``nf.read_texts(texts, include_misc=True)`` (cleaning, language,
  sentences, knowledge base, rules, tagger, resolver), labels mapped back to ANERcorp's
  (PERSON→PER, ORG→ORG, GPE/LOC→LOC, NORP/MISC→MISC).

Our span guideline leaves proclitics (و ف ب ل ك) outside a name, ANERcorp keeps them inside
its tokens, so spans are compared leniently (overlap and same label, one to one); exact
scores are printed beside them for reference only.

    python bench/eval_ner_arabic.py [--train-dir ../shared/train]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

import newsframe as nf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conll_text import bio_spans, read_sentences  # noqa: E402
from eval_ner import span_scores  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC", "MISC": "MISC"}
LABELS = ("PER", "ORG", "LOC", "MISC")


def documents(train_dir: Path, size: int = 30):
    path = train_dir / "anercorp" / "train.txt"
    if not path.exists():
        sys.exit(f"needs {path} (--train-dir)")
    sents = [s for d in read_sentences(path) for s in d]
    held = sents[int(len(sents) * 0.9):]
    return [held[i:i + size] for i in range(0, len(held), size)]


def render(doc):
    """Text of a document and, per sentence, the character offset of each token."""
    lines, offsets, pos = [], [], 0
    for toks, _ in doc:
        offs = []
        for i, t in enumerate(toks):
            offs.append(pos + sum(len(x) + 1 for x in toks[:i]))
        offsets.append(offs)
        line = " ".join(toks)
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines), offsets


def char_spans(d: int, doc, offsets, tags_per_sent):
    out = []
    for (toks, _), offs, tags in zip(doc, offsets, tags_per_sent):
        for a, b, label in bio_spans(list(tags)):
            out.append((d, offs[a], offs[b - 1] + len(toks[b - 1]), label))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train-dir", type=Path, default=HERE.parent.parent / "shared" / "train")
    args = ap.parse_args()
    from newsframe import _newsframe

    docs = documents(args.train_dir)
    rendered = [render(d) for d in docs]
    texts = [t for t, _ in rendered]
    gold, tagger = [], []
    tagged = _newsframe.ner_tag("default", "ar", [[toks for toks, _ in d] for d in docs])
    for i, (doc, (_, offs)) in enumerate(zip(docs, rendered)):
        gold += char_spans(i, doc, offs, [tags for _, tags in doc])
        tagger += char_spans(i, doc, offs, tagged[i])

    corpus = nf.read_texts(texts, include_misc=True)
    d = corpus.documents
    assert d["text"].to_list() == texts, "the cleaner changed the text: offsets would not compare"
    langs = d["lang"].value_counts().sort("lang")
    m = corpus.mentions
    pipeline = [(r["doc_id"], r["start"], r["end"], MAP[r["label"]]) for r in m.iter_rows(named=True) if r["label"] in MAP]

    print(f"ANERcorp held-out tenth: {len(docs)} documents of 30 sentences, {len(gold)} gold names; "
          f"documents by lang: {dict(langs.iter_rows())}\n")
    for name, pred in (("tagger alone (ner_tag on tokens)", tagger), ("pipeline (nf.read_texts, include_misc=True)", pipeline)):
        s = span_scores(gold, pred, LABELS).select("mode", "label", "P", "R", "F1", "support")
        print(f"## {name}")
        with pl.Config(tbl_rows=20, float_precision=3, tbl_hide_dataframe_shape=True):
            print(s)
        print()


if __name__ == "__main__":
    main()
