"""Trains the event classifier of ``relate::events`` on the annotated dev part, and
cross-validates it there.

The rules of ``relate::events`` propose, per trigger, pairs of countries; the classifier (an
averaged perceptron, ``src/relate/events/classifier.rs``) accepts or rejects each proposed
pair and picks its direction. Its training rows are every proposed pair of the dev sentences
in both directions (``_newsframe.event_candidates``), labelled right when the dev gold of the
sentence has that (type, actor 1, actor 2), or the reverse for a symmetric event. Only the dev
part is read: the test part stays for ``bench/eval_events.py``.

    python bench/train_event_classifier.py            # 5-fold cross-validation on dev
    python bench/train_event_classifier.py --write    # also writes the shipped weights

``--write`` writes ``python/newsframe/data/events/classifier_en.tsv`` (embedded in the
library: rebuild after). The weights depend only on the dev part, the library's rules and
the options: the same inputs give the same file. The shipped file has no weights (the rules
decide): trained weights lost most multilateral pairs of the test part (see
``python/newsframe/data/events/README.md`` and ``bench/results/events.md``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from newsframe import _inputs
from newsframe._newsframe import event_candidates, train_event_classifier
from newsframe._options import resolve

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_events import ROOT, actor_name, load, prf, score  # noqa: E402

OUT = ROOT / "python" / "newsframe" / "data" / "events" / "classifier_en.tsv"
FOLDS = 5


def candidates(records: list[dict]) -> list[dict]:
    """The labelled candidate rows of `records` (one document per sentence)."""
    resolved = resolve({})
    inputs = _inputs.text_inputs([r["text"] for r in records], None, None, resolved)
    rows = []
    for doc, sent, trig, ty, a1, a2, proposed, feats in event_candidates(inputs, resolved.json):
        n1, n2 = actor_name(a1[1], a1[2], a1[0]), actor_name(a2[1], a2[2], a2[0])
        gold = records[doc]["events"]
        right = any(g["type"] == ty and ((g["actor1"], g["actor2"]) == (n1, n2)
                                          or (g["symmetric"] and (g["actor1"], g["actor2"]) == (n2, n1)))
                    for g in gold)
        rows.append({"doc": doc, "sentence": sent, "trigger": trig, "type": ty, "a1": n1, "a2": n2,
                     "proposed": proposed, "features": feats, "right": right})
    return rows


def decide(rows: list[dict], weights: dict[str, float] | None, only_proposed: bool = False) -> dict[int, list[dict]]:
    """Per document, the events the rules (``weights`` None) or the classifier keep, as
    ``relate::events`` decides: each proposed pair in its better direction when its score is
    above 0, one event per (type, pair) in a sentence. ``only_proposed`` weighs only the pairs
    the rules proposed (in either direction)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["doc"], r["sentence"], r["trigger"], r["type"], frozenset((r["a1"], r["a2"])))].append(r)
    per: dict[int, list[dict]] = defaultdict(list)
    seen = set()
    for key, rs in groups.items():
        if only_proposed and not any(r["proposed"] for r in rs):
            continue
        if weights is None:
            kept = [r for r in rs if r["proposed"]]
        else:
            scored = [(sum(weights.get(f, 0.0) for f in r["features"]), r) for r in rs]
            # A tie keeps the rules' direction (the first row is the proposed one).
            best = max(scored, key=lambda x: x[0])
            kept = [best[1]] if best[0] > 0 else []
        for r in kept[:1]:
            k = (r["doc"], r["sentence"], r["type"], frozenset((r["a1"], r["a2"])))
            if k in seen:
                continue
            seen.add(k)
            per[r["doc"]].append({"event_type": r["type"], "a1": r["a1"], "a2": r["a2"]})
    return per


def offsets(margin_proposed: float, margin_new: float) -> list[tuple[str, float]]:
    """The decision thresholds as bias weights: a pair the rules proposed (``r:same`` or
    ``r:rev`` in either direction) is kept above ``margin_proposed``, another pair above
    ``margin_new``, and the shipped decision stays "score above 0"."""
    return [("r:same", -margin_proposed), ("r:rev", -margin_proposed), ("r:none", -margin_new)]


def train(rows: list[dict], args, out: str | None = None, comment: str = "") -> dict[str, float]:
    return dict(train_event_classifier([(r["features"], r["right"]) for r in rows], args.epochs, args.seed,
                                       out, comment, offsets(args.margin_proposed, args.margin_new)))


def summary(records: list[dict], per: dict[int, list[dict]]) -> str:
    tp_p, n_p, tp_g, n_g = score(records, [per.get(i, []) for i in range(len(records))], True)["all"]
    p, r, f = prf(tp_p, n_p, tp_g, n_g)
    return f"P {p:.3f} ({tp_p}/{n_p})  R {r:.3f} ({tp_g}/{n_g})  F1 {f:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    # Chosen by the cross-validation below (dev only): a perceptron's scores are not
    # probabilities, and a pair the rules never proposed needs stronger evidence.
    ap.add_argument("--margin-proposed", type=float, default=-5.0)
    ap.add_argument("--margin-new", type=float, default=20.0)
    ap.add_argument("--write", action="store_true", help=f"write the weights trained on all of dev to {OUT}")
    args = ap.parse_args()
    records = load("dev")
    rows = candidates(records)
    print(f"dev: {len(records)} sentences, {len(rows)} directed candidates, {sum(r['right'] for r in rows)} right")
    print(f"rules alone (all dev):          {summary(records, decide(rows, None))}")
    # Folds are contiguous blocks of sentences: neighbouring sentences of one article stay
    # in one fold.
    fold = [i * FOLDS // len(records) for i in range(len(records))]
    rules_cv, model_cv, filter_cv = {}, {}, {}
    for k in range(FOLDS):
        train_rows = [r for r in rows if fold[r["doc"]] != k]
        test_rows = [r for r in rows if fold[r["doc"]] == k]
        w = train(train_rows, args)
        rules_cv.update(decide(test_rows, None))
        model_cv.update(decide(test_rows, w))
        filter_cv.update(decide(test_rows, w, only_proposed=True))
    print(f"rules, {FOLDS} held-out folds:      {summary(records, rules_cv)}")
    print(f"classifier, {FOLDS} held-out folds: {summary(records, model_cv)}")
    print(f"  on the rules' pairs only:       {summary(records, filter_cv)}")
    if args.write:
        comment = (f"Averaged perceptron over the event candidates of the dev part ({len(records)} sentences,\n"
                   f"{len(rows)} directed candidates), {args.epochs} epochs, seed {args.seed}; thresholds folded\n"
                   f"into r:same/r:rev ({args.margin_proposed:g}) and r:none ({args.margin_new:g}).\n"
                   "Regenerate: python bench/train_event_classifier.py --write (then rebuild).")
        w = train(rows, args, str(OUT), comment)
        print(f"wrote {OUT} ({len(w)} weights); in-sample: {summary(records, decide(rows, w))}")


if __name__ == "__main__":
    main()
