import pytest
from support import make_site


@pytest.fixture
def site(tmp_path):
    """make_site bound to a fresh folder: site(case=..., files=...)."""

    def make(**kwargs):
        return make_site(tmp_path / "site", **kwargs)

    return make
