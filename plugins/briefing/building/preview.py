"""`make devserver`: a preview that rewrites only what an edit changed.

The first build is a full one (`cli.build_site`), after which the preview
keeps Pelican's generators, with every article read and every briefing
loaded. When one briefing or its notes change, it reads that article and
its notes again, updates the site index (`linking.update_site_index`:
only the events the briefing tells are merged again), and rewrites the
briefing, the pages listing briefings (home page, feed), the actors whose
page shows something new, and the site-wide timeline, actors index and
data. A new briefing is added, and a deleted one removed (its page with
it, and any page a listing no longer has), the same way, as long as no
listing comes or goes (`listings.keeps_listings`); a renamed briefing is
both at once. Anything else (the registry, a page, the theme, the
settings, a category or tag new or left empty...) gets a full build. A
mistake in the notes is reported as `path:line: ...` and leaves the
preview and output/ as they were; the files of a failed update are read
again with the next one until the mistake is fixed.

Search is left out of previews (Pagefind takes seconds on a large site);
`make html` builds it.
"""

from __future__ import annotations

import fnmatch
import gc
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, StaticGenerator
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import read_settings
from pelican.writers import Writer
from watchfiles import watch

from ..content.errors import ContentError, Problems
from ..content.loader import NOTES_SUFFIX, notes_path_for
from ..site.articles import (
    finish_briefing,
    has_article,
    orphan_notes,
    prepare_briefing,
    report,
)
from ..site.judgments import index_judgments
from ..site.linking import update_site_index
from ..site.mentions import MentionMatcher
from ..site.pages import BriefingPagesGenerator
from ..speed.internals import article_html
from ..speed.listings import (
    all_articles,
    can_join,
    can_leave,
    keeps_listings,
    move,
    pages_dropped,
    read_article,
    relist,
    resized,
    same_place,
)
from .staging import build_site, fail

logger = logging.getLogger(__name__)


@dataclass
class Update:
    """What one preview update did, for the message and for tests."""

    kind: str  # "briefing", "full", "failed" or "none"
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # pages deleted


@dataclass
class Refreshed:
    """What an update rewrote and deleted, in output/."""

    written: list[str]
    removed: list[str]


