"""Across briefings: actor pages, actors index, timeline, mentions, feeds."""

import feedparser
import pytest
from support import build, make_site, text_of


@pytest.fixture
def desk(desk_build):
    return desk_build


def test_an_actor_page_shows_profile_briefings_with_roles_and_timeline(desk):
    page = desk.page("actors/taliban/index.html")
    assert text_of(page.h1) == "Taliban"
    assert "طالبان" in text_of(page.select_one(".actor__aliases"))
    assert "took Kabul in August 2021" in text_of(page.select_one(".prose"))

    cards = page.select(".actor-briefings .briefing-card")
    assert [text_of(card.h3) for card in cards] == [
        "Trouble on the border",  # newest first
        "Bombing at the airport",
    ]
    assert "Protested the shelling." in text_of(cards[0])
    assert "Held the city." in text_of(cards[1])
    assert cards[0].a["href"] == "../../briefings/trouble-on-the-border/"

    events = page.select('[data-briefing="timeline"] li')
    assert [event.time["datetime"] for event in events] == ["1994", "2021-08-15"]


def test_an_actor_page_links_relations_parent_and_feed(desk):
    page = desk.page("actors/isk/index.html")
    rows = page.select('[data-briefing="relations"] tbody tr')
    relations = {text_of(row.th): row.td.a["href"] for row in rows}
    assert relations == {"Rival": "../../actors/taliban/"}
    feeds = [link["href"] for link in page.select('link[type="application/atom+xml"]')]
    assert feeds == [
        "http://127.0.0.1:8000/feeds/all.atom.xml",
        "http://127.0.0.1:8000/feeds/actors/isk.atom.xml",
    ]


def test_drafts_are_not_listed_on_actor_pages(desk):
    page = desk.page("actors/pakistan/index.html")
    titles = [text_of(card.h3) for card in page.select(".briefing-card")]
    assert titles == ["Trouble on the border"]
    assert (desk.output / "drafts" / "a-draft-about-the-border.html").exists()


def test_the_actors_index_groups_by_kind_with_counts(desk):
    page = desk.page("actors/index.html")
    groups = {
        text_of(section.h2): [text_of(li) for li in section.select("li")]
        for section in page.select(".actor-kind")
    }
    assert groups == {
        "Armed group": [
            "Islamic State – Khorasan Province (IS-K) · 1 briefing",
            "Taliban · 2 briefings",
        ],
        "State": ["Pakistan · 1 briefing"],
    }


def test_the_site_timeline_merges_events_told_in_several_briefings(desk):
    page = desk.page("timeline/index.html")
    root = page.select_one('[data-briefing="timeline"]')
    years = [text_of(h2) for h2 in root.select("h2")]
    assert years == ["1994", "2015", "2021"]
    index = [a["href"] for a in page.select(".year-index a")]
    assert index == ["#year-1994", "#year-2015", "#year-2021"]

    events = root.select("li")
    assert [event.time["datetime"] for event in events] == [
        "1994",
        "2015",
        "2021-08-15",
        "2021-08-26",
        "2021-09",
    ]
    [bombing] = root.select('li[data-event="airport-bombing"]')
    briefings = [a["href"] for a in bombing.select(".timeline__briefings a")]
    assert briefings == [
        "../briefings/bombing-at-the-airport/",
        "../briefings/trouble-on-the-border/",
    ]
    assert "(the subject)" in text_of(bombing.select_one(".timeline__briefings"))


def test_a_short_timeline_stays_on_one_page(desk):
    assert not (desk.output / "timeline" / "2021").exists()
    assert not desk.page("timeline/index.html").select(".year-list")


