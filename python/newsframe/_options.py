"""The options of a run, defined once.

Every entry point (:func:`newsframe.read`, :func:`~newsframe.read_texts`,
:func:`~newsframe.read_html`, :func:`~newsframe.extract`,
:func:`~newsframe.iter_batches`, :func:`~newsframe.analyse`,
:func:`~newsframe.write_parquet`, :func:`newsframe.ray.extract` and the ``newsframe
extract`` command) takes the options of :class:`Options` as keyword arguments. Each option
is declared once below, with its type, default, documentation, check and command-line
flag; the signatures, the docstrings, the validation, the CLI flags and the JSON handed to
the Rust core are all derived from that declaration, so no entry point can drift from
another.

Example:
    >>> from newsframe._options import resolve
    >>> resolve({"lang": "ar", "model": None}).values["lang"]
    'ar'
    >>> resolve({"lang": "klingon"})
    Traceback (most recent call last):
    ...
    newsframe.exceptions.OptionError: [E003] invalid configuration: lang must be an ISO 639-1 code such as 'en' or 'ar', or None to detect each document's language; got 'klingon'
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import inspect
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Optional, TypedDict, TypeVar, Union, get_type_hints

import polars as pl

from newsframe.exceptions import ConfigError, OptionError, OptionTypeError, PathNotFoundError

PathLike = Union[str, "os.PathLike[str]"]

#: Default size limit of one input after decompression, in bytes.
DEFAULT_MAX_BYTES = 1 << 30
#: Default limit of one line's length, in characters.
DEFAULT_MAX_LINE_CHARS = 1 << 20
#: Default limit of the mentions of one document.
DEFAULT_MAX_MENTIONS = 100_000
HTML_MODES = ("article", "visible", "raw")
ERRORS = ("keep", "raise")

# ISO 639-1, the two-letter codes (the registration authority's list, Library of Congress).
ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz "
    "ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii "
    "ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi "
    "mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw "
    "sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk "
    "ur uz ve vi vo wa wo xh yi yo za zh zu".split()
)


# ------------------------------------------------------------------------------------------
# Checks: each takes the option's name and the caller's value, and returns the value the
# core is given, or raises an OptionError naming the option and what it allows.


def _type_error(name: str, allowed: str, value: Any) -> OptionTypeError:
    return OptionTypeError(name, allowed, value)


def _bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error(name, "True or False", value)
    return value


def _choice(*allowed: str) -> Callable[[str, Any], str]:
    def check(name: str, value: Any) -> str:
        if value not in allowed:
            text = " or ".join(repr(a) for a in allowed)
            if isinstance(value, str):
                raise OptionError(name, text, value)
            raise _type_error(name, text, value)
        return value

    return check


def _field(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise _type_error(name, "a non-empty column or field name (str)", value)
    return value


def _optional(check: Callable[[str, Any], Any], allowed_none: str) -> Callable[[str, Any], Any]:
    """``check``, or None; ``allowed_none`` says what None means, for the error message."""

    def optional(name: str, value: Any) -> Any:
        if value is None:
            return None
        try:
            return check(name, value)
        except OptionError as e:
            raise type(e)(name, f"{e.allowed}, or None ({allowed_none})", value) from None

    return optional


def _non_negative_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(name, "a non-negative int", value)
    if value < 0:
        raise OptionError(name, "a non-negative int", value)
    return value


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(name, "a positive int", value)
    if value < 1:
        raise OptionError(name, "a positive int", value)
    return value


def _lang(name: str, value: Any) -> Optional[str]:
    allowed = "an ISO 639-1 code such as 'en' or 'ar', or None to detect each document's language"
    if value is None:
        return None
    if not isinstance(value, str):
        raise _type_error(name, allowed, value)
    if value not in ISO_639_1:
        raise OptionError(name, allowed, value)
    return value


def _encoding(name: str, value: Any) -> Optional[str]:
    # The label itself is checked by the core (WHATWG labels, as encoding_rs knows them)
    # before any input is read.
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _type_error(name, "an encoding label such as 'windows-1256', or None to detect", value)
    return value


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?")


def _pub_date(name: str, value: Any) -> Optional[str]:
    allowed = "an ISO 8601 date such as '2024-12-07' (or '2024-12', '2024'), a datetime.date, or None"
    if value is None:
        return None
    if isinstance(value, datetime.date):  # datetime.datetime is one too
        return str(value)
    if not isinstance(value, str):
        raise _type_error(name, allowed, value)
    m = _ISO_DATE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = (int(g) if g else None for g in m.groups())
        if month is not None:
            datetime.date(year or 1, month, day or 1)
    except ValueError:
        raise OptionError(name, allowed, value) from None
    return value


def _path(name: str, value: Any) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise _type_error(name, "a path", value)
    path = os.fspath(value)
    if not Path(path).is_file():
        raise PathNotFoundError(2, f"[E001] no such file or directory: {path} (option {name})", path)
    return path


def _model(name: str, value: Any) -> Optional[str]:
    if value is None or value == "default":
        return value
    if not isinstance(value, (str, os.PathLike)):
        raise _type_error(name, "'default', None, or the path of a model file", value)
    return _path(name, value)


def _rules(name: str, value: Any) -> list[str]:
    """The text of each rule file, checked by the core's parser."""
    from newsframe import _newsframe

    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    if not isinstance(value, Sequence):
        raise _type_error(name, "a list of paths of rule files, or None", value)
    texts = []
    for item in value:
        path = _path(name, item)
        text = Path(path).read_text(encoding="utf-8")
        try:
            _newsframe.check_rules(text)
        except ConfigError as e:
            raise ConfigError(f"{e} (in {path})") from None
        texts.append(text)
    return texts


