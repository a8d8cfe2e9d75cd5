#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

Seeds are the sample articles (data/sample/) plus hostile inputs generated here: empty,
NUL-only, PNG bytes, truncated UTF-8, UTF-16 with and without BOM, windows-1256 Arabic, mixed
line endings, bidi and zero-width controls inside names, combining marks, emoji, JSONL with
bad lines, non-gzip and truncated .gz, mojibake, HTML. Nothing here is committed but this
script; run it again to regenerate (scripts/fuzz.sh does).

Targets `decode` and `extract` read their first byte as a selector (forced encoding; model
and date), so their seeds are written with several selector bytes in front. Target
`pipeline` splits its input into documents at byte 0x1e.
"""
import gzip
import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
MAX_LEN = 8192  # invariants::targets::MAX_LEN

EN = ("Gen. Said Chengriha met U.S. officials in Algiers on Monday, May 14 2018. "
      "Algeria spent US$21.3 billion (12%) on arms from Russia; the deal was signed.")
AR = "التقى الرئيس عبد المجيد تبون بوزير الخارجية الروسي في الجزائر يوم ٦ ديسمبر ٢٠٢٤، وبلغت الصفقة ٥٠٪."


def hostile():
    """(name, bytes) of inputs scrapers produce on a bad day."""
    ar = AR.encode("utf-8")
    yield "empty", b""
    yield "nul_only", b"\x00" * 64
    yield "png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    yield "truncated_utf8", ar[:-1]
    yield "truncated_utf8_mid", ar[:37] + b" " + ar[40:]
    yield "utf16le_bom", "\ufeff".encode("utf-16le") + (EN + "\n" + AR).encode("utf-16le")
    yield "utf16be_bom", "\ufeff".encode("utf-16be") + EN.encode("utf-16be")
    yield "utf16le_nobom", EN.encode("utf-16le")
    yield "utf16be_nobom", EN.encode("utf-16be")
    yield "utf16_odd", EN.encode("utf-16le")[:-1]
    yield "utf8_bom", b"\xef\xbb\xbf" + EN.encode()
    yield "cp1256", AR.replace("٪", "%").encode("cp1256", errors="replace")
    yield "cp1252", "Café déjà vu – “quoted” € 5".encode("cp1252")
    yield "latin1_bad", bytes(range(0x80, 0x100))
    yield "mixed_eol", b"Headline here\r\nFirst para. Second one.\rThird\n\n\r\nLast line.\r"
    yield "bidi_names", "President \u202eAbdelmadjid\u202c Tebb\u200doune met \u2067تبون\u2069 and Mr\u200b. Smith.".encode()
    yield "zero_width", "Al\u200bgeria and Rus\u200csia\ufeff signed. \u2060Moscow\u00ad said.".encode()
    yield "combining", "Cafe\u0301 Ame\u0301lie Zoe\u0308 n\u0303 \u0301\u0301 a\u0327\u0301. e\u0301\u0323.".encode()
    yield "combining_ar", "الجَزائِرُ ومُوسكو اتفقتا. \u0651\u064e".encode()
    yield "emoji", "🇩🇿 Algeria 👍🏽 signed 👨‍👩‍👧 deal 💰$5bn. Next 🙂. ".encode()
    yield "mojibake", "Itâ€™s a dealâ€\x9d, said Ìý the â€œministerâ€.".encode()
    yield "controls", b"A\x01B\x07C\x1bD\x7fE \x0b\x0c F\tG. H\x00I."
    yield "long_line", (b"word " * 1200)[:MAX_LEN]
    yield "many_lines", b"\n".join(b"Line %d." % i for i in range(300))
    yield "dots", b"... . .. !? U.S. No. 5 Gen. J. Smith. 1.5. $.5bn. \xe2\x80\xa6 \xd8\x9f"
    yield "numbers", b"$12-17 billion, 3.5%, 50 per cent, 1954-1962, 2024-02-30, 99999999999999999999 dollars"
    yield "jsonl_bad", (b'{"text": "Algeria and Russia.", "title": "T"}\n\nnot json\n{"body": 1}\n[1,2]\n'
                        b'{"text": 5}\n{"text": "two\\u0000\\ud800"}\n\xef\xbb\xbf{"text":"x"}\r\n{"text"')
    yield "jsonl_deep", b"[" * 200 + b"\n" + b'{"text": "' + b"a" * 50 + b'"}'
    yield "gz_ok", gzip.compress((EN + "\n" + AR).encode())
    yield "gz_not", b"\x1f\x8bnot really gzip"
    yield "gz_truncated", gzip.compress(EN.encode() * 4)[:40]
    yield "gz_multi", gzip.compress(b"first member. ") + gzip.compress(b"second member.")
    yield "html", (b"<html><head><title>Deal &amp; more</title><script>var x='<p>';</script></head>"
                   b"<body><p>Algeria &eacute; Russia</p><!-- c --><div>Moscow<br>said</div>"
                   b"<style>p{}</style>&#x202e;&#0;&#xFFFFFF;<p>unclosed")
    yield "html_broken", b"<<<>>><title>t<title><p <a href='x>y</p>&;&#;&#x;</"
    yield "only_space", " \t\u00a0\u3000\u2028\u2029\r\n ".encode()
    yield "boilerplate", b"[ad_1]\nLeave a Reply\nREAD: something else\nShare this:\nThe end."
    yield "surrogates_cesu", b"\xed\xa0\x80\xed\xb0\x80 text"
    yield "overlong", b"\xc0\xaf\xe0\x80\xaf\xf8\x88\x80\x80\x80"


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    data = data[:MAX_LEN]
    (d / f"{name}-{hashlib.sha1(data).hexdigest()[:8]}").write_bytes(data)


def main():
    samples = [(p.stem, p.read_bytes()) for p in sorted((ROOT / "data" / "sample").glob("*.txt"))]
    seeds = samples + list(hostile())
    for name, data in seeds:
        for target in ("clean", "segment"):
            write(target, name, data)
        for sel in (0, 2, 3, 5):
            write("decode", f"{name}-s{sel}", bytes([sel]) + data)
        for sel in (0, 1, 2, 13, 14):
            write("extract", f"{name}-s{sel}", bytes([sel]) + data)
    for name, data in seeds:
        write("pipeline", name, data[:3000])
    # Batches: the same story in two languages, a failed document among good ones.
    en, ar = samples[0][1], samples[-1][1]
    write("pipeline", "batch_en_ar", en[:2500] + b"\x1e" + ar[:2500])
    write("pipeline", "batch_mixed", b"\x1e".join(d[:1500] for _, d in seeds[:3]) + b"\x1e\x89PNG\r\n\x1a\n")
    write("pipeline", "batch_dups", b"\x1e".join([EN.encode()] * 3 + [AR.encode()]))
    print(f"wrote seeds to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
