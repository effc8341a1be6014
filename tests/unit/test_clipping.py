"""Reading clipping exports: each variant real exports come in."""

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from support import SEED_CLIPPING

from briefing.authoring.clipping import (
    ClippingError,
    article_text,
    notes_text,
    parse_clipping,
)

CLIPPINGS = Path(__file__).parent / "clippings"
SEED = SEED_CLIPPING


def parse(name):
    return parse_clipping((CLIPPINGS / name).read_text(encoding="utf-8"))


def test_the_seed_clipping():
    clipping = parse_clipping(SEED.read_text(encoding="utf-8"))
    assert clipping.publication == "National Post"
    assert clipping.headline == "IS-K attack reveals Taliban’s vulnerability"
    assert clipping.dek == "Used Kabul’s airport as place to mark arrival"
    assert clipping.authors == ["Raffaello Pantucci"]
    assert clipping.original_publisher == "The Daily Telegraph"
    assert clipping.author_bio == (
        "Raffaello Pantucci is a senior associate fellow at the Royal United "
        "Services Institute."
    )
    assert len(clipping.paragraphs) == 7
    assert clipping.paragraphs[-1].endswith("into a new and brutal chapter.")
    assert "Newspapers" not in " ".join(clipping.paragraphs)


def test_a_staff_byline_without_dek_bio_or_original_publisher():
    clipping = parse("staff-reporter-no-dek.txt")
    assert clipping.headline == "Port authority delays dredging vote"
    assert clipping.dek is None
    assert clipping.authors == ["Staff reporter"]
    assert clipping.original_publisher is None
    assert clipping.author_bio is None
    assert len(clipping.paragraphs) == 2  # both trailer lines removed


def test_two_authors_and_their_bio():
    clipping = parse("two-authors.txt")
    assert clipping.dek == "Costs rose after the tunnel flooded twice"
    assert clipping.authors == ["Amira Haddad", "Tomas Lind"]
    assert clipping.original_publisher == "Reuters"
    assert clipping.author_bio.startswith("Amira Haddad is the Ledger’s")
    assert "–" in clipping.paragraphs[1]


def test_a_name_and_publisher_without_bio():
    clipping = parse("name-and-publisher-no-bio.txt")
    assert clipping.authors == ["Jane Doe"]
    assert clipping.original_publisher == "The Coastal Herald"
    assert clipping.author_bio is None


def test_no_dek_and_no_byline():
    clipping = parse("no-dek-no-byline.txt")
    assert clipping.dek is None
    assert clipping.authors == []
    assert clipping.paragraphs[0].startswith("The cooperative that runs")


def test_windows_line_endings_a_byte_order_mark_and_trailing_spaces():
    raw = (CLIPPINGS / "windows-bom-trailing-spaces.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    clipping = parse_clipping(raw.decode("utf-8"))
    assert clipping.publication == "Morning Standard"
    assert clipping.headline == "Café owners welcome longer terrace hours"
    assert clipping.authors == ["Zoë Kowalski"]
    assert clipping.original_publisher == "The Morning Standard"
    assert clipping.paragraphs == [
        "Owners of cafés on the square said the longer hours would help them "
        "recover after a wet June.",
        "“We lost three weekends to the rain,” one owner said — “this gives us a "
        "chance.”",
    ]


@pytest.mark.parametrize(
    ("name", "missing"),
    [("no-headline.txt", "no headline"), ("no-body.txt", "no body")],
)
def test_a_clipping_without_headline_or_body_is_refused(name, missing):
    with pytest.raises(ClippingError, match=missing):
        parse(name)


def test_an_empty_clipping_is_refused():
    with pytest.raises(ClippingError, match="empty"):
        parse_clipping("\ufeff\r\n  \r\n")


def test_the_article_renders_each_paragraph_as_the_clipping_has_it():
    clipping = parse("markdown-characters.txt")
    text = article_text(clipping, "2024-01-02", "what-the-new-standard-changes")
    html = markdown.markdown(text.split("\n\n", 1)[1], extensions=["extra"])
    rendered = [p.get_text() for p in BeautifulSoup(html, "lxml").find_all("p")]
    assert rendered == clipping.paragraphs
    assert clipping.paragraphs[-1] == (
        "This paragraph was wrapped across three lines by the export."
    )


def test_the_article_metadata():
    clipping = parse("two-authors.txt")
    head = article_text(clipping, "2024-03-04", "rail-link").split("\n\n")[0]
    assert head.splitlines() == [
        "Title: Rail link to open a year late",
        "Subtitle: Costs rose after the tunnel flooded twice",
        "Date: 2024-03-04",
        "Slug: rail-link",
        "Authors: Amira Haddad, Tomas Lind",
        "Publication: Northern Ledger",
        "Original_publisher: Reuters",
        "Author_bio: Amira Haddad is the Ledger’s transport correspondent. "
        "Tomas Lind covers infrastructure for Reuters.",
    ]


def test_the_notes_skeleton_lists_actors_with_empty_roles():
    text = notes_text("A title: with a colon", ["isk", "taliban"])
    assert yaml.safe_load(text) == {
        "summary": None,
        "actors": [{"id": "isk", "role": None}, {"id": "taliban", "role": None}],
        "timeline": [],
    }
