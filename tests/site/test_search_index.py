"""What Pagefind indexes: briefings and actor pages, never the site chrome."""

import gzip
import json

import pytest
from support import build, make_site


@pytest.fixture
def fragments(sample_build):
    records = []
    for path in sorted(
        (sample_build.output / "pagefind" / "fragment").glob("*.pf_fragment")
    ):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return {record["url"]: record for record in records}


def test_briefings_and_actor_pages_are_indexed_and_nothing_else(fragments):
    assert sorted(fragments) == [
        "/actors/isis/",
        "/actors/isk/",
        "/actors/taliban/",
        "/actors/united-states/",
        "/briefings/is-k-attack-reveals-talibans-vulnerability/",
        "/briefings/the-last-flight-out-of-kabul/",
    ]
    seed = fragments["/briefings/is-k-attack-reveals-talibans-vulnerability/"]
    assert seed["meta"]["title"] == "IS-K attack reveals Taliban’s vulnerability"
    assert "opening salvo" in seed["content"]


def test_navigation_search_box_and_footer_are_not_indexed(fragments):
    for record in fragments.values():
        content = record["content"]
        assert "Skip to content" not in content
        assert "Briefings Actors Timeline About" not in content
        assert "Search the briefings" not in content
        assert "Articles that matter, with the actors" not in content


def test_without_search_there_is_no_index_page_or_box(tmp_path):
    result = build(
        make_site(tmp_path, case="two-briefings", settings="BRIEFING_SEARCH = False\n")
    )
    assert result.code == 0, result.stderr
    assert not (result.output / "pagefind").exists()
    assert not (result.output / "search").exists()
    assert result.page("index.html").select_one("form.site-search") is None
