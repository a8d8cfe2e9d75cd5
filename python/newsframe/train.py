"""Train a NER model on your own annotations: ``python -m newsframe.train``.

The input is CoNLL-style text: one token per line with its tag in the last column (BIO or
IOB1 over PER, ORG, LOC, MISC), a blank line between sentences, optional ``-DOCSTART-``
lines between documents. The shipped models were built with::

    python -m newsframe.train --lang en --train ../shared/train/conll2003/train.txt \\
        ../shared/train/conll2003/dev.txt --clusters python/newsframe/data/clusters/en.tsv.gz \\
        --members 5 --version 3.2.0 --out python/newsframe/data/models/ner-en.json.gz
    python -m newsframe.train --lang ar --train ../shared/train/anercorp/train.txt \\
        --holdout 0.1 --doc-size 30 --version 3.4.0 --members 5 --dict-share 0.95 \\
        --clusters python/newsframe/data/clusters/ar.tsv.gz \\
        --gazetteer python/newsframe/data/gazetteers/ar.tsv.gz \\
        --kb-snapshot python/newsframe/data/gazetteers/ar_kb.tsv.gz \\
        --out python/newsframe/data/models/ner-ar.json.gz

(Both decode by Viterbi, the default; Arabic before 3.1.0 decoded greedily, see the
models README.) The English model learns from CoNLL-2003 dev too, so its dev figures come
from the same command on ``train.txt`` alone with ``--eval ../shared/train/conll2003/dev.txt``.

The Arabic model trains on the first nine tenths of ANERcorp's sentences and is scored on
the last tenth, which nothing was tuned on; to tune, add ``--dev-frac 0.1``: the model then
trains on the first 0.9 × 0.9 and is scored on the next tenth, the held-out part unseen.
Word clusters are derived from the tokens of the training text (tags unused) by every
run (``--no-clusters`` turns them off); ``--clusters FILE`` adds clusters computed
elsewhere from unlabelled text (gzipped TSV ``word<TAB>id1<TAB>id2…``, ids coarse to fine;
see ``newsframe::ner::clusters::External``), which are stored in the model file.
``--gazetteer FILE`` gives an Arabic model name lists (TSV ``entry<TAB>type<TAB>sources``,
type PER, ORG or LOC, entries in normalised form), also stored in the model file.
``--kb-snapshot FILE`` freezes the knowledge-base names an Arabic model's features read
(TSV ``alias<TAB>label<TAB>id``, ``scripts/snapshot_kb_ar.py``), stored in the model file
too: without it the features read the shipped knowledge base, and a model trained on one
version of it sees other features on the next. The
shipped Arabic model's lists and clusters, and so the model, carry research-only and
non-commercial terms (see ``python/newsframe/data/models/README.md``); retrain it on your
own data and lists with this command to use it under yours.

``--members N`` trains N models one after another from the seed and keeps the average of
their weights: an ensemble that costs nothing when tagging, N times the training time (the
Arabic model uses 5: it depends less on the order of the examples).

Training is deterministic for a given ``--seed``. Use the model with
``nf.read(paths, model="my-model.json.gz")``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from newsframe import _newsframe
from newsframe.exceptions import NewsframeError


def train(
    lang: str,
    train_path: str | Path | Sequence[str | Path],
    out: str | Path,
    *,
    eval_path: Optional[str | Path] = None,
    holdout: Optional[float] = None,
    doc_size: Optional[int] = None,
    epochs: int = 15,
    seed: int = 1,
    progress: bool = True,
    dev_frac: Optional[float] = None,
    clusters: bool = True,
    version: Optional[str] = None,
    external_clusters: Optional[str | Path] = None,
    gazetteer: Optional[str | Path] = None,
    kb_snapshot: Optional[str | Path] = None,
    members: int = 1,
    dict_share: float = 0.9,
) -> list[tuple[str, float, float, float]]:
    """Trains a model and writes it to ``out``; returns ``(label, precision, recall, f1)``
    rows on the evaluation set (empty without one).

    ``train_path`` is one annotated file or a list of them, read as one text in that order
    (the shipped English model learns from CoNLL-2003 train and dev together).

    Example:
        >>> import tempfile, pathlib
        >>> from newsframe.train import train
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "t.txt").write_text("Ali B-PER\\nvisited O\\nCairo B-LOC\\n\\n" * 20)
        >>> rows = train("en", d / "t.txt", d / "m.json.gz", holdout=0.2, epochs=2, progress=False)
        >>> rows[-1][0], (d / "m.json.gz").exists()
        ('ALL', True)
    """
    paths = [train_path] if isinstance(train_path, (str, Path)) else list(train_path)
    # A blank line between files ends a last sentence that lacks one, so no sentence spans two files.
    text = "\n\n".join(Path(p).read_text(encoding="utf-8") for p in paths)
    eval_text = Path(eval_path).read_text(encoding="utf-8") if eval_path else None
    bar = None
    if progress:
        try:
            from tqdm.auto import tqdm

            bar = tqdm(total=epochs, desc=f"training {lang}", unit="epoch")
        except ImportError:
            bar = None

    def on_epoch(epoch: int, total: int) -> None:
        if bar is not None:
            bar.update(1)
        elif progress:
            print(f"epoch {epoch}/{total}", file=sys.stderr)

    try:
        return _newsframe.train_ner(lang, text, str(out), eval_text, holdout, doc_size, epochs, seed, on_epoch,
                                    dev_frac=dev_frac, clusters=clusters, version=version,
                                    external_clusters=str(external_clusters) if external_clusters else None,
                                    gazetteer=str(gazetteer) if gazetteer else None,
                                    kb_snapshot=str(kb_snapshot) if kb_snapshot else None, members=members,
                                    dict_share=dict_share)
    finally:
        if bar is not None:
            bar.close()


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsframe.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", required=True, help="language of the data (en, ar, …); ar turns on Arabic features")
    ap.add_argument("--train", required=True, nargs="+", metavar="FILE",
                    help="annotated training file(s) (CoNLL format), read as one text in the order given")
    ap.add_argument("--out", required=True, help="model file to write (.json.gz)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--eval", help="annotated evaluation file")
    group.add_argument("--holdout", type=float, help="hold out this last fraction of the training sentences")
    ap.add_argument("--dev-frac", type=float,
                    help="with --holdout: score on the last fraction of the rest instead (for tuning)")
    ap.add_argument("--doc-size", type=int, help="sentences per pseudo-document, for data without -DOCSTART-")
    ap.add_argument("--no-clusters", action="store_true", help="no clusters derived from the training text")
    ap.add_argument("--clusters", metavar="FILE",
                    help="external word clusters: TSV (gzipped if .gz), word<TAB>id1<TAB>id2..., ids coarse "
                         "to fine, words lowercase with digits as 0 (for Arabic: folded stems)")
    ap.add_argument("--gazetteer", metavar="FILE",
                    help="name lists for an Arabic model: TSV (gzipped or not), entry<TAB>type<TAB>sources, "
                         "type PER, ORG or LOC; stored in the model file")
    ap.add_argument("--kb-snapshot", metavar="FILE",
                    help="knowledge-base names an Arabic model's features read instead of the shipped knowledge "
                         "base: TSV (gzipped or not), alias<TAB>label<TAB>id; stored in the model file, so the "
                         "model's features do not change when the knowledge base grows")
    ap.add_argument("--version", help="version string stored in the model file")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--members", type=int, default=1,
                    help="models trained one after another from the seed, their weights averaged into one "
                         "(an ensemble at no run-time cost; training takes that many times longer)")
    ap.add_argument("--dict-share", type=float, default=0.9,
                    help="share of a word's most frequent training tag from which the tag dictionary calls it "
                         "confident; an Arabic word confidently O is not scored after an O")
    args = ap.parse_args(argv)
    try:
        rows = train(args.lang, args.train, args.out, eval_path=args.eval, holdout=args.holdout,
                     doc_size=args.doc_size, epochs=args.epochs, seed=args.seed, dev_frac=args.dev_frac,
                     clusters=not args.no_clusters, version=args.version, external_clusters=args.clusters,
                     gazetteer=args.gazetteer, kb_snapshot=args.kb_snapshot, members=args.members,
                     dict_share=args.dict_share)
    except (OSError, NewsframeError) as e:
        print(f"newsframe.train: error: {e}", file=sys.stderr)
        return 2
    if rows:
        print(f"{'label':6} {'P':>6} {'R':>6} {'F1':>6}")
        for label, p, r, f in rows:
            print(f"{label:6} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
