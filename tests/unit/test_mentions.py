"""Linked mentions: the rules of which text becomes a link to an actor page."""

import pytest
from bs4 import BeautifulSoup

from briefing.content.model import Actor, Registry
from briefing.site.mentions import MentionMatcher


def actor(actor_id, name, short_name=None, aliases=()):
    return Actor(
        id=actor_id, name=name, short_name=short_name, aliases=list(aliases), kind="x"
    )


REGISTRY = Registry.of(
    [
        actor("isk", "Islamic State in Khorasan Province", "IS-K", ["ISKP"]),
        actor("isis", "Islamic State", "ISIS", ["ISIL"]),
        actor("taliban", "Taliban"),
        actor("ttp", "Tehrik-i-Taliban Pakistan", "TTP", ["Pakistani Taliban"]),
        actor("pakistan", "Pakistan"),
        actor("us", "United States", "US", ["U.S."]),
    ]
)
MATCHER = MentionMatcher(REGISTRY)
EVERYONE = {actor_id: f"/actors/{actor_id}/" for actor_id in REGISTRY.actors}


def links(html, hrefs=EVERYONE):
    """(link text, actor id) for each mention link in the result."""
    soup = BeautifulSoup(MATCHER.link(html, hrefs), "lxml")
    return [(a.get_text(), a["data-mention"]) for a in soup.select("a.mention")]


def test_the_first_mention_of_each_actor_is_linked_once():
    html = "<p>The Taliban met. The Taliban left.</p><p>Taliban again.</p>"
    assert links(html) == [("Taliban", "taliban")]
    linked = MATCHER.link(html, EVERYONE)
    assert linked.count("<a ") == 1
    assert (
        '<a class="mention" href="/actors/taliban/" data-mention="taliban">' in linked
    )


def test_matching_respects_word_boundaries():
    assert links("<p>Pakistani officials met the press.</p>") == []
    assert links("<p>Talibanization is a word.</p>") == []
    assert links("<p>They met in Pakistan.</p>") == [("Pakistan", "pakistan")]


def test_the_longest_name_wins():
    html = (
        "<p>The Islamic State in Khorasan Province (IS-K) is not the Islamic State.</p>"
    )
    assert links(html) == [
        ("Islamic State in Khorasan Province", "isk"),
        ("Islamic State", "isis"),
    ]
    assert links("<p>The Pakistani Taliban attacked; the Taliban denied.</p>") == [
        ("Pakistani Taliban", "ttp"),
        ("Taliban", "taliban"),
    ]


def test_a_name_followed_by_punctuation_or_a_possessive_is_matched():
    assert links("<p>IS-K’s claim and the U.S. reply.</p>") == [
        ("IS-K", "isk"),
        ("U.S.", "us"),
    ]


def test_only_the_briefings_own_actors_are_linked():
    html = "<p>The Pakistani Taliban and the Taliban.</p>"
    only_taliban = {"taliban": "/actors/taliban/"}
    # "Pakistani Taliban" is another actor's name: it is not the Taliban.
    assert links(html, only_taliban) == [("Taliban", "taliban")]
    assert "Pakistani Taliban and" in MATCHER.link(html, only_taliban)


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="https://example.org">Taliban</a> then</p>',
        "<h2>Taliban</h2>",
        "<p><code>Taliban</code></p>",
        "<pre>Taliban</pre>",
        '<p><img alt="Taliban" src="x.png"> <span title="Taliban">x</span></p>',
    ],
)
def test_no_link_inside_a_link_heading_code_or_attribute(html):
    assert links(html) == []
    assert MATCHER.link(html, EVERYONE) == html


def test_a_mention_after_a_skipped_element_is_linked():
    html = "<h2>Taliban</h2><p>The <a href='/x'>Taliban</a> and the Taliban.</p>"
    assert links(html) == [("Taliban", "taliban")]
    soup = BeautifulSoup(MATCHER.link(html, EVERYONE), "lxml")
    assert soup.h2.a is None


def test_html_outside_the_links_is_unchanged():
    html = (
        '<p class="lead">AT&amp;T &lt;said&gt; “the Taliban” — <em>IS-K</em>'
        "<br>done</p>"
    )
    result = MATCHER.link(html, EVERYONE)
    assert result == (
        '<p class="lead">AT&amp;T &lt;said&gt; “the <a class="mention" '
        'href="/actors/taliban/" data-mention="taliban">Taliban</a>” — <em><a '
        'class="mention" href="/actors/isk/" data-mention="isk">IS-K</a></em>'
        "<br>done</p>"
    )


