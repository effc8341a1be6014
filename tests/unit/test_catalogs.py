"""The interface's catalogs: every string of the templates goes through
gettext, every catalog holds every string, translated, with the same
placeholders; a string added to a template fails here until
`make translations` has put it in the catalogs and someone translated it."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from support import REPO

from briefing.authoring.catalogs import extracted, missing

OWNERS = [REPO / "plugins" / "briefing", REPO / "theme"]
LANGUAGES = ["en", "fa", "ps", "ar"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalog(owner: Path, lang: str):
    path = owner / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return read_po(po, locale=lang)


def ids(messages) -> set:
    return {message.id for message in messages if message.id}


@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.name)
def test_the_template_lists_every_string_of_the_sources(owner):
    with (owner / "translations" / "messages.pot").open("rb") as pot:
        listed = ids(read_po(pot))
    found = ids(extracted(owner))
    assert found - listed == set(), "new strings: run make translations"
    assert listed - found == set(), "strings gone: run make translations"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.name)
def test_every_catalog_is_complete(owner, lang):
    translated = catalog(owner, lang)
    assert ids(translated) == ids(extracted(owner))
    assert missing(translated) == 0
    forms = translated.num_plurals
    for message in translated:
        if isinstance(message.id, tuple):
            assert len(message.string) == forms, message.id


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.name)
def test_translations_keep_the_placeholders_and_hold_no_markup(owner, lang):
    for message in catalog(owner, lang):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in sources))
        for text in strings:
            used = set(PLACEHOLDER.findall(text))
            assert used <= wanted, (message.id, text)
            # The only word a form may leave out is the number itself
            # ("Single source:"; Arabic's "two briefings").
            assert wanted - used <= {"num", "count"}, (message.id, text)
            assert "<" not in text and "&" not in text, (message.id, text)


def test_the_right_to_left_catalogs_are_in_their_script():
    for owner in OWNERS:
        for lang in ("fa", "ps", "ar"):
            for message in catalog(owner, lang):
                english = " ".join(
                    message.id if isinstance(message.id, tuple) else (message.id,)
                )
                words = set(re.findall(r"[A-Za-z]{3,}", PLACEHOLDER.sub("", english)))
                strings = (
                    message.string
                    if isinstance(message.string, tuple)
                    else (message.string,)
                )
                for text in strings if words - {"PDF"} else ():
                    assert re.search(r"[\u0600-\u06ff]", text), (lang, message.id)


# What is left of a template without its Jinja and its tags: text a reader
# sees that did not go through gettext.
JINJA = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
SHOWN_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
# Text of no language: the PDF's name; robots.txt.
NOT_WORDS = {"PDF"}
NOT_TEMPLATES = {"robots.html"}


def templates():
    for owner in OWNERS:
        yield from sorted((owner / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", list(templates()), ids=lambda path: path.name)
def test_no_template_shows_a_word_outside_gettext(path):
    if path.name in NOT_TEMPLATES:
        return
    source = path.read_text("utf-8")
    # Not words: a document's CSS, its security policy, classes, and the file
    # names and fields in <code>.
    source = re.sub(
        r"<style>.*?</style>|<code>.*?</code>"
        r"|{% block (?:body_class|csp) %}.*?{% endblock %}",
        "",
        source,
        flags=re.DOTALL,
    )
    for value in SHOWN_ATTRIBUTE.findall(source):
        left = JINJA.sub("", value)
        assert not re.search(r"[A-Za-z]{2,}", left), (path.name, value)
    text = TAG.sub(" ", JINJA.sub(" ", source))
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in NOT_WORDS]
    assert words == [], path.name


@pytest.mark.parametrize("path", list(templates()), ids=lambda path: path.name)
def test_gettext_is_only_given_the_templates_own_strings(path):
    """`_()` returns markup: given a value of the content, it would let the
    content's HTML through. Words of the data go through `briefing_word`."""
    calls = re.findall(
        r"\b(?:_|gettext|ngettext)\(\s*([^\s)])", path.read_text("utf-8")
    )
    assert all(first in "\"'" for first in calls), path.name
