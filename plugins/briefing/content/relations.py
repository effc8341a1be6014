"""The kinds of relation between actors, and how each reads from each side.

A relation is declared once, in one actor's file (`relations:`), and shown
on both actors' pages: "Splinter of: Taliban" on the splinter's page,
"Splinter: TTP" on the Taliban's. A mutual relation (ally, rival) reads the
same from both sides. Each kind also has a stance, which the diagrams draw
(arrowheads and line weight, never colour alone) and themes may colour.
Pure data and functions.
"""

from __future__ import annotations

from typing import NamedTuple

from .dates import PartialDate
from .languages import N_


class RelationType(NamedTuple):
    name: str  # as written in the notes
    forward: str  # from the declaring actor's side: "Splinter of"
    backward: str  # from the other actor's side: "Splinter"
    stance: str  # "hostile", "cooperative" or "structural"
    meaning: str  # for the manual and the standards of the desk

    @property
    def mutual(self) -> bool:
        return self.forward == self.backward


RELATION_TYPES = {
    kind.name: kind
    for kind in (
        RelationType(
            "ally", N_("Ally"), N_("Ally"), "cooperative", "fight or work together"
        ),
        RelationType(
            "rival", N_("Rival"), N_("Rival"), "hostile", "compete for the same ground"
        ),
        RelationType(
            "adversary", N_("Adversary"), N_("Adversary"), "hostile", "fight each other"
        ),
        RelationType(
            "supports",
            N_("Supports"),
            N_("Supported by"),
            "cooperative",
            "gives money, arms, shelter or backing to the other",
        ),
        RelationType(
            "affiliate",
            N_("Affiliate of"),
            N_("Affiliate"),
            "structural",
            "has pledged to or is recognised by the other, and keeps its own command",
        ),
        RelationType(
            "part-of",
            N_("Part of"),
            N_("Includes"),
            "structural",
            "is a wing, branch or faction inside the other",
        ),
        RelationType(
            "splinter-of",
            N_("Splinter of"),
            N_("Splinter"),
            "structural",
            "broke away from the other",
        ),
        RelationType(
            "merged-into",
            N_("Merged into"),
            N_("Absorbed"),
            "structural",
            "joined the other and ceased to exist on its own",
        ),
        RelationType(
            "leader-of",
            N_("Leader of"),
            N_("Led by"),
            "structural",
            "a person who leads it",
        ),
        RelationType(
            "member-of",
            N_("Member of"),
            N_("Member"),
            "structural",
            "a person or group that belongs to the other",
        ),
    )
}


def relation_type(name: str) -> RelationType:
    """The known type, or one that reads as its name from both sides (a
    type the desk uses that is not in the list: warned about, still shown)."""
    known = RELATION_TYPES.get(name)
    if known is not None:
        return known
    label = name[:1].upper() + name[1:]
    return RelationType(name, label, label, "unknown", "")


def relation_key(kind: str, actor: str, other: str) -> tuple:
    """What makes two declarations the same relation: the kind and the two
    actors, in either order if the kind is mutual."""
    if relation_type(kind).mutual:
        actor, other = sorted((actor, other))
    return (kind, actor, other)


def ends_before(until: PartialDate, since: PartialDate) -> bool:
    """Whether a period ending in `until` ends before one starting in
    `since` begins ("2015" does not end before "2015-06")."""
    last = (until.year, until.month or 12, until.day or 31)
    first = (since.year, since.month or 1, since.day or 1)
    return last < first


def period_label(
    since: PartialDate | None, until: PartialDate | None, circa: bool
) -> str:
    """'since January 2015', 'until c. 2019', the two dates joined by an
    en dash, or ''."""
    about = "c. " if circa else ""
    if since and until:
        return f"{about}{since.label} – {about}{until.label}"
    if since:
        return f"since {about}{since.label}"
    if until:
        return f"until {about}{until.label}"
    return ""
