"""The notes model: what a valid notes file becomes, and each mistake's message."""

import pytest
from notes_helpers import load, only_error


def test_valid_notes_become_a_typed_briefing(tmp_path, registry):
    briefing, problems = load(
        tmp_path,
        registry,
        """\
        summary: Why it *matters*.
        actors:
          - id: taliban
            role: Rulers of **Kabul**.
          - id: isk
            role: Attacker.
        timeline:
          - date: 2021-08-26
            title: Bombing
            current: true
            actors: [isk]
            sources: [{title: Report, url: "https://example.org/a"}]
          - date: 1995
            circa: true
            title: Long ago
          - date: 2021-08
            title: A month
        """,
    )
    assert not problems.errors and not problems.warnings
    assert briefing.summary == "<p>Why it <em>matters</em>.</p>"
    assert [cast.actor.id for cast in briefing.actors] == ["taliban", "isk"]
    assert briefing.actors[0].role == "<p>Rulers of <strong>Kabul</strong>.</p>"
    assert briefing.actors[1].actor.name == "Islamic State – Khorasan Province"
    assert [event.date_label for event in briefing.timeline] == [
        "c. 1995",
        "August 2021",
        "26 August 2021",
    ]
    assert briefing.current_event.title == "Bombing"
    assert briefing.current_event.actors[0].label == "IS-K"
    assert briefing.current_event.sources[0].url == "https://example.org/a"


def test_an_empty_notes_file_is_a_briefing_without_notes(tmp_path, registry):
    briefing, problems = load(tmp_path, registry, "")
    assert not problems.errors
    assert briefing.actors == [] and briefing.timeline == []


