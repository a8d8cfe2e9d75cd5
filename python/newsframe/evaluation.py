"""Scoring entity mentions against hand annotations (gold).

:func:`evaluate` gives per-label precision, recall and F1, exact and lenient;
:func:`evaluate_values` checks the normalised values (money, percent, date) of mentions.

The gold JSONL format
---------------------
One JSON object per line (blank lines are skipped), one object per article::

    {"id": "000_2f5aa3a7fe5fdb97", "file": "000_2f5aa3a7fe5fdb97.txt", "lang": "en",
     "title": "Algeria, US discuss military cooperation and arms deals",
     "boilerplate_lines": [9, 17], "story": 0,
     "entities": [
        {"start": 0, "end": 7, "label": "GPE", "text": "Algeria", "canonical": "Algeria"},
        {"start": 1359, "end": 1363, "label": "DATE", "text": "2024", "value": {"date": "2024"}},
        {"start": 1372, "end": 1387, "label": "MONEY", "text": "US$21.3 billion",
         "value": {"currency": "USD", "min": 21300000000.0, "max": 21300000000.0}}]}

Fields of an article:

- ``id`` (str): the article's identifier, conventionally the file name without extension.
- ``file`` (str): the raw file's name (a basename, no directory).
- ``lang`` (str): ISO 639-1 code, ``"en"`` or ``"ar"``.
- ``title`` (str or null): the headline, null where the page has none.
- ``boilerplate_lines`` (list of int): 0-based numbers of the raw file's lines (the text split
  on ``"\\n"``) that are not article content: ads, comment widgets, teasers, breadcrumbs.
- ``story`` (int): articles with the same number tell the same story (e.g. a translation).
- ``entities`` (list): the annotated mentions, each with

  - ``start``, ``end`` (int): code-point offsets (Python ``str`` indices, end exclusive) into
    the raw file's text as read (UTF-8, nothing stripped or normalised), so that
    ``text[start:end] == entity["text"]``. newsframe's ``mentions.raw_start``/``raw_end`` use
    the same coordinates.
  - ``label`` (str): one of ``PERSON ORG GPE LOC NORP DATE MONEY PERCENT``.
  - ``text`` (str): the covered text.
  - ``canonical`` (str, optional): the real-world entity (for NORP, the place it derives
    from: "Algerian" → "Algeria"); used to score linking.
  - ``value`` (object, optional): the normalised value, by label: MONEY
    ``{"currency": ISO 4217 code, "min": float, "max": float}`` (a range has min < max);
    PERCENT ``{"percent": float}``; DATE ``{"date": "YYYY", "YYYY-MM" or "YYYY-MM-DD"}``,
    optionally with ``"date_end"`` for a range.

Annotation conventions: titles and roles are outside PERSON spans; comparative modifiers
("over", "more than") are outside MONEY and PERCENT spans; durations are not DATEs; Arabic
proclitics (و ف ب ل ك) are outside spans; nothing on a boilerplate line is annotated.

Matching gold to documents
--------------------------
A gold record matches the document whose ``basename(source) == file``, else whose
``source == id``, else whose basename without extension ``== id``. Gold records with no
document count all their entities as false negatives (with a warning); documents with no
gold record are ignored. Predictions whose raw span touches a boilerplate line of the gold
are ignored, since the gold does not annotate those lines; this needs the raw file, read
from ``documents.source``, and is skipped when it cannot be read.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

import polars as pl

from newsframe.exceptions import ConfigError, PathNotFoundError

__all__ = ["LABELS", "evaluate", "evaluate_values"]

#: The entity labels, in the order of the score tables.
LABELS: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY", "PERCENT")

SCORES_SCHEMA = {
    "mode": pl.String,
    "label": pl.String,
    "tp": pl.Int64,
    "fp": pl.Int64,
    "fn": pl.Int64,
    "precision": pl.Float64,
    "recall": pl.Float64,
    "f1": pl.Float64,
    "support": pl.Int64,
}
VALUES_SCHEMA = {
    "file": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
    "label": pl.String,
    "expected": pl.String,
    "got": pl.String,
    "ok": pl.Boolean,
}
_MENTION_COLUMNS = ("doc_id", "raw_start", "raw_end", "label")
_VALUE_COLUMNS = ("currency", "amount_min", "amount_max", "percent", "date", "date_end")
_MONEY_REL_TOL = 1e-6

Gold = Union[str, "os.PathLike[str]", Sequence[dict]]
Span = tuple[int, int]


def _config_error(msg: str) -> ConfigError:
    return ConfigError(f"[E003] invalid configuration: {msg}")


# --- inputs -------------------------------------------------------------------------------


def _load_gold(gold: Gold) -> list[dict]:
    """The gold records, checked enough that scoring cannot fail half-way."""
    if isinstance(gold, (str, os.PathLike)):
        path = Path(gold)
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as e:
            # Also for a directory or a permission problem: all mean "no gold file to read".
            raise PathNotFoundError(
                2, f"[E001] no such file or directory: {path} ({e.strerror or type(e).__name__})", str(path)
            ) from None
        records = []
        for n, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise _config_error(f"gold {path} line {n} is not valid JSON: {e.msg}") from None
    elif isinstance(gold, Sequence) and not isinstance(gold, (bytes, bytearray)):
        records = list(gold)
    else:
        raise _config_error(f"gold must be a path or a list of dicts, got {type(gold).__name__}")
    for i, rec in enumerate(records):
        where = f"gold record {i}"
        if not isinstance(rec, dict):
            raise _config_error(f"{where} is a {type(rec).__name__}, not an object")
        if not isinstance(rec.get("file"), str) and not isinstance(rec.get("id"), str):
            raise _config_error(f"{where} has neither 'file' nor 'id'")
        if not isinstance(rec.get("entities", []), list):
            raise _config_error(f"{where}: 'entities' must be a list")
        for ent in rec.get("entities", []):
            if not (isinstance(ent, dict) and isinstance(ent.get("start"), int)
                    and isinstance(ent.get("end"), int) and isinstance(ent.get("label"), str)):
                raise _config_error(f"{where} ({_name(rec)}): entity {ent!r} lacks int start/end or str label")
    return records


def _name(rec: dict) -> str:
    return rec.get("file") or rec["id"]


def _resolve(predicted: Any, documents: Optional[pl.DataFrame]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, documents), from a Corpus or from a mentions frame plus ``documents``."""
    if isinstance(predicted, pl.DataFrame):
        mentions = predicted
        if documents is None:
            raise _config_error("documents= is required when predicted is a mentions DataFrame")
    else:
        found = getattr(predicted, "mentions", None)
        if not isinstance(found, pl.DataFrame):
            raise _config_error(
                f"predicted must be a Corpus with a mentions table or a mentions DataFrame, "
                f"got {type(predicted).__name__}"
            )
        mentions = found
        if documents is None:
            documents = getattr(predicted, "documents", None)
    if not isinstance(documents, pl.DataFrame):
        raise _config_error(f"documents must be a DataFrame, got {type(documents).__name__}")
    for frame, name, cols in ((mentions, "mentions", _MENTION_COLUMNS), (documents, "documents", ("doc_id", "source"))):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise _config_error(f"{name} lacks column(s) {missing} (has {frame.columns})")
    return mentions, documents


