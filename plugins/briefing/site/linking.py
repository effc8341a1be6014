"""Connecting briefings: who appears where, and one site-wide timeline.

`build_site_index` walks the published briefings once and returns plain
structures for the actor pages, the actors index and the timeline page.
Events that share an `id` across briefings are merged into one event that
links to every briefing telling it; if two tellings disagree on the date or
the title, that is an error naming both files. `update_site_index` gives
the same index after a preview edit, merging only the edited briefings'
events again.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, groupby
from operator import attrgetter
from typing import NamedTuple

from markupsafe import Markup

from ..content.errors import Problems, display_path
from ..content.model import Actor, Event, Registry, Source


class BriefingLink(NamedTuple):
    """A briefing as events link to it, read once per build. A tuple, so it
    hashes in C: event signatures hash thousands of them per update."""

    title: str
    url: str
    # Its translations, as (language, URL), by language.
    translations: tuple[tuple[str, str], ...] = ()


class Signature:
    """A tuple that hashes once: Python hashes a tuple anew at every lookup."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: tuple):
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other) -> bool:
        return isinstance(other, Signature) and self.value == other.value


@dataclass
class Appearance:
    """An actor in one briefing: the article and the part it plays there."""

    article: object
    role: Markup
    link: BriefingLink


@dataclass
class SiteEvent:
    """One event, however many briefings tell it."""

    event: Event  # the first telling: date, title and body
    briefings: list[BriefingLink] = field(default_factory=list)  # oldest first
    current_in: list[BriefingLink] = field(default_factory=list)  # about it
    actors: list[Actor] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # Which briefings tell it and where, oldest first: what an update of the
    # index merges anew.
    tellings: list[Telling] = field(default_factory=list, repr=False, compare=False)
    # Its page (`events/<id>/`), or, without one, its place in the first
    # briefing telling it; relative to the site.
    url: str = ""

    @property
    def date_label(self) -> str:
        return self.event.date_label

    @property
    def anchor(self) -> str:
        return self.event.anchor

    @cached_property
    def signature(self) -> Signature:
        """What the event's HTML depends on, as a hashable key: the tellings
        and, by identity, the event, its actors and its sources. Read once the
        index is built."""
        return Signature(
            (
                id(self.event),
                tuple(self.briefings),
                tuple(self.current_in),
                tuple(map(id, self.actors)),
                tuple(map(id, self.sources)),
            )
        )


# Every other field of an event is the site event's too, read from its first
# telling: a field added to `Event` reaches the templates without a line
# here (tests/unit/test_event_fields.py holds it to the exports and schema).
# `current` says a briefing is about the event; across briefings that is
# `current_in`, and the actors and sources are merged from every telling.
PER_TELLING = {"current"}
for _name in Event.model_fields:
    if _name not in SiteEvent.__dataclass_fields__ and _name not in PER_TELLING:
        setattr(SiteEvent, _name, property(attrgetter(f"event.{_name}")))


@dataclass
class SiteIndex:
    """Everything the cross-briefing pages show, built once per build."""

    registry: Registry
    briefings: list  # published briefing articles, newest first
    events: list[SiteEvent]  # oldest first
    appearances: dict[str, list[Appearance]]  # actor id -> newest first
    actor_events: dict[str, list[SiteEvent]]  # actor id -> oldest first
    by_key: dict[object, SiteEvent]  # event id, or (source path, index) -> event
    told_by: dict[str, list]  # briefing's source path -> keys of its events
    # Set by judgments.index_judgments: every current judgment, those that
    # moved most recently first; and by actor id, newest briefing first.
    judgments: list = field(default_factory=list)
    actor_judgments: dict[str, list] = field(default_factory=dict)
    event_url: str = ""  # BRIEFING_EVENT_URL where events have pages
    # Set by judgments.index_judgments: the judgments resting on each event,
    # by the event's id.
    event_judgments: dict[str, list] = field(default_factory=dict)

    def appearances_of(self, actor: Actor) -> list[Appearance]:
        return self.appearances.get(actor.id, [])

    def events_of(self, actor: Actor) -> list[SiteEvent]:
        return self.actor_events.get(actor.id, [])

    def judgments_of(self, actor: Actor) -> list:
        return self.actor_judgments.get(actor.id, [])

    def actors_shown_with(self, article) -> set[str]:
        """The ids of the actors whose page shows something of `article`: its
        cast, and the actors of every event it tells."""
        shown = set()
        if article.briefing is not None:
            shown.update(cast.actor.id for cast in article.briefing.actors)
        for key in self.told_by.get(article.source_path, []):
            shown.update(actor.id for actor in self.by_key[key].actors)
        return shown

    @property
    def years(self) -> list[tuple[int, list[SiteEvent]]]:
        """The timeline grouped by year, oldest year first."""
        return years_of(self.events)

    @property
    def kinds(self) -> list[tuple[str, list[tuple[Actor, int]]]]:
        """(kind, [(actor, number of briefings)]): kinds alphabetical, actors
        by name."""
        actors = sorted(
            self.registry.actors.values(),
            key=lambda actor: (actor.kind.casefold(), actor.name.casefold()),
        )
        return [
            (kind, [(actor, len(self.appearances_of(actor))) for actor in group])
            for kind, group in groupby(actors, key=lambda actor: actor.kind.casefold())
        ]


