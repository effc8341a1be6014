"""Pelican's lists of articles, kept through a preview update as a full
build would make them.

ArticlesGenerator holds every article in lists (published, drafts,
translations...) and every published one in listings: the home page, the
pages of its category, tags and authors, and the archives of its year,
month and day. An update that edits, adds or removes briefings records
what each article leaves and joins (`move`), and changes the lists in
place (`relist`). A listing that grows or shrinks by a page has its pages
written again and its lost ones deleted (`pages_dropped`). One that
Pelican writes files for cannot come or go without a full build
(`keeps_listings`).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from pelican import signals
from pelican.contents import Article
from pelican.paginator import Paginator
from pelican.utils import order_content

from .internals import regroup_period_archives

# The article lists of Pelican's ArticlesGenerator an article can be in.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)

# The listings of a name an article gives, with the settings of the files
# Pelican writes for each: its pages and feeds.
NAMED = {
    "category": ("CATEGORY_SAVE_AS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "tag": ("TAG_SAVE_AS", "TAG_FEED_ATOM", "TAG_FEED_RSS"),
    "author": ("AUTHOR_SAVE_AS", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
}

# The archives of a period, and the part of a date that names it.
PERIODS = {
    "year": lambda date: (date.year,),
    "month": lambda date: (date.year, date.month),
    "day": lambda date: (date.year, date.month, date.day),
}


def all_articles(generator):
    """Every article the generator holds, in all its lists."""
    return chain.from_iterable(getattr(generator, name) for name in ARTICLE_LISTS)


def read_article(generator, path):
    """An article read as ArticlesGenerator reads it."""
    return generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(path, generator.path),
        content_class=Article,
        context=generator.context,
        preread_signal=signals.article_generator_preread,
        preread_sender=generator,
        context_signal=signals.article_generator_context,
        context_sender=generator,
    )


def same_place(old, new) -> bool:
    """Whether an article read anew can replace the old one in its lists:
    published or not, at the same URL, in the same language."""
    if not isinstance(new, Article) or not new.is_valid():
        return False
    return (new.status, new.save_as, new.lang, getattr(new, "translation", False)) == (
        old.status,
        old.save_as,
        old.lang,
        getattr(old, "translation", False),
    )


def can_join(generator, new, freed: set[str]) -> bool:
    """Whether a new article can join the site's lists: published, in the
    site's language, at a URL and slug of its own (or of an article the
    same update removes, among `freed` output paths)."""
    if not isinstance(new, Article) or not new.is_valid():
        return False
    if new.status != "published" or new.lang != generator.settings["DEFAULT_LANG"]:
        return False
    if new.save_as in freed:
        return True
    # The output is the site as built, so a file there is a URL taken (by an
    # article, a page or any other file): asking every article its save_as
    # took half a second at 10,000 briefings.
    if os.path.exists(os.path.join(generator.output_path, new.save_as)):
        return False
    return new.slug not in {article.slug for article in all_articles(generator)}


def can_leave(generator, old) -> bool:
    """Whether an article can be taken out of the lists: a published one,
    no translation, with none of its own (Pelican would pick another)."""
    return (
        old.status == "published"
        and not getattr(old, "translations", None)
        and any(article is old for article in generator.articles)
    )


@dataclass
class Move:
    """One article of an update: the old one (None for an added one), the
    new one (None for a removed one), the listings the old one leaves and
    those the new one joins."""

    old: object
    new: object
    leaves: list[tuple]
    joins: list[tuple]


def move(generator, old, new) -> Move:
    """The Move of an article edited (old and new), added (old None) or
    removed (new None). Made before the plugin gives a briefing its
    category (`articles.prepare_briefing`), so that it sees the article as
    Pelican's taxonomy did; only published articles are listed."""
    leaves = _listed_in(generator, old) if old is not None else []
    listed = old is None or bool(leaves)
    joins = listings_of(new, generator.settings) if new and listed else []
    return Move(old, new, leaves, joins)


