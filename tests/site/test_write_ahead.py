"""Actor pages, timeline, feeds and data written in a second process while
Pelican writes the articles: the same site, and the same failures."""

from __future__ import annotations

import logging
import threading

import pytest
from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.writers import Writer
from support import build, make_site, read_fragments, site_settings, tree_snapshot

from briefing.building import ahead as writing_ahead
from briefing.building import search
from briefing.building.preview import Preview
from briefing.building.staging import build_site
from briefing.content.errors import ContentError, Problem
from briefing.site.pages import BriefingPagesGenerator
from briefing.speed import background
from briefing.speed.state import build_of

FAST = "BRIEFING_WORKERS = 2\n"


@pytest.fixture
def forks(monkeypatch):
    """Write ahead on sites of any size; the list of generators forked for."""
    monkeypatch.setattr(writing_ahead, "PARALLEL_MIN_FILES", 1)
    started = []
    start = background.start

    def spy(generator, **options):
        started.append(type(generator).__name__)
        return start(generator, **options)

    monkeypatch.setattr(background, "start", spy)
    return started


@pytest.mark.parametrize(
    "timeline",
    ["", "BRIEFING_TIMELINE_PAGE_EVENTS = 2\n"],
    ids=["one timeline page", "a page per year"],
)
def test_pages_written_ahead_are_the_pages_written_in_turn(tmp_path, forks, timeline):
    # Written ahead, nothing rendered is kept from one page to the next
    # (`keep_rendered`): the pages must not show it.
    builds = {}
    for ahead in (False, True):
        root = make_site(
            tmp_path / str(ahead),
            case="sample",
            settings=FAST
            + timeline
            + f"BRIEFING_WRITE_AHEAD = {ahead}\nBRIEFING_SEARCH = False\n",
        )
        result = build(root)
        assert result.code == 0, result.stderr
        builds[ahead] = tree_snapshot(result.output)
    assert forks == ["BriefingPagesGenerator"]
    assert "actors/isk/index.html" in builds[True]
    assert bool(timeline) == any(page.startswith("timeline/2") for page in builds[True])
    assert builds[True] == builds[False]


def _kept(generator) -> dict[str, int]:
    """How many values each memo of the pages generator holds."""
    env = generator.env.globals
    return {
        "events' JSON": len(generator._memo),
        "events' HTML": len(env["briefing_event"].memo),
        "years": len(env["briefing_event_list"].lists),
    }


def test_a_writer_that_writes_once_keeps_nothing_rendered(tmp_path):
    """The forked writer ends once it has written: what it rendered is let
    go as soon as no page is left to use it. The preview keeps it all."""
    root = make_site(
        tmp_path,
        case="sample",
        settings="BRIEFING_TIMELINE_PAGE_EVENTS = 2\nBRIEFING_SEARCH = False\n",
    )
    settings = site_settings(root)
    output = root / "output"
    code, generators = build_site(settings, output, keep_generators=True)
    assert code == 0
    (generator,) = [g for g in generators if isinstance(g, BriefingPagesGenerator)]
    assert all(_kept(generator).values())  # as the preview has it
    before = tree_snapshot(output)

    writer_once = BriefingPagesGenerator(
        generator.context, settings, generator.path, generator.theme, str(output)
    )
    writer_once.keep_rendered = False
    writer_once.generate_output(Writer(str(output), settings))
    assert _kept(writer_once) == {"events' JSON": 0, "events' HTML": 0, "years": 0}
    assert tree_snapshot(output) == before


@pytest.fixture
def parts_started(monkeypatch):
    """(the thread that started it, its pages) of each search part, in the
    order the parts are started."""
    parts = []
    start = search.Indexing.start

    def spy(indexing, pages_to_start):
        parts.append((threading.current_thread().name, sorted(pages_to_start)))
        return start(indexing, pages_to_start)

    monkeypatch.setattr(search.Indexing, "start", spy)
    return parts


ACTOR_PAGES = [
    f"actors/{a}/index.html" for a in ("isis", "isk", "taliban", "united-states")
]
BRIEFING_PAGES = [
    "briefings/is-k-attack-reveals-talibans-vulnerability/index.html",
    "briefings/the-last-flight-out-of-kabul/fa/index.html",
    "briefings/the-last-flight-out-of-kabul/index.html",
]


def _bundled_pages(output):
    found = {}
    for bundle in [output / "pagefind", *output.glob("pagefind/parts/*")]:
        found.update(read_fragments(bundle))
    return found


