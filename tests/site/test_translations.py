"""Translations, the Pelican way: `<slug>.<lang>.md` with the original's
Slug, its own notes or the original's, right to left by its script, and
linked both ways."""

import json
import logging
import re

import pytest
from support import CASES, build, make_site

DARI = """\
Title: بمب‌گذاری در فرودگاه
Slug: bombing-at-the-airport
Lang: fa
Date: 2021-08-28

گروه داعش خراسان مسئولیت حمله به فرودگاه را پذیرفت، یازده روز پس از آن‌که
طالبان پایتخت را گرفتند.
"""
DARI_NOTES = """\
summary: نخستین گزارش میز آزمایشی.
actors:
  - id: isk
    role: مسئولیت حمله را پذیرفت.
  - id: taliban
    role: شهر را در دست داشتند.
timeline:
  - date: 2021-08-26
    title: بمب‌گذاری در دروازهٔ فرودگاه
    current: true
    actors: [isk]
    id: airport-bombing
"""
ISK = """\
name: Islamic State – Khorasan Province
short_name: IS-K
names: {fa: دولت اسلامی ولایت خراسان, ps: د اسلامي دولت د خراسان ولايت}
short_names: {fa: داعش خراسان}
kind: armed group
summary: The Islamic State's branch in Afghanistan and Pakistan.
"""
ORIGINAL = "briefings/bombing-at-the-airport/index.html"
TRANSLATED = "briefings/bombing-at-the-airport/fa/index.html"


@pytest.fixture(scope="module")
def translated(tmp_path_factory):
    root = make_site(
        tmp_path_factory.mktemp("fa"),
        case="two-briefings",
        files={
            "briefings/airport.fa.md": DARI,
            "briefings/airport.fa.notes.yaml": DARI_NOTES,
            "actors/isk.yaml": ISK,
        },
    )
    result = build(root)
    assert result.code == 0, result.stderr
    return result


def test_a_translation_is_paired_and_published_under_its_original(translated):
    page = translated.page(TRANSLATED)
    assert page.select_one("h1").get_text(strip=True) == "بمب‌گذاری در فرودگاه"
    assert page.html["lang"] == "fa" and page.html["dir"] == "rtl"
    original = translated.page(ORIGINAL)
    assert original.html["lang"] == "en" and original.html["dir"] == "ltr"


def test_each_version_links_the_other_with_hreflang(translated):
    for relative, other in [(ORIGINAL, TRANSLATED), (TRANSLATED, ORIGINAL)]:
        page = translated.page(relative)
        links = {
            link["hreflang"]: link["href"]
            for link in page.select('link[rel="alternate"][hreflang]')
        }
        assert set(links) == {"en", "fa"}
        target = other.removesuffix("index.html")
        assert any(href.endswith(target) for href in links.values())
        switcher = page.select_one('[data-briefing="languages"]')
        names = [item.get_text(strip=True) for item in switcher.select("li")]
        assert names == ["English", "فارسی"]
        current = switcher.select_one('[aria-current="page"]')
        assert current["lang"] == page.html["lang"]


def test_the_translation_has_its_own_notes_and_mentions_in_its_script(translated):
    page = translated.page(TRANSLATED)
    summary = page.select_one('[data-briefing="summary"]')
    assert "نخستین گزارش" in summary.text
    mentions = {a["data-mention"]: a.text for a in page.select("a.mention")}
    assert mentions == {"isk": "داعش خراسان", "taliban": "طالبان"}


def test_json_ld_names_the_language_and_the_translation_both_ways(translated):
    def schema(relative):
        script = translated.page(relative).select_one(
            'script[type="application/ld+json"]'
        )
        return json.loads(script.string)

    original, dari = schema(ORIGINAL), schema(TRANSLATED)
    assert original["inLanguage"] == "en" and dari["inLanguage"] == "fa"
    assert dari["translationOfWork"]["url"].endswith("/bombing-at-the-airport/")
    assert original["workTranslation"][0]["url"].endswith("/bombing-at-the-airport/fa/")


