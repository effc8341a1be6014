"""What Pagefind indexes: briefings and actor pages, never the site chrome."""

import gc
import json
import os
import sys
import threading
import time

import pytest
from pelican import Pelican
from pelican.contents import Article
from support import build, make_site, read_fragments, site_settings, tree_snapshot

from briefing.building import search
from briefing.building import staging as building
from briefing.content.errors import ContentError, Problem
from briefing.site.pages import BriefingPagesGenerator
from briefing.speed.state import build_of


@pytest.fixture
def fragments(sample_build):
    return read_fragments(sample_build.output / "pagefind")


def test_briefings_and_actor_pages_are_indexed_and_nothing_else(fragments):
    assert sorted(fragments) == [
        "/actors/isis/",
        "/actors/isk/",
        "/actors/taliban/",
        "/actors/united-states/",
        "/briefings/is-k-attack-reveals-talibans-vulnerability/",
        "/briefings/the-last-flight-out-of-kabul/",
        "/briefings/the-last-flight-out-of-kabul/fa/",
    ]
    seed = fragments["/briefings/is-k-attack-reveals-talibans-vulnerability/"]
    assert seed["meta"]["title"] == "IS-K attack reveals Taliban’s vulnerability"
    assert "opening salvo" in seed["content"]


def test_navigation_search_box_and_footer_are_not_indexed(fragments):
    for record in fragments.values():
        content = record["content"]
        assert "Skip to content" not in content
        assert "Briefings Actors Timeline About" not in content
        assert "Search the briefings" not in content
        assert "Articles that matter, with the actors" not in content


def test_without_search_there_is_no_index_page_or_box(tmp_path):
    result = build(
        make_site(tmp_path, case="two-briefings", settings="BRIEFING_SEARCH = False\n")
    )
    assert result.code == 0, result.stderr
    assert not (result.output / "pagefind").exists()
    assert not (result.output / "search").exists()
    assert result.page("index.html").select_one("form.site-search") is None


def test_a_small_site_is_one_bundle(sample_build):
    manifest = sample_build.output / "pagefind" / "briefing-parts.json"
    assert json.loads(manifest.read_text(encoding="utf-8")) == {"parts": []}
    assert not (sample_build.output / "pagefind" / "parts").exists()


