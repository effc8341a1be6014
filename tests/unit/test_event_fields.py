"""Every field of an event reaches the pages, the open data and its schema,
or the table below says why not: a new field fails here until it does."""

import json

from support import REPO

from briefing.content.model import Event, Source
from briefing.site.exports import event_record
from briefing.site.linking import PER_TELLING, BriefingLink, SiteEvent

PLUGIN = REPO / "plugins" / "briefing"
TEMPLATE = (PLUGIN / "templates" / "briefing" / "event.html").read_text("utf-8")
# Sources are printed by the macro events and relations share.
SOURCES = (PLUGIN / "templates" / "briefing" / "sources.html").read_text("utf-8")
SCHEMA = json.loads((PLUGIN / "schemas" / "events.schema.json").read_text("utf-8"))

# field: (its key in data/events.json, what the event template prints for it)
# None where it is not shown, with the reason in the comment.
SHOWN = {
    "date": ("date", "event.date.iso"),
    "circa": ("circa", "briefing_date(event.circa)"),  # "c. 1995"
    "title": ("title", "event.title"),
    "body": ("body_html", "event.body"),
    "actors": ("actors", "event.actors"),
    "sources": ("sources", "event.sources"),
    # Which briefing is about the event: "current_in" across briefings.
    "current": (None, "event.current"),
    # The key that joins tellings across briefings; no text to show.
    "id": ("id", None),
}

# The same for each field of a source: its key in an event's `sources` in
# events.json, and what the template prints (`source.` in the loop).
SOURCE_SHOWN = {
    "title": ("title", "source.title"),
    "url": ("url", "source.url"),
    "publisher": ("publisher", "source.publisher"),
    "reliability": ("reliability", "source.grade"),  # "B2", with its words
    "credibility": ("credibility", "source.credibility_words"),
    "retrieved": ("retrieved", "source.retrieved.iso"),
    "archived": ("archived", "source.archived"),
}

EVENT = Event.model_validate(
    {
        "date": "2021-08-26",
        "circa": True,
        "title": "Bombing at the airport",
        "body": "At *Abbey Gate*.",
        "current": True,
        "id": "airport-bombing",
        "sources": [
            {"title": "A report", "url": "https://example.org/r"},
            {
                "title": "Graded",
                "url": "https://example.org/g",
                "publisher": "A wire",
                "reliability": "b",
                "credibility": 2,
                "retrieved": "2021-08-27",
                "archived": "https://web.archive.org/web/2021/https://example.org/g",
            },
        ],
    }
)


def test_every_field_of_an_event_is_in_the_table():
    assert set(SHOWN) == set(Event.model_fields)


def test_a_site_event_has_every_field_of_its_first_telling():
    site_event = SiteEvent(EVENT, briefings=[BriefingLink("A", "briefings/a/")])
    for name in Event.model_fields:
        if name in PER_TELLING:
            assert not hasattr(site_event, name), name
        elif name not in SiteEvent.__dataclass_fields__:
            assert getattr(site_event, name) == getattr(EVENT, name), name


def test_every_exported_field_is_in_events_json_and_its_schema():
    item = SCHEMA["properties"]["events"]["items"]
    record = event_record(SiteEvent(EVENT, sources=EVENT.sources), "https://x.org")
    for name, (key, _) in SHOWN.items():
        if key is None:
            continue
        assert key in record, name
        assert key in item["properties"], name
        assert key in item["required"], name
    assert record["circa"] is True
    ungraded, graded = record["sources"]
    assert ungraded["title"] == "A report"
    assert ungraded["grade"] is None and ungraded["tags"] == []
    assert graded["grade"] == "B2"
    assert graded["retrieved"] == "2021-08-27"
    assert graded["tags"] == [
        'admiralty-scale:source-reliability="b"',
        'admiralty-scale:information-credibility="2"',
    ]


def test_every_field_of_a_source_is_exported_and_printed():
    assert set(SOURCE_SHOWN) == set(Source.model_fields)
    items = SCHEMA["$defs"]["source"]
    record = event_record(SiteEvent(EVENT, sources=EVENT.sources), "https://x.org")
    for name, (key, expression) in SOURCE_SHOWN.items():
        assert key in record["sources"][1], name
        assert key in items["properties"] and key in items["required"], name
        assert expression in SOURCES, name


def test_every_shown_field_is_printed_by_the_event_template():
    for name, (_, expression) in SHOWN.items():
        if expression is not None:
            assert expression in TEMPLATE, name
