import signal
from pathlib import Path
from textwrap import dedent

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from support import REPO

from briefing.content import yamlfile
from briefing.content.errors import Problems
from briefing.content.yamlfile import read_yaml


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


# Documents the quick constructor must read as PyYAML's does, or leave to it.
DOCUMENTS = [
    "summary: text\nactors: [{id: isk, role: 'x: y'}]\n",
    "a: 017\nb: 0x1F\nc: 1_000\nd: 1:20\ne: -0b101\nf: +12\n",
    "a: 1.5e3\nb: .inf\nc: -.INF\nd: 1_0.5\ne: 1:30.5\n",
    "a: ~\nb: null\nc:\nd: Null\ne: ''\n",
    "a: !!str 12\nb: !!int '7'\nc: !!float '2'\nd: !!bool 'true'\ne: !!null ''\n",
    "base: &base {kind: group, country: AF}\nisk: {<<: *base, name: IS-K}\n",
    "shared: &s [1, 2]\nfirst: *s\nsecond: {list: *s}\n",
    "a: !!binary aGVsbG8=\n",
    "b: !!set {x, y}\n",
    "c: !!omap [{k: 1}]\n",
    "? [complex, key]\n: value\n",
    "=: value key\n",
    "- 1\n- [2, [3, {4: 5}]]\n- {true: false, 2.5: x}\n",
    "just text\n",
    "",
]


def pyyaml_data(text):
    loader = yamlfile._ContentLoader(text)
    try:
        root = loader.get_single_node()
        return loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def same(a, b):
    """Equal data, NaN equal to itself."""
    return repr(a) == repr(b)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_data_is_what_pyyamls_constructor_makes(tmp_path, text):
    try:
        expected = pyyaml_data(text)
    except yaml.YAMLError:
        document, problems = read(tmp_path, text)
        assert document is None
        assert problems.errors[0].message.startswith("YAML syntax:")
        return
    document, problems = read(tmp_path, text)
    assert not problems.errors
    assert same(document.data, expected)


