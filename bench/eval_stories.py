"""Stories: does ``documents.story_id`` join altered copies of an article and keep different
articles on the same topic apart?

The test set is built from real newswire (CoNLL-2003 ``train.txt`` read as running text by
``bench/conll_text.py``; documents split at datelines) and written to
``bench/data/stories/pairs.jsonl`` so that the set is fixed and inspectable:

* originals: articles of at least 150 words, not mostly figures (results tables), drawn with
  a fixed seed;
* one altered copy of each original per alteration: ``trimmed`` (its first two thirds, cut
  at a line end), ``edit3`` and ``edit1`` (3% / 1% of words replaced by words drawn from the
  corpus), ``boilerplate`` (agency and site furniture lines added before and after),
  ``lead_dropped`` (the first line after the headline removed), and ``trim_edit`` (both
  trimmed and 3% changed);
* same-topic negatives: for each original, the other article of the pool (original or not)
  with the highest TF-IDF cosine, and the ``--n`` most similar pairs of the rest of the pool,
  with a cosine between 0.2 and 0.9: same places and subject, different facts (two reports
  of one vote, two days of one hijacking).

Pairwise scores: recall per alteration (original and copy share a story id); precision of
all the pairs the run put in one story (a pair is right when both texts come from the same
original); and how many same-topic negative pairs were joined.

Usage::

    python bench/eval_stories.py [--n 60] [--seed 1] [--write FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conll_text import read_documents  # noqa: E402

TRAIN = HERE.parent.parent / "shared" / "train" / "conll2003" / "train.txt"
OUT = HERE / "data" / "stories" / "pairs.jsonl"
WORD = re.compile(r"\w+")

# Furniture lines of the kind outlets add around a wire story (written for this bench).
BOILERPLATE_TOP = ["Home | World | Business | Sport | Contact us", "Advertisement"]
BOILERPLATE_BOTTOM = ["Copyright 1996 Reuters Limited. All rights reserved.",
                      "Click here to subscribe to our daily newsletter.",
                      "Share this article: Facebook Twitter Email Print"]


def article_like(text: str) -> bool:
    words = WORD.findall(text)
    if len(words) < 150:
        return False
    digits = sum(w.isdigit() for w in words)
    return digits / len(words) < 0.15


def trimmed(text: str) -> str:
    lines = text.split("\n")
    total = sum(len(l.split()) for l in lines)
    out, n = [], 0
    for l in lines:
        if n >= total * 2 / 3:
            break
        out.append(l)
        n += len(l.split())
    return "\n".join(out)


def edited(text: str, share: float, vocab: list[str], rng: random.Random) -> str:
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    k = max(1, round(share * len(spans)))
    chosen = sorted(rng.sample(range(len(spans)), k), reverse=True)
    for i in chosen:
        a, b = spans[i]
        text = text[:a] + rng.choice(vocab) + text[b:]
    return text


def boilerplate(text: str) -> str:
    return "\n".join(BOILERPLATE_TOP + [text] + BOILERPLATE_BOTTOM)


def lead_dropped(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:1] + lines[2:]) if len(lines) > 2 else text


def tfidf(texts: list[str]) -> list[dict[str, float]]:
    toks = [Counter(w.lower() for w in WORD.findall(t) if not w.isdigit()) for t in texts]
    df = Counter(w for c in toks for w in c)
    n = len(texts)
    vecs = []
    for c in toks:
        v = {w: (1 + math.log(x)) * math.log(n / df[w]) for w, x in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    return vecs


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def build(n: int, seed: int) -> list[dict]:
    """The fixed set: records {id, group, kind, text}; copies share their original's group."""
    docs = [d.text for d in read_documents(TRAIN)]
    pool = [t for t in docs if article_like(t)]
    rng = random.Random(seed)
    originals = rng.sample(pool, min(n, len(pool)))
    vocab = sorted({w for t in pool for w in WORD.findall(t) if w.isalpha() and len(w) > 2})
    recs = []
    for g, text in enumerate(originals):
        recs.append({"id": f"o{g}", "group": g, "kind": "original", "text": text})
        variants = {
            "trimmed": trimmed(text),
            "edit3": edited(text, 0.03, vocab, rng),
            "edit1": edited(text, 0.01, vocab, rng),
            "boilerplate": boilerplate(text),
            "lead_dropped": lead_dropped(text),
            "trim_edit": edited(trimmed(text), 0.03, vocab, rng),
        }
        for kind, t in variants.items():
            recs.append({"id": f"{kind}{g}", "group": g, "kind": kind, "text": t})
    # Same-topic negatives: the nearest other pool article of each original, and the most
    # similar pairs of the rest of the pool (cosine 0.2 to 0.9: above, a pair may be a copy).
    chosen = set(originals)
    others = [t for t in pool if t not in chosen]
    texts = originals + others
    vecs = tfidf(texts)
    ids = {g: f"o{g}" for g in range(len(originals))}
    g_next = len(originals)

    def doc_id(j: int) -> str:
        nonlocal g_next
        if j not in ids:
            ids[j] = f"n{j}"
            recs.append({"id": ids[j], "group": g_next, "kind": "negative_doc", "text": texts[j]})
            g_next += 1
        return ids[j]

    pairs = set()
    for g in range(len(originals)):
        sims = [(cosine(vecs[g], vecs[j]), j) for j in range(len(texts)) if j != g]
        c, j = max(sims)
        if 0.2 < c < 0.9:
            pairs.add((min(g, j), max(g, j), round(c, 3)))
    rest = [(cosine(vecs[i], vecs[j]), i, j) for i in range(len(originals), len(texts)) for j in range(i + 1, len(texts))]
    rest = sorted((x for x in rest if 0.2 < x[0] < 0.9), reverse=True)[:n]
    pairs |= {(i, j, round(c, 3)) for c, i, j in rest}
    for i, j, c in sorted(pairs):
        recs.append({"id": f"neg{i}_{j}", "kind": "negative", "a": doc_id(i), "b": doc_id(j), "cosine": c})
    return recs


