"""One build at a time in an output folder.

Two builds into one folder would each publish a site the other then
replaces, and a preview would rewrite pages of a site another build just
swapped in. `output_lock` holds an advisory lock (flock) on
`.<output>.lock` beside the output folder for as long as a build or a
preview runs; the lock file names the process holding it. A second build
waits `wait` seconds for it, then gives up with a message naming that
process. The kernel releases the lock when the process ends, however it
ends, so a killed build never leaves the folder locked; the file itself
stays, empty, for the next build.
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

from .errors import display_path

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
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, output_path, WAIT_SECONDS if wait is None else wait)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()} {_command()}\n".encode(), 0)
        _remove_dead_builds(output_path)
        try:
            yield
        finally:
            os.ftruncate(descriptor, 0)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _acquire(descriptor: int, output_path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(descriptor, 4096, 0).decode(errors="replace")
                raise OutputBusy(
                    _busy_message(output_path, holder.strip(), wait)
                ) from None
            time.sleep(0.05)
        else:
            return


def _busy_message(output_path: Path, holder: str, wait: float) -> str:
    pid, _, command = holder.partition(" ")
    who = f"process {pid} ({command})" if pid else "another process"
    return (
        f"{display_path(output_path)}/ is being built by {who}; waited "
        f"{wait:g} s (let it finish or stop it, then build again)"
    )


def _command() -> str:
    return " ".join(["python", *sys.argv])[:200].replace("\n", " ")


def _remove_dead_builds(output_path: Path) -> None:
    """Staging folders of builds that were killed before they could clean
    up: with the lock held, no other build is using one."""
    for leftover in output_path.parent.glob(f".{output_path.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
