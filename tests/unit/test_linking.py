"""Merging events across briefings, and who appears where."""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.content.errors import Problems
from briefing.content.model import Actor, Briefing, Notes, Registry
from briefing.site.linking import _tellings, build_site_index, update_site_index

REGISTRY = Registry.of(
    [
        Actor(id="isk", name="IS-K", kind="armed group"),
        Actor(id="taliban", name="Taliban", kind="armed group"),
        Actor(id="us", name="United States", kind="state"),
    ]
)


def article(slug, date, notes):
    path = Path(f"/content/briefings/{slug}.notes.yaml")
    parsed = Notes.model_validate(notes, context={"registry": REGISTRY})
    return SimpleNamespace(
        slug=slug,
        title=slug,
        url=f"briefings/{slug}/",
        date=dt.datetime.fromisoformat(date),
        source_path=f"/content/briefings/{slug}.md",
        briefing=Briefing.from_notes(path, parsed),
    )


def bombing(**changes):
    event = {
        "date": "2021-08-26",
        "title": "Bombing",
        "id": "bombing",
        "actors": ["isk"],
        "sources": [{"title": "A", "url": "https://a.example/"}],
    }
    return {**event, **changes}


def index(*articles):
    problems = Problems()
    return build_site_index(articles, REGISTRY, problems), problems


def test_events_with_one_id_become_one_event_linking_every_telling():
    first = article("first", "2021-08-27", {"timeline": [bombing(current=True)]})
    second = article(
        "second",
        "2021-09-01",
        {
            "timeline": [
                bombing(
                    actors=["us", "isk"],
                    sources=[
                        {"title": "A again", "url": "https://a.example/"},
                        {"title": "B", "url": "https://b.example/"},
                    ],
                )
            ]
        },
    )
    site, problems = index(second, first)
    assert not problems.errors
    [event] = site.events
    # Oldest telling first.
    assert [link.url for link in event.briefings] == [first.url, second.url]
    assert [link.title for link in event.current_in] == [first.title]
    assert [actor.id for actor in event.actors] == ["isk", "us"]
    assert [source.url for source in event.sources] == [
        "https://a.example/",
        "https://b.example/",
    ]
    assert site.events_of(REGISTRY.actors["us"]) == [event]


def test_events_without_an_id_are_never_merged():
    same = {"date": "2021", "title": "Same"}
    site, _ = index(
        article("a", "2021-01-02", {"timeline": [same]}),
        article("b", "2021-01-03", {"timeline": [same]}),
    )
    assert len(site.events) == 2


def test_one_id_with_two_dates_or_two_titles_is_an_error():
    first = article("first", "2021-08-27", {"timeline": [bombing()]})
    other_date = article(
        "second", "2021-09-01", {"timeline": [bombing(date="2021-08")]}
    )
    other_title = article("third", "2021-09-02", {"timeline": [bombing(title="Blast")]})
    _, problems = index(first, other_date, other_title)
    date_error, title_error = problems.errors
    assert date_error.path.endswith("second.notes.yaml")
    assert "its date is August 2021 here, 26 August 2021 there" in date_error.message
    assert "first.notes.yaml" in date_error.message
    assert title_error.path.endswith("third.notes.yaml")
    assert "its title is 'Blast' here, 'Bombing' there" in title_error.message


def test_a_circa_date_differs_from_an_exact_one():
    first = article("first", "2021-08-27", {"timeline": [bombing()]})
    circa = article("second", "2021-09-01", {"timeline": [bombing(circa=True)]})
    _, problems = index(first, circa)
    assert "its date is c. 26 August 2021 here" in problems.errors[0].message


def test_appearances_are_newest_first_with_each_role():
    old = article("old", "2020-01-01", {"actors": [{"id": "taliban", "role": "Old"}]})
    new = article("new", "2021-01-01", {"actors": [{"id": "taliban", "role": "New"}]})
    site, _ = index(old, new)
    appearances = site.appearances_of(REGISTRY.actors["taliban"])
    assert [(a.article.slug, str(a.role)) for a in appearances] == [
        ("new", "<p>New</p>"),
        ("old", "<p>Old</p>"),
    ]
    assert site.appearances_of(REGISTRY.actors["us"]) == []


