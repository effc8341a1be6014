"""Writing a generator's pages in a second process while Pelican writes others.

Once every generator has read its content, the actor pages, the timeline,
the feeds and the data files need nothing from Pelican's article pages, nor
they from them. On a large site with a second core, `start` forks a process
that writes a generator's output with a writer of its own while the build
goes on with the articles; `finish` waits for it and reports what went wrong
there as if it had happened in the build itself: content mistakes as such,
errors logged there counted here, anything else as an exception.

The forked process sends Pelican's `content_written` and `feed_written`
signals for its own files, in its own memory: a plugin that only reacts to
them (e.g. minifies the file) works as before, one that collects them for
later would not see these files, and `start` is not used when a plugin
brings a writer of its own (`get_writer`).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import traceback

from pelican import signals
from pelican.writers import Writer

from .errors import ContentError, ErrorCounter

logger = logging.getLogger(__name__)

# Jobs under way, by output folder: (process, connection to it).
_underway: dict[str, tuple] = {}


def can_fork() -> bool:
    """Whether `start` may fork here: on a platform with `fork`, with no
    plugin writer that the forked process would not use."""
    return "fork" in multiprocessing.get_all_start_methods() and not bool(
        signals.get_writer.receivers
    )


def start(generator) -> None:
    """Fork a process that runs `generator.generate_output` now."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_write, args=(generator, sending), name="briefing-pages", daemon=True
    )
    # Out of the collector's sight, the objects both processes share are not
    # walked, and so not copied, by the forked one.
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    sending.close()
    _underway[str(generator.output_path)] = (process, receiving)


def finish(generator) -> bool:
    """Wait for the job started for `generator`, if any (True then)."""
    job = _underway.pop(str(generator.output_path), None)
    if job is None:
        return False
    process, connection = job
    try:
        outcome, detail = connection.recv()
    except EOFError:
        outcome, detail = "failed", f"it stopped with exit code {process.exitcode}"
    finally:
        connection.close()
        process.join()
    if outcome == "content":
        raise ContentError(detail)
    if outcome == "failed":
        raise RuntimeError(f"writing {type(generator).__name__}'s pages: {detail}")
    if detail:
        logger.error("%d error(s) logged while writing the pages above", detail)
    return True


def finished(output_path) -> bool:
    """Whether the job writing into `output_path` has ended, so that its
    pages are whole (`finish` still reads how it went)."""
    job = _underway.get(str(output_path))
    return job is not None and not job[0].is_alive()


def stop(output_path) -> None:
    """End the job writing into `output_path`, if any (the build failed)."""
    job = _underway.pop(str(output_path), None)
    if job is not None:
        process, connection = job
        process.kill()
        process.join()
        connection.close()


def _write(generator, connection) -> None:
    """In the forked process: write, then say how it went."""
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        generator.generate_output(Writer(generator.output_path, generator.settings))
        result = ("done", counter.count)
    except ContentError as error:
        result = ("content", error.problems)
    except BaseException:  # reported by the parent, with its traceback
        result = ("failed", traceback.format_exc())
    connection.send(result)
    connection.close()
