"""Build the English word clusters ``python/newsframe/data/clusters/en.tsv.gz``.

The English NER model (``src/ner/``) uses them as features (``--clusters`` of
``python -m newsframe.train`` / ``examples/train_ner.rs``): a word seen a few times in
unlabelled news but never in the annotated training text still shares a cluster with words
that were, so its evidence carries over.

Sources (unlabelled English news only; no annotated NER corpus, nothing from RCV1, the
corpus CoNLL-2003 was drawn from). Each is read from a public GitHub snapshot, at the
commit given, with ``git --git-dir=<mirror> show <commit>:<path>`` (the mirrors are what the
``fetch`` tool brings: bare git directories under ``/work/.mirror/<owner>+<name>/``):

- **Reuters-21578** (Distribution 1.0, D. D. Lewis; Reuters newswire of 1987), the 22
  ``reut2-0NN.sgm`` files of ``Arthur-sauvage/Reuter`` (``data/``), titles and bodies.
  Terms (``data/README.txt`` of the collection): copyright Reuters Ltd. and Carnegie
  Group; free distribution for research purposes.
- **BBC News** (D. Greene and P. Cunningham, ICML 2006; 2,225 BBC News articles of
  2004-2005), ``bbc/<topic>/NNN.txt`` of ``dejanbatanjac/bbc-article-classify-bert``. Terms:
  all rights in the articles owned by the BBC; distributed for research (cite the paper).
- **AG's News** (A. Gulli's AG corpus, as packaged by X. Zhang et al., NIPS 2015;
  2004-2005 news from 2,000+ sources, titles and one-paragraph descriptions): the parts
  kept in ``Hongcheng-Gao/RobTest-Demo`` (``data/agnews/test.csv``),
  ``lst11111/bert-text-classification`` (``data/ag_news/{train,dev,test}.csv``),
  ``KEAML-JLU/DeepTextClustering`` (``data/ag_news/{train,test,ub_train}.csv``) and
  ``vicrudakov/adaptive_supervised_ml`` (``data/agnews/{train,test}.csv``); duplicates
  dropped. Terms: "provided by the academic community for research purposes ... and any
  other non-commercial activity".
- **ISOT Fake News dataset, true part** (H. Ahmed, I. Traore, S. Saad, 2017/2018; Reuters
  articles of 2016-2017), the part kept in ``netclaw/naiveSentimentAnalysis``
  (``data/True.csv``, commit a6fc0daa). Terms: free for research use (University of Victoria
  ISOT lab).

Only the derived clusters are shipped (a word and three cluster numbers per line), not
the text.

Method: the text is split into sentences and tokens by the package's own English
tokenizer (``examples/train_ner.rs --tokenize``), so the words are those the model looks
up; each token is normalised as the model's cluster key is (``clusters::key``: lowercase,
every digit ``0``, typographic quotes and dashes as ASCII). word2vec (gensim, skip-gram,
100 dimensions, window 5, 10 epochs, one worker and a fixed seed, so deterministic) over
the normalised tokens; words seen at least ``--min-count`` times (default 5) are then
grouped by k-means (scikit-learn, cosine via unit vectors, fixed seed) at three
granularities, 64, 256 and 1024 clusters. The output lists words by descending frequency:
``word<TAB>c64<TAB>c256<TAB>c1024``.

Rebuild (from the repository root, with the mirrors fetched and a venv holding gensim,
scikit-learn and numpy)::

    CARGO_TARGET_DIR=/work/target-ner cargo build --release --example train_ner
    /work/venv-h3/bin/python scripts/build_clusters_en.py --mirrors /work/.mirror \\
        --tokenizer /work/target-ner/release/examples/train_ner --work /tmp/clusters-en \\
        --out python/newsframe/data/clusters/en.tsv.gz
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

# (mirror directory name, commit, paths): every file read, pinned.
REUTERS = ("Arthur-sauvage+Reuter", "f89d0c77316a7c88dc49008c8b174b3ce9c30551",
           [f"data/reut2-{i:03d}.sgm" for i in range(22)])
BBC = ("dejanbatanjac+bbc-article-classify-bert", "61716cc34a6c63f59b103f3ff091f32ea53335bf", None)
AG = [
    ("Hongcheng-Gao+RobTest-Demo", "37688d9e4800aa969050bd01f09033221aa5834e", ["data/agnews/test.csv"]),
    ("lst11111+bert-text-classification", "15437ce75db1ec21cdf313fcbaea897e29027b09",
     ["data/ag_news/train.csv", "data/ag_news/dev.csv", "data/ag_news/test.csv"]),
    ("KEAML-JLU+DeepTextClustering", "e0b24390bfa1d7bce362bd0ec4026018d2d15333",
     ["data/ag_news/train.csv", "data/ag_news/test.csv", "data/ag_news/ub_train.csv"]),
    ("vicrudakov+adaptive_supervised_ml", "5bd1b68b4ea4ed48ea796805fb35c413fe40181c",
     ["data/agnews/train.csv", "data/agnews/test.csv"]),
]
ISOT = ("netclaw+naiveSentimentAnalysis", "a6fc0daa1b09f6424253e30310a694f6931636cb", ["data/True.csv"])

LEVELS = (64, 256, 1024)


def git_dir(mirrors: Path, name: str) -> Path:
    """The bare git directory of a fetched mirror."""
    base = mirrors / name / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def show(gd: Path, commit: str | None, path: str) -> bytes:
    """A file of a mirror at a commit (HEAD when none is pinned)."""
    return subprocess.run(["git", "--git-dir", str(gd), "show", f"{commit or 'HEAD'}:{path}"],
                          check=True, capture_output=True).stdout


def ls(gd: Path, commit: str | None, prefix: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(gd), "ls-tree", "-r", "--name-only", commit or "HEAD", prefix],
                         check=True, capture_output=True, text=True).stdout
    return sorted(out.split())


def clean(s: str) -> str:
    """One paragraph on one line: HTML escapes decoded (AG's `#39;` too), spaces squeezed."""
    s = re.sub(r"#(\d+);", r"&#\1;", s)
    s = html.unescape(html.unescape(s)).replace("\\", " ")
    return re.sub(r"\s+", " ", s).strip()


def reuters(mirrors: Path) -> list[str]:
    name, commit, paths = REUTERS
    gd = git_dir(mirrors, name)
    out = []
    for p in paths:
        sgm = show(gd, commit, p).decode("latin-1")
        for doc in re.findall(r"<REUTERS.*?</REUTERS>", sgm, re.S):
            title = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S)
            if title:
                out.append(clean(title.group(1)))
            body = re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
            if body:
                text = re.sub(r"\s*Reuter\s*&#3;\s*$", "", body.group(1).strip())
                # Paragraphs start with an indented line.
                for para in re.split(r"\n(?=\s{2,})", text):
                    para = clean(para)
                    if para:
                        out.append(para)
    return out


