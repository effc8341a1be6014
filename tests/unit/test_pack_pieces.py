"""Reading packs without a build: a briefing's HTML as its pack shows it,
the pack's annexes, and a PDF made again only when its page changed."""

from pathlib import Path

import pytest

from briefing.content.errors import Problems
from briefing.content.packs import load_pack
from briefing.site.packs import pack_body
from briefing.site.pdf import PdfMaker, local_file_of, paper_size

REPO = Path(__file__).resolve().parents[2]


def test_a_briefings_ids_are_prefixed_and_its_links_to_them_follow():
    html = (
        '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>'
        ' and <a href="https://example.org/#top">a site</a></p>'
        '<ol><li id="fn:1">Note <a href="#fnref:1">back</a></li></ol>'
    )
    shown = pack_body(html, "x--", set())
    assert 'id="x--fnref:1"' in shown and 'href="#x--fn:1"' in shown
    assert 'id="x--fn:1"' in shown and 'href="#x--fnref:1"' in shown
    assert 'href="https://example.org/#top"' in shown


def test_a_mention_of_an_actor_in_the_annex_links_to_its_entry():
    html = (
        '<a class="mention" href="../../actors/isk/" data-mention="isk">IS-K</a> '
        'and <a class="mention" href="../../actors/taliban/" '
        'data-mention="taliban">the Taliban</a>'
    )
    shown = pack_body(html, "x--", {"isk"})
    assert '<a class="mention" href="#actor-isk" data-mention="isk">IS-K</a>' in shown
    assert 'href="../../actors/taliban/"' in shown  # not in the annex: kept


def test_the_paper_setting_takes_a4_or_letter_only():
    assert paper_size({"BRIEFING_PACK_PAPER": "a4"}) == "A4"
    assert paper_size({"BRIEFING_PACK_PAPER": " Letter "}) == "letter"
    with pytest.raises(ValueError, match="'A4' or 'Letter'"):
        paper_size({"BRIEFING_PACK_PAPER": "A5"})


def test_the_pdf_reads_the_site_files_only(tmp_path):
    settings = {"THEME": str(REPO / "theme"), "THEME_STATIC_DIR": "theme"}
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "a.png").write_bytes(b"png")
    site = "https://desk.example/"
    assert local_file_of(site + "packs/a.png", site, tmp_path, settings) == (
        tmp_path / "packs" / "a.png"
    )
    # The theme's stylesheet, copied after the packs are made, from the theme.
    assert local_file_of(site + "theme/css/site.css", site, tmp_path, settings) == (
        REPO / "theme" / "static" / "css" / "site.css"
    )
    assert (
        local_file_of("https://elsewhere.example/x.png", site, tmp_path, settings)
        is None
    )
    assert local_file_of(site + "../etc/passwd", site, tmp_path, settings) is None


PAGE = (
    '<!doctype html><html lang="en"><head><title>{0}</title></head>'
    "<body><h1>{0}</h1></body></html>"
)


def test_a_pdf_is_made_again_only_when_its_page_changed(tmp_path):
    settings = {
        "SITEURL": "https://desk.example",
        "THEME": str(REPO / "theme"),
        "THEME_STATIC_DIR": "theme",
        "BRIEFING_PACK_PAPER": "A4",
        "BRIEFING_CACHE": True,
        "CACHE_PATH": str(tmp_path / "cache"),
    }
    first = PdfMaker(settings, str(tmp_path))
    pdf = first.pdf_of("packs/a/index.html", PAGE.format("One"))
    first.save()
    assert pdf.startswith(b"%PDF") and first.made == 1
    again = PdfMaker(settings, str(tmp_path))
    assert again.pdf_of("packs/a/index.html", PAGE.format("One")) == pdf
    assert again.made == 0
    assert again.pdf_of("packs/a/index.html", PAGE.format("Two")) != pdf
    assert again.made == 1


def test_a_pack_file_in_one_error_per_mistake(tmp_path):
    path = tmp_path / "Week 1.yaml"
    path.write_text("title: x\ndate: 2021-09-15\nbriefings: [a]\n", encoding="utf-8")
    problems = Problems()
    assert load_pack(path, problems) is None
    assert "cannot be a pack's name" in problems.errors[0].message
    path = tmp_path / "week.yaml"
    path.write_text("title: x\ndate: 2021-13-01\nbriefings: []\n", encoding="utf-8")
    problems = Problems()
    assert load_pack(path, problems) is None
    assert sorted(p.line for p in problems.errors) == [2, 3]
