"""Trains the English event model of src/relate.rs on bench/data/events/dev.jsonl only.

newsframe proposes every ordered pair of countries named around an event trigger; the model
(logistic regression over the features of ``features`` in src/relate.rs) decides which pair
is the event and in which direction. This script runs newsframe on the dev sentences with
``NEWSFRAME_EVENT_DUMP`` set, labels each dumped candidate from the hand annotation (right
when its type and actors match a gold event, either order for a symmetric one), trains with
L2 regularisation, picks the regularisation and the threshold by 5-fold cross-validation on
dev (grouped by sentence), and writes python/newsframe/data/events/model_en.tsv.

The test part (bench/data/events/test.jsonl) is never read here.

Usage (needs a build of newsframe whose model file may be empty)::

    python scripts/train_event_model.py [--min-precision 0.88]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "bench" / "data" / "events" / "dev.jsonl"
KB = ROOT / "python" / "newsframe" / "data" / "kb"
OUT = ROOT / "python" / "newsframe" / "data" / "events" / "model_en.tsv"


def code_names() -> dict[str, str]:
    out = {}
    with open(KB / "entities.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"].startswith("country:"):
                out[row["id"].split(":", 1)[1]] = row["name"]
    return out


def candidates(records: list[dict]) -> list[dict]:
    """Runs newsframe on the sentences and reads the dumped candidates."""
    dump = Path(tempfile.mkdtemp()) / "cands.tsv"
    os.environ["NEWSFRAME_EVENT_DUMP"] = str(dump)
    import newsframe as nf  # after the variable is set: the hook reads it once

    nf.read_texts([r["text"] for r in records])
    names = code_names()
    out = []
    for line in dump.read_text(encoding="utf-8").splitlines():
        doc, sent, ty, c1, c2, mod, feats = line.split("\t")
        out.append({"doc": int(doc), "type": ty, "a1": names.get(c1, c1), "a2": names.get(c2, c2),
                    "feats": feats.split(" ")})
    # The hook appends from parallel workers: a fixed order keeps training deterministic.
    out.sort(key=lambda c: (c["doc"], c["type"], c["a1"], c["a2"], c["feats"]))
    return out


def label(c: dict, gold: list[dict]) -> int:
    for g in gold:
        if g["type"] != c["type"]:
            continue
        if (g["actor1"], g["actor2"]) == (c["a1"], c["a2"]):
            return 1
        if g["symmetric"] and (g["actor1"], g["actor2"]) == (c["a2"], c["a1"]):
            return 1
    return 0


def train(xs: list[list[int]], ys: list[int], n_feats: int, l2: float, epochs: int = 40, seed: int = 1) -> tuple[list[float], float]:
    """Logistic regression by AdaGrad on the log loss plus L2."""
    w = [0.0] * n_feats
    g2 = [1e-8] * n_feats
    b, gb2 = 0.0, 1e-8
    rng = random.Random(seed)
    order = list(range(len(xs)))
    lr = 0.3
    n = len(xs)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            z = b + sum(w[j] for j in xs[i])
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - ys[i]
            for j in xs[i]:
                gj = g + l2 * w[j] / n * 50
                g2[j] += gj * gj
                w[j] -= lr * gj / math.sqrt(g2[j])
            gb2 += g * g
            b -= lr * g / math.sqrt(gb2)
    return w, b


def events_of(cands: list[dict], scores: list[float], threshold: float) -> dict[int, set]:
    """Per document, the events newsframe would output: per (type, unordered pair) the
    better direction when it reaches the threshold."""
    best: dict[tuple, tuple[float, dict]] = {}
    for c, s in zip(cands, scores):
        key = (c["doc"], c["type"], frozenset((c["a1"], c["a2"])))
        if key not in best or s > best[key][0]:
            best[key] = (s, c)
    out: dict[int, set] = defaultdict(set)
    for (doc, _, _), (s, c) in best.items():
        if s >= threshold:
            out[doc].add((c["type"], c["a1"], c["a2"]))
    return out


def prf(pred: dict[int, set], records: list[dict], docs: set[int]) -> tuple[int, int, int, int]:
    tp_p = n_p = tp_g = n_g = 0
    for d in docs:
        gold = records[d]["events"]
        n_g += len(gold)
        used = [False] * len(gold)
        for (t, a, b) in pred.get(d, ()):
            n_p += 1
            for gi, g in enumerate(gold):
                if used[gi] or g["type"] != t:
                    continue
                if (g["actor1"], g["actor2"]) == (a, b) or (g["symmetric"] and (g["actor1"], g["actor2"]) == (b, a)):
                    used[gi] = True
                    tp_p += 1
                    break
        tp_g += sum(used)
    return tp_p, n_p, tp_g, n_g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-precision", type=float, default=0.88)
    args = ap.parse_args()
    records = [json.loads(l) for l in DEV.read_text(encoding="utf-8").splitlines() if l.strip()]
    cands = candidates(records)
    ys = [label(c, records[c["doc"]]["events"]) for c in cands]
    index: dict[str, int] = {}
    xs = [[index.setdefault(f, len(index)) for f in c["feats"]] for c in cands]
    print(f"{len(cands)} candidates, {sum(ys)} right, {len(index)} features; "
          f"{sum(len(r['events']) for r in records)} gold events", file=sys.stderr)
    docs = sorted({c["doc"] for c in cands} | set(range(len(records))))
    rng = random.Random(7)
    rng.shuffle(docs)
    folds = [set(docs[k::5]) for k in range(5)]
    thresholds = [x / 10 for x in range(-20, 31)]
    results = {}
    for l2 in (0.3, 1.0, 3.0):
        scores = [0.0] * len(cands)
        for fold in folds:
            tr = [i for i, c in enumerate(cands) if c["doc"] not in fold]
            w, b = train([xs[i] for i in tr], [ys[i] for i in tr], len(index), l2)
            for i, c in enumerate(cands):
                if c["doc"] in fold:
                    scores[i] = b + sum(w[j] for j in xs[i])
        for th in thresholds:
            tp_p, n_p, tp_g, n_g = prf(events_of(cands, scores, th), records, set(range(len(records))))
            p = tp_p / n_p if n_p else 0.0
            r = tp_g / n_g
            results[(l2, th)] = (p, r)
    # Precision before recall: the best F0.5, unless some setting reaches --min-precision
    # without losing more than a tenth of that recall.
    f05 = lambda pr: 1.25 * pr[0] * pr[1] / (0.25 * pr[0] + pr[1] + 1e-9)
    (l2, th), (p, r) = max(results.items(), key=lambda kv: (f05(kv[1]), -kv[0][1]))
    ok = [(rr, pp, k) for k, (pp, rr) in results.items() if pp >= args.min_precision and rr >= 0.9 * r]
    if ok:
        r, p, (l2, th) = max(ok)
    print(f"cross-validated on dev: l2 {l2}, threshold {th}: P {p:.3f} R {r:.3f}", file=sys.stderr)
    for k in sorted(results):
        if k[0] == l2 and abs(k[1] - th) <= 1.0:
            print(f"  th {k[1]:+.1f}: P {results[k][0]:.3f} R {results[k][1]:.3f}", file=sys.stderr)
    w, b = train(xs, ys, len(index), l2)
    names = sorted(index, key=lambda f: -abs(w[index[f]]))
    lines = ["# English event model for src/relate.rs (logistic regression over its `features`).",
             "# Trained by scripts/train_event_model.py on bench/data/events/dev.jsonl only (the",
             "# newsframe project's own annotation of CoNLL-2003 Reuters sentences); the test part",
             f"# was not used. Cross-validated on dev (5 folds): P {p:.3f} R {r:.3f}.",
             f"__bias__\t{b:.5f}", f"__threshold__\t{th:.2f}",
             "__types__\t" + ",".join(sorted({c["type"] for c, y in zip(cands, ys) if y}))]
    lines += [f"{f}\t{w[index[f]]:.5f}" for f in names if abs(w[index[f]]) >= 1e-3]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 7} weights)", file=sys.stderr)


if __name__ == "__main__":
    main()
