"""`make devserver`: a preview that rewrites only what an edit changed.

The first build is a full one (`cli.build_site`), after which the preview
keeps Pelican's generators, with every article read and every briefing
loaded. When one briefing or its notes change, it reads that article and
its notes again, updates the site index (`linking.update_site_index`:
only the events the briefing tells are merged again), and rewrites the
briefing, the pages listing briefings (home page, feed), the actors whose
page shows something new, and the site-wide timeline, actors index and
data. A new briefing is added the same way when Pelican's lists can take
it as they are (`_lists_joined`). Anything else (a deleted file, the
registry, a page, the theme, the settings) gets a full build. A mistake
in the notes is reported as `path:line: ...` and leaves the preview and
output/ as they were.

Search is left out of previews (Pagefind takes seconds on a large site);
`make html` builds it.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import read_settings
from pelican.utils import order_content
from pelican.writers import Writer
from watchfiles import watch

from .articles import finish_briefing, prepare_briefing, report
from .building import build_site, fail
from .errors import ContentError, Problems
from .linking import update_site_index
from .loader import NOTES_SUFFIX
from .mentions import MentionMatcher
from .pages import BriefingPagesGenerator

logger = logging.getLogger(__name__)

# The article lists of Pelican's ArticlesGenerator an article can be in.
ARTICLE_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


@dataclass
class Update:
    """What one preview update did, for the message and for tests."""

    kind: str  # "briefing", "full", "failed" or "none"
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)


class Preview:
    """A built site, held in memory, that takes edits one change set at a time."""

    def __init__(self, settings_path: Path, output: Path | None = None):
        self.settings_path = settings_path
        self.output = output
        self.generators: list = []

    # -- full builds ---------------------------------------------------------

    def build_all(self) -> Update:
        start = time.perf_counter()
        gc.unfreeze()  # what the last build left may be garbage now
        settings = read_settings(str(self.settings_path))
        settings["BRIEFING_SEARCH"] = False
        # Pages written in another process would leave their caches there.
        settings["BRIEFING_WRITE_AHEAD"] = False
        output = self.output or Path(settings["OUTPUT_PATH"]).resolve()
        self.output = output
        code, generators = build_site(settings, output, keep_generators=True)
        if code != 0:
            # Keep what we had: the next edit that fixes the mistake rebuilds.
            self.generators = []
            return Update("failed", time.perf_counter() - start)
        self.generators = generators
        # The built site stays for the whole session: out of the garbage
        # collector's sight, an update no longer walks its millions of
        # objects (a second per update at 10,000 briefings).
        gc.freeze()
        return Update("full", time.perf_counter() - start)

    # -- updates ---------------------------------------------------------------

    def update(self, changed: set[Path]) -> Update:
        """Take a set of changed files: rewrite what they change, or rebuild."""
        found = self._briefings_changed(changed) if self.generators else None
        if found is None:
            return self.build_all()
        articles, added = found
        if not articles and not added:
            return Update("none")
        start = time.perf_counter()
        try:
            written = self._refresh(articles, added)
        except ContentError as error:
            fail(error, self.output)
            return Update("failed", time.perf_counter() - start)
        if written is None:
            return self.build_all()
        return Update("briefing", time.perf_counter() - start, written)

    def _briefings_changed(self, changed: set[Path]) -> tuple | None:
        """(the articles whose file or notes changed, the paths of new
        articles), or None when something else changed (a file went, a page,
        the registry, the theme...) and a full build is needed."""
        generator = self._articles_generator()
        briefings_dir = Path(generator.path, generator.settings["BRIEFING_PATH"])
        # Pelican's source paths are absolute already: kept as strings, as
        # making 10,000 Path objects took a tenth of a second per update.
        by_source = {article.source_path: article for article in _all(generator)}
        found, added, new_notes = [], [], []
        for path in (Path(os.path.abspath(p)) for p in changed):
            if not path.exists():
                if str(path) in by_source or path.name.endswith(NOTES_SUFFIX):
                    return None  # a briefing or notes deleted
                continue  # a temporary file that came and went (sed -i, editors)
            if not path.is_file() or not path.is_relative_to(briefings_dir):
                return None
            if path.name.endswith(NOTES_SUFFIX):
                stem = os.path.join(path.parent, path.name[: -len(NOTES_SUFFIX)])
                matches = [
                    article
                    for source, article in by_source.items()
                    if source.rsplit(".", 1)[0] == stem
                ]
                if len(matches) > 1:
                    return None
                if not matches:  # the notes of a new briefing, or orphans
                    new_notes.append(path)
                    continue
                article = matches[0]
            else:
                article = by_source.get(str(path))
                if article is None:
                    if not self._is_article_file(generator, path):
                        return None
                    added.append(path)
                    continue
            if article not in found:
                found.append(article)
        stems = {(path.parent, path.name.rsplit(".", 1)[0]) for path in added}
        if any(
            (path.parent, path.name[: -len(NOTES_SUFFIX)]) not in stems
            for path in new_notes
        ):
            return None  # notes without their article: the full build says so
        return found, added

    @staticmethod
    def _is_article_file(generator, path: Path) -> bool:
        """Whether Pelican reads `path` as an article (a new one)."""
        relative = os.path.relpath(path, generator.path)
        return relative in generator.get_files(
            generator.settings["ARTICLE_PATHS"],
            exclude=generator.settings["ARTICLE_EXCLUDES"],
            extensions=generator.readers.extensions,
        )

    def _articles_generator(self):
        return next(g for g in self.generators if isinstance(g, ArticlesGenerator))

    def _refresh(self, old_articles: list, added: list[Path]) -> list[str] | None:
        generator = self._articles_generator()
        settings, context = generator.settings, generator.context
        site = context["briefing_site"]
        registry = site.registry
        problems = Problems()
        fresh = {}
        pairs = []  # (old article or None, new article)
        for old in old_articles:
            new = _read(generator, old.source_path)
            if not _same_place(old, new):
                return None  # published or not, URL, language: a full build
            prepare_briefing(new, registry, settings, problems)
            _keep_unchanged_events(old, new)
            fresh[id(old)] = new
            pairs.append((old, new))
        joins = []  # (new article, the category, tag and author lists it joins)
        for path in added:
            new = _read(generator, path)
            lists = _lists_joined(generator, new)
            if lists is None:
                return None  # a draft, a translation, a new category...
            prepare_briefing(new, registry, settings, problems)
            pairs.append((None, new))
            joins.append((new, lists))
        # Check everything before changing anything: a mistake leaves the
        # preview (and output/) exactly as they were.
        published = [fresh.get(id(article), article) for article in generator.articles]
        published += [new for old, new in pairs if old is None]
        new_site = update_site_index(site, pairs, published, problems)
        report(problems)

        matcher = MentionMatcher(registry)
        for _, new in pairs:
            finish_briefing(new, matcher, settings)
            new.refresh_metadata_intersite_links()
            generator.add_source_path(new)
            generator.add_static_links(new)
        self._replace(generator, fresh, joins)
        context["briefing_site"] = new_site
        return self._write(
            generator,
            [new for _, new in pairs],
            _actors_changed(site, new_site, pairs),
        )

    def _replace(self, generator, fresh: dict, joins: list) -> None:
        """Put the new articles where the old ones were, and the added ones
        where Pelican would put them, in every list."""

        def swap(articles: list) -> None:
            articles[:] = [fresh.get(id(article), article) for article in articles]

        for name in (*ARTICLE_LISTS, "dates"):
            swap(getattr(generator, name))
        for article, lists in joins:
            generator.articles.append(article)
            generator.dates.append(article)
            for articles in lists:
                articles.append(article)
        # A new briefing, or a changed date, moves a briefing: keep Pelican's
        # orders (its lists of a category, tag or author follow `articles`).
        settings = generator.settings
        generator.articles[:] = order_content(
            generator.articles, settings["ARTICLE_ORDER_BY"]
        )
        generator.dates.sort(
            key=lambda article: article.date,
            reverse=generator.context["NEWEST_FIRST_ARCHIVES"],
        )
        place = {id(article): n for n, article in enumerate(generator.articles)}
        for articles in chain(
            (articles for _, articles in generator.categories),
            (articles for _, articles in generator.authors),
            generator.tags.values(),
        ):
            swap(articles)
            articles.sort(key=lambda article: place[id(article)])
        # Pelican 4.12's own grouping by year, month and day.
        generator.period_archives = generator._build_period_archives(
            generator.dates, generator.articles, settings
        )
        generator.context["period_archives"] = generator.period_archives

    def _write(self, generator, articles: list, actor_ids: set[str]) -> list[str]:
        settings = generator.settings
        writer = Writer(generator.output_path, settings=settings)
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        drafts = False
        for article in articles:
            if article.status == "draft":
                drafts = True
                continue
            signals.article_generator_write_article.send(generator, content=article)
            write(
                article.save_as,
                generator.get_template(article.template),
                generator.context,
                article=article,
                category=getattr(article, "category", None),
                override_output=hasattr(article, "override_save_as"),
                url=article.url,
                blog=True,
            )
        if drafts:
            generator.generate_drafts(write)
        # Everything that lists briefings, as ArticlesGenerator.generate_pages
        # does it, but for the articles themselves.
        # Writing a page leaves its relative site URL in the shared context,
        # and feeds read summaries through it: write them as a build does.
        generator.context["localsiteurl"] = settings["SITEURL"]
        generator.generate_feeds(writer)
        generator.generate_period_archives(write)
        generator.generate_direct_templates(write)
        # Pelican walks every article for these even when they are off.
        for save_as, generate in [
            ("TAG_SAVE_AS", generator.generate_tags),
            ("CATEGORY_SAVE_AS", generator.generate_categories),
            ("AUTHOR_SAVE_AS", generator.generate_authors),
        ]:
            if settings[save_as]:
                generate(write)
        pages = next(
            g for g in self.generators if isinstance(g, BriefingPagesGenerator)
        )
        pages.generate_output(writer, actor_ids)
        return [a.save_as for a in articles] + [
            f"actors/{actor_id}" for actor_id in sorted(actor_ids)
        ]


def _keep_unchanged_events(old, new) -> None:
    """Give the new notes the old Event objects the edit left as they were:
    cached HTML and JSON are kept by identity, so those stay valid."""
    if old.briefing is None or new.briefing is None:
        return
    previous = list(old.briefing.timeline)
    timeline = new.briefing.timeline
    for index, event in enumerate(timeline):
        for candidate in previous:
            if candidate == event:  # every field, and the line
                timeline[index] = candidate
                previous.remove(candidate)
                break


def _actors_changed(site, new_site, pairs) -> set[str]:
    """The actors whose page, feed or timeline an update must rewrite: the
    cast of each edited briefing, before and after (their pages show its
    title and role, their feeds its text), and any other actor of the events
    it tells whose list of events now reads differently."""
    cast, reached = set(), set()
    for old, new in pairs:
        for article in (old, new):
            if article is not None and article.briefing is not None:
                cast.update(c.actor.id for c in article.briefing.actors)
        if old is not None:
            reached |= site.actors_shown_with(old)
        reached |= new_site.actors_shown_with(new)
    registry = new_site.registry.actors
    return cast | {
        actor_id
        for actor_id in reached - cast
        if _event_signatures(site, registry[actor_id])
        != _event_signatures(new_site, registry[actor_id])
    }


def _event_signatures(site, actor) -> list:
    return [site_event.signature for site_event in site.events_of(actor)]


def _all(generator):
    """Every article the generator holds, in all its lists."""
    return chain.from_iterable(getattr(generator, name) for name in ARTICLE_LISTS)


def _read(generator, path):
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


def _lists_joined(generator, new) -> list[list] | None:
    """The lists of a category, tag or author a new article joins, as Pelican
    would list it; None unless it can join the lists as they are: a published
    article in the site's language, at a URL of its own, in a category and
    with tags and authors the site has already (new ones need pages)."""
    if not isinstance(new, Article) or not new.is_valid():
        return None
    if new.status != "published" or new.lang != generator.settings["DEFAULT_LANG"]:
        return None
    # The output is the site as built, so a file there is a URL taken (by an
    # article, a page or any other file): asking every article its save_as
    # took half a second at 10,000 briefings.
    if (Path(generator.output_path) / new.save_as).exists():
        return None
    if new.slug in {article.slug for article in _all(generator)}:
        return None
    categories, authors = dict(generator.categories), dict(generator.authors)
    wanted = [
        (categories, getattr(new, "category", None)),
        *((generator.tags, tag) for tag in getattr(new, "tags", [])),
        *((authors, author) for author in getattr(new, "authors", [])),
    ]
    if any(key is not None and key not in lists for lists, key in wanted):
        return None
    return [lists[key] for lists, key in wanted if key is not None]


def _same_place(old, new) -> bool:
    """Whether an article read anew can replace the old one in place."""
    if not isinstance(new, Article) or not new.is_valid():
        return False
    return (new.status, new.save_as, new.lang, getattr(new, "translation", False)) == (
        old.status,
        old.save_as,
        old.lang,
        getattr(old, "translation", False),
    )


# -- watching and serving ----------------------------------------------------


def watched_paths(settings_path: Path) -> list[Path]:
    """The content, the theme and the settings file."""
    settings = read_settings(str(settings_path))
    return [Path(settings["PATH"]), Path(settings["THEME"]), settings_path]


def serve(output: Path, host: str, port: int) -> None:
    """Serve output/ like `pelican --listen`, in a background thread."""
    httpd = RootedHTTPServer(str(output), (host, port), ComplexHTTPRequestHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    print(f"serving {output} at http://{host}:{port}/", file=sys.stderr)


def run(settings_path: Path, output: Path | None, listen: tuple | None) -> int:
    """Build, then rebuild on every change until interrupted."""
    preview = Preview(settings_path, output)
    first = preview.build_all()
    _say(first)
    if listen:
        serve(preview.output, *listen)
    try:
        for changes in watch(*watched_paths(settings_path)):
            _say(preview.update({Path(path) for _, path in changes}))
    except KeyboardInterrupt:
        return 0
    return 0


def _say(update: Update) -> None:
    if update.kind == "none":
        return
    if update.kind == "failed":
        print(
            "waiting for a fix; the preview shows the last good build", file=sys.stderr
        )
    elif update.kind == "full":
        print(f"built the site in {update.seconds:.1f} s", file=sys.stderr)
    else:
        briefings = [name for name in update.written if name.endswith(".html")]
        actors = len(update.written) - len(briefings)
        print(
            f"rewrote {', '.join(briefings)}, the pages of {actors} actor(s) and "
            f"the site-wide pages in {update.seconds:.2f} s",
            file=sys.stderr,
        )
