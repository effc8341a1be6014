"""Python-Markdown's inline passes at a fraction of the cost, same HTML.

An inline pass (Python-Markdown's `InlineProcessor`: the core one, and the
second one the `smarty` extension adds for typographic quotes, dashes and
ellipses) tries each of its patterns in turn on every run of text. Each
try scans the text with the pattern's regular expression, and wrapped in
Python costs several microseconds even where the text holds nothing the
pattern could match: on the bench's articles, `smarty`'s 18 tries per run
of text doubled the time of converting an article (3.3 ms against 1.6 ms
without it).

Yet each pattern can only match text that holds a certain string: a link
needs `[`, an entity `&`, a closing quote its quote, an en dash `--`.
`quicken` makes a Markdown instance's inline passes skip a pattern on a run
of text that holds none of the strings `NEEDED` lists for it, which is what
the try would have found (nothing), and leaves every other step to
Python-Markdown's own code. A pattern not listed (a later Python-Markdown
or another extension may bring new ones) is tried as before: slower, never
wrong.
"""

from __future__ import annotations

import re

from markdown import Markdown, inlinepatterns
from markdown.extensions import smarty
from markdown.treeprocessors import InlineProcessor

from .internals import QuickInlinePass

# For each pattern, by its regular expression: strings of which a run of
# text must hold at least one for the pattern to match there. Each is in
# every match, or in what the match requires to follow it (a lookahead).
NEEDED: dict[str, tuple[str, ...]] = {
    # Python-Markdown's own patterns (markdown.inlinepatterns).
    inlinepatterns.BACKTICK_RE: ("`",),
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # and REFERENCE_RE, the same
    inlinepatterns.IMAGE_LINK_RE: ("![",),  # and IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    r"\*|_": ("*", "_"),  # emphasis and strong, by their delimiters
    # The footnotes extension's (extra).
    r"\[\^([^\]]*)\]": ("[^",),
    # smarty's (markdown.extensions.smarty).
    smarty.HTML_STRICT_RE: ("<",),
    smarty.singleQuoteStartRe: ("'",),
    smarty.doubleQuoteStartRe: ('"',),
    smarty.doubleQuoteSetsRe: ("\"'",),
    smarty.singleQuoteSetsRe: ("'\"",),
    smarty.doubleQuoteSetsRe2: ("'\"",),
    smarty.singleQuoteSetsRe2: ("\"'",),
    smarty.decadeAbbrRe: ("'",),
    smarty.openingSingleQuotesRegex: ("'",),
    smarty.closingSingleQuotesRegex: ("'",),
    smarty.closingSingleQuotesRegex2: ("'",),
    smarty.remainingSingleQuotesRegex: ("'",),
    smarty.openingDoubleQuotesRegex: ('"',),
    smarty.closingDoubleQuotesRegex: ('"',),
    smarty.closingDoubleQuotesRegex2: ('"',),
    smarty.remainingDoubleQuotesRegex: ('"',),
    r"(?<!-)---(?!-)": ("---",),
    r"(?<!-)--(?!-)": ("--",),
    r"(?<!\.)\.{3}(?!\.)": ("...",),
    r"\<\<": ("<<",),
    r"\>\>": (">>",),
}

# For each pattern, one search for any of its strings: a single call into
# the regular expression engine, where testing the strings in turn from
# Python took longer than the tries saved on short texts.
_FINDERS = {
    pattern: re.compile("|".join(map(re.escape, strings))).search
    for pattern, strings in NEEDED.items()
}


QuickInlinePass.finders = _FINDERS


def quicken(md: Markdown) -> Markdown:
    """Make `md`'s inline passes skip the patterns a run of text cannot
    match. The HTML stays the same; returns `md`."""
    for name in ("inline", "smarty"):
        if name in md.treeprocessors:
            inline_pass = md.treeprocessors[name]
            # A pass of another class is someone else's: left alone. The
            # same object keeps its place among the tree processors.
            if type(inline_pass) is InlineProcessor:
                inline_pass.__class__ = QuickInlinePass
    return md
