"""CoNLL-2003 as running text: a deterministic detokeniser whose gold spans move with the tokens.

A CoNLL file (``token POS chunk tag`` per line, a blank line between sentences) becomes one
text per document, one sentence per line, printed the way a news page prints it: Reuters
puts one sentence per paragraph and the first line is the headline. Documents are split at
``-DOCSTART-``; a file without it (our copy of dev.txt) is split at the datelines exactly as
``bench/eval_ner.py`` and the trainer split it, so document indices agree across tools.

Spacing rules (why: these are the forms a page prints, so a pipeline that reads pages meets them):

- no space before ``, . : ; % ) ] } ? ! ...`` and the clitics ``'s 's n't 're 've 'll 'd 'm``;
- no space after ``$ ( [ {`` (``$ 387.00`` prints ``$387.00``);
- ``/`` joins both sides (``G / F`` prints ``G/F``);
- a straight ``"`` alternates through the document into an opening “ and a closing ”, and
  opens wherever it starts a line; PTB ```` `` ```` and
  ``''`` become “ and ”; a lone ``'`` after a word closes (possessive plural or a closing single
  quote), elsewhere it opens;
- hyphenated tokens print as they are (``all-rounder``, ``1996-08-30``); a standalone ``-`` or
  ``--`` is a dash and keeps its spaces (``CRICKET - LEICESTERSHIRE``).

Usage::

    python bench/conll_text.py ../shared/train/conll2003/dev.txt [--doc N]   # print documents
    python bench/conll_text.py --selftest [--train-dir ../shared/train]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

NO_SPACE_BEFORE = {",", ".", ":", ";", "%", ")", "]", "}", "?", "!", "...", "..", "....",
                   "'s", "'S", "n't", "N'T", "'re", "'RE", "'ve", "'VE", "'ll", "'LL", "'d", "'D", "'m", "'M"}
NO_SPACE_AFTER = {"$", "(", "[", "{"}
JOIN_BOTH = {"/"}


@dataclass
class Span:
    """A gold name in character and token coordinates of its document."""

    start: int          # first character, in Document.text
    end: int            # one past the last character
    label: str          # CoNLL label: PER ORG LOC MISC
    sent: int           # sentence index in the document
    tok_start: int      # first token index in that sentence
    tok_end: int        # one past the last token
    text: str = ""


@dataclass
class Document:
    """One CoNLL document printed as running text."""

    text: str
    tokens: list[list[str]]                    # per sentence
    tags: list[list[str]]                      # BIO per sentence (IOB1 repaired)
    offsets: list[list[tuple[int, int]]]       # per sentence, per token: (start, end) in text
    spans: list[Span] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)  # character offset of each sentence line

    def char_span(self, sent: int, tok_start: int, tok_end: int) -> tuple[int, int]:
        """Character offsets of tokens ``tok_start..tok_end`` of sentence ``sent``."""
        offs = self.offsets[sent]
        return offs[tok_start][0], offs[tok_end - 1][1]


def to_bio(tags: list[str]) -> list[str]:
    """IOB1 (an ``I-`` may open a name) to BIO."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO sequence, in order."""
    out, start, kind = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if start is not None and not (t.startswith("I-") and t[2:] == kind):
            out.append((start, i, kind))
            start = None
        if t.startswith("B-") or (t.startswith("I-") and start is None):
            start, kind = i, t[2:]
    return out


Sentence = tuple[list[str], list[str]]


def read_sentences(path: Path) -> list[list[Sentence]]:
    """Documents of sentences of (tokens, BIO tags), split at -DOCSTART- or at datelines."""
    docs: list[list[Sentence]] = [[]]
    toks: list[str] = []
    tags: list[str] = []
    saw_docstart = False

    def flush() -> None:
        if toks:
            docs[-1].append((toks.copy(), to_bio(tags)))
            toks.clear()
            tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush()
            docs.append([])
            saw_docstart = True
        elif not line.strip():
            flush()
        else:
            parts = line.split()
            toks.append(parts[0])
            tags.append(parts[-1].replace("PERS", "PER"))
    flush()
    docs = [d for d in docs if d]
    if not saw_docstart and len(docs) == 1:
        docs = split_at_datelines(docs[0])
    return docs


