"""Every test: it may read nothing beside the repository (readguard.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from readguard import ReadGuard

GUARD = ReadGuard(Path(__file__).resolve().parents[1])
GUARD.install()


@pytest.fixture(autouse=True)
def _reads_only_the_repository():
    GUARD.take()
    yield
    outside = GUARD.take()
    if outside:
        pytest.fail(
            "this test read outside the repository (a clone has no such files; "
            "carry the fixture in tests/): " + "; ".join(sorted(set(outside))),
            pytrace=False,
        )
