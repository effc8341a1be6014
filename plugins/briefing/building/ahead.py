"""Writing the plugin's pages ahead, in a second process, on a large site.

Once every generator has read its content, the actor pages, the timeline,
the feeds and the data need nothing from Pelican's article pages. With
BRIEFING_WRITE_AHEAD on, 200 or more articles and two cores,
`write_ahead` hands `BriefingPagesGenerator.generate_output` to a forked
process (speed/background.py) while Pelican writes the articles, and the
search index starts on those pages as soon as they are written. Before
anything is handed over, every output path is checked (`check_outputs`),
so a clash is reported the same way at any size.
"""

from __future__ import annotations

from ..content.errors import ContentError
from ..site.pages import BriefingPagesGenerator, check_outputs
from ..speed import background
from ..speed.reading import PARALLEL_MIN_FILES, worker_count
from ..speed.state import build_of
from . import search


def write_ahead(generators) -> None:
    """all_generators_finalized: check that no two files share a path, then,
    on a large site, write our pages in a second process while Pelican
    writes the articles (BRIEFING_WRITE_AHEAD)."""
    check_outputs(generators)
    for generator in generators:
        if not isinstance(generator, BriefingPagesGenerator):
            continue
        settings = generator.settings
        site = generator.context.get("briefing_site")
        if (
            settings["BRIEFING_WRITE_AHEAD"]
            and settings["BRIEFING_SPEED"]
            and site is not None
            and len(generator.context.get("articles", ())) >= PARALLEL_MIN_FILES
            and worker_count(settings) >= 2
            and background.can_fork()
        ):
            generator.keep_rendered = False  # in the forked process, that is
            drawing = build_of(settings).diagrams
            if drawing is not None:
                drawing.wait()  # the forked process gets them drawn
            background.start(
                generator,
                on_written=search.index_written_ahead,
                passed_on=(ContentError,),
            )
