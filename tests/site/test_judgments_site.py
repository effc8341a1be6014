"""Judgments on the pages of a built site: the briefing's block and its
hooks, the updates, graded sources, the standards and judgments pages, the
actor pages, the open data, feeds and JSON-LD, and the build's checks."""

import json
import re

import pytest
from support import build, read_fragments

SEED = "briefings/is-k-attack-reveals-talibans-vulnerability/index.html"
FLIGHT = "briefings/the-last-flight-out-of-kabul/index.html"


@pytest.fixture(scope="module")
def seed(sample_build):
    return sample_build.page(SEED)


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_the_judgments_block_comes_before_the_text_with_its_hooks(seed):
    block = seed.select_one('[data-briefing="judgments"]')
    body = seed.select_one('[data-briefing="body"]')
    assert block is not None and body is not None
    assert block in body.find_all_previous("section")
    assert words(block.find("h2")) == "Key judgments"
    items = block.select("li[data-judgment]")
    assert [
        (li["data-judgment"], li["data-likelihood"], li["data-confidence"])
        for li in items
    ] == [
        ("isk-more-attacks-in-kabul", "very likely", "moderate"),
        ("isk-draws-taliban-dissidents", "likely", "low"),
    ]


def test_a_judgment_shows_its_band_confidence_and_how_it_moved(seed):
    first = seed.select_one('li[data-judgment="isk-more-attacks-in-kabul"]')
    assessment = words(first.select_one(".judgment__assessment"))
    assert assessment == "Very likely : 80–95% · moderate confidence"
    move = first.select_one(".judgment__move")
    assert words(move).startswith(
        "Raised from likely to very likely, confidence raised from low to "
        "moderate on 3 November 2021 : IS-K claimed the attack of 2 November"
    )
    assert move.find("time")["datetime"] == "2021-11-03"
    # The scale is drawn, not read: its words are beside it.
    scale = first.select_one(".scale")
    assert scale["aria-hidden"] == "true"
    assert len(scale.select(".scale__step--on")) == 6
    assert len(scale.select(".scale__step--at")) == 1


def test_judgments_and_grades_link_to_the_standards_page(sample_build, seed):
    links = {a["href"] for a in seed.select(".judgment__assessment a, a.grade")}
    assert links == {
        "../../standards/#likelihood",
        "../../standards/#confidence",
        "../../standards/#grades",
    }
    standards = sample_build.page("standards/index.html")
    for anchor in ("likelihood", "confidence", "grades"):
        assert standards.find(id=anchor) is not None
    terms = [words(tr.th) for tr in standards.select("tr[data-likelihood]")]
    assert terms == [
        "Almost no chance",
        "Very unlikely",
        "Unlikely",
        "Roughly even chance",
        "Likely",
        "Very likely",
        "Almost certain",
    ]


def test_the_basis_links_to_each_event_where_it_is_told(sample_build, seed):
    first = seed.select_one('li[data-judgment="isk-more-attacks-in-kabul"]')
    basis = first.select(".judgment__basis a")
    assert [a["href"] for a in basis] == [
        "../../briefings/is-k-attack-reveals-talibans-vulnerability/#event-kabul-airport-bombing",
        "../../briefings/is-k-attack-reveals-talibans-vulnerability/#event-kabul-hospital-attack",
    ]
    for a in basis:
        target = seed.find(id=a["href"].split("#")[1])
        assert target is not None and target.name == "li"
    assert "single source" in words(first.select_one(".judgment__basis"))


def test_indicators_say_their_status_in_words(seed):
    first = seed.select_one('li[data-judgment="isk-more-attacks-in-kabul"]')
    statuses = [
        (li["data-status"], words(li.select_one(".indicator__status")))
        for li in first.select(".judgment__indicators li")
    ]
    assert statuses == [
        ("observed", "Observed, 2 November 2021 :"),
        ("not observed", "Not observed:"),
    ]


def test_updates_are_listed_newest_first_with_their_dates(sample_build):
    page = sample_build.page(FLIGHT)
    updates = page.select_one('[data-briefing="updates"]')
    dates = [li.find("time")["datetime"] for li in updates.find_all("li")]
    assert dates == ["2021-10-03", "2021-09-17"]
    byline = page.select_one(".byline a[href='#updates']")
    assert words(byline) == "Updated 3 October 2021"


def test_a_graded_source_says_its_grade_in_words_for_screen_readers(seed):
    graded = seed.select_one('[data-event="kabul-hospital-attack"] [data-grade]')
    assert graded["data-grade"] == "B2"
    grade = graded.select_one(".grade")
    assert words(grade) == "B2 (source usually reliable, information probably true)"
    assert "visually-hidden" in grade.select_one("span")["class"]


def test_an_event_says_how_many_sources_it_rests_on(sample_build):
    page = sample_build.page(FLIGHT)
    labels = {
        li["data-event"]: words(li.select_one(".timeline__sources .timeline__label"))
        for li in page.select("[data-event]")
        if li.select_one(".timeline__sources")
    }
    assert labels["kabul-drone-strike"] == "2 sources:"
    assert labels["fall-of-kabul"] == "Single source:"


