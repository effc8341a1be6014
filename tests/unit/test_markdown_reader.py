"""The faster Markdown path reads exactly what Pelican's own reader reads."""

from __future__ import annotations

import multiprocessing
import os
import time
from types import SimpleNamespace

import pytest
from pelican.readers import MarkdownReader
from pelican.settings import read_settings
from support import REPO

from briefing.speed import reading

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


# The generators a test made, whose workers must not outlive it.
_made: list = []


@pytest.fixture(autouse=True)
def no_workers_left():
    yield
    while _made:
        reading.stop_converting(_made.pop().settings)


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
    conversion = reading.conversion_of(generator.settings)
    assert conversion.waiting == set(files)  # with the workers

    expected = read_all(MarkdownReader(settings), files)
    reader = generator.readers.readers["md"]
    # Every article is the workers' HTML: the reader converts none itself.
    monkeypatch.setattr(reader, "_convert_or_keep", None)
    assert read_all(reader, files) == expected
    assert conversion.converted == {}  # each result is used once
    assert not conversion.waiting
    reading.finish_reading(generator)
    assert conversion.pool is None


def test_the_reader_takes_the_first_articles_while_the_last_are_converted(
    settings, files, tmp_path, monkeypatch
):
    """Pelican reads an article as soon as its HTML is back, rather than
    when every article is: the build process, done with the notes, reads
    while the workers finish."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(reading, "CHUNK", 1)
    last, go_on = files[-1], tmp_path / "go-on"

    def convert(markdown, text):
        # In a worker: the last article waits (up to a minute) for the test
        # to have read the first one.
        if text == DOCUMENTS["no-metadata.md"]:
            for _ in range(600):
                if go_on.exists():
                    return "<p>after the first was read</p>", {}
                time.sleep(0.1)
            return "<p>before the first was read</p>", {}
        return f"<p>{len(text)}</p>", {}

    monkeypatch.setattr(reading, "_convert", convert)
    generator = _FakeGenerator(settings, tmp_path, workers=2, ordered=files)
    reading.convert_in_parallel(generator)
    reader = generator.readers.readers["md"]
    monkeypatch.setattr(reader, "_convert_or_keep", None)
    first, _ = reader.read(files[0])
    assert first == f"<p>{len(DOCUMENTS['footnotes.md'])}</p>"
    assert last in reading.conversion_of(generator.settings).waiting
    go_on.touch()
    assert reader.read(last)[0] == "<p>after the first was read</p>"
    reading.finish_reading(generator)


def test_a_failed_build_stops_the_workers(settings, files, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    assert multiprocessing.active_children()
    reading.stop_converting(generator.settings)
    assert not multiprocessing.active_children()
    conversion = reading.conversion_of(generator.settings)
    assert conversion.pool is None and not conversion.waiting


def test_workers_leave_the_build_process_the_larger_share_of_the_cores(
    settings, files, tmp_path, monkeypatch
):
    """The build process checks the notes while the workers convert, and
    the build waits for whichever is last: the notes, on a large site."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    # In the (forked) workers: the converted HTML is the worker's niceness.
    monkeypatch.setattr(reading, "_convert", lambda md, text: (str(os.nice(0)), {}))
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    conversion = reading.conversion_of(generator.settings)
    conversion.collect()
    seen = {int(content) for _, content, _ in conversion.converted.values()}
    reading.stop_converting(generator.settings)
    assert seen == {min(19, os.nice(0) + reading.WORKER_NICENESS)}
    assert reading.WORKER_NICENESS > 0


def test_a_file_changed_after_conversion_is_read_again(
    settings, files, tmp_path, monkeypatch
):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    # Every article converted, then one edited.
    reading.conversion_of(generator.settings).collect()
    changed = files[-1]
    with open(changed, "a", encoding="utf-8") as handle:
        handle.write("\nA new paragraph.\n")
    os.utime(changed, ns=(0, 0))
    content, _ = generator.readers.readers["md"].read(changed)
    assert "A new paragraph." in content


def test_small_sites_and_one_worker_read_serially(settings, files, tmp_path):
    generator = _FakeGenerator(settings, tmp_path, workers=2)
    reading.convert_in_parallel(generator)
    # Fewer files than PARALLEL_MIN_FILES.
    assert reading.conversion_of(generator.settings).converted == {}
    assert reading.worker_count({"BRIEFING_WORKERS": 1}) == 1
    assert reading.worker_count({"BRIEFING_WORKERS": None}) >= 1


def test_a_site_reader_for_markdown_is_left_alone():
    class Custom(MarkdownReader):
        pass

    readers = SimpleNamespace(
        reader_classes={"md": Custom, "markdown": MarkdownReader}, settings={}
    )
    reading.use_fast_markdown(readers)
    assert readers.reader_classes["md"] is Custom
    assert readers.reader_classes["markdown"] is reading.BriefingMarkdownReader


class _FakeGenerator:
    """What convert_in_parallel uses of Pelican's ArticlesGenerator."""

    def __init__(self, settings, path, workers, ordered=None):
        self.settings = {
            **settings,
            "ARTICLE_PATHS": [""],
            "ARTICLE_EXCLUDES": [],
            "BRIEFING_WORKERS": workers,
        }
        self.path = str(path)
        self.ordered = ordered
        _made.append(self)
        reader = reading.BriefingMarkdownReader(self.settings)
        self.readers = SimpleNamespace(
            readers={"md": reader}, get_cached_data=self.get_cached_data
        )

    def get_files(self, paths, exclude=None):
        if self.ordered:
            return [os.path.relpath(path, self.path) for path in self.ordered]
        return {name for name in os.listdir(self.path) if name.endswith(".md")}

    def get_cached_data(self, filename, default=None):
        return default  # no content cache
