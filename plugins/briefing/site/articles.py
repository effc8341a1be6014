"""Attaching each briefing's notes to its Pelican article.

`attach_briefings` runs once all articles are read: it takes the registry
and the notes read ahead (by `read_ahead`, in the workers that convert the
Markdown on a large site), loads the rest, sanitizes each briefing's HTML,
sets `article.briefing`, indexes actors and events across briefings and
links the first mention of each actor in the text. Bad content stops the build
with every problem listed, so a broken notes file can never publish a page
without its sidebar.
"""

from __future__ import annotations

import copyreg
import io
import logging
import os
import pickle
from functools import partial
from itertools import chain
from pathlib import Path
from typing import ClassVar

from pelican.urlwrappers import Category

from ..content.errors import Problems, display_path, metadata_line
from ..content.loader import NOTES_SUFFIX, load_notes, load_registry, notes_path_for
from ..content.markup import sanitize_html
from ..content.model import Actor, Registry, check_web_url
from ..content.packs import load_packs
from ..speed.cache import FileCache, cache_path, digest, fingerprint, versions
from ..speed.internals import (
    article_html,
    give_context,
    set_article_html,
    set_article_summary,
)
from ..speed.listings import all_articles
from ..speed.reading import convert_in_parallel, file_stamp, finish_reading
from ..speed.state import build_of
from .diagrams import Diagrams
from .exports import article_schema, json_script
from .judgments import EventFinder, check_judgments, index_judgments
from .linking import build_site_index
from .mentions import MentionMatcher
from .pages import actor_source, assign_actor_urls

logger = logging.getLogger(__name__)

URL_METADATA = ("original_url",)


def content_folders(settings: dict) -> tuple[Path, Path]:
    """(briefings folder, actors folder) from PATH and the BRIEFING_* settings."""
    content = Path(settings["PATH"])
    return (
        content / settings["BRIEFING_PATH"],
        content / settings["BRIEFING_ACTORS_PATH"],
    )


def packs_folder(settings: dict) -> Path:
    """The folder of the reading packs, from PATH and BRIEFING_PACKS_PATH."""
    return Path(settings["PATH"]) / settings["BRIEFING_PACKS_PATH"]


def read_ahead(generator) -> None:
    """article_generator_init: read the registry, and on a large site have
    the workers that convert the articles' Markdown (`convert_in_parallel`)
    check each article's notes as well, on every core, rather than this
    process alone. Files changed since are read again when the briefings
    are attached."""
    ahead = build_of(generator.settings).notes_ahead
    ahead.clear()
    briefings_dir, actors_dir = content_folders(generator.settings)
    problems = Problems()
    stamp = _registry_stamp(actors_dir)
    registry = load_registry(actors_dir, problems)
    kept = open_registry_cache(generator.settings, registry, "notes")
    ahead["registry"] = (stamp, (registry, MentionMatcher(registry), kept), problems)
    convert_in_parallel(
        generator,
        alongside=partial(_check_notes_of, briefings_dir, registry, kept),
        received=partial(_take_notes_checked, ahead, registry, kept),
    )
    # Graphviz draws the relations while the articles are read; started
    # once the workers are forked, which would hold its pipes open.
    build_of(generator.settings).diagrams = Diagrams(registry, generator.settings)


def _check_notes_of(briefings_dir: Path, registry, kept, article_path: str):
    """In a worker: the notes of the article at `article_path`, checked as
    `load_notes_kept` does it, and pickled: (stamp, text digest, bytes,
    whether `kept` had them). None if the article has no notes."""
    article = Path(article_path)
    if not article.is_relative_to(briefings_dir):
        return None
    notes_path = notes_path_for(article)
    stamp = _stamp(notes_path)
    if stamp is None:
        return None
    text = notes_path.read_text(encoding="utf-8-sig")
    text_digest = digest(text)
    found = kept.get(str(notes_path), text_digest) if kept is not None else None
    if found is not None:
        return stamp, text_digest, found, True
    _, data = _load_to_keep(notes_path, registry, text)
    return stamp, text_digest, data, False


