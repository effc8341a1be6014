"""Actors in relation and events at their own address, on the sample site
and on small sites built for one setting."""

import json
import posixpath
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from support import build, make_site, text_of

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sample(sample_build):
    return sample_build


def relations_of(page):
    """{(wording, other actor's name): (its period, whether it ended)}."""
    rows = page.select('[data-briefing="relations"] tbody tr')
    return {
        (text_of(row.th), text_of(row.select("td")[0])): (
            text_of(row.select("td")[1]),
            "relation--past" in row["class"],
        )
        for row in rows
    }


def test_a_relation_is_shown_on_both_actors_pages_in_words_for_each_side(sample):
    # Declared once, in content/actors/isk.yaml and taliban.yaml.
    isk = relations_of(sample.page("actors/isk/index.html"))
    isis = relations_of(sample.page("actors/isis/index.html"))
    taliban = relations_of(sample.page("actors/taliban/index.html"))
    us = relations_of(sample.page("actors/united-states/index.html"))
    assert isk[("Affiliate of", "Islamic State")] == ("January 2015 to now", False)
    assert isis[("Affiliate", "Islamic State – Khorasan Province")] == (
        "January 2015 to now",
        False,
    )
    assert taliban[("Rival", "Islamic State – Khorasan Province")] == (
        "2015 to now",
        False,
    )
    # An ended relation, on both sides: dated, and marked as ended.
    ended = ("October 2001 – August 2021 (ended)", True)
    assert taliban[("Adversary", "United States")] == ended
    assert us[("Adversary", "Taliban")] == ended
    # Current relations first.
    assert list(taliban)[-1] == ("Adversary", "United States")


def test_a_relation_shows_its_note_and_graded_sources(sample):
    page = sample.page("actors/isis/index.html")
    row = page.select_one('[data-briefing="relations"] tr[data-relation="affiliate"]')
    assert "26 January 2015" in text_of(row)
    source = row.select_one(".source")
    assert source["data-grade"] == "B2"
    assert source.a["href"].startswith("https://jamestown.org/")


def diagram_of(output, relative):
    """The diagram's <svg>, parsed as XML (which it must be)."""
    html = (output / relative).read_text(encoding="utf-8")
    start = html.index("<svg")
    end = html.index("</svg>", start) + len("</svg>")
    return html[start:end], ElementTree.fromstring(html[start:end])


def test_the_actor_diagram_has_a_name_a_description_and_a_link_per_node(sample):
    _, svg = diagram_of(sample.output, "actors/isk/index.html")
    title = svg.find(f"{SVG}title")
    assert svg.get("aria-labelledby") == title.get("id") == "actor-diagram-title"
    assert title.text == "Relations of Islamic State – Khorasan Province"
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-describedby") == desc.get("id")
    assert "Affiliate of: Islamic State, since January 2015" in desc.text
    nodes = [g for g in svg.iter(f"{SVG}g") if "node" in g.get("class", "").split()]
    assert len(nodes) == 4  # IS-K and its three relations
    links = [node.find(f".//{SVG}a") for node in nodes]
    targets = {link.get("href") for link in links}
    assert targets == {
        f"../../actors/{actor}/"
        for actor in ("isk", "isis", "taliban", "united-states")
    }
    for target in targets:
        resolved = posixpath.normpath(posixpath.join("actors/isk", target))
        assert (sample.output / resolved / "index.html").exists()
    # Nothing of Graphviz's own that a page should not hold.
    text = ElementTree.tostring(svg, encoding="unicode")
    assert "xlink:" not in text and "<!--" not in text and ' id="node' not in text


def test_ended_relations_are_dashed_and_dated_not_only_coloured(sample):
    _, svg = diagram_of(sample.output, "actors/taliban/index.html")
    edges = {
        g.find(f"{SVG}title").text: g
        for g in svg.iter(f"{SVG}g")
        if "tie" in g.get("class", "").split()
    }
    ended = edges["Adversary: United States, October 2001 – August 2021"]
    assert ended.find(f"{SVG}path").get("stroke-dasharray")
    assert "tie--past" in ended.get("class")
    labels = " ".join(t.text for t in ended.iter(f"{SVG}text"))
    assert labels == "adversary October 2001 – August 2021"
    current = edges["Rival: Islamic State – Khorasan Province, since 2015"]
    assert current.find(f"{SVG}path").get("stroke-dasharray") is None
    # Every stroke is the text colour (themes may colour by class): the kind
    # is told by the label and the arrowheads.
    strokes = {e.get("stroke") for e in svg.iter() if e.get("stroke")}
    assert strokes <= {"currentColor", "transparent"}


