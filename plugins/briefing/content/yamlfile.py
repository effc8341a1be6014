"""Reading YAML files while keeping the line of every key and item.

PyYAML's composer (in C where libyaml is available) gives a node tree with
source marks; we construct the plain data from it and keep the tree to find
the line of any path, e.g. ("timeline", 2, "date"), when a value is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problems

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ContentLoader(_BaseLoader):
    """YAML as an analyst expects it.

    Only true/false are booleans (in YAML 1.1 `no`, `on` and `y` are too,
    which would turn an alias "NO" into False), and dates stay text so that
    our one date parser reads them and reports 2021-13-40 with its line.
    """


_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_ContentLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

Location = tuple[str | int, ...]

# A notes or actor file is a few kilobytes (the sample's largest is 4.5 KB);
# one past this size is a mistake (a pasted article, a wrong file) or an
# attack, and is refused before it is parsed.
MAX_FILE_BYTES = 1024 * 1024
# Aliases (*name) repeat what an anchor (&name) holds. A few repeated lists
# are fine; nested aliases repeat repeats, and twelve levels of ten make a
# trillion values from 120 lines ("billion laughs"). A file's aliases may
# add at most this many values to what is written out in it.
MAX_ALIAS_VALUES = 10_000
# Lists and mappings nest a few levels deep in notes; past this, the file is
# refused (deeper nesting would exhaust Python's stack, or libyaml's).
MAX_DEPTH = 64
# Each level of nesting needs one of these characters. PyYAML's C composer
# recurses once per level and crashes the process somewhere past 100,000
# levels; a text with fewer of them than this cannot get near, and one with
# more is first read as events, which takes no stack, to measure its depth.
_NESTING_MARKS = ":-[{?"
_COMPOSER_SAFE_MARKS = 5_000


@dataclass
class YamlFile:
    """A parsed YAML file: its data and where each part of it stands."""

    path: Path
    data: object
    root: yaml.Node | None
    text: str = ""

    def line_of(self, location: Location) -> int | None:
        """The 1-based line of the deepest node on `location` that exists."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in location:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
            line = (key_node or node).start_mark.line + 1
        return line


def _child(node: yaml.Node, step: str | int):
    """(key node or None, value node) for one step into a mapping or sequence."""
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == step:
                return key_node, value_node
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return None, node.value[step]
    return None


def read_text(path: Path, problems: Problems) -> str | None:
    """A content file's text; on failure record the problem and return None."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _too_large(path, size, problems)
            return None
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.error(path, None, "the file is not UTF-8 text", str(error.reason))
    except OSError as error:
        problems.error(path, None, f"cannot read the file: {error.strerror}")
    return None


def read_yaml(path: Path, problems: Problems, text: str | None = None):
    """Parse one YAML file (its `text`, if already read) into a YamlFile;
    on failure record the problem and return None."""
    if text is None:
        text = read_text(path, problems)
    if text is None or _refused(path, text, problems):
        return None

    loader = None
    try:
        loader = _ContentLoader(text)
        root = loader.get_single_node()
        if not _check_nodes(path, root, problems):
            return None
        data = _construct(loader, root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        problems.error(path, *_describe_syntax_error(error, len(text.rstrip())))
        return None
    except _BadValue as bad:
        problems.error(
            path,
            bad.line,
            f"'{bad.value}' is not a valid {bad.tag}"
            if bad.value is not None
            else "a value does not fit its '!!' tag",
            "write a value of that kind, or remove the '!!' tag",
        )
        return None
    except yaml.reader.ReaderError as error:
        # A control character, often pasted in from a PDF or a word processor.
        code = error.character
        code = ord(code) if isinstance(code, str) else int(code)
        problems.error(
            path,
            text.count("\n", 0, error.position) + 1,
            f"the file contains a character YAML does not allow (U+{code:04X})",
            "delete it; it is invisible in most editors",
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlFile(path, data, root, text)


def _too_large(path: Path, size: int, problems: Problems) -> None:
    problems.error(
        path,
        None,
        f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a notes "
        "or actor file may have",
        "notes hold short texts; keep long ones in the article",
    )


def _refused(path: Path, text: str, problems: Problems) -> bool:
    """Whether a text is too large, or nests too deep for PyYAML's C
    composer, to be parsed (the problem recorded)."""
    if len(text) * 4 > MAX_FILE_BYTES:  # UTF-8 takes up to 4 bytes a letter
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            _too_large(path, size, problems)
            return True
    if sum(map(text.count, _NESTING_MARKS)) > _COMPOSER_SAFE_MARKS:
        too_deep = _line_too_deep(text)
        if too_deep is not None:
            _nested_too_deep(path, too_deep, problems)
            return True
    return False


def _line_too_deep(text: str) -> int | None:
    """The line where lists and mappings first nest past MAX_DEPTH, read
    from the parser's events (a syntax error is left to the composer)."""
    loader = _ContentLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _nested_too_deep(path: Path, line: int, problems: Problems) -> None:
    problems.error(
        path,
        line,
        f"lists or mappings nest more than {MAX_DEPTH} deep here",
        "notes need a few levels; check the indentation and the brackets",
    )


class _Unusual(Exception):
    """A node `_construct` leaves to PyYAML's constructor."""


