"""Sentence boundaries: newsframe's splitter beside SRX rules (LanguageTool's ``segment.srx``
run by the ``srx`` crate).

Gold sets, from real text:

- ``conll_dev``: CoNLL-2003 dev (/work/shared/train), one sentence per line in documents,
  printed by ``bench/conll_text.py``'s detokeniser; consecutive sentence lines are joined with
  a space into paragraphs (a line that does not end like a sentence, a headline, a dateline,
  a table row, closes its paragraph), and the joins are the gold boundaries;
- ``anercorp``: the last tenth of ANERcorp train (Arabic), sentences detokenised (punctuation
  attached to the word before it) and joined five at a time;
- ``hard``: hand-checked cases in ``bench/data/segment_hard.tsv`` (abbreviations, initials,
  numbers, quotes, ellipses, lists, Arabic), most quoted from Reuters-21578 articles.

Each paragraph is one input; a boundary is the character offset where a sentence starts
(other than 0). Precision, recall and F1 over boundaries. Speed is measured inside
``bench/textcmp`` (Rust, 20 passes, one thread, English rules for every text).

Usage::

    cargo build --release --manifest-path bench/textcmp/Cargo.toml
    python bench/eval_segment.py [--srx PATH] [--train-dir ../shared/train] [--write bench/results/segment.md]

``--srx`` defaults to the copy of LanguageTool's segment.srx inside the ``srx`` crate's
package in the cargo registry (LGPL-2.1; read at run time, never shipped with newsframe).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEXTCMP = ROOT / "bench" / "textcmp"
HARD = HERE / "data" / "segment_hard.tsv"
TERMINAL = re.compile(r"[.!?…؟][\"'”’»)\]]*$")
ATTACH = {".", ",", "،", "؟", "!", ":", "؛", ")", "»"}


def paragraphs_from_lines(lines: list[str]) -> list[tuple[str, list[int]]]:
    """Lines (one sentence each) joined into paragraphs: (text, gold boundary offsets)."""
    out, cur = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        cur.append(line)
        if not TERMINAL.search(line):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return [joined(p) for p in out]


def joined(sentences: list[str]) -> tuple[str, list[int]]:
    """The sentences joined by single spaces, with the offset where each one after the first starts."""
    text, bounds = "", []
    for s in sentences:
        if text:
            text += " "
            bounds.append(len(text))
        text += s
    return text, bounds


def conll_dev(train_dir: Path) -> list[tuple[str, list[int]]]:
    sys.path.insert(0, str(HERE))
    from conll_text import read_documents  # noqa: E402

    out = []
    for doc in read_documents(train_dir / "conll2003" / "dev.txt"):
        out += paragraphs_from_lines(doc.text.split("\n"))
    return out


def anercorp(train_dir: Path) -> list[tuple[str, list[int]]]:
    sents, cur = [], []
    for line in (train_dir / "anercorp" / "train.txt").read_text(encoding="utf-8").split("\n"):
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(line.rsplit(" ", 1)[0])
    if cur:
        sents.append(cur)
    # A one-token "sentence" is a stray period or a split abbreviation: joined to the one before.
    merged = []
    for s in sents:
        if len(s) == 1 and merged:
            merged[-1] += s
        else:
            merged.append(s)
    held = merged[len(merged) * 9 // 10:]
    lines = []
    for toks in held:
        text = ""
        for t in toks:
            text += t if (text and t in ATTACH) else ((" " if text else "") + t)
        lines.append(text)
    return [joined(lines[i:i + 5]) for i in range(0, len(lines), 5)]


def hard() -> dict[str, list[tuple[str, list[int]]]]:
    """bench/data/segment_hard.tsv: kind, then the sentences of one paragraph separated by ` || `."""
    groups = defaultdict(list)
    for line in HARD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, para = line.split("\t", 1)
        groups["hard_" + kind].append(joined(para.split(" || ")))
    return groups


def default_srx() -> Path:
    home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    hits = sorted(glob.glob(str(home / "registry/src/*/srx-0.1.4/data/segment.srx")))
    if not hits:
        sys.exit("segment.srx not found: build bench/textcmp first (it downloads the srx crate) or pass --srx")
    return Path(hits[0])


def run_textcmp(docs: list[dict], srx: Path) -> tuple[list[dict], dict]:
    exe = Path(os.environ.get("CARGO_TARGET_DIR", TEXTCMP / "target")) / "release" / "newsframe-textcmp"
    if not exe.exists():
        sys.exit(f"{exe} missing: cargo build --release --manifest-path bench/textcmp/Cargo.toml")
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run([str(exe), "segment", str(srx)], input=inp, capture_output=True, text=True, check=True)
    lines = [json.loads(l) for l in res.stdout.splitlines()]
    return lines[:-1], lines[-1]["timing"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train-dir", type=Path, default=ROOT.parent / "shared" / "train")
    ap.add_argument("--srx", type=Path)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    srx = args.srx or default_srx()
    sets = {"conll_dev": conll_dev(args.train_dir), "anercorp_last_tenth": anercorp(args.train_dir)}
    sets.update(hard())
    docs, keys = [], []
    for name, paras in sets.items():
        lang = "ar" if name.startswith("anercorp") or name.endswith("_ar") else "en"
        for text, bounds in paras:
            docs.append({"text": text, "lang": lang})
            keys.append((name, bounds))
    outs, timing = run_textcmp(docs, srx)
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    misses = defaultdict(list)
    for (name, gold), d, o in zip(keys, docs, outs):
        g = set(gold)
        for system in ("ours", "srx"):
            pred = {b for b in o[system] if b > 0}
            c = counts[name][system]
            c[0] += len(pred & g)
            c[1] += len(pred - g)
            c[2] += len(g - pred)
            if name.startswith("hard") and pred != g and len(misses[system]) < 40:
                misses[system].append((name, d["text"], sorted(g), sorted(pred)))
    cmd = "python bench/eval_segment.py"
    lines = ["# Sentence boundaries: newsframe beside SRX (LanguageTool segment.srx, `srx` crate)", "",
             f"Command: `{cmd}` (bench/eval_segment.py, bench/textcmp). SRX file: segment.srx as shipped "
             "in the srx 0.1.4 crate package (LanguageTool, LGPL-2.1), rules `en_one` / `ar_one` (a line "
             f"break is a boundary, as in newsframe). The srx crate skips rules its regex engine cannot "
             f"compile (look-around): {timing['srx_rules_dropped']} rules dropped over all languages; "
             f"{timing['srx_rules_en']} English and {timing['srx_rules_ar']} Arabic rules used.", "",
             "| set | paragraphs | gold boundaries | ours P | ours R | ours F1 | SRX P | SRX R | SRX F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    n_par = defaultdict(int)
    n_gold = defaultdict(int)
    for name, g in keys:
        n_par[name] += 1
        n_gold[name] += len(g)
    for name in sets:
        cells = []
        for system in ("ours", "srx"):
            cells += [f"{100 * x:.1f}" for x in prf(*counts[name][system])]
        lines.append(f"| {name} | {n_par[name]} | {n_gold[name]} | " + " | ".join(cells) + " |")
    mb = timing["bytes"] / 1e6
    lines += ["", f"Speed on all {len(docs)} paragraphs ({mb:.2f} MB), one thread: ours "
              f"{mb / timing['ours']:.1f} MB/s, SRX {mb / timing['srx']:.1f} MB/s.", "",
              "Hard-case misses (gold boundaries → predicted):", ""]
    for system, ms in misses.items():
        for name, text, g, p in ms:
            lines.append(f"- {system}, {name}: `{text[:140]}` gold {g} predicted {p}")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
