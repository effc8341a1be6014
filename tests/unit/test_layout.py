"""The plugin's packages read as the flow of data, and imports run one way:
a module imports from its own package or from packages below it."""

import ast
from pathlib import Path

from support import REPO

PLUGIN = REPO / "plugins" / "briefing"
# Lowest first: each may import from those before it, never after.
FLOW = ["speed", "content", "site", "building", "authoring"]


def package_imports():
    """(importing package, imported package, file) for every import between
    the plugin's packages."""
    found = []
    for path in sorted(PLUGIN.rglob("*.py")):
        relative = path.relative_to(PLUGIN)
        own = relative.parts[0] if len(relative.parts) > 1 else None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level == 0:
                if not (node.module or "").startswith("briefing."):
                    continue
                target = node.module.split(".")[1]
            else:
                anchor = list(relative.parent.parts)
                anchor = anchor[: len(anchor) - (node.level - 1)]
                parts = [*anchor, *(node.module or "").split(".")]
                parts = [part for part in parts if part]
                target = parts[0] if parts else None
                if target is None:  # `from . import x` at the top
                    target = node.names[0].name
            found.append((own, target, str(relative)))
    return found


def test_every_module_is_in_a_package_of_the_flow_or_at_the_top():
    top = {p.name for p in PLUGIN.glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "settings.py"}
    packages = {p.name for p in PLUGIN.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(FLOW)


def test_imports_run_down_the_flow_only():
    upward = [
        (path, target)
        for own, target, path in package_imports()
        if own in FLOW and target in FLOW and FLOW.index(target) > FLOW.index(own)
    ]
    assert upward == []


def test_the_speed_package_needs_nothing_else_of_the_plugin():
    speed = [
        (path, target)
        for own, target, path in package_imports()
        if own == "speed" and target != "speed"
    ]
    assert speed == []


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    module = PLUGIN / "content" / "markup.py"
    text = module.read_text(encoding="utf-8")
    monkeypatch.setattr(
        Path,
        "read_text",
        lambda self, **kw: (
            text + "\nfrom ..site.pages import x\n"
            if self == module
            else Path.read_bytes(self).decode()
        ),
    )
    assert ("content", "site", "content/markup.py") in package_imports()
