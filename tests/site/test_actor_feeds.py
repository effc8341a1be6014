"""The actors' feeds, each article's entry made once (feeds.py), against
what Pelican's own writer writes for the same articles."""

import os
from datetime import UTC, datetime

import feedparser
import pytest
from pelican import signals
from pelican.writers import Writer
from support import build, make_site, tree_snapshot

from briefing.site import feeds
from briefing.site.pages import BriefingPagesGenerator

# A third briefing with what changes an entry: a summary of its own (with
# markup), tags, a modified date, a title with an ampersand, long text.
LONG_BRIEFING = {
    "briefings/talks.md": (
        "Title: Talks &amp; threats\n"
        "Date: 2021-09-20 09:30\n"
        "Modified: 2021-09-22 18:00\n"
        "Tags: talks, border\n"
        "Summary: Talks <em>resumed</em> & stalled.\n\n"
        + "Pakistan and the Taliban met again. " * 60
        + "\n\n[The airport](https://example.org/a?b=1&c=2) came up.\n"
    ),
    "briefings/talks.notes.yaml": (
        "actors:\n"
        "  - id: pakistan\n    role: Asked for talks.\n"
        "  - id: taliban\n    role: Came to the talks.\n"
        "  - id: isk\n    role: Was the subject.\n"
    ),
}

SETTINGS = {
    "project's": "",
    "absolute URLs": "RELATIVE_URLS = False\nSITEURL = 'https://desk.example.org/'\n",
    "feed domain, ref and subtitle": (
        "FEED_DOMAIN = 'https://feeds.example.org'\n"
        "FEED_APPEND_REF = True\n"
        "SITESUBTITLE = 'Notes <b>&</b> more'\n"
    ),
    "time zone and a short feed": "TIMEZONE = 'Asia/Kabul'\nFEED_MAX_ITEMS = 1\n",
}


@pytest.fixture
def built_desk(tmp_path, request):
    """A built desk site, and its BriefingPagesGenerator as the build left it."""
    generators = []

    def keep(all_generators):
        generators.extend(all_generators)

    signals.all_generators_finalized.connect(keep)
    try:
        root = make_site(
            tmp_path / "site",
            case="two-briefings",
            files=LONG_BRIEFING,
            settings=getattr(request, "param", ""),
        )
        result = build(root)
    finally:
        signals.all_generators_finalized.disconnect(keep)
    assert result.code == 0, result.stderr
    (generator,) = [g for g in generators if isinstance(g, BriefingPagesGenerator)]
    return generator


EMPTY = datetime(2021, 9, 30, 12, tzinfo=UTC)


def feed_url(settings, path):
    return f"{settings.get('FEED_DOMAIN') or settings['SITEURL']}/{path}"


def actor_feeds(generator) -> list[tuple[str, str, list]]:
    site = generator.context["briefing_site"]
    return [
        (actor.feed_url, actor.name, [a.article for a in site.appearances_of(actor)])
        for actor in site.registry.actors.values()
    ]


@pytest.mark.parametrize("built_desk", SETTINGS.values(), ids=SETTINGS, indirect=True)
def test_actor_feeds_are_byte_for_byte_what_pelicans_writer_writes(
    built_desk, tmp_path
):
    generator, settings = built_desk, built_desk.settings
    wanted = actor_feeds(generator)
    assert sum(len(articles) for _, _, articles in wanted) > len(wanted)

    ours, pelicans = tmp_path / "ours", tmp_path / "pelicans"
    sent = []

    def written(path, context, feed):
        sent.append(os.path.relpath(path, ours))

    signals.feed_written.connect(written)
    try:
        feeds.write_feeds(Writer(str(ours), settings), generator.context, wanted, EMPTY)
    finally:
        signals.feed_written.disconnect(written)
    assert sent == [path for path, _, _ in wanted]
    writer = Writer(str(pelicans), settings)
    for path, title, articles in wanted:
        writer.write_feed(articles, generator.context, path, feed_title=title)

    written = tree_snapshot(ours)
    assert sorted(written) == sorted(path for path, _, _ in wanted)
    # Pelican's writer gives every feed the site's URL as its id; ours, its
    # own URL: all else is the same.
    site_id = f"<id>{settings['SITEURL']}/</id>".encode()
    for path, expected in tree_snapshot(pelicans).items():
        own_id = f"<id>{feed_url(settings, path)}</id>".encode()
        assert expected.count(site_id) == 1
        assert written[path] == expected.replace(site_id, own_id)


