"""`make devserver`: an edit of one briefing rewrites only what it changes,
and the result is the site a full build makes of the same content."""

import contextlib
import io
import os
import re

import pytest
from support import CASES, make_site, tree_snapshot

from briefing.building.preview import Preview, _say


def snapshot(folder):
    """The output's files, as `tree_snapshot`; a feed without entries is
    dated the moment it is written (feedgenerator's rule), so that date is
    left out."""
    files = tree_snapshot(folder)
    for name, data in files.items():
        if name.endswith(".atom.xml") and b"<entry>" not in data:
            files[name] = re.sub(rb"<updated>[^<]*</updated>", b"<updated/>", data)
    return files


class Session:
    """A preview of a site folder, run from inside it as make does."""

    def __init__(self, root):
        self.root = root
        self.output = root / "output"
        self.preview = Preview(root / "pelican.conf.py", self.output)
        self.stderr = io.StringIO()

    def run(self, method, *args):
        with contextlib.chdir(self.root), contextlib.redirect_stderr(self.stderr):
            return getattr(self.preview, method)(*args)

    def edit(self, relative, old, new):
        path = self.root / "content" / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def age_output(self):
        """Date every output file to 1970, to tell which ones are rewritten."""
        for path in self.output.rglob("*"):
            if path.is_file():
                os.utime(path, ns=(0, 0))

    def rewritten(self):
        return {
            str(path.relative_to(self.output))
            for path in self.output.rglob("*")
            if path.is_file() and path.stat().st_mtime_ns != 0
        }


def built(tmp_path, settings="", files=None):
    """A preview of the two-briefings case with `settings`, built."""
    site = make_site(
        tmp_path / "site", case="two-briefings", settings=settings, files=files
    )
    session = Session(site)
    assert session.run("build_all").kind == "full", session.stderr.getvalue()
    return session


@pytest.fixture
def session(tmp_path):
    session = Session(make_site(tmp_path / "site", case="two-briefings"))
    assert session.run("build_all").kind == "full", session.stderr.getvalue()
    return session


def rebuilt(session, tmp_path):
    """A new preview of the same content, built from scratch elsewhere."""
    fresh = Session(session.root)
    fresh.output = tmp_path / "fresh"
    fresh.preview = Preview(session.root / "pelican.conf.py", fresh.output)
    assert fresh.run("build_all").kind == "full"
    return fresh


def full_build_of(session, tmp_path):
    """The same content built from scratch by a new preview."""
    return snapshot(rebuilt(session, tmp_path).output)


@pytest.mark.parametrize(
    ("relative", "old", "new"),
    [
        ("briefings/airport.notes.yaml", "Claimed the attack.", "Claimed it at once."),
        ("briefings/airport.notes.yaml", "The capital falls", "Kabul falls"),
        ("briefings/airport.notes.yaml", "actors: [taliban]", "actors: [taliban, isk]"),
        pytest.param(
            "briefings/airport.notes.yaml",
            "summary: The first briefing of the test desk.\n",
            "summary: The first briefing of the test desk.\njudgments:\n"
            "  - {id: j, text: It will likely recur., likelihood: likely,\n"
            "     confidence: low, actors: [pakistan], basis: [airport-bombing],\n"
            "     history: [{date: 2021-08-27, likelihood: unlikely,\n"
            "                confidence: low}]}\n"
            "updates: [{date: 2021-09-01, text: Raised.}]\n",
            id="a-judgment-added",
        ),
        ("briefings/airport.md", "Subtitle: A test", "Subtitle: An edited test"),
        ("briefings/airport.md", "planning it for weeks", "planning it for months"),
        ("briefings/airport.md", "Date: 2021-08-27", "Date: 2023-01-05"),
    ],
)
def test_an_edit_gives_the_site_a_full_build_gives(
    session, tmp_path, relative, old, new
):
    session.age_output()
    path = session.edit(relative, old, new)
    update = session.run("update", {path})
    assert update.kind == "briefing", session.stderr.getvalue()
    rewritten = session.rewritten()
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    assert "briefings/bombing-at-the-airport/index.html" in rewritten
    # The other briefing shows nothing of this one: left alone.
    assert "briefings/trouble-on-the-border/index.html" not in rewritten


