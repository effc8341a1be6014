"""The plugin's settings, their defaults and what each means, in one place.

`SETTINGS` is the one list: `DEFAULTS` and the settings reference of the
manual (docs/settings.md, whose table `settings_table` writes and a test
compares) are both made from it, so neither can drift from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Setting(NamedTuple):
    name: str
    default: object
    meaning: str


SETTINGS = [
    Setting("BRIEFING_PATH", "briefings", "folder of the briefings, inside `PATH`"),
    Setting(
        "BRIEFING_ACTORS_PATH",
        "actors",
        "folder of the actor registry (one `<id>.yaml` per actor), inside `PATH`",
    ),
    Setting("BRIEFING_ACTOR_URL", "actors/{id}/", "URL of an actor page"),
    Setting(
        "BRIEFING_ACTOR_SAVE_AS",
        "actors/{id}/index.html",
        'its file; `""` turns actor pages off',
    ),
    Setting(
        "BRIEFING_ACTOR_EVENTS",
        20,
        "how many of its latest events an actor page shows; every one is on "
        "the actor's timeline page",
    ),
    Setting(
        "BRIEFING_ACTOR_TIMELINE_URL",
        "actors/{id}/timeline/",
        "URL of an actor's full timeline",
    ),
    Setting(
        "BRIEFING_ACTOR_TIMELINE_SAVE_AS",
        "actors/{id}/timeline/index.html",
        'its file; `""` turns it off (the actor page then shows every event)',
    ),
    Setting(
        "BRIEFING_ACTOR_TIMELINE_YEAR_URL",
        "actors/{id}/timeline/{year}/",
        "URL of a year of an actor's long timeline (longer than "
        "`BRIEFING_TIMELINE_PAGE_EVENTS`)",
    ),
    Setting(
        "BRIEFING_ACTOR_TIMELINE_YEAR_SAVE_AS",
        "actors/{id}/timeline/{year}/index.html",
        "its file",
    ),
    Setting(
        "BRIEFING_DIAGRAMS",
        True,
        "draw each actor's relations, and the whole network, as SVG with "
        "Graphviz (`dot`); `False`, or no Graphviz, leaves the tables alone",
    ),
    Setting(
        "BRIEFING_NETWORK_URL",
        "actors/network/",
        "URL of the diagram of every relation between actors",
    ),
    Setting(
        "BRIEFING_NETWORK_SAVE_AS",
        "actors/network/index.html",
        'its file; `""` turns it off',
    ),
    Setting(
        "BRIEFING_EVENT_URL", "events/{id}/", "URL of the page of an event with an `id`"
    ),
    Setting(
        "BRIEFING_EVENT_SAVE_AS",
        "events/{id}/index.html",
        'its file; `""` turns event pages off (events link to their briefing)',
    ),
    Setting("BRIEFING_ACTORS_URL", "actors/", "URL of the actors index"),
    Setting(
        "BRIEFING_ACTORS_SAVE_AS", "actors/index.html", 'its file; `""` turns it off'
    ),
    Setting("BRIEFING_TIMELINE_URL", "timeline/", "URL of the site-wide timeline"),
    Setting(
        "BRIEFING_TIMELINE_SAVE_AS",
        "timeline/index.html",
        'its file; `""` turns it off',
    ),
    Setting(
        "BRIEFING_TIMELINE_PAGE_EVENTS",
        1000,
        "the most events the timeline page shows; a longer timeline gets a page "
        "per year; `0` or `None` keeps every event on one page",
    ),
    Setting(
        "BRIEFING_TIMELINE_YEAR_URL",
        "timeline/{year}/",
        "URL of a year's page of a long timeline",
    ),
    Setting(
        "BRIEFING_TIMELINE_YEAR_SAVE_AS",
        "timeline/{year}/index.html",
        'its file; `""` keeps every event on one page',
    ),
    Setting(
        "BRIEFING_JUDGMENTS_URL",
        "judgments/",
        "URL of the page of every current key judgment",
    ),
    Setting(
        "BRIEFING_JUDGMENTS_SAVE_AS",
        "judgments/index.html",
        'its file; `""` turns it off',
    ),
    Setting(
        "BRIEFING_ACTOR_JUDGMENTS",
        20,
        "the most judgments an actor page lists, from its newest briefings "
        "(every one is on the judgments page, paginated as "
        '`PAGINATED_TEMPLATES["judgments"]` says)',
    ),
    Setting(
        "BRIEFING_STANDARDS_URL",
        "standards/",
        "URL of the page explaining likelihood, confidence and source grades",
    ),
    Setting(
        "BRIEFING_STANDARDS_SAVE_AS",
        "standards/index.html",
        'its file; `""` turns it off (judgments and grades then link nowhere)',
    ),
    Setting(
        "BRIEFING_ACTOR_FEED_ATOM",
        "feeds/actors/{id}.atom.xml",
        "each actor's Atom feed of the briefings naming it; `None` turns them off",
    ),
    Setting(
        "BRIEFING_ACTOR_FEED_MAX_ITEMS",
        20,
        "the newest briefings an actor feed carries (the actor page lists them "
        "all); `0` or `None` is every one",
    ),
    Setting(
        "BRIEFING_LINK_MENTIONS",
        True,
        "link the first mention of each of a briefing's actors in its text",
    ),
    Setting(
        "BRIEFING_DATA_PATH",
        "data",
        'folder of `actors.json`, `events.json` and their JSON Schemas; `""` '
        "turns them off",
    ),
    Setting(
        "BRIEFING_TIMELINEJS_SAVE_AS",
        "timeline/timelinejs.json",
        'the site\'s TimelineJS 3 document; `""` turns it off',
    ),
    Setting(
        "BRIEFING_ACTOR_TIMELINEJS_SAVE_AS",
        "actors/{id}/timelinejs.json",
        'each actor\'s TimelineJS 3 document; `""` turns them off',
    ),
    Setting(
        "BRIEFING_WORKERS",
        None,
        "processes that convert the articles' Markdown at once on a site of 200 "
        "articles or more; `None` is one per core, `1` reads one file after "
        "another as Pelican does",
    ),
    Setting(
        "BRIEFING_WRITE_AHEAD",
        True,
        "on a site of 200 articles or more with two cores or more, write the "
        "actor pages, the timeline, the feeds and the data in a second process "
        "while Pelican writes the articles; the preview turns it off",
    ),
    Setting(
        "BRIEFING_CACHE",
        True,
        "keep what a build works out from each file (the articles' HTML, the "
        "checked notes, the search index's parts) in `CACHE_PATH`, used again "
        "while the file's text, the settings and the libraries are the same",
    ),
    Setting(
        "BRIEFING_SPEED",
        True,
        "the speed machinery: Markdown on every core and kept between builds, "
        "quicker inline passes, pages written ahead, search indexed in parts, a "
        "preview that rewrites only what changed. `False` builds the plain way, "
        "through Pelican's own reader and writer, to the same pages; the plugin "
        "falls back to it, with a warning, on library versions it was not "
        "tested with",
    ),
    Setting(
        "BRIEFING_SEARCH",
        True,
        "index the site with Pagefind after each build, and write the search page",
    ),
    Setting(
        "BRIEFING_SEARCH_BATCH",
        750,
        "pages Pagefind indexes in one go (it holds about 0.5 MB a page while it "
        "works); a larger site is indexed in parts, which the search page merges",
    ),
    Setting("BRIEFING_SEARCH_URL", "search/", "URL of the search page"),
    Setting("BRIEFING_SEARCH_SAVE_AS", "search/index.html", "its file"),
    Setting(
        "BRIEFING_SEARCH_LANG_URL",
        "search/{lang}/",
        "URL of the search page of the briefings in another language than "
        "`DEFAULT_LANG` (one for each language of a translation)",
    ),
    Setting("BRIEFING_SEARCH_LANG_SAVE_AS", "search/{lang}/index.html", "its file"),
    Setting(
        "BRIEFING_LOCALES",
        {"en": "en_GB"},
        "the Babel locale that writes dates and numbers on the pages in each "
        'language, where it is not the language itself: `{"en": "en_GB", '
        '"fa": "fa_AF"}` writes "26 August 2021" and Dari\'s month names',
    ),
    Setting(
        "BRIEFING_PACKS_PATH",
        "packs",
        "folder of the reading packs (one `<slug>.yaml` per pack), inside `PATH`",
    ),
    Setting("BRIEFING_PACK_URL", "packs/{slug}/", "URL of a reading pack's page"),
    Setting(
        "BRIEFING_PACK_SAVE_AS",
        "packs/{slug}/index.html",
        'its file; `""` turns reading packs off',
    ),
    Setting(
        "BRIEFING_PACK_PDF_URL",
        "packs/{slug}/{slug}.pdf",
        "URL of a reading pack's PDF",
    ),
    Setting("BRIEFING_PACK_PDF_SAVE_AS", "packs/{slug}/{slug}.pdf", "its file"),
    Setting(
        "BRIEFING_PACK_PAPER",
        "A4",
        'paper of the packs\' PDFs: `"A4"` or `"Letter"`',
    ),
    Setting(
        "BRIEFING_SITEMAP_SAVE_AS",
        "",
        "file of the sitemap of every page, dated by its content; "
        '`""` (the default) leaves it out, publishconf.py sets `"sitemap.xml"`',
    ),
    Setting(
        "BRIEFING_DIGEST_PATH",
        "digests",
        "folder of the email digests (`make digest`), inside the output folder",
    ),
    Setting(
        "BRIEFING_DIGEST_FROM",
        "",
        "the digest's sender; `\"\"`: the site's name at `digest@` the host "
        "of `SITEURL`",
    ),
    Setting(
        "BRIEFING_DIGEST_TO",
        "",
        "the digest's recipients (its `To:`, which `sendmail -t` reads); "
        '`""` leaves it to the command that sends it',
    ),
    Setting("BRIEFING_PACKS_URL", "packs/", "URL of the list of reading packs"),
    Setting(
        "BRIEFING_PACKS_SAVE_AS",
        "packs/index.html",
        'its file; `""` leaves the list out',
    ),
]

DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def apply_defaults(settings: dict) -> None:
    """Fill in every BRIEFING_* setting the site did not set, and have
    Pelican paginate the judgments page and each actor's briefings as it
    does the home page
    (`PAGINATED_TEMPLATES`, `DEFAULT_PAGINATION`), unless the site says
    otherwise."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    settings["PAGINATED_TEMPLATES"] = {
        "judgments": None,
        "actor": None,
        **settings.get("PAGINATED_TEMPLATES", {}),
    }


def settings_table() -> str:
    """The settings reference as a Markdown table (docs/settings.md)."""
    rows = [
        "| setting | default | meaning |",
        "| --- | --- | --- |",
        *(
            f"| `{setting.name}` | `{_python(setting.default)}` | {setting.meaning} |"
            for setting in SETTINGS
        ),
    ]
    return "\n".join(rows) + "\n"


def _python(value) -> str:
    """A default as it is written in pelican.conf.py."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


_TABLE_START = "<!-- The table is made from plugins/briefing/settings.py"
_TABLE_END = "<!-- end of the settings table -->"


def update_reference(path) -> None:
    """Write `settings_table` into the manual's settings page, between its
    two marker comments (`make docs`)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    start = text.index("\n", text.index(_TABLE_START)) + 1
    end = text.index(_TABLE_END)
    path.write_text(text[:start] + settings_table() + text[end:], encoding="utf-8")


def documented_table(path) -> str:
    """The table the manual's settings page holds now."""
    text = Path(path).read_text(encoding="utf-8")
    start = text.index("\n", text.index(_TABLE_START)) + 1
    return text[start : text.index(_TABLE_END)]
