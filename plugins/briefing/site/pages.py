"""The pages that connect briefings: one per actor, the actors index, the
site-wide timeline, and an Atom feed per actor.

`BriefingPagesGenerator` is handed to Pelican through `get_generators`, so
these files are written by Pelican's writer like any page, after every
generator has read its content; on a large site, by a second process while
Pelican writes the articles (build/ahead.py).
"""

from __future__ import annotations

import contextlib
import functools
import os
from itertools import chain
from pathlib import Path, PurePosixPath

from pelican.contents import Content
from pelican.generators import Generator
from pelican.paginator import Paginator

from ..content import standards
from ..content.errors import Problems, content_line
from ..content.model import Registry
from ..speed import background
from ..speed.state import build_of
from . import diagrams, exports, feeds
from .linking import EventMemo, years_of

SCHEMAS = Path(__file__).parents[1] / "schemas"
SCHEMA_FILES = ("actors.schema.json", "events.schema.json", "judgments.schema.json")


def actor_source(settings: dict, actor_id: str) -> str:
    """An actor file's path inside the content folder: how content links to
    the actor's page, as `{filename}/actors/<id>.yaml`."""
    return _actor_source(settings["BRIEFING_ACTORS_PATH"], actor_id)


@functools.lru_cache(maxsize=4096)
def _actor_source(actors_path: str, actor_id: str) -> str:
    # Once per actor: every briefing naming it links to it.
    return str(PurePosixPath(actors_path) / f"{actor_id}.yaml")


def assign_actor_urls(registry: Registry, settings: dict, context: dict) -> None:
    """Give every actor its page and feed URLs, and let content link to an
    actor page as `{filename}/actors/<id>.yaml` like to any other page."""
    has_pages = bool(settings["BRIEFING_ACTOR_SAVE_AS"])
    feed = settings["BRIEFING_ACTOR_FEED_ATOM"]
    url_of = diagrams.actor_url(settings)
    for actor in registry.actors.values():
        actor._url = url_of(actor)
        actor._feed_url = feed.format(id=actor.id) if feed else None
        if has_pages:
            context["generated_content"][actor_source(settings, actor.id)] = actor
    # Once every URL is known: the JSON-LD links to the parent's page.
    for actor in registry.actors.values():
        page_data = exports.actor_schema(actor, settings["SITEURL"], full=True)
        actor._jsonld = exports.json_script(
            {"@context": "https://schema.org", **page_data}
        )


def timeline_in_years(years: list[tuple[int, list]], settings: dict) -> bool:
    """Whether the timeline has more events than one page should show
    (BRIEFING_TIMELINE_PAGE_EVENTS), and so a page per year."""
    most = settings["BRIEFING_TIMELINE_PAGE_EVENTS"]
    return bool(
        most
        and settings["BRIEFING_TIMELINE_YEAR_SAVE_AS"]
        and sum(len(events) for _, events in years) > most
    )


