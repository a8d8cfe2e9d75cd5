"""The ``nf`` expression namespace: newsframe as a Polars expression plugin.

Importing :mod:`newsframe` registers it, so that ``pl.col("text").nf.entities()`` works in
``select``, ``with_columns``, ``group_by().agg`` and on a ``LazyFrame``. The work runs in
Rust inside the Polars query, without the GIL and without building a :class:`Corpus`.

Example:
    >>> import polars as pl
    >>> import newsframe  # registers the namespace
    >>> df = pl.DataFrame({"text": ["Algeria bought $3 billion of arms from Russia in 2021."]})
    >>> df.select(pl.col("text").nf.lang()).item()
    'en'
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, Optional, Union

import polars as pl
from polars.plugins import register_plugin_function

from newsframe import _newsframe
from newsframe._options import OPTIONS
from newsframe.exceptions import ConfigError, PathNotFoundError

#: The shared library that holds the plugin functions (the extension module itself).
_LIB = Path(_newsframe.__file__)

#: Labels ``entities(labels=...)`` accepts.
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "DATE", "MONEY", "PERCENT")

Offsets = Literal["input", "clean"]


def _check_offsets(offsets: str) -> str:
    if offsets not in ("input", "clean"):
        raise ConfigError(f"[E003] invalid configuration: offsets must be 'input' or 'clean', got {offsets!r}")
    return offsets


def _checked(name: str, value: Any) -> Any:
    """An option checked as every entry point checks it (see ``newsframe/_options.py``)."""
    return OPTIONS[name].check(name, value)


def _check_model(model: Optional[Union[str, "os.PathLike[str]"]]) -> Optional[str]:
    if model is None or model == "default":
        return model
    path = os.fspath(model)
    if not Path(path).is_file():
        raise PathNotFoundError(2, f"[E001] no such file or directory: {path}", path)
    # Absolute, so that the same expression means the same model from any directory.
    return str(Path(path).resolve())


@pl.api.register_expr_namespace("nf")
class NewsframeExpr:
    """newsframe on a String column: ``pl.col("text").nf.<method>()``.

    Every method takes raw article text (one article per row) and runs the same pipeline
    as :func:`newsframe.read_texts` on each value: cleaning (boilerplate lines removed
    unless ``boilerplate=False``), language, sentences, mentions. A null value gives null;
    an empty string gives ``""``, null, or an empty list. Corpus-level results (linking,
    events, stories) need :func:`newsframe.read_texts`.

    Work is spread over as many threads as Polars' own pool (``pl.thread_pool_size()``,
    set by ``POLARS_MAX_THREADS``) and results do not depend on it.
    """

    def __init__(self, expr: pl.Expr) -> None:
        self._expr = expr

    def _call(self, function: str, **kwargs: Any) -> pl.Expr:
        kwargs["n_threads"] = pl.thread_pool_size()
        return register_plugin_function(
            plugin_path=_LIB,
            function_name=function,
            args=self._expr,
            kwargs=kwargs,
            is_elementwise=True,
        )

    def entities(
        self,
        *,
        lang: Optional[str] = None,
        model: Optional[Union[str, "os.PathLike[str]"]] = "default",
        labels: Optional[Iterable[str]] = None,
        pub_date: Optional[str] = None,
        boilerplate: bool = True,
        offsets: Offsets = "input",
    ) -> pl.Expr:
        """Entity mentions of each text, as a list of structs.

        Each struct has ``start``, ``end``, ``text``, ``label``, ``kb_id`` and ``values``
        (a struct of ``amount_min``, ``amount_max``, ``currency``, ``percent``, ``date``,
        ``date_end``, ``qualifier``: the value columns of ``Corpus.mentions``).

        Offsets are Python string indices into the value you passed (``offsets="input"``,
        the default; they equal ``mentions.raw_start``/``raw_end``), so
        ``text[start:end]`` is the mention as written; ``text`` is the mention in the
        cleaned text, which differs from that slice only where cleaning changed it
        (collapsed whitespace, repaired mojibake). With ``offsets="clean"`` they index
        ``.nf.clean()`` instead, like ``mentions.start``/``end``.

        Args:
            lang: ISO 639-1 code for every text instead of detection.
            model: ``"default"``, ``None`` (knowledge base and rules only, faster) or the
                path of a model trained with ``python -m newsframe.train``.
            labels: keep only mentions with these labels (e.g. ``["PERSON", "ORG"]``).
            pub_date: date of the texts (ISO 8601), to resolve relative dates.
            boilerplate: remove boilerplate lines first, as :func:`newsframe.read_texts` does.
            offsets: ``"input"`` or ``"clean"``, see above.

        Example:
            >>> import polars as pl, newsframe
            >>> df = pl.DataFrame({"text": ["Algeria  bought $3 billion of arms from Russia."]})
            >>> m = df.select(pl.col("text").nf.entities()).explode("text").unnest("text")
            >>> m.select("start", "end", "text", "label").rows()
            [(0, 7, 'Algeria', 'GPE'), (16, 26, '$3 billion', 'MONEY'), (40, 46, 'Russia', 'GPE')]
            >>> m["values"].struct.field("amount_min").to_list()
            [None, 3000000000.0, None]
        """
        label_list = None
        if labels is not None:
            label_list = [labels] if isinstance(labels, str) else [str(x) for x in labels]
            unknown = [x for x in label_list if x not in LABELS]
            if unknown:
                raise ConfigError(f"[E003] invalid configuration: unknown labels {unknown}; known: {list(LABELS)}")
        return self._call(
            "nf_entities",
            lang=_checked("lang", lang),
            model=_check_model(model),
            labels=label_list,
            pub_date=_checked("pub_date", pub_date),
            boilerplate=_checked("boilerplate", boilerplate),
            offsets=_check_offsets(offsets),
        )

    def sentences(self, *, boilerplate: bool = True, offsets: Offsets = "input") -> pl.Expr:
        """Sentences of each text, as a list of structs ``start``, ``end``, ``text``.

        ``text`` is the sentence of the cleaned text (``Corpus.sentences.text``); offsets
        index the value you passed (``offsets="input"``) or ``.nf.clean()``
        (``offsets="clean"``, as ``Corpus.sentences.start``/``end``).

        Example:
            >>> import polars as pl, newsframe
            >>> df = pl.DataFrame({"text": ["The talks ended. Both sides left."]})
            >>> df.select(pl.col("text").nf.sentences()).item().to_list()
            [{'start': 0, 'end': 16, 'text': 'The talks ended.'}, {'start': 17, 'end': 33, 'text': 'Both sides left.'}]
        """
        return self._call("nf_sentences", boilerplate=_checked("boilerplate", boilerplate), offsets=_check_offsets(offsets))

    def clean(self, *, boilerplate: bool = True) -> pl.Expr:
        """The cleaned text (``Corpus.documents.text``): mojibake repaired, NFC, spaces
        normalised, boilerplate lines removed (unless ``boilerplate=False``).

        Example:
            >>> import polars as pl, newsframe
            >>> df = pl.DataFrame({"text": ["It\\u2019s  done.\\nLeave a Reply"]})
            >>> df.select(pl.col("text").nf.clean()).item()
            'It’s done.'
        """
        return self._call("nf_clean", boilerplate=_checked("boilerplate", boilerplate))

    def lang(self, *, boilerplate: bool = True) -> pl.Expr:
        """The detected language (ISO 639-1, ``Corpus.documents.lang``), null when unknown.

        Example:
            >>> import polars as pl, newsframe
            >>> df = pl.DataFrame({"text": ["The army met on Monday.", "التقى الرئيس بالوفد الروسي في الجزائر."]})
            >>> df.select(pl.col("text").nf.lang()).to_series().to_list()
            ['en', 'ar']
        """
        return self._call("nf_lang", boilerplate=_checked("boilerplate", boilerplate))
