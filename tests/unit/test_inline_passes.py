"""Quicker inline passes (inline.py): the same HTML as Python-Markdown's."""

import re
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

from briefing.content import markup
from briefing.speed import inline, reading
from briefing.speed.internals import QuickInlinePass

ROOT = Path(__file__).resolve().parents[2]

# Extensions and options whose patterns the table covers between them.
CONFIGS = {
    "site": {
        "extensions": ["extra", "smarty", "meta"],
        "output_format": "html5",
    },
    "angled quotes, own substitutions": {
        "extensions": ["extra", "smarty"],
        "extension_configs": {
            "smarty": {
                "smart_angled_quotes": True,
                "substitutions": {"left-double-quote": "&bdquo;"},
            }
        },
    },
    "no extensions": {},
}

# Runs of prose with every character a pattern looks for, often doubled.
PROSE = st.text(
    alphabet=string.ascii_letters[:8]
    + "0123456789s"
    + " .,;:?!()'\"-*_`[]^<>&#@/\\|=\n"
    + "\u00a0–—’…",
    max_size=80,
)

TRICKY = [
    "He said, \"'Quoted' words in a larger quote.\"",
    "'Twas the '80s -- or the 1990s --- who knows... ....",
    '\'"start"\' and "\'start\'" and "end"\'',
    "<<angled>> and << spaced >> and a>>b",
    'don\'t \\"escape\\" me, or \\*this\\*, and `code\'s "quotes"`',
    "[link 'title'](http://example.org \"t\") and ![img](a.png) and [^1]",
    "<http://example.org/a'b> and <me@example.org> and &amp; &#8212; &nbsp;'x",
    "*em 'quote'* and **strong \"quote\"** and _under_ and __both__",
    "line with two spaces  \nnext line's end",
    "Abbr HTML\n\n*[HTML]: Hyper Text 'Markup' Language",
    "Text[^note].\n\n[^note]: A 'footnote' -- with \"quotes\"...",
    "| a | 'b' |\n|---|---|\n| \"c\" | d--e |",
    '<span title="a \'b\'">x</span> "after"',
]


def convert(config: dict, text: str, quick: bool) -> str:
    md = Markdown(**config)
    if quick:
        inline.quicken(md)
    return md.convert(text)


def corpus() -> list[str]:
    """The sample site's articles, notes and registry, and the clippings
    of the importer's tests: real prose with quotes, dashes, markup."""
    content = ROOT / "content"
    files = [
        *sorted(content.rglob("*.md")),
        *sorted(content.rglob("*.yaml")),
        *sorted((Path(__file__).parent / "clippings").glob("*.txt")),
    ]
    assert len(files) >= 15
    return [path.read_text(encoding="utf-8") for path in files]


@pytest.mark.parametrize("name", CONFIGS)
def test_the_sample_content_and_tricky_cases_convert_the_same(name):
    config = CONFIGS[name]
    for text in corpus() + TRICKY:
        assert convert(config, text, quick=True) == convert(config, text, False)


@pytest.mark.parametrize("name", CONFIGS)
@settings(max_examples=300, deadline=None)
@given(text=PROSE)
def test_any_text_converts_the_same(name, text):
    config = CONFIGS[name]
    assert convert(config, text, quick=True) == convert(config, text, False)


@pytest.mark.parametrize("regex", sorted(inline.NEEDED))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_text_a_pattern_matches_holds_what_the_table_says_it_needs(regex, data):
    # A wrong entry would skip a pattern on text it matches.
    text = data.draw(st.from_regex(re.compile(regex, re.DOTALL)))
    assert any(needed in text for needed in inline.NEEDED[regex])


def test_every_pattern_of_the_sites_extensions_is_in_the_table():
    # A newer Python-Markdown with other patterns would make builds slower,
    # silently: this says so.
    md = Markdown(**CONFIGS["angled quotes, own substitutions"])
    passes = [md.treeprocessors["inline"], md.treeprocessors["smarty"]]
    unknown = [
        pattern.pattern
        for inline_pass in passes
        for pattern in inline_pass.inlinePatterns
        if pattern.pattern not in inline.NEEDED
    ]
    assert unknown == []


def test_the_reader_the_workers_and_the_notes_use_quick_passes():
    settings = {"extensions": ["extra", "smarty", "meta"], "output_format": "html5"}
    markup.quick_inline(True)
    for md in (reading.new_markdown(settings), markup._markdown):
        for name in ("inline", "smarty"):
            assert type(md.treeprocessors[name]) is QuickInlinePass


def test_the_plain_path_renders_notes_with_python_markdowns_own_passes():
    markup.quick_inline(False)
    try:
        for name in ("inline", "smarty"):
            assert type(markup._markdown.treeprocessors[name]) is InlineProcessor
        plain = markup.render_markdown_fully('It\'s -- *"quoted"* [x](https://a.b)')
    finally:
        markup.quick_inline(True)
    assert plain == markup.render_markdown_fully('It\'s -- *"quoted"* [x](https://a.b)')


def test_a_pass_of_another_class_is_left_alone():
    class Theirs(type(Markdown().treeprocessors["inline"])):
        pass

    md = Markdown()
    theirs = Theirs(md)
    md.treeprocessors.register(theirs, "inline", 20)
    inline.quicken(md)
    assert type(md.treeprocessors["inline"]) is Theirs