def test_the_judgments_page_puts_the_latest_revision_first(sample_build):
    page = sample_build.page("judgments/index.html")
    order = [li["data-judgment"] for li in page.select("li[data-judgment]")]
    assert order == [
        "isk-more-attacks-in-kabul",  # moved on 3 November 2021
        "drone-strike-killed-civilians",  # moved on 17 September 2021
        "taliban-alone-against-isk",  # never moved; newer briefing
        "isk-draws-taliban-dissidents",
    ]
    first = page.select_one("li[data-judgment]")
    assert words(first.select_one(".judgment__briefing")) == (
        "IS-K attack reveals Taliban’s vulnerability"
    )


def test_an_actor_page_lists_the_current_judgments_about_it(sample_build):
    page = sample_build.page("actors/united-states/index.html")
    block = page.select_one('[data-briefing="judgments"]')
    assert [li["data-judgment"] for li in block.select("li[data-judgment]")] == [
        "drone-strike-killed-civilians",
        "taliban-alone-against-isk",
    ]
    isis = sample_build.page("actors/isis/index.html")
    assert isis.select_one('[data-briefing="judgments"]') is None


def test_judgments_json_carries_bands_moves_and_machine_tags(sample_build):
    data = json.loads((sample_build.output / "data" / "judgments.json").read_text())
    first = data["judgments"][0]
    assert first["id"] == "isk-more-attacks-in-kabul"
    assert first["probability"] == {"low": 80, "high": 95}
    assert first["tags"] == [
        'estimative-language:likelihood-probability="very-likely"',
        'estimative-language:confidence-in-analytic-judgment="moderate"',
    ]
    assert first["changed"]["date"] == "2021-11-03"
    assert first["changed"]["what"] == "likelihood and confidence"
    assert first["history"][0]["likelihood"] == "likely"
    assert first["briefing"]["url"].endswith(
        "/briefings/is-k-attack-reveals-talibans-vulnerability/"
        "#judgment-isk-more-attacks-in-kabul"
    )
    events = json.loads((sample_build.output / "data" / "events.json").read_text())
    hospital = next(e for e in events["events"] if e["id"] == "kabul-hospital-attack")
    assert hospital["sources"][0]["grade"] == "B2"
    assert 'admiralty-scale:source-reliability="b"' in hospital["sources"][0]["tags"]


def json_ld(page) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


def test_an_updated_briefing_is_modified_in_json_ld_and_feeds(sample_build, seed):
    assert json_ld(seed)["dateModified"] == "2021-11-03"
    assert json_ld(seed)["datePublished"] == "2021-08-27"
    feed = (sample_build.output / "feeds" / "all.atom.xml").read_text()
    entry = re.search(r"<entry>.*?IS-K attack reveals.*?</entry>", feed, re.S)
    assert "<updated>2021-11-03T00:00:00+00:00</updated>" in entry.group(0)
    actor_feed = (sample_build.output / "feeds/actors/isk.atom.xml").read_text()
    assert "<updated>2021-11-03T00:00:00+00:00</updated>" in actor_feed


def test_a_briefing_without_revisions_has_no_date_modified(desk_build):
    page = desk_build.page("briefings/bombing-at-the-airport/index.html")
    assert "dateModified" not in json_ld(page)
    assert page.select_one('[data-briefing="judgments"]') is None
    assert page.select_one('[data-briefing="updates"]') is None


def test_the_search_finds_judgments(sample_build):
    fragments = read_fragments(sample_build.output / "pagefind")
    seed_record = fragments["/briefings/is-k-attack-reveals-talibans-vulnerability/"]
    assert "further mass-casualty attacks in Kabul" in seed_record["content"]


def test_the_judgments_page_is_paginated_as_pelican_paginates(site):
    root = site(
        case="sample",
        settings='PAGINATED_TEMPLATES = {"judgments": 3}\n'
        "BRIEFING_ACTOR_JUDGMENTS = 1\n",
    )
    result = build(root)
    assert result.code == 0, result.stderr
    first = result.page("judgments/index.html")
    second = result.page("judgments/page/2/index.html")
    assert len(first.select("li[data-judgment]")) == 3
    assert [li["data-judgment"] for li in second.select("li[data-judgment]")] == [
        "isk-draws-taliban-dissidents"
    ]
    assert first.select_one("a[rel=next]")["href"] == "../judgments/page/2/"
    assert words(second.select_one(".pagination__where")) == "Page 2 of 2"
    # An actor page lists its newest judgments and points to the others.
    actor = result.page("actors/united-states/index.html")
    assert len(actor.select("[data-briefing=judgments] li[data-judgment]")) == 1
    assert "1 more" in words(actor.select_one("[data-briefing=judgments]"))
    # Fewer judgments: the page they no longer fill goes.
    notes = (
        root / "content/briefings/is-k-attack-reveals-talibans-vulnerability.notes.yaml"
    )
    text = notes.read_text()
    notes.write_text(
        text[: text.index("\n  - id: isk-draws-taliban-dissidents")]
        + "\n"
        + text[text.index("\nupdates:") :]
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert not (result.output / "judgments/page/2").exists()
