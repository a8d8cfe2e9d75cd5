"""WARC streaming: pages/s and peak memory while reading a large ``.warc.gz``.

Builds, in a temp dir, a Common Crawl-like ``.warc.gz`` (one gzip member per record; per page
a ``request``, a ``response`` and a ``metadata`` record, after one ``warcinfo``) whose
uncompressed size is at least --mb megabytes (default 100). Pages are the sample articles
wrapped in the markup of a news site (scripts, styles, navigation, footer: ~40 KB of HTML
around ~5 KB of text, like real pages), paragraphs shuffled so no two are equal.

Each measurement runs ``nf.read`` in a fresh Python process and reports wall time, pages/s,
MB/s of uncompressed WARC, and peak resident memory (VmHWM from /proc/self/status) before
and after the read. The archive is streamed in chunks of records, so the peak grows with
the output tables, not with the archive: compare the run on --mb with the run on a quarter
of it.

    python bench/warc_stream.py [--mb 100] [--threads 2] [--mentions]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import warcgen as w  # noqa: E402

SAMPLE = ROOT / "data" / "sample"

CHROME_HEAD = "".join(
    f"<link rel='stylesheet' href='/static/css/site-{i}.css'><script src='/static/js/vendor-{i}.js'></script>"
    for i in range(20)
) + "<style>" + "".join(f".c{i}{{margin:{i}px;padding:{i % 7}px;color:#{i:06x}}}" for i in range(400)) + "</style>" + (
    "<script>window.dataLayer=window.dataLayer||[];" + "".join(f"dataLayer.push({{'k{i}':'{'v' * 40}'}});" for i in range(200))
    + "</script>")
NAV = "<nav><ul>" + "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(120)) + "</ul></nav>"
FOOTER = "<footer>" + "".join(f"<a href='/about/{i}'>About link {i}</a> " for i in range(150)) + "<p>© News Site</p></footer>"


def pages(seed: int = 0):
    """Endless (uri, html bytes) pairs."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    n = 0
    while True:
        lines = seeds[n % len(seeds)].split("\n")
        title, body = lines[0], [ln for ln in lines[1:] if ln.strip()]
        rng.shuffle(body)
        paras = "".join(f"<p>{ln}</p>" for ln in body)
        html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{CHROME_HEAD}</head>"
                f"<body>{NAV}<article><h1>{title}</h1>{paras}</article>{FOOTER}</body></html>")
        yield f"https://news.example/{n // 100}/{n}.html", html.encode("utf-8")
        n += 1


def build(path: Path, target_bytes: int, image_bytes: int = 0) -> tuple[int, int]:
    """Writes the archive, with `image_bytes` of 200 KB image responses spread between the
    pages; returns (pages, uncompressed bytes)."""
    total = n = 0
    image = w.http_response(b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(200_000), "image/png")
    every = max(1, (target_bytes - image_bytes) // 50_000 // max(1, image_bytes // len(image))) if image_bytes else 0
    with open(path, "wb") as f:
        info = w.warcinfo()
        f.write(w.gzip_members([info]))
        total += len(info)
        for uri, html in pages():
            if total >= target_bytes:
                break
            if every and n % every == 0:
                img = w.response(uri + ".png", f"<urn:uuid:{n:08d}-0000-0000-0000-00000000ffff>", image)
                f.write(w.gzip_members([img]))
                total += len(img)
            recs = [w.request(uri), w.response(uri, f"<urn:uuid:{n:08d}-0000-0000-0000-000000000000>", w.http_response(html)),
                    w.metadata(uri)]
            f.write(w.gzip_members(recs))
            total += sum(len(r) for r in recs)
            n += 1
    return n, total


CHILD = r"""
import json, sys, time
import newsframe as nf

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

path, threads, mentions = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
nf.read_texts(["Warm up. Models load here."], mentions=mentions)
before = hwm()
t = time.perf_counter()
c = nf.read(path, n_threads=threads, mentions=mentions)
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": elapsed, "documents": c.documents.height, "errors": int(c.documents["error"].is_not_null().sum()),
                  "skipped": int(c.skipped["count"].sum()), "hwm_before_mb": before, "hwm_after_mb": hwm()}))
"""


def measure(path: Path, threads: int, mentions: bool) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(threads), "1" if mentions else "0"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100.0, help="uncompressed size of the large archive")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--mentions", action="store_true", help="also extract mentions (slower)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        # A quarter of the size; the full size; the full size of which three quarters are
        # image responses (skipped as they stream past, never held in memory).
        for mb, images in ((args.mb / 4, 0), (args.mb, 0), (args.mb, args.mb * 0.75)):
            path = Path(tmp) / f"bench-{mb:g}-{images:g}.warc.gz"
            n_pages, raw = build(path, int(mb * 1e6), int(images * 1e6))
            r = measure(path, args.threads, args.mentions)
            assert r["documents"] == n_pages and r["errors"] == 0, r
            rows.append((raw / 1e6, path.stat().st_size / 1e6, n_pages, r))
        print(f"machine: {os.cpu_count()} cores; threads={args.threads}; mentions={args.mentions}")
        print("| WARC MB (uncompressed) | .gz MB | pages | skipped records | seconds | pages/s | MB/s | "
              "peak RSS before read | peak RSS after read |")
        print("|---|---|---|---|---|---|---|---|---|")
        for raw_mb, gz_mb, n, r in rows:
            print(f"| {raw_mb:.1f} | {gz_mb:.1f} | {n} | {r['skipped']} | {r['seconds']:.2f} | {n / r['seconds']:.0f} | "
                  f"{raw_mb / r['seconds']:.1f} | {r['hwm_before_mb']:.0f} MB | {r['hwm_after_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
