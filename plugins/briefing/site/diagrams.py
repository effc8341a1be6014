"""Relation diagrams, drawn at build time by Graphviz as inline SVG.

Each actor page gets a diagram of the actor and its direct relations, and
the network page one of every relation in the registry. The diagrams are
laid out by Graphviz's `dot` (one process for all of them), then cleaned
into SVG a page can hold: no XML prologue, no Graphviz ids or comments,
colours from the text colour (`currentColor`) so dark mode and forced
colours work, a `<title>` and `<desc>` that give the diagram its accessible
name and description, and links (`href`) to the actor pages. A relation
that has ended is dashed and dated; kinds of relation differ by their
label, their arrowheads and their line, never by colour alone (a theme may
add colour through the classes `tie--hostile`, `tie--cooperative`,
`tie--structural`).

The same registry gives the same bytes: the SVG is kept in the build cache
by the sum of its DOT source and Graphviz's version, so a build that
changes no relation runs no Graphviz at all. Without Graphviz the pages
keep their relation tables, the text alternative every diagram has anyway.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from functools import lru_cache

from markupsafe import Markup, escape

from ..content.model import Actor, Tie
from ..speed.cache import FileCache, cache_path, digest, fingerprint

logger = logging.getLogger(__name__)

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Stands for SITEURL in a drawn diagram: each page puts its own in.
SITE_MARK = "https://site.invalid"
FONT = "Helvetica,Arial,sans-serif"

# Arrowheads by stance: a bar for hostility, a dot for cooperation, a
# hollow triangle for structure (X is part of, splinter of, ... Y).
ENDS = {"hostile": "tee", "cooperative": "dot", "structural": "empty"}


def quote(text: str) -> str:
    """A DOT string. Graphviz reads backslash escapes in labels, so a
    backslash from content is doubled and quotes are escaped; each line of
    `text` (spaces collapsed) becomes a line of the label."""
    lines = (" ".join(line.split()) for line in str(text).split("\n"))
    escaped = (line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return '"' + "\\n".join(escaped) + '"'


def _attributes(values: dict) -> str:
    return ", ".join(f"{name}={quote(value)}" for name, value in values.items())


def _node(actor: Actor, url_of, self_: bool = False) -> str:
    values = {"label": actor.label, "id": f"node:{actor.id}"}
    url = url_of(actor)
    if url:
        values["URL"] = f"{SITE_MARK}/{url}"
        values["tooltip"] = actor.name
    if self_:
        values.update(penwidth="2", **{"class": "node--self"})
    return f"  {quote(actor.id)} [{_attributes(values)}];"


def _edge(tie: Tie, number: int) -> str:
    """The relation as declared: from the actor declaring it to the other."""
    relation = tie.relation
    kind = relation.kind
    label = kind.name if kind.mutual else kind.forward.lower()
    if relation.period:
        label += "\n" + relation.period
    ends = ENDS.get(kind.stance, "none")
    values = {
        "label": label,
        "id": f"edge:{number}",
        "class": f"tie tie--{kind.stance}" + (" tie--past" if relation.past else ""),
        "arrowhead": ends,
        "dir": "both" if kind.mutual else "forward",
    }
    if kind.mutual:
        values["arrowtail"] = ends
    if relation.past:
        values["style"] = "dashed"
    start, end = tie.declared_by.id, tie.named.id
    return f"  {quote(start)} -> {quote(end)} [{_attributes(values)}];"


def _graph(name: str, nodes: list[str], edges: list[str]) -> str:
    return "\n".join(
        [
            f"digraph {quote(name)} {{",
            f'  graph [rankdir=LR, bgcolor=transparent, fontname="{FONT}", '
            "nodesep=0.3, ranksep=0.6];",
            f'  node [shape=box, style=rounded, fontname="{FONT}", fontsize=12];',
            f'  edge [fontname="{FONT}", fontsize=10];',
            *nodes,
            *edges,
            "}",
        ]
    )


def actor_graph(actor: Actor, url_of) -> tuple[str, list[str]] | None:
    """The DOT source of the actor and its direct relations, and the
    sentence of each relation, in the order of the edges; None if it has
    none. `url_of(actor)` is an actor page's URL (or None)."""
    if not actor.ties:
        return None
    others = {tie.other.id: tie.other for tie in actor.ties}
    nodes = [_node(actor, url_of, self_=True)] + [
        _node(other, url_of) for _, other in sorted(others.items())
    ]
    edges = [_edge(tie, n) for n, tie in enumerate(actor.ties)]
    return _graph(actor.id, nodes, edges), [tie.sentence for tie in actor.ties]