def _take_notes_checked(ahead, registry, kept, article_path: str, checked) -> None:
    """In the build process: keep what a worker made of an article's notes,
    for `attach_briefings` and in the notes cache."""
    if checked is None:
        return
    stamp, text_digest, data, was_kept = checked
    notes_path = str(notes_path_for(Path(article_path)))
    try:
        briefing, errors, warnings = _ActorsById.from_bytes(data, registry)
    except Exception:  # a damaged cache entry: the file is read again
        return
    if kept is not None:
        if was_kept:
            kept.get(notes_path, text_digest)  # which keeps it for the next build
        else:
            kept.put(notes_path, text_digest, data)
    problems = Problems()
    problems.errors.extend(errors)
    problems.warnings.extend(warnings)
    ahead[notes_path] = (stamp, briefing, problems)


def _stamp(path: Path) -> tuple[int, int] | None:
    """A file's stamp (`reading.file_stamp`), None if there is no file."""
    try:
        return file_stamp(path)
    except OSError:
        return None


def _registry_stamp(actors_dir: Path) -> tuple:
    paths = sorted(actors_dir.glob("*.yaml")) if actors_dir.is_dir() else []
    return tuple((path.name, _stamp(path)) for path in paths)


def _take(ahead: dict, key: str, stamp, problems: Problems) -> tuple[bool, object]:
    """(True, what was read ahead under `key`) if it was read from the file
    as it is now, its problems joining `problems`; else (False, None)."""
    found_ahead = ahead.pop(key, None)
    if found_ahead is None or found_ahead[0] != stamp:
        return False, None
    _, value, found = found_ahead
    problems.errors.extend(found.errors)
    problems.warnings.extend(found.warnings)
    return True, value


def attach_briefings(generator) -> None:
    """article_generator_finalized: give every briefing its `briefing`,
    once the articles' HTML is kept for the next build (so that a mistake
    in the notes does not cost the next build that cache)."""
    finish_reading(generator)
    settings = generator.settings
    briefings_dir, actors_dir = content_folders(settings)
    problems = Problems()
    ahead = build_of(settings).notes_ahead
    taken, read = _take(ahead, "registry", _registry_stamp(actors_dir), problems)
    if taken:
        registry, matcher, kept = read
    else:  # not read ahead, or an actor file changed since
        ahead.clear()
        registry = load_registry(actors_dir, problems)
        matcher, kept = None, open_registry_cache(settings, registry, "notes")
    articles = all_articles(generator)
    briefings = []
    try:
        for article in articles:
            # An article from Pelican's generator-level content cache comes
            # back with a copy of the context it was first read in, where
            # links to actor pages ({filename}/actors/...) would not be found.
            give_context(article, generator.context)
            if prepare_briefing(
                article, registry, settings, problems, kept, ahead=ahead
            ):
                briefings.append(article)
    finally:
        ahead.clear()  # what was read ahead serves this build only
        if kept is not None:
            kept.save()
    check_orphan_notes(briefings_dir, settings, problems)
    check_translations(generator, problems)
    share_original_notes(
        generator.translations,
        generator.hidden_translations,
        generator.drafts_translations,
    )
    # Actor pages and the timeline show published briefings only.
    event_url = (
        settings["BRIEFING_EVENT_URL"] if settings["BRIEFING_EVENT_SAVE_AS"] else ""
    )
    site = build_site_index(generator.articles, registry, problems, event_url)
    index_judgments(site, briefings, problems)
    report(problems)

    assign_actor_urls(registry, settings, generator.context)
    matcher = matcher or MentionMatcher(registry)
    linked = open_registry_cache(settings, registry, "mentions")
    for article in briefings:
        finish_briefing(article, matcher, settings, linked)
    if linked is not None:
        linked.save()
    generator.context["briefing_site"] = site


