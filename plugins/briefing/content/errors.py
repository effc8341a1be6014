"""Content errors: what is wrong, in which file, on which line, and what to do."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the analyst typed it: relative to the working folder if inside."""
    absolute = Path(path).resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


@dataclass(frozen=True)
class Problem:
    """One mistake in one content file. `line` is 1-based; None if unknown."""

    path: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class ContentError(Exception):
    """The content cannot be built: every problem found, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(
            problems, key=lambda p: (display_path(p.path), p.line or 0)
        )
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def __reduce__(self):
        # Sent back from a process that writes pages (speed/background.py).
        return (ContentError, (self.problems,))


class Problems:
    """Collects errors and warnings while a build reads content."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path, line, message, hint=None) -> None:
        self.errors.append(Problem(str(path), line, message, hint))

    def warning(self, path, line, message, hint=None) -> None:
        self.warnings.append(Problem(str(path), line, message, hint))

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ContentError(self.errors)


def metadata_line(source: Path, key: str) -> int | None:
    """The line of `Key:` in an article's metadata block, for messages."""
    pattern = re.compile(rf"\s*{re.escape(key)}\s*:", re.IGNORECASE)
    try:
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    return None


def content_line(source: Path) -> int | None:
    """The line to change when a content file's page clashes with another:
    its Save_as, else its Slug, else its Title."""
    return (
        metadata_line(source, "save_as")
        or metadata_line(source, "slug")
        or metadata_line(source, "title")
    )
