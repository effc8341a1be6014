"""Hostile strings in any content field are shown as text, never run."""

import json

import feedparser
from bs4 import BeautifulSoup
from support import build

PAYLOAD = '<script>alert("x")</script><img src=x onerror="alert(1)">'
LINK = "[click](javascript:alert(1))"


def hostile_site(site):
    return site(
        files={
            "actors/evil.yaml": (
                f"name: '{PAYLOAD}'\n"
                f"short_name: '{PAYLOAD}'\n"
                f"aliases: ['{PAYLOAD}']\n"
                f"kind: '{PAYLOAD}'\n"
                f"summary: '{PAYLOAD} {LINK}'\n"
                f"relations: [{{actor: other, type: '{PAYLOAD}', note: '{PAYLOAD}'}}]\n"
            ),
            "actors/other.yaml": "name: Other\nkind: group\n",
            "briefings/story.md": (
                f"Title: Story {PAYLOAD}\n"
                "Date: 2021-08-27\n"
                "Slug: story\n"
                f"Subtitle: {PAYLOAD}\n"
                f"Publication: {PAYLOAD}\n"
                f"Original_publisher: {PAYLOAD}\n"
                f"Author_bio: {PAYLOAD}\n"
                f"Authors: {PAYLOAD}\n"
                f"Summary: {PAYLOAD} {LINK}\n\n"
                f"Body {PAYLOAD} {LINK}\n\n"
                '<a href="javascript:alert(1)" onclick="alert(1)">raw</a>\n\n'
                "<iframe src=https://example.org></iframe><style>p{}</style>\n"
            ),
            "briefings/story.notes.yaml": (
                f"summary: '{PAYLOAD} {LINK}'\n"
                "actors:\n"
                f"  - id: evil\n    role: '{PAYLOAD} {LINK}'\n"
                "timeline:\n"
                f"  - date: 2021\n    title: '{PAYLOAD}'\n"
                f"    body: '{PAYLOAD} {LINK}'\n    actors: [evil]\n"
                f"    sources: [{{title: '{PAYLOAD}', url: 'https://example.org/?q=<x>'}}]\n"
            ),
        }
    )


def test_no_script_handler_or_javascript_url_reaches_a_page(site):
    result = build(hostile_site(site))
    assert result.code == 0, result.stderr
    for path in result.output.rglob("*.html"):
        page = result.page(str(path.relative_to(result.output)))
        for script in page.find_all("script"):
            if script.get("src"):  # the search page's own files
                assert script["src"].startswith("../"), path
                continue
            assert script["type"] == "application/ld+json", path  # data, not code
            json.loads(script.string)  # the payload did not end the element early
        assert page.find("iframe") is None and page.find("style") is None, path
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                assert not name.startswith("on"), (path, element)
                text = " ".join(value) if isinstance(value, list) else value
                assert "javascript:" not in text.lower(), (path, element)


def test_the_hostile_text_itself_is_still_shown_escaped(site):
    result = build(hostile_site(site))
    page = result.page("briefings/story/index.html")
    assert page.h1.get_text() == f"Story {PAYLOAD}"
    assert page.select_one(".dek").get_text() == PAYLOAD
    sidebar = page.select_one('[data-actor="evil"]')
    assert PAYLOAD in sidebar.select_one(".actor__name").get_text()
    assert page.select_one('[data-briefing="timeline"] h3').get_text() == PAYLOAD


def test_feeds_carry_no_script_from_content(site):
    result = build(hostile_site(site))
    for feed in sorted((result.output / "feeds").rglob("*.xml")):
        parsed = feedparser.parse(feed.read_bytes(), sanitize_html=False)
        assert parsed.bozo == 0, feed
        for entry in parsed.entries:
            assert entry.title.startswith("Story")
            for part in [*entry.get("content", []), entry.get("summary_detail")]:
                if not part:
                    continue
                html = BeautifulSoup(part.value, "lxml")
                assert html.find("script") is None, feed
                assert "javascript:" not in part.value.lower(), feed
                assert "onerror" not in str(html).lower(), feed


def test_timelinejs_documents_carry_escaped_headlines_and_sanitized_text(site):
    result = build(hostile_site(site))
    for document in [
        result.output / "timeline" / "timelinejs.json",
        result.output / "actors" / "evil" / "timelinejs.json",
    ]:
        events = json.loads(document.read_text(encoding="utf-8"))["events"]
        assert events
        for event in events:
            html = BeautifulSoup(
                event["text"]["headline"] + event["text"]["text"], "lxml"
            )
            assert (
                html.find("script") is None and html.find("img", onerror=True) is None
            )
            assert "javascript:" not in event["text"]["text"]
            assert "&lt;script&gt;" in event["text"]["headline"]