class _BadValue(Exception):
    """A value its explicit tag does not fit (`!!int abc`, `!!bool maybe`),
    at `line` if known."""

    def __init__(self, line: int | None, value: str | None, tag: str | None):
        super().__init__(line, value, tag)
        self.line, self.value, self.tag = line, value, tag


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _construct(loader: _ContentLoader, root: yaml.Node):
    """The data of a node tree, as PyYAML's safe constructor makes it.

    Notes are mappings, lists and plain scalars; for those this walk takes
    half the time of PyYAML's general constructor (0.16 against 0.32 ms a
    notes file). A document with anything else (a merge key, another tag)
    is left to PyYAML whole. `_check_nodes` has ruled out aliases of a
    node inside itself."""
    scalars = {
        "tag:yaml.org,2002:null": loader.construct_yaml_null,
        "tag:yaml.org,2002:bool": loader.construct_yaml_bool,
        "tag:yaml.org,2002:int": loader.construct_yaml_int,
        "tag:yaml.org,2002:float": loader.construct_yaml_float,
    }

    def build(node: yaml.Node):
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value
            make = scalars.get(node.tag)
            if make is None:
                raise _Unusual
            try:
                return make(node)
            except (ValueError, KeyError, IndexError) as error:
                tag = "!!" + node.tag.rsplit(":", 1)[-1]
                raise _BadValue(node.start_mark.line + 1, node.value, tag) from error
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            data = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Unusual  # PyYAML says whether it can be a key
                data[build(key_node)] = build(value_node)
        elif isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            data = [build(item) for item in node.value]
        else:
            raise _Unusual
        return data

    try:
        return build(root)
    except _Unusual:
        pass
    try:
        return loader.construct_document(root)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise _BadValue(None, None, None) from error


def _describe_syntax_error(error: yaml.MarkedYAMLError, text_end: int):
    """(line, message, hint) for a YAML syntax error, at the line to fix.

    An unclosed quote or bracket is only noticed at the end of the file;
    the line where it was opened is the one to look at.
    """
    problem = error.problem or "the YAML is not valid"
    mark = error.problem_mark
    noticed_at_end = mark is None or mark.index >= text_end
    if error.context_mark and noticed_at_end:
        mark = error.context_mark
    hint = "check indentation, colons and quotes"
    if error.context and error.context_mark:
        hint = f"{error.context} started on line {error.context_mark.line + 1}; {hint}"
    return (mark.line + 1 if mark else None), f"YAML syntax: {problem}", hint


def _check_nodes(path: Path, root: yaml.Node | None, problems: Problems) -> bool:
    """Report a key given twice in one mapping (YAML would keep only the
    last); a list or mapping that holds an alias of itself (`&a [*a]`),
    which no data can be made of; and aliases that would make more than
    MAX_ALIAS_VALUES values. False for the last two.

    Each node is visited once, whatever the aliases make of it: the values
    a node stands for are counted from its children's counts, and every
    further use of a node (an alias) adds its count."""
    finished: set[int] = set()
    open_now: set[int] = set()  # the collections on the way to this node
    values: dict[int, int] = {}  # by collection: the values it stands for
    added_by_aliases = 0
    stack = [(root, False, None, 1)] if root is not None else []
    while stack:
        node, leaving, holder, depth = stack.pop()
        if leaving:
            open_now.discard(id(node))
            finished.add(id(node))
            children = (
                [v for pair in node.value for v in pair]
                if isinstance(node, yaml.MappingNode)
                else node.value
            )
            values[id(node)] = 1 + sum(values.get(id(c), 1) for c in children)
            continue
        if id(node) in finished:
            added_by_aliases += values.get(id(node), 1)
            if added_by_aliases > MAX_ALIAS_VALUES:
                problems.error(
                    path,
                    holder.start_mark.line + 1,
                    "the aliases (*name) in the list or mapping that starts here "
                    f"repeat more than {MAX_ALIAS_VALUES:,} values",
                    "aliases of aliases multiply; write the values out, or "
                    "repeat fewer of them",
                )
                return False
            continue
        if id(node) in open_now:
            problems.error(
                path,
                node.start_mark.line + 1,
                "the list or mapping that starts here holds an alias (*name) of itself",
                "YAML would make it endless; write the values out instead",
            )
            return False
        if isinstance(node, yaml.ScalarNode):
            finished.add(id(node))  # so that an alias of it counts
            continue
        if depth > MAX_DEPTH:
            _nested_too_deep(path, node.start_mark.line + 1, problems)
            return False
        open_now.add(id(node))
        stack.append((node, True, holder, depth))
        if isinstance(node, yaml.MappingNode):
            _check_keys(path, node, problems)
            stack.extend(
                (child, False, node, depth + 1) for pair in node.value for child in pair
            )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, False, node, depth + 1) for item in node.value)
    return True


def _check_keys(path: Path, node: yaml.MappingNode, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            line = key_node.start_mark.line + 1
            if key_node.value in seen:
                problems.error(
                    path,
                    line,
                    f"'{key_node.value}' is given twice",
                    f"first on line {seen[key_node.value]}; YAML would keep "
                    "only the last one",
                )
            else:
                seen[key_node.value] = line
