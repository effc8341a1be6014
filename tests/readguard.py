"""A watch on the files tests read: none may lie beside the repository.

A user clones the project anywhere, without the folders that stand beside
it here; a test that reads one of those passes here and fails there. Python's audit
hooks see every file a test opens, every folder it lists and every command
it starts, in this process; `ReadGuard` notes each path among them that
lies in the repository's parent folder but outside the repository itself.
(A repository cloned straight into the temporary folder is not watched:
its siblings there are the tests' own temporary folders.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

_READ_EVENTS = {"open", "os.listdir", "os.scandir"}


class ReadGuard:
    def __init__(self, repository: Path):
        self.repository = repository.resolve()
        self.parent = self.repository.parent
        self.temporary = Path(tempfile.gettempdir()).resolve()
        self.outside: list[str] = []
        self.watching = False

    def is_outside(self, path) -> bool:
        """Whether `path` lies beside the repository rather than in it."""
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str | os.PathLike):
            return False  # a file descriptor
        try:
            absolute = Path(os.path.abspath(path))
        except (TypeError, ValueError):
            return False
        if absolute.is_relative_to(self.repository):
            return False
        # Beside the repository, unless the repository lies straight in the
        # temporary folder, where its siblings are the tests' own folders.
        return absolute.is_relative_to(self.parent) and self.parent != self.temporary

    def audit(self, event: str, args: tuple) -> None:
        if not self.watching:
            return
        if event in _READ_EVENTS and args:
            if event == "open" and _writes(args):
                return
            candidates = [args[0]]
        elif event == "subprocess.Popen" and len(args) > 1:
            candidates = [a for a in (args[1] or ()) if isinstance(a, str)]
        else:
            return
        for candidate in candidates:
            if self.is_outside(candidate):
                self.outside.append(f"{event}: {candidate}")

    def install(self) -> None:
        sys.addaudithook(self.audit)
        self.watching = True

    def take(self) -> list[str]:
        found, self.outside = self.outside, []
        return found


def _writes(args: tuple) -> bool:
    mode = args[1] if len(args) > 1 else None
    if isinstance(mode, str):
        return any(letter in mode for letter in "wax")
    flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
    return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))