class BriefingPagesGenerator(Generator):
    """Writes the actor pages, the actors index, the timeline and the feeds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._memo = EventMemo()  # events' JSON, kept across preview updates
        # Whether to keep what is rendered (events' HTML and JSON, the years
        # of the timeline) for later updates: not in a process that writes
        # the pages once and ends (`write_ahead`), where it only held memory
        # (10,000 briefings: about 135 MB of it at the end).
        self.keep_rendered = True
        # The pages of each kind the last update wrote, by kind (see
        # `_replace_pages`).
        self._pages: dict[object, set[str]] = {}
        self._diagrams: diagrams.Diagrams | None = None  # of the registry
        self.removed: list[str] = []  # files the last update deleted
        # What each site-wide file was last written from (see `_current`).
        self._made_of: dict[str, tuple] = {}
        # Paths an article or page takes with a Save_as of its own (set by
        # `check_outputs`): not written here.
        self.overridden: set[str] = set()

    def generate_output(self, writer, actor_ids: set[str] | None = None):
        """Write every page, or, for a preview update, the site-wide pages and
        those of the actors in `actor_ids` only."""
        site = self.context.get("briefing_site")
        self.removed = []  # the files this update deleted
        if site is None:
            return
        if actor_ids is None and background.finish(self):
            return  # written by the process `write_ahead` started
        settings = self.settings
        actors = [
            site.registry.actors[actor_id]
            for actor_id in sorted(site.registry.actors)
            if actor_ids is None or actor_id in actor_ids
        ]
        self._write_actors(writer, site, actors)
        # A process that writes once keeps nothing past the pages that show
        # it: each actor's lines and judgments are on its pages only.
        self._forget("briefing_event_line")
        self._forget("briefing_judgment")
        if settings["BRIEFING_EVENT_SAVE_AS"]:
            self._write_events(writer, site)
        if settings["BRIEFING_ACTOR_FEED_ATOM"]:
            # The pages just written left a relative site URL in the context,
            # through which feeds would read each summary.
            self.context["localsiteurl"] = settings["SITEURL"]
            newest = settings["BRIEFING_ACTOR_FEED_MAX_ITEMS"] or None
            feeds.write_feeds(
                writer,
                self.context,
                (
                    (
                        actor.feed_url,
                        actor.name,
                        [a.article for a in site.appearances_of(actor)[:newest]],
                    )
                    for actor in actors
                    if os.path.normpath(actor.feed_url) not in self.overridden
                ),
                feeds.newest_content_date(self.context.get("articles", ())),
            )
        if settings["BRIEFING_ACTORS_SAVE_AS"]:
            self._write_page(
                writer, settings["BRIEFING_ACTORS_SAVE_AS"], "actors", kinds=site.kinds
            )
        if settings["BRIEFING_TIMELINE_SAVE_AS"]:
            self._write_timeline(writer, site.years)
        if settings["BRIEFING_JUDGMENTS_SAVE_AS"]:
            self._write_judgments(writer, site.judgments)
        if settings["BRIEFING_STANDARDS_SAVE_AS"]:
            self._write_page(
                writer,
                settings["BRIEFING_STANDARDS_SAVE_AS"],
                "standards",
                standards=standards,
            )
        if settings["BRIEFING_SEARCH"] and settings["BRIEFING_SEARCH_SAVE_AS"]:
            self._write_page(writer, settings["BRIEFING_SEARCH_SAVE_AS"], "search")
            # Pagefind searches the index of the page's language (`<html
            # lang>`): a search page for each language of a translation.
            for lang in translation_languages(self.context, settings):
                self._write_page(
                    writer,
                    settings["BRIEFING_SEARCH_LANG_SAVE_AS"].format(lang=lang),
                    "search",
                    page_lang=lang,
                )
        # No page is left to show an event.
        self._forget("briefing_event")
        self._forget("briefing_event_list")
        self._forget("briefing_event_line")
        self._forget("briefing_judgment")
        self._write_data(site, actors)
        if not self.keep_rendered:
            self._memo.clear()

    def _write_actors(self, writer, site, actors: list) -> None:
        """The pages of `actors`, and the network of every relation."""
        settings = self.settings
        if self._diagrams is None or self._diagrams.registry is not site.registry:
            drawing = build_of(settings).diagrams
            if drawing is None or drawing.registry is not site.registry:
                drawing = diagrams.Diagrams(site.registry, settings)
            self._diagrams = drawing
        if settings["BRIEFING_ACTOR_SAVE_AS"]:
            for actor in actors:
                self._write_actor(writer, site, actor)
        if settings["BRIEFING_NETWORK_SAVE_AS"]:
            everyone = map(site.registry.actors.get, sorted(site.registry.actors))
            self._write_page(
                writer,
                settings["BRIEFING_NETWORK_SAVE_AS"],
                "network",
                actors=[actor for actor in everyone if actor.ties],
                diagram=self._diagrams.network,
            )

    def _write_actor(self, writer, site, actor) -> None:
        """An actor's page, its briefings paginated past a page's worth, and
        its timeline page (by years when long)."""
        settings = self.settings
        appearances = site.appearances_of(actor)
        events = site.events_of(actor)
        own_timeline = bool(settings["BRIEFING_ACTOR_TIMELINE_SAVE_AS"])
        latest = events
        if own_timeline and settings["BRIEFING_ACTOR_EVENTS"]:
            latest = events[-settings["BRIEFING_ACTOR_EVENTS"] :]
        paginator = actor_paginator(actor, appearances, settings)
        pages = [paginator.page(number) for number in paginator.page_range]
        svg = self._diagrams.of(actor)
        for index, page in enumerate(pages):
            self._write_page(
                writer,
                page.save_as,
                "actor",
                actor=actor,
                appearances=appearances,
                **paginated("appearances", paginator, pages, index),
                events=latest,
                event_count=len(events),
                timeline_url=settings["BRIEFING_ACTOR_TIMELINE_URL"].format(id=actor.id)
                if own_timeline
                else None,
                judgments=site.judgments_of(actor),
                diagram=svg if index == 0 else None,
            )
        self._replace_pages(("actor", actor.id), {page.save_as for page in pages})
        if own_timeline:
            self._write_timeline(writer, years_of(events), actor)

    def _replace_pages(self, key, written: set[str]) -> None:
        """Remember the pages of a kind just written (`key`), and remove
        those the last update wrote and this one did not (a preview update
        after which an actor has fewer pages, or a year no events)."""
        for gone in self._pages.get(key, set()) - written:
            self._remove(gone)
        self._pages[key] = written

    def _write_events(self, writer, site) -> None:
        """A page for each event with an id: what it is, its actors and
        sources, the briefings telling it and the judgments resting on it.
        A preview update writes only those whose event or judgments changed."""
        pattern = self.settings["BRIEFING_EVENT_SAVE_AS"]
        written = set()
        for event in site.events:
            if not event.id:
                continue
            save_as = pattern.format(id=event.id)
            written.add(save_as)
            judgments = site.event_judgments.get(event.id, [])
            made_of = [event.signature, *(item.signature for item in judgments)]
            if self._current(save_as, made_of):
                continue
            self._write_page(
                writer,
                save_as,
                "event",
                event=event,
                judgments=judgments,
                jsonld=exports.json_script(
                    exports.event_schema(event, self.settings["SITEURL"])
                ),
            )
            self._wrote(save_as, made_of, [event, *judgments])
        self._replace_pages("events", written)

    def _write_timeline(self, writer, years, actor=None) -> None:
        """The timeline page (of the site, or of `actor`); for a long
        timeline, a page per year too, and the timeline page lists the years
        instead of their events."""
        settings = self.settings
        names = {"id": actor.id} if actor is not None else {}
        prefix = "BRIEFING_ACTOR_TIMELINE" if actor is not None else "BRIEFING_TIMELINE"
        year_urls, year_pages = {}, {}
        if timeline_in_years(years, settings):
            year_urls = {
                year: settings[f"{prefix}_YEAR_URL"].format(year=year, **names)
                for year, _ in years
            }
            year_pages = {
                year: settings[f"{prefix}_YEAR_SAVE_AS"].format(year=year, **names)
                for year, _ in years
            }
            listed = [year for year, _ in years]
            for year, events in years:
                made_of = [listed, *(event.signature for event in events)]
                if self._current(year_pages[year], made_of):
                    continue
                self._write_page(
                    writer,
                    year_pages[year],
                    "timeline_year",
                    year=year,
                    events=events,
                    years=years,
                    year_urls=year_urls,
                    actor=actor,
                )
                self._wrote(year_pages[year], made_of, events)
                self._forget("briefing_event_list")  # each year is shown once
        # A preview update: the pages of years the timeline no longer has.
        self._replace_pages(("years", names.get("id")), set(year_pages.values()))
        self._write_page(
            writer,
            settings[f"{prefix}_SAVE_AS"].format(**names),
            "timeline",
            years=years,
            year_urls=year_urls,
            actor=actor,
        )
        if actor is not None:
            self._forget("briefing_event_list")

    def _write_judgments(self, writer, judgments: list) -> None:
        """The judgments page, in pages as Pelican paginates them (its
        `Paginator`, and the variables its writer gives a paginated
        template). A preview update writes only the pages whose judgments
        changed, and removes those the list no longer fills."""
        paginator = judgment_paginator(judgments, self.settings)
        pages = [paginator.page(number) for number in paginator.page_range]
        for index, page in enumerate(pages):
            made_of = [len(pages), *(item.signature for item in page.object_list)]
            if self._current(page.save_as, made_of):
                continue
            self._write_page(
                writer,
                page.save_as,
                "judgments",
                judgments=judgments,
                **paginated("judgments", paginator, pages, index),
            )
            self._wrote(page.save_as, made_of, page.object_list)
            # Each judgment is on one page of these: a process that writes
            # once keeps none (20,000 at 10,000 briefings, 25 MB).
            self._forget("briefing_judgment")
        self._replace_pages("judgments", {page.save_as for page in pages})

    def _write_data(self, site, actors) -> None:
        """The open data, its JSON Schemas, and the TimelineJS documents
        (of `actors` only)."""
        settings = self.settings
        site_url = settings["SITEURL"]
        # The site-wide documents list every event: what they are made of.
        made_of = [event.signature for event in site.events]
        titles = exports.translated_titles(site.briefings)
        if settings["BRIEFING_DATA_PATH"]:
            folder = PurePosixPath(settings["BRIEFING_DATA_PATH"])
            records = [
                exports.actor_record(actor, len(site.appearances_of(actor)), site_url)
                for actor in map(site.registry.actors.get, sorted(site.registry.actors))
            ]
            self._write_json(
                folder / "actors.json", {"site": site_url, "actors": records}
            )
            events_json = folder / "events.json"
            if not self._current(events_json, [*made_of, titles]):
                records = [
                    self._made(
                        event,
                        ("record", str(titles.get(event.id))),
                        lambda e=event: exports.dump(
                            exports.event_record(e, site_url, titles.get(e.id))
                        ),
                    )
                    for event in site.events
                ]
                self._write_pieces(
                    events_json,
                    exports.list_document({"site": site_url}, "events", records),
                )
                self._wrote(events_json, [*made_of, titles], site.events)
            self._write_judgment_data(folder / "judgments.json", site.judgments)
            for schema in SCHEMA_FILES:
                self._write_text(
                    folder / schema, (SCHEMAS / schema).read_text("utf-8").rstrip("\n")
                )

        def timelinejs(relative, title, text, events):
            slides = [
                self._memo.get(
                    event,
                    "slide",
                    lambda e=event: exports.dump(exports.timelinejs_event(e, site_url)),
                )
                for event in events
            ]
            title_slide = exports.timelinejs_title(title, text)
            self._write_text(
                relative, exports.dump_with_list(title_slide, "events", slides)
            )

        everything = settings["BRIEFING_TIMELINEJS_SAVE_AS"]
        if everything and not self._current(everything, made_of):
            timelinejs(
                everything,
                settings["SITENAME"],
                "Every event in our briefings",
                site.events,
            )
            self._wrote(everything, made_of, site.events)
        if settings["BRIEFING_ACTOR_TIMELINEJS_SAVE_AS"]:
            for actor in actors:
                timelinejs(
                    settings["BRIEFING_ACTOR_TIMELINEJS_SAVE_AS"].format(id=actor.id),
                    actor.name,
                    actor.kind,
                    site.events_of(actor),
                )

    def _write_judgment_data(self, relative, judgments: list) -> None:
        """data/judgments.json, made of each judgment's record as text (kept
        by its signature, as events' are, for the next update)."""
        made_of = [item.signature for item in judgments]
        if self._current(relative, made_of):
            return
        site_url = self.settings["SITEURL"]
        records = [
            self._made(
                item,
                "judgment record",
                lambda i=item: exports.dump(exports.judgment_record(i, site_url)),
            )
            for item in judgments
        ]
        self._write_pieces(
            relative, exports.list_document({"site": site_url}, "judgments", records)
        )
        self._wrote(relative, made_of, judgments)

    def _made(self, event, variant, make):
        """`make()`, kept for the next update if rendered values are kept
        (events.json lists each event once)."""
        if self.keep_rendered:
            return self._memo.get(event, variant, make)
        return make()

    def _forget(self, name: str) -> None:
        """Unless rendered values are kept, drop what the template global
        `name` (templates.py) keeps, if it keeps anything."""
        forget = getattr(self.env.globals.get(name), "forget", None)
        if not self.keep_rendered and forget is not None:
            forget()

    def _current(self, relative, made_of: list) -> bool:
        """Whether the file at `relative` was written by this generator from
        what `made_of` lists: the signatures of the events it shows, so a
        preview update leaves it as it is. Those signatures key the events'
        HTML and JSON (EventMemo), so equal lists make equal files; within a
        preview nothing else the file shows can change without a full build
        (settings, theme, registry), which makes a new generator."""
        kept = self._made_of.get(str(relative))
        return kept is not None and kept[0] == made_of

    def _wrote(self, relative, made_of: list, events: list) -> None:
        # The events are kept too: while they live, the ids in their
        # signatures cannot be another object's.
        self._made_of[str(relative)] = (made_of, events)

    def _remove(self, relative: str) -> None:
        """Delete an output file, and its folder if that leaves it empty."""
        self._made_of.pop(str(relative), None)
        self.removed.append(str(relative))
        path = Path(self.output_path) / relative
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty
            path.parent.rmdir()

    def _output_file(self, relative) -> Path:
        path = Path(self.output_path) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def _write_json(self, relative, data) -> None:
        self._write_text(relative, exports.dump(data))

    def _write_text(self, relative, json_text: str) -> None:
        if os.path.normpath(str(relative)) in self.overridden:
            return
        self._output_file(relative).write_text(json_text + "\n", encoding="utf-8")

    def _write_pieces(self, relative, pieces) -> None:
        """`_write_text` of the text the pieces make, written as they come."""
        if os.path.normpath(str(relative)) in self.overridden:
            return
        with self._output_file(relative).open("w", encoding="utf-8") as file:
            file.writelines(pieces)
            file.write("\n")

    def _write_page(self, writer, save_as: str, page_name: str, **page_context):
        """Render the theme template `page_name` (actor, actors, timeline)."""
        if os.path.normpath(save_as) in self.overridden:
            return
        write_page(self, writer, save_as, page_name, **page_context)


