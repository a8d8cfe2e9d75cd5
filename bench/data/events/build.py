"""Build dev.jsonl and test.jsonl of the event set from the hand annotations.

Reads ``candidates.tsv`` (the sentences ``select.py`` proposed) and ``annotations.tsv`` (the
events a person read in each of them, compact form, see its header) and writes one JSON
object per sentence, following ``docs/events.md``. Sentence ids ``ev0001`` ... follow the
candidates' order (file order of CoNLL train, then dev); every id divisible by 10 goes to
``test.jsonl``, the rest to ``dev.jsonl``. The split is fixed: test is never used for tuning.

The sentences drawn later by ``select_more.py`` (``candidates_more.tsv``, annotated in
``annotations_more.tsv``) go to ``dev.jsonl`` only, with ids ``evm001`` ..., so that the test
part stays exactly the one first built.

Usage::

    python bench/data/events/build.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KB = HERE.parents[2] / "python" / "newsframe" / "data" / "kb"
TYPES = {"visit", "consult", "agreement", "arms_sale", "military_cooperation", "exercise", "aid", "criticism"}
MODALITY = {"a": "asserted", "n": "negated", "p": "planned", "q": "possible"}
EVENT = re.compile(r"^(\w+) ([A-Z]{2})([>=])([A-Z]{2}) ([anpq])(\*?) (.+)$")


def country_names() -> dict[str, str]:
    """ISO code -> the knowledge base's canonical country name."""
    names = {}
    with open(KB / "entities.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"].startswith("country:"):
                names[row["id"].split(":", 1)[1]] = row["name"]
    return names


def parse_events(field: str, text: str, names: dict[str, str], where: str) -> list[dict]:
    """The events of one annotation field; raises on anything malformed."""
    if field.strip() == "-":
        return []
    events = []
    for part in field.split(" ; "):
        m = EVENT.match(part.strip())
        if not m:
            raise ValueError(f"{where}: cannot parse {part!r}")
        etype, a1, rel, a2, mod, multi, trigger = m.groups()
        if etype not in TYPES:
            raise ValueError(f"{where}: unknown type {etype}")
        if a1 == a2 or a1 not in names or a2 not in names:
            raise ValueError(f"{where}: bad actors {a1} {a2}")
        if trigger.lower() not in text.lower():
            raise ValueError(f"{where}: trigger {trigger!r} not in the sentence")
        events.append({"type": etype, "actor1": names[a1], "actor2": names[a2],
                       "symmetric": rel == "=", "modality": MODALITY[mod], "multilateral": multi == "*",
                       "trigger": trigger})
    return events


def read_pair(candidates: str, annotations: str) -> tuple[list[dict], dict[int, str]]:
    """The candidates of one file and their annotation fields by candidate number."""
    with open(HERE / candidates, encoding="utf-8") as f:
        cands = list(csv.DictReader(f, delimiter="\t"))
    notes = {}
    for line in (HERE / annotations).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        num, field = line.split("\t", 1)
        notes[int(num)] = field
    if sorted(notes) != list(range(1, len(cands) + 1)):
        sys.exit(f"{annotations} must annotate every candidate of {candidates} exactly once")
    return cands, notes


def main() -> None:
    names = country_names()
    cands, notes = read_pair("candidates.tsv", "annotations.tsv")
    dev, test = [], []
    for i, c in enumerate(cands, start=1):
        rec = {"id": f"ev{i:04d}", "source": c["source"], "stratum": c["stratum"], "text": c["text"],
               "events": parse_events(notes[i], c["text"], names, f"candidate {i}")}
        (test if i % 10 == 0 else dev).append(rec)
    more, more_notes = read_pair("candidates_more.tsv", "annotations_more.tsv")
    seen = {c["source"] for c in cands}
    for i, c in enumerate(more, start=1):
        if c["source"] in seen:
            sys.exit(f"candidates_more.tsv {i}: {c['source']} is already a candidate")
        dev.append({"id": f"evm{i:03d}", "source": c["source"], "stratum": c["stratum"], "text": c["text"],
                    "events": parse_events(more_notes[i], c["text"], names, f"more candidate {i}")})
    reuters, reuters_notes = read_pair("candidates_reuters.tsv", "annotations_reuters.tsv")
    for i, c in enumerate(reuters, start=1):
        dev.append({"id": f"evr{i:03d}", "source": c["source"], "stratum": c["stratum"], "text": c["text"],
                    "events": parse_events(reuters_notes[i], c["text"], names, f"reuters candidate {i}")})
    for name, recs in (("dev.jsonl", dev), ("test.jsonl", test)):
        with open(HERE / name, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"dev {len(dev)} sentences, test {len(test)} sentences")


if __name__ == "__main__":
    main()