def check_translations(generator, problems: Problems) -> None:
    """A translation needs its original (an article of the site's language
    with the same slug, published or not: Pelican pairs drafts apart), and
    a language is translated once per briefing."""
    default = generator.settings["DEFAULT_LANG"]
    everything = list(all_articles(generator))
    originals = {article.slug for article in everything if article.in_default_lang}
    first: dict[tuple[str, str], str] = {}
    translated = (article for article in everything if not article.in_default_lang)
    for article in sorted(translated, key=lambda a: a.source_path):
        source = Path(article.source_path)
        key = (article.slug, article.lang)
        if article.slug not in originals:
            problems.error(
                source,
                metadata_line(source, "lang"),
                f"a translation into '{article.lang}' of '{article.slug}', which "
                f"has no original in the site's language ({default})",
                "give it the Slug of the briefing it translates",
            )
        elif key in first:
            problems.error(
                source,
                metadata_line(source, "lang"),
                f"'{article.slug}' is translated into '{article.lang}' twice",
                f"the other translation is {display_path(first[key])}",
            )
        first.setdefault(key, article.source_path)


def share_original_notes(*translations) -> None:
    """A translation without notes of its own shows its original's, marked
    with the original's language (`notes_lang`) for screen readers."""
    for article in chain(*translations):
        article.notes_lang = None
        if article.briefing is not None:
            continue
        source = Path(article.source_path)
        if notes_path_for(source).exists():
            continue  # notes with mistakes: reported, not replaced
        original = next(
            (other for other in article.translations if other.in_default_lang), None
        )
        if original is not None and original.briefing is not None:
            article.briefing = original.briefing
            article.notes_lang = original.lang


def prepare_briefing(
    article, registry: Registry, settings: dict, problems, kept=None, *, ahead=None
) -> bool:
    """Sanitize an article and load its notes (what `kept` holds for them,
    if it is a notes cache); False if it is no briefing. Problems are
    collected, not raised, so a build reports them all."""
    # Pelican works an article's URL out anew at every access, and listings,
    # feeds and event lists read it thousands of times: its `override_url`
    # hook keeps the value it has now.
    article.override_url = article.url
    source = Path(article.source_path)
    briefings_dir, _ = content_folders(settings)
    if not source.is_relative_to(briefings_dir):
        article.briefing = None
        return False
    _sanitize(article)
    _give_draft_a_category(article, settings)
    _check_metadata(article, source, problems)
    article.briefing = _load_briefing(
        source,
        registry,
        problems,
        kept,
        ahead or {},
        translation=not getattr(article, "in_default_lang", True),
    )
    _use_editors_summary(article)
    _date_revision(article)
    return True


def _date_revision(article) -> None:
    """A briefing revised by its notes (an update, a judgment's history)
    after its date is modified then, as Pelican has it: `article.modified`,
    which its feeds and ours give as the entry's `updated`, and the JSON-LD
    as `dateModified`. A `Modified:` in the article's own metadata wins."""
    revised = article.briefing.revised if article.briefing else None
    if revised is None or "modified" in article.metadata:
        return
    modified = article.date.replace(
        year=revised.year,
        month=revised.month or 1,
        day=revised.day or 1,
        hour=0,
        minute=0,
        second=0,
        microsecond=0,
    )
    if modified > article.date:
        article.modified = modified
        article.locale_modified = modified.strftime(article.date_format)


def finish_briefing(
    article, matcher: MentionMatcher, settings: dict, linked: FileCache | None = None
) -> None:
    """Once the content is valid and actor URLs are known: link mentions
    (or take them as `linked`, a cache, holds them for the same text and
    links) and give the page its JSON-LD."""
    if settings["BRIEFING_LINK_MENTIONS"] and article.briefing is not None:
        hrefs = {
            cast.actor.id: "{filename}/" + actor_source(settings, cast.actor.id)
            for cast in article.briefing.actors
            if cast.actor.url
        }
        set_article_html(article, _link_mentions(article, matcher, hrefs, linked))
    article.jsonld = json_script(article_schema(article, settings["SITEURL"]))


def _link_mentions(article, matcher, hrefs: dict, linked: FileCache | None) -> str:
    """The article's HTML with its mentions linked, or what `linked` holds
    for the same HTML and links."""
    if linked is None:
        return matcher.link(article_html(article), hrefs)
    key = str(article.source_path)
    text_digest = digest(f"{article_html(article)}\0{sorted(hrefs.items())}")
    content = linked.get(key, text_digest)
    if content is None:
        content = matcher.link(article_html(article), hrefs)
        linked.put(key, text_digest, content)
    return content