@settings(max_examples=300, deadline=None)
@given(
    data=st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"])),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
        ),
        max_leaves=12,
    ),
    flow=st.sampled_from([None, True, False]),
)
def test_any_plain_data_dumped_reads_back_as_pyyaml_reads_it(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    problems = Problems()
    document = read_yaml(Path("notes.yaml"), problems, text)
    assert not problems.errors
    assert same(document.data, pyyaml_data(text))


def test_plain_notes_do_not_need_pyyamls_constructor(monkeypatch):
    def refuse(self, node):
        raise AssertionError("left to PyYAML")

    monkeypatch.setattr(yamlfile._ContentLoader, "construct_document", refuse)
    for path in sorted(REPO.glob("content/**/*.yaml")):
        problems = Problems()
        assert read_yaml(path, problems) is not None, path
        assert not problems.errors, path


@pytest.mark.parametrize(
    ("value", "line", "message"),
    [
        ("!!int abc", 2, "'abc' is not a valid !!int"),
        ("!!bool maybe", 2, "'maybe' is not a valid !!bool"),
        ("!!float ''", 2, "'' is not a valid !!float"),
        # Merge keys are left to PyYAML, which does not say where.
        ("{<<: {a: 1}, b: !!int x}", None, "a value does not fit its '!!' tag"),
    ],
)
def test_a_value_its_tag_does_not_fit_is_reported(tmp_path, value, line, message):
    document, problems = read(tmp_path, f"summary: ok\ntitle: {value}\n")
    assert document is None
    [error] = problems.errors
    assert error.line == line
    assert error.message.startswith(message)
    assert "remove the '!!' tag" in error.hint


def test_a_list_holding_an_alias_of_itself_is_reported_not_followed(tmp_path):
    def endless(*_):
        raise TimeoutError("reading the file did not end")

    signal.signal(signal.SIGALRM, endless)
    signal.alarm(10)
    try:
        document, problems = read(tmp_path, "summary: ok\nlinks: &a [x, *a]\n")
    finally:
        signal.alarm(0)
    assert document is None
    [error] = problems.errors
    assert error.line == 2
    assert "holds an alias (*name) of itself" in error.message


def alias_levels(levels: int, width: int) -> str:
    """`levels` lists, each holding `width` aliases of the one before: the
    last stands for width**levels values ("billion laughs" at 12 x 10)."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width))
        lines[-1] += "]"
    return "\n".join(lines) + "\n"


def bounded(seconds=10):
    """Fail a read that does not end, rather than hang the suite."""

    def endless(*_):
        raise TimeoutError("reading the file did not end")

    signal.signal(signal.SIGALRM, endless)
    signal.alarm(seconds)


def test_nested_aliases_are_refused_at_the_line_that_multiplies_them(tmp_path):
    bounded()
    try:
        document, problems = read(tmp_path, alias_levels(12, 10))
    finally:
        signal.alarm(0)
    assert document is None
    [error] = problems.errors
    # l3's aliases repeat l2 (111 values) ten times, taking the count past
    # 10,000 with the ninth one.
    assert error.line == 4
    assert "aliases (*name)" in error.message
    assert f"more than {yamlfile.MAX_ALIAS_VALUES:,} values" in error.message


def test_aliases_below_the_limit_are_read_as_yaml_reads_them(tmp_path):
    text = alias_levels(2, 10)  # 10 + 100 + 10 aliases: well below
    document, problems = read(tmp_path, text)
    assert not problems.errors
    assert document.data == yaml.safe_load(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: " + "[" * 100 + "]" * 100 + "\n", 1),
        ("- " * 100 + "x\n", 1),
        # The mapping under the 64th key is the 65th level.
        (
            "".join(" " * depth + "key:\n" for depth in range(100)) + " " * 100 + "x\n",
            65,
        ),
        # Deep enough to crash PyYAML's C composer, were it composed.
        ("a: " + "[" * 400_000 + "]" * 400_000 + "\n", 1),
    ],
    ids=["flow", "compact-list", "block", "crashes-libyaml"],
)
def test_nesting_past_the_limit_is_refused_with_its_line(tmp_path, text, line):
    document, problems = read(tmp_path, text)
    assert document is None
    [error] = problems.errors
    assert error.line == line
    assert f"nest more than {yamlfile.MAX_DEPTH} deep" in error.message


def test_nesting_up_to_the_limit_is_read(tmp_path):
    depth = yamlfile.MAX_DEPTH
    document, problems = read(tmp_path, "[" * depth + "x" + "]" * depth + "\n")
    assert not problems.errors
    data = document.data
    for _ in range(depth - 1):
        [data] = data
    assert data == ["x"]


def test_a_file_past_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "notes.yaml"
    path.write_text("summary: x\n" * 100_000, encoding="utf-8")  # 1.1 MB
    monkeypatch.setattr(Path, "read_text", None)  # never called
    problems = Problems()
    assert read_yaml(path, problems) is None
    [error] = problems.errors
    assert error.line is None
    assert "the file is 1,100,000 bytes, more than the 1,048,576" in error.message


def test_a_text_past_the_size_limit_is_refused(tmp_path):
    problems = Problems()
    text = "summary: é\n" * 100_000  # 1,100,000 characters, 1,200,000 bytes
    assert read_yaml(tmp_path / "n.yaml", problems, text) is None
    assert "the file is 1,200,000 bytes" in problems.errors[0].message


@st.composite
def anchored_documents(draw):
    """A document of anchored lists, each holding plain values and aliases
    of lists before it, with the count of values its aliases add."""
    sizes, lines, added = [], [], 0
    for level in range(draw(st.integers(1, 8))):
        items = draw(
            st.lists(
                st.one_of(
                    st.just(None),
                    st.integers(0, level - 1) if level else st.just(None),
                ),
                max_size=12,
            )
        )
        words = []
        size = 1
        for item in items:
            if item is None:
                words.append("v")
                size += 1
            else:
                words.append(f"*a{item}")
                size += sizes[item]
                added += sizes[item]
        sizes.append(size)
        lines.append(f"k{level}: &a{level} [{', '.join(words)}]")
    return "\n".join(lines) + "\n", added


@settings(max_examples=200, deadline=None)
@given(anchored_documents())
def test_the_alias_limit_counts_exactly_what_aliases_add(document):
    text, added = document
    problems = Problems()
    found = read_yaml(Path("notes.yaml"), problems, text)
    if added > yamlfile.MAX_ALIAS_VALUES:
        assert found is None
        assert "aliases (*name)" in problems.errors[0].message
    else:
        assert not problems.errors
        assert found.data == yaml.safe_load(text)