def test_an_empty_registry_links_nothing():
    assert MentionMatcher(Registry.of([])).link("<p>Taliban</p>", EVERYONE) == (
        "<p>Taliban</p>"
    )


def test_once_every_actor_is_linked_the_rest_is_copied_byte_for_byte():
    rest = (
        "</p>\n<p>The Taliban &amp; the&nbsp;IS-K &quot;again&quot;,"
        ' <a href="/x?a=1&amp;b=2" title="a > b">Taliban</a></p>\n'
        "<p>Last &#8220;words&#8221; &lt;here&gt;</p>"
    )
    html = "<p>Intro.</p>\n<p>First\nthe Taliban" + rest
    only_taliban = {"taliban": "/actors/taliban/"}
    assert MATCHER.link(html, only_taliban) == (
        "<p>Intro.</p>\n<p>First\nthe "
        '<a class="mention" href="/actors/taliban/" data-mention="taliban">'
        "Taliban</a>" + rest
    )


def test_text_after_the_last_link_in_the_same_paragraph_is_kept():
    html = "<p>IS-K and the Taliban &amp; then IS-K &lt;again&gt;.</p><p>End</p>"
    linked = MATCHER.link(html, {"isk": "/a/", "taliban": "/t/"})
    assert linked == (
        '<p><a class="mention" href="/a/" data-mention="isk">IS-K</a> and the '
        '<a class="mention" href="/t/" data-mention="taliban">Taliban</a>'
        " &amp; then IS-K &lt;again&gt;.</p><p>End</p>"
    )


# Arabic script: Dari and Pashto names, as actor files give them (`names`).
SCRIPT_REGISTRY = Registry.of(
    [
        Actor(
            id="taliban",
            name="Taliban",
            names={"fa": "طالبان", "ps": "طالبان"},
            kind="x",
        ),
        Actor(
            id="isk",
            name="Islamic State – Khorasan Province",
            names={"fa": "دولت اسلامی ولایت خراسان", "ps": "داعش خراسان"},
            short_names={"fa": "داعش خراسان"},
            kind="x",
        ),
        Actor(id="us", name="United States", names={"fa": "ایالات متحده"}, kind="x"),
    ]
)
SCRIPT_MATCHER = MentionMatcher(SCRIPT_REGISTRY)


def script_links(html):
    hrefs = {actor_id: f"/actors/{actor_id}/" for actor_id in SCRIPT_REGISTRY.actors}
    soup = BeautifulSoup(SCRIPT_MATCHER.link(html, hrefs), "lxml")
    return [(a.get_text(), a["data-mention"]) for a in soup.select("a.mention")]


def test_a_name_in_arabic_script_is_linked_between_spaces_and_punctuation():
    html = "<p>طالبان، پس از ورود به کابل؛ «ایالات متحده» و داعش خراسان.</p>"
    assert script_links(html) == [
        ("طالبان", "taliban"),
        ("ایالات متحده", "us"),
        ("داعش خراسان", "isk"),
    ]


def test_a_name_joined_to_a_suffix_by_a_zero_width_non_joiner_is_one_word():
    # طالبان‌ها: the name, a ZWNJ, the plural suffix. Not a mention, as
    # "Talibans" is not one of "Taliban"; the next bare name is.
    zwnj = "\u200c"
    html = f"<p>طالبان{zwnj}ها آمدند. سپس طالبان رفتند.</p>"
    found = SCRIPT_MATCHER.link(html, {"taliban": "/actors/taliban/"})
    assert f"طالبان{zwnj}ها آمدند" in found
    assert script_links(html) == [("طالبان", "taliban")]
    assert found.index('<a class="mention"') > found.index("سپس")


def test_a_name_inside_a_longer_arabic_word_or_before_a_mark_is_no_mention():
    fatha = "\u064e"
    html = f"<p>الطالبانی و طالبان{fatha} و طالبانها</p>"
    assert script_links(html) == []


def test_the_longest_name_wins_in_arabic_script_too():
    html = "<p>دولت اسلامی ولایت خراسان مسئولیت را پذیرفت.</p>"
    assert script_links(html) == [("دولت اسلامی ولایت خراسان", "isk")]


def test_an_unknown_language_code_in_an_actors_names_is_refused():
    with pytest.raises(ValueError, match="is not a language code"):
        Actor(id="x", name="X", names={"xx-nowhere": "Y"}, kind="x")
