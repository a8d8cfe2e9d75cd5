"""Country-level events of newsframe scored against the hand-annotated event set.

The gold is ``bench/data/events/{dev,test}.jsonl`` (CoNLL-2003 sentences annotated by hand
following ``docs/events.md``). ``nf.read_texts`` reads the sentences, one document per
sentence by default (``--unit document`` reads each sentence's whole CoNLL document instead
and keeps the events whose trigger lies in the annotated sentence), and its ``events`` table is
scored on (type, actor 1, actor 2):

* directed: the actors in order; a gold event marked ``symmetric`` matches either order;
* undirected: the two actors as a set.

Precision, recall and F1 overall and per type, on dev and test apart (test is never used for
tuning), plus the same without multilateral pairs, a breakdown of the errors, and the
modality of matched events when the events table has a ``modality`` column. Actors are
mapped to the knowledge base's canonical country names through the entities table's
``kb_id`` (a city or organisation standing for a country maps to that country).

``--judge-sample N --seed S`` instead draws N events at random from the pipeline's output on
CoNLL-2003 train read as whole documents, without the sentences of the event set (they yield
only a dozen events), plus with ``--reuters DIR`` the Reuters-21578 stories in DIR, and writes
them with their sentences to ``bench/data/events/judged_sample.jsonl`` for a person to judge
(``verdict`` right/wrong and ``reason``); verdicts already in that file are kept for the same
events. The report then includes the judged precision of the sample. Usage::

    python bench/eval_events.py [--unit sentence|document] [--write REPORT.md] [--show-errors]
    python bench/eval_events.py --judge-sample 30 --seed 1 --reuters path/to/reuters21578
    python bench/eval_events.py --judge-sample 30 --seed 2 --reuters DIR --out bench/data/events/judged_sample_seed2.jsonl
    python bench/eval_events.py --judge-sample 30 --seed 20 --conll '' --bbc DIR/bbc --out bench/data/events/judged_sample_seed20.jsonl

``--bbc DIR`` reads the BBC News dataset (Greene & Cunningham, ICML 2006: 2,225 articles of the
BBC News website, 2004-2005, ``DIR/<topic>/NNN.txt``; articles (c) BBC, distributed for
research), newswire of another outlet and decade that no rule was written from; ``--conll ''``
leaves CoNLL-2003 out of the pool. ``--agnews FILE`` reads an AG News CSV split (Zhang, Zhao &
LeCun 2015, from the AG's corpus of news articles; 2004-2005 titles and descriptions), e.g.::

    python bench/eval_events.py --judge-sample 30 --seed 21 --conll '' --agnews DIR/test.csv --out bench/data/events/judged_sample_seed21.jsonl

``--wikinews FILES`` reads English Wikinews articles of 2019-2021 (CSV files url,date,title,text,
comma-separated; CC BY 2.5), e.g.::

    python bench/eval_events.py --judge-sample 30 --seed 23 --conll '' --wikinews DIR/wikinews_2019.csv,DIR/wikinews_2020.csv --fresh --out bench/data/events/judged_sample_seed23.jsonl

``--cnn FILE --rows odd`` reads the odd rows (0-based) of a CSV of CNN / Daily Mail articles
(column ``article``), the even ones kept unread for another measure, e.g.::

    python bench/eval_events.py --judge-sample 30 --seed 25 --conll '' --cnn DIR/cnn_dailymail_validation_subset.csv --rows odd --fresh --out bench/data/events/judged_sample_seed25.jsonl

The report gives the judged precision of every ``bench/data/events/judged_sample*.jsonl``.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Optional

import polars as pl

import newsframe as nf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "events"
KB = ROOT / "python" / "newsframe" / "data" / "kb"
CONLL = ROOT.parent / "shared" / "train" / "conll2003"
TYPES = ("visit", "consult", "agreement", "arms_sale", "military_cooperation", "exercise", "aid", "criticism")
JUDGED = DATA / "judged_sample.jsonl"
# Every committed judged sample: the first (seed 1, judged on the extractor of its day) and
# the later ones, each drawn with a new seed after the rules changed, never tuned on.
JUDGED_GLOB = "judged_sample*.jsonl"

sys.path.insert(0, str(DATA))
from event_docs import documents  # noqa: E402


# ----------------------------------------------------------------------------- names


def kb_countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(kb id -> canonical country name, alias -> canonical country name, code -> name).

    Every KB entry tied to a country (a city, region or organisation) maps to that country,
    as newsframe itself lets them stand for it."""
    code_name, id_code = {}, {}
    with open(KB / "entities.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"].startswith("country:"):
                code_name[row["id"].split(":", 1)[1]] = row["name"]
            if row["country"]:
                id_code[row["id"]] = row["country"]
    by_id = {i: code_name[c] for i, c in id_code.items() if c in code_name}
    by_alias = {}
    with open(KB / "aliases.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["id"] in by_id:
                by_alias.setdefault(row["alias"], by_id[row["id"]])
    return by_id, by_alias, code_name


BY_ID, BY_ALIAS, CODE_NAME = kb_countries()
# docs/events.md names a 1996 state by its continuator ("Yugoslavia (the federal republic)
# -> Serbia", "the Soviet Union -> Russia"); the knowledge base keeps the former states as
# countries of their own, so their events are renamed the same way before scoring.
CONTINUATOR = {"YUCS": "RS", "CSXX": "RS", "SUHH": "RU", "DDDE": "DE", "RHZW": "ZW", "YDYE": "YE"}
for _old, _new in CONTINUATOR.items():
    if _old in CODE_NAME and _new in CODE_NAME:
        for _table in (BY_ID, BY_ALIAS):
            for _k, _v in list(_table.items()):
                if _v == CODE_NAME[_old]:
                    _table[_k] = CODE_NAME[_new]
        CODE_NAME[_old] = CODE_NAME[_new]


def actor_name(kb_id: Optional[str], country: Optional[str], name: str) -> str:
    """The canonical country name of an events-table actor (by its entity's kb id, else its
    entity's country code, else its name as an alias), else its own name."""
    if kb_id and kb_id in BY_ID:
        return BY_ID[kb_id]
    if country and country in CODE_NAME:
        return CODE_NAME[country]
    return BY_ALIAS.get(name, name)


def named_events(corpus) -> pl.DataFrame:
    """The corpus' events with ``a1``/``a2`` canonical country names added."""
    ev = corpus.events
    if ev.height == 0:
        return ev.with_columns(pl.lit("").alias("a1"), pl.lit("").alias("a2"))
    ent = corpus.entities
    countries = ent["country"].to_list() if "country" in ent.columns else [None] * ent.height
    info = dict(zip(ent["entity_id"].to_list(), zip(ent["kb_id"].to_list(), countries)))
    a1 = [actor_name(*info.get(i, (None, None)), n) for i, n in zip(ev["actor1"].to_list(), ev["actor1_name"].to_list())]
    a2 = [actor_name(*info.get(i, (None, None)), n) for i, n in zip(ev["actor2"].to_list(), ev["actor2_name"].to_list())]
    return ev.with_columns(pl.Series("a1", a1), pl.Series("a2", a2))


# ----------------------------------------------------------------------------- running


def load(split: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def conll_docs() -> dict[tuple[str, int], list]:
    """(file, doc number) -> the document's sentences."""
    out = {}
    for name in ("train.txt", "dev.txt"):
        for d, doc in enumerate(documents(CONLL / name)):
            out[(name, d)] = doc
    return out


def parse_source(source: str) -> tuple[str, int, int]:
    """``conll2003/train.txt#doc12/sent3`` -> ("train.txt", 12, 3)."""
    path, frag = source.split("#")
    doc, sent = frag.split("/")
    return path.split("/")[-1], int(doc[3:]), int(sent[4:])


def doc_text(sents: list) -> tuple[str, list[tuple[int, int]]]:
    """A CoNLL document as text, a sentence a line, and each sentence's character span."""
    spans, parts, pos = [], [], 0
    for s in sents:
        t = s.text
        spans.append((pos, pos + len(t)))
        parts.append(t)
        pos += len(t) + 1
    return "\n".join(parts), spans


def predict(records: list[dict], unit: str) -> tuple[list[list[dict]], pl.DataFrame]:
    """Per record, the pipeline's events of its sentence, and the raw events table."""
    if unit == "sentence":
        corpus = nf.read_texts([r["text"] for r in records])
        ev = named_events(corpus)
        per: list[list[dict]] = [[] for _ in records]
        for row in ev.iter_rows(named=True):
            per[row["doc_id"]].append(row)
        return per, ev
    docs = conll_docs()
    # Sentences of other newswire (Reuters-21578, ids evr...) keep their own text as their unit.
    conll = lambda r: r["source"].startswith("conll2003/")  # noqa: E731
    keys = sorted({parse_source(r["source"])[:2] for r in records if conll(r)})
    texts, spans = [], []
    for k in keys:
        t, s = doc_text(docs[k])
        texts.append(t)
        spans.append(s)
    others = [r for r in records if not conll(r)]
    for r in others:
        texts.append(r["text"])
        spans.append([(0, len(r["text"]))])
    corpus = nf.read_texts(texts)
    ev = named_events(corpus)
    index = {k: i for i, k in enumerate(keys)}
    index.update({r["id"]: len(keys) + i for i, r in enumerate(others)})
    per = []
    for r in records:
        f, d, s = parse_source(r["source"]) if conll(r) else (None, r["id"], 0)
        lo, hi = spans[index[(f, d) if conll(r) else d]][s]
        rows = ev.filter((pl.col("doc_id") == index[(f, d) if conll(r) else d]) & (pl.col("trigger_start") >= lo)
                         & (pl.col("trigger_start") < hi))
        per.append(list(rows.iter_rows(named=True)))
    return per, ev


# ----------------------------------------------------------------------------- scoring


def match(gold: list[dict], pred: list[tuple[str, str, str]], directed: bool) -> tuple[list[bool], list[bool]]:
    """Greedy one-to-one matching of a sentence's predicted and gold events: which gold
    events and which predictions found a partner."""
    g_used = [False] * len(gold)
    p_ok = [False] * len(pred)
    for pi, (t, a, b) in enumerate(pred):
        for gi, g in enumerate(gold):
            if g_used[gi] or g["type"] != t:
                continue
            same = (g["actor1"], g["actor2"]) == (a, b)
            rev = (g["actor1"], g["actor2"]) == (b, a)
            if same or (rev and (not directed or g["symmetric"])):
                g_used[gi] = p_ok[pi] = True
                break
    return g_used, p_ok


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else float("nan")
    r = tp_g / n_g if n_g else float("nan")
    f = 2 * p * r / (p + r) if n_p and n_g and (p + r) else float("nan")
    return p, r, f


def score(records: list[dict], preds: list[list[dict]], directed: bool,
          keep=lambda g: True) -> dict[str, tuple[int, int, int, int]]:
    """Per type and ``all``: (matched predictions, predictions, matched gold, gold)."""
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for rec, rows in zip(records, preds):
        gold = [g for g in rec["events"] if keep(g)]
        dropped = [g for g in rec["events"] if not keep(g)]
        pred = sorted({(r["event_type"], r["a1"], r["a2"]) for r in rows})
        if dropped:  # a prediction of a left-out gold event is neither right nor wrong
            _, hit = match(dropped, pred, directed)
            pred = [p for p, h in zip(pred, hit) if not h]
        g_ok, p_ok = match(gold, pred, directed)
        for (t, _, _), ok in zip(pred, p_ok):
            for k in (t, "all"):
                acc[k][0] += ok
                acc[k][1] += 1
        for g, ok in zip(gold, g_ok):
            for k in (g["type"], "all"):
                acc[k][2] += ok
                acc[k][3] += 1
    return {k: tuple(v) for k, v in acc.items()}


def errors(records: list[dict], preds: list[list[dict]]) -> Counter:
    """Kinds of error: a false positive is a reversed direction, a wrong type on a gold pair,
    or a pair with no gold event (split by the record's stratum); a missed gold event is
    counted by whether the pipeline found its pair under another type."""
    kinds: Counter = Counter()
    for rec, rows in zip(records, preds):
        gold = rec["events"]
        pred = sorted({(r["event_type"], r["a1"], r["a2"]) for r in rows})
        g_ok, p_ok = match(gold, pred, True)
        pairs = {frozenset((g["actor1"], g["actor2"])) for g in gold}
        for (t, a, b), ok in zip(pred, p_ok):
            if ok:
                continue
            if any(g["type"] == t and (g["actor1"], g["actor2"]) == (b, a) for g in gold):
                kinds["FP: direction reversed"] += 1
            elif frozenset((a, b)) in pairs:
                kinds["FP: wrong type for a gold pair"] += 1
            elif not gold:
                kinds[f"FP: sentence with no event ({rec['stratum']})"] += 1
            else:
                kinds["FP: pair with no gold event"] += 1
        pred_pairs = {frozenset((a, b)) for _, a, b in pred}
        for g, ok in zip(gold, g_ok):
            if ok:
                continue
            if frozenset((g["actor1"], g["actor2"])) in pred_pairs:
                kinds["FN: pair found under another type or direction"] += 1
            elif g.get("multilateral"):
                kinds["FN: multilateral pair missed"] += 1
            else:
                kinds["FN: missed"] += 1
    return kinds


def show_errors(split: str, records: list[dict], preds: list[list[dict]]) -> None:
    """Print each sentence with a directed-score error: its text, gold and predictions."""
    for rec, rows in zip(records, preds):
        pred = sorted({(r["event_type"], r["a1"], r["a2"]) for r in rows})
        g_ok, p_ok = match(rec["events"], pred, True)
        if all(g_ok) and all(p_ok):
            continue
        print(f"[{split} {rec['id']} {rec['stratum']}] {rec['text']}")
        for g, ok in zip(rec["events"], g_ok):
            arrow = "=" if g["symmetric"] else ">"
            print(f"   gold {'ok ' if ok else 'MISS'} {g['type']} {g['actor1']}{arrow}{g['actor2']} ({g['trigger']})")
        for (t, a, b), ok in zip(pred, p_ok):
            if not ok:
                trig = next(r["trigger"] for r in rows if (r["event_type"], r["a1"], r["a2"]) == (t, a, b))
                print(f"   pred WRONG {t} {a}>{b} ({trig})")


def modality_agreement(records: list[dict], preds: list[list[dict]]) -> Optional[Counter]:
    """(gold modality, predicted modality) counts over matched events, when predicted."""
    if not any("modality" in r for rows in preds for r in rows):
        return None
    out: Counter = Counter()
    for rec, rows in zip(records, preds):
        for r in rows:
            for g in rec["events"]:
                if g["type"] == r["event_type"] and {g["actor1"], g["actor2"]} == {r["a1"], r["a2"]}:
                    out[(g["modality"], r.get("modality"))] += 1
                    break
    return out


# ----------------------------------------------------------------------------- report


def fmt(x: float) -> str:
    return "  -  " if x != x else f"{x:.3f}"


def table(sc: dict[str, tuple[int, int, int, int]]) -> list[str]:
    lines = ["| type | pred | gold | P | R | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for k in ("all",) + TYPES:
        if k not in sc:
            continue
        tp_p, n_p, tp_g, n_g = sc[k]
        p, r, f = prf(tp_p, n_p, tp_g, n_g)
        lines.append(f"| {k} | {n_p} | {n_g} | {fmt(p)} | {fmt(r)} | {fmt(f)} |")
    return lines


def summary(name: str, sc: dict) -> str:
    tp_p, n_p, tp_g, n_g = sc.get("all", (0, 0, 0, 0))
    p, r, f = prf(tp_p, n_p, tp_g, n_g)
    return f"{name}: P {fmt(p)} ({tp_p}/{n_p})  R {fmt(r)} ({tp_g}/{n_g})  F1 {fmt(f)}"


def evaluate(unit: str, show: bool = False) -> list[str]:
    out = [f"# Events: newsframe {nf.__version__} on the hand-annotated event set", "",
           f"Unit: one document per {'sentence' if unit == 'sentence' else 'CoNLL source document'}. "
           "Command: `python bench/eval_events.py" + ("" if unit == "sentence" else " --unit document") + "`.", ""]
    short = []
    for split in ("dev", "test"):
        recs = load(split)
        preds, _ = predict(recs, unit)
        n_ev = sum(len(r["events"]) for r in recs)
        out += [f"## {split}: {len(recs)} sentences, {n_ev} gold events, "
                f"{sum(1 for r in recs if not r['events'])} sentences without", ""]
        for directed in (True, False):
            label = "directed" if directed else "undirected"
            sc = score(recs, preds, directed)
            out += [f"### {label}", ""] + table(sc) + [""]
            short.append(summary(f"{split} {label}", sc))
            single = score(recs, preds, directed, keep=lambda g: not g.get("multilateral"))
            out += [summary("without multilateral pairs", single), ""]
        # The test part is never read for tuning: its sentences are not printed.
        if show and split == "dev":
            show_errors(split, recs, preds)
        kinds = errors(recs, preds)
        out += ["### errors (directed)", ""] + [f"- {k}: {v}" for k, v in kinds.most_common()] + [""]
        mod = modality_agreement(recs, preds)
        if mod is not None:
            out += ["### modality of matched events (gold, predicted)", ""]
            out += [f"- {g} / {p}: {n}" for (g, p), n in mod.most_common()] + [""]
    judged = [j for j in (judged_precision(p) for p in sorted(DATA.glob(JUDGED_GLOB))) if j]
    if judged:
        out += ["## judged samples", ""] + [f"- {j}" for j in judged] + [""]
        short += judged
    out += ["## summary", ""] + [f"- {s}" for s in short]
    return out


# ----------------------------------------------------------------------------- judged sample


def event_key(e: dict) -> tuple:
    return (e["source"], e["event_type"], e["actor1"], e["actor2"], e["trigger"])


def reuters_documents(folder: Path) -> list[tuple[str, str]]:
    """(source, text) of each Reuters-21578 story in ``folder``: title and body, the wire's
    hard line breaks undone (a paragraph starts with an indented line)."""
    out = []
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', raw, re.S):
            newid, body = m.groups()
            title = re.search(r"<TITLE>(.*?)</TITLE>", body, re.S)
            text = re.search(r"<BODY>(.*?)</BODY>", body, re.S)
            if not text:
                continue
            t = html.unescape(text.group(1))
            t = re.sub(r"[\x00-\x08\x0b-\x1f]", "", t)
            # The wire's sign-off, "Reuter" or "REUTER", is no part of the story.
            t = re.sub(r"\s*Reuter\s*$", "", t, flags=re.IGNORECASE)
            paras = [" ".join(p.split()) for p in re.split(r"\n(?= {2,})", t)]
            head = " ".join(html.unescape(title.group(1)).split()) if title else ""
            doc = "\n".join([head] + [p for p in paras if p] if head else [p for p in paras if p])
            out.append((f"reuters21578/{path.name}#NEWID={newid}", doc))
    return out


def bbc_documents(folder: Path) -> list[tuple[str, str]]:
    """(source, text) of each article of the BBC News dataset (Greene & Cunningham, ICML 2006:
    2,225 BBC News website articles of 2004-2005, ``<topic>/NNN.txt``, title on the first
    line, paragraphs apart by blank lines) in ``folder``: the title and each paragraph a line.
    A few files are not UTF-8 (a stray pound sign): they are read as Latin-1."""
    out = []
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            t = raw.decode("utf-8")
        except UnicodeDecodeError:
            t = raw.decode("latin-1")
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=\S)", t)]
        out.append((f"bbc/{path.parent.name}/{path.name}", "\n".join(p for p in paras if p)))
    return out


AG_LABELS = {"1": "world", "2": "sports", "3": "business", "4": "scitech"}


def agnews_documents(path: Path) -> list[tuple[str, str]]:
    """(source, text) of each item of an AG News CSV split (Zhang, Zhao & LeCun, 2015: columns
    label, title, description; the test split holds 7,600 items of 2004-2005 news): the title
    and the description, a line each. The corpus stores its text with the ampersands of
    numeric entities stripped (``#36;`` for ``$``, ``#39;`` for an apostrophe) and its line
    breaks as backslashes; both are undone, and markup left in a few descriptions dropped. The label only names the source
    (``agnews/test.csv#12/world``); all four categories are read, so that sport stays a hard
    negative."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        for i, row in enumerate(rows):
            if len(row) < 3 or not row[0].strip().isdigit():
                continue  # a header line
            label, title, desc = row[0].strip(), row[1], row[2]
            parts = []
            for t in (title, desc):
                t = re.sub(r"(?<!&)#(\d+);", r"&#\1;", t)
                # Some descriptions end in the feed's markup (a <FONT> byline): no text.
                t = re.sub(r"<[^>]*>", " ", html.unescape(t).replace("\\", " "))
                t = " ".join(t.split())
                if t:
                    parts.append(t)
            out.append((f"agnews/{path.name}#{i}/{AG_LABELS.get(label, label)}", "\n".join(parts)))
    return out


def wikinews_documents(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(source, text) of each article of Wikinews CSV files (columns url, date, title, text:
    the English Wikinews articles of a year, scraped by W. van Atteveldt, CC BY 2.5): the
    title and each paragraph a line (paragraphs lie apart by blank lines). The source names
    the file and the row (``wikinews/wikinews_2019.csv#12``, the first article row 0)."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.DictReader(f)):
                paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", row.get("text") or "")]
                head = " ".join((row.get("title") or "").split())
                lines = ([head] if head else []) + [p for p in paras if p]
                out.append((f"wikinews/{path.name}#{i}", "\n".join(lines)))
    return out


def cnn_articles(path: Path, rows: str = "odd") -> list[tuple[int, str]]:
    """(row, article) of a CSV of the CNN / Daily Mail summarisation corpus (column
    ``article``; K. M. Hermann et al., NIPS 2015, news of 2007-2015), as written, for the
    ``rows`` "even", "odd" or "all" (0-based), so that one half can be read while the other
    stays unread (``bench/spacy_agreement.py --rows`` reads the same halves)."""
    csv.field_size_limit(10**8)
    with open(path, encoding="utf-8", newline="") as f:
        articles = [r["article"] for r in csv.DictReader(f)]
    first, step = {"even": (0, 2), "odd": (1, 2), "all": (0, 1)}[rows]
    return [(i, articles[i]) for i in range(first, len(articles), step)]


def cnn_documents(path: Path, rows: str = "odd") -> list[tuple[str, str]]:
    """(source, text) of the articles of :func:`cnn_articles`. An article is one line of
    running text (the corpus keeps no paragraph breaks); the source names the file and the
    row (``cnn/cnn_dailymail_validation_subset.csv#1``), the highlights are not read."""
    return [(f"cnn/{path.name}#{i}", " ".join(a.split())) for i, a in cnn_articles(path, rows)]


PORTAL_LINK = re.compile(r'\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)')


def portal_documents(folder: Path) -> list[tuple[str, str]]:
    """(source, text) of each news item of Wikipedia's "Current events" portal, one markdown
    file a day (``YYYY-MM-DD-index.md``, as the ``fordred/wikinews`` snapshot stores the
    portal's pages; text CC BY-SA 4.0, Wikipedia contributors): an item is a bullet that
    cites its news sources (``[(AP)](url)``); the bullets above it only name its topic and
    are dropped. Links keep their text, the citations are dropped, and each item is a
    document of its own (``portal/2025-03-10#4``, the day's fifth item)."""
    out = []
    for path in sorted(folder.glob("*-index.md")):
        day = path.name[: -len("-index.md")]
        k = 0
        for line in path.read_text(encoding="utf-8").splitlines():
            item = line.strip()
            if not item.startswith("* ") or "[(" not in item:
                continue
            item = re.sub(r"\[\((?:[^()\]]|\([^()]*\))*\)\]\([^)]*\)", " ", item[2:])
            item = PORTAL_LINK.sub(lambda m: m.group(1), item).replace("*", "")
            # Links to other languages' articles ("[es]") and editors' tags ("[unreliable
            # source?]") are no text of the item.
            item = re.sub(r"\s*\[[^\[\]]*\]", "", item)
            item = " ".join(item.split())
            if item:
                out.append((f"portal/{day}#{k}", item))
                k += 1
    return out


def pool_events(reuters: Optional[Path] = None, files: tuple[str, ...] = ("train.txt",),
                bbc: Optional[Path] = None, agnews: Optional[Path] = None,
                wikinews: tuple[Path, ...] = (), portal: Optional[Path] = None,
                cnn: Optional[Path] = None, cnn_rows: str = "odd") -> tuple[list[dict], dict]:
    """The pipeline's events on the CoNLL-2003 ``files`` read as running text (without the
    event set's sentences), plus the Reuters-21578 stories in ``reuters`` and the BBC News
    articles in ``bbc`` when given: one dict per event (source, text, event_type, actor1,
    actor2, trigger, modality), in the events table's order, and facts about the pool for the
    sample's header."""
    taken = {r["source"] for split in ("dev", "test") for r in load(split)}
    texts, spans, sources = [], [], []
    for doc in (d for name in files for d in documents(CONLL / name)):
        sents = [s for s in doc if s.source not in taken]
        if not sents:
            continue
        t, sp = doc_text(sents)
        texts.append(t)
        spans.append([(lo, hi, s.source, s.text) for (lo, hi), s in zip(sp, sents)])
        sources.append("conll")
    n_conll = len(texts)
    # The unannotated sources, each read only when given, in this order.
    extra = [
        ("reuters", reuters, reuters_documents),
        ("bbc", bbc, bbc_documents),
        ("agnews", agnews, agnews_documents),
        ("wikinews", wikinews, wikinews_documents),
        ("portal", portal, portal_documents),
        ("cnn", cnn, lambda p: cnn_documents(p, cnn_rows)),
    ]
    for name, where, read in extra:
        for src, t in read(where) if where else ():
            texts.append(t)
            spans.append(src)
            sources.append(name)
    corpus = nf.read_texts(texts)
    ev = named_events(corpus)
    sent_text = {(r["doc_id"], r["sent_id"]): r["text"] for r in corpus.sentences.iter_rows(named=True)}
    rows = list(ev.iter_rows(named=True))
    n_conll_ev = sum(1 for r in rows if r["doc_id"] < n_conll)
    print(f"{len(texts)} documents ({n_conll} CoNLL), {ev.height} events ({n_conll_ev} in CoNLL)", file=sys.stderr)
    out = []
    for r in rows:
        if sources[r["doc_id"]] == "conll":
            _, _, source, text = next(x for x in spans[r["doc_id"]] if x[0] <= r["trigger_start"] < x[1])
        else:
            source = f"{spans[r['doc_id']]}/sent{r['sent_id']}"
            text = sent_text[(r["doc_id"], r["sent_id"])]
        e = {"source": source, "text": text, "event_type": r["event_type"],
             "actor1": r["a1"], "actor2": r["a2"], "trigger": r["trigger"]}
        if "modality" in r:
            e["modality"] = r["modality"]
        out.append(e)
    parts = [f"CoNLL-2003 {'+'.join(files)} documents without the event set's sentences"] if files else []
    if reuters:
        parts.append("Reuters-21578 (Distribution 1.0) stories")
    if bbc:
        parts.append("BBC News 2004-2005 articles (Greene & Cunningham)")
    if agnews:
        parts.append(f"AG News {agnews.name} items (title and description)")
    if wikinews:
        parts.append(f"English Wikinews articles ({', '.join(p.name for p in wikinews)})")
    if portal:
        parts.append("Wikipedia Current events portal items (one a document)")
    if cnn:
        parts.append(f"CNN / Daily Mail articles ({cnn.name}, {cnn_rows} rows)")
    corpus_name = " and ".join(parts)
    facts = {"events_in_corpus": ev.height, "events_in_conll": n_conll_ev, "documents": len(texts),
             "newsframe": nf.__version__, "corpus": corpus_name}
    return out, facts


def document_of(source: str) -> str:
    """The document of an event's source: ``reuters21578/reut2-000.sgm#NEWID=181/sent7`` ->
    ``reuters21578/reut2-000.sgm#NEWID=181``."""
    return re.sub(r"/sent\d+$", "", source)


def judged_documents(but: Optional[Path] = None) -> set[str]:
    """The documents of every event of the committed judged samples (but ``but``, the sample
    being redrawn)."""
    out = set()
    for path in DATA.glob(JUDGED_GLOB):
        if but is not None and path.resolve() == but.resolve():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            e = json.loads(line) if line.strip() else {}
            if "source" in e:
                out.add(document_of(e["source"]))
    return out


def judge_sample(n: int, seed: int, reuters: Optional[Path] = None, files: tuple[str, ...] = ("train.txt",),
                 out_path: Path = JUDGED, fresh: bool = False, bbc: Optional[Path] = None,
                 agnews: Optional[Path] = None, wikinews: tuple[Path, ...] = (), portal: Optional[Path] = None,
                 cnn: Optional[Path] = None, cnn_rows: str = "odd") -> Path:
    """Draw ``n`` events of the pipeline on the CoNLL-2003 ``files`` read as running text
    (without the event set's sentences), plus the Reuters-21578 stories in ``reuters`` when
    given, and write them with their sentences to ``out_path`` (``judged_sample.jsonl``).
    With ``fresh``, no event of a document that holds an event of a committed judged sample
    is drawn: the rules were written from those samples' errors, so their documents are no
    longer unseen text."""
    rows, facts = pool_events(reuters, files, bbc, agnews, wikinews, portal, cnn, cnn_rows)
    if fresh:
        seen = judged_documents(out_path)
        facts["excluded_documents"] = len(seen)
        rows = [e for e in rows if document_of(e["source"]) not in seen]
        facts["events_in_fresh_documents"] = len(rows)
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(rows)), min(n, len(rows))))
    old = {}
    if out_path.exists():
        for line in out_path.read_text(encoding="utf-8").splitlines():
            e = json.loads(line) if line.strip() else {}
            if "event_type" in e:
                old[event_key(e)] = e
    out = []
    for i in chosen:
        e = dict(rows[i])
        prev = old.get(event_key(e), {})
        e["verdict"] = prev.get("verdict")
        e["reason"] = prev.get("reason")
        out.append(e)
    meta = {"_sample": {"n": n, "seed": seed, **facts}}
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(meta) + "\n")
        for e in out:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    return out_path


