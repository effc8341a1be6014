"""The one way content becomes HTML: Markdown, then an allowlist sanitizer.

Every Markdown field of the notes and the registry goes through
`render_markdown`, and every article body through `sanitize_html`, so no
`<script>`, event handler or `javascript:` URL from content reaches a page.
The result is a `Markup` string: templates print it as is, and escape
everything else.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

from ..speed.inline import quicken

URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Ammonia's default tag allowlist already excludes script, style, iframe,
# object, form and friends; we add the attributes Python-Markdown's own
# extensions emit (footnotes, tables, code highlighting, heading anchors).
_BODY_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "abbr": {"title"},
    "blockquote": {"cite"},
}
_NOTES_ATTRIBUTES = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "ol": {"start"},
}

_body_cleaner = nh3.Cleaner(
    attributes=_BODY_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    clean_content_tags={"script", "style"},
)
_notes_cleaner = nh3.Cleaner(
    attributes=_NOTES_ATTRIBUTES,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,
    clean_content_tags={"script", "style"},
)
# The notes' Markdown, with quicker inline passes or without (BRIEFING_SPEED);
# both make the same HTML.
_converters = {
    quick: (quicken if quick else lambda md: md)(
        markdown.Markdown(extensions=["extra", "smarty"], output_format="html")
    )
    for quick in (True, False)
}
_markdown = _converters[True]


def quick_inline(on: bool) -> None:
    """Render notes with the quicker inline passes (speed/inline.py) or
    with Python-Markdown's own."""
    global _markdown  # noqa: PLW0603 - one converter a process, as before
    _markdown = _converters[on]


def sanitize_html(html: str) -> Markup:
    """Article HTML with everything outside the allowlist removed."""
    return Markup(_body_cleaner.clean(html))


# Text in which Markdown (with the extra and smarty extensions) would find
# nothing to do: no markup character, quote, dash pair, ellipsis, entity or
# tag, no control or space other than ASCII's, and no list, heading or quote
# marker at the start.
_MARKDOWN_AT_WORK = re.compile(
    r"""[\\`*_\[\]<>&#|{}~"'\n\t]|--|\.\.\.|^\s*(?:[-+:=]|\d+[.)])"""
)


def render_markdown(text: str | None) -> Markup:
    """A notes or registry Markdown field as safe HTML ('' stays '')."""
    if not text or not text.strip():
        return Markup("")
    text = text.strip()
    if text.isprintable() and not _MARKDOWN_AT_WORK.search(text):
        # Most roles and bodies are one plain sentence or two: Markdown would
        # wrap them in a paragraph and change nothing else, at a hundred times
        # the cost.
        return Markup(f"<p>{text}</p>")
    return render_markdown_fully(text)


def render_markdown_fully(text: str) -> Markup:
    """Python-Markdown, then the sanitizer: the path for any markup."""
    _markdown.reset()
    return Markup(_notes_cleaner.clean(_markdown.convert(text)))