def bbc(mirrors: Path) -> list[str]:
    name, commit, _ = BBC
    gd = git_dir(mirrors, name)
    out = []
    for p in ls(gd, commit, "bbc"):
        if not p.endswith(".txt") or "README" in p:
            continue
        text = show(gd, commit, p).decode("latin-1")
        out.extend(clean(para) for para in text.split("\n") if para.strip())
    return out


def csv_texts(data: bytes) -> list[str]:
    """The text columns of a news CSV (any column of 20+ characters that is not a number)."""
    out = []
    for row in csv.reader(io.StringIO(data.decode("utf-8", "replace"))):
        for col in row:
            if len(col) >= 20 and not col.isdigit():
                out.append(clean(col))
    return out


def ag_and_isot(mirrors: Path) -> list[str]:
    out = []
    for name, commit, paths in AG + [ISOT]:
        gd = git_dir(mirrors, name)
        for p in paths:
            out.extend(csv_texts(show(gd, commit, p)))
    return out


def norm(tok: str) -> str:
    """The model's normalised form (``features::norm``) for the characters English text has."""
    table = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "ʼ": "'",
             "–": "-", "—": "-", "―": "-", "…": "."}
    return "".join("0" if c.isdigit() or c.isnumeric() else table.get(c, c.lower()) for c in tok)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--tokenizer", required=True, help="the built examples/train_ner binary")
    ap.add_argument("--work", type=Path, required=True, help="scratch directory")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--levels", default=",".join(map(str, LEVELS)), help="cluster counts, coarse to fine")
    ap.add_argument("--reuse", action="store_true", help="reuse the tokens of an earlier run in --work")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    levels = [int(k) for k in args.levels.split(",")]
    tok = args.work / "tokens.txt"
    if not (args.reuse and tok.exists()):
        extract(args, tok)
    sents = [[norm(t) for t in line.split()] for line in tok.read_text(encoding="utf-8").splitlines()]
    counts = Counter(t for s in sents for t in s)
    print(f"tokens: {sum(counts.values())}, types: {len(counts)}", file=sys.stderr)

    os.environ.setdefault("PYTHONHASHSEED", "0")
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import KMeans

    w2v = Word2Vec(sentences=sents, vector_size=args.dim, window=args.window, min_count=args.min_count, sg=1,
                   negative=10, sample=1e-4, epochs=args.epochs, workers=1, seed=1)
    # Words by descending count, then text: the file's order, and k-means' input order.
    words = sorted(w2v.wv.index_to_key, key=lambda w: (-counts[w], w))
    vecs = np.stack([w2v.wv[w] for w in words]).astype(np.float64)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
    ids = []
    for k in levels:
        km = KMeans(n_clusters=k, n_init=1, random_state=1, max_iter=100)
        ids.append(km.fit_predict(vecs))
        print(f"k-means {k}: inertia {km.inertia_:.1f}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# newsframe English word clusters: word2vec (dim {args.dim}, window {args.window}, min count "
             f"{args.min_count}) + k-means {'/'.join(map(str, levels))}; see scripts/build_clusters_en.py"]
    lines += ["\t".join([w] + [str(int(c[i])) for c in ids]) for i, w in enumerate(words)]
    with open(args.out, "wb") as f:
        # mtime 0: the same input gives the same bytes.
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
            gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {args.out}: {len(words)} words", file=sys.stderr)
    return 0


def extract(args: argparse.Namespace, tok: Path) -> None:
    """Reads every source, drops repeated paragraphs, and tokenises the rest into ``tok``."""
    paras: list[str] = []
    seen: set[str] = set()
    for source, fn in (("reuters-21578", reuters), ("bbc", bbc), ("ag+isot", ag_and_isot)):
        got = fn(args.mirrors)
        n0 = len(paras)
        for p in got:
            key = hashlib.md5(p.lower().encode()).hexdigest()
            if key not in seen:
                seen.add(key)
                paras.append(p)
        print(f"{source}: {len(paras) - n0} paragraphs, {sum(len(p.split()) for p in paras[n0:])} words",
              file=sys.stderr)
    raw = args.work / "raw.txt"
    raw.write_text("\n".join(paras) + "\n", encoding="utf-8")
    with open(tok, "wb") as f:
        subprocess.run([args.tokenizer, "--lang", "en", "--tokenize", str(raw)], check=True, stdout=f)


if __name__ == "__main__":
    sys.exit(main())
