"""The newsframe exception hierarchy.

Every exception newsframe raises descends from :class:`NewsframeError`, which the native
module defines, so ``except newsframe.NewsframeError`` catches them all. Subclasses also
derive from the matching builtin, so ``except FileNotFoundError`` works as users expect.
Messages start with a stable code (``[E001]``) that can be searched for.

Per-document problems are not exceptions: they are rows with the ``error`` column set.
"""

from newsframe._newsframe import NewsframeError

__all__ = ["NewsframeError", "PathNotFoundError", "ConfigError", "InternalError"]


class PathNotFoundError(NewsframeError, FileNotFoundError):
    """A path or glob given to :func:`newsframe.read` matches nothing. ``[E001]``"""


class ConfigError(NewsframeError, ValueError):
    """An invalid option, glob or boilerplate rule file. ``[E002]`` to ``[E004]``"""


class InternalError(NewsframeError, RuntimeError):
    """A bug in newsframe (a caught Rust panic). Please report it. ``[E099]``"""
