from textwrap import dedent

from briefing.errors import Problems
from briefing.yamlfile import read_yaml


def read(tmp_path, text):
    path = tmp_path / "notes.yaml"
    path.write_text(dedent(text), encoding="utf-8")
    problems = Problems()
    return read_yaml(path, problems), problems


def test_the_line_of_any_key_or_item_is_known(tmp_path):
    document, problems = read(
        tmp_path,
        """\
        summary: text
        timeline:
          - date: 2015
            title: first
          - title: second
            date: 2021-08
        """,
    )
    assert not problems.errors
    assert document.line_of(("summary",)) == 1
    assert document.line_of(("timeline", 0)) == 3
    assert document.line_of(("timeline", 1, "date")) == 6
    # A missing key points at the mapping that should hold it.
    assert document.line_of(("timeline", 1, "body")) == 5


def test_only_true_and_false_are_booleans_and_dates_stay_text(tmp_path):
    document, _ = read(
        tmp_path,
        """\
        aliases: [NO, yes, on, y]
        current: true
        circa: False
        date: 2021-08-26
        year: 2015
        """,
    )
    assert document.data == {
        "aliases": ["NO", "yes", "on", "y"],
        "current": True,
        "circa": False,
        "date": "2021-08-26",
        "year": 2015,
    }


def test_a_syntax_error_is_reported_with_its_line(tmp_path):
    document, problems = read(
        tmp_path,
        """\
        summary: fine
        actors:
          - id: taliban
            role: "unclosed
        timeline: []
        """,
    )
    assert document is None
    [error] = problems.errors
    assert error.line in (4, 5)
    assert error.message.startswith("YAML syntax:")


def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path):
    _, problems = read(
        tmp_path,
        """\
        timeline:
          - date: 2015
            title: one
            title: two
        """,
    )
    [error] = problems.errors
    assert error.line == 4
    assert "'title' is given twice" in error.message
    assert "first on line 3" in error.hint


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_bytes(b"summary: caf\xe9\n")
    problems = Problems()
    assert read_yaml(path, problems) is None
    assert "not UTF-8" in problems.errors[0].message


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_bytes("\ufeffsummary: text\n".encode())
    problems = Problems()
    assert read_yaml(path, problems).data == {"summary": "text"}


def test_a_control_character_is_reported_with_its_line(tmp_path):
    document, problems = read(tmp_path, "summary: fine\ntitle: page\x0cbreak\n")
    assert document is None
    [error] = problems.errors
    assert error.line == 2
    assert "character YAML does not allow (U+000C)" in error.message
