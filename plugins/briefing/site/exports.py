"""Machine-readable briefings: schema.org JSON-LD, open data and TimelineJS.

Pure functions from the model to plain dicts; `json_script` and `dump` are
the one way they become text, so every string from content is escaped for
JSON, and for HTML where JSON-LD sits inside a page.
"""

from __future__ import annotations

import json
import re
from html import unescape

from markupsafe import Markup

from ..content.model import Actor
from ..content.standards import LIKELIHOODS, confidence_tag

# The kinds of our registry that schema.org has a type for; others are
# organisations (armed groups, parties, agencies, companies, ...).
SCHEMA_TYPES = {
    "person": "Person",
    "state": "Country",
    "country": "Country",
}
ARTICLE_TYPES = {
    "news": "NewsArticle",
    "opinion": "OpinionNewsArticle",
    "analysis": "AnalysisNewsArticle",
}
_TAGS = re.compile(r"<[^>]+>")


def plain_text(html: str) -> str:
    """Rendered Markdown as one line of text (for descriptions)."""
    return " ".join(unescape(_TAGS.sub(" ", str(html))).split())


def absolute(site_url: str, url: str | None) -> str | None:
    return f"{site_url.rstrip('/')}/{url}" if url is not None else None


def actor_schema(actor: Actor, site_url: str, full: bool = False) -> dict:
    """An actor as its schema.org type; `full` adds what its own page says."""
    data = {
        "@type": SCHEMA_TYPES.get(actor.kind.casefold(), "Organization"),
        "name": actor.name,
    }
    if actor.url:
        data["url"] = absolute(site_url, actor.url)
    links = actor.links.labelled if actor.links else []
    if links:
        data["sameAs"] = [url for label, url in links if label != "Website"]
        website = [url for label, url in links if label == "Website"]
        if website and full:
            data["mainEntityOfPage"] = website[0]
        if not data["sameAs"]:
            del data["sameAs"]
    if full:
        alternate = actor.all_names[1:]
        if alternate:
            data["alternateName"] = alternate
        if actor.summary:
            data["description"] = plain_text(actor.summary)
        if actor.parent_actor is not None and data["@type"] == "Organization":
            data["parentOrganization"] = actor_schema(actor.parent_actor, site_url)
    return data


def article_schema(article, site_url: str) -> dict:
    """A briefing as a schema.org NewsArticle (or its opinion/analysis kind)."""
    metadata = article.metadata
    kind = str(metadata.get("article_type", "news")).strip().casefold()
    data = {
        "@context": "https://schema.org",
        "@type": ARTICLE_TYPES.get(kind, "NewsArticle"),
        "headline": article.title,
        "datePublished": article.date.date().isoformat(),
        "url": absolute(site_url, article.url),
        "inLanguage": getattr(article, "lang", None) or "en",
    }
    description = metadata.get("subtitle") or (
        plain_text(article.briefing.summary) if article.briefing else None
    )
    if description:
        data["description"] = description
    authors = [author.name for author in getattr(article, "authors", [])]
    if authors:
        data["author"] = [{"@type": "Person", "name": name} for name in authors]
        if metadata.get("author_bio"):
            data["author"][0]["description"] = metadata["author_bio"]
    if metadata.get("publication"):
        data["publisher"] = {"@type": "Organization", "name": metadata["publication"]}
    if metadata.get("original_publisher") or metadata.get("original_url"):
        original = {"@type": "NewsArticle", "headline": article.title}
        if metadata.get("original_publisher"):
            original["publisher"] = {
                "@type": "Organization",
                "name": metadata["original_publisher"],
            }
        if metadata.get("original_url"):
            original["url"] = metadata["original_url"]
        data["isBasedOn"] = original
    modified = getattr(article, "modified", None)
    if modified is not None and modified > article.date:
        data["dateModified"] = modified.date().isoformat()
    if article.briefing and article.briefing.actors:
        data["about"] = [
            actor_schema(cast.actor, site_url) for cast in article.briefing.actors
        ]
    data.update(translation_links(article, data["@type"], site_url))
    return data


