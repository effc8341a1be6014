"""`make digest`: the .eml read back with Python's email package, the HTML
part's links and styles, and the window's edges."""

import contextlib
import email
import email.policy
import io
import re

import pytest
from bs4 import BeautifulSoup
from support import make_site

from briefing.authoring.cli import main as briefing_main

SITE = "http://127.0.0.1:8000"


def digest(root, *window):
    stderr = io.StringIO()
    arguments = ["digest", "-s", "pelican.conf.py", "-o", "output"]
    for flag, day in zip(("--since", "--until"), window, strict=False):
        arguments += [flag, day]
    with contextlib.chdir(root), contextlib.redirect_stderr(stderr):
        code = briefing_main(arguments)
    return code, stderr.getvalue()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("digest"), case="sample")


def read_mail(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_the_digest_is_a_multipart_alternative_message(sample):
    code, said = digest(sample, "2021-08-01", "2021-12-31")
    assert code == 0, said
    folder = sample / "output" / "digests" / "2021-12-31"
    mail = read_mail(folder / "digest.eml")
    assert mail.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mail.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert (
        mail["Subject"]
        == "Briefing desk: 2 briefings, 1 August 2021 to 31 December 2021"
    )
    assert mail["From"].addresses[0].addr_spec == "digest@127.0.0.1"
    text = mail.get_body(("plain",)).get_content()
    # The latest change first: IS-K's update of 3 November, then the
    # other's of 3 October. Each with its link, readable without the HTML.
    assert text.index("IS-K attack reveals Taliban’s vulnerability") < text.index(
        "The last flight out of Kabul"
    )
    assert f"Read it: {SITE}/briefings/the-last-flight-out-of-kabul/" in text
    assert "Key judgments:" in text and "<" not in text
    assert max(len(line) for line in text.splitlines()) <= 90  # URLs may run over
    html = mail.get_body(("html",)).get_content()
    assert html == (folder / "index.html").read_text("utf-8")


def test_the_html_part_needs_no_stylesheet_script_or_image(sample):
    digest(sample, "2021-08-01", "2021-12-31")
    html = (sample / "output" / "digests" / "2021-12-31" / "index.html").read_text(
        "utf-8"
    )
    page = BeautifulSoup(html, "lxml")
    assert not page.select("style, link, script, img")
    assert page.select_one("h1")["style"]  # the stylesheet, inlined
    hrefs = [a["href"] for a in page.select("a[href]")]
    assert hrefs and all(href.startswith(("https://", "http://")) for href in hrefs)
    assert f"{SITE}/briefings/is-k-attack-reveals-talibans-vulnerability/" in hrefs


def test_an_update_in_the_window_brings_its_briefing_with_what_moved(sample):
    code, said = digest(sample, "2021-11-01", "2021-11-30")
    assert code == 0, said
    mail = read_mail(sample / "output" / "digests" / "2021-11-30" / "digest.eml")
    text = mail.get_body(("plain",)).get_content()
    assert "IS-K attack reveals Taliban’s vulnerability" in text
    assert "The last flight out of Kabul" not in text
    assert "Updated, 27 August 2021" in text
    assert re.search(
        r"Raised from likely to very likely.*3 November 2021", " ".join(text.split())
    )
    assert "What changed:" in text


def test_the_same_window_gives_the_same_bytes_newest_first(sample):
    digest(sample, "2021-08-01", "2021-08-31")
    path = sample / "output" / "digests" / "2021-08-31" / "digest.eml"
    first = path.read_bytes()
    text = read_mail(path).get_body(("plain",)).get_content()
    assert text.index("The last flight out of Kabul") < text.index(
        "IS-K attack reveals Taliban’s vulnerability"
    )
    digest(sample, "2021-08-01", "2021-08-31")
    assert path.read_bytes() == first


def test_an_empty_window_says_so_and_writes_nothing(sample):
    code, said = digest(sample, "2020-01-01", "2020-12-31")
    assert code == 0
    assert (
        "no briefing was published or updated from 1 January 2020 to 31 December 2020"
        in said
    )
    assert not (sample / "output" / "digests" / "2020-12-31").exists()


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (("2021-13-01",), "is not a date (YYYY-MM-DD)"),
        (("2021-09-01", "2021-08-01"), "UNTIL=2021-08-01 is before SINCE=2021-09-01"),
    ],
)
def test_a_wrong_window_is_refused_without_a_traceback(sample, window, message):
    code, said = digest(sample, *window)
    assert code == 2
    assert message in said and "Traceback" not in said
