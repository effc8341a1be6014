"""BRIEFING_SPEED = False builds the plain way, through Pelican's own reader
and writer, with no cache, nothing written ahead and the search index in
one go; both ways publish the very same bytes."""

from __future__ import annotations

import logging

import pytest
from pelican.readers import MarkdownReader
from support import build, make_site, tree_snapshot

from briefing.building import ahead
from briefing.speed import background, internals, reading

# A desk's week: enough briefings that the fast path converts them on two
# cores, writes the actor pages ahead and indexes search in parts.
MANY = {
    **{
        f"briefings/day-{n:03}.md": (
            f'Title: Day {n}: the "border" -- again...\nDate: 2021-09-{n % 28 + 1:02}\n'
            f"Tags: border, day{n % 7}\n\nThe *Taliban* and IS-K, day {n}. "
            "[A source](https://example.org/a?b=1&c=2).\n"
        )
        for n in range(24)
    },
    **{
        f"briefings/day-{n:03}.notes.yaml": (
            "summary: A day at the **border**.\n"
            "actors:\n  - id: taliban\n    role: Held the crossing.\n"
            "  - id: isk\n    role: Struck nearby.\n"
            "timeline:\n"
            f"  - date: 2021-09-{n % 28 + 1:02}\n    title: Clash {n}\n"
            "    actors: [taliban, isk]\n"
        )
        for n in range(24)
    },
}

CASES = {
    "sample": ("sample", {}),
    "desk": ("two-briefings", MANY),
}


@pytest.fixture
def everything_fast(monkeypatch):
    """The fast path's thresholds brought down to a small site's size; the
    generators the fast path forked for, and the files its workers read."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(ahead, "PARALLEL_MIN_FILES", 1)
    seen = {"forked": 0, "converted": 0}
    start, take = background.start, reading._take_converted

    def forked(generator, **options):
        seen["forked"] += 1
        return start(generator, **options)

    def converted(conversion, path):
        found = take(conversion, path)
        seen["converted"] += found is not None
        return found

    monkeypatch.setattr(background, "start", forked)
    monkeypatch.setattr(reading, "_take_converted", converted)
    return seen


@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_the_plain_and_the_fast_path_publish_the_same_bytes(
    tmp_path, everything_fast, case
):
    folder, files = CASES[case]
    trees = {}
    for speed in (True, False):
        root = make_site(
            tmp_path / str(speed),
            case=folder,
            files=files,
            settings=f"BRIEFING_SPEED = {speed}\nBRIEFING_WORKERS = 2\n"
            "BRIEFING_SEARCH_BATCH = 10\n",
        )
        result = build(root)
        assert result.code == 0, result.stderr
        trees[speed] = tree_snapshot(result.output)
        if speed:  # the fast path did take its shortcuts...
            assert everything_fast["forked"] == 1
            assert everything_fast["converted"] > 0
            assert (root / "cache").is_dir()
        else:  # ...and the plain one none of them
            assert everything_fast["forked"] == 1
            assert not (root / "cache").exists()
    # Search in parts (fast) and in one go (plain) index alike, but their
    # bundles differ in layout: the pages and the data must be the same.
    pages = {
        path: (trees[True][path], trees[False].get(path))
        for path in trees[True]
        if not path.startswith("pagefind/")
    }
    assert {p for p in trees[False] if not p.startswith("pagefind/")} == set(pages)
    assert [path for path, (fast, plain) in pages.items() if fast != plain] == []


def test_the_plain_path_reads_with_pelicans_own_reader(site, monkeypatch):
    readers = []
    read = MarkdownReader.read

    def spy(reader, path):
        readers.append(type(reader))
        return read(reader, path)

    monkeypatch.setattr(MarkdownReader, "read", spy)
    root = site(case="two-briefings", settings="BRIEFING_SPEED = False\n")
    assert build(root).code == 0
    assert set(readers) == {MarkdownReader}


def test_untested_library_versions_take_the_plain_path_with_a_warning(
    site, monkeypatch, caplog
):
    monkeypatch.setitem(internals.TESTED, "pelican", ("3.0",))
    internals._untested_once.cache_clear()
    internals._warn_once.cache_clear()
    try:
        root = site(case="two-briefings")
        with caplog.at_level(logging.WARNING):
            result = build(root)
        assert result.code == 0, result.stderr
        assert not (root / "cache").exists()
        [warning] = [
            r.getMessage() for r in caplog.records if "fast paths" in r.getMessage()
        ]
        assert warning.startswith(
            "briefing: the fast paths were not tested with pelican 4.12"
        )
    finally:
        internals._untested_once.cache_clear()
        internals._warn_once.cache_clear()