def translation_links(article, kind: str, site_url: str) -> dict:
    """schema.org's links between a briefing and its translations: an
    original's `workTranslation`, a translation's `translationOfWork`."""

    def work(other) -> dict:
        return {
            "@type": kind,
            "url": absolute(site_url, other.url),
            "inLanguage": other.lang,
        }

    translations = getattr(article, "translations", None) or []
    if getattr(article, "in_default_lang", True):
        if not translations:
            return {}
        ordered = sorted(translations, key=lambda other: other.lang)
        return {"workTranslation": [work(other) for other in ordered]}
    originals = [other for other in translations if other.in_default_lang]
    return {"translationOfWork": work(originals[0])} if originals else {}


def json_script(data: dict) -> Markup:
    """A JSON-LD `<script>` element whose content cannot end it early."""
    text = dump(data, indent=None).replace("</", "<\\/")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def dump(data, indent: int | None = None) -> str:
    """JSON text: sorted keys for byte-identical builds, non-ASCII kept.
    Compact by default: with `indent`, json falls back to its pure-Python
    encoder, five times slower on the timeline documents."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=indent)
    # Line and paragraph separators are valid JSON but end a JavaScript line.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def dump_with_list(fields: dict, key: str, item_texts: list[str]) -> str:
    """`dump({**fields, key: items})`, made from each item's own `dump`:
    a preview update re-dumps only the items an edit changed."""
    return "".join(list_document(fields, key, item_texts))


def list_document(fields: dict, key: str, item_texts: list[str]):
    """The pieces of `dump_with_list`, in order, for a writer that writes
    them one by one rather than make one string of a large document."""
    marker = "\u0000items"
    while dump(marker) in dump(fields):  # a marker no other value holds
        marker += "\u0000"
    head, tail = dump({**fields, key: marker}).split(dump(marker), 1)
    yield head + "["
    for index, text in enumerate(item_texts):
        yield ", " + text if index else text
    yield "]" + tail


def translated_titles(briefings) -> dict[str, dict[str, str]]:
    """The title of each event with an id in every language a translation
    with notes of its own tells it: {event id: {lang: title}}."""
    titles: dict[str, dict[str, str]] = {}
    for article in briefings:
        for translation in article.translations:
            notes = getattr(translation, "briefing", None)
            if notes is None or getattr(translation, "notes_lang", None):
                continue  # no notes, or the original's
            for event in notes.timeline:
                if event.id:
                    titles.setdefault(event.id, {})[translation.lang] = event.title
    return {key: dict(sorted(value.items())) for key, value in titles.items()}


def event_record(site_event, site_url: str, titles: dict | None = None) -> dict:
    """One event of data/events.json; `titles`, its title in other
    languages (translated_titles)."""
    return {
        "id": site_event.id,
        "date": site_event.date.iso,
        "precision": site_event.date.precision,
        "circa": site_event.event.circa,
        "title": site_event.title,
        "titles": titles or {},
        "body_html": str(site_event.body),
        "actors": [actor.id for actor in site_event.actors],
        "sources": [source_record(source) for source in site_event.sources],
        "url": absolute(site_url, site_event.url),
        "briefings": [
            {"title": article.title, "url": absolute(site_url, article.url)}
            for article in site_event.briefings
        ],
    }


def event_schema(site_event, site_url: str) -> dict:
    """An event as schema.org `Event`, for its page: `about` its actors,
    `subjectOf` the briefings that tell it."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": site_event.title,
        "startDate": site_event.date.iso,
        "url": absolute(site_url, site_event.url),
    }
    if site_event.body:
        data["description"] = plain_text(site_event.body)
    if site_event.actors:
        data["about"] = [actor_schema(actor, site_url) for actor in site_event.actors]
    data["subjectOf"] = [
        {
            "@type": "Article",
            "headline": link.title,
            "url": absolute(site_url, link.url),
        }
        for link in site_event.briefings
    ]
    return data


def relation_record(relation) -> dict:
    """A relation as its actor declares it, in data/actors.json."""
    return {
        "actor": relation.actor,
        "type": relation.type,
        "since": relation.since.iso if relation.since else None,
        "until": relation.until.iso if relation.until else None,
        "circa": relation.circa,
        "note_html": str(relation.note),
        "sources": [source_record(source) for source in relation.sources],
    }


