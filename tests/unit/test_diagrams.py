"""Relation diagrams: DOT written safely, drawn once, kept, and left out
with a warning where Graphviz is missing."""

import logging
import subprocess
from textwrap import dedent

import pytest

from briefing.content.errors import Problems
from briefing.content.loader import load_registry
from briefing.settings import DEFAULTS
from briefing.site import diagrams


def registry_of(tmp_path):
    folder = tmp_path / "actors"
    folder.mkdir()
    files = {
        "a.yaml": "name: A\nkind: g\nrelations:\n"
        "  - {actor: b, type: splinter-of, since: 2007, until: 2014}\n"
        "  - {actor: c, type: rival}\n",
        "b.yaml": "name: B\nkind: g\n",
        "c.yaml": "name: C\nkind: g\n",
        "d.yaml": "name: D\nkind: g\n",
    }
    for name, text in files.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    problems = Problems()
    registry = load_registry(folder, problems)
    assert not problems.errors
    for actor in registry.actors.values():
        actor._url = f"actors/{actor.id}/"
    return registry


def settings(tmp_path, **more):
    return {
        **DEFAULTS,
        "CACHE_PATH": str(tmp_path / "cache"),
        "BRIEFING_CACHE": True,
        **more,
    }


@pytest.mark.parametrize(
    ("text", "dot"),
    [
        ("IS-K", '"IS-K"'),
        ('say "no"', '"say \\"no\\""'),
        ("back\\slash \\N", '"back\\\\slash \\\\N"'),
        ("two\nlines  here", '"two\\nlines here"'),
    ],
)
def test_quote_makes_a_dot_string_graphviz_reads_literally(text, dot):
    assert diagrams.quote(text) == dot


def test_an_actor_without_relations_gets_no_diagram(tmp_path):
    registry = registry_of(tmp_path)
    drawn = diagrams.Diagrams(registry, settings(tmp_path))
    assert drawn.of(registry.actors["d"]) is None
    assert drawn.of(registry.actors["b"]).startswith("<svg")


def test_the_dot_source_draws_each_relation_as_declared(tmp_path):
    registry = registry_of(tmp_path)
    url_of = diagrams.actor_url(DEFAULTS)
    source, sentences = diagrams.actor_graph(registry.actors["b"], url_of)
    assert '"a" -> "b"' in source  # A declares it: a splinter of B
    assert 'style="dashed"' in source and 'label="splinter of\\n2007 – 2014"' in source
    assert sentences == ["Splinter: A, 2007 – 2014"]
    network, lines = diagrams.network_graph(list(registry.actors.values()), url_of)
    assert network.count("->") == 2
    assert lines == ["A: Rival: C", "A: Splinter of: B, 2007 – 2014"]


def test_diagrams_are_kept_and_not_drawn_again(tmp_path, monkeypatch):
    registry = registry_of(tmp_path)
    first = diagrams.Diagrams(registry, settings(tmp_path)).of(registry.actors["a"])

    def no_graphviz(*args, **kwargs):
        raise AssertionError("Graphviz ran again")

    monkeypatch.setattr(subprocess, "run", no_graphviz)
    again = diagrams.Diagrams(registry, settings(tmp_path)).of(registry.actors["a"])
    assert again == first


def test_without_graphviz_the_diagrams_are_left_out_with_a_warning(
    tmp_path, monkeypatch, caplog
):
    registry = registry_of(tmp_path)
    monkeypatch.setattr(diagrams.shutil, "which", lambda name: None)
    diagrams.graphviz_version.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            drawn = diagrams.Diagrams(registry, settings(tmp_path))
            assert drawn.of(registry.actors["a"]) is None
            assert drawn.network is None
    finally:
        diagrams.graphviz_version.cache_clear()
    assert caplog.text.count("Graphviz is not installed") == 1


def test_diagrams_can_be_turned_off(tmp_path, monkeypatch):
    registry = registry_of(tmp_path)
    monkeypatch.setattr(subprocess, "run", None)
    off = diagrams.Diagrams(registry, settings(tmp_path, BRIEFING_DIAGRAMS=False))
    assert off.of(registry.actors["a"]) is None


def test_a_page_gets_its_own_site_url_in_the_links(tmp_path):
    registry = registry_of(tmp_path)
    svg = diagrams.Diagrams(registry, settings(tmp_path)).of(registry.actors["a"])
    assert diagrams.SITE_MARK in svg
    page = diagrams.for_page(svg, "../..")
    assert 'href="../../actors/b/"' in page and diagrams.SITE_MARK not in page
