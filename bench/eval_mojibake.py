"""Mojibake repair: newsframe's cleaner beside ``plsfix`` (the Rust port of ftfy).

Test set, built from real text at run time (nothing derived from these corpora is committed):

- English sentences from Reuters-21578 and the BBC news dataset, Arabic sentences from
  SaudiNewsNet (public GitHub snapshots fetched on this machine, see ``SOURCES``), and accented
  place and person names from ``python/newsframe/data/kb/aliases.tsv`` (GeoNames / CLDR);
- English sentences are also printed with typographic punctuation (straight quotes curled,
  ``--`` as an em dash), as web CMSs print them, so that English text has non-ASCII to break;
- every text that has non-ASCII characters is corrupted the ways the web does: UTF-8 read as
  windows-1252 (the WHATWG decoder, undefined bytes as C1 controls), as Latin-1, as Mac Roman,
  twice as windows-1252 (double encoding), only one word misread (a page mixing a correct
  title with a misread quote), and the BBC ``Ìý`` (a no-break space through GBK and Latin-1);
- the clean texts themselves are kept, to count false changes.

Both systems see one text at a time; outputs and gold are compared after NFC, removal of format
characters and whitespace collapsing, because newsframe does those on purpose (they are not
repairs). plsfix runs in two
configurations: ``plsfix`` (encoding repairs only: HTML entities, quote uncurling, ligature and
width folding off, because newsframe keeps those characters) and ``plsfix_default``.

Usage::

    cargo build --release --manifest-path bench/textcmp/Cargo.toml
    python bench/eval_mojibake.py [--per-kind 300] [--write bench/results/mojibake.md]

Speed is measured inside ``bench/textcmp`` (Rust, 20 passes over the whole set, one thread).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MIRROR = Path("/work/.mirror")
SOURCES = {
    "reuters": ("CrackedSky+reuters21578", "Reuters-21578, Distribution 1.0 (free for research use, see its README.txt)"),
    "bbc": ("dejanbatanjac+bbc-article-classify-bert", "BBC news dataset, Greene & Cunningham 2006 (articles (c) BBC; research use)"),
    "saudinewsnet": ("parallelfold+SaudiNewsNet", "SaudiNewsNet (CC BY-NC-SA 4.0)"),
}
TEXTCMP = ROOT / "bench" / "textcmp"


def git_show(repo: str, path: str) -> bytes:
    """One file of a mirrored repository's HEAD."""
    gd = MIRROR / repo / "repo"
    return subprocess.run(["git", "--git-dir", str(gd), "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def git_ls(repo: str) -> list[str]:
    gd = MIRROR / repo / "repo"
    out = subprocess.run(["git", "--git-dir", str(gd), "ls-tree", "-r", "--name-only", "HEAD"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\n")


def split_sentences(text: str) -> list[str]:
    """A crude split: only to pick sentence-sized pieces of real text, not scored."""
    text = " ".join(text.split())
    parts = re.split(r"(?<=[.!?؟])\s+(?=[\"“A-Z\u0600-\u06ff])", text)
    return [p for p in parts if 40 <= len(p) <= 300]


def english_sentences(rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Real English sentences: (source, sentence)."""
    out = []
    repo = SOURCES["reuters"][0]
    sgm = git_show(repo, "reut2-000.sgm").decode("latin-1")
    bodies = re.findall(r"<BODY>(.*?)</BODY>", sgm, re.S)
    sents = [s for b in bodies for s in split_sentences(b.replace("&lt;", "<").replace("&amp;", "&"))]
    out += [("reuters", s) for s in rng.sample(sents, min(n // 2, len(sents)))]
    repo = SOURCES["bbc"][0]
    files = sorted(f for f in git_ls(repo) if f.endswith(".txt") and "/README" not in f.upper())
    sents = []
    for f in rng.sample(files, 150):
        raw = git_show(repo, f)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")  # the dataset mixes UTF-8 and Latin-1 files
        sents += split_sentences(text)
    out += [("bbc", s) for s in rng.sample(sents, min(n - len(out), len(sents)))]
    return out


def arabic_sentences(rng: random.Random, n: int) -> list[tuple[str, str]]:
    repo = SOURCES["saudinewsnet"][0]
    z = zipfile.ZipFile(io.BytesIO(git_show(repo, "dataset/2015-07-23.zip")))
    arts = json.loads(z.read(z.namelist()[0]))
    sents = [s for a in rng.sample(arts, 300) for s in split_sentences(a.get("content", ""))]
    return [("saudinewsnet", s) for s in rng.sample(sents, min(n, len(sents)))]


def accented_names(rng: random.Random, n: int) -> list[tuple[str, str]]:
    names = set()
    for line in (ROOT / "python/newsframe/data/kb/aliases.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        alias = line.split("\t")[0]
        if any(0xC0 <= ord(c) <= 0x24F for c in alias):
            names.add(alias)
    return [("kb_names", s) for s in rng.sample(sorted(names), min(n, len(names)))]


def typographic(s: str) -> str:
    """Straight quotes curled and `--` as an em dash, as a CMS prints the sentence."""
    s = s.replace("--", "—")
    s = re.sub(r"(^|[\s(\[])\"", "\\1“", s)
    s = s.replace('"', "”")
    s = re.sub(r"(\w)'(\w)", "\\1’\\2", s)
    s = re.sub(r"(^|\s)'", "\\1‘", s)
    return s.replace("'", "’")


def whatwg_1252(b: bytes) -> str:
    """windows-1252 as browsers decode it: the five undefined bytes become C1 controls."""
    return "".join(chr(x) if x in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([x]).decode("cp1252") for x in b)


def corruptions(s: str, rng: random.Random) -> dict[str, str]:
    """Every way the web breaks `s`; kinds that leave it unchanged are left out."""
    u = s.encode("utf-8")
    out = {
        "cp1252": whatwg_1252(u),
        "latin1": u.decode("latin-1"),
        "macroman": u.decode("mac_roman"),
        "double_cp1252": whatwg_1252(whatwg_1252(u).encode("utf-8")),
    }
    words = [m for m in re.finditer(r"\S+", s) if any(ord(c) > 127 for c in m.group())]
    if words:
        m = rng.choice(words)
        out["one_word_cp1252"] = s[: m.start()] + whatwg_1252(m.group().encode("utf-8")) + s[m.end():]
    spaces = [m.start() for m in re.finditer(r"(?<=[.,”\"]) ", s)]
    if spaces:
        i = rng.choice(spaces)
        out["bbc_Ìý"] = s[:i] + "Ìý" + s[i:]
    return {k: v for k, v in out.items() if v != s}


def normal(s: str) -> str:
    """The comparison form: NFC, format characters (bidi marks, zero-width, soft hyphen)
    removed, whitespace collapsed. newsframe drops format characters and collapses spaces
    on purpose; neither is a repair, so neither system is scored on them."""
    s = "".join(c for c in unicodedata.normalize("NFC", s) if unicodedata.category(c) != "Cf")
    return " ".join(s.split())


def build(per_kind: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    clean = []
    for src, s in english_sentences(rng, per_kind):
        clean.append(("en", src, s))
        clean.append(("en_typographic", src, typographic(s)))
    clean += [("ar", src, s) for src, s in arabic_sentences(rng, per_kind)]
    clean += [("names", src, s) for src, s in accented_names(rng, per_kind)]
    cases = []
    for group, src, s in clean:
        cases.append({"group": group, "kind": "clean", "source": src, "text": s, "gold": s})
        if any(ord(c) > 127 for c in s):
            for kind, bad in corruptions(s, rng).items():
                cases.append({"group": group, "kind": kind, "source": src, "text": bad, "gold": s})
    return cases


def run_textcmp(cases: list[dict]) -> tuple[list[dict], dict]:
    exe = Path(os.environ.get("CARGO_TARGET_DIR", TEXTCMP / "target")) / "release" / "newsframe-textcmp"
    if not exe.exists():
        sys.exit(f"{exe} missing: cargo build --release --manifest-path bench/textcmp/Cargo.toml")
    inp = "".join(json.dumps({"text": c["text"]}, ensure_ascii=False) + "\n" for c in cases)
    res = subprocess.run([str(exe), "mojibake"], input=inp, capture_output=True, text=True, check=True)
    lines = [json.loads(l) for l in res.stdout.splitlines()]
    return lines[:-1], lines[-1]["timing"]


SYSTEMS = ["ours", "plsfix", "plsfix_default"]


def score(cases, outs):
    """Per (group, kind): cases, exact repairs per system; clean rows count false changes."""
    table = defaultdict(lambda: Counter())
    errors = defaultdict(list)
    for c, o in zip(cases, outs):
        key = (c["group"], c["kind"])
        table[key]["n"] += 1
        for sys_ in SYSTEMS:
            ok = normal(o[sys_]) == normal(c["gold"])
            table[key][sys_] += ok
            if not ok and len(errors[(sys_, c["kind"])]) < 3:
                errors[(sys_, c["kind"])].append((c["text"][:90], o[sys_][:90]))
    return table, errors


def report(cases, table, errors, timing, timing_clean, cmd) -> str:
    lines = ["# Mojibake repair: newsframe beside plsfix", "",
             f"Command: `{cmd}` (bench/eval_mojibake.py, bench/textcmp).", "",
             "Texts: " + ", ".join(f"{k} ({v[1]})" for k, v in SOURCES.items())
             + ", accented names from python/newsframe/data/kb/aliases.tsv (GeoNames, CLDR). "
             "Each cell: texts restored exactly (after NFC, format characters removed, whitespace collapsed). "
             "For `clean` rows, a miss is a false change.", "",
             "| group | kind | n | ours | plsfix (encoding only) | plsfix (default) |",
             "|---|---|---:|---:|---:|---:|"]
    tot = defaultdict(Counter)
    for (g, k), c in sorted(table.items()):
        lines.append(f"| {g} | {k} | {c['n']} | " + " | ".join(f"{c[s]}" for s in SYSTEMS) + " |")
        bucket = "clean" if k == "clean" else "corrupted"
        tot[bucket]["n"] += c["n"]
        for s in SYSTEMS:
            tot[bucket][s] += c[s]
    lines += ["", "| summary | n | ours | plsfix (encoding only) | plsfix (default) |", "|---|---:|---:|---:|---:|"]
    c = tot["corrupted"]
    lines.append("| exact repair rate (corrupted) | %d | " % c["n"] + " | ".join(f"{100 * c[s] / c['n']:.1f}%" for s in SYSTEMS) + " |")
    c = tot["clean"]
    lines.append("| false-change rate (clean) | %d | " % c["n"] + " | ".join(f"{100 * (c['n'] - c[s]) / c['n']:.1f}%" for s in SYSTEMS) + " |")
    mb = timing["bytes"] / 1e6
    lines.append("| speed, MB/s, all texts (one thread) | %.2f MB | " % mb + " | ".join(f"{mb / timing[s]:.1f}" for s in SYSTEMS) + " |")
    mb = timing_clean["bytes"] / 1e6
    lines.append("| speed, MB/s, clean texts only | %.2f MB | " % mb + " | ".join(f"{mb / timing_clean[s]:.1f}" for s in SYSTEMS) + " |")
    lines += ["", "Examples of misses (input → output, first 90 characters):", ""]
    for (s, k), ex in sorted(errors.items()):
        for a, b in ex[:2]:
            lines.append(f"- {s}, {k}: `{a!r}` → `{b!r}`")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-kind", type=int, default=300, help="sentences per source group")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args()
    cases = build(args.per_kind, args.seed)
    outs, timing = run_textcmp(cases)
    _, timing_clean = run_textcmp([c for c in cases if c["kind"] == "clean"])
    table, errors = score(cases, outs)
    cmd = "python bench/eval_mojibake.py" + (f" --per-kind {args.per_kind}" if args.per_kind != 300 else "")
    text = report(cases, table, errors, timing, timing_clean, cmd)
    print(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
