"""Converting articles on several cores builds the very same site."""

from __future__ import annotations

from support import build, make_site, tree_snapshot

from briefing import reading


def test_parallel_and_serial_builds_are_identical(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    converted = []
    take = reading._take_converted

    def spy(path):
        converted.append(take(path))
        return converted[-1]

    monkeypatch.setattr(reading, "_take_converted", spy)
    builds = {}
    for workers in (1, 2):
        root = make_site(
            tmp_path / f"workers-{workers}",
            case="two-briefings",
            settings=f"BRIEFING_WORKERS = {workers}\nBRIEFING_SEARCH = False\n",
        )
        result = build(root)
        assert result.code == 0, result.stderr
        builds[workers] = tree_snapshot(result.output)
    # The parallel build did take its articles from the workers...
    assert any(ahead is not None for ahead in converted)
    # ...and wrote byte for byte what the serial one wrote.
    assert builds[2] == builds[1]