def years_of(events: list) -> list[tuple[int, list]]:
    """Events (oldest first) grouped by year, oldest year first."""
    return [
        (year, list(group))
        for year, group in groupby(events, key=lambda event: event.date.year)
    ]


def newest_first(articles) -> list:
    """Newest first, briefings of one date by slug: the home page's order."""
    by_slug = sorted(articles, key=lambda article: article.slug)
    return sorted(by_slug, key=lambda article: article.date, reverse=True)


def build_site_index(
    articles, registry: Registry, problems: Problems, event_url: str = ""
) -> SiteIndex:
    """Index the briefings' actors and events; report conflicting event ids.
    `event_url` is BRIEFING_EVENT_URL where events have pages, else ''."""
    briefings = newest_first(a for a in articles if a.briefing is not None)
    links = _links(briefings)
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    for article in briefings:
        for cast in article.briefing.actors:
            appearances[cast.actor.id].append(
                Appearance(article, cast.role, links[id(article)])
            )

    tellings: dict[object, list[Telling]] = defaultdict(list)
    told_by: dict[str, list] = defaultdict(list)
    # Oldest first: the first telling leads.
    for telling in _tellings(reversed(briefings)):
        tellings[telling.key].append(telling)
        told_by[telling.article.source_path].append(telling.key)
    by_key = {
        key: _merge(told, links, problems, event_url) for key, told in tellings.items()
    }
    order = TimelineOrder(briefings)
    events = sorted(by_key.values(), key=order)
    actor_events: dict[str, list[SiteEvent]] = defaultdict(list)
    for site_event in events:
        for actor in site_event.actors:
            actor_events[actor.id].append(site_event)
    return SiteIndex(
        registry,
        briefings,
        events,
        dict(appearances),
        dict(actor_events),
        by_key,
        dict(told_by),
        event_url=event_url,
    )


def update_site_index(
    site: SiteIndex, edits: list[tuple], articles, problems: Problems
) -> SiteIndex:
    """The index `build_site_index(articles)` would give, made from `site` and
    the (old, new) articles an edit replaced (old is None for a new one):
    only the events the edited briefings tell, before or after, are merged
    anew, so every other SiteEvent (and the HTML and JSON cached by its
    signature) stays as it was."""
    briefings = newest_first(a for a in articles if a.briefing is not None)
    links = _links(briefings)
    olds = {id(old) for old, _ in edits if old is not None}
    news = [new for _, new in edits if id(new) in links]
    edited = [old for old, _ in edits if old is not None] + news
    order = TimelineOrder(briefings)

    new_tellings: dict[object, list[Telling]] = defaultdict(list)
    for telling in _tellings(news):
        new_tellings[telling.key].append(telling)
    by_key = dict(site.by_key)
    replaced: list[SiteEvent] = []  # the SiteEvents merged anew or dropped
    fresh: list[SiteEvent] = []
    for key in dict.fromkeys(_keys(edited)):  # in order, for stable messages
        previous = by_key.pop(key, None)
        told = [] if previous is None else previous.tellings
        told = [telling for telling in told if id(telling.article) not in olds]
        told += new_tellings[key]
        if previous is not None:
            replaced.append(previous)
        if told:
            told.sort(key=order.of_telling)
            by_key[key] = _merge(told, links, problems, site.event_url)
            fresh.append(by_key[key])

    gone = {id(site_event) for site_event in replaced}

    def swap(site_events: list[SiteEvent], actor_id: str | None = None) -> list:
        kept = [site_event for site_event in site_events if id(site_event) not in gone]
        for site_event in fresh:
            if actor_id is None or any(a.id == actor_id for a in site_event.actors):
                insort(kept, site_event, key=order)
        return kept

    actor_events = dict(site.actor_events)
    touched = chain(fresh, replaced)
    for actor_id in {actor.id for site_event in touched for actor in site_event.actors}:
        actor_events[actor_id] = swap(site.actor_events.get(actor_id, []), actor_id)
    told_by = dict(site.told_by)
    for old, _ in edits:
        if old is not None:
            told_by.pop(old.source_path, None)
    for new in news:
        told_by[new.source_path] = list(_keys([new]))
    return SiteIndex(
        site.registry,
        briefings,
        swap(site.events),
        _swap_appearances(site.appearances, edited, olds, briefings, links),
        {actor_id: events for actor_id, events in actor_events.items() if events},
        by_key,
        {path: keys for path, keys in told_by.items() if keys},
        event_url=site.event_url,
    )


