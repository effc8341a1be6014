"""The plugin's own Jinja templates, which a theme may override by name."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, pass_context
from markupsafe import Markup, escape

from ..content import languages
from . import diagrams, localize
from .linking import EventMemo

TEMPLATES_DIR = Path(__file__).parents[1] / "templates"
EVENT_TEMPLATE = "briefing/event.html"
CARD_TEMPLATE = "briefing/card.html"
EVENT_LIST_TEMPLATE = "briefing/event-list.html"
EVENT_LINE_TEMPLATE = "briefing/event-line.html"
JUDGMENT_TEMPLATE = "briefing/judgment-item.html"
# Event lists kept by `briefing_event_list`: the years of the timeline page.
EVENT_LISTS_KEPT = 256


def add_template_folder(generator) -> None:
    """Let themes include `briefing/actors.html` and `briefing/timeline.html`.

    Appended after the theme's own loaders, so a theme file of the same name
    (theme/templates/briefing/actors.html) wins. Also gives templates
    `briefing_event(event)`, the cached rendering of a site event,
    `briefing_event_list(events)`, that of a list of them,
    `briefing_card(article)`, that of a briefing in a list, and
    `briefing_judgment(item)`, that of a judgment in a list of many
    briefings' (actor pages, the judgments page), `briefing_event_line(event)`,
    an event as a line of an actor's full timeline, and
    `briefing_diagram(svg)`, a relation diagram (diagrams.py) with the
    page's SITEURL in its links, `briefing_dir(lang)`, "rtl" or "ltr" by
    the script the language is written in, and `briefing_language(lang)`,
    a language's name in itself. Rendered partials are kept for each
    language of page apart (localize.py).
    """
    localize.interface_for(generator.settings).install(generator.env)
    generator.env.globals.setdefault("briefing_event", event_renderer(generator.env))
    generator.env.globals.setdefault("briefing_card", card_renderer(generator.env))
    generator.env.globals.setdefault(
        "briefing_event_list", event_list_renderer(generator.env)
    )
    generator.env.globals.setdefault(
        "briefing_judgment", judgment_renderer(generator.env)
    )
    generator.env.globals.setdefault(
        "briefing_event_line", line_renderer(generator.env)
    )
    generator.env.globals.setdefault("briefing_diagram", diagram_for_page)
    generator.env.globals.setdefault("briefing_dir", languages.direction)
    generator.env.globals.setdefault("briefing_language", languages.own_name)
    loader = generator.env.loader
    if not isinstance(loader, ChoiceLoader):
        generator.env.loader = loader = ChoiceLoader([loader])
    folder = str(TEMPLATES_DIR)
    for existing in loader.loaders:
        if isinstance(existing, FileSystemLoader) and folder in existing.searchpath:
            return
    loader.loaders.append(FileSystemLoader(folder))


# Stands for SITEURL in an event's HTML, rendered once for pages of every
# depth. Content cannot hold it: YAML refuses the NUL character.
SITEURL_MARK = "\x00SITEURL\x00"


def event_renderer(env):
    """`briefing_event(event)`: `briefing/event.html` for one site event.

    A site event is shown on the timeline page and on the page of each of
    its actors, whose SITEURLs differ when URLs are relative (`..`,
    `../..`). It is rendered once, with SITEURL_MARK for SITEURL, and each
    page gets that HTML with its own SITEURL (escaped, as the template would
    print it) in place of the mark. The event template may therefore use
    `event` and the settings, and print `SITEURL`, but not test it or use
    the variables of the page it lands on.
    """
    return _rendered_once(env, EVENT_TEMPLATE, "event")


def _rendered_once(env, template_name: str, name: str):
    """A template global rendering `template_name` for one value (as
    `name`), once for pages of every depth and kept by the value's
    `signature` (EventMemo), as `event_renderer` tells."""
    memo = EventMemo()

    @pass_context
    def render(context, value) -> Markup:
        def make() -> str:
            template = env.get_template(template_name)
            return template.render(
                {**context.get_all(), "SITEURL": SITEURL_MARK, name: value}
            )

        html = memo.get(value, localize.page_language(context), make)
        return Markup(html.replace(SITEURL_MARK, escape(context.get("SITEURL", ""))))

    render.memo = memo
    render.forget = memo.clear  # by a writer that renders once (pages.py)
    return render


def card_renderer(env):
    """`briefing_card(article)`: `briefing/card.html` for one briefing.

    Rendered once per article object and SITEURL. A built article does not
    change: the preview reads an edited briefing into a new one, which gets
    its own card. The article is kept with its card, so that its id cannot
    be reused by another object while the card is cached.
    """
    cards: dict[tuple[int, object], tuple[Markup, object]] = {}

    @pass_context
    def render(context, article) -> Markup:
        key = (id(article), context.get("SITEURL"), localize.page_language(context))
        hit = cards.get(key)
        if hit is None:
            if len(cards) > EventMemo.LIMIT:
                cards.clear()
            template = env.get_template(CARD_TEMPLATE)
            html = Markup(template.render({**context.get_all(), "article": article}))
            hit = cards[key] = (html, article)
        return hit[0]

    return render


def event_list_renderer(env):
    """`briefing_event_list(events)`: `briefing/event-list.html`, kept for
    the same events (by signature) and SITEURL.

    The timeline page lists every event of the site, a year at a time; after
    an edit, only the years whose events changed are rendered again. The
    newest EVENT_LISTS_KEPT lists are kept (with their events, whose ids are
    in the signatures), so memory stays about one timeline page.
    """
    lists: OrderedDict[tuple, tuple[Markup, list]] = OrderedDict()

    @pass_context
    def render(context, events) -> Markup:
        events = list(events)
        key = (
            tuple(event.signature for event in events),
            context.get("SITEURL"),
            localize.page_language(context),
        )
        hit = lists.get(key)
        if hit is None:
            template = env.get_template(EVENT_LIST_TEMPLATE)
            html = Markup(template.render({**context.get_all(), "events": events}))
            hit = lists[key] = (html, events)
            while len(lists) > EVENT_LISTS_KEPT:
                lists.popitem(last=False)
        else:
            lists.move_to_end(key)
        return hit[0]

    render.lists = lists
    render.forget = lists.clear  # by a writer that renders once (pages.py)
    return render


def line_renderer(env):
    """`briefing_event_line(event)`: `briefing/event-line.html`, an event as
    one line of an actor's full timeline, rendered once for every page as
    `briefing_event` is."""
    return _rendered_once(env, EVENT_LINE_TEMPLATE, "event")


def judgment_renderer(env):
    """`briefing_judgment(item)`: `briefing/judgment-item.html` for one
    judgment of a site (`article.key_judgments`), as the actor pages and
    the judgments page list it: rendered once, as `briefing_event` is and
    under the same rules, and kept by what it shows (its signature), so a
    preview update renders only the judgments an edit changed."""
    return _rendered_once(env, JUDGMENT_TEMPLATE, "item")


@pass_context
def diagram_for_page(context, svg: str | None) -> Markup:
    """A drawn diagram, its links made for the page it lands on (whose
    SITEURL is relative when URLs are)."""
    if not svg:
        return Markup("")
    return diagrams.for_page(svg, context.get("SITEURL", ""))
