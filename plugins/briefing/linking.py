"""Connecting briefings: who appears where, and one site-wide timeline.

`build_site_index` walks the published briefings once and returns plain
structures for the actor pages, the actors index and the timeline page.
Events that share an `id` across briefings are merged into one event that
links to every briefing telling it; if two tellings disagree on the date or
the title, that is an error naming both files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import groupby
from typing import NamedTuple

from markupsafe import Markup

from .errors import Problems, display_path
from .model import Actor, Event, Registry, Source


class BriefingLink(NamedTuple):
    """A briefing as events link to it, read once per build. A tuple, so it
    hashes in C: event signatures hash thousands of them per update."""

    title: str
    url: str


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

    @property
    def id(self) -> str | None:
        return self.event.id

    @property
    def date(self):
        return self.event.date

    @property
    def date_label(self) -> str:
        return self.event.date_label

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def body(self) -> Markup:
        return self.event.body

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

    def add_telling(self, link: BriefingLink, event: Event) -> None:
        self.briefings.append(link)
        if event.current:
            self.current_in.append(link)
        for actor in event.actors:
            if not any(known is actor for known in self.actors):
                self.actors.append(actor)
        known_urls = {source.url for source in self.sources}
        for source in event.sources:
            if source.url not in known_urls:
                self.sources.append(source)
                known_urls.add(source.url)


@dataclass
class SiteIndex:
    """Everything the cross-briefing pages show, built once per build."""

    registry: Registry
    briefings: list  # published briefing articles, newest first
    events: list[SiteEvent]  # oldest first
    appearances: dict[str, list[Appearance]]  # actor id -> newest first
    actor_events: dict[str, list[SiteEvent]]  # actor id -> oldest first
    told_by: dict[str, list[SiteEvent]]  # briefing's source path -> its events

    def appearances_of(self, actor: Actor) -> list[Appearance]:
        return self.appearances.get(actor.id, [])

    def events_of(self, actor: Actor) -> list[SiteEvent]:
        return self.actor_events.get(actor.id, [])

    def actors_shown_with(self, article) -> set[str]:
        """The ids of the actors whose page shows something of `article`: its
        cast, and the actors of every event it tells."""
        shown = set()
        if article.briefing is not None:
            shown.update(cast.actor.id for cast in article.briefing.actors)
        for site_event in self.told_by.get(article.source_path, []):
            shown.update(actor.id for actor in site_event.actors)
        return shown

    @property
    def years(self) -> list[tuple[int, list[SiteEvent]]]:
        """The timeline grouped by year, oldest year first."""
        return [
            (year, list(events))
            for year, events in groupby(self.events, key=lambda e: e.date.year)
        ]

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


def newest_first(articles) -> list:
    """Newest first, briefings of one date by slug: the home page's order."""
    by_slug = sorted(articles, key=lambda article: article.slug)
    return sorted(by_slug, key=lambda article: article.date, reverse=True)


def build_site_index(articles, registry: Registry, problems: Problems) -> SiteIndex:
    """Index the briefings' actors and events; report conflicting event ids."""
    briefings = newest_first(a for a in articles if a.briefing is not None)
    links = {
        id(article): BriefingLink(article.title, article.url) for article in briefings
    }
    appearances: dict[str, list[Appearance]] = defaultdict(list)
    for article in briefings:
        link = links[id(article)]
        for cast in article.briefing.actors:
            appearances[cast.actor.id].append(Appearance(article, cast.role, link))

    merged: dict[object, SiteEvent] = {}
    told_by: dict[str, list[SiteEvent]] = defaultdict(list)
    origin: dict[str, tuple[object, Event]] = {}
    for article in reversed(briefings):  # oldest first: the first telling leads
        link = links[id(article)]
        for index, event in enumerate(article.briefing.timeline):
            key = event.id or (article.source_path, index)
            if event.id and event.id in origin:
                first_article, first_event = origin[event.id]
                if not _same_event(first_event, event):
                    _report_conflict(
                        first_article, first_event, article, event, problems
                    )
                    continue
            elif event.id:
                origin[event.id] = (article, event)
            site_event = merged.setdefault(key, SiteEvent(event))
            site_event.add_telling(link, event)
            told_by[article.source_path].append(site_event)

    events = sorted(merged.values(), key=_chronological)
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
        dict(told_by),
    )


def _chronological(site_event: SiteEvent) -> tuple[int, int, int]:
    """PartialDate's order, as a tuple: sorting compares it in C."""
    date = site_event.date
    return (date.year, date.month, date.day)


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
    signature cannot be reused by other objects while it is cached."""

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
