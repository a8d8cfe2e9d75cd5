"""Generates the hostile-input corpus: every kind of bad file a scraped corpus holds.

Nothing large is stored in the repository: this script writes the files, and
:func:`build` returns, for every ``documents`` row a run over the directory must produce,
its source (relative to the directory) and the error code it must carry (``None`` for a
document that must be processed). The expectations hold for :data:`OPTIONS`.

Usage: ``python tests/hostile/make_hostile.py OUT_DIR`` (prints the expectations).
"""

from __future__ import annotations

import gzip
import os
import random
import sys
from pathlib import Path

#: Options of ``nf.read`` under which the expectations of :func:`build` hold: a size limit
#: below the gzip bomb, above the 50 MB line (which must reach the line-length limit).
OPTIONS = {"max_bytes": 64 << 20}

ARTICLE = (
    "Algeria and Russia sign a defence agreement\n"
    "President Abdelmadjid Tebboune met Vladimir Putin in Moscow on 15 June 2023. "
    "The two countries signed a strategic partnership worth $12 billion. "
    "Officials said talks would continue in Algiers next year.\n"
)
ARABIC = (
    "الجزائر وروسيا توقعان اتفاقية تعاون عسكري جديدة\n"
    "التقى الرئيس عبد المجيد تبون بالرئيس فلاديمير بوتين في موسكو. "
    "ووقع البلدان اتفاقية شراكة استراتيجية.\n"
)

