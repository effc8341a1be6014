"""The interface in the language of each page.

Every string of the plugin's templates and the theme's goes through
gettext (Jinja's i18n extension). The catalogs are `.po` files,
`translations/<lang>/LC_MESSAGES/messages.po`, in the plugin and in the
theme; a theme's translation of a string wins over the plugin's. They are
compiled in memory when a build first needs them (no `.mo` file to keep in
step), and again when one changes. `make translations` extracts the strings
and updates every catalog.

A page's language is `page_lang`, which a template sets at its top
(`{% set page_lang = article.lang %}`), else the site's `DEFAULT_LANG`.
A page in a language without a catalog is in English, with one warning for
that language. Dates and numbers are written by Babel in the page's
language (`briefing_date`, at the date's precision; `briefing_number`), in
the locale `BRIEFING_LOCALES` names for it (`fa_AF` for `fa`, say).
"""

from __future__ import annotations

import functools
import io
import logging
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup

from ..content import languages
from ..content.errors import display_path

logger = logging.getLogger(__name__)

PLUGIN_CATALOGS = Path(__file__).parents[1] / "translations"
CATALOG = Path("LC_MESSAGES") / "messages.po"


def page_language(context) -> str:
    """The language of the page a template is rendered for."""
    return context.get("page_lang") or context.get("DEFAULT_LANG") or "en"


def catalog_folders(settings: dict) -> tuple[Path, ...]:
    """Where catalogs are, the winning one first: the theme's, the plugin's."""
    theme = Path(settings.get("THEME", "")) / "translations"
    return (theme, PLUGIN_CATALOGS) if theme.is_dir() else (PLUGIN_CATALOGS,)


def catalog_languages(folders: tuple[Path, ...]) -> set[str]:
    return {
        path.parents[1].name
        for folder in folders
        for path in folder.glob(f"*/{CATALOG}")
    }


def _stamp(folders: tuple[Path, ...]) -> tuple:
    """What the compiled catalogs depend on: each `.po` file and its time."""
    return tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in folders
        for path in sorted(folder.glob(f"*/{CATALOG}"))
    )


def _compiled(path: Path, lang: str) -> Translations:
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang.replace("-", "_"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


class Interface:
    """The catalogs and date locales of one build, and the template
    functions that use them: `_`/`gettext`, `ngettext` and the
    `briefing_date` filter."""

    def __init__(self, folders: tuple[Path, ...], locales: dict, default_lang: str):
        self.folders = folders
        self.locales = dict(locales)
        self.default_lang = default_lang
        self.known = catalog_languages(folders)
        self._translations: dict[str, NullTranslations] = {}
        self._marked: dict[str, dict[str, Markup]] = {}

    def translations(self, lang: str, where: str = "") -> NullTranslations:
        """The catalog of `lang`; `where` (a page's file) for the warning
        if it has none."""
        found = self._translations.get(lang)
        if found is None:
            found = self._translations[lang] = self._load(lang, where)
        return found

    def _load(self, lang: str, where: str) -> NullTranslations:
        code = lang.replace("-", "_")
        for name in (code, code.split("_")[0]):
            if name in self.known:
                merged = None
                for folder in reversed(self.folders):  # the winning one last
                    path = folder / name / CATALOG
                    if path.is_file():
                        compiled = _compiled(path, name)
                        if merged is None:
                            merged = compiled
                        else:
                            merged.merge(compiled)
                return merged
        if not code.startswith("en"):
            logger.warning(
                "%sthe interface has no catalog for '%s' (%s), so pages in it "
                "show English headings and labels (make translations LANGS=%s "
                "starts one)",
                f"{where}: " if where else "",
                lang,
                languages.own_name(lang),
                code,
            )
        return NullTranslations()

    def for_context(self, context) -> NullTranslations:
        lang = page_language(context)
        found = self._translations.get(lang)  # at every string: kept short
        if found is None:
            path = getattr(context.get("article"), "source_path", None)
            found = self.translations(lang, display_path(path) if path else "")
        return found

    def marked(self, context) -> dict[str, Markup]:
        """The page's language's strings as translated so far, as markup."""
        lang = page_language(context)
        found = self._marked.get(lang)
        if found is None:
            found = self._marked[lang] = {}
        return found

    def install(self, env) -> None:
        """Give `env` the i18n extension and this interface's functions.

        `_()`, `gettext()` and `ngettext()` behave as the extension's
        "newstyle" ones (the translation is markup, its %(name)s
        placeholders filled with escaped values) in one call each: the
        extension's own wrap ours in two more, which took a fifth of the
        time of a briefing's page."""
        env.add_extension("jinja2.ext.i18n")

        @pass_context
        def gettext(context, message: str, **variables) -> Markup:
            marked = self.marked(context)
            translated = marked.get(message)
            if translated is None:
                text = self.for_context(context).gettext(message)
                translated = marked[message] = Markup(text)
            return translated % variables if variables else translated

        @pass_context
        def ngettext(context, singular: str, plural: str, num: int, **variables):
            text = self.for_context(context).ngettext(singular, plural, num)
            return Markup(text) % {"num": num, **variables}

        @pass_context
        def date(context, value, circa: bool = False) -> str:
            """`{{ event.date|briefing_date(event.circa) }}`."""
            if not value:
                return ""
            lang = page_language(context)
            text = languages.date_text(
                value, languages.babel_locale(lang, self.locales)
            )
            if circa:
                text = self.for_context(context).gettext("c. %(date)s") % {"date": text}
            return text

        @pass_context
        def number(context, value: int) -> str:
            """`{{ count|briefing_number }}`: '1,234' in English."""
            locale = languages.babel_locale(page_language(context), self.locales)
            return format_decimal(value, locale=locale)

        @pass_context
        def word(context, value) -> str:
            """`{{ judgment.likelihood|briefing_word }}`: a word of the data
            (marked N_ in content/), in the page's language. Plain text, so
            autoescape escapes it: unlike `_()`, whose strings are the
            templates' own and trusted as markup, the word may come from
            content (a relation type the desk made up)."""
            return str(self.for_context(context).gettext(str(value)))

        env.install_gettext_callables(gettext, ngettext, newstyle=True)
        env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext)
        env.filters["briefing_date"] = date
        env.filters["briefing_word"] = word
        env.filters["briefing_number"] = number


@functools.lru_cache(maxsize=8)
def _interface(folders, stamp, locales, default_lang) -> Interface:
    return Interface(folders, dict(locales), default_lang)


def interface_for(settings: dict) -> Interface:
    """The build's interface: one for every generator of a build, so a
    missing catalog is told once; made again when a catalog changes."""
    folders = catalog_folders(settings)
    return _interface(
        folders,
        _stamp(folders),
        tuple(sorted(settings.get("BRIEFING_LOCALES", {}).items())),
        settings.get("DEFAULT_LANG", "en"),
    )
