"""What a build publishes: deterministic, whole."""

import gc
import os
import subprocess
import sys
import time

import time_machine
from pelican import Pelican
from support import REPO, build, make_site, tree_snapshot

from briefing.building import staging
from briefing.building.staging import COLLECTOR_THRESHOLDS


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    first = build(make_site(tmp_path / "first", case="two-briefings"))
    second = build(make_site(tmp_path / "second", case="two-briefings"))
    assert first.code == second.code == 0
    assert tree_snapshot(first.output) == tree_snapshot(second.output)


def test_two_builds_at_different_times_are_identical_to_the_byte(tmp_path):
    """Nothing in output/ may come from the clock: an actor no published
    briefing names has a feed with no entries, dated by the content."""
    lonely = {"actors/hermit.yaml": "name: A hermit\nkind: person\n"}
    trees = []
    for name, moment in (("a", "2030-01-01 09:00Z"), ("b", "2031-06-15 23:59Z")):
        root = make_site(tmp_path / name, case="two-briefings", files=lonely)
        with time_machine.travel(moment, tick=True):
            result = build(root)
        assert result.code == 0, result.stderr
        trees.append(tree_snapshot(result.output))
    assert "feeds/actors/hermit.atom.xml" in trees[0]
    assert trees[0] == trees[1]


def test_briefings_of_the_same_date_are_listed_in_the_same_order_every_time(
    tmp_path,
):
    """Python randomizes string hashing per process, and Pelican collects the
    files in a set: only an explicit tie-break makes the order stable."""
    same_day = {
        f"briefings/{name}.md": f"Title: {name}\nDate: 2021-09-01\n\nText.\n"
        for name in ("alpha", "bravo", "charlie", "delta", "echo")
    }
    trees = []
    for seed in ("1", "2", "3"):
        root = make_site(tmp_path / seed, case="two-briefings", files=same_day)
        subprocess.run(
            [sys.executable, "-m", "briefing", "build", "-s", "pelican.conf.py"],
            cwd=root,
            env={
                **os.environ,
                "PYTHONPATH": str(REPO / "plugins"),
                "PYTHONHASHSEED": seed,
            },
            check=True,
            capture_output=True,
        )
        trees.append(tree_snapshot(root / "output"))
    assert trees[0] == trees[1] == trees[2]


def test_the_command_leaves_without_tearing_the_interpreter_down(tmp_path):
    # Settings are Python: they can register what would run at teardown.
    teardown = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('torn down', file=sys.stderr))\n"
    )
    root = make_site(tmp_path, case="two-briefings", settings=teardown)
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "-s", "pelican.conf.py"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "torn down" not in result.stderr
    # What was buffered for a pipe still comes out.
    assert result.stdout.startswith("Done: Processed 2 articles")
    assert (root / "output" / "index.html").exists()


def test_the_collector_looks_less_often_during_a_build_only(tmp_path, monkeypatch):
    seen = []
    run = Pelican.run

    def spy(pelican):
        seen.append(gc.get_threshold())
        return run(pelican)

    monkeypatch.setattr(Pelican, "run", spy)
    before = gc.get_threshold()
    assert build(make_site(tmp_path, case="two-briefings")).code == 0
    assert seen == [COLLECTOR_THRESHOLDS]
    assert seen[0][0] > before[0]
    assert gc.get_threshold() == before


def test_the_retired_site_is_deleted_after_the_build_by_another_process(
    tmp_path, monkeypatch
):
    quiet = "BRIEFING_SEARCH = False\n"
    root = make_site(tmp_path, case="two-briefings", settings=quiet)
    assert build(root).code == 0
    deleted_here = []
    rmtree = staging.shutil.rmtree

    def spy(path, *args, **kwargs):
        if ".old-" in str(path):
            deleted_here.append(path)
        return rmtree(path, *args, **kwargs)

    monkeypatch.setattr(staging.shutil, "rmtree", spy)
    (root / "content" / "briefings" / "border.md").write_text(
        "Title: Trouble on the border\nDate: 2021-09-10\n\nRewritten.\n",
        encoding="utf-8",
    )
    assert build(root).code == 0
    assert deleted_here == []
    page = root / "output" / "briefings" / "trouble-on-the-border" / "index.html"
    assert "Rewritten." in page.read_text(encoding="utf-8")
    for _ in range(200):  # the other process ends soon after
        if not list(root.glob(".output.old-*")):
            break
        time.sleep(0.05)
    assert list(root.glob(".output.old-*")) == []
