"""The plugin's own Jinja templates, which a theme may override by name."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader

TEMPLATES_DIR = Path(__file__).parent / "templates"


def add_template_folder(generator) -> None:
    """Let themes include `briefing/actors.html` and `briefing/timeline.html`.

    Appended after the theme's own loaders, so a theme file of the same name
    (theme/templates/briefing/actors.html) wins.
    """
    loader = generator.env.loader
    if not isinstance(loader, ChoiceLoader):
        generator.env.loader = loader = ChoiceLoader([loader])
    folder = str(TEMPLATES_DIR)
    for existing in loader.loaders:
        if isinstance(existing, FileSystemLoader) and folder in existing.searchpath:
            return
    loader.loaders.append(FileSystemLoader(folder))
