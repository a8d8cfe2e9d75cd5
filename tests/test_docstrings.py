"""Every docstring example of the public API runs and gives what it shows."""

import doctest

import pytest

import newsframe
import newsframe.__main__
import newsframe._api
import newsframe._options
import newsframe._plugin
import newsframe._stream
import newsframe.evaluation
import newsframe.exceptions
import newsframe.train
from conftest import ROOT


@pytest.mark.parametrize("module", [newsframe, newsframe._api, newsframe._options, newsframe._plugin, newsframe._stream, newsframe.exceptions,
                                    newsframe.evaluation, newsframe.train, newsframe.__main__])
def test_docstrings_run(module, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples use the repository's data/sample/
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if module is not newsframe.exceptions:
        assert result.attempted > 0