def test_markdown_fields_are_sanitized(tmp_path, registry):
    briefing, _ = load(
        tmp_path,
        registry,
        """\
        summary: |
          <script>alert(1)</script> [x](javascript:alert(1))
          <img src=x onerror=alert(1)> <b onclick="alert(1)">bold</b>
        """,
    )
    html = str(briefing.summary)
    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "<b>bold</b>" in html


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        pytest.param(
            """\
            actors:
              - id: is-k
                role: x
            """,
            2,
            "actors[0].id: unknown actor 'is-k'",
            "did you mean 'isk'",
            id="unknown-actor-close-to-an-id",
        ),
        pytest.param(
            """\
            actors:
              - id: Taliban
            """,
            2,
            "actors[0].id: unknown actor 'Taliban'",
            "did you mean 'taliban'",
            id="actor-named-instead-of-id",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: x
                actors: [taliban, ISKP]
            """,
            4,
            "timeline[0].actors[1]: unknown actor 'ISKP'",
            "did you mean 'isk'",
            id="unknown-actor-in-an-event-by-alias",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: first
              - date: 2016
                body: no title
            """,
            4,
            "timeline[1]: 'title' is missing",
            "add 'title:'",
            id="event-without-title",
        ),
        pytest.param(
            """\
            timeline:
              - title: no date
            """,
            2,
            "timeline[0]: 'date' is missing",
            None,
            id="event-without-date",
        ),
        pytest.param(
            """\
            timeline:
              - title: x
                date: 2021-13-40
            """,
            3,
            "timeline[0].date: '2021-13-40' has no month 13",
            "YYYY-MM-DD",
            id="impossible-date",
        ),
        pytest.param(
            """\
            actors: taliban
            """,
            1,
            "actors: a list is needed, got 'taliban'",
            "'- '",
            id="actors-not-a-list",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: [a, list]
            """,
            3,
            "timeline[0].title: text is needed, got a list",
            None,
            id="title-not-text",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: x
                current: maybe
            """,
            4,
            "timeline[0].current: true or false is needed, got 'maybe'",
            None,
            id="current-not-a-boolean",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: x
                sources:
                  - title: Report
                    url: javascript:alert(1)
            """,
            6,
            "timeline[0].sources[0].url: 'javascript:alert(1)' is not a web address",
            "https://",
            id="source-url-not-http",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: x
                id: Not An Id
            """,
            4,
            "timeline[0].id: 'Not An Id' is not a valid id",
            "lower-case",
            id="event-id-not-a-slug",
        ),
        pytest.param(
            """\
            actors:
              - id: taliban
                role: one
              - id: taliban
                role: two
            """,
            4,
            "actors[1]: 'taliban' is listed twice",
            "first on line 2",
            id="duplicate-actor",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: a
                current: true
              - date: 2016
                title: b
                current: true
            """,
            7,
            "timeline[1]: a second current event",
            "the first is on line 4",
            id="two-current-events",
        ),
        pytest.param(
            """\
            timeline:
              - date: 2015
                title: a
                id: same
              - date: 2016
                title: b
                id: same
            """,
            7,
            "timeline[1]: event id 'same' is used twice",
            "first on line 4",
            id="duplicate-event-id",
        ),
        pytest.param(
            """\
            - summary: a list, not a mapping
            """,
            1,
            "the file should hold notes",
            None,
            id="top-level-list",
        ),
    ],
)
def test_each_mistake_is_reported_with_its_line_and_a_hint(
    tmp_path, registry, text, line, message, hint
):
    briefing, problems = load(tmp_path, registry, text)
    assert briefing is None
    error = only_error(problems)
    assert error.path.endswith("story.notes.yaml")
    assert error.line == line
    assert error.message.startswith(message), error.message
    if hint:
        assert hint in error.hint


def test_all_mistakes_of_a_file_are_reported_together(tmp_path, registry):
    _, problems = load(
        tmp_path,
        registry,
        """\
        actors:
          - id: nobody
        timeline:
          - date: 2021-02-30
            title: x
          - date: 2021
        """,
    )
    assert [error.line for error in problems.errors] == [2, 4, 6]


def test_an_unknown_field_is_a_warning_with_a_suggestion(tmp_path, registry):
    briefing, problems = load(
        tmp_path,
        registry,
        """\
        summray: typo
        timeline:
          - date: 2015
            title: x
            soruces: []
        """,
    )
    assert briefing is not None
    assert not problems.errors
    first, second = problems.warnings
    assert (first.line, first.message) == (1, "unknown field 'summray' is ignored")
    assert first.hint == "did you mean 'summary'?"
    assert second.line == 5
    assert second.message == "timeline[0]: unknown field 'soruces' is ignored"
    assert second.hint == "did you mean 'sources'?"


def test_a_misspelt_required_field_gives_the_error_and_the_suggestion(
    tmp_path, registry
):
    _, problems = load(
        tmp_path,
        registry,
        """\
        timeline:
          - date: 2015
            tittle: x
        """,
    )
    assert only_error(problems).message == "timeline[0]: 'title' is missing"
    assert problems.warnings[0].hint == "did you mean 'title'?"


def test_an_empty_role_is_a_warning_so_a_draft_can_be_previewed(tmp_path, registry):
    briefing, problems = load(
        tmp_path,
        registry,
        """\
        actors:
          - id: taliban
            role:
        """,
    )
    assert briefing.actors[0].role == ""
    assert not problems.errors
    assert problems.warnings[0].message == "actors[0]: 'taliban' has no role yet"
    assert problems.warnings[0].line == 2


def test_models_keep_no_empty_dict_of_extra_fields(tmp_path, registry):
    briefing, _ = load(
        tmp_path,
        registry,
        """\
        timeline:
          - {date: 2021, title: Known fields only}
          - {date: 2021, title: With an unknown one, colour: red}
        """,
    )
    plain, extra = briefing.timeline
    assert plain.__pydantic_extra__ is None  # 64 bytes a model, kept no more
    assert extra.__pydantic_extra__ == {"colour": "red"}
    assert plain.title == "Known fields only"
    with pytest.raises(AttributeError):
        plain.colour  # noqa: B018 (read for its error)
