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
        if text is None:
            return None

    loader = None
    try:
        loader = _ContentLoader(text)
        root = loader.get_single_node()
        _check_duplicate_keys(path, root, problems)
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        problems.error(path, *_describe_syntax_error(error, len(text.rstrip())))
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


def _check_duplicate_keys(path: Path, node: yaml.Node | None, problems: Problems):
    """Report a key given twice in one mapping: YAML would keep only the last."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in current.value:
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
                stack.append(value_node)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
