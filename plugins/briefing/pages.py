"""The pages that connect briefings: one per actor, the actors index, the
site-wide timeline, and an Atom feed per actor.

`BriefingPagesGenerator` is handed to Pelican through `get_generators`, so
these files are written by Pelican's writer like any page, after every
generator has read its content.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from pelican.generators import Generator

from .model import Registry


def assign_actor_urls(registry: Registry, settings: dict, context: dict) -> None:
    """Give every actor its page and feed URLs, and let content link to an
    actor page as `{filename}/actors/<id>.yaml` like to any other page."""
    actors_folder = PurePosixPath(settings["BRIEFING_ACTORS_PATH"])
    has_pages = bool(settings["BRIEFING_ACTOR_SAVE_AS"])
    feed = settings["BRIEFING_ACTOR_FEED_ATOM"]
    for actor in registry.actors.values():
        actor._url = (
            settings["BRIEFING_ACTOR_URL"].format(id=actor.id) if has_pages else None
        )
        actor._feed_url = feed.format(id=actor.id) if feed else None
        if has_pages:
            context["generated_content"][str(actors_folder / f"{actor.id}.yaml")] = (
                actor
            )


class BriefingPagesGenerator(Generator):
    """Writes the actor pages, the actors index, the timeline and the feeds."""

    def generate_output(self, writer) -> None:
        site = self.context.get("briefing_site")
        if site is None:
            return
        settings = self.settings
        actors = [
            site.registry.actors[actor_id] for actor_id in sorted(site.registry.actors)
        ]
        if settings["BRIEFING_ACTOR_SAVE_AS"]:
            for actor in actors:
                self._write_page(
                    writer,
                    settings["BRIEFING_ACTOR_SAVE_AS"].format(id=actor.id),
                    "actor",
                    actor=actor,
                    appearances=site.appearances_of(actor),
                    events=site.events_of(actor),
                )
        if settings["BRIEFING_ACTOR_FEED_ATOM"]:
            for actor in actors:
                writer.write_feed(
                    [appearance.article for appearance in site.appearances_of(actor)],
                    self.context,
                    actor.feed_url,
                    feed_title=actor.name,
                )
        if settings["BRIEFING_ACTORS_SAVE_AS"]:
            self._write_page(
                writer, settings["BRIEFING_ACTORS_SAVE_AS"], "actors", kinds=site.kinds
            )
        if settings["BRIEFING_TIMELINE_SAVE_AS"]:
            self._write_page(
                writer,
                settings["BRIEFING_TIMELINE_SAVE_AS"],
                "timeline",
                years=site.years,
            )

    def _write_page(self, writer, save_as: str, page_name: str, **page_context):
        """Render the theme template `page_name` (actor, actors, timeline)."""
        writer.write_file(
            save_as,
            self.get_template(page_name),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            page_name=page_name,
            **page_context,
        )


def get_generators(pelican_object):
    """get_generators: our pages, after Pelican's articles and pages."""
    return BriefingPagesGenerator
