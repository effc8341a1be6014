"""The manual and the code agree: every setting is documented as the code
defines it, and every setting the manual names exists."""

import re

from support import REPO

from briefing.content.relations import RELATION_TYPES
from briefing.settings import DEFAULTS, SETTINGS, documented_table, settings_table

DOCS = REPO / "docs"


def manual_text() -> str:
    pages = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_the_settings_table_is_the_one_the_code_makes():
    assert documented_table(DOCS / "settings.md") == settings_table()


def test_every_setting_is_in_the_table_with_its_default():
    table = settings_table()
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in table
        assert setting.meaning in table
    assert len(table.splitlines()) == len(DEFAULTS) + 2


def test_every_setting_the_manual_names_exists():
    named = set(re.findall(r"\bBRIEFING_[A-Z_]+[A-Z]\b", manual_text()))
    assert named - set(DEFAULTS) == set()
    assert set(DEFAULTS) <= named


def test_the_readme_is_a_front_door():
    readme = REPO / "README.md"
    assert readme.stat().st_size < 8 * 1024
    for command in ("make html", "make test"):
        assert command in readme.read_text(encoding="utf-8")


def test_every_page_the_manual_links_exists():
    for page in [REPO / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(
            r"\]\(([^)#:]+?)(?:#[^)]*)?\)", page.read_text("utf-8")
        ):
            if not target.startswith("{"):  # Pelican's {filename} links, quoted
                assert (page.parent / target).exists(), (page.name, target)


def test_the_relation_types_table_is_the_codes():
    text = (DOCS / "relations-and-events.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+?) \| (.+?) \|$", text, re.M)
    assert rows == [
        (kind.name, kind.forward, kind.backward, kind.meaning)
        for kind in RELATION_TYPES.values()
    ]
