"""What readers get in a real browser, on every page kind, at both widths."""

import json

import pytest
from browser_support import AXE, PAGES, WIDTHS

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EVERY_PAGE = [
    pytest.param(path, width, id=f"{name}-{label}")
    for name, path in PAGES.items()
    for label, width in WIDTHS.items()
]
WITH_SIDEBAR = [PAGES["briefing"], PAGES["actor"]]


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize(("path", "width"), EVERY_PAGE)
def test_no_wcag_violation_no_console_error_no_failed_request(open_page, path, width):
    page, problems = open_page(path, width)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]
    assert violations == []
    assert len(result["passes"]) > 10  # axe did run its checks
    assert problems == []


@pytest.mark.parametrize(
    "path", [PAGES["briefing"], PAGES["actor"], PAGES["home"], PAGES["standards"]]
)
def test_dark_mode_keeps_wcag_contrast(open_page, path):
    page, _ = open_page(path, 1280, color_scheme="dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 22, 25)"  # the dark palette is in force
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    assert [violation["id"] for violation in result["violations"]] == []


@pytest.mark.parametrize(("path", "width"), EVERY_PAGE)
def test_nothing_scrolls_sideways(open_page, path, width):
    page, _ = open_page(path, width)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width


@pytest.mark.parametrize("path", WITH_SIDEBAR)
def test_on_a_wide_screen_the_sidebar_stands_beside_the_text(open_page, path):
    page, _ = open_page(path, 1280)
    main_column = box(page, ".briefing-body, .actor-page__layout > .prose")
    aside = box(page, "aside")
    assert aside["x"] >= main_column["x"] + main_column["width"]
    assert aside["y"] < main_column["y"] + main_column["height"] / 2


@pytest.mark.parametrize("path", WITH_SIDEBAR)
def test_on_a_phone_the_sidebar_follows_the_text(open_page, path):
    page, _ = open_page(path, 375)
    main_column = box(page, ".briefing-body, .actor-page__layout > .prose")
    aside = box(page, "aside")
    assert aside["y"] >= main_column["y"] + main_column["height"]
    assert aside["width"] >= 300


@pytest.mark.parametrize("width", WIDTHS.values())
def test_the_timeline_box_stays_readable(open_page, width):
    page, _ = open_page(PAGES["briefing"], width)
    timeline = page.locator('[data-briefing="timeline"]')
    assert timeline.bounding_box()["width"] >= 280
    size = page.evaluate(
        "parseFloat(getComputedStyle("
        "document.querySelector('[data-briefing=timeline] .timeline__title')).fontSize)"
    )
    assert size >= 14
    for event in timeline.locator("li").all():
        assert event.bounding_box()["x"] >= 0


def test_print_is_one_column_without_navigation(open_page):
    page, _ = open_page(PAGES["briefing"], 1280, media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".skip-link").is_visible()
    body = box(page, '[data-briefing="body"]')
    actors = box(page, '[data-briefing="actors"]')
    timeline = box(page, '[data-briefing="timeline"]')
    assert actors["y"] >= body["y"] + body["height"]
    assert timeline["y"] >= actors["y"] + actors["height"]
    assert abs(actors["x"] - body["x"]) < 2  # same column
    # The actor profiles, folded on screen, are printed.
    assert page.locator(".actor__profile p").first.is_visible()


@pytest.mark.parametrize("path", PAGES.values())
def test_every_link_is_reached_with_tab_and_shows_a_focus_ring(open_page, path):
    page, _ = open_page(path, 1280)
    visible_links = page.evaluate(
        "[...document.querySelectorAll('a[href]')]"
        ".filter(a => a.checkVisibility()).length"
    )
    reached = []
    for _ in range(500):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const e = document.activeElement;"
            " const s = getComputedStyle(e);"
            " return {tag: e.tagName, cls: e.className, text: e.textContent,"
            " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()"
        )
        if focused["tag"] == "BODY" or (reached and focused == reached[0]):
            break
        reached.append(focused)
    assert reached[0]["cls"] == "skip-link"
    # An SVG link (a diagram's node) has the tag name "a".
    links = [element for element in reached if element["tag"].upper() == "A"]
    assert len(links) == visible_links
    for element in reached:
        assert element["outline"] != "none" and element["width"] >= 2, element


