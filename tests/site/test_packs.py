"""Reading packs: the page, the PDF read back with a PDF library, the link
from each briefing, and the errors a pack file can have."""

import io
import re
import subprocess
import sys
from collections import Counter

import pytest
from pypdf import PdfReader
from support import REPO, build, make_site, tree_snapshot

PACK = "afghanistan-after-the-withdrawal"
PACK_PAGE = f"packs/{PACK}/index.html"
PACK_PDF = f"packs/{PACK}/{PACK}.pdf"
SAMPLE_BRIEFINGS = [
    (
        "is-k-attack-reveals-talibans-vulnerability",
        "IS-K attack reveals Taliban’s vulnerability",
    ),
    ("the-last-flight-out-of-kabul", "The last flight out of Kabul"),
]
ANNEXES = ["Annex: actors", "Annex: timeline", "Annex: sources"]
HANDLING = "INTERNAL — NOT FOR DISTRIBUTION"  # the sample's, upper-cased by the theme


@pytest.fixture(scope="module")
def pdf(sample_build):
    return PdfReader(io.BytesIO((sample_build.output / PACK_PDF).read_bytes()))


def page_texts(reader):
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline_of(reader):
    """(title, page index) of every bookmark, flattened."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def first_sentence_of(slug):
    """The first words of a briefing's text, from its Markdown source."""
    text = (REPO / "content" / "briefings" / f"{slug}.md").read_text("utf-8")
    body = text.split("\n\n", 1)[1]
    return " ".join(body.split()[:8])


def test_the_pdf_has_every_briefing_text(pdf):
    text = " ".join(page_texts(pdf))
    for slug, title in SAMPLE_BRIEFINGS:
        assert title in text
        assert first_sentence_of(slug) in text, slug


def test_every_page_says_page_x_of_y_and_carries_the_handling_line(pdf):
    texts = page_texts(pdf)
    assert len(texts) >= 1 + len(SAMPLE_BRIEFINGS) + len(ANNEXES)
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert HANDLING in text, number
        assert "Afghanistan after the withdrawal" in text  # the running header


def test_a_bookmark_for_the_cover_each_briefing_and_each_annex(pdf):
    outline = outline_of(pdf)
    titles = [title for title, _ in outline]
    expected = ["Afghanistan after the withdrawal"]
    expected += [title for _, title in SAMPLE_BRIEFINGS] + ANNEXES
    assert titles == expected
    texts = page_texts(pdf)
    pages = [page for _, page in outline]
    assert pages == sorted(pages) and pages[0] == 0
    for title, page in outline:
        assert title in texts[page], title


def internal_links(reader):
    """(page index of the link, page index it goes to) for every GoTo link."""
    found = []
    for index, page in enumerate(reader.pages):
        for reference in page.get("/Annots") or []:
            annotation = reference.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            target = annotation.get("/Dest")
            action = annotation.get("/A")
            if target is None and action is not None and action.get("/S") == "/GoTo":
                target = action["/D"]
            if target is None:
                continue
            if not isinstance(target, list):  # a named destination
                target = reader.named_destinations[str(target)]
                found.append((index, reader.get_destination_page_number(target)))
                continue
            found.append((index, reader.get_page_number(target[0].get_object())))
    return found


def test_the_contents_link_to_each_section_and_mentions_to_the_annex(pdf):
    links = internal_links(pdf)
    bookmarked = {page for _, page in outline_of(pdf)}
    from_contents = {target for source, target in links if source == 0}
    assert bookmarked - {0} <= from_contents
    annex_page = dict(outline_of(pdf))["Annex: actors"]
    # Mentions in the briefings' text lead to the actors' annex.
    into_annex = [
        target for source, target in links if 0 < source < annex_page <= target
    ]
    assert into_annex