def test_a_large_site_is_indexed_in_parts_that_cover_every_page(tmp_path, fragments):
    # Six pages to index, at most two per part: the main bundle and more.
    result = build(
        make_site(tmp_path, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
    )
    assert result.code == 0, result.stderr
    bundle = result.output / "pagefind"
    manifest = json.loads((bundle / "briefing-parts.json").read_text("utf-8"))
    count = len(manifest["parts"]) + 1
    assert count >= 3
    assert manifest == {"parts": [f"parts/{n}/" for n in range(2, count + 1)]}
    bundles = [bundle] + [bundle / part for part in manifest["parts"]]
    seen = {}
    for part in bundles:
        assert (part / "pagefind-entry.json").is_file()
        records = read_fragments(part)
        assert 1 <= len(records) <= 2
        assert not set(records) & set(seen), "a page indexed twice"
        seen.update(records)
    # The same pages, with the same text, as one bundle of the whole site.
    assert sorted(seen) == sorted(fragments)
    for url, record in fragments.items():
        assert seen[url]["content"] == record["content"]
    # No scratch folder is left beside the output.
    assert not list(result.output.parent.glob(".pagefind-*"))


def test_the_briefings_parts_start_before_the_other_pages_are_written(
    tmp_path, monkeypatch, builds
):
    started = []
    start = search.Indexing.start

    def spy(indexing, pages):
        actor_page = indexing.output / "actors" / "isk" / "index.html"
        started.append((sorted(pages), actor_page.exists()))
        return start(indexing, pages)

    monkeypatch.setattr(search.Indexing, "start", spy)
    result = build(
        make_site(tmp_path, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
    )
    assert result.code == 0, result.stderr
    (early, before_actors), (rest, after_actors) = started
    assert early == [
        "briefings/is-k-attack-reveals-talibans-vulnerability/index.html",
        "briefings/the-last-flight-out-of-kabul/fa/index.html",
        "briefings/the-last-flight-out-of-kabul/index.html",
    ]
    assert not before_actors and after_actors
    assert rest == [f"actors/{a}/index.html" for a in ("isis", "isk", "taliban")] + [
        "actors/united-states/index.html"
    ]
    assert builds and all(b.indexing is None for b in builds)


def test_a_build_failing_while_parts_are_indexed_stops_them(
    tmp_path, monkeypatch, builds
):
    root = make_site(tmp_path, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
    assert build(root).code == 0
    published = tree_snapshot(root / "output")
    seen = {}

    def broken(generator, writer, actor_ids=None):
        indexing = build_of(generator.settings).indexing
        seen["parts"] = len(indexing.parts)
        raise ContentError([Problem(root / "x.yaml", 3, "broken", None)])

    monkeypatch.setattr(BriefingPagesGenerator, "generate_output", broken)
    result = build(root)
    assert result.code == 1
    assert "x.yaml:3: broken" in result.stderr
    # The sample's three briefing pages (one a translation) are more than a
    # batch of 2, and a part may end after half a batch: one part each.
    assert seen == {"parts": 3}
    # Nothing runs on, nothing is left beside the site, which is unchanged.
    assert builds and all(b.indexing is None for b in builds)
    assert not [t for t in threading.enumerate() if t.name.startswith("pagefind")]
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["cache", "content", "output", "pelican.conf.py"]
    )
    assert tree_snapshot(root / "output") == published


def test_an_actor_page_is_found_by_the_actor_not_by_its_briefings(fragments):
    """A word of a briefing's title or role finds the briefing, not also
    every actor page listing it (nor does Pagefind hold those lists)."""
    actor = fragments["/actors/united-states/"]["content"]
    assert "United States" in actor
    briefing = fragments["/briefings/the-last-flight-out-of-kabul/"]["content"]
    for listed in ("The last flight out of Kabul", "120,000 people"):
        assert listed in briefing
        assert listed not in actor


def test_a_briefing_is_found_by_its_actors_roles_not_their_profiles(fragments):
    """An actor's profile in a briefing's sidebar is the actor's, and the
    same in each of its briefings: its words find the actor page, not every
    briefing the actor is in. The actor's name and role there are indexed."""
    seed = fragments["/briefings/is-k-attack-reveals-talibans-vulnerability/"]
    isk = fragments["/actors/isk/"]["content"]
    for profile in ("Nangarhar province", "Wilayat Khorasan"):
        assert profile in isk
        assert profile not in seed["content"]
    assert "Islamic State – Khorasan Province" in seed["content"]
    assert "opening move of a campaign" in seed["content"]


def test_an_actor_pages_facts_are_separate_words_in_search(fragments):
    """Pagefind joins the text of <dt> and <dd>, or of table cells, as it
    stands in the HTML."""
    content = fragments["/actors/united-states/"]["content"]
    assert "Adversary Islamic State – Khorasan Province" in content
    assert "AdversaryIslamic" not in content
    assert "Relation With When" in content
    isis = fragments["/actors/isis/"]["content"]
    assert "Branches Islamic State – Khorasan Province" in isis


@pytest.mark.parametrize("batch", [None, 2])
def test_when_pagefind_fails_the_build_fails_and_keeps_the_site(
    tmp_path, monkeypatch, batch, builds
):
    root = make_site(
        tmp_path, case="sample", settings=f"BRIEFING_SEARCH_BATCH = {batch}\n"
    )
    assert build(root).code == 0
    published = tree_snapshot(root / "output")
    failing = "import sys; sys.exit('the index is broken')"
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, "-c", failing])
    result = build(root)
    assert result.code == 1
    assert "Pagefind could not index the site: the index is broken" in result.stderr
    assert "set BRIEFING_SEARCH = False to build without search" in result.stderr
    assert tree_snapshot(root / "output") == published
    assert builds and all(b.indexing is None for b in builds)
    assert not [t for t in threading.enumerate() if t.name.startswith("pagefind")]
    assert sorted(p.name for p in root.iterdir()) == [
        "cache",
        "content",
        "output",
        "pelican.conf.py",
    ]


