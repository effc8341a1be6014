"""`sitemap.xml` for search engines, when the site is published
(`BRIEFING_SITEMAP_SAVE_AS`, set by publishconf.py).

Every HTML page in the output is listed, whoever wrote it (Pelican, our
page writer in its own process, the packs), with the date it last changed:
a briefing's or page's own (its `modified` when updated), an actor's pages
the newest of its briefings, an event's page the newest briefing telling
it, any other page (lists, timeline, home) the newest briefing of the site.
The pelican-sitemap plugin learns pages from Pelican's `content_written`
signal, which the pages written in another process never send, and dates
every page that is not an article or a page by the clock of the build: so
this short module instead.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape

from pelican.generators import Generator

from ..speed import background

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _day(content) -> dt.date | None:
    """The day `content` last changed; None for a page without a date."""
    when = getattr(content, "modified", None) or getattr(content, "date", None)
    return when.date() if isinstance(when, dt.datetime) else when


def with_translations(contents) -> list:
    """Articles or pages and their translations (Pelican's context holds
    the originals only)."""
    found = []
    for content in contents:
        found.append(content)
        found.extend(getattr(content, "translations", ()))
    return found


def lastmods(context: dict, settings: dict) -> tuple[dict, dict, dt.date | None]:
    """(date by file, date by folder, the newest date of all): when each
    page last changed, as far as the content says."""
    by_file: dict[str, dt.date] = {}
    by_folder: dict[str, dt.date] = {}
    articles = with_translations(context.get("articles", ()))
    pages = with_translations(context.get("pages", ()))
    for content in (*articles, *pages):
        if _day(content) is not None:
            by_file[os.path.normpath(content.save_as)] = _day(content)
    newest = max((_day(article) for article in articles), default=None)
    site = context.get("briefing_site")
    if site is not None:
        actor_pattern = settings["BRIEFING_ACTOR_SAVE_AS"]
        for actor in site.registry.actors.values():
            days = [_day(a.article) for a in site.appearances_of(actor)]
            if actor_pattern and days:
                folder = os.path.dirname(actor_pattern.format(id=actor.id))
                by_folder[os.path.normpath(folder)] = max(days)
        event_pattern = settings["BRIEFING_EVENT_SAVE_AS"]
        for event in site.events:
            if event.id and event_pattern and event.tellings:
                save_as = os.path.normpath(event_pattern.format(id=event.id))
                by_file[save_as] = max(_day(told.article) for told in event.tellings)
    return by_file, by_folder, newest


def page_urls(output: Path, excluded: set[str]) -> list[str]:
    """Every HTML file under `output` (relative, POSIX), but `excluded`."""
    found = []
    for folder, _, files in os.walk(output):
        for name in files:
            if name.endswith(".html"):
                relative = os.path.relpath(os.path.join(folder, name), output)
                if os.path.normpath(relative) not in excluded:
                    found.append(PurePosixPath(Path(relative)).as_posix())
    return sorted(found)


def sitemap_xml(site_url: str, pages: list[str], dated) -> str:
    """The sitemap of `pages` (paths in the output), each dated by `dated`."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for relative in pages:
        url = relative.removesuffix("index.html")
        lines.append(f"<url><loc>{escape(site_url + '/' + url)}</loc>")
        day = dated(relative)
        if day is not None:
            lines.append(f"<lastmod>{day.isoformat()}</lastmod>")
        lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


class SitemapGenerator(Generator):
    """Writes sitemap.xml once every page is written."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        save_as = self.settings.get("BRIEFING_SITEMAP_SAVE_AS")
        if not save_as:
            return
        background.wait(self.settings)  # the pages written beside the build
        by_file, by_folder, newest = lastmods(self.context, self.settings)

        def dated(relative: str):
            path = os.path.normpath(relative)
            if path in by_file:
                return by_file[path]
            folder = os.path.dirname(path)
            while folder:
                if folder in by_folder:
                    return by_folder[folder]
                folder = os.path.dirname(folder)
            return newest

        drafts = with_translations(
            [*self.context.get("drafts", ()), *self.context.get("hidden_articles", ())]
        )
        excluded = {os.path.normpath(content.save_as) for content in drafts}
        excluded.add(os.path.normpath(self.settings.get("404_SAVE_AS", "404.html")))
        output = Path(self.output_path)
        text = sitemap_xml(self.settings["SITEURL"], page_urls(output, excluded), dated)
        (output / save_as).parent.mkdir(parents=True, exist_ok=True)
        (output / save_as).write_text(text, encoding="utf-8")
