"""The actors' Atom feeds, each article's entry made once for all of them.

An article is in the feed of each of its actors, four to eight of them, and
Pelican's `Writer.write_feed` makes every entry of every feed afresh: its
fields (link, tag URI, dates, summary) and its XML. With 300 actors and 20
entries a feed, that is 6,000 entries made from a few hundred articles, a
cost that does not shrink with the site. `write_feeds` makes each article's
entry once, with feedgenerator's own Atom code, and writes every feed from
the entries made.

The files are those `Writer.write_feed` writes (a test compares them
under the feed settings that change them) but for two things a feed
reader and a reproducible build need. Each feed's Atom `id` is its own
absolute URL, where Pelican gives every feed the site's URL, so readers
would take all actor feeds for one. And a feed with no entry (an actor no
published briefing names yet) is `updated` at `empty_updated`, the newest
date of the site's content, not at the clock's time: two builds of the
same content are identical.

`feed_generated` is sent for each feed before it is written and
`feed_written` after; when a plugin listens to the first (and so may
change entries), entries are not shared between feeds. A writer whose
`write_feed` is its own (another plugin's) writes the feeds itself.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable
from datetime import UTC, datetime

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import Markup
from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from ..speed.internals import xml_writer

logger = logging.getLogger(__name__)

# The date of an empty feed on a site without a single published article.
NO_CONTENT_DATE = datetime(1970, 1, 1, tzinfo=UTC)

# The key, in a feed item, of the article the item was made from.
_ARTICLE = "briefing_article"


def write_feeds(
    writer,
    context: dict,
    feeds: Iterable[tuple[str, str, list]],
    empty_updated: datetime,
):
    """Write each (path, title, articles) as an Atom feed, as
    `writer.write_feed(articles, context, path, feed_title=title)` would,
    with an `id` of its own and `empty_updated` for a feed without entries."""
    if type(writer).write_feed is not Writer.write_feed:
        for path, title, articles in feeds:
            writer.write_feed(articles, context, path, feed_title=title)
        return
    settings = writer.settings
    site_url = context["SITEURL"]
    join = writer.urljoiner  # a Writer's: how it joins the site URL and a page's
    fields: dict[int, dict] = {}  # by article, for the feeds written here
    entries: dict[int, str] = {}
    share = settings.get("BRIEFING_SPEED", True) and not (
        signals.feed_generated.receivers
    )
    for path, title, articles in feeds:
        feed_url = join(context.get("FEED_DOMAIN"), path)
        feed = _SharedEntriesFeed(
            entries if share else {},
            empty_updated,
            title=Markup(f"{context['SITENAME']} - {title}").striptags(),
            link=site_url + "/",
            feed_url=feed_url,
            feed_guid=feed_url,
            description=context.get("SITESUBTITLE", ""),
            subtitle=context.get("SITESUBTITLE"),
        )
        for article in articles[: settings["FEED_MAX_ITEMS"]]:
            made = fields.get(id(article))
            if made is None:
                made = fields[id(article)] = _entry_fields(
                    article, site_url, join, settings
                )
            feed.add_item(**made)
        if not share:
            signals.feed_generated.send(context, feed=feed)
        complete_path = sanitised_join(writer.output_path, path)
        os.makedirs(os.path.dirname(complete_path), exist_ok=True)
        with open(complete_path, "w", encoding="utf-8") as file:
            feed.write(file, "utf-8")
        logger.info('Writing "%s"', complete_path)
        signals.feed_written.send(complete_path, context=context, feed=feed)


def newest_content_date(articles) -> datetime:
    """The newest date (published or modified) of `articles`, as an empty
    feed's `updated`: it changes only when the content does."""
    dates = [
        max(article.date, getattr(article, "modified", None) or article.date)
        for article in articles
    ]
    return max(dates, default=NO_CONTENT_DATE)


def _entry_fields(article, site_url: str, join, settings: dict) -> dict:
    """The fields of an article's Atom entry, as Pelican's writer makes them."""
    link = join(site_url, article.url)
    if settings["FEED_APPEND_REF"]:
        link += "?ref=feed"
    content = article.get_content(site_url)
    summary = article.summary
    categories = []
    if hasattr(article, "category"):
        categories.append(article.category)
    if hasattr(article, "tags"):
        categories.extend(article.tags)
    return {
        "title": Markup(article.title).striptags(),
        "link": link,
        "unique_id": get_tag_uri(link, article.date),
        # Atom has the summary and the content apart: one is enough when equal.
        "description": None if summary == content else summary,
        "content": content,
        "categories": categories or None,
        "author_name": getattr(article, "author", ""),
        # Pelican's content has its dates in the site's time zone already.
        "pubdate": article.date,
        "updateddate": getattr(article, "modified", None),
        _ARTICLE: id(article),
    }


class _SharedEntriesFeed(Atom1Feed):
    """An Atom feed that takes each entry's XML from `entries` (by article),
    and makes it there the first time; `empty_updated` is its date when it
    has no entry."""

    def __init__(self, entries: dict[int, str], empty_updated: datetime, **feed):
        super().__init__(**feed)
        self._entries = entries
        self._empty_updated = empty_updated

    def latest_post_date(self):
        # feedgenerator's gives the clock's time for a feed without entries.
        return super().latest_post_date() if self.items else self._empty_updated

    def write(self, outfile, encoding):
        # Atom1Feed.write, with the entries written as made: the handler
        # writes straight to `outfile`, and has no element left open here.
        handler = xml_writer(outfile, encoding)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        for item in self.items:
            key = item.get(_ARTICLE)  # None for an item another plugin added
            entry = self._entries.get(key) if key is not None else None
            if entry is None:
                entry = self._entry(item)
                if key is not None:
                    self._entries[key] = entry
            outfile.write(entry)
        handler.endElement("feed")

    def _entry(self, item: dict) -> str:
        text = io.StringIO()
        handler = xml_writer(text, "utf-8")
        handler.startElement("entry", self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement("entry")
        return text.getvalue()
