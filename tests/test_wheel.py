"""The release wheel installs into a fresh virtualenv and runs the sample job; so does
``pip install .`` from a clone.

Both build the extension again: with ``CARGO_TARGET_DIR`` pointing at the build cache (as
``.ci/run`` does) only the newsframe crate itself is recompiled. The fresh virtualenvs get
polars from the package index (or pip's cache).
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conftest import ROOT, SAMPLE

TABLES = ("documents", "sentences", "mentions", "entities", "cooccurrence", "events", "stories")


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    assert r.returncode == 0, f"{cmd} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    return r


def clean_env() -> dict[str, str]:
    """This environment without what points Python at the source tree or the dev virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    dev_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != dev_bin)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def build_env(base: dict[str, str]) -> dict[str, str]:
    """Builds share the cache of `make dev` (the Makefile's default when it is not set)."""
    env = dict(base)
    env.setdefault("CARGO_TARGET_DIR", str(ROOT / "target"))
    return env


def fresh_venv(path: Path) -> Path:
    """A virtualenv with pip only (no system site-packages); returns its python."""
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def check_installed(py: Path, where: Path, expected_tables: dict[str, pl.DataFrame]) -> None:
    env = clean_env()
    # Imported from the virtualenv, not from the source tree.
    r = run([py, "-c", "import newsframe, polars; print(newsframe.__file__); print(newsframe.__version__)"],
            cwd=where, env=env)
    module_file = Path(r.stdout.splitlines()[0]).resolve()
    assert module_file.is_relative_to(py.parent.parent.resolve()), module_file
    assert not module_file.is_relative_to(ROOT), module_file
    # Only pip and the declared dependencies (and theirs) besides newsframe.
    installed = {p["name"].lower() for p in json.loads(run([py, "-m", "pip", "list", "--format=json"], env=env).stdout)}
    assert installed - {"pip", "setuptools"} == {"newsframe", "polars", "polars-runtime-32", "tqdm"}, installed

    # The sample job, from outside the source tree, through both entry points.
    out = where / "out"
    r = run([py, "-m", "newsframe", "extract", SAMPLE, "-o", out], cwd=where, env=env)
    assert "5 documents (0 with errors)" in r.stdout
    for name, expected in expected_tables.items():
        got = pl.read_parquet(out / f"{name}.parquet")
        assert got.columns == expected.columns, name
        assert_frame_equal(got, expected, check_exact=True)
    assert expected_tables["documents"].height == 5 and expected_tables["mentions"].height > 100
    r = run([py.parent / "newsframe", "extract", SAMPLE / "000_2f5aa3a7fe5fdb97.txt", "-o", where / "out1",
             "--format", "jsonl", "--quiet"], cwd=where, env=env)
    assert r.stdout.startswith("1 documents (0 with errors)")
    assert pl.read_ndjson(where / "out1" / "mentions.jsonl", infer_schema_length=None).height > 10


@pytest.fixture(scope="module")
def expected_tables(sample_corpus) -> dict[str, pl.DataFrame]:
    return sample_corpus.tables


def test_release_wheel_installs_and_runs(tmp_path, expected_tables):
    maturin = shutil.which("maturin", path=str(Path(sys.executable).parent)) or shutil.which("maturin")
    assert maturin, "maturin is not installed (make venv installs it)"
    dist = tmp_path / "dist"
    run([maturin, "build", "--release", "--out", dist], cwd=ROOT, env=build_env(dict(os.environ)))
    wheels = list(dist.glob("*.whl"))
    assert len(wheels) == 1, wheels
    # One wheel for every CPython >= 3.9 (stable ABI), for manylinux systems.
    name = wheels[0].name
    assert re.fullmatch(rf"newsframe-[0-9.]+-cp39-abi3-manylinux[_0-9a-z]*_{platform.machine()}\.whl", name), name

    py = fresh_venv(tmp_path / "venv")
    run([py, "-m", "pip", "install", "-q", wheels[0]], env=clean_env())
    check_installed(py, tmp_path, expected_tables)


def test_pip_install_from_clone(tmp_path, expected_tables):
    # A clone holds exactly the tracked files: copy them, so that uncommitted edits are
    # tested too, and a file the build needs but git does not track fails here.
    files = run(["git", "ls-files", "-z"], cwd=ROOT).stdout.split("\0")
    clone = tmp_path / "clone"
    for f in filter(None, files):
        src = ROOT / f
        if src.is_file():
            (clone / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, clone / f)
    py = fresh_venv(tmp_path / "venv")
    run([py, "-m", "pip", "install", "-q", clone], env=build_env(clean_env()), cwd=tmp_path)
    check_installed(py, tmp_path, expected_tables)
