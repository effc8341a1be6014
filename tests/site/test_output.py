"""What a build publishes: deterministic, whole."""

from support import build, make_site, tree_snapshot


def test_two_builds_of_the_same_content_are_identical(tmp_path):
    first = build(make_site(tmp_path / "first", case="two-briefings"))
    second = build(make_site(tmp_path / "second", case="two-briefings"))
    assert first.code == second.code == 0
    assert tree_snapshot(first.output) == tree_snapshot(second.output)