def test_only_the_actors_the_briefing_touches_are_rewritten(session):
    session.age_output()
    path = session.edit(
        "briefings/airport.notes.yaml", "Claimed the attack.", "Claimed it."
    )
    update = session.run("update", {path})
    rewritten = session.rewritten()
    assert "actors/isk/index.html" in rewritten
    assert "actors/pakistan/index.html" not in rewritten  # only in the other one
    assert sorted(update.written) == sorted(
        ["briefings/bombing-at-the-airport/index.html", "actors/isk", "actors/taliban"]
    )


def test_a_mistake_in_the_notes_changes_nothing_until_it_is_fixed(session):
    before = snapshot(session.output)
    path = session.edit("briefings/airport.notes.yaml", "id: isk", "id: iks")
    assert session.run("update", {path}).kind == "failed"
    assert "airport.notes.yaml:3: actors[0].id: unknown actor 'iks'" in (
        session.stderr.getvalue()
    )
    assert snapshot(session.output) == before
    session.edit("briefings/airport.notes.yaml", "id: iks", "id: isk")
    assert session.run("update", {path}).kind == "briefing"
    assert snapshot(session.output) == before


def test_a_new_title_moves_the_briefing_so_it_gets_a_full_build(session):
    path = session.edit("briefings/airport.md", "Title: Bombing", "Title: Blast")
    assert session.run("update", {path}).kind == "full"
    assert (session.output / "briefings/blast-at-the-airport/index.html").is_file()
    assert not (session.output / "briefings/bombing-at-the-airport").exists()


NEW_BRIEFING = "Title: Later\nDate: 2022-01-01\nAuthors: Test Author\n\nThe Taliban.\n"
NEW_NOTES = """\
actors:
  - id: isk
    role: Struck again.
timeline:
  - date: "2021-08-26"
    title: Bombing at the airport gate
    id: airport-bombing
    actors: [pakistan]
"""