def test_the_diagrams_are_the_same_bytes_from_build_to_build(sample, tmp_path):
    again = build(
        make_site(tmp_path, case="sample", settings="BRIEFING_CACHE = False\n")
    )
    assert again.code == 0, again.stderr
    for page in ("actors/isk/index.html", "actors/network/index.html"):
        first, _ = diagram_of(sample.output, page)
        second, _ = diagram_of(again.output, page)
        assert first == second


def test_the_network_page_draws_and_lists_every_relation_once(sample):
    page = sample.page("actors/network/index.html")
    _, svg = diagram_of(sample.output, "actors/network/index.html")
    edges = [g for g in svg.iter(f"{SVG}g") if "tie" in g.get("class", "").split()]
    assert len(edges) == 5  # as declared in content/actors/
    assert (
        svg.find(f"{SVG}title").text == "Relations between the actors of the registry"
    )
    lines = [" ".join(li.get_text().split()) for li in page.select(".relation-list li")]
    assert lines == [
        "Islamic State: rival of Taliban, since June 2015",
        "Islamic State – Khorasan Province: affiliate of Islamic State, "
        "since January 2015",
        "Islamic State – Khorasan Province: rival of Taliban, since 2015",
        "Taliban: adversary of United States, October 2001 – August 2021 (ended)",
        "United States: adversary of Islamic State – Khorasan Province, "
        "since January 2016",
    ]
    isk = sample.page("actors/isk/index.html")
    assert isk.select_one(".diagram figcaption a")["href"] == "../../actors/network/"


def test_hostile_names_reach_the_diagram_escaped(site):
    payload = '</title><script>alert(1)</script> \\N "x'
    root = site(
        files={
            "actors/a.yaml": f"name: '{payload}'\nkind: group\n"
            "relations: [{actor: b, type: ally}]\n",
            "actors/b.yaml": "name: B\nkind: group\n",
        }
    )
    result = build(root)
    assert result.code == 0, result.stderr
    html, svg = diagram_of(result.output, "actors/b/index.html")
    assert "<script" not in html
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert payload.replace('\\N "x', "").strip() in " ".join(texts)
    assert "\\N" in " ".join(texts)  # Graphviz's own escapes are not read


def test_every_event_with_an_id_has_a_page_with_what_it_rests_on(sample):
    events = json.loads((sample.output / "data/events.json").read_text())["events"]
    with_ids = [event for event in events if event["id"]]
    assert with_ids
    for event in with_ids:
        assert event["url"].endswith(f"/events/{event['id']}/")
        assert (sample.output / "events" / event["id"] / "index.html").exists()
    page = sample.page("events/kabul-airport-bombing/index.html")
    assert text_of(page.h1) == "Suicide bombing at Abbey Gate, Kabul airport"
    assert page.select_one(".kicker time")["datetime"] == "2021-08-26"
    briefings = [a["href"] for a in page.select(".event-page dd li a")]
    assert briefings == [
        "../../briefings/is-k-attack-reveals-talibans-vulnerability/"
        "#event-kabul-airport-bombing",
        "../../briefings/the-last-flight-out-of-kabul/#event-kabul-airport-bombing",
    ]
    assert page.select_one(".source")["data-grade"] == "C1"
    resting = [li["data-judgment"] for li in page.select("[data-judgment]")]
    assert "taliban-alone-against-isk" in resting


def test_an_event_page_is_a_schema_org_event_about_its_actors(sample):
    page = sample.page("events/kabul-airport-bombing/index.html")
    (script,) = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2021-08-26"
    assert data["url"].endswith("/events/kabul-airport-bombing/")
    assert {actor["name"] for actor in data["about"]} == {
        "Islamic State – Khorasan Province",
        "United States",
        "Taliban",
    }
    assert len(data["subjectOf"]) == 2


def test_every_event_in_every_list_has_an_anchor_and_a_link(sample):
    pages = [
        "briefings/is-k-attack-reveals-talibans-vulnerability/index.html",
        "timeline/index.html",
        "actors/isk/index.html",
        "actors/isk/timeline/index.html",
    ]
    for relative in pages:
        page = sample.page(relative)
        items = page.select(".timeline__event")
        assert items, relative
        for item in items:
            assert item["id"].startswith("event-"), relative
            if item.get("data-event"):
                assert item["id"] == f"event-{item['data-event']}"
                link = item.select_one("a.timeline__title, .timeline__title a")["href"]
                assert link.endswith(f"events/{item['data-event']}/"), relative
            else:
                assert item["id"].startswith("event--"), relative


