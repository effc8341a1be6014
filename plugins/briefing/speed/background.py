"""Writing a generator's pages in a second process while Pelican writes others.

Once every generator has read its content, the actor pages, the timeline,
the feeds and the data files need nothing from Pelican's article pages, nor
they from them. On a large site with a second core, `start` forks a process
that writes a generator's output with a writer of its own while the build
goes on with the articles; `finish` waits for it and reports what went wrong
there as if it had happened in the build itself: an exception of the kinds
`start` was told to pass on (content mistakes) is raised here as it was
there, errors logged there are counted here, and anything else is a
RuntimeError with the traceback from there.

The forked process sends Pelican's `content_written` and `feed_written`
signals for its own files, in its own memory: a plugin that only reacts to
them (e.g. minifies the file) works as before, one that collects them for
later would not see these files, and `start` is not used when a plugin
brings a writer of its own (`get_writer`).

A thread of the build process waits for the forked one and, as soon as it
has written its pages whole, hands their paths to `on_written` (the search
index starts on them while Pelican is still writing the articles).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from pelican import signals
from pelican.writers import Writer

from .state import build_of

logger = logging.getLogger(__name__)


@dataclass
class _Job:
    """A forked process, and the thread of ours that waits for its outcome."""

    process: multiprocessing.Process
    connection: object
    watcher: threading.Thread | None = None
    # ("done", errors logged, pages written), ("raised", the exception) or
    # ("failed", traceback), once the process has ended.
    outcome: tuple | None = None


def can_fork() -> bool:
    """Whether `start` may fork here: on a platform with `fork`, with no
    plugin writer that the forked process would not use."""
    return "fork" in multiprocessing.get_all_start_methods() and not bool(
        signals.get_writer.receivers
    )


def start(
    generator,
    on_written: Callable | None = None,
    passed_on: tuple[type[Exception], ...] = (),
) -> None:
    """Fork a process that runs `generator.generate_output` now; once it has
    written its pages, `on_written(generator, pages)` is called in a thread
    of this process with their paths, relative to the output folder."""
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_write,
        args=(generator, sending, passed_on),
        name="briefing-pages",
        daemon=True,
    )
    # Out of the collector's sight, the objects both processes share are not
    # walked, and so not copied, by the forked one.
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    sending.close()
    job = _Job(process, receiving)
    job.watcher = threading.Thread(
        target=_wait, args=(job, generator, on_written), name="briefing-pages-wait"
    )
    job.watcher.start()
    build_of(generator.settings).pages_job = job


def _wait(job: _Job, generator, on_written: Callable | None) -> None:
    """In a thread: take the forked process's outcome as soon as it ends."""
    try:
        job.outcome = job.connection.recv()
    except (EOFError, OSError):
        pass  # it ended without a word (killed, or it crashed)
    finally:
        job.connection.close()
        job.process.join()
    if job.outcome is None:
        job.outcome = ("failed", f"it stopped with exit code {job.process.exitcode}")
    elif job.outcome[0] == "done" and on_written is not None:
        try:
            on_written(generator, job.outcome[2])
        except BaseException:  # raised by `finish`, in the build's thread
            job.outcome = ("failed", traceback.format_exc())


def finish(generator) -> bool:
    """Wait for the job started for `generator`, if any (True then)."""
    build = build_of(generator.settings)
    job = build.pages_job
    if job is None:
        return False
    job.watcher.join()
    build.pages_job = None  # held until it ended: see `wait`
    outcome, detail = job.outcome[:2]
    if outcome == "raised":
        raise detail
    if outcome == "failed":
        raise RuntimeError(f"writing {type(generator).__name__}'s pages: {detail}")
    if detail:
        logger.error("%d error(s) logged while writing the pages above", detail)
    return True


def wait(settings: dict) -> None:
    """Wait until the build's forked process, if any, has ended."""
    job = build_of(settings).pages_job
    if job is not None:
        job.watcher.join()


def stop(settings: dict) -> None:
    """End the build's job, if any (the build failed)."""
    build = build_of(settings)
    job, build.pages_job = build.pages_job, None
    if job is not None:
        job.process.kill()
        job.watcher.join()


class ErrorCounter(logging.Handler):
    """Counts the errors logged while it is attached (e.g. by Pelican, for an
    unreadable article), so that a build which logged any can fail."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _write(generator, connection, passed_on: tuple) -> None:
    """In the forked process: write, then say how it went."""
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    written = []

    def note(path, context=None):
        written.append(os.path.relpath(path, generator.output_path))

    signals.content_written.connect(note)
    try:
        generator.generate_output(Writer(generator.output_path, generator.settings))
        result = ("done", counter.count, written)
    except passed_on as error:  # raised again in the parent
        result = ("raised", error)
    except BaseException:  # reported by the parent, with its traceback
        result = ("failed", traceback.format_exc())
    connection.send(result)
    connection.close()
