"""briefing_event and briefing_card: rendered once, then reused."""

from jinja2 import DictLoader, Environment

from briefing.content.model import Event
from briefing.site import templates
from briefing.site.linking import BriefingLink, SiteEvent
from briefing.site.templates import (
    CARD_TEMPLATE,
    EVENT_LIST_TEMPLATE,
    EVENT_TEMPLATE,
    card_renderer,
    event_list_renderer,
    event_renderer,
)


def counting_environment(calls, sources, name, renderer):
    """Templates whose `count()` records each rendering in `calls`, with the
    global `name` made by `renderer`."""
    env = Environment(loader=DictLoader(sources), autoescape=True)
    env.globals["count"] = lambda: calls.append(1) or ""
    env.globals[name] = renderer(env)
    return env


def environment(calls):
    return counting_environment(
        calls,
        {
            EVENT_TEMPLATE: "{{ count() }}<a href='{{ SITEURL }}/{{ "
            "event.briefings[0].url }}'>{{ event.title }}</a>",
            "list": "{% for event in events %}{{ briefing_event(event) }}|{% endfor %}",
        },
        "briefing_event",
        event_renderer,
    )


def site_event(title, *links):
    return SiteEvent(
        Event.model_validate({"date": "2021-08-26", "title": title}),
        briefings=list(links),
    )


def test_an_event_is_rendered_once_for_pages_of_every_depth():
    calls = []
    env = environment(calls)
    shared = site_event("Bombing <at> the airport", BriefingLink("A", "briefings/a/"))
    page = env.get_template("list")
    first = page.render(events=[shared], SITEURL="../..")
    assert page.render(events=[shared], SITEURL="../..") == first
    assert first == "<a href='../../briefings/a/'>Bombing &lt;at&gt; the airport</a>|"
    assert page.render(events=[shared], SITEURL="..").startswith("<a href='../brief")
    # An absolute site URL is printed escaped, as the template prints it.
    assert page.render(events=[shared], SITEURL="https://x.org/a&b").startswith(
        "<a href='https://x.org/a&amp;b/briefings/a/'>"
    )
    assert page.render(events=[shared], SITEURL="").startswith("<a href='/briefings")
    assert len(calls) == 1


def test_an_event_told_by_one_more_briefing_is_rendered_anew():
    calls = []
    env = environment(calls)
    page = env.get_template("list")
    link = BriefingLink("A", "briefings/a/")
    page.render(events=[site_event("Fall of Kabul", link)], SITEURL="..")
    again = site_event("Fall of Kabul", link)
    again.event = Event.model_validate({"date": "2021-08-15", "title": "Fall of Kabul"})
    page.render(events=[again], SITEURL="..")
    told_twice = site_event("Fall of Kabul", link, BriefingLink("B", "briefings/b/"))
    page.render(events=[told_twice], SITEURL="..")
    assert len(calls) == 3


class Article:
    def __init__(self, title):
        self.title = title


def test_a_card_is_rendered_once_per_article_and_site_url():
    calls = []
    env = counting_environment(
        calls,
        {
            CARD_TEMPLATE: "{{ count() }}<a href='{{ SITEURL }}/x'>"
            "{{ article.title }}</a>",
            "home": "{% for a in articles %}{{ briefing_card(a) }}|{% endfor %}",
        },
        "briefing_card",
        card_renderer,
    )
    home = env.get_template("home")
    first, second = Article("One <b>"), Article("Two")
    html = home.render(articles=[first, second], SITEURL=".")
    assert html == "<a href='./x'>One &lt;b&gt;</a>|<a href='./x'>Two</a>|"
    assert home.render(articles=[first, second], SITEURL=".") == html
    assert len(calls) == 2
    # The preview reads an edited briefing into a new article: a new card.
    edited = Article("One, edited")
    assert "One, edited" in home.render(articles=[edited, second], SITEURL=".")
    assert len(calls) == 3
    home.render(articles=[edited], SITEURL="..")
    assert len(calls) == 4


def test_an_event_list_is_rendered_again_only_when_one_of_its_events_changed(
    monkeypatch,
):
    calls = []
    env = counting_environment(
        calls,
        {
            EVENT_LIST_TEMPLATE: "{{ count() }}{% for e in events %}"
            "{{ e.title }};{% endfor %}",
            "timeline": "{% for year, events in years %}{{ year }}:"
            "{{ briefing_event_list(events) }}|{% endfor %}",
        },
        "briefing_event_list",
        event_list_renderer,
    )
    page = env.get_template("timeline")
    link = BriefingLink("A", "briefings/a/")
    fall = site_event("Fall of <Kabul>", link)
    bombing = site_event("Airport bombing", link)
    years = [(2021, [fall, bombing]), (2022, [site_event("Later", link)])]
    html = page.render(years=years, SITEURL="..")
    assert html == "2021:Fall of &lt;Kabul&gt;;Airport bombing;|2022:Later;|"
    assert len(calls) == 2
    # An edit tells the bombing in one more briefing: only 2021 is redone.
    told_twice = site_event("Airport bombing", link, BriefingLink("B", "b/"))
    told_twice.event = bombing.event
    page.render(years=[(2021, [fall, told_twice]), years[1]], SITEURL="..")
    assert len(calls) == 3
    page.render(years=years, SITEURL=".")  # another folder, other URLs
    assert len(calls) == 5
    # Only the newest lists are kept.
    monkeypatch.setattr(templates, "EVENT_LISTS_KEPT", 1)
    page.render(years=[(2023, [site_event("New", link)])], SITEURL="..")
    page.render(years=years[:1], SITEURL="..")
    assert len(calls) == 7
