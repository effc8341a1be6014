"""The faster Markdown path reads exactly what Pelican's own reader reads."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from support import REPO

from briefing import reading

DOCUMENTS = {
    "footnotes.md": (
        "Title: With a footnote\nDate: 2021-08-26\nTags: kabul, isk\n"
        "Summary: The *short* version[^s].\n\n"
        "Body text with a note.[^1]\n\n[^1]: The note.\n[^s]: In the summary.\n"
    ),
    "abbreviations.md": (
        "Title: Abbreviations\nDate: 2021-08-27\n\n"
        "*[ISKP]: Islamic State Khorasan Province\n\nISKP claimed it.\n"
    ),
    "after.md": (
        # Would show a footnote or an abbreviation of the files before it if
        # the reused Markdown instance kept state between files.
        "Title: After\nDate: 2021-08-28\nTags: one\nTags: two\n\n"
        "ISKP again, and [^1] without its definition.\n\n## A heading {: #h }\n"
    ),
    "bom.md": '\ufeffTitle: BOM\nDate: 2021-08-29\n\n> Quoted "text" -- dashed.\n',
    "no-metadata.md": "Just a paragraph.\n",
}


@pytest.fixture
def settings():
    return read_settings(str(REPO / "pelican.conf.py"))


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, text in DOCUMENTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def read_all(reader, paths):
    return [reader.read(path) for path in paths]


def test_same_html_and_metadata_as_pelicans_reader(settings, files):
    # Pelican's reader builds a new Markdown instance for each file; ours
    # reuses one, so reading the files in a row is the test.
    expected = read_all(MarkdownReader(settings), files)
    ours = read_all(reading.BriefingMarkdownReader(settings), files)
    assert ours == expected
    # The documents do exercise what they are meant to.
    assert "footnote" in expected[0][0]
    assert "<abbr" in expected[1][0] and "<abbr" not in expected[2][0]
    assert expected[0][1]["summary"].startswith("<p>The <em>short</em>")
    assert [tag.name for tag in expected[2][1]["tags"]] == ["one"]


def test_duplicate_definitions_warn_as_pelican_does(settings, files, caplog):
    reading.BriefingMarkdownReader(settings).read(files[2])
    assert "Duplicate definition of `tags`" in caplog.text


def test_converted_in_parallel_matches_and_is_taken_once(
    settings, files, tmp_path, monkeypatch
):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    assert set(reading._converted) == set(files)

    expected = read_all(MarkdownReader(settings), files)
    reader = generator.readers.readers["md"]
    assert read_all(reader, files) == expected
    assert reading._converted == {}  # each result is used once


def test_workers_leave_the_build_process_the_larger_share_of_the_cores(
    settings, files, tmp_path, monkeypatch
):
    """The build process checks the notes while the workers convert, and
    the build waits for whichever is last: the notes, on a large site."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    # In the (forked) workers: the converted HTML is the worker's niceness.
    monkeypatch.setattr(reading, "_convert", lambda md, text: (str(os.nice(0)), {}))
    reading.convert_in_parallel(_FakeGenerator(settings, tmp_path, workers=2))
    seen = {int(content) for _, content, _ in reading._converted.values()}
    reading._converted.clear()
    assert seen == {min(19, os.nice(0) + reading.WORKER_NICENESS)}
    assert reading.WORKER_NICENESS > 0


def test_a_file_changed_after_conversion_is_read_again(
    settings, files, tmp_path, monkeypatch
):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    changed = files[-1]
    with open(changed, "a", encoding="utf-8") as handle:
        handle.write("\nA new paragraph.\n")
    os.utime(changed, ns=(0, 0))
    content, _ = generator.readers.readers["md"].read(changed)
    assert "A new paragraph." in content


def test_small_sites_and_one_worker_read_serially(settings, files, tmp_path):
    reading.convert_in_parallel(_FakeGenerator(settings, tmp_path, workers=2))
    assert reading._converted == {}  # fewer files than PARALLEL_MIN_FILES
    assert reading.worker_count({"BRIEFING_WORKERS": 1}) == 1
    assert reading.worker_count({"BRIEFING_WORKERS": None}) >= 1


def test_a_site_reader_for_markdown_is_left_alone():
    class Custom(MarkdownReader):
        pass

    readers = SimpleNamespace(reader_classes={"md": Custom, "markdown": MarkdownReader})
    reading.use_fast_markdown(readers)
    assert readers.reader_classes["md"] is Custom
    assert readers.reader_classes["markdown"] is reading.BriefingMarkdownReader


class _FakeGenerator:
    """What convert_in_parallel uses of Pelican's ArticlesGenerator."""

    def __init__(self, settings, path, workers):
        self.settings = {
            **settings,
            "ARTICLE_PATHS": [""],
            "ARTICLE_EXCLUDES": [],
            "BRIEFING_WORKERS": workers,
        }
        self.path = str(path)
        reader = reading.BriefingMarkdownReader(self.settings)
        self.readers = SimpleNamespace(
            readers={"md": reader}, get_cached_data=self.get_cached_data
        )

    def get_files(self, paths, exclude=None):
        return {name for name in os.listdir(self.path) if name.endswith(".md")}

    def get_cached_data(self, filename, default=None):
        return default  # no content cache