def listings_of(article, settings: dict) -> list[tuple]:
    """The listings a published article goes in, as (kind, key)."""
    found = [("index", None)]
    category = getattr(article, "category", None)
    if category is not None:
        found.append(("category", category))
    found += [("tag", tag) for tag in dict.fromkeys(getattr(article, "tags", []))]
    found += [("author", a) for a in dict.fromkeys(getattr(article, "authors", []))]
    for period, key in PERIODS.items():
        if settings[f"{period.upper()}_ARCHIVE_SAVE_AS"]:
            found.append((period, key(article.date)))
    return found


def resized(generator, moves: list[Move]) -> dict[tuple, tuple[int, int]]:
    """The listings the moves change in size: (articles before, after)."""
    change = _change(moves)
    return {
        listing: (size, size + change[listing])
        for listing, size in _sizes(generator, set(change)).items()
    }


def keeps_listings(resizes: dict, settings: dict) -> bool:
    """Whether no listing Pelican writes files for (the home page, a period
    archive, a category, tag or author with pages or feeds) is new or left
    empty: its pages would come or go, and it would come or go in every
    list of tags or categories a page shows. A name without files of its
    own is only an entry in Pelican's lists, which `relist` keeps."""
    return all(
        (before and after) or not _has_files(listing[0], settings)
        for listing, (before, after) in resizes.items()
    )


def pages_dropped(resizes: dict, settings: dict) -> list[str]:
    """The pages of listings a full build would no longer write: a listing
    a page shorter loses its last page (and with a PAGINATION_PATTERNS rule
    for the last page, the name of the last page moves). Every page of a
    listing that changed is written again."""
    dropped = []
    for listing, (before, after) in resizes.items():
        for name, url, template in _listing_files(listing, settings):
            if template not in settings["PAGINATED_TEMPLATES"]:
                continue
            per_page = (
                settings["PAGINATED_TEMPLATES"][template]
                or settings["DEFAULT_PAGINATION"]
            )
            if per_page:
                had = _page_files(name, url, before, per_page, settings)
                has = _page_files(name, url, after, per_page, settings)
                dropped += sorted(had - has)
    return dropped


def relist(generator, moves: list[Move]) -> None:
    """Put each new article where the old one was, each added one where
    Pelican would put it, and take each removed one out, in every list."""
    settings = generator.settings
    olds = {id(one.old) for one in moves if one.old is not None}
    fresh = {id(one.old): one.new for one in moves if one.old and one.new}
    added = [one.new for one in moves if one.old is None]
    for name in (*ARTICLE_LISTS, "dates"):
        articles = getattr(generator, name)
        articles[:] = [
            fresh.get(id(article), article)
            for article in articles
            if id(article) not in olds or id(article) in fresh
        ]
    generator.articles += added
    generator.dates += added
    # A new briefing, or a changed date, moves a briefing: keep Pelican's
    # orders (its lists of a category, tag or author follow `articles`).
    generator.articles[:] = order_content(
        generator.articles, settings["ARTICLE_ORDER_BY"]
    )
    generator.dates.sort(
        key=lambda article: article.date,
        reverse=generator.context["NEWEST_FIRST_ARCHIVES"],
    )
    place = {id(article): n for n, article in enumerate(generator.articles)}
    members = _members(generator)
    touched = dict.fromkeys(
        listing
        for one in moves
        for listing in chain(one.leaves, one.joins)
        if listing[0] in NAMED
    )
    for listing in touched:
        articles = [a for a in members.get(listing, ()) if id(a) not in olds]
        articles += [one.new for one in moves if listing in one.joins]
        articles.sort(key=lambda article: place[id(article)])
        _set_members(generator, listing, articles)
    if touched:
        _order_names(generator, place)
    # Pelican 4.12's own grouping by year, month and day.
    regroup_period_archives(generator)
    generator.context["period_archives"] = generator.period_archives
    for one in moves:
        if one.new is None:  # no longer there for {filename} links to find
            generator.context["generated_content"].pop(
                one.old.get_relative_source_path(), None
            )


