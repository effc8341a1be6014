"""Building the site so that a failure never touches the last good output.

Pelican runs into a fresh folder beside the output folder, which is swapped
in only when the whole build succeeded: a failed or interrupted build leaves
the last good site exactly as it was. Content mistakes are printed as
`path:line: what is wrong (hint)`, never as a traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import Pelican, signals
from pelican.writers import FileOverwriteFailedError

from ..content.errors import ContentError, Problem, content_line, display_path
from ..speed import background
from ..speed.background import ErrorCounter
from ..speed.internals import forget_rendered_html
from ..speed.reading import stop_converting
from ..speed.state import new_build
from . import search

# Python's collector looks for reference cycles among new objects every 700
# allocations, and among all of them at every hundredth look: a large build,
# which keeps millions of objects alive to the end, spent a tenth of its time
# walking them (10,000 briefings: 164 s with Python's thresholds, 144 s with
# these, for the same peak memory).
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def build_site(
    settings: dict, output_path: Path, keep_generators: bool = False
) -> tuple[int, list]:
    """Build into a fresh folder beside `output_path` and swap it in.

    Returns the exit status and, with `keep_generators`, Pelican's
    generators, pointed at `output_path`, for a preview that goes on
    updating the site.
    """
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(
            prefix=f".{output_path.name}.building-", dir=output_path.parent
        )
    )
    # Pelican's own -o does the same: the output path is read by no other
    # setting, so it can be swapped after the settings are read.
    settings["OUTPUT_PATH"] = str(staging)
    counter = ErrorCounter()
    logging.getLogger().addHandler(counter)
    generators = []

    def keep(found):
        generators[:] = found

    signals.all_generators_finalized.connect(keep)
    thresholds = gc.get_threshold()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    new_build(settings)
    search.wait_later(settings)
    try:
        Pelican(settings).run()
        if not counter.count:
            if search.pagefind_at_work(settings) and not keep_generators:
                generators.clear()
                let_go_of_the_site()
            search.finish_index(settings)
        if counter.count:
            print(
                f"the build logged {counter.count} error(s) (above); "
                f"{display_path(output_path)}/ was left as it was",
                file=sys.stderr,
            )
            return 1, []
        publish(staging, output_path)
        settings["OUTPUT_PATH"] = str(output_path)
        if not keep_generators:
            return 0, []
        for generator in generators:
            generator.output_path = str(output_path)
        return 0, generators
    except ContentError as error:
        return fail(error, output_path), []
    except FileOverwriteFailedError as error:
        problems = written_twice(str(error), staging, generators, settings)
        return fail(ContentError(problems), output_path), []
    except KeyboardInterrupt:
        print(
            f"interrupted; {display_path(output_path)}/ was left as it was",
            file=sys.stderr,
        )
        return 130, []
    finally:
        gc.set_threshold(*thresholds)
        signals.all_generators_finalized.disconnect(keep)
        logging.getLogger().removeHandler(counter)
        # A failed build may have left articles, pages or search parts in
        # the works.
        stop_converting(settings)
        background.stop(settings)
        search.stop_indexing(settings)
        shutil.rmtree(staging, ignore_errors=True)


def let_go_of_the_site() -> None:
    """Hand the memory of the site Pelican built back to the system, while
    the last parts of the search index are made. Pelican's generators are
    gone once `run` has returned, but `Content` memoizes the HTML of every
    article (`get_content`, `get_summary`) for as long as the process runs;
    the articles and their context refer to each other, so only the cycle
    collector frees them; and glibc keeps the freed memory until asked to
    trim it. 10,000 briefings: from 540 to about 250 MB, which two Pagefind
    processes then use instead, for 2-4 s of collecting, while they work."""
    forget_rendered_html()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def written_twice(message: str, staging: Path, generators, settings) -> list:
    """The problems behind Pelican's refusal to write a file twice: the
    articles and pages that share its URL, each with the line to change."""
    hint = "give one of them a Slug or Save_as of its own"
    quoted = re.search(r'"(.+?)"', message)
    if not quoted:  # Pelican's words changed: they will do
        return [Problem(settings["PATH"], None, f"{message}: written twice", hint)]
    relative = os.path.relpath(quoted.group(1), staging)
    # Every article and page read, by source path (the generators share it).
    read = generators[0].context["generated_content"] if generators else {}
    sources = sorted(
        {
            os.path.join(settings["PATH"], source)
            for source, content in read.items()
            if getattr(content, "save_as", None) == relative
        }
    )
    if len(sources) < 2:  # another kind of page
        where = sources[0] if sources else settings["PATH"]
        return [Problem(where, None, f"{relative}: written twice", hint)]
    return [
        Problem(
            source,
            content_line(Path(source)),
            f"{relative} is also the page of "
            + ", ".join(display_path(other) for other in sources if other != source),
            hint,
        )
        for source in sources
    ]


def publish(staging: Path, output_path: Path) -> None:
    """Replace the output folder by the new build in two renames.

    Readers of output/ see either the old site or the new one; the old one
    is deleted only once the new one is in place.
    """
    if output_path.exists():
        retired = Path(
            tempfile.mkdtemp(prefix=f".{output_path.name}.old-", dir=output_path.parent)
        )
        os.replace(output_path, retired / output_path.name)
        os.replace(staging, output_path)
        delete_in_background(retired)
    else:
        os.replace(staging, output_path)


# The processes deleting retired sites, until they are seen to have ended.
_deleting: list[subprocess.Popen] = []


def delete_in_background(folder: Path) -> None:
    """Delete `folder` in a process of its own, which outlives the build:
    a retired site of 10,000 briefings is 700 MB in 23,000 files, and
    deleting it took the build 8 s after the new site was in place. A
    deletion cut short leaves a `.output.old-*` folder for `make clean`."""
    _deleting[:] = [process for process in _deleting if process.poll() is None]
    try:
        _deleting.append(
            subprocess.Popen(
                [sys.executable, "-c", _DELETE, str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # not stopped by the build's Ctrl-C
            )
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def fail(error: ContentError, output_path: Path | None = None) -> int:
    for problem in error.problems:
        print(f"{problem}", file=sys.stderr)
    count = len(error.problems)
    summary = f"{count} error{'s' if count != 1 else ''} in the content"
    if output_path is not None:
        summary += f"; {display_path(output_path)}/ was left as it was"
    print(summary, file=sys.stderr)
    return 1
