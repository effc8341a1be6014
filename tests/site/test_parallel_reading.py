"""Converting articles on several cores builds the very same site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import build, make_site, tree_snapshot

from briefing.site import articles
from briefing.speed import reading


def test_parallel_and_serial_builds_are_identical(tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    converted = []
    take = reading._take_converted

    def spy(conversion, path):
        converted.append(take(conversion, path))
        return converted[-1]

    monkeypatch.setattr(reading, "_take_converted", spy)
    builds = {}
    for workers in (1, 2):
        root = make_site(
            tmp_path / f"workers-{workers}",
            case="two-briefings",
            settings=f"BRIEFING_WORKERS = {workers}\nBRIEFING_SEARCH = False\n",
        )
        result = build(root)
        assert result.code == 0, result.stderr
        builds[workers] = tree_snapshot(result.output)
    # The parallel build did take its articles from the workers...
    assert any(ahead is not None for ahead in converted)
    # ...and wrote byte for byte what the serial one wrote.
    assert builds[2] == builds[1]


FAST = "BRIEFING_WORKERS = 2\nBRIEFING_SEARCH = False\n"


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_pelicans_content_cache_gives_the_same_site_and_no_work(
    tmp_path, monkeypatch, layer
):
    """With CACHE_CONTENT and LOAD_CONTENT_CACHE, an unchanged article comes
    from Pelican's cache: the workers leave it alone, and its mentions still
    link to the actor pages."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    planned = []
    plan = reading.files_to_convert

    def spy(generator):
        paths = plan(generator)
        planned.append(sorted(Path(path).name for path in paths))
        return paths

    monkeypatch.setattr(reading, "files_to_convert", spy)
    plain = build(make_site(tmp_path / "plain", case="two-briefings", settings=FAST))
    assert plain.code == 0, plain.stderr
    expected = tree_snapshot(plain.output)
    assert any(
        'class="mention" href="../../actors/' in text.decode()
        for name, text in expected.items()
        if name.startswith("briefings/")
    )
    root = make_site(
        tmp_path / "cached",
        case="two-briefings",
        settings=FAST + "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
        f"CONTENT_CACHING_LAYER = {layer!r}\n",
    )
    for _ in range(2):
        cached = build(root)
        assert cached.code == 0, cached.stderr
        assert tree_snapshot(cached.output) == expected
    # Every article converted by the first cached build, none by the second.
    assert planned[1:] == [["airport.md", "border.md", "draft.md"], []]
    # An edited article is converted again, and only that one.
    edited = root / "content" / "briefings" / "border.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n")
    assert build(root).code == 0
    assert planned[-1] == ["border.md"]


@pytest.fixture
def read_ahead(monkeypatch, tmp_path):
    """Parallel reading on any site; lists the notes files loaded, and by
    which process (a worker's pid differs from this one's)."""
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    log = tmp_path / "loaded.log"
    load = articles.load_notes

    def spy(path, registry, problems, text=None):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{Path(path).name} {os.getpid()}\n")
        return load(path, registry, problems, text)

    monkeypatch.setattr(articles, "load_notes", spy)

    def loaded() -> list[tuple[str, bool]]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [
            (name, int(pid) != os.getpid())
            for name, pid in (line.split() for line in lines)
        ]

    return loaded


def test_notes_are_checked_by_the_workers_once(tmp_path, read_ahead):
    result = build(make_site(tmp_path, case="two-briefings", settings=FAST))
    assert result.code == 0, result.stderr
    assert sorted(read_ahead()) == [
        ("airport.notes.yaml", True),
        ("border.notes.yaml", True),
        ("draft.notes.yaml", True),
    ]
    # What the workers made of them is on the pages.
    airport = result.page("briefings/bombing-at-the-airport/index.html")
    assert airport.select("[data-briefing=actors] [data-actor]")
    # And in the notes cache: the next build checks none of them.
    assert build(tmp_path).code == 0
    assert len(read_ahead()) == 3
    # An article edited goes to a worker again, which finds its notes in the
    # cache; they stay there for the build after.
    article = tmp_path / "content" / "briefings" / "airport.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n")
    for _ in range(2):
        assert build(tmp_path).code == 0
        assert len(read_ahead()) == 3


def test_notes_or_actors_edited_after_they_were_read_ahead_are_read_again(
    tmp_path, read_ahead, monkeypatch
):
    root = make_site(tmp_path, case="two-briefings", settings=FAST)
    take = articles._take_notes_checked

    def then_edit(*args):
        take(*args)
        for relative, old, new in [
            ("briefings/airport.notes.yaml", "The first briefing", "An edited one"),
            ("actors/taliban.yaml", "Islamist movement", "An edited movement"),
        ]:
            path = root / "content" / relative
            path.write_text(path.read_text(encoding="utf-8").replace(old, new))
            os.utime(path, ns=(1, 1))

    monkeypatch.setattr(articles, "_take_notes_checked", then_edit)
    result = build(root)
    assert result.code == 0, result.stderr
    # An actor changed: every notes file was read again, against it, here.
    assert len(read_ahead()) == 6
    assert [by_worker for _, by_worker in read_ahead()[3:]] == [False] * 3
    airport = result.page("briefings/bombing-at-the-airport/index.html")
    assert "An edited one" in airport.select_one("[data-briefing=summary]").text
    taliban = (result.output / "actors" / "taliban" / "index.html").read_text()
    assert "An edited movement" in taliban


def test_mistakes_read_ahead_are_reported_as_when_read_in_turn(
    tmp_path, monkeypatch, caplog, builds
):
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 1)
    broken = {
        "briefings/border.notes.yaml": "summary: [unclosed\n",
        "actors/pakistan.yaml": "name: Pakistan\nkind: state\nkindd: x\n",
        "briefings/orphan.notes.yaml": "summary: Notes without an article.\n",
    }
    reports = []
    for workers in (1, 2):
        root = make_site(
            tmp_path / str(workers),
            case="two-briefings",
            files=broken,
            settings=f"BRIEFING_WORKERS = {workers}\nBRIEFING_SEARCH = False\n",
        )
        caplog.clear()
        result = build(root)
        assert result.code == 1
        warnings = [
            r.getMessage() for r in caplog.records if r.name == "briefing.site.articles"
        ]
        reports.append((result.stderr, warnings))
    assert builds and not any(b.notes_ahead for b in builds)  # none kept
    assert "border.notes.yaml:1: YAML syntax" in reports[0][0]
    assert "orphan.notes.yaml: these notes have no article" in reports[0][0]
    assert "pakistan.yaml:3: unknown field 'kindd'" in reports[0][1][0]
    assert reports[1] == reports[0]
