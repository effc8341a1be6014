"""The articles' HTML kept between builds: a second build converts only what
changed, and writes the very site a build without the cache writes."""

from __future__ import annotations

import logging
import os

import pytest
from support import build, make_site, tree_snapshot

from briefing.content.errors import Problems
from briefing.content.loader import load_registry
from briefing.site import articles
from briefing.site.mentions import MentionMatcher
from briefing.speed import reading
from briefing.speed.cache import digest

QUIET = "BRIEFING_SEARCH = False\n"
PAGE = "briefings/trouble-on-the-border/index.html"


@pytest.fixture
def conversions(monkeypatch):
    """The first line (the title) of each text converted in this process."""
    converted = []
    convert = reading._convert

    def spy(converter, text):
        converted.append(text.splitlines()[0])
        return convert(converter, text)

    monkeypatch.setattr(reading, "_convert", spy)
    return converted


def _quoted_site(root, settings=QUIET):
    """The two-briefings case, with quotes for the `smarty` extension."""
    root = make_site(root, case="two-briefings", settings=settings)
    article = root / "content" / "briefings" / "border.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("denied any shelling.", 'denied any "shelling".'),
        encoding="utf-8",
    )
    return root


def test_a_second_build_converts_nothing_and_writes_the_same_site(
    tmp_path, conversions
):
    root = _quoted_site(tmp_path / "site")
    assert build(root).code == 0
    assert len(conversions) == 3  # two briefings and a draft
    first = tree_snapshot(root / "output")
    conversions.clear()
    assert build(root).code == 0
    assert conversions == []
    assert tree_snapshot(root / "output") == first
    # The very site a build that keeps nothing writes.
    plain = _quoted_site(tmp_path / "plain", QUIET + "BRIEFING_CACHE = False\n")
    assert build(plain).code == 0
    assert tree_snapshot(plain / "output") == first
    assert not (plain / "cache").exists()


def test_an_edited_article_is_converted_again_even_with_the_same_stamp(
    tmp_path, conversions
):
    root = _quoted_site(tmp_path)
    assert build(root).code == 0
    article = root / "content" / "briefings" / "border.md"
    before = article.stat()
    edited = article.read_text(encoding="utf-8").replace("Shelling", "Shooting")
    article.write_text(edited, encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size
    conversions.clear()
    assert build(root).code == 0
    assert conversions == ["Title: Trouble on the border"]
    assert "Shooting along" in (root / "output" / PAGE).read_text(encoding="utf-8")


def test_other_markdown_settings_convert_everything_again(tmp_path, conversions):
    root = _quoted_site(tmp_path)
    assert build(root).code == 0
    assert "\u201cshelling\u201d" in (root / "output" / PAGE).read_text(
        encoding="utf-8"
    ) or "&ldquo;shelling&rdquo;" in (root / "output" / PAGE).read_text(
        encoding="utf-8"
    )
    settings = root / "pelican.conf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + 'MARKDOWN = {**MARKDOWN, "extension_configs": '
        '{"markdown.extensions.extra": {}}}\n',
        encoding="utf-8",
    )
    conversions.clear()
    assert build(root).code == 0
    assert len(conversions) == 3
    html = (root / "output" / PAGE).read_text(encoding="utf-8")
    assert "&quot;shelling&quot;" in html or '"shelling"' in html


def test_a_damaged_cache_costs_only_time(tmp_path, conversions):
    root = _quoted_site(tmp_path)
    assert build(root).code == 0
    first = tree_snapshot(root / "output")
    for kept in (root / "cache" / "briefing").iterdir():
        kept.write_bytes(kept.read_bytes()[:100])
    conversions.clear()
    result = build(root)
    assert result.code == 0, result.stderr
    assert len(conversions) == 3
    assert tree_snapshot(root / "output") == first


def test_workers_take_only_what_the_cache_lacks(tmp_path, monkeypatch, conversions):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    left = []
    take_kept = reading._take_kept

    def spy(cache, paths):
        left.append(sorted(os.path.basename(p) for p in take_kept(cache, paths)))
        return [os.path.join(os.path.dirname(paths[0]), name) for name in left[-1]]

    monkeypatch.setattr(reading, "_take_kept", spy)
    root = _quoted_site(tmp_path, QUIET + "BRIEFING_WORKERS = 2\n")
    assert build(root).code == 0
    first = tree_snapshot(root / "output")
    (root / "content" / "briefings" / "draft.md").write_text(
        (root / "content" / "briefings" / "draft.md").read_text(encoding="utf-8")
        + "\nOne more line.\n",
        encoding="utf-8",
    )
    assert build(root).code == 0
    assert left == [["airport.md", "border.md", "draft.md"], ["draft.md"]]
    assert conversions == []  # all of it in the workers
    second = tree_snapshot(root / "output")
    draft = "drafts/a-draft-about-the-border.html"
    assert b"One more line." in second.pop(draft)
    first.pop(draft)
    assert second == first


@pytest.fixture
def notes_loaded(monkeypatch):
    """The notes files read and checked in this process."""
    loaded = []
    load = articles.load_notes

    def spy(path, registry, problems, text=None):
        loaded.append(path.name)
        return load(path, registry, problems, text)

    monkeypatch.setattr(articles, "load_notes", spy)
    return loaded