_KB_COLUMNS = ("alias", "label", "name", "id")


def _kb(name: str, value: Any) -> list[dict[str, str]]:
    """User knowledge-base entries from a DataFrame, a CSV path, or a list of dicts."""
    allowed = f"a DataFrame, a CSV path or a list of dicts with columns {list(_KB_COLUMNS)}, or None"
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        value = pl.read_csv(_path(name, value), infer_schema=False)
    if isinstance(value, pl.DataFrame):
        missing = [c for c in _KB_COLUMNS if c not in value.columns]
        if missing:
            raise OptionError(name, allowed, f"a table without columns {missing}")
        value = value.select(pl.col(c).cast(pl.String) for c in _KB_COLUMNS).to_dicts()
    if not isinstance(value, Sequence):
        raise _type_error(name, allowed, value)
    entries = []
    for row in value:
        try:
            entries.append({c: str(row[c]) for c in _KB_COLUMNS})
        except (KeyError, TypeError):
            raise OptionError(name, allowed, row) from None
    return entries


def _pairs(name: str, value: Any) -> list[list[str]]:
    allowed = "a list of (str, str) pairs of surface forms or entity ids"
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, set, frozenset)):
        raise _type_error(name, allowed, value)
    pairs = []
    for pair in value:
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise _type_error(name, allowed, pair)
        if not all(isinstance(p, str) for p in pair):
            raise _type_error(name, allowed, pair)
        pairs.append([pair[0], pair[1]])
    return pairs


# ------------------------------------------------------------------------------------------
# Command-line values: text to the Python value the check above is given.


def _int_or_none(text: str) -> Optional[int]:
    if text.lower() == "none":
        return None
    try:
        return int(text)
    except ValueError:
        return text  # type: ignore[return-value]  # the check names the option and what it allows


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return text  # type: ignore[return-value]


def _none_or_text(text: str) -> Optional[str]:
    return None if text.lower() == "none" else text


