"""Freeze the knowledge base's names for the Arabic tagger's features.

The Arabic tagger reads knowledge-base hits as features (the label and kind of a match at
each token, and the consonant skeletons of one-word Arabic names). The shipped knowledge base
(`python/newsframe/data/kb/`) keeps growing for the rest of the pipeline, and a model
trained against one version of it saw other features on the next (the shipped 3.0.0
file scores 0.7519 on the ANERcorp held-out tenth with the knowledge base it was trained
with, 0.7508 with the one of 2026-12-06, which had gained companies, groups and regions).
This script writes the aliases of one version of the knowledge base, every language, in
file order, as `alias<TAB>label<TAB>id` (no header), gzipped; `python -m newsframe.train
--kb-snapshot FILE` stores them in the model file and the model's features read them
instead of the shipped knowledge base. Every language, because the tagger matches the
knowledge base over the whole Arabic text: the Latin-script names in it (`BBC`, `Berlin`
in ANERcorp) are hits too. The first snapshot kept the Arabic names only; a model trained
with it learnt other weights than with the live knowledge base (src/ner/kb_snapshot.rs).

The shipped snapshot, `python/newsframe/data/gazetteers/ar_kb.tsv.gz`, is the knowledge
base the Arabic 3.0.0 model was trained with (its commit, 818d11c: 9,673 names, 4,305 of
them Arabic):

    python scripts/snapshot_kb_ar.py --commit 818d11c \\
        --out python/newsframe/data/gazetteers/ar_kb.tsv.gz

Without `--commit` the working tree's knowledge base is read. Terms: those of the
knowledge base (`python/newsframe/data/kb/LICENSES.md`: CLDR, GeoNames, ISO 3166 and
curated tables).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
from pathlib import Path

ALIASES = "python/newsframe/data/kb/aliases.tsv"


def aliases_text(commit: str | None, root: Path) -> str:
    if commit is None:
        return (root / ALIASES).read_text(encoding="utf-8")
    return subprocess.run(["git", "-C", str(root), "show", f"{commit}:{ALIASES}"], check=True,
                          capture_output=True, text=True).stdout


def rows_of(text: str) -> list[tuple[str, str, str]]:
    rows = []
    for line in text.splitlines()[1:]:
        alias, _lang, label, ident = line.split("\t")[:4]
        rows.append((alias, label, ident))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--commit", help="read the knowledge base of this git commit (default: the working tree)")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    rows = rows_of(aliases_text(args.commit, root))
    body = "".join(f"{a}\t{l}\t{i}\n" for a, l, i in rows).encode("utf-8")
    # mtime 0: the same snapshot gives the same bytes.
    args.out.write_bytes(gzip.compress(body, compresslevel=9, mtime=0))
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
