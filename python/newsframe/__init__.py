"""newsframe: a corpus of scraped news articles in, Polars DataFrames out.

Example:
    >>> import newsframe as nf
    >>> corpus = nf.read("data/sample/")
    >>> corpus.documents.height
    5
"""

from newsframe._api import Corpus, extract, read, read_html, read_texts
from newsframe._stream import Analysis, Batch, analyse, read_parquet, scan, write_parquet
from newsframe.evaluation import evaluate, evaluate_links, evaluate_values
from newsframe._newsframe import __version__
from newsframe.exceptions import ConfigError, DocumentError, InternalError, NewsframeError, PathNotFoundError
from newsframe import _plugin  # noqa: F401  (registers the ``pl.col(...).nf`` namespace)

__all__ = [
    "Corpus",
    "read",
    "read_texts",
    "read_html",
    "extract",
    "scan",
    "analyse",
    "write_parquet",
    "read_parquet",
    "Batch",
    "Analysis",
    "evaluate",
    "evaluate_values",
    "evaluate_links",
    "NewsframeError",
    "PathNotFoundError",
    "ConfigError",
    "DocumentError",
    "InternalError",
    "__version__",
]
