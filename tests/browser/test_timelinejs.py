"""The TimelineJS exports load as they are in Knight Lab's TimelineJS."""

import json

import pytest
from browser_support import TIMELINEJS

HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>TimelineJS</title>
<link rel="stylesheet" href="/__timelinejs/css/timeline.css">
<script src="/__timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 600px"></div>
<script>
  window.timeline = new TL.Timeline("timeline", "%s",
    {script_path: "/__timelinejs/js/", font: null});
</script></body></html>"""


@pytest.mark.parametrize(
    "document", ["/timeline/timelinejs.json", "/actors/isk/timelinejs.json"]
)
def test_timelinejs_shows_one_slide_per_event(browser, served, document):
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        pytest.fail("TimelineJS is missing: `make test` installs it")
    events = json.loads((served.output / document.lstrip("/")).read_text())["events"]
    context = browser.new_context(viewport={"width": 1100, "height": 700})
    try:
        page = context.new_page()
        page.route(
            f"{served.url}/__harness.html",
            lambda route: route.fulfill(
                body=HARNESS % document, content_type="text/html"
            ),
        )
        page.route(
            f"{served.url}/__timelinejs/**",
            lambda route: route.fulfill(
                path=TIMELINEJS / route.request.url.split("/__timelinejs/", 1)[1]
            ),
        )
        page.goto(f"{served.url}/__harness.html")
        # A title slide, then one slide per event.
        slides = page.locator(".tl-slide")
        slides.nth(len(events)).wait_for(state="attached", timeout=15000)
        assert slides.count() == len(events) + 1
        headlines = page.locator(".tl-slide .tl-headline").all_inner_texts()
        assert events[0]["text"]["headline"] in headlines
    finally:
        context.close()
