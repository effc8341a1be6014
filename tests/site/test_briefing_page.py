"""A briefing page: article, summary, actor sidebar and timeline box."""

import pytest
from support import SEED_CLIPPING as SEED
from support import build, text_of

SEED_PAGE = "briefings/is-k-attack-reveals-talibans-vulnerability/index.html"


@pytest.fixture
def sample(sample_build):
    return sample_build


def test_the_seed_page_shows_the_article_text_unchanged(sample):
    page = sample.page(SEED_PAGE)
    body = page.select_one('[data-briefing="body"]')
    paragraphs = [text_of(p) for p in body.find_all("p") if not p.get("class")]
    # The clipping: publication, headline, dek, byline, body, trailer (2 lines).
    blocks = [b.strip() for b in SEED.read_text(encoding="utf-8").split("\n\n")]
    seed_body = [block for block in blocks if block][4:-2]
    assert len(seed_body) == 7
    assert paragraphs == seed_body
    assert "Newspapers in English" not in page.get_text()


def test_the_seed_page_shows_its_metadata(sample):
    page = sample.page(SEED_PAGE)
    assert text_of(page.h1) == "IS-K attack reveals Taliban’s vulnerability"
    assert (
        text_of(page.select_one(".dek"))
        == "Used Kabul’s airport as place to mark arrival"
    )
    assert text_of(page.select_one(".kicker")) == "National Post"
    assert "Raffaello Pantucci" in text_of(page.select_one(".byline"))
    assert page.select_one(".byline time")["datetime"] == "2021-08-27"
    assert "The Daily Telegraph" in text_of(page.select_one(".provenance"))
    assert "Royal United Services Institute" in text_of(page.select_one(".author-bio"))


def test_the_seed_page_has_its_summary_sidebar_and_timeline(sample):
    page = sample.page(SEED_PAGE)
    summary = page.select_one('[data-briefing="summary"]')
    assert "announcing itself to the world" in text_of(summary)

    sidebar = page.select_one('[data-briefing="actors"]')
    ids = [element["data-actor"] for element in sidebar.select("[data-actor]")]
    assert ids == ["isk", "taliban", "isis", "united-states"]

    timeline = page.select_one('[data-briefing="timeline"]')
    events = timeline.find_all("li")
    assert len(events) >= 6
    datetimes = [event.time["datetime"] for event in events]
    assert datetimes == sorted(datetimes), "events are shown oldest first"
    assert all(event.find("a", href=True) for event in events), "every event sourced"
    current = [event for event in events if event.get("aria-current") == "true"]
    assert len(current) == 1
    assert current[0].time["datetime"] == "2021-08-26"
    assert text_of(current[0].time) == "26 August 2021"


def test_the_home_page_lists_briefings_with_dek_and_date(sample):
    home = sample.page("index.html")
    cards = home.select(".briefing-card")
    assert [text_of(c.h2) for c in cards] == [
        "The last flight out of Kabul",  # 31 August 2021: newest first
        "IS-K attack reveals Taliban’s vulnerability",
    ]
    card = cards[1]
    link = card.find("a")
    assert link["href"].removeprefix("./") == SEED_PAGE.removesuffix("index.html")
    assert "Used Kabul’s airport" in text_of(card.select_one(".dek"))
    assert card.time["datetime"] == "2021-08-27"