def translation_languages(context: dict, settings: dict) -> list[str]:
    """The languages of the site's translations, besides DEFAULT_LANG."""
    found = {
        translation.lang
        for article in context.get("articles", ())
        for translation in article.translations
    }
    return sorted(found - {settings["DEFAULT_LANG"]})


def write_page(generator, writer, save_as: str, page_name: str, **page_context):
    """Render the theme template `page_name` into `save_as` with Pelican's
    writer, as our generators write every page of their own."""
    writer.write_file(
        save_as,
        generator.get_template(page_name),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        page_name=page_name,
        **page_context,
    )


def planned_outputs(site, settings: dict) -> dict[str, list[str]]:
    """Every file `BriefingPagesGenerator` will write for `site`, relative
    to the output folder, with what it is (for messages)."""
    planned: dict[str, list[str]] = {}

    def plan(path, what):
        if path:
            planned.setdefault(os.path.normpath(str(path)), []).append(what)

    for actor_id, actor in sorted(site.registry.actors.items()):
        for path, what in _actor_outputs(site, actor, settings):
            plan(path, f"{what} of actor {actor_id!r}")
    plan(settings["BRIEFING_NETWORK_SAVE_AS"], "the network of relations")
    if settings["BRIEFING_EVENT_SAVE_AS"]:
        for event in site.events:
            if event.id:
                plan(
                    settings["BRIEFING_EVENT_SAVE_AS"].format(id=event.id),
                    f"the page of event {event.id!r}",
                )
    plan(settings["BRIEFING_ACTORS_SAVE_AS"], "the actors index")
    plan(settings["BRIEFING_TIMELINE_SAVE_AS"], "the timeline")
    if settings["BRIEFING_TIMELINE_SAVE_AS"] and timeline_in_years(
        site.years, settings
    ):
        for year, _ in site.years:
            plan(
                settings["BRIEFING_TIMELINE_YEAR_SAVE_AS"].format(year=year),
                f"the timeline of {year}",
            )
    if settings["BRIEFING_JUDGMENTS_SAVE_AS"]:
        for number, path in enumerate(judgment_pages(site.judgments, settings), 1):
            plan(path, f"page {number} of the judgments")
    plan(settings["BRIEFING_STANDARDS_SAVE_AS"], "the standards page")
    if settings["BRIEFING_SEARCH"]:
        plan(settings["BRIEFING_SEARCH_SAVE_AS"], "the search page")
    if settings["BRIEFING_DATA_PATH"]:
        folder = PurePosixPath(settings["BRIEFING_DATA_PATH"])
        for name in ("actors.json", "events.json", "judgments.json", *SCHEMA_FILES):
            plan(folder / name, f"the open data file {name}")
    plan(settings["BRIEFING_TIMELINEJS_SAVE_AS"], "the site's TimelineJS document")
    return planned


