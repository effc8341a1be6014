"""`make translations`: the interface's strings, extracted and merged into
every catalog.

Each of the plugin and the theme has a `translations/` folder: `babel.cfg`
says which files hold strings, `messages.pot` lists them, and
`<lang>/LC_MESSAGES/messages.po` translates them. Extraction and update are
Babel's (the same as `pybabel extract` and `pybabel update`); a catalog
that is not there yet is started for a language asked for (`LANGS=de`).
The site compiles the catalogs itself when it builds (site/localize.py).
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from ..site.localize import CATALOG, PLUGIN_CATALOGS

TEMPLATE = "messages.pot"
CONFIG = "babel.cfg"


def catalog_owners(settings: dict) -> list[Path]:
    """The folders whose strings are translated: the plugin's, the theme's
    (when it has a `translations/babel.cfg`)."""
    owners = [PLUGIN_CATALOGS.parent]
    theme = Path(settings.get("THEME", ""))
    if (theme / "translations" / CONFIG).is_file():
        owners.append(theme)
    return owners


def extracted(owner: Path) -> Catalog:
    """Every string of `owner`'s files that `translations/babel.cfg` names,
    with the files it is in (not the lines, so a catalog does not change
    when a template gets a line longer)."""
    with (owner / "translations" / CONFIG).open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, filename=str(config.name))
    catalog = Catalog(
        project="briefing",
        fuzzy=False,
        header_comment="# The interface's strings, as `make translations` found them.",
    )
    for filename, _line, message, comments, context in extract_from_dir(
        str(owner), method_map, options_map
    ):
        catalog.add(
            message,
            None,
            [(filename, None)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def update(owner: Path, languages: list[str]) -> dict[str, int]:
    """Write `owner`'s messages.pot and bring each catalog (those there, and
    one for each of `languages`) in step with it: new strings added,
    strings gone dropped. Returns the strings left to translate in each."""
    folder = owner / "translations"
    template = extracted(owner)
    _write(folder / TEMPLATE, template)
    codes = {path.parents[1].name for path in folder.glob(f"*/{CATALOG}")}
    codes |= {code.replace("-", "_") for code in languages}
    untranslated = {}
    for code in sorted(codes):
        path = folder / code / CATALOG
        if path.is_file():
            with path.open("rb") as po:
                catalog = read_po(po, locale=code)
        else:
            catalog = Catalog(
                locale=code,
                project="briefing",
                fuzzy=False,
                header_comment=f"# The interface's strings in {code}.",
            )
        catalog.update(template, no_fuzzy_matching=True)
        _write(path, catalog)
        untranslated[code] = missing(catalog)
    return untranslated


def _write(path: Path, catalog: Catalog) -> None:
    """Write a catalog, unless only its header's dates would change: a run
    that finds no new string leaves every file as it was."""
    written = io.BytesIO()
    write_po(
        written, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True
    )
    new = written.getvalue()
    if path.is_file() and _undated(path.read_bytes()) == _undated(new):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)


def _undated(text: bytes) -> list[bytes]:
    return [
        line
        for line in text.splitlines()
        if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))
    ]


def missing(catalog: Catalog) -> int:
    """How many of a catalog's strings have no translation (every plural
    form counted as one string)."""
    count = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy or not all(strings):
            count += 1
    return count
