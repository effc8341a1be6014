"""Machine-readable output: JSON-LD, open data with its schemas, TimelineJS."""

import json

import extruct
import jsonschema
import pytest
from referencing import Registry, Resource
from support import build, make_site

SITE = "http://127.0.0.1:8000"
SEED_PAGE = "briefings/is-k-attack-reveals-talibans-vulnerability/index.html"


@pytest.fixture
def sample(sample_build):
    return sample_build.output


def json_ld(output, page):
    html = (output / page).read_text(encoding="utf-8")
    [data] = extruct.extract(html, base_url=SITE, syntaxes=["json-ld"])["json-ld"]
    return data


def test_a_briefing_carries_a_news_article_with_its_actors(sample):
    data = json_ld(sample, SEED_PAGE)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "OpinionNewsArticle"  # Article_type: opinion
    assert data["headline"] == "IS-K attack reveals Taliban’s vulnerability"
    assert data["description"] == "Used Kabul’s airport as place to mark arrival"
    assert data["datePublished"] == "2021-08-27"
    assert (
        data["url"] == f"{SITE}/briefings/is-k-attack-reveals-talibans-vulnerability/"
    )
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Raffaello Pantucci",
            "description": "Raffaello Pantucci is a senior associate fellow at the "
            "Royal United Services Institute.",
        }
    ]
    assert data["publisher"] == {"@type": "Organization", "name": "National Post"}
    assert data["isBasedOn"]["publisher"]["name"] == "The Daily Telegraph"
    about = {entity["name"]: entity for entity in data["about"]}
    assert list(about) == [
        "Islamic State – Khorasan Province",
        "Taliban",
        "Islamic State",
        "United States",
    ]
    assert about["Taliban"]["@type"] == "Organization"
    assert about["United States"]["@type"] == "Country"
    assert "https://www.wikidata.org/wiki/Q30" in about["United States"]["sameAs"]
    assert about["Taliban"]["url"] == f"{SITE}/actors/taliban/"


def test_an_analysis_is_an_analysis_news_article(sample):
    data = json_ld(sample, "briefings/the-last-flight-out-of-kabul/index.html")
    assert data["@type"] == "AnalysisNewsArticle"
    assert "isBasedOn" not in data  # the desk's own writing


def test_an_actor_page_carries_the_actor_as_its_type(sample):
    data = json_ld(sample, "actors/isk/index.html")
    assert data["@type"] == "Organization"
    assert data["name"] == "Islamic State – Khorasan Province"
    assert "ولاية خراسان" in data["alternateName"]
    assert data["parentOrganization"]["name"] == "Islamic State"
    assert data["description"].startswith("The Islamic State’s branch")
    country = json_ld(sample, "actors/united-states/index.html")
    assert country["@type"] == "Country"


@pytest.mark.parametrize("name", ["actors", "events", "judgments"])
def test_the_open_data_is_valid_against_its_shipped_schema(sample, name):
    data = json.loads((sample / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads(
        (sample / "data" / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    # The schemas refer to each other by file name (actors' relations have
    # the sources of events.schema.json), as they lie side by side in data/.
    shipped = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text("utf-8"))))
        for path in (sample / "data").glob("*.schema.json")
    )
    validator = jsonschema.Draft202012Validator(
        schema,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
        registry=shipped,
    )
    assert list(validator.iter_errors(data)) == []
    assert data[name]


def test_the_schemas_reject_what_they_should(sample):
    schema = json.loads((sample / "data" / "events.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = json.loads((sample / "data" / "events.json").read_text())
    bad_date = {**good, "events": [{**good["events"][0], "date": "26 August 2021"}]}
    assert not validator.is_valid(bad_date)
    no_briefing = {**good, "events": [{**good["events"][0], "briefings": []}]}
    assert not validator.is_valid(no_briefing)


def test_events_json_merges_events_and_counts_briefings(sample):
    events = json.loads((sample / "data" / "events.json").read_text())["events"]
    dates = [event["date"] for event in events]
    assert dates == sorted(dates)
    [bombing] = [e for e in events if e["id"] == "kabul-airport-bombing"]
    assert bombing["precision"] == "day"
    assert bombing["actors"] == ["isk", "united-states", "taliban"]
    assert [b["url"] for b in bombing["briefings"]] == [
        f"{SITE}/briefings/is-k-attack-reveals-talibans-vulnerability/",
        f"{SITE}/briefings/the-last-flight-out-of-kabul/",
    ]
    actors = json.loads((sample / "data" / "actors.json").read_text())["actors"]
    assert {a["id"]: a["briefings"] for a in actors} == {
        "isis": 1,
        "isk": 2,
        "taliban": 2,
        "united-states": 2,
    }


def test_timelinejs_maps_partial_and_approximate_dates(tmp_path):
    output = build(make_site(tmp_path, case="two-briefings")).output
    document = json.loads((output / "timeline" / "timelinejs.json").read_text())
    events = document["events"]
    assert [event["start_date"] for event in events] == [
        {"year": 1994, "display_date": "c. 1994"},
        {"year": 2015},
        {"year": 2021, "month": 8, "day": 15},
        {"year": 2021, "month": 8, "day": 26},
        {"year": 2021, "month": 9},
    ]
    assert events[0]["display_date"] == "c. 1994"
    assert [event["group"] for event in events] == [
        "1994",
        "2015",
        "2021",
        "2021",
        "2021",
    ]
    bombing = events[3]
    assert bombing["unique_id"] == "airport-bombing"
    assert "../briefings/" not in bombing["text"]["text"]
    assert f'href="{SITE}/briefings/bombing-at-the-airport/"' in bombing["text"]["text"]
    taliban = json.loads(
        (output / "actors" / "taliban" / "timelinejs.json").read_text()
    )
    assert [e["text"]["headline"] for e in taliban["events"]] == [
        "The Taliban movement emerges",
        "The capital falls",
    ]
