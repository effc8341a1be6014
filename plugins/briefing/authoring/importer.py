"""`make import` and `make briefing`: start a briefing from a clipping, or
from nothing, without ever replacing an analyst's notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pelican.utils import slugify

from ..content.errors import Problems, display_path
from ..content.loader import NOTES_SUFFIX, load_registry
from ..content.model import ID_HINT, ID_PATTERN
from ..site.articles import content_folders
from ..site.exports import ARTICLE_TYPES
from ..site.mentions import MentionMatcher
from .clipping import article_text, new_briefing_texts, notes_text, parse_clipping


class ImportRefused(ValueError):
    """The request cannot be carried out; nothing was written."""


@dataclass
class Written:
    article: Path
    notes: Path
    notes_kept: bool


def check_date(date: str | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise ImportRefused(f"DATE={date} is not a date (use YYYY-MM-DD)") from None


def slug_for(title: str, slug: str | None, settings: dict) -> str:
    if slug is None:
        slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not ID_PATTERN.fullmatch(slug):
        raise ImportRefused(f"SLUG={slug} cannot be a slug ({ID_HINT})")
    return slug


def import_clipping(
    clip: Path, settings: dict, *, date=None, slug=None, force=False, article_type=None
):
    """Write content/briefings/<slug>.md and its notes skeleton from a clipping."""
    if article_type is not None and article_type not in ARTICLE_TYPES:
        raise ImportRefused(
            f"TYPE={article_type} is not a kind of article "
            f"(use {', '.join(sorted(ARTICLE_TYPES))})"
        )
    try:
        text = clip.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefused(f"{clip}: cannot read the clipping ({error})") from None
    try:
        clipping = parse_clipping(text)
    except ValueError as error:
        raise ImportRefused(f"{clip}: {error}; nothing was written") from None
    date = check_date(date)
    slug = slug_for(clipping.headline, slug, settings)
    briefings_dir, actors_dir = content_folders(settings)
    registry = load_registry(actors_dir, Problems())
    named = MentionMatcher(registry).actors_in(
        "\n".join([clipping.headline, clipping.dek or "", *clipping.paragraphs])
    )
    return _write(
        briefings_dir / f"{slug}.md",
        article_text(clipping, date, slug, article_type),
        notes_text(clipping.headline, named),
        force,
    )


def new_briefing(title: str, settings: dict, *, date=None, slug=None, force=False):
    """Write an empty article and notes pair for a briefing written in-house."""
    if not title.strip():
        raise ImportRefused('TITLE is empty: make briefing TITLE="..."')
    date = check_date(date)
    slug = slug_for(title, slug, settings)
    briefings_dir, _ = content_folders(settings)
    article, notes = new_briefing_texts(" ".join(title.split()), date, slug)
    return _write(briefings_dir / f"{slug}.md", article, notes, force)


def _write(article_path: Path, article: str, notes: str, force: bool) -> Written:
    """Write the article (replacing it only if forced) and the notes unless
    they exist: notes hold the analyst's work, which nothing here can redo."""
    notes_path = article_path.with_name(article_path.stem + NOTES_SUFFIX)
    if article_path.exists() and not force:
        raise ImportRefused(
            f"{display_path(article_path)} exists; nothing was written "
            "(FORCE=1 replaces the article and keeps its notes)"
        )
    article_path.parent.mkdir(parents=True, exist_ok=True)
    article_path.write_text(article, encoding="utf-8")
    notes_kept = notes_path.exists()
    if not notes_kept:
        notes_path.write_text(notes, encoding="utf-8")
    return Written(article_path, notes_path, notes_kept)
