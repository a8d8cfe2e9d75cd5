"""newsframe: a corpus of scraped news articles in, Polars DataFrames out.

Every entry point (:func:`read`, :func:`read_texts`, :func:`read_html`, :func:`extract`,
:func:`iter_batches`, :func:`analyse`, :func:`write_parquet`, :func:`newsframe.ray.extract`
and the ``newsframe extract`` command) takes the same options, listed in :class:`Options`.

Example:
    >>> import newsframe as nf
    >>> corpus = nf.read("data/sample/")
    >>> corpus.documents.height
    5
    >>> nf.read("data/sample/", model=None, n_threads=1).documents.height
    5
"""

from newsframe._api import Corpus, extract, read, read_html, read_texts
from newsframe._options import Options
from newsframe._stream import Analysis, Batch, analyse, iter_batches, read_parquet, scan, write_parquet
from newsframe.evaluation import evaluate, evaluate_links, evaluate_values
from newsframe._newsframe import __version__
from newsframe.exceptions import (
    ConfigError,
    DocumentError,
    InternalError,
    NewsframeError,
    OptionError,
    OptionTypeError,
    PathNotFoundError,
)
from newsframe import _plugin  # noqa: F401  (registers the ``pl.col(...).nf`` namespace)

__all__ = [
    "Corpus",
    "Options",
    "read",
    "read_texts",
    "read_html",
    "extract",
    "iter_batches",
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
    "OptionError",
    "OptionTypeError",
    "DocumentError",
    "InternalError",
    "__version__",
]
