"""Does time grow linearly with the size of one hostile document? Single long lines, single
long tokens and hostile HTML, each at doubling sizes, through the whole pipeline with the
line-length limit lifted. A stage with quadratic behaviour shows as a time ratio near 4 per
doubling instead of 2.

    python bench/long_inputs.py            # sizes 1, 2, 4, 8 MB
    python bench/long_inputs.py --mb 50    # one more run: the 50 MB line of the hostile suite
"""

from __future__ import annotations

import argparse
import sys
import time

import newsframe as nf

SENTENCE = "The army met in Algiers on Monday to discuss cooperation with Russia, officials said. "


def _line(n: int) -> str:
    return (SENTENCE * (n // len(SENTENCE) + 1))[:n]


KINDS = {
    "one line of prose": _line,
    "one sentence, no full stop": lambda n: ("Algeria Russia army deal talks Moscow " * (n // 38 + 1))[:n],
    "one token": lambda n: "Algeria and Russia.\n" + "x" * n + "\nThe end.",
    "html, unclosed tags": lambda n: "<p>" + "<a " * (n // 3),
    "html, unclosed quotes": lambda n: "<p>a</p>" + '<a "' * (n // 4) + ">",
}


def run(text: str, html: bool) -> float:
    t = time.perf_counter()
    if html:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "page.html"
            p.write_text(text, encoding="utf-8")
            c = nf.read(p, max_line_chars=None, max_mentions=None, n_threads=1)
    else:
        c = nf.read_texts([text], max_line_chars=None, max_mentions=None, n_threads=1)
    elapsed = time.perf_counter() - t
    assert c.documents["error"][0] is None, c.documents["error"][0]
    return elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2,4,8", help="sizes in MB")
    ap.add_argument("--mb", type=int, help="also time the 50 MB single line (or this many MB)")
    args = ap.parse_args(argv)
    sizes = [int(float(s) * 1_000_000) for s in args.sizes.split(",")]
    for kind, make in KINDS.items():
        times = [run(make(n), kind.startswith("html")) for n in sizes]
        ratios = [b / a for a, b in zip(times, times[1:])]
        print(f"{kind:28s} " + "  ".join(f"{n / 1e6:g} MB {t:.2f} s" for n, t in zip(sizes, times))
              + "   ratio per doubling " + " ".join(f"{r:.1f}" for r in ratios))
    if args.mb:
        n = args.mb * 1_000_000
        t = run(_line(n), False)
        print(f"one line of prose, {args.mb} MB: {t:.1f} s ({args.mb / t:.1f} MB/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