def _actor_outputs(site, actor, settings: dict):
    """(file, what it is) of each file written for `actor`."""
    for setting, what in (
        ("BRIEFING_ACTOR_FEED_ATOM", "the feed"),
        ("BRIEFING_ACTOR_TIMELINEJS_SAVE_AS", "the TimelineJS document"),
        ("BRIEFING_ACTOR_TIMELINE_SAVE_AS", "the timeline"),
    ):
        if settings[setting]:
            yield settings[setting].format(id=actor.id), what
    if settings["BRIEFING_ACTOR_SAVE_AS"]:
        paginator = actor_paginator(actor, site.appearances_of(actor), settings)
        for number in paginator.page_range:
            yield paginator.page(number).save_as, f"page {number}"
    if settings["BRIEFING_ACTOR_TIMELINE_SAVE_AS"]:
        years = years_of(site.events_of(actor))
        if timeline_in_years(years, settings):
            pattern = settings["BRIEFING_ACTOR_TIMELINE_YEAR_SAVE_AS"]
            for year, _ in years:
                yield pattern.format(id=actor.id, year=year), f"the timeline in {year}"


def paginated(name: str, paginator: Paginator, pages: list, index: int) -> dict:
    """The variables Pelican's writer gives a paginated template, for the
    list `name` on its page `index` (from 0): `<name>_paginator`,
    `<name>_page`, `<name>_previous_page` and `<name>_next_page`."""
    return {
        f"{name}_paginator": paginator,
        f"{name}_page": pages[index],
        f"{name}_previous_page": pages[index - 1] if index else None,
        f"{name}_next_page": pages[index + 1] if index + 1 < len(pages) else None,
    }


