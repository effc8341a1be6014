"""Helpers for tests that build a tiny site in a temporary folder."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from pelican.log import LimitFilter
from pelican.settings import read_settings

from briefing.authoring.cli import main as briefing_main

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "site" / "cases"
# The clipping the sample site's first briefing was imported from.
SEED_CLIPPING = REPO / "tests" / "fixtures" / "seed-clipping.txt"


def text_of(element) -> str:
    """An element's text as a reader sees it: words, one space between."""
    return " ".join(element.get_text(" ", strip=True).split())


def make_site(root: Path, case: str | None = None, files=None, settings="") -> Path:
    """A site folder: the content of `case` (a folder of tests/site/cases, or
    "sample" for the project's own content), `files` written over it, and a
    pelican.conf.py that is the project's own plus `settings`."""
    content = root / "content"
    if case == "sample":
        shutil.copytree(REPO / "content", content)
    elif case:
        shutil.copytree(CASES / case / "content", content)
    content.mkdir(parents=True, exist_ok=True)
    for relative, text in (files or {}).items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    project_settings = REPO / "pelican.conf.py"
    (root / "pelican.conf.py").write_text(
        f"exec(open({str(project_settings)!r}, encoding='utf-8').read())\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n" + settings,
        encoding="utf-8",
    )
    return root


def site_settings(root: Path) -> dict:
    """The settings of a site made by `make_site`, as Pelican reads them,
    for a test that runs Pelican or `build_site` itself."""
    settings = read_settings(str(root / "pelican.conf.py"))
    settings["PATH"] = str(root / "content")
    return settings


@dataclass
class Build:
    code: int
    stderr: str
    output: Path

    def page(self, relative: str) -> BeautifulSoup:
        html = (self.output / relative).read_text(encoding="utf-8")
        return BeautifulSoup(html, "lxml")


def build(root: Path) -> Build:
    """Run `python -m briefing build` in-process from the site folder."""
    # Pelican drops a warning it has logged before in the same process.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    stderr = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stderr(stderr):
        code = briefing_main(["build", "-s", "pelican.conf.py", "-o", "output"])
    return Build(code, stderr.getvalue(), root / "output")


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to compare two states."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_fragments(bundle: Path) -> dict[str, dict]:
    """{url: record} of every page in one Pagefind bundle."""
    records = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        records.append(json.loads(data[len(b"pagefind_dcd") :]))
    return {record["url"]: record for record in records}
