"""Search with Pagefind, from the browser, over the built sample site."""

from browser_support import AXE

RESULT = ".pagefind-ui__result"


def search(open_page, query):
    page, problems = open_page(f"/search/?q={query}", 1280)
    page.wait_for_selector(".pagefind-ui__message", timeout=15000)
    return page, problems


def result_titles(page):
    """The results' titles, once every result has loaded: Pagefind lists a
    placeholder for each result first, and fills it in when its page's
    fragment arrives (from one of several index parts)."""
    page.wait_for_function(
        """() => {
            const results = [...document.querySelectorAll('.pagefind-ui__result')];
            return results.length > 0 && results.every(
                (result) => result.querySelector('.pagefind-ui__result-link'));
        }""",
        timeout=15000,
    )
    return page.locator(".pagefind-ui__result-link").all_inner_texts()


def test_the_seed_briefing_is_found_by_a_word_of_its_text(open_page):
    page, problems = search(open_page, "salvo")
    assert result_titles(page) == ["IS-K attack reveals Taliban’s vulnerability"]
    excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert "opening salvo" in excerpt
    assert problems == []


def test_actor_pages_are_indexed_too(open_page):
    page, _ = search(open_page, "Nangarhar")  # only in IS-K's registry summary
    assert "Islamic State – Khorasan Province (IS-K)" in result_titles(page)


def test_the_search_box_on_every_page_leads_to_results(open_page):
    page, _ = open_page("/actors/", 375)
    page.fill("#site-search-query", "Bagram")
    page.press("#site-search-query", "Enter")
    page.wait_for_selector(RESULT, timeout=15000)
    assert "/search/?q=Bagram" in page.url
    assert page.locator(RESULT).count() >= 1


def test_the_search_page_with_results_has_no_wcag_violation(open_page):
    page, _ = search(open_page, "Taliban")
    result_titles(page)  # every result loaded
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    assert [violation["id"] for violation in result["violations"]] == []


def test_without_javascript_the_search_page_says_where_to_browse(browser, served):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served.url + "/search/?q=Taliban")
        assert page.locator("#search-query").is_visible()
        assert "needs JavaScript" in page.locator("#search").inner_text()
        assert page.locator("#search a").count() == 3
    finally:
        context.close()


def test_a_dari_page_searches_the_dari_briefings(open_page):
    page, problems = open_page("/briefings/the-last-flight-out-of-kabul/fa/", 375)
    page.fill("#site-search-query", "کابل")
    page.press("#site-search-query", "Enter")
    page.wait_for_selector(".pagefind-ui__message", timeout=15000)
    assert "/search/fa/?q=" in page.url
    assert page.locator("html").get_attribute("lang") == "fa"
    # Pagefind searched the index of the page's language: the Dari briefing
    # alone, not the English pages that name Kabul too.
    assert result_titles(page) == ["آخرین پرواز از کابل"]
    assert problems == []
