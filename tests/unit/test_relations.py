"""Relations between actors: declared once, read from both sides, dated,
sourced, and checked with `path:line` messages."""

import pytest
from notes_helpers import registry_of

from briefing.content.dates import PartialDate
from briefing.content.relations import ends_before, period_label


def plain(*names):
    return {f"{name}.yaml": f"name: {name.upper()}\nkind: group\n" for name in names}


def test_a_relation_reads_right_from_both_sides(tmp_path):
    registry, problems = registry_of(
        tmp_path,
        {
            **plain("taliban", "isis"),
            "ttp.yaml": """\
                name: Tehrik-i-Taliban Pakistan
                short_name: TTP
                kind: armed group
                relations:
                  - actor: taliban
                    type: splinter-of
                    since: 2007-12
                    circa: true
                    note: Formed by *Pakistani* commanders.
                    sources:
                      - title: A report
                        url: https://example.org/r
                        reliability: B
                        credibility: 2
                  - actor: isis
                    type: ally
                    since: 2014
                    until: 2015-03
                """,
        },
    )
    assert not problems.errors and not problems.warnings
    ttp, taliban, isis = (registry.actors[i] for i in ("ttp", "taliban", "isis"))
    assert [(t.wording, t.other.id, t.relation.past) for t in ttp.ties] == [
        ("Splinter of", "taliban", False),
        ("Ally", "isis", True),  # past relations after current ones
    ]
    (from_taliban,) = taliban.ties
    assert (from_taliban.wording, from_taliban.other.id) == ("Splinter", "ttp")
    assert from_taliban.relation is ttp.ties[0].relation
    assert from_taliban.relation.period == "since c. December 2007"
    assert (
        from_taliban.relation.note == "<p>Formed by <em>Pakistani</em> commanders.</p>"
    )
    assert from_taliban.relation.sources[0].grade == "B2"
    (from_isis,) = isis.ties
    assert (from_isis.wording, from_isis.sentence) == (
        "Ally",
        "Ally: Tehrik-i-Taliban Pakistan, 2014 – March 2015",
    )
    # `related` keeps its old meaning: what the actor itself declares.
    assert [(kind, other.id) for kind, other in ttp.related] == [
        ("splinter-of", "taliban"),
        ("ally", "isis"),
    ]
    assert taliban.related == []


def test_a_mutual_relation_declared_on_both_actors_is_an_error(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "a.yaml": "name: A\nkind: group\nrelations:\n  - {actor: b, type: rival}\n",
            "b.yaml": "name: B\nkind: group\nrelations:\n"
            "  - {actor: c, type: rival}\n  - {actor: a, type: rival}\n",
            "c.yaml": "name: C\nkind: group\n",
        },
    )
    (error,) = problems.errors
    assert str(error.path).endswith("b.yaml") and error.line == 5
    assert error.message.startswith(
        "relations[1]: 'rival' with 'a' is declared twice, first in "
    )
    assert error.message.endswith("a.yaml:4")
    assert "declare a relation once" in error.hint


def test_a_directed_relation_may_run_both_ways_but_not_twice(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "a.yaml": "name: A\nkind: group\nrelations:\n"
            "  - {actor: b, type: supports}\n  - {actor: b, type: supports}\n",
            "b.yaml": "name: B\nkind: group\nrelations:\n"
            "  - {actor: a, type: supports}\n",
        },
    )
    (error,) = problems.errors
    assert str(error.path).endswith("a.yaml") and error.line == 5
    assert "'supports' with 'b' is declared twice" in error.message


def test_an_end_before_the_start_is_an_error_on_the_until_line(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            **plain("b"),
            "a.yaml": """\
                name: A
                kind: group
                relations:
                  - actor: b
                    type: ally
                    since: 2015-06
                    until: 2015-01
                """,
        },
    )
    (error,) = problems.errors
    assert error.line == 7
    assert error.message == "relations[0]: ends (2015-01) before it begins (2015-06)"


def test_an_unknown_type_is_a_warning_with_a_suggestion_and_is_still_shown(tmp_path):
    registry, problems = registry_of(
        tmp_path,
        {
            **plain("b"),
            "a.yaml": "name: A\nkind: g\nrelations: [{actor: b, type: alley}]\n",
        },
    )
    assert not problems.errors
    (warning,) = problems.warnings
    assert warning.line == 3
    assert warning.message == "relations[0]: 'alley' is not a known relation type"
    assert warning.hint == "did you mean 'ally'?"
    assert [t.wording for t in registry.actors["b"].ties] == ["Alley"]


def test_a_relation_to_itself_and_bad_dates_are_errors(tmp_path):
    _, problems = registry_of(
        tmp_path,
        {
            "a.yaml": "name: A\nkind: g\nrelations:\n  - {actor: a, type: ally}\n",
            "c.yaml": "name: C\nkind: g\nrelations:\n"
            "  - {actor: b, type: ally}\n  - {actor: b, type: rival, since: 2015-13}\n",
            **plain("b"),
        },
    )
    messages = [(e.line, e.message) for e in problems.errors]
    assert (4, "relations[0]: 'a' is related to itself") in messages
    assert (5, "relations[1].since: '2015-13' has no month 13") in messages


@pytest.mark.parametrize(
    ("until", "since", "before"),
    [
        ("2015-01", "2015-06", True),
        ("2015", "2015-06", False),
        ("2015-06-01", "2015-06", False),
    ],
)
def test_a_period_ends_before_another_only_when_it_is_over_by_then(
    until, since, before
):
    assert ends_before(PartialDate.parse(until), PartialDate.parse(since)) is before


def test_periods_read_as_a_reader_expects():
    d = PartialDate.parse
    assert period_label(d("2015-01"), None, False) == "since January 2015"
    assert period_label(None, d("2019"), True) == "until c. 2019"
    assert period_label(None, None, False) == ""