def test_years_and_kinds_group_for_the_index_pages():
    site, _ = index(
        article(
            "a",
            "2021-09-01",
            {
                "actors": [{"id": "isk"}],
                "timeline": [
                    {"date": "2021-08", "title": "Later"},
                    {"date": "2015", "title": "Earlier"},
                    {"date": "2021", "title": "Year only"},
                ],
            },
        )
    )
    assert [(year, [e.title for e in events]) for year, events in site.years] == [
        (2015, ["Earlier"]),
        (2021, ["Year only", "Later"]),
    ]
    assert [(kind, [(a.id, n) for a, n in group]) for kind, group in site.kinds] == [
        ("armed group", [("isk", 1), ("taliban", 0)]),
        ("state", [("us", 0)]),
    ]


def test_briefings_of_one_date_are_ordered_by_slug_as_on_the_home_page():
    same_day = [
        article(slug, "2021-05-05", {"actors": [{"id": "us", "role": "r"}]})
        for slug in ("bravo", "alpha", "charlie")
    ]
    site, _ = index(*same_day)
    assert [a.slug for a in site.briefings] == ["alpha", "bravo", "charlie"]


# -- updating the index after an edit --------------------------------------

SHARED = {
    "a": {"date": "2021-08-26", "title": "Bombing"},
    "b": {"date": "2021-08", "title": "Evacuation"},
    "c": {"date": "2021", "title": "Withdrawal"},
}
DAYS = ["2021-09-01", "2021-09-02", "2021-09-03"]


@st.composite
def timeline_event(draw, conflicting=False):
    actors = draw(st.lists(st.sampled_from(sorted(REGISTRY.actors)), unique=True))
    sources = draw(st.lists(st.sampled_from("xyz"), unique=True, max_size=2))
    event = {
        "actors": actors,
        "sources": [{"title": s, "url": f"https://{s}.example/"} for s in sources],
        "current": draw(st.booleans()),
    }
    shared = draw(st.sampled_from([None, *SHARED]))
    if shared is None:
        date = draw(st.sampled_from(["2021", "2021-08", "2021-08-26", "2020"]))
        return {**event, "date": date, "title": draw(st.sampled_from("PQ"))}
    event = {**event, "id": shared, **SHARED[shared]}
    if conflicting and draw(st.booleans()):
        event["title"] = "Told otherwise"
    return event


@st.composite
def notes(draw, conflicting=False):
    cast = draw(st.lists(st.sampled_from(sorted(REGISTRY.actors)), unique=True))
    return {
        "actors": [
            {"id": actor, "role": draw(st.sampled_from("RS"))} for actor in cast
        ],
        "timeline": draw(st.lists(timeline_event(conflicting), max_size=4)),
    }


def view(site):
    """Everything a SiteIndex tells the pages, as plain values."""

    def event(e):
        return (
            e.id,
            e.date_label,
            e.title,
            e.briefings,
            e.current_in,
            [actor.id for actor in e.actors],
            [source.url for source in e.sources],
            [(t.article.slug, t.index) for t in e.tellings],
        )

    return {
        "briefings": [a.slug for a in site.briefings],
        "events": [event(e) for e in site.events],
        "appearances": {
            actor: [(a.article.slug, str(a.role), a.link) for a in appearances]
            for actor, appearances in site.appearances.items()
        },
        "actor_events": {
            actor: [event(e) for e in events]
            for actor, events in site.actor_events.items()
        },
        "told_by": {
            path: [str(key) for key in keys] for path, keys in site.told_by.items()
        },
        "keys": sorted(map(str, site.by_key)),
    }


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(DAYS), notes()), min_size=1, max_size=6),
    st.data(),
)
def test_an_updated_index_is_the_index_a_full_build_makes(briefings, data):
    before = [
        article(f"b{number}", day, told) for number, (day, told) in enumerate(briefings)
    ]
    site, problems = index(*before)
    assert not problems.errors  # shared ids always agree before the edit
    edited = data.draw(
        st.lists(st.sampled_from(range(len(before))), unique=True, min_size=1)
    )
    after = list(before)
    for number in edited:
        after[number] = article(
            f"b{number}",
            data.draw(st.sampled_from(DAYS)),
            data.draw(notes(conflicting=True)),
        )
    edits = [(before[number], after[number]) for number in edited]

    expected, full_problems = index(*after)
    problems = Problems()
    updated = update_site_index(site, edits, after, problems)
    assert sorted(map(str, problems.errors)) == sorted(map(str, full_problems.errors))
    if not problems.errors:
        assert view(updated) == view(expected)
        # Events no edited briefing tells are the very objects they were.
        untouched = {
            id(e)
            for e in site.events
            if all(
                id(t.article) not in {id(old) for old, _ in edits} for t in e.tellings
            )
            and e.id not in {t.key for _, new in edits for t in _tellings([new])}
        }
        assert untouched <= {id(e) for e in updated.events}
