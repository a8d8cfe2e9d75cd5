"""CoNLL-2003 English text as documents and sentences, shared by the event set's scripts.

CoNLL-2003 as shipped in ``../shared/train/conll2003`` has no ``-DOCSTART-`` lines, so
documents are found from their datelines: a sentence ``CITY 1996-08-22`` opens the body of a
story whose headline (and byline, when there is one) are the one or two sentences before it.
Sentence numbers (``#docN/sentM``) count from 0 within a document, headline included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "'s", "'", "n't", "'re",
                   "'ve", "'ll", "'d", "'m", "'S"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "#"}


@dataclass
class Sentence:
    """One CoNLL sentence: its tokens, NER tags and place in the file."""

    file: str
    doc: int
    sent: int
    tokens: list[str]
    tags: list[str]

    @property
    def source(self) -> str:
        return f"conll2003/{self.file}#doc{self.doc}/sent{self.sent}"

    @property
    def text(self) -> str:
        return detokenize(self.tokens)


def detokenize(tokens: list[str]) -> str:
    """Join Penn-style tokens into running text: no space before closing punctuation and
    clitics, none after opening brackets and currency signs; double quotes alternate
    between opening and closing."""
    out: list[str] = []
    glue_next = False
    open_quote = False
    for tok in tokens:
        if tok == '"':
            if open_quote:
                out.append(tok)
            else:
                if out and not glue_next:
                    out.append(" ")
                out.append(tok)
                glue_next = True
                open_quote = not open_quote
                continue
            open_quote = not open_quote
            glue_next = False
            continue
        if out and not glue_next and tok not in NO_SPACE_BEFORE:
            out.append(" ")
        out.append(tok)
        glue_next = tok in NO_SPACE_AFTER
    return "".join(out)


def read_sentences(path: Path) -> list[tuple[list[str], list[str]]]:
    """Token and tag lists of each sentence of a CoNLL file (blank-line separated)."""
    sents, toks, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                sents.append((toks, tags))
                toks, tags = [], []
            continue
        cols = line.split()
        toks.append(cols[0])
        tags.append(cols[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def is_dateline(tokens: list[str]) -> bool:
    return len(tokens) <= 6 and bool(DATE.match(tokens[-1]))


def documents(path: Path) -> list[list[Sentence]]:
    """The documents of a CoNLL file, each a list of its sentences."""
    raw = read_sentences(path)
    starts = []
    for i, (toks, tags) in enumerate(raw):
        if not is_dateline(toks):
            continue
        start = max(i - 1, 0)
        # A byline (a person's name alone) sits between headline and dateline.
        prev_toks, prev_tags = raw[start]
        if start > 0 and all(t.endswith("PER") for t in prev_tags):
            start -= 1
        if starts and start <= starts[-1]:
            start = i
        starts.append(start)
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    bounds = starts + [len(raw)]
    docs = []
    for d in range(len(starts)):
        sents = []
        for j, i in enumerate(range(bounds[d], bounds[d + 1])):
            toks, tags = raw[i]
            sents.append(Sentence(path.name, d, j, toks, tags))
        docs.append(sents)
    return docs
