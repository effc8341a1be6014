"""Key judgments across briefings: their basis resolved to events, the
checks that need every briefing, and the lists the judgments page and the
actor pages show.

A judgment's `basis` names events by id, in its own briefing or in any
other; an id no briefing gives is an error, and a `high` confidence that
rests only on thin evidence (events of a single source, or sources graded
below C) is a warning, as the analytic standards ask.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from ..content.dates import PartialDate
from ..content.errors import Problems
from ..content.model import Briefing, Judgment
from ..content.standards import RELIABILITY
from .linking import Signature

WEAK_RELIABILITY = frozenset("DEF")  # below C on the Admiralty scale


@dataclass(frozen=True, slots=True)
class BasisLink:
    """An event a judgment rests on, as the page links to it."""

    id: str
    title: str
    url: str  # relative to the site, with the event's anchor
    date: PartialDate
    circa: bool
    sources: int


@dataclass(slots=True)
class SiteJudgment:
    """A judgment with its briefing and its basis resolved."""

    judgment: Judgment
    article: object
    basis: list[BasisLink] = field(default_factory=list)
    events: tuple = ()  # the events of its basis, as found
    signature: Signature = field(init=False)  # what it shows (`_shown`)
    changed_on: object = field(init=False)  # the date of its latest move

    def __post_init__(self):
        self.signature = Signature(_shown(self))
        move = self.judgment.last_move
        self.changed_on = move.date if move is not None else None


def _shown(item: SiteJudgment) -> tuple:
    """Everything its HTML and its record show, as values: equal for the
    same judgment read again from an edited notes file, so a preview keeps
    its HTML, its record and the pages listing it."""
    judgment = item.judgment
    return (
        item.article.url,
        item.article.title,
        judgment.id,
        str(judgment.text),
        judgment.likelihood,
        judgment.confidence,
        tuple(actor.id for actor in judgment.actors),
        tuple(item.basis),
        tuple((i.text, i.status, i.date) for i in judgment.indicators),
        tuple(
            (h.date, h.likelihood, h.confidence, str(h.why)) for h in judgment.history
        ),
        tuple((m.date, m.wording) for m in judgment.moves),
    )


def own_events(briefing: Briefing) -> dict[str, object]:
    return {event.id: event for event in briefing.timeline if event.id}


def check_judgments(briefing: Briefing, find_event, problems: Problems) -> None:
    """Errors for basis ids that name no event (`find_event(id)` gives the
    event, or None), warnings for high confidence on thin evidence."""
    path = briefing.notes_path
    for index, judgment in enumerate(briefing.judgments):
        events = []
        lines = judgment._basis_lines  # set by the loader
        for n, (event_id, line) in enumerate(zip(judgment.basis, lines, strict=True)):
            event = find_event(event_id)
            if event is None:
                problems.error(
                    path,
                    line,
                    f"judgments[{index}].basis[{n}]: no event has the id '{event_id}'",
                    _event_hint(event_id, find_event),
                )
            else:
                events.append(event)
        if judgment.confidence == "high" and events:
            thin = _thin_evidence(events)
            if thin:
                problems.warning(
                    path,
                    judgment.line,
                    f"judgments[{index}]: high confidence rests only on {thin}",
                    "add sources to its events, or say 'moderate'",
                )


def _thin_evidence(events: list) -> str | None:
    """Why the events are thin evidence for high confidence, or None."""
    if all(len(event.sources) <= 1 for event in events):
        return "single-source events"
    sources = [source for event in events for source in event.sources]
    if sources and all(s.reliability in WEAK_RELIABILITY for s in sources):
        worst = ", ".join(sorted({s.reliability for s in sources}))
        return f"sources graded below C ({worst}: {RELIABILITY[worst[0]]})"
    return None


def _event_hint(event_id: str, find_event) -> str:
    known = sorted(find_event.known)
    close = difflib.get_close_matches(event_id, known, n=2)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "basis lists the ids of timeline events, in this briefing or another"


class EventFinder:
    """`find(event_id)`: an event of `briefing`, or one of `elsewhere` (a
    dict of id -> event), and every id known, for hints."""

    def __init__(self, briefing: Briefing, elsewhere: dict):
        self.own = own_events(briefing)
        self.elsewhere = elsewhere

    @property
    def known(self) -> set[str]:
        """Read for a hint only: every briefing's events would make it
        quadratic in the briefings."""
        return set(self.own) | {k for k in self.elsewhere if isinstance(k, str)}

    def __call__(self, event_id: str):
        found = self.elsewhere.get(event_id)
        return found if found is not None else self.own.get(event_id)


def index_judgments(site, articles, problems: Problems) -> None:
    """Check every briefing's judgments against the site's events, give
    each article `key_judgments` (its judgments with their basis linked),
    and give the site index the lists of current judgments: all of them,
    those that moved most recently first, and by actor, newest briefing
    first. An article whose judgments rest on the very events they rested
    on keeps the ones it has (a preview update re-links only the edited)."""
    published = {id(article) for article in site.briefings}
    judgments, by_actor = [], {}
    for article in articles:
        briefing = article.briefing
        if briefing is None:
            continue
        find = EventFinder(briefing, site.by_key)
        found = [tuple(map(find, j.basis)) for j in briefing.judgments]
        kept = getattr(article, "key_judgments", None)
        if not _still(kept, briefing.judgments, found):
            check_judgments(briefing, find, problems)
            article.key_judgments = [
                SiteJudgment(judgment, article, _basis(judgment, article, find), events)
                for judgment, events in zip(briefing.judgments, found, strict=True)
            ]
        if id(article) in published:
            judgments.extend(article.key_judgments)
    newest = {id(article): rank for rank, article in enumerate(site.briefings)}
    judgments.sort(key=lambda j: newest[id(j.article)])
    by_event: dict[str, list] = {}
    for site_judgment in judgments:
        for actor in site_judgment.judgment.actors:
            by_actor.setdefault(actor.id, []).append(site_judgment)
        for link in site_judgment.basis:
            by_event.setdefault(link.id, []).append(site_judgment)
    moved = sorted(
        (j for j in judgments if j.changed_on is not None),
        key=lambda j: j.changed_on,
        reverse=True,
    )
    site.judgments = moved + [j for j in judgments if j.changed_on is None]
    site.actor_judgments = by_actor
    site.event_judgments = by_event


def _still(kept, judgments, found) -> bool:
    """Whether `kept` (an article's key judgments) are of these very
    judgments, resting on these very events."""
    return (
        kept is not None
        and len(kept) == len(judgments)
        and all(
            item.judgment is judgment
            and len(item.events) == len(events)
            and all(a is b for a, b in zip(item.events, events, strict=True))
            for item, judgment, events in zip(kept, judgments, found, strict=True)
        )
    )


def _basis(judgment: Judgment, article, find: EventFinder) -> list[BasisLink]:
    links = []
    for event_id in judgment.basis:
        event = find(event_id)
        if event is None:
            continue
        told = getattr(event, "briefings", None)
        # An event of its own briefing is linked on its page; another's, on
        # the page of the first briefing telling it.
        page = article.url if event_id in find.own or not told else told[0].url
        # Titled as its own notes tell it, where they do: in a translation's
        # language, as on its timeline.
        own = find.own.get(event_id)
        links.append(
            BasisLink(
                event_id,
                (own or event).title,
                f"{page}#{event.anchor}",
                event.date,
                event.circa,
                len(event.sources),
            )
        )
    return links
