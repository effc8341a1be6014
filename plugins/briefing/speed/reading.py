"""A faster Markdown path for Pelican's articles, with the same output.

Pelican's Markdown reader builds a new `Markdown` instance for every file
(about a millisecond of setting up extensions, a tenth of the time spent
reading an article) and converts the files one after the other on one core.
`BriefingMarkdownReader` keeps one instance per process and resets it
between files, as Python-Markdown's documentation describes, and its
inline passes skip the patterns a run of text cannot match (inline.py).
When a site has many articles, `convert_in_parallel` hands their Markdown
to worker processes on every core (`BRIEFING_WORKERS`), in the order
Pelican reads the files, and the reader takes each article's HTML as it
comes back.
The Markdown settings, the extensions and the metadata processing stay
Pelican's own.

The HTML of each article is also kept for the next build (`cache.py`,
`BRIEFING_CACHE`): an article whose text, Markdown settings and library
versions are unchanged is not converted again.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterator
from multiprocessing.pool import Pool

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, MarkdownReader
from pelican.utils import pelican_open

from .cache import FileCache, cache_path, digest, fingerprint, versions
from .inline import quicken
from .state import build_of

logger = logging.getLogger(__name__)

# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
# Files per task handed to a worker: few enough round trips, even shares.
CHUNK = 64
# How much less of the processor a worker asks for than the build process.
WORKER_NICENESS = 10


def use_fast_markdown(readers) -> None:
    """readers_init: read Markdown with `BriefingMarkdownReader`, unless the
    site set a reader of its own for .md (through READERS)."""
    if not readers.settings.get("BRIEFING_SPEED", True):
        return
    for extension in MarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = BriefingMarkdownReader


class BriefingMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with one reusable Markdown instance, which
    takes HTML converted ahead by `convert_in_parallel` when there is some."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._converter: Markdown | None = None

    def read(self, source_path):
        self._source_path = source_path
        converted = _take_converted(conversion_of(self.settings), source_path)
        if converted is None:
            converted = self._convert_or_keep(source_path)
        content, meta = converted
        return content, self._parse_metadata(meta)

    def _convert_or_keep(self, source_path) -> tuple[str, dict]:
        """Convert one file here, unless the cache holds its HTML."""
        _, text = _read(source_path)
        cache = conversion_of(self.settings).cache
        if cache is not None:
            path, text_digest = os.path.abspath(source_path), digest(text)
            kept = cache.get(path, text_digest)
            if kept is not None:
                return kept
        self._converter = self._converter or new_markdown(self.settings["MARKDOWN"])
        converted = _convert(self._converter, text)
        if cache is not None:
            cache.put(path, text_digest, converted)
        return converted

    def _parse_metadata(self, meta):
        """Pelican's metadata parsing (readers.py, MarkdownReader), with a
        Markdown instance made only when a field needs formatting."""
        formatted_fields = self.settings["FORMATTED_FIELDS"]
        output = {}
        for key, value in meta.items():
            name = key.lower()
            if name in formatted_fields:
                output[name] = self.process_metadata(
                    name, self._format("\n".join(value))
                )
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True):
                if len(value) > 1:
                    logger.warning(
                        "Duplicate definition of `%s` for %s. Using first one.",
                        name,
                        self._source_path,
                    )
                output[name] = self.process_metadata(name, value[0])
            elif len(value) > 1:
                output[name] = self.process_metadata(name, value)
            else:
                output[name] = self.process_metadata(name, value[0])
        return output

    def _format(self, text: str) -> str:
        """A formatted field (e.g. Summary) as HTML, without reading
        metadata out of it."""
        if getattr(self, "_formatter", None) is None:
            self._formatter = new_markdown(self.settings["MARKDOWN"])
            self._formatter.preprocessors.deregister("meta", strict=False)
        self._formatter.reset()
        return self._formatter.convert(text)


def new_markdown(markdown_settings: dict) -> Markdown:
    """A Markdown instance for the site's MARKDOWN settings, with its
    inline passes made quicker (inline.py)."""
    return quicken(Markdown(**markdown_settings))


def _convert(converter: Markdown, text: str) -> tuple[str, dict]:
    """(HTML, raw metadata) of one Markdown file's text."""
    converter.reset()
    content = converter.convert(text)
    return content, dict(getattr(converter, "Meta", {}))


