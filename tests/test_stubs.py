"""The type stubs of the native module match it (mypy's stubtest)."""

import subprocess
import sys

from conftest import ROOT

ALLOWLIST = ROOT / "tests" / "stubtest_allowlist.txt"


def test_stubs_match_native_module():
    cmd = [sys.executable, "-m", "mypy.stubtest", "newsframe._newsframe"]
    if ALLOWLIST.exists():
        cmd += ["--allowlist", str(ALLOWLIST)]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
