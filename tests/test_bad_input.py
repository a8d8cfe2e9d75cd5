"""Bad inputs become rows with an error; bad calls raise NewsframeError subclasses.

The hostile-input suite (every kind of bad file, each row asserted) is tests/test_hostile.py;
this file keeps the bad calls, encodings, the size limit and a large file."""

import gzip
import os

import pytest

import newsframe as nf


def test_bad_input_missing_path_raises_file_not_found(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError) as info:
        nf.read(missing)
    assert isinstance(info.value, nf.NewsframeError)
    assert isinstance(info.value, nf.PathNotFoundError)
    assert str(missing) in str(info.value)
    with pytest.raises(nf.PathNotFoundError):
        nf.read(str(tmp_path / "*.none"))


def test_bad_input_encodings(tmp_path):
    arabic = "الجزائر وروسيا توقعان اتفاقية تعاون عسكري جديدة في العاصمة الروسية موسكو"
    (tmp_path / "a1256.txt").write_bytes(arabic.encode("cp1256"))
    (tmp_path / "b16.txt").write_bytes(arabic.encode("utf-16"))
    (tmp_path / "c16le.txt").write_bytes("Plain English text in UTF-16.".encode("utf-16-le"))
    (tmp_path / "d1252.txt").write_bytes("Caf\u00e9 cr\u00e8me and na\u00efve fa\u00e7ade, d\u00e9j\u00e0 vu.".encode("cp1252"))
    (tmp_path / "e.txt").write_bytes(b"Line one.\r\nLine two.\rLine three.\nLine four.")
    d = nf.read(tmp_path).documents
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in d.iter_rows(named=True)}
    assert rows["a1256.txt"]["encoding"] == "windows-1256" and rows["a1256.txt"]["text"] == arabic
    assert rows["a1256.txt"]["lang"] == "ar"
    assert rows["b16.txt"]["encoding"] == "utf-16le" and rows["b16.txt"]["text"] == arabic
    assert rows["c16le.txt"]["text"] == "Plain English text in UTF-16."
    assert rows["d1252.txt"]["encoding"] == "windows-1252" and "Café" in rows["d1252.txt"]["text"]
    assert rows["e.txt"]["text"].split("\n") == ["Line one.", "Line two.", "Line three.", "Line four."]
    forced = nf.read(tmp_path / "a1256.txt", encoding="iso-8859-6").documents
    assert forced["encoding"][0] == "iso-8859-6"


def test_bad_input_size_limit(tmp_path):
    big = tmp_path / "big.txt.gz"
    with gzip.open(big, "wb") as f:
        f.write(b"a " * 1_000_000)
    d = nf.read(big, max_bytes=100_000).documents
    assert d["error"][0].startswith("[D004]")
    # One 2,000,000-character line: within max_bytes, over the default line limit.
    assert nf.read(big).documents["error"][0].startswith("[D011]")
    assert nf.read(big, max_line_chars=None).documents["error"][0] is None


def test_bad_input_mojibake_repaired():
    c = nf.read_texts(["Headline\nIt\u00e2\u20ac\u2122s the army\u00e2\u20ac\u2122s view.Ìý Done."])
    assert c.documents["text"][0] == "Headline\nIt\u2019s the army\u2019s view. Done."


def test_bad_input_large_single_file(tmp_path):
    line = "The army met in Algiers on Monday to discuss cooperation. " * 4
    p = tmp_path / "big.txt"
    with open(p, "w") as f:
        f.write("A very large file\n")
        while f.tell() < 4 * 1024 * 1024:
            f.write(line + "\n")
    # ~140,000 mentions: over the default cap, so it is lifted here.
    c = nf.read(p, max_mentions=None)
    d = c.documents
    assert d["error"][0] is None and c.mentions.height > 100_000
    assert d["n_chars"][0] > 4_000_000
