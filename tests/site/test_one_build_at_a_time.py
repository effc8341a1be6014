"""Two builds into one output folder: the second waits, then gives up
cleanly, naming the first; a build that died leaves nothing behind."""

import contextlib
import io
import os
import subprocess
import sys

import pytest
from support import REPO, build, tree_snapshot

from briefing.authoring.cli import main as briefing_main
from briefing.building import lock

HOLD = (
    "import sys; from pathlib import Path\n"
    "from briefing.building.lock import output_lock\n"
    "with output_lock(Path(sys.argv[1])):\n"
    "    print('held', flush=True); sys.stdin.read()\n"
)


def hold_the_lock(root):
    """A process holding the lock of `root`'s output folder until its input
    is closed, as a build under way does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root / "output")],
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"
    return holder


@pytest.fixture
def another_build(site):
    """A built site, and a process that holds its output folder's lock, as
    a build under way does."""
    root = site(case="two-briefings")
    assert build(root).code == 0
    holder = hold_the_lock(root)
    yield root, holder
    holder.stdin.close()
    holder.wait(timeout=30)


def run(root, *command):
    stderr = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stderr(stderr):
        code = briefing_main([*command, "-s", "pelican.conf.py"])
    return code, stderr.getvalue()


def test_a_second_build_gives_up_naming_the_first(another_build, monkeypatch):
    root, holder = another_build
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    before = tree_snapshot(root / "output")
    code, stderr = run(root, "build")
    assert code == 1
    assert "Traceback" not in stderr
    assert stderr.startswith(
        f"output/ is being built by process {holder.pid} (python -c "
    )
    assert "waited 0.3 s (let it finish or stop it, then build again)" in stderr
    assert tree_snapshot(root / "output") == before
    # Nothing of the refused build beside the site; the holder's lock only.
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == [
        ".output.lock"
    ]


def test_a_preview_gives_up_too(another_build, monkeypatch):
    root, holder = another_build
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    code, stderr = run(root, "preview")
    assert code == 1
    assert f"is being built by process {holder.pid}" in stderr


def test_the_second_build_goes_ahead_once_the_first_is_done(another_build):
    root, holder = another_build
    holder.stdin.close()  # the first build ends while the second waits
    code, stderr = run(root, "build")
    assert code == 0, stderr
    assert not list(root.glob(".output.lock"))


def test_a_build_clears_what_a_killed_build_left(site):
    root = site(case="two-briefings")
    (root / ".output.building-x1y2" / "briefings").mkdir(parents=True)
    killed = hold_the_lock(root)
    killed.kill()  # its lock goes with it
    killed.wait()
    assert (root / ".output.lock").exists()
    result = build(root)
    assert result.code == 0, result.stderr
    assert not list(root.glob(".output.building-*"))
    assert not list(root.glob(".output.lock"))


def test_the_holder_is_named_by_the_command_as_it_was_typed(monkeypatch):
    main = str(REPO / "plugins" / "briefing" / "__main__.py")
    monkeypatch.setattr("sys.argv", [main, "build", "-s", "pelican.conf.py"])
    assert lock._command() == "python -m briefing build -s pelican.conf.py"