def paginator_for(template: str, save_as: str, url: str, items: list, settings):
    """Pelican's paginator for a list on the page of `template`, as for the
    home page: `PAGINATED_TEMPLATES[template]` (or, if None there,
    `DEFAULT_PAGINATION`) a page; everything on one if it is not there."""
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    per_page = None
    if template in paginated:
        per_page = paginated[template] or settings.get("DEFAULT_PAGINATION")
    return Paginator(save_as, url, items, settings, per_page)


def actor_paginator(actor, appearances: list, settings: dict) -> Paginator:
    """The paginator of an actor's briefings."""
    return paginator_for(
        "actor",
        settings["BRIEFING_ACTOR_SAVE_AS"].format(id=actor.id),
        settings["BRIEFING_ACTOR_URL"].format(id=actor.id),
        appearances,
        settings,
    )


def judgment_paginator(judgments: list, settings: dict) -> Paginator:
    """The paginator of the judgments page."""
    return paginator_for(
        "judgments",
        settings["BRIEFING_JUDGMENTS_SAVE_AS"],
        settings["BRIEFING_JUDGMENTS_URL"],
        judgments,
        settings,
    )


def judgment_pages(judgments: list, settings: dict) -> list[str]:
    """The files of the judgments page."""
    paginator = judgment_paginator(judgments, settings)
    return [paginator.page(number).save_as for number in paginator.page_range]


