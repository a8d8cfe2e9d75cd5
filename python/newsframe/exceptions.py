"""The newsframe exception hierarchy.

Every exception newsframe raises descends from :class:`NewsframeError`, which the native
module defines, so ``except newsframe.NewsframeError`` catches them all. Subclasses also
derive from the matching builtin, so ``except FileNotFoundError`` works as users expect.
Messages start with a stable code (``[E001]``, ``[D099]``) that can be searched for.

Per-document problems are not exceptions: they are rows with the ``error`` column set,
unless a call asks for ``errors="raise"``; then :class:`DocumentError` (or
:class:`InternalError` for a caught bug) is raised after the run, carrying every table in
``.corpus``, so the work done on the other documents is not lost.
"""

from __future__ import annotations

from typing import Any, Optional

from newsframe._newsframe import NewsframeError

__all__ = ["NewsframeError", "PathNotFoundError", "ConfigError", "OptionError", "OptionTypeError", "DocumentError",
           "InternalError"]


class PathNotFoundError(NewsframeError, FileNotFoundError):
    """A path or glob given to :func:`newsframe.read` matches nothing. ``[E001]``"""


class ConfigError(NewsframeError, ValueError):
    """An invalid option, glob or boilerplate rule file. ``[E002]`` to ``[E004]``"""


class OptionError(ConfigError):
    """An option has a value it cannot take. The message names the option and the values
    it allows; so do the attributes. ``[E003]``

    Attributes:
        option: the option's name (``"lang"``).
        allowed: what it allows, in words.
        value: the value given.
    """

    def __init__(self, option: str, allowed: str, value: Any, message: Optional[str] = None) -> None:
        super().__init__(f"[E003] invalid configuration: {message or f'{option} must be {allowed}; got {value!r}'}")
        self.option = option
        self.allowed = allowed
        self.value = value


class OptionTypeError(OptionError, TypeError):
    """An option of the wrong type (``n_threads="2"``), or an unknown option name: also a
    ``TypeError``, as Python raises for an unexpected keyword argument. ``[E003]``"""


class _WithDocument:
    """The failed document and the run's tables, for exceptions raised after a run."""

    source: Optional[str]
    error: Optional[str]
    corpus: Any

    def _attach(self, source: Optional[str], error: Optional[str], corpus: Any) -> None:
        self.source = source
        self.error = error
        self.corpus = corpus


class DocumentError(_WithDocument, NewsframeError, ValueError):
    """With ``errors="raise"``: a document could not be processed (``[D001]`` to ``[D012]``).

    Attributes:
        source: the first failed document's source (a path, ``path:line`` or an id).
        error: its ``error`` cell.
        corpus: the :class:`newsframe.Corpus` of the whole run, failed rows included.
    """

    def __init__(self, message: str, source: Optional[str] = None, error: Optional[str] = None,
                 corpus: Any = None) -> None:
        super().__init__(message)
        self._attach(source, error, corpus)


class InternalError(_WithDocument, NewsframeError, RuntimeError):
    """A bug in newsframe (a caught Rust panic). Please report it. ``[E099]``, or ``[D099]``
    for a panic inside one document with ``errors="raise"``; then ``source``, ``error`` and
    ``corpus`` are set as for :class:`DocumentError`."""

    def __init__(self, message: str, source: Optional[str] = None, error: Optional[str] = None,
                 corpus: Any = None) -> None:
        super().__init__(message)
        self._attach(source, error, corpus)