def test_an_event_without_an_id_links_to_its_place_in_its_briefing(sample):
    events = json.loads((sample.output / "data/events.json").read_text())["events"]
    without = [event for event in events if not event["id"]]
    assert without
    for event in without:
        page, anchor = event["url"].split("#")
        assert anchor.startswith("event--")
        briefing = page.split("/", 3)[3]
        html = sample.page(f"{briefing}index.html")
        assert html.find(id=anchor) is not None
    timeline = sample.page("timeline/index.html")
    item = timeline.find(id=without[0]["url"].split("#")[1])
    assert item.select_one(".timeline__title a")["href"].endswith(
        without[0]["url"].split("/", 3)[3]
    )


def test_timelinejs_slides_link_to_the_event(sample):
    slides = json.loads((sample.output / "timeline/timelinejs.json").read_text())[
        "events"
    ]
    bombing = next(s for s in slides if s.get("unique_id") == "kabul-airport-bombing")
    text = BeautifulSoup(bombing["text"]["text"], "lxml")
    about = [a["href"] for a in text.select("a") if text_of(a) == "About this event"]
    assert about and about[0].endswith("/events/kabul-airport-bombing/")


PAGINATED = """
PAGINATED_TEMPLATES = {"actor": 1}
BRIEFING_ACTOR_EVENTS = 1
BRIEFING_TIMELINE_PAGE_EVENTS = 1
"""


@pytest.fixture(scope="module")
def light(tmp_path_factory):
    """The two-briefings desk with one briefing a page, one event on an
    actor page, and timelines of more than one event split into years."""
    root = make_site(
        tmp_path_factory.mktemp("light"), case="two-briefings", settings=PAGINATED
    )
    result = build(root)
    assert result.code == 0, result.stderr
    return result


def test_an_actor_pages_briefings_are_paginated_as_pelican_paginates(light):
    first = light.page("actors/taliban/index.html")
    second = light.page("actors/taliban/page/2/index.html")
    assert [text_of(c.h3) for c in first.select(".briefing-card")] == [
        "Trouble on the border"
    ]
    assert [text_of(c.h3) for c in second.select(".briefing-card")] == [
        "Bombing at the airport"
    ]
    assert first.select_one('a[rel="next"]')["href"] == "../../actors/taliban/page/2/"
    assert second.select_one('a[rel="prev"]')["href"] == "../../../../actors/taliban/"
    # Only the profile is indexed for search; the later pages are lists.
    assert first.select_one("[data-pagefind-body]") is not None
    assert second.select_one("[data-pagefind-body]") is None
    assert "page 2 of 2" in text_of(second.h1)


def test_an_actor_page_shows_its_latest_events_and_links_its_timeline(light):
    page = light.page("actors/taliban/index.html")
    events = page.select(".briefing-aside .timeline__event")
    assert [text_of(e.h3) for e in events] == ["The capital falls"]
    assert "The 1 latest of 2" in text_of(page.select_one(".briefing-aside"))
    link = page.select_one(".timeline-link a")
    assert link["href"] == "../../actors/taliban/timeline/"
    assert text_of(link) == "Full timeline of Taliban (2 events)"
    timeline = light.page("actors/taliban/timeline/index.html")
    assert text_of(timeline.h1) == "Timeline of Taliban"


def test_a_long_actor_timeline_is_split_into_years(light):
    timeline = light.page("actors/taliban/timeline/index.html")
    years = [a["href"] for a in timeline.select(".year-list a")]
    assert years == [
        "../../../actors/taliban/timeline/1994/",
        "../../../actors/taliban/timeline/2021/",
    ]
    year = light.page("actors/taliban/timeline/1994/index.html")
    assert text_of(year.h1) == "1994"
    assert [
        text_of(e.select_one(".timeline__title"))
        for e in year.select(".timeline__event")
    ] == ["The Taliban movement emerges"]
    kicker = year.select_one(".kicker a")
    assert (text_of(kicker), kicker["href"]) == (
        "Timeline of Taliban",
        "../../../../actors/taliban/timeline/",
    )
