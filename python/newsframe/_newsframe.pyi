"""Type stubs of the native module. Private: use the functions of ``newsframe``."""

from typing import Any, Callable, final

import polars as pl

__all__ = [
    "NewsframeError",
    "__version__",
    "DEFAULT_RULES",
    "expand_paths",
    "process",
    "process_batch",
    "CorpusStage",
    "check_rules",
    "train_ner",
    "ner_tag",
    "event_candidates",
    "train_event_classifier",
]

__version__: str
DEFAULT_RULES: str

class NewsframeError(Exception):
    """Root of every newsframe error."""

def expand_paths(paths: list[str]) -> tuple[list[tuple[Any, str, str | None]], list[str]]: ...
def process(inputs: list[dict[str, Any]], options: str) -> list[tuple[str, pl.DataFrame]]: ...
def process_batch(inputs: list[dict[str, Any]], options: str) -> list[tuple[str, pl.DataFrame]]: ...

@final
class CorpusStage:
    def __new__(cls, options: str, spill_dir: str | None = None) -> "CorpusStage": ...
    def current_pass(self) -> str | None: ...
    def feed(self, records: pl.Series, first_doc: int) -> list[tuple[str, pl.DataFrame]]: ...
    def end_pass(self) -> None: ...
    def tables(self) -> list[tuple[str, pl.DataFrame]]: ...
    def story_ids(self, start: int, end: int) -> list[int]: ...
    def __len__(self) -> int: ...
def check_rules(text: str) -> list[tuple[str, str]]: ...
def train_ner(
    lang: str,
    train_text: str,
    out: str,
    eval_text: str | None = None,
    holdout: float | None = None,
    doc_size: int | None = None,
    epochs: int = 15,
    seed: int = 1,
    progress: Callable[[int, int], object] | None = None,
    dev_frac: float | None = None,
    clusters: bool = True,
    version: str | None = None,
    external_clusters: str | None = None,
    gazetteer: str | None = None,
    kb_snapshot: str | None = None,
    members: int = 1,
    dict_share: float = 0.9,
) -> list[tuple[str, float, float, float]]: ...
def ner_tag(model: str, lang: str, documents: list[list[list[str]]]) -> list[list[list[str]]]: ...
def event_candidates(
    inputs: list[dict[str, Any]], options: str
) -> list[
    tuple[
        int,
        int,
        int,
        str,
        tuple[str, str | None, str | None],
        tuple[str, str | None, str | None],
        bool,
        list[str],
    ]
]: ...
def train_event_classifier(
    rows: list[tuple[list[str], bool]],
    epochs: int = 10,
    seed: int = 1,
    out: str | None = None,
    comment: str = "",
    offsets: list[tuple[str, float]] = ...,
) -> list[tuple[str, float]]: ...
