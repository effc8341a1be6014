"""Property: whatever a notes or actor file holds, loading never crashes.

It either loads, or records errors that name the file and a line.
"""

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.content.errors import Problems
from briefing.content.loader import load_notes, load_registry

FIELD_NAMES = [
    "summary",
    "actors",
    "timeline",
    "id",
    "role",
    "date",
    "circa",
    "title",
    "body",
    "current",
    "sources",
    "url",
    "name",
    "short_name",
    "aliases",
    "kind",
    "parent",
    "relations",
    "actor",
    "type",
    "links",
    "wikidata",
    "tittle",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3000, max_value=3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        ["2021-08-26", "2021-13-40", "2015", "2021-02", "isk", "taliban", "x", ""]
    ),
    st.sampled_from(["https://example.org/a", "javascript:alert(1)", "<b>hi</b>"]),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.integers(0, 3)),
            children,
            max_size=5,
        ),
    ),
    max_leaves=25,
)
DOCUMENTS = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=6)


def yaml_texts():
    """Valid YAML of any shape, and the same text cut or corrupted."""
    dumped = st.one_of(DOCUMENTS, VALUES).map(
        lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    corrupted = st.tuples(
        dumped,
        st.integers(min_value=0, max_value=400),
        st.text(alphabet=string.printable + "“”’\t", max_size=5),
    ).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :])
    return st.one_of(dumped, corrupted)


def assert_problems_are_located(problems, path):
    for problem in problems.errors + problems.warnings:
        assert problem.path == str(path)
        assert problem.message
        assert problem.line is None or problem.line >= 1
        str(problem)  # formats without error


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=yaml_texts())
def test_any_notes_file_loads_or_reports_located_errors(tmp_path, text):
    actors = tmp_path / "actors"
    actors.mkdir(exist_ok=True)
    (actors / "isk.yaml").write_text("name: IS-K\nkind: armed group\n")
    (actors / "taliban.yaml").write_text("name: Taliban\nkind: armed group\n")
    problems = Problems()
    registry = load_registry(actors, problems)
    assert not problems.errors

    notes = tmp_path / "story.notes.yaml"
    notes.write_text(text, encoding="utf-8")
    briefing = load_notes(notes, registry, problems)
    assert_problems_are_located(problems, notes)
    if briefing is None:
        assert problems.errors
        assert all(error.line for error in problems.errors)
    else:
        assert not problems.errors


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=yaml_texts())
def test_any_actor_file_loads_or_reports_located_errors(tmp_path, text):
    actors = tmp_path / "registry"
    actors.mkdir(exist_ok=True)
    path = actors / "someone.yaml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    registry = load_registry(actors, problems)
    assert_problems_are_located(problems, path)
    if "someone" not in registry.actors:
        assert problems.errors
        assert all(error.line for error in problems.errors)
