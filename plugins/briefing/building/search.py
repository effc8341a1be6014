"""Site search with Pagefind: index the pages once Pelican has written them.

Pagefind's Python package ships its binary; it indexes only the parts of
pages marked `data-pagefind-body` (briefings and actor pages), so the site's
navigation and footer never show up in results. The bundle goes to
`output/pagefind/`, Pagefind's default.

Pagefind holds about half a megabyte per page while it indexes, and slows
down as the index grows: 10,000 briefings took it 55 s and 5 GB at once.
A large site is therefore indexed in parts of `BRIEFING_SEARCH_BATCH` pages,
several at a time on as many cores, each part a bundle of its own under
`pagefind/parts/<n>/`; `pagefind/briefing-parts.json` lists them, and the
search page merges them into one set of results (Pagefind's `mergeIndex`).

On such a site, the pages written beside the articles by a process of
their own (the actor pages; speed/background.py) are indexed as soon as that
process is done, while Pelican is still writing the articles; the parts of
the briefings start as soon as Pelican has written them. Any other page is
indexed once the site is complete. The build command waits for the last
parts after Pelican has returned and it has let go of the site
(`wait_later`, staging.py); under Pelican's own command, `finalized` waits.

Each part's bundle is also kept in the cache (`BRIEFING_CACHE`), under a sum
of its pages' paths and bytes: a part whose pages are all as they were is
copied from there rather than indexed again. Where a part ends depends on
its pages' paths only (see `split`), so a page added or removed changes
the part it falls in, not every part after it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from itertools import chain
from pathlib import Path

from ..content.errors import ContentError, Problem
from ..speed import background
from ..speed.cache import cache_folder, fingerprint, versions
from ..speed.reading import worker_count
from ..speed.state import build_of

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
# Pagefind's command line, from its Python package.
PAGEFIND = [sys.executable, "-m", "pagefind"]
PARTS_MANIFEST = "briefing-parts.json"
# How much less of the processor Pagefind asks for than the build: parts
# start while Pelican still writes pages, and should take only what it
# leaves.
PAGEFIND_NICENESS = 10
# Pagefind indexes only pages with this attribute once any page has it.
_BODY = re.compile(rb"<[a-z][^>]*\sdata-pagefind-body[\s=/>]")


class Indexing:
    """The Pagefind runs of one build, one thread each (the work is done by
    the Pagefind processes), at most one per core at a time."""

    def __init__(self, output: Path, settings: dict):
        self.output = output
        self.settings = settings
        self.batch = settings.get("BRIEFING_SEARCH_BATCH")
        workers = worker_count(settings)
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="pagefind")
        self.parts: list = []  # futures, in part order
        self.indexed: set[str] = set()
        self.running: set[subprocess.Popen] = set()
        # The bundles kept from earlier builds, by the sum of their pages.
        kept = cache_folder(settings)
        self.kept = kept / "search" if kept else None
        self.used: set[str] = set()
        self.copied: set[str] = set()  # parts whose kept bundle was used
        self.pagefind_ran = False  # whether a part was not kept
        self.lock = threading.Lock()  # parts are started from two threads
        self.program = fingerprint(
            PAGEFIND, versions("pagefind", "pagefind_bin"), _pagefind_config()
        )

    def start(self, pages: list[str]) -> None:
        """Index `pages` in parts of at most `batch`, from now on."""
        with self.lock:
            for part in split(pages, self.batch):
                self.parts.append(
                    self.pool.submit(_index_part, self, len(self.parts), part)
                )
            self.indexed.update(pages)

    def finish(self) -> int:
        """Wait for every part; the number of parts. The kept bundles no
        part used are then dropped."""
        try:
            for part in self.parts:
                part.result()
        finally:
            self.stop()
        if self.kept is not None and self.kept.is_dir():
            _prune(self.kept, self.used)
        return len(self.parts)

    def stop(self) -> None:
        """Drop the parts not started and end the running ones."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in list(self.running):
            process.kill()
        self.pool.shutdown(wait=True)


def _indexing(output: Path, settings: dict) -> Indexing:
    """The build's indexing under way into `output`, started now if there is
    none (from the build's thread or the one waiting for pages written ahead)."""
    build = build_of(settings)
    with build.lock:
        if build.indexing is None:
            build.indexing = Indexing(output, settings)
        return build.indexing


def _take_indexing(settings: dict) -> Indexing | None:
    """The build's indexing, which the build no longer holds."""
    build = build_of(settings)
    with build.lock:
        indexing, build.indexing = build.indexing, None
        build.index_later = False
    return indexing


def _in_parts(settings: dict, articles: int) -> bool:
    """Whether a site of this many articles is indexed part by part as its
    pages are written (the rest, or a smaller site, once it is complete)."""
    batch = settings.get("BRIEFING_SEARCH_BATCH")
    return bool(
        settings.get("BRIEFING_SEARCH")
        and settings.get("BRIEFING_SPEED", True)
        and batch
        and articles >= batch
    )