def test_the_skip_link_moves_focus_to_the_content(open_page):
    page, _ = open_page(PAGES["briefing"], 375)
    page.keyboard.press("Tab")
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_feeds_linked_from_pages_are_served(open_page, served):
    page, _ = open_page(PAGES["actor"], 1280)
    feeds = page.eval_on_selector_all(
        "link[rel=alternate][type='application/atom+xml']",
        "links => links.map(link => link.href)",
    )
    assert len(feeds) == 2
    for feed in feeds:
        response = page.request.get(feed)
        assert response.status == 200
        assert response.text().startswith('<?xml version="1.0"')


def test_a_briefing_page_is_light_and_reads_without_javascript(
    browser, served, open_page
):
    page, _ = open_page(PAGES["briefing"], 1280)
    weight = page.evaluate(
        "performance.getEntriesByType('navigation')[0].decodedBodySize"
        " + performance.getEntriesByType('resource')"
        ".filter(r => r.initiatorType === 'link' && r.name.endsWith('.css'))"
        ".reduce((sum, r) => sum + r.decodedBodySize, 0)"
    )
    assert 0 < weight < 60 * 1024
    context = browser.new_context(java_script_enabled=False)
    try:
        reader = context.new_page()
        reader.goto(served.url + PAGES["briefing"])
        assert "Kabul airport" in reader.locator('[data-briefing="body"]').inner_text()
        assert reader.locator('[data-briefing="timeline"] li').count() >= 6
    finally:
        context.close()


def test_axe_is_the_pinned_version():
    package = json.loads((AXE.parent / "package.json").read_text())
    assert package["version"] == "4.14.1"


@pytest.mark.parametrize("forced_colors", ["none", "active"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_likelihood_scale_reads_without_colour(
    open_page, forced_colors, color_scheme
):
    """Filled and hollow steps differ in fill against the page, and the step
    of the term is taller, in either palette and in forced colours, where the
    browser replaces the page's colours with the reader's own."""
    page, _ = open_page(PAGES["briefing"], 375, color_scheme=color_scheme)
    page.emulate_media(forced_colors=forced_colors)
    steps = page.evaluate(
        """() => [...document.querySelectorAll('[data-judgment] .scale')[0].children]
        .map(step => {
            const style = getComputedStyle(step);
            return [style.backgroundColor, step.getBoundingClientRect().height];
        })"""
    )
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    fills = [fill for fill, _ in steps]
    assert len(steps) == 7
    # very likely: six steps filled alike, the seventh hollow like the page
    assert len(set(fills[:6])) == 1 and fills[0] != fills[6]
    assert fills[6] in (page_background, "rgba(0, 0, 0, 0)")
    heights = [height for _, height in steps]
    assert heights[5] > heights[4] and heights[5] > heights[6]


def test_right_to_left_the_page_mirrors_the_sidebar_stands_on_the_left(open_page):
    """The Dari translation against its English original at 1280 px: the
    same layout, mirrored by the theme's logical properties."""
    english, _ = open_page("/briefings/the-last-flight-out-of-kabul/", 1280)
    text, aside = box(english, ".briefing-body"), box(english, "aside")
    assert aside["x"] >= text["x"] + text["width"]  # on the right
    dari, _ = open_page(PAGES["translation"], 1280)
    assert dari.evaluate("document.documentElement.dir") == "rtl"
    text, aside = box(dari, ".briefing-body"), box(dari, "aside")
    assert aside["x"] + aside["width"] <= text["x"]  # on the left
    # The timeline's rule and the summary's bar are on the start side.
    rule = dari.evaluate(
        "getComputedStyle(document.querySelector('.timeline')).borderRightWidth"
    )
    bar = dari.evaluate(
        "getComputedStyle(document.querySelector('.briefing-summary')).borderRightWidth"
    )
    assert rule == "2px" and bar == "4px"
    # The site's name starts the header on the right.
    name, nav = box(dari, ".site-name"), box(dari, ".site-nav")
    assert name["x"] > nav["x"]


def test_arabic_script_is_set_in_a_font_that_has_it(open_page):
    page, _ = open_page(PAGES["translation"], 1280)
    family = page.evaluate(
        "getComputedStyle(document.querySelector('.briefing-body p')).fontFamily"
    )
    assert "Noto Naskh Arabic" in family or "Vazirmatn" in family
