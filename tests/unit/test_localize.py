"""The interface in the page's language, without a build: Babel's dates at
their precision, gettext through a Jinja environment, the theme's catalog
over the plugin's, English with one warning where a language has none."""

import datetime as dt
import logging

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from jinja2 import DictLoader, Environment

from briefing.content.dates import PartialDate
from briefing.content.languages import babel_locale, date_text
from briefing.content.model import Assessment, Move
from briefing.site.localize import Interface, catalog_folders

LOCALES = {"en": "en_GB", "fa": "fa_AF"}


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2021-08-26", "en", "26 August 2021"),
        ("2021-08", "en", "August 2021"),
        ("1995", "en", "1995"),
        # Dari as written in Afghanistan: the months' English-derived names.
        ("2021-08-26", "fa", "26 اگست 2021"),
        ("2021-08", "fa", "اگست 2021"),
        ("2021-08-26", "ar", "26 أغسطس 2021"),
        ("2021-08", "ar", "أغسطس 2021"),
        # Pashto's CLDR pattern puts the year first.
        ("2021-08-26", "ps", "2021 اګست 26"),
    ],
)
def test_dates_at_their_precision_in_each_language(value, lang, expected):
    locale = babel_locale(lang, LOCALES)
    assert date_text(PartialDate.parse(value), locale) == expected


def test_a_language_babel_does_not_know_is_dated_in_english():
    assert str(babel_locale("xx", LOCALES)) == "en"
    assert date_text(dt.datetime(2021, 8, 28, 9, 30), babel_locale("xx", {})) == (
        "August 28, 2021"  # Babel's own English, not the site's en_GB
    )


def write_catalog(folder, lang, strings):
    catalog = Catalog(locale=lang)
    for english, translated in strings.items():
        catalog.add(english, translated)
    path = folder / lang / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as po:
        write_po(po, catalog)


def render(interface, source, **context):
    env = Environment(autoescape=True, loader=DictLoader({"page.html": source}))
    interface.install(env)
    return env.get_template("page.html").render(DEFAULT_LANG="en", **context)


@pytest.fixture
def folders(tmp_path):
    theme, plugin = tmp_path / "theme", tmp_path / "plugin"
    write_catalog(plugin, "fa", {"Actors": "بازیگران", "Timeline": "گاه‌شمار"})
    write_catalog(theme, "fa", {"Timeline": "خط زمان"})
    return (theme, plugin)


def test_the_page_language_picks_the_catalog_and_the_theme_wins(folders):
    interface = Interface(folders, LOCALES, "en")
    source = "{{ _('Actors') }} / {{ _('Timeline') }}"
    assert render(interface, source, page_lang="fa") == "بازیگران / خط زمان"
    assert render(interface, source) == "Actors / Timeline"


def test_circa_dates_and_numbers_in_the_page_language(folders):
    write_catalog(folders[1], "ar", {"c. %(date)s": "نحو %(date)s"})
    interface = Interface(folders, LOCALES, "en")
    source = "{{ day|briefing_date(True) }} · {{ 12345|briefing_number }}"
    year = PartialDate.parse("1995")
    assert render(interface, source, day=year) == "c. 1995 · 12,345"
    assert render(interface, source, day=year, page_lang="ar") == "نحو 1995 · 12,345"


def test_data_words_are_translated_as_text_and_escaped(folders):
    write_catalog(folders[1], "ps", {"likely": "احتمال لري"})
    interface = Interface(folders, LOCALES, "en")
    source = "{{ word|briefing_word }}"
    assert render(interface, source, word="likely", page_lang="ps") == "احتمال لري"
    # A word of the content (a relation type of the desk's own) is no markup.
    assert render(interface, source, word="<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


def test_a_language_without_a_catalog_is_english_with_one_warning(folders, caplog):
    interface = Interface(folders, LOCALES, "en")
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert render(interface, "{{ _('Actors') }}", page_lang="de") == "Actors"
        render(interface, "{{ _('Actors') }}", page_lang="en")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1
    assert "no catalog for 'de' (Deutsch)" in warnings[0]
    assert "make translations LANGS=de" in warnings[0]


def test_the_catalogs_are_the_themes_then_the_plugins(tmp_path):
    assert catalog_folders({"THEME": str(tmp_path)})[-1].name == "translations"
    (tmp_path / "translations").mkdir()
    assert catalog_folders({"THEME": str(tmp_path)})[0] == tmp_path / "translations"


def test_a_move_is_worded_from_its_steps():
    move = Move(
        date=None,
        before=Assessment(
            date="2021-08", likelihood="roughly even chance", confidence="high"
        ),
        likelihood="very likely",
        confidence="moderate",
        why="",
    )
    assert move.steps == [
        ("likelihood", "raised", "roughly even chance", "very likely"),
        ("confidence", "lowered", "high", "moderate"),
    ]
    assert move.wording == (
        "raised from roughly even chance to very likely, "
        "confidence lowered from high to moderate"
    )
