"""Reading packs as pages and PDFs: `packs/<slug>/` and `packs/`.

`PacksGenerator` reads `content/packs/*.yaml` once Pelican has read the
articles, checks that each pack names published briefings, and gives every
briefing in a pack its `packs` (for the link on its page). It writes each
pack's page (cover, contents, the briefings, then the annexes: actors, one
merged timeline, sources) and, from that very page, its PDF (site/pdf.py).
A site without a packs folder reads nothing more and imports nothing more.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from ..content.errors import ContentError, Problem, Problems
from ..content.packs import Pack, load_packs, pack_paths
from .articles import packs_folder, report
from .pages import write_page
from .pdf import PANGO_HINT, PdfMaker, PdfUnavailable

logger = logging.getLogger(__name__)


def resolve_packs(packs: list[Pack], published, unpublished, problems: Problems):
    """Give each pack its articles, in its order; a slug that names no
    published briefing (none at all, or a draft) is an error on its line."""
    by_slug = {article.slug: article for article in published}
    by_file = {Path(article.source_path).stem: article.slug for article in published}
    others = {article.slug: article.status for article in unpublished}
    for pack in packs:
        pack.briefings = []
        for slug, line in zip(pack.slugs, pack.lines, strict=True):
            if slug in by_slug:
                pack.briefings.append(by_slug[slug])
            elif slug in others:
                problems.error(
                    pack.path,
                    line,
                    f"'{slug}' is a {others[slug]} briefing: a pack holds "
                    "published briefings only",
                    "publish it (Status: published), or take it out of the pack",
                )
            elif slug in by_file:
                problems.error(
                    pack.path,
                    line,
                    f"no briefing has the slug '{slug}'",
                    f"did you mean '{by_file[slug]}', the slug of {slug}.md?",
                )
            else:
                close = difflib.get_close_matches(slug, list(by_slug), n=1)
                problems.error(
                    pack.path,
                    line,
                    f"no briefing has the slug '{slug}'",
                    f"did you mean '{close[0]}'?"
                    if close
                    else "a pack names briefings by their slug, as in their URL",
                )


@dataclass
class AnnexActor:
    """An actor of the pack, and its part in each briefing that names it."""

    actor: object
    roles: list  # (article, role HTML)

    @property
    def anchor(self) -> str:
        return f"actor-{self.actor.id}"


@dataclass
class AnnexEvent:
    event: object
    briefings: list  # the articles that tell it


@dataclass
class Annex:
    actors: list[AnnexActor]
    events: list[AnnexEvent]
    sources: list  # Source, each URL once


def annex_of(briefings: list) -> Annex:
    """The actors, events and sources of a pack's briefings, each once:
    actors by name, events by date (equal dates in reading order), sources
    by title."""
    actors: dict[str, AnnexActor] = {}
    events: dict[object, AnnexEvent] = {}
    sources: dict[str, object] = {}
    for article in briefings:
        notes = article.briefing
        if notes is None:
            continue
        for cast in notes.actors:
            entry = actors.setdefault(cast.actor.id, AnnexActor(cast.actor, []))
            entry.roles.append((article, cast.role))
        for event in notes.timeline:
            key = event.id or id(event)
            entry = events.setdefault(key, AnnexEvent(event, []))
            entry.briefings.append(article)
            for source in event.sources:
                sources.setdefault(source.url, source)
    return Annex(
        sorted(actors.values(), key=lambda entry: entry.actor.name.casefold()),
        sorted(events.values(), key=lambda entry: entry.event.date),
        sorted(sources.values(), key=lambda source: source.title.casefold()),
    )


_MENTION = re.compile(r'<a\b[^>]*\bdata-mention="([a-z0-9-]+)"[^>]*>')
_ID_OR_ANCHOR = re.compile(r'\b(id|href)="(#?)([^"#]*)"')


def pack_body(html: str, prefix: str, annexed: set[str]) -> str:
    """A briefing's HTML as its pack shows it: its own ids (footnotes,
    headings) prefixed so that two briefings never share one, and the
    mention of an actor in the annex linked to its entry there."""

    def prefixed(match: re.Match) -> str:
        attribute, hash_, value = match.groups()
        if attribute == "id" or (hash_ and value):
            return f'{attribute}="{hash_}{prefix}{value}"'
        return match.group(0)

    def to_annex(match: re.Match) -> str:
        actor_id = match.group(1)
        if actor_id not in annexed:
            return match.group(0)
        return f'<a class="mention" href="#actor-{actor_id}" data-mention="{actor_id}">'

    return _MENTION.sub(to_annex, _ID_OR_ANCHOR.sub(prefixed, html))


class PacksGenerator(Generator):
    """Reads the packs and writes their pages and PDFs."""

    def generate_context(self):
        self.packs: list[Pack] = []
        self.context["briefing_packs"] = self.packs
        settings = self.settings
        if not settings["BRIEFING_PACK_SAVE_AS"] or not pack_paths(
            packs_folder(settings)
        ):
            return
        problems = Problems()
        packs = load_packs(packs_folder(settings), problems)
        context = self.context
        unpublished = [
            *context.get("drafts", ()),
            *context.get("hidden_articles", ()),
        ]
        resolve_packs(packs, context.get("articles", ()), unpublished, problems)
        report(problems)
        packs.sort(key=lambda pack: (pack.date, pack.slug), reverse=True)
        for pack in packs:
            pack.url = settings["BRIEFING_PACK_URL"].format(slug=pack.slug)
            pack.pdf_url = settings["BRIEFING_PACK_PDF_URL"].format(slug=pack.slug)
            for article in pack.briefings:
                article.packs = [*getattr(article, "packs", ()), pack]
        self.packs = packs
        context["briefing_packs"] = packs

    def generate_output(self, writer):
        if not self.packs:
            return
        settings = self.settings
        if settings["BRIEFING_PACKS_SAVE_AS"]:
            self._write(writer, settings["BRIEFING_PACKS_SAVE_AS"], "packs")
        maker = PdfMaker(settings, self.output_path)
        for pack in self.packs:
            save_as = settings["BRIEFING_PACK_SAVE_AS"].format(slug=pack.slug)
            annex = annex_of(pack.briefings)
            annexed = {entry.actor.id for entry in annex.actors}
            siteurl = path_to_url(get_relative_path(save_as))
            if not settings["RELATIVE_URLS"]:
                siteurl = settings["SITEURL"]
            bodies = {
                article.slug: pack_body(
                    article.get_content(siteurl), f"{article.slug}--", annexed
                )
                for article in pack.briefings
            }
            html = self._write(
                writer, save_as, "pack", pack=pack, annex=annex, bodies=bodies
            )
            pdf_save_as = settings["BRIEFING_PACK_PDF_SAVE_AS"].format(slug=pack.slug)
            pdf_path = Path(self.output_path) / pdf_save_as
            pdf_path.parent.mkdir(parents=True, exist_ok=True)
            try:
                pdf = maker.pdf_of(save_as, html)
            except PdfUnavailable as missing:
                problem = Problem(
                    str(pack.path), None, f"cannot make its PDF: {missing}", PANGO_HINT
                )
                raise ContentError([problem]) from None
            pdf_path.write_bytes(pdf)
        maker.save()
        logger.info("reading packs: %d, %d PDF made", len(self.packs), maker.made)

    def _write(self, writer, save_as: str, template: str, **values) -> str:
        """Write a page with Pelican's writer; its text, as written."""
        write_page(self, writer, save_as, template, **values)
        return (Path(self.output_path) / save_as).read_text("utf-8")
