"""Markdown fields: the fast path for plain text renders exactly as Markdown."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.content.markup import render_markdown, render_markdown_fully

# Everything an analyst types, markup characters and non-Latin letters too.
TEXT = st.text(
    alphabet=string.ascii_letters
    + string.digits
    + " .,;:?!()/%$@=+-*_'\\\"<>&#[]{}|~`\n\t"
    + "éüçßøñ’“”—–…ولاية\r\x0b\x0c\u00a0\u2028",
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(text=TEXT)
def test_any_text_renders_as_markdown_would(text):
    expected = render_markdown_fully(text.strip()) if text.strip() else ""
    assert render_markdown(text) == expected


def test_plain_sentences_take_the_fast_path_and_markup_does_not():
    assert render_markdown("Held the city, then the airport.") == (
        "<p>Held the city, then the airport.</p>"
    )
    assert render_markdown("Held *the* city") == "<p>Held <em>the</em> city</p>"
    assert render_markdown("<script>x</script>") == ""
