import pytest
from support import build, make_site


@pytest.fixture
def site(tmp_path):
    """make_site bound to a fresh folder: site(case=..., files=...)."""

    def make(**kwargs):
        return make_site(tmp_path / "site", **kwargs)

    return make


def _built(tmp_path_factory, case):
    result = build(make_site(tmp_path_factory.mktemp(case), case=case))
    assert result.code == 0, result.stderr
    return result


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The project's own sample site, built once for every test that reads it."""
    return _built(tmp_path_factory, "sample")


@pytest.fixture(scope="session")
def desk_build(tmp_path_factory):
    """The two-briefings case (shared actors, a shared event id, a draft)."""
    return _built(tmp_path_factory, "two-briefings")
