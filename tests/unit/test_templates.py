"""briefing_event and briefing_card: rendered once, then reused."""

from jinja2 import DictLoader, Environment

from briefing.linking import BriefingLink, SiteEvent
from briefing.model import Event
from briefing.templates import (
    CARD_TEMPLATE,
    EVENT_TEMPLATE,
    card_renderer,
    event_renderer,
)


def environment(calls):
    env = Environment(
        loader=DictLoader(
            {
                EVENT_TEMPLATE: "{{ count() }}<a href='{{ SITEURL }}/{{ "
                "event.briefings[0].url }}'>{{ event.title }}</a>",
                "list": "{% for event in events %}{{ briefing_event(event) }}|"
                "{% endfor %}",
            }
        ),
        autoescape=True,
    )
    env.globals["count"] = lambda: calls.append(1) or ""
    env.globals["briefing_event"] = event_renderer(env)
    return env


def site_event(title, *links):
    event = SiteEvent(Event.model_validate({"date": "2021-08-26", "title": title}))
    for link in links:
        event.add_telling(link, event.event)
    return event


def test_an_event_is_rendered_once_per_site_url_and_reused():
    calls = []
    env = environment(calls)
    shared = site_event("Bombing <at> the airport", BriefingLink("A", "briefings/a/"))
    page = env.get_template("list")
    first = page.render(events=[shared], SITEURL="../..")
    assert page.render(events=[shared], SITEURL="../..") == first
    assert len(calls) == 1
    assert first == "<a href='../../briefings/a/'>Bombing &lt;at&gt; the airport</a>|"
    assert page.render(events=[shared], SITEURL="..").startswith("<a href='../brief")
    assert len(calls) == 2


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
    env = Environment(
        loader=DictLoader(
            {
                CARD_TEMPLATE: "{{ count() }}<a href='{{ SITEURL }}/x'>"
                "{{ article.title }}</a>",
                "home": "{% for a in articles %}{{ briefing_card(a) }}|{% endfor %}",
            }
        ),
        autoescape=True,
    )
    env.globals["count"] = lambda: calls.append(1) or ""
    env.globals["briefing_card"] = card_renderer(env)
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
