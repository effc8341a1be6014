"""Notes files for unit tests: a small registry and a loader that reports
what it found. The `registry` fixture (tests/unit/conftest.py) uses it."""

from pathlib import Path
from textwrap import dedent

from briefing.content.errors import Problems
from briefing.content.loader import load_notes, load_registry

ACTORS = {
    "isk": """\
        name: Islamic State – Khorasan Province
        short_name: IS-K
        aliases: [ISKP, ولاية خراسان]
        kind: armed group
        summary: Regional *branch* of the Islamic State.
        parent: isis
        """,
    "isis": """\
        name: Islamic State
        short_name: ISIS
        kind: armed group
        """,
    "taliban": """\
        name: Taliban
        kind: armed group
        """,
}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(dedent(text), encoding="utf-8")
    return path


def registry_in(tmp_path):
    for actor_id, text in ACTORS.items():
        write(tmp_path / "actors", f"{actor_id}.yaml", text)
    problems = Problems()
    registry = load_registry(tmp_path / "actors", problems)
    assert not problems.errors
    return registry


def load(tmp_path, registry, text):
    path = write(tmp_path / "briefings", "story.notes.yaml", text)
    problems = Problems()
    return load_notes(path, registry, problems), problems


def only_error(problems):
    assert len(problems.errors) == 1, problems.errors
    return problems.errors[0]


def registry_of(tmp_path: Path, files: dict[str, str]):
    """Load a registry of actor files (name: text) written into
    `tmp_path/actors`: (registry, problems)."""
    for name, text in files.items():
        write(tmp_path / "actors", name, text)
    problems = Problems()
    return load_registry(tmp_path / "actors", problems), problems
