"""Which pages Pagefind indexes, and how a large site is split into parts."""

from briefing.search import pages_to_index, split


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


def test_parts_are_consecutive_and_no_larger_than_the_batch():
    pages = [f"p{n:02}.html" for n in range(7)]
    assert split(pages, 3) == [pages[0:3], pages[3:6], pages[6:7]]
    assert split(pages, 7) == [pages]
    assert split(pages, None) == [pages]
    assert split(pages, 0) == [pages]
    assert split([], 3) == [[]]