def test_the_pdf_is_tagged_with_its_language_and_title_and_embeds_its_fonts(pdf):
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"
    assert pdf.metadata.title.startswith("Afghanistan after the withdrawal")
    fonts = []
    for page in pdf.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            fonts.append(
                any(
                    key in descriptor
                    for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
            )
    assert fonts and all(fonts)


def test_the_pdf_is_the_same_byte_for_byte_from_two_builds(sample_build, tmp_path):
    # Another folder, so another cache: the PDF is made anew.
    again = build(make_site(tmp_path / "again", case="sample"))
    assert again.code == 0, again.stderr
    assert (again.output / PACK_PDF).read_bytes() == (
        sample_build.output / PACK_PDF
    ).read_bytes()


def test_letter_paper_by_setting(tmp_path):
    result = build(
        make_site(
            tmp_path / "s", case="sample", settings='BRIEFING_PACK_PAPER = "Letter"\n'
        )
    )
    assert result.code == 0, result.stderr
    box = PdfReader(str(result.output / PACK_PDF)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_the_pack_page_has_cover_contents_briefings_and_annexes(sample_build):
    page = sample_build.page(PACK_PAGE)
    assert page.select_one(".pack-title").get_text(strip=True) == (
        "Afghanistan after the withdrawal"
    )
    assert "Internal — not for distribution" in page.select_one(".pack-handling").text
    sections = [s["data-briefing"] for s in page.select("section.pack-briefing")]
    assert sections == [slug for slug, _ in SAMPLE_BRIEFINGS]
    ids = [tag["id"] for tag in page.select("[id]")]
    assert not [i for i, n in Counter(ids).items() if n > 1]
    for link in page.select('a[href^="#"]'):
        assert page.find(id=link["href"][1:]), link["href"]
    mentions = page.select(".pack-briefing a.mention")
    assert mentions and all(m["href"].startswith("#actor-") for m in mentions)
    assert page.select_one('a[href$=".pdf"]')["href"].endswith(f"{PACK}.pdf")


def test_each_briefing_links_its_packs_and_packs_are_listed(sample_build):
    for slug, _ in SAMPLE_BRIEFINGS:
        box = sample_build.page(f"briefings/{slug}/index.html").select_one(
            '[data-briefing="packs"]'
        )
        assert box is not None and "Afghanistan after the withdrawal" in box.text
    listing = sample_build.page("packs/index.html")
    assert listing.select_one(f'[data-pack="{PACK}"] a')["href"].endswith(
        f"packs/{PACK}/"
    )
    nav = sample_build.page("index.html").select(".site-nav a")
    assert "Packs" in [a.get_text(strip=True) for a in nav]


def test_a_site_without_packs_has_no_pack_pages_and_no_link(desk_build):
    assert not (desk_build.output / "packs").exists()
    nav = desk_build.page("index.html").select(".site-nav a")
    assert "Packs" not in [a.get_text(strip=True) for a in nav]


def test_the_plugin_imports_no_pdf_library_until_a_site_has_packs():
    code = "import briefing, sys; print('weasyprint' in sys.modules)"
    found = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.strip() == "False"


PACK_OF = """\
title: A pack
date: 2021-09-15
briefings:
  - bombing-at-the-airport
  - {second}
"""


@pytest.fixture
def desk(site):
    root = site(
        case="two-briefings",
        files={"packs/week.yaml": PACK_OF.format(second="trouble-on-the-border")},
    )
    first = build(root)
    assert first.code == 0, first.stderr
    return root, tree_snapshot(first.output)


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (
            "trouble-on-the-bordr",
            "packs/week.yaml:5: no briefing has the slug 'trouble-on-the-bordr' "
            "(did you mean 'trouble-on-the-border'?)",
        ),
        (
            "border",
            "packs/week.yaml:5: no briefing has the slug 'border' "
            "(did you mean 'trouble-on-the-border', the slug of border.md?)",
        ),
        (
            "a-draft-about-the-border",
            "packs/week.yaml:5: 'a-draft-about-the-border' is a draft briefing: "
            "a pack holds published briefings only",
        ),
        (
            "bombing-at-the-airport",
            "packs/week.yaml:5: 'bombing-at-the-airport' is in the pack twice "
            "(it is already on line 4",
        ),
    ],
)
def test_a_pack_naming_a_wrong_briefing_fails_with_its_line(desk, second, message):
    root, before = desk
    (root / "content" / "packs" / "week.yaml").write_text(
        PACK_OF.format(second=second), encoding="utf-8"
    )
    result = build(root)
    assert result.code == 1
    assert message in result.stderr.replace(str(root / "content") + "/", "")
    assert "Traceback" not in result.stderr
    assert tree_snapshot(result.output) == before


def test_a_pack_without_a_title_fails_with_its_line(desk):
    root, before = desk
    (root / "content" / "packs" / "week.yaml").write_text(
        "date: 2021-09-15\nbriefings: [bombing-at-the-airport]\n", encoding="utf-8"
    )
    result = build(root)
    assert result.code == 1
    assert re.search(r"packs/week\.yaml:1: 'title' is missing", result.stderr)
    assert tree_snapshot(result.output) == before


def test_without_weasyprint_a_pack_is_a_clear_error_and_the_old_site_stays(
    desk, monkeypatch
):
    root, before = desk
    # What a machine without Pango gives: the import fails.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    (root / "content" / "packs" / "week.yaml").write_text(
        PACK_OF.format(second="trouble-on-the-border").replace("A pack", "Another"),
        encoding="utf-8",
    )
    result = build(root)
    assert result.code == 1
    assert "packs/week.yaml: cannot make its PDF" in result.stderr
    assert "apt-get install libpango-1.0-0" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_snapshot(result.output) == before