def index_written_ahead(generator, pages: list[str]) -> None:
    """background.start's on_written, in a thread of the build: index the
    pages the forked process wrote (the actor pages) now that they are whole,
    while Pelican writes the articles. Each lists all its actor's events:
    indexed last, they kept one core busy alone at the end of the build."""
    settings = generator.settings
    if not _in_parts(settings, len(generator.context.get("articles", ()))):
        return
    output = Path(generator.output_path)
    marked = sorted(page for page in pages if _is_marked(output / page))
    if marked:
        _indexing(output, settings).start(marked)


def index_articles(generator, writer=None) -> None:
    """article_writer_finalized: on a site large enough to be indexed in
    parts, start indexing the briefings now that they are written, while
    the build goes on with the other pages."""
    settings = generator.settings
    if not _in_parts(settings, len(generator.articles)):
        return
    output = Path(generator.output_path)
    # The articles' own files only: other pages may be in the works.
    written = sorted(
        {
            article.save_as
            for article in chain(generator.articles, generator.translations)
            if article.save_as and _is_marked(output / article.save_as)
        }
    )
    if written:
        _indexing(output, settings).start(written)


def stop_indexing(settings: dict) -> None:
    """End the build's indexing under way, if any (the build failed)."""
    indexing = _take_indexing(settings)
    if indexing is not None:
        indexing.stop()


def index_site(pelican) -> None:
    """finalized: index what is not indexed yet, in parts if large, and
    wait, unless the build command waits itself once Pelican has returned
    (`wait_later`)."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    if not settings.get("BRIEFING_SEARCH"):
        stop_indexing(settings)
        return
    indexing = _indexing(output, settings)
    if indexing.indexed:
        # Pages were marked, so only marked ones are indexed; the briefings
        # already are, and are not read again.
        rest = _marked_pages(output, besides=indexing.indexed)
    else:
        rest = pages_to_index(output)
    if rest:
        indexing.start(rest)
    if not build_of(settings).index_later:
        finish_index(settings)


def wait_later(settings: dict) -> None:
    """Have `index_site` start the last parts of the index into `output`
    and return: the build command calls `finish_index` once it has let go
    of the site Pelican kept in memory, which would otherwise sit idle
    beside the Pagefind processes to the end."""
    build_of(settings).index_later = True


def pagefind_at_work(settings: dict) -> bool:
    """Whether Pagefind is making parts of the index into `output`, or has
    made some in this build and others are still to come; not when every
    part so far was kept from the last build (then the parts are ready in
    a moment, and letting go of the site would only cost time)."""
    indexing = build_of(settings).indexing
    if indexing is None or not indexing.pagefind_ran:
        return False
    return not all(part.done() for part in indexing.parts)


def finish_index(settings: dict) -> None:
    """Wait for every part of the build's index and list them."""
    indexing = _take_indexing(settings)
    if indexing is None:
        return
    parts = indexing.finish()
    _write_manifest(indexing.output, parts)
    logger.info(
        "pagefind: indexed the site in %d part(s), %d of them unchanged since "
        "the last build",
        parts,
        len(indexing.copied),
    )


def _write_manifest(output: Path, parts: int) -> None:
    part_urls = [f"parts/{number}/" for number in range(2, parts + 1)]
    manifest = output / BUNDLE / PARTS_MANIFEST
    manifest.write_text(json.dumps({"parts": part_urls}) + "\n", encoding="utf-8")


def _html_pages(output: Path) -> list[str]:
    return sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if not path.relative_to(output).as_posix().startswith(BUNDLE + "/")
    )


def _is_marked(path: Path) -> bool:
    try:
        return bool(_BODY.search(path.read_bytes()))
    except FileNotFoundError:  # not written (e.g. a SAVE_AS set to '')
        return False


def pages_to_index(output: Path) -> list[str]:
    """The HTML pages Pagefind would index, relative to `output`, sorted:
    those marked `data-pagefind-body`, or every page if none is."""
    return _marked_pages(output) or _html_pages(output)


def _marked_pages(output: Path, besides: set[str] = frozenset()) -> list[str]:
    """The pages marked `data-pagefind-body`, but those in `besides`."""
    return [
        page
        for page in _html_pages(output)
        if page not in besides and _is_marked(output / page)
    ]


