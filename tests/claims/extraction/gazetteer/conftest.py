from __future__ import annotations

import pytest

from claims.extraction.gazetteer.index import Gazetteer, default


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The gazetteer built from the packages and data (built in memory if `make` has not)."""
    return default()
