"""The cache kept between builds: used only for the same text and the same
fingerprint, never trusted when damaged, pruned of files that are gone."""

from __future__ import annotations

import os
import pickle
from importlib import metadata

from briefing.speed.cache import FileCache, digest, fingerprint, versions


def test_an_entry_comes_back_only_for_the_same_text(tmp_path):
    path = tmp_path / "c" / "kept.pickle"
    cache = FileCache(path, "fp")
    cache.put("a.md", digest("one"), ("<p>one</p>", {}))
    cache.save()
    again = FileCache(path, "fp")
    assert again.get("a.md", digest("one")) == ("<p>one</p>", {})
    assert again.get("a.md", digest("one, edited")) is None
    assert again.get("b.md", digest("one")) is None


def test_another_fingerprint_uses_nothing(tmp_path):
    path = tmp_path / "kept.pickle"
    cache = FileCache(path, "markdown settings A")
    cache.put("a.md", digest("one"), "html")
    cache.save()
    assert FileCache(path, "markdown settings B").get("a.md", digest("one")) is None


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path):
    path = tmp_path / "kept.pickle"
    path.write_bytes(b"\x80\x05 not a pickle at all")
    cache = FileCache(path, "fp")
    assert cache.get("a.md", digest("one")) is None
    cache.put("a.md", digest("one"), "html")
    cache.save()
    assert FileCache(path, "fp").get("a.md", digest("one")) == "html"
    # A pickle of something else is no cache either.
    path.write_bytes(pickle.dumps(["a", "list"]))
    assert FileCache(path, "fp").get("a.md", digest("one")) is None


def test_files_not_seen_in_a_build_drop_out(tmp_path):
    path = tmp_path / "kept.pickle"
    first = FileCache(path, "fp")
    first.put("kept.md", digest("k"), 1)
    first.put("deleted.md", digest("d"), 2)
    first.save()
    second = FileCache(path, "fp")
    assert second.get("kept.md", digest("k")) == 1
    second.save()
    third = FileCache(path, "fp")
    assert third.get("kept.md", digest("k")) == 1
    assert third.get("deleted.md", digest("d")) is None


def test_an_unchanged_cache_is_not_written_again(tmp_path):
    path = tmp_path / "kept.pickle"
    first = FileCache(path, "fp")
    first.put("a.md", digest("a"), 1)
    first.save()
    os.utime(path, ns=(0, 0))
    second = FileCache(path, "fp")
    second.get("a.md", digest("a"))
    second.save()
    assert path.stat().st_mtime_ns == 0
    assert [p.name for p in tmp_path.iterdir()] == ["kept.pickle"]  # no scratch


def test_a_cache_that_cannot_be_written_only_warns(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = FileCache(blocker / "kept.pickle", "fp")
    cache.put("a.md", digest("a"), 1)
    cache.save()
    assert "could not save the cache" in caplog.text


def test_fingerprints_are_stable_and_unstable_values_never_match():
    settings = {"extension_configs": {"smarty": {}}, "output_format": "html5"}
    assert fingerprint(settings, (3, 11)) == fingerprint(dict(settings), (3, 11))
    assert fingerprint(settings) != fingerprint({**settings, "output_format": "xhtml"})
    # An object whose repr carries its address is never taken for another.
    assert fingerprint(object()) != fingerprint(object())


def test_versions_name_the_installed_distributions():
    found = versions("markdown.extensions.smarty", "pelican", "no_such_module_xyz")
    assert found["markdown"] == [f"Markdown=={metadata.version('Markdown')}"]
    assert found["pelican"] == [f"pelican=={metadata.version('pelican')}"]
    assert found["no_such_module_xyz"] == []
