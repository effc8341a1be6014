"""The typed notes and actors that templates receive.

The pydantic models are the schema of the YAML files: they validate a file's
data, render its Markdown fields to safe HTML and resolve actor ids against
the registry (passed in the validation context), so a template gets
`cast.actor.name`, never a raw dict or an id to look up.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Annotated

from markupsafe import Markup
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
)

from ..speed.internals import share_fields_set
from . import languages, relations, standards
from .dates import DATE_HINT, PartialDate
from .languages import N_
from .markup import URL_SCHEMES, render_markdown

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_HINT = "lower-case letters, digits and single hyphens, e.g. islamic-state"


class FieldProblem(ValueError):
    """A value error with a hint; the loader turns it into `path:line: ...`."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class BrokenReference(FieldProblem):
    """An id whose actor file exists but has errors of its own (reported
    there), so the notes naming it are not wrong and get no second error."""


def _date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as error:
        raise FieldProblem(str(error), DATE_HINT) from None


def check_web_url(value: str) -> str:
    scheme, colon, rest = value.partition(":")
    if not colon or scheme.lower() not in URL_SCHEMES - {"mailto"}:
        raise FieldProblem(
            f"'{value}' is not a web address", "give a full https:// address"
        )
    if not rest.startswith("//") or len(rest) <= 2:
        raise FieldProblem(f"'{value}' has no host", "e.g. https://example.org/page")
    return value


