"""`python -m briefing build|preview|check|import|new|digest|translations`:
what `make html`, `make devserver`, `make check`, `make import`,
`make briefing`, `make digest` and `make translations` run.

`build` is building.build_site: a failed or interrupted build leaves the
last good site exactly as it was. `preview` is preview.run. Both hold the
output folder's lock (building/lock.py) while they run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from pelican.log import init as init_pelican_logging
from pelican.settings import read_settings

from ..building import digest
from ..building.lock import OutputBusy, output_lock
from ..building.preview import run as run_preview
from ..building.staging import build_site, fail
from ..content.errors import ContentError, display_path
from ..settings import apply_defaults
from ..site.articles import check_content, report
from . import catalogs
from .importer import ImportRefused, import_clipping, new_briefing

logger = logging.getLogger(__name__)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-s", "--settings", default="pelican.conf.py")
    common.add_argument("-v", "--verbose", action="store_true")
    starting = argparse.ArgumentParser(add_help=False)
    starting.add_argument("--date", help="YYYY-MM-DD (default: today)")
    starting.add_argument("--slug", help="default: from the title")
    starting.add_argument("--force", action="store_true", help="replace the article")

    parser = argparse.ArgumentParser(prog="python -m briefing")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build", parents=[common], help="build the site into the output folder"
    )
    build.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
    preview = commands.add_parser(
        "preview",
        parents=[common],
        help="build, then rewrite what each edit changes (make devserver)",
    )
    preview.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
    preview.add_argument("--serve", action="store_true", help="serve the output too")
    preview.add_argument("-b", "--bind", default="127.0.0.1")
    preview.add_argument("-p", "--port", type=int, default=8000)
    commands.add_parser("check", parents=[common], help="validate the content only")
    clip = commands.add_parser(
        "import", parents=[common, starting], help="start a briefing from a clipping"
    )
    clip.add_argument("clipping", type=Path)
    clip.add_argument("--type", dest="article_type", help="news, opinion or analysis")
    new = commands.add_parser(
        "new", parents=[common, starting], help="start an empty briefing"
    )
    new.add_argument("--title", required=True)
    mail = commands.add_parser(
        "digest",
        parents=[common],
        help="the email digest of the briefings published or updated in a window",
    )
    mail.add_argument("--since", required=True, help="YYYY-MM-DD, included")
    mail.add_argument("--until", help="YYYY-MM-DD, included (default: today)")
    mail.add_argument("-o", "--output", help="output folder (default: OUTPUT_PATH)")
    strings = commands.add_parser(
        "translations",
        parents=[common],
        help="extract the interface's strings and update every catalog",
    )
    strings.add_argument(
        "--lang", action="append", default=[], help="start a catalog for it too"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(
        level=logging.INFO if args.verbose else logging.WARNING, handler=handler
    )
    settings_path = Path(args.settings)
    if not settings_path.is_file():
        print(f"{settings_path}: settings file not found", file=sys.stderr)
        return 2
    simple = {
        "check": lambda: check(settings_path),
        "translations": lambda: update_catalogs(settings_path, args.lang),
        "import": lambda: start_briefing(args, settings_path),
        "new": lambda: start_briefing(args, settings_path),
        "digest": lambda: make_digest(args, settings_path),
    }
    if args.command in simple:
        return simple[args.command]()
    if args.command == "preview":
        output = Path(args.output or read_settings(str(settings_path))["OUTPUT_PATH"])
        try:
            with output_lock(output.resolve()):
                return run_preview(
                    settings_path,
                    output.resolve(),
                    (args.bind, args.port) if args.serve else None,
                )
        except OutputBusy as busy:
            print(busy, file=sys.stderr)
            return 1
    return build(settings_path, args.output)


def start_briefing(args: argparse.Namespace, settings_path: Path) -> int:
    settings = _read_settings(settings_path)
    options = {"date": args.date, "slug": args.slug, "force": args.force}
    try:
        if args.command == "import":
            written = import_clipping(
                args.clipping, settings, article_type=args.article_type, **options
            )
        else:
            written = new_briefing(args.title, settings, **options)
    except ImportRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    print(f"wrote {display_path(written.article)}", file=sys.stderr)
    if written.notes_kept:
        print(f"kept {display_path(written.notes)} as it was", file=sys.stderr)
    else:
        print(
            f"wrote {display_path(written.notes)}: fill in the roles", file=sys.stderr
        )
    return 0


def make_digest(args: argparse.Namespace, settings_path: Path) -> int:
    try:
        since = dt.date.fromisoformat(args.since)
        until = dt.date.fromisoformat(args.until) if args.until else dt.date.today()
    except ValueError:
        print(
            f"SINCE={args.since} or UNTIL={args.until} is not a date (YYYY-MM-DD)",
            file=sys.stderr,
        )
        return 2
    if until < since:
        print(f"UNTIL={until} is before SINCE={since}", file=sys.stderr)
        return 2
    settings = read_settings(str(settings_path))
    output = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    window = digest.window_label(since, until)
    try:
        generator = digest.read_briefings(settings, output)
        with output_lock(output):
            written = digest.write_digest(generator, since, until, output)
    except ContentError as error:
        return fail(error)
    except OutputBusy as busy:
        print(busy, file=sys.stderr)
        return 1
    if written is None:
        print(
            f"no briefing was published or updated from {window}: no digest written",
            file=sys.stderr,
        )
        return 0
    print(f"wrote {display_path(written)}/index.html and digest.eml", file=sys.stderr)
    return 0


def update_catalogs(settings_path: Path, languages: list[str]) -> int:
    settings = _read_settings(settings_path)
    for owner in catalogs.catalog_owners(settings):
        for code, left in catalogs.update(owner, languages).items():
            where = display_path(owner / "translations" / code)
            state = f"{left} strings to translate" if left else "complete"
            print(f"{where}: {state}", file=sys.stderr)
    return 0


def check(settings_path: Path) -> int:
    settings = _read_settings(settings_path)
    problems = check_content(settings)
    try:
        report(problems)
    except ContentError as error:
        return fail(error)
    print("content is valid", file=sys.stderr)
    return 0


def build(settings_path: Path, output: str | None) -> int:
    settings = read_settings(str(settings_path))
    output_path = Path(output).resolve() if output else Path(settings["OUTPUT_PATH"])
    try:
        with output_lock(output_path):
            return build_site(settings, output_path)[0]
    except OutputBusy as busy:
        print(busy, file=sys.stderr)
        return 1


def _read_settings(settings_path: Path) -> dict:
    """Pelican's settings with the BRIEFING_* defaults, for the commands that
    need them without a Pelican instance (which would apply them itself)."""
    settings = read_settings(str(settings_path))
    apply_defaults(settings)
    return settings
