"""Every test: it may read nothing beside the repository (readguard.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican import signals
from readguard import ReadGuard

from briefing.speed.state import build_of

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


@pytest.fixture
def builds():
    """The state (speed/state.py) of every build run during the test."""
    seen = []

    def keep(pelican):
        seen.append(build_of(pelican.settings))

    signals.initialized.connect(keep)
    yield seen
    signals.initialized.disconnect(keep)
