"""From a press clipping to a briefing: parse the export, write the files.

A clipping service's text export looks like this, blocks separated by blank
lines:

    National Post                      <- the publication
    IS-K attack reveals ...            <- the headline
    Used Kabul's airport as ...        <- the dek (optional)
    - NAME ORIGINAL-PUBLISHER BIO      <- the byline (optional), run together
    First paragraph ...                <- the body
    Newspapers in English              <- the service's trailer
    Newspapers from Canada

`parse_clipping` is pure; `article_text` and `notes_text` render the two
files of a briefing from it, and `new_briefing_texts` renders an empty pair
for a briefing written in-house.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BYLINE_MARK = re.compile(r"^(?:[-–—]\s+|By\s+)", re.IGNORECASE)
TRAILER = re.compile(
    r"^(?:Newspapers (?:in|from) .+"
    r"|PressReader\.com.*"
    r"|Printed and distributed by PressReader.*"
    r"|COPYRIGHT AND PROTECTED BY APPLICABLE LAW.*)$",
    re.IGNORECASE,
)


class ClippingError(ValueError):
    """The clipping lacks a part a briefing needs; nothing is written."""


@dataclass
class Clipping:
    publication: str
    headline: str
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    original_publisher: str | None = None
    author_bio: str | None = None
    paragraphs: list[str] = field(default_factory=list)


def parse_clipping(text: str) -> Clipping:
    """Read a clipping export; raise ClippingError naming what is missing."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = [
        " ".join(line.strip() for line in block.splitlines() if line.strip())
        for block in re.split(r"\n\s*\n", text)
    ]
    blocks = [block for block in blocks if block]
    while blocks and TRAILER.match(blocks[-1]):
        blocks.pop()
    if not blocks:
        raise ClippingError("the clipping is empty")
    if len(blocks) < 2:
        raise ClippingError(
            "no headline: expected the publication on the first line, "
            "then a blank line and the headline"
        )
    publication, headline, *rest = blocks
    if BYLINE_MARK.match(headline):
        raise ClippingError("no headline: the byline follows the publication")
    clipping = Clipping(publication=publication, headline=headline)
    if len(rest) > 1 and _is_dek(rest[0], rest[1]):
        clipping.dek = rest.pop(0)
    if rest and _is_byline(rest[0]):
        _read_byline(BYLINE_MARK.sub("", rest.pop(0), count=1), clipping)
    if not rest:
        raise ClippingError("no body: no paragraph follows the headline and byline")
    clipping.paragraphs = rest
    return clipping


def _is_byline(block: str) -> bool:
    return bool(BYLINE_MARK.match(block))


def _is_dek(block: str, following: str) -> bool:
    """A dek comes before the byline; without a byline, a dek is a short
    line that, unlike a paragraph, does not end a sentence."""
    if _is_byline(block):
        return False
    if _is_byline(following):
        return True
    return len(block) < 200 and not block.rstrip("”’\"' ").endswith((".", "!", "?"))


def _read_byline(byline: str, clipping: Clipping) -> None:
    """Split 'NAME ORIGINAL-PUBLISHER BIO' where the bio repeats the name.

    The first author's name is the longest run of opening words that comes
    again later, where the bio starts. Further authors ('A and B', 'A, B')
    are as long as the run of words found in the bio, else two words. What
    is left between the names and the bio is the original publisher.
    """
    words = byline.split()
    name_length, bio_start = _repeated_opening(words)
    head, bio = words[:bio_start], words[bio_start:]
    authors, rest = _split_authors(head, bio, name_length)
    clipping.authors = authors
    clipping.original_publisher = " ".join(rest) or None
    clipping.author_bio = " ".join(bio) or None


def _repeated_opening(words: list[str]) -> tuple[int | None, int]:
    """(length of the longest opening run of words that comes again, where it
    comes again); (None, len(words)) if none does."""
    for length in range(len(words) // 2, 0, -1):
        opening = words[:length]
        for start in range(length, len(words) - length + 1):
            if words[start : start + length] == opening:
                return length, start
    return None, len(words)


def _split_authors(head: list[str], bio: list[str], first_length: int | None):
    """(author names, remaining words) from the words before the bio."""
    if first_length is None:
        # No bio to measure names by: a lone name, or a name then a
        # publisher that starts with "The".
        for index, word in enumerate(head[1:], start=1):
            if word == "The" and index >= 2:
                return [" ".join(head[:index])], head[index:]
        return [" ".join(head)], []
    authors = [" ".join(head[:first_length])]
    position = first_length
    bio_text = " " + " ".join(bio) + " "
    while position < len(head) and head[position] in {"and", "&", ","}:
        position += 1
        length = 0
        for candidate in range(len(head) - position, 0, -1):
            name = " ".join(head[position : position + candidate])
            if f" {name} " in bio_text:
                length = candidate
                break
        length = length or min(2, len(head) - position)
        authors.append(" ".join(head[position : position + length]))
        position += length
    return authors, head[position:]


def article_text(
    clipping: Clipping, date: str, slug: str, article_type: str | None = None
) -> str:
    """The article file: Pelican metadata, then the paragraphs unchanged."""
    fields = [
        ("Title", clipping.headline),
        ("Subtitle", clipping.dek),
        ("Date", date),
        ("Slug", slug),
        ("Article_type", article_type),
        ("Authors", ", ".join(clipping.authors) or None),
        ("Publication", clipping.publication),
        ("Original_publisher", clipping.original_publisher),
        ("Author_bio", clipping.author_bio),
    ]
    metadata = "".join(f"{key}: {value}\n" for key, value in fields if value)
    body = "\n\n".join(escape_markdown(paragraph) for paragraph in clipping.paragraphs)
    return f"{metadata}\n{body}\n"


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]])")
_MARKDOWN_MARK_START = re.compile(r"^([#>+-])(?=\s)")
_MARKDOWN_NUMBER_START = re.compile(r"^(\d+)\.(?=\s)")


def escape_markdown(text: str) -> str:
    """Plain text that Markdown renders as itself (no list, emphasis, HTML)."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", text).replace("<", "&lt;")
    text = _MARKDOWN_MARK_START.sub(r"\\\1", text)
    return _MARKDOWN_NUMBER_START.sub(r"\1\\.", text)


def notes_text(title: str, actor_ids: list[str]) -> str:
    """A notes skeleton: the actors found in the text, roles to fill in."""
    lines = [
        f"# Editorial notes for: {' '.join(title.split())}",
        "# Fill in the summary, each actor's role and the timeline.",
        "summary:",
        "",
    ]
    if actor_ids:
        lines.append("actors:")
        for actor_id in actor_ids:
            lines += [f"  - id: {actor_id}", "    role:"]
    else:
        lines.append("actors: []")
    lines += ["", "timeline: []", ""]
    return "\n".join(lines)


def new_briefing_texts(title: str, date: str, slug: str) -> tuple[str, str]:
    """An empty article and notes pair for a briefing written in-house."""
    article = f"Title: {title}\nDate: {date}\nSlug: {slug}\n\n"
    return article, notes_text(title, [])