@dataclass(frozen=True)
class Option:
    """One option: its default, what it means, how it is checked and given on the command line.

    Attributes:
        default: the value when the option is not given.
        doc: what it does, for the docstrings and ``--help``.
        check: ``check(name, value)`` returns the value handed to the core or raises
            :class:`~newsframe.OptionError`.
        flags: the command-line flags (``()``: derived from the name; a bool option gets
            ``--name`` when it is off by default, ``--no-name`` when on).
        metavar, parse: the command-line value's name and its conversion from text.
        nargs: values per flag; with ``append``, the flag may be given several times.
    """

    default: Any
    doc: str
    check: Callable[[str, Any], Any]
    flags: tuple[str, ...] = ()
    metavar: Any = None
    parse: Callable[[str], Any] = str
    nargs: Optional[int] = None
    append: bool = False
    choices: Optional[tuple[str, ...]] = None


class Options(TypedDict, total=False):
    """The options every entry point takes, as keyword arguments (all optional).

    This is the one place where options are declared: each is ``Annotated`` with its
    :class:`Option` (default, documentation, check, command-line flag).
    """

    lang: Annotated[Optional[str], Option(
        None, "ISO 639-1 code (``'en'``, ``'ar'``, …) to use for every document instead of "
        "detection; ``None`` detects each document's language.",
        _lang, metavar="CODE")]
    encoding: Annotated[Optional[str], Option(
        None, "encoding (e.g. ``'windows-1256'``) of input bytes instead of detection; a BOM "
        "still wins. Without it the charset comes from the BOM, the HTTP header (WARC), an HTML "
        "``<meta>`` declaration, valid UTF-8, then a detector; ``documents.encoding`` says which "
        "was used. Text already decoded (``str`` texts, table cells) is taken as it is.",
        _encoding, metavar="LABEL")]
    n_threads: Annotated[Optional[int], Option(
        None, "worker threads; ``None`` uses all cores. The output does not depend on it.",
        _optional(_positive_int, "all cores"), flags=("--threads", "--n-threads"), metavar="N", parse=_int_or_none)]
    text_field: Annotated[str, Option(
        "text", "field (JSONL) or column (Parquet, CSV, DataFrame, Ray dataset) holding each "
        "article's text.", _field, metavar="NAME")]
    html_field: Annotated[Optional[str], Option(
        None, "field or column holding each article as HTML, read instead of ``text_field``: "
        "the page's text is the document (see ``html``), its ``<title>`` the title unless "
        "``title_field`` gives one.", _optional(_field, "read text_field"), metavar="NAME")]
    title_field: Annotated[str, Option(
        "title", "field or column holding the title, when there is one (a given title is not "
        "detected from the text).", _field, metavar="NAME")]
    url_field: Annotated[str, Option("url", "field or column holding the URL.", _field, metavar="NAME")]
    date_field: Annotated[str, Option(
        "date", "field or column holding the publication date (ISO 8601).", _field, metavar="NAME")]
    html: Annotated[Literal["article", "visible", "raw"], Option(
        "article", "what an HTML page yields: ``'article'`` (the main content; navigation, ads, "
        "comments, share bars, related links, cookie banners and footers go to the "
        "``boilerplate`` column), ``'visible'`` (every visible text block) or ``'raw'`` (the "
        "markup itself as text). Metadata columns (title, pub_date, author, site, "
        "canonical_url, lang_hint) are filled in every mode.",
        _choice(*HTML_MODES), choices=HTML_MODES)]
    boilerplate: Annotated[bool, Option(
        True, "remove boilerplate lines (they stay in the ``boilerplate`` column).", _bool)]
    boilerplate_rules: Annotated[Optional[Sequence[PathLike]], Option(
        None, "extra rule files, in the format of ``newsframe/data/boilerplate.toml``.",
        _rules, metavar="FILE", append=True)]
    max_bytes: Annotated[int, Option(
        DEFAULT_MAX_BYTES, "largest input read, in bytes after decompression (so a gzip bomb "
        "stops there); a larger one is an error row ``[D004]`` without text. It applies to each "
        "WARC record, JSONL line read by a streaming run, and table row or ``str`` text (its "
        "UTF-8 bytes).", _non_negative_int, metavar="N", parse=_int)]
    max_line_chars: Annotated[Optional[int], Option(
        DEFAULT_MAX_LINE_CHARS, "longest line, in characters (``None``: no limit); a document "
        "with a longer line is an error row ``[D011]`` without text.",
        _optional(_non_negative_int, "no limit"), metavar="N|none", parse=_int_or_none)]
    max_mentions: Annotated[Optional[int], Option(
        DEFAULT_MAX_MENTIONS, "most mentions of one document (``None``: no limit); past it the "
        "document keeps its text and sentences but has no mentions, and its error is ``[D012]``. "
        "No limit ever truncates silently: reaching one is always in ``error``.",
        _optional(_non_negative_int, "no limit"), metavar="N|none", parse=_int_or_none)]
    errors: Annotated[Literal["keep", "raise"], Option(
        "keep", "``'keep'`` (failed documents are rows with ``error`` set) or ``'raise'``: once "
        "the output is complete, raise :class:`~newsframe.DocumentError` (or "
        ":class:`~newsframe.InternalError` for a caught bug, ``[D099]``) naming the first failed "
        "document (in memory, every table is in the exception's ``.corpus``; the command line "
        "writes the tables, then exits with status 3).",
        _choice(*ERRORS), choices=ERRORS)]
    mentions: Annotated[bool, Option(True, "extract entity mentions (``corpus.mentions``).", _bool)]
    pub_date: Annotated[Union[str, datetime.date, None], Option(
        None, "date (ISO 8601) of documents that carry none, to resolve relative dates such as "
        "'yesterday'; a document's own date wins.", _pub_date, metavar="DATE")]
    kb: Annotated[Any, Option(
        None, "your own knowledge-base entries (a watch list): a DataFrame, a CSV path or a list "
        "of dicts with columns ``alias``, ``label``, ``name``, ``id``. They win over the shipped "
        "entries for the same alias.", _kb, metavar="CSV")]
    model: Annotated[Optional[PathLike], Option(
        "default", "the statistical NER model whose candidates join the knowledge base and the "
        "rules: ``'default'`` (the shipped English and Arabic models), ``None`` (rules and "
        "knowledge base only, faster), or the path of a model trained on your own annotations "
        "(``python -m newsframe.train``).", _model, metavar="default|none|PATH", parse=_none_or_text)]
    include_misc: Annotated[bool, Option(
        False, "also keep the model's MISC mentions (names of no other type: events, works, "
        "products), with label and ``label_detail`` ``'MISC'``. Off by default: the eight labels only.",
        _bool)]
    merges: Annotated[Sequence[tuple[str, str]], Option(
        (), "pairs of surface forms or entity ids that must be linked to one entity; they win "
        "over every linking heuristic.", _pairs, flags=("--merge",), metavar=("A", "B"), nargs=2,
        append=True)]
    splits: Annotated[Sequence[tuple[str, str]], Option(
        (), "pairs of surface forms or entity ids that must never be linked to one entity.",
        _pairs, flags=("--split",), metavar=("A", "B"), nargs=2, append=True)]