def _swap_appearances(appearances, edited, olds, briefings, links) -> dict:
    """Appearances with those of the edited briefings replaced."""
    appearances = dict(appearances)
    newest = {id(article): rank for rank, article in enumerate(briefings)}
    for actor_id in {
        cast.actor.id
        for article in edited
        if article.briefing is not None
        for cast in article.briefing.actors
    }:
        kept = [
            appearance
            for appearance in appearances.pop(actor_id, [])
            if id(appearance.article) not in olds
        ]
        kept += [
            Appearance(article, cast.role, links[id(article)])
            for article in edited
            if id(article) in newest
            for cast in article.briefing.actors
            if cast.actor.id == actor_id
        ]
        if kept:
            appearances[actor_id] = sorted(kept, key=lambda a: newest[id(a.article)])
    return appearances


def _keys(articles):
    return (telling.key for telling in _tellings(articles))


def _tellings(articles):
    """Every telling of the articles' events, in their order."""
    for article in articles:
        if article.briefing is not None:
            for index, event in enumerate(article.briefing.timeline):
                yield Telling(article, index, event)


class Telling(NamedTuple):
    """One briefing's telling of an event: the article, the event's place in
    its timeline, and the event."""

    article: object
    index: int
    event: Event

    @property
    def key(self):
        """What makes tellings one event: its id, or else its place."""
        return self.event.id or (self.article.source_path, self.index)


def _links(briefings) -> dict[int, BriefingLink]:
    return {
        id(a): BriefingLink(
            a.title,
            a.url,
            tuple(sorted((t.lang, t.url) for t in getattr(a, "translations", ()))),
        )
        for a in briefings
    }


class TimelineOrder:
    """The timeline's order as a sort key: by date, then as the first
    tellings come in the briefings, oldest first."""

    def __init__(self, briefings: list):
        self.rank = {id(a): rank for rank, a in enumerate(reversed(briefings))}

    def of_telling(self, telling: Telling) -> tuple[int, int]:
        return (self.rank[id(telling.article)], telling.index)

    def __call__(self, site_event: SiteEvent) -> tuple:
        date = site_event.date
        first = site_event.tellings[0]
        return (
            date.year,
            date.month,
            date.day,
            self.rank[id(first.article)],
            first.index,
        )


def _merge(
    tellings: list[Telling], links: dict, problems: Problems, event_url: str
) -> SiteEvent:
    """One SiteEvent from the tellings of one key, oldest first: the first
    gives the date, title and body, all give their links, actors and sources.
    A telling that gives another date or title than the first is an error."""
    first = tellings[0]
    site_event = SiteEvent(first.event)
    if event_url and first.event.id:
        site_event.url = event_url.format(id=first.event.id)
    else:
        site_event.url = f"{links[id(first.article)].url}#{first.event.anchor}"
    actors: dict[int, Actor] = {}
    sources: dict[str, Source] = {}
    for telling in tellings:
        event = telling.event
        if telling is not first and not _same_event(first.event, event):
            _report_conflict(
                first.article, first.event, telling.article, event, problems
            )
            continue
        site_event.tellings.append(telling)
        link = links[id(telling.article)]
        site_event.briefings.append(link)
        if event.current:
            site_event.current_in.append(link)
        for actor in event.actors:
            actors.setdefault(id(actor), actor)
        for source in event.sources:
            sources.setdefault(source.url, source)
    site_event.actors = list(actors.values())
    site_event.sources = list(sources.values())
    return site_event


def _same_event(first: Event, other: Event) -> bool:
    return (first.date, first.circa, first.title) == (
        other.date,
        other.circa,
        other.title,
    )


def _report_conflict(first_article, first: Event, article, event: Event, problems):
    first_notes = article_notes(first_article)
    if (first.date, first.circa) != (event.date, event.circa):
        difference = f"its date is {event.date_label} here, {first.date_label} there"
    else:
        difference = f"its title is '{event.title}' here, '{first.title}' there"
    problems.error(
        article_notes(article),
        event.line,
        f"event '{event.id}' is told differently in "
        f"{display_path(first_notes)}:{first.line}: {difference}",
        "one id is one event: make the date and title agree, or give it another id",
    )


def article_notes(article):
    return article.briefing.notes_path


class EventMemo:
    """Values made from site events (their HTML, their JSON), kept by the
    events' signatures, so a preview update makes them only for the events
    an edit changed. The event is kept with its value, so the ids in its
    signature cannot be reused by other objects while it is cached. Site
    judgments, which have a signature too, are kept the same way."""

    LIMIT = 500_000  # a preview session that edits for hours starts afresh

    def __init__(self):
        self._cache: dict[tuple, tuple[object, SiteEvent]] = {}

    def get(self, site_event: SiteEvent, variant, make):
        """The value for this event and `variant` (hashable), from `make()`
        the first time."""
        key = (site_event.signature, variant)
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > self.LIMIT:
                self._cache.clear()
            hit = self._cache[key] = (make(), site_event)
        return hit[0]

    def clear(self) -> None:
        self._cache.clear()

    def __len__(self) -> int:
        return len(self._cache)