def _load_briefing(
    source: Path,
    registry: Registry,
    problems: Problems,
    kept,
    ahead: dict,
    *,
    translation: bool = False,
):
    notes_path = notes_path_for(source)
    if not notes_path.is_file():
        if translation:
            return None  # it shows its original's (`share_original_notes`)
        problems.warning(
            source,
            None,
            "this briefing has no notes, so no actors or timeline",
            f"create {notes_path.name} beside it",
        )
        return None
    taken, briefing = _take(ahead, str(notes_path), _stamp(notes_path), problems)
    if taken:
        return briefing
    return load_notes_kept(notes_path, registry, problems, kept)


def open_registry_cache(
    settings: dict, registry: Registry, name: str
) -> FileCache | None:
    """What earlier builds worked out against this very registry: the notes
    as checked (`name` "notes"), or the articles with their mentions linked
    ("mentions")."""
    path = cache_path(settings, name)
    if path is None:
        return None
    libraries = versions("pydantic", "pydantic_core", "yaml", "markdown", "nh3")
    return FileCache(path, fingerprint(registry.digest, libraries))


def load_notes_kept(
    notes_path: Path, registry: Registry, problems: Problems, kept: FileCache | None
):
    """`load_notes`, or what it gave before for this very text (with the
    same problems) when `kept` holds it."""
    if kept is None:
        return load_notes(notes_path, registry, problems)
    try:
        text = notes_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return load_notes(notes_path, registry, problems)  # it reports why
    key, text_digest = str(notes_path), digest(text)
    found = kept.get(key, text_digest)
    if found is not None:
        try:
            briefing, errors, warnings = _ActorsById.from_bytes(found, registry)
        except Exception:  # a damaged entry: read the file
            found = None
    if found is None:
        (briefing, errors, warnings), data = _load_to_keep(notes_path, registry, text)
        kept.put(key, text_digest, data)
    problems.errors.extend(errors)
    problems.warnings.extend(warnings)
    return briefing


def _load_to_keep(notes_path: Path, registry: Registry, text: str):
    """`load_notes` as (briefing, errors, warnings), and that pickled for a
    notes cache."""
    fresh = Problems()
    briefing = load_notes(notes_path, registry, fresh, text)
    loaded = (briefing, fresh.errors, fresh.warnings)
    return loaded, _ActorsById.to_bytes(loaded)