def test_pages_need_no_javascript_and_forbid_inline_script(sample):
    pages = sorted(sample.output.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        relative = str(path.relative_to(sample.output))
        page = sample.page(relative)
        policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        scripts = page.find_all("script")
        if relative in {"search/index.html", "search/fa/index.html"}:
            # Search alone runs code: the site's own files, no inline script.
            assert "script-src 'self' 'wasm-unsafe-eval';" in policy["content"]
            assert all(script.get("src") and not script.string for script in scripts)
            continue
        assert "script-src 'none'" in policy["content"]
        assert all(script["type"] == "application/ld+json" for script in scripts)


def test_partial_and_approximate_dates_and_non_latin_aliases_render(site):
    result = build(site(case="two-briefings"))
    assert result.code == 0, result.stderr
    page = result.page("briefings/trouble-on-the-border/index.html")
    events = page.select('[data-briefing="timeline"] li')
    shown = [(e.time["datetime"], text_of(e.time)) for e in events]
    assert shown == [
        ("1994", "c. 1994"),
        ("2015", "2015"),
        ("2021-08-26", "26 August 2021"),
        ("2021-09", "September 2021"),
    ]
    assert events[-1]["aria-current"] == "true"
    assert [e.get("aria-current") for e in events[:-1]] == [None, None, None]

    pakistan = page.select_one('[data-actor="pakistan"]')
    assert "پاکستان" in text_of(pakistan)
    assert "Shelled the border districts." in text_of(pakistan)
    taliban = page.select_one('[data-actor="taliban"]')
    assert "طالبان" in text_of(taliban)


def test_home_lists_briefings_newest_first(site):
    result = build(site(case="two-briefings"))
    titles = [text_of(h) for h in result.page("index.html").select(".briefing-card h2")]
    assert titles == ["Trouble on the border", "Bombing at the airport"]


def test_the_home_page_lists_the_newest_in_pages_of_fifty(sample):
    # The sample site's own settings: a desk of thousands gets pages of 50.
    assert sample.page("index.html").select(".pagination") == []
    assert not (sample.output / "page").exists()


def test_older_briefings_are_on_further_pages(site):
    newer = {
        f"briefings/day-{day}.md": f"Title: Day {day}\nDate: 2021-09-{day}\n\nText.\n"
        for day in (10, 11, 12)
    }
    result = build(
        site(case="two-briefings", files=newer, settings="DEFAULT_PAGINATION = 2\n")
    )
    assert result.code == 0, result.stderr
    pages = ["index.html", "page/2/index.html", "page/3/index.html"]
    titles = [
        [text_of(h) for h in result.page(page).select(".briefing-card h2")]
        for page in pages
    ]
    assert titles == [
        ["Day 12", "Day 11"],
        ["Day 10", "Trouble on the border"],
        ["Bombing at the airport"],
    ]
    assert not (result.output / "page" / "4").exists()

    def links(page):
        nav = result.page(page).select_one("nav.pagination")
        return {a["rel"][0]: a["href"] for a in nav("a")}, text_of(nav)

    assert links("index.html") == ({"next": "./page/2/"}, "Page 1 of 3 Older briefings")
    assert links("page/2/index.html")[0] == {"prev": "../../", "next": "../../page/3/"}
    assert links("page/3/index.html")[0] == {"prev": "../../page/2/"}
    second = result.page("page/2/index.html")
    assert text_of(second.title) == "Briefings, page 2 · Briefing desk"
    # Cards are rendered once per page depth: links work from page/2/ too.
    card = second.select_one(".briefing-card h2 a")
    assert card["href"] == "../../briefings/day-10/"


def test_a_theme_can_override_the_sidebar_template(site, tmp_path):
    overrides = tmp_path / "overrides" / "briefing"
    overrides.mkdir(parents=True)
    (overrides / "actors.html").write_text(
        '<ul data-briefing="actors" class="custom">'
        "{% for cast in briefing.actors %}<li>{{ cast.actor.name }}</li>{% endfor %}"
        "</ul>",
        encoding="utf-8",
    )
    root = site(
        case="two-briefings",
        settings=f"THEME_TEMPLATES_OVERRIDES = [{str(overrides.parent)!r}]\n",
    )
    result = build(root)
    assert result.code == 0, result.stderr
    sidebar = result.page("briefings/bombing-at-the-airport/index.html").select_one(
        '[data-briefing="actors"]'
    )
    assert sidebar["class"] == ["custom"]
    assert [text_of(li) for li in sidebar.find_all("li")] == [
        "Islamic State – Khorasan Province",
        "Taliban",
    ]


def test_an_actor_profile_shows_its_parent_aliases_and_links(sample):
    page = sample.page(SEED_PAGE)
    profile = page.select_one('[data-actor="isk"] details')
    assert "Part of Islamic State" in text_of(profile)
    assert "ولاية خراسان" in text_of(profile)
    links = {text_of(a): a["href"] for a in profile.select(".actor__links a")}
    assert links == {
        "Wikipedia : IS-K": (
            "https://en.wikipedia.org/wiki/Islamic_State_%E2%80%93_Khorasan_Province"
        )
    }
    united_states = page.select_one('[data-actor="united-states"] .actor__links')
    assert "https://www.wikidata.org/wiki/Q30" in [
        a["href"] for a in united_states("a")
    ]


def test_the_sample_briefings_meet_on_the_site_timeline(sample):
    timeline = sample.page("timeline/index.html")
    [bombing] = timeline.select('li[data-event="kabul-airport-bombing"]')
    told_in = [text_of(a) for a in bombing.select(".timeline__briefings a")]
    assert told_in == [
        "IS-K attack reveals Taliban’s vulnerability",
        "The last flight out of Kabul",
        "فارسی",  # the second's translation
    ]
    isk = sample.page("actors/isk/index.html")
    assert len(isk.select(".actor-briefings .briefing-card")) == 2
