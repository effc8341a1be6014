"""The watch that keeps tests from reading beside the repository."""

from pathlib import Path

from readguard import ReadGuard


def guard_for(tmp_path):
    repository = tmp_path / "project"
    repository.mkdir()
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "seed.txt").write_text("x", encoding="utf-8")
    (repository / "fixture.txt").write_text("x", encoding="utf-8")
    guard = ReadGuard(repository)
    guard.temporary = Path("/nowhere")  # tmp_path is the repository's parent
    guard.watching = True
    return guard, repository


def test_a_read_beside_the_repository_is_noted(tmp_path):
    guard, repository = guard_for(tmp_path)
    guard.audit("open", (str(repository / ".." / "sibling" / "seed.txt"), "r", 0))
    guard.audit("os.listdir", (str(tmp_path / "sibling"),))
    guard.audit("subprocess.Popen", ("make", ["make", str(tmp_path / "sibling")]))
    assert len(guard.take()) == 3


def test_reads_inside_the_repository_and_writes_are_not(tmp_path):
    guard, repository = guard_for(tmp_path)
    guard.audit("open", (str(repository / "fixture.txt"), "r", 0))
    guard.audit("open", (str(tmp_path / "sibling" / "out.txt"), "w", 0))
    guard.audit("open", (3, "r", 0))  # a file descriptor
    guard.audit("open", ("/usr/lib/os-release", "r", 0))
    assert guard.take() == []


def test_a_clone_in_a_folder_of_the_temporary_folder_is_watched(tmp_path):
    guard, _ = guard_for(tmp_path)
    guard.temporary = tmp_path.parent  # as for /tmp/fresh/project
    guard.audit("open", (str(tmp_path / "sibling" / "seed.txt"), "r", 0))
    guard.audit("open", (str(tmp_path.parent / "pytest-of-x" / "f"), "r", 0))
    assert len(guard.take()) == 1


def test_a_clone_straight_in_the_temporary_folder_is_not(tmp_path):
    guard, _ = guard_for(tmp_path)
    guard.temporary = tmp_path  # as for /tmp/project
    guard.audit("open", (str(tmp_path / "sibling" / "seed.txt"), "r", 0))
    assert guard.take() == []
