"""Briefing: editorial notes, actor sidebars and timelines for Pelican.

The content contract and the BRIEFING_* settings are in the manual, docs/.
"""

from __future__ import annotations

from pelican import signals

from .building.ahead import write_ahead
from .building.search import index_articles, index_site
from .content.markup import quick_inline
from .settings import apply_defaults
from .site.articles import attach_briefings, read_ahead
from .site.packs import PacksGenerator
from .site.pages import BriefingPagesGenerator
from .site.sitemap import SitemapGenerator
from .site.templates import add_template_folder
from .speed.internals import speed_on
from .speed.reading import use_fast_markdown


def _initialized(pelican) -> None:
    settings = pelican.settings
    apply_defaults(settings)
    settings["BRIEFING_SPEED"] = speed_on(settings)
    quick_inline(settings["BRIEFING_SPEED"])


def _generators(pelican) -> list:
    """get_generators: our pages, after Pelican's articles and pages, then
    the reading packs (whose PDFs are made from their pages as written),
    then the sitemap of every page."""
    return [BriefingPagesGenerator, PacksGenerator, SitemapGenerator]


def register() -> None:
    """Connect the plugin to Pelican's signals (safe to call twice): one
    receiver a signal, so nothing depends on the order they were connected."""
    signals.initialized.connect(_initialized)
    signals.readers_init.connect(use_fast_markdown)
    signals.generator_init.connect(add_template_folder)
    signals.article_generator_init.connect(read_ahead)
    signals.article_generator_finalized.connect(attach_briefings)
    signals.get_generators.connect(_generators)
    signals.all_generators_finalized.connect(write_ahead)
    signals.article_writer_finalized.connect(index_articles)
    signals.finalized.connect(index_site)
