"""`make publish`: publishconf.py on top of pelican.conf.py writes a site
whose sitemap, robots.txt, feeds and canonical links use the public
address; and the 404 page every build has."""

import shutil
import subprocess

import pytest
from lxml import etree
from support import REPO, build, make_site

PUBLIC = "https://briefings.example.org"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("publish"), case="sample")
    shutil.copy(REPO / "publishconf.py", root / "publishconf.py")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITEURL", PUBLIC)
        result = build_with(root, "publishconf.py")
    assert result.code == 0, result.stderr
    return result


def build_with(root, settings_file):
    # `build` runs `-s pelican.conf.py`: point it at publishconf.py instead.
    (root / "pelican.conf.py").rename(root / "base.conf.py")
    conf = (
        (root / settings_file)
        .read_text("utf-8")
        .replace('with_name("pelican.conf.py")', 'with_name("base.conf.py")')
    )
    (root / "pelican.conf.py").write_text(conf, encoding="utf-8")
    return build(root)


def sitemap_entries(output):
    tree = etree.parse(str(output / "sitemap.xml"))
    root = tree.getroot()
    assert root.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in root:
        assert url.tag == f"{SITEMAP}url"
        children = {child.tag.removeprefix(SITEMAP): child.text for child in url}
        assert set(children) <= {"loc", "lastmod"}
        assert children["loc"] not in entries
        entries[children["loc"]] = children.get("lastmod")
    return entries


def test_the_sitemap_lists_every_page_at_the_public_address(published):
    entries = sitemap_entries(published.output)
    pages = {
        PUBLIC
        + "/"
        + str(path.relative_to(published.output)).removesuffix("index.html")
        for path in published.output.rglob("*.html")
    }
    pages.discard(PUBLIC + "/404.html")
    assert set(entries) == pages
    assert PUBLIC + "/briefings/the-last-flight-out-of-kabul/" in entries
    assert PUBLIC + "/packs/afghanistan-after-the-withdrawal/" in entries


def test_the_sitemap_dates_each_page_by_its_latest_update(published):
    entries = sitemap_entries(published.output)
    # Published 27 August 2021, updated on 3 November 2021 (its notes).
    assert (
        entries[PUBLIC + "/briefings/is-k-attack-reveals-talibans-vulnerability/"]
        == "2021-11-03"
    )
    # Published 31 August, last updated 3 October 2021.
    assert entries[PUBLIC + "/briefings/the-last-flight-out-of-kabul/"] == "2021-10-03"
    # The bombing is told by both: the later update of the two.
    assert entries[PUBLIC + "/events/kabul-airport-bombing/"] == "2021-11-03"
    assert all(len(day) == 10 for day in entries.values())


def test_robots_txt_points_at_the_sitemap(published):
    robots = (published.output / "robots.txt").read_text("utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in robots


def test_links_feeds_and_canonical_links_use_the_public_address(published):
    page = published.page("briefings/the-last-flight-out-of-kabul/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == (
        PUBLIC + "/briefings/the-last-flight-out-of-kabul/"
    )
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith(PUBLIC + "/")
    feed = (published.output / "feeds" / "all.atom.xml").read_text("utf-8")
    assert f'href="{PUBLIC}/briefings/the-last-flight-out-of-kabul/"' in feed
    assert "127.0.0.1" not in feed


def test_a_local_build_has_no_canonical_link_and_no_sitemap(sample_build):
    page = sample_build.page("briefings/the-last-flight-out-of-kabul/index.html")
    assert page.select_one('link[rel="canonical"]') is None
    assert not (sample_build.output / "sitemap.xml").exists()


def test_the_404_page_has_the_sites_look_and_ways_back(sample_build):
    page = sample_build.page("404.html")
    assert page.select_one("header.site-header") is not None
    assert "not here" in page.select_one("h1").text
    assert page.select(".not-found a")


def test_make_publish_asks_for_the_public_address():
    done = subprocess.run(
        ["make", "-s", "publish", "SITEURL="],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "usage: make publish SITEURL=https://" in done.stderr


def test_a_translation_is_in_the_sitemap_dated_by_its_own_notes(published):
    entries = sitemap_entries(published.output)
    # The Dari translation's notes were last updated on 3 October 2021.
    assert entries[PUBLIC + "/briefings/the-last-flight-out-of-kabul/fa/"] == (
        "2021-10-03"
    )
