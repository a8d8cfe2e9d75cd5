"""Arabic against English throughput per byte, one thread, whole pipeline with mentions.

English: CoNLL-2003 train printed as running text (``bench/conll_text.py``). Arabic: ANERcorp
train, 30 sentences a document, one sentence per line (as ``bench/eval_ner_arabic.py``).
Both are cut to the same number of UTF-8 bytes (--mb, default the smaller corpus). Each
repeat times ``nf.read_texts(texts, n_threads=1)`` on English then Arabic, back to back, so
that the ratio of a repeat compares runs under the same load of a shared machine; the
report gives each repeat and the medians.

    python bench/throughput_ar.py [--repeat 5] [--mb 1.0] [--train-dir ../shared/train]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import newsframe as nf

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from conll_text import read_documents, read_sentences  # noqa: E402


def cut(texts: list[str], limit: int) -> list[str]:
    """The first texts whose UTF-8 sizes add up to at most `limit` bytes."""
    out, total = [], 0
    for t in texts:
        n = len(t.encode("utf-8"))
        if total + n > limit:
            break
        out.append(t)
        total += n
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train-dir", type=Path, default=HERE.parent.parent / "shared" / "train")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--mb", type=float, default=None, help="bytes of each language, in MB (default: the smaller corpus)")
    args = ap.parse_args()
    en = [d.text for d in read_documents(args.train_dir / "conll2003" / "train.txt")]
    sents = [s for d in read_sentences(args.train_dir / "anercorp" / "train.txt") for s in d]
    ar = ["\n".join(" ".join(toks) for toks, _ in sents[i:i + 30]) for i in range(0, len(sents), 30)]
    size = lambda ts: sum(len(t.encode("utf-8")) for t in ts)  # noqa: E731
    limit = int(args.mb * 1e6) if args.mb else min(size(en), size(ar))
    en, ar = cut(en, limit), cut(ar, limit)
    print(f"English {size(en) / 1e6:.3f} MB in {len(en)} documents, Arabic {size(ar) / 1e6:.3f} MB in {len(ar)} documents; 1 thread")
    nf.read_texts(en[:20], n_threads=1)  # load models and lists outside the timing
    nf.read_texts(ar[:20], n_threads=1)
    rows = []
    for r in range(args.repeat):
        speeds = []
        for texts in (en, ar):
            t0 = time.perf_counter()
            c = nf.read_texts(texts, n_threads=1)
            dt = time.perf_counter() - t0
            assert c.documents.height == len(texts)
            speeds.append(size(texts) / dt / 1e6)
        rows.append((speeds[0], speeds[1], speeds[1] / speeds[0]))
        print(f"run {r + 1}: English {speeds[0]:.3f} MB/s, Arabic {speeds[1]:.3f} MB/s, Arabic/English {speeds[1] / speeds[0]:.2f}")
    med = [statistics.median(x) for x in zip(*rows)]
    print(f"median: English {med[0]:.3f} MB/s, Arabic {med[1]:.3f} MB/s, ratio of each run's pair (median) {med[2]:.2f}")


if __name__ == "__main__":
    main()
