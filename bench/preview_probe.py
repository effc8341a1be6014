"""Time preview updates of a built site (run by bench/run.py in a new process).

Builds the site with briefing.building.preview, then edits one notes file (a role)
and one article (a sentence of its text), then adds a briefing (a copy of
that one under another slug) and deletes it again, and prints the seconds
each update took as JSON. The edits are undone afterwards.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

from briefing.building.preview import Preview


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def main(site: Path) -> None:
    preview = Preview(site / "pelican.conf.py", site / "output-preview")
    with contextlib.redirect_stdout(io.StringIO()):
        first = preview.build_all()
    briefings = site / "content" / "briefings"
    notes = briefings / "briefing-00007.notes.yaml"
    article = briefings / "briefing-00007.md"
    results = {"full": first.seconds}
    for name, path, old, new in [
        ("notes", notes, "    role: ", "    role: Edited "),
        ("article", article, "\n\n", "\n\nAn edited paragraph.\n\n"),
    ]:
        original = edit(path, old, new)
        update = preview.update({path})
        path.write_text(original, encoding="utf-8")
        assert update.kind == "briefing", update
        results[name] = update.seconds
        results[f"{name}_pages"] = len(update.written)
    # A new briefing: a copy of that one under another slug.
    added = [briefings / "briefing-added.md", briefings / "briefing-added.notes.yaml"]
    added[0].write_text(
        article.read_text(encoding="utf-8").replace(
            "Slug: briefing-00007", "Slug: briefing-added"
        ),
        encoding="utf-8",
    )
    added[1].write_text(notes.read_text(encoding="utf-8"), encoding="utf-8")
    try:
        update = preview.update(set(added))
    finally:
        for path in added:
            path.unlink()
    assert update.kind == "briefing", update
    results["added"] = update.seconds
    results["added_pages"] = len(update.written)
    # And deleted again: the site is as it was before.
    update = preview.update(set(added))
    assert update.kind == "briefing", update
    results["removed"] = update.seconds
    results["removed_pages"] = len(update.written)
    print(json.dumps(results))


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
