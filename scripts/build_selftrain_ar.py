#!/usr/bin/env python3
"""Machine-tagged Arabic news for self-training the Arabic tagger (``train_ner --extra``).

Usage (from the repository root; the source is a ``fetch``ed GitHub snapshot, a bare git
directory or a plain checkout; the Rust example is built with
``cargo build --release --example train_ner``):

    python scripts/build_selftrain_ar.py \\
        --antcorpus-multisource /path/to/antcorpus/antcorpus.multisource.data \\
        --split held --sentences 12000 --work DIR --out extra_held_12000.conll

then train with ``--extra extra_held_12000.conll --extra-weight 0.5`` (see
``python/newsframe/data/models/README.md``, session 20).

Source and terms
----------------
* **ANT corpus** v2.1, multi-source (Chouigui, Ben Khiroun & Elayeb, AJSE 2021;
  github.com/antcorpus/antcorpus.multisource.data): 31,798 articles of AlArabiya, BBC
  Arabic, CNN Arabic, France24 and Sky News Arabia, February–October 2018. Apache License
  2.0 and the corpus's citation licence (cite one of its papers, or refer to
  antcorpus.github.io). The output is its text with machine tags; no ANERcorp text.

Method
------
1. ``--articles`` articles (default 3,000) drawn from all sources and categories: the
   sorted article paths shuffled by ``random.Random(20)``; title and body, ``#`` and ``_``
   of hashtags made spaces, one paragraph a line.
2. Sentences and tokens as the tagger makes them (``train_ner --tokenize``); kept: 6–60
   tokens, at least 70% of them with an Arabic letter, the first 15 of an article.
3. Three taggers, one-model versions of the 3.3.0 recipe (seeds 1, 2, 3), trained on the
   training part of ``--split`` only: ``held`` the first nine tenths of ANERcorp train,
   ``dev`` the first 0.9 × 0.9, ``blockK`` the first nine tenths without tenth K (the
   ``--write-train`` file of ``bench/eval_ner_arabic.py --split block --block K``, passed
   as ``--block-train``), so that no tagger has seen the text its split is scored on.
4. A sentence is kept, with the tags, where the three taggers agree on every token, in
   article order, up to ``--sentences``; each article is a document (``-DOCSTART-``).
"""
from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ar_text  # noqa: E402

_TAG = re.compile(r"<(TITLE|TEXT)>(.*?)</\1>", re.S)
_AR = re.compile(r"[\u0600-\u06FF]")
MARK = "DOCSTARTMARK"
ANER = "../shared/train/anercorp/train.txt"
DATA = "python/newsframe/data"


def raw_articles(repo: Path, n: int) -> str:
    paths = [p for p in ar_text.list_files(repo) if p.endswith(".txt") and p.count("/") == 2]
    random.Random(20).shuffle(paths)
    lines = []
    for _, data in ar_text.read_many(repo, paths[:n]):
        lines.append(MARK)
        for m in _TAG.finditer(data.decode("utf-8", "replace")):
            for line in m.group(2).split("\n"):
                line = line.replace("#", " ").replace("_", " ").strip()
                if line:
                    lines.append(line)
    return "\n".join(lines) + "\n"


def unlabelled(tokenised: str) -> list[list[list[str]]]:
    docs: list[list[list[str]]] = []
    for line in tokenised.splitlines():
        t = line.split()
        if t == [MARK]:
            docs.append([])
        elif docs and 6 <= len(t) <= 60 and sum(1 for x in t if _AR.search(x)) >= 0.7 * len(t) and len(docs[-1]) < 15:
            docs[-1].append(t)
    return [d for d in docs if d]


def read_predictions(path: Path) -> list[list[str]]:
    out, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if cur:
                out.append(cur)
                cur = []
        else:
            cur.append(line.split(" ")[2])
    if cur:
        out.append(cur)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--antcorpus-multisource", required=True, type=Path)
    ap.add_argument("--split", default="held", help="held | dev | blockK (with --block-train)")
    ap.add_argument("--block-train", help="ANERcorp train without block K (for --split blockK)")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--sentences", type=int, default=12000)
    ap.add_argument("--work", type=Path, required=True, help="folder for the intermediate files")
    ap.add_argument("--train-ner", default="target/release/examples/train_ner")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    w = args.work
    w.mkdir(parents=True, exist_ok=True)
    (w / "raw.txt").write_text(raw_articles(args.antcorpus_multisource, args.articles), encoding="utf-8")
    tok = subprocess.run([args.train_ner, "--lang", "ar", "--tokenize", str(w / "raw.txt")],
                         check=True, capture_output=True).stdout.decode()
    docs = unlabelled(tok)
    with open(w / "unl.conll", "w", encoding="utf-8") as f:
        for d in docs:
            f.write("-DOCSTART- O\n\n")
            for s in d:
                f.write("\n".join(x + " O" for x in s) + "\n\n")
    if args.split == "held":
        part = ["--train", ANER, "--holdout", "0.1"]
    elif args.split == "dev":
        part = ["--train", ANER, "--holdout", "0.1", "--dev-frac", "0.1"]
    else:
        assert args.block_train, "--split blockK needs --block-train"
        part = ["--train", args.block_train]
    recipe = ["--lang", "ar", "--doc-size", "30", "--clusters", f"{DATA}/clusters/ar.tsv.gz",
              "--gazetteer", f"{DATA}/gazetteers/ar.tsv.gz", "--kb-snapshot", f"{DATA}/gazetteers/ar_kb.tsv.gz",
              "--no-speed"]
    preds = []
    for seed in (1, 2, 3):
        model = w / f"tagger_{args.split}_{seed}.json.gz"
        subprocess.run([args.train_ner, *recipe, *part, "--seed", str(seed), "--out", str(model)],
                       check=True, capture_output=True)
        pred = w / f"pred_{args.split}_{seed}.txt"
        subprocess.run([args.train_ner, "--lang", "ar", "--train", ANER, "--dev", str(w / "unl.conll"),
                        "--model", str(model), "--no-speed", "--predictions", str(pred)],
                       check=True, capture_output=True)
        preds.append(read_predictions(pred))
    sents = [(di, s) for di, d in enumerate(docs) for s in d]
    assert all(len(p) == len(sents) for p in preds)
    kept, last = 0, None
    with open(args.out, "w", encoding="utf-8") as f:
        for (di, s), a, b, c in zip(sents, *preds):
            if kept >= args.sentences:
                break
            if not a == b == c:
                continue
            if di != last:
                f.write("-DOCSTART- O\n\n")
                last = di
            f.write("".join(f"{x} {t}\n" for x, t in zip(s, a)) + "\n")
            kept += 1
    print(f"{args.out}: {kept} sentences of {len(sents)} ({len(docs)} articles)")


if __name__ == "__main__":
    main()
