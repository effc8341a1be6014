"""One build at a time in an output folder.

Two builds into one folder would each publish a site the other then
replaces, and a preview would rewrite pages of a site another build just
swapped in. `output_lock` holds an advisory lock (flock) on
`.<output>.lock` beside the output folder for as long as a build or a
preview runs; the lock file names the process holding it, and is removed
when it is done. A second build waits `wait` seconds for it, then gives
up with a message naming that process. The kernel releases the lock when
the process ends, however it ends: the file a killed build leaves is taken
by the next build as if it were new.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..content.errors import display_path

# How long a second build waits for the first before it gives up.
WAIT_SECONDS = 5.0


class OutputBusy(Exception):
    """Another process builds into the same output folder."""


@contextlib.contextmanager
def output_lock(output_path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output folder's lock (waiting up to `wait` seconds for it),
    then clear what builds that died left beside it."""
    output_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output_path.parent / f".{output_path.name}.lock"
    descriptor = _acquire(
        lock_path, output_path, WAIT_SECONDS if wait is None else wait
    )
    try:
        os.pwrite(descriptor, f"{os.getpid()} {_command()}\n".encode(), 0)
        _remove_dead_builds(output_path)
        yield
    finally:
        # Removed while still held: a build waiting on this file finds it
        # gone once it has the lock, and takes the new one instead.
        with contextlib.suppress(FileNotFoundError):
            lock_path.unlink()
        os.close(descriptor)


def _acquire(lock_path: Path, output_path: Path, wait: float) -> int:
    """A descriptor of the lock file, locked."""
    deadline = time.monotonic() + wait
    while True:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 4096, 0).decode(errors="replace")
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise OutputBusy(
                    _busy_message(output_path, holder.strip(), wait)
                ) from None
            time.sleep(0.05)
            continue
        if _still_there(descriptor, lock_path):
            os.ftruncate(descriptor, 0)
            return descriptor
        os.close(descriptor)  # the holder removed it as we took it


def _still_there(descriptor: int, lock_path: Path) -> bool:
    try:
        return os.stat(lock_path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False


def _busy_message(output_path: Path, holder: str, wait: float) -> str:
    pid, _, command = holder.partition(" ")
    who = f"process {pid} ({command})" if pid else "another process"
    return (
        f"{display_path(output_path)}/ is being built by {who}; waited "
        f"{wait:g} s (let it finish or stop it, then build again)"
    )


def _command() -> str:
    """The command line of this process, as it was typed (`python -m
    briefing build …` rather than the path of the package's __main__)."""
    program, *arguments = sys.argv or [""]
    if Path(program).name == "__main__.py":
        program = f"-m {Path(program).parent.name}"
    return " ".join(["python", program, *arguments])[:200].replace("\n", " ")


def _remove_dead_builds(output_path: Path) -> None:
    """Staging folders of builds that were killed before they could clean
    up: with the lock held, no other build is using one."""
    for leftover in output_path.parent.glob(f".{output_path.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
