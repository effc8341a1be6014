"""Every touch of a library's private parts, and the versions it was tested on.

Pelican gives a plugin no public way to replace an article's HTML or
summary (both are `_content` and `_summary`), to point an article read
from its cache at this build's context (`_context`), to forget the HTML it
memoizes, or to regroup the period archives. Python-Markdown's loop over
inline patterns is a name-mangled method, which the quicker inline pass
(inline.py) replaces. pydantic checks every attribute set on a model,
where sharing one frozen set of field names between notes needs to skip
it. feedgenerator's XML writer lives in a module of its own internals.
Those touches are here and nowhere else, so an upgrade has one module to
read.

`TESTED` holds the versions (major.minor) the test suite ran on. Outside
them, `speed_on` turns the fast paths off with one warning, and the build
takes the plain path (BRIEFING_SPEED = False): Pelican's own Markdown
reader, no caches, nothing written ahead. The product's own touches of
Pelican (an article's HTML) are few and needed on either path.
"""

from __future__ import annotations

import contextlib
import logging
from functools import cache
from importlib import metadata

from feedgenerator.django.utils.xmlutils import SimplerXMLGenerator
from markdown import util
from markdown.treeprocessors import InlineProcessor
from pelican.contents import Content

logger = logging.getLogger(__name__)

# Distribution: the major.minor versions the suite ran on (requirements.txt).
TESTED = {
    "pelican": ("4.12",),
    "markdown": ("3.11",),
    "pydantic": ("2.14",),
    "feedgenerator": ("2.2",),
}


# -- the versions ------------------------------------------------------------


def untested_versions() -> list[str]:
    """'name version' of each installed library outside TESTED."""
    found = []
    for name, tested in TESTED.items():
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if ".".join(version.split(".")[:2]) not in tested:
            found.append(f"{name} {version}")
    return found


def speed_on(settings: dict) -> bool:
    """BRIEFING_SPEED, off (with one warning) where a library is of a
    version the fast paths were not tested on."""
    if not settings.get("BRIEFING_SPEED"):
        return False
    untested = _untested_once()
    if untested:
        _warn_once(", ".join(untested))
        return False
    return True


@cache
def _untested_once() -> tuple[str, ...]:
    return tuple(untested_versions())


@cache
def _warn_once(untested: str) -> None:
    logger.warning(
        "briefing: the fast paths were not tested with %s; building the plain "
        "way (BRIEFING_SPEED = False). Pin the versions of requirements.txt "
        "to build faster.",
        untested,
    )


# -- Pelican -------------------------------------------------------------------


def article_html(article) -> str:
    """An article's HTML as its reader made it (before Pelican's link
    rewriting, which `article.content` applies)."""
    return article._content


def set_article_html(article, html: str) -> None:
    article._content = html


def set_article_summary(article, html: str) -> None:
    """The summary Pelican shows in listings and feeds."""
    article._summary = html


def give_context(article, context: dict) -> None:
    """Point an article at this build's context, in which its links to other
    pages ({filename}) are looked up."""
    article._context = context


def forget_rendered_html() -> None:
    """Drop the HTML Pelican memoizes for every article it has shown."""
    for memoized in ("get_content", "get_summary"):
        with contextlib.suppress(AttributeError):  # Pelican changed
            getattr(Content, memoized).cache.clear()


def regroup_period_archives(generator) -> None:
    """Pelican's own grouping of the articles by year, month and day."""
    generator.period_archives = generator._build_period_archives(
        generator.dates, generator.articles, generator.settings
    )


# -- pydantic ------------------------------------------------------------------


def share_fields_set(model, fields: frozenset[str]) -> None:
    """Give a model `fields` as its set of fields given, without pydantic's
    check of every attribute set (the set is the same, only shared); and
    drop its dict of extra fields if it is empty (None reads the same to
    pydantic: 64 bytes a model, 18 MB at 10,000 briefings)."""
    object.__setattr__(model, "__pydantic_fields_set__", fields)
    if model.__pydantic_extra__ == {}:
        object.__setattr__(model, "__pydantic_extra__", None)


# -- feedgenerator ---------------------------------------------------------------


def xml_writer(outfile, encoding: str) -> SimplerXMLGenerator:
    """feedgenerator's XML writer, as its Atom feed writes with."""
    return SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)


# -- Python-Markdown -------------------------------------------------------------


class QuickInlinePass(InlineProcessor):
    """An inline pass that skips the patterns a run of text cannot match.

    Overrides `InlineProcessor.__handleInline` (name-mangled), the loop
    that tries each pattern in turn on one run of text; a pattern that may
    match is tried by Python-Markdown's own `__applyPattern`. `finders`
    maps a pattern's regular expression to a search for what it needs
    (inline.py)."""

    finders: dict = {}  # noqa: RUF012 - set once by inline.py

    def run(self, tree, ancestors=None):
        # What each pattern needs, looked up once a document, in case
        # patterns were added since the last one.
        self.needed = [
            self.finders.get(getattr(pattern, "pattern", None))
            for pattern in self.inlinePatterns
        ]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0):
        if isinstance(data, util.AtomicString):
            return data
        patterns, needed = self.inlinePatterns, self.needed
        count = len(needed)
        start = 0
        while patternIndex < count:
            find = needed[patternIndex]
            if find is not None and find(data) is None:
                patternIndex += 1  # as a try that found nothing would
                start = 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(
                patterns[patternIndex], data, patternIndex, start
            )
            if not matched:
                patternIndex += 1
        return data