def test_pagefind_runs_at_a_lower_priority_than_the_build(tmp_path, monkeypatch):
    """Parts start while Pelican still writes pages: they take what it
    leaves of the processor."""
    seen = tmp_path / "niceness"
    launcher = tmp_path / "launcher.py"
    launcher.write_text(
        "import os, runpy, sys, time\n"
        "time.sleep(0.2)  # the build lowers its priority once it is started\n"
        f"with open({str(seen)!r}, 'a') as file:\n"
        "    print(os.nice(0), file=file)\n"
        "sys.argv[0] = 'pagefind'\n"
        "runpy.run_module('pagefind', run_name='__main__')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, str(launcher)])
    root = make_site(tmp_path / "site", case="sample")
    result = build(root)
    assert result.code == 0, result.stderr
    expected = min(19, os.nice(0) + search.PAGEFIND_NICENESS)
    assert seen.read_text().split() == [str(expected)]
    assert len(read_fragments(root / "output" / "pagefind")) == 7


def test_the_build_waits_for_the_index_once_it_has_let_go_of_the_articles(
    tmp_path, monkeypatch, builds
):
    """The last parts are indexed after Pelican has returned, and the build
    does not hold the site it wrote beside the Pagefind processes."""
    slow = tmp_path / "slow_pagefind.py"
    slow.write_text(
        "import runpy, sys, time\n"
        "time.sleep(1)\n"
        "sys.argv[0] = 'pagefind'\n"
        "runpy.run_module('pagefind', run_name='__main__')\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(search, "PAGEFIND", [sys.executable, str(slow)])
    events = []
    run, finish = Pelican.run, search.finish_index

    def running(pelican):
        run(pelican)
        indexing = build_of(pelican.settings).indexing
        while not indexing.pagefind_ran:  # the briefings' parts, started early
            time.sleep(0.01)
        events.append("pelican returned, Pagefind at work")

    def finishing(settings):
        ours = [
            article
            for article in gc.get_objects()
            if isinstance(article, Article)
            and article.settings.get("OUTPUT_PATH") == settings["OUTPUT_PATH"]
        ]
        events.append(("articles alive", len(ours)))
        finish(settings)

    monkeypatch.setattr(Pelican, "run", running)
    monkeypatch.setattr(search, "finish_index", finishing)
    root = make_site(
        tmp_path / "site", case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n"
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert events == ["pelican returned, Pagefind at work", ("articles alive", 0)]
    assert builds and all(b.indexing is None and not b.index_later for b in builds)


def test_a_build_whose_index_parts_are_all_kept_does_not_stop_to_let_go(
    tmp_path, monkeypatch
):
    """Collecting the site's objects takes seconds on a large site: only
    worth it while Pagefind works."""
    root = make_site(tmp_path, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
    assert build(root).code == 0
    let_go = []
    monkeypatch.setattr(building, "let_go_of_the_site", lambda: let_go.append(1))
    (root / "output").rename(root / "first")
    result = build(root)
    assert result.code == 0, result.stderr
    assert let_go == []
    assert tree_snapshot(result.output) == tree_snapshot(root / "first")


def test_pelicans_own_command_waits_for_the_index_itself(tmp_path, builds):
    """Without the build command, Pelican's `finalized` signal is the last
    chance: the index is complete when `pelican` returns."""
    root = make_site(tmp_path, case="sample", settings="BRIEFING_SEARCH_BATCH = 2\n")
    settings = site_settings(root)
    settings["OUTPUT_PATH"] = str(root / "output")
    Pelican(settings).run()
    bundle = root / "output" / "pagefind"
    manifest = json.loads((bundle / "briefing-parts.json").read_text("utf-8"))
    assert manifest["parts"]
    pages = read_fragments(bundle)
    for part in manifest["parts"]:
        pages.update(read_fragments(bundle / part))
    assert len(pages) == 7
    assert builds and all(b.indexing is None for b in builds)


def test_pagefind_indexes_each_language_apart(sample_build):
    entry = json.loads(
        (sample_build.output / "pagefind" / "pagefind-entry.json").read_text("utf-8")
    )
    assert set(entry["languages"]) == {"en", "fa"}
    assert entry["languages"]["fa"]["page_count"] == 1
