"""Site search with Pagefind: index the built site once Pelican has written it.

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
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import ContentError, Problem
from .reading import worker_count

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"
PARTS_MANIFEST = "briefing-parts.json"
# Pagefind indexes only pages with this attribute once any page has it.
_BODY = re.compile(rb"<[a-z][^>]*\sdata-pagefind-body[\s=/>]")


def index_site(pelican) -> None:
    """finalized: run Pagefind over the output folder, in parts if large."""
    settings = pelican.settings
    if not settings.get("BRIEFING_SEARCH"):
        return
    output = Path(pelican.output_path)
    parts = split(pages_to_index(output), settings["BRIEFING_SEARCH_BATCH"])
    if len(parts) <= 1:
        _pagefind(["--site", str(output)], output)
        part_urls = []
    else:
        with ThreadPoolExecutor(min(worker_count(settings), len(parts))) as pool:
            list(pool.map(lambda job: _index_part(output, *job), enumerate(parts)))
        part_urls = [f"parts/{number}/" for number in range(2, len(parts) + 1)]
    manifest = output / BUNDLE / PARTS_MANIFEST
    manifest.write_text(json.dumps({"parts": part_urls}) + "\n", encoding="utf-8")
    logger.info("pagefind: indexed the site in %d part(s)", max(1, len(parts)))


def pages_to_index(output: Path) -> list[str]:
    """The HTML pages Pagefind would index, relative to `output`, sorted:
    those marked `data-pagefind-body`, or every page if none is."""
    pages = sorted(
        path.relative_to(output).as_posix()
        for path in output.rglob("*.html")
        if not path.relative_to(output).as_posix().startswith(BUNDLE + "/")
    )
    marked = [page for page in pages if _BODY.search((output / page).read_bytes())]
    return marked or pages


def split(pages: list[str], size: int | None) -> list[list[str]]:
    """`pages` in consecutive parts of at most `size` (all in one if falsy)."""
    if not size or len(pages) <= size:
        return [pages]
    return [pages[start : start + size] for start in range(0, len(pages), size)]


def _index_part(output: Path, index: int, pages: list[str]) -> None:
    """Index `pages` as a bundle of its own: the first part in the usual
    place, which the search page loads, the others under parts/<n>/."""
    bundle = output / BUNDLE
    if index:
        bundle = bundle / "parts" / str(index + 1)
    # Pagefind takes a folder: the part's pages are linked into a scratch
    # one, at the same relative paths, so that their URLs stay the same.
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=output.parent) as site:
        for page in pages:
            target = Path(site, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(output / page, target)
            except OSError:  # another file system, or no hard links
                shutil.copyfile(output / page, target)
        _pagefind(["--site", site, "--output-path", str(bundle)], output)


def _pagefind(arguments: list[str], output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--silent", *arguments]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
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
