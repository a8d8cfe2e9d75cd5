#!/usr/bin/env python3
"""Regenerate ``python/newsframe/data/clusters/ar.tsv.gz``: word clusters of Arabic news.

Usage (from the repository root; the two sources are ``fetch``ed GitHub snapshots, bare git
directories or plain checkouts):

    pip install gensim scikit-learn        # gensim 4.4.0, scikit-learn 1.9.1 used
    python scripts/build_clusters_ar.py \\
        --saudinewsnet /path/to/parallelfold/SaudiNewsNet \\
        --antcorpus /path/to/antcorpus/antcorpus.data \\
        [--antcorpus-multisource /path/to/antcorpus/antcorpus.multisource.data] [--out FILE] [--workers 1] \\
        [--seed 1] [--extra SEED:K]

Then train the Arabic model with ``--clusters python/newsframe/data/clusters/ar.tsv.gz``
(see ``python/newsframe/data/models/README.md``).

Sources and terms
-----------------
* **SaudiNewsNet** (Mazen A. Alhagri, 2015; github.com/parallelfold/SaudiNewsNet,
  ``dataset/*.zip``): 31,030 articles from 14 Saudi newspapers, July–August 2015, about
  8.8 million words. CC BY-NC-SA 4.0: non-commercial, attribution, share-alike.
* **ANT corpus** v1.1 (Chouigui, Ben Khiroun & Elayeb; github.com/antcorpus/antcorpus.data):
  10,161 articles of the Tunisian radio JawharaFM, 2015–2017, about 1.5 million words.
  Apache License 2.0.
* **ANT corpus** v2.1, multi-source (Chouigui, Ben Khiroun & Elayeb, AJSE 2021;
  github.com/antcorpus/antcorpus.multisource.data, optional): 31,798 articles of AlArabiya,
  BBC Arabic, CNN Arabic, France24 and Sky News Arabia, February–October 2018, about 9.7
  million words, a fifth of them sport (6,583 articles), which the other two sources have
  little of. Apache License 2.0 and the corpus's citation licence (cite one of its papers,
  or refer to antcorpus.github.io, where it is used).

The output holds no text, only words (seen at least ``MIN_COUNT`` times) and three cluster
ids each; as a work derived from SaudiNewsNet it inherits CC BY-NC-SA 4.0.

Method
------
Each article (title and body) is split into sentences at line breaks and ``. ! ? ؟``, and
tokenised as the tagger does (``ar_text.tokens``). Each token becomes its attached
proclitics, one pseudo-token each (``و+``, ``ب+``…, so that "in" before a place stays a
context), and its key ``ar_text.key``: the stem with up to two proclitics و ف ب ل ك
stripped, folded and normalised, article ال kept -- the exact form under which the model
looks a token's clusters up. Skip-gram word2vec (gensim; 100 dimensions, window 5, 5
negative samples, 5 epochs, one worker thread so that the run is reproducible) learns a
vector per key seen at least ``MIN_COUNT`` times; the vectors are L2-normalised and
MiniBatchKMeans (scikit-learn, fixed seed) groups them at 64, 256 and 1024 clusters.

Output: gzipped TSV ``key<TAB>c64<TAB>c256<TAB>c1024`` (cluster ids from 0), sorted by key,
no header; the proclitic pseudo-tokens are left out. The format is shared with the English
cluster file. ``--extra SEED:K`` (off by default) appends a fourth column: k-means at K
clusters over the vectors of a second word2vec run with seed SEED (session 18 tried
``--extra 2:256``; see the models README).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
import time
import zipfile
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ar_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "python" / "newsframe" / "data" / "clusters" / "ar.tsv.gz"

MIN_COUNT = 3
DIM = 100
WINDOW = 5
EPOCHS = 5
KS = (64, 256, 1024)
SEED = 1

_SENT_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def saudinewsnet_texts(repo: Path):
    """Title and body of every SaudiNewsNet article."""
    paths = [p for p in ar_text.list_files(repo, "dataset") if p.endswith(".zip")]
    for _, data in ar_text.read_many(repo, paths):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in sorted(z.namelist()):
                if not name.endswith(".json"):
                    continue
                for art in json.loads(z.read(name).decode("utf-8")):
                    yield (art.get("title") or "") + "\n" + (art.get("content") or "")


_TAG = re.compile(r"<(TITLE|TEXT)>(.*?)</\1>", re.S)


def antcorpus_texts(repo: Path, categories: set[str] | None = None):
    """Title and body (not the abstract, which repeats the body) of every ANT article (of the
    multi-source version: only those whose ``SOURCE/CATEGORY/`` folder is in ``categories``,
    when given)."""
    paths = [p for p in ar_text.list_files(repo) if p.endswith(".txt")
             and (categories is None or (p.count("/") == 2 and p.split("/")[1] in categories))]
    for _, data in ar_text.read_many(repo, paths):
        doc = data.decode("utf-8", errors="replace")
        yield "\n".join(m.group(2) for m in _TAG.finditer(doc))


def segment(text: str) -> list[str]:
    """Sentence keys of one article, proclitics as pseudo-tokens."""
    out = []
    for sent in _SENT_END.split(text):
        toks = []
        for t in ar_text.tokens(ar_text.clean(sent)):
            st = ar_text.stem(t)
            for c in t[: len(t) - len(st)]:
                toks.append(c + "+")
            k = ar_text.norm_string(st)
            if k:
                toks.append(k)
        if len(toks) >= 3:
            out.append(toks)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--saudinewsnet", required=True, type=Path)
    ap.add_argument("--antcorpus", required=True, type=Path)
    ap.add_argument("--antcorpus-multisource", type=Path, help="ANT corpus v2.1 (multi-source), optional")
    ap.add_argument("--multisource-categories", help="comma-separated categories of --antcorpus-multisource to read "
                    "(sport, internationalNews, middleEast, economy, technology, culture; default all)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--workers", type=int, default=1, help="word2vec threads (1 is reproducible)")
    ap.add_argument("--window", type=int, default=WINDOW, help=f"word2vec window (default {WINDOW})")
    ap.add_argument("--corpus-cache", type=Path, help="keep the tokenised corpus here (a text file)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"word2vec and k-means seed (default {SEED})")
    ap.add_argument("--extra", action="append", default=[], metavar="SEED:K",
                    help="append a column: k-means at K clusters over the vectors of another word2vec run "
                         "with seed SEED (repeatable; at most one column in all, the model reads four)")
    args = ap.parse_args()
    extra = [tuple(int(x) for x in e.split(":")) for e in args.extra]
    if len(KS) + len(extra) > 4:
        ap.error("at most four cluster columns")

    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans
    import numpy as np

    t0 = time.time()
    cache = args.corpus_cache
    if cache is None or not cache.exists():
        sents: list[list[str]] = []
        n_docs = Counter()
        seen = set()
        sources = [("saudinewsnet", saudinewsnet_texts(args.saudinewsnet)), ("antcorpus", antcorpus_texts(args.antcorpus))]
        if args.antcorpus_multisource is not None:
            cats = set(args.multisource_categories.split(",")) if args.multisource_categories else None
            sources.append(("antcorpus-multisource", antcorpus_texts(args.antcorpus_multisource, cats)))
        for name, texts in sources:
            for text in texts:
                # The crawls repeat some articles; a repeat would only reweight its words.
                h = hash(text)
                if h in seen:
                    continue
                seen.add(h)
                n_docs[name] += 1
                sents.extend(segment(text))
        print(f"articles: {dict(n_docs)}", file=sys.stderr)
        if cache is not None:
            cache.write_text("\n".join(" ".join(s) for s in sents) + "\n", encoding="utf-8")
    else:
        sents = [line.split() for line in cache.read_text(encoding="utf-8").splitlines() if line]
    n_tok = sum(map(len, sents))
    print(f"{len(sents)} sentences, {n_tok} tokens ({time.time() - t0:.0f}s)", file=sys.stderr)

    def vectors(seed: int):
        model = Word2Vec(sentences=sents, vector_size=DIM, window=args.window, min_count=MIN_COUNT, sg=1, negative=5,
                         sample=1e-4, epochs=EPOCHS, workers=args.workers, seed=seed,
                         hashfxn=lambda s: zlib.crc32(s.encode("utf-8")))
        print(f"word2vec seed {seed}: {len(model.wv)} keys ({time.time() - t0:.0f}s)", file=sys.stderr)
        words = sorted(w for w in model.wv.index_to_key if not w.endswith("+"))
        vecs = np.stack([model.wv[w] for w in words]).astype(np.float64)
        vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        return words, vecs

    def kmeans(vecs, k: int, seed: int):
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=200)
        out = km.fit_predict(vecs)
        print(f"k-means {k}, seed {seed} ({time.time() - t0:.0f}s)", file=sys.stderr)
        return out

    words, vecs = vectors(args.seed)
    labels = [kmeans(vecs, k, args.seed) for k in KS]
    # One word2vec run is one random draw, and another seed moves the tagger's dev score by
    # more than a point (models README, sessions 17-18): a second run's clusters as an extra
    # column let the model lean on what the draws agree on.
    for seed, k in extra:
        words2, vecs2 = vectors(seed)
        if words2 != words:
            sys.exit(f"word2vec seed {seed} kept other words than seed {args.seed}")
        labels.append(kmeans(vecs2, k, seed))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(w + "".join(f"\t{c}" for c in cs) + "\n" for w, *cs in zip(words, *labels))
    # mtime 0: two runs give byte-identical files.
    with open(args.out, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(lines.encode("utf-8"))
    print(f"wrote {args.out}: {len(words)} words, {os.path.getsize(args.out) / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
