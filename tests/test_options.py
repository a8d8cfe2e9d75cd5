"""One API: every entry point takes every option and gives the tables ``nf.read`` gives.

For each option of ``newsframe.Options`` (a value other than its default, chosen so that it
changes the output of this corpus), each entry point is run with it on a small corpus (the
sample articles, an HTML page, a windows-1252 file, an empty file, and the same records as
JSONL, Parquet and CSV with two sets of field names), and its tables are compared with
those of ``nf.read`` with the same option:

* ``nf.iter_batches`` + ``nf.analyse``, ``nf.write_parquet`` and the command line, on the
  same files;
* ``nf.read_texts`` on a DataFrame and ``newsframe.ray.extract`` on a Ray dataset of the
  same rows, against ``nf.read`` of the Parquet file;
* ``nf.read_html`` on the page's bytes, against ``nf.read`` of the page;
* ``nf.extract`` on the records' texts, against ``nf.read_texts`` of them.

With ``errors="raise"`` each must raise the same exception, naming the same document.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any, Callable

import polars as pl
import pytest

import newsframe as nf
from conftest import SAMPLE
from newsframe import _options
from newsframe.__main__ import main

TABLES = nf.Corpus.TABLES

PAGE = (
    '<html lang="en"><head><title>Gas talks end | Daily</title></head><body>'
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article>'
    "<p>The talks between Algeria and Italy ended on Monday in Algiers with an agreement on gas prices.</p>"
    "<p>Both delegations will meet again in Rome in the spring, the Italian minister said.</p></article>"
    "<footer>Contact us</footer></body></html>"
)

# Records with two sets of fields: the default names and others, each with other values.
EXTRA = [
    "Talks ended yesterday in Geneva.\nFile ref 4411-GX for the record.\nFighters of the Blue Crescent "
    "Brigade crossed into Mali, officials said.",
    "Algerian officials watched the Tour de France and the World Cup with Russian guests in Paris.",
    "Egypt and France signed a defence agreement worth $2 billion in Cairo last week, "
    "the Egyptian president Abdel Fattah el-Sisi said. " * 3,
    "",
]


def _records() -> list[dict[str, Any]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))] + EXTRA
    rows = []
    for i, text in enumerate(texts):
        other = texts[(i + 1) % len(texts)]
        # The extra records carry no date: pub_date applies to them.
        date = "2024-03-0%d" % (i % 9 + 1) if text not in EXTRA else None
        rows.append({
            "text": text, "title": None, "url": f"https://a.example/{i}", "date": date,
            "body": other, "headline": f"Headline {i}", "link": f"https://b.example/{i}", "published": "2023-01-15",
            "page": PAGE.replace("Monday", f"day {i}"),
        })
    return rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("options")
    files = d / "in"
    files.mkdir()
    for p in sorted(SAMPLE.glob("*.txt")):
        shutil.copy(p, files / p.name)
    (files / "page.html").write_text(PAGE, encoding="utf-8")
    (files / "latin.txt").write_bytes("Café talks in Zürich\nThe ministers met in Zürich on Monday. "
                                      "They discussed prices.".encode("cp1252"))
    (files / "empty.txt").write_bytes(b"")
    rows = _records()
    frame = pl.DataFrame(rows, schema={k: pl.String for k in rows[0]})
    with open(files / "rows.jsonl", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    frame.write_parquet(files / "rows.parquet")
    frame.write_csv(files / "rows.csv")
    (d / "rules.toml").write_text('version = 1\n[[rule]]\nname = "sponsor"\npattern = "^File ref [0-9]+-[A-Z]+ for the record[.]$"\n')
    kb = pl.DataFrame({"alias": ["Blue Crescent Brigade"], "label": ["ORG"], "name": ["Blue Crescent Brigade"],
                       "id": ["watch:bcb"]})
    kb.write_csv(d / "kb.csv")
    return {"dir": d, "files": files, "frame": frame, "parquet": files / "rows.parquet",
            "page": files / "page.html", "rules": d / "rules.toml", "kb": d / "kb.csv"}


def _linked_aliases(c: nf.Corpus) -> tuple[str, str]:
    """Two different surface forms the default run links to one entity by a heuristic (a
    spelling variant or a transliteration, not the knowledge base)."""
    groups = (c.mentions.filter(pl.col("entity_id").is_not_null() & pl.col("kb_id").is_null())
              .group_by("entity_id").agg(pl.col("text").unique().sort(), pl.col("evidence"))
              .filter(pl.col("evidence").list.eval(pl.element().is_in(["variant", "translit"])).list.any())
              .sort("entity_id"))
    for texts in groups["text"]:
        if len(texts) >= 2:
            return texts[0], texts[1]
    raise AssertionError("no entity with two surface forms in the corpus")


def _value(name: str, corpus: dict[str, Any], default: nf.Corpus) -> Any:
    """The value each option is tested with."""
    return {
        "lang": "en",
        "encoding": "windows-1256",
        "n_threads": 1,
        "text_field": "body",
        "html_field": "page",
        "title_field": "headline",
        "url_field": "link",
        "date_field": "published",
        "html": "visible",
        "boilerplate": False,
        "boilerplate_rules": [str(corpus["rules"])],
        "max_bytes": 3000,
        "max_line_chars": 200,
        "max_mentions": 5,
        "errors": "raise",
        "mentions": False,
        "pub_date": "2024-12-07",
        "kb": str(corpus["kb"]),
        "model": None,
        "include_misc": True,
        "merges": [("Algeria", "Egypt")],
        "splits": [_linked_aliases(default)],
    }[name]


# Options that cannot change the output of some input, and why.
NO_EFFECT = {
    "n_threads": "the output does not depend on the thread count",
}
NO_EFFECT_ON_TABLES = {
    **NO_EFFECT,
    "encoding": "table cells are text already decoded",
    "html": "table rows hold no HTML unless html_field names a column",
}


@pytest.fixture(scope="module")
def defaults(corpus) -> dict[str, nf.Corpus]:
    return {"files": nf.read(corpus["files"]), "table": nf.read(corpus["parquet"])}


def test_every_option_has_a_test_value(corpus, defaults):
    for name in _options.OPTIONS:
        assert _value(name, corpus, defaults["files"]) != _options.OPTIONS[name].default, name


def _outcome(run: Callable[[], Any]) -> Any:
    """The tables of a run, or, if it raised, what identifies the failure."""
    try:
        c = run()
    except (nf.DocumentError, nf.InternalError) as e:
        return ("raised", type(e).__name__, e.source, e.error)
    return {name: getattr(c, name) for name in TABLES}


def assert_same(got: Any, want: Any, what: str) -> None:
    if isinstance(want, tuple) or isinstance(got, tuple):
        assert got == want, what
        return
    for name in TABLES:
        a, b = got[name], want[name]
        assert a.columns == b.columns, f"{what}: {name} columns"
        assert a.equals(b), f"{what}: {name} differs\n{a}\n{b}"


def _differs(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return a != b
    return any(not a[n].equals(b[n]) for n in TABLES)


# ------------------------------------------------------------------------------------------
# The entry points, each as a function of the options giving an outcome.


def _via_batches(paths: Path, opts: dict[str, Any]) -> nf.Corpus:
    batches = list(nf.iter_batches(paths, batch_size=4, **opts))
    analysis = nf.analyse([b.records for b in batches], **opts)
    docs, mentions = zip(*(analysis.complete(b.documents, b.mentions) for b in batches))
    return nf.Corpus({
        "documents": pl.concat(docs), "sentences": pl.concat([b.sentences for b in batches]),
        "mentions": pl.concat(mentions), **{n: getattr(analysis, n) for n in nf._stream.CORPUS_TABLES},
    })


def _via_write_parquet(paths: Path, out: Path, opts: dict[str, Any]) -> nf.Corpus:
    try:
        nf.write_parquet(paths, out, batch_size=4, progress=False, **opts)
    except (nf.DocumentError, nf.InternalError) as e:
        assert e.corpus is None and str(out) in str(e)
        raise
    return nf.read_parquet(out)


def cli_args(name: str, value: Any) -> list[str]:
    """The command-line form of an option, from its declaration."""
    option = _options.OPTIONS[name]
    flag = _options.flag_of(name)
    if isinstance(option.default, bool):
        return [flag] if value != option.default else []
    if option.nargs == 2:
        return [a for pair in value for a in (flag, *pair)]
    if option.append:
        return [a for v in value for a in (flag, str(v))]
    return [flag, "none" if value is None else str(value)]


class _CliFailure(Exception):
    pass


def _via_cli(paths: Path, out: Path, name: str, value: Any, capsys: Any) -> nf.Corpus:
    status = main(["extract", str(paths), "-o", str(out), "--quiet", *cli_args(name, value)])
    err = capsys.readouterr().err
    assert status in (0, 3), err
    tables = nf.Corpus({t: pl.read_parquet(out / f"{t}.parquet") for t in TABLES})
    if status == 3:
        failed = tables.documents.filter(pl.col("error").is_not_null())
        assert f"newsframe: error: {failed['source'][0]}: {failed['error'][0]}" in err
        raise nf.DocumentError("exit 3", source=failed["source"][0], error=failed["error"][0], corpus=tables)
    return tables


@pytest.mark.parametrize("name", list(_options.OPTIONS))
def test_option_on_files(name, corpus, defaults, tmp_path, capsys):
    value = _value(name, corpus, defaults["files"])
    opts = {name: value}
    files = corpus["files"]
    want = _outcome(lambda: nf.read(files, **opts))
    if name not in NO_EFFECT:
        assert _differs(want, _outcome(lambda: nf.read(files))), f"{name}={value!r} changes nothing here"
    assert_same(_outcome(lambda: _via_batches(files, opts)), want, "iter_batches + analyse")
    assert_same(_outcome(lambda: _via_write_parquet(files, tmp_path / "parts", opts)), want, "write_parquet")
    assert_same(_outcome(lambda: _via_cli(files, tmp_path / "cli", name, value, capsys)), want, "command line")


@pytest.mark.parametrize("name", list(_options.OPTIONS))
def test_option_on_texts_and_pages(name, corpus, defaults):
    value = _value(name, corpus, defaults["files"])
    opts = {name: value}
    parquet, frame = corpus["parquet"], corpus["frame"]
    ids = [f"{parquet}:{i + 1}" for i in range(frame.height)]
    want = _outcome(lambda: nf.read(parquet, **opts))
    if name not in NO_EFFECT_ON_TABLES:
        assert _differs(want, _outcome(lambda: nf.read(parquet))), f"{name}={value!r} changes nothing in a table"
    assert_same(_outcome(lambda: nf.read_texts(frame, ids=ids, **opts)), want, "read_texts(DataFrame)")

    page = corpus["page"]
    want = _outcome(lambda: nf.read(page, **opts))
    assert_same(_outcome(lambda: nf.read_html([page.read_bytes()], ids=[str(page)], **opts)), want, "read_html")

    texts = frame["text"].to_list()
    plain = {"boilerplate": False, **opts}
    want = _outcome(lambda: nf.read_texts(texts, **plain))
    got = _outcome(lambda: nf.Corpus({**{t: pl.DataFrame() for t in TABLES}, "mentions": nf.extract(texts, **opts)}))
    if isinstance(want, tuple):
        assert got == want, "extract"
    else:
        assert got["mentions"].equals(want["mentions"]), "extract"


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray", reason="newsframe.ray needs ray[data] (the test extras install it)")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.mark.parametrize("name", list(_options.OPTIONS))
def test_option_on_ray(name, corpus, defaults, ray_cluster):
    import ray.data

    import newsframe.ray as nfr

    value = _value(name, corpus, defaults["files"])
    opts = {name: value}
    parquet, frame = corpus["parquet"], corpus["frame"]
    ds = ray.data.from_arrow(frame.with_columns(id=pl.Series([f"{parquet}:{i + 1}" for i in range(frame.height)]))
                             .to_arrow()).repartition(3)
    want = _outcome(lambda: nf.read(parquet, **opts))
    got = _outcome(lambda: nfr.extract(ds, id_column="id", batch_size=4, **opts).to_corpus())
    assert_same(got, want, "newsframe.ray.extract")


# ------------------------------------------------------------------------------------------
# Checks: one message, naming the option and what it allows, whatever the entry point.

BAD = [
    ("lang", "klingon", nf.OptionError, "lang must be an ISO 639-1 code"),
    ("lang", 3, nf.OptionTypeError, "lang must be an ISO 639-1 code"),
    ("n_threads", 0, nf.OptionError, "n_threads must be a positive int"),
    ("n_threads", "2", nf.OptionTypeError, "n_threads must be a positive int"),
    ("html", "markdown", nf.OptionError, "html must be 'article' or 'visible' or 'raw'"),
    ("errors", "ignore", nf.OptionError, "errors must be 'keep' or 'raise'"),
    ("max_bytes", -1, nf.OptionError, "max_bytes must be a non-negative int"),
    ("max_line_chars", 1.5, nf.OptionTypeError, "max_line_chars must be a non-negative int, or None"),
    ("boilerplate", "no", nf.OptionTypeError, "boilerplate must be True or False"),
    ("pub_date", "yesterday", nf.OptionError, "pub_date must be an ISO 8601 date"),
    ("pub_date", "2024-13-01", nf.OptionError, "pub_date must be an ISO 8601 date"),
    ("merges", [("a",)], nf.OptionTypeError, "merges must be a list of (str, str) pairs"),
    ("text_field", "", nf.OptionTypeError, "text_field must be a non-empty column or field name"),
    ("kb", pl.DataFrame({"alias": ["x"]}), nf.OptionError, "kb must be a DataFrame"),
    ("no_such_option", 1, nf.OptionTypeError, "unknown option 'no_such_option'"),
    ("langs", "en", nf.OptionTypeError, "unknown option 'langs' (did you mean 'lang'?)"),
]


def _entry_points(tmp_path: Path) -> dict[str, Callable[..., Any]]:
    return {
        "read": lambda **o: nf.read(SAMPLE, **o),
        "read_texts": lambda **o: nf.read_texts(["Text."], **o),
        "read_html": lambda **o: nf.read_html(["<p>Text.</p>"], **o),
        "extract": lambda **o: nf.extract("Text.", **o),
        "iter_batches": lambda **o: nf.iter_batches(SAMPLE, **o),
        "analyse": lambda **o: nf.analyse([], **o),
        "write_parquet": lambda **o: nf.write_parquet(SAMPLE, tmp_path / "out", **o),
    }


def test_the_polars_plugin_checks_its_options_the_same_way():
    for name, value, error, message in BAD:
        if name in ("lang", "pub_date", "boilerplate"):
            with pytest.raises(error, match=re.escape(message)):
                pl.col("text").nf.entities(**{name: value})


@pytest.mark.parametrize("name, value, error, message", BAD, ids=[f"{n}={v!r}"[:40] for n, v, *_ in BAD])
def test_bad_option_values_raise_one_clear_error(name, value, error, message, tmp_path):
    for entry, run in _entry_points(tmp_path).items():
        with pytest.raises(error, match=re.escape(message)) as info:
            run(**{name: value})
        e = info.value
        assert isinstance(e, nf.NewsframeError) and str(e).startswith("[E003]"), entry
        assert isinstance(e, TypeError if error is nf.OptionTypeError else ValueError), entry
        assert f"{name}" in str(e), entry
    assert not (tmp_path / "out").exists()


def test_signatures_and_docs_are_derived_from_the_options():
    import inspect

    entry_points = [nf.read, nf.read_texts, nf.read_html, nf.extract, nf.iter_batches, nf.scan, nf.analyse,
                    nf.write_parquet]
    for fn in entry_points:
        params = inspect.signature(fn).parameters
        for name, option in _options.OPTIONS.items():
            assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, (fn.__name__, name)
            if fn is not nf.extract or name != "boilerplate":
                assert params[name].default == option.default, (fn.__name__, name)
            assert f"        {name} (default " in fn.__doc__, (fn.__name__, name)
    assert inspect.signature(nf.extract).parameters["boilerplate"].default is False
    # The command line has a flag for every option.
    help_text = __import__("newsframe.__main__", fromlist=["_parser"])._parser()[1].format_help()
    for name in _options.OPTIONS:
        assert _options.flag_of(name) in help_text, name


def test_test_hooks_are_not_public():
    import inspect

    for fn in (nf.read, nf.read_texts, nf.write_parquet, nf.iter_batches):
        assert not [p for p in inspect.signature(fn).parameters if p.startswith("_")], fn.__name__
    with pytest.raises(TypeError, match="unknown option '_panic_on'"):
        nf.read_texts(["x"], _panic_on="x")


def test_static_types_know_the_options(tmp_path, monkeypatch):
    """The package type-checks, and a type checker sees each option's name and type
    (``**options: Unpack[Options]``) at every call."""
    mypy = pytest.importorskip("mypy.api", reason="mypy is in the test extras")
    package = Path(nf.__file__).parent
    # The package as a type checker sees it from source (or installed: the same files).
    monkeypatch.setenv("MYPYPATH", str(package.parent))
    good = tmp_path / "good.py"
    good.write_text("import newsframe as nf\n"
                    "c = nf.read('x', lang='en', n_threads=2, model=None, merges=[('a', 'b')], html='raw')\n"
                    "c.documents.height\n"
                    "nf.write_parquet('x', 'out', batch_size=10, max_mentions=None, errors='raise')\n")
    bad = tmp_path / "bad.py"
    bad.write_text("import newsframe as nf\nnf.read('x', lang=2)\nnf.read('x', no_such_option=1)\n"
                   "nf.iter_batches('x', html='markdown')\n")
    # Third-party packages are not analysed (polars alone takes most of a minute): their
    # types are Any here, ours are checked.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nignore_missing_imports = True\n"
                      "[mypy-polars.*,ray.*,tqdm.*,pyarrow.*]\nfollow_imports = skip\n")
    args = ["--config-file", str(config), "--cache-dir", str(tmp_path / "cache")]
    out, err, status = mypy.run([*args, str(package), str(good)])
    assert status == 0, out + err
    out, err, status = mypy.run([*args, "--follow-imports=silent", str(bad)])
    assert status == 1, out + err
    assert 'Argument "lang" to "read" has incompatible type "int"' in out, out
    assert 'Unexpected keyword argument "no_such_option" for "read"' in out, out
    assert 'Argument "html" to "iter_batches" has incompatible type' in out, out
