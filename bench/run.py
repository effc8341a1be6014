"""`make bench`: our build against stock Pelican on the same articles.

For each size, generates the synthetic site (bench/generate.py), then times
alternately our `python -m briefing build` (notes, actor pages, timelines,
mentions, feeds, exports, search; and once more with search off) and stock
Pelican with its `simple` theme on the same articles without notes or
plugins. Each run is a new process; wall time and peak memory (the largest
resident set of the process tree) are measured from outside. Writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate
from pypdf import PdfReader

from briefing.content.errors import Problems
from briefing.content.loader import load_registry
from briefing.settings import DEFAULTS
from briefing.site import diagrams

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "RESULTS.md"
PAGEFIND = [sys.executable, "-m", "pagefind"]


def settings_files(root: Path) -> tuple[Path, Path, Path]:
    """Our settings, stock Pelican's, and stock Pelican's with the site's own
    MARKDOWN (its extensions are the site's choice, not the plugin's)."""
    ours = root / "ours" / "pelican.conf.py"
    ours.write_text(
        f"exec(open({str(REPO / 'pelican.conf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    stock = root / "stock" / "pelican.conf.py"
    stock.write_text(
        'PATH = "content"\nTHEME = "simple"\nSITEURL = ""\nTIMEZONE = "UTC"\n'
        'ARTICLE_PATHS = ["briefings"]\n',
        encoding="utf-8",
    )
    same_markdown = stock.with_name("markdown.conf.py")
    same_markdown.write_text(
        f"exec(open({str(stock)!r}, encoding='utf-8').read())\n"
        "_site = {}\n"
        f"exec(open({str(REPO / 'pelican.conf.py')!r}, encoding='utf-8').read(), "
        "_site)\n"
        'MARKDOWN = _site["MARKDOWN"]\n',
        encoding="utf-8",
    )
    return ours, stock, same_markdown


def without_search(ours: Path) -> Path:
    """Our settings with search off (`BRIEFING_SEARCH = False`)."""
    path = ours.with_name("nosearch.conf.py")
    path.write_text(
        f"exec(open({str(ours)!r}, encoding='utf-8').read())\n"
        "BRIEFING_SEARCH = False\n",
        encoding="utf-8",
    )
    return path


def timed(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(seconds, peak MiB of the largest process, peak MiB of all processes
    at once) of one command, run from a fresh measuring process."""
    environment = {**os.environ, "PYTHONPATH": str(REPO / "plugins")}
    completed = subprocess.run(
        [sys.executable, str(REPO / "bench" / "probe.py"), *command],
        cwd=cwd,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds, largest, total = completed.stdout.split()
    return float(seconds), float(largest), float(total)


def measure(root: Path, briefings: int, actors: int, rounds: int) -> dict:
    generate(root, briefings, actors)
    ours_settings, stock_settings, markdown_settings = settings_files(root)
    pelican = [sys.executable, "-m", "pelican", "-s"]
    briefing = [sys.executable, "-m", "briefing", "build", "-s"]

    # Stock Pelican, then Pagefind, in one process and at once, on its
    # article pages: what a site of the same articles and the same search
    # costs without the plugin. With Pelican's default Markdown (what a desk
    # would run instead: the baseline of the target), and with the site's.
    def then_pagefind(settings: Path) -> list[str]:
        pagefind = [*PAGEFIND, "--silent", "--site", "output"]
        return [
            "sh",
            "-c",
            shlex.join([*pelican, str(settings)])
            + " && "
            + shlex.join([*pagefind, "--glob", "briefing-*.html"]),
        ]

    commands = {
        "stock": ([*pelican, str(stock_settings)], root / "stock"),
        "markdown": ([*pelican, str(markdown_settings)], root / "stock"),
        "default_searched": (then_pagefind(stock_settings), root / "stock"),
        "searched": (then_pagefind(markdown_settings), root / "stock"),
        # Before "ours", whose cache the builds after the rounds start from.
        "unsearched": (
            [*briefing, str(without_search(ours_settings))],
            root / "ours",
        ),
        "ours": ([*briefing, str(ours_settings)], root / "ours"),
    }
    runs = {name: [] for name in commands}
    kept = root / "ours" / "cache"
    for _ in range(rounds):  # alternate, so all see the same machine state
        for name, (command, folder) in commands.items():
            shutil.rmtree(kept, ignore_errors=True)  # every full build is cold
            runs[name].append(timed(command, folder))
    result = {"briefings": briefings, "actors": actors, "rounds": rounds}
    for name, values in runs.items():
        result[f"{name}_seconds"] = statistics.median(v[0] for v in values)
        result[f"{name}_peak_mib"] = max(v[1] for v in values)
        result[f"{name}_total_mib"] = max(v[2] for v in values)
    result["ratio"] = result["ours_seconds"] / result["stock_seconds"]
    result["markdown_ratio"] = result["ours_seconds"] / result["markdown_seconds"]
    result["searched_ratio"] = result["ours_seconds"] / result["searched_seconds"]
    result["default_searched_ratio"] = (
        result["ours_seconds"] / result["default_searched_seconds"]
    )
    result["unsearched_ratio"] = result["unsearched_seconds"] / result["stock_seconds"]
    result.update(pages_and_diagrams(root / "ours"))
    result.update(warm_builds(*commands["ours"]))
    result.update(rebuilds(root, stock_settings))
    result.update(pack_cost(*commands["unsearched"], rounds))
    result.update(language_cost(*commands["unsearched"], rounds))
    return result


def language_cost(command: list[str], folder: Path, rounds: int) -> dict:
    """What translations cost a build (search off): the same site without
    them and with a Dari translation, with notes of its own, of one briefing
    in TRANSLATED_EVERY; alternating and cold. Every page's interface goes
    through gettext and Babel either way: that cost is in the ratios."""
    briefings = folder / "content" / "briefings"
    originals = sorted(briefings.glob("briefing-*[0-9].md"))[::TRANSLATED_EVERY]
    made = []
    for original in originals:
        text = original.read_text(encoding="utf-8")
        made.append(
            (
                original.with_suffix(".fa.md"),
                text.replace("Title: ", "Lang: fa\nTitle: ترجمه: ", 1),
            )
        )
        notes = original.with_suffix(".notes.yaml")
        made.append((original.with_suffix(".fa.notes.yaml"), notes.read_text("utf-8")))
    kept = folder / "cache"
    without, translated = [], []
    for _ in range(rounds):
        for path, _text in made:
            path.unlink(missing_ok=True)
        shutil.rmtree(kept, ignore_errors=True)
        without.append(timed(command, folder)[0])
        for path, text in made:
            path.write_text(text, encoding="utf-8")
        shutil.rmtree(kept, ignore_errors=True)
        translated.append(timed(command, folder)[0])
    for path, _text in made:
        path.unlink()
    return {
        "translations": len(originals),
        "untranslated_seconds": statistics.median(without),
        "translated_seconds": statistics.median(translated),
    }


def pages_and_diagrams(folder: Path) -> dict:
    """What the last full build wrote for actors and events (the largest
    actor page, every actor file together, the event pages), and what
    drawing every relation diagram costs from a cold cache, in this
    process: its time and the sizes of the diagrams."""
    output = folder / "output"
    network = output / "actors" / "network" / "index.html"
    pages = list((output / "actors").glob("*/index.html"))
    pages += (output / "actors").glob("*/page/*/index.html")
    pages = [page for page in pages if page != network]
    largest = max(pages, key=lambda page: page.stat().st_size)
    timelines = list((output / "actors").glob("*/timeline/**/index.html"))
    every = [path for path in (output / "actors").rglob("*") if path.is_file()]
    events = list((output / "events").glob("*/index.html"))
    problems = Problems()
    registry = load_registry(folder / "content" / "actors", problems)
    for actor in registry.actors.values():
        actor._url = f"actors/{actor.id}/"
    settings = {**DEFAULTS, "CACHE_PATH": ""}
    start = time.perf_counter()
    drawn = diagrams.Diagrams(registry, settings)
    sizes = [len(svg) for actor in registry.actors.values() if (svg := drawn.of(actor))]
    seconds = time.perf_counter() - start
    return {
        "largest_actor_page_kb": largest.stat().st_size / 1000,
        "largest_actor_page": str(largest.relative_to(output)),
        "actor_files_mb": sum(path.stat().st_size for path in every) / 1e6,
        "largest_actor_timeline_kb": max(
            (page.stat().st_size for page in timelines), default=0
        )
        / 1000,
        "network_page_kb": network.stat().st_size / 1000 if network.exists() else 0,
        "event_pages": len(events),
        "event_pages_mb": sum(page.stat().st_size for page in events) / 1e6,
        "diagrams": len(sizes),
        "diagram_seconds": seconds,
        "diagram_mean_kb": statistics.mean(sizes) / 1000 if sizes else 0,
        "diagram_largest_kb": max(sizes, default=0) / 1000,
        "network_kb": len(drawn.network or "") / 1000,
    }


PACK_BRIEFINGS = 10
TRANSLATED_EVERY = 10  # one briefing in ten has a Dari translation


def pack_cost(command: list[str], folder: Path, rounds: int) -> dict:
    """What a reading pack of PACK_BRIEFINGS briefings costs a build (search
    off): builds without and with the pack, alternating and cold, then one
    with the pack again, its PDF taken from the cache."""
    pack = folder / "content" / "packs" / "bench.yaml"
    slugs = [f"briefing-{number:05d}" for number in range(1, PACK_BRIEFINGS + 1)]
    text = (
        "title: A bench pack\ndate: 2021-09-15\nhandling: Bench only\n"
        "note: Ten briefings of the synthetic site.\n"
        f"briefings: [{', '.join(slugs)}]\n"
    )
    kept = folder / "cache"
    without, with_pack = [], []
    for _ in range(rounds):
        pack.unlink(missing_ok=True)
        shutil.rmtree(kept, ignore_errors=True)
        without.append(timed(command, folder)[0])
        pack.parent.mkdir(exist_ok=True)
        pack.write_text(text, encoding="utf-8")
        shutil.rmtree(kept, ignore_errors=True)
        with_pack.append(timed(command, folder)[0])
    # Built again from the cache, with the pack (its PDF kept) and without.
    warm, _, _ = timed(command, folder)
    pdf = folder / "output" / "packs" / "bench" / "bench.pdf"
    pages = len(PdfReader(str(pdf)).pages)
    size = pdf.stat().st_size
    pack.unlink()
    warm_without, _, _ = timed(command, folder)
    return {
        "packless_seconds": statistics.median(without),
        "pack_seconds": statistics.median(with_pack),
        "packless_warm_seconds": warm_without,
        "pack_warm_seconds": warm,
        "pack_pdf_pages": pages,
        "pack_pdf_kb": size / 1024,
    }


def warm_builds(command: list[str], folder: Path) -> dict:
    """Our build again with the cache the last one left (`make html` run
    again): first with nothing changed, then after an edit of one article
    and of another briefing's notes."""
    unchanged, _, _ = timed(command, folder)
    briefings = folder / "content" / "briefings"
    article = briefings / "briefing-00011.md"
    article.write_text(article.read_text() + "\nAn edited paragraph.\n")
    notes = briefings / "briefing-00012.notes.yaml"
    notes.write_text(notes.read_text().replace("role: ", "role: Newly, ", 1))
    edited, _, _ = timed(command, folder)
    return {"warm_unchanged_seconds": unchanged, "warm_edited_seconds": edited}


def rebuilds(root: Path, stock_settings: Path) -> dict:
    """One edit, then: our preview's update, and stock Pelican's rebuild with
    its content cache (as `pelican -r` does it)."""
    probe = subprocess.run(
        [sys.executable, str(REPO / "bench" / "preview_probe.py"), str(root / "ours")],
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        check=True,
        capture_output=True,
        text=True,
    )
    preview = json.loads(probe.stdout.strip().splitlines()[-1])
    cached = stock_settings.with_name("cached.conf.py")
    cached.write_text(
        f"exec(open({str(stock_settings)!r}).read())\n"
        "LOAD_CONTENT_CACHE = True\nCACHE_CONTENT = True\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pelican", "-s", str(cached)]
    timed(command, root / "stock")  # fills the cache
    article = root / "stock" / "content" / "briefings" / "briefing-00007.md"
    article.write_text(article.read_text() + "\nAn edited paragraph.\n")
    stock_rebuild, _, _ = timed(command, root / "stock")
    return {
        "preview_notes_seconds": preview["notes"],
        "preview_article_seconds": preview["article"],
        "preview_pages": preview["notes_pages"],
        "preview_added_seconds": preview["added"],
        "preview_added_pages": preview["added_pages"],
        "preview_removed_seconds": preview["removed"],
        "stock_cached_seconds": stock_rebuild,
    }


# Issue 8's targets. A build costs at most this many times stock Pelican's
# on the same articles; ten times the briefings at most GROWTH times ten
# times the time; at most MEMORY_MIB for all the build's processes at once
# on the largest site; and the preview updates after one edit within
# PREVIEW_SECONDS there.
RATIO = 1.3
GROWTH = 1.1
MEMORY_MIB = 1024
PREVIEW_SECONDS = 2.0
# Issue 25's: the heaviest actor page, in kilobytes of HTML.
ACTOR_PAGE_KB = 150


def _ratios(results: list[dict], key: str) -> str:
    return "; ".join(f"{r[key]:.2f}x at {r['briefings']:,}" for r in results)


def _holds(held: bool) -> str:
    return "yes" if held else "**no**"


def targets(results: list[dict]) -> list[str]:
    """The table of the issue's targets against the figures of one run,
    `results` in the order of their sizes, smallest first."""
    large = results[-1]
    rows = [
        (
            f"full build without search: at most {RATIO}x stock Pelican",
            _ratios(results, "unsearched_ratio"),
            all(r["unsearched_ratio"] <= RATIO for r in results),
        ),
        (
            f"full build with search: at most {RATIO}x stock Pelican on its "
            "default Markdown followed by Pagefind (the same articles and the "
            "same search, no plugin)",
            _ratios(results, "default_searched_ratio"),
            all(r["default_searched_ratio"] <= RATIO for r in results),
        ),
    ]
    if len(results) > 1:
        small = results[0]
        size = large["briefings"] / small["briefings"]
        growth = large["ours_seconds"] / small["ours_seconds"]
        rows.append(
            (
                f"{size:.0f}x the briefings: at most {GROWTH * size:.0f}x the time",
                f"{growth:.1f}x",
                growth <= GROWTH * size,
            )
        )
    slowest = max(large["preview_notes_seconds"], large["preview_article_seconds"])
    rows += [
        (
            f"every actor page at most {ACTOR_PAGE_KB} KB of HTML at "
            f"{large['briefings']:,} briefings",
            f"{large['largest_actor_page_kb']:.0f} KB "
            f"(`{large['largest_actor_page']}`)",
            large["largest_actor_page_kb"] <= ACTOR_PAGE_KB,
        ),
        (
            f"memory of all processes at once at {large['briefings']:,} "
            f"briefings: under {MEMORY_MIB / 1024:.0f} GiB",
            f"{large['ours_total_mib']:.0f} MiB",
            large["ours_total_mib"] < MEMORY_MIB,
        ),
        (
            f"preview after an edit of one briefing or one notes file at "
            f"{large['briefings']:,} briefings: under {PREVIEW_SECONDS:.0f} s",
            f"{large['preview_notes_seconds']:.2f} s (notes), "
            f"{large['preview_article_seconds']:.2f} s (article)",
            slowest < PREVIEW_SECONDS,
        ),
    ]
    lines = [
        "The targets of the issue on build speed, in this run:",
        "",
        "| target | measured | holds |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {t} | {m} | {_holds(h)} |" for t, m, h in rows]
    # Not targets: the same build against stock Pelican with the site's
    # Markdown and Pagefind, and against plain stock Pelican.
    share = "; ".join(
        f"{r['ratio']:.2f}x at {r['briefings']:,} "
        f"(Pagefind alone {_pagefind_alone(r):.2f}x)"
        for r in results
    )
    rest = "; ".join(
        f"at {r['briefings']:,}, {r['default_searched_ratio'] - 1:+.2f}x = "
        f"{_plugin_without_search(r):.2f}x the plugin and the site's Markdown "
        f"without search + {_search_beyond(r):.2f}x our index beyond Pagefind's "
        "on stock's pages"
        for r in results
    )
    site_markdown = _ratios(results, "searched_ratio")
    lines += [
        "",
        "Not targets: with search, against stock Pelican with the site's "
        f"`smarty` Markdown followed by Pagefind, {site_markdown}; "
        f"against plain stock Pelican, {share}. Pagefind alone is its time "
        "after stock Pelican on stock's pages, as a share of stock Pelican's.",
        "",
        "Where our build's time beyond the baseline goes, as shares of the "
        f"baseline: {rest}. Our index holds the actor pages as well as the "
        "briefings, and a briefing's notes besides its text.",
    ]
    return lines


def _pagefind_alone(r: dict) -> float:
    """Pagefind's time after stock Pelican, as a share of stock Pelican's."""
    return (r["default_searched_seconds"] - r["stock_seconds"]) / r["stock_seconds"]


def _plugin_without_search(r: dict) -> float:
    """What our build without search costs beyond stock Pelican, as a share
    of the baseline (stock Pelican followed by Pagefind)."""
    return (r["unsearched_seconds"] - r["stock_seconds"]) / r[
        "default_searched_seconds"
    ]


def _search_beyond(r: dict) -> float:
    """What our search costs beyond Pagefind's on stock's pages, as a share
    of the baseline (stock Pelican followed by Pagefind)."""
    ours_search = r["ours_seconds"] - r["unsearched_seconds"]
    stock_search = r["default_searched_seconds"] - r["stock_seconds"]
    return (ours_search - stock_search) / r["default_searched_seconds"]


def actor_pages(results: list[dict]) -> list[str]:
    """The table of what actors and events cost in pages and diagrams."""
    lines = [
        "Actor pages, relation diagrams and event pages, from the last full "
        "build with search. Pagefind's share is our build with search less "
        "our build without (the same rounds), as seconds and as a share of "
        "the build. Diagrams are drawn cold (no cache) for every actor with "
        "relations, and for the network page, in one Graphviz process.",
        "",
        "| briefings | largest actor page | largest actor timeline page "
        "| every actor file | Pagefind's share | event pages | diagrams | drawn in "
        "| per actor, mean / largest | network diagram | network page |",
        "|" + " ---: |" * 11,
    ]
    for r in results:
        share = r["ours_seconds"] - r["unsearched_seconds"]
        lines.append(
            f"| {r['briefings']:,} | {r['largest_actor_page_kb']:.0f} KB "
            f"| {r['largest_actor_timeline_kb']:.0f} KB "
            f"| {r['actor_files_mb']:.1f} MB "
            f"| {share:.1f} s ({share / r['ours_seconds']:.0%}) "
            f"| {r['event_pages']:,} ({r['event_pages_mb']:.1f} MB) "
            f"| {r['diagrams']} | {r['diagram_seconds']:.2f} s "
            f"| {r['diagram_mean_kb']:.1f} / {r['diagram_largest_kb']:.1f} KB "
            f"| {r['network_kb']:.0f} KB | {r['network_page_kb']:.0f} KB |"
        )
    return lines


def report(results: list[dict]) -> str:
    lines = [
        "# Build benchmark",
        "",
        "Written by `make bench` (bench/run.py): synthetic briefings over a "
        "registry of actors (bench/generate.py), our build against stock Pelican "
        "with its `simple` theme on the same articles, alternating, each run a "
        "new process. Times are medians. Memory is given twice: the peak "
        "resident set of the largest single process (the build itself, or one "
        "Pagefind part), and the peak of all the processes of the build at "
        "once (the build, the process writing the actor pages beside it, and "
        "the Pagefind parts, one per core at a time), as proportional set "
        "sizes, which count the pages a forked process shares once, sampled "
        "every quarter of a second.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}.",
        "",
        *targets(results),
        "",
        *actor_pages(results),
        "",
        "| briefings | actors | rounds | stock Pelican | ours | ratio | "
        "stock peak | our peak, largest process | our peak, all at once |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['actors']} | {r['rounds']} | "
            f"{r['stock_seconds']:.1f} s | {r['ours_seconds']:.1f} s | "
            f"{r['ratio']:.2f}x | {r['stock_peak_mib']:.0f} MiB | "
            f"{r['ours_peak_mib']:.0f} MiB | {r['ours_total_mib']:.0f} MiB |"
        )
    lines += [
        "",
        "The site's `MARKDOWN` settings add the `smarty` extension (typographic "
        "quotes and dashes), which Pelican's defaults leave out, and the "
        "`codehilite` extension the defaults have is not used. Stock Pelican "
        "with the site's settings, in the same rounds, shows what the plugin "
        "itself costs:",
        "",
        "| briefings | stock Pelican, site's Markdown | ours | ratio |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['markdown_seconds']:.1f} s | "
            f"{r['ours_seconds']:.1f} s | {r['markdown_ratio']:.2f}x |"
        )
    lines += [
        "",
        "Search: our build indexes every briefing and actor page with Pagefind. "
        "Stock Pelican followed by Pagefind on its article pages (one Pagefind "
        "process for all of them, which needs the most memory and the least "
        "time), in the same rounds, is what a site of the same articles and "
        "the same search costs without the plugin: with Pelican's default "
        "Markdown (the target's baseline), and with the site's:",
        "",
        "| briefings | stock, then Pagefind | ratio | stock with the site's "
        "Markdown, then Pagefind | ratio | ours | its peak, largest process |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['default_searched_seconds']:.1f} s | "
            f"{r['default_searched_ratio']:.2f}x | {r['searched_seconds']:.1f} s | "
            f"{r['searched_ratio']:.2f}x | {r['ours_seconds']:.1f} s | "
            f"{r['searched_peak_mib']:.0f} MiB |"
        )
    lines += [
        "",
        "Without search (`BRIEFING_SEARCH = False`), in the same rounds: what "
        "the plugin and the site's Markdown cost on top of plain stock Pelican.",
        "",
        "| briefings | stock Pelican | ours, search off | ratio "
        "| its peak, all at once |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['stock_seconds']:.1f} s | "
            f"{r['unsearched_seconds']:.1f} s | {r['unsearched_ratio']:.2f}x | "
            f"{r['unsearched_total_mib']:.0f} MiB |"
        )
    lines += [
        "",
        "Our full builds above are cold: each starts without the cache "
        "(`cache/briefing/`). `make html` run again keeps the articles' HTML, "
        "the checked notes and the search parts whose pages are unchanged "
        "from the last build; here once with nothing changed, and once after "
        "an edit of one article and of another briefing's notes file. Stock "
        "Pelican, for comparison, without and with its content cache (one "
        "article edited):",
        "",
        "| briefings | ours again, nothing changed | ours again, two files edited "
        "| stock Pelican | stock Pelican, cached |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['warm_unchanged_seconds']:.1f} s | "
            f"{r['warm_edited_seconds']:.1f} s | {r['stock_seconds']:.1f} s | "
            f"{r['stock_cached_seconds']:.1f} s |"
        )
    lines += [
        "",
        "After an edit of one briefing: our preview (`make devserver`) "
        "updating the site, against stock Pelican rebuilding it with its "
        "content cache (`pelican -r` with `CACHE_CONTENT` and "
        "`LOAD_CONTENT_CACHE`). A new briefing (article and notes) is added "
        "by the preview too; it tells shared events, so the pages of every "
        "actor of those events are rewritten. Then it is deleted again, which "
        "rewrites the same pages.",
        "",
        "| briefings | notes edited | article edited | pages rewritten "
        "| briefing added | pages rewritten | briefing deleted "
        "| stock Pelican, cached |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['preview_notes_seconds']:.2f} s | "
            f"{r['preview_article_seconds']:.2f} s | {r['preview_pages']} | "
            f"{r['preview_added_seconds']:.2f} s | {r['preview_added_pages']} | "
            f"{r['preview_removed_seconds']:.2f} s | "
            f"{r['stock_cached_seconds']:.1f} s |"
        )
    lines += [
        "",
        f"Reading packs, search off: the same site without a pack and with one "
        f"pack of {PACK_BRIEFINGS} briefings, alternating, cold (its PDF made "
        "by WeasyPrint); then built again from the cache, with the pack (its "
        "PDF kept) and without. A site without a packs folder reads no pack "
        "file and never imports WeasyPrint.",
        "",
        "| briefings | cold, no pack | cold, one pack | its cost "
        "| again, no pack | again, one pack | its cost | the PDF |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['briefings']:,} | {r['packless_seconds']:.1f} s | "
            f"{r['pack_seconds']:.1f} s | "
            f"{r['pack_seconds'] - r['packless_seconds']:+.1f} s | "
            f"{r['packless_warm_seconds']:.1f} s | "
            f"{r['pack_warm_seconds']:.1f} s | "
            f"{r['pack_warm_seconds'] - r['packless_warm_seconds']:+.1f} s | "
            f"{r['pack_pdf_pages']} pages, {r['pack_pdf_kb']:.0f} KB |"
        )
    lines += [
        "",
        "Languages, search off: the same site without translations and with a "
        f"Dari translation of one briefing in {TRANSLATED_EVERY} (its notes "
        "its own), alternating, cold. The interface of every page is "
        "localized either way (gettext, dates by Babel): that is in the ratios "
        "above.",
        "",
        "| briefings | translations | cold, none | cold, with them | their cost |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cost = r["translated_seconds"] - r["untranslated_seconds"]
        lines.append(
            f"| {r['briefings']:,} | {r['translations']:,} | "
            f"{r['untranslated_seconds']:.1f} s | {r['translated_seconds']:.1f} s | "
            f"{cost:+.1f} s ({cost / r['untranslated_seconds']:+.0%}) |"
        )
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = large["ours_seconds"] / small["ours_seconds"]
        size = large["briefings"] / small["briefings"]
        lines += [
            "",
            f"Our build at {large['briefings']:,} briefings takes {growth:.1f}x "
            f"its time at {small['briefings']:,} ({size:.0f}x the briefings).",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3, help="for sizes under 5,000")
    parser.add_argument(
        "--large-rounds", type=int, default=1, help="for sizes of 5,000 and more"
    )
    arguments = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as folder:
        for size in (int(s) for s in arguments.sizes.split(",")):
            rounds = arguments.rounds if size < 5000 else arguments.large_rounds
            result = measure(Path(folder) / str(size), size, arguments.actors, rounds)
            print(
                f"{size:>6} briefings: stock {result['stock_seconds']:.1f} s, "
                f"ours {result['ours_seconds']:.1f} s, ratio {result['ratio']:.2f}x "
                f"({result['markdown_ratio']:.2f}x against stock with the site's "
                f"Markdown, {result['markdown_seconds']:.1f} s; "
                f"{result['searched_ratio']:.2f}x against that and Pagefind, "
                f"{result['searched_seconds']:.1f} s; search off "
                f"{result['unsearched_seconds']:.1f} s, "
                f"{result['unsearched_ratio']:.2f}x), "
                f"peak {result['ours_peak_mib']:.0f} MiB (all at once "
                f"{result['ours_total_mib']:.0f} MiB); built again "
                f"{result['warm_unchanged_seconds']:.1f} s unchanged, "
                f"{result['warm_edited_seconds']:.1f} s after two edits; "
                "after one edit: "
                f"preview {result['preview_notes_seconds']:.2f} s, stock cached "
                f"{result['stock_cached_seconds']:.1f} s",
                flush=True,
            )
            results.append(result)
    RESULTS.write_text(report(results), encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
