"""Actor pages, timeline, feeds and data written in a second process while
Pelican writes the articles: the same site, and the same failures."""

from __future__ import annotations

import logging

import pytest
from support import build, make_site, read_fragments, tree_snapshot

from briefing import background, pages, search
from briefing.errors import ContentError, Problem
from briefing.pages import BriefingPagesGenerator
from briefing.preview import Preview

FAST = "BRIEFING_WORKERS = 2\n"


@pytest.fixture
def forks(monkeypatch):
    """Write ahead on sites of any size; the list of generators forked for."""
    monkeypatch.setattr(pages, "PARALLEL_MIN_FILES", 1)
    started = []
    start = background.start

    def spy(generator):
        started.append(type(generator).__name__)
        return start(generator)

    monkeypatch.setattr(background, "start", spy)
    return started


def test_pages_written_ahead_are_the_pages_written_in_turn(tmp_path, forks):
    builds = {}
    for ahead in (False, True):
        root = make_site(
            tmp_path / str(ahead),
            case="sample",
            settings=FAST
            + f"BRIEFING_WRITE_AHEAD = {ahead}\nBRIEFING_SEARCH = False\n",
        )
        result = build(root)
        assert result.code == 0, result.stderr
        builds[ahead] = tree_snapshot(result.output)
    assert forks == ["BriefingPagesGenerator"]
    assert "actors/isk/index.html" in builds[True]
    assert builds[True] == builds[False]


@pytest.fixture
def parts_started(monkeypatch):
    """The pages of each search part, in the order the parts are started."""
    parts = []
    start = search.Indexing.start

    def spy(indexing, pages_to_start):
        parts.append(sorted(pages_to_start))
        return start(indexing, pages_to_start)

    monkeypatch.setattr(search.Indexing, "start", spy)
    return parts


def test_search_parts_started_early_hold_the_articles_only(
    tmp_path, forks, parts_started, monkeypatch
):
    """The actor pages are being written while the briefings' search part
    starts: none of them, perhaps half written, may go into it."""
    monkeypatch.setattr(background, "finished", lambda output_path: False)
    root = make_site(
        tmp_path, case="sample", settings=FAST + "BRIEFING_SEARCH_BATCH = 2\n"
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert forks == ["BriefingPagesGenerator"]
    assert all(page.startswith("briefings/") for page in parts_started[0])
    assert all(page.startswith("actors/") for page in parts_started[1])
    assert sum(map(len, parts_started)) == 6


def test_actor_pages_written_by_then_are_indexed_first(
    tmp_path, forks, parts_started, monkeypatch
):
    """Each lists all its actor's events: indexed last, they were the part
    that ended the build alone."""
    seen = []
    finished = background.finished

    def written_by_now(output_path):
        process, _ = background._underway[str(output_path)]
        process.join()
        seen.append(finished(output_path))
        return seen[-1]

    monkeypatch.setattr(background, "finished", written_by_now)
    root = make_site(
        tmp_path, case="sample", settings=FAST + "BRIEFING_SEARCH_BATCH = 2\n"
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert seen == [True]
    actors = [f"actors/{a}/index.html" for a in ("isis", "isk", "taliban")]
    assert parts_started == [
        [*actors, "actors/united-states/index.html"],
        [
            "briefings/is-k-attack-reveals-talibans-vulnerability/index.html",
            "briefings/the-last-flight-out-of-kabul/index.html",
        ],
    ]
    found = {}
    for bundle in [
        root / "output" / "pagefind",
        *(root / "output").glob("pagefind/parts/*"),
    ]:
        found.update(read_fragments(bundle))
    assert len(found) == 6


@pytest.fixture
def published(tmp_path, forks):
    root = make_site(
        tmp_path, case="sample", settings=FAST + "BRIEFING_SEARCH = False\n"
    )
    assert build(root).code == 0
    return root, tree_snapshot(root / "output")


def test_a_content_error_there_fails_the_build_and_keeps_the_site(
    published, forks, monkeypatch
):
    root, before = published

    def broken(generator, site, actors):
        raise ContentError([Problem(root / "content" / "x.yaml", 4, "wrong", "fix")])

    monkeypatch.setattr(BriefingPagesGenerator, "_write_data", broken)
    result = build(root)
    assert forks == ["BriefingPagesGenerator"] * 2
    assert result.code == 1
    assert "x.yaml:4: wrong (fix)" in result.stderr
    assert tree_snapshot(root / "output") == before


def test_an_error_logged_there_fails_the_build(published, forks, monkeypatch):
    root, before = published

    def logs(generator, site, actors):
        logging.getLogger("pelican").error("a page could not be written")

    monkeypatch.setattr(BriefingPagesGenerator, "_write_data", logs)
    result = build(root)
    assert forks == ["BriefingPagesGenerator"] * 2
    assert result.code == 1
    assert tree_snapshot(root / "output") == before


def test_the_preview_writes_everything_itself(tmp_path, forks, monkeypatch):
    root = make_site(tmp_path, case="sample", settings=FAST)
    monkeypatch.chdir(root)
    assert Preview(root / "pelican.conf.py", root / "output").build_all().kind == (
        "full"
    )
    assert forks == []


def test_a_failure_there_is_raised_here_with_its_traceback(
    published, forks, monkeypatch
):
    root, before = published

    def fails(generator, site, actors):
        raise ValueError("a bug in the data writer")

    monkeypatch.setattr(BriefingPagesGenerator, "_write_data", fails)
    with pytest.raises(RuntimeError) as raised:
        build(root)
    assert "BriefingPagesGenerator's pages" in str(raised.value)
    assert "ValueError: a bug in the data writer" in str(raised.value)
    assert "in fails" in str(raised.value)  # the frame it came from
    assert tree_snapshot(root / "output") == before
    assert not background._underway