# Bidi and zero-width controls: right-to-left override and pop, left-to-right and
# right-to-left marks, zero-width joiner, non-joiner, space, and a byte-order mark.
RLO, PDF, LRM, RLM, ZWJ, ZWNJ, ZWSP, WJ = "\u202e", "\u202c", "\u200e", "\u200f", "\u200d", "\u200c", "\u200b", "\u2060"
BIDI_TEXT = (
    "Leaders meet in Moscow\n"
    f"President Abdel{ZWJ}madjid Teb{ZWSP}boune met {RLO}Vladimir Putin{PDF} in Mos{ZWNJ}cow. "
    f"The {LRM}Algerian{RLM} army and Rus{WJ}sia signed a deal on 12 May 2024.\n"
    f"قال الرئيس {RLM}عبد{ZWNJ}المجيد تبون{LRM} إن الجزائر وروسيا اتفقتا.\n"
)
# Decomposed accents (NFD), stacked combining marks, Arabic with harakat.
COMBINING_TEXT = (
    "Alge\u0301rie et la Russie\n"
    "L'Alge\u0301rie a sign\u0065\u0301 un accord avec la Russie a\u0300 Moscou. "
    "Z\u0335\u0321\u0327a\u0336\u0322l\u0337\u0323g\u0338\u0324o text stacks marks.\n"
    "الْجَزَائِرُ وَرُوسِيَا وَقَّعَتَا اتِّفَاقِيَّةً.\n"
)
EMOJI_TEXT = (
    "\U0001F1E9\U0001F1FF Algeria \U0001F44D\U0001F3FD and Russia\n"
    "Algeria \U0001F1E9\U0001F1FF and Russia \U0001F1F7\U0001F1FA signed a deal worth $3 billion "
    "\U0001F4B0 in 2021. Families \U0001F468\u200D\U0001F469\u200D\U0001F467 cheered in Algiers \U0001F389.\n"
)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def _bomb(path: Path, total: int) -> None:
    """A gzip file of ``total`` bytes of text when inflated, about 1000 times smaller:
    concatenated members of one compressed 8 MiB block (gzip readers inflate them all)."""
    block = 8 << 20
    member = _gzip(b"A" * block)
    with open(path, "wb") as f:
        for _ in range(total // block):
            f.write(member)


def _long_line(path: Path, size: int) -> None:
    """One line of ``size`` bytes of prose without a single newline."""
    chunk = ("The army met in Algiers on Monday to discuss cooperation with Russia and "
             "the United States, officials said. ").encode()
    with open(path, "wb") as f:
        written = 0
        while written + len(chunk) <= size:
            f.write(chunk)
            written += len(chunk)
        f.write(b"x" * (size - written))


def small_cases(rng: random.Random) -> list[tuple[str, bytes, object]]:
    """The small hostile kinds as ``(name, bytes, expected)``, varied by ``rng``; expected is
    an error code, ``None``, or for JSONL a list of ``(line, code)``. Used by :func:`build`
    once and by ``bench/hostile_corpus.py`` many times."""
    word = lambda: rng.choice(["Algeria", "Russia", "Moscow", "army", "deal", "talks", "Tebboune"])  # noqa: E731
    prose = " ".join(word() for _ in range(rng.randint(5, 30))) + "."
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(rng.randint(64, 2048)))
    blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(256, 4096))) + b"\x00"
    cut = ("Alg\u00e9rie et Russie " + prose).encode()
    cut = cut + "\u00e9".encode()[:1]  # a download cut inside a two-byte character
    ar = ARABIC + prose + "\n"
    jsonl_lines = [
        ('{"text": "%s", "title": "First"}' % prose, None),
        ("not json at all", "D005"),
        ('{"text": 5}', "D005"),
        ("[1, 2, 3]", "D005"),
        ('{"body": "no text field"}', "D005"),
        ('{"text": "%s"}' % prose, None),
        ('{"text": "truncated rec', "D005"),
        ('{"text": "last good record. It has two sentences."}', None),
    ]
    jsonl = "\n".join(line for line, _ in jsonl_lines).encode() + b"\n"
    valid_gz = _gzip(ARTICLE.encode())
    return [
        ("empty.txt", b"", "D001"),
        ("blank.txt", b" \n\t\r\n  \n", "D001"),
        ("nul.txt", b"\x00" * rng.randint(1, 4096), "D002"),
        ("png_renamed.txt", png, "D002"),
        ("pdf_renamed.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + blob, "D002"),
        ("binary_blob.txt", blob, "D002"),
        ("truncated_utf8.txt", cut, None),
        ("utf16_bom.txt", ("\ufeff" + ARTICLE).encode("utf-16-le"), None),
        ("utf16be_bom.txt", ("\ufeff" + ARTICLE).encode("utf-16-be"), None),
        ("utf16_nobom.txt", ARTICLE.encode("utf-16-le"), None),
        ("arabic_1256.txt", ar.encode("cp1256"), None),
        ("mixed_endings.txt", b"Line one of the story.\r\nLine two.\rLine three.\nLine four.\n\r\n", None),
        ("mixed_encoding.txt", ARTICLE.encode() + "Caf\u00e9 cr\u00e8me in Alg\u00e9rie.\n".encode("cp1252"), None),
        ("bidi_names.txt", BIDI_TEXT.encode(), None),
        ("combining.txt", COMBINING_TEXT.encode(), None),
        ("emoji.txt", EMOJI_TEXT.encode(), None),
        ("only_boilerplate.txt", b"[ad_1]\nLeave a Reply\n", "D008"),
        ("truncated.html", b"<html><head><title>Cut</title></head><body><p>" + prose.encode() + b"</p><p>Algeria and <a href=\"/x", None),
        ("unclosed_tags.html", b"<p>" + b"<a " * rng.randint(1000, 20000) + prose.encode(), None),
        ("nested.html", b"<div>" * rng.randint(1000, 50000) + b"<p>" + prose.encode() + b"</p>", None),
        ("bad_lines.jsonl", jsonl, jsonl_lines),
        ("not_gzip.txt.gz", b"this was never gzip " + blob[:64], "D006"),
        ("truncated.txt.gz", valid_gz[: len(valid_gz) // 2], "D006"),
        ("valid.txt.gz", valid_gz, None),
        ("not_parquet.parquet", b"PAR1 but not really a parquet file", "D010"),
        ("article.txt", (ARTICLE + prose + "\n").encode(), None),
        ("article_ar.txt", ar.encode(), None),
    ]


def build(out: os.PathLike, *, big: bool = True, unreadable: bool = True) -> list[tuple[str, object]]:
    """Writes every hostile kind into ``out`` and returns ``(source, code)`` per expected
    ``documents`` row, sources relative to ``out`` (JSONL rows as ``name:line``).

    ``big`` adds the 50 MB single line, the 1,000,000-character token, the mention flood
    and the gzip bomb; ``unreadable`` a file with mode 000 (unreadable unless root).
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(8)
    expected: list[tuple[str, object]] = []
    for name, data, code in small_cases(rng):
        (out / name).write_bytes(data)
        if isinstance(code, list):
            expected += [(f"{name}:{i + 1}", c) for i, (_, c) in enumerate(code)]
        else:
            expected.append((name, code))
    # A directory that contains a symbolic link to itself, and a link to nothing.
    sub = out / "loopdir"
    sub.mkdir(exist_ok=True)
    (sub / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    expected.append(("loopdir/inside.txt", None))
    if not (sub / "loop").is_symlink():
        os.symlink("..", sub / "loop")
    expected.append(("loopdir/loop", "D007"))
    if not (out / "dangling.txt").is_symlink():
        os.symlink("no-such-target.txt", out / "dangling.txt")
    expected.append(("dangling.txt", "D007"))
    # A file name that is not UTF-8 (Latin-1 bytes), as old scrapers leave them.
    weird = os.fsdecode(b"caf\xe9-latin1.txt")
    (out / weird).write_text(ARTICLE, encoding="utf-8")
    expected.append((weird, None))
    # A named pipe (opening it would block until a writer came) and a link to a device
    # that never ends, under names that look like articles and tables.
    for name in ("pipe.txt", "pipe.csv"):
        if not (out / name).exists():
            os.mkfifo(out / name)
        expected.append((name, "D009"))
    if not (out / "zero.txt").is_symlink():
        os.symlink("/dev/zero", out / "zero.txt")
    expected.append(("zero.txt", "D009"))
    if unreadable:
        p = out / "unreadable.txt"
        p.write_text(ARTICLE, encoding="utf-8")
        p.chmod(0)
        expected.append(("unreadable.txt", "D007"))
    if big:
        # 50 MB on one line: over the default line-length limit (1 MiB characters).
        _long_line(out / "line_50mb.txt", 50 * 1000 * 1000)
        expected.append(("line_50mb.txt", "D011"))
        # One token of 1,000,000 characters between two normal paragraphs.
        token = "Algeria and Russia\nThe talks began.\n" + "x" * 1_000_000 + "\nThey ended in Moscow.\n"
        (out / "token_1m.txt").write_text(token, encoding="utf-8")
        expected.append(("token_1m.txt", None))
        # More mentions than the default cap (100,000), on short lines.
        (out / "mention_flood.txt").write_text("Algeria, Russia, Moscow and Algiers.\n" * 30_000, encoding="utf-8")
        expected.append(("mention_flood.txt", "D012"))
        # 1 GiB of text inflated from about 1 MB: stopped by max_bytes.
        _bomb(out / "bomb.txt.gz", 1 << 30)
        expected.append(("bomb.txt.gz", "D004"))
    return expected


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    for source, code in build(argv[1]):
        print(f"{code or 'ok'}\t{source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