def recheck(reuters: Optional[Path], files: tuple[str, ...], bbc: Optional[Path] = None,
            agnews: Optional[Path] = None, wikinews: tuple[Path, ...] = (), portal: Optional[Path] = None) -> list[str]:
    """For every committed judged sample: which of its judged events the current pipeline
    still finds on the same pool, and the precision among those. Optimistic once the rules
    were studied on the sample's wrong events (they are dropped, new events are unjudged);
    a fresh sample is the honest figure."""
    rows, _ = pool_events(reuters, files, bbc, agnews, wikinews, portal)
    now = {event_key(e): e.get("modality") for e in rows}
    out = []
    for path in sorted(DATA.glob(JUDGED_GLOB)):
        ev = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        ev = [e for e in ev if e.get("verdict") in ("right", "wrong")]
        kept = [e for e in ev if event_key(e) in now]
        right = sum(e["verdict"] == "right" for e in kept)
        lost_right = sum(e["verdict"] == "right" for e in ev if event_key(e) not in now)
        lost_wrong = sum(e["verdict"] == "wrong" for e in ev if event_key(e) not in now)
        p = right / len(kept) if kept else float("nan")
        # A judged event kept with another modality ("declined to discuss" now negated) is
        # still counted with its verdict; listed so that the change can be read.
        moved = [f"{e['verdict']} {e.get('modality')}>{now[event_key(e)]}" for e in kept
                 if "modality" in e and now[event_key(e)] is not None and now[event_key(e)] != e["modality"]]
        out.append(f"{path.name}: {len(kept)} of {len(ev)} judged events still found, {right} right: "
                   f"precision {p:.3f} (dropped: {lost_right} right, {lost_wrong} wrong)"
                   + (f"; modality changed: {', '.join(moved)}" if moved else ""))
        # A right event lost is what a new rule costs: listed so that it can be read.
        out.extend(f"  lost right: {e['source']}: {e['event_type']} {e['actor1']} > {e['actor2']} [{e.get('trigger')}]"
                   for e in ev if e["verdict"] == "right" and event_key(e) not in now)
    out.append(f"pool: {len(rows)} events")
    return out


