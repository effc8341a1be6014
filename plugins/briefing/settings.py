"""The plugin's settings and their defaults, all in one place."""

from __future__ import annotations

DEFAULTS = {
    # Folder of the briefings (articles and their .notes.yaml), inside PATH.
    "BRIEFING_PATH": "briefings",
    # Folder of the actor registry (one <id>.yaml per actor), inside PATH.
    "BRIEFING_ACTORS_PATH": "actors",
}


def apply_defaults(settings: dict) -> None:
    """Fill in every BRIEFING_* setting the site did not set."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