def pelicans_own_outputs(settings: dict) -> dict[str, str]:
    """The files Pelican writes whatever the content: its site-wide feeds
    and its direct templates (the home page), with what each is."""
    own = {}
    for setting in ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS"):
        if settings.get(setting):
            own[os.path.normpath(settings[setting])] = f"Pelican's {setting} feed"
    for name in settings.get("DIRECT_TEMPLATES", ()):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            own[os.path.normpath(save_as)] = f"Pelican's {name} page"
    return own


def check_outputs(generators) -> None:
    """Refuse a build in which a file of ours would be written over another
    file of ours, or over an article, page or static file of Pelican's.

    Pelican's writer refuses to write a file twice, but only for the files
    it writes itself; ours may be written in another process (`write_ahead`)
    or as data. Checking every path here, before anything is written, makes
    a clash the same error on a site of any size. A file whose metadata
    gives its own Save_as replaces ours, as it would a page of Pelican's:
    the generator is told to leave those paths alone."""
    for generator in generators:
        site = generator.context.get("briefing_site")
        if not isinstance(generator, BriefingPagesGenerator) or site is None:
            continue
        settings, context = generator.settings, generator.context
        planned = planned_outputs(site, settings)
        problems = Problems()
        for path, what in pelicans_own_outputs(settings).items():
            if path in planned:
                planned[path].insert(0, what)
        for path, whats in planned.items():
            if len(whats) > 1:
                problems.error(
                    settings["PATH"],
                    None,
                    f"{path}: written twice, as {' and as '.join(whats)}",
                    "give the BRIEFING_*_SAVE_AS settings paths of their own",
                )
        contents = chain(
            context.get("generated_content", {}).values(),
            context.get("static_content", {}).values(),
        )
        generator.overridden = set()
        for content in contents:
            if not isinstance(content, Content) or not content.save_as:
                continue
            path = os.path.normpath(content.save_as)
            whats = planned.get(path)
            if whats and hasattr(content, "override_save_as"):
                # An explicit Save_as takes the place of a generated page,
                # as Pelican's writer has it (override_output).
                generator.overridden.add(path)
            elif whats:
                source = Path(content.source_path)
                problems.error(
                    source,
                    content_line(source),
                    f"{content.save_as}: written twice, as this file's page and "
                    f"as {' and as '.join(whats)}",
                    "give it a Slug or Save_as of its own",
                )
        problems.raise_if_errors()
