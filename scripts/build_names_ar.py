#!/usr/bin/env python3
"""Regenerate the derived Arabic name lexicons under python/newsframe/data/names/.

Usage (from the repository root):

    python scripts/build_names_ar.py [path/to/anercorp/train.txt] [--dev]
                                     [--stop-top N] [--stop-min N]

The default corpus path is ``../shared/train/anercorp/train.txt`` relative to the
repository root.  ANERcorp (Benajiba et al.) has one ``token tag`` pair per line,
BIO tags over PERS/ORG/LOC/MISC and a blank line between sentences; proclitics
stay attached to tokens (``ومحمد`` is one B-PERS token).

Held-out data
-------------
Sentences are numbered in file order, 0..n-1.  The last tenth (index >= n*9//10)
is reserved for evaluation (``examples/names_ar_seeds.rs`` scores it) and is never
read here.  With ``--dev`` the ninth tenth (n*8//10 <= index < n*9//10) is held
out as well, so the rules can be tuned on it without touching the last tenth;
regenerate without ``--dev`` before committing.

Outputs (all sorted, so two runs give byte-identical files)
-------
* name_tokens_ar.txt   tokens seen inside PERS spans (not mostly outside them)
* first_names_ar.txt   tokens seen as the first token of PERS spans
* stopwords_ar.txt     frequent tokens outside entities that are rarely names
* places_ar.txt        tokens that are mostly single-token LOC mentions
* orgs_ar.txt          tokens that are mostly single-token ORG mentions

Every entry is folded exactly like ``newsframe::text::arabic::fold`` (hamza
and madda on alef, ta marbuta, alef maqsura, hamza seats, short vowels and
tatweel), which is how ``src/extract/names_ar.rs`` looks words up.  The
hand-written lists in the same folder (cues, organisation heads, function words,
name prefixes, organisation-chain stop words) are read here only to keep them out
of the derived lists.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "python" / "newsframe" / "data" / "names"
DEFAULT_CORPUS = ROOT / ".." / "shared" / "train" / "anercorp" / "train.txt"

# Sizes and thresholds.
STOPWORDS_TOP = 2500  # most frequent O-tagged tokens kept as stop words
STOPWORDS_MIN_COUNT = 3  # ... that also occur at least this often
AL_NAME_MIN_RATIO = 0.6  # an ال-token is a name token if >= this share of its uses are PERS
AL_NISBA_MIN_RATIO = 0.9  # ... and an ال…ي / ال…ية token (التركي: a surname and an adjective)
PLACE_MIN_COUNT = 2
ORG_MIN_COUNT = 3
ORG_MIN_RATIO = 0.8

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ar_text import fold as fold_char  # noqa: E402
from ar_text import fold_str as fold  # noqa: E402
from ar_text import is_arabic_letter, light_fold, proclitic_len  # noqa: E402


def is_word(tok: str) -> bool:
    return any(is_arabic_letter(c) for c in tok) and all(
        is_arabic_letter(c) or fold_char(c) == "" for c in tok
    )


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, _, tag = line.rpartition(" ")
            if not tok:
                continue
            cur.append((tok, tag))
    if cur:
        sents.append(cur)
    return sents


def read_list(name: str) -> list[str]:
    """Entries (first tab-separated field) of a hand-written list in OUT."""
    out = []
    for line in (OUT / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line.split("\t")[0])
    return out


def strip_known(tok: str, known: Counter) -> str:
    """tok without its proclitics if the remainder is at least as common in `known`."""
    f = fold(tok)
    for k in range(proclitic_len(tok), 0, -1):
        stem = fold(tok[k:])
        if known[stem] >= max(known[f], 1):
            return stem
    return f


def strip_known_folded(f: str, known: Counter) -> str:
    """Like strip_known for an already folded token (fold keeps every proclitic)."""
    lam = f[1:] if f[:1] in ("و", "ف") else f
    if lam.startswith("لل") and known["ا" + lam[1:]] > 0:  # للصين = ل + الصين
        return "ا" + lam[1:]
    for k in range(proclitic_len(f), 0, -1):
        if known[f[k:]] > 0:
            return f[k:]
    return f


def write(name: str, header: str, entries) -> None:
    """Write sorted entries; an entry is a string or a tuple of tab-separated fields."""
    path = OUT / name
    rows = sorted(set(e if isinstance(e, tuple) else (e,) for e in entries))
    body = "".join("\t".join(map(str, r)) + "\n" for r in rows)
    path.write_text(header.rstrip("\n") + "\n" + body, encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(set(entries))} entries")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--dev", action="store_true", help="also hold out the ninth tenth")
    ap.add_argument("--stop-top", type=int, default=STOPWORDS_TOP, help="stop-list size at most")
    ap.add_argument("--stop-min", type=int, default=STOPWORDS_MIN_COUNT, help="stop word count at least")
    args = ap.parse_args()
    stop_top, stop_min = args.stop_top, args.stop_min
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"{corpus}: not found (pass the path to ANERcorp train.txt)")

    sents = read_sentences(corpus)
    n = len(sents)
    cut = n * 8 // 10 if args.dev else n * 9 // 10
    train = sents[:cut]
    split = "first eight tenths (--dev)" if args.dev else "first nine tenths"
    ntok = sum(len(s) for s in train)

    function_words = {light_fold(w) for w in read_list("function_words_ar.txt")}
    hand = {fold(w) for f in ("cues_ar.txt", "org_heads_ar.txt") for p in read_list(f) for w in p.split()}
    name_parts = {fold(w) for w in read_list("name_parts_ar.txt")}

    # Raw counts of folded whole tokens by tag family.
    pers_raw, total = Counter(), Counter()
    for s in train:
        for tok, tag in s:
            if not is_word(tok):
                continue
            f = fold(tok)
            total[f] += 1
            if tag.endswith("PERS"):
                pers_raw[f] += 1

    # PERS tokens without proclitics (ومحمد -> محمد when محمد is a name too).
    # first: begins a PERS span of two or more tokens; later: single-token span or not first.
    pers, first, later = Counter(), Counter(), Counter()
    for s in train:
        for i, (tok, tag) in enumerate(s):
            if not is_word(tok) or not tag.endswith("PERS"):
                continue
            stem = strip_known(tok, pers_raw)
            pers[stem] += 1
            if tag == "B-PERS" and i + 1 < len(s) and s[i + 1][1] == "I-PERS":
                first[stem] += 1
            else:
                later[stem] += 1
    # Non-PERS uses of each form, and single-token LOC mentions (without proclitics
    # when the remainder is itself a place: بالعراق -> العراق, but not باكستان -> اكستان).
    non_pers, loc_raw = Counter(), Counter()
    for s in train:
        for i, (tok, tag) in enumerate(s):
            if not is_word(tok) or tag.endswith("PERS"):
                continue
            non_pers[fold(tok)] += 1
            if tag == "B-LOC" and (i + 1 >= len(s) or s[i + 1][1] != "I-LOC"):
                loc_raw[fold(tok)] += 1
    loc = Counter()
    for w, c in loc_raw.items():
        loc[strip_known_folded(w, loc_raw)] += c

    # Single-token ORG mentions (رويترز, أوبك), merged over proclitics like places.
    org_raw = Counter()
    for s in train:
        for i, (tok, tag) in enumerate(s):
            if is_word(tok) and tag == "B-ORG" and (i + 1 >= len(s) or s[i + 1][1] != "I-ORG"):
                org_raw[fold(tok)] += 1
    org_single, org_total = Counter(), Counter()
    for s in train:
        for i, (tok, tag) in enumerate(s):
            if not is_word(tok):
                continue
            key = strip_known_folded(fold(tok), org_raw)
            org_total[key] += 1
            if tag == "B-ORG" and (i + 1 >= len(s) or s[i + 1][1] != "I-ORG"):
                org_single[key] += 1

    def is_name(w: str) -> bool:
        if len(w) < 2 or light_fold(w) in function_words or w in hand:
            return False
        p, o = pers[w], non_pers[w]
        if w.startswith("ال") and w not in name_parts:
            nisba = w.endswith("ي") or w.endswith("يه")
            return p >= 2 and p / (p + o) >= (AL_NISBA_MIN_RATIO if nisba else AL_NAME_MIN_RATIO)
        return p >= o

    names = [w for w in pers if is_name(w)]
    firsts = [w for w in first if is_name(w) and not w.startswith("ال") and first[w] >= later[w]]

    # Frequent O-tagged tokens.  A ya-final spelling of an alef-maqsura function
    # word (علي for على) is ambiguous with a name: the function-word list decides.
    o_count = Counter()
    for s in train:
        for tok, tag in s:
            if tag != "O" or not is_word(tok):
                continue
            lf = light_fold(tok)
            if lf in function_words:  # the function-word list covers it
                continue
            if lf.endswith("ي") and lf[:-1] + "ى" in function_words:
                continue
            o_count[fold(tok)] += 1
    stop = []
    for w, c in o_count.most_common():
        if len(stop) >= stop_top or c < stop_min:
            break
        if pers[w] >= c:  # more often a name than not
            continue
        stop.append(w)

    places = [
        w
        for w, c in loc.items()
        if c >= PLACE_MIN_COUNT and c * 2 >= total[w] and pers[w] * 2 < c and len(w) >= 2
    ]

    orgs = [
        w
        for w, c in org_single.items()
        if c >= ORG_MIN_COUNT and c >= ORG_MIN_RATIO * org_total[w] and len(w) >= 2 and w not in hand
    ]

    src = (
        f"# Source: ANERcorp (Benajiba et al.), {split} of the sentences ({len(train)} of {n},"
        f" {ntok} tokens);\n# research use, see NOTICE_ar.md. Regenerate with scripts/build_names_ar.py."
        "\n# Entries are folded like newsframe::extract::arabic::fold.\n"
    )
    write(
        "name_tokens_ar.txt",
        "# Arabic person-name tokens: tokens inside PERS spans (proclitics removed when the\n"
        "# remainder is itself a name token) that are not more often outside PERS spans;\n"
        f"# ال-tokens only if >= {AL_NAME_MIN_RATIO:.0%} of their uses are in PERS spans\n"
        f"# ({AL_NISBA_MIN_RATIO:.0%} for nisba-shaped ones). Columns: token, uses inside PERS spans,\n"
        "# other uses, uses as the first token of a PERS span of two or more tokens, other uses\n"
        "# inside PERS spans (alone or later in a span).\n" + src,
        [(w, pers[w], non_pers[w], first[w], later[w]) for w in names],
    )
    write(
        "first_names_ar.txt",
        "# Arabic given names: tokens that begin PERS spans of two or more tokens at least as often\n"
        "# as they stand alone or later in a span, filtered like name_tokens_ar.txt, without ال-tokens.\n"
        + src,
        firsts,
    )
    write(
        "stopwords_ar.txt",
        f"# Arabic frequent non-name words: the {stop_top} most frequent O-tagged tokens seen at\n"
        f"# least {stop_min} times, minus tokens at least as often inside PERS spans.\n" + src,
        stop,
    )
    write(
        "places_ar.txt",
        "# Arabic place tokens: single-token LOC mentions (with and without proclitics) seen at\n"
        f"# least {PLACE_MIN_COUNT} times, that are LOC in at least half of their uses and rarely PERS.\n" + src,
        places,
    )

    write(
        "orgs_ar.txt",
        "# Arabic organisation tokens: single-token ORG mentions (with and without proclitics) seen\n"
        f"# at least {ORG_MIN_COUNT} times, that are such a mention in at least {ORG_MIN_RATIO:.0%} of their uses.\n"
        + src,
        orgs,
    )


if __name__ == "__main__":
    main()