def judged_precision(path: Path = JUDGED) -> Optional[str]:
    """The precision of a judged sample, when it has verdicts."""
    if not path.exists():
        return None
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    meta = next((x["_sample"] for x in lines if "_sample" in x), {})
    ev = [x for x in lines if "_sample" not in x]
    judged = [e for e in ev if e.get("verdict") in ("right", "wrong")]
    if not judged:
        return None
    right = sum(e["verdict"] == "right" for e in judged)
    return (f"{path.name}: judged precision {right / len(judged):.3f} ({right}/{len(judged)} right; sample of "
            f"{meta.get('n')} events, seed {meta.get('seed')}, of {meta.get('events_in_corpus')} events "
            f"from newsframe {meta.get('newsframe')} on {meta.get('corpus')})")


def main(argv: Optional[Iterable[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--unit", choices=("sentence", "document"), default="sentence")
    ap.add_argument("--write", metavar="FILE", help="also save the report as markdown")
    ap.add_argument("--show-errors", action="store_true", help="print every dev sentence with an error (never the test part's)")
    ap.add_argument("--judge-sample", type=int, metavar="N", help="draw N events to judge by hand")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--conll", default="train.txt", metavar="FILES",
                    help="with --judge-sample: the CoNLL-2003 files read as running text (comma-separated; '' for none)")
    ap.add_argument("--out", type=Path, default=JUDGED, metavar="FILE",
                    help="with --judge-sample: where to write the sample (default judged_sample.jsonl)")
    ap.add_argument("--reuters", type=Path, metavar="DIR",
                    help="with --judge-sample: also read the Reuters-21578 reut2-*.sgm files in DIR")
    ap.add_argument("--bbc", type=Path, metavar="DIR",
                    help="with --judge-sample: also read the BBC News dataset's <topic>/*.txt articles in DIR")
    ap.add_argument("--agnews", type=Path, metavar="FILE",
                    help="with --judge-sample: also read an AG News CSV split (label,title,description), e.g. test.csv")
    ap.add_argument("--wikinews", default="", metavar="FILES",
                    help="with --judge-sample: also read Wikinews CSV files (url,date,title,text; comma-separated)")
    ap.add_argument("--portal", type=Path, metavar="DIR",
                    help="with --judge-sample: also read Wikipedia Current events portal days (DIR/YYYY-MM-DD-index.md)")
    ap.add_argument("--cnn", type=Path, metavar="FILE",
                    help="with --judge-sample: also read a CSV of CNN / Daily Mail articles (column article)")
    ap.add_argument("--rows", choices=("even", "odd", "all"), default="odd",
                    help="with --cnn: which rows (0-based; default odd, the even ones are kept unread)")
    ap.add_argument("--fresh", action="store_true",
                    help="with --judge-sample: draw only from documents no committed judged sample has an event in")
    ap.add_argument("--recheck", action="store_true",
                    help="with --reuters: rerun the judged samples' pool and score the judged events still found")
    args = ap.parse_args(argv)
    files = tuple(f for f in args.conll.split(",") if f)
    wikinews = tuple(Path(f) for f in args.wikinews.split(",") if f)
    if args.recheck:
        print("\n".join(recheck(args.reuters, files, args.bbc, args.agnews, wikinews, args.portal)))
        return
    if args.judge_sample:
        path = judge_sample(args.judge_sample, args.seed, args.reuters, files, args.out, args.fresh, args.bbc, args.agnews, wikinews,
                            args.portal, args.cnn, args.rows)
        print(f"wrote {path}; fill in verdict (right/wrong) and reason by hand")
        return
    report = "\n".join(evaluate(args.unit, args.show_errors)) + "\n"
    print(report)
    if args.write:
        Path(args.write).write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
