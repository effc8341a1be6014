"""Site search with Pagefind: index the built site once Pelican has written it.

Pagefind's Python package ships its binary; it indexes only the parts of
pages marked `data-pagefind-body` (briefings and actor pages), so the site's
navigation and footer never show up in results. The bundle goes to
`output/pagefind/`, Pagefind's default.
"""

from __future__ import annotations

import logging
import subprocess
import sys

from .errors import ContentError, Problem

logger = logging.getLogger(__name__)


def index_site(pelican) -> None:
    """finalized: run Pagefind over the output folder."""
    if not pelican.settings.get("BRIEFING_SEARCH"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", pelican.output_path]
    try:
        completed = subprocess.run(command, check=True, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        details = getattr(error, "stderr", None) or getattr(error, "stdout", None)
        raise ContentError(
            [
                Problem(
                    pelican.output_path,
                    None,
                    f"Pagefind could not index the site: {details or error}",
                    "set BRIEFING_SEARCH = False to build without search",
                )
            ]
        ) from None
    logger.info("pagefind: %s", completed.stdout.strip().splitlines()[-1:])