def _labels(labels: Optional[Union[str, Iterable[str]]]) -> list[str]:
    if labels is None:
        return list(LABELS)
    if isinstance(labels, str):
        labels = [labels]
    try:
        given = list(dict.fromkeys(labels))
    except TypeError:
        raise _config_error(f"labels must be an iterable of str, got {type(labels).__name__}") from None
    if not given or not all(isinstance(x, str) and x for x in given):
        raise _config_error(f"labels must be a non-empty list of non-empty str, got {given!r}")
    # Known labels keep the table order; others follow alphabetically, so output is stable.
    return [x for x in LABELS if x in given] + sorted(x for x in given if x not in LABELS)


def _match_documents(records: list[dict], documents: pl.DataFrame) -> list[Optional[int]]:
    """The doc_id of each gold record (None if no document matches), warning on problems."""
    rows = [(int(d), s) for d, s in documents.select("doc_id", "source").iter_rows() if d is not None and s is not None]
    by_base: dict[str, list[int]] = defaultdict(list)
    by_source: dict[str, list[int]] = defaultdict(list)
    by_stem: dict[str, list[int]] = defaultdict(list)
    for doc_id, source in rows:
        base = os.path.basename(source)
        by_base[base].append(doc_id)
        by_source[source].append(doc_id)
        by_stem[os.path.splitext(base)[0]].append(doc_id)
    matched: list[Optional[int]] = []
    missing, ambiguous = [], []
    for rec in records:
        file, rid = rec.get("file"), rec.get("id")
        hits = (by_base.get(file) if isinstance(file, str) else None) or \
               (by_source.get(rid) if isinstance(rid, str) else None) or \
               (by_stem.get(rid) if isinstance(rid, str) else None) or []
        if not hits:
            missing.append(_name(rec))
            matched.append(None)
            continue
        if len(hits) > 1:
            ambiguous.append(_name(rec))
        matched.append(min(hits))
    if missing:
        warnings.warn(
            f"{len(missing)} gold record(s) match no document; their entities count as false negatives: "
            + ", ".join(missing),
            stacklevel=3,
        )
    if ambiguous:
        warnings.warn(f"gold record(s) match several documents, the lowest doc_id is used: {', '.join(ambiguous)}",
                      stacklevel=3)
    shared = [d for d, n in Counter(d for d in matched if d is not None).items() if n > 1]
    if shared:
        warnings.warn(f"several gold records match the same document(s) {sorted(shared)}; "
                      "its predictions are scored against each", stacklevel=3)
    return matched


