import pytest
from notes_helpers import registry_in


@pytest.fixture
def registry(tmp_path):
    """The small registry of notes_helpers.ACTORS, loaded without errors."""
    return registry_in(tmp_path)
