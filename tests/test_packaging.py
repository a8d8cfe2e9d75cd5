"""The two commands of the README: ``make sample`` installs only what the sample job needs,
``make test`` the test tools too, and the Makefile's lists agree with pyproject.toml."""

import re
import shutil
import subprocess

import pytest

from conftest import ROOT


def _make_list(name: str) -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    m = re.search(rf"^{name} := (.*)$", text, re.M)
    assert m, name
    return {w.strip('"') for w in m.group(1).split()}


def _pyproject() -> dict:
    tomllib = pytest.importorskip("tomllib", reason="tomllib comes with Python 3.11")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_makefile_installs_what_pyproject_declares():
    project = _pyproject()["project"]
    build = set(_pyproject()["build-system"]["requires"])
    assert _make_list("BASE_DEPS") == build | set(project["dependencies"])
    extras = project["optional-dependencies"]
    test = {d for d in extras["test"] if not d.startswith("newsframe[")} | set(extras["notebooks"])
    assert _make_list("TEST_DEPS") == test - build


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_sample_installs_only_what_the_sample_job_needs(tmp_path):
    def plan(target: str) -> str:
        r = subprocess.run(["make", "-n", target, f"VENV={tmp_path / 'venv'}"], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout

    def installed(commands: str) -> set[str]:
        return {w.strip('"') for line in commands.splitlines() if "pip install" in line
                for w in line.split("pip install -q", 1)[1].split() if w != "--upgrade"}

    sample = plan("sample")
    assert installed(sample) == {"pip", "maturin>=1.7,<2.0", "polars==2.1.0", "tqdm>=4.60"}
    assert "maturin develop --release" in sample and "-m newsframe extract data/sample/ -o out" in sample
    assert installed(plan("test")) >= {"ray[data]>=2.9", "mypy", "hypothesis>=6", "pytest>=7", "nbclient"}
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make sample", "make test"]


def test_readme_example_runs(monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Example", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    assert len(example.strip().splitlines()) <= 10
    monkeypatch.chdir(ROOT)  # it reads data/sample/
    scope: dict = {}
    exec(compile(example, "README.md", "exec"), scope)
    assert capsys.readouterr().out.startswith("<newsframe.Corpus: 5 documents (0 with errors)")
    assert scope["people"].height > 0 and scope["top"].height == 5 and scope["events"].height > 0
    assert scope["same"].documents.height == 5 and len(scope["parts"]) == 3


def test_links_in_the_readme_and_docs_exist():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_options_page_is_current():
    from newsframe._options import markdown

    assert (ROOT / "docs" / "options.md").read_text(encoding="utf-8") == markdown(), \
        "run python scripts/options_doc.py"
