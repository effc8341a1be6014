"""Reading packs: `content/packs/<slug>.yaml`, a handful of briefings bound
together for a meeting, with a cover note.

This module reads and checks the files themselves (fields, dates, the
briefing list); whether each slug names a published briefing is for the site
to say (site/packs.py), once Pelican has read the articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from pydantic import Field

from .errors import Problems
from .loader import mapping_of, validate
from .model import (
    ID_HINT,
    ID_PATTERN,
    DateValue,
    Identifier,
    MarkdownText,
    Schema,
    Text,
)
from .yamlfile import read_yaml

PACK_SUFFIX = ".yaml"


class PackFile(Schema):
    """The fields of a pack file."""

    title: Text
    date: DateValue
    audience: Text | None = None
    handling: Text | None = None
    note: MarkdownText = Markup("")
    briefings: list[Identifier] = Field(min_length=1)


@dataclass
class Pack:
    """A reading pack as pages show it. `briefings` holds the articles, in
    reading order, once the site has resolved the slugs."""

    slug: str
    path: Path
    title: str
    date: object  # PartialDate
    audience: str | None
    handling: str | None
    note: Markup
    slugs: list[str]
    lines: list[int | None]  # of each slug in the file, for messages
    briefings: list = field(default_factory=list)
    url: str = ""
    pdf_url: str = ""


def pack_paths(packs_dir: Path) -> list[Path]:
    """The pack files, by name; none if the folder is missing."""
    if not packs_dir.is_dir():
        return []
    return sorted(packs_dir.glob("*" + PACK_SUFFIX))


def load_packs(packs_dir: Path, problems: Problems) -> list[Pack]:
    """Every pack file that is valid, with the problems of the others."""
    packs = []
    for path in pack_paths(packs_dir):
        pack = load_pack(path, problems)
        if pack is not None:
            packs.append(pack)
    return packs


def load_pack(path: Path, problems: Problems) -> Pack | None:
    """One pack file; None (the problems recorded) if it has errors."""
    slug = path.name.removesuffix(PACK_SUFFIX)
    if not ID_PATTERN.fullmatch(slug):
        problems.error(
            path,
            None,
            f"'{slug}' cannot be a pack's name",
            f"rename the file: {ID_HINT}",
        )
        return None
    document = read_yaml(path, problems)
    if document is None:
        return None
    data = mapping_of(document, problems, "a pack: title, date, briefings")
    if data is None:
        return None
    found = validate(PackFile, document, data, problems, {})
    if found is None:
        return None
    lines = [
        document.line_of(("briefings", index)) for index in range(len(found.briefings))
    ]
    first_line: dict[str, int | None] = {}
    for slug_named, line in zip(found.briefings, lines, strict=True):
        if slug_named in first_line:
            problems.error(
                path,
                line,
                f"'{slug_named}' is in the pack twice",
                f"it is already on line {first_line[slug_named]}; remove one",
            )
        first_line.setdefault(slug_named, line)
    if len(first_line) < len(found.briefings):
        return None
    return Pack(
        slug=slug,
        path=path,
        title=found.title,
        date=found.date,
        audience=found.audience,
        handling=found.handling,
        note=found.note,
        slugs=list(found.briefings),
        lines=lines,
    )
