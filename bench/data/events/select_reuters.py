"""Draw Reuters-21578 sentences for the DEV part of the event set (session 18).

The CoNLL-2003 pools of ``select.py`` and ``select_more.py`` are spent. This script proposes
sentences of Reuters-21578 (1987 newswire, ``reut2-*.sgm`` in DIR) from the documents that
already hold an event of a committed judged sample only: the rules were written from those
samples, so these documents are no unseen text any more, and the documents a fresh judged
sample (``eval_events.py --fresh``) draws from stay untouched. A sentence is proposed when

* it holds two distinct country-level actor candidates (``select.py``'s aliases) and a
  trigger candidate (``select.py``'s ``TRIGGER``);
* it has 8 to 70 words and is not mostly capitals;
* it is not itself the sentence of a judged event (those were studied for the rules).

Sentences are newsframe's own (``nf.read_texts``), so that an annotated sentence is the text
the pipeline reads. ``N`` are drawn with ``SEED``; each was then read and annotated by hand
(``annotations_reuters.tsv``); ``build.py`` writes them to ``dev.jsonl`` only. Usage::

    python bench/data/events/select_reuters.py /tmp/reuters > bench/data/events/candidates_reuters.tsv
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This folder's select.py would shadow the standard library's module of that name, which
# polars imports.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]
import newsframe as nf  # noqa: E402

BENCH = HERE.parent.parent
sys.path.insert(0, str(BENCH))
import eval_events as ev  # noqa: E402

# select.py by path: a plain "import select" may give the standard library's module of that name.
_spec = importlib.util.spec_from_file_location("events_select", HERE / "select.py")
_select = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_select)
TRIGGER, stratum = _select.TRIGGER, _select.stratum
alias_pattern, country_aliases = _select.alias_pattern, _select.country_aliases

N = 60
SEED = 1987


def main() -> None:
    folder = Path(sys.argv[1])
    seen = ev.judged_documents()
    judged_texts = set()
    for path in ev.DATA.glob(ev.JUDGED_GLOB):
        for line in path.read_text(encoding="utf-8").splitlines():
            e = json.loads(line) if line.strip() else {}
            if "text" in e:
                judged_texts.add(e["text"])
    docs = [(src, t) for src, t in ev.reuters_documents(folder) if src in seen]
    corpus = nf.read_texts([t for _, t in docs])
    aliases = country_aliases()
    pat = alias_pattern(aliases)
    kinds = [stratum(t) for _, t in docs]
    pool = []
    for r in corpus.sentences.iter_rows(named=True):
        text = r["text"]
        words = text.split()
        letters = [c for c in text if c.isalpha()]
        if len(words) < 8 or len(words) > 70 or not letters or sum(c.isupper() for c in letters) > 0.6 * len(letters):
            continue
        if text in judged_texts:
            continue
        countries = {aliases[m.group(1)] for m in pat.finditer(text)}
        triggers = [m.group(0).lower() for m in TRIGGER.finditer(text)]
        if len(countries) < 2 or not triggers:
            continue
        src = f"{docs[r['doc_id']][0]}/sent{r['sent_id']}"
        pool.append({"source": src, "stratum": kinds[r["doc_id"]], "tier": "trigger",
                     "countries": ",".join(sorted(countries)), "triggers": ",".join(triggers), "text": text})
    print(f"# {len(docs)} seen documents, pool {len(pool)} sentences", file=sys.stderr)
    chosen = sorted(random.Random(SEED).sample(range(len(pool)), min(N, len(pool))))
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(["source", "stratum", "tier", "countries", "triggers", "text"])
    for i in chosen:
        r = pool[i]
        w.writerow([r["source"], r["stratum"], r["tier"], r["countries"], r["triggers"], r["text"]])


if __name__ == "__main__":
    main()