def source_record(source) -> dict:
    """A source of an event, with its grade in letters and as MISP tags."""
    return {
        "title": source.title,
        "url": source.url,
        "publisher": source.publisher,
        "reliability": source.reliability,
        "credibility": source.credibility,
        "grade": source.grade or None,
        "retrieved": source.retrieved.iso if source.retrieved else None,
        "archived": source.archived,
        "tags": source.tags,
    }


def judgment_record(site_judgment, site_url: str) -> dict:
    """One judgment of data/judgments.json."""
    judgment = site_judgment.judgment
    article = site_judgment.article
    return {
        "id": judgment.id,
        "briefing": {
            "title": article.title,
            "url": absolute(site_url, f"{article.url}#judgment-{judgment.id}"),
        },
        "text_html": str(judgment.text),
        "likelihood": judgment.likelihood,
        "probability": {
            "low": LIKELIHOODS[judgment.likelihood].low,
            "high": LIKELIHOODS[judgment.likelihood].high,
        },
        "confidence": judgment.confidence,
        "tags": judgment.tags,
        "actors": [actor.id for actor in judgment.actors],
        "basis": [
            {"id": link.id, "title": link.title, "url": absolute(site_url, link.url)}
            for link in site_judgment.basis
        ],
        "indicators": [
            {
                "text": indicator.text,
                "status": indicator.status,
                "date": indicator.date.iso if indicator.date else None,
            }
            for indicator in judgment.indicators
        ],
        "history": [
            {
                "date": assessment.date.iso,
                "likelihood": assessment.likelihood,
                "confidence": assessment.confidence,
                "why_html": str(assessment.why),
                "tags": [
                    LIKELIHOODS[assessment.likelihood].tag,
                    confidence_tag(assessment.confidence),
                ],
            }
            for assessment in judgment.history
        ],
        "changed": (
            {
                "date": move.date.iso if move.date else None,
                "what": move.changed or "reaffirmed",
                "text": move.sentence,
            }
            if (move := judgment.last_move)
            else None
        ),
    }


def actor_record(actor: Actor, count: int, site_url: str) -> dict:
    """One actor of data/actors.json."""
    return {
        "id": actor.id,
        "name": actor.name,
        "short_name": actor.short_name,
        "aliases": list(actor.aliases),
        "names": dict(sorted(actor.names.items())),
        "short_names": dict(sorted(actor.short_names.items())),
        "kind": actor.kind,
        "summary_html": str(actor.summary),
        "parent": actor.parent,
        "relations": [relation_record(relation) for relation in actor.relations],
        "links": dict(actor.links.labelled) if actor.links else {},
        "url": absolute(site_url, actor.url),
        "briefings": count,
    }


def timelinejs_title(title: str, text: str) -> dict:
    """A TimelineJS 3 document without its events (`timelinejs_event` each,
    joined by `dump_with_list`): its title slide."""
    return {"title": {"text": {"headline": title, "text": text}}}


def timelinejs_event(site_event, site_url: str) -> dict:
    date = site_event.date
    start = {"year": date.year}
    if date.month:
        start["month"] = date.month
    if date.day:
        start["day"] = date.day
    links = "".join(
        f'<li><a href="{_attr(absolute(site_url, article.url))}">'
        f"{Markup.escape(article.title)}</a></li>"
        for article in site_event.briefings
    )
    page = absolute(site_url, site_event.url)
    text = (
        str(site_event.body)
        + (f"<ul>{links}</ul>" if links else "")
        + f'<p><a href="{_attr(page)}">About this event</a></p>'
    )
    event = {
        "start_date": start,
        "text": {"headline": str(Markup.escape(site_event.title)), "text": text},
        "group": str(date.year),
    }
    if site_event.event.circa:
        event["start_date"]["display_date"] = site_event.date_label
        event["display_date"] = site_event.date_label
    if site_event.id:
        event["unique_id"] = site_event.id
    return event


def _attr(value: str | None) -> str:
    return str(Markup.escape(value or ""))