def _line_starts(source: str) -> Optional[list[int]]:
    """Code-point offsets at which the raw file's lines start, or None if it is unreadable."""
    try:
        # Bytes then decode: text mode would turn "\r\n" into "\n" and shift the offsets.
        text = Path(source).read_bytes().decode("utf-8", errors="replace")
    except (OSError, ValueError):
        return None
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _touches_lines(start: int, end: int, line_starts: list[int], lines: set[int]) -> bool:
    first = bisect_right(line_starts, start) - 1
    last = bisect_right(line_starts, max(start, end - 1)) - 1
    return any(i in lines for i in range(first, last + 1))


def _predictions(
    mentions: pl.DataFrame,
    documents: pl.DataFrame,
    records: list[dict],
    doc_ids: list[Optional[int]],
    labels: Sequence[str],
) -> dict[int, dict[str, list[Span]]]:
    """Predicted spans by gold record index and label, boilerplate lines dropped."""
    wanted = {d for d in doc_ids if d is not None}
    frame = (
        mentions.select(
            pl.col("doc_id").cast(pl.Int64),
            pl.col("raw_start").cast(pl.Int64),
            pl.col("raw_end").cast(pl.Int64),
            pl.col("label").cast(pl.String),
        )
        .filter(pl.col("doc_id").is_in(sorted(wanted)) & pl.col("label").is_in(list(labels)))
    )
    n_null = frame.filter(pl.col("raw_start").is_null() | pl.col("raw_end").is_null()).height
    if n_null:
        warnings.warn(f"{n_null} predicted mention(s) without raw offsets are ignored", stacklevel=3)
    by_doc: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for doc_id, s, e, label in frame.drop_nulls().iter_rows():
        by_doc[doc_id].append((s, e, label))
    sources = dict(documents.select(pl.col("doc_id").cast(pl.Int64), "source").iter_rows())
    out: dict[int, dict[str, list[Span]]] = {}
    for i, (rec, doc_id) in enumerate(zip(records, doc_ids)):
        spans: dict[str, list[Span]] = defaultdict(list)
        if doc_id is None:
            out[i] = spans
            continue
        boiler = {int(x) for x in rec.get("boilerplate_lines") or []}
        starts = _line_starts(sources[doc_id]) if boiler and sources.get(doc_id) else None
        for s, e, label in by_doc.get(doc_id, []):
            if starts is not None and _touches_lines(s, e, starts, boiler):
                continue
            spans[label].append((s, e))
        out[i] = spans
    return out


# --- matching -----------------------------------------------------------------------------


def _exact_tp(gold: list[Span], pred: list[Span]) -> int:
    # Multiset intersection: a duplicated prediction matches a gold span once.
    return sum((Counter(gold) & Counter(pred)).values())


