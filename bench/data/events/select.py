"""Pre-select CoNLL-2003 sentences for the hand-annotated event set (bench/data/events/).

This script only proposes sentences; it never decides an event: every sentence it writes
is read and annotated by hand (``annotations.tsv``), and ``build.py`` turns the hand
annotations into ``dev.jsonl`` and ``test.jsonl``.

A sentence is a candidate when it holds

* two distinct country-level actor CANDIDATES: an English alias of a country, of a city or
  region in a country ("Washington", "Beijing"), or of an organisation tied to a country
  ("Kremlin", "Pentagon") in ``python/newsframe/data/kb/``, plus the 1996 names the
  knowledge base lacks (``EXTRA``: Yugoslavia, Zaire, Soviet ...); and
* a trigger CANDIDATE: a word matching ``TRIGGER`` (the trigger words of
  ``python/newsframe/data/events/triggers_en.tsv`` and near-synonyms: summit, envoy, pact,
  accuse, credit, weapons ...).

Candidates are put in strata (diplomacy, sport, business, other) from cue words of their
document, and each stratum is sampled with a fixed seed up to its quota, so that sports
fixtures, companies qualified by a country and venues are present on purpose as hard
negatives. Usage::

    python bench/data/events/select.py > bench/data/events/candidates.tsv
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from event_docs import documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
KB = ROOT / "python" / "newsframe" / "data" / "kb"
CONLL = Path("/work/shared/train/conll2003")

# 1996 names the knowledge base has no entry for, with the KB country they are annotated as
# (the continuator state; see docs/events.md).
EXTRA = {
    "Yugoslavia": "RS", "Yugoslav": "RS", "Yugoslavs": "RS", "Belgrade": "RS",
    "Zaire": "CD", "Zairean": "CD", "Zaireans": "CD", "Kinshasa": "CD",
    "Soviet": "RU", "Soviet Union": "RU", "USSR": "RU",
    "Czech Republic": "CZ", "Slovak": "SK",
    "Palestinian Authority": "PS", "PLO": "PS",
    "Moslem": None,  # not a country: listed so that it never counts
}

TRIGGER = re.compile(
    r"\b(visit\w*|trip|trips|tour\w*|arriv\w*|met|meet\w*|summit\w*|host\w*|receiv\w*|talks|"
    r"dialogue|consult\w*|discuss\w*|negotiat\w*|envoy\w*|delegation\w*|"
    r"sign\w*|agree\w*|memorandum|mou|deal|deals|treat\w*|accord|accords|pact\w*|"
    r"arms|weapon\w*|missile\w*|tanks|jets|fighter\w*|warship\w*|frigate\w*|helicopter\w*|"
    r"military|defen[cs]e|training|exercise\w*|drill|drills|manoeuvr\w*|maneuver\w*|"
    r"war games|cooperat\w*|ties|relations|"
    r"aid|financ\w*|loan\w*|grant|grants|credit\w*|assist\w*|donat\w*|"
    r"critici\w*|condemn\w*|denounc\w*|protest\w*|accus\w*|blam\w*|attack\w*|"
    r"invit\w*|welcom\w*|travel\w*|flew|fly|flies|went|left for|return\w* to|trek|"
    r"spoke|phon\w*|telephon\w*|letter|message|contract\w*|sell\w*|sold|sale|sales|buy\w*|"
    r"bought|purchas\w*|suppl\w*|deliver\w*|troops|forces|navy|naval|joint|support\w*|"
    r"donor\w*|relief|fund\w*|rebuk\w*|slam\w*|lash\w*|deplor\w*|reject\w*|warn\w*)\b",
    re.IGNORECASE,
)

SPORT = re.compile(r"\b(soccer|cricket|tennis|rugby|golf|athletics|cycling|basketball|baseball|"
                   r"hockey|boxing|skiing|swimming|motor racing|formula one|grand prix|olympic|"
                   r"world cup|championship|tournament|innings|wickets|goal|goals|match|"
                   r"qualifier|test series|semi-final|quarter-final|coach|striker)\b", re.I)
BUSINESS = re.compile(r"\b(corp|inc|ltd|plc|ag|sa|co|company|companies|group|bank|airline\w*|"
                      r"shares|stock|firm|bonds?|tonnes|prices?|profit|revenue|million|billion|"
                      r"market|exports?|imports?|trade)\b", re.I)
DIPLOMACY = re.compile(r"\b(president|prime minister|foreign minister|minister|ministry|"
                       r"government|embassy|ambassador|envoy|diplomat\w*|officials?|troops|"
                       r"army|military|navy|defen[cs]e|summit|talks|treaty|visit\w*|peace)\b", re.I)

QUOTA = {"diplomacy": 400, "sport": 100, "business": 100, "other": 100}  # above the pool sizes: every candidate is kept
SEED = 19


def country_aliases() -> dict[str, str]:
    """English alias -> ISO country code of every KB entry tied to a country, plus EXTRA."""
    country_of: dict[str, str] = {}
    with open(KB / "entities.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["country"]:
                country_of[row["id"]] = row["country"]
    aliases: dict[str, str] = {}
    with open(KB / "aliases.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["lang"] != "en" or row["id"] not in country_of:
                continue
            if row["label"] not in ("GPE", "NORP", "ORG"):
                continue
            aliases[row["alias"]] = country_of[row["id"]]
    for alias, code in EXTRA.items():
        if code is None:
            aliases.pop(alias, None)
        else:
            aliases[alias] = code
    return aliases


def alias_pattern(aliases: dict[str, str]) -> re.Pattern[str]:
    names = sorted(aliases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def stratum(doc_text: str) -> str:
    """The stratum of a document from cue-word counts: sport first (its fixtures read like
    diplomacy: 'Pakistan arrive in Australia'), then diplomacy, then business."""
    sport = len(SPORT.findall(doc_text))
    dip = len(DIPLOMACY.findall(doc_text))
    bus = len(BUSINESS.findall(doc_text))
    if sport >= 3 and sport >= dip:
        return "sport"
    if dip >= 3 and dip >= bus / 2:
        return "diplomacy"
    if bus >= 3:
        return "business"
    return "other"


def candidates() -> list[dict]:
    """Every candidate sentence of CoNLL train and dev, in file order."""
    aliases = country_aliases()
    pat = alias_pattern(aliases)
    out = []
    for name in ("train.txt", "dev.txt"):
        for doc in documents(CONLL / name):
            doc_text = " ".join(s.text for s in doc)
            kind = stratum(doc_text)
            for s in doc:
                text = s.text
                if len(s.tokens) < 8 or len(s.tokens) > 70:
                    continue
                letters = [c for c in text if c.isalpha()]
                if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
                    continue  # headlines and score lines in capitals
                countries = {aliases[m.group(1)] for m in pat.finditer(text)}
                if len(countries) < 2:
                    continue
                triggers = [m.group(0) for m in TRIGGER.finditer(text)]
                if not triggers:
                    continue
                out.append({"source": s.source, "stratum": kind, "countries": ",".join(sorted(countries)),
                            "triggers": ",".join(t.lower() for t in triggers), "text": text})
    return out


def main() -> None:
    cands = candidates()
    by = Counter(c["stratum"] for c in cands)
    print(f"# candidates per stratum: {dict(by)}", file=sys.stderr)
    rng = random.Random(SEED)
    chosen = []
    for kind, quota in QUOTA.items():
        pool = [c for c in cands if c["stratum"] == kind]
        chosen += rng.sample(pool, min(quota, len(pool)))
    order = {c["source"]: i for i, c in enumerate(cands)}
    chosen.sort(key=lambda c: order[c["source"]])
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["source", "stratum", "countries", "triggers", "text"])
    for c in chosen:
        w.writerow([c["source"], c["stratum"], c["countries"], c["triggers"], c["text"]])


if __name__ == "__main__":
    main()
