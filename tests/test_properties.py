"""Property tests of the Python API (hypothesis): random Unicode, random mixes of valid and
invalid files, random thread counts. Whatever the input, offsets point at the right text,
sentences are ordered and disjoint, the output does not depend on the thread count, and
every input is accounted for."""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsframe as nf

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that trigger every recogniser (knowledge base, values, name rules), in both scripts.
WORDS = ["Algeria", "Russia", "President", "Abdelmadjid", "Tebboune", "$3", "billion", "15%",
         "June", "2023", "U.S.", "Mr.", "said", "the", "army", "الجزائر", "روسيا", "الرئيس", "تبون",
         "مليار", "دولار", "Dr.", "e.g.", "3.5", "«", "»", "\"", "(", ")", "...", "؟"]
# Characters a scraped page throws at us: controls, bidi and zero-width marks, combining
# marks, emoji (outside the BMP), lone surrogates, line and paragraph separators.
NASTY = list("\x00\x01\x0b\x0c\x1b\x7f\x85\xa0\u00ad\u0301\u0651\u200b\u200c\u200d\u200e\u200f"
             "\u202a\u202e\u202c\u2028\u2029\u2060\ufeff\ufffd\u3000\t\r\n") + [
    "\U0001F1E9\U0001F1FF", "\U0001F468\u200d\U0001F469", "\ud800", "\udfff", "\udc80", "e\u0301", "\r\n"]

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(NASTY),
    st.sampled_from([" ", " ", " ", ". ", ", ", "\n"]),
    st.text(max_size=8),  # any code point, surrogates included
)
texts = st.lists(tokens, max_size=60).map("".join)


def _check_corpus(corpus: nf.Corpus, n: int) -> None:
    docs = corpus.documents
    assert docs.height == n
    text = docs["text"].to_list()
    by_doc: dict[int, list[tuple[int, int]]] = {}
    for s in corpus.sentences.iter_rows(named=True):
        assert text[s["doc_id"]][s["start"]:s["end"]] == s["text"]
        assert s["start"] < s["end"]
        by_doc.setdefault(s["doc_id"], []).append((s["start"], s["end"]))
    for spans in by_doc.values():
        # Ordered and non-overlapping.
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    for m in corpus.mentions.iter_rows(named=True):
        assert text[m["doc_id"]][m["start"]:m["end"]] == m["text"], m
        s_start, s_end = by_doc[m["doc_id"]][m["sent_id"]]
        assert s_start <= m["start"] < m["end"] <= s_end, m
    for e in docs["error"].drop_nulls():
        assert e.startswith("[D"), e


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=6))
def test_property_read_texts_offsets_and_threads(batch):
    one = nf.read_texts(batch, n_threads=1)
    _check_corpus(one, len(batch))
    two = nf.read_texts(batch, n_threads=2)
    for name in nf.Corpus.TABLES:
        assert one.tables[name].equals(two.tables[name]), name


def _plain(s: str) -> bool:
    """Text that cleaning leaves as it is: printable ASCII and Arabic letters."""
    return all(" " <= c <= "~" or "\u0621" <= c <= "\u064a" for c in s)


@SETTINGS
@given(texts)
def test_property_extract_raw_offsets_index_the_given_string(text):
    m = nf.extract(text)
    last = -1
    for row in m.iter_rows(named=True):
        assert 0 <= row["raw_start"] < row["raw_end"] <= len(text), row
        assert row["raw_start"] >= last
        last = row["raw_start"]
        raw = text[row["raw_start"]:row["raw_end"]]
        if _plain(raw) and "  " not in raw:
            assert raw == row["text"], (raw, row["text"])


KINDS = {
    "good.txt": (lambda r: ("Algeria and Russia\nThey met in Moscow on %d June. Talks ended." % r).encode(), None),
    "good.html": (lambda r: b"<title>T</title><p>Egypt and France met. Day %d.</p>" % r, None),
    "good.txt.gz": (lambda r: gzip.compress(b"Algeria met Russia. Day %d." % r), None),
    "empty.txt": (lambda r: b"", "D001"),
    "nul.txt": (lambda r: b"\0" * (r + 1), "D002"),
    "png.txt": (lambda r: b"\x89PNG\r\n\x1a\n" + bytes(range(r % 256)), "D002"),
    "notgz.txt.gz": (lambda r: b"plain %d" % r, "D006"),
    "boiler.txt": (lambda r: b"[ad_1]\nLeave a Reply\n", "D008"),
    "w1256.txt": (lambda r: "الجزائر وروسيا توقعان اتفاقية تعاون عسكري جديدة".encode("cp1256"), None),
    "utf16.txt": (lambda r: "\ufeffAlgeria and Russia met.".encode("utf-16-le"), None),
    "long.txt": (lambda r: b"word " * 100, "D011"),  # read with max_line_chars=200
}


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(sorted(KINDS)), st.integers(0, 999)), min_size=1, max_size=25),
       st.integers(1, 4))
def test_property_random_mixes_of_files(files, n_threads):
    tmp = Path(tempfile.mkdtemp(prefix="nf-prop-"))
    try:
        expected = {}
        for i, (kind, r) in enumerate(files):
            name = f"{i:03d}-{kind}"
            make, code = KINDS[kind]
            (tmp / name).write_bytes(make(r))
            expected[str(tmp / name)] = code
        corpus = nf.read(tmp, n_threads=n_threads, max_line_chars=200)
        d = corpus.documents
        assert d.height == len(files)
        assert d["source"].to_list() == sorted(expected)
        for source, error in zip(d["source"], d["error"]):
            code = expected[source]
            assert (error[1:5] if error else None) == code, (source, error)
        _check_corpus(corpus, len(files))
        again = nf.read(tmp, n_threads=1, max_line_chars=200)
        assert again.documents.equals(d) and again.mentions.equals(corpus.mentions)
    finally:
        shutil.rmtree(tmp)