def test_a_feed_per_language_linked_from_its_pages(translated):
    feed = (translated.output / "feeds" / "all-fa.atom.xml").read_text("utf-8")
    assert "بمب‌گذاری در فرودگاه" in feed and "Bombing at the airport" not in feed
    # Pelican's feed of everything holds every language.
    every = (translated.output / "feeds" / "all.atom.xml").read_text("utf-8")
    assert "بمب‌گذاری در فرودگاه" in every and "Bombing at the airport" in every
    feeds = translated.page(TRANSLATED).select('link[type="application/atom+xml"]')
    assert any(
        link["href"].endswith("feeds/all-fa.atom.xml") and link["hreflang"] == "fa"
        for link in feeds
    )


def test_a_translation_without_notes_shows_the_originals_in_their_language(site):
    original = CASES / "two-briefings" / "content" / "briefings" / "airport.notes.yaml"
    updated = original.read_text("utf-8") + (
        "updates:\n  - date: 2021-08-29\n    text: The toll rose.\n"
    )
    root = site(
        case="two-briefings",
        files={
            "briefings/airport.fa.md": DARI,
            "briefings/airport.notes.yaml": updated,
        },
    )
    result = build(root)
    assert result.code == 0, result.stderr
    assert "has no notes" not in result.stderr
    page = result.page(TRANSLATED)
    notes = page.select(".briefing-notes")
    # The summary and judgments, the updates, the sidebar.
    assert [(part["lang"], part["dir"]) for part in notes] == [("en", "ltr")] * 3
    assert "The first briefing of the test desk." in notes[0].text
    # The headings of the notes are in their language too; the page's own
    # interface is in Dari.
    assert notes[0].h2.text == "Why it matters"
    assert notes[1].h2.text == "Updates"
    assert "The toll rose." in notes[1].text
    assert notes[2].h2.text == "Actors"
    assert page.select_one(".skip-link").text == "رفتن به محتوا"
    assert page.select_one("aside")["aria-label"] == "بازیگران و گاه‌شمار"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"briefings/lost.fa.md": DARI.replace("bombing-at-the-airport", "lost")},
            r"briefings/lost\.fa\.md:3: a translation into 'fa' of 'lost', which "
            r"has no original in the site's language \(en\) \(give it the Slug",
        ),
        (
            {
                "briefings/airport.fa.md": DARI,
                "briefings/airport2.fa.md": DARI,
            },
            r"briefings/airport2\.fa\.md:3: 'bombing-at-the-airport' is translated "
            r"into 'fa' twice \(the other translation is .*airport\.fa\.md\)",
        ),
    ],
)
def test_a_lost_or_doubled_translation_is_an_error_with_its_line(site, files, message):
    result = build(site(case="two-briefings", files=files))
    assert result.code == 1
    assert re.search(message, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_the_sidebar_names_actors_in_the_pages_language(translated):
    page = translated.page(TRANSLATED)
    names = {
        item["data-actor"]: item.select_one(".actor__name bdi").text
        for item in page.select('[data-briefing="actors"] [data-actor]')
    }
    # IS-K has a Dari name; the Taliban have none, and keep their own.
    assert names == {"isk": "دولت اسلامی ولایت خراسان", "taliban": "Taliban"}
    english = translated.page(ORIGINAL).select_one('[data-actor="isk"] bdi').text
    assert english == "Islamic State – Khorasan Province"


def test_actors_json_carries_the_names_per_language(translated):
    data = json.loads((translated.output / "data" / "actors.json").read_text("utf-8"))
    isk = next(actor for actor in data["actors"] if actor["id"] == "isk")
    assert isk["names"] == {
        "fa": "دولت اسلامی ولایت خراسان",
        "ps": "د اسلامي دولت د خراسان ولايت",
    }
    assert isk["short_names"] == {"fa": "داعش خراسان"}


def test_lists_of_briefings_offer_their_translations(translated):
    for relative in ("index.html", "actors/isk/index.html"):
        page = translated.page(relative)
        offered = page.select(".briefing-card__languages a")
        assert [(a["hreflang"], a.text) for a in offered] == [("fa", "فارسی")], relative
        assert offered[0]["href"].endswith("briefings/bombing-at-the-airport/fa/")
    # The timeline: each briefing telling an event, with its translations.
    event = translated.page("timeline/index.html").select_one(
        '[data-event="airport-bombing"] .timeline__briefings'
    )
    offered = event.select("a[hreflang]")
    assert [(a["hreflang"], a["lang"], a.text) for a in offered] == [
        ("fa", "fa", "فارسی")
    ]
    assert offered[0]["href"].endswith("briefings/bombing-at-the-airport/fa/")


def test_a_draft_translation_of_a_published_briefing_is_no_error(site):
    draft = DARI.replace("Lang: fa\n", "Lang: fa\nStatus: draft\n")
    result = build(site(case="two-briefings", files={"briefings/airport.fa.md": draft}))
    assert result.code == 0, result.stderr
    assert not (result.output / TRANSLATED).exists()  # a draft: not published


def test_the_interface_is_in_the_pages_language(translated):
    dari, english = translated.page(TRANSLATED), translated.page(ORIGINAL)
    assert dari.select_one(".skip-link").text == "رفتن به محتوا"
    assert english.select_one(".skip-link").text == "Skip to content"
    headings = [h2.text for h2 in dari.select("h2")]
    assert headings[:2] == ["چرا مهم است", "بازیگران"], headings
    assert "گاه‌شمار" in headings
    nav = [a.text for a in dari.select(".site-nav a")]
    assert nav[:3] == ["گزارش‌ها", "بازیگران", "گاه‌شمار"]


def test_dates_are_written_in_the_pages_language_at_their_precision(translated):
    dari = translated.page(TRANSLATED)
    byline = dari.select_one(".byline time")
    # In Dari as written in Afghanistan (BRIEFING_LOCALES names fa_AF).
    assert (byline["datetime"], byline.text) == ("2021-08-28", "28 اگست 2021")
    event = dari.select_one('[data-event="airport-bombing"] time')
    assert (event["datetime"], event.text) == ("2021-08-26", "26 اگست 2021")
    english = translated.page(ORIGINAL).select_one(".byline time")
    assert english.text == "27 August 2021"


def test_each_language_has_its_search_page(translated):
    search = translated.page("search/fa/index.html")
    assert search.html["lang"] == "fa" and search.html["dir"] == "rtl"
    assert search.h1.text == "جست‌وجو"
    form = translated.page(TRANSLATED).select_one("form.site-search")
    assert form["action"].endswith("search/fa/")
    english = translated.page(ORIGINAL).select_one("form.site-search")
    assert english["action"].endswith("search/")


def test_events_json_carries_the_titles_of_the_translations(translated):
    data = json.loads((translated.output / "data" / "events.json").read_text("utf-8"))
    bombing = next(e for e in data["events"] if e["id"] == "airport-bombing")
    assert bombing["titles"] == {"fa": "بمب‌گذاری در دروازهٔ فرودگاه"}
    assert all(e["titles"] == {} for e in data["events"] if e is not bombing)


GERMAN = """\
Title: {title}
Slug: {slug}
Lang: de
Date: 2021-08-29

Ein Text auf Deutsch.
"""


def test_a_language_without_a_catalog_is_english_with_one_warning(site, caplog):
    root = site(
        case="two-briefings",
        files={
            "briefings/airport.de.md": GERMAN.format(
                title="Anschlag am Flughafen", slug="bombing-at-the-airport"
            ),
            "briefings/second.de.md": GERMAN.format(
                title="Ärger an der Grenze", slug="trouble-on-the-border"
            ),
        },
    )
    with caplog.at_level(logging.WARNING):
        result = build(root)
    assert result.code == 0, result.stderr
    warnings = [message for message in caplog.messages if "no catalog" in message]
    assert len(warnings) == 1, caplog.messages
    assert "'de' (Deutsch)" in warnings[0]
    page = result.page("briefings/bombing-at-the-airport/de/index.html")
    assert page.html["lang"] == "de"
    assert page.select_one(".skip-link").text == "Skip to content"


def test_the_dari_sample_names_its_judgments_basis_in_dari(sample_build):
    page = sample_build.page("briefings/the-last-flight-out-of-kabul/fa/index.html")
    basis = page.select(".judgment__basis a")
    assert len(basis) == 4
    for link in basis:  # the events as its own notes tell them
        assert re.search(r"[\u0600-\u06ff]", link.text), link.text
        assert re.search(r"/fa/#event-[a-z-]+$", link["href"]), link["href"]