def test_a_long_timeline_has_a_page_per_year(tmp_path):
    # The two briefings tell 5 events in 1994, 2015 and 2021.
    root = make_site(
        tmp_path, case="two-briefings", settings="BRIEFING_TIMELINE_PAGE_EVENTS = 4\n"
    )
    result = build(root)
    assert result.code == 0, result.stderr

    index = result.page("timeline/index.html")
    assert not index.select('[data-briefing="timeline"] li')
    years = [
        (a["href"], text_of(li))
        for li in index.select(".year-list li")
        for a in li("a")
    ]
    assert years == [
        ("../timeline/1994/", "1994 1 event"),
        ("../timeline/2015/", "2015 1 event"),
        ("../timeline/2021/", "2021 3 events"),
    ]

    year = result.page("timeline/2021/index.html")
    assert text_of(year.h1) == "2021"
    events = year.select('[data-briefing="timeline"] li')
    assert [event.time["datetime"] for event in events] == [
        "2021-08-15",
        "2021-08-26",
        "2021-09",
    ]
    [bombing] = year.select('li[data-event="airport-bombing"]')
    assert [a["href"] for a in bombing.select(".timeline__briefings a")] == [
        "../../briefings/bombing-at-the-airport/",
        "../../briefings/trouble-on-the-border/",
    ]
    navigation = year.select(".year-index a")
    assert [a["href"] for a in navigation] == [
        "../../timeline/1994/",
        "../../timeline/2015/",
        "../../timeline/2021/",
    ]
    assert [a.get("aria-current") for a in navigation] == [None, None, "page"]
    assert year.select_one(".kicker a")["href"] == "../../timeline/"
    for other in ("1994", "2015"):
        page = result.page(f"timeline/{other}/index.html")
        assert len(page.select('[data-briefing="timeline"] li')) == 1


def test_conflicting_tellings_of_one_event_are_an_error_naming_both(tmp_path):
    root = make_site(tmp_path, case="two-briefings")
    notes = root / "content" / "briefings" / "border.notes.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace('"2021-08-26"', '"2021-08-25"'),
        encoding="utf-8",
    )
    result = build(root)
    assert result.code == 1
    assert (
        "content/briefings/border.notes.yaml:18: event 'airport-bombing' is told "
        "differently in content/briefings/airport.notes.yaml:8: its date is "
        "25 August 2021 here, 26 August 2021 there" in result.stderr
    )


def test_the_first_mention_of_each_actor_links_to_its_page(desk):
    body = desk.page("briefings/bombing-at-the-airport/index.html").select_one(
        '[data-briefing="body"]'
    )
    mentions = [(a.get_text(), a["href"]) for a in body.select("a.mention")]
    assert mentions == [
        ("IS-K", "../../actors/isk/"),
        ("Taliban", "../../actors/taliban/"),
    ]
    assert body.h2.a is None  # "What the Taliban said" stays a plain heading

    border = desk.page("briefings/trouble-on-the-border/index.html")
    mentions = [a.get_text() for a in border.select('[data-briefing="body"] a.mention')]
    assert mentions == ["Pakistan", "Taliban"]  # not "Pakistani"


def test_sidebar_entries_and_the_menu_link_to_the_cross_briefing_pages(desk):
    page = desk.page("briefings/bombing-at-the-airport/index.html")
    sidebar_links = [a["href"] for a in page.select("[data-actor] h3 a")]
    assert sidebar_links == ["../../actors/isk/", "../../actors/taliban/"]
    for path in ["index.html", "actors/index.html", "timeline/index.html"]:
        menu = [text_of(a) for a in desk.page(path).select(".site-nav a")]
        assert menu[:3] == ["Briefings", "Actors", "Timeline"]


@pytest.mark.parametrize(
    ("feed", "titles"),
    [
        ("feeds/all.atom.xml", ["Trouble on the border", "Bombing at the airport"]),
        (
            "feeds/actors/taliban.atom.xml",
            ["Trouble on the border", "Bombing at the airport"],
        ),
        ("feeds/actors/isk.atom.xml", ["Bombing at the airport"]),
    ],
)
def test_feeds_are_valid_atom_with_absolute_links(desk, feed, titles):
    parsed = feedparser.parse((desk.output / feed).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == titles
    for entry in parsed.entries:
        assert entry.link.startswith("http://127.0.0.1:8000/briefings/")
        content = entry.content[0].value
        assert 'href="../' not in content


def test_actor_feeds_carry_only_the_newest_briefings(tmp_path):
    site = make_site(
        tmp_path, case="two-briefings", settings="BRIEFING_ACTOR_FEED_MAX_ITEMS = 1\n"
    )
    result = build(site)
    assert result.code == 0, result.stderr
    taliban = feedparser.parse(
        (result.output / "feeds/actors/taliban.atom.xml").read_bytes()
    )
    assert [entry.title for entry in taliban.entries] == ["Trouble on the border"]
    # The actor page still lists both.
    cards = result.page("actors/taliban/index.html").select(".briefing-card")
    assert len(cards) == 2