def test_a_new_briefing_is_added_without_a_full_build(session, tmp_path):
    session.age_output()
    briefings = session.root / "content/briefings"
    new, notes = briefings / "later.md", briefings / "later.notes.yaml"
    new.write_text(NEW_BRIEFING, encoding="utf-8")
    notes.write_text(NEW_NOTES, encoding="utf-8")
    update = session.run("update", {new, notes})
    assert update.kind == "briefing", session.stderr.getvalue()
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    rewritten = session.rewritten()
    assert {"briefings/later/index.html", "index.html"} <= rewritten
    # The shared event now names Pakistan, whose page shows it.
    assert {"actors/isk/index.html", "actors/pakistan/index.html"} <= rewritten
    assert "briefings/trouble-on-the-border/index.html" not in rewritten
    # From now on it is a briefing like the others.
    path = session.edit("briefings/later.notes.yaml", "Struck again.", "Struck.")
    assert session.run("update", {path}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_a_new_article_then_its_notes(session, tmp_path, caplog):
    new = session.root / "content/briefings/later.md"
    new.write_text(NEW_BRIEFING, encoding="utf-8")
    assert session.run("update", {new}).kind == "briefing"
    assert "later.md: this briefing has no notes" in caplog.text
    notes = new.with_name("later.notes.yaml")
    notes.write_text(NEW_NOTES, encoding="utf-8")
    assert session.run("update", {notes}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_what_the_lists_do_not_hold_yet_gets_a_full_build(session):
    briefings = session.root / "content/briefings"
    # (A new category or tag with pages of its own: see the tests of tags.)
    # A slug, or a URL, already taken: the full build says which files.
    taken = briefings / "taken.md"
    taken_text = NEW_BRIEFING.replace("Later", "Taken")
    # An explicit Save_as wins over a generated page, as Pelican has it.
    taken.write_text("Save_as: actors/isk/index.html\n" + taken_text, "utf-8")
    assert session.run("update", {taken}).kind == "full"
    taken.write_text("Slug: bombing-at-the-airport\n" + taken_text, "utf-8")
    assert session.run("update", {taken}).kind == "failed"
    assert "taken.md:1: briefings/bombing-at-the-airport/index.html is also" in (
        session.stderr.getvalue()
    )
    taken.unlink()
    assert session.run("update", {taken}).kind == "full"
    # Notes without their article are reported without a full build; once
    # they are gone, the site is as it was.
    orphan = briefings / "orphan.notes.yaml"
    orphan.write_text(NEW_NOTES, encoding="utf-8")
    assert session.run("update", {orphan}).kind == "failed"
    assert "orphan.notes.yaml: these notes have no article" in (
        session.stderr.getvalue()
    )
    orphan.unlink()
    assert session.run("update", {orphan}).kind == "none"
    # An actor edit.
    actor = session.edit("actors/isk.yaml", "name: ", "name: The ")
    assert session.run("update", {actor}).kind == "full"


def test_a_temporary_file_that_came_and_went_is_no_reason_to_rebuild(session):
    # sed -i and many editors write a temporary file, then rename it.
    path = session.edit("briefings/airport.notes.yaml", "Held the city.", "Held it.")
    gone = path.with_name("sedX1b2c3")
    update = session.run("update", {path, gone})
    assert update.kind == "briefing"
    assert session.run("update", {gone}).kind == "none"


def test_an_actor_reached_only_through_a_shared_event_is_rewritten_if_it_changed(
    tmp_path,
):
    border = (
        make_site(tmp_path / "case", case="two-briefings")
        / "content/briefings/border.notes.yaml"
    ).read_text(encoding="utf-8")
    telling = "id: airport-bombing"
    session = Session(
        make_site(
            tmp_path / "site",
            case="two-briefings",
            files={
                "briefings/border.notes.yaml": border.replace(
                    telling, telling + "\n    actors: [pakistan]"
                )
            },
        )
    )
    assert session.run("build_all").kind == "full", session.stderr.getvalue()
    # Pakistan's timeline shows the bombing, which the airport briefing tells;
    # a new role there changes nothing on Pakistan's page.
    path = session.edit("briefings/airport.notes.yaml", "Held the city.", "Held it.")
    assert "actors/pakistan" not in session.run("update", {path}).written
    # A new actor of the bombing does.
    path = session.edit(
        "briefings/airport.notes.yaml", "actors: [isk]", "actors: [isk, taliban]"
    )
    assert "actors/pakistan" in session.run("update", {path}).written
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def long_timeline(tmp_path):
    """A preview of a site whose timeline has a page per year."""
    return built(tmp_path, "BRIEFING_TIMELINE_PAGE_EVENTS = 2\n")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("date: 2015", "date: 2016"),  # a year gives way to another
        ("date: 2015", "date: 1994"),  # a year is gone
    ],
)
def test_the_years_of_a_long_timeline_follow_an_edit(tmp_path, old, new):
    session = long_timeline(tmp_path)
    assert (session.output / "timeline" / "2015" / "index.html").exists()
    path = session.edit("briefings/border.notes.yaml", old, new)
    assert session.run("update", {path}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    assert not (session.output / "timeline" / "2015").exists()


def test_a_long_timeline_rewrites_only_what_an_edit_changes(tmp_path):
    session = long_timeline(tmp_path)
    every_event = {"data/events.json", "timeline/timelinejs.json"}
    # The article's text is in no event: the years and the documents listing
    # every event are left as they are.
    session.age_output()
    path = session.edit("briefings/airport.md", "for weeks", "for months")
    assert session.run("update", {path}).kind == "briefing"
    rewritten = session.rewritten()
    assert "briefings/bombing-at-the-airport/index.html" in rewritten
    assert not {name for name in rewritten if name.startswith("timeline/20")}
    assert not {name for name in rewritten if name.startswith("timeline/19")}
    assert not every_event & rewritten
    # An event of 2015 gets a new title: its year and those documents follow.
    session.age_output()
    path = session.edit("briefings/border.notes.yaml", "appears in", "emerges in")
    assert session.run("update", {path}).kind == "briefing"
    rewritten = session.rewritten()
    assert {"timeline/2015/index.html", *every_event} <= rewritten
    assert "timeline/2021/index.html" not in rewritten
    assert "timeline/1994/index.html" not in rewritten
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_a_year_that_went_and_came_back_is_written_again(tmp_path):
    session = long_timeline(tmp_path)
    path = session.edit("briefings/border.notes.yaml", "date: 2015", "date: 1994")
    assert session.run("update", {path}).kind == "briefing"
    assert not (session.output / "timeline" / "2015").exists()
    session.edit(
        "briefings/border.notes.yaml",
        "date: 1994\n    title: IS-K",
        "date: 2015\n    title: IS-K",
    )
    assert session.run("update", {path}).kind == "briefing"
    assert (session.output / "timeline" / "2015" / "index.html").exists()
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_the_pages_of_the_home_page_follow_a_new_date(tmp_path):
    session = built(tmp_path, "DEFAULT_PAGINATION = 1\n")
    path = session.edit("briefings/airport.md", "Date: 2021-08-27", "Date: 2023-01-05")
    assert session.run("update", {path}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    second = (session.output / "page" / "2" / "index.html").read_text("utf-8")
    assert "Trouble on the border" in second  # now the older of the two


# -- briefings deleted and renamed ------------------------------------------


def delete(session, *relatives):
    paths = {session.root / "content" / relative for relative in relatives}
    for path in paths:
        path.unlink()
    return paths


def test_a_deleted_briefing_is_removed_without_a_full_build(session, tmp_path):
    session.age_output()
    update = session.run(
        "update",
        delete(session, "briefings/airport.md", "briefings/airport.notes.yaml"),
    )
    assert update.kind == "briefing", session.stderr.getvalue()
    assert update.removed == ["briefings/bombing-at-the-airport/index.html"]
    assert not (session.output / "briefings/bombing-at-the-airport").exists()
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    rewritten = session.rewritten()
    # Its cast no longer lists it; the home page and the feed neither.
    assert {"actors/isk/index.html", "index.html", "feeds/all.atom.xml"} <= rewritten
    assert "briefings/trouble-on-the-border/index.html" not in rewritten
    # A briefing added later links to it in vain, as in a full build.
    later = session.root / "content/briefings/later.md"
    later.write_text(NEW_BRIEFING + "\n[Gone]({filename}airport.md)\n", "utf-8")
    assert session.run("update", {later}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    later.unlink()
    assert session.run("update", {later}).kind == "briefing"
    with contextlib.redirect_stderr(io.StringIO()) as said:
        _say(update)
    assert said.getvalue().startswith(
        "removed briefings/bombing-at-the-airport/index.html; rewrote the pages "
        "of 2 actor(s) and the site-wide pages in "
    )
    # Back again: added as a new briefing.
    original = make_site(tmp_path / "original", case="two-briefings")
    paths = set()
    for name in ("airport.md", "airport.notes.yaml"):
        source = original / "content/briefings" / name
        paths.add(session.root / "content/briefings" / name)
        (session.root / "content/briefings" / name).write_bytes(source.read_bytes())
    assert session.run("update", paths).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_a_deleted_article_whose_notes_stay_is_an_orphan(session, tmp_path):
    before = snapshot(session.output)
    update = session.run("update", delete(session, "briefings/airport.md"))
    assert update.kind == "failed"
    assert "airport.notes.yaml: these notes have no article (expected airport.md" in (
        session.stderr.getvalue()
    )
    assert snapshot(session.output) == before
    # Its notes deleted next: the briefing goes, without a full build.
    update = session.run("update", delete(session, "briefings/airport.notes.yaml"))
    assert update.kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_notes_deleted_after_their_article_remove_the_briefing(session, tmp_path):
    # The watcher may report the article's deletion with an earlier batch.
    delete(session, "briefings/airport.md")
    notes = delete(session, "briefings/airport.notes.yaml")
    assert session.run("update", notes).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_a_mistake_is_reported_until_it_is_fixed_whatever_is_edited_next(session):
    before = snapshot(session.output)
    notes = session.edit("briefings/airport.notes.yaml", "id: isk", "id: iks")
    assert session.run("update", {notes}).kind == "failed"
    other = session.edit("briefings/border.md", "raised tension", "raised tensions")
    assert session.run("update", {other}).kind == "failed"
    assert session.stderr.getvalue().count("unknown actor 'iks'") == 2
    assert snapshot(session.output) == before
    session.edit("briefings/airport.notes.yaml", "id: iks", "id: isk")
    update = session.run("update", {notes})
    assert update.kind == "briefing"
    # Both edits are in.
    assert "briefings/trouble-on-the-border/index.html" in update.written
    page = session.output / "briefings/trouble-on-the-border/index.html"
    assert "raised tensions" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", ["", "Slug: blast\n"])
def test_a_renamed_briefing_is_removed_and_added_at_once(session, tmp_path, slug):
    briefings = session.root / "content/briefings"
    renamed = {}
    for old, new in [
        ("airport.md", "blast.md"),
        ("airport.notes.yaml", "blast.notes.yaml"),
    ]:
        text = (briefings / old).read_text(encoding="utf-8")
        (briefings / old).unlink()
        renamed[new] = (slug + text) if new.endswith(".md") else text
        (briefings / new).write_text(renamed[new], encoding="utf-8")
    changed = {briefings / name for name in ("airport.md", "airport.notes.yaml")}
    changed |= {briefings / name for name in renamed}
    update = session.run("update", changed)
    assert update.kind == "briefing", session.stderr.getvalue()
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    moved = bool(slug)  # the same title gives the same URL
    assert (session.output / "briefings/bombing-at-the-airport").exists() != moved
    assert update.removed == (
        ["briefings/bombing-at-the-airport/index.html"] if moved else []
    )
    # The renamed file is the briefing from now on.
    path = session.edit("briefings/blast.notes.yaml", "Claimed the attack.", "Did it.")
    assert session.run("update", {path}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_deleted_notes_leave_a_briefing_without_actors(session, tmp_path, caplog):
    update = session.run("update", delete(session, "briefings/airport.notes.yaml"))
    assert update.kind == "briefing"
    assert "airport.md: this briefing has no notes" in caplog.text
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    page = session.output / "briefings/bombing-at-the-airport/index.html"
    assert 'data-briefing="actors"' not in page.read_text(encoding="utf-8")


def test_a_deleted_draft_gets_a_full_build(session):
    update = session.run(
        "update", delete(session, "briefings/draft.md", "briefings/draft.notes.yaml")
    )
    assert update.kind == "full"
    assert not (session.output / "drafts").exists() or not any(
        (session.output / "drafts").iterdir()
    )


LAST_PAGE = """\
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
    (-1, "{base_name}/last/", "{base_name}/last/index.html"),
)
"""


@pytest.mark.parametrize("patterns", ["", LAST_PAGE])
def test_a_listing_a_page_shorter_or_longer_keeps_only_its_pages(tmp_path, patterns):
    session = built(tmp_path, "DEFAULT_PAGINATION = 1\n" + patterns)
    before = set(snapshot(session.output))
    update = session.run(
        "update", delete(session, "briefings/border.md", "briefings/border.notes.yaml")
    )
    assert update.kind == "briefing", session.stderr.getvalue()
    assert snapshot(session.output) == full_build_of(session, tmp_path)
    gone = before - set(snapshot(session.output))
    assert set(update.removed) == gone
    assert "briefings/trouble-on-the-border/index.html" in gone
    # The second (or last) page of the home page and of the page of its
    # actor Taliban went with it.
    assert len(gone) == 3
    assert any(path.startswith("actors/taliban/") for path in gone)
    # A page longer again.
    briefings = session.root / "content/briefings"
    (briefings / "later.md").write_text(NEW_BRIEFING, encoding="utf-8")
    assert session.run("update", {briefings / "later.md"}).kind == "briefing"
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_a_briefing_another_links_to_gets_a_full_build_when_it_goes(tmp_path):
    link = "\n\nSee [the bombing]({filename}airport.md).\n"
    border = make_site(tmp_path / "case", case="two-briefings") / "content/briefings"
    session = Session(
        make_site(
            tmp_path / "site",
            case="two-briefings",
            files={
                "briefings/border.md": (border / "border.md").read_text("utf-8") + link
            },
        )
    )
    assert session.run("build_all").kind == "full", session.stderr.getvalue()
    page = session.output / "briefings/trouble-on-the-border/index.html"
    assert 'bombing-at-the-airport/">the bombing' in page.read_text(encoding="utf-8")
    update = session.run(
        "update",
        delete(session, "briefings/airport.md", "briefings/airport.notes.yaml"),
    )
    # Its link is no longer found: the page that has it is written again.
    assert update.kind == "full"
    assert "bombing-at-the-airport/" not in page.read_text(encoding="utf-8")


# -- listings of tags, archives, linked files ---------------------------------

TEMPLATES = {
    "tag.html": '{% extends "index.html" %}',
    "period_archives.html": '{% extends "index.html" %}',
}
LISTINGS = """\
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
THEME_TEMPLATES_OVERRIDES = ["templates"]
"""


@pytest.fixture
def listed(tmp_path):
    """A preview of a site with pages per tag and per year; both briefings
    are tagged 'kabul', the airport one 'airport' too."""
    root = make_site(tmp_path / "site", case="two-briefings", settings=LISTINGS)
    for name, text in TEMPLATES.items():
        (root / "templates").mkdir(exist_ok=True)
        (root / "templates" / name).write_text(text, encoding="utf-8")
    briefings = root / "content/briefings"
    for name, tags in [("airport.md", "kabul, airport"), ("border.md", "kabul")]:
        text = (briefings / name).read_text(encoding="utf-8")
        (briefings / name).write_text(f"Tags: {tags}\n{text}", encoding="utf-8")
    session = Session(root)
    with contextlib.chdir(root):
        assert session.run("build_all").kind == "full", session.stderr.getvalue()
    assert (session.output / "tags/airport/index.html").exists()
    assert (session.output / "2021/index.html").exists()
    return session


@pytest.mark.parametrize(
    ("relative", "old", "new", "kind"),
    [
        # Still in every listing it was in: its pages are written again.
        ("briefings/airport.md", "planning it for weeks", "planning it", "briefing"),
        # Out of a tag another briefing keeps.
        ("briefings/border.md", "Tags: kabul", "Tags: airport", "briefing"),
        # A tag that no other briefing has: its page comes, or goes.
        ("briefings/border.md", "Tags: kabul", "Tags: kabul, border", "full"),
        ("briefings/airport.md", "kabul, airport", "kabul", "full"),
        # A year that no other briefing has.
        ("briefings/border.md", "Date: 2021-09-10", "Date: 2022-09-10", "full"),
    ],
)
def test_tags_and_archives_follow_an_edit(listed, tmp_path, relative, old, new, kind):
    path = listed.edit(relative, old, new)
    with contextlib.chdir(listed.root):
        assert listed.run("update", {path}).kind == kind, listed.stderr.getvalue()
        assert snapshot(listed.output) == full_build_of(listed, tmp_path)


def test_a_deleted_briefing_leaves_its_tags_and_years(listed, tmp_path):
    with contextlib.chdir(listed.root):
        update = listed.run(
            "update",
            delete(listed, "briefings/border.md", "briefings/border.notes.yaml"),
        )
        assert update.kind == "briefing", listed.stderr.getvalue()
        assert snapshot(listed.output) == full_build_of(listed, tmp_path)
        update = listed.run(
            "update",
            delete(listed, "briefings/airport.md", "briefings/airport.notes.yaml"),
        )
        assert update.kind == "full"  # no briefing left to tag 'kabul'
    assert not (listed.output / "tags/kabul").exists()


@pytest.mark.parametrize(
    ("link", "kind"),
    [
        ("{static}/images/map.png", "briefing"),  # copied by every build
        ("{static}map.png", "full"),  # copied because it is linked
        ("{attach}/images/map.png", "full"),  # moved beside the briefing
    ],
)
def test_a_briefing_that_links_a_file_anew(session, tmp_path, link, kind):
    png = b"\x89PNG\r\n\x1a\n"
    for folder in ("images", "briefings"):
        path = session.root / "content" / folder / "map.png"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(png)
    assert session.run("build_all").kind == "full"
    path = session.edit(
        "briefings/airport.md", "for weeks.", f"for weeks.\n\n![Map]({link})"
    )
    assert session.run("update", {path}).kind == kind
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_copies_of_the_sources_get_a_full_build(tmp_path):
    session = built(tmp_path, "OUTPUT_SOURCES = True\n")
    path = session.edit("briefings/airport.md", "for weeks", "for months")
    assert session.run("update", {path}).kind == "full"
    copy = session.output / "briefings/bombing-at-the-airport/index.text"
    assert "for months" in copy.read_text(encoding="utf-8")


def test_what_counts_as_a_new_article_is_what_pelican_reads(tmp_path):
    session = built(
        tmp_path,
        (
            'ARTICLE_EXCLUDES = ["briefings/old"]\n'
            'IGNORE_FILES = [".#*", "_*"]\n'
            'ARTICLE_PATHS = ["briefings", "extra.md"]\n'
        ),
    )
    content = session.root / "content"
    for relative in [
        "briefings/new.md",
        "briefings/deep/er/new.md",
        "briefings/old/new.md",
        "briefings/deep/old/new.md",
        "briefings/_hidden/new.md",
        "briefings/deep/_hidden/new.md",
        "briefings/.#new.md",
        "briefings/new.txt",
        "briefings/new.html",
        "extra.md",
        "other.md",
        "pages/new.md",
    ]:
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text("Title: New\n\nText.\n", encoding="utf-8")
    generator = session.preview._articles_generator()
    settings = generator.settings
    read = generator.get_files(
        settings["ARTICLE_PATHS"],
        exclude=settings["ARTICLE_EXCLUDES"],
        extensions=generator.readers.extensions,
    )
    files = [path for path in content.rglob("*") if path.is_file()]
    assert {
        str(path.relative_to(content))
        for path in files
        if session.preview._is_article_file(generator, path)
    } == read
    assert {"briefings/new.md", "briefings/deep/er/new.md", "extra.md"} <= read
    assert len(files) > len(read) > 5


def lists_of(session):
    """Pelican's lists of categories, tags and authors, by name, in order."""
    generator = session.preview._articles_generator()

    def named(pairs):
        return [(str(key), [a.title for a in articles]) for key, articles in pairs]

    return {
        "categories": named(generator.context["categories"]),
        "tags": named(generator.context["tags"]),
        "authors": named(generator.context["authors"]),
    }


def test_a_new_author_tag_or_category_without_pages_needs_no_full_build(
    session, tmp_path
):
    # The project writes no page for a category, tag or author: one that
    # comes or goes is only a name in Pelican's lists, kept in its order.
    briefings = session.root / "content/briefings"
    new = briefings / "later.md"
    new.write_text(
        "Category: Other\nTags: zeta, kabul\n"
        + NEW_BRIEFING.replace("Test Author", "Other Author").replace(
            "2022-01-01", "2020-01-01"
        ),
        encoding="utf-8",
    )
    border = session.edit("briefings/border.md", "Date:", "Tags: kabul\nDate:")
    update = session.run("update", {new, border})
    assert update.kind == "briefing", session.stderr.getvalue()
    fresh = rebuilt(session, tmp_path)
    assert snapshot(session.output) == snapshot(fresh.output)
    assert lists_of(session) == lists_of(fresh)
    assert ("Other Author", ["Later"]) in lists_of(session)["authors"]
    # A tag that a newer briefing brings comes before the older ones' tags.
    airport = session.edit("briefings/airport.md", "Date:", "Tags: alpha\nDate:")
    assert session.run("update", {airport}).kind == "briefing"
    assert [tag for tag, _ in lists_of(session)["tags"]] == ["kabul", "alpha", "zeta"]
    assert lists_of(session) == lists_of(rebuilt(session, tmp_path / "2"))
    # And gone again.
    new.unlink()
    update = session.run("update", {new})
    assert update.kind == "briefing", session.stderr.getvalue()
    fresh = rebuilt(session, tmp_path)
    assert snapshot(session.output) == snapshot(fresh.output)
    assert lists_of(session) == lists_of(fresh)
    assert "Other Author" not in dict(lists_of(session)["authors"])


def test_the_pages_of_the_judgments_follow_an_edit(tmp_path):
    notes = (CASES / "two-briefings/content/briefings/airport.notes.yaml").read_text()
    two = "".join(
        f"  - {{id: j{n}, text: It will likely recur., likelihood: likely,"
        f" confidence: low, basis: [airport-bombing]}}\n"
        for n in (1, 2)
    )
    session = built(
        tmp_path,
        settings='PAGINATED_TEMPLATES = {"judgments": 1}\n',
        files={"briefings/airport.notes.yaml": notes + "judgments:\n" + two},
    )
    assert (session.output / "judgments/page/2/index.html").exists()
    path = session.edit("briefings/airport.notes.yaml", two, two.split("\n")[0] + "\n")
    assert session.run("update", {path}).kind == "briefing"
    assert not (session.output / "judgments/page/2").exists()
    assert snapshot(session.output) == full_build_of(session, tmp_path)


def test_an_edit_to_a_briefing_in_a_pack_remakes_the_pack(tmp_path):
    pack = "title: A pack\ndate: 2021-09-15\nbriefings: [bombing-at-the-airport]\n"
    session = built(tmp_path, files={"packs/week.yaml": pack})
    path = session.edit(
        "briefings/airport.md", "planning it for weeks", "planning it for months"
    )
    update = session.run("update", {path})
    assert update.kind == "full", session.stderr.getvalue()
    page = (session.output / "packs" / "week" / "index.html").read_text("utf-8")
    assert "planning it for months" in page
    # A briefing in no pack is still updated alone.
    path = session.edit("briefings/border.md", "denied any", "denied every")
    assert session.run("update", {path}).kind == "briefing"
