"""The actors' feeds, each article's entry made once (feeds.py), against
what Pelican's own writer writes for the same articles."""

import os

import pytest
from pelican import signals
from pelican.writers import Writer
from support import build, make_site, tree_snapshot

from briefing import feeds
from briefing.pages import BriefingPagesGenerator

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
        feeds.write_feeds(Writer(str(ours), settings), generator.context, wanted)
    finally:
        signals.feed_written.disconnect(written)
    assert sent == [path for path, _, _ in wanted]
    writer = Writer(str(pelicans), settings)
    for path, title, articles in wanted:
        writer.write_feed(articles, generator.context, path, feed_title=title)

    written = tree_snapshot(ours)
    assert sorted(written) == sorted(path for path, _, _ in wanted)
    assert written == tree_snapshot(pelicans)


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
    feeds.write_feeds(writer, built_desk.context, wanted)
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
        feeds.write_feeds(writer, built_desk.context, wanted)
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
        OwnWriter(str(tmp_path), built_desk.settings), built_desk.context, wanted
    )
    assert calls == [path for path, _, _ in wanted]
