"""Bad input: a clear `path:line: message (hint)`, exit 1, old output kept."""

import logging
import os
import subprocess
import sys

import pytest
from support import REPO, build, tree_snapshot

AIRPORT_NOTES = "briefings/airport.notes.yaml"


@pytest.fixture
def published(site):
    """A good site built once, so that a failed build has something to keep."""
    root = site(case="two-briefings")
    result = build(root)
    assert result.code == 0, result.stderr
    return root, tree_snapshot(result.output)


def rebuild_with(root, files):
    for relative, text in files.items():
        path = root / "content" / relative
        if text is None:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
    return build(root)


def run_command_line(root, command):
    """`python -m briefing <command>` in a new process, as make runs it."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", command, "-s", "pelican.conf.py"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )


def assert_failed_cleanly(result, snapshot):
    assert result.code == 1
    assert "Traceback" not in result.stderr
    assert tree_snapshot(result.output) == snapshot, "output/ must stay as it was"
    leftovers = [
        p.name for p in result.output.parent.iterdir() if ".building-" in p.name
    ]
    assert leftovers == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            {AIRPORT_NOTES: "actors:\n  - id: iskk\n    role: x\n"},
            [
                "content/briefings/airport.notes.yaml:2: actors[0].id: "
                "unknown actor 'iskk' (did you mean 'isk'?)"
            ],
            id="unknown-actor",
        ),
        pytest.param(
            {
                AIRPORT_NOTES: "summary: x\njudgments:\n  - id: j\n"
                "    text: It will likely hold.\n    likelihood: likely\n"
                "    confidence: low\n    basis: [airport-bombin]\n"
            },
            [
                "content/briefings/airport.notes.yaml:7: judgments[0].basis[0]: "
                "no event has the id 'airport-bombin' (did you mean "
                "'airport-bombing'?)"
            ],
            id="judgment-basis-unknown",
        ),
        pytest.param(
            {
                AIRPORT_NOTES: "judgments:\n  - id: j\n    text: It holds.\n"
                "    likelihood: very likley\n    confidence: low\n"
            },
            [
                "content/briefings/airport.notes.yaml:4: judgments[0].likelihood: "
                "'very likley' is not one of the seven likelihood terms (did you "
                "mean 'very likely'?)"
            ],
            id="judgment-likelihood-misspelt",
        ),
        pytest.param(
            {AIRPORT_NOTES: "timeline:\n  - date: 2021-13-40\n    title: x\n"},
            [
                "content/briefings/airport.notes.yaml:2: timeline[0].date: "
                "'2021-13-40' has no month 13 (use YYYY, YYYY-MM or YYYY-MM-DD"
            ],
            id="impossible-date",
        ),
        pytest.param(
            {AIRPORT_NOTES: "summary: [unclosed\nactors: []\n"},
            [
                "content/briefings/airport.notes.yaml:2: YAML syntax: did not find "
                "expected ',' or ']' (while parsing a flow sequence started on line 1"
            ],
            id="yaml-syntax",
        ),
        pytest.param(
            {AIRPORT_NOTES: "summary: ok\ntimeline:\n  - date: !!int 2021-08\n"},
            [
                "content/briefings/airport.notes.yaml:3: '2021-08' is not a valid "
                "!!int (write a value of that kind, or remove the '!!' tag)"
            ],
            id="value-not-of-its-tag",
        ),
        pytest.param(
            {AIRPORT_NOTES: "summary: ok\nactors: &cast\n  - id: isk\n  - *cast\n"},
            [
                "content/briefings/airport.notes.yaml:2: the list or mapping that "
                "starts here holds an alias (*name) of itself"
            ],
            id="alias-of-itself",
        ),
        pytest.param(
            {
                AIRPORT_NOTES: "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n"
                + "".join(
                    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 8)}]\n"
                    for n in range(1, 13)
                )
            },
            [
                "content/briefings/airport.notes.yaml:5: the aliases (*name) in "
                "the list or mapping that starts here repeat more than 10,000 values"
            ],
            id="billion-laughs",
        ),
        pytest.param(
            {"actors/taliban.yaml": "name: Taliban\nsummary: " + "x" * 1_100_000},
            [
                "content/actors/taliban.yaml: the file is 1,100,023 bytes, more "
                "than the 1,048,576 a notes or actor file may have"
            ],
            id="oversized-file",
        ),
        pytest.param(
            {"actors/taliban.yaml": "name: Taliban\nkind: [armed group\n"},
            ["content/actors/taliban.yaml:2: YAML syntax:"],
            id="registry-yaml-syntax",
        ),
        pytest.param(
            {"briefings/orphan.notes.yaml": "summary: lost\n"},
            [
                "content/briefings/orphan.notes.yaml: these notes have no article "
                "(expected orphan.md beside them"
            ],
            id="notes-without-article",
        ),
        pytest.param(
            {
                "briefings/airport.md": "Title: A\nDate: 2021-08-27\n"
                "Original_url: javascript:alert(1)\n\nText.\n"
            },
            [
                "content/briefings/airport.md:3: Original_url: "
                "'javascript:alert(1)' is not a web address"
            ],
            id="article-url-not-http",
        ),
        pytest.param(
            {
                AIRPORT_NOTES: "actors:\n  - id: nobody\n",
                "briefings/border.notes.yaml": "timeline:\n  - title: no date\n",
            },
            [
                "content/briefings/airport.notes.yaml:2: actors[0].id: "
                "unknown actor 'nobody'",
                "content/briefings/border.notes.yaml:2: timeline[0]: 'date' is missing",
                "2 errors in the content; output/ was left as it was",
            ],
            id="errors-in-two-files-reported-together",
        ),
        pytest.param(
            {
                "briefings/copy.md": "Title: A copy\nSlug: bombing-at-the-airport\n"
                "Date: 2021-09-01\n\nText.\n"
            },
            [
                "content/briefings/airport.md:1: briefings/bombing-at-the-airport/"
                "index.html is also the page of content/briefings/copy.md (give one "
                "of them a Slug or Save_as of its own)",
                "content/briefings/copy.md:2: briefings/bombing-at-the-airport/"
                "index.html is also the page of content/briefings/airport.md",
                "2 errors in the content; output/ was left as it was",
            ],
            id="two-briefings-at-one-url",
        ),
    ],
)
def test_a_content_mistake_fails_the_build_and_keeps_the_old_site(
    published, files, expected
):
    root, snapshot = published
    result = rebuild_with(root, files)
    assert_failed_cleanly(result, snapshot)
    lines = result.stderr.splitlines()
    for text in expected:
        assert any(line.startswith(text) for line in lines), (text, lines)


def test_an_article_pelican_cannot_read_fails_the_build(published):
    root, snapshot = published
    result = rebuild_with(root, {"briefings/airport.md": "Title: A\nDate: soon\n\nX\n"})
    assert_failed_cleanly(result, snapshot)
    assert "was left as it was" in result.stderr


def test_an_interrupted_build_keeps_the_old_site(published, monkeypatch):
    root, snapshot = published

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr("briefing.building.staging.Pelican.run", interrupted)
    result = build(root)
    assert result.code == 130
    assert tree_snapshot(result.output) == snapshot


def test_a_good_build_replaces_the_site_whole(published):
    root, snapshot = published
    result = rebuild_with(
        root, {"briefings/border.md": None, "briefings/border.notes.yaml": None}
    )
    assert result.code == 0, result.stderr
    assert not (result.output / "briefings" / "trouble-on-the-border").exists()
    # Outside the search index (whose file names hash its content), the new
    # site is the old one less that briefing.
    pages = {name for name in tree_snapshot(result.output) if "pagefind" not in name}
    assert pages < set(snapshot)
    assert not any("trouble-on-the-border" in name for name in pages)


def test_a_briefing_without_notes_is_built_with_a_warning(site, caplog):
    root = site(case="two-briefings")
    (root / "content" / AIRPORT_NOTES).unlink()
    with caplog.at_level(logging.WARNING):
        result = build(root)
    assert result.code == 0, result.stderr
    assert (
        "content/briefings/airport.md: this briefing has no notes, so no actors or "
        "timeline (create airport.notes.yaml beside it)" in caplog.messages
    )
    page = result.page("briefings/bombing-at-the-airport/index.html")
    assert page.select_one('[data-briefing="body"]') is not None
    assert page.select_one('[data-briefing="actors"]') is None


def test_the_command_line_prints_errors_without_a_traceback(site):
    root = site(case="two-briefings", files={AIRPORT_NOTES: "actors:\n  - id: iskk\n"})
    completed = run_command_line(root, "build")
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr
    assert completed.stderr.splitlines()[0] == (
        "content/briefings/airport.notes.yaml:2: actors[0].id: unknown actor 'iskk' "
        "(did you mean 'isk'?)"
    )
    assert not (root / "output").exists()


def test_check_validates_content_without_building(site):
    root = site(
        case="two-briefings", files={AIRPORT_NOTES: "timeline:\n  - date: 2021\n"}
    )
    completed = run_command_line(root, "check")
    assert completed.returncode == 1
    assert (
        "content/briefings/airport.notes.yaml:2: timeline[0]: 'title' is missing"
        in (completed.stderr)
    )
    assert not (root / "output").exists()


def test_check_validates_pack_files_too(site):
    root = site(
        case="two-briefings",
        files={"packs/week.yaml": "title: A pack\ndate: 2021-09-31\nbriefings: [x]\n"},
    )
    completed = run_command_line(root, "check")
    assert completed.returncode == 1
    assert "content/packs/week.yaml:2: date: '2021-09-31' is not a day" in (
        completed.stderr
    )


def test_check_finds_a_judgments_basis_in_any_briefing_and_warns_on_wording(site):
    notes = (
        "summary: x\njudgments:\n  - id: j\n    text: The border may stay calm.\n"
        "    likelihood: likely\n    confidence: low\n    basis: [airport-bombing]\n"
    )
    root = site(case="two-briefings", files={AIRPORT_NOTES: notes})
    completed = run_command_line(root, "check")
    assert completed.returncode == 0, completed.stderr
    assert (
        "content/briefings/airport.notes.yaml:4: judgments[0]: the text hedges "
        "with 'may' without saying how likely" in completed.stderr
    )
    notes_file = root / "content" / AIRPORT_NOTES
    notes_file.write_text(notes.replace("airport-bombing", "airport-bombin"))
    completed = run_command_line(root, "check")
    assert completed.returncode == 1
    assert (
        "content/briefings/airport.notes.yaml:7: judgments[0].basis[0]: no event "
        "has the id 'airport-bombin'" in completed.stderr
    )
