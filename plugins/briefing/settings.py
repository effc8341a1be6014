"""The plugin's settings and their defaults, all in one place."""

from __future__ import annotations

DEFAULTS = {
    # Folder of the briefings (articles and their .notes.yaml), inside PATH.
    "BRIEFING_PATH": "briefings",
    # Folder of the actor registry (one <id>.yaml per actor), inside PATH.
    "BRIEFING_ACTORS_PATH": "actors",
    # Where the cross-briefing pages go; an empty SAVE_AS turns one off.
    "BRIEFING_ACTOR_URL": "actors/{id}/",
    "BRIEFING_ACTOR_SAVE_AS": "actors/{id}/index.html",
    "BRIEFING_ACTORS_URL": "actors/",
    "BRIEFING_ACTORS_SAVE_AS": "actors/index.html",
    "BRIEFING_TIMELINE_URL": "timeline/",
    "BRIEFING_TIMELINE_SAVE_AS": "timeline/index.html",
    # A timeline of more events than this gets a page per year, and the
    # timeline page lists the years; 0 or None keeps every event on one page.
    "BRIEFING_TIMELINE_PAGE_EVENTS": 1000,
    "BRIEFING_TIMELINE_YEAR_URL": "timeline/{year}/",
    "BRIEFING_TIMELINE_YEAR_SAVE_AS": "timeline/{year}/index.html",
    # An Atom feed per actor of the briefings naming it; None turns them off.
    "BRIEFING_ACTOR_FEED_ATOM": "feeds/actors/{id}.atom.xml",
    # The newest briefings an actor feed carries (feed readers poll for news;
    # the actor page lists them all); 0 or None is every one.
    "BRIEFING_ACTOR_FEED_MAX_ITEMS": 20,
    # Link the first mention of each of a briefing's actors in its text.
    "BRIEFING_LINK_MENTIONS": True,
    # Open data (actors.json, events.json and their JSON Schemas); "" is off.
    "BRIEFING_DATA_PATH": "data",
    # TimelineJS 3 documents, site-wide and per actor; "" turns one off.
    "BRIEFING_TIMELINEJS_SAVE_AS": "timeline/timelinejs.json",
    "BRIEFING_ACTOR_TIMELINEJS_SAVE_AS": "actors/{id}/timelinejs.json",
    # Processes that convert articles' Markdown at once on large sites;
    # None is one per core, 1 reads one file at a time as Pelican does.
    "BRIEFING_WORKERS": None,
    # On sites of 200+ articles and 2+ cores: write the actor pages, the
    # timeline, the feeds and the data in a second process while Pelican
    # writes the articles. The preview, which keeps the site in memory,
    # turns it off.
    "BRIEFING_WRITE_AHEAD": True,
    # Keep work for the next build in CACHE_PATH (the articles' HTML), used
    # again while a file's text, the settings and the libraries are the same.
    "BRIEFING_CACHE": True,
    # The speed machinery (speed/): Markdown converted on every core and
    # kept between builds, quicker inline passes, pages written ahead, the
    # search index in parts, a preview that rewrites only what changed.
    # False builds the plain way, through Pelican's own reader and writer,
    # to the same bytes; it is also what the plugin falls back to, with a
    # warning, on library versions it was not tested with.
    "BRIEFING_SPEED": True,
    # Search with Pagefind: the index after each build, and the search page.
    "BRIEFING_SEARCH": True,
    # Pages Pagefind indexes in one go (it holds about 0.5 MB per page while
    # it works, two parts at once on two cores); a larger site is indexed in
    # parts, merged by the search page.
    "BRIEFING_SEARCH_BATCH": 750,
    "BRIEFING_SEARCH_URL": "search/",
    "BRIEFING_SEARCH_SAVE_AS": "search/index.html",
}


def apply_defaults(settings: dict) -> None:
    """Fill in every BRIEFING_* setting the site did not set."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