class _ActorsById(pickle.Pickler):
    """Pickles notes with their actors by id, so that notes taken from the
    cache point at the actors of this build's registry, as loaded ones do.

    An actor is pickled as a call of `_actor_by_id`, which unpickling finds
    in the registry of the build instead: a `dispatch_table` entry is looked
    up by type in C, where `persistent_id` would be a Python call for every
    object pickled (which took twice as long)."""

    dispatch_table: ClassVar[dict] = {
        **copyreg.dispatch_table,
        Actor: lambda actor: (_actor_by_id, (actor.id,)),
    }

    @classmethod
    def to_bytes(cls, value) -> bytes:
        buffer = io.BytesIO()
        cls(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        return buffer.getvalue()

    @staticmethod
    def from_bytes(data: bytes, registry: Registry):
        loaded = _ActorsFrom(io.BytesIO(data), registry).load()
        if loaded[0] is not None:
            loaded[0].share_fields_sets()
        return loaded


def _actor_by_id(actor_id: str):
    """Stands for an actor in pickled notes; `_ActorsFrom` replaces it."""
    raise pickle.UnpicklingError(f"actor {actor_id!r} read without a registry")


class _ActorsFrom(pickle.Unpickler):
    """Unpickles notes with the actors of `registry`."""

    def __init__(self, file, registry: Registry):
        super().__init__(file)
        self.registry = registry

    def find_class(self, module: str, name: str):
        if (module, name) == (__name__, _actor_by_id.__name__):
            return self.registry.actors.__getitem__
        return super().find_class(module, name)


def _sanitize(article) -> None:
    """Article HTML may come from a clipping: keep only allowlisted markup."""
    set_article_html(article, sanitize_html(article_html(article)))
    if "summary" in article.metadata:
        article.metadata["summary"] = sanitize_html(article.metadata["summary"])
        set_article_summary(article, article.metadata["summary"])


def _give_draft_a_category(article, settings: dict) -> None:
    """Pelican writes drafts with their category, but gives none when
    category pages are off (CATEGORY_SAVE_AS = ''), and then fails."""
    if not hasattr(article, "category"):
        article.category = Category(settings["DEFAULT_CATEGORY"], settings)


def _use_editors_summary(article) -> None:
    """Feeds and listings show the editor's summary rather than the first
    words of the article, unless the article sets its own `Summary`."""
    if article.briefing is None or not article.briefing.summary:
        return
    if "summary" not in article.metadata:
        article.metadata["summary"] = article.briefing.summary
        set_article_summary(article, article.briefing.summary)


def _check_metadata(article, source: Path, problems: Problems) -> None:
    for key in URL_METADATA:
        value = article.metadata.get(key)
        if value is None:
            continue
        try:
            check_web_url(str(value).strip())
        except ValueError as error:
            problems.error(
                source,
                metadata_line(source, key),
                f"{key.capitalize()}: {error}",
                getattr(error, "hint", None),
            )


def check_orphan_notes(briefings_dir: Path, settings: dict, problems: Problems):
    """A notes file whose article is missing would be lost work: say so."""
    if not briefings_dir.is_dir():
        return
    extensions = _article_extensions(settings)
    files_in: dict[Path, set[str]] = {}  # folder -> names of its files
    for notes_path in sorted(briefings_dir.rglob("*" + NOTES_SUFFIX)):
        folder = notes_path.parent
        if folder not in files_in:
            with os.scandir(folder) as entries:
                files_in[folder] = {e.name for e in entries if e.is_file()}
        stem = notes_path.name[: -len(NOTES_SUFFIX)]
        if not any(f"{stem}.{ext}" in files_in[folder] for ext in extensions):
            orphan_notes(notes_path, problems)


def has_article(notes_path: Path, settings: dict) -> bool:
    """Whether a file beside `notes_path` could be its article."""
    stem = notes_path.name[: -len(NOTES_SUFFIX)]
    return any(
        notes_path.with_name(f"{stem}.{ext}").is_file()
        for ext in _article_extensions(settings)
    )


def orphan_notes(notes_path: Path, problems: Problems) -> None:
    stem = notes_path.name[: -len(NOTES_SUFFIX)]
    problems.error(
        notes_path,
        None,
        "these notes have no article",
        f"expected {stem}.md beside them; rename one of the two to match",
    )


def _article_extensions(settings: dict) -> tuple[str, ...]:
    extensions = {"md", "markdown", "mkd", "mdown", "html", "htm", "rst"}
    extensions.update(settings.get("READERS", {}).keys())
    return tuple(sorted(extensions))


def report(problems: Problems) -> None:
    """Log the warnings, then stop the build if there is any error."""
    for warning in sorted(problems.warnings, key=lambda p: (p.path, p.line or 0)):
        logger.warning("%s", str(warning))
    problems.raise_if_errors()


def check_content(settings: dict) -> Problems:
    """Validate the registry, every notes file and every pack file (whose
    briefings the build checks) without building the site."""
    briefings_dir, actors_dir = content_folders(settings)
    problems = Problems()
    registry = load_registry(actors_dir, problems)
    loaded = []
    if briefings_dir.is_dir():
        for notes_path in sorted(briefings_dir.rglob("*" + NOTES_SUFFIX)):
            loaded.append(load_notes(notes_path, registry, problems))
    # A judgment may rest on an event of any briefing.
    events = {}
    for briefing in filter(None, loaded):
        for event in briefing.timeline:
            if event.id:
                events.setdefault(event.id, event)
    for briefing in filter(None, loaded):
        check_judgments(briefing, EventFinder(briefing, events), problems)
    check_orphan_notes(briefings_dir, settings, problems)
    load_packs(packs_folder(settings), problems)
    return problems