def split_at_datelines(sents: list[Sentence]) -> list[list[Sentence]]:
    """Reuters text without -DOCSTART-: a document starts at the headline before each
    dateline (``BRUSSELS 1996-08-22``), or at a short byline before it, as the trainer does."""

    def dateline(s: Sentence) -> bool:
        return len(s[0]) <= 6 and re.fullmatch(r"\d{4}-\d\d-\d\d", s[0][-1]) is not None

    def byline(s: Sentence) -> bool:
        return len(s[0]) <= 4 and s[0][-1] != "." and all(t[:1].isupper() for t in s[0])

    starts, last_start, last_dateline = {0}, 0, None
    for d in range(1, len(sents)):
        if not dateline(sents[d]):
            continue
        prev, last_dateline = last_dateline, d
        start = d - 1
        if start >= 1 and (prev is None or start - 1 > prev) and byline(sents[start]):
            start -= 1
        if start > last_start or start == 0:
            starts.add(start)
            last_start = start
    bounds = sorted(starts) + [len(sents)]
    return [sents[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


def _is_wordish(tok: str) -> bool:
    return bool(tok) and tok[-1].isalnum()


def detokenise(tokens: list[str], quote_open: bool = False) -> tuple[str, list[tuple[int, int]], bool]:
    """One sentence as printed, each token's (start, end) in it, and whether a quote is left open.

    ``quote_open`` carries a straight-quote state from the previous sentence of the document:
    CoNLL splits Reuters paragraphs into sentences, so a quotation often closes a line or two
    after it opened. A ``"`` that starts a line always opens, because a quoted paragraph that
    runs on into the next reopens there without having closed.
    """
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    glue_next = True          # no space before the next token (line start, after $ ( / “)
    for i, tok in enumerate(tokens):
        printed, space_before, glue_after = tok, True, False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok == '"':
            if quote_open and i > 0:
                printed, space_before, quote_open = "\u201d", False, False
            else:
                printed, glue_after, quote_open = "\u201c", True, True
        elif tok == "``":
            printed, glue_after = "\u201c", True
        elif tok == "''":
            printed, space_before = "\u201d", False
        elif tok == "'":
            prev = tokens[i - 1] if i else ""
            closes = _is_wordish(prev) or nxt is None or nxt in ('"', "''") or nxt in NO_SPACE_BEFORE
            if closes:
                space_before = False
            else:
                glue_after = True
        elif tok in NO_SPACE_BEFORE:
            space_before = False
        elif tok in NO_SPACE_AFTER:
            glue_after = True
        elif tok in JOIN_BOTH:
            space_before, glue_after = False, True
        if out and space_before and not glue_next:
            out.append(" ")
            pos += 1
        out.append(printed)
        offsets.append((pos, pos + len(printed)))
        pos += len(printed)
        glue_next = glue_after
    return "".join(out), offsets, quote_open


def to_document(sents: list[Sentence]) -> Document:
    """A document's sentences printed one per line, gold spans in character offsets."""
    lines, offsets, line_starts, spans = [], [], [], []
    base = 0
    quote_open = False
    for s, (toks, tags) in enumerate(sents):
        line, offs, quote_open = detokenise(toks, quote_open)
        line_starts.append(base)
        offsets.append([(a + base, b + base) for a, b in offs])
        lines.append(line)
        base += len(line) + 1
    text = "\n".join(lines)
    for s, (toks, tags) in enumerate(sents):
        for a, b, label in bio_spans(tags):
            start, end = offsets[s][a][0], offsets[s][b - 1][1]
            spans.append(Span(start, end, label, s, a, b, text[start:end]))
    return Document(text, [t for t, _ in sents], [g for _, g in sents], offsets, spans, line_starts)


def read_documents(path: Path) -> list[Document]:
    """Every document of a CoNLL file as running text with its gold spans."""
    return [to_document(d) for d in read_sentences(path)]


def _selftest(train_dir: Optional[Path] = None) -> None:
    """Asserts on hand-made sentences, then round-trip checks on the real dev file if present."""
    text, offs, _ = detokenise(["Shares", "rose", "5", "%", "to", "$", "387.00", "/", "$", "388", "(", "Reuters", ")", "."])
    assert text == "Shares rose 5% to $387.00/$388 (Reuters).", text
    assert [text[a:b] for a, b in offs][5:7] == ["$", "387.00"]
    text, _, _ = detokenise(['"', "I", "did", "n't", "play", "my", "tennis", ",", '"', "said", "Agassi", "'s", "coach", "."])
    assert text == "\u201cI didn't play my tennis,\u201d said Agassi's coach.", text
    text, _, _ = detokenise(["the", "hijackers", "'", "surrender", ":", "``", "no", "''", "?"])
    assert text == "the hijackers' surrender: \u201cno\u201d?", text
    text, _, still_open = detokenise(["saying", ",", "'", "keep", "going", ",", "'", '"', "said", "the", "26-year-old", "."],
                                     quote_open=True)
    assert not still_open
    assert text == "saying, 'keep going,'\u201d said the 26-year-old.", text
    text, _, _ = detokenise(["CRICKET", "-", "LEICESTERSHIRE", "TAKE", "OVER", "--", "all-rounder", "..."])
    assert text == "CRICKET - LEICESTERSHIRE TAKE OVER -- all-rounder...", text
    doc = to_document([(['"', "We", "won", ",", '"', "he", "said", ".", '"'], ["O"] * 9),
                       (["It", "rained", ".", '"'], ["O"] * 4), (['"', "Go", "."], ["O"] * 3),
                       (['"', "On", "."], ["O"] * 3), (["Off", ".", '"'], ["O"] * 3)])
    assert doc.text == ("\u201cWe won,\u201d he said. \u201c\nIt rained.\u201d\n\u201cGo.\n\u201cOn.\nOff.\u201d"), doc.text
    doc = to_document([(["EU", "rejects", "German", "call", "."], ["B-ORG", "O", "B-MISC", "O", "O"]),
                       (["Peter", "Blackburn", "'s", "view"], ["I-PER", "I-PER", "O", "O"])])
    assert doc.text == "EU rejects German call.\nPeter Blackburn's view"
    assert [(s.text, s.label, s.sent, s.tok_start, s.tok_end) for s in doc.spans] == [
        ("EU", "ORG", 0, 0, 1), ("German", "MISC", 0, 2, 3), ("Peter Blackburn", "PER", 1, 0, 2)]
    assert doc.char_span(1, 0, 2) == (24, 39) and doc.line_starts == [0, 24]
    print("conll_text selftest: hand-made examples ok")

    dev = (train_dir or Path(__file__).resolve().parents[2] / "shared" / "train") / "conll2003" / "dev.txt"
    if not dev.exists():
        print(f"conll_text selftest: SKIPPED the dev.txt round trip: {dev} is missing")
        return
    docs = read_documents(dev)
    n_spans = 0
    for d in docs:
        for s, toks in enumerate(d.tokens):
            for t, (a, b) in zip(toks, d.offsets[s]):
                printed = d.text[a:b]
                assert printed == t or (t in ('"', "``", "''") and printed in "\u201c\u201d"), (t, printed)
            line = d.text.split("\n")[s]
            # Every space of a line lies between two tokens: nothing is lost or invented.
            assert line.replace(" ", "") == "".join(d.text[a:b] for a, b in d.offsets[s]).replace(" ", "")
        for sp in d.spans:
            plain = sp.text.replace(" ", "").replace("\u201c", '"').replace("\u201d", '"')
            assert plain == "".join(d.tokens[sp.sent][sp.tok_start:sp.tok_end]).replace("``", '"').replace("''", '"'), sp
            n_spans += 1
    print(f"conll_text selftest: {dev} round trip ok ({len(docs)} documents, {n_spans} gold names)")


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", help="a CoNLL file")
    ap.add_argument("--doc", type=int, help="print only this document (0-based)")
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--train-dir", type=Path)
    args = ap.parse_args()
    if args.selftest:
        _selftest(args.train_dir)
        return
    if not args.path:
        ap.error("a CoNLL file or --selftest")
    docs = read_documents(Path(args.path))
    for i, d in enumerate(docs):
        if args.doc is None or args.doc == i:
            sys.stdout.write(f"### document {i}\n{d.text}\n\n")


if __name__ == "__main__":
    main()
