"""Every field of an event reaches the pages, the open data and its schema,
or the table below says why not: a new field fails here until it does."""

import json

from support import REPO

from briefing.content.model import Event
from briefing.site.exports import event_record
from briefing.site.linking import PER_TELLING, BriefingLink, SiteEvent

PLUGIN = REPO / "plugins" / "briefing"
TEMPLATE = (PLUGIN / "templates" / "briefing" / "event.html").read_text("utf-8")
SCHEMA = json.loads((PLUGIN / "schemas" / "events.schema.json").read_text("utf-8"))

# field: (its key in data/events.json, what the event template prints for it)
# None where it is not shown, with the reason in the comment.
SHOWN = {
    "date": ("date", "event.date.iso"),
    "circa": ("circa", "event.date_label"),  # "c. 1995"
    "title": ("title", "event.title"),
    "body": ("body_html", "event.body"),
    "actors": ("actors", "event.actors"),
    "sources": ("sources", "event.sources"),
    # Which briefing is about the event: "current_in" across briefings.
    "current": (None, "event.current"),
    # The key that joins tellings across briefings; no text to show.
    "id": ("id", None),
}

EVENT = Event.model_validate(
    {
        "date": "2021-08-26",
        "circa": True,
        "title": "Bombing at the airport",
        "body": "At *Abbey Gate*.",
        "current": True,
        "id": "airport-bombing",
        "sources": [{"title": "A report", "url": "https://example.org/r"}],
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
    assert record["sources"] == [{"title": "A report", "url": "https://example.org/r"}]


def test_every_shown_field_is_printed_by_the_event_template():
    for name, (_, expression) in SHOWN.items():
        if expression is not None:
            assert expression in TEMPLATE, name
