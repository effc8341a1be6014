"""Linking the first mention of each of a briefing's actors in its text.

One regular expression holds every name of every registry actor, as a
prefix tree, so that at any point of the text the longest name wins
("Pakistani Taliban" before "Taliban") and matching costs one pass per
article however large the registry. The HTML is read with the standard
library's tokenizer: only text is searched, never a tag or an attribute,
and nothing inside an existing link, a heading or code. Once every actor
is linked, the rest of the HTML is copied as it is, without tokenizing it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..content.model import Registry

# No link inside these: a link in a link is invalid, and headings and code
# are not prose.
SKIPPED_ELEMENTS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp"}
    | {"script", "style", "textarea", "button", "select", "option", "svg", "math"}
)


# What continues a word besides letters and digits (`\w`): the zero-width
# non-joiner and joiner, which Persian and Pashto write inside words
# ("طالبان‌ها", the Taliban + plural), and the combining marks of Arabic
# script (harakat, superscript alef, Quranic marks) and of Latin. A name
# followed by one of them is part of a longer word, not a mention.
WORD_CONTINUES = (
    "\\w\u200c\u200d\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)


class MentionMatcher:
    """Every name of every registry actor, compiled once per build."""

    def __init__(self, registry: Registry):
        self.actor_by_name: dict[str, str] = {}
        for actor_id in sorted(registry.actors):
            for name in registry.actors[actor_id].all_names:
                self.actor_by_name.setdefault(name, actor_id)
        self.pattern = (
            re.compile(
                f"(?<![{WORD_CONTINUES}])"
                + _trie_pattern(self.actor_by_name)
                + f"(?![{WORD_CONTINUES}])"
            )
            if self.actor_by_name
            else None
        )

    def actors_in(self, text: str) -> list[str]:
        """Ids of the actors named in plain `text`, by first mention."""
        if self.pattern is None:
            return []
        found = {
            self.actor_by_name[match.group()]: None
            for match in self.pattern.finditer(text)
        }
        return list(found)

    def link(self, html_text: str, hrefs: dict[str, str]) -> str:
        """`html_text` with the first mention of each actor in `hrefs`
        (actor id -> link target) made a link."""
        if self.pattern is None or not hrefs:
            return html_text
        linker = _MentionLinker(self, hrefs)
        try:
            # As plain text: escaping pieces of a Markup string is slow.
            linker.feed(str(html_text))
            linker.close()
        except _AllLinked as done:
            linker.parts.append(done.rest)
        return "".join(linker.parts)


def _trie_pattern(names) -> str:
    """One regular expression for all `names`, shaped as a prefix tree.

    A plain alternation makes the regex engine try every name at every
    position of the text; as a tree, it follows one branch per character, so
    the cost per article hardly grows with the registry. A name that is a
    prefix of a longer one becomes an optional tail tried greedily, so the
    longest name wins and backtracking falls back to the shorter one.
    """
    tree: dict = {}
    for name in names:
        node = tree
        for character in name:
            node = node.setdefault(character, {})
        node[""] = {}  # a name ends here

    def render(node: dict) -> str:
        branches = [
            re.escape(character) + render(child)
            for character, child in sorted(node.items())
            if character
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + render(tree) + ")"


class _AllLinked(Exception):
    """Raised by the linker once every actor is linked, with the HTML that
    follows the text just handled."""

    def __init__(self, rest: str):
        self.rest = rest


class _MentionLinker(HTMLParser):
    """Copies HTML through, linking mentions in text outside skipped elements."""

    def __init__(self, matcher: MentionMatcher, hrefs: dict[str, str]):
        super().__init__(convert_charrefs=True)
        self.matcher = matcher
        self.pending = dict(hrefs)  # actors not linked yet
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        self.parts.append(self.get_starttag_text())
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1

    def handle_startendtag(self, tag, attrs):
        self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if self.skipping or not self.pending:
            self.parts.append(html.escape(data, quote=False))
            return
        position = 0
        for match in self.matcher.pattern.finditer(data):
            actor_id = self.matcher.actor_by_name[match.group()]
            href = self.pending.pop(actor_id, None)
            if href is None:
                continue
            self.parts.append(html.escape(data[position : match.start()], quote=False))
            self.parts.append(
                f'<a class="mention" href="{html.escape(href)}" '
                f'data-mention="{html.escape(actor_id)}">'
                f"{html.escape(match.group(), quote=False)}</a>"
            )
            position = match.end()
            if not self.pending:
                break
        self.parts.append(html.escape(data[position:], quote=False))
        if not self.pending:
            rest = self._rest_after(data)
            if rest is not None:
                raise _AllLinked(rest)

    def _rest_after(self, data: str) -> str | None:
        """The raw HTML after the text `data` being handled, or None if it
        cannot be told for sure (then the parser simply goes on)."""
        line, offset = self.getpos()
        start = 0
        for _ in range(line - 1):
            start = self.rawdata.find("\n", start) + 1
        start += offset
        end = self.rawdata.find("<", start)
        end = len(self.rawdata) if end < 0 else end
        if html.unescape(self.rawdata[start:end]) != data:
            return None
        return self.rawdata[end:]

    def handle_comment(self, data):
        self.parts.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.parts.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.parts.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.parts.append(f"<![{data}]>")