def _open_cache(settings: dict) -> FileCache | None:
    """The cache of converted articles, if BRIEFING_CACHE is on. It is only
    used for HTML made by the same MARKDOWN settings with the same versions
    of Python-Markdown, Pelican and the named extensions (and of Python and
    the plugin, as every cache)."""
    path = cache_path(settings, "markdown")
    if path is None:
        return None
    markdown = settings["MARKDOWN"]
    named = [
        name
        for name in [
            *markdown.get("extensions", []),
            *markdown.get("extension_configs", {}),
        ]
        if isinstance(name, str)
    ]
    sum_up = fingerprint(markdown, versions("markdown", "pelican", *named))
    return FileCache(path, sum_up)


def _take_kept(conversion: Conversion, paths: list[str]) -> list[str]:
    """Put the articles the cache holds with their current text where the
    reader will find them; the others, which are still to be converted."""
    left = []
    for path in paths:
        try:
            stamp, text = _read(path)
        except (OSError, UnicodeDecodeError):
            left.append(path)  # the reader reports it
            continue
        kept = conversion.cache.get(path, digest(text))
        if kept is None:
            left.append(path)
        else:
            conversion.converted[path] = (stamp, *kept)
    return left


def _read(path: str) -> tuple[tuple[int, int], str]:
    """A file's stamp, then its text as Pelican's readers see it."""
    stamp = file_stamp(path)
    with pelican_open(path) as text:
        return stamp, text


def file_stamp(path) -> tuple[int, int]:
    """(modification time, size): a file read ahead is taken if unchanged."""
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


def _take_converted(conversion: Conversion, path: str) -> tuple[str, dict] | None:
    """The HTML converted ahead for `path` (waiting for it if a worker has
    it in hand), if the file has not changed since."""
    path = os.path.abspath(path)
    conversion.collect(path)
    ahead = conversion.converted.pop(path, None)
    if ahead is None:
        return None
    stamp, content, meta = ahead
    try:
        return (content, meta) if file_stamp(path) == stamp else None
    except OSError:
        return None


def worker_count(settings: dict) -> int:
    """BRIEFING_WORKERS, or the cores this process may use."""
    wanted = settings.get("BRIEFING_WORKERS")
    if wanted:
        return max(1, int(wanted))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def convert_in_parallel(generator, alongside=None, received=None) -> None:
    """article_generator_init: hand the articles' Markdown to worker
    processes, one per core; the reader takes the HTML as Pelican reads
    the files.

    A worker also calls `alongside(path)` for each article, and what that
    returns (None if it raised) comes back to this process, as
    `received(path, value)`, with the article's HTML. Small sites, one
    core, or a platform without `fork` read as Pelican does, one file
    after another (and `alongside` is not called)."""
    build = build_of(generator.settings)
    if build.conversion is not None:
        build.conversion.stop()
    conversion = build.conversion = Conversion()
    if not isinstance(generator.readers.readers.get("md"), BriefingMarkdownReader):
        return
    conversion.cache = _open_cache(generator.settings)
    paths = files_to_convert(generator)
    if conversion.cache is not None:
        paths = _take_kept(conversion, paths)
    workers = worker_count(generator.settings)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return
    if len(paths) < PARALLEL_MIN_FILES:
        return
    chunks = [paths[start : start + CHUNK] for start in range(0, len(paths), CHUNK)]
    context = multiprocessing.get_context("fork")
    try:
        pool = context.Pool(
            workers,
            initializer=_start_worker,
            initargs=(generator.settings["MARKDOWN"], alongside),
        )
    except OSError as error:
        _cannot_convert(workers, error)
        return
    results = pool.imap_unordered(_convert_chunk, chunks)
    conversion.start(pool, results, workers=workers, paths=paths, received=received)


def _cannot_convert(workers: int, error: Exception) -> None:
    logger.warning(
        "could not convert articles on %d cores (%s); reading them one by one",
        workers,
        error,
    )