def _lenient_tp(gold: list[Span], pred: list[Span]) -> int:
    """One-to-one greedy matching of overlapping spans.

    Exact pairs go first, then larger overlaps, then earlier spans: so lenient is never below
    exact, and ties are broken by position rather than by input order.
    """
    if not gold or not pred:
        return 0
    pred_sorted = sorted(pred)
    p_starts = [s for s, _ in pred_sorted]
    max_len = max(e - s for s, e in pred_sorted)
    pairs = []
    for gi, (gs, ge) in enumerate(sorted(gold)):
        # Only predictions starting in (gs - max_len, ge) can overlap [gs, ge).
        lo = bisect_right(p_starts, gs - max_len)
        hi = bisect_left(p_starts, ge)
        for pi in range(lo, hi):
            ps, pe = pred_sorted[pi]
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append(((ps, pe) != (gs, ge), -overlap, gs, ge, ps, pe, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for *_, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def _row(mode: str, label: str, tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"mode": mode, "label": label, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


# --- public -------------------------------------------------------------------------------


def evaluate(
    predicted: Any,
    gold: Gold,
    *,
    documents: Optional[pl.DataFrame] = None,
    lang: Optional[str] = None,
    labels: Optional[Union[str, Iterable[str]]] = None,
) -> pl.DataFrame:
    """Per-label precision, recall and F1 of predicted mentions against gold annotations.

    A prediction is its ``(raw_start, raw_end, label)``; raw offsets are in the coordinates of
    the gold's ``start``/``end`` (see the module docstring for the gold format and how gold
    records are matched to documents). ``exact`` counts a prediction as correct when span and
    label are equal; ``lenient`` when the spans overlap and the labels are equal, matching
    gold and predictions one to one (exact pairs first, then the largest overlap).

    Args:
        predicted: a :class:`~newsframe.Corpus` (its ``mentions`` and ``documents``), or a
            mentions DataFrame with at least ``doc_id``, ``raw_start``, ``raw_end``, ``label``.
        gold: a path to a gold JSONL file, or the list of its records (dicts).
        documents: a frame with ``doc_id`` and ``source``; required with a mentions frame,
            and used instead of the corpus' own when given with a Corpus.
        lang: score only the gold records of this language (e.g. ``"en"``).
        labels: score only these labels; default :data:`LABELS`.

    Returns:
        One row per mode (``exact`` then ``lenient``) and label (in :data:`LABELS` order, then
        ``ALL``, the micro-average) with columns ``mode, label, tp, fp, fn, precision,
        recall, f1, support`` (``support`` = gold spans). Undefined ratios are 0.0.

    Raises:
        PathNotFoundError: the gold path cannot be read.
        ConfigError: an invalid argument, gold record or missing column.

    Example:
        >>> import polars as pl
        >>> from newsframe.evaluation import evaluate
        >>> gold = [{"id": "a", "file": "a.txt", "lang": "en", "boilerplate_lines": [],
        ...          "entities": [{"start": 0, "end": 7, "label": "GPE", "text": "Algeria"},
        ...                       {"start": 12, "end": 18, "label": "GPE", "text": "Russia"}]}]
        >>> documents = pl.DataFrame({"doc_id": [0], "source": ["corpus/a.txt"]})
        >>> mentions = pl.DataFrame({"doc_id": [0, 0], "raw_start": [0, 12], "raw_end": [7, 17],
        ...                          "label": ["GPE", "GPE"]})
        >>> scores = evaluate(mentions, gold, documents=documents)
        >>> scores.filter(label="ALL").select("mode", "tp", "fp", "fn", "f1").rows()
        [('exact', 1, 1, 1, 0.5), ('lenient', 2, 0, 0, 1.0)]
    """
    if lang is not None and not isinstance(lang, str):
        raise _config_error(f"lang must be a str or None, got {type(lang).__name__}")
    wanted = _labels(labels)
    mentions, documents = _resolve(predicted, documents)
    records = [r for r in _load_gold(gold) if lang is None or r.get("lang") == lang]
    doc_ids = _match_documents(records, documents)
    preds = _predictions(mentions, documents, records, doc_ids, wanted)

    counts = {(m, lab): [0, 0, 0] for m in ("exact", "lenient") for lab in wanted}
    label_set = set(wanted)
    for i, rec in enumerate(records):
        gold_spans: dict[str, list[Span]] = defaultdict(list)
        for ent in rec.get("entities", []):
            if ent["label"] in label_set:
                gold_spans[ent["label"]].append((ent["start"], ent["end"]))
        for lab in wanted:
            g, p = gold_spans.get(lab, []), preds[i].get(lab, [])
            for mode, tp in (("exact", _exact_tp(g, p)), ("lenient", _lenient_tp(g, p))):
                c = counts[(mode, lab)]
                c[0] += tp
                c[1] += len(p) - tp
                c[2] += len(g) - tp

    rows = []
    for mode in ("exact", "lenient"):
        total = [0, 0, 0]
        for lab in wanted:
            tp, fp, fn = counts[(mode, lab)]
            rows.append(_row(mode, lab, tp, fp, fn))
            total = [total[0] + tp, total[1] + fp, total[2] + fn]
        rows.append(_row(mode, "ALL", *total))
    return pl.DataFrame(rows, schema=SCORES_SCHEMA, orient="row")


def _num(x: Optional[float]) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    x = float(x)
    # Amounts like 21300000000.0 read better as integers; repr keeps any other float exact.
    return str(int(x)) if x.is_integer() and abs(x) < 1e18 else repr(x)


def _fmt_money(currency: Optional[str], lo: Optional[float], hi: Optional[float]) -> str:
    amount = _num(lo) if _num(lo) == _num(hi) else f"{_num(lo)}..{_num(hi)}"
    return f"{currency or '?'} {amount}"


def _fmt_date(date: Optional[str], date_end: Optional[str]) -> str:
    return (date or "?") + (f"/{date_end}" if date_end and date_end != date else "")


def _close(a: Optional[float], b: Optional[float], rel: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=0.0)


def _check_value(label: str, value: dict, got: Optional[dict]) -> tuple[str, Optional[str], bool]:
    """(expected, got, ok) for one gold value and the matching prediction's value columns."""
    if label == "MONEY":
        lo = value.get("min", value.get("max"))
        hi = value.get("max", lo)
        expected = _fmt_money(value.get("currency"), lo, hi)
        if got is None:
            return expected, None, False
        ok = (got["currency"] == value.get("currency") and _close(got["amount_min"], lo, _MONEY_REL_TOL)
              and _close(got["amount_max"], hi, _MONEY_REL_TOL))
        return expected, _fmt_money(got["currency"], got["amount_min"], got["amount_max"]), ok
    if label == "PERCENT":
        expected = f"{_num(value.get('percent'))}%"
        if got is None:
            return expected, None, False
        # A tiny tolerance only absorbs float arithmetic (0.1 + 0.2), not a different number.
        return expected, f"{_num(got['percent'])}%", _close(got["percent"], value.get("percent"), 1e-12)
    expected = _fmt_date(value.get("date"), value.get("date_end"))
    if got is None:
        return expected, None, False
    ok = got["date"] == value.get("date") and ("date_end" not in value or got["date_end"] == value["date_end"])
    return expected, _fmt_date(got["date"], got["date_end"]), ok


def evaluate_values(predicted: Any, gold: Gold, *, documents: Optional[pl.DataFrame] = None) -> pl.DataFrame:
    """Checks the normalised value of every gold MONEY, PERCENT and DATE entity with a ``value``.

    The value is taken from the first prediction (in frame order) with the same raw span and
    label. MONEY is correct when the currency is equal and ``amount_min``/``amount_max`` equal
    the gold ``min``/``max`` within a relative 1e-6; PERCENT when ``percent`` is equal; DATE
    when ``date`` is equal (and ``date_end``, where the gold gives one). Value columns missing
    from the mentions frame count as null.

    Args:
        predicted, gold, documents: as for :func:`evaluate`.

    Returns:
        One row per gold entity with a value, in gold order: ``file, start, end, text, label,
        expected, got, ok``. ``got`` is null when no prediction has the same span and label;
        a ``?`` in it stands for a null field. Values print as ``USD 12000000000..17000000000``,
        ``50%``, ``2022-11``.

    Example:
        >>> import polars as pl
        >>> from newsframe.evaluation import evaluate_values
        >>> gold = [{"id": "a", "file": "a.txt", "lang": "en", "entities": [
        ...     {"start": 0, "end": 4, "label": "DATE", "text": "2024", "value": {"date": "2024"}},
        ...     {"start": 9, "end": 12, "label": "PERCENT", "text": "50%", "value": {"percent": 50.0}},
        ...     {"start": 20, "end": 27, "label": "MONEY", "text": "$3 bn",
        ...      "value": {"currency": "USD", "min": 3e9, "max": 3e9}}]}]
        >>> documents = pl.DataFrame({"doc_id": [0], "source": ["a.txt"]})
        >>> mentions = pl.DataFrame({"doc_id": [0, 0], "raw_start": [0, 20], "raw_end": [4, 27],
        ...     "label": ["DATE", "MONEY"], "date": ["2024", None], "currency": [None, "EUR"],
        ...     "amount_min": [None, 3e9], "amount_max": [None, 3e9]})
        >>> evaluate_values(mentions, gold, documents=documents).select("expected", "got", "ok").rows()
        [('2024', '2024', True), ('50%', None, False), ('USD 3000000000', 'EUR 3000000000', False)]
    """
    mentions, documents = _resolve(predicted, documents)
    records = _load_gold(gold)
    doc_ids = _match_documents(records, documents)
    present = [c for c in _VALUE_COLUMNS if c in mentions.columns]
    frame = mentions.select(
        pl.col("doc_id").cast(pl.Int64),
        pl.col("raw_start").cast(pl.Int64),
        pl.col("raw_end").cast(pl.Int64),
        pl.col("label").cast(pl.String),
        *[pl.col(c) for c in present],
    ).with_columns(pl.lit(None).alias(c) for c in _VALUE_COLUMNS if c not in present)
    found: dict[tuple[int, int, int, str], dict] = {}
    for row in frame.iter_rows(named=True):
        key = (row["doc_id"], row["raw_start"], row["raw_end"], row["label"])
        found.setdefault(key, row)  # the first prediction wins: frame order is deterministic

    rows = []
    for rec, doc_id in zip(records, doc_ids):
        for ent in rec.get("entities", []):
            value = ent.get("value")
            if not isinstance(value, dict) or ent["label"] not in ("MONEY", "PERCENT", "DATE"):
                continue
            got_row = found.get((doc_id, ent["start"], ent["end"], ent["label"])) if doc_id is not None else None
            expected, got, ok = _check_value(ent["label"], value, got_row)
            rows.append({"file": _name(rec), "start": ent["start"], "end": ent["end"], "text": ent.get("text"),
                         "label": ent["label"], "expected": expected, "got": got, "ok": ok})
    return pl.DataFrame(rows, schema=VALUES_SCHEMA, orient="row")


def evaluate_links(predicted: Any, gold: Any, *, documents: Optional[pl.DataFrame] = None) -> pl.DataFrame:
    """B-cubed precision, recall and F1 of the mentions' ``entity_id`` clusters against the
    gold ``canonical`` clusters, over mentions present in both (same raw span), all
    languages together. Returns one row: ``n_mentions``, ``precision``, ``recall``, ``f1``.

    Example:
        >>> import polars as pl
        >>> gold = [{"id": "a", "file": "a.txt", "lang": "en", "boilerplate_lines": [], "entities": [
        ...     {"start": 0, "end": 2, "label": "GPE", "text": "US", "canonical": "United States"},
        ...     {"start": 7, "end": 9, "label": "GPE", "text": "US", "canonical": "United States"}]}]
        >>> docs = pl.DataFrame({"doc_id": [0], "source": ["a"]}, schema={"doc_id": pl.UInt32, "source": pl.String})
        >>> m = pl.DataFrame({"doc_id": [0, 0], "raw_start": [0, 7], "raw_end": [2, 9], "label": ["GPE", "GPE"],
        ...                   "entity_id": ["country:US", "country:US"]})
        >>> evaluate_links(m, gold, documents=docs)["f1"].item()
        1.0
    """
    mentions, docs = _resolve(predicted, documents)
    if "entity_id" not in mentions.columns:
        raise _config_error("mentions lack the entity_id column")
    records = _load_gold(gold)
    doc_of = _match_documents(records, docs)
    pred: dict[tuple, str] = {}
    for row in mentions.select("doc_id", "raw_start", "raw_end", "entity_id").iter_rows():
        if row[3] is not None and row[1] is not None:
            pred[(row[0], row[1], row[2])] = row[3]
    pairs = []
    for rec, d in zip(records, doc_of):
        if d is None:
            continue
        for e in rec.get("entities", []):
            key = (d, e["start"], e["end"])
            if key in pred and e.get("canonical"):
                pairs.append((pred[key], e["canonical"]))
    if not pairs:
        return pl.DataFrame({"n_mentions": [0], "precision": [0.0], "recall": [0.0], "f1": [0.0]})
    joint = Counter(pairs)
    by_pred = Counter(p for p, _ in pairs)
    by_gold = Counter(g for _, g in pairs)
    precision = sum(joint[(p, g)] / by_pred[p] for p, g in pairs) / len(pairs)
    recall = sum(joint[(p, g)] / by_gold[g] for p, g in pairs) / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return pl.DataFrame({"n_mentions": [len(pairs)], "precision": [precision], "recall": [recall], "f1": [f1]})