def _identifier(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise FieldProblem(f"'{value}' is not a valid id", ID_HINT)
    return value


def _language_code(value: str) -> str:
    """A language code Babel knows (its CLDR data says how the language is
    written, and so which way its pages run)."""
    if not languages.is_language(value):
        raise FieldProblem(
            f"'{value}' is not a language code",
            "use the code of the language, e.g. fa (Dari), ps (Pashto), ar",
        )
    return value


def _none_to_empty(value: object) -> object:
    return "" if value is None else value


def _registry_actor(value: object, info: ValidationInfo) -> Actor:
    """An actor id from the notes, resolved to the registry's Actor."""
    if not isinstance(value, str):
        raise FieldProblem("an actor id is needed, e.g. taliban")
    registry: Registry = (info.context or {})["registry"]
    actor = registry.actors.get(value)
    if actor is not None:
        return actor
    if value in registry.ids:
        raise BrokenReference(f"actor '{value}' has errors in its own file")
    raise FieldProblem(f"unknown actor '{value}'", registry.hint_for(value))


def _known_actor_id(value: str, info: ValidationInfo) -> str:
    """An actor id inside the registry (parent, relations): must name a file."""
    known_ids: Registry = (info.context or {})["registry"]
    if value not in known_ids.ids:
        raise FieldProblem(f"unknown actor '{value}'", known_ids.hint_for(value))
    return value


def _likelihood(value: object) -> str:
    """One of the seven ICD 203 terms, written as the standard writes it."""
    if not isinstance(value, str):
        raise FieldProblem(
            f"a likelihood term is needed, got {value!r}",
            "one of: " + ", ".join(standards.LIKELIHOOD_TERMS),
        )
    term = " ".join(value.lower().split())
    if term in standards.LIKELIHOODS:
        return term
    synonym_of = standards.likelihood_of_synonym(term)
    if synonym_of:
        raise FieldProblem(
            f"'{value}' is not one of the seven likelihood terms",
            f"the standard's term for it is '{synonym_of}'",
        )
    raise FieldProblem(
        f"'{value}' is not one of the seven likelihood terms",
        standards.suggest(term, standards.LIKELIHOOD_TERMS),
    )


def _reliability(value: object) -> str:
    letter = value.strip().upper() if isinstance(value, str) else ""
    if letter in standards.RELIABILITY:
        return letter
    raise FieldProblem(
        f"'{value}' is not a source reliability grade",
        "A (completely reliable) to F (reliability cannot be judged)",
    )


def _credibility(value: object) -> str:
    digit = str(value).strip() if isinstance(value, (str, int)) else ""
    if digit in standards.CREDIBILITY and not isinstance(value, bool):
        return digit
    raise FieldProblem(
        f"'{value}' is not an information credibility grade",
        "1 (confirmed by other sources) to 6 (truth cannot be judged)",
    )


def _one_of(known: tuple[str, ...], what: str):
    """A validator of a word from `known` (case and spacing as the analyst
    likes), with a did-you-mean for a word that is not."""

    def validate(value: object) -> str:
        word = " ".join(value.lower().split()) if isinstance(value, str) else ""
        if word in known:
            return word
        raise FieldProblem(
            f"'{value}' is not {what}", standards.suggest(word or str(value), known)
        )

    return validate


INDICATOR_STATUSES = (N_("observed"), N_("not observed"), N_("unclear"))

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
MarkdownText = Annotated[
    str, BeforeValidator(_none_to_empty), AfterValidator(render_markdown)
]
RequiredMarkdown = Annotated[Text, AfterValidator(render_markdown)]
LikelihoodTerm = Annotated[str, PlainValidator(_likelihood)]
ConfidenceLevel = Annotated[
    str, PlainValidator(_one_of(standards.CONFIDENCE_LEVELS, "a confidence level"))
]
WebUrl = Annotated[Text, AfterValidator(check_web_url)]
Identifier = Annotated[Text, AfterValidator(_identifier)]
ActorId = Annotated[Text, AfterValidator(_known_actor_id)]
DateValue = Annotated[PartialDate, PlainValidator(_date)]
LanguageCode = Annotated[Text, AfterValidator(_language_code)]


class Schema(BaseModel):
    """Common rules: unknown fields are kept (and warned about by the loader),
    numbers are accepted where text is expected (a title may be `1984`)."""

    model_config = ConfigDict(
        extra="allow",
        coerce_numbers_to_str=True,
        arbitrary_types_allowed=True,
        populate_by_name=True,
    )


# Sources, of events and of relations


class Source(Schema):
    title: Text
    url: WebUrl
    reliability: Annotated[str, PlainValidator(_reliability)] | None = None
    credibility: Annotated[str, PlainValidator(_credibility)] | None = None
    publisher: Text | None = None
    retrieved: DateValue | None = None
    archived: WebUrl | None = None

    @property
    def grade(self) -> str:
        """'B2', 'B' or '2' as far as the source is graded; '' if not."""
        return (self.reliability or "") + (self.credibility or "")

    @property
    def reliability_words(self) -> str:
        """'usually reliable' for B; '' if not graded."""
        return standards.RELIABILITY.get(self.reliability or "", "")

    @property
    def credibility_words(self) -> str:
        """'probably true' for 2; '' if not graded."""
        return standards.CREDIBILITY.get(self.credibility or "", "")

    @property
    def grade_words(self) -> str:
        """'source usually reliable, information probably true' for B2."""
        return standards.grade_words(self.reliability, self.credibility)

    @property
    def tags(self) -> list[str]:
        """The grade as MISP machine tags (admiralty-scale)."""
        tags = []
        if self.reliability:
            tags.append(standards.reliability_tag(self.reliability))
        if self.credibility:
            tags.append(standards.credibility_tag(self.credibility))
        return tags


# The registry: content/actors/<id>.yaml


class Relation(Schema):
    """A relation to another actor, as declared in one actor's file."""

    actor: ActorId
    type: Text
    since: DateValue | None = None
    until: DateValue | None = None
    circa: bool = False  # the dates are approximate
    note: MarkdownText = Markup("")
    sources: list[Source] = Field(default_factory=list)

    @property
    def kind(self) -> relations.RelationType:
        return relations.relation_type(self.type)

    @property
    def past(self) -> bool:
        """Whether it has ended: it has an `until`."""
        return self.until is not None

    @property
    def period(self) -> str:
        """'since January 2015', 'until 2019', both dates, or ''."""
        return relations.period_label(self.since, self.until, self.circa)


@dataclass(frozen=True, slots=True)
class Tie:
    """One actor's side of a relation: how it reads from there, and the
    actor at the other end."""

    relation: Relation
    declared_by: Actor  # whose file declares it
    named: Actor  # the actor it names (`relation.actor`)
    forward: bool  # seen from the actor that declares it

    @property
    def other(self) -> Actor:
        """The actor at the other end, from this side."""
        return self.named if self.forward else self.declared_by

    @property
    def wording(self) -> str:
        """'Splinter of' (forward) or 'Splinter' (from the other side)."""
        kind = self.relation.kind
        return kind.forward if self.forward else kind.backward

    @property
    def sentence(self) -> str:
        """'Rival: Taliban, since January 2015', for a diagram's text."""
        period = self.relation.period
        return f"{self.wording}: {self.other.name}" + (f", {period}" if period else "")


class Links(Schema):
    wikidata: Annotated[Text, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = (
        None
    )
    wikipedia: WebUrl | None = None
    website: WebUrl | None = None

    @property
    def wikidata_url(self) -> str | None:
        if self.wikidata:
            return f"https://www.wikidata.org/wiki/{self.wikidata}"
        return None

    @property
    def labelled(self) -> list[tuple[str, str]]:
        """(label, address) of each link given, for a template to list."""
        links = [
            (N_("Wikipedia"), self.wikipedia),
            (N_("Wikidata"), self.wikidata_url),
            (N_("Website"), self.website),
        ]
        return [(label, url) for label, url in links if url]


class Actor(Schema):
    id: Identifier
    name: Text
    short_name: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    # The name and short name in other languages, by language code.
    names: dict[LanguageCode, Text] = Field(default_factory=dict)
    short_names: dict[LanguageCode, Text] = Field(default_factory=dict)
    kind: Text
    summary: MarkdownText = Markup("")
    parent: ActorId | None = None
    relations: list[Relation] = Field(default_factory=list)
    links: Links | None = None
    # Set once the registry is complete (Registry.of) and URLs are known.
    _parent_actor: Actor | None = PrivateAttr(default=None)
    _branches: list[Actor] = PrivateAttr(default_factory=list)
    _ties: list[Tie] = PrivateAttr(default_factory=list)
    _url: str | None = PrivateAttr(default=None)
    _feed_url: str | None = PrivateAttr(default=None)
    _jsonld: str | None = PrivateAttr(default=None)

    # The properties read pydantic's private dict directly: templates read
    # `actor.url` for every event on every page, and going through
    # BaseModel.__getattr__ cost a second per thousand briefings.

    @property
    def parent_actor(self) -> Actor | None:
        """The registry entry of `parent`."""
        return self.__pydantic_private__["_parent_actor"]

    @property
    def branches(self) -> list[Actor]:
        """Actors whose `parent` is this one, by name."""
        return self.__pydantic_private__["_branches"]

    @property
    def related(self) -> list[tuple[str, Actor]]:
        """(relation type, actor) for each of `relations` the actor declares."""
        return [(tie.relation.type, tie.other) for tie in self.ties if tie.forward]

    @property
    def ties(self) -> list[Tie]:
        """Its relations, declared here or by the other actor: current ones
        first, then by wording and the other's name."""
        return self.__pydantic_private__["_ties"]

    @property
    def url(self) -> str | None:
        """The actor page's URL, relative to the site; None without pages."""
        return self.__pydantic_private__["_url"]

    @property
    def feed_url(self) -> str | None:
        return self.__pydantic_private__["_feed_url"]

    @property
    def jsonld(self) -> str | None:
        """The actor as schema.org JSON-LD, a `<script>` element for its page."""
        return self.__pydantic_private__["_jsonld"]

    @property
    def label(self) -> str:
        """The short form for lists: 'IS-K' rather than the full name."""
        return self.short_name or self.name

    @property
    def all_names(self) -> list[str]:
        """Every name the actor goes by in text, in every language: the
        full name first, then the short name, the aliases, and the names
        and short names in other languages."""
        names = [self.name]
        if self.short_name:
            names.append(self.short_name)
        names.extend(self.aliases)
        names.extend(self.names.values())
        names.extend(self.short_names.values())
        return list(dict.fromkeys(names))

    def name_in(self, lang: str | None) -> str:
        """The full name in language `lang`, the default name without one."""
        return self.names.get(lang, self.name) if lang else self.name

    def label_in(self, lang: str | None) -> str:
        """The short form in `lang`: its short name there, its name there,
        then the default short form."""
        if lang and lang in self.short_names:
            return self.short_names[lang]
        if lang and lang in self.names:
            return self.names[lang]
        return self.label


# The notes: content/briefings/<slug>.notes.yaml


class CastMember(Schema):
    """One actor of the story and the part the editor says it plays."""

    actor: Annotated[Actor, PlainValidator(_registry_actor)] = Field(alias="id")
    role: MarkdownText = Markup("")


class Event(Schema):
    date: DateValue
    circa: bool = False
    title: Text
    body: MarkdownText = Markup("")
    actors: list[Annotated[Actor, PlainValidator(_registry_actor)]] = Field(
        default_factory=list
    )
    current: bool = False
    id: Identifier | None = None
    sources: list[Source] = Field(default_factory=list)
    _line: int | None = PrivateAttr(default=None)
    _anchor: str | None = PrivateAttr(default=None)

    @property
    def line(self) -> int | None:
        """The event's line in its notes file, for messages."""
        return self._line

    @property
    def anchor(self) -> str:
        """Its `id` on every page that lists it: `event-<id>`, or, for an
        event without an id, one made of its briefing's file and its place
        there (`event--<file>-<n>`: ids never hold two hyphens in a row, so
        the two kinds cannot meet)."""
        if self.id:
            return f"event-{self.id}"
        return self.__pydantic_private__["_anchor"] or "event"

    @property
    def date_label(self) -> str:
        """'26 August 2021', 'August 2021', '2015' or 'c. 1995'."""
        label = self.date.label
        return f"c. {label}" if self.circa else label


class Indicator(Schema):
    """What would change a judgment, and whether it has been seen."""

    text: Text
    status: Annotated[
        str, PlainValidator(_one_of(INDICATOR_STATUSES, "an indicator status"))
    ]
    date: DateValue | None = None


class Assessment(Schema):
    """An earlier assessment of a judgment, and why it was revised."""

    date: DateValue
    likelihood: LikelihoodTerm
    confidence: ConfidenceLevel
    why: MarkdownText = Markup("")


@dataclass(frozen=True, slots=True)
class Move:
    """A judgment's change from one assessment to the next."""

    date: PartialDate | None
    before: Assessment
    likelihood: str  # after
    confidence: str  # after
    why: Markup

    @property
    def steps(self) -> list[tuple[str, str, str, str]]:
        """What moved, as (what, way, old, new): ('likelihood', 'raised',
        'roughly even chance', 'very likely'), then the confidence's step;
        empty when the judgment was kept. Templates word it in the page's
        language (briefing/move.html)."""
        steps = []
        old, new = self.before.likelihood, self.likelihood
        if old != new:
            terms = standards.LIKELIHOODS
            way = "raised" if terms[new].rank > terms[old].rank else "lowered"
            steps.append(("likelihood", way, old, new))
        old, new = self.before.confidence, self.confidence
        if old != new:
            up = standards.confidence_rank(new) > standards.confidence_rank(old)
            steps.append(("confidence", "raised" if up else "lowered", old, new))
        return steps

    @property
    def wording(self) -> str:
        """'raised from roughly even chance to very likely', with the
        confidence's change after a comma; the date is the page's to add."""
        parts = [
            f"{'confidence ' if what == 'confidence' else ''}{way} from {old} to {new}"
            for what, way, old, new in self.steps
        ]
        return ", ".join(parts) or (
            f"kept at {self.likelihood}, {self.confidence} confidence"
        )

    @property
    def sentence(self) -> str:
        """The wording with its date: '… to very likely on 7 September 2021'."""
        return f"{self.wording} on {self.date.label}" if self.date else self.wording

    @property
    def changed(self) -> str:
        """What moved: 'likelihood', 'confidence', 'likelihood and confidence'
        or '' (reaffirmed)."""
        moved = [
            name
            for name, old, new in (
                ("likelihood", self.before.likelihood, self.likelihood),
                ("confidence", self.before.confidence, self.confidence),
            )
            if old != new
        ]
        return " and ".join(moved)


class Judgment(Schema):
    """One of the desk's key judgments: what it assesses, how likely, how
    sure, on what evidence."""

    id: Identifier
    text: RequiredMarkdown
    likelihood: LikelihoodTerm
    confidence: ConfidenceLevel
    actors: list[Annotated[Actor, PlainValidator(_registry_actor)]] = Field(
        default_factory=list
    )
    basis: list[Identifier] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    history: list[Assessment] = Field(default_factory=list)
    _line: int | None = PrivateAttr(default=None)
    _basis_lines: list[int | None] = PrivateAttr(default_factory=list)
    _moves: list[Move] = PrivateAttr(default_factory=list)

    @property
    def line(self) -> int | None:
        return self._line

    @property
    def band(self) -> str:
        """'80-95%' for very likely."""
        return standards.LIKELIHOODS[self.likelihood].band

    @property
    def rank(self) -> int:
        """The likelihood's place on the scale, 1 to 7."""
        return standards.LIKELIHOODS[self.likelihood].rank

    @property
    def tags(self) -> list[str]:
        """Likelihood and confidence as MISP machine tags."""
        return [
            standards.LIKELIHOODS[self.likelihood].tag,
            standards.confidence_tag(self.confidence),
        ]

    # Read through pydantic's private dict, as Actor's properties are: the
    # judgments page sorts tens of thousands by their last move.

    @property
    def moves(self) -> list[Move]:
        """How it moved, oldest first (see `Briefing.from_notes`)."""
        return self.__pydantic_private__["_moves"]

    @property
    def last_move(self) -> Move | None:
        moves = self.__pydantic_private__["_moves"]
        return moves[-1] if moves else None


class Update(Schema):
    """One entry of a briefing's dated change log."""

    date: DateValue
    text: RequiredMarkdown


class Notes(Schema):
    summary: MarkdownText = Markup("")
    actors: list[CastMember] = Field(default_factory=list)
    timeline: list[Event] = Field(default_factory=list)
    judgments: list[Judgment] = Field(default_factory=list)
    updates: list[Update] = Field(default_factory=list)


# Pydantic gives every model the set of the fields its data gave
# (`model_fields_set`): 216 bytes for a source's two, 728 for an event's six,
# and a third of a notes file's memory in all. Notes do not change once
# read, so models with the same fields share one frozen set.
_fields_sets: dict[frozenset[str], frozenset[str]] = {}


def shared_fields_set(names: Iterable[str]) -> frozenset[str]:
    """The one frozen set of these field names."""
    names = frozenset(names)
    return _fields_sets.setdefault(names, names)


@dataclass
class Briefing:
    """What a briefing page shows beside its article: `article.briefing`."""

    notes_path: Path
    summary: Markup
    actors: list[CastMember]
    timeline: list[Event]  # oldest first; equal dates keep the editor's order
    judgments: list[Judgment] = field(default_factory=list)  # editor's order
    updates: list[Update] = field(default_factory=list)  # oldest first

    @classmethod
    def from_notes(cls, notes_path: Path, notes: Notes) -> Briefing:
        timeline = sorted(notes.timeline, key=lambda event: event.date)
        briefing = cls(
            notes_path,
            notes.summary,
            list(notes.actors),
            timeline,
            list(notes.judgments),
            list(notes.updates),
        )
        for judgment in briefing.judgments:
            judgment._moves = moves_of(judgment, briefing.updates)
        briefing.share_fields_sets()
        return briefing

    def share_fields_sets(self) -> None:
        """Give its models the shared sets of their fields (see
        `shared_fields_set`); unpickled notes have sets of their own."""
        sources = (source for event in self.timeline for source in event.sources)
        parts = (
            part
            for judgment in self.judgments
            for part in chain(judgment.indicators, judgment.history)
        )
        models = (self.actors, self.timeline, sources, self.judgments, parts)
        for model in chain(*models, self.updates):
            share_fields_set(model, shared_fields_set(model.__pydantic_fields_set__))

    @property
    def revised(self) -> PartialDate | None:
        """When the briefing last changed: its latest update (the loader
        holds every earlier assessment to be no later), None without one."""
        return max((update.date for update in self.updates), default=None)

    @property
    def current_event(self) -> Event | None:
        return next((event for event in self.timeline if event.current), None)


def moves_of(judgment: Judgment, updates: list[Update]) -> list[Move]:
    """The judgment's moves, from each earlier assessment to the next and
    from the last to the current one. A move is dated by the next
    assessment, or, into the current one, by the first update after the
    last assessment (the update that says what changed): failing that, the
    latest update, which the loader holds to be on that very day."""
    moves = []
    history = judgment.history
    for index, before in enumerate(history):
        after = history[index + 1] if index + 1 < len(history) else None
        if after is not None:
            moves.append(
                Move(after.date, before, after.likelihood, after.confidence, before.why)
            )
            continue
        later = [u.date for u in updates if u.date > before.date]
        date = min(later) if later else max((u.date for u in updates), default=None)
        moves.append(
            Move(date, before, judgment.likelihood, judgment.confidence, before.why)
        )
    return moves


@dataclass
class Registry:
    """All actors by id, and the hints for ids that are not there."""

    actors: dict[str, Actor] = field(default_factory=dict)
    ids: frozenset[str] = frozenset()
    # A sum of the files it was read from: notes checked against it can be
    # kept for a build with the very same registry (see site/articles.py).
    digest: str = ""
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, actors: Iterable[Actor], ids: Iterable[str] = ()) -> Registry:
        actors = {actor.id: actor for actor in actors}
        registry = cls(actors, frozenset(ids) | frozenset(actors))
        for actor in actors.values():
            actor._branches, actor._ties = [], []
        for actor in actors.values():
            actor._parent_actor = actors.get(actor.parent) if actor.parent else None
            for relation in actor.relations:
                other = actors.get(relation.actor)
                if other is not None:
                    actor._ties.append(Tie(relation, actor, other, True))
                    if other is not actor:
                        other._ties.append(Tie(relation, actor, other, False))
            if actor.parent_actor is not None:
                actor.parent_actor._branches.append(actor)
            for name in actor.all_names:
                registry._by_name.setdefault(name.casefold(), actor.id)
        for actor in actors.values():
            actor._branches.sort(key=lambda branch: branch.name)
            actor._ties.sort(
                key=lambda tie: (tie.relation.past, tie.wording, tie.other.name)
            )
        return registry

    def hint_for(self, unknown_id: str) -> str:
        """'did you mean …' for an id that is not in the registry."""
        by_name = self._by_name.get(unknown_id.casefold())
        if by_name:
            return f"did you mean '{by_name}'? ids are file names in content/actors/"
        close = difflib.get_close_matches(unknown_id.lower(), sorted(self.ids), n=3)
        if close:
            return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        return "add content/actors/<id>.yaml, or use an id from content/actors/"