class Conversion:
    """A build's articles converted ahead: those the cache held, and those
    with the workers, each of which comes back to `converted` when the
    reader asks for it (or one converted after it), and the rest when
    Pelican has read every file (`finish`).

    The reader thus starts on the first articles while the workers convert
    the last ones, rather than waiting for the last conversion and then
    reading every article with the other cores idle."""

    def __init__(self) -> None:
        # Converted articles waiting to be read: {path: (stamp, html, meta)}.
        self.converted: dict[str, tuple[tuple[int, int], str, dict]] = {}
        # The articles' HTML kept between builds (BRIEFING_CACHE).
        self.cache: FileCache | None = None
        self.pool: Pool | None = None
        self.workers = 0
        self.results: Iterator[tuple[list[str], list]] = iter(())
        self.waiting: set[str] = set()
        self.received = None

    def start(self, pool: Pool, results, *, workers, paths, received):
        self.pool, self.workers, self.results = pool, workers, results
        self.waiting, self.received = set(paths), received

    def collect(self, path: str | None = None) -> None:
        """Take what the workers send back until `path` is among it (or
        everything, for None)."""
        while self.waiting and (path is None or path in self.waiting):
            try:
                chunk, results, alongside = next(self.results)
            except StopIteration:
                self.waiting.clear()
            except (OSError, multiprocessing.ProcessError) as error:
                _cannot_convert(self.workers, error)
                self.stop()
            else:
                self.waiting.difference_update(chunk)
                for converted_path, stamp, text_digest, content, meta in results:
                    self.converted[converted_path] = (stamp, content, meta)
                    if self.cache is not None:
                        self.cache.put(converted_path, text_digest, (content, meta))
                if self.received is not None:
                    for path_done, value in zip(chunk, alongside, strict=True):
                        self.received(path_done, value)

    def finish(self) -> None:
        """Keep what no reader asked for in the cache too, and let the
        workers go; then save the cache and drop what no reader took."""
        self.collect()
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
        if self.cache is not None:
            self.cache.save()
        self.__init__()

    def stop(self) -> None:
        """End the workers now (a failed build), keeping nothing."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        self.__init__()


def conversion_of(settings: dict) -> Conversion:
    """The build's conversion (an empty one before `convert_in_parallel`)."""
    build = build_of(settings)
    if build.conversion is None:
        build.conversion = Conversion()
    return build.conversion


def stop_converting(settings: dict) -> None:
    """Stop the workers of a build that ended before reading every article."""
    conversion = build_of(settings).conversion
    if conversion is not None:
        conversion.stop()


def files_to_convert(generator) -> list[str]:
    """The Markdown articles Pelican will read: all of them, less those its
    content cache (CACHE_CONTENT, LOAD_CONTENT_CACHE) holds unchanged."""
    extensions = tuple("." + ext for ext in MarkdownReader.file_extensions)
    paths = []
    for relative in generator.get_files(
        generator.settings["ARTICLE_PATHS"],
        exclude=generator.settings["ARTICLE_EXCLUDES"],
    ):
        if not relative.endswith(extensions):
            continue
        path = os.path.abspath(os.path.join(generator.path, relative))
        if generator.get_cached_data(relative, None) is not None:
            continue  # the generator layer: the article itself
        if generator.readers.get_cached_data(path, (None, None))[0] is not None:
            continue  # the reader layer: the article's HTML
        paths.append(path)
    # Not sorted: Pelican reads the files in the order of the set get_files
    # returns, which is built the same way, and so iterates the same way.
    return paths


# A worker process's own Markdown instance, made once when it starts, and
# what it does alongside each conversion.
_worker: dict = {}


def _start_worker(markdown_settings: dict, alongside=None) -> None:
    _worker["converter"] = new_markdown(markdown_settings)
    _worker["alongside"] = alongside
    # The build process reads the articles as they come back, and the
    # build waits for it: with a core to itself rather than a third of the
    # machine, it kept up (when it checked the notes meanwhile, it was done
    # with those of 10,000 briefings 34 s into the build instead of 44 s).
    os.nice(WORKER_NICENESS)


def _convert_chunk(paths: list[str]) -> tuple[list[str], list, list]:
    """In a worker: convert what it can; a file that fails is left for
    Pelican's reader to read again and report as it always does. Then what
    `alongside` gives for each file, None where it failed."""
    results, alongside = [], []
    for path in paths:
        try:
            stamp, text = _read(path)
            content, meta = _convert(_worker["converter"], text)
        except Exception:  # reported when Pelican reads the file again
            pass
        else:
            results.append((path, stamp, digest(text), content, meta))
        alongside.append(_alongside(path))
    return paths, results, alongside


def _alongside(path: str):
    if _worker.get("alongside") is None:
        return None
    try:
        return _worker["alongside"](path)
    except Exception:  # done again, and reported, in the build process
        return None


def finish_reading(generator) -> None:
    """Once every article is read: drop what no reader picked up, and keep
    the articles' HTML for the next build."""
    conversion = build_of(generator.settings).conversion
    if conversion is not None:
        conversion.finish()
