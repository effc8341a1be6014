"""Languages: which codes are languages, which way each is written, and
how each writes a date.

All come from Babel's copy of the Unicode CLDR: a language is right to
left when its usual script is (Arabic for Dari, Pashto, Arabic and Urdu;
Hebrew; Thaana...), not by a list kept here; a date is written in the
locale's own long format, at the date's precision.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from .dates import PartialDate


def N_(text: str) -> str:
    """Marks a word of the data (a likelihood term, a relation's wording)
    for the interface's catalogs (`make translations`); the templates that
    show it translate it (`_(judgment.likelihood)`)."""
    return text


@functools.lru_cache(maxsize=256)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def is_language(code: str) -> bool:
    return _locale(code) is not None


def direction(code: str | None) -> str:
    """'rtl' or 'ltr': the direction of the script `code` is written in
    ('ltr' for a code CLDR does not know)."""
    locale = _locale(code) if code else None
    if locale is not None and locale.character_order == "right-to-left":
        return "rtl"
    return "ltr"


def babel_locale(code: str | None, locales: dict[str, str]) -> Locale:
    """The Babel locale that writes dates for pages in language `code`:
    `locales[code]` where the site names one (`fa` written as in
    Afghanistan, `fa_AF`), else the language's own, else English."""
    for candidate in (locales.get(code or ""), code, "en"):
        locale = _locale(candidate) if candidate else None
        if locale is not None:
            return locale
    raise AssertionError("Babel knows English")  # pragma: no cover


@functools.lru_cache(maxsize=4096)
def date_text(value: PartialDate | dt.date, locale: Locale) -> str:
    """A date as the locale writes it, at the date's precision: the day in
    CLDR's long format ('26 August 2021' in en_GB, '26 اگست 2021' in fa_AF),
    the month and year, or the year alone."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value, "long", locale=locale)
    day = dt.date(value.year, value.month or 1, value.day or 1)
    if value.precision == "day":
        return format_date(day, "long", locale=locale)
    return format_skeleton(
        "yMMMM" if value.precision == "month" else "y", day, locale=locale
    )


def own_name(code: str) -> str:
    """The language's name in itself, for a language switcher: 'فارسی' for
    fa, 'دری' for fa-AF (CLDR's name for the variant, where it has one);
    the code if CLDR does not know it."""
    locale = _locale(code)
    if locale is None:
        return code
    name = locale.languages.get(str(locale)) or locale.get_display_name(locale)
    name = name or code
    return name[:1].upper() + name[1:]