def test_unchanged_notes_are_not_read_again(tmp_path, notes_loaded):
    root = _quoted_site(tmp_path)
    assert build(root).code == 0
    assert len(notes_loaded) == 3
    first = tree_snapshot(root / "output")
    notes_loaded.clear()
    assert build(root).code == 0
    assert notes_loaded == []
    # Their actors are this build's: the actor pages list the same briefings.
    assert tree_snapshot(root / "output") == first

    notes = root / "content" / "briefings" / "border.notes.yaml"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("Shelled the", "Shelled all the"),
        encoding="utf-8",
    )
    assert build(root).code == 0
    assert notes_loaded == ["border.notes.yaml"]
    assert "Shelled all the border" in (root / "output" / PAGE).read_text("utf-8")

    # An actor edited: every notes file is checked again, against it.
    actor = root / "content" / "actors" / "isk.yaml"
    actor.write_text(actor.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    notes_loaded.clear()
    assert build(root).code == 0
    assert sorted(notes_loaded) == [
        "airport.notes.yaml",
        "border.notes.yaml",
        "draft.notes.yaml",
    ]


def test_kept_notes_give_their_mistakes_and_warnings_again(
    tmp_path, notes_loaded, caplog
):
    root = _quoted_site(tmp_path)
    notes = root / "content" / "briefings" / "border.notes.yaml"
    text = notes.read_text(encoding="utf-8")
    notes.write_text(
        text.replace("    role: Protested the shelling.\n", ""), encoding="utf-8"
    )
    warning = "actors[1]: 'taliban' has no role yet"
    with caplog.at_level(logging.WARNING):
        assert build(root).code == 0
        assert any(warning in message for message in caplog.messages)
        caplog.clear()
        notes_loaded.clear()
        assert build(root).code == 0
        assert notes_loaded == []
        assert any(warning in message for message in caplog.messages)

    notes.write_text(text.replace("date: 2021-09\n", "date: 2021-19\n"))
    wrong = build(root)
    assert wrong.code == 1
    assert "border.notes.yaml:7: timeline[0].date: '2021-19' has no month 19" in (
        wrong.stderr
    )
    notes_loaded.clear()
    still_wrong = build(root)
    assert notes_loaded == []
    assert still_wrong.code == 1
    assert still_wrong.stderr == wrong.stderr


def test_notes_from_the_cache_point_at_this_registrys_actors(tmp_path):
    root = make_site(tmp_path, case="two-briefings", settings=QUIET)
    settings = {"BRIEFING_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    notes = root / "content" / "briefings" / "border.notes.yaml"
    for _ in range(2):  # loaded, then taken from the cache
        problems = Problems()
        registry = load_registry(root / "content" / "actors", problems)
        kept = articles.open_registry_cache(settings, registry, "notes")
        briefing = articles.load_notes_kept(notes, registry, problems, kept)
        kept.save()
        assert briefing.actors[0].actor is registry.actors["pakistan"]
        in_events = [actor for event in briefing.timeline for actor in event.actors]
        assert in_events
        assert all(actor is registry.actors[actor.id] for actor in in_events)
        assert not problems.errors
    assert kept.get(str(notes), digest(notes.read_text(encoding="utf-8")))


def test_mentions_are_linked_again_only_when_the_text_or_the_actors_change(
    tmp_path, monkeypatch
):
    linked = []
    link = MentionMatcher.link

    def spy(matcher, html_text, hrefs):
        linked.append(sorted(hrefs))
        return link(matcher, html_text, hrefs)

    monkeypatch.setattr(MentionMatcher, "link", spy)
    root = _quoted_site(tmp_path)
    assert build(root).code == 0
    assert len(linked) == 3
    linked.clear()
    assert build(root).code == 0
    assert linked == []
    page = root / "output" / PAGE
    assert ">Shelling</a>" not in page.read_text(encoding="utf-8")
    # A new alias of Pakistan now comes first in the border briefing.
    actor = root / "content" / "actors" / "pakistan.yaml"
    actor.write_text(
        actor.read_text(encoding="utf-8").replace("aliases: [", "aliases: [Shelling, "),
        encoding="utf-8",
    )
    assert build(root).code == 0
    assert len(linked) == 3
    assert ">Shelling</a>" in page.read_text(encoding="utf-8")


def test_models_of_the_same_fields_share_one_frozen_set_loaded_or_kept(tmp_path):
    """Notes hold dozens of small models; each one's own set of the fields
    given took a third of their memory."""
    root = make_site(tmp_path, case="two-briefings", settings=QUIET)
    settings = {"BRIEFING_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    folder = root / "content" / "briefings"
    for _ in range(2):  # loaded, then taken from the cache
        problems = Problems()
        registry = load_registry(root / "content" / "actors", problems)
        kept = articles.open_registry_cache(settings, registry, "notes")
        models = []
        for notes in sorted(folder.glob("*.notes.yaml")):
            briefing = articles.load_notes_kept(notes, registry, problems, kept)
            models += briefing.actors + briefing.timeline
            models += [
                source for event in briefing.timeline for source in event.sources
            ]
        kept.save()
        assert not problems.errors
        by_fields = {}
        for model in models:
            fields = model.model_fields_set
            assert isinstance(fields, frozenset)
            assert by_fields.setdefault((type(model), fields), fields) is fields
        assert {kind.__name__ for kind, _ in by_fields} == {"CastMember", "Event"}
        assert len(by_fields) < len(models)
