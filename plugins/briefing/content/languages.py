"""Languages: which codes are languages, and which way each is written.

Both come from Babel's copy of the Unicode CLDR: a language is right to
left when its usual script is (Arabic for Dari, Pashto, Arabic and Urdu;
Hebrew; Thaana...), not by a list kept here.
"""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError


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
