"""Writes docs/options.md from the options table of python/newsframe/_options.py.

Usage: ``python scripts/options_doc.py`` (tests/test_options.py checks the file is current).
"""

from pathlib import Path

from newsframe._options import markdown

if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "docs" / "options.md"
    out.write_text(markdown(), encoding="utf-8")
    print(f"wrote {out}")