class Preview:
    """A built site, held in memory, that takes edits one change set at a time."""

    def __init__(self, settings_path: Path, output: Path | None = None):
        self.settings_path = settings_path
        self.output = output
        self.generators: list = []
        # The files of an update that failed: read again with the next one,
        # so its mistake is reported until it is fixed.
        self.pending: set[Path] = set()

    # -- full builds ---------------------------------------------------------

    def build_all(self) -> Update:
        start = time.perf_counter()
        self.pending = set()
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
        changed = set(changed) | self.pending
        found = None
        if self.generators and self.generators[0].settings["BRIEFING_SPEED"]:
            found = self._briefings_changed(changed)
        if found is None:
            return self.build_all()
        if not any(found):
            return Update("none")
        start = time.perf_counter()
        try:
            done = self._refresh(*found)
        except ContentError as error:
            fail(error, self.output)
            self.pending = changed
            return Update("failed", time.perf_counter() - start)
        self.pending = set()
        if done is None:
            return self.build_all()
        return Update(
            "briefing", time.perf_counter() - start, done.written, done.removed
        )

    def _briefings_changed(self, changed: set[Path]) -> tuple | None:
        """(the articles whose file or notes changed, the paths of new
        articles, the articles whose file is gone, notes left without an
        article), or None when something else changed (a page, the registry,
        the theme...) and a full build is needed."""
        generator = self._articles_generator()
        if generator.settings["OUTPUT_SOURCES"]:
            return None  # copies of the sources, written by a full build
        # Pelican's source paths are absolute already: kept as strings, as
        # making 10,000 Path objects took a tenth of a second per update.
        by_source = {a.source_path: a for a in all_articles(generator)}
        sorted_out = self._sort_out(generator, changed, by_source)
        if sorted_out is None:
            return None
        found, added, removed, notes = sorted_out
        stems = {(path.parent, path.name.rsplit(".", 1)[0]) for path in added}
        notes_of_removed = (notes_path_for(Path(a.source_path)) for a in removed)
        orphans = [path for path in notes_of_removed if path.exists()]
        for path in notes:
            article = _article_of(path, by_source)
            if article is False:
                return None
            if article is not None:  # edited, or deleted: it has none now
                gone = not os.path.exists(article.source_path)
                (removed if gone else found).append(article)
            elif not path.exists():
                continue  # orphans deleted, or a temporary file
            elif (path.parent, path.name[: -len(NOTES_SUFFIX)]) in stems:
                continue  # the notes of a new briefing
            elif has_article(path, generator.settings):
                return None  # one Pelican did not read: the full build says why
            else:
                orphans.append(path)
        gone = {id(article) for article in removed}
        found = [a for a in dict.fromkeys(found) if id(a) not in gone]
        if any(getattr(article, "packs", None) for article in (*found, *removed)):
            return None  # a reading pack shows it: its page and PDF are made anew
        return found, added, list(dict.fromkeys(removed)), sorted(set(orphans))

    def _sort_out(self, generator, changed: set[Path], by_source: dict):
        """The changed paths as (articles edited, new article paths, articles
        deleted, notes paths), or None if one is no briefing."""
        briefings_dir = Path(generator.path, generator.settings["BRIEFING_PATH"])
        found, added, removed, notes = [], [], [], []
        for path in (Path(os.path.abspath(p)) for p in changed):
            article = by_source.get(str(path))
            if path.name.endswith(NOTES_SUFFIX):
                if path.exists() and not path.is_relative_to(briefings_dir):
                    return None
                notes.append(path)
            elif not path.exists():
                if article is not None:
                    removed.append(article)
                # else a temporary file that came and went (sed -i, editors)
            elif not path.is_file() or not path.is_relative_to(briefings_dir):
                return None
            elif article is not None:
                found.append(article)
            elif self._is_article_file(generator, path):
                added.append(path)
            else:
                return None
        return found, added, removed, notes

    @staticmethod
    def _is_article_file(generator, path: Path) -> bool:
        """Whether Pelican reads `path` as an article (a new one): what
        `get_files` over ARTICLE_PATHS would find, without walking every
        folder (half a second at 10,000 briefings)."""
        settings = generator.settings
        extensions = generator.readers.extensions
        relative = os.path.relpath(path, generator.path)
        if not generator._include_path(relative, extensions):
            return False
        content = os.path.normpath(generator.path)
        excluded = {
            os.path.normpath(os.path.join(content, name))
            for name in settings["ARTICLE_EXCLUDES"]
        }
        for entry in settings["ARTICLE_PATHS"]:
            root = os.path.normpath(os.path.join(content, entry))
            if os.path.normpath(path) == root:
                return True  # a file named in ARTICLE_PATHS itself
            if not Path(path).is_relative_to(root) or not os.path.isdir(root):
                continue
            # Every folder below the root is walked unless excluded or ignored.
            folders = Path(path).parent.relative_to(root).parts
            walked = root
            for name in folders:
                walked = os.path.join(walked, name)
                if walked in excluded or any(
                    fnmatch.fnmatch(name, ignore) for ignore in settings["IGNORE_FILES"]
                ):
                    break
            else:
                return True
        return False

    def _articles_generator(self):
        return next(g for g in self.generators if isinstance(g, ArticlesGenerator))

    def _refresh(
        self, old_articles: list, added: list[Path], removed: list, orphans: list
    ) -> Refreshed | None:
        generator = self._articles_generator()
        settings, context = generator.settings, generator.context
        site = context["briefing_site"]
        registry = site.registry
        problems = Problems()
        for path in orphans:
            orphan_notes(path, problems)
        moves = []
        for old in old_articles:
            new = read_article(generator, old.source_path)
            if not same_place(old, new):
                return None  # published or not, URL, language: a full build
            moves.append(move(generator, old, new))
            prepare_briefing(new, registry, settings, problems)
            _keep_unchanged_events(old, new)
        for old in removed:
            if not can_leave(generator, old):
                return None  # a draft, a translation or one that has some
            moves.append(move(generator, old, None))
        freed = {old.save_as for old in removed}
        for path in added:
            new = read_article(generator, path)
            if not can_join(generator, new, freed):
                return None  # a draft, a translation, a URL taken...
            moves.append(move(generator, None, new))
            prepare_briefing(new, registry, settings, problems)
        resizes = resized(generator, moves)
        if not keeps_listings(resizes, settings):
            return None  # a listing with pages of its own comes or goes
        pairs = [(one.old, one.new) for one in moves]
        if not self._links_settled(generator, pairs):
            return None
        # Check everything before changing anything: a mistake leaves the
        # preview (and output/) exactly as they were.
        fresh = {id(old): new for old, new in pairs if old is not None}
        published = [
            article
            for article in (fresh.get(id(a), a) for a in generator.articles)
            if article is not None
        ]
        published += [new for old, new in pairs if old is None]
        new_site = update_site_index(site, pairs, published, problems)
        index_judgments(new_site, published, problems)
        report(problems)

        matcher = MentionMatcher(registry)
        for _, new in pairs:
            if new is None:
                continue
            finish_briefing(new, matcher, settings)
            new.refresh_metadata_intersite_links()
            generator.add_source_path(new)
            generator.add_static_links(new)
        dropped = pages_dropped(resizes, settings)
        relist(generator, moves)
        context["briefing_site"] = new_site
        taken = {new.save_as for _, new in pairs if new is not None}
        gone = sorted(freed - taken) + dropped
        for save_as in gone:
            _remove_output(Path(generator.output_path), save_as)
        written, removed = self._write(
            generator,
            [new for _, new in pairs if new is not None],
            _actors_changed(site, new_site, pairs),
        )
        return Refreshed(written, gone + removed)

    def _links_settled(self, generator, pairs: list[tuple]) -> bool:
        """Whether the links between files stay as the full build made them.

        Pelican copies the files content links to (`{static}`, `{attach}`)
        once a build, and an `{attach}` moves the file beside the article:
        a briefing that adds, drops or changes such links takes a full build,
        unless it only links to files under STATIC_PATHS with `{static}`,
        which are copied anyway. And `{filename}` links to a briefing that
        comes or goes are found (or no longer found) in other content only
        when that is written again: a full build, if any names its file."""
        statics = next(g for g in self.generators if isinstance(g, StaticGenerator))
        found = None
        for old, new in pairs:
            links = [
                (article.get_static_links(), _attaches(article))
                for article in (old, new)
                if article is not None
            ]
            if len(links) == 2 and links[0] == links[1]:
                continue
            for static_links, attaches in links:
                if attaches:
                    return False
                if static_links and found is None:
                    found = set(
                        statics.get_files(
                            generator.settings["STATIC_PATHS"],
                            exclude=generator.settings["STATIC_EXCLUDES"],
                            extensions=False,
                        )
                    )
                if not static_links <= (found or set()):
                    return False
        names = [
            os.path.basename((old or new).source_path)
            for old, new in pairs
            if old is None or new is None
        ]
        if not names:
            return True
        edited = {id(article) for pair in pairs for article in pair}
        return not any(
            name in (getattr(content, "_content", None) or "")
            for content in generator.context["generated_content"].values()
            if id(content) not in edited
            for name in names
        )

    def _write(
        self, generator, articles: list, actor_ids: set[str]
    ) -> tuple[list[str], list[str]]:
        """Write the articles and what lists them; (written, deleted)."""
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
        written = [a.save_as for a in articles] + [
            f"actors/{actor_id}" for actor_id in sorted(actor_ids)
        ]
        return written, sorted(pages.removed)


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
    cast of each edited, added or removed briefing, before and after (their
    pages show its title and role, their feeds its text), the actors of its
    judgments (their pages list them), and any other
    actor of the events it tells whose list of events now reads
    differently."""
    cast, reached = set(), set()
    for old, new in pairs:
        for article in (old, new):
            if article is not None and article.briefing is not None:
                cast.update(c.actor.id for c in article.briefing.actors)
                cast.update(
                    actor.id
                    for judgment in article.briefing.judgments
                    for actor in judgment.actors
                )
        if old is not None:
            reached |= site.actors_shown_with(old)
        if new is not None:
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


def _attaches(article) -> bool:
    html = article_html(article)
    return "{attach}" in html or "|attach|" in html


def _article_of(notes: Path, by_source: dict):
    """The article whose notes `notes` are, None if none, False if several
    (a.md and a.rst)."""
    stem = os.path.join(notes.parent, notes.name[: -len(NOTES_SUFFIX)])
    matches = [
        article
        for source, article in by_source.items()
        if source.rsplit(".", 1)[0] == stem
    ]
    if len(matches) > 1:
        return False
    return matches[0] if matches else None


def _remove_output(output: Path, save_as: str) -> None:
    """Delete the page of a removed article, and the folders it leaves empty."""
    path = output / save_as
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == output or not folder.is_relative_to(output):
            break
        try:
            folder.rmdir()
        except OSError:  # not empty
            break


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
        removed = f"removed {', '.join(update.removed)}; " if update.removed else ""
        rewrote = f"{', '.join(briefings)}, " if briefings else ""
        print(
            f"{removed}rewrote {rewrote}the pages of {actors} actor(s) and "
            f"the site-wide pages in {update.seconds:.2f} s",
            file=sys.stderr,
        )
