"""The articles' HTML kept between builds: a second build converts only what
changed, and writes the very site a build without the cache writes."""

from __future__ import annotations

import os

import pytest
from support import build, make_site, tree_snapshot

from briefing import reading

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
    (kept,) = (root / "cache" / "briefing").iterdir()
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
