"""Pelican settings for the sample briefing site (`-s pelican.conf.py`)."""

import os

AUTHOR = "Briefing desk"
SITENAME = "Briefing desk"
SITESUBTITLE = "Articles that matter, with the actors and the timeline behind them"
# Pages link to each other with relative URLs, so output/ works from any
# host; feeds need the site's public address: `make html SITEURL=https://…`.
SITEURL = os.environ.get("SITEURL", "http://127.0.0.1:8000").rstrip("/")
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Dates on the pages, as Babel writes them in each language: "26 August
# 2021" in English, and in Dari with the month names used in Afghanistan.
BRIEFING_LOCALES = {"en": "en_GB", "fa": "fa_AF"}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["briefing"]

# Briefings are articles under content/briefings/; the registry under
# content/actors/ is read by the plugin, not by Pelican's readers.
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
ARTICLE_URL = "briefings/{slug}/"
ARTICLE_SAVE_AS = "briefings/{slug}/index.html"
# A translation (`<slug>.<lang>.md` with `Lang:` and the original's Slug)
# sits under its original: briefings/<slug>/fa/.
ARTICLE_LANG_URL = "briefings/{slug}/{lang}/"
ARTICLE_LANG_SAVE_AS = "briefings/{slug}/{lang}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"

# Actors replace categories, tags and authors as the way to browse.
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Briefings"
DIRECT_TEMPLATES = [
    "index",
    "404",
]  # 404.html: what a static host shows for a wrong address
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
# The home page lists the newest 50 briefings, then page/2/ and on: at
# 10,000 briefings one page of them all would be 3.8 MB.
DEFAULT_PAGINATION = 50
INDEX_URL = ""  # page 1 is the site's address itself
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"  # the translations in each language
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Our templates escape every string unless it is marked safe; Pelican's
# default environment does not autoescape.
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    "extensions": [],
}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# No build timestamps, so two builds of the same content are identical.
OUTPUT_SOURCES = False