def network_graph(actors: list[Actor], url_of) -> tuple[str, list[str]] | None:
    """Every relation of the registry, each once, as declared."""
    ties = [tie for actor in actors for tie in actor.ties if tie.forward]
    if not ties:
        return None
    shown = sorted({a.id for tie in ties for a in (tie.declared_by, tie.named)})
    by_id = {actor.id: actor for actor in actors}
    nodes = [_node(by_id[actor_id], url_of) for actor_id in shown]
    edges = [_edge(tie, n) for n, tie in enumerate(ties)]
    sentences = [f"{tie.declared_by.name}: {tie.sentence}" for tie in ties]
    return _graph("network", nodes, edges), sentences


@lru_cache(maxsize=1)
def graphviz_version() -> str | None:
    """`dot -V`'s answer, or None without Graphviz."""
    program = shutil.which("dot")
    if program is None:
        return None
    done = subprocess.run([program, "-V"], capture_output=True, text=True, check=False)
    return (done.stderr or done.stdout).strip() or "dot"


def draw(graphs: dict[str, str], settings: dict) -> dict[str, str]:
    """The cleaned SVG of each DOT source, by name; those kept in the build
    cache from a build with the same source are not drawn again. Empty
    (with a warning) without Graphviz or if it fails."""
    version = graphviz_version()
    if version is None:
        if graphs:
            logger.warning(
                "Graphviz is not installed: relation diagrams are left out "
                "(install the 'graphviz' package; `make html` does it on Debian)"
            )
        return {}
    path = cache_path(settings, "diagrams")
    kept = FileCache(path, fingerprint(version)) if path else None
    drawn, missing = {}, []
    for name, source in graphs.items():
        found = kept.get(name, digest(source)) if kept else None
        if found is None:
            missing.append(name)
        else:
            drawn[name] = found
    if missing:
        text = "\n".join(graphs[name] for name in missing)
        done = subprocess.run(
            ["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=False
        )
        if done.returncode:
            logger.warning("Graphviz failed, diagrams are left out: %s", done.stderr)
            return {}
        documents = done.stdout.split("<?xml")[1:]
        for name, document in zip(missing, documents, strict=True):
            drawn[name] = "<?xml" + document
            if kept:
                kept.put(name, digest(graphs[name]), drawn[name])
    if kept:
        kept.save()
    return drawn


def clean(svg_text: str, title: str, sentences: list[str], prefix: str) -> str:
    """Graphviz's SVG as a page holds it (see the module's docstring);
    `sentences` describe the edges, in their order, and make the `<desc>`."""
    root = ET.fromstring(svg_text.split("?>", 1)[1])
    for element in root.iter():
        for name in ("fill", "stroke"):
            if element.get(name) == "black":
                element.set(name, "currentColor")
        element.attrib.pop("font-family", None)  # one, on the root
    graph = root.find(f"{{{SVG}}}g")
    described: list[str] = []
    for group in list(graph):
        if group.tag == f"{{{SVG}}}title":
            graph.remove(group)
            continue
        ident = group.attrib.pop("id", "")
        inner_title = group.find(f"{{{SVG}}}title")
        if inner_title is not None:
            group.remove(inner_title)
        if ident.startswith("edge:"):
            sentence = sentences[int(ident.split(":", 1)[1])]
            described.append(sentence)
            hint = ET.Element(f"{{{SVG}}}title")
            hint.text = sentence
            group.insert(0, hint)
        for inner in group.iter():
            inner.attrib.pop("id", None)
            href = inner.attrib.pop(f"{{{XLINK}}}href", None)
            name = inner.attrib.pop(f"{{{XLINK}}}title", None)
            if href is not None:
                inner.set("href", href)
            if name is not None and inner.tag == f"{{{SVG}}}a":
                hint = ET.Element(f"{{{SVG}}}title")
                hint.text = name
                inner.insert(0, hint)
    graph.attrib.pop("id", None)
    title_element = ET.Element(f"{{{SVG}}}title", id=f"{prefix}-title")
    title_element.text = title
    desc = ET.Element(f"{{{SVG}}}desc", id=f"{prefix}-desc")
    desc.text = (
        "; ".join(described)
        + ". Ended relations are dashed. The table of relations gives the same, "
        "with notes and sources."
    )
    root.insert(0, desc)
    root.insert(0, title_element)
    root.set("role", "group")
    root.set("aria-labelledby", f"{prefix}-title")
    root.set("aria-describedby", f"{prefix}-desc")
    root.set("class", "diagram__svg")
    root.set("font-family", FONT)
    ET.register_namespace("", SVG)
    return ET.tostring(root, encoding="unicode")


def for_page(svg: str, site_url: str) -> Markup:
    """A diagram with the page's SITEURL in its links."""
    return Markup(svg.replace(SITE_MARK, str(escape(site_url))))


def actor_url(settings: dict):
    """`url_of(actor)`: the actor page's URL, as the settings make it (None
    without actor pages). The one rule: actors get their `url` from it
    (pages.assign_actor_urls), and the diagrams, drawn before that, too."""
    pattern = (
        settings["BRIEFING_ACTOR_URL"] if settings["BRIEFING_ACTOR_SAVE_AS"] else ""
    )
    return lambda actor: pattern.format(id=actor.id) if pattern else None


class Diagrams:
    """The diagrams of one registry: `of(actor)` and `network`, SVG with
    SITE_MARK for SITEURL (see `for_page`).

    Graphviz starts drawing them as soon as this is made, in a thread (the
    work is done by the `dot` process), so that it draws while the build
    reads and writes the articles; they are cleaned on first use. Made as
    soon as the registry is read (site/articles.py), and waited for before
    the build forks the process that writes the pages (`wait`), which then
    has them."""

    def __init__(self, registry, settings: dict):
        self.registry = registry
        self.settings = settings
        self._svg: dict[str, str] | None = None
        self._made: dict[str, tuple[str, list[str]]] = {}
        self._drawn: dict[str, str] = {}
        self._thread: threading.Thread | None = None
        self._finished = False
        if settings["BRIEFING_DIAGRAMS"]:
            self._start()

    def _start(self) -> None:
        url_of = actor_url(self.settings)
        actors = [self.registry.actors[i] for i in sorted(self.registry.actors)]
        made = {actor.id: actor_graph(actor, url_of) for actor in actors}
        if self.settings["BRIEFING_NETWORK_SAVE_AS"]:
            made[":network"] = network_graph(actors, url_of)
        self._made = {name: graph for name, graph in made.items() if graph}
        self._thread = threading.Thread(
            target=self._run, name="briefing-diagrams", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        sources = {name: source for name, (source, _) in self._made.items()}
        self._drawn = draw(sources, self.settings)
        self._finished = True

    def wait(self) -> None:
        """Wait until Graphviz has drawn them."""
        if self._thread is not None:
            self._thread.join()

    def _draw(self) -> dict[str, str]:
        if self._svg is not None:
            return self._svg
        self.wait()  # at once in a forked process: the thread is not in it
        if self._thread is not None and not self._finished:
            self._run()  # forked before Graphviz was done: draw here
        self._svg = {}
        for name, svg in self._drawn.items():
            _, sentences = self._made[name]
            if name == ":network":
                title = "Relations between the actors of the registry"
                prefix = "network-diagram"
            else:
                title = f"Relations of {self.registry.actors[name].name}"
                prefix = "actor-diagram"
            self._svg[name] = clean(svg, title, sentences, prefix)
        return self._svg

    def of(self, actor: Actor) -> str | None:
        return self._draw().get(actor.id)

    @property
    def network(self) -> str | None:
        return self._draw().get(":network")