def evaluate(recs: list[dict]) -> list[str]:
    import newsframe as nf

    docs = [r for r in recs if "text" in r]
    corpus = nf.read_texts([r["text"] for r in docs], ids=[r["id"] for r in docs], lang="en")
    # Documents come back in input order, one row each.
    sid = dict(zip([r["id"] for r in docs], corpus.documents["story_id"].to_list()))
    group = {r["id"]: r["group"] for r in docs}
    rows = ["| alteration | pairs | joined | recall |", "| --- | ---: | ---: | ---: |"]
    by_kind = defaultdict(list)
    for r in docs:
        if r["kind"] not in ("original", "negative_doc"):
            by_kind[r["kind"]].append(sid[r["id"]] == sid[f"o{r['group']}"])
    for kind, v in by_kind.items():
        rows.append(f"| {kind} | {len(v)} | {sum(v)} | {sum(v) / len(v):.3f} |")
    # Every pair the run put in one story.
    members = defaultdict(list)
    for r in docs:
        members[sid[r["id"]]].append(r["id"])
    right = wrong = 0
    wrong_pairs = []
    for ids in members.values():
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                if group[ids[i]] == group[ids[j]]:
                    right += 1
                else:
                    wrong += 1
                    wrong_pairs.append((ids[i], ids[j]))
    # Same-topic negative pairs.
    neg = [r for r in recs if r["kind"] == "negative"]
    neg_joined = sum(sid[r["a"]] == sid[r["b"]] for r in neg)
    p = right / (right + wrong) if right + wrong else float("nan")
    out = [f"# Stories on altered copies of CoNLL-2003 train articles (newsframe {nf.__version__})", "",
           f"{sum(r['kind'] == 'original' for r in recs)} originals, {len(docs)} documents in one run; "
           f"{len(neg)} same-topic negative pairs (TF-IDF cosine > 0.2, median "
           f"{sorted(r['cosine'] for r in neg)[len(neg) // 2] if neg else 0}).", ""]
    out += rows + ["", f"pairwise precision: {p:.3f} ({right} right / {right + wrong} joined pairs)",
                   f"same-topic negative pairs joined: {neg_joined} of {len(neg)}"]
    if wrong_pairs:
        out += ["", "wrong pairs: " + ", ".join(f"{a}~{b}" for a, b in wrong_pairs[:20])]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rebuild", action="store_true", help="rebuild bench/data/stories/pairs.jsonl")
    ap.add_argument("--write", metavar="FILE")
    ap.add_argument("--dump-texts", metavar="FILE",
                    help="write every CoNLL-2003 train document as JSON lines (real text for timing) and stop")
    args = ap.parse_args()
    if args.dump_texts:
        with open(args.dump_texts, "w", encoding="utf-8") as f:
            for d in read_documents(TRAIN):
                f.write(json.dumps(d.text, ensure_ascii=False) + "\n")
        return
    if args.rebuild or not OUT.exists():
        recs = build(args.n, args.seed)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    recs = [json.loads(l) for l in OUT.read_text(encoding="utf-8").splitlines()]
    report = "\n".join(evaluate(recs)) + "\n"
    print(report)
    if args.write:
        Path(args.write).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