def test_actor_pages_are_indexed_once_written_while_the_articles_are(
    tmp_path, forks, parts_started, monkeypatch
):
    """Each lists all its actor's events: indexed last, they were the part
    that ended the build alone."""
    write_articles = ArticlesGenerator.generate_articles

    def after_the_pages(generator, write):
        # Let the forked process finish, and its pages be started, first.
        build_of(generator.settings).pages_job.watcher.join()
        return write_articles(generator, write)

    monkeypatch.setattr(ArticlesGenerator, "generate_articles", after_the_pages)
    root = make_site(
        tmp_path, case="sample", settings=FAST + "BRIEFING_SEARCH_BATCH = 2\n"
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert forks == ["BriefingPagesGenerator"]
    assert parts_started == [
        ("briefing-pages-wait", ACTOR_PAGES),
        ("MainThread", BRIEFING_PAGES),
    ]
    assert len(_bundled_pages(root / "output")) == 7


def test_actor_pages_written_after_the_articles_are_indexed_once(
    tmp_path, forks, parts_started, monkeypatch
):
    """The briefings' part may start before the actor pages are whole: it
    holds none of them, and they are indexed once, when they are written."""
    index_written_ahead = search.index_written_ahead
    articles_started = threading.Event()

    def later(generator, pages_written):
        assert articles_started.wait(timeout=60)
        return index_written_ahead(generator, pages_written)

    def index_articles(generator, writer=None):
        articles_started.set()  # after the plugin's own handler

    monkeypatch.setattr(search, "index_written_ahead", later)
    signals.article_writer_finalized.connect(index_articles)
    try:
        root = make_site(
            tmp_path, case="sample", settings=FAST + "BRIEFING_SEARCH_BATCH = 2\n"
        )
        result = build(root)
    finally:
        signals.article_writer_finalized.disconnect(index_articles)
    assert result.code == 0, result.stderr
    assert parts_started == [
        ("MainThread", BRIEFING_PAGES),
        ("briefing-pages-wait", ACTOR_PAGES),
    ]
    assert len(_bundled_pages(root / "output")) == 7


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
    published, forks, monkeypatch, builds
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
    assert builds and all(b.pages_job is None for b in builds)


@pytest.mark.parametrize("ahead", [False, True], ids=["in turn", "written ahead"])
def test_a_page_at_the_address_of_one_of_ours_is_the_same_error_either_way(
    site, forks, ahead
):
    root = site(
        case="two-briefings",
        files={
            "pages/actors.md": "Title: Our actors\nSlug: actors\n\nText.\n",
            "pages/when.md": "Title: When\nSlug: timeline\n\nText.\n",
        },
        settings=FAST + f"BRIEFING_WRITE_AHEAD = {ahead}\n",
    )
    result = build(root)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/pages/actors.md:2: actors/index.html: written twice, as this "
        "file's page and as the actors index (give it a Slug or Save_as of its own)",
        "content/pages/when.md:2: timeline/index.html: written twice, as this "
        "file's page and as the timeline (give it a Slug or Save_as of its own)",
        "2 errors in the content; output/ was left as it was",
    ]
    assert forks == []  # refused before anything was handed to a process


def test_two_of_our_own_files_at_one_address_are_refused(site):
    root = site(
        case="two-briefings",
        settings="BRIEFING_TIMELINE_SAVE_AS = 'actors/index.html'\n",
    )
    result = build(root)
    assert result.code == 1
    assert (
        "content: actors/index.html: written twice, as the actors index and as "
        "the timeline (give the BRIEFING_*_SAVE_AS settings paths of their own)"
    ) in result.stderr


@pytest.mark.parametrize("ahead", [False, True], ids=["in turn", "written ahead"])
def test_a_page_with_a_save_as_of_its_own_replaces_ours_either_way(site, forks, ahead):
    root = site(
        case="two-briefings",
        files={"pages/isk.md": "Title: Ours\nSave_as: actors/isk/index.html\n\nX.\n"},
        settings=FAST + f"BRIEFING_WRITE_AHEAD = {ahead}\n",
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert result.page("actors/isk/index.html").h1.get_text(strip=True) == "Ours"
    assert (result.output / "actors/taliban/index.html").exists()


def test_one_of_our_files_at_the_address_of_pelicans_own_is_refused(site):
    root = site(
        case="two-briefings",
        settings="BRIEFING_ACTORS_SAVE_AS = 'index.html'\n"
        "BRIEFING_ACTOR_FEED_ATOM = 'feeds/{id}.atom.xml'\n"
        "FEED_ALL_ATOM = 'feeds/isk.atom.xml'\n",
    )
    result = build(root)
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert (
        "content: index.html: written twice, as Pelican's index page and as "
        "the actors index"
    ) in result.stderr
    assert (
        "content: feeds/isk.atom.xml: written twice, as Pelican's FEED_ALL_ATOM "
        "feed and as the feed of actor 'isk'"
    ) in result.stderr
