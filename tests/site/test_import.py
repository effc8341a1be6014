"""`make import` and `make briefing`, as the command line runs them."""

import contextlib
import io

from support import REPO, SEED_CLIPPING, build

from briefing.authoring.cli import main as briefing_main

SEED = SEED_CLIPPING
SEED_SLUG = "is-k-attack-reveals-talibans-vulnerability"
CLIPPINGS = REPO / "tests" / "unit" / "clippings"


def run(root, *arguments):
    stderr = io.StringIO()
    with contextlib.chdir(root), contextlib.redirect_stderr(stderr):
        code = briefing_main(list(arguments))
    return code, stderr.getvalue()


def sample_actors_site(site):
    """The sample's actors, without its briefings (nor the pack of them)."""
    root = site(case="sample")
    for folder in ("briefings", "packs"):
        for path in (root / "content" / folder).iterdir():
            path.unlink()
    return root


def test_the_imported_seed_equals_the_sample_article(site):
    root = sample_actors_site(site)
    code, _ = run(
        root, "import", str(SEED), "--date", "2021-08-27", "--type", "opinion"
    )
    assert code == 0
    imported = root / "content" / "briefings" / f"{SEED_SLUG}.md"
    sample = REPO / "content" / "briefings" / f"{SEED_SLUG}.md"
    assert imported.read_bytes() == sample.read_bytes()


def test_an_imported_clipping_lists_its_actors_and_builds_at_once(site):
    root = sample_actors_site(site)
    code, stderr = run(root, "import", str(SEED), "--slug", "kabul")
    assert code == 0
    assert "wrote content/briefings/kabul.notes.yaml" in stderr
    notes = (root / "content" / "briefings" / "kabul.notes.yaml").read_text()
    assert "  - id: isk\n    role:\n  - id: taliban\n" in notes
    assert notes.index("id: united-states") < notes.index("id: isis")  # text order

    result = build(root)
    assert result.code == 0, result.stderr
    page = result.page("briefings/kabul/index.html")
    ids = [
        li["data-actor"] for li in page.select('[data-briefing="actors"] [data-actor]')
    ]
    assert ids == ["isk", "taliban", "united-states", "isis"]


def test_existing_files_are_never_replaced_without_force(site):
    root = sample_actors_site(site)
    article = root / "content" / "briefings" / "kabul.md"
    notes = root / "content" / "briefings" / "kabul.notes.yaml"
    assert run(root, "import", str(SEED), "--slug", "kabul")[0] == 0
    article.write_text("Title: edited\nDate: 2021-01-01\n\nMine.\n")
    notes.write_text("summary: my own notes\n")

    code, stderr = run(root, "import", str(SEED), "--slug", "kabul")
    assert code == 1
    assert "content/briefings/kabul.md exists; nothing was written" in stderr
    assert article.read_text() == "Title: edited\nDate: 2021-01-01\n\nMine.\n"

    code, stderr = run(root, "import", str(SEED), "--slug", "kabul", "--force")
    assert code == 0
    assert article.read_text().startswith("Title: IS-K attack")
    assert notes.read_text() == "summary: my own notes\n"  # the analyst's work
    assert "kept content/briefings/kabul.notes.yaml as it was" in stderr


def test_a_clipping_that_cannot_be_parsed_writes_nothing(site):
    root = sample_actors_site(site)
    code, stderr = run(root, "import", str(CLIPPINGS / "no-body.txt"))
    assert code == 1
    assert "no body" in stderr and "nothing was written" in stderr
    assert list((root / "content" / "briefings").iterdir()) == []


def test_bad_date_slug_or_type_is_refused(site):
    root = sample_actors_site(site)
    assert (
        "DATE=27/08/2021 is not a date"
        in run(root, "import", str(SEED), "--date", "27/08/2021")[1]
    )
    assert (
        "SLUG=Kabul Airport cannot be a slug"
        in run(root, "import", str(SEED), "--slug", "Kabul Airport")[1]
    )
    assert (
        "TYPE=op-ed is not a kind of article"
        in run(root, "import", str(SEED), "--type", "op-ed")[1]
    )
    assert list((root / "content" / "briefings").iterdir()) == []


def test_make_briefing_starts_an_empty_pair_that_builds(site):
    root = sample_actors_site(site)
    code, _ = run(root, "new", "--title", "Who runs Kabul now?", "--date", "2021-09-07")
    assert code == 0
    article = root / "content" / "briefings" / "who-runs-kabul-now.md"
    assert article.read_text() == (
        "Title: Who runs Kabul now?\nDate: 2021-09-07\nSlug: who-runs-kabul-now\n\n"
    )
    assert (root / "content" / "briefings" / "who-runs-kabul-now.notes.yaml").exists()
    assert build(root).code == 0
    assert run(root, "new", "--title", "Who runs Kabul now?")[0] == 1