def split(pages: list[str], size: int | None) -> list[list[str]]:
    """`pages` in consecutive parts of at most `size` (all in one if falsy).

    A part ends after at least half of `size` pages, at the first page
    whose path's checksum is a multiple of a quarter of `size`, or at
    `size` pages: so most of the ends stay where they were when a page is
    added or removed elsewhere, and so do the parts' bundles."""
    if not size or len(pages) <= size:
        return [pages]
    least = max(1, size // 2)
    spacing = max(1, size // 4)
    parts, part = [], []
    for page in pages:
        part.append(page)
        if len(part) >= size or (
            len(part) >= least and zlib.crc32(page.encode()) % spacing == 0
        ):
            parts.append(part)
            part = []
    if part:
        parts.append(part)
    return parts


def _index_part(indexing: Indexing, index: int, pages: list[str]) -> None:
    """Index `pages` as a bundle of its own: the first part in the usual
    place, which the search page loads, the others under parts/<n>/; or
    copy the bundle kept for the very same pages."""
    output = indexing.output
    bundle = output / BUNDLE
    if index:
        bundle = bundle / "parts" / str(index + 1)
    if indexing.kept is None:
        _index_pages(indexing, pages, bundle)
        return
    name = _sum_of_pages(indexing.program, output, pages)
    indexing.used.add(name)
    kept = indexing.kept / name
    if kept.is_dir():
        indexing.copied.add(name)
    else:
        indexing.kept.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=name + ".", dir=indexing.kept))
        try:
            _index_pages(indexing, pages, scratch)
            os.rename(scratch, kept)
        except OSError:  # kept meanwhile by another build of the site
            if not kept.is_dir():
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    # Linked, not copied: a part's 1,100 files took a third of a second to
    # copy, while the next part waited for this thread.
    shutil.copytree(kept, bundle, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(source, target) -> None:
    """A hard link to `source` at `target`, or a copy where links cannot be
    made (another file system). Neither the output nor the cache changes a
    file in place: a build writes new ones."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _index_pages(indexing: Indexing, pages: list[str], bundle: Path) -> None:
    """Run Pagefind on `pages` of the output folder, writing into `bundle`."""
    output = indexing.output
    # Pagefind takes a folder: the part's pages are linked into a scratch
    # one, at the same relative paths, so that their URLs stay the same.
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as site:
        for page in pages:
            target = Path(site, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(output / page, target)
        arguments = ["--site", site, "--output-path", str(bundle)]
        indexing.pagefind_ran = True
        # The forked process writing our pages beside the build holds a
        # copy of much of its memory, and may outlive the articles: a
        # Pagefind part beside it, a few hundred megabytes more, made the
        # peak of the whole build (1.7 GB at 10,000 briefings), for a core
        # it would share. Parts wait for it to end.
        background.wait(indexing.settings)
        _pagefind(arguments, output, indexing.running)


def _pagefind_config() -> dict[str, str]:
    """What else Pagefind reads: its configuration files in the working
    folder and its PAGEFIND_* environment variables."""
    environment = os.environ.items()
    found = {name: value for name, value in environment if name.startswith("PAGEFIND_")}
    for name in ("pagefind.json", "pagefind.yml", "pagefind.yaml", "pagefind.toml"):
        try:
            found[name] = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return found


def _sum_of_pages(program: str, output: Path, pages: list[str]) -> str:
    """A name for a part's bundle: the sum of Pagefind's version and of its
    pages' paths and bytes."""
    total = hashlib.blake2b(program.encode(), digest_size=20)
    for page in pages:
        total.update(page.encode("utf-8", "surrogateescape") + b"\0")
        total.update(hashlib.blake2b((output / page).read_bytes()).digest())
    return total.hexdigest()


# A scratch bundle this old was left by a build that was killed.
_ABANDONED = 24 * 3600


def _prune(kept: Path, used: set[str]) -> None:
    """Drop the bundles this build did not use."""
    for entry in kept.iterdir():
        if entry.name in used:
            continue
        if "." in entry.name:  # a part being indexed, maybe by another build
            try:
                if time.time() - entry.stat().st_mtime < _ABANDONED:
                    continue
            except OSError:
                continue
        shutil.rmtree(entry, ignore_errors=True)


def _lower_priority(pid: int) -> None:
    """Give a process just started PAGEFIND_NICENESS more than the build.
    Pagefind's Python launcher replaces itself with the Pagefind program
    (exec), which keeps this niceness, as do the threads it starts."""
    with contextlib.suppress(OSError, AttributeError):  # not on POSIX
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, pid, min(19, mine + PAGEFIND_NICENESS))


def _pagefind(arguments: list[str], output: Path, running: set | None = None):
    """Run Pagefind; `running` holds its process while it runs."""
    command = [*PAGEFIND, "--silent", *arguments]
    running = set() if running is None else running
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        _lower_priority(process.pid)
        running.add(process)
        try:
            stdout, stderr = process.communicate()
        finally:
            running.discard(process)
        if process.returncode:
            raise subprocess.CalledProcessError(
                process.returncode, command, stdout, stderr
            )
    except (OSError, subprocess.CalledProcessError) as error:
        details = getattr(error, "stderr", None) or getattr(error, "stdout", None)
        raise ContentError(
            [
                Problem(
                    output,
                    None,
                    f"Pagefind could not index the site: {details or error}",
                    "set BRIEFING_SEARCH = False to build without search",
                )
            ]
        ) from None