def _declared() -> dict[str, Option]:
    hints = get_type_hints(Options, include_extras=True)
    table = {}
    for name, hint in hints.items():
        (option,) = (m for m in hint.__metadata__ if isinstance(m, Option))
        table[name] = option
    return table


#: Every option by name, in the order of :class:`Options`.
OPTIONS: dict[str, Option] = _declared()


# ------------------------------------------------------------------------------------------
# Test hooks: private, never part of a public signature.

_PANIC_ON: Optional[str] = None


@contextlib.contextmanager
def _inject_panic(source_part: str) -> Iterator[None]:
    """Within the block, the core panics while processing any document whose source
    contains ``source_part`` (to test the panic handling end to end)."""
    global _PANIC_ON
    previous, _PANIC_ON = _PANIC_ON, source_part
    try:
        yield
    finally:
        _PANIC_ON = previous


# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """Checked options: ``values`` by name (every option, defaults filled in, as the core
    takes them) and ``json``, the core's options."""

    values: dict[str, Any]
    json: str

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def with_core(self, **changes: Any) -> "Resolved":
        """The same options with core-only settings changed (e.g. ``analytics=False``)."""
        core = json.loads(self.json)
        core.update(changes)
        return Resolved(self.values, json.dumps(core))


def _unknown(names: Sequence[str]) -> OptionTypeError:
    import difflib

    hints = []
    for n in names:
        close = difflib.get_close_matches(n, list(OPTIONS), n=1)
        hints.append(f"{n!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    message = f"unknown option {', '.join(hints)}; the options are {', '.join(OPTIONS)}"
    return OptionTypeError(names[0], f"one of {list(OPTIONS)}", None, message=message)


def resolve(options: Mapping[str, Any], defaults: Optional[Mapping[str, Any]] = None) -> Resolved:
    """Checks ``options`` (an entry point's keyword arguments) and builds the core's options.

    ``defaults`` overrides the declared default of some options for one entry point.

    Raises:
        OptionTypeError: an unknown option name, or a value of the wrong type.
        OptionError: a value outside those allowed.
        PathNotFoundError: a model, rule file or knowledge-base CSV that does not exist.
    """
    unknown = [n for n in options if n not in OPTIONS]
    if unknown:
        raise _unknown(unknown)
    given = {**(defaults or {}), **options}
    values = {}
    for name, option in OPTIONS.items():
        value = given.get(name, option.default)
        values[name] = option.check(name, value)
    core: dict[str, Any] = {
        "ingest": {
            "encoding": values["encoding"],
            "text_field": values["text_field"],
            "html_field": values["html_field"],
            "title_field": values["title_field"],
            "url_field": values["url_field"],
            "date_field": values["date_field"],
            "max_bytes": values["max_bytes"],
            "html": values["html"],
        },
        "lang": values["lang"],
        "boilerplate": values["boilerplate"],
        "boilerplate_rules": values["boilerplate_rules"],
        "n_threads": values["n_threads"],
        "mentions": values["mentions"],
        "pub_date": values["pub_date"],
        "kb_entries": values["kb"],
        "model": values["model"],
        "include_misc": values["include_misc"],
        "link": {"merges": values["merges"], "splits": values["splits"]},
        "max_line_chars": values["max_line_chars"],
        "max_mentions": values["max_mentions"],
    }
    if _PANIC_ON is not None:
        core["_panic_on"] = _PANIC_ON
    return Resolved(values, json.dumps(core))


def core_check(resolved: Resolved) -> None:
    """Lets the core check what only it knows (the encoding label) before any input is
    read: for entry points that start work lazily."""
    from newsframe import _newsframe

    if resolved["encoding"] is not None:
        light = json.loads(resolved.json)
        light.update(model=None, mentions=False, kb_entries=[], boilerplate_rules=[])
        _newsframe.process_batch([], json.dumps(light))


# ------------------------------------------------------------------------------------------
# Signatures and docstrings


def _docs(defaults: Optional[Mapping[str, Any]] = None) -> str:
    import textwrap

    lines = ["", "    Options (every entry point takes the same; see :class:`newsframe.Options`):"]
    for name, option in OPTIONS.items():
        default = (defaults or {}).get(name, option.default)
        lines.append(textwrap.fill(f"{name} (default ``{default!r}``): {option.doc}", width=92,
                                   initial_indent=" " * 8, subsequent_indent=" " * 12,
                                   break_long_words=False, break_on_hyphens=False))
    return "\n".join(lines) + "\n"


F = TypeVar("F", bound=Callable[..., Any])


def takes_options(defaults: Optional[Mapping[str, Any]] = None) -> Callable[[F], F]:
    """Decorates an entry point whose options arrive as ``**options``: its signature shows
    each option as a keyword with its default, and its docstring documents them."""

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn)
        params = [p for p in sig.parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]
        hints = get_type_hints(Options)
        for name, option in OPTIONS.items():
            default = (defaults or {}).get(name, option.default)
            params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                            annotation=hints[name]))
        fn.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
        fn.__doc__ = (fn.__doc__ or "") + _docs(defaults)
        return fn

    return decorate


