"""Which pages Pagefind indexes, and how a large site is split into parts."""

from briefing.building.search import pages_to_index, split


def write(folder, files):
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_only_pages_marked_for_pagefind_when_some_are(tmp_path):
    write(
        tmp_path,
        {
            "index.html": "<main><p>the home page</p></main>",
            "b/one/index.html": '<article class="x" data-pagefind-body>one</article>',
            "a/two.html": "<article\n data-pagefind-body=''>two</article>",
            # Only names the attribute in its text: not marked.
            "about.html": "<p>We mark pages with data-pagefind-body .</p>",
            "pagefind/playground/index.html": "<div data-pagefind-body></div>",
            "feed.xml": "<entry data-pagefind-body></entry>",
        },
    )
    assert pages_to_index(tmp_path) == ["a/two.html", "b/one/index.html"]


def test_every_page_when_none_is_marked(tmp_path):
    write(tmp_path, {"index.html": "<p>home</p>", "x/y.html": "<p>y</p>"})
    assert pages_to_index(tmp_path) == ["index.html", "x/y.html"]


def _pages(count):
    return [f"briefings/story-{n:05}/index.html" for n in range(count)]


def test_parts_are_consecutive_and_between_half_the_batch_and_the_batch():
    pages = _pages(5000)
    for size in (2, 3, 40, 1000):
        parts = split(pages, size)
        assert [page for part in parts for page in part] == pages
        assert all(len(part) <= size for part in parts)
        assert all(len(part) >= max(1, size // 2) for part in parts[:-1])
    # On average about three quarters of the batch.
    assert 5 <= len(split(pages, 1000)) <= 9
    seven = _pages(7)
    assert split(seven, 7) == [seven]
    assert split(seven, None) == [seven]
    assert split(seven, 0) == [seven]
    assert split([], 3) == [[]]


def test_a_page_added_or_removed_changes_the_part_it_is_in_not_the_others():
    pages = _pages(20000)
    before = {tuple(part) for part in split(pages, 1000)}
    for where in (10, 7777, 15000):
        added = sorted([*pages, f"briefings/story-{where:05}-b/index.html"])
        removed = pages[:where] + pages[where + 1 :]
        for changed in (added, removed):
            after = {tuple(part) for part in split(changed, 1000)}
            assert len(after - before) <= 2, where
            assert len(before - after) <= 2, where
