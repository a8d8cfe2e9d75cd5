"""Type stubs of the native module. Private: use the functions of ``newsframe``."""

from typing import Any

import polars as pl

__version__: str
DEFAULT_RULES: str

class NewsframeError(Exception):
    """Root of every newsframe error."""

def expand_paths(paths: list[str]) -> tuple[list[tuple[str, str, str | None]], list[str]]: ...
def process(inputs: list[dict[str, Any]], options: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]: ...
def check_rules(text: str) -> list[tuple[str, str]]: ...
