"""Loading the actor registry and each briefing's notes into the model.

Every mistake becomes a `Problem` with the file, the line and a hint; the
loader never raises on bad content, so one build reports all of them.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import types
import typing
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from . import standards
from .errors import Problems, display_path
from .model import (
    ID_HINT,
    ID_PATTERN,
    Actor,
    Briefing,
    BrokenReference,
    FieldProblem,
    Notes,
    Registry,
    Schema,
)
from .relations import RELATION_TYPES, ends_before, relation_key
from .yamlfile import Location, YamlFile, read_yaml

NOTES_SUFFIX = ".notes.yaml"

M = TypeVar("M", bound=BaseModel)


def notes_path_for(article_path: Path) -> Path:
    """content/briefings/x.md -> content/briefings/x.notes.yaml"""
    return article_path.with_name(article_path.stem + NOTES_SUFFIX)


def load_registry(actors_dir: Path, problems: Problems) -> Registry:
    """Read content/actors/*.yaml; an actor with errors is left out."""
    paths = sorted(actors_dir.glob("*.yaml")) if actors_dir.is_dir() else []
    ids = [path.stem for path in paths]
    known = Registry.of([], ids)
    actors = []
    texts = hashlib.blake2b(digest_size=16)
    for path in paths:
        texts.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        if not ID_PATTERN.fullmatch(path.stem):
            problems.error(
                path,
                None,
                f"'{path.stem}' cannot be an actor id",
                f"rename the file: {ID_HINT}",
            )
            continue
        document = read_yaml(path, problems)
        if document is None:
            continue
        texts.update(document.text.encode("utf-8", "surrogatepass") + b"\0")
        data = mapping_of(document, problems, "an actor: name, kind, summary, …")
        if data is None:
            continue
        if "id" in data:
            problems.warning(
                path,
                document.line_of(("id",)),
                "'id' is ignored: an actor's id is its file name",
                f"this actor's id is '{path.stem}'",
            )
        data = {**data, "id": path.stem}
        actor = validate(Actor, document, data, problems, {"registry": known})
        if actor is not None:
            actors.append((actor, document))
    registry = Registry.of([actor for actor, _ in actors], ids)
    registry.digest = texts.hexdigest()
    for actor, document in actors:
        _check_parent_chain(actor, registry, document, problems)
    _check_relations(actors, problems)
    return registry


def _check_relations(actors, problems: Problems) -> None:
    """Each relation once across the registry (a mutual one in either
    file), with an end no earlier than its start, to another actor, of a
    known type (else a warning: it is shown as written)."""
    declared: dict[tuple, tuple[Path, int | None]] = {}
    for actor, document in actors:
        for index, relation in enumerate(actor.relations):
            where = ("relations", index)
            line = document.line_of(where)
            prefix = f"relations[{index}]"
            if relation.actor == actor.id:
                problems.error(
                    document.path,
                    document.line_of((*where, "actor")),
                    f"{prefix}: '{actor.id}' is related to itself",
                    "name the other actor of the relation",
                )
                continue
            if relation.type not in RELATION_TYPES:
                problems.warning(
                    document.path,
                    document.line_of((*where, "type")),
                    f"{prefix}: '{relation.type}' is not a known relation type",
                    standards.suggest(relation.type, tuple(RELATION_TYPES)),
                )
            since, until = relation.since, relation.until
            if since and until and ends_before(until, since):
                problems.error(
                    document.path,
                    document.line_of((*where, "until")),
                    f"{prefix}: ends ({until.iso}) before it begins ({since.iso})",
                    "'since' is when it began, 'until' when it ended",
                )
            key = relation_key(relation.type, actor.id, relation.actor)
            if key in declared:
                first_path, first_line = declared[key]
                problems.error(
                    document.path,
                    line,
                    f"{prefix}: '{relation.type}' with '{relation.actor}' is "
                    f"declared twice, first in {display_path(first_path)}:"
                    f"{first_line}",
                    "declare a relation once, on either actor: it is shown "
                    "on both pages",
                )
            else:
                declared[key] = (document.path, line)


def _check_parent_chain(actor, registry, document, problems) -> None:
    seen = [actor.id]
    parent_id = actor.parent
    while parent_id is not None and parent_id in registry.actors:
        if parent_id in seen:
            chain = " -> ".join([*seen, parent_id])
            problems.error(
                document.path,
                document.line_of(("parent",)),
                f"'parent' goes round in a circle: {chain}",
                "an actor cannot be its own ancestor",
            )
            return
        seen.append(parent_id)
        parent_id = registry.actors[parent_id].parent


def load_notes(
    path: Path, registry: Registry, problems: Problems, text: str | None = None
) -> Briefing | None:
    """Read one notes file (its `text`, if already read); None (with the
    problems recorded) if it has errors."""
    errors_before = len(problems.errors)
    document = read_yaml(path, problems, text)
    if document is None:
        return None
    data = mapping_of(document, problems, "notes: summary, actors, timeline")
    if data is None:
        return None
    notes = validate(Notes, document, data, problems, {"registry": registry})
    if notes is None:
        return None
    _check_notes(notes, document, problems)
    if len(problems.errors) > errors_before:
        return None
    stem = re.sub(r"[^a-z0-9]+", "-", path.name.removesuffix(NOTES_SUFFIX).lower())
    for index, event in enumerate(notes.timeline):
        event._line = document.line_of(("timeline", index))
        event._anchor = f"event--{stem}-{index + 1}"
    for index, judgment in enumerate(notes.judgments):
        judgment._line = document.line_of(("judgments", index))
        judgment._basis_lines = [
            document.line_of(("judgments", index, "basis", n))
            for n in range(len(judgment.basis))
        ]
        _check_wording(judgment, index, document, problems)
    for index, cast in enumerate(notes.actors):
        if not cast.role:
            problems.warning(
                path,
                document.line_of(("actors", index, "id")),
                f"actors[{index}]: '{cast.actor.id}' has no role yet",
                "say in 'role:' what part this actor plays in the story",
            )
    return Briefing.from_notes(path, notes)


def _check_notes(notes: Notes, document: YamlFile, problems: Problems) -> None:
    """Rules across items: each actor once, each event id once, at most one
    current event."""
    _check_unique(
        document,
        problems,
        ("actors", "id"),
        [cast.actor.id for cast in notes.actors],
        ("'{}' is listed twice", "merge the two roles"),
    )
    _check_unique(
        document,
        problems,
        ("timeline", "id"),
        [event.id for event in notes.timeline],
        ("event id '{}' is used twice", "one event, one id"),
    )
    _check_unique(
        document,
        problems,
        ("judgments", "id"),
        [judgment.id for judgment in notes.judgments],
        ("judgment id '{}' is used twice", "one judgment, one id"),
    )
    _check_dates_in_order(
        document, problems, ("updates",), [u.date for u in notes.updates]
    )
    latest = max((update.date for update in notes.updates), default=None)
    for index, judgment in enumerate(notes.judgments):
        where = ("judgments", index, "history")
        dates = [assessment.date for assessment in judgment.history]
        _check_dates_in_order(document, problems, where, dates)
        if dates and latest is None:
            problems.error(
                document.path,
                document.line_of(where),
                f"judgments[{index}]: a history, but the briefing has no updates",
                "add to 'updates:' the date the judgment moved and what changed",
            )
        for n, date in enumerate(dates):
            if latest is not None and date > latest:
                problems.error(
                    document.path,
                    document.line_of((*where, n, "date")),
                    f"judgments[{index}].history[{n}]: dated {date.iso}, after "
                    f"the briefing's latest update ({latest.iso})",
                    "history holds earlier assessments; add the update that "
                    "says when the judgment moved",
                )
    current = [i for i, event in enumerate(notes.timeline) if event.current]
    for index in current[1:]:
        first_line = document.line_of(("timeline", current[0], "current"))
        problems.error(
            document.path,
            document.line_of(("timeline", index, "current")),
            f"timeline[{index}]: a second current event",
            f"the first is on line {first_line}; a briefing is about one event",
        )


def _check_dates_in_order(document, problems, where, dates) -> None:
    """An error on each date earlier than the one before it in a list that
    is kept oldest first."""
    for n in range(1, len(dates)):
        if dates[n] < dates[n - 1]:
            prefix = _field_path((*where, n))
            problems.error(
                document.path,
                document.line_of((*where, n, "date")),
                f"{prefix}: dated {dates[n].iso}, before the entry above it "
                f"({dates[n - 1].iso})",
                "list them oldest first",
            )


def _check_wording(judgment, index: int, document: YamlFile, problems) -> None:
    """Warnings for a judgment's text that says another likelihood than its
    `likelihood`, or hedges without saying how likely."""
    text = judgment.text.striptags()
    line = document.line_of(("judgments", index, "text"))
    terms = standards.terms_in(text)
    other = [term for term in terms if term != judgment.likelihood]
    if other:
        problems.warning(
            document.path,
            line,
            f"judgments[{index}]: the text says '{other[0]}' but the "
            f"likelihood is '{judgment.likelihood}'",
            "make the words and the likelihood agree",
        )
    hedges = standards.hedges_in(text)
    if hedges and not terms:
        problems.warning(
            document.path,
            line,
            f"judgments[{index}]: the text hedges with '{hedges[0]}' "
            "without saying how likely",
            f"write it with the likelihood term, e.g. '{judgment.likelihood}'",
        )


def _check_unique(document, problems, where, keys, wording) -> None:
    """An error on each repeat of a key in a list, naming the first line."""
    section, field = where
    message, hint = wording
    first_line: dict[str, int | None] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        line = document.line_of((section, index, field))
        if key in first_line:
            problems.error(
                document.path,
                line,
                f"{section}[{index}]: {message.format(key)}",
                f"first on line {first_line[key]}; {hint}",
            )
        else:
            first_line[key] = line


def mapping_of(document: YamlFile, problems: Problems, expected: str) -> dict | None:
    if document.data is None:
        return {}
    if not isinstance(document.data, dict):
        problems.error(
            document.path,
            document.line_of(()),
            f"the file should hold {expected}",
            "write 'field: value' lines at the top level",
        )
        return None
    return document.data


def validate(
    model: type[M], document: YamlFile, data: dict, problems: Problems, context: dict
) -> M | None:
    """Validate `data` as `model`, turning every failure into a Problem."""
    for location, name, known in _unknown_fields(model, data, ()):
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "known: " + ", ".join(known)
        parent = _field_path(location[:-1])
        message = f"unknown field '{name}' is ignored"
        problems.warning(
            document.path,
            document.line_of(location),
            f"{parent}: {message}" if parent else message,
            hint,
        )
    try:
        return model.model_validate(data, context=context)
    except ValidationError as failure:
        for error in failure.errors(include_url=False):
            if isinstance((error.get("ctx") or {}).get("error"), BrokenReference):
                continue
            location = tuple(error["loc"])
            message, hint = _describe(error)
            # "timeline[1]: 'title' is missing" names the field once.
            shown = location[:-1] if error["type"] == "missing" else location
            prefix = _field_path(shown)
            problems.error(
                document.path,
                document.line_of(location),
                f"{prefix}: {message}" if prefix else message,
                hint,
            )
        return None


# Pydantic error types in an analyst's words: (message, hint) templates.
_MESSAGES = {
    "missing": ("'{field}' is missing", "add '{field}:' here"),
    "string_type": ("text is needed, got {got}", "put the value in quotes"),
    "string_sub_type": ("text is needed, got {got}", "put the value in quotes"),
    "string_too_short": ("is empty", "write the text after the colon"),
    "string_pattern_mismatch": (
        "'{value}' is not in the expected form",
        "it must match {pattern}",
    ),
    "bool_type": ("true or false is needed, got {got}", None),
    "bool_parsing": ("true or false is needed, got {got}", None),
    "list_type": (
        "a list is needed, got {got}",
        "put each item on its own line starting with '- '",
    ),
    "model_type": (
        "a group of fields is needed, got {got}",
        "indent the fields under this key",
    ),
    "dict_type": (
        "a group of fields is needed, got {got}",
        "indent the fields under this key",
    ),
}


def _describe(error) -> tuple[str, str | None]:
    """A pydantic error as (message, hint)."""
    context = error.get("ctx") or {}
    if isinstance(context.get("error"), FieldProblem):
        return str(context["error"]), context["error"].hint
    template = _MESSAGES.get(error["type"])
    if template is None:
        return error["msg"], None
    location = error["loc"]
    values = {
        "field": next((p for p in reversed(location) if isinstance(p, str)), ""),
        "got": _kind_of(error.get("input")),
        "value": error.get("input"),
        "pattern": context.get("pattern", ""),
    }
    message, hint = template
    return message.format(**values), hint.format(**values) if hint else None


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)


def _field_path(location: Location) -> str:
    """('timeline', 2, 'date') -> 'timeline[2].date'; pydantic's marker of
    a mapping's key ('names', 'dari', '[key]') is left out."""
    text = ""
    for step in location:
        if step == "[key]":
            continue
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text


def _unknown_fields(model: type[BaseModel], data: object, location: Location):
    """(location, name, known names) for every key no model field reads."""
    if not isinstance(data, dict):
        return
    known = _fields_of(model)
    for key, value in data.items():
        if key not in known:
            yield (*location, key), str(key), sorted(known)
            continue
        nested = known[key]
        if nested is None:
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _unknown_fields(nested, item, (*location, key, index))
        else:
            yield from _unknown_fields(nested, value, (*location, key))


@functools.cache
def _fields_of(model: type[BaseModel]) -> dict[str, type[Schema] | None]:
    """A model's field names (as written in the files), each with the schema
    nested in it, if any: read for every mapping of every file."""
    return {
        info.alias or name: _nested_schema(info.annotation)
        for name, info in model.model_fields.items()
    }


def _nested_schema(annotation) -> type[Schema] | None:
    """The schema model inside `X`, `list[X]` or `X | None`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, Schema):
        # An Actor named by id in the notes is not a nested mapping.
        return None if annotation is Actor else annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            nested = _nested_schema(argument)
            if nested is not None:
                return nested
    return None