def _listed_in(generator, old) -> list[tuple]:
    """The listings `old` is in now: none unless it is published."""
    if not any(article is old for article in generator.articles):
        return []
    members = _members(generator)
    return [
        listing
        for listing in listings_of(old, generator.settings)
        if listing[0] == "index"
        or listing[0] in PERIODS
        or any(article is old for article in members.get(listing, ()))
    ]


def _set_members(generator, listing: tuple, articles: list) -> None:
    """Give a category, tag or author its articles in Pelican's lists; one
    with none is taken out, a new one put in."""
    kind, key = listing
    if kind == "tag":
        if articles:
            generator.tags[key] = articles
        else:
            generator.tags.pop(key, None)
        return
    pairs = generator.categories if kind == "category" else generator.authors
    pairs[:] = [(name, members) for name, members in pairs if name != key]
    if articles:
        pairs.append((key, articles))


def _order_names(generator, place: dict) -> None:
    """Pelican's orders: categories and authors by name, tags as they first
    come in the articles (it files them in a dict, in that order)."""
    generator.categories.sort(reverse=generator.settings["REVERSE_CATEGORY_ORDER"])
    generator.authors.sort()
    tags = sorted(
        generator.tags.items(),
        key=lambda item: (place[id(item[1][0])], item[1][0].tags.index(item[0])),
    )
    generator.tags.clear()
    generator.tags.update(tags)
    generator.context["tags"] = tags
    generator.context["categories"] = generator.categories
    generator.context["authors"] = generator.authors


def _members(generator) -> dict:
    """The list of articles of each category, tag and author."""
    return {
        **{("category", key): articles for key, articles in generator.categories},
        **{("tag", key): articles for key, articles in generator.tags.items()},
        **{("author", key): articles for key, articles in generator.authors},
    }


def _sizes(generator, listings: set[tuple]) -> dict:
    """How many articles each of `listings` has now."""
    members = _members(generator)
    periods = {kind for kind, _ in listings if kind in PERIODS}
    dated = Counter(
        (kind, PERIODS[kind](article.date))
        for article in (generator.articles if periods else ())
        for kind in periods
    )
    sizes = {}
    for listing in listings:
        kind = listing[0]
        if kind == "index":
            sizes[listing] = len(generator.articles)
        elif kind in PERIODS:
            sizes[listing] = dated[listing]
        else:
            sizes[listing] = len(members.get(listing, ()))
    return sizes


def _has_files(kind: str, settings: dict) -> bool:
    return kind not in NAMED or any(settings.get(name) for name in NAMED[kind])


def _change(moves: list[Move]) -> Counter:
    """How many articles each listing gains (or loses, below 0)."""
    change = Counter()
    for one in moves:
        change.update(one.joins)
        change.subtract(one.leaves)
    return Counter({listing: n for listing, n in change.items() if n})


def _listing_files(listing: tuple, settings: dict) -> list[tuple]:
    """(save_as, url, template) of each page Pelican writes for `listing`
    (the first of its pages, if paginated); none when it writes none."""
    kind, key = listing
    if kind == "index":  # the direct templates, such as the home page
        found = [
            (
                settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"),
                settings.get(f"{name.upper()}_URL", f"{name}.html"),
                name,
            )
            for name in settings["DIRECT_TEMPLATES"]
        ]
    elif kind in PERIODS:
        date = datetime(*key, *(1,) * (3 - len(key)))
        found = [
            (
                settings[f"{kind.upper()}_ARCHIVE_SAVE_AS"].format(date=date),
                settings[f"{kind.upper()}_ARCHIVE_URL"].format(date=date),
                "period_archives",
            )
        ]
    else:  # a category, tag or author
        found = [(key.save_as, key.url, kind)]
    return [(save_as, url, template) for save_as, url, template in found if save_as]


def _page_files(name: str, url: str, size: int, per_page: int, settings) -> set:
    paginator = Paginator(name, url, range(size), settings, per_page)
    return {paginator.page(number).save_as for number in paginator.page_range}