def test_each_articles_entry_is_made_once_for_every_feed(
    built_desk, tmp_path, monkeypatch
):
    made = []
    make = feeds._SharedEntriesFeed._entry

    def counted(feed, item):
        made.append(item["link"])
        return make(feed, item)

    wanted = actor_feeds(built_desk)
    monkeypatch.setattr(feeds._SharedEntriesFeed, "_entry", counted)
    writer = Writer(str(tmp_path), built_desk.settings)
    feeds.write_feeds(writer, built_desk.context, wanted, EMPTY)
    in_feeds = [a for _, _, articles in wanted for a in articles]
    assert len(in_feeds) > len(set(map(id, in_feeds))) == len(made)
    assert len(set(made)) == len(made)


def test_a_plugin_that_changes_feeds_sees_and_changes_each_of_them(
    built_desk, tmp_path
):
    seen = []

    def retitle(context, feed):
        seen.append(feed.feed["title"])
        for item in feed.items:
            item["title"] = "Changed by a plugin"

    wanted = actor_feeds(built_desk)
    signals.feed_generated.connect(retitle)
    try:
        writer = Writer(str(tmp_path), built_desk.settings)
        feeds.write_feeds(writer, built_desk.context, wanted, EMPTY)
    finally:
        signals.feed_generated.disconnect(retitle)
    assert len(seen) == len(wanted)
    for path, _, _ in wanted:
        text = (tmp_path / path).read_text(encoding="utf-8")
        assert text.count("<title>Changed by a plugin</title>") >= 1


def test_a_writer_with_a_feed_writer_of_its_own_writes_the_feeds(built_desk, tmp_path):
    calls = []

    class OwnWriter(Writer):
        def write_feed(self, elements, context, path=None, *args, **kwargs):
            calls.append(path)
            return super().write_feed(elements, context, path, *args, **kwargs)

    wanted = actor_feeds(built_desk)
    feeds.write_feeds(
        OwnWriter(str(tmp_path), built_desk.settings),
        built_desk.context,
        wanted,
        EMPTY,
    )
    assert calls == [path for path, _, _ in wanted]


def test_each_feed_has_its_own_id_and_an_empty_one_a_date_of_the_content(
    built_desk, tmp_path
):
    wanted = [*actor_feeds(built_desk), ("feeds/actors/nobody.atom.xml", "No one", [])]
    writer = Writer(str(tmp_path), built_desk.settings)
    feeds.write_feeds(writer, built_desk.context, wanted, EMPTY)
    ids = []
    for path, _, articles in wanted:
        parsed = feedparser.parse((tmp_path / path).read_bytes())
        ids.append(parsed.feed.id)
        assert parsed.feed.id == feed_url(built_desk.settings, path)
        if not articles:
            assert parsed.feed.updated == "2021-09-30T12:00:00+00:00"
    assert len(set(ids)) == len(ids)


def test_an_empty_feed_is_dated_by_the_newest_article_not_the_clock(built_desk):
    articles = built_desk.context["articles"]
    newest = max(max(a.date, getattr(a, "modified", a.date)) for a in articles)
    # The third briefing: published 20 September, modified on the 22nd.
    assert newest.isoformat() == "2021-09-22T18:00:00+00:00"
    assert feeds.newest_content_date(articles) == newest
    assert feeds.newest_content_date([]) == feeds.NO_CONTENT_DATE
