"""Draw more CoNLL-2003 train sentences for the DEV part of the event set (session 14).

``select.py`` kept every candidate it found, so its pool is spent; the knowledge base has
grown since, and newsframe now reads more sentences as holding two countries. This script
proposes, from ``train.txt`` only, sentences that are not yet in ``candidates.tsv`` (so
never one of the fixed test part) and hold two distinct country-level actor candidates
(``select.py``'s aliases, at the current knowledge base):

* tier ``trigger``: with a trigger candidate of ``select.py`` (``TRIGGER``), any length from
  4 tokens, capitals allowed (headlines): every one is kept;
* tier ``wide``: without one, but with a word of diplomatic speech or of officials
  (``WIDE``: urge, call, told, offer, minister, ambassador, dispute ...), 8 to 70 tokens, not
  mostly capitals: ``N_WIDE`` are drawn with ``SEED``. These are mostly negatives on purpose
  (statements, threats, disputes, officials of one country speaking of another).

Every proposed sentence is then read and annotated by hand (``annotations_more.tsv``);
``build.py`` writes them to ``dev.jsonl`` only. Usage::

    python bench/data/events/select_more.py > bench/data/events/candidates_more.tsv
"""

from __future__ import annotations

import csv
import importlib.util
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from event_docs import documents  # noqa: E402

# select.py by path: a plain "import select" may give the standard library's module of that name.
_spec = importlib.util.spec_from_file_location("events_select", HERE / "select.py")
_select = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_select)
CONLL, TRIGGER, stratum = _select.CONLL, _select.TRIGGER, _select.stratum
alias_pattern, country_aliases = _select.alias_pattern, _select.country_aliases

WIDE = re.compile(
    r"\b(talk|talked|call\w*|urg\w*|told|tell\w*|offer\w*|ask\w*|press\w*|demand\w*|appeal\w*|"
    r"expel\w*|recall\w*|sanction\w*|embargo\w*|boycott\w*|ambassador\w*|minister\w*|president|"
    r"official\w*|diplomat\w*|partner\w*|help\w*|oppos\w*|threat\w*|clash\w*|fight\w*|war|"
    r"dispute\w*|row|quarrel\w*)\b",
    re.IGNORECASE,
)
N_WIDE = 60
SEED = 1914


def main() -> None:
    with open(HERE / "candidates.tsv", encoding="utf-8") as f:
        have = {r["source"] for r in csv.DictReader(f, delimiter="\t")}
    aliases = country_aliases()
    pat = alias_pattern(aliases)
    trig, wide = [], []
    for doc in documents(CONLL / "train.txt"):
        kind = stratum(" ".join(s.text for s in doc))
        for s in doc:
            if s.source in have or len(s.tokens) < 4:
                continue
            text = s.text
            countries = {aliases[m.group(1)] for m in pat.finditer(text)}
            if len(countries) < 2:
                continue
            row = {"source": s.source, "stratum": kind, "countries": ",".join(sorted(countries)), "text": text}
            words = [m.group(0).lower() for m in TRIGGER.finditer(text)]
            if words:
                trig.append({**row, "tier": "trigger", "triggers": ",".join(words)})
                continue
            letters = [c for c in text if c.isalpha()]
            if len(s.tokens) < 8 or len(s.tokens) > 70 or sum(c.isupper() for c in letters) > 0.6 * len(letters):
                continue
            words = [m.group(0).lower() for m in WIDE.finditer(text)]
            if words:
                wide.append({**row, "tier": "wide", "triggers": ",".join(words)})
    print(f"# pool: trigger {len(trig)}, wide {len(wide)}", file=sys.stderr)
    chosen = trig + random.Random(SEED).sample(wide, min(N_WIDE, len(wide)))
    order = {r["source"]: i for i, r in enumerate(trig + wide)}
    chosen.sort(key=lambda r: order[r["source"]])
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["source", "stratum", "tier", "countries", "triggers", "text"])
    for r in chosen:
        w.writerow([r["source"], r["stratum"], r["tier"], r["countries"], r["triggers"], r["text"]])


if __name__ == "__main__":
    main()