# ------------------------------------------------------------------------------------------
# Command line


def _flags(name: str, option: Option) -> tuple[str, ...]:
    if option.flags:
        return option.flags
    dashed = name.replace("_", "-")
    if option.check is _bool:
        return (f"--no-{dashed}",) if option.default else (f"--{dashed}",)
    return (f"--{dashed}",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds one flag per option to ``parser`` (its value stays unset unless given)."""
    group = parser.add_argument_group("options (those of newsframe.read)")
    for name, option in OPTIONS.items():
        flags = _flags(name, option)
        doc = re.sub(r":class:`~?(?:[\w]+\.)*(\w+)`", r"\1", option.doc)
        doc = doc.replace("``None``", "none").replace("``", "").replace("%", "%%")
        if option.check is _bool and option.default:
            doc = f"turn off (on by default): {doc}"
        kw: dict[str, Any] = dict(dest=f"opt_{name}", default=argparse.SUPPRESS, help=doc)
        if option.check is _bool:
            kw["action"] = "store_const"
            kw["const"] = not option.default
        else:
            kw["type"] = option.parse
            kw["metavar"] = option.metavar
            if option.choices:
                kw["choices"] = option.choices
                kw.pop("metavar")
            if option.nargs:
                kw["nargs"] = option.nargs
            if option.append:
                kw["action"] = "append"
        group.add_argument(*flags, **kw)


def from_arguments(args: argparse.Namespace) -> dict[str, Any]:
    """The options given on the command line (unchecked)."""
    return {name: getattr(args, f"opt_{name}") for name in OPTIONS if hasattr(args, f"opt_{name}")}


def flag_of(name: str) -> str:
    """The command-line flag of an option, for error messages."""
    return _flags(name, OPTIONS[name])[0]


# ------------------------------------------------------------------------------------------
# Reference page


def markdown() -> str:
    """``docs/options.md``: every option, its default, command-line flag and meaning
    (``python scripts/options_doc.py`` writes it; a test checks it is current)."""
    hints = get_type_hints(Options)

    def type_name(name: str) -> str:
        hint = hints[name]
        text = hint.__name__ if isinstance(hint, type) else str(hint)
        text = text.replace("typing.", "").replace("collections.abc.", "")
        text = re.sub(r"Union\[str, os\.PathLike\[str\]\]", "PathLike", text)
        return text.replace("Union[str, os.PathLike[str], NoneType]", "Optional[PathLike]").replace("NoneType", "None")

    rows = ["| option | type | default | command line | what it does |", "|---|---|---|---|---|"]
    for name, option in OPTIONS.items():
        flags = ", ".join(f"`{f}`" for f in _flags(name, option))
        doc = re.sub(r":class:`~?(?:[\w]+\.)*(\w+)`", r"`\1`", option.doc).replace("``", "`").replace("|", "\\|")
        rows.append(f"| `{name}` | `{type_name(name)}` | `{option.default!r}` | {flags} | {doc} |")
    return (
        "# Options\n\n"
        "Every entry point takes these keyword arguments: `nf.read`, `nf.read_texts`, `nf.read_html`,\n"
        "`nf.extract` (where `boilerplate` defaults to `False`), `nf.iter_batches`, `nf.analyse`,\n"
        "`nf.write_parquet`, `newsframe.ray.extract`, and the `newsframe extract` command as flags.\n"
        "They are declared once, in `python/newsframe/_options.py` (`newsframe.Options`); this page is\n"
        "generated from it by `python scripts/options_doc.py`. A value an option cannot take raises\n"
        "`newsframe.OptionError` (also a `ValueError`; a wrong type or an unknown name raises\n"
        "`newsframe.OptionTypeError`, also a `TypeError`), naming the option and what it allows.\n"
        "`tests/test_options.py` runs each option through each entry point and checks that the\n"
        "tables equal those of `nf.read`.\n\n"
        + "\n".join(rows) + "\n"
    )
