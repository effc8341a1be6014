"""Search parts kept between builds: a part whose pages are all unchanged is
copied from the cache, and the search index is the one a fresh build makes."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest
from support import build, make_site, read_fragments, tree_snapshot

from briefing.building import search

PARTS = "BRIEFING_SEARCH_BATCH = 2\n"
SEED = "content/briefings/is-k-attack-reveals-talibans-vulnerability.md"


@pytest.fixture
def pagefind_runs(monkeypatch):
    """The folders Pagefind was run on, one per part indexed."""
    runs = []
    run = search._pagefind

    def spy(arguments, output, running=None):
        site = arguments[arguments.index("--site") + 1]
        pages = Path(site).rglob("*.html")
        runs.append(sorted(str(page.relative_to(site)) for page in pages))
        return run(arguments, output, running)

    monkeypatch.setattr(search, "_pagefind", spy)
    return runs


def _parts(output):
    """The page URLs of each part, from the bundles' fragments."""
    bundle = output / "pagefind"
    manifest = json.loads((bundle / "briefing-parts.json").read_text("utf-8"))
    bundles = [bundle] + [bundle / part for part in manifest["parts"]]
    return [sorted(read_fragments(part)) for part in bundles]


def test_an_unchanged_site_is_not_indexed_again(tmp_path, pagefind_runs, caplog):
    root = make_site(tmp_path, case="sample", settings=PARTS)
    assert build(root).code == 0
    parts = len(_parts(root / "output"))
    assert len(pagefind_runs) == parts >= 3
    first = tree_snapshot(root / "output")
    pagefind_runs.clear()
    with caplog.at_level(logging.INFO, logger="briefing.building.search"):
        assert build(root).code == 0
    assert pagefind_runs == []
    assert tree_snapshot(root / "output") == first
    assert (
        f"pagefind: indexed the site in {parts} part(s), {parts} of them "
        "unchanged since the last build"
    ) in caplog.messages


def test_only_the_parts_of_changed_pages_are_indexed_again(tmp_path, pagefind_runs):
    root = make_site(tmp_path, case="sample", settings=PARTS)
    assert build(root).code == 0
    before = tree_snapshot(root / "output")
    article = root / SEED
    article.write_text(
        article.read_text(encoding="utf-8") + "\nA paragraph about sandstorms.\n",
        encoding="utf-8",
    )
    pagefind_runs.clear()
    assert build(root).code == 0
    after = tree_snapshot(root / "output")
    changed = {
        page
        for page in after
        if page.endswith(".html") and before.get(page) != after[page]
    }
    indexed = {page for run in pagefind_runs for page in run}
    assert "briefings/is-k-attack-reveals-talibans-vulnerability/index.html" in indexed
    # Every part Pagefind ran on held a page that changed.
    assert all(set(run) & changed for run in pagefind_runs)
    assert len(pagefind_runs) < len(_parts(root / "output"))

    # The index is the one a build without the cache makes.
    fresh = make_site(tmp_path / "fresh", case="sample", settings=PARTS)
    (fresh / SEED).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    fresh_settings = fresh / "pelican.conf.py"
    fresh_settings.write_text(
        fresh_settings.read_text(encoding="utf-8") + "BRIEFING_CACHE = False\n",
        encoding="utf-8",
    )
    assert build(fresh).code == 0
    assert not (fresh / "cache").exists()
    ours = {k: v for k, v in after.items() if k.startswith("pagefind/")}
    theirs = {
        k: v
        for k, v in tree_snapshot(fresh / "output").items()
        if k.startswith("pagefind/")
    }
    assert ours == theirs
    # Only the bundles of this build's parts are kept.
    kept = root / "cache" / "briefing" / "search"
    assert len(list(kept.iterdir())) == len(_parts(root / "output"))


def test_a_scratch_bundle_left_by_a_killed_build_is_dropped_after_a_day(tmp_path):
    root = make_site(tmp_path, case="sample", settings=PARTS)
    assert build(root).code == 0
    kept = root / "cache" / "briefing" / "search"
    old, recent, unused = kept / "abc.old", kept / "abc.recent", kept / "abc"
    for folder in (old, recent, unused):
        folder.mkdir()
    a_day_ago = time.time() - 25 * 3600
    os.utime(old, (a_day_ago, a_day_ago))
    assert build(root).code == 0
    assert not old.exists() and not unused.exists()
    assert recent.exists()  # maybe another build's part in the works


def test_pagefind_settings_of_its_own_index_everything_again(
    tmp_path, pagefind_runs, monkeypatch
):
    root = make_site(tmp_path, case="sample", settings=PARTS)
    assert build(root).code == 0
    parts = len(pagefind_runs)
    pagefind_runs.clear()
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "h1")
    assert build(root).code == 0
    assert len(pagefind_runs) == parts
    pagefind_runs.clear()
    (root / "pagefind.yml").write_text("exclude_selectors: ['h2']\n")
    assert build(root).code == 0  # the build runs in the site's folder
    assert len(pagefind_runs) == parts


def test_bundles_are_linked_from_the_cache_or_copied_where_links_fail(
    tmp_path, monkeypatch
):
    root = make_site(tmp_path, case="sample", settings=PARTS)
    assert build(root).code == 0
    entry = root / "output" / "pagefind" / "pagefind-entry.json"
    kept = [
        path
        for path in (root / "cache").rglob("pagefind-entry.json")
        if path.samefile(entry)
    ]
    assert len(kept) == 1, "the bundle in output/ is the cache's, linked"
    index = entry.read_bytes()

    def no_links(source, target):
        raise OSError("no hard links here")

    monkeypatch.setattr(os, "link", no_links)
    (root / "output").rename(tmp_path / "before")
    assert build(root).code == 0
    assert entry.read_bytes() == index
    assert not any(
        path.samefile(entry) for path in (root / "cache").rglob("pagefind-entry.json")
    )
