"""No internal link, asset or fragment of the sample site is broken."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

SITE = "http://127.0.0.1:8000"  # the sample's SITEURL: feeds link through it


@pytest.fixture
def sample_output(sample_build):
    return sample_build.output


def links_in(path: Path):
    """Every href and src of a page."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    for element in soup.find_all(True):
        for attribute in ("href", "src"):
            if element.has_attr(attribute):
                yield element[attribute]


def target_of(output: Path, page: Path, link: str):
    """The file a link points to inside output/, or None if it leaves the site."""
    if link.startswith(SITE):
        link = link[len(SITE) :] or "/"
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # another site: not checked, no network here
    if not parts.path:
        return page
    base = output if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_and_fragment_resolves(sample_output):
    pages = sorted(sample_output.rglob("*.html"))
    ids = {
        page.resolve(): {
            element["id"]
            for element in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")(
                id=True
            )
        }
        for page in pages
    }
    checked, broken = 0, []
    for page in pages:
        for link in links_in(page):
            target = target_of(sample_output, page, link)
            if target is None:
                continue
            checked += 1
            fragment = urlsplit(link).fragment
            known_ids = ids.get(target, set())
            if not target.is_file() or (fragment and fragment not in known_ids):
                broken.append((str(page.relative_to(sample_output)), link))
    assert broken == []
    assert checked > 200


def test_every_link_in_a_feed_points_into_the_site(sample_output):
    for feed in sorted((sample_output / "feeds").rglob("*.xml")):
        soup = BeautifulSoup(feed.read_text(encoding="utf-8"), "xml")
        for link in soup.find_all("link"):
            target = target_of(sample_output, feed, link["href"])
            assert target is not None and target.is_file(), (feed.name, link["href"])
