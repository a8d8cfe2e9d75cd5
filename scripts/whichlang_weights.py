"""Copies whichlang's weights into ``src/lang/whichlang_weights.rs``.

``src/lang/whichlang.rs`` runs whichlang's model over a document's sample and its three
slices in one pass (``lang::detect`` used to run the crate four times), which needs the
weights, and the crate keeps them private. The arrays are copied as Rust literals, so they
parse to the very same ``f32`` values as in the crate.

whichlang 0.1.1, Copyright (c) 2023 Quickwit Inc., MIT licence (recorded in NOTICE.md and
in the generated file's header).

    python scripts/whichlang_weights.py [PATH/TO/whichlang-0.1.1/src/weights.rs]

Without a path, the crate is looked for in Cargo's registry (``cargo fetch`` first).
"""

from __future__ import annotations

import glob
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "lang" / "whichlang_weights.rs"
VERSION = "0.1.1"  # must match Cargo.lock: the tests compare against the crate's own output

HEADER = f"""\
// whichlang {VERSION} (https://github.com/quickwit-oss/whichlang), src/weights.rs: the
// model's weights and intercepts, copied by scripts/whichlang_weights.py. Do not edit.
//
// Copyright (c) 2023 by Quickwit Inc.
// Permission is hereby granted, free of charge, to any person obtaining a copy of this
// software and associated documentation files (the "Software"), to deal in the Software
// without restriction, including without limitation the rights to use, copy, modify, merge,
// publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
// to whom the Software is furnished to do so, subject to the following conditions: The
// above copyright notice and this permission notice shall be included in all copies or
// substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY
// OF ANY KIND (MIT licence; full text in the crate's LICENSE file).

"""


def main() -> None:
    if len(sys.argv) > 1:
        src = Path(sys.argv[1])
    else:
        home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
        found = glob.glob(str(home / "registry" / "src" / "*" / f"whichlang-{VERSION}" / "src" / "weights.rs"))
        if not found:
            sys.exit(f"whichlang {VERSION} not in {home}/registry: run `cargo fetch` or pass the path")
        src = Path(found[0])
    text = src.read_text()
    parts = []
    for name, n in (("WEIGHTS", 65536), ("INTERCEPTS", 16)):
        m = re.search(rf"pub const {name}: \[f32; {n}\] = \[(.*?)\];", text, re.S)
        if not m:
            sys.exit(f"{name} not found in {src}")
        values = [v for v in re.split(r"[\s,]+", m.group(1)) if v]
        if len(values) != n:
            sys.exit(f"{name}: {len(values)} values, expected {n}")
        if name == "WEIGHTS":
            # One row of 16 language weights per bucket, each row on one cache line.
            lines = ["[" + ", ".join(values[i:i + 16]) + "]," for i in range(0, n, 16)]
            parts.append(f"pub(super) static {name}: Rows = Rows([\n" + "\n".join(lines) + "\n]);\n")
        else:
            parts.append(f"pub(super) static {name}: [f32; {n}] = [" + ", ".join(values) + "];\n")
    OUT.write_text(HEADER + "use super::Rows;\n\n" + "\n".join(parts))
    print(f"wrote {OUT} from {src}")


if __name__ == "__main__":
    main()
