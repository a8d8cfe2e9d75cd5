"""Why does the event extractor miss gold events? A breakdown of the misses on the dev part.

Each gold event of ``bench/data/events/dev.jsonl`` that newsframe's ``events`` table does not
match (directed, as ``bench/eval_events.py`` scores) is put in the first category that
explains it:

1. ``trigger``: no phrase of the gold event's type from ``triggers_en.tsv`` matches the
   sentence (matched here in Python with the lexicon README's word forms);
2. ``actor``: a gold country is not among the countries the sentence's mentions stand for
   (no mention, a mention of another type, or a mention linked to no country);
3. ``type``: the pair is found under another type (one trigger, another reading);
4. ``direction``: the pair is found under the gold type, in the other order;
5. ``candidates``: trigger and both actors are there, but no event of that pair comes out
   (the candidate generator's guards: three or more countries, a clause barrier, a shared
   destination role; or the scorer's threshold, when one is used).

False positives are listed by kind as in ``eval_events.py``. Usage::

    python bench/events_errors.py [--split dev] [--show]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import eval_events as ev  # noqa: E402

LEXICON = HERE.parent / "python" / "newsframe" / "data" / "events" / "triggers_en.tsv"
WORD = re.compile(r"\w+")


def forms(word: str) -> set[str]:
    """The word forms the Rust lexicon matches (lexicon README): lowercase, plain suffixes off."""
    w = word.lower()
    out = {w}
    if len(w) >= 4:
        for suf, rep in (("ies", "y"), ("es", ""), ("ied", "y"), ("ed", ""), ("d", ""), ("ing", ""), ("ing", "e")):
            if w.endswith(suf):
                out.add(w[: -len(suf)] + rep)
        if w.endswith("s") and not w.endswith("ss"):
            out.add(w[:-1])
    return out


def lexicon() -> dict[str, list[list[str]]]:
    """Event type -> phrases, each a list of elements (``...`` a gap, ``=w`` exact)."""
    out: dict[str, list[list[str]]] = {}
    header = True
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        f = line.split("\t")
        if f[0].startswith("@"):
            continue
        out.setdefault(f[0], []).append(f[1].split())
    return out


def phrase_matches(words: list[str], phrase: list[str]) -> bool:
    fs = [forms(w) for w in words]
    low = [w.lower() for w in words]

    def has(i: int, el: str) -> bool:
        return low[i] == el[1:] if el.startswith("=") else el in fs[i]

    for start in range(len(words)):
        pos, k, ok = start, 0, True
        while k < len(phrase):
            el = phrase[k]
            if el == "...":
                nxt = phrase[k + 1]
                hit = next((p for p in range(pos, min(pos + 6, len(words))) if has(p, nxt)), None)
                if hit is None:
                    ok = False
                    break
                pos, k = hit + 1, k + 2
            else:
                if pos >= len(words) or not has(pos, el):
                    ok = False
                    break
                pos, k = pos + 1, k + 1
        if ok:
            return True
    return False


def sentence_countries(corpus) -> dict[int, set[str]]:
    """Per document (one sentence each), the canonical countries its mentions stand for."""
    ent = corpus.entities
    countries = ent["country"].to_list() if "country" in ent.columns else [None] * ent.height
    info = {i: (k, c, n) for i, k, c, n in zip(ent["entity_id"].to_list(), ent["kb_id"].to_list(), countries, ent["name"].to_list())}
    out: dict[int, set[str]] = {}
    for row in corpus.mentions.iter_rows(named=True):
        k, c, n = info.get(row["entity_id"], (None, None, row["text"] if "text" in row else ""))
        name = ev.actor_name(k, c, n)
        out.setdefault(row["doc_id"], set()).add(name)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev",), help="the test part is never analysed")
    ap.add_argument("--show", action="store_true", help="print each miss with its category")
    args = ap.parse_args()
    recs = ev.load(args.split)
    import newsframe as nf

    corpus = nf.read_texts([r["text"] for r in recs])
    named = ev.named_events(corpus)
    preds: list[list[dict]] = [[] for _ in recs]
    for row in named.iter_rows(named=True):
        preds[row["doc_id"]].append(row)
    actors = sentence_countries(corpus)
    lex = lexicon()
    cats: Counter = Counter()
    by_type: dict[str, Counter] = {}
    for d, (rec, rows) in enumerate(zip(recs, preds)):
        pred = sorted({(r["event_type"], r["a1"], r["a2"]) for r in rows})
        g_ok, _ = ev.match(rec["events"], pred, True)
        words = WORD.findall(rec["text"])
        for g, ok in zip(rec["events"], g_ok):
            if ok:
                continue
            pair = {g["actor1"], g["actor2"]}
            if not any(phrase_matches(words, p) for p in lex.get(g["type"], [])):
                cat = "trigger"
            elif not pair <= actors.get(d, set()):
                cat = "actor"
            elif any({a, b} == pair and t != g["type"] for t, a, b in pred):
                cat = "type"
            elif any({a, b} == pair and t == g["type"] for t, a, b in pred):
                cat = "direction"
            else:
                cat = "candidates"
            if g.get("multilateral"):
                cat += " (multilateral)"
            cats[cat] += 1
            by_type.setdefault(g["type"], Counter())[cat] += 1
            if args.show:
                print(f"[{cat}] {rec['id']} {g['type']} {g['actor1']}>{g['actor2']} ({g['trigger']}): {rec['text']}")
                if cat.startswith("actor"):
                    print(f"    countries seen: {sorted(actors.get(d, set()))}")
    n_gold = sum(len(r["events"]) for r in recs)
    print(f"{args.split}: {n_gold} gold events, {sum(cats.values())} missed (directed)")
    for k, v in cats.most_common():
        print(f"  {k}: {v}")
    for t, c in sorted(by_type.items()):
        print(f"  {t}: " + ", ".join(f"{k} {v}" for k, v in c.most_common()))
    fp = ev.errors(recs, preds)
    print("false positives:")
    for k, v in fp.most_common():
        if k.startswith("FP"):
            print(f"  {k}: {v}")


if __name__ == "__main__":
    main()
