"""What one build holds from one of Pelican's signals to the next, in one place.

Pelican calls the plugin through signals that receive generators, readers
and the Pelican object, never the plugin; what a signal leaves for a later
one (the notes read ahead, the Markdown the workers converted, the process
writing pages ahead, the search index under way) is kept in the `Build` of
that build. It is made fresh for every build (`new_build`, by the build
command, or the first time a receiver asks, under Pelican's own command)
and reached through the settings every generator and reader shares, so
nothing of one build is left in a module for the next, and a preview's
builds never see each other's.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

_KEY = "briefing_build"  # lower case: not a setting, Pelican leaves it alone


@dataclass(eq=False)
class Build:
    # site/articles.py: the registry and notes read ahead, by file.
    notes_ahead: dict = field(default_factory=dict)
    # speed/reading.py: the articles handed to the workers (a Conversion).
    conversion: object | None = None
    # speed/background.py: the process writing pages ahead (a Job).
    pages_job: object | None = None
    # site/diagrams.py: the relation diagrams, drawn from the registry read
    # ahead (Diagrams).
    diagrams: object | None = None
    # building/search.py: the index under way (an Indexing), and whether the
    # build command waits for it once Pelican has returned.
    indexing: object | None = None
    index_later: bool = False
    # Taken when a part of the build starts work from a thread of its own.
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __reduce__(self):
        # Pelican's content cache pickles articles with their context: what
        # is under way stays with this build, a cached copy starts empty.
        return (Build, ())


def new_build(settings: dict) -> Build:
    """A fresh `Build` for the build these settings are about to run."""
    settings[_KEY] = Build()
    return settings[_KEY]


def build_of(settings: dict) -> Build:
    """The `Build` of the build these settings belong to."""
    build = settings.get(_KEY)
    if build is None:
        build = new_build(settings)
    return build
