"""Removes outputs and execution counts from notebooks, so that they are stored clean.

    python scripts/strip_notebooks.py [NOTEBOOK...]   (default: notebooks/*.ipynb)
"""

import sys
from pathlib import Path

import nbformat


def strip(path: Path) -> bool:
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            cell.outputs, cell.execution_count = [], None
            changed = True
        # nbclient records timings per cell: noise in a diff.
        changed |= cell.metadata.pop("execution", None) is not None
    for key in ("widgets", "execution"):
        changed |= nb.metadata.pop(key, None) is not None
    if changed:
        nbformat.write(nb, path)
    return changed


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted(Path(__file__).resolve().parents[1].glob("notebooks/*.ipynb"))
    for path in paths:
        print(f"{path}: {'stripped' if strip(path) else 'clean'}")


if __name__ == "__main__":
    main()
