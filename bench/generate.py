"""Generate a synthetic briefing site for `make bench`.

N briefings over a registry of A actors, realistic in shape: 600-900-word
articles that name their actors, 4-8 actors and 4-10 events per briefing,
dates at year, month and day precision (some approximate), event ids
shared between briefings, graded sources, and 1-3 key judgments per
briefing resting on shared events, half of them revised once, with the
updates that record it; and 0-3 dated relations per actor. The same
articles without notes make the stock
Pelican site the benchmark compares against. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SYLLABLES = [
    "ka",
    "ri",
    "to",
    "ma",
    "ne",
    "sa",
    "lo",
    "vi",
    "du",
    "pe",
    "an",
    "or",
    "el",
    "us",
    "in",
    "at",
    "on",
    "ek",
    "al",
    "ir",
]
KINDS = ["armed group", "state", "person", "organisation", "party", "agency"]
RELATIONS = ["ally", "rival", "adversary", "supports", "affiliate", "splinter-of"]
LIKELIHOODS = [
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def make_actors(rng: random.Random, count: int) -> list[dict]:
    actors, used = [], set()
    while len(actors) < count:
        name = " ".join(word(rng).capitalize() for _ in range(rng.randint(1, 3)))
        if name in used:
            continue
        used.add(name)
        actor_id = f"actor-{len(actors):04d}"
        short = "".join(part[0] for part in name.split()).upper() + str(len(actors))
        actors.append(
            {
                "id": actor_id,
                "name": name,
                "short_name": short,
                "alias": f"{name} Front",
                "kind": rng.choice(KINDS),
            }
        )
    return actors


def sentence(rng: random.Random, names: list[str]) -> str:
    words = [word(rng) for _ in range(rng.randint(8, 18))]
    if names and rng.random() < 0.35:
        words.insert(rng.randrange(len(words)), rng.choice(names))
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def article(rng: random.Random, names: list[str]) -> str:
    paragraphs, total = [], 0
    target = rng.randint(600, 900)
    while total < target:
        text = " ".join(sentence(rng, names) for _ in range(rng.randint(3, 6)))
        total += len(text.split())
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def partial_date(rng: random.Random) -> str:
    year = rng.randint(1990, 2025)
    precision = rng.random()
    if precision < 0.2:
        return str(year)
    if precision < 0.45:
        return f"{year}-{rng.randint(1, 12):02d}"
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate(root: Path, briefings: int, actor_count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for folder in ("ours", "stock"):
        shutil.rmtree(root / folder, ignore_errors=True)
    ours = root / "ours" / "content"
    stock = root / "stock" / "content"
    (ours / "actors").mkdir(parents=True)
    (ours / "briefings").mkdir(parents=True)
    (stock / "briefings").mkdir(parents=True)
    actors = make_actors(rng, actor_count)
    for index, actor in enumerate(actors):
        (ours / "actors" / f"{actor['id']}.yaml").write_text(
            f"name: {actor['name']}\nshort_name: {actor['short_name']}\n"
            f"aliases: [{actor['alias']}]\nkind: {actor['kind']}\n"
            f"summary: The *{actor['name']}* is a {actor['kind']} in the region.\n"
            + relations(rng, actors, index),
            encoding="utf-8",
        )
    # A pool of shared events, as a desk tells the same event many times.
    shared = [
        {"id": f"shared-{n:04d}", "date": partial_date(rng), "title": f"Event {n}"}
        for n in range(max(10, briefings // 5))
    ]
    for number in range(briefings):
        cast = rng.sample(actors, rng.randint(4, 8))
        names = [actor["name"] for actor in cast] + [a["short_name"] for a in cast]
        title = f"Briefing {number}: " + " ".join(word(rng) for _ in range(4))
        day = f"20{10 + number % 15:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        metadata = (
            f"Title: {title}\nDate: {day}\nSlug: briefing-{number:05d}\n"
            f"Subtitle: {sentence(rng, [])}\nAuthors: Desk {number % 7}\n"
            "Publication: Synthetic Times\n"
        )
        text = metadata + "\n" + article(rng, names) + "\n"
        (ours / "briefings" / f"briefing-{number:05d}.md").write_text(text)
        (stock / "briefings" / f"briefing-{number:05d}.md").write_text(text)
        (ours / "briefings" / f"briefing-{number:05d}.notes.yaml").write_text(
            notes(rng, cast, shared), encoding="utf-8"
        )


def relations(rng: random.Random, actors: list[dict], index: int) -> str:
    """0-3 relations to actors after this one (so none is declared twice),
    a third of them ended, most dated, half of them sourced."""
    later = actors[index + 1 :]
    if not later:
        return ""
    lines = []
    for other in rng.sample(later, min(len(later), rng.randint(0, 3))):
        lines += [f"  - actor: {other['id']}", f"    type: {rng.choice(RELATIONS)}"]
        since = rng.randint(1990, 2020)
        if rng.random() < 0.8:
            lines.append(f"    since: {since}-{rng.randint(1, 12):02d}")
        if rng.random() < 0.33:
            lines.append(f"    until: {since + rng.randint(1, 5)}")
        if rng.random() < 0.5:
            lines += [
                f"    note: {sentence(rng, [])}",
                "    sources: [{title: A report, url: 'https://example.org/r',"
                f" reliability: {rng.choice('ABC')},"
                f" credibility: {rng.randint(1, 3)}}}]",
            ]
    return "relations:\n" + "\n".join(lines) + "\n" if lines else ""


def notes(rng: random.Random, cast: list[dict], shared: list[dict]) -> str:
    lines = [f"summary: Why it matters, in {word(rng)} and *{word(rng)}*.", "actors:"]
    for actor in cast:
        lines += [f"  - id: {actor['id']}", f"    role: {sentence(rng, [])}"]
    lines.append("timeline:")
    events = rng.randint(4, 10)
    told = rng.sample(shared, 2)
    for index in range(events):
        if index < 2:
            event = told[index]
            lines += [
                f"  - date: {event['date']}",
                f"    title: {event['title']}",
                f"    id: {event['id']}",
            ]
        else:
            lines += [
                f"  - date: {partial_date(rng)}",
                f"    title: {sentence(rng, [])}",
            ]
            if rng.random() < 0.1:
                lines.append("    circa: true")
        lines.append(f"    body: {sentence(rng, [])}")
        members = rng.sample(cast, rng.randint(1, 3))
        lines.append("    actors: [" + ", ".join(a["id"] for a in members) + "]")
        if index == events - 1:
            lines.append("    current: true")
        lines.append(
            f"    sources: [{{title: Source {index}, url: 'https://example.org/{index}',"
            f" reliability: {rng.choice('ABCDEF')}, credibility: {rng.randint(1, 6)}}}]"
        )
    return "\n".join(lines + judgments(rng, cast, told)) + "\n"


def judgments(rng: random.Random, cast: list[dict], told: list[dict]) -> list[str]:
    """1-3 judgments on the shared events, half with one earlier assessment
    (low or moderate confidence, so no warning), and the updates."""
    lines, revised = ["judgments:"], False
    for number in range(rng.randint(1, 3)):
        term = rng.choice(LIKELIHOODS)
        members = rng.sample(cast, rng.randint(1, 2))
        lines += [
            f"  - id: judgment-{number}",
            f"    text: It is {term} that {sentence(rng, []).lower()}",
            f"    likelihood: {term}",
            f"    confidence: {rng.choice(['low', 'moderate'])}",
            "    actors: [" + ", ".join(a["id"] for a in members) + "]",
            "    basis: [" + ", ".join(event["id"] for event in told) + "]",
            "    indicators:",
            f"      - {{text: {sentence(rng, [])}, status: observed, date: 2019-05}}",
            f"      - {{text: {sentence(rng, [])}, status: unclear}}",
        ]
        if rng.random() < 0.5:
            revised = True
            lines += [
                "    history:",
                f"      - {{date: 2019-0{rng.randint(1, 9)}-1{rng.randint(0, 9)},"
                f" likelihood: {rng.choice(LIKELIHOODS)}, confidence: low,"
                f" why: {sentence(rng, [])}}}",
            ]
    if revised:
        lines += ["updates:", f"  - {{date: 2020-01-15, text: {sentence(rng, [])}}}"]
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=Path)
    parser.add_argument("--briefings", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=300)
    arguments = parser.parse_args()
    generate(arguments.root, arguments.briefings, arguments.actors)
