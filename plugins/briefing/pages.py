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

PAGE_NAMES = {"actor": "actor", "actors": "actors", "timeline": "timeline"}


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
        relative = settings["RELATIVE_URLS"]
        if settings["BRIEFING_ACTOR_SAVE_AS"]:
            template = self.get_template(PAGE_NAMES["actor"])
            for actor_id in sorted(site.registry.actors):
                actor = site.registry.actors[actor_id]
                writer.write_file(
                    settings["BRIEFING_ACTOR_SAVE_AS"].format(id=actor.id),
                    template,
                    self.context,
                    relative_urls=relative,
                    page_name=PAGE_NAMES["actor"],
                    actor=actor,
                    appearances=site.appearances_of(actor),
                    events=site.events_of(actor),
                )
        if settings["BRIEFING_ACTOR_FEED_ATOM"]:
            for actor_id in sorted(site.registry.actors):
                actor = site.registry.actors[actor_id]
                writer.write_feed(
                    [appearance.article for appearance in site.appearances_of(actor)],
                    self.context,
                    actor.feed_url,
                    feed_title=actor.name,
                )
        if settings["BRIEFING_ACTORS_SAVE_AS"]:
            writer.write_file(
                settings["BRIEFING_ACTORS_SAVE_AS"],
                self.get_template(PAGE_NAMES["actors"]),
                self.context,
                relative_urls=relative,
                page_name=PAGE_NAMES["actors"],
                kinds=site.kinds,
            )
        if settings["BRIEFING_TIMELINE_SAVE_AS"]:
            writer.write_file(
                settings["BRIEFING_TIMELINE_SAVE_AS"],
                self.get_template(PAGE_NAMES["timeline"]),
                self.context,
                relative_urls=relative,
                page_name=PAGE_NAMES["timeline"],
                years=site.years,
            )


def get_generators(pelican_object):
    """get_generators: our pages, after Pelican's articles and pages."""
    return BriefingPagesGenerator
